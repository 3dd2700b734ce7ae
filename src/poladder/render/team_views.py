"""The rich view of a team (`poladder team`): skills matrix, gaps per skill, who is ready, uncovered skills.

Imported by the end of poladder.render.views. Every mark that carries meaning survives NO_COLOR and
pipes: a level below the target's need is written `1▾`, not only coloured red.
"""

from __future__ import annotations

from rich import box
from rich.columns import Columns
from rich.console import Group
from rich.table import Table
from rich.text import Text

from poladder.core.team import TeamMember, TeamReport
from poladder.core.wording import plural
from poladder.model.ladder import KnowledgeBase, abbreviations
from poladder.render.views import indented, name_of, narrow, out

MATRIX_ROWS = 50
READY_ROWS = 50
PERSON_WIDTH = 18
TARGET_WIDTH = 16
SHORT = "▾"


def _cell(have: int, need: int) -> Text:
    if not need:
        return Text(str(have) if have else "·", style="dim")
    if have >= need:
        return Text(str(have), style="green")
    return Text(f"{have}{SHORT}", style="red")


def _need(kb: KnowledgeBase | None, member: TeamMember, skill: str) -> int:
    if kb is None or member.target is None or member.target not in kb.roles:
        return 0
    return kb.roles[member.target].skills.get(skill, 0)


def _blocks(skills: list[str], short: dict[str, str], room: int) -> list[list[str]]:
    """The skill columns in as few blocks of about equal size as fit `room` characters each."""
    width = max((max(len(short[s]), 2) + 1 for s in skills), default=3)  # a cell is `3▾`, then a space
    per_block = max(1, room // width)
    count = -(-len(skills) // per_block)
    size = -(-len(skills) // count) if count else 0
    return [skills[i : i + size] for i in range(0, len(skills), size)] if size else [[]]


def _matrices(result: TeamReport, kb: KnowledgeBase | None, short: dict[str, str]) -> list[Table]:
    shown = result.members[:MATRIX_ROWS]
    person_width = min(PERSON_WIDTH, max(len(m.person) for m in shown))
    target_width = min(TARGET_WIDTH, max(len(m.target or "—") for m in shown))
    fixed = max(person_width, 6) + max(target_width, 6) + len("Readiness") + 3 + 2  # 3 gaps, 2 edges
    tables = []
    for block in _blocks(result.skills, short, out.width - fixed):
        table = Table(box=box.SIMPLE_HEAVY, padding=(0, 1, 0, 0), pad_edge=False)
        table.add_column("Person", overflow="ellipsis", no_wrap=True, max_width=PERSON_WIDTH)
        table.add_column("Target", overflow="ellipsis", no_wrap=True, max_width=TARGET_WIDTH)
        table.add_column("Readiness", justify="right", no_wrap=True)
        for skill in block:
            table.add_column(short[skill], justify="right", no_wrap=True)
        for member in shown:
            table.add_row(
                Text(member.person),
                member.target or "—",
                f"{member.readiness:.0%}" if member.readiness is not None else "—",
                *(_cell(member.skills.get(skill, 0), _need(kb, member, skill)) for skill in block),
            )
        tables.append(table)
    return tables


def _heading(text: str) -> None:
    out.print()
    out.print(Text(text, style="bold"))


def _by_skill(kb: KnowledgeBase | None, skills: list[str], *numbers: str) -> Table:
    """A table of one row per skill, then number columns: the skill names keep their width (a name is
    never cut or broken), and on a narrow terminal the number headers take two lines instead."""
    table = Table(box=box.SIMPLE_HEAVY)
    longest = max((len(name_of(kb, "skills", s)) for s in skills), default=5)
    table.add_column("Skill", min_width=min(longest, out.width // 2))
    for header in numbers:
        table.add_column(header.replace(" ", "\n", 1) if narrow() else header, justify="right")
    return table


def team(result: TeamReport, kb: KnowledgeBase | None = None) -> None:
    if not result.people:
        out.print("No profiles assessed.")
        return
    short = kb.skill_abbreviations if kb is not None else abbreviations(result.skills)
    people = plural(result.people, "person", "people")
    # Headings are lines of their own: a table's title would wrap to the width of a narrow table.
    out.print(Text(f"Skills matrix: {people}, each against the levels of their target", style="bold"))
    for table in _matrices(result, kb, short):
        out.print(table)
    out.print(
        Text.assemble(
            ("3", "green"), " meets the target's level   ", (f"1{SHORT}", "red"), " below it   ",
            ("2", "dim"), " held, not needed by the target   ", ("·", "dim"), " neither held nor needed",
        )
    )  # fmt: skip
    out.print(Columns([Text(f"{short[s]} {name_of(kb, 'skills', s)}", style="dim") for s in result.skills]))
    if result.people > MATRIX_ROWS:
        out.print(
            Text(
                f"The first {min(MATRIX_ROWS, len(result.members))} of {result.people:,} people; "
                f"--json lists {result.limit:,}, --jsonl everyone.",
                style="yellow",
            )
        )

    _heading("Biggest gaps across the team")
    if result.gaps:
        gaps = _by_skill(
            kb, [gap.skill for gap in result.gaps], "People short", "Levels missing", "Largest gap"
        )
        for gap in result.gaps:
            gaps.add_row(
                Text(name_of(kb, "skills", gap.skill)), f"{gap.people:,}", f"{gap.total:,}", str(gap.largest)
            )
        out.print(gaps)
    else:
        out.print(Text("None: everyone meets every level their target requires.", style="green"))

    _heading(f"Ready to move: {result.ready_people:,} at readiness 100% for a next role")
    if result.ready:
        ready = Table(box=box.SIMPLE_HEAVY)
        ready.add_column("Person")
        ready.add_column("Ready for")
        for person in result.ready[:READY_ROWS]:
            ready.add_row(Text(person.person), Text(", ".join(name_of(kb, "roles", r) for r in person.roles)))
        out.print(ready)
        if result.ready_people > READY_ROWS:
            more = result.ready_people - READY_ROWS
            out.print(
                Text(f"… and {more:,} more: --json lists {result.limit:,}, --jsonl everyone.", style="yellow")
            )
    else:
        out.print(Text("Nobody yet.", style="dim"))

    _heading("Skills nobody on the team holds at the level a target needs")
    if result.uncovered:
        holes = _by_skill(kb, [hole.skill for hole in result.uncovered], "Needed", "Team's best")
        stacked = narrow()  # then the roles go under the skill, where they have the width
        if not stacked:
            holes.add_column("Needed by")
        for hole in result.uncovered:
            skill = Text(name_of(kb, "skills", hole.skill))
            roles = Text(", ".join(name_of(kb, "roles", r) for r in hole.roles))
            if stacked:
                holes.add_row(
                    Group(skill, indented(Text("needed by ", style="dim") + roles)),
                    str(hole.need),
                    str(hole.best),
                )
            else:
                holes.add_row(skill, str(hole.need), str(hole.best), roles)
        out.print(holes)
    else:
        out.print(Text("None: for every skill a target needs, someone holds the level.", style="green"))
    if result.skipped:
        out.print(Text(f"\n{result.skipped:,} skipped: see the messages on stderr.", style="yellow"))
