"""The knowledge-base format: roles, skills, certifications and the moves between roles.

The pydantic models here are the public contract (`poladder schema` prints them as JSON Schema).
`check` adds what a schema cannot say: cross-references, alias clashes, and consistency warnings.
"""

# No `from __future__ import annotations` in modules of models every command imports: pydantic
# would compile and evaluate each annotation string when the class is made (a third of the cost).
import difflib
import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, StringConstraints, Tag

from poladder.errors import DataError, Problem, UsageError

if TYPE_CHECKING:
    from poladder.documents import Document

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Level = Annotated[
    int,
    Field(
        ge=0, le=5, description="0 none, 1 novice, 2 advanced beginner, 3 competent, 4 proficient, 5 expert"
    ),
]

# A move may raise a required level by at most this much, and never from 0 to LEAP_FROM_ZERO or above:
# one role's experience does not take anyone from nothing to proficient.
MAX_RISE = 3
LEAP_FROM_ZERO = 4
# Skill categories a promotion never lowers: craft falls as people move up, leadership and strategy do not.
KEPT_ON_PROMOTION = ("leadership", "strategy")

LEVEL_NAMES = ("none", "novice", "advanced beginner", "competent", "proficient", "expert")
# A level someone can grow *to*: an action or a certification never brings anyone to 0.
TargetLevel = Annotated[int, Field(ge=1, le=5, description="The level (1-5) this helps someone reach")]


class Model(BaseModel):
    # defer_build: a command pays for the schemas it uses, not for every model at import.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Action(Model):
    """A way to grow a skill, for the person who is one level below `level`."""

    text: str
    level: TargetLevel | None = None
    certification: Id | None = Field(
        default=None, description="Set when the action is earning this certification"
    )


def _action_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return ACTION_TAGS[0]
    if isinstance(value, (dict, Action)):
        return ACTION_TAGS[1]
    return None


# A tagged union validates only the branch that fits, so a bad mapping gets its own errors and not
# also "Input should be a valid string"; documents.problems() leaves these tags out of locations.
ACTION_TAGS = ("action-text", "action-mapping")
ActionItem = Annotated[
    Annotated[str, Tag(ACTION_TAGS[0])] | Annotated[Action, Tag(ACTION_TAGS[1])],
    Discriminator(
        _action_kind,
        custom_error_type="action_type",
        custom_error_message="an action is text or a mapping {text, level, certification}",
    ),
]


class Skill(Model):
    name: str
    category: str | None = None
    description: str | None = None
    levels: dict[Level, str] = Field(
        default_factory=dict, description="What each proficiency level looks like"
    )
    actions: list[ActionItem] = Field(
        default_factory=list,
        description="Ways to grow this skill: plain text (any level) or {text, level, certification}",
    )
    sources: list[str] = Field(default_factory=list, description="URLs the description rests on")


class Experience(Model):
    """Time in a role that a certification body asks for before one may take the certification."""

    months: int = Field(gt=0, le=600, description="Months spent in any of `roles`: 1 to 600")
    roles: list[Id] = Field(min_length=1, description="Role ids whose time counts")


class Cost(Model):
    """What earning a certification costs, as a public source gives it. Without `amount` it varies
    (set by each trainer or course provider), and `note` says so."""

    amount: float | None = Field(
        default=None,
        ge=0,
        le=100_000,
        allow_inf_nan=False,
        description="The price in `currency`; leave it out when the price varies",
    )
    currency: str | None = Field(default=None, description="ISO 4217 code of `amount`, e.g. USD")
    note: str | None = Field(
        default=None, description="What the amount covers (per attempt, course included) or why it varies"
    )
    source: str | None = Field(default=None, description="URL of the page the figure comes from")


class Duration(Model):
    """How long a certification's course and exam take, as a public source gives them."""

    course_hours: float | None = Field(
        default=None, gt=0, le=1000, allow_inf_nan=False, description="Hours of the course, if there is one"
    )
    exam_minutes: int | None = Field(default=None, gt=0, le=1440, description="Minutes of the exam, if any")
    note: str | None = Field(default=None, description="Which version the figures are from, or why they vary")
    source: str | None = Field(default=None, description="URL of the page the figures come from")


class Certification(Model):
    name: str
    provider: str
    url: str | None = Field(default=None, description="The source: the provider's page")
    level: str | None = None
    description: str | None = None
    prerequisites: str | None = Field(default=None, description="Prerequisites that are not certifications")
    requires: list[Id] = Field(default_factory=list, description="Certification ids that must be held first")
    builds: dict[Id, Level] = Field(
        default_factory=dict, description="Skill id -> the level it brings you to"
    )
    experience: Experience | None = Field(
        default=None, description="Months in given roles needed before one may take it"
    )
    alternatives: list[Id] = Field(
        default_factory=list,
        description="Certification ids that serve the same purpose from another provider (CSPO, PSPO I)",
    )
    frameworks: list[Id] = Field(
        default_factory=list, description="The frameworks it is specific to, e.g. safe, scrum-at-scale"
    )
    cost: Cost | None = Field(default=None, description="What it costs, with its source")
    duration: Duration | None = Field(default=None, description="How long its course and exam take")


class Move(Model):
    years: float = Field(
        gt=0,
        le=50,
        allow_inf_nan=False,
        description="Typical years in the role before this move: above 0, at most 50",
    )
    kind: Literal["promotion", "lateral"] = "promotion"
    note: str | None = Field(default=None, description="Where the typical years come from")
    how: list[str] = Field(
        default_factory=list,
        description="Concrete ways people make this move: stretch assignments, conversations, evidence",
    )
    pitfalls: list[str] = Field(default_factory=list, description="Known ways this move goes wrong")


class Role(Model):
    name: str
    aliases: list[Id] = Field(default_factory=list)
    rank: int = Field(ge=-1000, le=1000, description="Seniority: higher is more senior (-1000 to 1000)")
    track: str | None = Field(default=None, description="e.g. product-ownership, agile-leadership, executive")
    summary: str = ""
    responsibilities: list[str] = Field(default_factory=list)
    skills: dict[Id, Level] = Field(default_factory=dict, description="Skill id -> required proficiency")
    core: list[Id] = Field(
        default_factory=list,
        description="The skills that make the role: ids from `skills`, each required above 0",
    )
    certifications: list[Id] = Field(default_factory=list, description="Recommended certification ids")
    reports_to: list[Id] = Field(default_factory=list)
    reports_to_outside: list[str] = Field(
        default_factory=list,
        description="Whom the role reports to outside this ladder, e.g. 'Chief Executive Officer (CEO)'",
    )
    works_with: list[Id] = Field(default_factory=list)
    works_with_outside: list[str] = Field(
        default_factory=list,
        description="Whom it works with closely outside this ladder, e.g. 'Chief Technology Officer (CTO)'",
    )
    next: dict[Id, Move] = Field(default_factory=dict, description="Role id -> the move to it")
    sources: list[str] = Field(default_factory=list)


class KnowledgeBase(Model):
    """A career ladder: the format of data/roles.yaml and of every organisation's own ladder."""

    model_config = ConfigDict(title="poladder knowledge base")

    name: str | None = None
    version: str | None = Field(default=None, description="Stamped on every result made from this ladder")
    description: str | None = None
    skills: dict[Id, Skill]
    certifications: dict[Id, Certification] = Field(default_factory=dict)
    roles: dict[Id, Role]
    _role_names: dict[str, str] | None = PrivateAttr(default=None)

    @classmethod
    def trusted(cls, data: dict[str, Any]) -> "KnowledgeBase":
        """Rebuild a base from `model_dump` output of a validated base, without validating it again.

        Only for data this program wrote itself (the cache, whose checksum is verified first).
        """
        return cls.model_construct(
            name=data["name"],
            version=data["version"],
            description=data["description"],
            skills={
                k: Skill.model_construct(
                    **{
                        **v,
                        "levels": {int(n): t for n, t in v["levels"].items()},
                        "actions": [
                            a if isinstance(a, str) else Action.model_construct(**a) for a in v["actions"]
                        ],
                    }
                )
                for k, v in data["skills"].items()
            },
            certifications={
                k: Certification.model_construct(
                    **{
                        **v,
                        "experience": v["experience"] and Experience.model_construct(**v["experience"]),
                        "cost": v["cost"] and Cost.model_construct(**v["cost"]),
                        "duration": v["duration"] and Duration.model_construct(**v["duration"]),
                    }
                )
                for k, v in data["certifications"].items()
            },
            roles={
                k: Role.model_construct(
                    **{**v, "next": {t: Move.model_construct(**m) for t, m in v["next"].items()}}
                )
                for k, v in data["roles"].items()
            },
        )

    def role_names(self) -> dict[str, str]:
        """Every name a role answers to (id, alias, normalised full name) -> its id; the first role wins.

        Made once per base (a base is never changed once loaded): `path A B` looks up two roles, and
        on a ladder of 10,000 roles each look-up would otherwise cost 15 ms.
        """
        if self._role_names is None:
            names: dict[str, str] = {}
            for role_id, role in self.roles.items():
                for name in (role_id, *role.aliases, normal_name(role.name)):
                    names.setdefault(name, role_id)
            self._role_names = names
        return self._role_names

    def find_role(self, text: str, names: dict[str, str] | None = None) -> str | None:
        """The id of the role `text` names (id, alias or full name, any case and spacing), or None."""
        return (names if names is not None else self.role_names()).get(normal_name(text))

    def unknown_role(self, text: str) -> str:
        """'unknown role 'x'; did you mean 'y'?' — the same words on the command line and in files."""
        names = {n: role_id for role_id, role in self.roles.items() for n in (role_id, *role.aliases)}
        return f"unknown role {text!r}" + _did_you_mean(normal_name(text), names)

    def role_id(self, text: str) -> str:
        """The id of the role that `text` names, or a UsageError (exit 2) with suggestions."""
        found = self.find_role(text)
        if found is None:
            raise UsageError(self.unknown_role(text) + " — `poladder roles` lists them")
        return found

    def skill_id(self, text: str) -> str:
        """The id of the skill `text` names (id or full name, any case and spacing), or a UsageError."""
        wanted = normal_name(text)
        names: dict[str, str] = {}
        for skill_id, skill in self.skills.items():
            names.setdefault(skill_id, skill_id)
            names.setdefault(normal_name(skill.name), skill_id)
        if wanted in names:
            return names[wanted]
        raise UsageError(
            f"unknown skill {text!r}{_did_you_mean(wanted, names)} — `poladder skills` lists them"
        )

    def certification_names(self) -> dict[str, str]:
        """Every name a certification answers to, as cert_key() spells it -> its id: the id, the full
        name, the name without its parentheses and the abbreviation inside them (`CSPO`, `PSPO I`).
        Ids win over names and abbreviations, and the first certification over later ones."""
        names: dict[str, str] = {}
        for cert_id in self.certifications:
            names.setdefault(cert_key(cert_id), cert_id)
        for cert_id, cert in self.certifications.items():
            inside = re.findall(r"\(([^()]*)\)", cert.name)
            for name in (*inside, re.sub(r"\([^()]*\)", " ", cert.name), cert.name):
                if cert_key(name):
                    names.setdefault(cert_key(name), cert_id)
        return names

    def find_certification(self, text: str, names: dict[str, str] | None = None) -> str | None:
        """The id of the certification `text` names, or None: its id, full name or abbreviation, in any
        case, spacing and hyphens, with Roman or Arabic numerals (`pspo-1`, `PSPO I`, `CSPO`)."""
        return (names if names is not None else self.certification_names()).get(cert_key(text))

    def unknown_certification(self, text: str, names: dict[str, str] | None = None) -> str:
        """'unknown certification 'x'; did you mean 'y'?' — the same words in files and in answers."""
        known = names if names is not None else self.certification_names()
        return f"unknown certification {text.strip()!r}" + _did_you_mean(cert_key(text), known)

    def cert_id(self, text: str) -> str:
        """The id of the certification that `text` names, or a UsageError with suggestions."""
        found = self.find_certification(text)
        if found is None:
            raise UsageError(self.unknown_certification(text) + " — `poladder certs` lists them")
        return found


def cert_key(text: str) -> str:
    """How certification names are compared: lower case, without spaces, hyphens or punctuation, the
    Roman numerals I, II and III as 1, 2, 3 (`PSPO I`, `pspo-1` and `Pspo 1` are all `pspo1`)."""
    words = re.split(r"[\W_]+", text.lower())
    return "".join(_ROMAN.get(word, word) for word in words)


_ROMAN = {"i": "1", "ii": "2", "iii": "3"}


def normal_name(text: str) -> str:
    """A name as an id spells it: lower case, words joined by hyphens (`Product_Owner`: `product-owner`)."""
    return "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def _did_you_mean(wanted: str, names: dict[str, str]) -> str:
    """Suggest up to three close names; `names` maps each name to what it names, shown once each."""
    close = difflib.get_close_matches(wanted, list(names), n=6, cutoff=0.6)
    shown = list(dict.fromkeys(names[c] or c for c in close))[:3]
    if not shown:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in shown) + "?"


def suggest(wanted: str, known: list[str]) -> str:
    """'; did you mean 'x'?' or '' — for messages about ids in files."""
    return _did_you_mean(wanted, dict.fromkeys(known, ""))


def validated(document: "Document") -> KnowledgeBase:
    """The document as a KnowledgeBase, or a DataError with every problem in it: field errors, and
    the broken references of what did validate, in the order of the file."""
    from poladder import documents

    kb, broken = documents.attempt(document.data, KnowledgeBase)
    if kb is not None:
        return kb
    errors, _ = check(salvage(document.data), warn=False)
    raise DataError(*documents.formatted(document, broken + documents.outside(errors, broken)))


def salvage(data: Any) -> KnowledgeBase:
    """What of a knowledge base with field errors still validates, entry by entry, for check(): an
    entry keeps its id even when it is broken, so that nothing that refers to it is called unknown."""
    from poladder.documents import DROP, salvaged

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

    def ref(
        loc: tuple[str | int, ...], wanted: str, known: Collection[str], what: str, at_key: bool = False
    ) -> None:
        if wanted not in known:
            errors.append(
                Problem(
                    loc,
                    f"unknown {what} {wanted!r}{suggest(wanted, list(known))}",
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
    for skill_id, skill in kb.skills.items():
        for i, action in enumerate(skill.actions):
            if not isinstance(action, str) and action.certification is not None:
                at = ("skills", skill_id, "actions", i, "certification")
                ref(at, action.certification, certs, "certification")

    owner: dict[str, str] = {role_id: role_id for role_id in roles}
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


def _requires_cycles(kb: KnowledgeBase) -> list[Problem]:
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(cert_id: str, trail: list[str]) -> None:
        state[cert_id] = 1
        for req in kb.certifications[cert_id].requires:
            if req not in kb.certifications or req == cert_id:
                continue
            if state.get(req) == 1:
                cycle = [*trail[trail.index(req) :], req] if req in trail else [cert_id, req]
                problems.append(
                    Problem(
                        ("certifications", cert_id, "requires"),
                        "certifications require each other: " + " -> ".join(cycle),
                        "break the cycle",
                    )
                )
            elif req not in state:
                visit(req, [*trail, req])
        state[cert_id] = 2

    for cert_id in kb.certifications:
        if cert_id not in state:
            visit(cert_id, [cert_id])
    return problems


def prerequisite_order(kb: KnowledgeBase, wanted: list[str], held: set[str]) -> list[str]:
    """`wanted` certifications plus the ones they require that are not held, prerequisites first."""
    order: list[str] = []
    seen = set(held)

    def add(cert_id: str) -> None:
        if cert_id in seen:
            return
        seen.add(cert_id)
        cert = kb.certifications.get(cert_id)
        for req in cert.requires if cert else ():
            add(req)
        order.append(cert_id)

    for cert_id in wanted:
        add(cert_id)
    return order
