"""The whole ladder as a graph: roles grouped by track, the moves between them, a highlighted route.

`ladder` builds the result (the JSON of `poladder graph --json`); `poladder.render.graph_formats` turns
that same result into Mermaid and DOT, so every format draws exactly the same nodes and edges.
"""

from __future__ import annotations

from itertools import pairwise

from pydantic import Field

from poladder.core.routes import quickest
from poladder.model.ladder import KnowledgeBase
from poladder.model.result import KnowledgeBaseStamp, Result

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
