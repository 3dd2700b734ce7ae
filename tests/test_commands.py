"""How the command line is built: every command reachable and documented, completion, the benchmark's
bare app of the same shape, and a Ctrl-C at any moment of a real process ending it with exit 130 and
one line."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import typer
from typer.testing import CliRunner

from poladder.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
INTERRUPTED = "\npoladder: interrupted — nothing was saved\n"


def screens(columns: int) -> list[list[str]]:
    """Every help screen there is: the app's, each command's, each sub-app's and its commands'."""
    group = typer.main.get_command(app)
    ctx = group.make_context("poladder", [], resilient_parsing=True)
    found = [["--help"]]
    for name in group.list_commands(ctx):
        found.append([name, "--help"])
        sub = group.get_command(ctx, name)
        for subname in getattr(sub, "commands", {}):
            found.append([name, subname, "--help"])
    return found


def test_commands_are_listed_in_typers_order_and_each_is_reachable_and_documented(cli):
    group = typer.main.get_command(app)
    ctx = group.make_context("poladder", [], resilient_parsing=True)
    names = group.list_commands(ctx)
    # The order of the README: the ladder first, then a person, then a team.
    assert names[:6] == ["roles", "role", "skills", "skill", "certs", "path"] and "team" in names
    readme = (ROOT / "README.md").read_text()
    for name in names:
        assert cli(name, "--help").exit_code == 0
        assert f"poladder {name}" in readme, f"`poladder {name}` is not in the README"


def complete(words: str) -> list[str]:
    env = {
        **os.environ,
        "_POLADDER_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    launcher = "import sys; sys.argv[0] = 'poladder'; from poladder.__main__ import main; main()"
    proc = subprocess.run(
        [sys.executable, "-c", launcher], capture_output=True, text=True, env=env, check=False
    )
    return proc.stdout.split()


def test_completion_lists_commands_and_a_commands_options():
    assert complete("poladder p") == [
        "path",
        "plan",
        "packet",
        "profile",
    ]  # commands, then sub-apps: as typer lists them
    assert complete("poladder evidence ") == ["edit", "remove"]
    assert {"--alternatives", "--profile", "--kb", "--json"} <= set(complete("poladder path --"))
    assert complete("poladder profile ") == ["export"]


# --- the yardstick ----------------------------------------------------------------------------------


def bare_app(tmp_path: Path) -> typer.Typer:
    spec = importlib.util.spec_from_file_location("bare_app", ROOT / "benchmarks" / "bare_app.py")
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    path = tmp_path / "bare_typer_app.py"
    path.write_text(generator.generate(generator.cli_sources()), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("bare_typer_app", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    bare: typer.Typer = module.app
    return bare


def test_the_bare_app_has_poladders_shape_and_only_prints_braces(tmp_path):
    """Same commands, same parameters, same help: it differs only in doing nothing (and plainly)."""
    bare = bare_app(tmp_path)
    assert type(bare) is typer.Typer
    env = {"COLUMNS": "100", "TERM": "dumb"}
    for args in screens(100):
        ours = CliRunner().invoke(app, args, env=env, prog_name="poladder")
        theirs = CliRunner().invoke(bare, args, env=env, prog_name="poladder")
        assert ours.stdout == theirs.stdout, args
    result = CliRunner().invoke(bare, ["path", "a", "b", "--json"])
    assert result.exit_code == 0 and result.stdout == "{}\n"


# --- Ctrl-C -------------------------------------------------------------------------------------------


def started(env: dict[str, str]) -> float:
    """How long this machine takes to start `python -m` up to poladder's first line (the slowest of
    three runs of a module that does nothing): before that, a Ctrl-C meets Python's own start-up."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "poladder.cli.errors"], env=env, check=True)
        times.append(time.perf_counter() - start)
    return max(times)


def test_ctrl_c_at_any_moment_of_a_real_run_is_exit_130_and_one_line(tmp_path):
    env = {**os.environ, "POLADDER_CACHE_DIR": str(tmp_path / "cache"), "POLADDER_HOME": str(tmp_path)}
    cmd = [sys.executable, "-m", "poladder", "path", "junior-po", "cpo", "--json"]
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # the cache, as for a user
    python = started(env)
    outcomes = []
    # From the end of Python's start-up on: while typer and pydantic import, while typer parses,
    # while the command works, and after it is done.
    for delay in (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.25, 0.4):
        for _ in range(5):
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            time.sleep(python + delay)
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
            # On a loaded machine Python's own start-up can outlast the estimate: a traceback with no
            # frame of poladder's came before poladder's code ran, which is Python's; try again.
            if not (b"Traceback" in err and b"/poladder/" not in err):
                break
        else:
            continue
        assert b"Traceback" not in err, (delay, err.decode())
        if proc.returncode == 130:
            assert err.decode() == INTERRUPTED, delay
            # Interrupted before the answer, or (a loaded machine) after it was written whole.
            assert out == b"" or json.loads(out)["route"][-1] == "cpo", (delay, out)
        else:
            assert proc.returncode == 0, (delay, proc.returncode, err.decode())
            assert json.loads(out)["route"][-1] == "cpo"
        outcomes.append(proc.returncode)
    assert 130 in outcomes


def test_a_second_ctrl_c_while_stopping_changes_nothing(tmp_path):
    env = {**os.environ, "POLADDER_CACHE_DIR": str(tmp_path / "cache"), "POLADDER_HOME": str(tmp_path)}
    people = tmp_path / "team.jsonl"
    people.write_text('{"role": "po"}\n' * 200_000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "poladder", "team", str(people), "--jsonl"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout and proc.stderr
    proc.stdout.readline()  # it is assessing
    for _ in range(5):
        proc.send_signal(signal.SIGINT)
    out = proc.stdout.read()
    assert proc.wait(timeout=60) == 130
    assert proc.stderr.read().decode() == INTERRUPTED
    assert out == b"" or out.endswith(b"\n")  # whole lines only
