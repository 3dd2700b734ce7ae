"""`poladder compare ROLE ROLE`: two roles side by side, on the small test ladder and the bundled one."""

from __future__ import annotations

import json

import pytest

from poladder.load import ladder as source
from tests.conftest import LADDER


def compare_json(cli, *args: str) -> dict:
    result = cli("compare", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_po_and_scrum_master_side_by_side(cli):
    data = compare_json(cli, "po", "scrum-master")
    assert set(data) == {"roles", "skills", "moves", "knowledge_base"}
    kb = source.load().kb
    po, sm = kb.roles["po"], kb.roles["scrum-master"]
    assert [r["id"] for r in data["roles"]] == ["po", "scrum-master"]
    assert data["roles"][0]["responsibilities"] == po.responsibilities
    assert data["roles"][1]["certifications"] == sm.certifications
    assert {s["skill"]: (s["left"], s["right"]) for s in data["skills"]} == {
        skill: (po.skills.get(skill, 0), sm.skills.get(skill, 0))
        for skill in po.skills.keys() | sm.skills.keys()
    }
    assert data["moves"] == {
        "left_to_right": {"route": ["po", "scrum-master"], "total_years": 1.0},
        "right_to_left": {"route": ["scrum-master", "po"], "total_years": 1.0},
    }


def test_skills_largest_difference_first(cli):
    skills = compare_json(cli, "owner", "coach-role", "--kb", str(LADDER))["skills"]
    assert skills == [
        {"skill": "backlog", "left": 3, "right": 0},
        {"skill": "coaching", "left": 0, "right": 3},
        {"skill": "stakeholders", "left": 2, "right": 2},
    ]
    bundled = compare_json(cli, "po", "sm")["skills"]
    gaps = [abs(s["left"] - s["right"]) for s in bundled]
    assert gaps == sorted(gaps, reverse=True)


def test_moves_one_way_only(cli):
    data = compare_json(cli, "jo", "Head of Owners", "--kb", str(LADDER))
    assert data["moves"]["left_to_right"] == {"route": ["junior", "owner", "head"], "total_years": 5.5}
    assert data["moves"]["right_to_left"] is None
    out = cli("compare", "junior", "head", "--kb", str(LADDER)).stdout
    assert "Junior Owner to Head of Owners: about 5.5 years — Junior Owner → Owner → Head of Owners" in out
    assert "Head of Owners to Junior Owner: no route in this ladder" in out


def test_the_bundled_ladder_across_tracks(cli):
    data = compare_json(cli, "Product Owner", "product manager")
    assert [r["track"] for r in data["roles"]] == ["product-ownership", "product-management"]
    assert data["moves"]["left_to_right"] == {"route": ["po", "product-manager"], "total_years": 2.0}
    assert data["moves"]["right_to_left"] is None
    assert data["knowledge_base"]["path"].endswith("roles.yaml")


def test_human_output(cli):
    result = cli("compare", "po", "scrum-master")
    assert result.exit_code == 0 and result.stderr == ""
    out = result.stdout
    assert "Product Owner vs Scrum Master" in out
    for text in (
        "Product ownership",
        "Agile leadership",
        "• Manage and order the Product Backlog",
        "• Coach and guide the team in Agile practices",
        "Certified Scrum Product Owner (CSPO)",
        "Certified ScrumMaster (CSM)",
        "Reports to",
        "Works with",
        "Product Owner to Scrum Master: about 1 year — Product Owner → Scrum Master",
    ):
        assert text in out, text
    rows = {
        line.split("  ")[1].strip(): line
        for line in out.splitlines()
        if line.startswith("  ") and "█" in line
    }
    assert "····· 0 none" in rows["Team coaching"] and "███·· 3 competent" in rows["Team coaching"]
    assert rows["Team coaching"].rstrip().endswith("+3")
    assert rows["Product vision"].rstrip().endswith("-2")
    # The PO facilitates refinement and review (issue 9): no longer "Facilitation 0 none".
    assert "██··· 2 advanced beginner" in rows["Facilitation"]
    assert rows["Facilitation"].rstrip().endswith("+1")
    assert rows["Communication"].rstrip().endswith("=")
    assert "\x1b[" not in out


def test_roles_without_track_or_relationships(cli):
    out = cli("compare", "senior", "coach-role", "--kb", str(LADDER)).stdout
    track = next(line for line in out.splitlines() if line.strip().startswith("Track"))
    assert track.split() == ["Track", "—", "—"]


def test_a_role_with_itself(cli):
    data = compare_json(cli, "owner", "owner", "--kb", str(LADDER))
    assert all(s["left"] == s["right"] for s in data["skills"])
    assert data["moves"]["left_to_right"] == {"route": ["owner"], "total_years": 0.0}
    assert "Owner to Owner: the same role" in cli("compare", "owner", "owner", "--kb", str(LADDER)).stdout


@pytest.mark.parametrize(
    ("args", "wrong"), [(["prduct-owner", "sm"], "prduct-owner"), (["po", "scrum-mastr"], "scrum-mastr")]
)
def test_unknown_role_is_a_usage_error(cli, args, wrong):
    result = cli("compare", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"unknown role {wrong!r}; did you mean" in result.stderr


def test_needs_two_roles(cli):
    assert cli("compare", "po").exit_code == 2
    assert cli("compare", "po", "sm", "pm").exit_code == 2


def test_markup_in_names_is_printed_as_written(cli, make_kb):
    kb = make_kb(
        """
        skills:
          s: {name: "[bold]Skill[/bold]"}
        roles:
          a: {name: "[red]A[/red]", rank: 1, skills: {s: 2}, next: {b: {years: 1}}}
          b: {name: "B", rank: 2}
        """
    )
    out = cli("compare", "a", "b", "--kb", str(kb)).stdout
    assert "[red]A[/red] vs B" in out and "[bold]Skill[/bold]" in out
