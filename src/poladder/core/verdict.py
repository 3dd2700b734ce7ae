"""The verdict on a person's next step: ready now, close, or not yet — with the years left and why.

The rules, which `poladder assess --help` and the README state too:
- Time served counts: the years already spent in the current role (the profile's `experience` for
  that role; failing that, its `years` in product roles, and the verdict says it assumed so) come
  off the move's typical years, never below zero.
- ready: every skill the step needs is met, or all but at most TOLERATED one-level gaps, none of them
  in the step's core skills. Typical years do not hold back someone whose skills are there: the
  advice is then to make the case.
- Otherwise the years left are the larger of the skill work — about YEARS_PER_LEVEL a level, FOCUS
  skills at a time, so the larger of the biggest gap and the missing levels shared out over FOCUS
  skills — and the time left of the move's typical years. close: a year or less; not-yet: more.

A ladder is not a checklist: every verdict carries that caveat in its reasons.
"""

import math
from typing import Literal

from pydantic import Field

from poladder.model.ladder import KnowledgeBase
from poladder.model.profile import Profile
from poladder.model.result import Result

TOLERATED = 2
YEARS_PER_LEVEL = 0.5
FOCUS = 3
CLOSE_YEARS = 1.0
CAVEAT = "a ladder is a guide, not a checklist: your manager and your results decide"


class Verdict(Result):
    """Where a person stands on their next step."""

    role: str = Field(description="The role of the next step")
    status: Literal["ready", "close", "not-yet"] = Field(
        description="ready: skills met (or within the stated tolerance); close: about a year of work "
        "or less; not-yet: more"
    )
    years_left: float = Field(description="Years until ready for the step: 0 when ready")
    served: float | None = Field(description="Years already served in the current role, if known")
    assumed_served: bool = Field(description="True when `served` was taken from years in product roles")
    reasons: list[str] = Field(description="What drives the verdict, most important first; the caveat last")


def time_served(profile: Profile) -> tuple[float | None, bool]:
    """Years in the current role, and whether that was assumed from years in product roles."""
    if profile.role is not None and profile.role in profile.experience:
        return profile.experience[profile.role], False
    if profile.role is not None and profile.years is not None:
        return profile.years, True
    return None, False


def verdict(kb: KnowledgeBase, profile: Profile, have: dict[str, int], step: str) -> Verdict:
    """The verdict on moving from the profile's role (or nowhere) to `step`, for levels `have`."""
    from poladder.core.wording import plural, years_text

    role = kb.roles[step]
    short = sorted(
        (
            (need - have.get(skill, 0), skill)
            for skill, need in role.skills.items()
            if have.get(skill, 0) < need
        ),
        reverse=True,
    )
    served, assumed = time_served(profile)
    move = kb.roles[profile.role].next.get(step) if profile.role else None
    typical_left = max(0.0, move.years - (served or 0.0)) if move else 0.0
    core_short = [s for _, s in short if s in role.core]
    tolerated = len(short) <= TOLERATED and all(gap == 1 for gap, _ in short) and not core_short
    reasons: list[str] = []
    if not short or tolerated:
        status: Literal["ready", "close", "not-yet"] = "ready"
        years_left = 0.0
        reasons.append(
            f"you meet every level {role.name} needs"
            if not short
            else f"you meet {role.name}'s levels but for {plural(len(short), 'skill')} one level short, "
            "none of them core to the role"
        )
    else:
        missing = sum(gap for gap, _ in short)
        skill_years = YEARS_PER_LEVEL * max(short[0][0], math.ceil(missing / FOCUS))
        years_left = round(max(skill_years, typical_left), 2)
        status = "close" if years_left <= CLOSE_YEARS else "not-yet"
        names = [kb.skills[s].name if s in kb.skills else s for s in core_short[:3]]
        if core_short:
            reasons.append(f"core skills of {role.name} still short: {', '.join(names)}")
        reasons.append(
            f"{plural(missing, 'level')} to grow across {plural(len(short), 'skill')} "
            f"(about {years_text(skill_years)} of focused work)"
        )
    if move is not None and served is not None:
        whose = "assumed from your years in product roles" if assumed else "in your current role"
        typical = years_text(move.years)
        reasons.append(f"{years_text(served)} served {whose}, against a typical {typical} before this move")
        if status != "ready" and typical_left > 0 and typical_left >= years_left:
            reasons.append(f"time in role is what holds the step back: about {years_text(typical_left)} more")
    reasons.append(CAVEAT)
    return Verdict(
        role=step,
        status=status,
        years_left=years_left,
        served=served,
        assumed_served=assumed,
        reasons=reasons,
    )
