"""The rich view of a team (`poladder team`): who is ready, who could step up, the skills matrix, the
gaps, what training to buy — the sections of `poladder.render.team_formats`, which the documents and
the workbook show too, drawn as tables, or on a narrow terminal one entry at a time.

Every mark that carries meaning survives NO_COLOR and pipes: a level is `3` (meets the target's level),
`1▾` (below it), `1!` (below even the current role's), `(2)` (held, not needed) or `·`. Names are never
cut: on a narrow terminal a table's rows are stacked, and the matrix keeps each name whole.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.columns import Columns
from rich.console import Group
from rich.table import Table
from rich.text import Text

from poladder.core.team import TeamMember
from poladder.core.team_report import TeamReport
from poladder.model.ladder import KnowledgeBase
from poladder.render.team_formats import (
    STATES,
    Cell,
    Section,
    levels_said,
    matrix_headers,
    matrix_row,
    plain,
    sections,
    summary,
)
from poladder.render.views import fits, indented, out

ROWS = 50  # rows of a section, or people in the matrix, shown on a terminal
PEOPLE_FIRST = 5  # the sections before the matrix: bands, bench, successors, single points


def _heading(text: str) -> None:
    out.print()
    out.print(Text(text, style="bold"))


def _numeric(section: Section, col: int) -> bool:
    return any(isinstance(row[col], (int, float)) for row in section.rows)


def _rows(section: Section, rows: list[list[Cell]]) -> None:
    """A table, if it fits without breaking a word; else one entry at a time: its first cell on a
    line of its own, the rest under it, wrapping between words."""
    table = Table(box=box.SIMPLE_HEAVY)
    for col, header in enumerate(section.headers):
        table.add_column(header, justify="right" if _numeric(section, col) else "left")
    for row in rows:
        table.add_row(*(Text(plain(c)) for c in row))
    if fits(table):
        out.print(table)
        return
    out.print(
        Text(
            f"{section.headers[0]}, then its " + ", ".join(h.lower() for h in section.headers[1:]),
            style="dim",
        )
    )
    for row in rows:
        # A cell with nothing in it (no alternatives, no role) drops its label too: "alternatives ;"
        # would read as a value left out.
        rest = [
            f"{h.lower()} {plain(c)}"
            for h, c in zip(section.headers[1:], row[1:], strict=True)
            if c is not None and c != ""
        ]
        out.print(Group(Text(plain(row[0]), style="bold"), indented(Text("; ".join(rest)))))


def _section(section: Section, limit: int = ROWS) -> None:
    _heading(section.title)
    if not section.rows:
        out.print(Text(section.empty, style="dim"))
        return
    if section.note:
        out.print(Text(section.note, style="dim"))
    _rows(section, section.rows[:limit])
    if len(section.rows) > limit:
        more = len(section.rows) - limit
        out.print(Text(f"… and {more:,} more: --json lists them all, -o team.xlsx too.", style="yellow"))


def _blocks(skills: list[str], count: int) -> list[list[str]]:
    """The skill columns in `count` blocks of about equal size (the last may be smaller)."""
    size = -(-len(skills) // count) if count else 0
    return [skills[i : i + size] for i in range(0, len(skills), size)] if size else [[]]


def _matrix_table(shown: list[TeamMember], kb: KnowledgeBase, block: list[str], person: int) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, padding=(0, 1, 0, 0), pad_edge=False)
    table.add_column("Person", width=person)
    for skill in block:
        table.add_column(kb.skill_abbreviations[skill], justify="right", no_wrap=True)
    for member in shown:
        marks = matrix_row(member, kb, block)[1]
        table.add_row(Text(member.person), *(Text(m, style=STATES[kind][2]) for m, kind in marks))
    return table


def _drawn_width(cells: list[int]) -> int:
    """How wide rich draws a matrix table whose columns hold at most `cells` characters (the person's
    first): SIMPLE_HEAVY has an edge on each side and a divider between columns, blank but a character
    wide each, and every column a space of right padding but the last (pad_edge=False). A table
    wider than the terminal is shrunk by rich, which cuts the last columns' values and headers."""
    return 2 + (len(cells) - 1) + sum(cells) + (len(cells) - 1)


def _packed(shown: list[TeamMember], kb: KnowledgeBase, skills: list[str]) -> tuple[int, list[list[str]]]:
    """The person column's width and the fewest blocks of skills whose tables each fit the terminal
    whole. Names keep a line each while that costs no extra block; else they wrap between words,
    never inside one."""
    room = out.width
    short = kb.skill_abbreviations
    widest = {
        s: max(
            cell_len(short[s]), *(cell_len(m) for member in shown for m, _ in matrix_row(member, kb, [s])[1])
        )
        for s in skills
    }
    whole = max((cell_len(m.person) for m in shown), default=6)
    word = max((cell_len(w) for m in shown for w in m.person.split()), default=6)
    widths = sorted({min(max(w, 6), room - 10) for w in (whole, word)}, reverse=True)
    for count in range(1, len(skills) + 1):
        blocks = _blocks(skills, count)
        for person in widths:
            if all(_drawn_width([person] + [widest[s] for s in b]) <= room for b in blocks):
                return person, blocks
    return widths[-1], _blocks(skills, len(skills))  # narrower than any view supports


def _matrix(result: TeamReport, kb: KnowledgeBase) -> None:
    shown = result.members[:ROWS]
    _heading("Where everyone stands: role, target, readiness and the verdict on the next step")
    people = Section("", "", matrix_headers(), [matrix_row(m, kb, [])[0] for m in shown])
    _rows(people, people.rows)
    short = kb.skill_abbreviations
    _heading("Skills matrix: each level against the person's target")
    person, blocks = _packed(shown, kb, result.skills)
    for block in blocks:
        out.print(_matrix_table(shown, kb, block, person))
    legend = Text()
    for kind, (mark, words, style) in STATES.items():
        legend.append(mark.format(3 if kind != "below" and kind != "short" else 1), style=style)
        legend.append(f" {words}   ")
    out.print(legend)
    names = [f"{short[s]} {kb.skills[s].name}" for s in result.skills]
    out.print(Columns([Text(n, style="dim") for n in names]))
    if result.people > len(shown):
        out.print(
            Text(
                f"The first {len(shown):,} of {result.people:,} people; --json lists {result.limit:,}, "
                "--jsonl and -o team.csv or team.xlsx everyone.",
                style="yellow",
            )
        )


def team(result: TeamReport, kb: KnowledgeBase | None = None) -> None:
    assert kb is not None  # render() gives every team view its ladder
    if not result.people:
        out.print("No profiles assessed.")
        if result.skipped:
            out.print(Text(f"{result.skipped:,} skipped: see the messages on stderr.", style="yellow"))
        return
    out.print(Text(summary(result), style="bold"))
    if levels := levels_said(result):
        out.print(Text(levels))
    views = sections(result, kb)
    first = PEOPLE_FIRST if result.bench_role is not None else PEOPLE_FIRST - 1
    for section in views[:first]:
        _section(section)
    _matrix(result, kb)
    for section in views[first:]:
        _section(section)
    if result.skipped or result.duplicates:
        out.print(Text("\nSee the messages on stderr for the profiles left out.", style="yellow"))
