"""A development plan as documents: Markdown to paste anywhere, and one self-contained HTML page that
prints well. Plain string building: no template engine is worth a dependency for two formats."""

from __future__ import annotations

from html import escape

from poladder.plan import CertificationGoal, Milestone, Plan

LEVELS = ("none", "novice", "advanced beginner", "competent", "proficient", "expert")


def _who(plan: Plan) -> str:
    return f"{plan.name}'s" if plan.name else "Personal"


def markdown(plan: Plan) -> str:
    lines = [
        f"# {_who(plan)} development plan: {plan.target_name}",
        "",
        f"- **Start:** {plan.start}  ",
        f"- **Target reached (indicative):** {plan.end}, about {plan.total_years:g} years  ",
        f"- **Readiness for the target today:** {plan.readiness:.0%}  ",
        f"- **Best fit today:** {plan.best_fit_name or 'none yet'}  ",
        f"- **First review:** {plan.review} — then every quarter: reflect on progress and adjust the goals.",
        "",
    ]
    for m in plan.milestones:
        lines += [
            f"## Milestone {m.number}: {m.title}",
            "",
            f"*{m.kind}; from {m.starts} to {m.due} (about {m.years:g} years)*",
            "",
        ]
        if m.note:
            lines += [f"Typical years: {_md_cell(m.note)}", ""]
        if m.skills:
            lines += ["| Skill | From | To | How |", "|---|---|---|---|"]
            for s in m.skills:
                how = "<br>".join(_md_cell(a.text) for a in s.actions) or "—"
                lines.append(
                    f"| {_md_cell(s.name)} | {s.from_} {LEVELS[s.from_]} | {s.to} {LEVELS[s.to]} | {how} |"
                )
            lines.append("")
        if m.certifications:
            lines += ["Certifications, in this order:", ""]
            for c in m.certifications:
                name = f"[{c.name}]({c.url})" if c.url else c.name
                after = f" (after {', '.join(c.requires)})" if c.requires else ""
                lines.append(f"1. {name} — {c.provider}{after}{_when(c, m)}")
            lines.append("")
    lines += [
        f"_Made by poladder from knowledge base {plan.knowledge_base.version or ''} "
        f"({plan.knowledge_base.sha256[:12]}). Typical years are indicative._",
        "",
    ]
    return "\n".join(lines)


def _when(goal: CertificationGoal, milestone: Milestone) -> str:
    """When the plan makes a certification possible, if not from the milestone's first day."""
    if goal.eligible_from is None:
        return f" — not possible on this plan: {'; '.join(goal.missing)}"
    if goal.eligible_from > milestone.starts:
        return f" — possible from {goal.eligible_from}"
    return ""


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


CSS = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.meta { color: #555; } .bar { font-family: monospace; white-space: nowrap; }
.have { color: #2a7; } .need { color: #c33; }
section { break-inside: avoid; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } a { color: inherit; } }
"""


def html(plan: Plan) -> str:
    e = escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(_who(plan))} development plan: {e(plan.target_name)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{e(_who(plan))} development plan: {e(plan.target_name)}</h1>",
        "<table class='summary'>",
        f"<tr><th>Start</th><td>{plan.start}</td></tr>",
        f"<tr><th>Target reached (indicative)</th><td>{plan.end}, about {plan.total_years:g} years</td></tr>",
        f"<tr><th>Readiness today</th><td>{plan.readiness:.0%}</td></tr>",
        f"<tr><th>Best fit today</th><td>{e(plan.best_fit_name or 'none yet')}</td></tr>",
        f"<tr><th>First review</th><td>{plan.review}, then every quarter</td></tr>",
        "</table>",
    ]
    for m in plan.milestones:
        parts += [
            f"<section><h2>Milestone {m.number}: {e(m.title)}</h2>",
            f"<p class='meta'>{e(m.kind)}; from {m.starts} to {m.due} (about {m.years:g} years)</p>",
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
                how = "".join(f"<li>{e(a.text)}</li>" for a in s.actions)
                parts.append(
                    f"<tr><td>{e(s.name)}</td><td class='bar'>{bar} {s.from_} → {s.to}</td>"
                    f"<td><ul>{how}</ul></td></tr>"
                )
            parts.append("</table>")
        if m.certifications:
            parts.append("<p>Certifications, in this order:</p><ol>")
            for c in m.certifications:
                name = f"<a href='{e(c.url)}'>{e(c.name)}</a>" if c.url else e(c.name)
                after = f" (after {e(', '.join(c.requires))})" if c.requires else ""
                parts.append(f"<li>{name} — {e(c.provider)}{after}{e(_when(c, m))}</li>")
            parts.append("</ol>")
        parts.append("</section>")
    parts += [
        f"<p class='meta'>Made by poladder from knowledge base {e(plan.knowledge_base.version or '')} "
        f"({plan.knowledge_base.sha256[:12]}). Typical years are indicative.</p>",
        "</body></html>",
        "",
    ]
    return "\n".join(parts)
