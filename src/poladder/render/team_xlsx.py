"""A team as an XLSX workbook: a heatmap sheet written person by person as they are read, then a sheet
per view of the report (`poladder.render.team_formats.sections`), written once everyone is in.

XlsxWriter writes it in its constant-memory mode: each row goes to a temporary file as soon as the
next one starts, so a heatmap of any number of people takes the memory of one row. The heatmap's
cells hold the level held, as a number; their colours are conditional formats that compare it with
the target's and the current role's levels, held in hidden columns to the right, so the colours follow
when someone edits a level. Text is always written as a string, never as a formula: a name that
starts like one gets Excel's quote prefix (see `team_csv.spreadsheet_text`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.utility import xl_col_to_name  # type: ignore[import-untyped]

from poladder.core.team import TeamMember
from poladder.core.team_report import TeamReport
from poladder.model.ladder import KnowledgeBase
from poladder.render import printable
from poladder.render.team_csv import FORMULA_START
from poladder.render.team_formats import (
    STATES,
    Cell,
    Percent,
    matrix_headers,
    matrix_row,
    need_of,
    sections,
)

FILLS = {"meets": "#DFF3E4", "below": "#FFF1C2", "short": "#F8D0D0"}


class Workbook:
    """`people()` passes the members through, writing each to the heatmap; `finish()` the rest."""

    def __init__(self, file: BinaryIO, kb: KnowledgeBase, bench: str | None) -> None:
        self.kb = kb
        self.book = xlsxwriter.Workbook(
            file,
            {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
             "strings_to_urls": False},
        )  # fmt: skip
        self.bold = self.book.add_format({"bold": True, "bg_color": "#F3F3F3", "text_wrap": True})
        self.percent = self.book.add_format({"num_format": "0%"})
        self.quoted = self.book.add_format({"quote_prefix": True})
        self.fills = {k: self.book.add_format({"bg_color": v}) for k, v in FILLS.items()}
        self.grey = self.book.add_format({"font_color": "#999999"})
        self.skills = list(kb.skills)
        self.heatmap = self.book.add_worksheet("Heatmap")
        self.rows = 0
        self.fixed = len(matrix_headers())
        headers = [*matrix_headers(), *(kb.skills[s].name for s in self.skills)]
        headers += [f"need: {kb.skills[s].name}" for s in self.skills]
        headers += [f"role needs: {kb.skills[s].name}" for s in self.skills]
        for col, header in enumerate(headers):
            self._text(self.heatmap, 0, col, header, self.bold)
        count = len(self.skills)
        self.heatmap.set_column(0, 0, 24)
        self.heatmap.set_column(1, 2, 22)
        self.heatmap.set_column(3, 3, 10, self.percent)
        self.heatmap.set_column(4, 4, 20)
        self.heatmap.set_column(self.fixed, self.fixed + count - 1, 6)
        self.heatmap.set_column(self.fixed + count, self.fixed + 3 * count - 1, 6, None, {"hidden": True})
        self.heatmap.set_row(0, 90)
        self.heatmap.freeze_panes(1, 1)

    def _text(self, sheet: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
        text = printable(text)[:32_767]  # a cell holds at most that many characters
        sheet.write_string(row, col, text, fmt or (self.quoted if text.startswith(FORMULA_START) else None))

    def _cell(self, sheet: Any, row: int, col: int, cell: Cell) -> None:
        if cell is None:
            sheet.write_blank(row, col, None)
        elif isinstance(cell, str):
            self._text(sheet, row, col, cell)
        elif isinstance(cell, Percent):
            sheet.write_number(row, col, float(cell), self.percent)
        else:
            sheet.write_number(row, col, cell)

    def people(self, members: Iterable[TeamMember]) -> Iterator[TeamMember]:
        kb, sheet, count = self.kb, self.heatmap, len(self.skills)
        for member in members:
            self.rows += 1
            cells, _ = matrix_row(member, kb, [])
            for col, cell in enumerate(cells):
                self._cell(sheet, self.rows, col, cell)
            for i, skill in enumerate(self.skills):
                sheet.write_number(self.rows, self.fixed + i, member.skills.get(skill, 0))
                sheet.write_number(self.rows, self.fixed + count + i, need_of(kb, member.target, skill))
                sheet.write_number(self.rows, self.fixed + 2 * count + i, need_of(kb, member.role, skill))
            yield member

    def _colours(self) -> None:
        """The heatmap's conditional formats, now that its last row is known."""
        sheet, count, last = self.heatmap, len(self.skills), max(self.rows, 1)
        first = self.fixed
        have = f"{xl_col_to_name(first)}2"
        need = f"{xl_col_to_name(first + count)}2"
        role = f"{xl_col_to_name(first + 2 * count)}2"
        rules = [
            ("short", f"={have}<{role}"),
            ("below", f"={have}<{need}"),
            ("meets", f"=AND({need}>0,{have}>={need})"),
        ]
        for kind, formula in rules:
            sheet.conditional_format(
                1, first, last, first + count - 1,
                {"type": "formula", "criteria": formula, "format": self.fills[kind], "stop_if_true": True},
            )  # fmt: skip
        sheet.conditional_format(
            1, first, last, first + count - 1,
            {"type": "formula", "criteria": f"=AND({need}=0,{have}>0)", "format": self.grey},
        )  # fmt: skip
        sheet.conditional_format(
            1, 3, last, 3,
            {"type": "3_color_scale", "min_type": "num", "min_value": 0.5, "max_type": "num", "max_value": 1},
        )  # fmt: skip
        sheet.autofilter(0, 0, last, first + count - 1)

    def finish(self, report: TeamReport) -> None:
        """The heatmap's colours and filters, a sheet per view, a sheet that says how to read it."""
        self._colours()
        for section in sections(report, self.kb):
            sheet = self.book.add_worksheet(section.sheet)
            self._text(sheet, 0, 0, section.title, self.bold)
            if not section.rows:
                self._text(sheet, 2, 0, section.empty)
                continue
            for col, header in enumerate(section.headers):
                self._text(sheet, 2, col, header, self.bold)
            for number, row in enumerate(section.rows, 3):
                for col, cell in enumerate(row):
                    self._cell(sheet, number, col, cell)
            sheet.set_column(0, len(section.headers) - 1, 20)
            sheet.freeze_panes(3, 1)
            sheet.autofilter(2, 0, 2 + len(section.rows), len(section.headers) - 1)
        key = self.book.add_worksheet("How to read")
        lines = [
            "Heatmap: the level each person holds of each skill (0-5), coloured against their target's "
            "level and their current role's, which the hidden columns to the right hold.",
            *(f"{STATES[kind][1]}: {colour}" for kind, colour in (
                ("meets", "green"), ("below", "yellow"), ("short", "red"), ("extra", "grey text"))),
            f"Knowledge base {report.knowledge_base.version or ''} ({report.knowledge_base.sha256[:12]}).",
            "A ladder is a guide, not a checklist: managers and results decide.",
        ]  # fmt: skip
        for number, line in enumerate(lines):
            self._text(key, number, 0, line)
        key.set_column(0, 0, 110)
        self.book.close()
