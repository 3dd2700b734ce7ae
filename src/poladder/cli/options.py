"""What every command shares: its options, declared once, and the steps each one repeats — load the
ladder, read a profile, open the history, pick the output format, write a document.

Domain modules are imported inside these helpers and the commands, so `poladder --help` imports no more
than typer; annotations are real (no postponed strings), since typer reads them when it builds a command.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from poladder.errors import PoladderError

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime

    from poladder.load.ladder import Loaded
    from poladder.model.profile import Profile
    from poladder.store.history import Store


class UsageError(PoladderError):
    """Options that contradict each other or say nothing poladder can use: exit 2, one line."""


def bounded(option: str, what: str, limit: int) -> "Callable[[str | None], str | None]":
    """A typer callback that refuses a value of more than `limit` characters: what is typed is saved in
    the history, printed and echoed in errors, so a pasted megabyte would be too."""

    def check(value: str | None) -> str | None:
        if value is not None and len(value) > limit:
            raise UsageError(
                f"{option} is {len(value):,} characters long: "
                f"shorten the {what} to at most {limit:,} characters"
            )
        return value

    return check


def name_option(option: str) -> "Callable[[str | None], str | None]":
    from poladder.model.people import MAX_NAME

    return bounded(option, "name", MAX_NAME)


# metavar="": a flag takes no value, and typer would otherwise print <bool> as if it did.
JsonOption = Annotated[
    bool, typer.Option("--json", metavar="", help="Print JSON for scripts (stdout only, no colour).")
]
KbOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time, on Python 3.10 too
    typer.Option(
        "--kb",
        envvar="POLADDER_KB",
        metavar="FILE",
        help="Knowledge base to use (default: the bundled ladder; env POLADDER_KB).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write here (atomically) instead of stdout.",
        show_default=False,
    ),
]
TargetOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--target",
        "-t",
        metavar="ROLE",
        help="Target role (default: the profile's, or the next promotion).",
        show_default=False,
    ),
]
ProfileOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--profile",
        "-p",
        metavar="FILE",
        help="Your profile (YAML or JSON; - reads stdin).",
        show_default=False,
    ),
]
PersonOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--person",
        metavar="NAME",
        help="Whose: a profile's name (or its file's name), any case; `you` for your own interview answers.",
        show_default=False,
        callback=name_option("--person"),
    ),
]

ViewOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--view",
        metavar="NAME",
        help="Whose levels: self (the default: the person's own), or a rater's name (manager...): "
        "that rater's latest view (`assess --rater`) where they rated, the person's own elsewhere.",
        show_default=False,
        callback=name_option("--view"),
    ),
]


def now() -> "datetime":
    """The moment a command runs, in UTC: every date and time a command uses comes from here."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def today() -> "date":
    """Today, where the user is."""
    return now().astimezone().date()


def load(kb: Path | None) -> "Loaded":
    import gc

    import poladder

    loaded = poladder.load_ladder(kb)
    # The ladder lives as long as the command and never changes: the garbage collector need not walk
    # it again each time the work makes objects.
    gc.freeze()
    return loaded


def read_profile(source: str, loaded: "Loaded") -> "Profile":
    import poladder

    return poladder.read_profile(source, loaded)


def store() -> "Store":
    """The history database, where `poladder.load.paths` says."""
    import poladder

    return poladder.open_history()


def write(text: str, output: Path | None, inputs: "tuple[Path | str | None, ...]" = ()) -> None:
    """A document to stdout (also for `-o -` and `-o /dev/stdout`), to stderr (`-o /dev/stderr`, never
    truncated), or atomically to a file, saying so on stderr where messages go. A file that is one of
    the command's `inputs`, or the history, is refused before anything is written."""
    from poladder.load.files import is_stderr, is_stdout, write_atomically
    from poladder.render import document, message

    if output is None or is_stdout(output) or is_stderr(output):
        document(text, stderr=output is not None and is_stderr(output))
        return
    write_atomically(output, text, inputs=[*(i for i in inputs if i and i != "-"), store().path])
    message(f"poladder: wrote {output}")


# What the suffix of -o FILE says the file holds, when no --format says it.
SUFFIX_FORMATS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".mmd": "mermaid",
    ".dot": "dot",
    ".gv": "dot",
}


def output_format(
    fmt: str | None, as_json: bool, output: Path | None, documents: tuple[str, ...], default: str
) -> str:
    """The one rule of every command that writes a document: --json is --format json, and with another
    --format a usage error; a --format given wins; else the suffix of -o FILE picks one of `documents`
    (the formats a file can hold) or is a usage error; else `default`."""
    from poladder.core.wording import listed
    from poladder.load.files import is_stderr, is_stdout

    choices = listed(list(documents), "or")
    if as_json:
        if fmt not in (None, "json"):
            raise UsageError(f"--json and --format {fmt} each choose the output: give one of them")
        fmt = "json"
    to_file = output is not None and not is_stdout(output) and not is_stderr(output)
    if fmt is None and output is not None and to_file:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower())
        if fmt not in documents:
            suffixes = ", ".join(s for s, f in SUFFIX_FORMATS.items() if f in documents)
            raise UsageError(
                f"cannot tell the format of {output.name} from its suffix — add --format "
                f"{choices}, or end the name in {suffixes}"
            )
    fmt = fmt or default
    if to_file and fmt not in documents:
        raise UsageError(f"--format {fmt} is for the terminal — a file takes {choices}")
    return fmt


def day(option: str, text: str | None) -> "date | None":
    """A date option's value (YYYY-MM-DD), or a usage error that says what a date looks like."""
    if text is None:
        return None
    from datetime import datetime

    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a date like 2026-12-01") from None
