"""`poladder skill SKILL`: what the skill is, each level and the actions that grow to it, the roles that
need it and at which level, the certifications that build it; as a view and as JSON."""

from __future__ import annotations

import json

import pytest

SKILL_LADDER = """\
skills:
  backlog:
    name: Backlog management
    category: craft
    description: Keeps the backlog ordered.
    levels: {1: "Reads a backlog", 3: "Orders a backlog", 5: "Shapes backlogs across teams"}
    actions:
      - Pair with an experienced Product Owner
      - {level: 2, text: Run refinement}
      - {level: 3, certification: cspo, text: "Earn the CSPO"}
      - {level: 3, certification: coach, text: "Learn to coach the team"}
    sources: [https://scrumguides.org/scrum-guide.html]
  vision: {name: Vision}
certifications:
  cspo: {name: Certified Scrum Product Owner (CSPO), provider: Scrum Alliance, builds: {backlog: 3}}
  coach: {name: Team Coach, provider: Coaches, builds: {backlog: 2, vision: 1}}
roles:
  junior: {name: Junior Owner, rank: 1, skills: {backlog: 1}, next: {owner: {years: 1}}}
  owner: {name: Owner, rank: 2, skills: {backlog: 3, vision: 2}}
"""


@pytest.fixture
def kb(make_kb):
    return str(make_kb(SKILL_LADDER))


def test_json_page(cli, kb):
    result = cli("skill", "Backlog Management", "--kb", kb, "--json")
    assert result.exit_code == 0, result.stderr
    page = json.loads(result.stdout)
    assert (page["id"], page["name"], page["category"]) == ("backlog", "Backlog management", "craft")
    assert [(level["level"], level["name"], level["description"]) for level in page["levels"]] == [
        (1, "novice", "Reads a backlog"),
        (2, "advanced beginner", None),
        (3, "competent", "Orders a backlog"),
        (4, "proficient", None),
        (5, "expert", "Shapes backlogs across teams"),
    ]
    assert page["levels"][1]["actions"] == [{"text": "Run refinement", "certification": None}]
    assert [a["certification"] for a in page["levels"][2]["actions"]] == ["cspo", "coach"]
    assert page["actions"] == [{"text": "Pair with an experienced Product Owner", "certification": None}]
    assert page["roles"] == [{"role": "junior", "level": 1}, {"role": "owner", "level": 3}]
    assert page["certifications"] == [
        {"certification": "coach", "level": 2},
        {"certification": "cspo", "level": 3},
    ]
    assert page["sources"] == ["https://scrumguides.org/scrum-guide.html"]


def test_view(cli, kb):
    result = cli("skill", "backlog", "--kb", kb)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for text in (
        "Backlog management  (backlog, craft)",
        "Keeps the backlog ordered.",
        "1 novice",
        "Reads a backlog",
        "• Run refinement",
        "• Earn the CSPO (cspo)",  # the text names it already: the id says which one
        "• Learn to coach the team — Team Coach (coach)",  # it does not: the name is added
        "At any level",
        "• Pair with an experienced Product Owner",
        "Junior Owner (junior)",
        "Owner (owner)",
        "→ 3  Certified Scrum Product Owner (CSPO) (cspo)",
        "https://scrumguides.org/scrum-guide.html",
    ):
        assert text in out, text
    assert out.index("2 advanced beginner") < out.index("Run refinement") < out.index("3 competent")


def test_a_skill_nobody_needs(cli, make_kb):
    kb = make_kb("skills: {a: {name: A}, b: {name: B}}\nroles: {r: {name: R, rank: 1, skills: {a: 1}}}\n")
    result = cli("skill", "b", "--kb", str(kb))
    assert result.exit_code == 0
    assert "Roles that need it, and at which level\nNone." in result.stdout


def test_an_unknown_skill_is_a_usage_error_with_suggestions(cli, kb):
    result = cli("skill", "backlogg", "--kb", kb)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "poladder: error: unknown skill 'backlogg'; did you mean 'backlog'? — `poladder skills` lists them\n"
    )


def test_skills_help_points_to_it(cli):
    assert "poladder skill ID" in cli("skills", "--help").stdout
    assert "Usage: poladder skill [OPTIONS] {SKILL}" in cli("skill", "--help").stdout


def test_every_bundled_skill_has_a_page(cli):
    ids = [s["id"] for s in json.loads(cli("skills", "--json").stdout)]
    for skill_id in ids:
        page = json.loads(cli("skill", skill_id, "--json").stdout)
        assert page["id"] == skill_id and len(page["levels"]) >= 5
