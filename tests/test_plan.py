"""`poladder plan`: dated milestones, skills with actions, certifications in order, every format."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from tests.conftest import LADDER

NOVICE = "name: Robin\nrole: junior\nskills: {backlog: 1, stakeholders: 1}\n"


def plan_json(cli, profile: str = NOVICE, *args: str) -> dict:
    result = cli(
        "plan", "-p", "-", "--kb", str(LADDER), "--start", "2027-01-01", "--json", *args, input=profile
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_one_milestone_per_step_with_dates_from_typical_years(cli):
    data = plan_json(cli, NOVICE, "--target", "senior")
    assert [(m["from"], m["to"]) for m in data["milestones"]] == [("junior", "owner"), ("owner", "senior")]
    first, second = data["milestones"]
    # calendar months: 1.5 years is 18 months, 2 years 24, a quarter 3
    assert (first["starts"], first["due"]) == ("2027-01-01", "2028-07-01")
    assert (second["starts"], second["due"]) == ("2028-07-01", "2030-07-01")
    assert data["start"] == "2027-01-01" and data["end"] == "2030-07-01"
    assert data["review"] == "2027-04-01"  # the first quarterly review
    assert data["total_years"] == 3.5
    assert data["target"] == "senior" and data["target_name"] == "Senior Owner"


def test_skills_to_raise_with_actions_only_what_is_lacking(cli):
    first, second = plan_json(cli, NOVICE, "--target", "senior")["milestones"]
    assert [(s["skill"], s["from"], s["to"]) for s in first["skills"]] == [
        ("backlog", 1, 3),
        ("stakeholders", 1, 2),
    ]
    assert first["skills"][0]["actions"] == [
        {"text": "Run a refinement session", "level": None, "certification": None}
    ]
    assert first["skills"][0]["why"] == "Owner needs 3; you have 1"
    # raised at the first milestone, so the second starts from there
    assert [(s["skill"], s["from"], s["to"]) for s in second["skills"]] == [
        ("strategy", 0, 2),
        ("backlog", 3, 4),
        ("stakeholders", 2, 3),
    ]


def test_certifications_in_prerequisite_order(cli):
    first, second = plan_json(cli, NOVICE, "--target", "senior")["milestones"]
    assert [c["certification"] for c in first["certifications"]] == ["basic"]
    assert [(c["certification"], c["requires"]) for c in second["certifications"]] == [
        ("advanced", ["basic"])
    ]
    coach = "role: coach-role\nskills: {coaching: 3, stakeholders: 2}\n"
    [only] = plan_json(cli, coach, "--target", "owner")["milestones"]
    # the coach's own role's certification (possible now), then the one the owner role recommends
    assert [c["certification"] for c in only["certifications"]] == ["coach", "basic"]


def test_already_held_certifications_are_left_out(cli):
    held = NOVICE + "certifications: [basic, advanced]\n"
    assert all(m["certifications"] == [] for m in plan_json(cli, held, "--target", "senior")["milestones"])


def test_growing_into_the_current_role(cli):
    data = plan_json(cli, "role: owner\nskills: {backlog: 2}\n", "--target", "owner")
    [grow] = data["milestones"]
    assert grow["kind"] == "grow" and grow["due"] == data["review"]
    assert [(s["skill"], s["from"], s["to"]) for s in grow["skills"]] == [
        ("stakeholders", 0, 2),
        ("backlog", 2, 3),
    ]


def test_no_route_or_no_target(cli):
    result = cli("plan", "-p", "-", "--kb", str(LADDER), "--target", "junior", input="role: head\n")
    assert result.exit_code == 1 and "no route from head to junior" in result.stderr
    result = cli("plan", "-p", "-", "--kb", str(LADDER), input="role: head\nskills: {}\n")
    assert result.exit_code == 1 and "no target" in result.stderr


def test_without_profile_uses_your_latest_assessment(cli):
    result = cli("plan", "--kb", str(LADDER))
    assert result.exit_code == 1 and "give --profile FILE or run `poladder assess` first" in result.stderr
    cli("assess", "-p", "-", "--kb", str(LADDER), input=NOVICE)  # Robin's file: not yours
    assert cli("plan", "--kb", str(LADDER)).exit_code == 1
    # your answers to the questions: no name, role owner, target senior, 2 years, basic, three levels
    cli("assess", "--kb", str(LADDER), input="\nowner\n\n\n2\nbasic\n3\n2\n2\n")
    cli("assess", "-p", "-", "--kb", str(LADDER), input=NOVICE)  # Robin again, later
    result = cli("plan", "--kb", str(LADDER), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["name"], data["role"], data["target"]) == (None, "owner", "senior")


def test_markdown_contains_every_milestone(cli):
    result = cli(
        "plan",
        "-p",
        "-",
        "--kb",
        str(LADDER),
        "-t",
        "head",
        "--start",
        "2027-01-01",
        "-f",
        "markdown",
        input=NOVICE,
    )
    md = result.stdout
    data = plan_json(cli, NOVICE, "--target", "head")
    assert md.startswith("# Robin's development plan: Head of Owners\n")
    for m in data["milestones"]:
        assert f"## Milestone {m['number']}: {m['title']}" in md
        assert f"from {m['starts']} to {m['due']}" in md
        for s in m["skills"]:
            assert f"| {s['name']} | {s['from']} " in md
        for c in m["certifications"]:
            assert c["name"] in md
    assert "**First review:** 2027-04-01" in md
    assert "\x1b[" not in md


class Checker(HTMLParser):
    """Tags must balance; the page must not load anything from elsewhere."""

    VOID = frozenset({"meta", "br", "img", "link", "hr", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_one_self_contained_printable_page(cli, tmp_path):
    out = tmp_path / "plan.html"
    profile = NOVICE.replace("Robin", "Robin <script>alert(1)</script>")
    result = cli(
        "plan",
        "-p",
        "-",
        "--kb",
        str(LADDER),
        "-t",
        "head",
        "--start",
        "2027-01-01",
        "-o",
        str(out),
        input=profile,
    )
    assert result.exit_code == 0 and result.stdout == "" and str(out) in result.stderr
    page = out.read_text()
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == [] and checker.external == []
    text = " ".join(checker.text)
    data = plan_json(cli, NOVICE, "--target", "head")
    for m in data["milestones"]:
        assert f"Milestone {m['number']}: {m['title']}" in text
        for s in m["skills"]:
            assert s["name"] in text and all(a["text"] in text for a in s["actions"])
    assert "@media print" in page
    assert "<script>" not in page  # the name was escaped
    assert list(tmp_path.glob(".plan.html.*")) == []


@pytest.mark.parametrize(
    ("name", "start"), [("plan.md", "# "), ("plan.json", "{"), ("plan.html", "<!DOCTYPE html>")]
)
def test_output_format_follows_the_suffix(cli, tmp_path, name, start):
    out = tmp_path / name
    assert cli("plan", "-p", "-", "--kb", str(LADDER), "-o", str(out), input=NOVICE).exit_code == 0
    assert out.read_text().startswith(start)


def test_unknown_suffix_is_a_usage_error(cli, tmp_path):
    result = cli("plan", "-p", "-", "--kb", str(LADDER), "-o", str(tmp_path / "plan.txt"), input=NOVICE)
    assert result.exit_code == 2 and "add --format markdown, html or json" in result.stderr


def test_rich_view(cli):
    result = cli(
        "plan", "-p", "-", "--kb", str(LADDER), "-t", "senior", "--start", "2027-01-01", input=NOVICE
    )
    out = result.stdout
    for text in (
        "Robin's development plan",
        "Readiness today",
        "First review",
        "2027-04-01",
        "Milestone 1: Junior Owner → Owner",
        "2027-01-01 to 2028-07-01 (about 1.5 years) — Two release cycles, our own estimate",
        "Run a refinement session",
        "1. Advanced Owner (after Basic Owner) — Test Alliance",
    ):
        assert text in out, text


def test_bad_start_date(cli):
    result = cli("plan", "-p", "-", "--kb", str(LADDER), "--start", "next tuesday", input=NOVICE)
    assert result.exit_code == 2


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_prerequisite_is_named_after_the_certification_it_comes_before(cli, fmt):
    """`(after cspo)` after a choice of two read as if both needed it, and by an id: now the
    prerequisite is named, right after the certification that needs it."""
    result = cli(
        "plan", "-p", "-", "--kb", str(LADDER), "-t", "senior", "--start", "2027-01-01", "-f", fmt,
        input=NOVICE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Advanced Owner</a> (after Basic Owner)" in result.stdout or (
        "Advanced Owner (after Basic Owner)" in result.stdout
    )
    assert "(after basic)" not in result.stdout
