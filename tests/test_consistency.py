"""Small things that should be one way everywhere: a reader that goes away, "none" in the catalogues,
and the README's commands."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import LADDER

ROOT = Path(__file__).resolve().parent.parent
PROFILE = "name: Robin\nrole: junior\nskills: {backlog: 1}\n"

WRITERS = [
    ["--help"],
    ["--version"],
    ["roles"],
    ["role", "owner"],
    ["skills"],
    ["skill", "backlog"],
    ["certs"],
    ["path", "junior", "head"],
    ["graph"],
    ["graph", "--format", "mermaid"],
    ["compare", "owner", "head"],
    ["validate", str(LADDER), "--json"],
    ["schema", "path"],
    ["assess", "-p", "-", "--no-save"],
    ["plan", "-p", "-"],
    ["history"],
    ["profile", "export"],
    ["team", str(LADDER.parent / "team")],
    ["team", str(LADDER.parent / "team"), "--jsonl"],
]


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="no SIGPIPE on this system")
@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_reader_that_is_gone_ends_every_command_quietly_as_sigpipe(cli, args):
    """`poladder graph | head -1`: like cat or grep, poladder is ended by SIGPIPE (the shell says 141),
    with nothing on stderr, never a traceback or an exit 1 that depends on timing."""
    cli("assess", "--kb", str(LADDER), input="junior\n\n\n\n-\n1\n0\n0\n")  # answers to export
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte: no timing involved
    try:
        kb = (
            []
            if args[0] in ("--help", "--version", "schema", "validate", "profile")
            else ["--kb", str(LADDER)]
        )
        proc = subprocess.run(
            [sys.executable, "-m", "poladder", *args, *kb],
            input=PROFILE.encode(),
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == -signal.SIGPIPE, (proc.returncode, proc.stderr)
    assert proc.stderr == b""


def test_certs_say_none_one_way(cli, make_kb):
    path = make_kb(
        """
        skills: {a: {name: A}}
        certifications:
          first: {name: First, provider: P, prerequisites: "None."}
          second: {name: Second, provider: P}
          third: {name: Third, provider: P, prerequisites: "Two years in the role."}
        roles: {r: {name: R, rank: 1}}
        """
    )
    for columns in ("160", "60"):
        out = cli("certs", "--kb", str(path), env={"COLUMNS": columns}).stdout
        assert "None." not in out
        assert out.count("—") == 2, out
        assert "Two years in the role." in out


def test_readme_shell_commands_name_the_venv_python():
    """From a fresh clone after the Quick start there is no `python` on the PATH, only .venv's."""
    text = (ROOT / "README.md").read_text()
    commands = re.findall(r"`((?:\.venv/bin/)?python3? [^`]*)`", text)
    commands += re.findall(r"^((?:\.venv/bin/)?python3? .*)$", text, re.M)
    assert commands
    commands = [c for c in commands if "benchmarks/" in c or " -m " in c]
    bad = [c for c in commands if not c.startswith((".venv/bin/", "python3 -m venv"))]
    assert not bad, bad


def test_the_benchmark_writes_a_team_from_a_checkout(tmp_path):
    """As the README runs it, with a Python that may not have poladder installed (-I: no user site,
    no PYTHONPATH): the script finds the checkout's package itself."""
    out = tmp_path / "team.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run(
        [sys.executable, "-I", str(ROOT / "benchmarks" / "team.py"), "--write", "8", str(out), "--seed", "3"],
        check=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert len(out.read_text().splitlines()) == 8
