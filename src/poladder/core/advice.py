"""Advice a good coach would give: actions that fit the level a person is growing to, and the
certifications on their route — which they can take now, and from when they can take the others.

The rules, which the README and `poladder assess --help` state too:
- An action marked with a level is for someone growing *to* that level. The complete list for a skill
  is the actions for the levels still to climb (have < level <= need) plus the plain ones; the focus
  takes the actions for the next level (have + 1), else the nearest level the step still needs, else
  the plain ones.
- Certifications come only from the roles on the route ahead (the roles still to reach; at the target,
  the target's own), with the prerequisites they need first; never one already held. Each is `now`
  when its `requires` are held and its `experience` is met, else `later`, with the date it becomes
  possible when the person's time in a qualifying role will make it up, and always with what is missing.
- An action about earning a certification is shown only while that certification can be taken now.
"""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Literal

from pydantic import Field

from poladder.core.dates import add_months, months_until
from poladder.core.wording import listed, plural
from poladder.model.ladder import Action, Certification, KnowledgeBase, Skill
from poladder.model.result import Result


class CertificationAdvice(Result):
    certification: str
    status: Literal["now", "later"] = Field(description="now: requires and experience are met")
    eligible_from: date | None = Field(
        description="For later: the date the experience is made up, if time in your current role makes it up"
    )
    missing: list[str] = Field(description="What stands between you and it; empty when status is now")
    requires: list[str] = Field(description="Prerequisite certification ids you do not hold yet")
    months_short: int = Field(description="Months of experience in a qualifying role still to make up")
    role: str = Field(description="The role on your route that recommends it (or what needs it first)")
    step: int = Field(description="That role's step on the route: 1 is the next move, 0 your own role")
    why: str


Period = tuple[str, date, int | None]  # a role, from when, for how many months (None: from then on)


def as_action(item: str | Action) -> Action:
    return Action(text=item) if isinstance(item, str) else item


def _offered(item: str | Action, available: set[str]) -> bool:
    return isinstance(item, str) or item.certification is None or item.certification in available


def climb_actions(skill: Skill, have: int, need: int, available: Iterable[str] = ()) -> list[Action]:
    """Every action for the levels still to climb (have < level <= need), then the plain ones.

    `available`: the certifications that may be suggested (on the route and takeable now)."""
    offer = set(available)
    items = [a for a in skill.actions if _offered(a, offer)]
    levelled = sorted(
        (a for a in items if not isinstance(a, str) and a.level is not None and have < a.level <= need),
        key=lambda a: a.level or 0,
    )
    plain = [as_action(a) for a in items if isinstance(a, str) or a.level is None]
    return levelled + plain


def focus_actions(skill: Skill, have: int, need: int, available: Iterable[str] = ()) -> list[Action]:
    """The actions for the next level (have + 1), else the nearest level up to `need`, else plain ones."""
    climbing = climb_actions(skill, have, need, available)
    levelled = [a for a in climbing if a.level is not None]
    if levelled:
        nearest = min(a.level or 0 for a in levelled)
        return [a for a in levelled if a.level == nearest]
    return climbing


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


def assess_certification(
    kb: KnowledgeBase,
    cert_id: str,
    held: set[str],
    experience: dict[str, float],
    periods: Sequence[Period],
    role: str,
    step: int,
    why: str,
) -> CertificationAdvice:
    cert = kb.certifications[cert_id]
    requires = [r for r in cert.requires if r not in held]
    missing = [f"hold {kb.certifications[r].name if r in kb.certifications else r} first" for r in requires]
    short, when = experience_date(kb, cert, experience, periods)
    if short > 0 and cert.experience is not None:
        done = cert.experience.months - short
        had = f" (you have {_months(done)})" if done > 0 else ""
        missing.append(f"{_months(short)} more as {_roles_text(kb, cert.experience.roles)}{had}")
    return CertificationAdvice(
        certification=cert_id,
        status="later" if missing else "now",
        eligible_from=when,
        missing=missing,
        requires=requires,
        months_short=months_until(short),
        role=role,
        step=step,
        why=why,
    )


def route_certifications(
    kb: KnowledgeBase,
    route: Sequence[str],
    held: Iterable[str],
    experience: dict[str, float],
    periods: Sequence[Period],
) -> list[CertificationAdvice]:
    """The certifications the roles ahead on `route` recommend, prerequisites first, in route order."""
    have = set(held)
    ahead = list(enumerate(route[1:], 1)) if len(route) > 1 else [(0, r) for r in route]
    seen = set(have)
    found: list[CertificationAdvice] = []
    for step, role_id in ahead:
        role = kb.roles[role_id]
        named = role.name if step == 0 else f"{role.name} (step {step} of your route)"
        for recommended in role.certifications:
            for cert_id in prerequisite_order(kb, [recommended], seen):
                if cert_id not in kb.certifications:
                    continue
                seen.add(cert_id)
                if cert_id == recommended:
                    why = f"{named} recommends it"
                else:
                    why = f"needed before {kb.certifications[recommended].name}, which {named} recommends"
                found.append(assess_certification(kb, cert_id, have, experience, periods, role_id, step, why))
    return found


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
