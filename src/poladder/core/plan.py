"""A dated personal development plan: the 90-day focus, then one milestone per step of the route.

Built on the assessment (where you stand, the verdict, the route chosen for you) with the same rules as
its advice (poladder.core.advice): the plan opens with the focus for the first 90 days (the same skills
as `assess`), then each milestone is a move with the skills to raise and the actions for the levels
still to climb that fit the role held then, how people make the move and its pitfalls, and the
certifications worth taking in prerequisite order. The first milestone is due when the verdict says
you will be ready (time served and skills counted; at least one quarter, to make the case when you are
ready now), each later one after its move's typical years. A certification is listed in the milestone
during which the plan makes it possible (its experience made up, its prerequisites possible first),
never before its own step's. The ground to make good in your own role comes first, in the first
milestone. Dates are calendar months (poladder.core.dates) and indicative, as the years they come from.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import NamedTuple

from pydantic import Field

from poladder.core.advice import (
    CertificationAdvice,
    Fit,
    Period,
    climb_actions,
    frameworks_of,
    is_stretch,
    route_certifications,
)
from poladder.core.assess import FocusSkill, assess
from poladder.core.dates import add_months, months_in
from poladder.core.routes import Climb, climbs
from poladder.core.verdict import Verdict
from poladder.core.wording import about_years, years_text
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
    stretch: bool = Field(
        default=False, description="Some of its actions are the next role's own job: a stretch assignment"
    )


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
    alternatives: list[str] = Field(
        default_factory=list, description="Names of the equivalent certifications: take one of them"
    )
    condition: str | None = Field(
        default=None,
        description="Set when it is specific to frameworks your organisation is not known to use",
    )


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
    how: list[str] = Field(default_factory=list, description="Concrete ways people make this move")
    pitfalls: list[str] = Field(default_factory=list, description="Known ways this move goes wrong")
    make_the_case: list[str] = Field(
        default_factory=list, description="First milestone, when you are ready now: how to make the case"
    )


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
    total_years: float = Field(description="From the start to the end of the plan, in years")
    verdict: Verdict | None = Field(description="Where you stand on the first step (see `poladder assess`)")
    focus: list[FocusSkill] = Field(
        description="The first 90 days, until the first review: the same skills as `poladder assess`"
    )
    focus_role: str | None = Field(description="The role the focus is for")
    focus_role_name: str | None = Field(description="Its name")
    next_step: str | None = Field(
        description="The verdict in words: the next step, ready now, close or not yet, and the years left"
    )
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
    # When each stop is reached: the first when the verdict says you will be ready (a quarter at
    # least, to make the case), then every move after its typical years, in whole calendar months.
    moves = [kb.roles[a].next[b] for a, b in pairwise(route)]
    found = assessment.verdict
    spans = [months_in(m.years) for m in moves]
    if spans and found is not None:
        spans[0] = max(REVIEW_MONTHS, months_in(found.years_left))
    reached = [start]
    for months in spans:
        reached.append(add_months(reached[-1], months))
    periods: list[Period] = [
        (role_id, reached[i], spans[i] if i < len(spans) else None) for i, role_id in enumerate(route)
    ]
    frameworks = frameworks_of(kb, profile.organisation.frameworks if profile.organisation else None)
    certs = route_certifications(kb, route, profile.certifications, profile.experience, periods, frameworks)
    goals = _certification_goals(kb, certs, start)
    raises: dict[int, dict[str, list[Climb]]] = {}
    for climb in climbs(kb, profile.skills, profile.role, route):
        # The ground to make good in your own role is part of the first milestone: one goal a skill.
        raises.setdefault(max(climb.step, 1), {}).setdefault(climb.skill, []).append(climb)

    # (from, to, kind, years, note, starts, due) per milestone; in the target role already, the one
    # milestone is growing into what it needs by the first review.
    stops: list[tuple[str, str, str, float, str | None, date, date]] = [
        (here, there, move.kind, move.years, move.note, reached[i], reached[i + 1])
        for i, ((here, there), move) in enumerate(zip(pairwise(route), moves, strict=True))
    ] or [(target, target, "grow", REVIEW_MONTHS / 12, None, start, add_months(start, REVIEW_MONTHS))]
    # Each certification in the milestone of its step, or the later one during which it becomes possible.
    placed: dict[int, list[str]] = {}
    for advice in certs:
        goal = goals[advice.certification]
        number = max(advice.step, 1)
        when = goal.eligible_from
        while when is not None and number < len(stops) and when >= stops[number - 1][6]:
            number += 1
        placed.setdefault(number, []).append(advice.certification)
    milestones = []
    for number, (here, there, kind, years, note, starts, due) in enumerate(stops, 1):
        # A certification action is offered once the plan makes the certification possible.
        possible = {c for c, g in goals.items() if g.eligible_from is not None and g.eligible_from <= due}
        possible |= {a for c in possible for a in goals[c].alternatives_ids}
        holder = profile.role if number == 1 else here
        fit = Fit.of(kb, holder or origin)
        move = kb.roles[here].next.get(there)
        skills = []
        for climbed in raises.get(number, {}).values():
            first, last = climbed[0], climbed[-1]
            actions = climb_actions(kb.skills[first.skill], first.have, last.need, possible, fit)
            why = "; ".join(
                f"your role, {kb.roles[c.role].name}, needs {c.need}"
                if c.step == 0 and c.role == profile.role
                else f"{kb.roles[c.role].name} needs {c.need}"
                for c in climbed
            )
            skills.append(
                SkillGoal(
                    skill=first.skill,
                    name=kb.skills[first.skill].name,
                    from_=first.have,
                    to=last.need,
                    actions=actions,
                    why=f"{why}; you have {first.have}",
                    stretch=kind != "grow"
                    and any(is_stretch(kb, a, first.skill, holder, there) for a in actions),
                )
            )
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
                skills=skills,
                certifications=[goals[c].goal for c in placed.get(number, [])],
                how=move.how if move else [],
                pitfalls=move.pitfalls if move else [],
                make_the_case=found.make_the_case if number == 1 and found is not None else [],
            )
        )
    end = milestones[-1].due
    return Plan(
        name=profile.name,
        role=profile.role,
        best_fit=assessment.best_fit,
        best_fit_name=kb.roles[assessment.best_fit].name if assessment.best_fit else None,
        target=target,
        target_name=kb.roles[target].name,
        readiness=assessment.readiness or 0.0,
        start=start,
        end=end,
        review=add_months(start, REVIEW_MONTHS),
        total_years=round(((end.year - start.year) * 12 + end.month - start.month) / 12, 2),
        verdict=found,
        focus=assessment.focus,
        focus_role=assessment.focus_role,
        focus_role_name=kb.roles[assessment.focus_role].name if assessment.focus_role else None,
        next_step=verdict_words(kb, found) if found is not None else None,
        milestones=milestones,
        knowledge_base=stamp,
    )


def span(milestone: Milestone) -> str:
    """How long a milestone lasts for this person, and the move's typical years when they differ:
    'about 1 year for you; typically 2 years'."""
    months = (milestone.due.year - milestone.starts.year) * 12 + milestone.due.month - milestone.starts.month
    text = about_years(round(months / 12, 2))
    if milestone.kind != "grow" and months != months_in(milestone.years):
        text += f" for you; typically {years_text(milestone.years)}"
    return text


def verdict_words(kb: KnowledgeBase, found: Verdict) -> str:
    """'Senior Product Owner: close, about 1 year'."""
    text = f"{kb.roles[found.role].name}: {VERDICT_WORDS[found.status]}"
    if found.status != "ready":
        text += f", {about_years(found.years_left)}"
    if found.served is not None:
        text += f" ({years_text(found.served)} served{', assumed' if found.assumed_served else ''})"
    return text


VERDICT_WORDS = {"ready": "ready now", "close": "close", "not-yet": "not yet"}


def prerequisites(plan: Plan, goal: CertificationGoal) -> str:
    """What a certification must come after, by name (each is earlier in the plan): `after
    Certified Scrum Product Owner (CSPO)`; "" when it needs nothing first."""
    if not goal.requires:
        return ""
    names = {g.certification: g.name for m in plan.milestones for g in m.certifications}
    return "after " + ", ".join(names.get(r, r) for r in goal.requires)


def availability(goal: CertificationGoal, milestone: Milestone) -> str:
    """When the plan makes a certification possible, said only if not from the milestone's first day."""
    if goal.eligible_from is None:
        return f"not possible on this plan: {'; '.join(goal.missing)}"
    if goal.eligible_from > milestone.starts:
        return f"possible from {goal.eligible_from}"
    return ""


class _Goal(NamedTuple):
    goal: CertificationGoal
    eligible_from: date | None
    alternatives_ids: list[str]


def _certification_goals(
    kb: KnowledgeBase, certs: list[CertificationAdvice], start: date
) -> dict[str, _Goal]:
    """Each certification with the first date the plan allows it: its experience made up and its
    prerequisites (which come earlier in the list) possible first."""
    goals: dict[str, _Goal] = {}
    for advice in certs:
        cert = kb.certifications[advice.certification]
        # None: the plan never makes the experience up, or a prerequisite is never possible.
        never = advice.months_short > 0 and advice.eligible_from is None
        dates: list[date | None] = [None if never else advice.eligible_from or start]
        dates += [goals[r].eligible_from if r in goals else None for r in advice.requires]
        when = None if None in dates else max(d for d in dates if d is not None)
        goal = CertificationGoal(
            certification=advice.certification,
            name=cert.name,
            provider=cert.provider,
            url=cert.url,
            requires=advice.requires,
            eligible_from=when,
            missing=advice.missing,
            why=advice.why,
            alternatives=[kb.certifications[a].name for a in advice.alternatives],
            condition=advice.condition,
        )
        goals[advice.certification] = _Goal(goal, when, advice.alternatives)
    return goals
