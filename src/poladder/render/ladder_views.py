"""Rich views of the whole ladder (`poladder graph`) and of two roles side by side (`poladder compare`).

Imported by the end of poladder.render.views, so rich is still loaded only when a person reads.
Text from the knowledge base goes in as `Text`, never as a plain string, so that a role named
"[bold]" is printed as written instead of being read as rich markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from poladder.core.catalogue import RoleEntry
from poladder.core.compare import CompareResult, QuickestRoute
from poladder.core.graph import GraphEdge, GraphResult, track_title
from poladder.core.wording import about_years, plural
from poladder.model.ladder import LEVEL_NAMES, KnowledgeBase
from poladder.render.graph_formats import years_label
from poladder.render.views import CORE, bar, bullets, fits, name_of, out

ROUTE_STYLE = "bold red"
# Marks that survive NO_COLOR and pipes, where bold and colour are dropped.
ROUTE_ROLE = "● "
ARROWS = {"promotion": "→", "lateral": "⇢"}
ROUTE_ARROW = "⇒"


def graph(result: GraphResult, kb: KnowledgeBase | None = None) -> None:
    nodes = {node.id: node for node in result.nodes}
    moves: dict[str, list[GraphEdge]] = {}
    for edge in result.edges:
        moves.setdefault(edge.from_, []).append(edge)
    on_route = set(result.route)

    tree = Tree(
        Text(
            f"The ladder: {plural(len(result.nodes), 'role')}, {plural(len(result.edges), 'move')}",
            style="bold",
        ),
        guide_style="dim",
    )
    for track in result.tracks:
        branch = tree.add(Text(track_title(track.track), style="bold underline"))
        for role_id in track.roles:
            node = nodes[role_id]
            marked = role_id in on_route
            label = Text(ROUTE_ROLE, style=ROUTE_STYLE) if marked else Text()  # base style spans the line
            label.append(node.name, style=ROUTE_STYLE if marked else "bold")
            label.append(f"  {node.id} · rank {node.rank}", style="dim")
            leaf = branch.add(label)
            for edge in moves.get(role_id, []):
                arrow = ROUTE_ARROW if edge.on_route else ARROWS.get(edge.kind, "→")
                move = Text(f"{arrow} ", style=ROUTE_STYLE if edge.on_route else "")
                move.append(nodes[edge.to].name, style=ROUTE_STYLE if edge.on_route else "")
                move.append(f"  {years_label(edge.years)}", style="dim")
                if edge.kind != "promotion":
                    move.append(f" {edge.kind}", style="dim italic")
                leaf.add(move)
    out.print(tree)

    out.print(Text(f"→ promotion  {ARROWS['lateral']} lateral move", style="dim"))
    if len(result.route) > 1:
        years = sum(edge.years for edge in result.edges if edge.on_route)
        line = Text(f"{ROUTE_ROLE}{ROUTE_ARROW} quickest route: ", style=ROUTE_STYLE)
        line.append(" → ".join(nodes[r].name for r in result.route) + f", {about_years(years)}")
        out.print(line)
    elif result.route:
        out.print(Text(f"{ROUTE_ROLE}the route starts where it ends", style=ROUTE_STYLE))


def _level(level: int) -> Text:
    return Text.assemble(bar(level, level), f" {level} {LEVEL_NAMES[level]}")


def _difference(left: int, right: int) -> Text:
    if left == right:
        return Text("=", style="dim")
    return Text(f"{right - left:+d}", style="green" if right > left else "yellow")


def _route_line(kb: KnowledgeBase | None, start: str, goal: str, found: QuickestRoute | None) -> Text:
    line = Text.assemble(
        (name_of(kb, "roles", start), "bold"), " to ", (name_of(kb, "roles", goal), "bold"), ": "
    )
    if found is None:
        line.append("no route in this ladder", style="dim")
    elif len(found.route) == 1:
        line.append("the same role", style="dim")
    else:
        line.append(
            f"{about_years(found.total_years)} — " + " → ".join(name_of(kb, "roles", r) for r in found.route)
        )
    return line


def comparison(result: CompareResult, kb: KnowledgeBase | None = None) -> None:
    left, right = result.roles

    def level(role: RoleEntry, skill: str, need: int) -> Text:
        text = _level(need)
        if skill in role.core:
            text.append(f" {CORE}", style="bold")
        return text

    def names(kind: str, ids: list[str]) -> Text:
        return Text("\n".join(name_of(kb, kind, i) for i in ids) or "—")

    def reports(role: RoleEntry) -> Text:
        outside = [f"{name} (outside the ladder)" for name in role.reports_to_outside]
        return Text("\n".join([name_of(kb, "roles", r) for r in role.reports_to] + outside) or "—")

    def works(role: RoleEntry) -> Text:
        text = Text("\n".join(name_of(kb, "roles", r) for r in role.works_with))
        if role.works_with_outside:
            text.append(("\n" if text.plain else "") + "Outside the ladder:", style="dim")
            text.append("".join(f"\n{name}" for name in role.works_with_outside))
        return text if text.plain else Text("—")

    def responsibilities(role: RoleEntry) -> RenderableType:
        return bullets(role.responsibilities) if role.responsibilities else Text("—")

    rows: list[tuple[str, RenderableType, RenderableType]] = [
        ("Rank", Text(str(left.rank)), Text(str(right.rank))),
        (
            "Track",
            Text(track_title(left.track) if left.track else "—"),
            Text(track_title(right.track) if right.track else "—"),
        ),
    ]
    if left.summary or right.summary:
        rows.append(("Summary", Text(left.summary or "—"), Text(right.summary or "—")))
    if left.core or right.core:
        rows.append(("Core skills", names("skills", left.core), names("skills", right.core)))
    rows += [
        ("Responsibilities", responsibilities(left), responsibilities(right)),
        (
            "Certifications",
            names("certifications", left.certifications),
            names("certifications", right.certifications),
        ),
        ("Reports to", reports(left), reports(right)),
        ("Works with", works(left), works(right)),
    ]

    def tables(stacked: bool) -> tuple[Table, Table]:
        # Stacked, the labels go above their values, so that each side gets half the width.
        title = Text(f"{left.name} vs {right.name}", style="bold")
        sides = Table(box=box.SIMPLE_HEAVY, title=title)
        if not stacked:
            sides.add_column("")
        sides.add_column(Text(f"{left.name} ({left.id})"), ratio=1)
        sides.add_column(Text(f"{right.name} ({right.id})"), ratio=1)
        for label, left_cell, right_cell in rows:
            if stacked:
                sides.add_row(Text(label, style="bold underline"), "")
                sides.add_row(left_cell, right_cell)
            else:
                sides.add_row(label, left_cell, right_cell)

        skills = Table(box=box.SIMPLE_HEAVY, title="Skills and required levels", title_justify="left")
        if stacked:  # the skill on a line of its own, the difference at its end (the note says what it is)
            skills.add_column(Text(f"Skill\n{left.name}"), no_wrap=True)
            skills.add_column(Text(right.name), no_wrap=True)
            for row in result.skills:
                difference = _difference(row.left, row.right)
                difference.justify = "right"
                skills.add_row(Text(name_of(kb, "skills", row.skill), style="bold"), difference)
                skills.add_row(_level(row.left), _level(row.right))  # core skills: in the table above
        else:
            skills.add_column("Skill")
            skills.add_column(Text(left.name), no_wrap=True)
            skills.add_column(Text(right.name), no_wrap=True)
            skills.add_column("Difference", justify="right")
            for row in result.skills:
                skills.add_row(
                    Text(name_of(kb, "skills", row.skill)),
                    level(left, row.skill, row.left),
                    level(right, row.skill, row.right),
                    _difference(row.left, row.right),
                )
        return sides, skills

    sides, skills = tables(stacked=False)
    stacked = not (fits(sides) and fits(skills))
    if stacked:
        sides, skills = tables(stacked=True)

    moves = Group(
        Text("Moves between them", style="bold"),
        _route_line(kb, left.id, right.id, result.moves.left_to_right),
        _route_line(kb, right.id, left.id, result.moves.right_to_left),
    )
    note = Text(f"Difference: {right.name}'s level minus {left.name}'s.", style="dim")
    if not stacked and (left.core or right.core):
        note.append(f" {CORE} a core skill.")
    if result.moves.left_to_right is not None and left.id != right.id:
        note.append(f" `poladder path {left.id} {right.id}` shows each step.")
    out.print(Group(sides, skills, moves, Text(""), note))
