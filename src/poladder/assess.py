"""Where you stand: best-fitting role, readiness for a target, the gaps, and what to do next.

The semantics are exact and public, so scripts can rely on them:
- readiness for a role = sum over its required skills of min(have, need) / sum of need
  (1.0 if it needs nothing);
- best fit = the highest-rank role whose required levels are all met (ties: readiness, then id), or None;
- gaps = the target's required skills with have < need, largest gap first (then skill id);
- next steps = per gap, the skill's growth actions and the certifications that build it (the ones you
  cannot take yet say what they require first), then the route from best fit (or role) to the target.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal, NamedTuple

from pydantic import Field

from poladder.knowledge import KnowledgeBase, Role, prerequisite_order
from poladder.profile import Profile
from poladder.results import KnowledgeBaseStamp, Result


class Gap(Result):
    skill: str
    have: int
    need: int


class NextStep(Result):
    kind: Literal["action", "certification", "move"]
    text: str
    skill: str | None = Field(default=None, description="The gap this step closes")
    certification: str | None = None
    requires: list[str] = Field(default_factory=list, description="Certifications to hold first")
    role: str | None = Field(default=None, description="For a move: the role it leads to")
    years: float | None = None


class RoleReadiness(Result):
    role: str
    readiness: float


class Assessment(Result):
    name: str | None
    role: str | None = Field(description="Current role id, if given")
    target: str | None = Field(description="Target role id: given, or the next promotion")
    best_fit: str | None = Field(description="Highest-rank role whose required levels are all met")
    readiness: float | None = Field(description="Readiness for the target, 0.0-1.0")
    gaps: list[Gap]
    next_steps: list[NextStep]
    route: list[str] = Field(description="From best fit (or role) to target; empty if there is none")
    route_years: float | None
    next_roles: list[RoleReadiness] = Field(description="Readiness for each move out of role (or best fit)")
    profile: Profile
    knowledge_base: KnowledgeBaseStamp


def readiness(role: Role, have: dict[str, int]) -> float:
    need = sum(role.skills.values())
    if need == 0:
        return 1.0
    return round(sum(min(have.get(s, 0), n) for s, n in role.skills.items()) / need, 4)


def meets(role: Role, have: dict[str, int]) -> bool:
    return all(have.get(s, 0) >= n for s, n in role.skills.items())


def best_fit(kb: KnowledgeBase, have: dict[str, int]) -> str | None:
    fitting = [
        (-role.rank, -readiness(role, have), role_id)
        for role_id, role in kb.roles.items()
        if meets(role, have)
    ]
    return min(fitting)[2] if fitting else None


def next_promotion(kb: KnowledgeBase, role_id: str | None) -> str | None:
    """The quickest promotion out of a role (ties: the one the ladder lists first), or None."""
    if role_id is None:
        return None
    promotions = [
        (move.years, order, target)
        for order, (target, move) in enumerate(kb.roles[role_id].next.items())
        if move.kind == "promotion"
    ]
    return min(promotions)[2] if promotions else None


def gaps(role: Role, have: dict[str, int]) -> list[Gap]:
    found = [Gap(skill=s, have=have.get(s, 0), need=n) for s, n in role.skills.items() if have.get(s, 0) < n]
    return sorted(found, key=lambda g: (g.have - g.need, g.skill))


def next_steps(kb: KnowledgeBase, gap_list: list[Gap], held: set[str]) -> list[NextStep]:
    steps: list[NextStep] = []
    offered: set[str] = set()
    for gap in gap_list:
        skill = kb.skills[gap.skill]
        steps.extend(NextStep(kind="action", text=action, skill=gap.skill) for action in skill.actions)
        helpful = [
            (any(r not in held for r in cert.requires), cert_id)
            for cert_id, cert in kb.certifications.items()
            if cert_id not in held and cert_id not in offered and cert.builds.get(gap.skill, 0) > gap.have
        ]
        for _, cert_id in sorted(helpful):  # the ones you can take now first, then by id
            cert = kb.certifications[cert_id]
            offered.add(cert_id)
            missing = prerequisite_order(kb, cert.requires, held)  # the whole chain, first things first
            text = f"Take {cert.name} — {cert.provider}"
            if missing:
                text += "; first hold " + ", ".join(
                    kb.certifications[r].name if r in kb.certifications else r for r in missing
                )
            steps.append(
                NextStep(
                    kind="certification", text=text, skill=gap.skill, certification=cert_id, requires=missing
                )
            )
    return steps


class Standing(NamedTuple):
    """What `assess` and `team` both compute for a person: everything but the advice and the route."""

    have: dict[str, int]
    best_fit: str | None
    target: str | None
    readiness: float | None
    gaps: list[Gap]
    next_roles: list[RoleReadiness]


def standing(kb: KnowledgeBase, skills: dict[str, int], role: str | None, target: str | None) -> Standing:
    """Best fit, target (default: the quickest promotion), readiness, gaps, and readiness for next roles."""
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


def assess(kb: KnowledgeBase, stamp: KnowledgeBaseStamp, profile: Profile) -> Assessment:
    """Assess a resolved profile (ids already canonical: see profile.resolve)."""
    from poladder.routes import quickest

    now = standing(kb, profile.skills, profile.role, profile.target)
    steps = next_steps(kb, now.gaps, set(profile.certifications))
    route: list[str] = []
    route_years = None
    start = now.best_fit or profile.role
    if now.target and start:
        found = quickest(kb, start, now.target)
        if found:
            route_years, route = round(found[0], 2), found[1]
            for here, there in pairwise(route):
                move = kb.roles[here].next[there]
                steps.append(
                    NextStep(
                        kind="move",
                        role=there,
                        years=move.years,
                        text=f"Move from {kb.roles[here].name} to {kb.roles[there].name} "
                        f"({move.kind}, typically after {move.years:g} years)",
                    )
                )
    return Assessment(
        name=profile.name,
        role=profile.role,
        target=now.target,
        best_fit=now.best_fit,
        readiness=now.readiness,
        gaps=now.gaps,
        next_steps=steps,
        route=route,
        route_years=route_years,
        next_roles=now.next_roles,
        profile=profile,
        knowledge_base=stamp,
    )
