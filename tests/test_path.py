"""`poladder path` on the small test ladder: routes, steps, alternatives, errors and the JSON contract."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poladder.core.routes import quickest, ranked
from poladder.model.ladder import KnowledgeBase, Move, Role
from tests.conftest import LADDER


def path_json(cli, *args: str) -> dict:
    result = cli("path", *args, "--kb", str(LADDER), "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_quickest_route_by_years(cli):
    data = path_json(cli, "junior", "head")
    assert data["route"] == ["junior", "owner", "head"]
    assert data["total_years"] == 5.5
    assert [s["years"] for s in data["steps"]] == [1.5, 4]
    assert data["from"] == "junior" and data["to"] == "head"


def test_move_notes_are_shown_under_the_route(cli):
    result = cli("path", "junior", "head", "--kb", str(LADDER))
    assert result.exit_code == 0
    assert "1. Owner: Two release cycles, our own estimate" in result.stdout
    assert path_json(cli, "junior", "head")["steps"][1]["note"] is None  # a move without a note


def test_steps_carry_skills_and_certifications(cli):
    first, second = path_json(cli, "junior", "head")["steps"]
    assert first == {
        "from": "junior",
        "to": "owner",
        "years": 1.5,
        "kind": "promotion",
        "note": "Two release cycles, our own estimate",
        "skills": [{"skill": "backlog", "from": 1, "to": 3}, {"skill": "stakeholders", "from": 1, "to": 2}],
        "certifications": ["basic"],  # the junior's own and the owner's: still to take on the way
        "alternatives": {},
        "months_after": {},
        "how": [],
        "pitfalls": [],
    }
    assert second["skills"][0] == {"skill": "strategy", "from": 0, "to": 4}  # largest gap first
    assert {s["skill"] for s in second["skills"]} == {"strategy", "finance", "stakeholders", "backlog"}
    assert second["certifications"] == ["advanced"]


def test_certifications_come_with_their_prerequisites_in_order(cli):
    data = path_json(cli, "sm", "senior")
    # the coach holds only `coach`; `advanced` requires `basic`, so basic comes first
    assert data["route"] == ["coach-role", "owner", "senior"]
    assert data["steps"][0]["certifications"] == ["basic"]
    assert data["steps"][1]["certifications"] == ["advanced"]


def test_alternatives_are_loopless_and_ordered(cli):
    data = path_json(cli, "junior", "head", "--alternatives", "5")
    routes = [data["route"]] + [a["route"] for a in data["alternatives"]]
    assert routes == [
        ["junior", "owner", "head"],
        ["junior", "owner", "senior", "head"],
        ["junior", "owner", "coach-role", "head"],
    ]
    years = [data["total_years"]] + [a["total_years"] for a in data["alternatives"]]
    assert years == sorted(years) == [5.5, 6.5, 7.5]
    assert all(len(set(r)) == len(r) for r in routes)
    assert set(data["alternatives"][0]) == {"route", "total_years", "steps"}


def test_json_contract_keys(cli):
    data = path_json(cli, "junior", "head")
    assert set(data) == {
        "from",
        "to",
        "route",
        "total_years",
        "steps",
        "alternatives",
        "certifications",
        "served",
        "years_for_you",
        "knowledge_base",
    }
    assert data["alternatives"] == [] and data["served"] is None and data["years_for_you"] is None
    assert set(data["knowledge_base"]) == {"path", "version", "sha256"}
    assert data["knowledge_base"]["version"] == "t1"
    assert len(data["knowledge_base"]["sha256"]) == 64


@pytest.mark.parametrize("name", ["junior", "JO", "junior owner", "Junior Owner", "  junior_owner "])
def test_roles_by_id_alias_or_name(cli, name):
    assert path_json(cli, name, "Head of Owners")["from"] == "junior"


def test_unknown_role_is_a_usage_error_with_suggestion(cli):
    result = cli("path", "junor", "head", "--kb", str(LADDER))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "poladder: error: unknown role 'junor'; did you mean 'junior'? — `poladder roles` lists them"
    )


def test_no_route_exits_1(cli):
    result = cli("path", "head", "junior", "--kb", str(LADDER), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no route from head to junior" in result.stderr


def test_same_role_is_an_empty_route(cli):
    data = path_json(cli, "owner", "owner")
    assert data["route"] == ["owner"] and data["steps"] == [] and data["total_years"] == 0


def test_human_output(cli):
    result = cli("path", "junior", "head", "--kb", str(LADDER), "-a", "1")
    assert result.exit_code == 0
    out = result.stdout
    assert "Junior Owner → Owner → Head of Owners: about 5.5 years" in out
    assert "1→3 Backlog management" in out
    assert "advanced" in out
    assert "junior → owner → senior → head" in out
    assert "\x1b[" not in out


def test_usage_errors_exit_2(cli):
    assert cli("path", "junior").exit_code == 2
    assert cli("path", "junior", "head", "--alternatives", "-1", "--kb", str(LADDER)).exit_code == 2


def ladder(edges: list[tuple[int, int, float]], size: int) -> KnowledgeBase:
    roles = {f"r{i}": Role(name=f"R{i}", rank=i, next={}) for i in range(size)}
    for a, b, years in edges:
        if a != b:
            roles[f"r{a}"].next[f"r{b}"] = Move(years=years)
    return KnowledgeBase(skills={}, roles=roles)


def brute_force(kb: KnowledgeBase, start: str, goal: str) -> list[tuple[float, list[str]]]:
    found = []

    def walk(route: list[str], cost: float) -> None:
        if route[-1] == goal:
            found.append((round(cost, 6), route))
            return
        for nxt, move in kb.roles[route[-1]].next.items():
            if nxt not in route:
                walk([*route, nxt], cost + move.years)

    walk([start], 0.0)
    return sorted(found, key=lambda f: f[0])


edges = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0])), max_size=18
)


@settings(max_examples=150, deadline=None)
@given(edges)
def test_routes_match_brute_force(edge_list):
    kb = ladder(edge_list, 6)
    expected = brute_force(kb, "r0", "r5")
    best = quickest(kb, "r0", "r5")
    if not expected:
        assert best is None
        return
    assert best is not None and round(best[0], 6) == expected[0][0]
    got = ranked(kb, "r0", "r5", 4)
    # Yen returns the k best loopless routes: their costs equal the k smallest, in order
    assert [round(c, 6) for c, _ in got] == [c for c, _ in expected[: len(got)]]
    assert len(got) == min(4, len(expected))
    assert len({tuple(r) for _, r in got}) == len(got)
