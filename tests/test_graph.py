"""`poladder graph`: the tree by track, the route highlight, the JSON contract, and Mermaid and DOT that
parse (checked structurally here, and by Graphviz itself when `dot` is installed)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poladder.core.graph import ladder
from poladder.load import ladder as source
from poladder.model.ladder import KnowledgeBase, Move, Role
from poladder.model.result import KnowledgeBaseStamp
from poladder.render.graph_formats import to_dot, to_mermaid
from tests.conftest import LADDER

BUNDLED_TRACKS = ["Product ownership", "Agile leadership", "Product management", "Executive"]
STAMP = KnowledgeBaseStamp(path="test", version=None, sha256="0" * 64)


def run(cli, *args: str, code: int = 0):
    result = cli("graph", *args)
    assert result.exit_code == code, result.stderr
    return result


def graph_json(cli, *args: str) -> dict:
    return json.loads(run(cli, *args, "--json").stdout)


# --- the tree -------------------------------------------------------------------------------------

TREE_LINE = re.compile(r"^(?P<guide>(?:[│ ]   )*)[├└]── (?P<label>.*)$")
ROLE_LABEL = re.compile(r"^(?P<mark>● )?(?P<name>.+?)  (?P<id>[a-z0-9-]+) · rank (?P<rank>\d+)$")
MOVE_LABEL = re.compile(r"^(?P<arrow>[→⇢⇒]) (?P<name>.+?)  (?P<years>[\d.]+)y(?P<lateral> lateral)?$")


def parse_tree(text: str) -> dict[str, dict[str, list[str]]]:
    """{track title: {role line: [move lines]}} from the tree, checking each line's shape and depth."""
    tracks: dict[str, dict[str, list[str]]] = {}
    lines = text.splitlines()
    assert lines[0].startswith("The ladder: ")
    role = None
    for line in lines[1:]:
        match = TREE_LINE.match(line)
        if match is None:
            break  # the legend after the tree
        depth, label = len(match["guide"]) // 4, match["label"]
        if depth == 0:
            track = tracks.setdefault(label, {})
        elif depth == 1:
            assert ROLE_LABEL.match(label), label
            role = label
            track[role] = []
        else:
            assert depth == 2 and role is not None and MOVE_LABEL.match(label), line
            track[role].append(label)
    return tracks


def role_ids(roles: dict[str, list[str]]) -> list[str]:
    return [ROLE_LABEL.match(line)["id"] for line in roles]


def test_tree_groups_every_bundled_role_by_track_in_order(cli):
    tree = parse_tree(run(cli).stdout)
    assert list(tree) == BUNDLED_TRACKS
    kb = source.load().kb
    for title, roles in tree.items():
        ids = role_ids(roles)
        assert {kb.roles[r].track for r in ids} == {title.lower().replace(" ", "-")}
        assert [kb.roles[r].rank for r in ids] == sorted(kb.roles[r].rank for r in ids)
    assert sorted(r for roles in tree.values() for r in role_ids(roles)) == sorted(kb.roles)
    moves = {ROLE_LABEL.match(line)["id"]: lines for roles in tree.values() for line, lines in roles.items()}
    assert moves["po"] == [
        "→ Senior Product Owner  2y",
        "→ Portfolio Owner  5y",
        "⇢ Scrum Master  1y lateral",
        "→ Product Manager  2y",
    ]
    assert moves["cpo"] == []


def test_roles_without_a_track_are_under_other(cli):
    tree = parse_tree(run(cli, "--kb", str(LADDER)).stdout)
    assert list(tree) == ["Other"]
    assert role_ids(tree["Other"]) == ["junior", "coach-role", "owner", "senior", "head"]  # rank, then id
    assert "Owner  owner · rank 2" in tree["Other"]


def test_tree_highlights_the_quickest_route(cli):
    out = run(cli, "--route", "jo", "Head of Owners", "--kb", str(LADDER)).stdout
    tree = parse_tree(out)["Other"]
    marked = [ROLE_LABEL.match(line)["id"] for line in tree if line.startswith("● ")]
    assert marked == ["junior", "owner", "head"]
    assert tree["● Junior Owner  junior · rank 1"] == ["⇒ Owner  1.5y"]
    assert tree["● Owner  owner · rank 2"] == [
        "⇢ Coach  1y lateral",
        "→ Senior Owner  2y",
        "⇒ Head of Owners  4y",
    ]
    assert "● ⇒ quickest route: Junior Owner → Owner → Head of Owners, about 5.5 years" in out
    assert "\x1b[" not in out


def test_tree_route_on_the_bundled_ladder(cli):
    out = run(cli, "--route", "junior-po", "cpo").stdout
    marked = [
        ROLE_LABEL.match(line)["id"] for roles in parse_tree(out).values() for line in roles if "●" in line
    ]
    route = graph_json(cli, "--route", "junior-po", "cpo")["route"]
    assert sorted(marked) == sorted(route) and route[0] == "junior-po" and route[-1] == "cpo"
    assert out.count("⇒") == len(route)  # one arrow per step, plus the legend's


def test_route_is_coloured_in_a_real_terminal():
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    args = ["-m", "poladder", "graph", "--route", "junior", "head", "--kb", str(LADDER)]
    coloured = pexpect.run(sys.executable, args=args, env=env, timeout=30).decode()
    assert re.search(r"\x1b\[[0-9;]*31m● ", coloured)  # red, on the route's roles


# --- JSON -----------------------------------------------------------------------------------------


def test_json_lists_every_role_and_move_once(cli):
    data = graph_json(cli, "--kb", str(LADDER))
    kb = source.load(LADDER).kb
    assert set(data) == {"tracks", "nodes", "edges", "route", "knowledge_base"}
    assert data["tracks"] == [
        {"track": "other", "roles": ["junior", "coach-role", "owner", "senior", "head"]}
    ]
    assert [n["id"] for n in data["nodes"]] == data["tracks"][0]["roles"]
    assert data["nodes"][0] == {"id": "junior", "name": "Junior Owner", "rank": 1, "track": "other"}
    moves = {(a, b, m.years, m.kind) for a, role in kb.roles.items() for b, m in role.next.items()}
    assert {(e["from"], e["to"], e["years"], e["kind"]) for e in data["edges"]} == moves
    assert len(data["edges"]) == len(moves)
    assert data["route"] == [] and not any(e["on_route"] for e in data["edges"])
    assert data["knowledge_base"]["version"] == "t1"


def test_json_marks_the_route_edges(cli):
    data = graph_json(cli, "--route", "junior", "head", "--kb", str(LADDER))
    assert data["route"] == ["junior", "owner", "head"]
    assert [(e["from"], e["to"]) for e in data["edges"] if e["on_route"]] == [
        ("junior", "owner"),
        ("owner", "head"),
    ]


def test_bundled_json_tracks_partition_the_nodes(cli):
    data = graph_json(cli)
    assert [t["track"] for t in data["tracks"]] == [
        "product-ownership",
        "agile-leadership",
        "product-management",
        "executive",
    ]
    assert [r for t in data["tracks"] for r in t["roles"]] == [n["id"] for n in data["nodes"]]
    assert all(
        n["track"] == t["track"] for t in data["tracks"] for n in data["nodes"] if n["id"] in t["roles"]
    )


def test_output_is_deterministic(cli):
    for fmt in ("tree", "mermaid", "dot"):
        first = run(cli, "--route", "po", "cpo", "--format", fmt).stdout
        assert first == run(cli, "--route", "po", "cpo", "--format", fmt).stdout


# --- Mermaid ----------------------------------------------------------------------------------------

M_ID = r"[A-Za-z_][A-Za-z0-9_]*"
M_LABEL = r'"(?P<label>[^"<>`]*)"'  # escaped text: no raw quote, tag or Markdown backtick
M_SUBGRAPH = re.compile(rf"^subgraph (?P<id>{M_ID}) \[{M_LABEL}\]$")
M_NODE = re.compile(rf"^(?P<id>{M_ID})\[{M_LABEL}\]$")
M_EDGE = re.compile(rf"^(?P<a>{M_ID}) (?P<arrow>-->|-\.->)\|(?P<label>[^|\"<>]*)\| (?P<b>{M_ID})$")
M_CLASSDEF = re.compile(rf"^classDef (?P<name>{M_ID}) [\w#:,.-]+$")
M_CLASS = re.compile(rf"^class (?P<ids>{M_ID}(?:,{M_ID})*) (?P<name>{M_ID})$")
M_LINKSTYLE = re.compile(r"^linkStyle (?P<indices>\d+(?:,\d+)*) [\w#:,.-]+$")
M_KEYWORDS = {"end", "graph", "flowchart", "subgraph", "class", "classDef", "linkStyle", "style", "click"}


def mermaid_unescape(text: str) -> str:
    return re.sub(
        r"#(\d+|quot|lt|gt);",
        lambda m: html.unescape(f"&{m[1]};" if not m[1].isdigit() else f"&#{m[1]};"),
        text,
    )


def parse_mermaid(text: str) -> dict:
    """A strict reading of the flowchart subset poladder writes; fails on any line it does not know."""
    lines = text.splitlines()
    assert lines[0] in ("flowchart LR", "flowchart TD", "flowchart TB")
    nodes: dict[str, str] = {}
    groups: dict[str, tuple[str, list[str]]] = {}
    edges: list[tuple[str, str, str, str]] = []
    classes: dict[str, list[str]] = {}
    defined: set[str] = set()
    styled: list[int] = []
    group = None
    for line in (raw.strip() for raw in lines[1:]):
        if m := M_SUBGRAPH.match(line):
            assert group is None, "subgraphs are not nested"
            assert m["id"] not in groups and m["id"] not in M_KEYWORDS
            group = m["id"]
            groups[group] = (mermaid_unescape(m["label"]), [])
        elif line == "end":
            assert group is not None, "an end without its subgraph"
            group = None
        elif m := M_NODE.match(line):
            assert m["id"] not in nodes and m["id"] not in M_KEYWORDS, m["id"]
            nodes[m["id"]] = mermaid_unescape(m["label"])
            if group is not None:
                groups[group][1].append(m["id"])
        elif m := M_EDGE.match(line):
            assert group is None
            assert m["a"] in nodes and m["b"] in nodes, f"edge to an undeclared node: {line}"
            edges.append((m["a"], m["arrow"], mermaid_unescape(m["label"]), m["b"]))
        elif m := M_CLASSDEF.match(line):
            defined.add(m["name"])
        elif m := M_CLASS.match(line):
            assert m["name"] in defined
            ids = m["ids"].split(",")
            assert all(i in nodes for i in ids)
            classes[m["name"]] = ids
        elif m := M_LINKSTYLE.match(line):
            indices = [int(i) for i in m["indices"].split(",")]
            assert all(0 <= i < len(edges) for i in indices)
            styled.extend(indices)
        else:
            raise AssertionError(f"not a Mermaid line poladder writes: {line!r}")
    assert group is None, "a subgraph without its end"
    return {"nodes": nodes, "groups": groups, "edges": edges, "classes": classes, "styled": styled}


def check_mermaid_matches(text: str, data: dict) -> None:
    chart = parse_mermaid(text)
    ids = {n["id"]: "r_" + n["id"].replace("-", "_") for n in data["nodes"]}
    assert chart["nodes"] == {ids[n["id"]]: n["name"] for n in data["nodes"]}
    assert [members for _, members in chart["groups"].values()] == [
        [ids[r] for r in t["roles"]] for t in data["tracks"]
    ]
    assert chart["edges"] == [
        (ids[e["from"]], "-->" if e["kind"] == "promotion" else "-.->", f"{e['years']:g}y", ids[e["to"]])
        for e in data["edges"]
    ]
    assert chart["classes"].get("route", []) == [ids[r] for r in data["route"]]
    assert chart["styled"] == [i for i, e in enumerate(data["edges"]) if e["on_route"]]


@pytest.mark.parametrize("kb", [None, LADDER])
def test_mermaid_draws_the_same_graph_as_the_json(cli, kb):
    args = ["--route", "junior-po", "cpo"] if kb is None else ["--route", "junior", "head", "--kb", str(kb)]
    text = run(cli, *args, "--format", "mermaid").stdout
    check_mermaid_matches(text, graph_json(cli, *args))
    assert "\x1b[" not in text


def test_mermaid_track_titles(cli):
    groups = parse_mermaid(run(cli, "-f", "mermaid").stdout)["groups"]
    assert [title for title, _ in groups.values()] == BUNDLED_TRACKS


# --- DOT ---------------------------------------------------------------------------------------------

DOT_TOKEN = re.compile(r'\s+|"(?:[^"\\]|\\.)*"|->|[{}\[\];,=]|[A-Za-z0-9_.]+')


def dot_tokens(text: str) -> list[str]:
    tokens, at = [], 0
    while at < len(text):
        m = DOT_TOKEN.match(text, at)
        assert m, f"not DOT at {at}: {text[at : at + 20]!r}"
        if not m[0].isspace():
            tokens.append(m[0])
        at = m.end()
    return tokens


def dot_value(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    return token


def parse_dot(text: str) -> dict:
    """Statements of the digraph: balanced braces, node declarations, and edges between declared nodes."""
    tokens = dot_tokens(text)
    assert tokens[:3] == ["digraph", "ladder", "{"] and tokens[-1] == "}"
    depth, statement = 0, []
    nodes: dict[str, dict[str, str]] = {}
    clusters: list[tuple[str, list[str]]] = []
    edges: list[tuple[str, str, dict[str, str]]] = []

    def attributes(tokens: list[str]) -> dict[str, str]:
        assert tokens[0] == "[" and tokens[-1] == "]", tokens
        found, inside = {}, tokens[1:-1]
        for at in range(0, len(inside), 4):  # key = value, key = value
            key, eq, value, *sep = inside[at : at + 4]
            assert eq == "=" and sep in ([], [","]) and key not in found, inside
            found[key] = dot_value(value)
        return found

    for token in tokens:
        if token == "{":
            depth += 1
            if depth == 2:
                assert statement[0] == "subgraph" and statement[1].startswith("cluster_"), statement
                clusters.append(("", []))
            statement = []
        elif token == "}":
            depth -= 1
            assert depth >= 0, "a } without its {"
            assert statement == [], statement
        elif token == ";":
            if statement[1:2] == ["->"]:
                assert depth == 1
                edges.append((dot_value(statement[0]), dot_value(statement[2]), attributes(statement[3:])))
            elif statement[0] in ("node", "edge", "graph"):
                attributes(statement[1:])
            elif statement[1] == "=":
                assert statement[0] in ("rankdir", "label"), statement
                if statement[0] == "label":
                    clusters[-1] = (dot_value(statement[2]), clusters[-1][1])
            else:
                name = dot_value(statement[0])
                assert name not in nodes, f"{name} declared twice"
                nodes[name] = attributes(statement[1:])
                clusters[-1][1].append(name)
            statement = []
        else:
            statement.append(token)
    assert depth == 0, "unbalanced braces"
    for a, b, _ in edges:
        assert a in nodes and b in nodes, f"edge {a} -> {b} to an undeclared node"
    return {"nodes": nodes, "clusters": clusters, "edges": edges}


def check_dot_matches(text: str, data: dict) -> None:
    drawn = parse_dot(text)
    assert {n: a["label"] for n, a in drawn["nodes"].items()} == {n["id"]: n["name"] for n in data["nodes"]}
    assert [members for _, members in drawn["clusters"]] == [t["roles"] for t in data["tracks"]]
    assert len(drawn["edges"]) == len(data["edges"])
    for (a, b, attrs), edge in zip(drawn["edges"], data["edges"], strict=True):
        assert (a, b, attrs["label"]) == (edge["from"], edge["to"], f"{edge['years']:g}y")
        assert (attrs.get("style") == "dashed") == (edge["kind"] == "lateral")
        assert (attrs.get("color") == "red") == edge["on_route"]
    route = {n for n, a in drawn["nodes"].items() if a.get("color") == "red"}
    assert route == set(data["route"])


def graphviz_svg(text: str) -> str | None:
    """The SVG Graphviz makes of `text`, or None where Graphviz is not installed."""
    if shutil.which("dot") is None:
        return None
    proc = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "<svg" in proc.stdout
    return proc.stdout


@pytest.mark.parametrize("kb", [None, LADDER])
def test_dot_draws_the_same_graph_as_the_json_and_graphviz_accepts_it(cli, kb):
    args = ["--route", "junior-po", "cpo"] if kb is None else ["--route", "junior", "head", "--kb", str(kb)]
    text = run(cli, *args, "--format", "dot").stdout
    check_dot_matches(text, graph_json(cli, *args))
    assert "\x1b[" not in text
    graphviz_svg(text)  # None (not checked) without Graphviz: CI installs it


def test_dot_clusters_are_titled_by_track(cli):
    clusters = parse_dot(run(cli, "-f", "dot").stdout)["clusters"]
    assert [title for title, _ in clusters] == BUNDLED_TRACKS


# --- hostile names: quotes, backslashes, markup and keywords survive every format -------------------------

HOSTILE = r"""
    skills:
      s: {name: "S"}
    roles:
      end:
        name: 'He said "hi" <b>#1</b> | `x` \ back\slash'
        rank: 1
        track: 'my "odd" track'
        next:
          graph: {years: 1.5}
          o-x: {years: 2, kind: lateral}
      graph:
        name: "[red]Graph[/red] end"
        rank: 2
        track: executive
        next:
          end: {years: 0.5, kind: lateral}
      o-x:
        name: subgraph
        rank: 2
"""
HOSTILE_NAME = 'He said "hi" <b>#1</b> | `x` \\ back\\slash'


def test_hostile_names_in_every_format(cli, make_kb):
    kb = str(make_kb(HOSTILE))
    args = ["--route", "end", "graph", "--kb", kb]
    data = graph_json(cli, *args)
    assert [t["track"] for t in data["tracks"]] == ["executive", 'my "odd" track', "other"]
    check_mermaid_matches(run(cli, *args, "-f", "mermaid").stdout, data)
    dot = run(cli, *args, "-f", "dot").stdout
    check_dot_matches(dot, data)
    svg = graphviz_svg(dot)
    if svg is not None:
        texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
        assert HOSTILE_NAME in texts and "[red]Graph[/red] end" in texts and 'My "odd" track' in texts
    tree = run(cli, *args).stdout
    assert f"● {HOSTILE_NAME}  end · rank 1" in tree
    assert "● [red]Graph[/red] end  graph · rank 2" in tree  # printed as written, not read as markup


names = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=2, max_size=4), st.lists(st.one_of(st.none(), names), min_size=4, max_size=4))
def test_any_printable_names_round_trip_through_mermaid_and_dot(role_names, tracks):
    roles = {
        f"r{i}": Role(
            name=name,
            rank=i,
            track=tracks[i],
            next={f"r{i + 1}": Move(years=1, kind="lateral" if i % 2 else "promotion")}
            if i + 1 < len(role_names)
            else {},
        )
        for i, name in enumerate(role_names)
    }
    result = ladder(KnowledgeBase(skills={}, roles=roles), STAMP, "r0", f"r{len(role_names) - 1}")
    data = json.loads(result.model_dump_json())
    # labels are compared with their whitespace folded, as the writers fold it
    for node in data["nodes"]:
        node["name"] = " ".join(node["name"].split())
    check_mermaid_matches(to_mermaid(result), data)
    check_dot_matches(to_dot(result), data)
    assert [e["on_route"] for e in data["edges"]] == [True] * (len(role_names) - 1)
    assert set(pairwise(data["route"])) == {(e["from"], e["to"]) for e in data["edges"]}


# --- errors ------------------------------------------------------------------------------------------


def test_unknown_role_in_route_is_a_usage_error(cli):
    result = run(cli, "--route", "junor", "head", "--kb", str(LADDER), code=2)
    assert result.stdout == ""
    assert "unknown role 'junor'; did you mean 'junior'?" in result.stderr


def test_no_route_still_draws_the_ladder_with_a_note(cli):
    result = run(cli, "--route", "head", "junior", "--kb", str(LADDER))
    assert "no route from head to junior" in result.stderr
    assert "●" not in result.stdout and "⇒" not in result.stdout
    assert role_ids(parse_tree(result.stdout)["Other"]) == ["junior", "coach-role", "owner", "senior", "head"]
    data = json.loads(run(cli, "--route", "head", "junior", "--kb", str(LADDER), "--json").stdout)
    assert data["route"] == [] and not any(e["on_route"] for e in data["edges"])
    mermaid = run(cli, "--route", "head", "junior", "--kb", str(LADDER), "-f", "mermaid").stdout
    assert "classDef" not in mermaid and "linkStyle" not in mermaid


def test_route_to_the_same_role_marks_only_it(cli):
    data = graph_json(cli, "--route", "owner", "owner", "--kb", str(LADDER))
    assert data["route"] == ["owner"] and not any(e["on_route"] for e in data["edges"])
    assert (
        "● the route starts where it ends"
        in run(cli, "--route", "owner", "owner", "--kb", str(LADDER)).stdout
    )


def test_bad_options_are_usage_errors(cli):
    assert run(cli, "--format", "svg", code=2).stdout == ""
    assert run(cli, "--route", "junior", code=2).stdout == ""
    result = run(cli, "--json", "--format", "dot", code=2)
    assert result.stdout == "" and "--json and --format dot" in result.stderr


def test_help_explains_formats_and_no_route(cli):
    out = " ".join(run(cli, "--help").stdout.split())
    assert "mermaid" in out and "dot" in out and "Example: poladder graph" in out
    assert "still drawn" in out


MERMAID_BREAKS = [
    lambda t: t.replace("  end\n", "", 1),  # a subgraph left open
    lambda t: t.replace("  end\n", "  end\n  end\n", 1),  # an end too many
    lambda t: t.replace("| r_owner\n", "| r_nobody\n", 1),  # an edge to an undeclared node
    lambda t: t.replace('["Owner"]', '["Ow"ner"]'),  # an unescaped quote
    lambda t: t.replace("-->|", "->|", 1),  # not an arrow
    lambda t: t.replace("flowchart LR", "graph", 1),  # no flowchart header
]
DOT_BREAKS = [
    lambda t: t.rstrip()[:-1],  # a brace left open
    lambda t: t.replace('-> "owner"', '-> "nobody"', 1),  # an edge to an undeclared node
    lambda t: t.replace('label="Owner"', 'label="Ow"ner"'),  # an unescaped quote
    lambda t: t.replace("  }\n", "  }\n  }\n", 1),  # a brace too many
]


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_the_checkers_reject_broken_output(cli, fmt):
    """The structural checks above would catch a writer that breaks its format."""
    text = run(cli, "--route", "junior", "head", "--kb", str(LADDER), "-f", fmt).stdout
    parse, breaks = (parse_mermaid, MERMAID_BREAKS) if fmt == "mermaid" else (parse_dot, DOT_BREAKS)
    parse(text)
    for number, broken in enumerate(breaks):
        mangled = broken(text)
        assert mangled != text, number
        with pytest.raises(AssertionError):
            parse(mangled)
