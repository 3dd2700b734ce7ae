"""Which way to go: the best next roles for a person, and the route to their target, chosen by the time
it takes *them* to be ready — time served and skills counted — not by typical years alone.

The rules, which `poladder assess --help` states too:
- Candidates: the CANDIDATES quickest routes by typical years (the first move less the time served),
  and for each move out of the starting role the quickest route on from it.
- Each is timed for the person: the years left for its first step (that step's verdict, see
  poladder.core.verdict: 0 when ready), then the typical years of every later move. The route is the
  quickest so timed; ties go to the quicker in typical years, then to fewer steps, then to the order
  the candidates were found in (the ladder's, never the alphabet's).
- The best next roles are the moves out of the starting role, each with its verdict, readiness and the
  years to the target through it: those that lead to the target first, the soonest there first, then
  the sooner ready, then the more ready, then the ladder's order of the moves.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal, NamedTuple

from pydantic import Field

from poladder.core.routes import quickest, ranked, route_years
from poladder.core.verdict import Verdict, time_served, verdict
from poladder.core.wording import percent, years_text
from poladder.model.ladder import KnowledgeBase
from poladder.model.profile import Profile
from poladder.model.result import Result

CANDIDATES = 5


class NextRole(Result):
    """One move out of the starting role, for this person."""

    role: str = Field(description="The role the move leads to")
    kind: Literal["promotion", "lateral"] = Field(description="A step up, or a move sideways")
    readiness: float = Field(description="Readiness for the role, 0.0-1.0 (see `readiness`)")
    status: Literal["ready", "close", "not-yet"] = Field(description="The verdict on this move")
    years_left: float = Field(description="Years until ready for it (see `verdict`)")
    to_target: float | None = Field(
        description="Years to the target through this role, timed for you; null when it does not lead there"
    )
    on_route: bool = Field(description="True for the next step of the chosen route")


class Choice(NamedTuple):
    route: list[str]
    years: float | None
    why: str | None
    options: list[NextRole]
    verdicts: dict[str, Verdict]
    typical: list[str]  # the quickest in typical years (time served counted)


def _timed(kb: KnowledgeBase, route: list[str], verdicts: dict[str, Verdict]) -> float:
    """Years to the end of `route` for the person: its first step's years left, then typical years."""
    if len(route) < 2:
        return 0.0
    return verdicts[route[1]].years_left + sum(kb.roles[a].next[b].years for a, b in pairwise(route[1:]))


def choose(
    kb: KnowledgeBase,
    profile: Profile,
    have: dict[str, int],
    readiness: dict[str, float],
    start: str,
    target: str | None,
) -> Choice:
    """The route from `start` to `target` for this person, why, and the best next roles (module docstring).
    `readiness`: the person's readiness for each move out of `start`."""
    here = kb.roles[start]
    verdicts = {n: verdict(kb, profile, have, n, start) for n in here.next}
    served = (time_served(profile)[0] or 0.0) if start == profile.role else 0.0
    candidates: list[list[str]] = []
    if target is not None:
        candidates = [route for _, route in ranked(kb, start, target, CANDIDATES, served)]
        for step in here.next:
            onward = (
                [step] if step == target else (quickest(kb, step, target, banned_nodes=[start]) or (0, []))[1]
            )
            if onward and [start, *onward] not in candidates:
                candidates.append([start, *onward])
    best: dict[str, float] = {}
    for route in candidates:
        if len(route) > 1:
            years = _timed(kb, route, verdicts)
            best[route[1]] = min(best.get(route[1], years), years)
    order = {step: i for i, step in enumerate(here.next)}
    if candidates:
        found = min(
            enumerate(candidates),
            key=lambda c: (_timed(kb, c[1], verdicts), route_years(kb, c[1], served), len(c[1]), c[0]),
        )[1]
    else:
        found = []
    options = sorted(
        (
            NextRole(
                role=step,
                kind=here.next[step].kind,
                readiness=readiness.get(step, 0.0),
                status=verdicts[step].status,
                years_left=verdicts[step].years_left,
                to_target=round(best[step], 2) if step in best else None,
                on_route=len(found) > 1 and found[1] == step,
            )
            for step in here.next
        ),
        key=lambda o: (
            not o.on_route,
            o.to_target is None,
            o.to_target or 0.0,
            o.years_left,
            -o.readiness,
            order[o.role],
        ),
    )
    total = round(_timed(kb, found, verdicts), 2) if found else None
    why = _why(kb, found, candidates, verdicts, readiness)
    return Choice(found, total, why, options, verdicts, candidates[0] if candidates else [])


def _why(
    kb: KnowledgeBase,
    found: list[str],
    candidates: list[list[str]],
    verdicts: dict[str, Verdict],
    readiness: dict[str, float],
) -> str | None:
    if len(found) < 2:
        return None
    if len(candidates) == 1:
        return "the only route in this ladder"
    typical = candidates[0]  # ranked's first: the quickest in typical years
    mine = years_text(_timed(kb, found, verdicts))
    if found == typical:
        return "the quickest in typical years, and for you"
    theirs = years_text(_timed(kb, typical, verdicts))
    if found[1] == typical[1]:
        return f"the quickest for you: about {mine}, against {theirs} by the quickest in typical years"
    name, other = kb.roles[found[1]].name, kb.roles[typical[1]].name
    closer = readiness.get(found[1], 0.0), readiness.get(typical[1], 0.0)
    return (
        f"through {name} rather than {other}, the quickest in typical years: you are "
        f"{percent(closer[0])} ready for it against {percent(closer[1])}, so about {mine} for you against "
        f"{theirs}"
    )
