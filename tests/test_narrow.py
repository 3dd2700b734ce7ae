"""Every view on a 60-column terminal: ids never cut, words never broken, at most twice the lines of the
same view at 100 columns (below 80 columns the views stack each row's fields instead of squeezing them)."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import LADDER, check_narrow

BUNDLED_VIEWS = [
    ["roles"],
    ["role", "po"],
    ["role", "head-of-product"],
    ["skills"],
    ["certs"],
    ["skill", "backlog-management"],
    ["skill", "stakeholder-management"],
    ["path", "po", "cpo"],
    ["path", "junior-po", "cpo", "--alternatives", "2"],
    ["path", "po", "po"],
    ["compare", "po", "scrum-master"],
    ["compare", "junior-po", "cpo"],
    ["graph"],
    ["graph", "--route", "junior-po", "cpo"],
    ["validate"],
]


@pytest.mark.parametrize("args", BUNDLED_VIEWS, ids=" ".join)
def test_bundled_ladder_views_at_60_columns(cli, args):
    check_narrow(cli, *args)


BETWEEN = [
    ["path", "junior-po", "cpo"],
    ["path", "po", "cpo"],
    ["roles"],
    ["certs"],
    ["compare", "po", "scrum-master"],
    ["compare", "junior-po", "cpo"],
]


@pytest.mark.parametrize("columns", [70, 80, 90, 100])
@pytest.mark.parametrize("args", BETWEEN, ids=" ".join)
def test_a_table_keeps_its_columns_only_while_no_word_breaks(cli, args, columns):
    """From 80 columns a view is a table only if each column can hold its longest word: at 80 the
    route once printed `Prioritisat` and `ion`, the ladder `senior-product-man…` and the comparison
    `Produ…`."""
    check_narrow(cli, *args, narrow=columns, wide=120)


@pytest.mark.parametrize(
    "args",
    [["roles"], ["skills"], ["certs"], ["path", "junior", "head", "-a", "2"], ["compare", "owner", "head"]],
    ids=" ".join,
)
def test_test_ladder_views_at_60_columns(cli, args):
    check_narrow(cli, *args, "--kb", str(LADDER))


def test_team_at_60_columns(cli, tmp_path):
    people = [
        {"name": "Ana", "role": "po", "skills": {"backlog-management": 3, "communication": 2}},
        {"name": "Ben", "role": "senior-po", "target": "lead-po", "skills": {"negotiation-influence": 2}},
        {"name": "Chloé", "role": "scrum-master", "skills": {"facilitation": 4, "team-coaching": 3}},
    ]
    team = tmp_path / "team.jsonl"
    team.write_text("".join(json.dumps(p) + "\n" for p in people))
    narrow, _ = check_narrow(cli, "team", str(team))
    assert "Negotiation and influence" in narrow


def test_validate_with_errors_at_60_columns(cli, make_kb):
    broken = make_kb(
        """
        skills: {backlog: {name: Backlog management}}
        roles:
          a: {name: Role A, rank: 1, skills: {backlogg: 2}, next: {b: {years: 2}}}
        """
    )
    narrow, _ = check_narrow(cli, "validate", str(broken), code=1)
    assert "unknown skill 'backlogg'" in narrow


def test_stacked_views_keep_ids_whole(cli):
    """What the wide tables used to cut at 60 columns: `product-manag…` in roles, skill names split two
    letters a line in path."""
    roles = cli("roles", env={"COLUMNS": "60"}).stdout
    assert "product-manager  Product Manager" in roles and "…" not in roles
    path = cli("path", "po", "cpo", env={"COLUMNS": "60"}).stdout
    assert re.search(r"[█░·]{5} \d→\d Competitive positioning *\n", path)


def test_the_check_catches_a_cut_id_and_a_broken_word():
    """The helper itself fails on what it is there to catch."""

    def fake(wide: str, narrow: str):
        def run(*args, input=None, env=None):
            text = narrow if env["COLUMNS"] == "60" else wide
            return type("Result", (), {"exit_code": 0, "stdout": text, "stderr": ""})()

        return run

    with pytest.raises(AssertionError, match="cut"):
        check_narrow(fake("product-manager\n", "product-manag…\n"), "roles")
    with pytest.raises(AssertionError, match="broken"):
        check_narrow(fake("Competitive positioning\n", "Co\nmp\net\nitive positioning\n"), "path")
    with pytest.raises(AssertionError, match="lines"):
        check_narrow(fake("a b c d\n", "a\nb\nc\nd\n"), "x")
    check_narrow(fake("Competitive positioning\n", "Competitive\npositioning\n"), "path")


EXAMPLE = str(LADDER.parent.parent.parent / "examples" / "profile.yaml")
READY = str(LADDER.parent.parent.parent / "docs" / "examples" / "morgan.yaml")


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "-p", EXAMPLE, "--no-save"],
        ["assess", "-p", EXAMPLE, "--no-save", "-t", "cpo"],
        ["assess", "-p", EXAMPLE, "--no-save", "-t", "lead-po", "--all"],
        ["plan", "-p", EXAMPLE, "-t", "lead-po", "--start", "2026-12-01"],
        ["plan", "-p", EXAMPLE, "-t", "cpo", "--start", "2026-12-01", "--all"],
        ["path", "po", "lead-po", "-p", EXAMPLE],
        ["path", "po", "cpo", "--all"],
        ["assess", "-p", READY, "--no-save"],
        ["assess", "-p", READY, "--no-save", "--all"],
        ["plan", "-p", READY, "--start", "2026-12-01"],
        ["role", "cpo"],
        ["compare", "vp-product", "cpo"],
    ],
    ids=" ".join,
)
def test_advice_views_at_60_columns(cli, args):
    check_narrow(cli, *args)


def test_history_at_60_columns(cli):
    for target in ("senior-po", "lead-po"):
        assert cli("assess", "-p", EXAMPLE, "-t", target).exit_code == 0
    check_narrow(cli, "history")


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "-p", "-", "--kb", str(LADDER)],
        ["roles", "--kb", str(LADDER)],
        ["path", "junior", "head", "--kb", str(LADDER)],
        ["assess", "-p", "-", "--kb", str(LADDER), "--no-save"],
    ],
    ids=lambda args: args[0],
)
def test_a_view_is_no_wider_than_its_cap_whatever_columns_says(cli, args):
    """A view's size is its content's, not the caller's: COLUMNS=1000000 gets lines of at most 200."""
    from rich.cells import cell_len  # noqa: TID251 - measuring what the views print

    cap = 200  # poladder.render.console.MAX_WIDTH
    profile = "name: Alex\nrole: owner\nskills: {backlog: 2}\n"
    wide = cli(*args, input=profile, env={"COLUMNS": "1000000"})
    assert wide.exit_code == 0, wide.stderr
    assert max(cell_len(line) for line in wide.stdout.splitlines()) <= cap
    assert wide.stdout == cli(*args, input=profile, env={"COLUMNS": str(cap)}).stdout


def test_po_to_cpo_fits_60_lines_at_60_columns(cli):
    """The README's person aiming at the top: where they stand, the verdict, the focus, how the move is
    made, the certifications and the route, on one screen of a narrow terminal."""
    narrow = cli("assess", "-p", EXAMPLE, "--no-save", "-t", "cpo", env={"COLUMNS": "60"}).stdout
    assert len(narrow.splitlines()) <= 60, narrow
    assert max(map(len, narrow.splitlines())) <= 60


def test_po_to_cpo_path_fits_60_lines_and_all_shows_every_skill(cli):
    """A step shows its eight most important skills and how many more; --all shows them all."""
    short = cli("path", "po", "cpo", env={"COLUMNS": "60"}).stdout
    assert len(short.splitlines()) <= 60, short
    assert "and 13 more (--all)" in short and short.count("Go-to-market and pricing") == 1
    full = cli("path", "po", "cpo", "--all", env={"COLUMNS": "60"}).stdout
    assert "and 13 more" not in full and full.count("Go-to-market and pricing") == 2
    data = cli("path", "po", "cpo", "--json").stdout
    raised = json.loads(data)["steps"][0]["skills"]
    assert len(raised) == 21 and all(change["skill"] for change in raised)
    for change in raised:
        name = cli("skill", change["skill"], "--json").stdout
        assert json.loads(name)["name"] in full
