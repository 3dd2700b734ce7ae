"""The promotion case: views compared (calibrate), and the packet to take to the conversation.

The rules, which `poladder calibrate --help` and `poladder packet --help` state too:
- A view is a set of levels: the person's latest self-assessment, and each rater's latest view. A
  view rates the skills its profile lists. Per skill, the spread is the highest level given minus the
  lowest; a skill is flagged when views differ by FLAG (two) levels or more: a perception gap to talk
  through with examples before any promotion conversation.
- The packet is the case for one step: the next step of the person's route, or the target given. It
  carries the verdict of `poladder.core.verdict` on the self-assessed levels (a case is the person's
  own), and beside them each rater's latest levels; per needed skill the evidence logged against it;
  `missing_evidence`, the needed skills with none; the certifications held and the next ones with
  when they become possible (`poladder.core.advice`); the time served in the role; and the
  conversations to have, fitted to the verdict: ready — ask for the promotion conversation, evidence
  in hand; close — agree the gap and a date; not yet — agree a development plan.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from poladder.core.advice import CertificationAdvice
from poladder.core.assess import assess
from poladder.core.verdict import Verdict, time_served, verdict
from poladder.core.wording import listed, plural, years_text
from poladder.errors import NoTarget
from poladder.model.case import Evidence, Rating
from poladder.model.ladder import KnowledgeBase
from poladder.model.profile import Profile
from poladder.model.result import KnowledgeBaseStamp, Result

FLAG = 2  # levels apart: where two views of one skill are a different picture, not a rounding


class RaterView(Result):
    """Whose view, and when it was given."""

    rater: str
    at: str = Field(description="When the view was given, ISO 8601 UTC")
    kb_version: str | None = Field(description="The ladder's version it was given against")


class SkillViews(Result):
    """One skill as each view rates it."""

    skill: str
    self_: int | None = Field(alias="self", description="The self-assessed level; null if not rated")
    raters: dict[str, int] = Field(
        description="Rater -> the level of their latest view (raters who rated it)"
    )
    spread: int = Field(description="Highest level given minus the lowest (0 with one view)")
    flagged: bool = Field(description=f"Views differ by {FLAG} levels or more")


class Calibration(Result):
    """`poladder calibrate`: the self-assessment beside each rater's latest view, skill by skill."""

    person: str = Field(description="Whose: the name as saved, or 'you'")
    self_at: str | None = Field(description="When the self-assessment was made; null if there is none")
    views: list[RaterView] = Field(description="Each rater's latest view, in the order they first rated")
    skills: list[SkillViews] = Field(
        description="Flagged skills first (largest spread first), then the ladder's order"
    )
    flagged: list[str] = Field(description="The flagged skills' ids")
    knowledge_base: KnowledgeBaseStamp


def _views(
    kb: KnowledgeBase, own: dict[str, int] | None, raters: list[Rating], skills: list[str] | None = None
) -> list[SkillViews]:
    """Per skill (`skills`, else every skill a view rates, in the ladder's order), the levels given:
    `own` the self-assessed levels (None: no self-assessment)."""
    rated: list[str] = skills if skills is not None else []
    if skills is None:
        views = [own or {}, *(r.profile.skills for r in raters)]
        order = {s: n for n, s in enumerate(kb.skills)}
        rated = sorted({s for levels in views for s in levels}, key=lambda s: (order.get(s, len(order)), s))
    found = []
    for skill in rated:
        mine = own.get(skill) if own is not None else None
        theirs = {r.rater: r.profile.skills[skill] for r in raters if skill in r.profile.skills}
        given = [level for level in (mine, *theirs.values()) if level is not None]
        spread = max(given) - min(given) if given else 0
        found.append(
            SkillViews(skill=skill, self_=mine, raters=theirs, spread=spread, flagged=spread >= FLAG)
        )
    return found


def _rater_views(raters: list[Rating]) -> list[RaterView]:
    return [RaterView(rater=r.rater, at=r.at, kb_version=r.kb_version) for r in raters]


def calibrate(
    kb: KnowledgeBase,
    stamp: KnowledgeBaseStamp,
    person: str,
    own: tuple[str, Profile] | None,
    raters: list[Rating],
) -> Calibration:
    """The self-assessment (`own`: when, and the profile) beside each rater's latest view."""
    skills = _views(kb, own[1].skills if own else None, raters)
    skills.sort(key=lambda s: (not s.flagged, -s.spread if s.flagged else 0))
    return Calibration(
        person=person,
        self_at=own[0] if own else None,
        views=_rater_views(raters),
        skills=skills,
        flagged=[s.skill for s in skills if s.flagged],
        knowledge_base=stamp,
    )


class CaseSkill(Result):
    """A skill the step needs, with every view of it and the evidence for it."""

    skill: str
    name: str
    need: int = Field(description="The level the step needs")
    self_: int = Field(alias="self", description="The self-assessed level (0 when not rated)")
    raters: dict[str, int] = Field(
        description="Rater -> the level of their latest view (raters who rated it)"
    )
    met: bool = Field(description="The self-assessed level meets the need")
    flagged: bool = Field(description=f"Views differ by {FLAG} levels or more")
    evidence: list[int] = Field(description="Ids of the evidence logged against it, oldest first")


class TimeInRole(Result):
    role: str = Field(description="The current role")
    served: float | None = Field(description="Years served in it, if known")
    assumed: bool = Field(description="True when `served` was taken from years in product roles")
    typical: float | None = Field(
        description="The ladder's typical years before this move; null if not a move"
    )


class Packet(Result):
    """`poladder packet`: the case for the next step (or the target), to take to the conversation."""

    person: str = Field(description="Whose: the name as saved, or 'you'")
    made: date = Field(description="The day the packet was made")
    self_at: str = Field(description="When the self-assessment it rests on was made, ISO 8601 UTC")
    role: str | None = Field(description="Current role id")
    step: str = Field(description="The role the case is for: the next step of the route, or the target given")
    route: list[str] = Field(description="From the current role (else best fit) to the step; empty if none")
    verdict: Verdict
    skills: list[CaseSkill] = Field(
        description="The skills the step needs, in the ladder's order for the role"
    )
    missing_evidence: list[str] = Field(description="Needed skills with no evidence logged against them yet")
    evidence: list[Evidence] = Field(description="All of the person's evidence, oldest day first")
    views: list[RaterView] = Field(description="The raters whose latest views are shown")
    certifications_held: list[str]
    certifications_next: list[CertificationAdvice] = Field(
        description="Recommended on the way to the step, none held: now, or later with when and "
        "what is missing"
    )
    time_in_role: TimeInRole | None = Field(description="Null without a current role")
    conversations: list[str] = Field(description="The conversations to have, fitted to the verdict")
    knowledge_base: KnowledgeBaseStamp


def packet(
    kb: KnowledgeBase,
    stamp: KnowledgeBaseStamp,
    person: str,
    own: tuple[str, Profile],
    raters: list[Rating],
    evidence: list[Evidence],
    today: date,
    target: str | None = None,
) -> Packet:
    """The case for `target` (a role id), else for the next step of the route of the self-assessment
    `own` (when, and the resolved profile); NoTarget when there is no step to make a case for."""
    at, profile = own
    if target is not None:
        profile = profile.model_copy(update={"target": target})
    found = assess(kb, stamp, profile, today)
    step = target if target is not None else (found.verdict.role if found.verdict else None)
    if step is None:
        raise NoTarget("no step to make a case for")
    have = {s: level for s, level in profile.skills.items() if level > 0}
    judged = verdict(kb, profile, have, step)
    needs = kb.roles[step].skills
    views = {v.skill: v for v in _views(kb, {s: have.get(s, 0) for s in needs}, raters, list(needs))}
    skills = [
        CaseSkill(
            skill=skill,
            name=kb.skills[skill].name if skill in kb.skills else skill,
            need=need,
            self_=have.get(skill, 0),
            raters=views[skill].raters,
            met=have.get(skill, 0) >= need,
            flagged=views[skill].flagged,
            evidence=[e.id for e in evidence if skill in e.skills],
        )
        for skill, need in needs.items()
    ]
    route = found.route
    if step in route:
        route = route[: route.index(step) + 1]
    upto = len(route) - 1 if route else 1
    served, assumed = time_served(profile)
    move = kb.roles[profile.role].next.get(step) if profile.role else None
    case = Packet(
        person=person,
        made=today,
        self_at=at,
        role=profile.role,
        step=step,
        route=route,
        verdict=judged,
        skills=skills,
        missing_evidence=[s.skill for s in skills if not s.evidence],
        evidence=evidence,
        views=_rater_views(raters),
        certifications_held=profile.certifications,
        certifications_next=[c for c in found.certifications if c.step <= upto],
        time_in_role=(
            TimeInRole(
                role=profile.role, served=served, assumed=assumed, typical=move.years if move else None
            )
            if profile.role
            else None
        ),
        conversations=[],
        knowledge_base=stamp,
    )
    case.conversations = conversations(kb, case)
    return case


def _names(skills: list[CaseSkill]) -> str:
    names = [s.name for s in skills]
    return listed(names if len(names) <= 3 else [*names[:2], f"{len(names) - 2} more"])


def _from_now(years: float) -> str:
    """'in about 6 months', 'in about 1 year': when a close step may be reviewed."""
    if years < 1:
        return f"in about {plural(max(1, round(years * 12)), 'month')}"
    return f"in about {years_text(years)}"


def conversations(kb: KnowledgeBase, case: Packet) -> list[str]:
    """The conversations to have, fitted to the verdict (the rule is in the module docstring)."""
    role = kb.roles[case.step].name
    short = sorted((s for s in case.skills if not s.met), key=lambda s: (s.self_ - s.need, s.skill))
    unproven = [s for s in case.skills if not s.evidence]
    flagged = [s for s in case.skills if s.flagged]
    said: list[str] = []
    status = case.verdict.status
    if status == "ready":
        said.append(
            f"Ask your manager for the promotion conversation for {role}: bring this packet, with the "
            "evidence for each skill and the certifications you hold."
        )
        said.append(
            "Ask what else the decision weighs — the business need for the role, timing, budget — and "
            "who else has a say, so that nothing outside the ladder surprises you."
        )
    elif status == "close":
        gaps = _names(short) if short else "what is left"
        said.append(
            f"Agree the gap to {role} with your manager — {gaps} — and a date to review it together, "
            f"{_from_now(case.verdict.years_left)}; ask which examples would show each level."
        )
    else:
        focus = _names(short[:3]) if short else "the skills it needs"
        said.append(
            f"Agree a development plan for {role} with your manager: {focus} first, how you will grow "
            "them, and when you will review progress (`poladder plan` makes a dated one)."
        )
        said.append("Ask for work that stretches those skills, and log the evidence as it happens.")
    if flagged:
        raters = listed(sorted({r for s in flagged for r in s.raters}))
        said.append(
            f"Talk through {_names(flagged)} with {raters or 'your raters'}: your views differ by "
            f"{FLAG} levels or more — agree which examples show the level before anything is decided."
        )
    if unproven:
        said.append(
            f"Log evidence for {_names(unproven)} ({plural(len(unproven), 'skill')} with none yet): "
            "a level with no example is a claim, not a case."
        )
    return said
