"""The development plan in the terminal: a summary with the verdict, the first 90 days, then one panel
per milestone.

Each skill is a line of its own with its actions below it, so the plan reads the same in a narrow
terminal as in a wide one. How people make a move and its pitfalls are shown for the first milestone;
`--all` shows them for every one.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from poladder.core.advice import NO_ACTION
from poladder.core.plan import Milestone, Plan, availability, prerequisites, span
from poladder.core.wording import about_years, sentence
from poladder.model.ladder import KnowledgeBase
from poladder.render.views import bullets, indented, name_of, out, percent_bar, skill_line


def _certifications(plan: Plan, m: Milestone) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(ratio=1)
    for number, goal in enumerate(m.certifications, 1):
        text = Text(goal.name, style="bold")
        if first := prerequisites(plan, goal):
            text.append(f" ({first})")
        if goal.alternatives:
            text.append(" or " + " or ".join(goal.alternatives), style="bold")
        else:
            text.append(f" — {goal.provider}")
        if when := availability(goal, m):
            text.append("\n" + when, style="yellow")
        if goal.condition:
            text.append("\n" + sentence(goal.condition), style="cyan")
        grid.add_row(f"{number}.", text)
    return grid


def _milestone(plan: Plan, m: Milestone, everything: bool) -> Panel:
    # The heading is inside the panel, where it wraps: a panel title is cut on a narrow terminal.
    parts: list[RenderableType] = [
        Text(f"Milestone {m.number}: {m.title}", style="bold"),
        Text(f"{m.starts} to {m.due} ({span(m)})" + (f" — {m.note}" if m.note else ""), style="dim"),
    ]
    if m.make_the_case:
        parts += [Text("Make the case", style="bold green"), bullets(m.make_the_case)]
    for s in m.skills:
        line = skill_line(s.name, s.from_, s.to)
        if s.stretch:
            line.append("  ↗ stretch", style="bold")
        parts += [line, Text(sentence(s.why), style="dim")]
        parts.append(
            bullets([a.text for a in s.actions]) if s.actions else Text(f"{NO_ACTION}.", style="dim")
        )
    if m.certifications:
        parts.append(Text("Certifications, in this order", style="bold"))
        parts.append(_certifications(plan, m))
    if (m.how or m.pitfalls) and (everything or m.number == 1):
        parts.append(Text("How people make this move", style="bold"))
        parts.append(bullets(m.how))
        parts.append(bullets([f"Pitfall: {p}" for p in m.pitfalls], style="dim"))
    if len(parts) == 2:
        parts.append(Text("Nothing more to raise: make the move."))
    return Panel(Group(*parts), box=box.ROUNDED)


def _first_days(result: Plan, kb: KnowledgeBase | None) -> Group | None:
    """The first 90 days, until the first review: the focus of `poladder assess`."""
    if not result.focus:
        return None
    heading = Text(f"First 90 days, until {result.review}", style="bold")
    if result.focus_role_name:
        heading.append(f": for {result.focus_role_name}", style="bold")
    parts: list[RenderableType] = [heading]
    for number, item in enumerate(result.focus, 1):
        line = Text(f"{number}. ")
        line.append_text(skill_line(name_of(kb, "skills", item.skill), item.have, item.need))
        parts.append(line)
        first = item.actions[0].text if item.actions else f"{NO_ACTION}."
        parts.append(indented(bullets([first]), 3))
    return Group(*parts)


def plan(result: Plan, kb: KnowledgeBase | None = None, everything: bool = False) -> None:
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold", no_wrap=True)
    summary.add_column()
    summary.add_row(
        "Target",
        Text(f"{name_of(kb, 'roles', result.target)}, by {result.end} ({about_years(result.total_years)})"),
    )
    if result.next_step:
        summary.add_row("Next step", Text(result.next_step))
    summary.add_row("Readiness today", percent_bar(result.readiness))
    summary.add_row(
        "Best fit today", Text(name_of(kb, "roles", result.best_fit) if result.best_fit else "none yet")
    )
    summary.add_row(
        "First review", f"{result.review}, then every quarter: reflect on progress, adjust the goals"
    )
    title = f"{result.name}'s development plan" if result.name else "Development plan"
    out.print(Panel(summary, title=Text(title), title_align="left", box=box.ROUNDED, expand=False))
    first = _first_days(result, kb)
    if first is not None:
        out.print(first)
    for milestone in result.milestones:
        out.print(_milestone(result, milestone, everything))
    if not everything and any(m.how or m.pitfalls for m in result.milestones[1:]):
        out.print(Text("--all shows how people make each later move, and its pitfalls.", style="dim"))


def plan_in_full(result: Plan, kb: KnowledgeBase | None = None) -> None:
    plan(result, kb, everything=True)
