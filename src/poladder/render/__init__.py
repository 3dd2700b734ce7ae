"""One renderer for every result: exact JSON for scripts, or a rich view for people.

JSON comes from the result's own pydantic class (`model_dump_json`), so it always matches the schema
that `poladder schema` publishes for it. rich is imported only when a person is going to read the output.
"""

from __future__ import annotations

import sys
from typing import Any

from pydantic import BaseModel


def render(result: BaseModel, as_json: bool, context: Any = None, full: bool = False) -> None:
    """JSON, or the view for people; `full` asks for the view with everything (`--all`), where a
    result has one (JSON always has everything)."""
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2))
        sys.stdout.write("\n")
        return
    from poladder.render import views

    (views.show_full if full else views.show)(result, context)


def message(text: str) -> None:
    """A line for the person, never part of the result: stderr."""
    sys.stderr.write(text + "\n")
