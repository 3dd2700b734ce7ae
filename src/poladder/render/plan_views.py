"""The development plan in the terminal: a summary, then one panel per milestone.

Each skill is a line of its own with its actions below it, so the plan reads the same in a narrow
terminal as in a wide one.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from poladder.core.plan import Milestone, Plan, availability
from poladder.core.wording import about_years, sentence
from poladder.model.ladder import KnowledgeBase
from poladder.render.views import bullets, name_of, out, percent_bar, skill_line


def _certifications(m: Milestone) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(ratio=1)
    for number, goal in enumerate(m.certifications, 1):
        text = Text(goal.name, style="bold")
        text.append(f" — {goal.provider}")
        if goal.requires:
            text.append(f" (after {', '.join(goal.requires)})")
        if when := availability(goal, m):
            text.append("\n" + when, style="yellow")
        grid.add_row(f"{number}.", text)
    return grid


def _milestone(m: Milestone) -> Panel:
    # The heading is inside the panel, where it wraps: a panel title is cut on a narrow terminal.
    parts: list[Table | Text] = [
        Text(f"Milestone {m.number}: {m.title}", style="bold"),
        Text(f"{m.starts} to {m.due}" + (f" — {m.note}" if m.note else ""), style="dim"),
    ]
    for s in m.skills:
        why = Text(sentence(s.why), style="dim")
        parts += [skill_line(s.name, s.from_, s.to), why, bullets([a.text for a in s.actions])]
    if m.certifications:
        parts.append(Text("Certifications, in this order", style="bold"))
        parts.append(_certifications(m))
    if len(parts) == 2:
        parts.append(Text("Nothing more to raise: make the move."))
    return Panel(Group(*parts), box=box.ROUNDED)


def plan(result: Plan, kb: KnowledgeBase | None = None) -> None:
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold", no_wrap=True)
    summary.add_column()
    summary.add_row(
        "Target",
        Text(f"{name_of(kb, 'roles', result.target)}, by {result.end} ({about_years(result.total_years)})"),
    )
    summary.add_row("Readiness today", percent_bar(result.readiness))
    summary.add_row(
        "Best fit today", Text(name_of(kb, "roles", result.best_fit) if result.best_fit else "none yet")
    )
    summary.add_row(
        "First review", f"{result.review}, then every quarter: reflect on progress, adjust the goals"
    )
    title = f"{result.name}'s development plan" if result.name else "Development plan"
    out.print(Panel(summary, title=Text(title), title_align="left", box=box.ROUNDED, expand=False))
    for milestone in result.milestones:
        out.print(_milestone(milestone))
