"""The command line as a whole: help, version, streams, colour, completion, schemas, packaging."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from poladder import __version__
from poladder.cli.app import app
from poladder.render.schemas import SCHEMAS, schema
from tests.conftest import LADDER

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"poladder {__version__}\n"


def test_python_dash_m_and_console_script(tmp_path):
    env = {**os.environ, "POLADDER_CACHE_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "poladder", "--version"], capture_output=True, text=True, env=env
    )
    assert proc.stdout.strip() == f"poladder {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    readme = (ROOT / "README.md").read_text()
    assert f"poladder {command}" in readme


def test_no_arguments_shows_help(cli):
    result = cli()
    assert "roles" in result.stdout and "path" in result.stdout


@pytest.mark.parametrize(
    "args", [["roles"], ["role", "owner"], ["skills"], ["certs"], ["path", "junior", "head"]]
)
def test_human_output_is_plain_without_a_terminal(cli, args, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    result = cli(*args, "--kb", str(LADDER))
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout and result.stdout.strip()


def test_no_color_in_a_real_terminal():
    """In a pseudo-terminal rich colours its output, unless NO_COLOR is set."""
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    args = ["-m", "poladder", "path", "junior", "head", "--kb", str(LADDER)]
    coloured = pexpect.run(sys.executable, args=args, env=env, timeout=30)
    colour = re.compile(rb"\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])[;m]")  # foreground colours, not bold or dim
    assert colour.search(coloured)
    plain = pexpect.run(sys.executable, args=args, env={**env, "NO_COLOR": "1"}, timeout=30)
    assert not colour.search(plain) and b"Junior Owner" in plain


def test_shell_completion_lists_commands_and_roles_options(tmp_path):
    env = {
        **os.environ,
        "_POLADDER_COMPLETE": "complete_bash",
        "COMP_WORDS": "poladder pa",
        "COMP_CWORD": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-c", "from poladder.cli.app import main; main()"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "path" in proc.stdout.split()


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_published_schemas_are_current(name):
    published = ROOT / "docs" / "schemas" / f"{name}.json"
    assert json.loads(published.read_text()) == schema(name), (
        f"regenerate with: poladder schema {name} > docs/schemas/{name}.json"
    )


def test_unknown_schema(cli):
    result = cli("schema", "nope")
    assert result.exit_code == 2
    assert "choose one of: knowledge-base" in result.stderr


def keys_match(data: object, node: dict, defs: dict) -> None:
    """Every object in `data` has exactly the properties its schema lists (a contract, not a full validator)."""
    if "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    if "anyOf" in node:
        node = next((n for n in node["anyOf"] if n.get("type") != "null"), node) if data is not None else {}
    if isinstance(data, dict) and "properties" in node:
        assert set(data) == set(node["properties"]), (set(data), set(node["properties"]))
        for key, value in data.items():
            keys_match(value, node["properties"][key], defs)
    elif isinstance(data, list) and "items" in node:
        for item in data:
            keys_match(item, node["items"], defs)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("roles", ["roles"]),
        ("role", ["role", "owner"]),
        ("skills", ["skills"]),
        ("certs", ["certs"]),
        ("skill", ["skill", "backlog"]),
        ("path", ["path", "junior", "head", "-a", "2"]),
        ("graph", ["graph", "--route", "junior", "head"]),
        ("compare", ["compare", "junior", "head"]),
        ("validate", ["validate", str(LADDER)]),
        ("assess", ["assess", "-p", "-"]),
        ("plan", ["plan", "-p", "-"]),
        ("history", ["history"]),
        ("team", ["team", str(LADDER.parent / "team")]),
    ],
)
def test_json_output_matches_its_schema(cli, name, args):
    cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\nskills: {backlog: 2}\n")  # some history
    profile = "name: A\nrole: owner\nyears: 1\nskills: {backlog: 2}\n"
    result = cli(*args, "--kb", str(LADDER), "--json", input=profile)
    data = json.loads(result.stdout)
    published = schema(name)
    keys_match(data, published, published.get("$defs", {}))


EXAMPLE = str(ROOT / "examples" / "profile.yaml")


def test_knowledge_base_schema_describes_the_format():
    kb_schema = schema("knowledge-base")
    assert kb_schema["required"] == ["skills", "roles"]
    role = kb_schema["$defs"]["Role"]
    assert role["additionalProperties"] is False
    assert {"name", "rank", "skills", "next", "aliases"} <= set(role["properties"])


def test_stderr_only_for_messages(cli, make_kb):
    warned = make_kb(LADDER.read_text())
    result = cli("validate", str(warned), "--json")
    assert json.loads(result.stdout)["warnings"]
    assert result.stderr == ""


@pytest.mark.slow
def test_non_editable_install_finds_the_bundled_ladder(tmp_path):
    """Build the wheel and install it (no deps: they are already here) into a target dir, then run it
    from another directory: data/roles.yaml must travel inside the wheel."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("poladder-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    assert (target / "poladder" / "data" / "roles.yaml").exists()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "POLADDER_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "poladder", "path", "junior-po", "cpo", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
    )
    data = json.loads(proc.stdout)
    assert data["route"][-1] == "cpo"
    assert re.search(r"site/poladder/data/roles\.yaml$", data["knowledge_base"]["path"])


def test_results_are_constructed_but_still_validate_when_asked():
    """Results skip validation when poladder makes them; validating one (a script, a test) still checks."""
    from pydantic import ValidationError

    from poladder.core.routes import SkillChange, Step

    made = Step(from_="a", to="b", years=2.0, kind="promotion", skills=[], certifications=[])
    assert made.note is None and made.skills == []  # defaults filled in
    checked = Step.model_validate(
        {
            "from": "a",
            "to": "b",
            "years": "2",
            "kind": "promotion",
            "skills": [{"skill": "x", "from": 1, "to": 2}],
        }
        | {"certifications": []}
    )
    assert checked.years == 2.0 and isinstance(checked.skills[0], SkillChange)
    with pytest.raises(ValidationError):
        Step.model_validate(
            {"from": "a", "to": "b", "years": "soon", "kind": "x", "skills": [], "certifications": []}
        )
