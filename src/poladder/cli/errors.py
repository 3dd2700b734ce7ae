"""The words of the error boundary: every error poladder raises, as lines for stderr and an exit code.

The layers below raise errors as data (`poladder.errors`); only here do they meet the command line's
words — its flags, its commands, its exit codes. This module imports nothing heavy at its top, so
that `poladder.__main__` can take the Ctrl-C words from here before anything else is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from poladder.errors import PoladderError

INTERRUPTED = "poladder: interrupted — nothing was saved"
END_OF_INPUT = (
    "poladder: end of input before every question was answered — nothing was saved "
    "(--profile FILE runs without questions)"
)
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Where a person finds the names of each kind.
_LISTED_BY = {
    "role": "`poladder roles` lists them",
    "skill": "`poladder skills` lists them",
    "certification": "`poladder certs` lists them",
    "evidence": "`poladder evidence` lists the ids",
    "rater": "`poladder calibrate` shows each rater's view",
}


def lines(error: PoladderError, command: str | None = None) -> list[str]:
    """What to print for `error`, raised while running `command` (its name, as typed)."""
    from poladder import errors

    if isinstance(error, errors.DataError):
        from poladder.render import more_line, problem_line

        found = [problem_line(p) for p in error.problems]
        if error.more and error.problems:
            found.append(more_line(error.problems[-1].file, error.more))
        return found
    if isinstance(error, errors.UnknownName):
        if error.kind == "schema":
            from poladder.render.schemas import SCHEMAS

            return [f"poladder: error: no schema named {error.text!r} — choose one of: {', '.join(SCHEMAS)}"]
        listed = _LISTED_BY.get(error.kind)
        return [f"poladder: error: {error}" + (f" — {listed}" if listed else "")]
    if isinstance(error, errors.NoRoute):
        return [
            f"poladder: error: no route from {error.start} to {error.goal} in this ladder — "
            "`poladder roles` shows the moves out of each role"
        ]
    if isinstance(error, errors.NoTarget):
        return ["poladder: error: no target: give --target ROLE (your role has no move to aim for)"]
    if isinstance(error, errors.NoStart):
        return [
            "poladder: error: no starting point: give your current role in the profile, "
            "or --profile a fuller one"
        ]
    if isinstance(error, errors.NothingSaved):
        if command == "plan":
            return ["poladder: error: no profile — give --profile FILE or run `poladder assess` first"]
        whose = "of yours" if error.person is None else f"of {error.person!r}"
        people = f"people in history: {', '.join(error.people)}" if error.people else "the history is empty"
        return [
            f"poladder: error: no assessment {whose} saved yet — run `poladder assess` "
            f"(or give --person NAME; {people})"
        ]
    if isinstance(error, errors.OutOfCalendar):
        return [
            f"poladder: error: a date {error.months:+} months from {error.day} is past the calendar's end "
            "— start earlier (--start DATE)"
        ]
    return [f"poladder: error: {error}"]


def exit_code(error: PoladderError) -> int:
    """1 for data (a file, no route, nothing saved), 2 for what was given on the command line (a name,
    a date, options that contradict each other)."""
    from poladder import errors
    from poladder.cli.options import UsageError

    usage = (errors.UnknownName, errors.OutOfCalendar, UsageError)
    return EXIT_USAGE if isinstance(error, usage) else EXIT_DATA
