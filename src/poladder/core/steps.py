"""The complete list of what to do, stop by stop along the route (`assess --all`, `assess --json`):
the actions for each skill still to raise, the stop's certifications, then the move itself, with how
people make it and its pitfalls. The rules for which actions and certifications are in
poladder.core.advice."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from poladder.core.advice import CertificationAdvice, Fit, climb_actions, is_stretch
from poladder.core.routes import Climb, climbs
from poladder.core.wording import years_text
from poladder.model.ladder import KnowledgeBase
from poladder.model.result import Result


class NextStep(Result):
    kind: Literal["action", "certification", "move"]
    text: str
    step: int = Field(description="Route step it belongs to: 0 your own role, 1 the next move, ...")
    role: str | None = Field(default=None, description="The role of that step (for a move: where it leads)")
    skill: str | None = Field(default=None, description="For an action: the skill it grows")
    level: int | None = Field(default=None, description="For an action: the level it helps you reach")
    certification: str | None = None
    status: Literal["now", "later", "conditional"] | None = Field(
        default=None, description="For a certification"
    )
    eligible_from: date | None = Field(default=None, description="For a later certification, if known")
    requires: list[str] = Field(default_factory=list, description="Certifications to hold first")
    years: float | None = Field(default=None, description="For a move: typical years before it")
    why: str | None = Field(default=None, description="Which gap, which role on the route needs it")
    stretch: bool = Field(
        default=False, description="For an action: the step's own job, done before having the role"
    )
    alternatives: list[str] = Field(
        default_factory=list, description="For a certification: the equivalent ones that serve instead"
    )
    how: list[str] = Field(default_factory=list, description="For a move: concrete ways people make it")
    pitfalls: list[str] = Field(default_factory=list, description="For a move: known ways it goes wrong")


def next_steps(
    kb: KnowledgeBase,
    have: dict[str, int],
    role: str | None,
    ahead: list[str],
    certifications: list[CertificationAdvice],
    available: set[str],
    fit: Fit | None = None,
) -> list[NextStep]:
    """The complete list along the route, stop by stop: the actions for each skill to raise (for the
    levels still to climb), the stop's certifications, then the move to the next stop."""
    fit = fit or Fit.of(kb, role)
    steps: list[NextStep] = []
    by_step: dict[int, list[Climb]] = {}
    for climb in climbs(kb, have, role, ahead):
        by_step.setdefault(climb.step, []).append(climb)
    last = max([len(ahead) - 1, *by_step], default=0)
    for number in range(last + 1):
        before = role if number <= 1 else ahead[number - 1]
        for climb in by_step.get(number, []):
            whose = "your role, " if number == 0 and climb.role == role else ""
            why = f"{whose}{kb.roles[climb.role].name} needs {climb.need}; you have {climb.have}"
            for action in climb_actions(kb.skills[climb.skill], climb.have, climb.need, available, fit):
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
                        stretch=number > 0 and is_stretch(kb, action, climb.skill, before, climb.role),
                    )
                )
        for advice in (c for c in certifications if c.step == number):
            steps.append(certification_step(kb, advice))
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
                how=move.how,
                pitfalls=move.pitfalls,
            )
        )
    return steps


def certification_step(kb: KnowledgeBase, advice: CertificationAdvice) -> NextStep:
    cert = kb.certifications[advice.certification]
    names = [cert.name, *(kb.certifications[a].name for a in advice.alternatives)]
    text = f"Take {' or '.join(names)}" + (f" — {cert.provider}" if not advice.alternatives else "")
    if advice.missing:
        text += "; " + "; ".join(advice.missing)
    if advice.eligible_from:
        text += f"; possible from {advice.eligible_from}"
    if advice.condition:
        text += f"; {advice.condition}"
    return NextStep(
        kind="certification",
        text=text,
        step=advice.step,
        role=advice.role,
        certification=advice.certification,
        status=advice.status,
        eligible_from=advice.eligible_from,
        requires=advice.requires,
        why=advice.why,
        alternatives=advice.alternatives,
    )
