"""Route bombs: what `path` costs on the ladders that made it explode (issue 10).

    .venv/bin/python benchmarks/routes.py [--runs N] [--chain 20000] [--grid 60] [--src DIR]

(--src runs the poladder in another checkout's src/ folder, e.g. an older commit's, for a before/after;
by default this checkout's, installed or not.)

- chain and hub: a chain of 20,000 roles into a hub with 20,000 moves out (40,001 roles, 2.4 MB of
  YAML). Copying the route into every queued move made `path` take over 30 s and 3 GB; it should
  cost little more than `roles` on the same file, since both read the same knowledge base.
- grid: 60 x 60 roles, each with a move right and a move down; 50 alternatives from one corner to
  the other (Yen's algorithm) took 35 s. Twice: every move 1 year (every route ties), and years
  drawn from 1, 1.5, 2 and 3.

Each figure is the median wall-clock time and the peak resident memory of N fresh processes after
one warm-up run (which fills the knowledge-base cache). The machine is shared: expect noise.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POLADDER = [sys.executable, "-m", "poladder"]


def chain_and_hub(length: int) -> str:
    lines = ["name: chain and hub", "skills: {}", "roles:"]
    for i in range(length):
        after = f"c{i + 1}" if i + 1 < length else "hub"
        lines.append(f"  c{i}: {{name: C{i}, rank: 1, next: {{{after}: {{years: 1}}}}}}")
    lines += ["  hub:", "    name: Hub", "    rank: 2", "    next:"]
    lines += [f"      t{j}: {{years: 1}}" for j in range(length)]
    lines += [f"  t{j}: {{name: T{j}, rank: 3}}" for j in range(length)]
    return "\n".join(lines) + "\n"


def grid(size: int, years: list[float], seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = [f"name: {size}x{size} grid", "skills: {}", "roles:"]
    for r in range(size):
        for c in range(size):
            moves = [
                f"g-{r + dr}-{c + dc}: {{years: {rng.choice(years)}}}"
                for dr, dc in ((0, 1), (1, 0))
                if r + dr < size and c + dc < size
            ]
            lines.append(f"  g-{r}-{c}: {{name: Grid {r} {c}, rank: {r + c}, next: {{{', '.join(moves)}}}}}")
    return "\n".join(lines) + "\n"


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one run of poladder."""
    start = time.perf_counter()
    child = subprocess.Popen([*POLADDER, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"poladder {' '.join(args)} failed: {child.stderr.read().decode() if child.stderr else ''}"
        )
    return wall, usage.ru_maxrss / 1024  # kilobytes on Linux


def report(label: str, args: list[str], env: dict[str, str], runs: int) -> None:
    measure(args, env)  # warm-up: fills the cache
    results = [measure(args, env) for _ in range(runs)]
    wall = statistics.median(w for w, _ in results)
    peak = max(m for _, m in results)
    print(f"  {label:<44} {wall:7.2f} s  {peak:7.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--chain", type=int, default=20_000, help="roles in the chain, and moves out of the hub"
    )
    parser.add_argument("--grid", type=int, default=60, help="roles on each side of the grid")
    parser.add_argument(
        "--src",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "src",
        help="run the poladder package found in this folder (default: this checkout's src/)",
    )
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "POLADDER_CACHE_DIR": str(folder / "cache"),
            "POLADDER_HOME": str(folder / "home"),
        }
        if options.src:
            env["PYTHONPATH"] = str(options.src.resolve())
        chain = folder / "chain.yaml"
        chain.write_text(chain_and_hub(options.chain), encoding="utf-8")
        n = options.chain
        size = chain.stat().st_size / 1e6
        print(f"chain of {n:,} roles into a hub of {n:,} moves ({2 * n + 1:,} roles, {size:.1f} MB):")
        report("roles --json", ["roles", "--kb", str(chain), "--json"], env, options.runs)
        report("roles (the table, to a file)", ["roles", "--kb", str(chain)], env, options.runs)
        report(
            f"path c0 t{n - 1} (the table, to a file)",
            ["path", "c0", f"t{n - 1}", "--kb", str(chain)],
            env,
            options.runs,
        )
        report(
            f"path c0 t{n - 1} --json",
            ["path", "c0", f"t{n - 1}", "--kb", str(chain), "--json"],
            env,
            options.runs,
        )
        report(
            f"path c0 t{n - 1} -a 50 --json",
            ["path", "c0", f"t{n - 1}", "-a", "50", "--kb", str(chain), "--json"],
            env,
            options.runs,
        )

        side = options.grid
        corner = f"g-{side - 1}-{side - 1}"
        for label, years in (("every move 1 year", [1.0]), ("years 1, 1.5, 2 or 3", [1.0, 1.5, 2.0, 3.0])):
            path = folder / f"grid-{len(years)}.yaml"
            path.write_text(grid(side, years), encoding="utf-8")
            print(f"{side}x{side} grid, {label}:")
            report("roles --json", ["roles", "--kb", str(path), "--json"], env, options.runs)
            report(
                f"path g-0-0 {corner} -a 50 --json",
                ["path", "g-0-0", corner, "-a", "50", "--kb", str(path), "--json"],
                env,
                options.runs,
            )


if __name__ == "__main__":
    main()
