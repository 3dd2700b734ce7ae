"""Data as document text: Markdown, HTML and links, escaped once for every document poladder writes
(plans, the promotion packet, a team's report).

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
from html import escape
from urllib.parse import urlsplit

from poladder.render import printable


def text(value: str) -> str:
    """Whitespace runs as one space, unsafe characters as their escapes (see above)."""
    return printable(" ".join(value.split()))


# What means something inside a line (see the module docstring); the rest stays as written.
_MD_INLINE = re.compile(r"(?<=[a-z0-9._+-])(@)|([\\`*_\[\]<&|~$:@#])|(?<=www)(\.)", re.IGNORECASE)
# What may open a block at the start of a list item: a heading, quote, list, code fence, HTML, rule.
_MD_BLOCK_START = re.compile(r"^(?:([#>+\-*=~`<|!])|(\d+)([.)]))")


def md(value: str) -> str:
    """Data as Markdown inside a line: it reads as written and starts nothing (see the module docstring)."""
    return _MD_INLINE.sub(_md_escape, text(value))


def _md_escape(match: re.Match[str]) -> str:
    return "<!---->@" if match[1] else "\\" + match[0]


def md_item(value: str) -> str:
    """Data as Markdown that begins a list item's text, where it could otherwise open a block."""
    return _MD_BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", md(value), count=1)


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


def md_link(name: str, url: str | None) -> str:
    target = link_target(url)
    if target is not None:
        return f"[{md(name)}]({target.translate(_MD_URL)})"
    return f"{md_item(name)} ({md(url)})" if url else md_item(name)


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


def html(value: str) -> str:
    """Data as HTML text or a double-quoted attribute value."""
    return escape(text(value), quote=True)


def html_link(name: str, url: str | None) -> str:
    target = link_target(url)
    if target is not None:
        return f'<a href="{escape(target, quote=True)}">{html(name)}</a>'
    return f"{html(name)} ({html(url)})" if url else html(name)
