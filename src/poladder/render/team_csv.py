"""A team as CSV: a row per person and skill, for a pivot table, written as the people stream by.

A cell holds text as text: control and bidi characters are written as their escapes (`\\x1b`,
`\\u202e`), as in every other output, and a cell that a spreadsheet would read as a formula — one that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return, or their fullwidth forms — is prefixed
with `'`, as OWASP advises against CSV injection (the XLSX workbook follows the same rule).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from poladder.core.team import TeamMember
from poladder.model.ladder import KnowledgeBase
from poladder.render import printable
from poladder.render.team_formats import name

# How a spreadsheet tells a formula (or a command, in some) from text: the first character.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

CSV_HEADER = [
    "person", "role", "target", "skill", "have", "need", "verdict",
    "role_need", "next_step", "years_left", "readiness", "source",
]  # fmt: skip


def spreadsheet_text(text: str) -> str:
    """`text` as a cell a spreadsheet shows as written (see the module docstring)."""
    text = printable(text)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_rows(member: TeamMember, kb: KnowledgeBase) -> Iterator[list[str | int | float]]:
    """One row per skill the person holds, or their target or role needs, in ladder order."""
    target = kb.roles[member.target].skills if member.target in kb.roles else {}
    role = kb.roles[member.role].skills if member.role in kb.roles else {}
    said = member.verdict
    person = spreadsheet_text(member.person)
    fixed = [
        person,
        spreadsheet_text(name(kb, "roles", member.role)),
        spreadsheet_text(name(kb, "roles", member.target)),
    ]
    tail: list[str | int | float] = [
        spreadsheet_text(name(kb, "roles", said.role)) if said else "",
        said.years_left if said else "",
        member.readiness if member.readiness is not None else "",
        spreadsheet_text(member.source),
    ]
    for skill in kb.skills:
        have = member.skills.get(skill, 0)
        need = target.get(skill, 0)
        if have or need or skill in role:
            yield [
                *fixed,
                spreadsheet_text(kb.skills[skill].name),
                have,
                need,
                said.status if said else "",
                role.get(skill, 0),
                *tail,
            ]


def write_csv(members: Iterable[TeamMember], kb: KnowledgeBase, write: Callable[[str], object]) -> None:
    """The header, then each member's rows as the member comes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for member in members:
        writer.writerows(csv_rows(member, kb))
        write(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    write(buffer.getvalue())
