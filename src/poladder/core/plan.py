"""A dated personal development plan: one milestone per step of the route to the target.

Built on the assessment (where you stand, the route from your own role) with the same rules as its
advice (poladder.core.advice): each milestone is a move, due after its typical years, with the skills to
raise and the actions for the levels still to climb, and the certifications its role recommends in
prerequisite order, each with the first date the plan makes it possible. The ground to make good in
your own role comes first, in the first milestone. Dates are calendar months (poladder.core.dates) and
indicative, as the years they come from.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from pydantic import Field

from poladder.core.advice import CertificationAdvice, Period, climb_actions, route_certifications
from poladder.core.assess import assess
from poladder.core.dates import add_months, months_in
from poladder.core.routes import Climb, climbs
from poladder.model.ladder import Action, KnowledgeBase
from poladder.model.profile import Profile
from poladder.model.result import KnowledgeBaseStamp, Result

# The article: "regularly reflect on your progress and adjust your goals" — a quarterly review.
REVIEW_MONTHS = 3


class SkillGoal(Result):
    skill: str
    name: str
    from_: int = Field(alias="from")
    to: int
    actions: list[Action] = Field(description="For the levels to climb (from < level <= to), then plain")
    why: str


class CertificationGoal(Result):
    certification: str
    name: str
    provider: str
    url: str | None
    requires: list[str] = Field(description="Prerequisites not held, each earlier in the plan")
    eligible_from: date | None = Field(
        description="The first date this plan makes it possible (experience made up, prerequisites "
        "taken first); null if the plan never makes the experience up"
    )
    missing: list[str] = Field(description="What is missing on the plan's first day")
    why: str


class Milestone(Result):
    number: int
    from_: str = Field(alias="from")
    to: str
    title: str
    kind: str
    years: float
    note: str | None = Field(description="Where the typical years come from")
    starts: date
    due: date
    skills: list[SkillGoal]
    certifications: list[CertificationGoal]


class Plan(Result):
    name: str | None
    role: str | None
    best_fit: str | None
    best_fit_name: str | None
    target: str
    target_name: str
    readiness: float
    start: date
    end: date
    review: date = Field(description="First review of progress against the plan; then every quarter")
    total_years: float
    milestones: list[Milestone]
    knowledge_base: KnowledgeBaseStamp


def make_plan(kb: KnowledgeBase, stamp: KnowledgeBaseStamp, profile: Profile, start: date) -> Plan:
    """The plan for a resolved profile, from its stated role (else best fit) to its target."""
    from poladder.errors import NoRoute, NoStart, NoTarget

    assessment = assess(kb, stamp, profile, start)
    target = assessment.target
    if target is None:
        raise NoTarget()
    origin = profile.role or assessment.best_fit
    if origin is None:
        raise NoStart()
    route = assessment.route
    if not route:
        raise NoRoute(origin, target)
    # When each stop is reached: every move takes its typical years, in whole calendar months.
    moves = [kb.roles[a].next[b] for a, b in pairwise(route)]
    reached = [start]
    for move in moves:
        reached.append(add_months(reached[-1], months_in(move.years)))
    periods: list[Period] = [
        (role_id, reached[i], months_in(moves[i].years) if i < len(moves) else None)
        for i, role_id in enumerate(route)
    ]
    certs = route_certifications(kb, route, profile.certifications, profile.experience, periods)
    goals = _certification_goals(kb, certs, start)
    raises: dict[int, list[Climb]] = {}
    for climb in climbs(kb, profile.skills, profile.role, route):
        # The ground to make good in your own role is part of the first milestone.
        raises.setdefault(max(climb.step, 1), []).append(climb)

    # (from, to, kind, years, note, starts, due) per milestone; in the target role already, the one
    # milestone is growing into what it needs by the first review.
    stops: list[tuple[str, str, str, float, str | None, date, date]] = [
        (here, there, move.kind, move.years, move.note, reached[i], reached[i + 1])
        for i, ((here, there), move) in enumerate(zip(pairwise(route), moves, strict=True))
    ] or [(target, target, "grow", REVIEW_MONTHS / 12, None, start, add_months(start, REVIEW_MONTHS))]
    milestones = []
    for number, (here, there, kind, years, note, starts, due) in enumerate(stops, 1):
        # A certification action is offered once the plan makes the certification possible.
        possible = {c for c, g in goals.items() if g.eligible_from is not None and g.eligible_from <= due}
        milestones.append(
            Milestone(
                number=number,
                from_=here,
                to=there,
                title=f"Grow into {kb.roles[there].name}"
                if kind == "grow"
                else f"{kb.roles[here].name} → {kb.roles[there].name}",
                kind=kind,
                years=round(years, 2),
                note=note,
                starts=starts,
                due=due,
                skills=[
                    SkillGoal(
                        skill=c.skill,
                        name=kb.skills[c.skill].name,
                        from_=c.have,
                        to=c.need,
                        actions=climb_actions(kb.skills[c.skill], c.have, c.need, possible),
                        why=("your role, " if c.step == 0 and c.role == profile.role else "")
                        + f"{kb.roles[c.role].name} needs {c.need}; you have {c.have}",
                    )
                    for c in raises.get(number, [])
                ],
                certifications=[goals[c.certification] for c in certs if max(c.step, 1) == number],
            )
        )
    return Plan(
        name=profile.name,
        role=profile.role,
        best_fit=assessment.best_fit,
        best_fit_name=kb.roles[assessment.best_fit].name if assessment.best_fit else None,
        target=target,
        target_name=kb.roles[target].name,
        readiness=assessment.readiness or 0.0,
        start=start,
        end=milestones[-1].due,
        review=add_months(start, REVIEW_MONTHS),
        total_years=assessment.route_years or 0.0,
        milestones=milestones,
        knowledge_base=stamp,
    )


def availability(goal: CertificationGoal, milestone: Milestone) -> str:
    """When the plan makes a certification possible, said only if not from the milestone's first day."""
    if goal.eligible_from is None:
        return f"not possible on this plan: {'; '.join(goal.missing)}"
    if goal.eligible_from > milestone.starts:
        return f"possible from {goal.eligible_from}"
    return ""


def _certification_goals(
    kb: KnowledgeBase, certs: list[CertificationAdvice], start: date
) -> dict[str, CertificationGoal]:
    """Each certification with the first date the plan allows it: its experience made up and its
    prerequisites (which come earlier in the list) possible first."""
    goals: dict[str, CertificationGoal] = {}
    for advice in certs:
        cert = kb.certifications[advice.certification]
        # None: the plan never makes the experience up, or a prerequisite is never possible.
        never = advice.months_short > 0 and advice.eligible_from is None
        dates: list[date | None] = [None if never else advice.eligible_from or start]
        dates += [goals[r].eligible_from if r in goals else None for r in advice.requires]
        goals[advice.certification] = CertificationGoal(
            certification=advice.certification,
            name=cert.name,
            provider=cert.provider,
            url=cert.url,
            requires=advice.requires,
            eligible_from=None if None in dates else max(d for d in dates if d is not None),
            missing=advice.missing,
            why=advice.why,
        )
    return goals
