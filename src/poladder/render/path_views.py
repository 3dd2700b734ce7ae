"""The route between two roles (`poladder path`): a table of its steps, how people make the first move
and its first pitfall (`--all`: every move's, every pitfall), the next-best routes and where the
typical years come from.

When the table's columns would break a skill's name, the steps stack, so that the skills get the
whole width. A certification is named
once with its alternatives (`cspo or pspo-1`), with the months a qualifying role still needs after the
move, or with --profile the date it becomes possible.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from poladder.core.routes import PathResult, Route, SkillChange, Step
from poladder.core.wording import about_years, plural, years_text
from poladder.model.ladder import KnowledgeBase
from poladder.render.views import bar, bullets, fits, indented, name_of, out

# The skills a step shows without --all: the most important ones (the order is the route's: the largest
# gaps, the role's core skills first); a step that raises twenty skills is a wall, not advice.
SKILLS_SHOWN = 8


def skill_changes(
    changes: list[SkillChange], kb: KnowledgeBase | None, everything: bool = True
) -> Table | str:
    """Skills to raise as aligned rows: bar, from→to, name (the name may wrap, the bar never does);
    without `everything`, the first SKILLS_SHOWN and how many more."""
    if not changes:
        return "—"
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    shown = changes if everything or len(changes) <= SKILLS_SHOWN + 1 else changes[:SKILLS_SHOWN]
    for change in shown:
        grid.add_row(
            bar(change.from_, change.to), f"{change.from_}→{change.to}", name_of(kb, "skills", change.skill)
        )
    if len(shown) < len(changes):
        grid.add_row("", "", Text(f"and {len(changes) - len(shown)} more (--all)", style="dim"))
    return grid


def route_table(
    route: Route | PathResult,
    kb: KnowledgeBase | None,
    title: str,
    when: dict[str, str] | None = None,
    everything: bool = True,
) -> Table:
    """The route's steps; `when` adds to a certification when it can be taken, if not now; without
    `everything`, each step's most important skills (see SKILLS_SHOWN)."""
    when = when or {}
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("#", justify="right")
    # Only where each step leads: the title spells out the whole route, and a narrow terminal needs
    # the width for the skills.
    table.add_column("Move to", max_width=16)
    table.add_column("Years", justify="right")
    table.add_column("Skills to raise", no_wrap=True)  # a skill's name on one line, or the steps stack
    table.add_column("Certifications", max_width=32)  # ids never break: they hold no space
    for number, step in enumerate(route.steps, 1):
        move = Text(name_of(kb, "roles", step.to), style="bold")
        if step.kind != "promotion":
            move.append(f" ({step.kind})", style="dim")
        table.add_row(
            str(number),
            move,
            f"{step.years:g}",
            skill_changes(step.skills, kb, everything),
            "\n".join(_certifications(step, when, kb)) or "—",
        )
    return table if fits(table) else _stacked_route(route, kb, title, when, everything)


def _stacked_route(
    route: Route | PathResult, kb: KnowledgeBase | None, title: str, when: dict[str, str], everything: bool
) -> Table:
    """The steps one under another, when the table's columns would break a word: the skills get the
    whole width."""
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", expand=True)
    table.add_column("#", justify="right")
    table.add_column("Move to, years\n  Skills to raise\n  Certifications", ratio=1)
    for number, step in enumerate(route.steps, 1):
        move = Text(name_of(kb, "roles", step.to), style="bold")
        if step.kind != "promotion":
            move.append(f" ({step.kind})", style="dim")
        move.append(f"  {about_years(step.years)}")
        skills = skill_changes(step.skills, kb, everything) if step.skills else Text("Skills to raise: —")
        taken = _certifications(step, when, kb)
        certifications = Text("Certifications: " + ("; ".join(taken) or "—"))
        table.add_row(str(number), Group(move, indented(Group(skills, certifications))))
    return table


def _certifications(step: Step, when: dict[str, str], kb: KnowledgeBase | None) -> list[str]:
    """Each certification of a step as its id, its alternatives and when: `a-cspo or pspo-2 (after
    12 months as Product Owner)`."""

    def labelled(cert_id: str) -> str:
        if cert_id in when:
            return f"{cert_id} ({when[cert_id]})"
        if cert_id in step.months_after:
            months = plural(step.months_after[cert_id], "month")
            return f"{cert_id} (after {months} as {name_of(kb, 'roles', step.to)})"
        return cert_id

    found = []
    for cert_id in step.certifications:
        found.append(" or ".join(labelled(c) for c in [cert_id, *step.alternatives.get(cert_id, [])]))
    return found


def moves_how(steps: list[Step], kb: KnowledgeBase | None, everything: bool) -> Group | None:
    """How people make the first move (two ways) and its first pitfall; with `everything`, every way,
    every move's, and every pitfall."""
    parts: list[RenderableType] = []
    for number, step in enumerate(steps if everything else steps[:1], 1):
        if not (step.how or step.pitfalls):
            continue
        parts.append(Text(f"How people make move {number}: to {name_of(kb, 'roles', step.to)}", style="bold"))
        grid = bullets(step.how if everything else step.how[:2])
        for pitfall in step.pitfalls if everything else step.pitfalls[:1]:
            grid.add_row(Text("!", style="bold yellow"), Text(f"Pitfall: {pitfall}", style="dim"))
        parts.append(indented(grid, 0))
    if not everything and any(s.how or s.pitfalls for s in steps[1:]):
        parts.append(Text("--all shows every skill, every way and pitfall, and every move's.", style="dim"))
    return Group(*parts) if parts else None


def path(result: PathResult, kb: KnowledgeBase | None = None, everything: bool = False) -> None:
    if not result.steps:  # FROM and TO are one role: a table of no steps would only puzzle
        name = name_of(kb, "roles", result.to)
        out.print(Text(f"You are already there: from {name} to {name} there is nothing to do."))
        return
    names = " → ".join(name_of(kb, "roles", r) for r in result.route)
    later = {
        c.certification: f"from {c.eligible_from}" if c.eligible_from else "later"
        for c in result.certifications
        if c.status == "later"
    }
    title = f"{names}: {about_years(result.total_years)}"
    if result.years_for_you is not None:
        served = f"{years_text(result.served)} served; " if result.served else ""
        typical = years_text(sum(step.years for step in result.steps))
        title = f"{names}: {about_years(result.years_for_you)} for you ({served}typically {typical})"
    out.print(route_table(result, kb, title, later, everything))
    how = moves_how(result.steps, kb, everything)
    if how is not None:
        out.print(how)
    if result.alternatives:
        table = Table(title="Alternatives", box=box.SIMPLE, title_justify="left")
        table.add_column("Route")
        table.add_column("Years", justify="right")
        for alt in result.alternatives:
            table.add_row(" → ".join(alt.route), f"{alt.total_years:g}")
        out.print(table)
    out.print(move_notes(result.steps, kb))


def move_notes(steps: list[Step], kb: KnowledgeBase | None) -> Text:
    """Where each step's typical years come from: the years are only as good as their source."""
    text = Text("Typical years are indicative.", style="dim")
    for number, step in enumerate(steps, 1):
        if step.note:
            text.append(f"\n{number}. {name_of(kb, 'roles', step.to)}: ", style="dim bold")
            text.append(step.note, style="dim")
    return text


def path_in_full(result: PathResult, kb: KnowledgeBase | None = None) -> None:
    path(result, kb, everything=True)
