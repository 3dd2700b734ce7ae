"""A dated personal development plan: one milestone per step of the route to the target.

Built on the assessment (where you stand) and the route (how to get there): each milestone is a
move, due after its typical years, with the skills to raise and how, and the certifications to take
in prerequisite order. Dates are indicative, as the years they come from.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import Field

from poladder.assess import assess
from poladder.knowledge import KnowledgeBase
from poladder.profile import Profile
from poladder.results import KnowledgeBaseStamp, Result
from poladder.routes import SkillChange, Step, describe

REVIEW_DAYS = 91  # the article: "regularly reflect on your progress" — a quarterly review


class SkillGoal(Result):
    skill: str
    name: str
    from_: int = Field(alias="from")
    to: int
    actions: list[str]


class CertificationGoal(Result):
    certification: str
    name: str
    provider: str
    url: str | None
    requires: list[str] = Field(description="Prerequisites, each listed earlier in the plan or already held")


class Milestone(Result):
    number: int
    from_: str = Field(alias="from")
    to: str
    title: str
    kind: str
    years: float
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
    review: date = Field(description="First review of progress against the plan")
    total_years: float
    milestones: list[Milestone]
    knowledge_base: KnowledgeBaseStamp


def make_plan(kb: KnowledgeBase, stamp: KnowledgeBaseStamp, profile: Profile, start: date) -> Plan:
    """The plan for a resolved profile whose target is set (see assess.next_promotion)."""
    from poladder.errors import NoRouteError

    assessment = assess(kb, stamp, profile)
    target = assessment.target
    if target is None:
        raise NoRouteError("no target: give --target ROLE (your role has no promotion to aim for)")
    origin = assessment.best_fit or profile.role
    if origin is None:
        raise NoRouteError(
            "no starting point: give your current role in the profile, or --profile a fuller one"
        )
    if not assessment.route:
        raise NoRouteError(
            f"no route from {origin} to {target} in this ladder — try `poladder path {origin} {target}`"
        )
    route = describe(kb, assessment.route, dict(profile.skills), profile.certifications)
    milestones = []
    when = start
    steps = route.steps
    if not steps and assessment.gaps:
        # Already in the target role without all it needs: grow into it by the first review.
        gaps = [SkillChange(skill=g.skill, from_=g.have, to=g.need) for g in assessment.gaps]
        steps = [
            Step(
                from_=target,
                to=target,
                years=REVIEW_DAYS / 365.25,
                kind="grow",
                skills=gaps,
                certifications=[],
            )
        ]
    for number, step in enumerate(steps, 1):
        due = when + timedelta(days=round(step.years * 365.25))
        here, there = kb.roles[step.from_].name, kb.roles[step.to].name
        milestones.append(
            Milestone(
                number=number,
                from_=step.from_,
                to=step.to,
                title=f"Grow into {there}" if step.kind == "grow" else f"{here} → {there}",
                kind=step.kind,
                years=round(step.years, 2),
                starts=when,
                due=due,
                skills=[
                    SkillGoal(
                        skill=c.skill,
                        name=kb.skills[c.skill].name,
                        from_=c.from_,
                        to=c.to,
                        actions=kb.skills[c.skill].actions,
                    )
                    for c in step.skills
                ],
                certifications=[_certification(kb, c) for c in step.certifications],
            )
        )
        when = due
    return Plan(
        name=profile.name,
        role=profile.role,
        best_fit=assessment.best_fit,
        best_fit_name=kb.roles[assessment.best_fit].name if assessment.best_fit else None,
        target=target,
        target_name=kb.roles[target].name,
        readiness=assessment.readiness or 0.0,
        start=start,
        end=when,
        review=start + timedelta(days=REVIEW_DAYS),
        total_years=route.total_years,
        milestones=milestones,
        knowledge_base=stamp,
    )


def _certification(kb: KnowledgeBase, cert_id: str) -> CertificationGoal:
    cert = kb.certifications[cert_id]
    return CertificationGoal(
        certification=cert_id, name=cert.name, provider=cert.provider, url=cert.url, requires=cert.requires
    )
