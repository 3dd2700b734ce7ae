"""`poladder team`: a team of profiles assessed, for those who lead product people."""

import sys
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from poladder.cli import options

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from poladder.core.team import Team, TeamMember
    from poladder.load.ladder import Loaded

# What a file can hold, and which of them are written as the people stream by (the rest come from the
# report, made once everyone has been read: bounded by its `limit`, like --json).
DOCUMENTS = ("json", "jsonl", "csv", "xlsx", "markdown", "html")
STREAMED = ("jsonl", "csv", "xlsx")


def team(
    sources: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="SOURCE",
            help="Profile files (YAML or JSON), directories of them, .jsonl files (a profile a line), "
            "or - for JSON Lines on stdin (default: stdin, when it is not a terminal).",
            show_default=False,
        ),
    ] = None,
    bench: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--bench",
            metavar="ROLE",
            help="Assess everyone below ROLE against it: who could step up, how soon, what they lack.",
            show_default=False,
        ),
    ] = None,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl", metavar="", help="Stream each person's assessment as one JSON line, as it is made."
        ),
    ] = False,
    output_format: Annotated[
        Optional[Literal["rich", "json", "jsonl", "csv", "xlsx", "markdown", "html"]],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="rich for the terminal (the default), json, jsonl, csv (a row per person and skill), "
            "xlsx (a heatmap and a sheet per view), markdown or html. With -o FILE and no --format, "
            "the suffix decides: .json, .jsonl, .csv, .xlsx, .md, .html.",
            show_default=False,
        ),
    ] = None,
    output: options.OutputOption = None,
    view: options.ViewOption = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Who is ready, who could step up, where the gaps are and what training to buy, for a team.

    Everyone is assessed as `poladder assess` would: readiness and gaps against the target, gaps
    against the role they have now, and the verdict on the next step (ready, close: within a year,
    or not yet, with the years left). The view groups who is ready now and within a year, names each
    role's strongest successor and the skills only one person holds, sums the gaps, and lists the
    certifications that close the most of them — of those `poladder assess` suggests to each person
    for their role or next step, one of each set of alternatives — with who can take each now and
    what a seat costs where the ladder says. --bench ROLE lists everyone below ROLE by
    how near they are to it.

    Levels are each profile's own, or with --view NAME that rater's latest view of the person where
    they gave one (`poladder assess --rater NAME`). The same person in two sources (same name) is
    assessed once; the second is named on stderr. A bad profile is reported on stderr (file or line,
    and why) and skipped, the rest still assessed, and the exit code is then 1.

    jsonl, csv and xlsx are written as the people are read, in constant memory, for a team of any
    size; json, markdown, html and the view hold the first 1,000 people and sum up everyone.

    Example: poladder team profiles/ --bench lead-po -o team.xlsx
    """
    if jsonl:
        if json or output_format not in (None, "jsonl"):
            given = "--json" if json else f"--format {output_format}"
            raise options.UsageError(f"--jsonl and {given} each choose the output: give one of them")
        output_format = "jsonl"
    fmt = options.output_format(output_format, json, output, DOCUMENTS, "rich")
    to_file = output is not None and not _is_stdout_or_stderr(output)
    if fmt == "xlsx" and not to_file:
        raise options.UsageError("an XLSX workbook goes to a file: add -o team.xlsx")
    if not sources:
        if sys.stdin.isatty():
            raise options.UsageError(
                "give profile files, a directory or a .jsonl file, or pipe JSON Lines to stdin"
            )
        sources = ["-"]
    loaded = options.load(kb)
    group, said = _team(loaded, bench, view)
    from poladder.render.stream import tracked

    # A bar on the terminal that also shows the streamed lines would tear them apart.
    shown = fmt in STREAMED and not to_file and sys.stdout.isatty()
    members = tracked(group.assess(sources), group.position, enabled=not shown)
    if fmt in STREAMED:
        _stream(fmt, members, group, loaded, output, [*sources] if to_file else [])
    else:
        _summed_up(fmt, members, group, loaded, output, sources)
    if said is not None:
        said()
    if group.skipped:
        from poladder.core.wording import plural
        from poladder.render import message

        message(f"poladder: {plural(group.skipped, 'profile')} skipped")
        raise typer.Exit(1)


def _is_stdout_or_stderr(output: "Path") -> bool:
    from poladder.load.files import is_stderr, is_stdout

    return is_stdout(output) or is_stderr(output)


def _team(loaded: "Loaded", bench: str | None, view: str | None) -> "tuple[Team, Callable[[], None] | None]":
    """The team's assessor, with `bench` (a role) and `view` (a rater's levels), and what to say once
    it is done."""
    from poladder.cli.errors import lines
    from poladder.core.team import Team
    from poladder.errors import DataError
    from poladder.render import message

    def warn(error: DataError) -> None:
        for line in lines(error):
            message(line)

    role = loaded.kb.role_id(bench) if bench is not None else None
    if view is not None and view.strip().lower() != "self":  # a rater's view, where they gave one
        from poladder.cli.rated import viewed_team

        group, said = viewed_team(loaded.kb, warn, view)
        group.bench = role
        return group, said
    return Team(loaded.kb, warn=warn, bench=role), None


def _stream(
    fmt: str,
    members: "Iterator[TeamMember]",
    group: "Team",
    loaded: "Loaded",
    output: "Path | None",
    inputs: list[str],
) -> None:
    """jsonl, csv or xlsx, written person by person: to stdout (or stderr), or atomically to `output`
    (never one of the `inputs`, nor the history)."""
    from poladder.load.files import is_stderr
    from poladder.render import document, team_csv

    if output is None or _is_stdout_or_stderr(output):
        to_stderr = output is not None and is_stderr(output)
        if fmt == "jsonl" and not to_stderr:
            from poladder.render.stream import lines

            lines(members)
        elif fmt == "jsonl":
            for member in members:
                document(member.model_dump_json() + "\n", stderr=True)
        else:
            team_csv.write_csv(members, loaded.kb, lambda text: document(text, stderr=to_stderr))
        return
    from poladder.load.files import writing_atomically
    from poladder.render import message

    protected: list[Path | str] = [*(i for i in inputs if i != "-"), str(options.store().path)]
    with writing_atomically(output, inputs=protected) as (file, _):
        if fmt == "jsonl":
            for member in members:
                file.write(member.model_dump_json().encode() + b"\n")
        elif fmt == "csv":
            team_csv.write_csv(members, loaded.kb, lambda text: file.write(text.encode()))
        else:
            from poladder.render.team_xlsx import Workbook

            book = Workbook(file, loaded.kb, group.bench)
            book.finish(group.report(book.people(members), loaded.stamp))
    message(f"poladder: wrote {output}")


def _summed_up(
    fmt: str,
    members: "Iterator[TeamMember]",
    group: "Team",
    loaded: "Loaded",
    output: "Path | None",
    inputs: list[str],
) -> None:
    """The view, or json, markdown or html of the report."""
    result = group.report(members, loaded.stamp)
    if fmt == "rich":
        from poladder.render import render

        render(result, False, loaded.kb)
        return
    from poladder.render import team_formats

    if fmt == "json":
        text = result.model_dump_json(indent=2) + "\n"
    elif fmt == "markdown":
        text = team_formats.markdown(result, loaded.kb)
    else:
        text = team_formats.html(result, loaded.kb)
    options.write(text, output, tuple(inputs))
