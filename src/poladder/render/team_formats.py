"""A team as documents people use: Markdown and one self-contained HTML page that prints well (the
bands, the heatmap and every other view), as sections that the XLSX workbook
(`poladder.render.team_xlsx`) and the terminal view show too; CSV is `poladder.render.team_csv`.

Every name is data, whatever it holds: in Markdown and HTML it goes through the escaping of
`poladder.render.markup` (one implementation for every document).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from poladder.core.team import TeamMember
from poladder.core.team_report import TeamReport, Training
from poladder.core.wording import percent, plural, years_text
from poladder.model.ladder import Cost, KnowledgeBase

# plan_formats holds the one escaping of data for Markdown and HTML; these formats reuse it.
from poladder.render.markup import CSS as PLAN_CSS
from poladder.render.markup import html as html_text
from poladder.render.markup import md as md_text

# A cell of the skills matrix, told apart without colour: (mark, what it means, style for colour).
MEETS, BELOW, SHORT, EXTRA, NONE = "meets", "below", "short", "extra", "none"
STATES = {
    MEETS: ("{}", "meets the target's level", "green"),
    BELOW: ("{}▾", "below the target's level", "yellow"),
    SHORT: ("{}!", "below even the current role's level", "red"),
    EXTRA: ("({})", "held, not needed by the target", "dim"),
    NONE: ("·", "neither held nor needed", "dim"),
}
VERDICT_WORDS = {"ready": "ready now", "close": "within a year", "not-yet": "not yet"}


def need_of(kb: KnowledgeBase, role: str | None, skill: str) -> int:
    return kb.roles[role].skills.get(skill, 0) if role in kb.roles else 0


def state(have: int, need: int, role_need: int) -> str:
    """Which of STATES a level is in, against the target's need and the current role's."""
    if have < role_need:
        return SHORT
    if need:
        return MEETS if have >= need else BELOW
    return EXTRA if have else NONE


def mark(have: int, need: int, role_need: int) -> str:
    return STATES[state(have, need, role_need)][0].format(have)


def verdict_text(member: TeamMember) -> str:
    said = member.verdict
    if said is None:
        return "—"
    if said.status == "ready":
        return "ready now"
    return f"{VERDICT_WORDS[said.status]}, {years_text(said.years_left)} left"


def name(kb: KnowledgeBase, kind: str, ident: str | None) -> str:
    if ident is None:
        return ""
    entry = getattr(kb, kind).get(ident)
    return entry.name if entry is not None else ident


def cost_text(cost: Cost | None) -> str:
    if cost is None:
        return "not in the ladder"
    if cost.amount is not None:
        return f"{cost.currency or ''} {cost.amount:,.0f}".strip()
    return "varies"


def short_name(kb: KnowledgeBase, cert_id: str) -> str:
    """A certification as people say it: the letters in brackets at the end of its name (CSPO)."""
    full = name(kb, "certifications", cert_id)
    found = re.search(r"\(([^()]+)\)\s*$", full)
    return found.group(1) if found else full


def seat_cost(kb: KnowledgeBase, training: Training) -> str:
    """What a seat costs; when the price of the one to buy varies, each alternative's with a price
    too, since any one of them will do (CSPO: varies; PSPO I: USD 200)."""
    own = cost_text(training.cost)
    if training.cost is not None and training.cost.amount is not None:
        return own
    priced = [
        (a, cost)
        for a in training.alternatives
        if a in kb.certifications and (cost := kb.certifications[a].cost) and cost.amount is not None
    ]
    if not priced:
        return own
    parts = [f"{short_name(kb, training.certification)}: {own}"]
    return "; ".join(parts + [f"{short_name(kb, a)}: {cost_text(cost)}" for a, cost in priced])


# -- the views as sections of rows, for Markdown, HTML and XLSX ------------------------------------------


class Percent(float):
    """A readiness: a number in a spreadsheet, `95%` in a document."""


Cell = str | int | float | None


@dataclass
class Section:
    sheet: str  # its name as an XLSX sheet: at most 31 characters
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""  # said under the title: how many, what is left out
    empty: str = "None."


def _more(shown: int, total: int) -> str:
    return f"The first {shown:,} of {total:,}; --jsonl lists everyone." if total > shown else ""


def _gaps(kb: KnowledgeBase, gaps: Iterable[tuple[str, int, int]], count: int = 3) -> str:
    listed = list(gaps)
    text = ", ".join(f"{name(kb, 'skills', s)} {h}→{n}" for s, h, n in listed[:count])
    return text + (f" and {len(listed) - count} more" if len(listed) > count else "")


def sections(report: TeamReport, kb: KnowledgeBase) -> list[Section]:
    """Every view of the report but the matrix, as titled tables of plain cells."""
    r, found = report, []
    ready = Section(
        "Ready now",
        f"Ready now — {plural(r.ready_people, 'person', 'people')}",
        ["Person", "Role", "Next step", "Readiness", "In role"],
        note=_more(len(r.ready), r.ready_people),
        empty="Nobody yet.",
    )
    for e in r.ready:
        served = "" if e.served is None else years_text(e.served) + (" (assumed)" if e.assumed_served else "")
        ready.rows.append(
            [e.person, name(kb, "roles", e.role), name(kb, "roles", e.step), Percent(e.readiness), served]
        )
    close = Section(
        "Within a year",
        f"Ready within a year — {plural(r.close_people, 'person', 'people')}",
        ["Person", "Role", "Next step", "Readiness", "Years left"],
        note=_more(len(r.close), r.close_people),
        empty="Nobody.",
    )
    for e in r.close:
        close.rows.append(
            [
                e.person,
                name(kb, "roles", e.role),
                name(kb, "roles", e.step),
                Percent(e.readiness),
                e.years_left,
            ]
        )
    found += [ready, close]
    if r.bench_role is not None:
        bench = Section(
            "Bench",
            f"Bench for {name(kb, 'roles', r.bench_role)} — {plural(len(r.bench), 'candidate')}",
            ["Person", "Role now", "Verdict", "Readiness", "Years left", "Largest gaps"],
            note="Everyone below the role, nearest first.",
            empty="Nobody below this role on the team.",
        )
        for c in r.bench:
            bench.rows.append(
                [
                    c.person,
                    name(kb, "roles", c.current_role),
                    VERDICT_WORDS[c.status],
                    Percent(c.readiness),
                    c.years_left,
                    _gaps(kb, ((g.skill, g.have, g.need) for g in c.gaps)) or "none",
                ]
            )
        found.append(bench)
    successors = Section(
        "Successors",
        "Who could step up — each role's strongest successor",
        ["Role", "In it", "Strongest successor", "Their role", "Readiness", "One move away", "Of them ready"],
        note="Among the people one move away from the role, the highest readiness for it.",
    )
    for s in r.successors:
        successors.rows.append(
            [
                name(kb, "roles", s.role),
                s.holders,
                s.person or "nobody one move away",
                name(kb, "roles", s.current_role),
                Percent(s.readiness) if s.readiness is not None else None,
                s.candidates,
                s.ready,
            ]
        )
    points = Section(
        "Single points",
        "Single points of failure — skills only one person holds at the level the team's roles need",
        ["Skill", "Level", "Only", "Roles that need it"],
        empty="None: every skill the team's roles need is held at that level by two people or more.",
    )
    for p in r.single_points:
        points.rows.append(
            [name(kb, "skills", p.skill), p.level, p.person, ", ".join(name(kb, "roles", x) for x in p.roles)]
        )
    found += [successors, points]
    target = Section(
        "Gaps to targets",
        "Biggest gaps against targets",
        ["Skill", "People short", "Levels missing", "Largest gap"],
        empty="None: everyone meets every level their target requires.",
    )
    target.rows = [[name(kb, "skills", g.skill), g.people, g.total, g.largest] for g in r.gaps]
    role = Section(
        "Short in role",
        f"Short in the job they have now — {plural(r.short_in_role_people, 'person', 'people')}",
        ["Person", "Role", "Short in"],
        note=_more(len(r.short_in_role), r.short_in_role_people),
        empty="Nobody: everyone meets the levels of the role they have.",
    )
    role.rows = [
        [s.person, name(kb, "roles", s.role), _gaps(kb, ((g.skill, g.have, g.need) for g in s.gaps), 5)]
        for s in r.short_in_role
    ]
    training = Section(
        "Training",
        "Training that closes the most gaps",
        [
            "Certification",
            "Alternatives",
            "Helps",
            "Can take it now",
            "Levels closed",
            "Cost of a seat",
            "Builds",
        ],
        note="One of each set of alternatives, from what `poladder assess` suggests to each person; a "
        "seat's cost as the ladder's source gives it, and where it varies the alternatives' too.",
        empty="None: no certification suggested to anyone builds a skill they are short in.",
    )
    for t in r.training:
        training.rows.append(
            [
                name(kb, "certifications", t.certification),
                ", ".join(name(kb, "certifications", a) for a in t.alternatives) or None,
                t.people,
                t.now,
                t.levels,
                seat_cost(kb, t),
                ", ".join(name(kb, "skills", s) for s in t.skills),
            ]
        )
    uncovered = Section(
        "Uncovered",
        "Skills nobody on the team holds at the level a target needs",
        ["Skill", "Needed", "Team's best", "Needed by"],
        empty="None: for every skill a target needs, someone holds the level.",
    )
    uncovered.rows = [
        [name(kb, "skills", u.skill), u.need, u.best, ", ".join(name(kb, "roles", x) for x in u.roles)]
        for u in r.uncovered
    ]
    return [*found, target, role, training, uncovered]


def matrix_headers() -> list[str]:
    return ["Person", "Role", "Target", "Readiness", "Next step"]


def matrix_row(
    member: TeamMember, kb: KnowledgeBase, skills: list[str]
) -> tuple[list[Cell], list[tuple[str, str]]]:
    """The person's cells, then (mark, state) for each skill of `skills`."""
    cells: list[Cell] = [
        member.person,
        name(kb, "roles", member.role),
        name(kb, "roles", member.target),
        Percent(member.readiness) if member.readiness is not None else None,
        verdict_text(member),
    ]
    marks = []
    for skill in skills:
        have = member.skills.get(skill, 0)
        need, role_need = need_of(kb, member.target, skill), need_of(kb, member.role, skill)
        marks.append((mark(have, need, role_need), state(have, need, role_need)))
    return cells, marks


def plain(cell: Cell) -> str:
    if cell is None:
        return "—"
    if isinstance(cell, Percent):
        return percent(cell)
    if isinstance(cell, float):
        return f"{cell:g}"
    if isinstance(cell, int):
        return f"{cell:,}"
    return cell


def summary(report: TeamReport) -> str:
    parts = [
        f"{plural(report.people, 'person', 'people')} assessed",
        f"{report.ready_people:,} ready now",
        f"{report.close_people:,} within a year",
        f"{report.not_yet_people:,} not yet",
    ]
    if report.duplicates:
        parts.append(f"{plural(report.duplicates, 'duplicate')} left out")
    if report.skipped:
        parts.append(f"{report.skipped:,} skipped")
    return "; ".join(parts) + "."


def levels_said(report: TeamReport) -> str | None:
    """Whose levels the report is made from, when they are not only the profiles' own."""
    if report.view is None:
        return None
    return f"Levels: {report.view}'s latest view where they rated, the profiles' own elsewhere."


def _stamp(report: TeamReport) -> str:
    kb = report.knowledge_base
    return (
        f"Made by poladder from knowledge base {kb.version or ''} ({kb.sha256[:12]}). A ladder is a "
        "guide, not a checklist — managers and results decide."
    )


# -- Markdown ------------------------------------------------------------------------------------------


def _md_cell(cell: Cell) -> str:
    return md_text(plain(cell)) if isinstance(cell, str) else plain(cell)


def _md_table(headers: list[str], rows: Iterable[list[Cell]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def markdown(report: TeamReport, kb: KnowledgeBase) -> str:
    lines = [f"# Team: {plural(report.people, 'person', 'people')}", "", summary(report), ""]
    if levels := levels_said(report):
        lines += [md_text(levels), ""]
    for section in sections(report, kb):
        lines += [f"## {md_text(section.title)}", ""]
        if section.note and section.rows:
            lines += [f"_{md_text(section.note)}_", ""]
        lines += _md_table(section.headers, section.rows) if section.rows else [md_text(section.empty), ""]
    short = kb.skill_abbreviations
    lines += ["## Skills matrix — each level against the person's target", ""]
    if report.members:
        skills = report.skills
        rows = []
        for member in report.members:
            cells, marks = matrix_row(member, kb, skills)
            rows.append([*(_md_cell(c) for c in cells), *(md_text(m) for m, _ in marks)])
        lines += ["| " + " | ".join([*matrix_headers(), *(short[s] for s in skills)]) + " |"]
        lines += ["|" + "---|" * (len(matrix_headers()) + len(skills))]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        lines += ["", _more(len(report.members), report.people) or ""]
        lines += [
            "Marks: "
            + "; ".join(f"`{md_text(m.format(3))}` {md_text(w)}" for m, w, _ in STATES.values())
            + ".",
            "",
            "Skills: " + "; ".join(f"{short[s]} {md_text(name(kb, 'skills', s))}" for s in skills) + ".",
            "",
        ]
    else:
        lines += ["No profiles assessed.", ""]
    lines += [f"_{md_text(_stamp(report))}_", ""]
    return "\n".join(lines)


# -- HTML ----------------------------------------------------------------------------------------------

CSS = (
    PLAN_CSS
    + """
table.matrix { width: auto; font-size: .85rem; } table.matrix td { text-align: center; }
table.matrix td.person, table.matrix td.text { text-align: left; }
td.meets { background: #dff3e4; } td.below { background: #fff1c2; } td.short { background: #f8d0d0; }
td.extra { color: #777; } td.none { color: #bbb; }
td.num { text-align: right; }
@media print { table.matrix { font-size: 8pt; } }
"""
)


def _html_cell(cell: Cell) -> str:
    if isinstance(cell, str):
        return f"<td>{html_text(cell)}</td>"
    return f"<td class='num'>{plain(cell)}</td>"


def html(report: TeamReport, kb: KnowledgeBase) -> str:
    e = html_text
    title = f"Team: {plural(report.people, 'person', 'people')}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{e(summary(report))}</p>",
    ]
    if levels := levels_said(report):
        parts.append(f"<p>{e(levels)}</p>")
    for section in sections(report, kb):
        parts.append(f"<section><h2>{e(section.title)}</h2>")
        if not section.rows:
            parts.append(f"<p class='meta'>{e(section.empty)}</p></section>")
            continue
        if section.note:
            parts.append(f"<p class='meta'>{e(section.note)}</p>")
        parts.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in section.headers) + "</tr>")
        parts += ["<tr>" + "".join(_html_cell(c) for c in row) + "</tr>" for row in section.rows]
        parts.append("</table></section>")
    parts.append("<section><h2>Skills matrix — each level against the person's target</h2>")
    if report.members:
        short = kb.skill_abbreviations
        skills = report.skills
        head = [f"<th>{e(h)}</th>" for h in matrix_headers()]
        head += [f'<th><abbr title="{e(name(kb, "skills", s))}">{e(short[s])}</abbr></th>' for s in skills]
        parts.append("<table class='matrix'><tr>" + "".join(head) + "</tr>")
        for member in report.members:
            cells, marks = matrix_row(member, kb, skills)
            row = "".join(_html_cell(c) for c in cells)
            row += "".join(f"<td class='{kind}'>{e(m)}</td>" for m, kind in marks)
            parts.append(f"<tr>{row}</tr>")
        parts.append("</table>")
        more = _more(len(report.members), report.people)
        if more:
            parts.append(f"<p class='meta'>{e(more)}</p>")
        legend = "".join(
            f"<li><span class='{kind}'>{e(m.format(3))}</span> {e(words)}</li>"
            for kind, (m, words, _) in STATES.items()
        )
        names = "; ".join(f"{e(short[s])} {e(name(kb, 'skills', s))}" for s in skills)
        parts += [f"<ul class='meta'>{legend}</ul>", f"<p class='meta'>{names}.</p>"]
    else:
        parts.append("<p class='meta'>No profiles assessed.</p>")
    parts += ["</section>", f"<p class='meta'>{e(_stamp(report))}</p>", "</body></html>", ""]
    return "\n".join(parts)
