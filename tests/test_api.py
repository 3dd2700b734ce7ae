"""The Python API the command line is a client of: the same answers, as models, and the same errors."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

import poladder
from poladder.errors import DataError, UnknownName
from tests.conftest import LADDER

PROFILE = (
    "name: Api\nrole: junior\ntarget: head\nskills: {backlog: 2, stakeholders: 1}\ncertifications: [basic]\n"
)


@pytest.fixture
def person(tmp_path):
    path = tmp_path / "api.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def command(cli, *args: str) -> dict:
    result = cli(*args, "--kb", str(LADDER), "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_import_poladder_loads_nothing_heavy():
    code = (
        "import sys, poladder; print([m for m in ('pydantic', 'typer', 'rich', 'yaml') if m in sys.modules])"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == "[]\n"


def test_assess_route_and_plan_are_the_commands_answers(cli, person, monkeypatch):
    monkeypatch.setattr("poladder.cli.options.today", lambda: date(2026, 12, 1))
    ladder = poladder.load_ladder(LADDER)
    api = poladder.read_profile(person, ladder)
    assert (api.name, api.role, api.target) == ("Api", "junior", "head")
    assessed = poladder.assess(ladder, api, today=date(2026, 12, 1))
    assert json.loads(assessed.model_dump_json()) == command(cli, "assess", "-p", str(person), "--no-save")
    route = poladder.find_route(ladder, "Junior", "head", alternatives=1)
    assert json.loads(route.model_dump_json()) == command(cli, "path", "junior", "head", "-a", "1")
    plan = poladder.make_plan(ladder, api, start=date(2026, 12, 1))
    assert json.loads(plan.model_dump_json()) == command(
        cli, "plan", "-p", str(person), "--start", "2026-12-01"
    )


def test_a_team_streams_members_and_hands_bad_profiles_to_warn(tmp_path):
    lines = tmp_path / "team.jsonl"
    lines.write_text(
        '{"name": "A", "role": "junior"}\n{"name": "B", "skills": {"nope": 1}}\n', encoding="utf-8"
    )
    warned: list[DataError] = []
    members = list(poladder.assess_team(poladder.load_ladder(LADDER), [str(lines)], warn=warned.append))
    assert [m.person for m in members] == ["A"]
    [error] = warned
    assert (error.problems[0].file, error.problems[0].line) == (str(lines), 2)


def test_errors_are_data(tmp_path):
    ladder = poladder.load_ladder(LADDER)
    with pytest.raises(UnknownName) as unknown:
        poladder.find_route(ladder, "junoir", "head")
    assert (unknown.value.kind, unknown.value.text, unknown.value.suggestions[0]) == (
        "role",
        "junoir",
        "junior",
    )
    with pytest.raises(DataError) as bad:
        poladder.load_ladder(tmp_path / "missing.yaml")
    assert bad.value.problems[0].message == "no such file"


def test_the_history_is_the_commands(cli, person):
    cli("assess", "-p", str(person), "--kb", str(LADDER))
    assert [entry.person for entry in poladder.open_history().history("").root] == ["Api"]
