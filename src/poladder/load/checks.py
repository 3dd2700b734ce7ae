"""Checking a knowledge base: field errors located, then what a schema cannot say (cross-references,
clashes) and consistency warnings."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from poladder.load.documents import Problem
from poladder.load.problems import attempt, invalid, outside
from poladder.model.ladder import (
    KEPT_ON_PROMOTION,
    LEAP_FROM_ZERO,
    MAX_RISE,
    Certification,
    Hints,
    KnowledgeBase,
    Model,
    Role,
    Skill,
    cert_key,
    normal_name,
    suggest,
)

if TYPE_CHECKING:
    from poladder.load.documents import Document


def validated(document: Document) -> KnowledgeBase:
    """The document as a KnowledgeBase, or a DataError with every problem in it: field errors, and
    the broken references of what did validate, in the order of the file."""

    kb, broken = attempt(document.data, KnowledgeBase)
    if kb is not None:
        return kb
    errors, _ = check(salvage(document.data), warn=False)
    raise invalid(document, broken + outside(errors, broken))


def salvage(data: Any) -> KnowledgeBase:
    """What of a knowledge base with field errors still validates, entry by entry, for check(): an
    entry keeps its id even when it is broken, so that nothing that refers to it is called unknown."""
    from poladder.load.problems import DROP, salvaged

    placeholder = "x"  # in place of a bad id in a list: it is where a field error is, so never reported
    kinds: dict[str, tuple[type[Model], dict[str, Any], dict[str, Any]]] = {
        "skills": (Skill, {}, {"levels": DROP, "actions": "", "sources": ""}),
        "certifications": (
            Certification,
            {"provider": ""},
            {"requires": placeholder, "alternatives": placeholder, "frameworks": placeholder, "builds": 0},
        ),
        "roles": (
            Role,
            {"rank": 0},
            {
                # Any level above 0: a core skill whose level is broken is not also "not required".
                "skills": 1,
                "next": {"years": 1},
                **dict.fromkeys(
                    ("responsibilities", "sources", "reports_to_outside", "works_with_outside"), ""
                ),
                **dict.fromkeys(
                    ("aliases", "core", "certifications", "reports_to", "works_with"), placeholder
                ),
            },
        ),
    }
    sections: dict[str, dict[str, Any]] = {}
    for section, (model, required, items) in kinds.items():
        raw = data.get(section) if isinstance(data, dict) else None
        entries: dict[str, Any] = {}
        for key, entry in raw.items() if isinstance(raw, dict) else ():
            needed = {"name": str(key), **required}
            broken_skills = isinstance(entry, dict) and not isinstance(entry.get("skills", {}), dict)
            if section == "roles" and broken_skills:
                entry = {**entry, "core": []}  # no skills to check the core against
            if isinstance(entry, dict):
                entries[str(key)] = salvaged(entry, model, needed, items)
            else:
                entries[str(key)] = model.model_construct(**needed)
        sections[section] = entries
    return KnowledgeBase.model_construct(
        name=None,
        version=None,
        description=None,
        skills=sections["skills"],
        certifications=sections["certifications"],
        roles=sections["roles"],
    )


def check(kb: KnowledgeBase, warn: bool = True) -> tuple[list[Problem], list[Problem]]:
    """Errors (broken references, clashes) and, if `warn`, warnings (a ladder that contradicts itself)."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    skills, certs, roles = kb.skills.keys(), kb.certifications.keys(), kb.roles.keys()
    hints = Hints()

    def ref(
        loc: tuple[str | int, ...], wanted: str, known: Collection[str], what: str, at_key: bool = False
    ) -> None:
        if wanted not in known:
            errors.append(
                Problem(
                    loc,
                    str(suggest(what, wanted, known, hints)),
                    f"define {what} {wanted!r} under {what}s: or fix the id",
                    at_key,
                )
            )

    for cert_id, cert in kb.certifications.items():
        for i, req in enumerate(cert.requires):
            if req == cert_id:
                errors.append(
                    Problem(
                        ("certifications", cert_id, "requires", i),
                        "a certification requires itself",
                        "remove it from requires",
                    )
                )
            ref(("certifications", cert_id, "requires", i), req, certs, "certification")
        for i, alternative in enumerate(cert.alternatives):
            if alternative == cert_id:
                errors.append(
                    Problem(
                        ("certifications", cert_id, "alternatives", i),
                        "a certification is its own alternative",
                        "remove it from alternatives",
                    )
                )
            else:
                ref(("certifications", cert_id, "alternatives", i), alternative, certs, "certification")
        for skill_id in cert.builds:
            ref(("certifications", cert_id, "builds", skill_id), skill_id, skills, "skill", at_key=True)
        if cert.experience is not None:
            for i, role_id in enumerate(cert.experience.roles):
                ref(("certifications", cert_id, "experience", "roles", i), role_id, roles, "role")
    errors.extend(_requires_cycles(kb))
    frameworks = set(kb.frameworks) | {f for cert in kb.certifications.values() for f in cert.frameworks}
    for framework_id, framework in kb.frameworks.items():
        for i, included in enumerate(framework.includes):
            ref(("frameworks", framework_id, "includes", i), included, frameworks, "framework")
    for skill_id, skill in kb.skills.items():
        for i, action in enumerate(skill.actions):
            if not isinstance(action, str) and action.certification is not None:
                at = ("skills", skill_id, "actions", i, "certification")
                ref(at, action.certification, certs, "certification")

    owner: dict[str, str] = {role_id: role_id for role_id in roles}
    named = _name_clashes(kb, errors)
    for role_id, role in kb.roles.items():
        base = ("roles", role_id)
        for skill_id in role.skills:
            ref((*base, "skills", skill_id), skill_id, skills, "skill", at_key=True)
        for i, skill_id in enumerate(role.core):
            if skill_id not in skills:
                ref((*base, "core", i), skill_id, skills, "skill")
            elif role.skills.get(skill_id, 0) == 0:
                required = "at level 0" if skill_id in role.skills else "not under its skills"
                errors.append(
                    Problem(
                        (*base, "core", i),
                        f"core skill {skill_id!r} is not required by the role ({required})",
                        f"require {skill_id} under skills: with a level above 0, or remove it from core",
                    )
                )
        for i, cert_id in enumerate(role.certifications):
            ref((*base, "certifications", i), cert_id, certs, "certification")
        for field in ("reports_to", "works_with"):
            for i, other in enumerate(getattr(role, field)):
                ref((*base, field, i), other, roles, "role")
        for target in role.next:
            if target == role_id:
                errors.append(
                    Problem(
                        (*base, "next", target),
                        "a move from a role to itself",
                        "remove it: next lists moves to other roles",
                        True,
                    )
                )
            else:
                ref((*base, "next", target), target, roles, "role", at_key=True)
        for i, alias in enumerate(role.aliases):
            if alias in owner and owner[alias] != role_id:
                whose = "the id of role" if alias in kb.roles else "an alias of role"
                errors.append(
                    Problem(
                        (*base, "aliases", i),
                        f"alias {alias!r} is already {whose} {owner[alias]!r}",
                        "use another alias",
                    )
                )
            elif alias in named and named[alias] != role_id:
                errors.append(
                    Problem(
                        (*base, "aliases", i),
                        f"alias {alias!r} is already the name of role {named[alias]!r}",
                        "use another alias",
                    )
                )
            owner.setdefault(alias, role_id)

    if not warn:
        return errors, warnings
    for role_id, role in kb.roles.items():
        for target, move in role.next.items():
            other = kb.roles.get(target)
            if other is None:
                continue
            loc = ("roles", role_id, "next", target)
            if move.kind == "promotion" and other.rank < role.rank:
                warnings.append(
                    Problem(
                        loc,
                        f"a promotion to a lower rank ({role.rank} -> {other.rank})",
                        "make it a lateral move or fix the ranks",
                        True,
                    )
                )
            # Craft skills may fall as people move into leadership; leadership and strategy may not.
            if move.kind == "promotion":
                for skill_id, have in role.skills.items():
                    known = kb.skills.get(skill_id)
                    category = known.category if known is not None else None
                    need = other.skills.get(skill_id, 0)
                    if category in KEPT_ON_PROMOTION and need < have:
                        warnings.append(
                            Problem(
                                loc,
                                f"a promotion lowers {skill_id} ({category}) from {have} to {need}",
                                f"require {skill_id} at {have} or more in {target}: "
                                f"{' and '.join(KEPT_ON_PROMOTION)} skills do not fall on a promotion",
                                True,
                            )
                        )
            # What nobody can do is leap.
            for skill_id, need in other.skills.items():
                have = role.skills.get(skill_id, 0)
                if need - have > MAX_RISE or (have == 0 and need >= LEAP_FROM_ZERO):
                    warnings.append(
                        Problem(
                            loc,
                            f"a leap in {skill_id} from {have} to {need} in one move",
                            f"require {skill_id} in {role_id} too, or add a role in between",
                            True,
                        )
                    )
    for skill_id, skill in kb.skills.items():
        for i, action in enumerate(skill.actions):
            if isinstance(action, str) or action.certification not in kb.certifications:
                continue
            cert_id = action.certification
            built = kb.certifications[cert_id].builds.get(skill_id)
            if built is None:
                warnings.append(
                    Problem(
                        ("skills", skill_id, "actions", i, "certification"),
                        f"certification {cert_id!r} does not build {skill_id}",
                        f"add {skill_id} to its builds:, or move the action to a skill it builds",
                    )
                )
            elif action.level is not None and action.level > built:
                warnings.append(
                    Problem(
                        ("skills", skill_id, "actions", i, "level"),
                        f"the action is for level {action.level}, "
                        f"but {cert_id!r} builds {skill_id} only to {built}",
                        f"lower the action's level to {built}, or raise what the certification builds",
                    )
                )
    led_to = {t for role in kb.roles.values() for t in role.next}
    lowest = min((role.rank for role in kb.roles.values()), default=0)
    highest = max((role.rank for role in kb.roles.values()), default=0)
    for role_id, role in kb.roles.items():
        if role_id not in led_to and role.rank != lowest:
            warnings.append(
                Problem(
                    ("roles", role_id), "no role leads to this one", "add it to another role's next:", True
                )
            )
        if not role.next and role.rank != highest:
            warnings.append(
                Problem(
                    ("roles", role_id), "this role leads nowhere", "add the moves out of it under next:", True
                )
            )
    return errors, warnings


def _name_clashes(kb: KnowledgeBase, errors: list[Problem]) -> dict[str, str]:
    """An error for each role, skill or certification whose name is another one's id or name (a look-up
    of that name would show the other one, or only one of them: ids win, then the first); returns each
    role's name as a look-up spells it -> the first role of that name, for the check of aliases. The
    parts of a certification's name (`CSPO` in its parentheses) are only extra ways to find it, like
    the words of a name, and may be shared."""
    role_names = _clashes(
        "role",
        {role_id: role_id for role_id in kb.roles},
        ((role_id, role.name, normal_name(role.name)) for role_id, role in kb.roles.items()),
        errors,
    )
    _clashes(
        "skill",
        {skill_id: skill_id for skill_id in kb.skills},
        ((s, skill.name, normal_name(skill.name)) for s, skill in kb.skills.items()),
        errors,
    )
    _clashes(
        "certification",
        {cert_key(cert_id): cert_id for cert_id in kb.certifications},
        ((c, cert.name, cert_key(cert.name)) for c, cert in kb.certifications.items()),
        errors,
    )
    return role_names


def _clashes(
    kind: str, ids: dict[str, str], names: Iterable[tuple[str, str, str]], errors: list[Problem]
) -> dict[str, str]:
    """`ids`: each id as a look-up spells it -> the id; `names`: (entry id, its name, the name as a
    look-up spells it). Returns each such name -> the first entry of that name."""
    named: dict[str, str] = {}
    for entry_id, name, key in names:
        other = ids.get(key) or named.get(key)
        if other is not None and other != entry_id:
            whose = "the id" if key in ids else "the name"
            errors.append(
                Problem(
                    (f"{kind}s", entry_id, "name"),
                    f"name {name!r} is already {whose} of {kind} {other!r}",
                    f"give the {kind} a name of its own: a name must not be another {kind}'s id or name",
                )
            )
        named.setdefault(key, entry_id)
    return named


def _requires_cycles(kb: KnowledgeBase) -> list[Problem]:
    """A problem for each `requires` that closes a cycle, found by a depth-first walk that keeps its
    own stack (a chain of prerequisites may be longer than Python's call stack allows)."""
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1 on the current trail, 2 done
    certifications = kb.certifications
    for first in certifications:
        if first in state:
            continue
        state[first] = 1
        trail = [first]  # the walk's stack: the certifications from `first` to the one being visited
        pending = [iter(certifications[first].requires)]
        while trail:
            cert_id = trail[-1]
            req = next(pending[-1], None)
            if req is None:
                state[cert_id] = 2
                trail.pop()
                pending.pop()
            elif req in certifications and req != cert_id:
                if state.get(req) == 1:
                    cycle = [*trail[trail.index(req) :], req]
                    problems.append(
                        Problem(
                            ("certifications", cert_id, "requires"),
                            "certifications require each other: " + " -> ".join(cycle),
                            "break the cycle",
                        )
                    )
                elif req not in state:
                    state[req] = 1
                    trail.append(req)
                    pending.append(iter(certifications[req].requires))
    return problems
