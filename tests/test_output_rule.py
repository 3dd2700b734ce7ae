"""One --output rule for every command that writes a document (plan, graph, profile export): the suffix
of -o FILE picks the format when none is given, an explicit --format wins, --json is --format json
(and with another --format a usage error), and an unknown suffix is a usage error naming the choices."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.conftest import LADDER

PROFILE = "name: Robin\nrole: junior\nskills: {backlog: 1}\n"

# command -> its arguments before -o; each (suffix, how the written file starts)
COMMANDS = {
    "plan": ["plan", "-p", "-", "--kb", str(LADDER), "--start", "2027-01-01"],
    "graph": ["graph", "--kb", str(LADDER), "--route", "junior", "head"],
    "profile export": ["profile", "export"],
}


def looks_like(fmt: str, text: str) -> bool:
    checks = {
        "json": lambda: isinstance(json.loads(text), dict),
        "yaml": lambda: not text.startswith("{") and yaml.safe_load(text)["role"] == "junior",
        "markdown": lambda: text.startswith("# "),
        "html": lambda: text.startswith("<!DOCTYPE html>"),
        "mermaid": lambda: text.startswith("flowchart LR"),
        "dot": lambda: text.startswith("digraph ladder {"),
    }
    return checks[fmt]()


@pytest.fixture(autouse=True)
def saved_profile(cli):
    """profile export writes your latest answers to the questions: give some (a junior, at backlog 1)."""
    answers = "\njunior\n\n\n\n-\n1\n0\n0\n"  # name, role, years in it, target (owner), years, certs, levels
    assert cli("assess", "--kb", str(LADDER), input=answers).exit_code == 0


def run(cli, command: str, *args: str):
    return cli(*COMMANDS[command], *args, input=PROFILE)


@pytest.mark.parametrize(
    ("command", "name", "fmt"),
    [
        ("plan", "plan.md", "markdown"),
        ("plan", "plan.MARKDOWN", "markdown"),
        ("plan", "plan.html", "html"),
        ("plan", "plan.htm", "html"),
        ("plan", "plan.json", "json"),
        ("graph", "ladder.mmd", "mermaid"),
        ("graph", "ladder.dot", "dot"),
        ("graph", "ladder.gv", "dot"),
        ("graph", "ladder.json", "json"),
        ("profile export", "me.yaml", "yaml"),
        ("profile export", "me.yml", "yaml"),
        ("profile export", "me.json", "json"),
    ],
)
def test_the_suffix_picks_the_format(cli, tmp_path, command, name, fmt):
    out = tmp_path / name
    result = run(cli, command, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"wrote {out}" in result.stderr
    assert looks_like(fmt, out.read_text()), out.read_text()[:200]


@pytest.mark.parametrize(
    ("command", "name", "fmt"),
    [("plan", "plan.md", "html"), ("graph", "ladder.mmd", "dot"), ("profile export", "me.json", "yaml")],
)
def test_a_format_given_wins_over_the_suffix(cli, tmp_path, command, name, fmt):
    out = tmp_path / name
    assert run(cli, command, "-o", str(out), "--format", fmt).exit_code == 0
    assert looks_like(fmt, out.read_text())


@pytest.mark.parametrize("command", list(COMMANDS))
def test_json_is_format_json(cli, tmp_path, command):
    stdout = run(cli, command, "--json").stdout
    assert stdout == run(cli, command, "--format", "json").stdout
    assert looks_like("json", stdout)
    out = tmp_path / "written.md"  # --json is a format given: it wins over the suffix too
    assert run(cli, command, "--json", "-o", str(out)).exit_code == 0
    assert looks_like("json", out.read_text())
    assert run(cli, command, "--json", "--format", "json").exit_code == 0


@pytest.mark.parametrize(
    ("command", "other"), [("plan", "html"), ("graph", "dot"), ("profile export", "yaml")]
)
def test_json_with_another_format_is_a_usage_error_everywhere(cli, command, other):
    result = run(cli, command, "--json", "--format", other)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"--json and --format {other} each choose the output: give one of them" in result.stderr


@pytest.mark.parametrize(
    ("command", "choices"),
    [
        (
            "plan",
            "add --format markdown, html or json, or end the name in .json, .md, .markdown, .html, .htm",
        ),
        ("graph", "add --format mermaid, dot or json, or end the name in .json, .mmd, .dot, .gv"),
        ("profile export", "add --format yaml or json, or end the name in .json, .yaml, .yml"),
    ],
)
def test_an_unknown_suffix_is_a_usage_error_naming_the_choices(cli, tmp_path, command, choices):
    out = tmp_path / "out.txt"
    result = run(cli, command, "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert f"cannot tell the format of out.txt from its suffix — {choices}" in result.stderr


@pytest.mark.parametrize(("command", "view"), [("plan", "rich"), ("graph", "tree")])
def test_a_terminal_view_into_a_file_is_a_usage_error(cli, tmp_path, command, view):
    out = tmp_path / "out.md"
    result = run(cli, command, "--format", view, "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert f"--format {view} is for the terminal" in result.stderr


def test_without_output_the_default_format(cli):
    assert "Robin's development plan" in run(cli, "plan").stdout
    assert "The ladder: 5 roles" in run(cli, "graph").stdout
    assert looks_like("yaml", run(cli, "profile export").stdout)
