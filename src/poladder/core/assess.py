"""Where you stand: best-fitting role, readiness for a target, the gaps, and what to do next.

The semantics are exact and public, so scripts can rely on them:
- readiness for a role = sum over its required skills of min(have, need) / sum of need
  (1.0 if it needs nothing);
- best fit = the highest-rank role whose required levels are all met (ties: by id), or None;
- target = the one given, else the quickest promotion out of your role (or best fit), else its quickest
  move of any kind (a Scrum Master's next step is a lateral move);
- route = the quickest route from your stated role (else your best fit) to the target;
- gaps = the target's required skills with have < need, largest gap first (then skill id);
- focus = at most N skills (3 by default) for the next step of the route, not the far target: first
  the skills below what your own role needs (the ground to make good), then the biggest gap to the
  next role, then the skills more later roles on the route need, then by id; each with the actions for
  your next level (see poladder.core.advice);
- certifications = those the roles ahead on the route recommend, with their prerequisites, never one
  you hold: now, or later with the date or what is missing (see poladder.core.advice);
- next steps = the complete list, step by step along the route: for each skill to raise, the actions
  for the levels still to climb; the step's certifications; the move itself.
"""

from __future__ import annotations

from datetime import date
from itertools import repeat
from operator import ge
from typing import Literal, NamedTuple

from pydantic import Field

from poladder.core.advice import (
    CertificationAdvice,
    Period,
    climb_actions,
    focus_actions,
    route_certifications,
)
from poladder.core.routes import Climb, climbs
from poladder.core.verdict import Verdict, verdict
from poladder.core.wording import listed, years_text
from poladder.model.ladder import Action, KnowledgeBase, Role
from poladder.model.profile import Profile
from poladder.model.result import KnowledgeBaseStamp, Result

FOCUS = 3


class Gap(Result):
    skill: str
    have: int
    need: int


class NextStep(Result):
    kind: Literal["action", "certification", "move"]
    text: str
    step: int = Field(description="Route step it belongs to: 0 your own role, 1 the next move, ...")
    role: str | None = Field(default=None, description="The role of that step (for a move: where it leads)")
    skill: str | None = Field(default=None, description="For an action: the skill it grows")
    level: int | None = Field(default=None, description="For an action: the level it helps you reach")
    certification: str | None = None
    status: Literal["now", "later"] | None = Field(default=None, description="For a certification")
    eligible_from: date | None = Field(default=None, description="For a later certification, if known")
    requires: list[str] = Field(default_factory=list, description="Certifications to hold first")
    years: float | None = Field(default=None, description="For a move: typical years before it")
    why: str | None = Field(default=None, description="Which gap, which role on the route needs it")


class FocusSkill(Result):
    skill: str
    have: int
    need: int = Field(description="The level to reach for the next step (at least what your role needs)")
    role: str = Field(description="The role that needs it: yours (ground to make good) or the next step")
    ground: bool = Field(description="True when your own role already needs more than you have")
    also_needed_by: list[str] = Field(description="Later roles on the route that need more than you have")
    actions: list[Action] = Field(description="For your next level (have + 1), else the nearest, else plain")
    why: str


class RoleReadiness(Result):
    role: str
    readiness: float


class Assessment(Result):
    name: str | None
    view: str = Field(
        default="self",
        description="Whose levels: 'self' (the person's own), else the rater whose view they are "
        "(assess --rater, --view)",
    )
    role: str | None = Field(description="Current role id, if given")
    target: str | None = Field(description="Target role id: given, or the next move from role (or best fit)")
    best_fit: str | None = Field(description="Highest-rank role whose required levels are all met")
    readiness: float | None = Field(description="Readiness for the target, 0.0-1.0")
    gaps: list[Gap] = Field(description="The target's required skills you hold below its level")
    focus: list[FocusSkill] = Field(description="The few skills that matter most for the next step")
    certifications: list[CertificationAdvice] = Field(
        description="Recommended by the roles ahead on the route, prerequisites first; none you hold"
    )
    next_steps: list[NextStep] = Field(description="The complete list, step by step along the route")
    route: list[str] = Field(description="From your role (else best fit) to target; empty if there is none")
    route_years: float | None
    next_roles: list[RoleReadiness] = Field(description="Readiness for each move out of role (or best fit)")
    verdict: Verdict | None = Field(
        description="Ready, close or not yet for the next step of the route (see poladder.core.verdict); "
        "null when there is no next step"
    )
    profile: Profile
    knowledge_base: KnowledgeBaseStamp


def readiness(role: Role, have: dict[str, int]) -> float:
    need = sum(role.skills.values())
    if need == 0:
        return 1.0
    # The sum of min(have, need) over the role's skills, with the loop in C: `team` runs this for
    # every move of every person.
    held = sum(map(min, map(have.get, role.skills, repeat(0)), role.skills.values()))
    return round(held / need, 4)


def meets(role: Role, have: dict[str, int]) -> bool:
    return all(map(ge, map(have.get, role.skills, repeat(0)), role.skills.values()))


def best_fit(kb: KnowledgeBase, have: dict[str, int]) -> str | None:
    """The most senior role (then the first by id) whose levels are all met: its readiness is 1.0."""
    roles = kb.roles
    return next((r for r in kb.by_seniority if meets(roles[r], have)), None)


def next_promotion(kb: KnowledgeBase, role_id: str | None) -> str | None:
    """The quickest promotion out of a role, else its quickest move of any kind (ties: the one the
    ladder lists first), or None: the default target."""
    if role_id is None:
        return None
    moves = [
        (move.kind != "promotion", move.years, order, target)
        for order, (target, move) in enumerate(kb.roles[role_id].next.items())
    ]
    return min(moves)[3] if moves else None


def gaps(role: Role, have: dict[str, int]) -> list[Gap]:
    """The role's skills held below its level, the largest gap first (then by id)."""
    found = sorted((h - n, s, h, n) for s, n in role.skills.items() if (h := have.get(s, 0)) < n)
    return [Gap(skill=s, have=h, need=n) for _, s, h, n in found]


class Standing(NamedTuple):
    """What `assess` and `team` both compute for a person: everything but the advice and the route."""

    have: dict[str, int]
    best_fit: str | None
    target: str | None
    readiness: float | None
    gaps: list[Gap]
    next_roles: list[RoleReadiness]


def standing(kb: KnowledgeBase, skills: dict[str, int], role: str | None, target: str | None) -> Standing:
    """Best fit, target (default: see next_promotion), readiness, gaps, and readiness for next roles."""
    have = {s: level for s, level in skills.items() if level > 0}
    fit = best_fit(kb, have)
    origin = role or fit
    target = target or next_promotion(kb, origin)
    next_roles = [
        RoleReadiness(role=t, readiness=readiness(kb.roles[t], have))
        for t in (kb.roles[origin].next if origin else {})
    ]
    if target is None:
        return Standing(have, fit, None, None, [], next_roles)
    return Standing(
        have, fit, target, readiness(kb.roles[target], have), gaps(kb.roles[target], have), next_roles
    )


def _names(kb: KnowledgeBase, role_ids: list[str]) -> str:
    names = [kb.roles[r].name for r in role_ids]
    if len(names) > 3:
        names = [*names[:2], f"{len(names) - 2} more"]
    return listed(names)


def focus(
    kb: KnowledgeBase,
    have: dict[str, int],
    role: str | None,
    route: list[str],
    available: set[str],
    size: int = FOCUS,
) -> list[FocusSkill]:
    """The `size` skills that matter most for the next step (the rule is in the module docstring)."""
    own = kb.roles[role].skills if role else {}
    step = route[1] if len(route) > 1 else (route[0] if route else None)
    nxt = kb.roles[step].skills if step else {}
    later = route[2:]
    found = []
    for skill_id in {**own, **nxt}:
        level, mine, theirs = have.get(skill_id, 0), own.get(skill_id, 0), nxt.get(skill_id, 0)
        need = max(mine, theirs)
        if level >= need:
            continue
        ground = level < mine
        needs_it = step if step is not None and theirs >= mine else role
        assert needs_it is not None  # need > 0 comes from own (role set) or nxt (step set)
        also = [r for r in later if kb.roles[r].skills.get(skill_id, 0) > level]
        if ground:
            why = f"your role, {kb.roles[role or needs_it].name}, needs {mine}; you have {level}"
            if theirs > mine and step:
                why += f"; {kb.roles[step].name} needs {theirs}"
        else:
            why = f"{kb.roles[needs_it].name}, your next step, needs {need}; you have {level}"
        if also:
            why += f"; {_names(kb, also)} {'needs' if len(also) == 1 else 'need'} it too"
        found.append(
            FocusSkill(
                skill=skill_id,
                have=level,
                need=need,
                role=needs_it,
                ground=ground,
                also_needed_by=also,
                actions=focus_actions(kb.skills[skill_id], level, need, available),
                why=why,
            )
        )
    found.sort(key=lambda f: (not f.ground, f.have - f.need, -len(f.also_needed_by), f.skill))
    return found[:size]


def next_steps(
    kb: KnowledgeBase,
    have: dict[str, int],
    role: str | None,
    ahead: list[str],
    certifications: list[CertificationAdvice],
    available: set[str],
) -> list[NextStep]:
    """The complete list along the route, stop by stop: the actions for each skill to raise (for the
    levels still to climb), the stop's certifications, then the move to the next stop."""
    steps: list[NextStep] = []
    by_step: dict[int, list[Climb]] = {}
    for climb in climbs(kb, have, role, ahead):
        by_step.setdefault(climb.step, []).append(climb)
    last = max([len(ahead) - 1, *by_step], default=0)
    for number in range(last + 1):
        for climb in by_step.get(number, []):
            whose = "your role, " if number == 0 and climb.role == role else ""
            why = f"{whose}{kb.roles[climb.role].name} needs {climb.need}; you have {climb.have}"
            for action in climb_actions(kb.skills[climb.skill], climb.have, climb.need, available):
                steps.append(
                    NextStep(
                        kind="action",
                        text=action.text,
                        step=number,
                        role=climb.role,
                        skill=climb.skill,
                        level=action.level,
                        certification=action.certification,
                        why=why,
                    )
                )
        for advice in (c for c in certifications if c.step == number):
            cert = kb.certifications[advice.certification]
            text = f"Take {cert.name} — {cert.provider}"
            if advice.missing:
                text += "; " + "; ".join(advice.missing)
            if advice.eligible_from:
                text += f"; possible from {advice.eligible_from}"
            steps.append(
                NextStep(
                    kind="certification",
                    text=text,
                    step=number,
                    role=advice.role,
                    certification=advice.certification,
                    status=advice.status,
                    eligible_from=advice.eligible_from,
                    requires=advice.requires,
                    why=advice.why,
                )
            )
        if number == 0:
            continue
        here, there = ahead[number - 1], ahead[number]
        move = kb.roles[here].next.get(there)
        if move is None:  # no route: aiming straight at the target, there is no move to name
            continue
        steps.append(
            NextStep(
                kind="move",
                text=f"Move from {kb.roles[here].name} to {kb.roles[there].name} "
                f"({move.kind}, typically after {years_text(move.years)})",
                step=number,
                role=there,
                years=move.years,
                why=move.note,
            )
        )
    return steps


def assess(
    kb: KnowledgeBase, stamp: KnowledgeBaseStamp, profile: Profile, today: date, focus_size: int = FOCUS
) -> Assessment:
    """Assess a resolved profile (ids already canonical: see profile.resolve) on `today`."""
    from poladder.core.routes import quickest

    now = standing(kb, profile.skills, profile.role, profile.target)
    start = profile.role or now.best_fit
    route: list[str] = []
    route_years = None
    if now.target and start:
        found = quickest(kb, start, now.target)
        if found:
            route_years, route = round(found[0], 2), found[1]
    # The roles to walk through: the route, else (no way there in this ladder) straight at the target,
    # else (nowhere to go) the role itself, whose own needs are then all the advice there is.
    if route:
        ahead = route
    elif now.target and start and start != now.target:
        ahead = [start, now.target]
    else:
        ahead = [r for r in (now.target or start,) if r]
    step = ahead[1] if len(ahead) > 1 else None
    periods: list[Period] = [(profile.role, today, None)] if profile.role else []
    certs = route_certifications(kb, ahead, profile.certifications, profile.experience, periods)
    available = {c.certification for c in certs if c.status == "now"}
    return Assessment(
        name=profile.name,
        role=profile.role,
        target=now.target,
        best_fit=now.best_fit,
        readiness=now.readiness,
        gaps=now.gaps,
        focus=focus(kb, now.have, profile.role, ahead, available, focus_size),
        certifications=certs,
        next_steps=next_steps(kb, now.have, profile.role, ahead, certs, available),
        route=route,
        route_years=route_years,
        next_roles=now.next_roles,
        verdict=verdict(kb, profile, now.have, step) if step else None,
        profile=profile,
        knowledge_base=stamp,
    )
