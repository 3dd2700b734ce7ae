"""The promotion case for people: the evidence logged, views side by side, and skills over time.

Each entry is a short block (its head on one line, the rest indented under it) rather than a table
of wrapping columns, so a narrow terminal never cuts an id, a date or a name. Text from people goes
in as `Text`, never as markup, through the views' SafeConsole.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from poladder.core.case import FLAG, Calibration
from poladder.core.wording import listed, plural
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


def calibration(result: Calibration, kb: KnowledgeBase | None = None) -> None:
    whose = "Your" if result.person == "you" else f"{result.person}'s"
    names = [v.rater for v in result.views]
    out.print(Text(f"{whose} skills: the self-assessment beside each rater's latest view", style="bold"))
    given = [f"self {result.self_at[:10]}" if result.self_at else "no self-assessment yet"]
    given += [f"{v.rater} {v.at[:10]}" for v in result.views]
    out.print(Text("Views: " + ", ".join(given), style="dim"))
    if not names:
        out.print(Text("No rater's view yet: `poladder assess --rater NAME` saves one.", style="yellow"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for skill in result.skills:
        mark = Text("!", style="bold red") if skill.flagged else Text(" ")
        head = Text(name_of(kb, "skills", skill.skill), style="bold")
        head.append(f"  spread {skill.spread}")
        if skill.flagged:
            head.append(f" — views differ by {skill.spread} levels", style="red")
        grid.add_row(mark, Group(head, indented(_levels(skill.self_, skill.raters, names))))
    out.print(grid)
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
    for number, column in enumerate(result.assessments, 1):
        line = Text(f"{number}. ")
        line.append(column.at.replace("T", " ")[:16])
        if column.other_knowledge_base:
            line.append(" *", style="yellow")
        said = [f"target {name_of(kb, 'roles', column.target)}" if column.target else "no target"]
        if column.readiness is not None:
            said.append(f"readiness {column.readiness:.0%}")
        if column.verdict:
            said.append(column.verdict)
        line.append("  " + " · ".join(said), style="dim")
        out.print(line)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(ratio=1)
    grid.add_column(justify="right", no_wrap=True)
    for track in result.skills:
        levels = " → ".join("—" if level is None else str(level) for level in track.levels)
        change = Text("")
        if track.change is not None:
            style = "green" if track.change > 0 else "red" if track.change < 0 else ""
            change = Text(f"{track.change:+d}", style=style)
        grid.add_row(
            Group(Text(name_of(kb, "skills", track.skill), style="bold"), indented(Text(levels))), change
        )
    out.print()
    out.print(grid)
    if any(c.other_knowledge_base for c in result.assessments):
        out.print(
            Text(
                "* made under another version of the ladder: shown as it was then, never re-scored",
                style="yellow",
            )
        )
