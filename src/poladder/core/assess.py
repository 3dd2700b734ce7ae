"""Where you stand: best-fitting role, readiness for a target, the gaps, and what to do next.

The semantics are exact and public, so scripts can rely on them:
- readiness, best fit (with its tolerance), gaps and the default target are poladder.core.measure's;
- target = the one given, else the quickest promotion out of your role (or best fit), else its quickest
  move of any kind (a Scrum Master's next step is a lateral move);
- route = chosen by the time it takes you to be ready, time served and skills counted (see
  poladder.core.choice), with why; route_years = that time: the next step's years left (its verdict,
  see poladder.core.verdict), then the typical years of each later move;
- verdict = ready, close or not yet for the next step of the route, with the years left and the reasons
  (none without a route);
- gaps = the target's required skills with have < need, largest gap first, then core skills first;
- focus = at most N skills (3 by default; 0 hides it) for the next step of the route, not the far
  target — or, when you are ready for it, for the step after (the focus rolls forward): the step's
  core skills first, then the ground to make good in your own role, then the biggest gap, then the
  skills more later roles on the route need, then the ladder's order (never the alphabet); each with
  the actions for your next level that fit your seniority (see poladder.core.advice);
- strengths = the skills you hold at level 2 or more and at or above the next step's need (a skill it
  does not ask for, from level 3): its core skills first, then the highest held; for a lateral move
  the transferable ones (those your current role asks for) first, the highest held first;
- certifications = those worth taking (see poladder.core.advice);
- next steps = the complete list, step by step along the route: for each skill to raise, the actions
  for the levels still to climb; the step's certifications; the move itself, with how people make it
  and its pitfalls.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from pydantic import Field

from poladder.core.advice import (
    CertificationAdvice,
    Fit,
    Period,
    focus_actions,
    frameworks_of,
    is_stretch,
    route_certifications,
)
from poladder.core.choice import Choice, NextRole, choose
from poladder.core.measure import Gap, RoleReadiness, best_fit, gaps, meets, next_promotion, readiness
from poladder.core.steps import NextStep, next_steps
from poladder.core.verdict import Verdict
from poladder.model.ladder import Action, KnowledgeBase
from poladder.model.profile import Profile
from poladder.model.result import KnowledgeBaseStamp, Result

FOCUS = 3


class FocusSkill(Result):
    skill: str
    name: str = Field(default="", description="The skill's name")
    have: int
    need: int = Field(description="The level to reach for the next step (at least what your role needs)")
    role: str = Field(description="The role that needs it: yours (ground to make good) or the next step")
    ground: bool = Field(description="True when your own role already needs more than you have")
    core: bool = Field(default=False, description="True when it is one of the next step's core skills")
    also_needed_by: list[str] = Field(description="Later roles on the route that need more than you have")
    actions: list[Action] = Field(
        description="For your next level (have + 1, or your seniority's), else the nearest, else plain; "
        "empty when none is at or above your seniority (the level of the role you hold)"
    )
    stretch: bool = Field(
        default=False,
        description="True when its actions are the next step's own job: ask for the room to do them",
    )
    why: str


class Strength(Result):
    skill: str
    have: int = Field(description="The level you hold")
    need: int = Field(description="The level the next step needs (0: it does not ask for the skill)")
    core: bool = Field(description="One of the next step's core skills")
    transferable: bool = Field(description="Your current role asks for it: it comes with you")


class Assessment(Result):
    name: str | None
    view: str = Field(
        default="self",
        description="Whose levels: 'self' (the person's own), else the rater whose view they are "
        "(assess --rater, --view)",
    )
    role: str | None = Field(description="Current role id, if given")
    target: str | None = Field(description="Target role id: given, or the next move from role (or best fit)")
    best_fit: str | None = Field(
        description="Highest-rank role whose levels you meet, allowing at most two skills one level short; "
        "never below your role when a single skill keeps you from it"
    )
    best_fit_gaps: list[Gap] = Field(
        default_factory=list,
        description="The best fit's skills you hold below its level: at most two, one level short, or the "
        "single skill that keeps you from your own role",
    )
    readiness: float | None = Field(description="Readiness for the target, 0.0-1.0")
    gaps: list[Gap] = Field(description="The target's required skills you hold below its level")
    verdict: Verdict | None = Field(
        description="Ready, close or not yet for the next step of the route (see poladder.core.verdict); "
        "null when there is no next step or no route"
    )
    strengths: list[Strength] = Field(
        default_factory=list, description="Skills at or above the next step's need, the most telling first"
    )
    focus: list[FocusSkill] = Field(description="The few skills that matter most for the next step")
    focus_role: str | None = Field(
        default=None,
        description="The role the focus is for: the next step, or when you are ready for it the one after",
    )
    focus_size: int = Field(default=FOCUS, description="How many focus skills were asked for (--focus)")
    certifications: list[CertificationAdvice] = Field(
        description="Worth taking: now, conditional or later (see poladder.core.advice); none held or covered"
    )
    next_steps: list[NextStep] = Field(description="The complete list, step by step along the route")
    route: list[str] = Field(description="From your role (else best fit) to target; empty if there is none")
    route_years: float | None = Field(
        default=None,
        description="Years to the target for you: the next step's years left, then typical years",
    )
    route_why: str | None = Field(default=None, description="Why this route: how it was chosen for you")
    route_typical: list[str] = Field(
        default_factory=list,
        description="The quickest route in typical years (your time served counted), for comparison",
    )
    options: list[NextRole] = Field(
        default_factory=list,
        description="Every move out of your role (or best fit) for you: the chosen one first, then by "
        "years to the target, years left and readiness",
    )
    next_roles: list[RoleReadiness] = Field(description="Readiness for each move out of role (or best fit)")
    profile: Profile
    knowledge_base: KnowledgeBaseStamp


class Standing(NamedTuple):
    """What `assess` and `team` both compute for a person: everything but the advice and the route."""

    have: dict[str, int]
    best_fit: str | None
    target: str | None
    readiness: float | None
    gaps: list[Gap]
    next_roles: list[RoleReadiness]
    fit_gaps: list[Gap]


def standing(kb: KnowledgeBase, skills: dict[str, int], role: str | None, target: str | None) -> Standing:
    """Best fit, target (default: see next_promotion), readiness, gaps, and readiness for next roles."""
    have = {s: level for s, level in skills.items() if level > 0}
    fit = best_fit(kb, have, role)
    fit_gaps = gaps(kb.roles[fit], have) if fit is not None and not meets(kb.roles[fit], have) else []
    origin = role or fit
    target = target or next_promotion(kb, origin)
    next_roles = [
        RoleReadiness(t, readiness(kb.roles[t], have)) for t in (kb.roles[origin].next if origin else {})
    ]
    if target is None:
        return Standing(have, fit, None, None, [], next_roles, fit_gaps)
    ready = next((r.readiness for r in next_roles if r.role == target), None)
    if ready is None:
        ready = readiness(kb.roles[target], have)
    return Standing(have, fit, target, ready, gaps(kb.roles[target], have), next_roles, fit_gaps)


def _index(items: list[str], item: str) -> int:
    return items.index(item) if item in items else len(items)


def focus(
    kb: KnowledgeBase,
    have: dict[str, int],
    role: str | None,
    route: list[str],
    available: set[str],
    size: int = FOCUS,
    fit: Fit | None = None,
) -> list[FocusSkill]:
    """The `size` skills that matter most for the next step of `route` (the rule is in the module
    docstring); `role` is the person's own, whose needs are the ground to make good."""
    fit = fit or Fit.of(kb, role)
    own = kb.roles[role].skills if role else {}
    step = route[1] if len(route) > 1 else (route[0] if route else None)
    nxt = kb.roles[step].skills if step else {}
    core = kb.roles[step].core if step else []
    later = route[2:]
    order = [*nxt, *(s for s in own if s not in nxt)]
    found = []
    for skill_id in order:
        level, mine, theirs = have.get(skill_id, 0), own.get(skill_id, 0), nxt.get(skill_id, 0)
        need = max(mine, theirs)
        if level >= need:
            continue
        ground = level < mine
        needs_it = step if step is not None and theirs >= mine else role
        assert needs_it is not None  # need > 0 comes from own (role set) or nxt (step set)
        also = [r for r in later if kb.roles[r].skills.get(skill_id, 0) > level]
        is_core = skill_id in core and theirs > level
        step_name = kb.roles[step].name if step else ""
        own_name = kb.roles[role].name if role else ""
        if is_core:
            why = f"core to {step_name}" + (
                f"; your role, {own_name}, already needs {mine}" if ground else ""
            )
        elif ground:
            why = f"your role, {own_name}, already needs {mine}"
            if theirs > mine and step:
                why += f"; {step_name} needs {theirs}"
        else:
            why = f"{kb.roles[needs_it].name} needs {need}"
        if also:
            why += (
                "; the role after needs it too"
                if len(also) == 1
                else f"; {len(also)} later roles need it too"
            )
        actions = focus_actions(kb.skills[skill_id], level, need, available, fit)
        found.append(
            (
                (
                    not is_core,
                    not ground,
                    level - need,
                    -len(also),
                    _index(core, skill_id),
                    order.index(skill_id),
                ),
                FocusSkill(
                    skill=skill_id,
                    name=kb.skills[skill_id].name,
                    have=level,
                    need=need,
                    role=needs_it,
                    ground=ground,
                    core=is_core,
                    also_needed_by=also,
                    actions=actions,
                    stretch=any(is_stretch(kb, a, skill_id, role, step) for a in actions),
                    why=why,
                ),
            )
        )
    found.sort(key=lambda item: item[0])
    return [item for _, item in found[:size]]


def strengths(kb: KnowledgeBase, have: dict[str, int], role: str | None, step: str | None) -> list[Strength]:
    """The skills held at or above `step`'s need, the most telling first (see the module docstring)."""
    if step is None:
        return []
    target = kb.roles[step]
    own = kb.roles[role].skills if role else {}
    move = kb.roles[role].next.get(step) if role else None
    lateral = move is not None and move.kind == "lateral"
    order = [*target.skills, *(s for s in kb.skills if s not in target.skills)]
    found = []
    for skill, level in have.items():
        need = target.skills.get(skill, 0)
        if level < max(need, 2) or (need == 0 and level < 3) or skill not in kb.skills:
            continue
        strength = Strength(
            skill=skill,
            have=level,
            need=need,
            core=skill in target.core,
            transferable=own.get(skill, 0) > 0,
        )
        if lateral:  # what they carry over from the job they do now, the strongest first
            key = (not strength.transferable, -level, int(not strength.core), order.index(skill))
        else:
            key = (not strength.core, -level, need - level, order.index(skill))
        found.append((key, strength))
    found.sort(key=lambda item: item[0])
    return [item for _, item in found]


def way_ahead(
    kb: KnowledgeBase,
    profile: Profile,
    have: dict[str, int],
    next_roles: list[RoleReadiness],
    start: str | None,
    target: str | None,
) -> tuple[Choice | None, list[str]]:
    """The route chosen for the person (None without a start), and the roles to walk through: the
    route, else (no way there in this ladder) straight at the target, else (nowhere to go) the role
    itself, whose own needs are then all the advice there is."""
    chosen = None
    if start:
        ready = {r.role: r.readiness for r in next_roles}
        chosen = choose(kb, profile, have, ready, start, target)
    if chosen is not None and chosen.route:
        return chosen, chosen.route
    if target and start and start != target:
        return chosen, [start, target]
    return chosen, [r for r in (target or start,) if r]


def worth_taking(
    kb: KnowledgeBase, profile: Profile, ahead: list[str], today: date | None
) -> list[CertificationAdvice]:
    """The certifications worth taking along `ahead` (see poladder.core.advice): what `assess` lists,
    and what `team` buys training from, person by person. `today` dates the `later` ones that time in
    the current role makes possible; None leaves them undated (their status is the same)."""
    periods: list[Period] = [(profile.role, today, None)] if profile.role and today else []
    frameworks = frameworks_of(kb, profile.organisation.frameworks if profile.organisation else None)
    return route_certifications(kb, ahead, profile.certifications, profile.experience, periods, frameworks)


def assess(
    kb: KnowledgeBase, stamp: KnowledgeBaseStamp, profile: Profile, today: date, focus_size: int = FOCUS
) -> Assessment:
    """Assess a resolved profile (ids already canonical: see profile.resolve) on `today`."""
    now = standing(kb, profile.skills, profile.role, profile.target)
    start = profile.role or now.best_fit
    chosen, ahead = way_ahead(kb, profile, now.have, now.next_roles, start, now.target)
    route, route_years, route_why, options, verdicts, typical = chosen or ([], None, None, [], {}, [])
    step = ahead[1] if len(ahead) > 1 else None
    # A verdict needs a step to judge: the next one of the route (none when the ladder has no way there).
    found = verdicts.get(route[1]) if len(route) > 1 else None
    # Ready for the next step: the focus rolls forward to the one after it.
    focus_route = ahead
    if found is not None and found.status == "ready" and step is not None:
        beyond = next_promotion(kb, step)
        focus_route = ahead[1:] if len(ahead) > 2 else [step, beyond] if beyond else ahead
    certs = worth_taking(kb, profile, ahead, today)
    # What certification actions may suggest: each one worth taking now, and the alternatives in its
    # choice that the person could take as well (their prerequisites held).
    held = set(profile.certifications)
    available = {
        c
        for advice in certs
        if advice.status == "now"
        for c in (advice.certification, *advice.alternatives)
        if c == advice.certification or set(kb.certifications[c].requires) <= held
    }
    fit = Fit.of(kb, profile.role or start)
    focused = focus(kb, now.have, profile.role, focus_route, available, focus_size, fit)
    return Assessment(
        name=profile.name,
        role=profile.role,
        target=now.target,
        best_fit=now.best_fit,
        best_fit_gaps=now.fit_gaps,
        readiness=now.readiness,
        gaps=now.gaps,
        verdict=found,
        strengths=strengths(kb, now.have, profile.role or start, step or start),
        focus=focused,
        focus_role=(focus_route[1] if len(focus_route) > 1 else focus_route[0]) if focus_route else None,
        focus_size=focus_size,
        certifications=certs,
        next_steps=next_steps(kb, now.have, profile.role, ahead, certs, available, fit),
        route=route,
        route_years=route_years,
        route_why=route_why,
        route_typical=typical,
        options=options,
        next_roles=now.next_roles,
        profile=profile,
        knowledge_base=stamp,
    )
