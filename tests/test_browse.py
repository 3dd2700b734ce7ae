"""roles, role, skills and certs: tables for people, exact JSON for scripts."""

from __future__ import annotations

import json

from tests.conftest import LADDER


def run_json(cli, *args: str):
    result = cli(*args, "--kb", str(LADDER), "--json")
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    return json.loads(result.stdout)


def test_roles_json_is_a_list_of_role_objects(cli):
    data = run_json(cli, "roles")
    assert [r["id"] for r in data] == ["junior", "coach-role", "owner", "senior", "head"]
    owner = data[2]
    assert owner["name"] == "Owner" and owner["rank"] == 2
    assert owner["skills"] == {"backlog": 3, "stakeholders": 2}
    assert owner["next"]["head"] == {
        "years": 4.0,
        "kind": "promotion",
        "note": None,
        "how": [],
        "pitfalls": [],
    }
    assert owner["reports_to"] == ["head"] and owner["works_with"] == ["coach-role"]


def test_role_json_by_alias(cli):
    data = run_json(cli, "role", "sm")
    assert data["id"] == "coach-role"
    assert data["certifications"] == ["coach"]
    assert set(data) >= {
        "id",
        "name",
        "aliases",
        "rank",
        "summary",
        "responsibilities",
        "skills",
        "certifications",
        "reports_to",
        "works_with",
        "next",
    }


def test_role_human(cli):
    result = cli("role", "owner", "--kb", str(LADDER))
    assert result.exit_code == 0
    for text in (
        "Owner",
        "rank 2",
        "Backlog management",
        "3 competent",
        "Reports to",
        "Head of Owners",
        "Works with",
        "Coach",
        "Reached from",
        "Junior Owner (1.5y)",
    ):
        assert text in result.stdout, text


def test_unknown_role(cli):
    result = cli("role", "ownr", "--kb", str(LADDER))
    assert result.exit_code == 2
    assert "did you mean 'owner'" in result.stderr


def test_skills(cli):
    data = run_json(cli, "skills")
    assert [s["id"] for s in data] == sorted(s["id"] for s in data)
    backlog = next(s for s in data if s["id"] == "backlog")
    assert backlog["levels"] == {
        "1": "Reads a backlog",
        "3": "Orders a backlog",
        "5": "Shapes backlogs across teams",
    }
    assert backlog["actions"] == ["Run a refinement session"]
    assert "Backlog management" in cli("skills", "--kb", str(LADDER)).stdout


def test_certs(cli):
    data = run_json(cli, "certs")
    advanced = next(c for c in data if c["id"] == "advanced")
    assert advanced["requires"] == ["basic"] and advanced["builds"] == {"backlog": 4, "stakeholders": 3}
    out = cli("certs", "--kb", str(LADDER)).stdout
    assert "Advanced Owner" in out and "Test Alliance" in out


def test_kb_from_environment(cli, monkeypatch):
    monkeypatch.setenv("POLADDER_KB", str(LADDER))
    result = cli("roles", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "junior"
