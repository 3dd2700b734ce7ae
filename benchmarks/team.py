"""Measure `poladder team` on generated teams: wall time and peak memory, 10,000 and 100,000 people,
for each output: --jsonl, --json, and the files -o team.csv, team.xlsx and team.html.

    .venv/bin/python benchmarks/team.py [--sizes 10000 100000]  # the figures in the README
    .venv/bin/python benchmarks/team.py --write 8 team.jsonl     # only write a team of 8 (no bad lines)

Profiles are made against the bundled ladder (data/roles.yaml), each near the levels of its role, with
a few deliberately bad lines (so the figures include reporting them; the exit code is then 1). Each run
is a fresh process; its peak RSS comes from os.wait4, which reports that one child's own peak —
RUSAGE_CHILDREN would report the largest child so far. Benchmarks measure; tests never assert on time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# Run from a checkout, measure the checkout: its src/ comes first, for this process and the ones it
# starts, whether or not (and whichever copy of) poladder is installed where this Python looks.
SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))

NAMES = ["Ana", "Ben", "Chloé", "Dev", "Emma", "Femi", "Goran", "Hana", "Ivo", "Jun", "Kemal", "Lena"]
BAD_LINES = [
    '{"name": "broken", "role": "po", "skills": {',  # cut off
    '{"name": "typo", "role": "po", "skills": {"backlog-managment": 3}}',
    '{"name": "too high", "role": "po", "skills": {"communication": 7}}',
    '{"name": "no such role", "role": "product-wizard"}',
]


def profiles(count: int, seed: int = 7) -> Iterator[str]:
    """`count` JSON lines, one person each, with BAD_LINES spread through them."""
    from poladder.load import ladder as source

    kb = source.load().kb
    rng = random.Random(seed)
    roles = [r for r in kb.roles if kb.roles[r].next]  # people at the very top need no team view
    weights = [1 / kb.roles[r].rank for r in roles]  # more juniors than heads, as in a real organisation
    certs = list(kb.certifications)
    bad_at = {(k + 1) * count // (len(BAD_LINES) + 1): bad for k, bad in enumerate(BAD_LINES)}
    for i in range(count):
        if i in bad_at:
            yield bad_at[i]
        role_id = rng.choices(roles, weights)[0]
        role = kb.roles[role_id]
        wanted = dict(role.skills)
        for target in role.next:  # some skills of the next roles too, so some people are ready
            for skill, need in kb.roles[target].skills.items():
                wanted[skill] = max(wanted.get(skill, 0), need - 1)
        skills = {s: max(0, min(5, need + rng.choice((-1, 0, 0, 1)))) for s, need in wanted.items()}
        if rng.random() < 0.2:  # about one in five has grown into one of the next roles
            for skill, need in kb.roles[rng.choice(list(role.next))].skills.items():
                skills[skill] = max(skills.get(skill, 0), need)
        name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i // len(NAMES) + 1}")
        person: dict[str, object] = {"name": name, "role": role_id, "years": rng.randint(0, 12)}
        if rng.random() < 0.3:
            person["target"] = rng.choice(list(role.next))
        person["skills"] = skills
        person["certifications"] = rng.sample(certs, rng.randint(0, 2))
        yield json.dumps(person, ensure_ascii=False)


def write(count: int, path: Path, bad: bool = True, seed: int = 7) -> None:
    """Stream the team to `path`, so that not even the generator holds it all."""
    with path.open("w", encoding="utf-8") as file:
        for line in profiles(count, seed):
            if bad or line not in BAD_LINES:
                file.write(line + "\n")


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one `python -m poladder team ...` process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "poladder", "team", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--write", nargs=2, metavar=("N", "FILE"), help="only write a team of N people")
    parser.add_argument("--bad", action="store_true", help="with --write: include the bad lines")
    parser.add_argument("--seed", type=int, default=7, help="with --write: another team")
    options = parser.parse_args()
    if options.write:
        write(int(options.write[0]), Path(options.write[1]), bad=options.bad, seed=options.seed)
        return

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "POLADDER_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("POLADDER_KB", None)
        subprocess.run([sys.executable, "-m", "poladder", "roles"], env=env, capture_output=True, check=True)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; each run a fresh process\n")
        print(f"{'people':>9}  {'input':>8}  {'output':<10} {'wall':>7} {'peak RSS':>9}  exit")
        for size in options.sizes:
            path = Path(tmp) / f"team-{size}.jsonl"
            # Written by another process: a child's peak RSS includes what its parent held when it
            # forked, so this one keeps nothing big.
            subprocess.run([sys.executable, __file__, "--write", str(size), str(path), "--bad"], check=True)
            megabytes = path.stat().st_size / 1e6
            # --jsonl, CSV and XLSX stream everyone; --json and HTML hold the report's first 1,000
            for mode in ("--jsonl", "--json", "team.csv", "team.xlsx", "team.html"):
                args = [mode] if mode.startswith("--") else ["-o", str(Path(tmp) / mode)]
                wall, rss, code = run([str(path), *args], env)
                print(f"{size:>9,}  {megabytes:>6.1f}MB  {mode:<10} {wall:>6.2f}s {rss:>7.0f}MB  {code:>4}")


if __name__ == "__main__":
    main()
