"""The verdict on a person's next step: ready now, close, or not yet — with the years left and why.

The rules, which `poladder assess --help` states too:
- Time served counts: the years already spent in the current role (the profile's `experience` for
  that role; failing that, its `years` in product roles less the years it gives for other roles, and
  the verdict says it assumed so; failing both, none, and the verdict says so too) come off the move's
  typical years, never below zero.
- ready: every level the step needs is met, or all but at most TOLERATED skills one level short, none
  of them among the step's core skills. Typical years do not hold back someone whose skills are there:
  the advice is then to make the case (the evidence, the conversation with the manager, the opening).
- Otherwise the years left are the larger of the skill work and the typical time left after time
  served. The skill work is the move's typical years times the share of the levels the move raises
  that are still to grow (a person at the levels of their role has the whole move ahead, one halfway
  between the two roles half of it). Levels are whole numbers, so growth shows only once a level is
  reached: time served is taken as growth not yet shown, up to HIDDEN_GROWTH of the work by the time
  the move's typical years are served (in proportion before). The skill work is never less than
  YEARS_PER_LEVEL for each level of the largest single gap. Without a move to measure against (no
  route from the role), it is YEARS_PER_LEVEL a level, FOCUS skills at a time. Years are rounded to
  the nearest quarter (never to 0 when not ready).
- close: a year or less left; not-yet: more.

A ladder is not a checklist: every verdict carries that caveat in its reasons.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field

from poladder.core.measure import Gap
from poladder.core.measure import gaps as gaps_of
from poladder.core.wording import listed, plural, years_text
from poladder.model.ladder import KnowledgeBase
from poladder.model.profile import Profile
from poladder.model.result import Result

TOLERATED = 2
YEARS_PER_LEVEL = 0.5
HIDDEN_GROWTH = 0.5
FOCUS = 3
CLOSE_YEARS = 1.0
CAVEAT = "a ladder is a guide, not a checklist: your manager and your results decide"


class Verdict(Result):
    """Where a person stands on their next step."""

    role: str = Field(description="The role of the next step")
    status: Literal["ready", "close", "not-yet"] = Field(
        description="ready: every level met, or at most two skills one level short outside the step's "
        "core skills; close: a year or less left; not-yet: more"
    )
    years_left: float = Field(
        description="Years until ready for the step: the larger of the skill work and the typical years "
        "left after time served; 0 when ready"
    )
    served: float | None = Field(description="Years already served in the current role, if known")
    assumed_served: bool = Field(description="True when `served` was taken from years in product roles")
    reasons: list[str] = Field(description="What drives the verdict, most important first; the caveat last")
    kind: Literal["promotion", "lateral"] | None = Field(
        default=None, description="The kind of move, or null when no move leads there from your role"
    )
    typical_years: float | None = Field(default=None, description="The move's typical years, if there is one")
    skill_years: float = Field(default=0.0, description="Years of skill work left (see the rules)")
    core_short: list[str] = Field(
        default_factory=list, description="The step's core skills you hold below its level, largest gap first"
    )
    tolerated: list[str] = Field(
        default_factory=list, description="When ready: the skills one level short that the tolerance allows"
    )
    make_the_case: list[str] = Field(
        default_factory=list,
        description="When ready: how to make the case — the evidence, the conversation, the opening",
    )


def time_served(profile: Profile) -> tuple[float | None, bool]:
    """Years in the current role, and whether that was assumed from years in product roles."""
    if profile.role is None:
        return None, False
    if profile.role in profile.experience:
        return profile.experience[profile.role], False
    if profile.years is not None:
        elsewhere = sum(years for role, years in profile.experience.items() if role != profile.role)
        return max(0.0, profile.years - elsewhere), True
    return None, False


def quarters(years: float) -> float:
    """Years to the nearest quarter: estimates from typical years are never finer than that."""
    return math.floor(years * 4 + 0.5) / 4  # halves round up, as people round


def skill_work(
    kb: KnowledgeBase,
    origin: str | None,
    step: str,
    have: dict[str, int],
    served: float | None = None,
    short: list[int] | None = None,
) -> float:
    """Years of skill work left for `step`, coming from `origin` after `served` years in it (see the
    module docstring); unrounded. `short`: the step's gaps in levels, when the caller has them."""
    role = kb.roles[step]
    if short is None:
        short = [
            need - have.get(skill, 0) for skill, need in role.skills.items() if have.get(skill, 0) < need
        ]
    if not short:
        return 0.0
    remaining, biggest = sum(short), max(short)
    here = kb.roles.get(origin) if origin else None
    move = here.next.get(step) if here is not None else None
    if origin is not None and move is not None:
        growth = kb.levels_raised[origin, step]
        if growth:
            shown = 1 - HIDDEN_GROWTH * min(1.0, (served or 0.0) / move.years)
            return max(YEARS_PER_LEVEL * biggest, move.years * remaining / growth * shown)
    return YEARS_PER_LEVEL * max(biggest, math.ceil(remaining / FOCUS))


def verdict(
    kb: KnowledgeBase,
    profile: Profile,
    have: dict[str, int],
    step: str,
    origin: str | None = None,
    gaps: list[Gap] | None = None,
) -> Verdict:
    """The verdict on moving to `step` from `origin` (default: the profile's role), for levels `have`.
    Time served counts only when `origin` is the profile's role. `gaps`: the step's, when the caller
    has them already (`poladder.core.assess.gaps`), so that a team's people are not measured twice."""
    origin = origin or profile.role
    role = kb.roles[step]
    short = [(g.need - g.have, g.skill) for g in (gaps if gaps is not None else gaps_of(role, have))]
    served, assumed = time_served(profile) if origin == profile.role else (None, False)
    here = kb.roles.get(origin) if origin else None
    move = here.next.get(step) if here is not None else None
    typical_left = max(0.0, move.years - (served or 0.0)) if move else 0.0
    core_short = [s for _, s in short if s in role.core]
    tolerated = len(short) <= TOLERATED and all(gap == 1 for gap, _ in short) and not core_short

    def names(skills: list[str]) -> str:
        return listed([kb.skills[s].name if s in kb.skills else s for s in skills])

    reasons: list[str] = []
    case: list[str] = []
    work = skill_work(kb, origin, step, have, served, [gap for gap, _ in short])
    if not short or tolerated:
        status: Literal["ready", "close", "not-yet"] = "ready"
        years_left = skill_years = 0.0
        if not short:
            reasons.append(f"you meet every level {role.name} needs")
        else:
            reasons.append(
                f"you meet {role.name}'s levels but for {names([s for _, s in short])}, one level short "
                "and not core to the role"
            )
        case = make_the_case(kb, step, [s for _, s in short], move.kind if move else None)
    else:
        missing = sum(gap for gap, _ in short)
        skill_years = max(0.25, quarters(work))
        years_left = max(skill_years, quarters(typical_left))
        status = "close" if years_left <= CLOSE_YEARS else "not-yet"
        if len(core_short) > 3:
            reasons.append(
                f"{len(core_short)} core skills of {role.name} still short, among them "
                f"{names(core_short[:3])}"
            )
        elif core_short:
            reasons.append(f"core skills of {role.name} still short: {names(core_short)}")
        reasons.append(
            f"{plural(missing, 'level')} to grow in {plural(len(short), 'skill')}: "
            f"about {years_text(skill_years)} of work"
        )
    if move is not None:
        typical = years_text(move.years)
        if served is None and origin == profile.role:
            reasons.append(
                f"time in your role unknown, so none is counted against the typical {typical} for this "
                "move: give your years in it under experience in your profile"
            )
        elif served is None:
            name = here.name if here is not None else ""
            reasons.append(
                f"no current role in your profile: the move from {name} is counted from its start, a "
                f"typical {typical}"
            )
        else:
            whose = " (assumed from your years in product roles)" if assumed else ""
            name = here.name if here is not None else "your role"
            reasons.append(f"{years_text(served)} served as {name}{whose}, of a typical {typical}")
        if status == "ready" and typical_left > 0:
            reasons.append("typical years are a guide: with the skills there, the case rests on your results")
        elif status != "ready" and quarters(typical_left) > skill_years:
            reasons.append(f"time in role is what holds the step back: about {years_text(years_left)} more")
    reasons.append(CAVEAT)
    return Verdict(
        role=step,
        status=status,
        years_left=years_left,
        served=served,
        assumed_served=assumed,
        reasons=reasons,
        kind=move.kind if move else None,
        typical_years=move.years if move else None,
        skill_years=skill_years,
        core_short=core_short,
        tolerated=[s for _, s in short] if status == "ready" else [],
        make_the_case=case,
    )


def make_the_case(kb: KnowledgeBase, step: str, small_gaps: list[str], kind: str | None) -> list[str]:
    """What someone ready for `step` does next: the evidence, the conversation, the opening."""
    role = kb.roles[step]
    core = [kb.skills[s].name.lower() if s in kb.skills else s for s in role.core[:3]]
    evidence = f" in {listed(core)}" if core else ""
    moving = "move to" if kind == "lateral" else "be considered for"
    case = [
        f"Gather the evidence: two or three results of the last year that show you already work at "
        f"{role.name}'s level{evidence}",
        f"Ask your manager for the conversation: say you want to {moving} {role.name}, walk through the "
        "evidence, and ask what else they would need to see, and by when",
        f"Find the opening: an open {role.name} role, a new team or product that needs one, or internal "
        "mobility; if none is coming, ask when one will",
    ]
    if small_gaps:
        names = [kb.skills[s].name if s in kb.skills else s for s in small_gaps]
        case.append(f"Close the small gaps as you go: {listed(names)}, one level each")
    return case
