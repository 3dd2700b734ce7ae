"""Help and messages: no type hints where they read badly, one way of naming arguments, the schema names
in `schema --help`, readable dates, `path` to where you are, and "1 year" never "1 years"."""

from __future__ import annotations

import json
import re

import pytest
import typer

from poladder.cli.app import app
from poladder.render.schemas import SCHEMAS
from tests.conftest import LADDER

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def options_panel(text: str) -> list[str]:
    """The rows of the Options panel of a --help page (rich draws it as a box)."""
    start = text.index("─ Options ")
    return [line for line in text[start:].splitlines()[1:] if line.startswith("│")]


@pytest.mark.parametrize(
    "command", [[c] for c in COMMANDS if c != "profile"] + [["profile", "export"]], ids=" ".join
)
def test_no_type_hints_on_options_that_read_badly(cli, command):
    """`--json <bool>` reads as if --json took a value, and `--target <str>` says nothing a name would not.
    (typer makes --help and the completion options itself, each with its own <bool>: left out here.)"""
    text = cli(*command, "--help", env={"COLUMNS": "200"}).stdout
    rows = [row for row in options_panel(text) if not re.search(r"--help|-completion", row)]
    assert not [row for row in rows if "<bool>" in row or "<str>" in row], text


def test_the_top_level_help_has_no_bool_either(cli):
    rows = [r for r in options_panel(cli("--help").stdout) if not re.search(r"--help|-completion", r)]
    assert any("--version" in r for r in rows) and "<bool>" not in "".join(rows)


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("role", "Usage: poladder role [OPTIONS] {ROLE}"),
        ("skill", "Usage: poladder skill [OPTIONS] {SKILL}"),
        ("path", "Usage: poladder path [OPTIONS] {FROM} {TO}"),
        ("compare", "Usage: poladder compare [OPTIONS] {ROLE} {ROLE}"),
        ("validate", "Usage: poladder validate [OPTIONS] [FILE]"),
        ("schema", "Usage: poladder schema [OPTIONS] [NAME]"),
        ("team", "Usage: poladder team [OPTIONS] [SOURCE]..."),
    ],
)
def test_arguments_are_named_in_capitals_like_the_readme(cli, command, usage):
    assert usage in cli(command, "--help", env={"COLUMNS": "200"}).stdout


def test_schema_help_lists_every_schema(cli):
    text = " ".join(cli("schema", "--help", env={"COLUMNS": "200"}).stdout.split())
    for name in SCHEMAS:
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text), name


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01", "01.12.2026", ""])
def test_a_bad_start_date_is_one_readable_line(cli, value):
    result = cli("plan", "-p", "-", "--kb", str(LADDER), "--start", value, input="role: junior\n")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"poladder: error: --start: {value!r} is not a date like 2026-12-01\n"


def test_a_good_start_date(cli):
    result = cli(
        "plan", "-p", "-", "--kb", str(LADDER), "--start", " 2026-12-01", "--json", input="role: junior\n"
    )
    assert json.loads(result.stdout)["start"] == "2026-12-01"


def test_path_to_where_you_are(cli):
    result = cli("path", "owner", "Owner", "--kb", str(LADDER))
    assert result.exit_code == 0
    assert result.stdout == "You are already there: from Owner to Owner there is nothing to do.\n"
    data = json.loads(cli("path", "owner", "owner", "--kb", str(LADDER), "--json").stdout)
    assert (data["route"], data["total_years"], data["steps"]) == (["owner"], 0, [])


def test_one_year_is_one_year(cli):
    path = cli("path", "sm", "owner", "--kb", str(LADDER)).stdout
    assert re.search(r"Coach → Owner: about 1 year *\n", path)
    compare = cli("compare", "owner", "sm", "--kb", str(LADDER)).stdout
    assert "Owner to Coach: about 1 year — Owner → Coach" in compare
    graph = cli("graph", "--route", "sm", "owner", "--kb", str(LADDER)).stdout
    assert "quickest route: Coach → Owner, about 1 year\n" in graph
    for text in (path, compare, graph):
        assert not re.search(r"\b1 years\b", text)
    assert "about 5.5 years" in cli("path", "junior", "head", "--kb", str(LADDER)).stdout
