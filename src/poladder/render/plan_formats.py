"""A development plan as documents: Markdown to paste anywhere, and one self-contained HTML page that
prints well. Plain string building: no template engine is worth a dependency for two formats.

Every string from the ladder or the profile is text in both formats, whatever it holds:

- Whitespace runs (newlines included) become one space, and control characters are written as their
  escapes (`\\x1b`), as on the terminal: a document is often printed there (`-f markdown`).
- Markdown: data never starts a line of the document, so only what means something inside a line
  is backslash-escaped: `\\`, code spans, `*` and `_` emphasis, `[` `]` links and images, `<` raw
  HTML and autolinks, `&` entities, `|` table cells, `~` strikethrough, `$` maths, `#` (a heading's
  closing marks), and what GitHub turns into links or emoji by itself (`:` of `https://`, `xmpp:`
  and `:smile:`, the dot of `www.`). An address (`ann@example.com`) is different: GitHub's cmark-gfm
  finds it after parsing, in text where `\\@` and `&#64;` are a plain `@` again, so an `@` that follows
  what could be an address's first part gets an empty HTML comment before it (`ann<!---->@...`),
  which ends the text there and shows nothing. Right after a list marker a name could still
  start a block (`1. # x` is a heading in a list), so there its first mark is escaped as well.
  Names stay readable: `Scrum.org`, `(A-CSPO)` and `2026.11` are left as they are.
- HTML: `&`, `<`, `>` and both quotes are escaped, so the same function serves element text and
  (double-quoted) attribute values.
- Links: only absolute http(s) URLs with a host and mailto: addresses become links, and only when the
  URL holds no whitespace, control or invisible formatting character. Anything else (javascript:,
  data:, vbscript:, relative, with a space or a tab hidden in the scheme) is shown as text after the
  name. In Markdown the characters that would end or re-open a link destination are percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from urllib.parse import urlsplit

from poladder.core.plan import CertificationGoal, Milestone, Plan, availability
from poladder.core.wording import about_years
from poladder.render import percent, printable

LEVELS = ("none", "novice", "advanced beginner", "competent", "proficient", "expert")


def _who(plan: Plan) -> str:
    return f"{plan.name}'s" if plan.name else "Personal"


def _text(text: str) -> str:
    return printable(" ".join(text.split()))


# What means something inside a line (see the module docstring); the rest stays as written.
_MD_INLINE = re.compile(r"(?<=[a-z0-9._+-])(@)|([\\`*_\[\]<&|~$:@#])|(?<=www)(\.)", re.IGNORECASE)
# What may open a block at the start of a list item: a heading, quote, list, code fence, HTML, rule.
_MD_BLOCK_START = re.compile(r"^(?:([#>+\-*=~`<|!])|(\d+)([.)]))")


def _md(text: str) -> str:
    """Data as Markdown inside a line: it reads as written and starts nothing (see the module docstring)."""
    return _MD_INLINE.sub(_md_escape, _text(text))


def _md_escape(match: re.Match[str]) -> str:
    return "<!---->@" if match[1] else "\\" + match[0]


def _md_item(text: str) -> str:
    """Data as Markdown that begins a list item's text, where it could otherwise open a block."""
    return _MD_BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", _md(text), count=1)


def link_target(url: str | None) -> str | None:
    """`url` if a document may link to it: an absolute http(s) URL with a host, or a mailto: address."""
    if not url or not url.isprintable() or any(c.isspace() for c in url):
        return None  # a control, invisible or space character is how a scheme gets past a check
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.hostname and url[len(scheme) :].startswith("://"):
        return url
    if scheme == "mailto" and parts.path:
        return url
    return None


# What would end a Markdown link destination early, or open a title or an escape in it.
_MD_URL = str.maketrans({c: f"%{ord(c):02X}" for c in " ()<>\"'`\\|"})


def _md_link(name: str, url: str | None) -> str:
    target = link_target(url)
    if target is not None:
        return f"[{_md(name)}]({target.translate(_MD_URL)})"
    return f"{_md_item(name)} ({_md(url)})" if url else _md_item(name)


def markdown(plan: Plan) -> str:
    lines = [
        f"# {_md(_who(plan))} development plan: {_md(plan.target_name)}",
        "",
        f"- **Start:** {plan.start}  ",
        f"- **Target reached (indicative):** {plan.end}, {about_years(plan.total_years)}  ",
        f"- **Readiness for the target today:** {percent(plan.readiness)}  ",
        f"- **Best fit today:** {_md(plan.best_fit_name or 'none yet')}  ",
        f"- **First review:** {plan.review} — then every quarter: reflect on progress and adjust the goals.",
        "",
    ]
    for m in plan.milestones:
        lines += [
            f"## Milestone {m.number}: {_md(m.title)}",
            "",
            f"*{_md(m.kind)}; from {m.starts} to {m.due} ({about_years(m.years)})*",
            "",
        ]
        if m.note:
            lines += [f"Typical years: {_md(m.note)}", ""]
        if m.skills:
            lines += ["| Skill | From | To | How |", "|---|---|---|---|"]
            for s in m.skills:
                how = "<br>".join(_md(a.text) for a in s.actions) or "—"
                lines.append(
                    f"| {_md(s.name)} | {s.from_} {LEVELS[s.from_]} | {s.to} {LEVELS[s.to]} | {how} |"
                )
            lines.append("")
        if m.certifications:
            lines += ["Certifications, in this order:", ""]
            for c in m.certifications:
                after = f" (after {_md(', '.join(c.requires))})" if c.requires else ""
                lines.append(f"1. {_md_link(c.name, c.url)} — {_md(c.provider)}{after}{_when(c, m, _md)}")
            lines.append("")
    lines += [
        f"_Made by poladder from knowledge base {_md(plan.knowledge_base.version or '')} "
        f"({plan.knowledge_base.sha256[:12]}). Typical years are indicative._",
        "",
    ]
    return "\n".join(lines)


def _when(goal: CertificationGoal, milestone: Milestone, text: Callable[[str], str]) -> str:
    """plan.availability, escaped for the document's format by `text`."""
    when = availability(goal, milestone)
    return f" — {text(when)}" if when else ""


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


def _html(text: str) -> str:
    """Data as HTML text or a double-quoted attribute value."""
    return escape(_text(text), quote=True)


def _html_link(name: str, url: str | None) -> str:
    target = link_target(url)
    if target is not None:
        return f'<a href="{escape(target, quote=True)}">{_html(name)}</a>'
    return f"{_html(name)} ({_html(url)})" if url else _html(name)


def html(plan: Plan) -> str:
    e = _html
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
        f"<tr><th>First review</th><td>{plan.review}, then every quarter</td></tr>",
        "</table>",
    ]
    for m in plan.milestones:
        parts += [
            f"<section><h2>Milestone {m.number}: {e(m.title)}</h2>",
            f"<p class='meta'>{e(m.kind)}; from {m.starts} to {m.due} ({about_years(m.years)})</p>",
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
                after = f" (after {e(', '.join(c.requires))})" if c.requires else ""
                parts.append(f"<li>{_html_link(c.name, c.url)} — {e(c.provider)}{after}{_when(c, m, e)}</li>")
            parts.append("</ol>")
        parts.append("</section>")
    parts += [
        f"<p class='meta'>Made by poladder from knowledge base {e(plan.knowledge_base.version or '')} "
        f"({plan.knowledge_base.sha256[:12]}). Typical years are indicative.</p>",
        "</body></html>",
        "",
    ]
    return "\n".join(parts)
