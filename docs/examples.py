"""Run the README's examples and write what they print back into it, so the README never drifts.

    .venv/bin/python docs/examples.py           # rewrites README.md in place
    .venv/bin/python docs/examples.py --check   # exits 1 if running them would change README.md

Every ```console block is a session: a line starting with `$ ` is run by bash, in order, and its
output (stdout and stderr, as a person sees them in a 100-column terminal without colour) replaces
what followed it. Blocks share one scratch working directory and one poladder home, so a session can
build on an earlier one (an assessment, then `poladder history`). The working directory holds
`examples/`, `data/` and `docs/` (links to the repository's), so the sessions name files as a reader in
a checkout would, and `team.jsonl`, the team of 25 that `benchmarks/team.py --write 25 team.jsonl
--seed 3` generates, as the README says.

The clock is pinned, so that the README reads the same whenever it is made (CI runs `--check`): the
`poladder` the sessions run is a small launcher, first on PATH, that sets `poladder.cli.options.now`
(the one clock every command reads) to CLOCK before it starts the command line. Nothing in poladder
itself knows about it.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)
CLOCK = "2026-12-01T09:00:00+00:00"
LAUNCHER = """#!{python}
import datetime
import poladder.cli.options
moment = datetime.datetime.fromisoformat({clock!r})
poladder.cli.options.now = lambda: moment
from poladder.__main__ import main
main()
"""


def run(command: str, cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return "\n".join(line.rstrip() for line in proc.stdout.rstrip("\n").split("\n"))


def session(block: str, cwd: Path, env: dict[str, str]) -> str:
    lines: list[str] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            output = run(line[2:], cwd, env)
            lines += [line, *([output] if output else [])]
    return "\n".join(lines) + "\n"


def main() -> int:
    check = "--check" in sys.argv[1:]
    scratch = Path(tempfile.mkdtemp(prefix="poladder-examples-"))
    # As in a checkout: the sessions use examples/, data/ and docs/examples/ (a colleague's profile,
    # a broken ladder, bad JSON lines) by the paths a reader would type.
    for name in ("examples", "data", "docs"):
        (scratch / name).symlink_to(ROOT / name)
    bin_dir = Path(sys.executable).parent
    pinned = scratch / ".bin"
    pinned.mkdir()
    (pinned / "poladder").write_text(LAUNCHER.format(python=sys.executable, clock=CLOCK), encoding="utf-8")
    (pinned / "poladder").chmod(0o755)
    env = {
        "PATH": f"{pinned}{os.pathsep}{bin_dir}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "TZ": "UTC",
        "HOME": str(scratch),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "POLADDER_HOME": str(scratch / "home"),
        "POLADDER_CACHE_DIR": str(scratch / "cache"),
    }
    try:
        run(
            f"{sys.executable} {ROOT / 'benchmarks' / 'team.py'} --write 25 team.jsonl --seed 3", scratch, env
        )
        text = README.read_text()
        new = BLOCK.sub(lambda m: m.group(1) + session(m.group(2), scratch, env) + m.group(3), text)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if check:
        if new != text:
            diff = difflib.unified_diff(
                text.splitlines(), new.splitlines(), "README.md", "as run", n=1, lineterm=""
            )
            print("\n".join(list(diff)[:40]), file=sys.stderr)
            print("README.md is out of date: run .venv/bin/python docs/examples.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new)
    print("README.md: examples run and written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
