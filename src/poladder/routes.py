"""Routes through the ladder: the quickest by typical years (Dijkstra) and the next best (Yen)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from pydantic import Field

from poladder.advice import CertificationAdvice, Period, route_certifications
from poladder.errors import NoRouteError
from poladder.knowledge import KnowledgeBase, prerequisite_order
from poladder.results import KnowledgeBaseStamp, Result

if TYPE_CHECKING:
    from poladder.profile import Profile


class SkillChange(Result):
    skill: str
    from_: int = Field(alias="from")
    to: int


class Step(Result):
    from_: str = Field(alias="from")
    to: str
    years: float
    kind: str
    note: str | None = Field(default=None, description="Where the typical years come from")
    skills: list[SkillChange] = Field(description="Skills to raise for this step, largest first")
    certifications: list[str] = Field(description="Certifications to take, prerequisites first")


class Route(Result):
    route: list[str]
    total_years: float
    steps: list[Step]


class PathResult(Result):
    from_: str = Field(alias="from")
    to: str
    route: list[str]
    total_years: float
    steps: list[Step]
    alternatives: list[Route] = Field(default_factory=list, description="Next-best loopless routes")
    certifications: list[CertificationAdvice] = Field(
        default_factory=list,
        description="With --profile: the route's certifications, now or later (see `poladder assess`)",
    )
    knowledge_base: KnowledgeBaseStamp


Edge = tuple[str, str]


def quickest(
    kb: KnowledgeBase,
    start: str,
    goal: str,
    banned_nodes: Iterable[str] = (),
    banned_edges: Iterable[Edge] = (),
) -> tuple[float, list[str]] | None:
    """Total years and role ids of the quickest route; ties go to fewer steps, then ids in order."""
    skip_nodes, skip_edges = set(banned_nodes), set(banned_edges)
    queue: list[tuple[float, int, list[str]]] = [(0.0, 0, [start])]
    done: set[str] = set()
    while queue:
        cost, hops, route = heapq.heappop(queue)
        here = route[-1]
        if here == goal:
            return cost, route
        if here in done:
            continue
        done.add(here)
        role = kb.roles.get(here)
        for target, move in role.next.items() if role else ():
            if target not in done and target not in skip_nodes and (here, target) not in skip_edges:
                heapq.heappush(queue, (cost + move.years, hops + 1, [*route, target]))
    return None


def ranked(kb: KnowledgeBase, start: str, goal: str, count: int) -> list[tuple[float, list[str]]]:
    """Up to `count` loopless routes ordered by total years (Yen's algorithm)."""
    first = quickest(kb, start, goal)
    if first is None:
        return []
    found = [first]
    candidates: list[tuple[float, int, list[str]]] = []
    seen = {tuple(first[1])}
    while len(found) < count:
        _, last = found[-1]
        for i in range(len(last) - 1):
            root = last[: i + 1]
            banned_edges = {(r[i], r[i + 1]) for _, r in found if r[: i + 1] == root and len(r) > i + 1}
            spur = quickest(kb, root[-1], goal, banned_nodes=root[:-1], banned_edges=banned_edges)
            if spur is None:
                continue
            route = [*root[:-1], *spur[1]]
            if tuple(route) not in seen:
                seen.add(tuple(route))
                heapq.heappush(candidates, (_years(kb, route), len(route), route))
        if not candidates:
            break
        cost, _, route = heapq.heappop(candidates)
        found.append((cost, route))
    return found


def _years(kb: KnowledgeBase, route: list[str]) -> float:
    return sum(kb.roles[a].next[b].years for a, b in pairwise(route))


def describe(
    kb: KnowledgeBase, route: list[str], have: dict[str, int] | None = None, held: Iterable[str] | None = None
) -> Route:
    """Each step of `route` with the skills to raise and certifications to take.

    Without a profile, you are assumed to meet your starting role; with one (`have`, `held`), only
    what you still lack is shown. Either way a skill raised at one step is not asked for again.
    """
    first = kb.roles[route[0]]
    current = dict(first.skills if have is None else have)
    taken = set(first.certifications if held is None else held)
    steps = []
    for here, there in pairwise(route):
        move = kb.roles[here].next[there]
        changes = []
        for skill_id, need in kb.roles[there].skills.items():
            level = current.get(skill_id, 0)
            if level < need:
                changes.append(SkillChange(skill=skill_id, from_=level, to=need))
                current[skill_id] = need
        changes.sort(key=lambda c: (c.from_ - c.to, c.skill))
        certs = prerequisite_order(kb, kb.roles[there].certifications, taken)
        taken.update(certs)
        steps.append(
            Step(
                from_=here,
                to=there,
                years=move.years,
                kind=move.kind,
                note=move.note,
                skills=changes,
                certifications=certs,
            )
        )
    return Route(route=route, total_years=round(sum(s.years for s in steps), 2), steps=steps)


def path(
    kb: KnowledgeBase,
    stamp: KnowledgeBaseStamp,
    start: str,
    goal: str,
    alternatives: int = 0,
    profile: Profile | None = None,
    today: date | None = None,
) -> PathResult:
    """The quickest route from `start` to `goal` (role ids) and up to `alternatives` next-best ones.

    With a resolved `profile`, each step shows only what the person still lacks, and the route's
    certifications say whether they can be taken now (time in the profile's role counts from `today`)."""
    routes = ranked(kb, start, goal, 1 + alternatives)
    if not routes:
        raise NoRouteError(
            f"no route from {start} to {goal} in this ladder — "
            "`poladder roles` shows the moves out of each role"
        )
    have = held = None
    if profile is not None:
        have, held = profile.skills, profile.certifications
    best, *rest = (describe(kb, r, have, held) for _, r in routes)
    advice: list[CertificationAdvice] = []
    if profile is not None:
        periods: list[Period] = [(profile.role, today or date.today(), None)] if profile.role else []
        advice = route_certifications(kb, best.route, held or [], profile.experience, periods)
    return PathResult(
        from_=start,
        to=goal,
        route=best.route,
        total_years=best.total_years,
        steps=best.steps,
        alternatives=rest,
        certifications=advice,
        knowledge_base=stamp,
    )
