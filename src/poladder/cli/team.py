"""`poladder team`: a team of profiles assessed, for those who lead product people."""

import sys
from typing import Annotated, Optional

import typer

from poladder.cli import options


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
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl", metavar="", help="Stream each person's assessment as one JSON line, as it is made."
        ),
    ] = False,
    view: options.ViewOption = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """A team's skills matrix, its biggest gaps, who is ready to move, and the skills nobody holds.

    Levels are shown against each person's target; the gaps are summed per skill; "ready" means
    readiness 100% for a next role; uncovered skills are those a target needs above everyone's level.

    Levels are each profile's own, or with --view NAME that rater's latest view of the person where
    they gave one (`poladder assess --rater NAME`). Everyone is assessed as `poladder assess` would.
    A bad profile is reported on stderr (file or line, and why) and skipped, the rest still assessed,
    and the exit code is then 1.

    Example: poladder team profiles/ --json | jq '.gaps[:3]'
    """
    from poladder.cli.errors import lines as words
    from poladder.core.team import Team
    from poladder.errors import DataError
    from poladder.render import message, render

    def warn(error: DataError) -> None:
        for line in words(error):
            message(line)

    from poladder.render.stream import lines, tracked

    if json and jsonl:
        raise options.UsageError("--json and --jsonl each choose the output: give one of them")
    if not sources:
        if sys.stdin.isatty():
            raise options.UsageError(
                "give profile files, a directory or a .jsonl file, or pipe JSON Lines to stdin"
            )
        sources = ["-"]
    loaded = options.load(kb)
    group = Team(loaded.kb, warn=warn)
    said = None
    if view is not None and view.strip().lower() != "self":  # a rater's view, where they gave one
        from poladder.cli.rated import viewed_team

        group, said = viewed_team(loaded.kb, warn, view)
    # A bar on the terminal that also shows the streamed lines would tear them apart.
    members = tracked(group.assess(sources), group.position, enabled=not (jsonl and sys.stdout.isatty()))
    if jsonl:
        lines(members)
    else:
        render(group.report(members, loaded.stamp), json, loaded.kb)
    if said is not None:
        said()
    if group.skipped:
        from poladder.core.wording import plural

        message(f"poladder: {plural(group.skipped, 'profile')} skipped")
        raise typer.Exit(1)
