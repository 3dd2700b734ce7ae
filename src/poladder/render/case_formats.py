"""The promotion packet as documents: Markdown to paste anywhere, and one self-contained HTML page that
prints well, with an inline SVG chart of have against need and each rater's view.

Every string from a person (evidence, links, rater and person names) and from the ladder is escaped
for its format by the same functions as the plan's documents (`poladder.render.plan_formats`, whose
docstring says what each escapes): Markdown never autolinks, emphasises or opens a block with it,
HTML and SVG show it as text, and only absolute http(s) links become links.
"""

from __future__ import annotations

from html import escape

from poladder.core.case import CaseSkill, Packet
from poladder.core.wording import listed, years_text
from poladder.model.case import Evidence
from poladder.model.ladder import LEVEL_NAMES, KnowledgeBase
from poladder.render.markup import CSS, html_link, md, md_item, md_link
from poladder.render.markup import html as html_text

STATUS = {"ready": "ready", "close": "close", "not-yet": "not yet"}


def _whose(case: Packet) -> str:
    return "Your" if case.person == "you" else f"{case.person}'s"


def _role(kb: KnowledgeBase, role: str) -> str:
    return kb.roles[role].name if role in kb.roles else role


def _cert(kb: KnowledgeBase, cert: str) -> str:
    return kb.certifications[cert].name if cert in kb.certifications else cert


def _skill(kb: KnowledgeBase, skill: str) -> str:
    return kb.skills[skill].name if skill in kb.skills else skill


def _raters(case: Packet) -> list[str]:
    return [v.rater for v in case.views]


def _verdict_line(case: Packet) -> str:
    status = STATUS[case.verdict.status]
    if case.verdict.status == "ready":
        return status
    return f"{status} — about {years_text(case.verdict.years_left)} to go"


def _time_line(kb: KnowledgeBase, case: Packet) -> str | None:
    time = case.time_in_role
    if time is None:
        return None
    if time.served is None:
        text = f"{_role(kb, time.role)}: time served not known (add experience to the profile)"
    else:
        assumed = " (assumed from years in product roles)" if time.assumed else ""
        text = f"{years_text(time.served)} as {_role(kb, time.role)}{assumed}"
    if time.typical is not None:
        text += f", against a typical {years_text(time.typical)} before this move"
    return text


def _next_certification(kb: KnowledgeBase, case: Packet) -> list[tuple[str, str, str | None]]:
    """(name, when, url) of each next certification."""
    found = []
    for advice in case.certifications_next:
        if advice.status == "now":
            when = "possible now"
        elif advice.eligible_from:
            when = f"possible from {advice.eligible_from}"
        else:
            when = "later"
        if advice.missing:
            when += f" ({'; '.join(advice.missing)})"
        cert = kb.certifications.get(advice.certification)
        found.append((_cert(kb, advice.certification), when, cert.url if cert else None))
    return found


def _evidence_of(case: Packet, skill: CaseSkill) -> list[Evidence]:
    wanted = set(skill.evidence)
    return [e for e in case.evidence if e.id in wanted]


def _other_evidence(case: Packet) -> list[Evidence]:
    shown = {i for s in case.skills for i in s.evidence}
    return [e for e in case.evidence if e.id not in shown]


def _footer(case: Packet) -> str:
    return (
        f"Made by poladder on {case.made} from knowledge base {case.knowledge_base.version or ''} "
        f"({case.knowledge_base.sha256[:12]}), on the self-assessment of {case.self_at[:10]}. "
        "A ladder is a guide, not a checklist: your manager and your results decide."
    )


# -- Markdown -------------------------------------------------------------------------------------------


def _md_evidence(entry: Evidence, kb: KnowledgeBase) -> str:
    line = f"- {entry.day}: {md(entry.text)}"
    if entry.link:
        line += f" — {md_link('link', entry.link)}"
    others = [s for s in entry.skills]
    if others:
        line += f" _({md(', '.join(_skill(kb, s) for s in others))})_"
    return line


def markdown(case: Packet, kb: KnowledgeBase) -> str:
    step = _role(kb, case.step)
    raters = _raters(case)
    lines = [
        f"# {md(_whose(case))} promotion case: {md(step)}",
        "",
        f"- **Verdict:** {md(_verdict_line(case))}  ",
    ]
    if case.role:
        lines.append(f"- **Current role:** {md(_role(kb, case.role))}  ")
    if len(case.route) > 2:
        lines.append(f"- **Route:** {md(' → '.join(_role(kb, r) for r in case.route))}  ")
    views = ["self"] + [f"{v.rater} ({v.at[:10]})" for v in case.views]
    lines += [f"- **Views:** {md(', '.join(views))}", "", "## Why", ""]
    lines += [f"- {md_item(reason)}" for reason in case.verdict.reasons]
    lines += ["", f"## The skills {md(step)} needs", ""]
    header = ["Skill", "Need", "Self", *(md(r) for r in raters), "Evidence"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for skill in case.skills:
        mark = " ✓" if skill.met else ""
        flag = " ⚠" if skill.flagged else ""
        theirs = [str(skill.raters[r]) if r in skill.raters else "—" for r in raters]
        row = [f"{md(skill.name)}{flag}", str(skill.need), f"{skill.self_}{mark}", *theirs]
        row.append(str(len(skill.evidence)) if skill.evidence else "none yet")
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "✓ meets the level; ⚠ views differ by 2 levels or more. Levels: "
        + ", ".join(f"{n} {name}" for n, name in enumerate(LEVEL_NAMES) if n),
        "",
    ]
    for skill in case.skills:
        found = _evidence_of(case, skill)
        if not found:
            continue
        lines += [f"### {md(skill.name)}", ""]
        lines += [_md_evidence(e, kb) for e in found]
        lines.append("")
    if case.missing_evidence:
        lines += ["## No evidence yet", ""]
        lines += [f"- {md_item(_skill(kb, s))}" for s in case.missing_evidence]
        lines.append("")
    other = _other_evidence(case)
    if other:
        lines += ["## Other evidence", ""]
        lines += [_md_evidence(e, kb) for e in other]
        lines.append("")
    lines += ["## Certifications", ""]
    held = [_cert(kb, c) for c in case.certifications_held]
    lines.append(f"- **Held:** {md(listed(held)) if held else 'none yet'}")
    for name, when, url in _next_certification(kb, case):
        lines.append(f"- {md_link(name, url)} — {md(when)}")
    lines.append("")
    time = _time_line(kb, case)
    if time:
        lines += ["## Time in role", "", md_item(time), ""]
    lines += ["## Conversations to have", ""]
    lines += [f"1. {md_item(said)}" for said in case.conversations]
    lines += ["", f"_{md(_footer(case))}_", ""]
    return "\n".join(lines)


# -- HTML -----------------------------------------------------------------------------------------------

EXTRA_CSS = """
.verdict { font-size: 1.1rem; font-weight: bold; }
.ready { color: #2a7; } .close { color: #b80; } .not-yet { color: #c33; }
.chart { max-width: 100%; height: auto; }
.chart text { font: 12px system-ui, sans-serif; fill: #222; }
.chart .axis { fill: #777; } .chart .grid { stroke: #ddd; }
.chart .have { fill: #2a7; } .chart .need { fill: none; stroke: #c33; stroke-width: 1.5; }
.flag { color: #c33; font-weight: bold; }
"""
# One colour per rater, in the order they rated; more raters than colours reuse them.
RATER_COLOURS = ("#36c", "#b80", "#839", "#087", "#c53", "#555")
UNIT = 90  # pixels per level
LEFT = 12
ROW = 46
CHAR = 7  # pixels a character takes, about, at 12px
# The chart's colours also as attributes: the SVG reads the same copied out of the page, without the CSS.
HAVE = ' fill="#2a7"'
NEED = ' fill="none" stroke="#c33" stroke-width="1.5"'


def _wide(text: str) -> int:
    """About how many pixels `text` takes at the chart's font size: enough room, never a clipped name."""
    return CHAR * len(text)


def chart(case: Packet) -> str:
    """An SVG bar chart: per needed skill its name, the level needed (an outline), the self-assessed
    level (a bar) and each rater's level (a dot, one colour per rater, named in the legend)."""
    e = html_text
    raters = _raters(case)
    labels = [f"{skill.name} — need {skill.need}, self {skill.self_}" for skill in case.skills]
    legend = [("have", "self"), ("need", "needed"), *(("rater", r) for r in raters)]
    width = max(LEFT * 2 + UNIT * 5, *(LEFT * 2 + _wide(label) for label in labels))
    width = max(width, *(LEFT * 2 + 30 + _wide(label) for _, label in legend))
    # The legend's items, left to right, on as many lines as they need.
    placed: list[tuple[int, int, str, str]] = []  # x, line, kind, label
    x, line = LEFT, 0
    for kind, label in legend:
        room = 30 + _wide(label)
        if x > LEFT and x + room > width - LEFT:
            x, line = LEFT, line + 1
        placed.append((x, line, kind, label))
        x += room
    top = 24
    bottom = top + ROW * len(case.skills)
    height = bottom + 20 * (line + 1) + 6
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        "<title>Have against need per skill, with each rater's level</title>",
    ]
    for level in range(6):
        x = LEFT + level * UNIT
        parts.append(f'<line class="grid" x1="{x}" y1="{top - 6}" x2="{x}" y2="{bottom}" stroke="#ddd"/>')
        parts.append(f'<text class="axis" x="{x}" y="{top - 10}" text-anchor="middle">{level}</text>')
    for row, (skill, label) in enumerate(zip(case.skills, labels, strict=True)):
        y = top + row * ROW
        parts.append(f'<g class="skill"><text x="{LEFT}" y="{y + 12}">{e(label)}</text>')
        parts.append(
            f'<rect class="need" x="{LEFT}" y="{y + 18}" width="{skill.need * UNIT}" height="20"{NEED}>'
            f"<title>{e(skill.name)}: {skill.need} needed</title></rect>"
        )
        parts.append(
            f'<rect class="have" x="{LEFT}" y="{y + 23}" width="{skill.self_ * UNIT}" height="10"{HAVE}>'
            f"<title>{e(skill.name)}: {skill.self_} self-assessed</title></rect>"
        )
        rated = [r for r in raters if r in skill.raters]
        for number, rater in enumerate(rated):
            level = skill.raters[rater]
            cy = y + 28 + (number - (len(rated) - 1) / 2) * 6
            parts.append(
                f'<circle class="rater" cx="{LEFT + level * UNIT}" cy="{cy:g}" r="5" '
                f'fill="{_colour(raters, rater)}">'
                f"<title>{e(skill.name)}: {level} in {e(rater)}'s view</title></circle>"
            )
        parts.append("</g>")
    parts.append('<g class="legend">')
    for x, line, kind, label in placed:
        y = bottom + 16 + 20 * line
        if kind == "have":
            parts.append(f'<rect class="have" x="{x}" y="{y - 9}" width="18" height="10"{HAVE}/>')
        elif kind == "need":
            parts.append(f'<rect class="need" x="{x}" y="{y - 11}" width="18" height="14"{NEED}/>')
        else:
            parts.append(
                f'<circle class="rater" cx="{x + 9}" cy="{y - 4}" r="5" fill="{_colour(raters, label)}"/>'
            )
        parts.append(f'<text x="{x + 24}" y="{y}">{e(label)}</text>')
    parts += ["</g>", "</svg>"]
    return "\n".join(parts)


def _colour(raters: list[str], rater: str) -> str:
    return RATER_COLOURS[raters.index(rater) % len(RATER_COLOURS)]


def _html_evidence(entry: Evidence, kb: KnowledgeBase) -> str:
    e = html_text
    text = f"<li><time>{entry.day}</time>: {e(entry.text)}"
    if entry.link:
        text += f" — {html_link('link', entry.link)}"
    text += f" <span class='meta'>({e(', '.join(_skill(kb, s) for s in entry.skills))})</span></li>"
    return text


def html(case: Packet, kb: KnowledgeBase) -> str:
    e = html_text
    step = _role(kb, case.step)
    raters = _raters(case)
    title = f"{_whose(case)} promotion case: {step}"
    status = case.verdict.status
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}{EXTRA_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p class='verdict {escape(status)}'>Verdict: {e(_verdict_line(case))}</p>",
        "<table class='summary'>",
    ]
    if case.role:
        parts.append(f"<tr><th>Current role</th><td>{e(_role(kb, case.role))}</td></tr>")
    if len(case.route) > 2:
        parts.append(f"<tr><th>Route</th><td>{e(' → '.join(_role(kb, r) for r in case.route))}</td></tr>")
    views = ["self"] + [f"{v.rater} ({v.at[:10]})" for v in case.views]
    parts += [f"<tr><th>Views</th><td>{e(', '.join(views))}</td></tr>", "</table>"]
    parts.append("<section><h2>Why</h2><ul>")
    parts += [f"<li>{e(reason)}</li>" for reason in case.verdict.reasons]
    parts.append("</ul></section>")
    parts += [f"<section><h2>The skills {e(step)} needs</h2>", chart(case)]
    head = "".join(f"<th>{e(r)}</th>" for r in raters)
    parts.append(f"<table><tr><th>Skill</th><th>Need</th><th>Self</th>{head}<th>Evidence</th></tr>")
    for skill in case.skills:
        flag = (
            " <span class='flag' title='views differ by 2 levels or more'>⚠</span>" if skill.flagged else ""
        )
        mark = " ✓" if skill.met else ""
        theirs = "".join(f"<td>{skill.raters.get(r, '—')}</td>" for r in raters)
        found = _evidence_of(case, skill)
        listed_evidence = (
            "<ul>" + "".join(_html_evidence(x, kb) for x in found) + "</ul>" if found else "none yet"
        )
        parts.append(
            f"<tr><td>{e(skill.name)}{flag}</td><td>{skill.need}</td><td>{skill.self_}{mark}</td>{theirs}"
            f"<td>{listed_evidence}</td></tr>"
        )
    parts.append(
        "</table><p class='meta'>✓ meets the level; ⚠ views differ by 2 levels or more.</p></section>"
    )
    if case.missing_evidence:
        parts.append("<section><h2>No evidence yet</h2><ul>")
        parts += [f"<li>{e(_skill(kb, s))}</li>" for s in case.missing_evidence]
        parts.append("</ul></section>")
    other = _other_evidence(case)
    if other:
        parts.append("<section><h2>Other evidence</h2><ul>")
        parts += [_html_evidence(x, kb) for x in other]
        parts.append("</ul></section>")
    held = [_cert(kb, c) for c in case.certifications_held]
    parts += ["<section><h2>Certifications</h2>", f"<p>Held: {e(listed(held)) if held else 'none yet'}</p>"]
    upcoming = _next_certification(kb, case)
    if upcoming:
        parts.append("<ul>")
        parts += [f"<li>{html_link(name, url)} — {e(when)}</li>" for name, when, url in upcoming]
        parts.append("</ul>")
    parts.append("</section>")
    time = _time_line(kb, case)
    if time:
        parts.append(f"<section><h2>Time in role</h2><p>{e(time)}</p></section>")
    parts.append("<section><h2>Conversations to have</h2><ol>")
    parts += [f"<li>{e(said)}</li>" for said in case.conversations]
    parts += ["</ol></section>", f"<p class='meta'>{e(_footer(case))}</p>", "</body></html>", ""]
    return "\n".join(parts)
