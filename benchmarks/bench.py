"""Measure poladder against a bare Typer app, and on a generated 10,000-role knowledge base.

    .venv/bin/python benchmarks/bench.py [--runs N] [--big]

Every figure is the median wall-clock time of N fresh processes, the contenders interleaved so that
machine noise hits them alike. Benchmarks measure; tests never assert on time.
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
BARE = [PY, "-m", "bare_app"]  # as a module, like poladder, so both start from cached bytecode


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def race(contenders: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for cmd in contenders.values():  # one warm-up each: the OS file cache, poladder's own cache
        timed(cmd, env)
    for _ in range(runs):
        for name, cmd in contenders.items():
            samples[name].append(timed(cmd, env))
    return {name: statistics.median(s) for name, s in samples.items()}


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--big", action="store_true", help="also the 10,000-role knowledge base")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="poladder-bench-"))
    env = {**os.environ, "POLADDER_CACHE_DIR": str(work / "cache"), "POLADDER_HOME": str(work / "home")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    # As after `pip install`, which compiles every module: measure running code, not compiling it
    # (PYTHONDONTWRITEBYTECODE, set in some shells, would otherwise make every run compile poladder).
    import poladder

    for package in (Path(poladder.__file__).parent, HERE):
        subprocess.run([PY, "-m", "compileall", "-q", str(package)], check=True)
    env.pop("POLADDER_KB", None)
    try:
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {args.runs} runs\n")
        base = race({"python -c pass": [PY, "-c", "pass"]}, args.runs, env)["python -c pass"]
        print(f"{'python -c pass':44} {base * 1000:7.0f} ms")
        for label, ours, bare in [
            (
                "path junior-po cpo --json",
                ["path", "junior-po", "cpo", "--json"],
                ["path", "a", "b", "--json"],
            ),
            ("--help", ["--help"], ["--help"]),
        ]:
            times = race({"bare": BARE + bare, "poladder": POLADDER + ours}, args.runs, env)
            ratio = times["poladder"] / times["bare"]
            print(f"{'bare Typer app ' + label:44} {times['bare'] * 1000:7.0f} ms")
            print(f"{'poladder ' + label:44} {times['poladder'] * 1000:7.0f} ms   ratio {ratio:.2f}")
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
