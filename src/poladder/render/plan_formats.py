"""A development plan as documents: Markdown to paste anywhere, and one self-contained HTML page that
prints well. Plain string building: no template engine is worth a dependency for two formats. Every
datum is escaped for its format by `poladder.render.markup`.
"""

from __future__ import annotations

from collections.abc import Callable

from poladder.core.advice import NO_ACTION
from poladder.core.plan import CertificationGoal, Milestone, Plan, availability, prerequisites, span
from poladder.core.wording import about_years, percent
from poladder.render.markup import CSS, html_link, md, md_item, md_link
from poladder.render.markup import html as html_text

LEVELS = ("none", "novice", "advanced beginner", "competent", "proficient", "expert")


def _who(plan: Plan) -> str:
    return f"{plan.name}'s" if plan.name else "Personal"


def markdown(plan: Plan) -> str:
    lines = [
        f"# {md(_who(plan))} development plan: {md(plan.target_name)}",
        "",
        f"- **Start:** {plan.start}  ",
        f"- **Target reached (indicative):** {plan.end}, {about_years(plan.total_years)}  ",
        f"- **Readiness for the target today:** {percent(plan.readiness)}  ",
        f"- **Best fit today:** {md(plan.best_fit_name or 'none yet')}  ",
        *([f"- **Next step:** {md(plan.next_step)}  "] if plan.next_step else []),
        f"- **First review:** {plan.review} — then every quarter: reflect on progress and adjust the goals.",
        "",
    ]
    if plan.focus:
        whom = f": for {md(plan.focus_role_name)}" if plan.focus_role_name else ""
        lines += [f"## First 90 days, until {plan.review}{whom}", ""]
        for item in plan.focus:
            first = f" — {md(item.actions[0].text if item.actions else NO_ACTION)}"
            lines.append(f"1. **{md(item.name)}** {item.have} → {item.need}{first}")
        lines.append("")
    for m in plan.milestones:
        lines += [
            f"## Milestone {m.number}: {md(m.title)}",
            "",
            f"*{md(m.kind)}; from {m.starts} to {m.due} ({md(span(m))})*",
            "",
        ]
        if m.note:
            lines += [f"Typical years: {md(m.note)}", ""]
        if m.skills:
            lines += ["| Skill | From | To | How |", "|---|---|---|---|"]
            for s in m.skills:
                how = "<br>".join(md(a.text) for a in s.actions) or md(NO_ACTION)
                lines.append(
                    f"| {md(s.name)} | {s.from_} {LEVELS[s.from_]} | {s.to} {LEVELS[s.to]} | {how} |"
                )
            lines.append("")
        if m.make_the_case:
            lines += ["Make the case:", "", *(f"- {md_item(text)}" for text in m.make_the_case), ""]
        if m.certifications:
            lines += ["Certifications, in this order:", ""]
            for c in m.certifications:
                after = f" ({md(first)})" if (first := prerequisites(plan, c)) else ""
                choice = "".join(f" or {md(a)}" for a in c.alternatives)
                condition = f" — {md(c.condition)}" if c.condition else ""
                when = _when(c, m, md)
                lines.append(f"1. {md_link(c.name, c.url)}{after}{choice}{provider(c, md)}{when}{condition}")
            lines.append("")
        if m.how:
            lines += ["How people make this move:", "", *(f"- {md_item(text)}" for text in m.how), ""]
        if m.pitfalls:
            lines += ["Pitfalls:", "", *(f"- {md_item(text)}" for text in m.pitfalls), ""]
    lines += [
        f"_Made by poladder from knowledge base {md(plan.knowledge_base.version or '')} "
        f"({plan.knowledge_base.sha256[:12]}). Typical years are indicative._",
        "",
    ]
    return "\n".join(lines)


def provider(goal: CertificationGoal, text: Callable[[str], str]) -> str:
    """Who awards it, said for one certification; a choice of several names no single provider."""
    return "" if goal.alternatives else f" — {text(goal.provider)}"


def _when(goal: CertificationGoal, milestone: Milestone, text: Callable[[str], str]) -> str:
    """plan.availability, escaped for the document's format by `text`."""
    when = availability(goal, milestone)
    return f" — {text(when)}" if when else ""


def _html_list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html_text(text)}</li>" for text in items) + "</ul>"


def html(plan: Plan) -> str:
    e = html_text
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(_who(plan))} development plan: {e(plan.target_name)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{e(_who(plan))} development plan: {e(plan.target_name)}</h1>",
        "<table class='summary'>",
        f"<tr><th>Start</th><td>{plan.start}</td></tr>",
        f"<tr><th>Target reached (indicative)</th><td>{plan.end}, {about_years(plan.total_years)}</td></tr>",
        f"<tr><th>Readiness today</th><td>{percent(plan.readiness)}</td></tr>",
        f"<tr><th>Best fit today</th><td>{e(plan.best_fit_name or 'none yet')}</td></tr>",
        *([f"<tr><th>Next step</th><td>{e(plan.next_step)}</td></tr>"] if plan.next_step else []),
        f"<tr><th>First review</th><td>{plan.review}, then every quarter</td></tr>",
        "</table>",
    ]
    if plan.focus:
        whom = f": for {e(plan.focus_role_name)}" if plan.focus_role_name else ""
        parts.append(f"<section><h2>First 90 days, until {plan.review}{whom}</h2><ol>")
        for item in plan.focus:
            first = f" — {e(item.actions[0].text if item.actions else NO_ACTION)}"
            parts.append(f"<li><strong>{e(item.name)}</strong> {item.have} → {item.need}{first}</li>")
        parts.append("</ol></section>")
    for m in plan.milestones:
        parts += [
            f"<section><h2>Milestone {m.number}: {e(m.title)}</h2>",
            f"<p class='meta'>{e(m.kind)}; from {m.starts} to {m.due} ({e(span(m))})</p>",
        ]
        if m.note:
            parts.append(f"<p class='meta'>Typical years: {e(m.note)}</p>")
        if m.skills:
            parts.append("<table><tr><th>Skill</th><th>From → to</th><th>How</th></tr>")
            for s in m.skills:
                bar = (
                    "<span class='have'>"
                    + "█" * s.from_
                    + "</span><span class='need'>"
                    + "░" * (s.to - s.from_)
                    + "</span>"
                )
                how = "".join(f"<li>{e(a.text)}</li>" for a in s.actions) or f"<li>{e(NO_ACTION)}</li>"
                parts.append(
                    f"<tr><td>{e(s.name)}</td><td class='bar'>{bar} {s.from_} → {s.to}</td>"
                    f"<td><ul>{how}</ul></td></tr>"
                )
            parts.append("</table>")
        if m.make_the_case:
            parts.append("<p>Make the case:</p>" + _html_list(m.make_the_case))
        if m.certifications:
            parts.append("<p>Certifications, in this order:</p><ol>")
            for c in m.certifications:
                after = f" ({e(first)})" if (first := prerequisites(plan, c)) else ""
                choice = "".join(f" or {e(a)}" for a in c.alternatives)
                condition = f" — {e(c.condition)}" if c.condition else ""
                parts.append(
                    f"<li>{html_link(c.name, c.url)}{after}{choice}{provider(c, e)}{_when(c, m, e)}"
                    f"{condition}</li>"
                )
            parts.append("</ol>")
        if m.how:
            parts.append("<p>How people make this move:</p>" + _html_list(m.how))
        if m.pitfalls:
            parts.append("<p>Pitfalls:</p>" + _html_list(m.pitfalls))
        parts.append("</section>")
    parts += [
        f"<p class='meta'>Made by poladder from knowledge base {e(plan.knowledge_base.version or '')} "
        f"({plan.knowledge_base.sha256[:12]}). Typical years are indicative.</p>",
        "</body></html>",
        "",
    ]
    return "\n".join(parts)
