"""The promotion case for people: the evidence logged, views side by side, and skills over time.

Each entry is a short block (its head on one line, the rest indented under it) rather than a table
of wrapping columns, so a narrow terminal never cuts an id, a date or a name. Text from people goes
in as `Text`, never as markup, through the views' SafeConsole.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from poladder.core.case import FLAG, Calibration, SkillViews
from poladder.core.wording import listed, percent, plural
from poladder.model.case import EvidenceList
from poladder.model.ladder import KnowledgeBase
from poladder.render.views import err, indented, name_of, out
from poladder.store.case import SkillHistory


def _skill_names(kb: KnowledgeBase | None, skills: list[str]) -> str:
    return ", ".join(name_of(kb, "skills", s) for s in skills)


def evidence(result: EvidenceList, kb: KnowledgeBase | None = None) -> None:
    if not result.root:
        err.print(Text("No evidence yet — log a win, an artefact or feedback: poladder log TEXT --skill ID"))
        return
    out.print(Text(f"Evidence: {plural(len(result.root), 'piece', 'pieces')}, oldest first", style="bold"))
    for entry in result.root:
        head = Text(f"{entry.id}", style="bold")
        head.append(f"  {entry.day}  ")
        head.append(entry.person if entry.person is not None else "you", style="bold")
        if entry.edited:
            head.append("  (edited)", style="dim")
        lines: list[Text] = [Text(entry.text)]
        lines.append(Text(_skill_names(kb, entry.skills), style="cyan"))
        if entry.link:
            lines.append(Text(entry.link, style="dim"))
        out.print(head)
        out.print(indented(Group(*lines)))


def _levels(self_level: int | None, raters: dict[str, int], names: list[str]) -> Text:
    """`self 4 · manager 2`: every view of one skill, on one line that wraps between views."""
    parts = [f"self {self_level if self_level is not None else '—'}"]
    parts += [f"{name} {raters.get(name, '—')}" for name in names]
    return Text(" · ".join(parts))


def _spread(skill: SkillViews) -> Text:
    """The spread where two views or more rated the skill ("—" where one did), flagged in red."""
    views = len(skill.raters) + (skill.self_ is not None)
    if views < 2:
        return Text("—", style="dim")
    return Text(
        f"{skill.spread} !" if skill.flagged else str(skill.spread), style="bold red" if skill.flagged else ""
    )


def _calibration_table(result: Calibration, kb: KnowledgeBase | None, names: list[str]) -> Table:
    table = Table(box=box.SIMPLE_HEAVY)
    table.add_column("Skill")
    table.add_column("Self", justify="right", no_wrap=True)
    for name in names:
        table.add_column(Text(name), justify="right", no_wrap=True)
    table.add_column("Spread", justify="right", no_wrap=True)
    for skill in result.skills:
        levels = [str(skill.self_) if skill.self_ is not None else "—"]
        levels += [str(skill.raters[n]) if n in skill.raters else "—" for n in names]
        style = "red" if skill.flagged else ""
        table.add_row(Text(name_of(kb, "skills", skill.skill), style=style), *levels, _spread(skill))
    return table


def _calibration_blocks(result: Calibration, kb: KnowledgeBase | None, names: list[str]) -> None:
    for skill in result.skills:
        head = Text(name_of(kb, "skills", skill.skill), style="bold red" if skill.flagged else "bold")
        head.append("  spread ")
        head.append_text(_spread(skill))
        out.print(head)
        out.print(indented(_levels(skill.self_, skill.raters, names)))


def calibration(result: Calibration, kb: KnowledgeBase | None = None) -> None:
    whose = "Your" if result.person == "you" else f"{result.person}'s"
    names = [v.rater for v in result.views]
    out.print(Text(f"{whose} skills: the self-assessment beside each rater's latest view", style="bold"))
    given = [f"self {result.self_at[:10]}" if result.self_at else "no self-assessment yet"]
    given += [f"{v.rater} {v.at[:10]}" for v in result.views]
    out.print(Text("Views: " + ", ".join(given), style="dim"))
    if not names:
        out.print(Text("No rater's view yet: `poladder assess --rater NAME` saves one.", style="yellow"))
    # A table that does not fit would cut names: each skill becomes a short block instead.
    table = _calibration_table(result, kb, names)
    if out.measure(table, options=out.options.update_width(10_000)).maximum > out.width:
        _calibration_blocks(result, kb, names)
    else:
        out.print(table)
    out.print(Text("— not rated in that view; the spread is of the levels given", style="dim"))
    flagged = [name_of(kb, "skills", s) for s in result.flagged]
    if flagged:
        out.print(
            Text(
                f"\nViews differ by {FLAG} levels or more on {plural(len(flagged), 'skill')}: "
                f"{listed(flagged)}. Talk each through before any promotion conversation: which "
                "examples show the level? Log them with `poladder log`.",
                style="yellow",
            )
        )
    elif names:
        out.print(Text(f"\nNo skill where views differ by {FLAG} levels or more.", style="green"))


def skill_history(result: SkillHistory, kb: KnowledgeBase | None = None) -> None:
    whose = "Your" if result.person == "you" else f"{result.person}'s"
    count = plural(len(result.assessments), "assessment")
    out.print(Text(f"{whose} skills across {count}, oldest first", style="bold"))
    columns = Table.grid(padding=(0, 1))
    columns.add_column(justify="right", no_wrap=True)
    columns.add_column(ratio=1)
    for number, column in enumerate(result.assessments, 1):
        line = Text(column.at.replace("T", " ")[:16])
        if column.other_knowledge_base:
            line.append(" *", style="yellow")
        said = [f"target {name_of(kb, 'roles', column.target)}" if column.target else "no target"]
        if column.readiness is not None:
            said.append(f"readiness {percent(column.readiness)}")
        if column.verdict:
            said.append(column.verdict)
        line.append("  " + " · ".join(said), style="dim")
        columns.add_row(f"{number}.", line)
    out.print(columns)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(ratio=1)
    grid.add_column()
    grid.add_column(justify="right", no_wrap=True)
    for track in result.skills:
        levels = " → ".join("—" if level is None else str(level) for level in track.levels)
        change = Text("")
        if track.change is not None:
            style = "green" if track.change > 0 else "red" if track.change < 0 else ""
            change = Text(f"{track.change:+d}", style=style)
        grid.add_row(Text(name_of(kb, "skills", track.skill), style="bold"), Text(levels), change)
    out.print()
    out.print(grid)
    if any(c.other_knowledge_base for c in result.assessments):
        out.print(
            Text(
                "* made under another version of the ladder: shown as it was then, never re-scored",
                style="yellow",
            )
        )
