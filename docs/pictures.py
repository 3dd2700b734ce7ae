"""Make the pictures in the README: each view, rendered by rich and exported as SVG.

    python docs/pictures.py        # writes docs/img/*.svg

Runs the real commands in-process against the bundled ladder and examples/profile.yaml, with a
recording console, so the pictures are what a person sees in a 100-column terminal.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PICTURES = {
    "path": ["path", "po", "lead-po"],
    "assess": ["assess", "--profile", "examples/profile.yaml", "--no-save"],
    "plan": ["plan", "--profile", "examples/profile.yaml", "--start", "2026-12-01"],
    "graph": ["graph", "--route", "junior-po", "cpo"],
    "compare": ["compare", "po", "scrum-master"],
}


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="poladder-pictures-"))
    os.environ.update(
        COLUMNS="100",
        FORCE_COLOR="1",
        POLADDER_CACHE_DIR=str(scratch / "cache"),
        POLADDER_HOME=str(scratch / "home"),
    )
    os.environ.pop("NO_COLOR", None)
    os.chdir(ROOT)
    from typer.testing import CliRunner

    from poladder.cli import app
    from poladder.render import views

    views.out.record = True
    (ROOT / "docs" / "img").mkdir(exist_ok=True)
    extra = sys.argv[1:]
    for name, args in PICTURES.items():
        if extra and name not in extra:
            continue
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        svg = views.out.export_svg(title="poladder " + " ".join(args))  # clears the record
        (ROOT / "docs" / "img" / f"{name}.svg").write_text(svg)
        print(f"docs/img/{name}.svg")


if __name__ == "__main__":
    main()
