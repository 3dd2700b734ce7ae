"""One renderer for every result: exact JSON for scripts, or a rich view for people.

JSON comes from the result's own pydantic class (`model_dump_json`), so it always matches the schema
that `poladder schema` publishes for it. rich is imported only when a person
is going to read the output.

Data is text. A name in a ladder, a profile or a file name may hold anything, and none of it may act
on the terminal: C0 controls (ESC starts OSC 52 clipboard writes, OSC 8 links and screen clears; BEL,
backspace and carriage return rewrite what is shown), DEL, C1 controls (U+009B is a one-byte CSI),
line and paragraph separators, and the bidi embedding, override and isolate controls (U+202A-U+202E,
U+2066-U+2069) that make text read differently from what it holds. Two ways, one set of characters:

- a plain line (an error, a warning, a document) shows each as the escape Python's `repr` uses
  (`\\x1b`, `\\u202e`), so the reader sees that it is there and can find it in the file;
- a rich view (`poladder.render.console.SafeConsole`) removes them. rich lays each of them out in
  zero cells, so removing them after layout keeps every column aligned, where a visible escape
  would push the borders out. Newlines stay: they are layout.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from poladder.errors import FileProblem

# A regular-expression class body: every character above but the newline, which a plain line escapes too.
UNSAFE_BUT_NEWLINE = "\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_IN_LINE = re.compile(f"[\n{UNSAFE_BUT_NEWLINE}]")
_UNSAFE_IN_DOCUMENT = re.compile(f"[{UNSAFE_BUT_NEWLINE}]")


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """`text` with every character that could act on a terminal written as its escape (see above)."""
    return _UNSAFE_IN_LINE.sub(_escape, text)


def document(text: str) -> None:
    """A document (YAML, Markdown, Mermaid...) on stdout: exact into a pipe or a file, and on a
    terminal with its lines kept but every other unsafe character made visible."""
    sys.stdout.write(_UNSAFE_IN_DOCUMENT.sub(_escape, text) if sys.stdout.isatty() else text)


def render(result: BaseModel, as_json: bool, context: Any = None, full: bool = False) -> None:
    """JSON, or the view for people; `full` asks for the view with everything (`--all`), where a
    result has one (JSON always has everything)."""
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    views = _views()
    view = (full and views.get((type(result), "full"))) or views[type(result), ""]
    view(result, context)


def _views() -> dict[tuple[type, str], Callable[[Any, Any], None]]:
    """The one table from a result to its view for people ("full": its --all view). rich and the views
    are imported here, when a person is going to read the output."""
    from poladder.core.assess import Assessment
    from poladder.core.catalogue import CertificationList, RoleEntry, RoleList, SkillList, SkillPage
    from poladder.core.compare import CompareResult
    from poladder.core.graph import GraphResult
    from poladder.core.plan import Plan
    from poladder.core.routes import PathResult
    from poladder.core.team_report import TeamReport
    from poladder.core.validation import ValidationReport
    from poladder.render import assess_views, ladder_views, plan_views, team_views, views
    from poladder.store.history import History

    return {
        (RoleList, ""): views.role_list,
        (RoleEntry, ""): views.role,
        (SkillList, ""): views.skill_list,
        (SkillPage, ""): views.skill_page,
        (CertificationList, ""): views.certification_list,
        (PathResult, ""): views.path,
        (GraphResult, ""): ladder_views.graph,
        (CompareResult, ""): ladder_views.comparison,
        (ValidationReport, ""): views.validation,
        (Assessment, ""): assess_views.assessment,
        (Assessment, "full"): assess_views.assessment_in_full,
        (History, ""): views.history,
        (Plan, ""): plan_views.plan,
        (TeamReport, ""): team_views.team,
    }


def message(text: str) -> None:
    """A line for the person, never part of the result: stderr, with control characters made visible."""
    sys.stderr.write(printable(text) + "\n")


def problem_line(problem: FileProblem) -> str:
    """`file:line:col: error: where: what — fix`, as compilers and linters write them (`file: what —
    fix` for a file as a whole)."""
    text = problem.file
    if problem.line is not None:  # a place in the file: say how bad, as compilers do
        text += f":{problem.line}" + (f":{problem.column}" if problem.column is not None else "")
        text += f": {problem.severity}"
    text += f": {problem.where}: {problem.message}" if problem.where else f": {problem.message}"
    return f"{text} — {problem.fix}" if problem.fix else text
