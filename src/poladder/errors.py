"""What can go wrong, as data.

Every layer raises these with the facts — which file, line and column, which name, what was wrong and
how to put it right — and no command-line words: only the command line's error boundary
(`poladder.cli.errors`) turns them into lines on stderr and exit codes. Anything else is a bug and
stays loud.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal


# A plain dataclass, not a pydantic model: this module is imported on every run, `--help` included,
# which needs no pydantic at all. pydantic still writes it (validate --json) and describes it (schema).
@dataclass(frozen=True)
class FileProblem:
    """One thing wrong (or doubtful) in a file: where it is, what it is, and what to do about it.

    `file` as it was named (or <stdin>, or the JSON Lines file of a line); `line` and `column` 1-based,
    None when the whole file (or line) is meant; `where` the keys leading to the value, e.g.
    roles.po.next; `fix` what to do about it."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    severity: Literal["error", "warning"] = "error"
    where: str | None = None
    fix: str | None = None


class PoladderError(Exception):
    """A problem with the user's input, data or files: worded by the command line, never a traceback."""


class DataError(PoladderError):
    """A file (a ladder, a profile, the history, an output) that cannot be read, used or written."""

    def __init__(self, *problems: FileProblem, more: int = 0) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)
        self.more = more  # problems not given here: a file of thousands is reported by its first ones


class UnknownName(PoladderError):
    """A name that names nothing of its kind (a role, a skill, a certification, a schema, a person)."""

    def __init__(self, kind: str, text: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.text = text
        self.suggestions = list(suggestions)
        maybe = " or ".join(repr(s) for s in self.suggestions)
        # The same words in a file's problem and on the command line (which adds where to look).
        super().__init__(f"unknown {kind} {text!r}" + (f"; did you mean {maybe}?" if maybe else ""))


class NoRoute(PoladderError):
    """The ladder has no way from one role to another."""

    def __init__(self, start: str, goal: str) -> None:
        super().__init__(f"no route from {start} to {goal}")
        self.start = start
        self.goal = goal


class NoTarget(PoladderError):
    """Nothing to aim at: no target was given and the role has no move out of it."""


class NoStart(PoladderError):
    """No current role, and no role whose levels the person meets: nowhere for a route to start."""


class NothingSaved(PoladderError):
    """No saved assessment for the person asked about (None: the person at the keyboard)."""

    def __init__(self, person: str | None, people: Sequence[str]) -> None:
        super().__init__(f"no assessment of {person or 'yours'} saved")
        self.person = person
        self.people = list(people)


class OutOfCalendar(PoladderError):
    """A date that would fall outside the calendar (past the year 9999)."""

    def __init__(self, day: date, months: int) -> None:
        super().__init__(f"{months:+} months from {day} is past the calendar's end")
        self.day = day
        self.months = months
