"""The one family of errors poladder raises on purpose.

Every error a user can cause derives from `PoladderError`, which knows its exit code; the CLI catches
that base class once and prints each line of the message to stderr. Anything else is a bug and stays loud.
"""

from __future__ import annotations


class PoladderError(Exception):
    """A problem with the user's input or data: printed as one line per problem, never a traceback."""

    exit_code = 1
    # Lines that already start with the file they are about (`file:line:col: ...`) need no prefix.
    prefix = "poladder: error: "

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


class DataError(PoladderError):
    """A knowledge base or profile that cannot be read or does not validate."""

    prefix = ""


class NoRouteError(PoladderError):
    """The ladder has no way from one role to another."""


class StoreError(PoladderError):
    """The history database cannot be used (corrupt, foreign, locked)."""

    prefix = ""


class UsageError(PoladderError):
    """A command-line argument that names nothing poladder knows (exit 2, like a click usage error)."""

    exit_code = 2


class Interrupted(PoladderError):
    """Ctrl-C or end of input during questions: nothing was saved."""

    exit_code = 130


class Problem:
    """One thing wrong (or doubtful) in a file, located by its path of keys inside the document."""

    # A plain class, not a dataclass: this module is imported on every run and dataclasses cost 1 ms.
    __slots__ = ("at_key", "fix", "loc", "message")

    def __init__(self, loc: tuple[str | int, ...], message: str, fix: str = "", at_key: bool = False) -> None:
        self.loc = loc
        self.message = message
        self.fix = fix
        # True when the problem is about the key itself (unknown field, duplicate) rather than its value
        self.at_key = at_key
