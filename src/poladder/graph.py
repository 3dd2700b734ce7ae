"""The whole ladder as a graph: roles grouped by track, the moves between them, a highlighted route.

`ladder` builds the result (the JSON of `poladder graph --json`); `to_mermaid` and `to_dot` turn that
same result into text for documents, so every format draws exactly the same nodes and edges.
"""

from __future__ import annotations

from itertools import pairwise

from pydantic import Field

from poladder.knowledge import KnowledgeBase
from poladder.render import printable
from poladder.results import KnowledgeBaseStamp, Result
from poladder.routes import quickest

# The order a reader climbs the ladder in; tracks a ladder adds come after these, by name.
TRACK_ORDER = ("product-ownership", "agile-leadership", "product-management", "executive")
# A role without a track is still part of the ladder: it is drawn in a group of its own, last.
NO_TRACK = "other"


class GraphTrack(Result):
    track: str = Field(description=f"Track id; roles without a track are under {NO_TRACK!r}")
    roles: list[str] = Field(description="Role ids in this track, most junior first")


class GraphNode(Result):
    id: str
    name: str
    rank: int
    track: str = Field(description=f"The track the role is drawn in ({NO_TRACK!r} if it has none)")


class GraphEdge(Result):
    from_: str = Field(alias="from")
    to: str
    years: float
    kind: str
    on_route: bool = Field(description="True if the move is a step of the highlighted route")


class GraphResult(Result):
    tracks: list[GraphTrack]
    nodes: list[GraphNode] = Field(description="Every role, track by track, most junior first")
    edges: list[GraphEdge] = Field(description="Every move, in the order of their roles")
    route: list[str] = Field(
        description="The quickest route asked for with --route; empty if none was asked or none exists"
    )
    knowledge_base: KnowledgeBaseStamp


def track_title(track: str) -> str:
    """'product-ownership' -> 'Product ownership': the heading people read."""
    return track.replace("-", " ").capitalize()


def ladder(
    kb: KnowledgeBase, stamp: KnowledgeBaseStamp, start: str | None = None, goal: str | None = None
) -> GraphResult:
    """Every role and move of `kb`, with the quickest route from `start` to `goal` (ids) marked."""
    by_track: dict[str, list[str]] = {}
    for role_id, role in sorted(kb.roles.items(), key=lambda item: (item[1].rank, item[0])):
        by_track.setdefault(role.track or NO_TRACK, []).append(role_id)

    def place(track: str) -> tuple[int, int, str]:
        if track in TRACK_ORDER:
            return (0, TRACK_ORDER.index(track), track)
        return (2 if track == NO_TRACK else 1, 0, track)

    tracks = [GraphTrack(track=t, roles=by_track[t]) for t in sorted(by_track, key=place)]
    nodes = [
        GraphNode(id=role_id, name=kb.roles[role_id].name, rank=kb.roles[role_id].rank, track=t.track)
        for t in tracks
        for role_id in t.roles
    ]
    found = quickest(kb, start, goal) if start is not None and goal is not None else None
    route = found[1] if found else []
    steps = set(pairwise(route))
    # Edges follow the node order on both ends, not the YAML order of `next:`, so that reordering a
    # file does not reorder the drawing (or the Mermaid linkStyle indices that point into it).
    position = {node.id: i for i, node in enumerate(nodes)}
    edges = [
        GraphEdge(
            from_=node.id, to=target, years=move.years, kind=move.kind, on_route=(node.id, target) in steps
        )
        for node in nodes
        for target, move in sorted(kb.roles[node.id].next.items(), key=lambda item: position[item[0]])
    ]
    return GraphResult(tracks=tracks, nodes=nodes, edges=edges, route=route, knowledge_base=stamp)


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
