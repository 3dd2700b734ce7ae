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
    assert found["status"] == "ready"
    assert "2 skills one level short, none of them core" in found["reasons"][0]


def test_a_core_gap_is_never_tolerated(cli, make_kb):
    found = verdict(cli, make_kb, role="low", experience={"low": 3}, skills={"a": 2, "b": 2, "c": 2, "d": 1})
    assert (found["status"], found["years_left"]) == ("close", 0.5)
    assert found["reasons"][0] == "core skills of High still short: Alpha"


@pytest.mark.parametrize(
    ("served", "status", "years_left"),
    [(0.0, "not-yet", 2.0), (1.5, "close", 1.0), (3.0, "close", 1.0)],
)
def test_time_served_comes_off_the_typical_years(cli, make_kb, served, status, years_left):
    # Skill work: 4 levels over 4 skills, each 1: max(1, ceil(4 / 3)) x 0.5 = 1 year; typical: 2 years.
    found = verdict(cli, make_kb, role="low", experience={"low": served}, skills={"a": 2, "b": 1, "c": 1})
    assert (found["status"], found["years_left"], found["served"]) == (status, years_left, served)


def test_years_in_product_roles_stand_in_for_time_in_role_and_say_so(cli, make_kb):
    found = verdict(cli, make_kb, role="low", years=4, skills={"a": 1})
    assert found["served"] == 4 and found["assumed_served"] is True
    assert any("assumed from your years in product roles" in reason for reason in found["reasons"])


def test_no_next_step_no_verdict(cli, make_kb):
    assert verdict(cli, make_kb, role="high", skills={"a": 3}) is None
