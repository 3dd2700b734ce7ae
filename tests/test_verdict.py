"""The verdict on the next step: ready, close or not yet, from skills and time served (core/verdict)."""

from __future__ import annotations

import json

import pytest

LADDER = """
skills:
  a: {name: Alpha}
  b: {name: Beta}
  c: {name: Gamma}
  d: {name: Delta}
roles:
  low:
    name: Low
    rank: 1
    skills: {a: 1}
    core: [a]
    next: {high: {years: 2}}
  high:
    name: High
    rank: 2
    skills: {a: 3, b: 2, c: 2, d: 1}
    core: [a, b]
"""


def verdict(cli, make_kb, **profile) -> dict:
    kb = make_kb(LADDER)
    result = cli("assess", "-p", "-", "--kb", str(kb), "--no-save", "--json", input=json.dumps(profile))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["verdict"]


def test_every_level_met_is_ready_now_whatever_the_time_served(cli, make_kb):
    found = verdict(
        cli, make_kb, role="low", experience={"low": 0.5}, skills={"a": 3, "b": 2, "c": 2, "d": 1}
    )
    assert (found["role"], found["status"], found["years_left"]) == ("high", "ready", 0)
    assert found["reasons"][0] == "you meet every level High needs"
    assert found["reasons"][-1].startswith("a ladder is a guide, not a checklist")


def test_two_one_level_gaps_outside_the_core_are_tolerated(cli, make_kb):
    found = verdict(cli, make_kb, role="low", skills={"a": 3, "b": 2, "c": 1})
    assert found["status"] == "ready" and found["tolerated"] == ["c", "d"]
    assert (
        found["reasons"][0]
        == "you meet High's levels but for Gamma and Delta, one level short and not core to the role"
    )
    assert found["make_the_case"][-1] == "Close the small gaps as you go: Gamma and Delta, one level each"


def test_a_core_gap_is_never_tolerated(cli, make_kb):
    found = verdict(cli, make_kb, role="low", experience={"low": 3}, skills={"a": 2, "b": 2, "c": 2, "d": 1})
    assert (found["status"], found["years_left"]) == ("close", 0.5)
    assert found["reasons"][0] == "core skills of High still short: Alpha"


def test_more_than_three_core_gaps_are_counted_not_dropped(cli, make_kb):
    kb = LADDER.replace("core: [a, b]", "core: [a, b, c, d]")
    found = verdict(cli, lambda _: make_kb(kb), role="low", skills={})
    assert found["reasons"][0] == "4 core skills of High still short, among them Alpha, Beta and Gamma"


@pytest.mark.parametrize(
    ("served", "status", "years_left", "skill_years"),
    [
        (0.0, "not-yet", 2.0, 2.0),
        (1.0, "not-yet", 1.5, 1.5),
        (2.0, "close", 1.0, 1.0),
        (4.0, "close", 1.0, 1.0),
    ],
)
def test_time_served_comes_off_the_typical_years(cli, make_kb, served, status, years_left, skill_years):
    # At Low's levels (a 1), the whole move is ahead: 7 levels in a typical 2 years. Whole-number levels
    # do not show growth until a level is reached, so time served counts as growth not yet shown: none
    # at first, a quarter of the work after 1 year, half from the typical 2 years on (2, 1.5, 1, 1
    # years), never below half a year a level of the largest gap (2 levels: 1 year). The typical years
    # left after the time served: 2, 1, 0, 0. Years left: the larger of the two.
    found = verdict(cli, make_kb, role="low", experience={"low": served}, skills={"a": 1})
    assert (found["status"], found["years_left"], found["served"]) == (status, years_left, served)
    assert found["skill_years"] == skill_years and found["typical_years"] == 2
    assert not any("holds the step back" in reason for reason in found["reasons"])


def test_when_the_skills_are_nearly_there_time_in_role_holds_the_step_back(cli, make_kb):
    found = verdict(
        cli, make_kb, role="low", experience={"low": 0.5}, skills={"a": 2, "b": 2, "c": 2, "d": 1}
    )
    assert (found["status"], found["years_left"], found["skill_years"]) == ("not-yet", 1.5, 0.5)
    assert found["reasons"][-2] == "time in role is what holds the step back: about 1.5 years more"


def test_years_in_product_roles_stand_in_for_time_in_role_and_say_so(cli, make_kb):
    found = verdict(cli, make_kb, role="low", years=4, skills={"a": 1})
    assert found["served"] == 4 and found["assumed_served"] is True
    assert (
        "4 years served as Low (assumed from your years in product roles), of a typical 2 years"
        in found["reasons"]
    )
    # the years given for other roles are not years in this one
    found = verdict(cli, make_kb, role="low", years=4, experience={"high": 3}, skills={"a": 1})
    assert (found["served"], found["assumed_served"]) == (1, True)


def test_unknown_time_in_role_counts_as_none_and_says_so(cli, make_kb):
    found = verdict(cli, make_kb, role="low", skills={"a": 1})
    assert found["served"] is None and found["years_left"] == 2
    assert found["reasons"][-2].startswith("time in your role unknown, so none is counted")


def test_no_next_step_no_verdict(cli, make_kb):
    assert verdict(cli, make_kb, role="high", skills={"a": 3}) is None


def test_without_a_role_the_move_from_the_best_fit_is_counted_from_its_start(cli, make_kb):
    found = verdict(cli, make_kb, target="high", skills={"a": 1})
    assert found["served"] is None and found["years_left"] == 2
    assert (
        "no current role in your profile: the move from Low is counted from its start, a typical 2 years"
        in (found["reasons"])
    )


def test_no_route_no_verdict(cli, make_kb):
    # High has no move back to Low: nothing to judge, and nothing to make a case for
    assert verdict(cli, make_kb, role="high", target="low", skills={"a": 3}) is None
