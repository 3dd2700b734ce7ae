"""One renderer for every result: exact JSON for scripts, or a rich view for people.

JSON comes from the result's own pydantic class (`model_dump_json`), so it always matches the schema
that `poladder schema` publishes for it. rich is imported only when a person
is going to read the output.

Data is text. A name in a ladder, a profile or a file name may hold anything, and none of it may act
on the terminal or hide what the text says: C0 controls (ESC starts OSC 52 clipboard writes, OSC 8
links and screen clears; BEL, backspace and carriage return rewrite what is shown), DEL, C1 controls
(U+009B is a one-byte CSI), line and paragraph separators, the bidi marks, embeddings, overrides and
isolates (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069) that make text read differently from
what it holds, and the invisible ones that make `Alex\u200b` look like `Alex`: every character
Unicode says a font may draw as nothing (Default_Ignorable_Code_Point: the soft hyphen, zero-width
spaces and joiners, word joiner and invisible operators, variation selectors, Hangul fillers, the tag
characters and the rest), and the interlinear annotation marks U+FFF9-U+FFFB. Two ways, one set of
characters:

- a plain line (an error, a warning, a document) shows each as the escape Python's `repr` uses
  (`\\x1b`, `\\u202e`, `\\U000e0041`), so the reader sees that it is there and can find it in the file;
- a rich view (`poladder.render.console.SafeConsole`) removes them before rich lays the text out, so
  every column stays aligned, where a visible escape would push the borders out. Newlines stay: they
  are layout.

A file name may hold bytes that are not UTF-8; Python keeps each as a lone surrogate (U+DC80-U+DCFF),
which no output can encode. Both ways show such a byte as its escape (`\\xff`), and any other lone
surrogate as `\\udXXX`.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

from poladder.errors import FileProblem

# A regular-expression class body: every character above but the newline, which a plain line escapes too.
# The invisible ones are Unicode 15's Default_Ignorable_Code_Point (DerivedCoreProperties.txt).
UNSAFE_BUT_NEWLINE = (
    "\x00-\x09\x0b-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
# Half a character: in a file name, a byte that is not UTF-8.
SURROGATES = "\ud800-\udfff"
_UNSAFE_IN_LINE = re.compile(f"[\n{UNSAFE_BUT_NEWLINE}{SURROGATES}]")
_UNSAFE_IN_DOCUMENT = re.compile(f"[{UNSAFE_BUT_NEWLINE}{SURROGATES}]")


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape(char: str) -> str:
    """The escape that shows one character of the sets above (a byte of a file name as `\\xff`)."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # how Python keeps a byte that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return _SHORT.get(char) or f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape(match: re.Match[str]) -> str:
    return escape(match.group())


def signed_percent(fraction: float) -> str:
    """A change of readiness as a signed whole percentage, rounded towards zero (+11%, -4%, +0%)."""
    whole = math.floor(abs(fraction) * 100 + 1e-9)
    return f"{'-' if fraction < 0 and whole else '+'}{whole}%"


def printable(text: str) -> str:
    """`text` with every character that could act on a terminal written as its escape (see above)."""
    return _UNSAFE_IN_LINE.sub(_escape, text)


def document(text: str, stderr: bool = False) -> None:
    """A document (YAML, Markdown, Mermaid...) on stdout (or stderr): exact into a pipe or a file, and
    on a terminal with its lines kept but every other unsafe character made visible."""
    stream = sys.stderr if stderr else sys.stdout
    stream.write(_UNSAFE_IN_DOCUMENT.sub(_escape, text) if stream.isatty() else text)


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
    from poladder.core.case import Calibration
    from poladder.core.catalogue import CertificationList, RoleEntry, RoleList, SkillList, SkillPage
    from poladder.core.compare import CompareResult
    from poladder.core.graph import GraphResult
    from poladder.core.plan import Plan
    from poladder.core.routes import PathResult
    from poladder.core.team_report import TeamReport
    from poladder.core.validation import ValidationReport
    from poladder.model.case import EvidenceList
    from poladder.render import (
        assess_views,
        case_views,
        history_views,
        ladder_views,
        path_views,
        plan_views,
        team_views,
        views,
    )
    from poladder.store.case import SkillHistory
    from poladder.store.history import History

    return {
        (RoleList, ""): views.role_list,
        (RoleEntry, ""): views.role,
        (SkillList, ""): views.skill_list,
        (SkillPage, ""): views.skill_page,
        (CertificationList, ""): views.certification_list,
        (PathResult, ""): path_views.path,
        (PathResult, "full"): path_views.path_in_full,
        (GraphResult, ""): ladder_views.graph,
        (CompareResult, ""): ladder_views.comparison,
        (ValidationReport, ""): views.validation,
        (Assessment, ""): assess_views.assessment,
        (Assessment, "full"): assess_views.assessment_in_full,
        (History, ""): history_views.history,
        (Plan, ""): plan_views.plan,
        (Plan, "full"): plan_views.plan_in_full,
        (TeamReport, ""): team_views.team,
        (EvidenceList, ""): case_views.evidence,
        (Calibration, ""): case_views.calibration,
        (SkillHistory, ""): case_views.skill_history,
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


def more_line(file: str, count: int) -> str:
    """The line that closes a file's first problems: how many more there are."""
    errors = "error" if count == 1 else "errors"
    return f"{file}: and {count:,} more {errors}, not shown — fix the ones above, then check again"
