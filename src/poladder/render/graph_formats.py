"""The ladder graph as a document: Mermaid and Graphviz DOT, drawn from the one `GraphResult`."""

from __future__ import annotations

from poladder.core.graph import GraphResult, track_title
from poladder.render import printable


def years_label(years: float) -> str:
    return f"{years:g}y"


def _mermaid_text(text: str) -> str:
    # Inside a quoted Mermaid label a double quote ends the label, `#...;` starts an entity code, < and >
    # would be read as HTML, a backtick starts a Markdown string and | ends an edge label. Entity codes
    # are how Mermaid itself says to write them; `#` goes first so the codes are not escaped again.
    # Control characters are shown as escapes: the text may be printed on a terminal.
    text = printable(" ".join(text.split()))
    for char, code in (
        ("#", "#35;"),
        ('"', "#quot;"),
        ("<", "#lt;"),
        (">", "#gt;"),
        ("`", "#96;"),
        ("|", "#124;"),
    ):
        text = text.replace(char, code)
    return text


def _mermaid_id(role_id: str) -> str:
    # Prefixed so that no role can be called `end`, `graph` or `class` (Mermaid keywords), or begin
    # with `o`/`x` right after an arrow (circle and cross edges); role ids never contain `_`.
    return "r_" + role_id.replace("-", "_")


def to_mermaid(result: GraphResult) -> str:
    """A Mermaid flowchart: one subgraph per track, edge labels in years, lateral moves dashed."""
    names = {node.id: node.name for node in result.nodes}
    lines = ["flowchart LR"]
    for number, track in enumerate(result.tracks):
        # By number: a track is free text (it may hold spaces or quotes), unlike a role id.
        lines.append(f'  subgraph track{number} ["{_mermaid_text(track_title(track.track))}"]')
        lines.extend(f'    {_mermaid_id(r)}["{_mermaid_text(names[r])}"]' for r in track.roles)
        lines.append("  end")
    for edge in result.edges:
        arrow = "-->" if edge.kind == "promotion" else "-.->"
        lines.append(
            f"  {_mermaid_id(edge.from_)} {arrow}|{_mermaid_text(years_label(edge.years))}| "
            f"{_mermaid_id(edge.to)}"
        )
    if result.route:
        lines.append("  classDef route fill:#fde8e8,stroke:#c0392b,stroke-width:3px,font-weight:bold")
        lines.append(f"  class {','.join(_mermaid_id(r) for r in result.route)} route")
        # linkStyle addresses edges by the order they were declared in, which is `result.edges`.
        on_route = [str(i) for i, edge in enumerate(result.edges) if edge.on_route]
        if on_route:
            lines.append(f"  linkStyle {','.join(on_route)} stroke:#c0392b,stroke-width:3px")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    # In a DOT quoted string only `"` needs escaping, but a backslash starts label escapes (\n, \N, \G).
    # Control characters are shown as escapes (whose backslash is then escaped): it may reach a terminal.
    return '"' + printable(" ".join(text.split())).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(result: GraphResult) -> str:
    """A Graphviz digraph: one cluster per track, edge labels in years, lateral moves dashed."""
    route = set(result.route)
    names = {node.id: node.name for node in result.nodes}
    lines = [
        "digraph ladder {",
        "  rankdir=LR;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  graph [fontname="Helvetica"];',
        '  edge [fontname="Helvetica"];',
    ]
    for number, track in enumerate(result.tracks):
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f"    label={_dot_text(track_title(track.track))};")
        for role_id in track.roles:
            style = ", color=red, penwidth=2, fontcolor=red" if role_id in route else ""
            lines.append(f"    {_dot_text(role_id)} [label={_dot_text(names[role_id])}{style}];")
        lines.append("  }")
    for edge in result.edges:
        attrs = [f"label={_dot_text(years_label(edge.years))}"]
        if edge.kind != "promotion":
            attrs.append("style=dashed")
        if edge.on_route:
            attrs.append("color=red, penwidth=2, fontcolor=red")
        lines.append(f"  {_dot_text(edge.from_)} -> {_dot_text(edge.to)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
