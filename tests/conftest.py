from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from poladder.cli import app

DATA = Path(__file__).parent / "data"
LADDER = DATA / "ladder.yaml"


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the real home, cache or knowledge base, and see a wide, colourless terminal."""
    base = tmp_path_factory.mktemp("poladder-env")
    monkeypatch.setenv("POLADDER_HOME", str(base / "home"))
    monkeypatch.setenv("POLADDER_CACHE_DIR", str(base / "cache"))
    monkeypatch.delenv("POLADDER_KB", raising=False)
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("NO_COLOR", "1")


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
