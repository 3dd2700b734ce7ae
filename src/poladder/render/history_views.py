"""The history for people: printed one assessment at a time, as the history is read.

A history may hold any number of assessments, so the view never holds them all: no table is built
whose columns would need every row first. On a terminal wide enough for the columns (WIDE) each
assessment is a row of fixed columns; an assessment whose name or ids do not fit them, and every
assessment on a narrower terminal, is a short block instead, so that no date, name or id is cut.

Times are stored in UTC with their zone; they are shown in local time, with the zone's name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

from rich.cells import cell_len
from rich.text import Text

from poladder.core.wording import percent
from poladder.model.ladder import KnowledgeBase
from poladder.render import printable, signed_percent
from poladder.render.views import err, indented, out, percent_bar
from poladder.store.history import History, HistoryEntry

# (heading, width) of each column of a row; a gap of two spaces between them.
COLUMNS = (
    ("When", 24),
    ("Person", 20),
    ("Role", 14),
    ("Best fit", 14),
    ("Target", 14),
    ("Readiness", 15),
    ("Change", 6),
)
GAP = "  "
WIDE = sum(width for _, width in COLUMNS) + len(GAP) * (len(COLUMNS) - 1)
OTHER_KB = "* made under another version of the knowledge base"


def history(result: History, kb: KnowledgeBase | None = None) -> None:
    if not stream(result.root):
        err.print("No assessments yet — run `poladder assess`.", markup=False)


def stream(entries: Iterable[HistoryEntry]) -> int:
    """Print each assessment as it comes; how many there were (nothing is printed for none)."""
    rows = out.width >= WIDE
    count = 0
    other = False
    for entry in entries:
        if count == 0:
            out.print(_heading() if rows else _block_heading())
        count += 1
        other = other or entry.other_knowledge_base
        row = _row(entry) if rows else None
        if row is not None:
            out.print(row, soft_wrap=True)
        else:
            head, line = _block(entry)
            out.print(head)
            out.print(indented(line))  # wrapped lines stay under their entry
    if other:
        out.print(Text(OTHER_KB, style="yellow"))
    return count


def when(entry: HistoryEntry) -> str:
    """The time of an assessment in local time, with its zone: `2026-12-06 11:00 CET`."""
    try:
        moment = datetime.fromisoformat(entry.at)
    except ValueError:
        return printable(entry.at)  # not written by poladder: shown as it is
    if moment.tzinfo is None:  # stored in UTC, by every poladder
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone()
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or local.strftime("%z"))


def _when(entry: HistoryEntry) -> Text:
    shown = Text(when(entry))
    if entry.other_knowledge_base:
        shown.append(" *", style="yellow")
    return shown


def _whose(entry: HistoryEntry) -> str:
    if entry.person is not None:
        return printable(entry.person)  # an invisible character shown, so that nobody passes for another
    return "you" if entry.source == "interview" else "—"


def _change(entry: HistoryEntry) -> Text:
    if entry.change is None:
        return Text("")
    colour = "green" if entry.change > 0 else "red" if entry.change else ""
    return Text(signed_percent(entry.change), style=colour)


def _heading() -> Text:
    line = Text("Assessments\n", style="italic")
    for number, (name, width) in enumerate(COLUMNS):
        line.append(name.ljust(width) if number < len(COLUMNS) - 1 else name, style="bold")
        if number < len(COLUMNS) - 1:
            line.append(GAP)
    return line


def _row(entry: HistoryEntry) -> Text | None:
    """The assessment as one line of the columns, or None if a value does not fit its column."""
    ready = percent_bar(entry.readiness, 10) if entry.readiness is not None else Text("—")
    cells = [
        _when(entry),
        Text(_whose(entry), style="bold"),
        Text(printable(entry.role or "—")),
        Text(printable(entry.best_fit or "—")),
        Text(printable(entry.target or "—")),
        ready,
        _change(entry),
    ]
    line = Text()
    for number, (cell, (_, width)) in enumerate(zip(cells, COLUMNS, strict=True)):
        used = cell_len(cell.plain)
        if used > width:
            return None
        if number == len(COLUMNS) - 1:
            cell.align("right", width)
        line.append_text(cell)
        if number < len(COLUMNS) - 1:
            line.append(" " * (width - used) + GAP)
    return line


def _block_heading() -> Text:
    # Stacked, each value says what it is: there are no column headings to say it.
    return Text("Assessments: when, person, then target, readiness and change", style="italic")


def _block(entry: HistoryEntry) -> tuple[Text, Text]:
    head = _when(entry)
    head.append("  ")
    head.append(_whose(entry), style="bold")
    ready = percent(entry.readiness) if entry.readiness is not None else "—"
    line = Text(f"target {printable(entry.target or '—')} · readiness {ready}")
    if entry.change is not None:
        line.append(" · change ")
        line.append_text(_change(entry))
    role, fit = printable(entry.role or "—"), printable(entry.best_fit or "—")
    line.append(f" · role {role} · best fit {fit}", style="dim")
    return head, line
