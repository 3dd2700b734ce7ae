"""Standard output in any encoding, closed or full: one clear line and an exit code, never a traceback,
and an assessment saved once (issue 21). Real processes: the streams are set up at start-up."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import LADDER
from tests.test_hostile import hermetic_env

NAME = "Zoë ✓ 🎉"  # in cp1252, in no code page, and beyond the BMP


def run(args: list[str], tmp_path: Path, **kwargs) -> subprocess.CompletedProcess[bytes]:
    env = {**hermetic_env(tmp_path), **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "poladder", *args], capture_output=kwargs.pop("capture_output", True),
        timeout=60, env=env, check=False, **kwargs,
    )  # fmt: skip


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    data = yaml.safe_load(LADDER.read_text(encoding="utf-8"))
    data["roles"]["owner"]["name"] = f"Owner {NAME}"
    kb = tmp_path / "kb.yaml"
    kb.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    profile = tmp_path / "me.yaml"
    profile.write_text(f"name: {NAME}\nrole: owner\nskills: {{backlog: 2}}\n", encoding="utf-8")
    return str(kb), str(profile)


def saved(tmp_path: Path) -> int:
    db = Path(hermetic_env(tmp_path)["POLADDER_HOME"]) / "history.db"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        count = int(conn.execute("SELECT count(*) FROM assessments").fetchone()[0])
    conn.close()
    return count


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_any_output_encoding(tmp_path, files, encoding):
    kb, profile = files
    commands = [
        ["roles", "--kb", kb],
        ["path", "junior", "head", "--kb", kb],
        ["path", "junior", "head", "--kb", kb, "--json"],
        ["plan", "-p", profile, "--kb", kb],
        ["plan", "-p", profile, "--kb", kb, "-f", "markdown"],
        ["assess", "-p", profile, "--kb", kb, "--json"],
        ["assess", "-p", profile, "--kb", kb],
        ["history", "--kb", kb],
        ["profile", "export", "--person", NAME],
    ]
    for args in commands:
        proc = run(args, tmp_path, env={"PYTHONIOENCODING": encoding})
        err = proc.stderr.decode(encoding, "replace")
        assert proc.returncode == 0, (args, err)
        assert "Traceback" not in err and "UnicodeEncodeError" not in err
        out = proc.stdout.decode(encoding)  # only what the encoding can carry
        if args[-1] == "--json" and args[0] == "path":
            continue  # ids only
        assert "Zo" in out, args
        if encoding == "cp1252":
            assert "Zoë" in out, args  # what it can carry is kept
    assert saved(tmp_path) == 2  # each assessment once


def test_a_closed_stdout_is_one_line_and_exit_1(tmp_path, files):
    kb, profile = files
    for args in (
        ["roles", "--kb", kb],
        ["roles", "--kb", kb, "--json"],
        ["assess", "-p", profile, "--kb", kb, "--json"],
    ):
        proc = run(
            args,
            tmp_path,
            capture_output=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: os.close(1),
        )
        assert proc.returncode == 1
        assert proc.stderr.decode().endswith(
            "poladder: standard output: cannot write (it was closed when poladder started) — give "
            "the command somewhere to write (a terminal, a pipe or > FILE), or -o FILE\n"
        ), proc.stderr
    assert saved(tmp_path) == 1
    out = tmp_path / "plan.md"
    proc = run(
        ["plan", "-p", profile, "--kb", kb, "-o", str(out)],
        tmp_path,
        capture_output=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
    )
    assert proc.returncode == 0 and out.read_text(encoding="utf-8").startswith("# Zoë")  # needs no stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_stdout_is_one_line_and_exit_1(tmp_path, files):
    kb, profile = files
    for args in (
        ["roles", "--kb", kb],
        ["path", "junior", "head", "--kb", kb, "--json"],
        ["team", profile, "--kb", kb, "--jsonl"],
        ["plan", "-p", profile, "--kb", kb, "-f", "markdown"],
    ):
        with open("/dev/full", "w") as full:
            proc = run(args, tmp_path, capture_output=False, stdout=full, stderr=subprocess.PIPE)
        assert proc.returncode == 1, (args, proc.stderr)
        assert proc.stderr.decode() == (
            "poladder: standard output: cannot write (No space left on device) — the disk is "
            "full: free some space, or send the output elsewhere\n"
        ), args


def test_file_names_of_any_bytes(tmp_path, files):
    """A file name that is not UTF-8: shown with escapes, JSON without lone surrogates, history lossless."""
    kb_text, profile_text = (Path(f).read_bytes() for f in files)
    folder = os.fsencode(tmp_path)
    kb, profile = folder + b"/kb\xff.yaml", folder + b"/me\xfe.yaml"
    for name, text in ((kb, kb_text), (profile, profile_text.replace(b"name: ", b"# "))):
        with open(name, "wb") as f:
            f.write(text)
    kb_arg, profile_arg = os.fsdecode(kb), os.fsdecode(profile)
    for args in (
        ["path", "junior", "head", "--kb", kb_arg, "--json"],
        ["validate", kb_arg, "--json"],
        ["assess", "-p", profile_arg, "--kb", kb_arg, "--json"],
        ["team", profile_arg, "--kb", kb_arg, "--json"],
        ["team", profile_arg, "--kb", kb_arg, "--jsonl"],
        ["history", "--kb", kb_arg, "--json"],
    ):
        proc = run(args, tmp_path)
        assert proc.returncode == 0, (args, proc.stderr)
        text = proc.stdout.decode("utf-8")  # strict: no lone surrogate was written
        assert "kb\\\\xff.yaml" in text or "me\\\\xfe" in text, (args, text)
    history = run(["history", "--kb", kb_arg, "--json"], tmp_path).stdout.decode()
    assert (
        '"person": "me\\\\xfe"' in history
        and '"source": "' + os.fsdecode(folder) + '/me\\\\xfe.yaml"' in history
    )
    human = run(["history", "--kb", kb_arg], tmp_path, env={"COLUMNS": "200"})
    assert human.returncode == 0 and "me\\xfe" in human.stdout.decode()
    said = run(["assess", "-p", profile_arg, "--kb", kb_arg], tmp_path).stderr.decode()
    assert said.endswith("poladder: saved me\\xfe's assessment to history (see poladder history)\n")
    db = Path(hermetic_env(tmp_path)["POLADDER_HOME"]) / "history.db"
    with sqlite3.connect(db) as conn:
        stored = {row[0] for row in conn.execute("SELECT source FROM assessments")}
    conn.close()
    assert stored == {profile}  # the very bytes of the name
