"""Routing keeps predecessor links and bounds the work for alternatives, with the same answers as before.

The oracle is the implementation that copied the whole route into every queued move and ran plain
Yen (copied here as it was): on random ladders full of ties, on the shapes that made it explode
(a long chain into a wide hub, a grid), every route and its order must be identical.
"""

from __future__ import annotations

import heapq
import random
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poladder.core import routes
from poladder.core.routes import _sorts_first, _Trail, quickest, ranked
from poladder.model.ladder import KnowledgeBase, Move, Role


def reference_quickest(kb, start, goal, banned_nodes=(), banned_edges=()):
    skip_nodes, skip_edges = set(banned_nodes), set(banned_edges)
    queue = [(0.0, 0, [start])]
    done = set()
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


def reference_ranked(kb, start, goal, count):
    first = reference_quickest(kb, start, goal)
    if first is None:
        return []
    found = [first]
    candidates = []
    seen = {tuple(first[1])}
    while len(found) < count:
        _, last = found[-1]
        for i in range(len(last) - 1):
            root = last[: i + 1]
            banned_edges = {(r[i], r[i + 1]) for _, r in found if r[: i + 1] == root and len(r) > i + 1}
            spur = reference_quickest(kb, root[-1], goal, banned_nodes=root[:-1], banned_edges=banned_edges)
            if spur is None:
                continue
            route = [*root[:-1], *spur[1]]
            if tuple(route) not in seen:
                seen.add(tuple(route))
                heapq.heappush(candidates, (years(kb, route), len(route), route))
        if not candidates:
            break
        cost, _, route = heapq.heappop(candidates)
        found.append((cost, route))
    return found


def years(kb, route):
    return sum(kb.roles[a].next[b].years for a, b in pairwise(route))


def ladder(moves: dict[str, dict[str, float]]) -> KnowledgeBase:
    names = set(moves) | {t for targets in moves.values() for t in targets}
    roles = {
        name: Role(
            name=name,
            rank=1,
            next={t: Move(years=y) for t, y in moves.get(name, {}).items() if t != name},
        )
        for name in sorted(names)
    }
    return KnowledgeBase(skills={}, roles=roles)


def chain_and_hub(length: int, fan: int) -> KnowledgeBase:
    """c0 -> c1 -> ... -> hub -> t0 ... t{fan-1}: the shape whose route copies cost 3 GB."""
    moves: dict[str, dict[str, float]] = {f"c{i}": {f"c{i + 1}": 1.0} for i in range(length - 1)}
    moves[f"c{length - 1}"] = {"hub": 1.0}
    moves["hub"] = {f"t{j}": 1.0 for j in range(fan)}
    return ladder(moves)


def grid(size: int, weights: list[float] | None = None, seed: int = 0) -> KnowledgeBase:
    """g-R-C moves right and down; equal years (every route ties) unless weights are given."""
    rng = random.Random(seed)
    moves: dict[str, dict[str, float]] = {}
    for r in range(size):
        for c in range(size):
            here = moves.setdefault(f"g-{r:02d}-{c:02d}", {})
            for dr, dc in ((0, 1), (1, 0)):
                if r + dr < size and c + dc < size:
                    here[f"g-{r + dr:02d}-{c + dc:02d}"] = rng.choice(weights) if weights else 1.0
    return ladder(moves)


def corner(size: int) -> str:
    return f"g-{size - 1:02d}-{size - 1:02d}"


graphs = st.dictionaries(
    st.sampled_from("abcdefg"),
    st.dictionaries(st.sampled_from("abcdefg"), st.sampled_from([0.5, 1.0, 1.5, 2.0]), max_size=4),
    max_size=7,
)


@settings(max_examples=300, deadline=None)
@given(graphs, st.sampled_from("abcdefg"), st.sampled_from("abcdefg"), st.integers(1, 12))
def test_same_routes_and_order_as_before_on_random_ladders(moves, start, goal, count):
    moves = {start: {}, goal: {}, **moves}
    kb = ladder(moves)
    assert quickest(kb, start, goal) == reference_quickest(kb, start, goal)
    assert ranked(kb, start, goal, count) == reference_ranked(kb, start, goal, count)


def test_ties_go_to_fewer_steps_then_ids_in_order():
    kb = ladder(
        {
            "s": {"b": 1.0, "a": 1.0, "x": 2.0},
            "a": {"m": 1.0},
            "b": {"m": 1.0},
            "m": {"g": 1.0},
            "x": {"g": 1.0},
        }
    )
    assert quickest(kb, "s", "g") == (3.0, ["s", "x", "g"])  # 3 years in two steps beats three
    assert [r for _, r in ranked(kb, "s", "g", 3)] == [
        ["s", "x", "g"],
        ["s", "a", "m", "g"],
        ["s", "b", "m", "g"],
    ]


def test_chain_into_a_hub():
    kb = chain_and_hub(300, 300)
    found = quickest(kb, "c0", "t299")
    assert found is not None
    assert found[1] == [*(f"c{i}" for i in range(300)), "hub", "t299"] and found[0] == 301.0
    assert ranked(kb, "c0", "t299", 51) == [found]  # only one route exists
    assert ranked(kb, "c0", "t299", 3) == reference_ranked(kb, "c0", "t299", 3)


@pytest.mark.parametrize("weights", [None, [1.0, 2.0, 3.0]], ids=["all-equal", "mixed"])
def test_grid_alternatives_as_before(weights):
    kb = grid(7, weights)
    assert ranked(kb, "g-00-00", corner(7), 51) == reference_ranked(kb, "g-00-00", corner(7), 51)


def test_grid_alternatives_are_loopless_distinct_and_ordered():
    kb = grid(20, [1.0, 1.5, 2.0], seed=3)
    found = ranked(kb, "g-00-00", corner(20), 51)
    assert len(found) == 51
    keys = [(cost, len(route), route) for cost, route in found]
    assert keys == sorted(keys)
    assert len({tuple(route) for _, route in found}) == 51
    assert all(len(set(route)) == len(route) and cost == years(kb, route) for cost, route in found)


def test_the_work_cap_returns_the_best_routes_found_so_far(monkeypatch):
    kb = grid(8, [1.0, 2.0])
    full = ranked(kb, "g-00-00", corner(8), 40)
    monkeypatch.setattr(routes, "MAX_SETTLED", 150)
    capped = ranked(kb, "g-00-00", corner(8), 40)
    assert 1 <= len(capped) < len(full)
    assert capped == full[: len(capped)]


def trails(draw_parents: list[int], letters: list[str]) -> list[_Trail]:
    """A random tree of routes from one start; as in a search, each role is on it once."""
    made = [_Trail("s", None)]
    for number, (parent, letter) in enumerate(zip(draw_parents, letters, strict=True)):
        made.append(_Trail(f"{letter}{number}", made[parent % len(made)]))
    return made


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.sampled_from("abc")), min_size=1, max_size=120))
def test_routes_of_one_length_compare_like_their_lists(tree):
    made = trails([p for p, _ in tree], [r for _, r in tree])
    by_depth: dict[int, list[_Trail]] = {}
    for trail in made:
        by_depth.setdefault(trail.depth, []).append(trail)
    for same in by_depth.values():
        for a in same[:6]:
            for b in same[-6:]:
                assert _sorts_first(a, b) == (a.roles() < b.roles())
