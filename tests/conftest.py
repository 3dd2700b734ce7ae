from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

# What the caller's shell says about its terminal must not reach the tests. Scrubbed before anything
# imports rich: a Console made at import time keeps the COLUMNS it saw then for good, so with COLUMNS
# unset here the consoles ask the environment on every print, and each test's own COLUMNS counts. A test
# that wants another width sets COLUMNS, never a console's width (which would outlive the test).
_CALLERS_TERMINAL = (
    "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "PY_COLORS", "CLICOLOR", "CLICOLOR_FORCE", "COLORTERM",
    "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES", "TERMINAL_WIDTH",
    "GITHUB_ACTIONS", "TYPER_USE_RICH", "_TYPER_FORCE_DISABLE_TERMINAL", "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME", "XDG_DATA_HOME",
)  # fmt: skip
for _name in [*_CALLERS_TERMINAL, *(n for n in os.environ if n.startswith("POLADDER_"))]:
    os.environ.pop(_name, None)

from typer.testing import CliRunner, Result  # noqa: E402 - after the scrub, see above

import poladder.render.views  # noqa: E402,F401 - its consoles made now, not inside a test's COLUMNS
from poladder.cli.app import app  # noqa: E402

DATA = Path(__file__).parent / "data"
LADDER = DATA / "ladder.yaml"
# The terminal every test sees unless it says otherwise: wide, colourless, and one that rich draws on.
TERMINAL = {"COLUMNS": "160", "NO_COLOR": "1", "TERM": "xterm-256color"}


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the real home, cache or knowledge base, and see the same terminal wherever
    they run (TERM=dumb, NO_COLOR, COLUMNS=60 or an unwritable HOME in the caller's shell change nothing)."""
    base = tmp_path_factory.mktemp("poladder-env")
    (base / "user").mkdir()
    monkeypatch.setenv("HOME", str(base / "user"))
    monkeypatch.setenv("POLADDER_HOME", str(base / "home"))
    monkeypatch.setenv("POLADDER_CACHE_DIR", str(base / "cache"))
    for name, value in TERMINAL.items():
        monkeypatch.setenv(name, value)


Run = Callable[..., Result]


@pytest.fixture
def cli() -> Run:
    """Run poladder in-process: cli("path", "a", "b", input=...) -> Result with .stdout and .stderr."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture
def make_kb(tmp_path: Path) -> Callable[[str], Path]:
    """Write a knowledge base from (dedented) YAML text and return its path."""
    count = 0

    def make(text: str) -> Path:
        nonlocal count
        count += 1
        path = tmp_path / f"kb{count}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return make


# A word as a reader sees it: letters and digits, with the hyphens and apostrophes inside ids and names.
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def check_narrow(
    run: Run, *args: str, input: str | None = None, code: int = 0, narrow: int = 60, wide: int = 100
) -> tuple[str, str]:
    """Run one view on a narrow and on a wide terminal and check the narrow one: no id or word cut short
    (no more `…` than the wide view has), no word broken (every word of the wide view is whole in the
    narrow one, in any case), and at most twice the lines. Returns (narrow, wide) output, stdout then
    stderr. For every view people read: `check_narrow(cli, "assess", "-p", "-", input=profile)`."""
    outputs = []
    for columns in (narrow, wide):
        result = run(*args, input=input, env={"COLUMNS": str(columns)})
        outputs.append((result.exit_code, result.stdout + result.stderr))
    (narrow_code, narrow_text), (wide_code, wide_text) = outputs
    assert narrow_code == wide_code == code, (narrow_code, wide_code, narrow_text)
    assert wide_text.strip(), f"no output from {args}"
    assert narrow_text.count("…") <= wide_text.count("…"), f"cut at {narrow} columns:\n{narrow_text}"
    broken = {w.lower() for w in WORD.findall(wide_text)} - {w.lower() for w in WORD.findall(narrow_text)}
    assert not broken, f"words broken or lost at {narrow} columns: {sorted(broken)}\n{narrow_text}"
    lines, wide_lines = len(narrow_text.splitlines()), len(wide_text.splitlines())
    assert lines <= 2 * wide_lines, (
        f"{lines} lines at {narrow} columns, {wide_lines} at {wide}:\n{narrow_text}"
    )
    return narrow_text, wide_text
