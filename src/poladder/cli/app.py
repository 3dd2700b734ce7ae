"""The Typer app: every command, in the order `--help` lists them, and the one error boundary."""

import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from poladder import __version__
from poladder.cli import case, errors, ladder, person, team
from poladder.errors import PoladderError


class Group(TyperGroup):
    """The error boundary: an error poladder raises becomes its lines on stderr and its exit code (see
    `poladder.cli.errors`); end of input and Ctrl-C end the run with 130 and one line. Anything else is
    a bug and stays loud."""

    said = False  # whether this run has already said why it ends early

    # ctx is typer's click Context.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PoladderError as e:
            _say(e, ctx.invoked_subcommand)
        except EOFError:
            sys.stderr.write(f"\n{errors.END_OF_INPUT}\n")
            self.said = True
            raise typer.Exit(errors.EXIT_INTERRUPTED) from None
        except Exception as e:
            _printable_usage_error(e)
            raise
        finally:
            # What the command read is no longer an input once it ends (tests run many in a process);
            # a command that loaded no file has nothing to forget, and nothing more to import.
            files = sys.modules.get("poladder.load.files")
            if files is not None:
                files.forget_reads()

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except PoladderError as e:  # --help is printed while parsing: to a full disk, for one
            _say(e, None)
        except Exception as e:
            _printable_usage_error(e)
            raise

    def main(self, *args: Any, **kwargs: Any) -> Any:
        self.said = False
        try:
            return super().main(*args, **kwargs)
        except SystemExit as e:
            # typer ends a Ctrl-C anywhere in parsing or a command with a quiet 130: say why, once.
            if e.code == errors.EXIT_INTERRUPTED and not self.said:
                sys.stderr.write(f"\n{errors.INTERRUPTED}\n")
            raise


def _say(error: "PoladderError", command: str | None) -> NoReturn:
    """The one way an error reaches the user: its lines on stderr, and its exit code."""
    from poladder.render import printable

    for line in errors.lines(error, command):
        sys.stderr.write(printable(line) + "\n")
    raise typer.Exit(errors.exit_code(error)) from None


def _printable_usage_error(error: Exception) -> None:
    """click's usage errors quote the argument they refuse, and typer prints them itself: make the
    quoted text printable first (duck-typed: typer keeps its own copy of click)."""
    message = getattr(error, "message", None)
    if isinstance(message, str) and callable(getattr(error, "format_message", None)):
        from poladder.render import printable

        error.message = printable(message)  # type: ignore[attr-defined]


app = typer.Typer(
    name="poladder",
    cls=Group,
    help="A career-path advisor for the Product Owner career ladder.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    # Paragraphs of help reflow to the terminal's width instead of keeping the docstring's line breaks.
    rich_markup_mode="markdown",
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"poladder {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, metavar="", help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """A career-path advisor for the Product Owner career ladder.

    Start with `poladder roles`, then `poladder path junior-po cpo`.
    """


for command in (
    ladder.roles,
    ladder.role,
    ladder.skills,
    ladder.skill,
    ladder.certs,
    ladder.path,
    ladder.graph,
    ladder.compare,
    ladder.validate,
    ladder.schema,
    person.assess,
    person.history,
    person.plan,
    case.log,
    case.calibrate,
    case.packet,
    case.forget,
    team.team,
):
    app.command()(command)

profile_app = typer.Typer(
    help="Your saved profile: the answers of your latest assessment.\n\n"
    "Example: poladder profile export -o me.yaml",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
profile_app.command("export")(person.profile_export)
app.add_typer(profile_app, name="profile")

evidence_app = typer.Typer(no_args_is_help=False, rich_markup_mode="markdown")
evidence_app.callback(invoke_without_command=True)(case.evidence)
evidence_app.command("edit")(case.evidence_edit)
evidence_app.command("remove")(case.evidence_remove)
app.add_typer(evidence_app, name="evidence")


def main() -> None:
    import os
    import signal

    # A reader that stops early (`poladder graph | head -1`) ends poladder the way it ends cat or grep:
    # quietly, by SIGPIPE (exit 141 in the shell), whatever command was writing and wherever it was.
    if hasattr(signal, "SIGPIPE"):  # not on Windows
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # poladder uses no pydantic plugins; one installed for another program would be looked up through
    # every installed package's metadata at the first validation and then wrap every validation.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # What is loaded by now lives until the process ends: the garbage collector need not walk it again
    # each time parsing and the command make objects.
    import gc

    gc.freeze()
    app()
