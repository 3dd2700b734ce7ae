"""Advice a good coach would give: actions that fit the person and the level they are growing to, and
the certifications worth taking — which now, which later, and which only in some organisations.

The rules, which `poladder assess --help` states too:
- An action marked with a level is for someone growing *to* that level. The complete list for a skill
  is the actions for the levels still to climb (have < level <= need) plus the plain ones; the focus
  takes the actions for the next level (have + 1), else the nearest level the step still needs, else
  the plain ones.
- Actions fit the person's seniority: none below the level of the role they hold (the lowest level
  it asks of its core skills; without core skills, the middle of its levels), whatever the skill's
  need; an action without a level counts as one for the level the skill is to reach. A skill whose
  climb lies wholly below that level gets no action at all — an empty list, which the views show as
  "no action in the ladder at your level" — never a junior one in its place. And none that asks
  for help from someone in their own role ("your Scrum Master" to a Scrum Master).
- An action at the level the role they aim at asks of one of its core skills, above what their own
  role asks, is that role's own job: a stretch assignment, with how to get the room to do it.
- Certifications worth taking come from the roles ahead on the route, with the prerequisites they
  need first; and whatever the route, from the person's own role and the next rung of its track (its
  quickest promotion within the track) the first on each one's list not held, when they qualify now.
  Never one held, and never one a held alternative covers (PSPO I covers CSPO). Alternatives (the
  ladder's `alternatives`) are one choice, "CSPO or PSPO I", named first the one whose prerequisites
  are held or offered earlier on the route (so a track is followed: A-CSPO, then CSP-PO).
- A certification is `now` when its prerequisites are held, its experience is met, it is for the
  person's own role or the next step, and it is not specific to a framework their organisation does
  not use (the frameworks a profile lists, else the ladder's assumed ones, each with the frameworks it
  includes, in turn: SAFe includes Scrum, so a SAFe organisation uses Scrum); `conditional` when only
  the framework stands in the way ("if your organisation uses SAFe"); `later` otherwise, with the date
  it becomes possible when time in a qualifying role will make it up, and always with what is missing
  or the step it is for.
- An action about earning a certification is shown only while that certification (or an alternative
  in its choice) is `now`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Literal

from pydantic import Field

from poladder.core.dates import add_months, months_until
from poladder.core.wording import listed, plural
from poladder.model.ladder import Action, Certification, KnowledgeBase, Role, Skill, normal_name
from poladder.model.result import Result


class CertificationAdvice(Result):
    certification: str
    status: Literal["now", "later", "conditional"] = Field(
        description="now: worth taking now (see the rules); conditional: only if your organisation uses "
        "its framework (see `condition`); later: something is missing, or it is for a step after the next"
    )
    eligible_from: date | None = Field(
        description="For later: the date the experience is made up, if time in your current role makes it up"
    )
    missing: list[str] = Field(description="What stands between you and it; empty when nothing does")
    requires: list[str] = Field(description="Prerequisite certification ids you do not hold yet")
    months_short: int = Field(description="Months of experience in a qualifying role still to make up")
    role: str = Field(description="The role on your route that recommends it (or what needs it first)")
    step: int = Field(description="That role's step on the route: 1 is the next move, 0 your own role")
    why: str
    alternatives: list[str] = Field(
        default_factory=list,
        description="Equivalent certifications, offered as one choice with this one: take one of them",
    )
    condition: str | None = Field(
        default=None,
        description="Set when it is specific to frameworks your organisation is not known to use",
    )


Period = tuple[str, date, int | None]  # a role, from when, for how many months (None: from then on)


def as_action(item: str | Action) -> Action:
    return Action(text=item) if isinstance(item, str) else item


class Fit:
    """Who the actions are for: the level below which no action is offered (the seniority of the role
    they hold), and the words that would make an action nonsense for them ("your Scrum Master")."""

    __slots__ = ("avoid", "floor")

    def __init__(self, floor: int = 0, avoid: tuple[str, ...] = ()) -> None:
        self.floor = floor
        self.avoid = avoid

    @classmethod
    def of(cls, kb: KnowledgeBase, role_id: str | None) -> Fit:
        if role_id is None or role_id not in kb.roles:
            return cls()
        role = kb.roles[role_id]
        return cls(seniority(role), (f"your {role.name.lower()}",))

    def suits(self, text: str) -> bool:
        lowered = text.lower()
        return not any(words in lowered for words in self.avoid)


ANYONE = Fit()


def seniority(role: Role) -> int:
    """The level of a role: the lowest it asks of its core skills, else the middle of all its levels."""
    core = [role.skills[s] for s in role.core if s in role.skills]
    if core:
        return min(core)
    levels = sorted(n for n in role.skills.values() if n > 0)
    return levels[(len(levels) - 1) // 2] if levels else 0


def _offered(item: str | Action, available: set[str], fit: Fit) -> bool:
    text = item if isinstance(item, str) else item.text
    if not fit.suits(text):
        return False
    return isinstance(item, str) or item.certification is None or item.certification in available


def climb_actions(
    skill: Skill, have: int, need: int, available: Iterable[str] = (), fit: Fit = ANYONE
) -> list[Action]:
    """Every action for the levels still to climb (have < level <= need) and at or above the person's
    seniority (`fit.floor`), whatever `need` is, then the plain ones — which count as actions at
    `need`: none at all when the whole climb is below the person's seniority.

    `available`: the certifications that may be suggested (on the route and takeable now)."""
    if need < fit.floor:  # the rule of the module docstring, written here once
        return []
    offer = set(available)
    lowest = max(have + 1, fit.floor)
    items = [a for a in skill.actions if _offered(a, offer, fit)]
    levelled = sorted(
        (a for a in items if not isinstance(a, str) and a.level is not None and lowest <= a.level <= need),
        key=lambda a: a.level or 0,
    )
    plain = [as_action(a) for a in items if isinstance(a, str) or a.level is None]
    return levelled + plain


def focus_actions(
    skill: Skill, have: int, need: int, available: Iterable[str] = (), fit: Fit = ANYONE
) -> list[Action]:
    """The actions for the next level (have + 1, or the person's seniority if higher), else the nearest
    level up to `need`, else the plain ones; none when the climb is below the person's seniority."""
    climbing = climb_actions(skill, have, need, available, fit)
    levelled = [a for a in climbing if a.level is not None]
    if levelled:
        nearest = min(a.level or 0 for a in levelled)
        return [a for a in levelled if a.level == nearest]
    return climbing


def is_stretch(kb: KnowledgeBase, action: Action, skill: str, role: str | None, step: str | None) -> bool:
    """An action at the level `step` asks of one of its core skills, above what the person's own role
    asks: that role's own job, done before having it."""
    if action.level is None or action.certification or step is None or skill not in kb.roles[step].core:
        return False
    mine = kb.roles[role].skills.get(skill, 0) if role in kb.roles and role else 0
    return mine < action.level and action.level >= kb.roles[step].skills.get(skill, 0)


NO_ACTION = "No action in the ladder at your level: agree one with your manager"
"""What a view says for a skill with no action: none in the ladder for it, or none at the person's
seniority (see the rules above)."""


def stretch_note(role_name: str) -> str:
    """How to get the room to do a role's own job before having it."""
    return (
        f"Stretch assignments are {role_name}'s own job: ask for the room to do them — deputise when one "
        "is away, find a sponsor who backs your decisions, or agree to own one for a quarter"
    )


def experience_date(
    kb: KnowledgeBase, cert: Certification, experience: dict[str, float], periods: Sequence[Period]
) -> tuple[float, date | None]:
    """(months still short, the date they are made up) walking `periods`; (0, None) when already met.

    Time counts in any of the certification's roles, added up; the date is None when no period in a
    qualifying role makes the time up."""
    if cert.experience is None:
        return 0.0, None
    roles = set(cert.experience.roles)
    short = cert.experience.months - 12 * sum(y for r, y in experience.items() if r in roles)
    if short <= 0:
        return 0.0, None
    remaining = short
    for role, start, months in periods:
        if role not in roles:
            continue
        if months is None or remaining <= months:
            return short, add_months(start, months_until(remaining))
        remaining -= months
    return short, None


def _roles_text(kb: KnowledgeBase, role_ids: list[str]) -> str:
    return listed([kb.roles[r].name if r in kb.roles else r for r in role_ids], "or")


def _months(months: float) -> str:
    return plural(months_until(months), "month")


def alternatives_of(kb: KnowledgeBase, cert_id: str) -> list[str]:
    """The certifications that serve instead of `cert_id`, listed on either side."""
    cert = kb.certifications.get(cert_id)
    found = [a for a in (cert.alternatives if cert else []) if a in kb.certifications and a != cert_id]
    found += [c for c, other in kb.certifications.items() if cert_id in other.alternatives and c not in found]
    return [c for c in found if c != cert_id]


def covered(kb: KnowledgeBase, held: Iterable[str]) -> set[str]:
    """What holding `held` makes unnecessary: the certifications themselves and their alternatives."""
    have = set(held)
    return have | {a for c in have for a in alternatives_of(kb, c)}


def framework_condition(kb: KnowledgeBase, cert_id: str, frameworks: frozenset[str] | None) -> str | None:
    """Why a certification may not be worth taking: it is specific to frameworks the organisation is
    not known to use (`frameworks`; None: the ladder's assumed ones); None when nothing stands in the way."""
    cert = kb.certifications[cert_id]
    used = frameworks_of(kb, None) if frameworks is None else frameworks
    if cert.frameworks and not used.intersection(cert.frameworks):
        return (
            f"only if your organisation uses {listed([kb.framework_name(f) for f in cert.frameworks], 'or')}"
        )
    return None


def frameworks_of(kb: KnowledgeBase, profile_frameworks: Iterable[str] | None) -> frozenset[str]:
    """The frameworks a person's organisation uses: the profile's, else the ladder's assumed ones, with
    every framework they include (the ladder's `includes`), and what those include in turn."""
    named = (
        kb.assumed_frameworks if profile_frameworks is None else {normal_name(f) for f in profile_frameworks}
    )
    used = set(named)
    pending = list(named)
    while pending:
        found = kb.frameworks.get(pending.pop())
        for included in found.includes if found is not None else ():
            if included not in used:
                used.add(included)
                pending.append(included)
    return frozenset(used)


def assess_certification(
    kb: KnowledgeBase,
    cert_id: str,
    held: set[str],
    experience: dict[str, float],
    periods: Sequence[Period],
    role: str,
    step: int,
    why: str,
    frameworks: frozenset[str] | None = None,
    alternatives: Sequence[str] = (),
) -> CertificationAdvice:
    cert = kb.certifications[cert_id]
    requires = [r for r in cert.requires if r not in held]
    missing = [f"hold {kb.certifications[r].name if r in kb.certifications else r} first" for r in requires]
    short, when = experience_date(kb, cert, experience, periods)
    if short > 0 and cert.experience is not None:
        done = cert.experience.months - short
        had = f" (you have {_months(done)})" if done > 0 else ""
        missing.append(f"{_months(short)} more as {_roles_text(kb, cert.experience.roles)}{had}")
    condition = framework_condition(kb, cert_id, frameworks)
    status: Literal["now", "later", "conditional"] = "now"
    if missing or step > 1:
        status = "later"
    elif condition:
        status = "conditional"
    return CertificationAdvice(
        certification=cert_id,
        status=status,
        eligible_from=when,
        missing=missing,
        requires=requires,
        months_short=months_until(short),
        role=role,
        step=step,
        why=why,
        alternatives=list(alternatives),
        condition=condition,
    )


def route_certifications(
    kb: KnowledgeBase,
    route: Sequence[str],
    held: Iterable[str],
    experience: dict[str, float],
    periods: Sequence[Period],
    frameworks: frozenset[str] | None = None,
) -> list[CertificationAdvice]:
    """The certifications worth taking along `route` (the rules are in the module docstring): the
    route's first role's own ones and its track's next rung's when the person qualifies now (at the
    end of the route, all of its own), then those of the roles ahead, prerequisites first."""
    if not route:
        return []
    have = set(held)
    seen = covered(kb, have)
    origin = route[0]
    sources: list[tuple[int, str, str, bool]] = [
        (0, origin, f"your role, {kb.roles[origin].name},", len(route) > 1)
    ]
    here = kb.roles[origin]
    rungs = [
        (move.years, order, rung)
        for order, (rung, move) in enumerate(here.next.items())
        if move.kind == "promotion" and kb.roles[rung].track == here.track
    ]
    if rungs and (rung := min(rungs)[2]) not in route:  # the track's next rung: its quickest promotion
        sources.append((0, rung, f"{kb.roles[rung].name}, the next rung of your track,", True))
    sources += [
        (step, r, f"{kb.roles[r].name} (step {step} of your route)", False)
        for step, r in enumerate(route[1:], 1)
    ]
    found: list[CertificationAdvice] = []
    planned = set(have)  # held, or offered earlier on the route: a later choice follows its track
    for step, role_id, named, qualified_only in sources:
        for recommended in kb.roles[role_id].certifications:
            chosen = choice(kb, recommended, seen, planned)
            if chosen is None:
                continue
            if qualified_only and found and found[-1].role == role_id and found[-1].step == step:
                break  # off the route: one choice a role, the first on its list not held
            primary, others = chosen
            chain = [c for c in prerequisite_order(kb, [primary], seen) if c in kb.certifications]
            advice = [
                assess_certification(
                    kb,
                    cert_id,
                    have,
                    experience,
                    periods,
                    role_id,
                    step,
                    f"{named} recommends it"
                    if cert_id == primary
                    else f"needed before {kb.certifications[primary].name}, which {named} recommends",
                    frameworks,
                    others if cert_id == primary else (),
                )
                for cert_id in chain
            ]
            if qualified_only and any(a.missing for a in advice):
                break  # off the route: only the next one on the role's list, to someone who can take it
            if qualified_only and role_id != origin:
                advice = [a.model_copy(update={"why": a.why + "; you qualify now"}) for a in advice]
            seen.update([primary, *others, *chain])
            planned.update(chain)
            found += advice
    return found


def choice(
    kb: KnowledgeBase, recommended: str, seen: set[str], have: set[str]
) -> tuple[str, list[str]] | None:
    """`recommended` as one choice with its alternatives: (the one to name first, the others), or None
    when it or an alternative is held or already offered (`seen`). The first named is the first whose
    prerequisites are held (`have`), else `recommended`."""
    if recommended in seen or recommended not in kb.certifications:
        return None
    options = [recommended, *(a for a in alternatives_of(kb, recommended) if a not in seen)]
    primary = next((o for o in options if all(r in have for r in kb.certifications[o].requires)), recommended)
    return primary, [o for o in options if o != primary]


def prerequisite_order(kb: KnowledgeBase, wanted: list[str], held: set[str]) -> list[str]:
    """`wanted` certifications plus the ones they require that are not held, prerequisites first.

    A depth-first walk with a stack of its own: a chain of `requires` is as long as the ladder makes
    it, and Python's call stack is not."""
    order: list[str] = []
    seen = set(held)
    for first in wanted:
        if first in seen:
            continue
        seen.add(first)
        stack = [(first, _requires(kb, first))]
        while stack:
            cert_id, pending = stack[-1]
            req = next(pending, None)
            if req is None:
                stack.pop()
                order.append(cert_id)
            elif req not in seen:
                seen.add(req)
                stack.append((req, _requires(kb, req)))
    return order


def _requires(kb: KnowledgeBase, cert_id: str) -> Iterator[str]:
    cert = kb.certifications.get(cert_id)
    return iter(cert.requires if cert else ())
