"""The command line: parse arguments, call the domain, pick a renderer, map errors to exit codes.

Domain modules are imported inside the commands that use them, so `poladder --help` and a warm
`poladder path ... --json` import no more than they need.
"""

# No `from __future__ import annotations` here: typer would have to eval every annotation string
# at start-up, which cost 6 ms of the 20 ms poladder may add to a bare Typer app.
import contextlib
import inspect
import sys
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType, CommandInfo

from poladder import __version__
from poladder.errors import Interrupted, PoladderError

if TYPE_CHECKING:
    from datetime import date

    from poladder.load.ladder import Loaded
    from poladder.model.profile import Profile
    from poladder.store.history import Store


class Group(TyperGroup):
    """The one error boundary (a PoladderError becomes lines on stderr and its exit code), and the
    place where commands become click commands: each one only when it is used (see `App`)."""

    app: "App | None" = None  # the App whose commands this group holds; set by App on a subclass

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._listing = False
        self._said = False  # whether invoke has told why the run ends early (Ctrl-C, end of input)
        if self.app is not None:
            self.commands = Commands(self.app, self.commands, self)

    # ctx is typer's (vendored) click Context; Any keeps this independent of where typer keeps click.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PoladderError as e:
            from poladder.render import printable

            for line in e.lines:
                sys.stderr.write(f"{e.prefix}{printable(line)}\n")
            raise typer.Exit(e.exit_code) from None
        except EOFError:
            self._said = True
            sys.stderr.write(
                "\npoladder: end of input before every question was answered — nothing was saved "
                "(--profile FILE runs without questions)\n"
            )
            raise typer.Exit(Interrupted.exit_code) from None
        except (KeyboardInterrupt, typer.Abort):
            self._said = True
            sys.stderr.write("\npoladder: interrupted — nothing was saved\n")
            raise typer.Exit(Interrupted.exit_code) from None
        except Exception as e:
            _printable_usage_error(e)
            raise

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except Exception as e:
            _printable_usage_error(e)
            raise

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except SystemExit as e:
            # typer turns a Ctrl-C outside a command (while it parses the options) into a quiet 130.
            if e.code == Interrupted.exit_code and not self._said:
                sys.stderr.write("\npoladder: interrupted — nothing was saved\n")
            raise

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        commands = self.commands
        if self._listing and isinstance(commands, Commands):
            return commands.summary(cmd_name)
        return commands.get(cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they are defined (sub-apps last), not alphabetical

    # Listing the commands (help, completing a command's name) needs each one's name and help only.
    def format_help(self, ctx: Any, formatter: Any) -> None:
        with self._summaries():
            super().format_help(ctx, formatter)

    def shell_complete(self, ctx: Any, incomplete: str) -> Any:
        with self._summaries():
            return super().shell_complete(ctx, incomplete)

    @contextlib.contextmanager
    def _summaries(self) -> Iterator[None]:
        self._listing = True
        try:
            yield
        finally:
            self._listing = False


def _printable_usage_error(error: Exception) -> None:
    """click's usage errors quote the argument they refuse, and typer prints them itself: make the
    quoted text printable first (duck-typed: typer may bring its own copy of click, or none)."""
    message = getattr(error, "message", None)
    if isinstance(message, str) and callable(getattr(error, "format_message", None)):
        from poladder.render import printable

        error.message = printable(message)  # type: ignore[attr-defined]


class App(typer.Typer):
    """A Typer app that converts a command into a click command only when it runs (or its help is shown).

    Typer converts every command — each parameter's annotation, default and help — before it parses
    one argument. Here `@app.command()` and `app.add_typer()` work as in Typer, but what they register
    is kept in `entries` instead of `registered_commands`/`registered_groups`, so typer builds only the
    group (with the `--version` callback); the group's `commands` (a `Commands` mapping) converts an
    entry with typer's own `get_command_from_info`/`get_group_from_info` the first time it is looked up.
    A new command needs nothing more than its decorator.
    """

    def __init__(self, *, cls: type[Group] = Group, **kwargs: Any) -> None:
        self.entries: dict[str, Any] = {}  # name -> typer's CommandInfo or TyperInfo, in definition order
        super().__init__(cls=type(cls.__name__, (cls,), {"app": self}), **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        register = super().command(*args, **kwargs)

        def decorator(f: CommandFunctionType) -> CommandFunctionType:
            register(f)
            info = self.registered_commands.pop()
            assert info.callback is not None
            self.entries[info.name or typer.main.get_command_name(info.callback.__name__)] = info
            return f

        return decorator

    def add_typer(self, *args: Any, **kwargs: Any) -> None:
        super().add_typer(*args, **kwargs)
        info = self.registered_groups.pop()
        name = typer.main.solve_typer_info_defaults(info).name
        if not name:  # typer merges a nameless sub-app's commands into this one: keep that as it is
            self.registered_groups.append(info)
            return
        self.entries[name] = info


class Commands(MutableMapping[str, Any]):
    """A group's commands by name, each converted by typer the first time it is looked up."""

    def __init__(self, app: App, converted: MutableMapping[str, Any], group: Group) -> None:
        self.entries = app.entries
        self.converted = dict(converted)  # what typer converted itself (a nameless sub-app's commands)
        self.group = group
        self.pretty_exceptions_short = app.pretty_exceptions_short

    def __getitem__(self, name: str) -> Any:
        if name not in self.converted:
            info = self.entries[name]  # KeyError: no such command
            if isinstance(info, CommandInfo):
                command = typer.main.get_command_from_info(
                    info,
                    pretty_exceptions_short=self.pretty_exceptions_short,
                    rich_markup_mode=self.group.rich_markup_mode,
                )
            else:
                command = typer.main.get_group_from_info(
                    info,
                    pretty_exceptions_short=self.pretty_exceptions_short,
                    rich_markup_mode=self.group.rich_markup_mode,
                    suggest_commands=self.group.suggest_commands,
                )
            self.converted[name] = command
        return self.converted[name]

    def summary(self, name: str) -> Any:
        """The command as far as a list of commands shows it (name, help, hidden, panel), unconverted."""
        if name in self.converted or name not in self.entries:
            return self.converted.get(name)
        info = self.entries[name]
        if isinstance(info, CommandInfo):
            # As typer's get_command_from_info words it; a test compares the two help screens.
            text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
            return TyperCommand(
                name,
                help=text,
                short_help=info.short_help,
                hidden=info.hidden,
                deprecated=info.deprecated,
                rich_help_panel=info.rich_help_panel,
            )
        solved = typer.main.solve_typer_info_defaults(info)
        return TyperCommand(
            name,
            help=solved.help,
            short_help=solved.short_help,
            hidden=solved.hidden,
            deprecated=solved.deprecated,
            rich_help_panel=solved.rich_help_panel,
        )

    def __setitem__(self, name: str, command: Any) -> None:
        self.converted[name] = command

    def __delitem__(self, name: str) -> None:
        found = self.converted.pop(name, None) is not None
        if self.entries.pop(name, None) is None and not found:
            raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        # typer's order: commands as they were defined, then sub-apps, then anything added later
        entries = self.entries
        yield from (name for name, info in entries.items() if isinstance(info, CommandInfo))
        yield from (name for name, info in entries.items() if not isinstance(info, CommandInfo))
        yield from (name for name in self.converted if name not in entries)

    def __len__(self) -> int:
        return len(self.entries) + sum(1 for name in self.converted if name not in self.entries)


app = App(
    name="poladder",
    help="A career-path advisor for the Product Owner career ladder.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

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
PlanFormat = Literal["rich", "markdown", "html", "json"]
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


def _load(kb: Path | None) -> "Loaded":
    import gc

    from poladder.load import ladder as source

    loaded = source.load(kb)
    # The ladder lives as long as the command and never changes: the garbage collector need not walk
    # it again each time the work makes objects (70 ms of a route search on 10,000 roles).
    gc.freeze()
    return loaded


def _read_profile(source: str, loaded: "Loaded") -> "Profile":
    from poladder.load import profile

    person, document = profile.read(source, loaded.kb)
    return profile.resolve(person, loaded.kb, document)


def _write(text: str, output: Path | None, inputs: "tuple[Path | str | None, ...]" = ()) -> None:
    """A document to stdout (also for `-o -` and `-o /dev/stdout`), to stderr (`-o /dev/stderr`, never
    truncated), or atomically to a file, saying so on stderr where messages go. A file that is one of
    the command's `inputs`, or the history, is refused before anything is written."""
    from poladder.load.files import is_stderr, is_stdout, write_atomically
    from poladder.render import document, message

    if output is None or is_stdout(output) or is_stderr(output):
        document(text, stderr=output is not None and is_stderr(output))
        return
    write_atomically(output, text, inputs=[*(i for i in inputs if i and i != "-"), _store().path])
    message(f"poladder: wrote {output}")


# What the suffix of -o FILE says the file holds, when no --format says it.
SUFFIX_FORMATS = {
    ".json": "json",
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


def _output_format(
    fmt: str | None, as_json: bool, output: Path | None, documents: tuple[str, ...], default: str
) -> str:
    """The one rule of every command that writes a document (plan, graph, profile export): --json is
    --format json, and with another --format a usage error; a --format given wins; else the suffix of
    -o FILE picks one of `documents` (the formats a file can hold) or is a usage error; else `default`."""
    from poladder.core.wording import listed
    from poladder.errors import UsageError
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


def _day(option: str, text: str | None) -> "date | None":
    """A date option's value (YYYY-MM-DD), or a usage error that says what a date looks like."""
    if text is None:
        return None
    from datetime import datetime

    from poladder.errors import UsageError

    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a date like 2026-12-01") from None


def _store() -> "Store":
    """The history database: in POLADDER_HOME, or the user's app directory."""
    import os

    from poladder.store.history import Store

    chosen = os.environ.get("POLADDER_HOME")
    home = chosen or typer.get_app_dir("poladder")
    # The default home may need ~/.config made too; a home the user named must have its parent.
    return Store(Path(home) / "history.db", make_parents=not chosen)


@app.command()
def roles(kb: KbOption = None, json: JsonOption = False) -> None:
    """List the roles of the ladder: rank, id, name and the moves out of each.

    Example: poladder roles
    """
    from poladder.core import catalogue as browse
    from poladder.render import render

    loaded = _load(kb)
    render(browse.roles(loaded.kb), json, loaded.kb)


@app.command()
def role(
    name: Annotated[
        str,
        typer.Argument(metavar="ROLE", help="Role id, alias or name, e.g. senior-po or 'Product Manager'."),
    ],
    kb: KbOption = None,
    json: JsonOption = False,
) -> None:
    """Show one role in full: responsibilities, skills, certifications, relationships, moves.

    Example: poladder role senior-po
    """
    from poladder.core import catalogue as browse
    from poladder.render import render

    loaded = _load(kb)
    render(browse.role_entry(loaded.kb, loaded.kb.role_id(name)), json, loaded.kb)


@app.command()
def skills(kb: KbOption = None, json: JsonOption = False) -> None:
    """List the skills the ladder knows: id, name, category and what each is.

    `poladder skill ID` shows one in full: what each level looks like, how to grow it, which roles
    need it and which certifications build it.

    Example: poladder skills --json | jq '.[].id'
    """
    from poladder.core import catalogue as browse
    from poladder.render import render

    loaded = _load(kb)
    render(browse.skills(loaded.kb), json, loaded.kb)


@app.command()
def skill(
    name: Annotated[
        str,
        typer.Argument(
            metavar="SKILL", help="Skill id or name, e.g. backlog-management or 'Backlog management'."
        ),
    ],
    kb: KbOption = None,
    json: JsonOption = False,
) -> None:
    """One skill in full: what each level looks like, the actions that grow it level by level, the
    roles that need it at which level, and the certifications that build it.

    Example: poladder skill stakeholder-management
    """
    from poladder.core import catalogue as browse
    from poladder.render import render

    loaded = _load(kb)
    render(browse.skill_page(loaded.kb, loaded.kb.skill_id(name)), json, loaded.kb)


@app.command()
def certs(kb: KbOption = None, json: JsonOption = False) -> None:
    """List the certifications: provider, prerequisites and the skills they build.

    Example: poladder certs
    """
    from poladder.core import catalogue as browse
    from poladder.render import render

    loaded = _load(kb)
    render(browse.certifications(loaded.kb), json, loaded.kb)


@app.command()
def path(
    from_role: Annotated[str, typer.Argument(metavar="FROM", help="Where you are: role id, alias or name.")],
    to_role: Annotated[str, typer.Argument(metavar="TO", help="Where you want to be.")],
    alternatives: Annotated[
        int,
        typer.Option(
            "--alternatives", "-a", min=0, max=50, metavar="N", help="Also show up to N next-best routes."
        ),
    ] = 0,
    profile: ProfileOption = None,
    kb: KbOption = None,
    json: JsonOption = False,
) -> None:
    """The quickest route between two roles by typical years, step by step.

    Each step lists the skills to raise (from -> to level) and the certifications to take; with
    --profile, only the skills and certifications you still lack.

    Example: poladder path junior-po cpo --alternatives 2
    """
    from poladder.core import routes
    from poladder.render import render

    loaded = _load(kb)
    start, goal = loaded.kb.role_id(from_role), loaded.kb.role_id(to_role)
    person = _read_profile(profile, loaded) if profile is not None else None
    render(routes.path(loaded.kb, loaded.stamp, start, goal, alternatives, person), json, loaded.kb)


@app.command()
def graph(
    fmt: Annotated[
        Optional[Literal["tree", "mermaid", "dot", "json"]],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="tree for the terminal (the default); mermaid or dot (Graphviz) for documents; json. "
            "With -o FILE and no --format, the suffix decides: .mmd, .dot or .gv, .json.",
            show_default=False,
        ),
    ] = None,
    route: Annotated[
        Optional[tuple[str, str]],  # noqa: UP045
        typer.Option(
            "--route",
            metavar="FROM TO",
            help="Highlight the quickest route between two roles.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    kb: KbOption = None,
    json: JsonOption = False,
) -> None:
    """Draw the whole ladder: the roles of each track with their rank and moves (years, kind).

    --format mermaid or dot prints a Mermaid flowchart or a Graphviz digraph for documents: one group
    per track, edges labelled in years, lateral moves dashed. --route FROM TO highlights the quickest
    route; if there is none, the ladder is still drawn, without a route, and a note goes to stderr
    (exit 0, so a document build does not break).

    Example: poladder graph --route junior-po cpo --format mermaid > ladder.mmd
    """
    from poladder.core.graph import ladder
    from poladder.render import message, render
    from poladder.render.graph_formats import to_dot, to_mermaid

    chosen = _output_format(fmt, json, output, ("mermaid", "dot", "json"), "tree")
    loaded = _load(kb)
    start, goal = (loaded.kb.role_id(r) for r in route) if route else (None, None)
    result = ladder(loaded.kb, loaded.stamp, start, goal)
    if route and not result.route:
        message(f"poladder: no route from {start} to {goal} in this ladder — drawn without a route")
    if chosen == "tree":
        render(result, False, loaded.kb)
    elif chosen == "json":
        from poladder.model.result import to_json

        _write(to_json(result) + "\n", output, (loaded.path,))
    else:
        _write(to_mermaid(result) if chosen == "mermaid" else to_dot(result), output, (loaded.path,))


@app.command()
def compare(
    left: Annotated[str, typer.Argument(metavar="ROLE", help="First role: id, alias or name, e.g. po.")],
    right: Annotated[str, typer.Argument(metavar="ROLE", help="Second role, e.g. scrum-master.")],
    kb: KbOption = None,
    json: JsonOption = False,
) -> None:
    """Two roles side by side: skills and levels, responsibilities, certifications, relationships, moves.

    Example: poladder compare po scrum-master
    """
    from poladder.core.compare import compare as compare_roles
    from poladder.render import render

    loaded = _load(kb)
    first, second = loaded.kb.role_id(left), loaded.kb.role_id(right)
    render(compare_roles(loaded.kb, loaded.stamp, first, second), json, loaded.kb)


@app.command()
def validate(
    file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="FILE",
            help="Knowledge base to check (default: --kb, POLADDER_KB or the bundled ladder).",
            show_default=False,
        ),
    ] = None,
    kb: KbOption = None,
    json: JsonOption = False,
) -> None:
    """Check a knowledge base: every error with file, line and column, then consistency warnings.

    Exits 1 if there is any error. Example: poladder validate my-ladder.yaml
    """
    from poladder.core.validation import report
    from poladder.load import ladder as source
    from poladder.render import render

    result = report(file or kb or source.bundled_path())
    render(result, json)
    if not result.ok:
        raise typer.Exit(1)


@app.command()
def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="knowledge-base (the format of a ladder), profile (of --profile files), or the --json "
            "output of roles, role, skills, skill, certs, path, graph, compare, validate, assess, "
            "history, plan, team or team-member.",
        ),
    ] = "knowledge-base",
    json: Annotated[bool, typer.Option("--json", hidden=True)] = True,  # the output is JSON anyway
) -> None:
    """Print a JSON Schema: of the knowledge-base format, of a profile, or of a command's --json output.

    Example: poladder schema path
    """
    from poladder.render.schemas import schema_json

    sys.stdout.write(schema_json(name) + "\n")


@app.command()
def assess(
    profile: ProfileOption = None,
    target: TargetOption = None,
    focus: Annotated[
        int,
        typer.Option(
            "--focus",
            min=0,
            metavar="N",
            help="How many skills to focus on for your next step (ground to make good in your role "
            "first, then the biggest gap, then what more later roles need).",
        ),
    ] = 3,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", metavar="", help="Show every gap, every step of the route and every certification."
        ),
    ] = False,
    all_skills: Annotated[
        bool,
        typer.Option(
            "--all-skills",
            metavar="",
            help="Ask about every skill, not only those your current and target roles require.",
        ),
    ] = False,
    save: Annotated[
        bool, typer.Option("--save/--no-save", metavar="", help="Remember this assessment in history.")
    ] = True,
    kb: KbOption = None,
    json: JsonOption = False,
) -> None:
    """Where you stand, and what to do next: a focus for your next step, the certifications you can
    take now and later, and the route to your target.

    The route starts at your current role (the best fit is reported too). The focus is at most N skills
    (--focus, 3) for the next step of the route, not the far target: first any skill below what your
    own role needs, then the biggest gap, then the skills more later roles on the route need; each with
    the actions for your next level. Certifications are only those the roles ahead recommend, never one
    you hold: now, or later with the date or what is missing. --all (or --json) has every step.

    Without --profile it asks a few questions (on stderr; defaults are your last answers).
    Every completed assessment is saved to `poladder history` unless --no-save.

    Example: poladder assess --profile me.yaml --target senior-po
    """
    from datetime import date

    from poladder.core.assess import assess as run_assessment
    from poladder.render import render

    loaded = _load(kb)
    store = _store()
    person = _read_profile(profile, loaded) if profile is not None else _interview(loaded, store, all_skills)
    if target is not None:
        person = person.model_copy(update={"target": loaded.kb.role_id(target)})
    result = run_assessment(loaded.kb, loaded.stamp, person, date.today(), focus)
    whose = store.save(result, profile) if save else None
    render(result, json, loaded.kb, full=show_all)
    if save:
        _say_saved(whose, profile)


def _say_saved(person: str | None, profile: str | None) -> None:
    """Every save is said, so that a colleague's file is never silently taken for you."""
    from poladder.render import message

    whose = "your" if profile is None else "an unnamed"
    if person is not None:
        whose = f"{person}'s"  # message() shows control characters as escapes
    message(f"poladder: saved {whose} assessment to history (see poladder history)")


def _interview(loaded: "Loaded", store: "Store", all_skills: bool) -> "Profile":
    from poladder.cli.interview import interview
    from poladder.load.profile import keep_known
    from poladder.render.console import SafeConsole

    last = store.latest_profile()
    # Last answers are only defaults: ids this ladder no longer knows are dropped, not fatal.
    defaults = keep_known(last, loaded.kb) if last else None
    return interview(loaded.kb, defaults, all_skills, SafeConsole(stderr=True))


PersonOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--person",
        metavar="NAME",
        help="Whose: a profile's name (or its file's name), any case; `you` for your own interview answers.",
        show_default=False,
    ),
]


@app.command()
def history(person: PersonOption = None, kb: KbOption = None, json: JsonOption = False) -> None:
    """Past assessments, oldest first: whose, readiness per target and the change since that person's
    previous one.

    Assessments made under another version of the knowledge base are marked.

    Example: poladder history --person alex --json | jq '.[-1].readiness'
    """
    from poladder.render import message, render

    loaded = _load(kb)
    store = _store()
    if json:
        render(store.history(loaded.sha256, person), json, loaded.kb)
        return
    # The view prints each assessment as it is read: a long history is never held whole.
    from poladder.render.history_views import stream

    if not stream(store.entries(loaded.sha256, person)):
        none = "No assessments yet — run `poladder assess`."
        message(none if person is None else f"poladder: no assessments of {person!r} — {_people(store)}")


def _people(store: "Store") -> str:
    people = store.people()
    # Part of an error line, which the error boundary makes printable.
    return f"people in history: {', '.join(people)}" if people else "the history is empty"


profile_app = App(
    help="Your saved profile: the answers of your latest assessment.\n\n"
    "Example: poladder profile export -o me.yaml",
    no_args_is_help=True,
)
app.add_typer(profile_app, name="profile")


@profile_app.command("export")
def profile_export(
    output: OutputOption = None,
    fmt: Annotated[
        Optional[Literal["yaml", "json"]],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="yaml (the default) or json. With -o FILE and no --format, the suffix decides: "
            ".yaml or .yml, .json.",
            show_default=False,
        ),
    ] = None,
    person: PersonOption = None,
    json: JsonOption = False,
) -> None:
    """Write the profile of your latest assessment (made by the questions of `poladder assess`) as
    YAML (or JSON), ready for --profile; --person NAME exports someone else's latest.

    Example: poladder profile export -o me.yaml
    """
    from poladder.errors import DataError
    from poladder.load.profile import dump

    chosen = _output_format(fmt, json, output, ("yaml", "json"), "yaml")
    store = _store()
    saved = store.latest_profile(person)
    if saved is None:
        whose = "of yours" if person is None else f"of {person!r}"
        raise DataError(
            f"poladder: error: no assessment {whose} saved yet — run `poladder assess` "
            f"(or give --person NAME; {_people(store)})"
        )
    _write(dump(saved, as_json=chosen == "json"), output)


@app.command()
def plan(
    profile: ProfileOption = None,
    target: TargetOption = None,
    start: Annotated[
        Optional[str],  # noqa: UP045 - a date, read by _day() for a message people can act on
        typer.Option(
            "--start",
            metavar="DATE",
            help="First day of the plan, like 2026-12-01 (default: today).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Optional[PlanFormat],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="rich for the terminal (the default), markdown, html or json. With -o FILE and no "
            "--format, the suffix decides: .md, .html, .json.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    kb: KbOption = None,
    json: JsonOption = False,
) -> None:
    """A dated development plan to share: one milestone per step of the route to your target.

    Each milestone has a target date from typical years, the skills to raise with how to raise them,
    and the certifications in prerequisite order; the plan has a first review date. Without --profile
    it uses the profile of your latest `poladder assess`.

    Example: poladder plan --profile me.yaml --target lead-po --format html -o plan.html
    """
    from datetime import date

    from poladder.core.plan import make_plan
    from poladder.errors import DataError
    from poladder.load.profile import keep_known

    fmt = _output_format(output_format, json, output, ("markdown", "html", "json"), "rich")
    first_day = _day("--start", start) or date.today()
    loaded = _load(kb)
    if profile is not None:
        person = _read_profile(profile, loaded)
    else:
        saved = _store().latest_profile()
        if saved is None:
            raise DataError(
                "poladder: error: no profile — give --profile FILE or run `poladder assess` first"
            )
        person = keep_known(saved, loaded.kb)
    if target is not None:
        person = person.model_copy(update={"target": loaded.kb.role_id(target)})
    result = make_plan(loaded.kb, loaded.stamp, person, first_day)
    if fmt == "rich":
        from poladder.render import render

        render(result, False, loaded.kb)
        return
    from poladder.render import plan_formats

    if fmt == "json":
        from poladder.model.result import to_json

        text = to_json(result) + "\n"
    else:
        text = plan_formats.markdown(result) if fmt == "markdown" else plan_formats.html(result)
    _write(text, output, (loaded.path, profile))


@app.command()
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
    kb: KbOption = None,
    json: JsonOption = False,
) -> None:
    """A team's skills matrix, its biggest gaps, who is ready to move, and the skills nobody holds.

    Levels are shown against each person's target; the gaps are summed per skill; "ready" means
    readiness 100% for a next role; uncovered skills are those a target needs above everyone's level.

    Everyone is assessed as `poladder assess` would. A bad profile is reported on stderr (file or
    line, and why) and skipped, the rest still assessed, and the exit code is then 1.

    Example: poladder team profiles/ --json | jq '.gaps[:3]'
    """
    from poladder.core.team import Team
    from poladder.errors import UsageError
    from poladder.render import message, render
    from poladder.render.stream import lines, tracked

    if json and jsonl:
        raise UsageError("--json and --jsonl each choose the output: give one of them")
    if not sources:
        if sys.stdin.isatty():
            raise UsageError("give profile files, a directory or a .jsonl file, or pipe JSON Lines to stdin")
        sources = ["-"]
    loaded = _load(kb)
    group = Team(loaded.kb, warn=message)
    # A bar on the terminal that also shows the streamed lines would tear them apart.
    members = tracked(group.assess(sources), group.position, enabled=not (jsonl and sys.stdout.isatty()))
    if jsonl:
        lines(members)
    else:
        render(group.report(members, loaded.stamp), json, loaded.kb)
    if group.skipped:
        from poladder.core.wording import plural

        message(f"poladder: {plural(group.skipped, 'profile')} skipped")
        raise typer.Exit(1)


def main() -> None:
    import signal

    # A reader that stops early (`poladder graph | head -1`) ends poladder the way it ends cat or grep:
    # quietly, by SIGPIPE (exit 141 in the shell), whatever command was writing and wherever it was.
    # Python's default turns it into BrokenPipeError, which click then reports as exit 1, or not.
    if hasattr(signal, "SIGPIPE"):  # not on Windows
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # poladder uses no pydantic plugins; one installed for another program (an observability hook,
    # say) would be looked up through every installed package's metadata at the first validation
    # (3 ms here, more with many packages) and then wrap every validation. Set the variable to 0 to
    # have them anyway.
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # What is loaded by now (typer, click, pydantic and their modules) lives until the process ends:
    # the garbage collector need not walk it again each time parsing and the command make objects.
    import gc

    gc.freeze()
    app()
