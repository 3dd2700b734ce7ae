"""Advice for a senior person and for a scaled organisation: no action below the seniority of the role
held, whatever the skill's need, said plainly when that leaves none; and a framework that runs
another inside it (SAFe's agile teams use Scrum) makes that one's certifications worth taking too."""

from __future__ import annotations

import json

import pytest

# A Director (core skills asked at 4) whose next step is Head. Agile is asked at 2 and 3 only: the
# whole climb is below a Director's seniority, so none of its actions fits, levelled or plain.
LADDER = """\
    name: Senior test ladder
    frameworks:
      scrum: {name: Scrum, assumed: true}
      safe: {name: SAFe, includes: [scrum]}
      kanban: {name: Kanban}
    skills:
      agile:
        name: Agile
        actions:
          - {text: "Ask your Scrum Master how to size the backlog", level: 1}
          - {text: "Propose one improvement at each retrospective", level: 2}
          - {text: "Run the retrospectives of two teams", level: 3}
          - "Read one article on agile work each month"
      lead:
        name: Lead
        actions:
          - {text: "Lead a team meeting", level: 2}
          - {text: "Lead a cross-team initiative", level: 4}
          - {text: "Set the leadership principles of the organisation", level: 5}
          - "Keep a leadership journal"
    certifications:
      cspo: {name: Certified Scrum Product Owner (CSPO), provider: Scrum Alliance, alternatives: [pspo], frameworks: [scrum]}
      pspo: {name: Professional Scrum Product Owner I (PSPO I), provider: Scrum.org, frameworks: [scrum]}
      popm: {name: SAFe POPM, provider: Scaled Agile, frameworks: [safe]}
    roles:
      director:
        name: Director
        rank: 1
        track: management
        skills: {agile: 2, lead: 4}
        core: [lead]
        certifications: [cspo]
        next:
          head: {years: 2}
      head:
        name: Head
        rank: 2
        track: management
        skills: {agile: 3, lead: 5}
        core: [lead]
        certifications: [popm]
"""

DIRECTOR = {
    "name": "Dana",
    "role": "director",
    "experience": {"director": 2},
    "skills": {"agile": 1, "lead": 4},
}


@pytest.fixture
def kb(make_kb):
    return str(make_kb(LADDER))


def assess_json(cli, kb: str | None, profile: dict) -> dict:
    ladder = ["--kb", kb] if kb else []  # None: the bundled ladder
    result = cli("assess", "-p", "-", *ladder, "--no-save", "--json", input=json.dumps(profile))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_ladder_is_valid(cli, kb):
    result = cli("validate", "--kb", kb)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower()


def test_a_director_sees_no_action_below_their_seniority(cli, kb):
    data = assess_json(cli, kb, DIRECTOR)
    focus = {f["skill"]: f for f in data["focus"]}
    # Agile 1 -> 3 (2 for their own role): every action is for a level below a Director's 4, the plain
    # one too — none, rather than "Ask your Scrum Master" or an article a month
    assert (focus["agile"]["have"], focus["agile"]["need"], focus["agile"]["actions"]) == (1, 3, [])
    assert [a["text"] for a in focus["lead"]["actions"]] == [
        "Set the leadership principles of the organisation"
    ]
    texts = [s["text"] for s in data["next_steps"] if s["kind"] == "action"]
    assert texts == ["Set the leadership principles of the organisation", "Keep a leadership journal"]
    assert all(s["level"] is None or s["level"] >= 4 for s in data["next_steps"] if s["kind"] == "action")


def test_the_views_say_when_no_action_fits(cli, kb):
    profile = json.dumps(DIRECTOR)
    view = cli("assess", "-p", "-", "--kb", kb, "--no-save", "--all", input=profile).stdout
    assert "No action in the ladder at your level: agree one with your manager." in view
    assert "Scrum Master" not in view and "article" not in view
    plan = cli("plan", "-p", "-", "--kb", kb, "--start", "2026-01-31", input=profile)
    assert plan.exit_code == 0, plan.stderr
    assert "No action in the ladder at your level: agree one with your manager." in plan.stdout
    markdown = cli("plan", "-p", "-", "--kb", kb, "--start", "2026-01-31", "-f", "markdown", input=profile)
    assert "| Agile | 1 novice | 3 competent | No action in the ladder at your level" in markdown.stdout
    assert "Scrum Master" not in markdown.stdout


def test_without_a_role_the_climb_starts_at_the_next_level(cli, kb):
    # Without a role there is no seniority: the complete list starts at the next level
    data = assess_json(cli, kb, {"name": "Jo", "target": "director", "skills": {"agile": 0, "lead": 3}})
    agile = [s["level"] for s in data["next_steps"] if s["skill"] == "agile"]
    assert agile[:2] == [1, 2]


def test_a_bundled_product_director_sees_no_action_below_their_seniority(cli):
    # The reviewer's case: a Product Director below Head of Product in agile practices and backlog
    # management was told to ask their Scrum Master and to read an article a month
    role = json.loads(cli("role", "product-director", "--json").stdout)
    floor = min(role["skills"][s] for s in role["core"])
    skills = {**role["skills"], "agile-practices": 1, "backlog-management": 1}
    profile = {
        "name": "Dana",
        "role": "product-director",
        "experience": {"product-director": 3},
        "skills": skills,
    }
    data = assess_json(cli, None, profile)
    actions = [s for s in data["next_steps"] if s["kind"] == "action"]
    actions += [{**a, "skill": f["skill"]} for f in data["focus"] for a in f["actions"]]
    assert actions and all(a["level"] is not None and a["level"] >= floor for a in actions), actions
    assert not any(a["skill"] in ("agile-practices", "backlog-management") for a in actions)


def cert_status(data: dict) -> dict[str, tuple[str, str | None]]:
    return {c["certification"]: (c["status"], c["condition"]) for c in data["certifications"]}


def test_a_safe_organisation_uses_scrum_too(cli, kb):
    # SAFe includes Scrum: CSPO (or PSPO) is worth taking now, and so is the SAFe one of the next step
    data = assess_json(cli, kb, {**DIRECTOR, "organisation": {"frameworks": ["safe"]}})
    assert cert_status(data) == {"cspo": ("now", None), "popm": ("now", None)}
    assert data["certifications"][0]["alternatives"] == ["pspo"]


@pytest.mark.parametrize("frameworks", [["kanban"], []])
def test_without_safe_or_scrum_the_scrum_certifications_stay_conditional(cli, kb, frameworks):
    data = assess_json(cli, kb, {**DIRECTOR, "organisation": {"frameworks": frameworks}})
    assert cert_status(data) == {
        "cspo": ("conditional", "only if your organisation uses Scrum"),
        "popm": ("conditional", "only if your organisation uses SAFe"),
    }


def test_the_bundled_ladder_offers_scrum_certifications_to_a_safe_organisation(cli):
    profile = {
        "name": "Sam",
        "role": "po",
        "experience": {"po": 2},
        "organisation": {"frameworks": ["safe"]},
        "skills": {"backlog-management": 3, "user-stories": 3, "agile-practices": 2},
    }
    result = cli("assess", "-p", "-", "--no-save", "--json", input=json.dumps(profile))
    assert result.exit_code == 0, result.stderr
    found = {c["certification"]: c for c in json.loads(result.stdout)["certifications"]}
    assert found["cspo"]["status"] == "now" and found["cspo"]["condition"] is None


def test_an_unknown_framework_in_includes_is_an_error(cli, make_kb):
    broken = make_kb(LADDER.replace("includes: [scrum]", "includes: [scrumm]"))
    result = cli("validate", "--kb", str(broken))
    assert result.exit_code == 1
    output = result.stdout + result.stderr
    assert "frameworks.safe.includes.0" in output and "'scrumm'" in output and "scrum" in output
