"""Routes through the ladder: the quickest by typical years (Dijkstra) and the next best (Yen).

Time already served counts: given the years a person has spent in the route's first role (`served`),
the first move's years are reduced by them, never below zero, in the search and in the totals.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections.abc import Collection, Iterable
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from pydantic import Field

from poladder.core.advice import (
    CertificationAdvice,
    Period,
    choice,
    covered,
    frameworks_of,
    prerequisite_order,
    route_certifications,
)
from poladder.core.measure import gaps
from poladder.errors import NoRoute
from poladder.model.ladder import KnowledgeBase
from poladder.model.result import KnowledgeBaseStamp, Result

if TYPE_CHECKING:
    from poladder.model.profile import Profile


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
    certifications: list[str] = Field(
        description="Certifications to take, prerequisites first; one of each choice (see alternatives)"
    )
    alternatives: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Certification id -> the equivalent ones that serve instead of it: take one of them",
    )
    months_after: dict[str, int] = Field(
        default_factory=dict,
        description="Certification id -> months still to serve in a qualifying role after this move, on "
        "the route's typical years (and your experience, with --profile); only those that need any",
    )
    how: list[str] = Field(default_factory=list, description="Concrete ways people make this move")
    pitfalls: list[str] = Field(default_factory=list, description="Known ways this move goes wrong")


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
    served: float | None = Field(
        default=None,
        description="With --profile starting at your role: years served in it, which come off the first "
        "move's typical years in total_years (assumed from years in product roles when the profile has "
        "no experience for the role)",
    )
    years_for_you: float | None = Field(
        default=None,
        description="With --profile starting at your role: years to TO for you, as `poladder assess` "
        "counts them: the first step's years left (time served and skills), then typical years",
    )
    knowledge_base: KnowledgeBaseStamp


Edge = tuple[str, str]

# The spur searches of one `ranked` call settle at most this many roles in all (a few seconds of work).
# A real ladder needs a tiny fraction of it even for 50 alternatives; a ladder built to explode gets
# the alternatives found within it, not a run that never ends.
MAX_SETTLED = 1_000_000


class _Trail:
    """A route as a link to its last role and one back to the route before it: extending a route
    shares what came before instead of copying it, so a search holds one link per queued move.

    `jump` leaps further back (Myers' skew-binary jump pointers: 1, 1, 3, 1, 1, 3, 7, ... roles), so
    that two routes of the same length find where they part in O(log length) steps, not O(length).
    """

    __slots__ = ("back", "depth", "jump", "role")

    def __init__(self, role: str, back: _Trail | None) -> None:
        self.role = role
        self.back = back
        if back is None:
            self.depth = 0
            self.jump: _Trail = self
        else:
            self.depth = back.depth + 1
            far = back.jump
            self.jump = far.jump if back.depth - far.depth == far.depth - far.jump.depth else back

    def roles(self) -> list[str]:
        found: list[str] = []
        trail: _Trail | None = self
        while trail is not None:
            found.append(trail.role)
            trail = trail.back
        found.reverse()
        return found


def _sorts_first(a: _Trail, b: _Trail) -> bool:
    """Whether route `a` sorts before route `b` (role ids compared in order); both have one length."""
    if a is b:
        return False
    while a.back is not b.back:  # climb to the two roles just after the routes' last common one
        if a.jump is not b.jump:
            a, b = a.jump, b.jump
        else:
            a, b = a.back, b.back  # type: ignore[assignment]  # same length: both have a back
    return a.role < b.role


class _OutOfWork(Exception):
    pass


class _Budget:
    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left


def _search(
    kb: KnowledgeBase,
    start: str,
    goal: str,
    skip_nodes: Collection[str] = (),
    skip_edges: Collection[Edge] = (),
    limit: float = math.inf,
    budget: _Budget | None = None,
    served: float = 0.0,
) -> tuple[float, _Trail] | None:
    """Dijkstra by (years, steps); among routes that tie on both, the one whose ids sort first.

    Each role keeps the best route into it found so far (a `_Trail`), so the queue holds only
    (years, steps, order, role). Every move takes one more step (and no fewer years), so all the
    routes that could tie into a role are settled before it is taken from the queue: its best route
    is final then. Routes over `limit` years are not followed; `budget` counts the roles settled.
    `served` comes off the years of the moves out of `start`, never below zero.
    """
    best: dict[str, tuple[float, int, _Trail]] = {start: (0.0, 0, _Trail(start, None))}
    queue: list[tuple[float, int, int, str]] = [(0.0, 0, 0, start)]
    order = itertools.count(1)
    done: set[str] = set()
    while queue:
        cost, hops, _, here = heapq.heappop(queue)
        if here in done:
            continue
        if cost > limit:
            return None
        if budget is not None:
            budget.left -= 1
            if budget.left < 0:
                raise _OutOfWork
        done.add(here)
        trail = best[here][2]
        if here == goal:
            return cost, trail
        role = kb.roles.get(here)
        for target, move in role.next.items() if role else ():
            if target in done or target in skip_nodes or (here, target) in skip_edges:
                continue
            years, steps = cost + (max(0.0, move.years - served) if here == start else move.years), hops + 1
            known = best.get(target)
            if known is not None:
                if (known[0], known[1]) < (years, steps):
                    continue
                if (known[0], known[1]) == (years, steps):
                    if _sorts_first(trail, known[2].back):  # type: ignore[arg-type]  # never the start
                        best[target] = (years, steps, _Trail(target, trail))  # already queued
                    continue
            best[target] = (years, steps, _Trail(target, trail))
            heapq.heappush(queue, (years, steps, next(order), target))
    return None


def quickest(
    kb: KnowledgeBase,
    start: str,
    goal: str,
    banned_nodes: Iterable[str] = (),
    banned_edges: Iterable[Edge] = (),
    served: float = 0.0,
) -> tuple[float, list[str]] | None:
    """Total years and role ids of the quickest route; ties go to fewer steps, then ids in order.
    `served`: years already spent in `start`, off the first move's years."""
    found = _search(kb, start, goal, set(banned_nodes), set(banned_edges), served=served)
    return None if found is None else (found[0], found[1].roles())


def ranked(
    kb: KnowledgeBase, start: str, goal: str, count: int, served: float = 0.0
) -> list[tuple[float, list[str]]]:
    """Up to `count` loopless routes ordered by total years, then steps, then ids (Yen's algorithm).

    The work is bounded three ways, none of which changes the answer: a route is spurred only from
    where it left the route it came from (Lawler's refinement: the roots before that were searched
    for its parent), at most the candidates that can still be chosen are kept, and once that many are
    held a spur search stops at the years of the worst of them. `MAX_SETTLED` bounds the rest: past
    it, the routes found so far are returned. `served`: years already spent in `start`.
    """
    first = quickest(kb, start, goal, served=served)
    if first is None:
        return []
    found = [first]
    parted = [0]  # where each found route left the route it was spurred from
    candidates: list[tuple[float, int, list[str], int]] = []  # best first, at most the number still wanted
    held = {tuple(first[1])}
    budget = _Budget(MAX_SETTLED)
    try:
        while len(found) < count:
            _, last = found[-1]
            wanted = count - len(found)
            sharing = [route for _, route in found]  # found routes that begin with last[: i + 1]
            root_nodes: set[str] = set()
            root_years = 0.0
            for i in range(len(last) - 1):
                if i:
                    root_nodes.add(last[i - 1])
                    root_years += _move_years(kb, last[i - 1], last[i], start, served)
                sharing = [route for route in sharing if len(route) > i and route[i] == last[i]]
                if i < parted[-1]:
                    continue
                banned = {(last[i], route[i + 1]) for route in sharing if len(route) > i + 1}
                limit = math.inf
                if len(candidates) >= wanted:  # only a route as quick as the worst kept can matter
                    worst = candidates[-1][0]
                    limit = worst - root_years + 1e-9 * max(1.0, worst)  # float sums may differ a little
                spur = _search(
                    kb, last[i], goal, root_nodes, banned, limit, budget, served if i == 0 else 0.0
                )
                if spur is None:
                    continue
                route = last[:i] + spur[1].roles()
                key = tuple(route)
                if key in held:
                    continue
                bisect.insort(candidates, (route_years(kb, route, served), len(route), route, i))
                held.add(key)
                for _, _, dropped, _ in candidates[wanted:]:
                    held.discard(tuple(dropped))
                del candidates[wanted:]
            if not candidates:
                break
            years, _, route, i = candidates.pop(0)
            found.append((years, route))
            parted.append(i)
    except _OutOfWork:
        pass
    return found


def _move_years(kb: KnowledgeBase, here: str, there: str, start: str, served: float) -> float:
    years = kb.roles[here].next[there].years
    return max(0.0, years - served) if here == start else years


def route_years(kb: KnowledgeBase, route: list[str], served: float = 0.0) -> float:
    """The typical years of `route`, its first move less `served` (never below zero)."""
    return sum(_move_years(kb, a, b, route[0], served) for a, b in pairwise(route))


class Climb(NamedTuple):
    """One skill to raise at one stop of the route: step 0 is your own role (the ground to make good)."""

    step: int
    role: str
    skill: str
    have: int
    need: int


def climbs(kb: KnowledgeBase, have: dict[str, int], role: str | None, ahead: list[str]) -> list[Climb]:
    """The skills to raise at each stop of `ahead`, each once: a level reached at one stop is not
    asked for again. At each stop the skills come in the order of the stop's gaps (largest first,
    then its core skills: poladder.core.measure.gaps)."""
    stops = [(0, role)] if role else [(0, ahead[0])] if len(ahead) == 1 else []
    stops += list(enumerate(ahead[1:], 1))
    running = dict(have)
    found = []
    for step, role_id in stops:
        for gap in gaps(kb.roles[role_id], running):
            found.append(Climb(step, role_id, gap.skill, gap.have, gap.need))
            running[gap.skill] = gap.need
    return found


def _earned_before(kb: KnowledgeBase, start: str) -> list[str]:
    """What someone in `start` is taken to hold without a profile: the certifications that need no
    experience recommended by the roles promoted into it, step by step — the ones taken on the way up.
    Not `start`'s own: those are for the role itself (a Junior PO's CSPO is still to take)."""
    promoted_into: dict[str, list[str]] = {}
    for source, here in kb.roles.items():
        for target, move in here.next.items():
            if move.kind == "promotion":
                promoted_into.setdefault(target, []).append(source)
    below = {start}
    frontier = [start]
    while frontier:
        for source in promoted_into.get(frontier.pop(), []):
            if source not in below:
                below.add(source)
                frontier.append(source)
    below.discard(start)
    return [
        c
        for role in sorted(below)
        for c in kb.roles[role].certifications
        if c in kb.certifications and not kb.certifications[c].experience
    ]


def describe(
    kb: KnowledgeBase,
    route: list[str],
    have: dict[str, int] | None = None,
    held: Iterable[str] | None = None,
    experience: dict[str, float] | None = None,
    served: float = 0.0,
) -> Route:
    """Each step of `route` with the skills to raise, the certifications to take, and how people make it.

    Without a profile, you are assumed to meet your starting role and to hold the certifications that
    need no experience of the roles promoted into it (see `_earned_before`); with one (`have`, `held`,
    `experience`), only what you still lack is shown. Either way a skill raised at one step is not
    asked for again, a certification is named once with its alternatives, and one that needs
    experience says how many months in a qualifying role it still needs after the move, counting the
    typical years spent in the roles before it.
    """
    first = kb.roles[route[0]]
    raises: dict[int, list[SkillChange]] = {}
    for c in climbs(kb, dict(first.skills if have is None else have), None, route):
        raises.setdefault(c.step, []).append(SkillChange(skill=c.skill, from_=c.have, to=c.need))
    if held is None:
        held = _earned_before(kb, route[0])
    taken = set(held)
    seen = covered(kb, taken)
    months = {role: 12 * years for role, years in (experience or {}).items()}
    steps = []
    for number, (here, there) in enumerate(pairwise(route), 1):
        move = kb.roles[here].next[there]
        # The time spent in `here` before moving on: the typical years, or longer when already served.
        if number == 1:  # the start: time served there is in `experience` already, or is `served`
            months[here] = max(months.get(here, 0.0), 12 * max(move.years, served))
        else:
            months[here] = months.get(here, 0.0) + 12 * move.years
        certs: list[str] = []
        alternatives: dict[str, list[str]] = {}
        for recommended in kb.roles[there].certifications:
            chosen = choice(kb, recommended, seen, taken)
            if chosen is None:
                continue
            primary, others = chosen
            chain = [c for c in prerequisite_order(kb, [primary], seen) if c in kb.certifications]
            certs += chain
            if others:
                alternatives[primary] = others
            seen.update([primary, *others, *chain])
            taken.update(chain)
        after = {}
        for cert_id in [*certs, *(a for others in alternatives.values() for a in others)]:
            gate = kb.certifications[cert_id].experience
            short = gate.months - sum(months.get(r, 0.0) for r in gate.roles) if gate else 0
            if short > 0:
                after[cert_id] = math.ceil(round(short, 6))
        steps.append(
            Step(
                from_=here,
                to=there,
                years=move.years,
                kind=move.kind,
                note=move.note,
                skills=raises.get(number, []),
                certifications=certs,
                alternatives=alternatives,
                months_after=after,
                how=move.how,
                pitfalls=move.pitfalls,
            )
        )
    return Route(route=route, total_years=round(route_years(kb, route, served), 2), steps=steps)


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

    With a resolved `profile`, each step shows only what the person still lacks, the route's
    certifications say whether they are worth taking now (time in the profile's role counts from
    `today`), and when `start` is the profile's role the years already served in it come off the first
    move (poladder.core.verdict.time_served), in the ranking and in the totals."""
    from poladder.core.verdict import time_served, verdict

    served = None
    if profile is not None and profile.role == start:
        served = time_served(profile)[0]
    routes = ranked(kb, start, goal, 1 + alternatives, served or 0.0)
    if not routes:
        raise NoRoute(start, goal)
    have = held = None
    experience: dict[str, float] = {}
    if profile is not None:
        have, held, experience = profile.skills, profile.certifications, profile.experience
    best, *rest = (describe(kb, r, have, held, experience, served or 0.0) for _, r in routes)
    advice: list[CertificationAdvice] = []
    if profile is not None:
        if today is None:
            raise ValueError("a profile's route needs today's date")
        periods: list[Period] = [(profile.role, today, None)] if profile.role else []
        frameworks = frameworks_of(kb, profile.organisation.frameworks if profile.organisation else None)
        advice = route_certifications(kb, best.route, held or [], profile.experience, periods, frameworks)
    for_you = None
    if profile is not None and profile.role == start and len(best.route) > 1:
        have = {skill: level for skill, level in profile.skills.items() if level > 0}
        first = verdict(kb, profile, have, best.route[1], start)
        for_you = round(first.years_left + sum(step.years for step in best.steps[1:]), 2)
    return PathResult(
        from_=start,
        to=goal,
        route=best.route,
        total_years=best.total_years,
        steps=best.steps,
        alternatives=rest,
        certifications=advice,
        served=served,
        years_for_you=for_you,
        knowledge_base=stamp,
    )
