"""The development plan in the terminal: a summary, then one panel per milestone."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from poladder.knowledge import KnowledgeBase
from poladder.plan import Plan
from poladder.render.views import bar, name_of, out, percent_bar, show


@show.register
def _(result: Plan, kb: KnowledgeBase | None = None) -> None:
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row(
        "Target",
        f"{name_of(kb, 'roles', result.target)}, by {result.end} (about {result.total_years:g} years)",
    )
    summary.add_row("Readiness today", percent_bar(result.readiness))
    summary.add_row(
        "Best fit today", name_of(kb, "roles", result.best_fit) if result.best_fit else "none yet"
    )
    summary.add_row(
        "First review", f"{result.review}, then every quarter: reflect on progress, adjust the goals"
    )
    title = f"{result.name}'s development plan" if result.name else "Development plan"
    out.print(Panel(summary, title=title, title_align="left", box=box.ROUNDED, expand=False))
    for m in result.milestones:
        parts: list[Table | Text] = []
        if m.skills:
            skills = Table(box=box.SIMPLE, show_header=True, expand=True)
            skills.add_column("Skill", ratio=1)
            skills.add_column("", no_wrap=True)
            skills.add_column("How", ratio=3)
            for s in m.skills:
                skills.add_row(
                    s.name,
                    Text.assemble(bar(s.from_, s.to), f" {s.from_}→{s.to}"),
                    "\n".join(f"• {a}" for a in s.actions),
                )
            parts.append(skills)
        for number, c in enumerate(m.certifications, 1):
            after = f" (after {', '.join(c.requires)})" if c.requires else ""
            parts.append(Text(f"{number}. {c.name} — {c.provider}{after}"))
        heading = f"Milestone {m.number}: {m.title} — {m.starts} to {m.due}"
        out.print(
            Panel(
                Group(*parts) if parts else Text("Nothing more to raise: make the move."),
                title=heading,
                title_align="left",
                box=box.ROUNDED,
            )
        )
