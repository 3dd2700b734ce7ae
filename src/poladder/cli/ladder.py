"""Commands about the ladder itself: roles, skills, certifications, routes, the graph, a comparison,
validation and the published JSON Schemas."""

import sys
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from poladder.cli import options


def roles(kb: options.KbOption = None, json: options.JsonOption = False) -> None:
    """List the roles of the ladder: rank, id, name and the moves out of each.

    Example: poladder roles
    """
    from poladder.core import catalogue
    from poladder.render import render

    loaded = options.load(kb)
    render(catalogue.roles(loaded.kb), json, loaded.kb)


def role(
    name: Annotated[
        str,
        typer.Argument(metavar="ROLE", help="Role id, alias or name, e.g. senior-po or 'Product Manager'."),
    ],
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Show one role in full: responsibilities, skills, certifications, relationships, moves.

    Example: poladder role senior-po
    """
    from poladder.core import catalogue
    from poladder.render import render

    loaded = options.load(kb)
    render(catalogue.role_entry(loaded.kb, loaded.kb.role_id(name)), json, loaded.kb)


def skills(kb: options.KbOption = None, json: options.JsonOption = False) -> None:
    """List the skills the ladder knows: id, name, category and what each is.

    `poladder skill ID` shows one in full: what each level looks like, how to grow it, which roles
    need it and which certifications build it.

    Example: poladder skills --json | jq '.[].id'
    """
    from poladder.core import catalogue
    from poladder.render import render

    loaded = options.load(kb)
    render(catalogue.skills(loaded.kb), json, loaded.kb)


def skill(
    name: Annotated[
        str,
        typer.Argument(
            metavar="SKILL", help="Skill id or name, e.g. backlog-management or 'Backlog management'."
        ),
    ],
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """One skill in full: what each level looks like, the actions that grow it level by level, the
    roles that need it at which level, and the certifications that build it.

    Example: poladder skill stakeholder-management
    """
    from poladder.core import catalogue
    from poladder.render import render

    loaded = options.load(kb)
    render(catalogue.skill_page(loaded.kb, loaded.kb.skill_id(name)), json, loaded.kb)


def certs(kb: options.KbOption = None, json: options.JsonOption = False) -> None:
    """List the certifications: provider, cost and time, prerequisites and the skills they build.

    Example: poladder certs
    """
    from poladder.core import catalogue
    from poladder.render import render

    loaded = options.load(kb)
    render(catalogue.certifications(loaded.kb), json, loaded.kb)


def path(
    from_role: Annotated[str, typer.Argument(metavar="FROM", help="Where you are: role id, alias or name.")],
    to_role: Annotated[str, typer.Argument(metavar="TO", help="Where you want to be.")],
    alternatives: Annotated[
        int,
        typer.Option(
            "--alternatives", "-a", min=0, max=50, metavar="N", help="Also show up to N next-best routes."
        ),
    ] = 0,
    profile: options.ProfileOption = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            metavar="",
            help="Every skill of each step, and every way people make every move, with every pitfall.",
        ),
    ] = False,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """The quickest route between two roles by typical years, step by step.

    Each step lists the skills to raise (from -> to level; the eight that matter most, --all: every
    one) and the certifications to take (one of equivalent ones, with the months a qualifying role
    still needs after the move); under the route, two ways people make the first move and its first
    pitfall (--all: every way, every move's). Without --profile you are taken to meet FROM's levels
    and to hold the certifications of the roles promoted into it (FROM's own are still to take); with
    it, only the skills and certifications you still lack, and when FROM is your role the years you
    have served in it come off the first move.

    Example: poladder path junior-po cpo --alternatives 2
    """
    from poladder.core import routes
    from poladder.render import render

    loaded = options.load(kb)
    start, goal = loaded.kb.role_id(from_role), loaded.kb.role_id(to_role)
    person = options.read_profile(profile, loaded) if profile is not None else None
    result = routes.path(loaded.kb, loaded.stamp, start, goal, alternatives, person, options.today())
    render(result, json, loaded.kb, full=show_all)


def graph(
    fmt: Annotated[
        Optional[Literal["tree", "mermaid", "dot", "json"]],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
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
    output: options.OutputOption = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Draw the whole ladder: the roles of each track with their rank and moves (years, kind).

    --format mermaid or dot prints a Mermaid flowchart or a Graphviz digraph for documents: one group
    per track, edges labelled in years, lateral moves dashed. --route FROM TO highlights the quickest
    route; if there is none, the ladder is still drawn, without a route, and a note goes to stderr
    (exit 0, so a document build does not break).

    Example: poladder graph --route junior-po cpo --format mermaid > ladder.mmd
    """
    from poladder.core.graph import ladder as drawn
    from poladder.render import message, render
    from poladder.render.graph_formats import to_dot, to_mermaid

    chosen = options.output_format(fmt, json, output, ("mermaid", "dot", "json"), "tree")
    loaded = options.load(kb)
    start, goal = (loaded.kb.role_id(r) for r in route) if route else (None, None)
    result = drawn(loaded.kb, loaded.stamp, start, goal)
    if route and not result.route:
        message(f"poladder: no route from {start} to {goal} in this ladder — drawn without a route")
    if chosen == "tree":
        render(result, False, loaded.kb)
    elif chosen == "json":
        options.write(result.model_dump_json(indent=2) + "\n", output, (loaded.path,))
    else:
        options.write(to_mermaid(result) if chosen == "mermaid" else to_dot(result), output, (loaded.path,))


def compare(
    left: Annotated[str, typer.Argument(metavar="ROLE", help="First role: id, alias or name, e.g. po.")],
    right: Annotated[str, typer.Argument(metavar="ROLE", help="Second role, e.g. scrum-master.")],
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Two roles side by side: skills and levels, responsibilities, certifications, relationships, moves.

    Example: poladder compare po scrum-master
    """
    from poladder.core.compare import compare as compare_roles
    from poladder.render import render

    loaded = options.load(kb)
    first, second = loaded.kb.role_id(left), loaded.kb.role_id(right)
    render(compare_roles(loaded.kb, loaded.stamp, first, second), json, loaded.kb)


def validate(
    file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            metavar="FILE",
            help="Knowledge base to check (default: --kb, POLADDER_KB or the bundled ladder).",
            show_default=False,
        ),
    ] = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Check a knowledge base: every error with file, line and column, then consistency warnings.

    Exits 1 if there is any error. Example: poladder validate my-ladder.yaml
    """
    from poladder.core.validation import report
    from poladder.load import ladder
    from poladder.render import render

    result = report(file or kb or ladder.bundled_path())
    render(result, json)
    if not result.ok:
        raise typer.Exit(1)


def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="knowledge-base (the format of a ladder), profile (of --profile files), or the --json "
            "output of roles, role, skills, skill, certs, path, graph, compare, validate, assess, "
            "history, history-skills (history --skills), plan, team, team-member, evidence, "
            "evidence-entry (log, evidence edit and remove), calibrate or packet.",
        ),
    ] = "knowledge-base",
    json: Annotated[bool, typer.Option("--json", hidden=True)] = True,  # the output is JSON anyway
) -> None:
    """Print a JSON Schema: of the knowledge-base format, of a profile, or of a command's --json output.

    Example: poladder schema path
    """
    from poladder.render.schemas import schema_json

    sys.stdout.write(schema_json(name) + "\n")
