"""Measure poladder against its yardsticks, side by side in one run, and on a 10,000-role knowledge base.

    .venv/bin/python benchmarks/bench.py [--runs N] [--team-runs N] [--people N] [--no-team] [--big]

1. Cold `path junior-po cpo --json` and `--help` against a bare Typer app of the same shape: generated
   from poladder's cli/ by benchmarks/bare_app.py (every command and option, help texts included,
   each command printing `{}`), so it never falls behind a new command.
2. `team --jsonl` over N generated profiles (default 100,000) against a bare `json.loads` of each line
   of the same file (in a fresh process too); then peak memory at 10,000 and at N people, and how soon
   the first line comes out.
3. With --big: a generated ladder of 10,000 roles, first and later (cached) runs.
4. With --instructions (valgrind installed): the same contenders counted in instructions by
   callgrind, which do not move with the machine's load as wall-clock times do; for team, the cost
   of one more person (the difference between 1,000 and 3,000 people, divided by 2,000).

Every time is the median of fresh processes, the contenders interleaved so that the machine's noise
hits them alike; on a shared machine the figures move by several per cent between runs. Output goes
to /dev/null, except for the first-line latency (a pipe). Benchmarks measure; tests never assert on time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run from a checkout, measure the checkout: its src/ comes first, for this process and the ones it
# starts, whether or not (and whichever copy of) poladder is installed where this Python looks.
SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))

HERE = Path(__file__).resolve().parent
PY = sys.executable
POLADDER = [PY, "-m", "poladder"]
BARE = [PY, "-m", "bare_typer_app"]  # as a module, like poladder, so both start from cached bytecode


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def race(contenders: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for cmd in contenders.values():  # one warm-up each: the OS file cache, poladder's own cache
        timed(cmd, env)
    for _ in range(runs):
        for name, cmd in contenders.items():
            samples[name].append(timed(cmd, env))
    return {name: statistics.median(s) for name, s in samples.items()}


def peak(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one process (os.wait4 reports that child's own peak)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024  # KB on Linux


def first_line(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to reading its first line of output through a pipe."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.kill()
    proc.wait()
    return elapsed


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    """Instructions one process runs, counted by callgrind (the same for the same inputs)."""
    with tempfile.NamedTemporaryFile(suffix=".out") as out:
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}", *cmd],
            env={**env, "PYTHONHASHSEED": "0"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
    return int(proc.stderr.rsplit("Collected : ", 1)[1].split()[0])


def generate(path: Path, roles: int = 10_000, skills: int = 2_000) -> None:
    """A ladder of `roles` roles in ranks of 100, each promoting to three roles of the next rank."""
    lines = ["name: generated", 'version: "bench"', "skills:"]
    for s in range(skills):
        lines += [
            f"  skill-{s}:",
            f"    name: Skill number {s}",
            "    category: generated",
            f"    description: A generated skill, number {s}, described at some length so that the file "
            "is about the size of a large organisation's real ladder.",
            f"    levels: {{1: novice at {s}, 2: beginner at {s}, 3: competent at {s}, 4: proficient at {s}, "
            f"5: expert at {s}}}",
            f"    actions: [practise skill {s}, teach skill {s}]",
        ]
    lines.append("certifications:")
    for c in range(50):
        lines += [
            f"  cert-{c}:",
            f"    name: Certification {c}",
            "    provider: Generated",
            f"    builds: {{skill-{c}: 3}}",
        ]
    lines.append("roles:")
    per_rank = 100
    for r in range(roles):
        rank = r // per_rank
        req = ", ".join(f"skill-{(r * 7 + k) % skills}: {min(5, 1 + rank // 20 + k % 2)}" for k in range(8))
        lines += [
            f"  role-{r}:",
            f"    name: Role number {r}",
            f"    rank: {rank}",
            f"    aliases: [alias-{r}]",
            f"    summary: Generated role {r} at rank {rank} for the benchmark, with a summary as long as "
            "a real one, saying what the role is for and whom it serves.",
            "    responsibilities:",
            *[
                f"      - Responsibility {k} of role {r}, written out as a full sentence like a real one"
                for k in range(5)
            ],
            f"    certifications: [cert-{r % 50}]",
            f"    skills: {{{req}}}",
        ]
        nxt = [((rank + 1) * per_rank + (r + k * 37) % per_rank) for k in range(3)]
        nxt = [n for n in nxt if n < roles]
        if nxt:
            lines.append("    next:")
            lines += [f"      role-{n}: {{years: {1 + (r + n) % 4}, kind: promotion}}" for n in nxt]
    path.write_text("\n".join(lines) + "\n")


BARE_LOADS = """\
import json, sys
with open(sys.argv[1], "rb") as lines:
    for line in lines:
        try:
            json.loads(line)
        except ValueError:
            pass
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="runs of each start-up contender")
    parser.add_argument("--team-runs", type=int, default=5, help="runs of each team contender")
    parser.add_argument("--people", type=int, default=100_000, help="profiles in the team file")
    parser.add_argument("--no-team", action="store_true", help="only the start-up figures")
    parser.add_argument("--big", action="store_true", help="also the 10,000-role knowledge base")
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="poladder-bench-"))
    env = {**os.environ, "POLADDER_CACHE_DIR": str(work / "cache"), "POLADDER_HOME": str(work / "home")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(work), env.get("PYTHONPATH")]))
    env.pop("POLADDER_KB", None)
    env.pop("PYTHONUNBUFFERED", None)  # as in a user's shell
    sys.path.insert(0, str(HERE))
    from bare_app import cli_sources
    from bare_app import generate as generate_bare_app

    (work / "bare_typer_app.py").write_text(generate_bare_app(cli_sources()), encoding="utf-8")
    (work / "bare_loads.py").write_text(BARE_LOADS, encoding="utf-8")
    # As after `pip install`, which compiles every module: measure running code, not compiling it
    # (PYTHONDONTWRITEBYTECODE, set in some shells, would otherwise make every run compile poladder).
    import poladder

    for package in (Path(poladder.__file__).parent, work):
        subprocess.run([PY, "-m", "compileall", "-q", str(package)], check=True)
    try:
        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of fresh processes, "
            "interleaved (a shared machine moves these by several per cent)\n"
        )
        base = race({"python -c pass": [PY, "-c", "pass"]}, args.runs, env)["python -c pass"]
        print(f"{'python -c pass':36} {base * 1000:8.0f} ms\n")
        print(f"{'':36} {'bare':>11} {'poladder':>11} {'ratio':>7}")
        for label, ours, bare in [
            (
                "path junior-po cpo --json",
                ["path", "junior-po", "cpo", "--json"],
                ["path", "a", "b", "--json"],
            ),
            ("--help", ["--help"], ["--help"]),
        ]:
            times = race({"bare": BARE + bare, "poladder": POLADDER + ours}, args.runs, env)
            print(
                f"{label + f' ({args.runs} runs)':36} {times['bare'] * 1000:8.0f} ms "
                f"{times['poladder'] * 1000:8.0f} ms {times['poladder'] / times['bare']:7.2f}"
            )
        if args.instructions:
            print(f"\n{'instructions (callgrind)':36} {'bare':>11} {'poladder':>11} {'ratio':>7}")
            for label, ours, bare in [
                (
                    "path junior-po cpo --json",
                    ["path", "junior-po", "cpo", "--json"],
                    ["path", "a", "b", "--json"],
                ),
                ("--help", ["--help"], ["--help"]),
            ]:
                mine, theirs = instructions(POLADDER + ours, env), instructions(BARE + bare, env)
                print(f"{label:36} {theirs / 1e6:9.1f} M {mine / 1e6:9.1f} M {mine / theirs:7.3f}")
        if not args.no_team:
            team = work / "team.jsonl"
            small = work / "team-10000.jsonl"
            from team import write as write_team

            write_team(args.people, team)
            write_team(min(10_000, args.people), small)
            lines = [PY, str(work / "bare_loads.py"), str(team)]
            times = race(
                {"bare": lines, "poladder": [*POLADDER, "team", str(team), "--jsonl"]}, args.team_runs, env
            )
            print(
                f"{f'team --jsonl, {args.people:,} people ({args.team_runs} runs)':36} "
                f"{times['bare']:9.2f} s {times['poladder']:9.2f} s {times['poladder'] / times['bare']:7.2f}"
            )
            print(f"  (bare: json.loads of each line of the same {team.stat().st_size / 1e6:.0f} MB file)\n")
            for path in (small, team):
                people = sum(1 for _ in path.open("rb"))
                wall, rss = peak([*POLADDER, "team", str(path), "--jsonl"], env)
                print(f"team --jsonl, {people:>7,} people: {wall:6.2f} s, peak RSS {rss:4.0f} MB")
            latency = statistics.median(
                first_line([*POLADDER, "team", str(team), "--jsonl"], env) for _ in range(args.team_runs)
            )
            print(f"first line of --jsonl through a pipe: {latency:.2f} s after the start")
            if args.instructions:
                few, more = work / "team-1000.jsonl", work / "team-3000.jsonl"
                write_team(1_000, few, bad=False)
                write_team(3_000, more, bad=False)
                costs = {}
                for name, cmd in (
                    ("bare", lambda path: [PY, str(work / "bare_loads.py"), str(path)]),
                    ("poladder", lambda path: [*POLADDER, "team", str(path), "--jsonl"]),
                ):
                    costs[name] = (instructions(cmd(more), env) - instructions(cmd(few), env)) / 2_000
                print(
                    f"{'team --jsonl, one more person':36} {costs['bare'] / 1e3:9.1f} k "
                    f"{costs['poladder'] / 1e3:9.1f} k {costs['poladder'] / costs['bare']:7.2f}"
                )

        if args.big:
            big = work / "big.yaml"
            generate(big)
            print(
                f"\ngenerated knowledge base: {big.stat().st_size / 1e6:.1f} MB, 10,000 roles, 2,000 skills"
            )
            cmd = [*POLADDER, "path", "role-0", "role-9999", "--kb", str(big), "--json"]
            shutil.rmtree(work / "cache", ignore_errors=True)
            print(f"{'first run (parse + validate + cache)':44} {timed(cmd, env):7.2f} s")
            warm = [timed(cmd, env) for _ in range(max(3, args.runs // 3))]
            print(f"{'later runs, file unchanged (median)':44} {statistics.median(warm):7.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
