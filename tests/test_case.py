"""The promotion case end to end: a self-assessment, evidence (one piece hostile), a manager's view two
levels apart on one skill, calibrate, and the packet in every format; then raters' views in assess
and team, skills over time, editing and removing evidence, and forgetting a person."""

from __future__ import annotations

import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import LADDER, check_narrow

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) @user =cmd"
KB = ("--kb", str(LADDER))


def db() -> Path:
    return Path(os.environ["POLADDER_HOME"]) / "history.db"


def ok(cli, *args: str, input: str | None = None):
    ladderless = args[0] in ("profile", "forget") or args[:2] == ("evidence", "remove")
    result = cli(*args, *(() if ladderless else KB), input=input)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture
def alex(tmp_path) -> Path:
    """Alex, an Owner two years in, aiming at Senior Owner (backlog 4, stakeholders 3, strategy 2)."""
    path = tmp_path / "alex.yaml"
    path.write_text(
        "name: Alex\nrole: owner\ntarget: senior\nyears: 4\nexperience: {owner: 2}\n"
        "skills: {backlog: 4, stakeholders: 3, strategy: 1}\ncertifications: [basic]\n"
    )
    return path


@pytest.fixture
def case(cli, alex, tmp_path) -> Path:
    """Self-assessment, three pieces of evidence, and a manager's view: stakeholders 1 against 3."""
    ok(cli, "assess", "-p", str(alex))
    ok(cli, "log", "Led the Q3 roadmap review with 12 stakeholders", "--skill", "stakeholders",
       "--person", "alex", "--date", "2026-01-10", "--link", "https://wiki.example.com/q3")  # fmt: skip
    ok(cli, "log", HOSTILE, "-s", "backlog", "--person", "Alex", "--date", "2026-02-01")
    ok(cli, "log", "Refined the backlog with two teams", "-s", "Backlog management", "--person", "ALEX",
       "--date", "2026-03-01")  # fmt: skip
    manager = tmp_path / "alex-by-morgan.yaml"
    manager.write_text("name: Alex\nrole: owner\nskills: {backlog: 4, stakeholders: 1, strategy: 1}\n")
    said = ok(cli, "assess", "-p", str(manager), "--rater", "manager", "--json")
    assert json.loads(said.stdout)["view"] == "manager"
    assert (
        said.stderr
        == "poladder: saved manager's view of Alex's skills (see poladder calibrate --person Alex)\n"
    )
    return alex


def test_a_raters_view_is_never_the_self_assessment(cli, case):
    history = json.loads(ok(cli, "history", "--json").stdout)
    assert len(history) == 1 and history[0]["person"] == "Alex"
    exported = ok(cli, "profile", "export", "--person", "alex", "--json").stdout
    assert json.loads(exported)["skills"]["stakeholders"] == 3  # Alex's own, not the manager's 1


def test_evidence_is_listed_per_person_and_skill(cli, case):
    listed = json.loads(ok(cli, "evidence", "--person", "alex", "--json").stdout)
    assert [(e["id"], e["day"], e["skills"]) for e in listed] == [
        (1, "2026-01-10", ["stakeholders"]),
        (2, "2026-02-01", ["backlog"]),
        (3, "2026-03-01", ["backlog"]),
    ]
    assert {e["person"] for e in listed} == {"Alex"}  # as the history spells the name
    assert listed[0]["link"] == "https://wiki.example.com/q3" and listed[1]["text"] == HOSTILE
    backlog = json.loads(ok(cli, "evidence", "--skill", "backlog", "--json").stdout)
    assert [e["id"] for e in backlog] == [2, 3]
    assert json.loads(ok(cli, "evidence", "--person", "you", "--json").stdout) == []
    human = ok(cli, "evidence").stdout
    assert HOSTILE in human and "Stakeholder management" in human and "https://wiki.example.com/q3" in human


def test_calibrate_flags_views_two_levels_apart(cli, case):
    data = json.loads(ok(cli, "calibrate", "--person", "alex", "--json").stdout)
    assert data["skills"] == [
        {"skill": "stakeholders", "self": 3, "raters": {"manager": 1}, "spread": 2, "flagged": True},
        {"skill": "backlog", "self": 4, "raters": {"manager": 4}, "spread": 0, "flagged": False},
        {"skill": "strategy", "self": 1, "raters": {"manager": 1}, "spread": 0, "flagged": False},
    ]
    assert data["flagged"] == ["stakeholders"] and data["person"] == "Alex"
    assert [v["rater"] for v in data["views"]] == ["manager"]
    human = " ".join(ok(cli, "calibrate", "--person", "alex").stdout.split())
    assert "Views differ by 2 levels or more on 1 skill: Stakeholder management" in human
    assert re.search(r"Stakeholder management +3 +1 +2 !", human)
    narrow = " ".join(cli("calibrate", "--person", "alex", *KB, env={"COLUMNS": "30"}).stdout.split())
    # Too narrow for the table: a block a skill.
    assert "Stakeholder management spread 2 ! self 3 · manager 1" in narrow


def test_a_raters_later_view_replaces_their_earlier_one(cli, case, tmp_path):
    again = tmp_path / "again.yaml"
    again.write_text("name: alex\nrole: owner\nskills: {backlog: 4, stakeholders: 2, strategy: 1}\n")
    ok(cli, "assess", "-p", str(again), "--rater", "Manager")
    peer = tmp_path / "peer.yaml"
    peer.write_text("name: Alex\nrole: owner\nskills: {stakeholders: 5}\n")
    ok(cli, "assess", "-p", str(peer), "--rater", "Kim")
    data = json.loads(ok(cli, "calibrate", "--person", "alex", "--json").stdout)
    assert [v["rater"] for v in data["views"]] == ["Manager", "Kim"]
    [stakeholders] = [s for s in data["skills"] if s["skill"] == "stakeholders"]
    assert stakeholders == {
        "skill": "stakeholders", "self": 3, "raters": {"Manager": 2, "Kim": 5}, "spread": 3, "flagged": True,
    }  # fmt: skip
    [backlog] = [s for s in data["skills"] if s["skill"] == "backlog"]
    assert backlog["raters"] == {"Manager": 4}  # Kim rated only what Kim knows


def packet_json(cli, *args: str) -> dict:
    return json.loads(ok(cli, "packet", "--person", "alex", "--json", *args).stdout)


def test_the_packet_as_json(cli, case):
    data = packet_json(cli)
    assert data["person"] == "Alex" and data["step"] == "senior" and data["route"] == ["owner", "senior"]
    assert data["verdict"]["role"] == "senior" and data["verdict"]["status"] == "ready"  # one level short
    assert [
        (s["skill"], s["need"], s["self"], s["raters"], s["flagged"], s["evidence"]) for s in data["skills"]
    ] == [
        ("backlog", 4, 4, {"manager": 4}, False, [2, 3]),
        ("stakeholders", 3, 3, {"manager": 1}, True, [1]),
        ("strategy", 2, 1, {"manager": 1}, False, []),
    ]
    assert data["missing_evidence"] == ["strategy"]
    assert [e["id"] for e in data["evidence"]] == [1, 2, 3]
    assert data["certifications_held"] == ["basic"]
    assert [c["certification"] for c in data["certifications_next"]] == ["advanced"]
    assert data["time_in_role"] == {"role": "owner", "served": 2.0, "assumed": False, "typical": 2.0}
    said = " ".join(data["conversations"])
    assert "Ask your manager for the promotion conversation for Senior Owner" in said
    assert "Talk through Stakeholder management with manager" in said
    assert "Log evidence for Strategic thinking" in said
    assert data["knowledge_base"]["version"] == "t1"


def test_the_conversations_follow_the_verdict(cli, case, tmp_path):
    close = packet_json(cli, "--target", "head")  # four skills short
    assert close["step"] == "head" and close["verdict"]["status"] in ("close", "not-yet")
    assert close["conversations"][0].startswith(
        "Agree the gap to Head of Owners"
        if close["verdict"]["status"] == "close"
        else "Agree a development plan for Head of Owners"
    )
    junior = tmp_path / "jo.yaml"
    junior.write_text("name: Jo\nrole: junior\nskills: {backlog: 1}\n")
    ok(cli, "assess", "-p", str(junior))
    data = json.loads(ok(cli, "packet", "--person", "jo", "--json").stdout)
    assert data["verdict"]["status"] in ("close", "not-yet") and data["step"] == "owner"
    assert data["missing_evidence"] == ["backlog", "stakeholders"] and data["evidence"] == []


def test_the_packet_in_markdown_escapes_every_text_from_a_person(cli, case):
    text = ok(cli, "packet", "--person", "alex").stdout
    assert text.startswith("# Alex's promotion case: Senior Owner\n")
    assert not re.search(r"(?<!\\)<", text)  # every < escaped: no HTML
    assert re.findall(r"(?<!\\)\]\(([^)]*)\)", text) == ["https://wiki.example.com/q3"]  # one link
    assert r"\<script>alert(1)\</script> \[x\](javascript\:alert(1))" in text
    assert "@user" not in text.replace(r"\@user", "")  # never a mention
    assert "[link](https://wiki.example.com/q3)" in text  # the one real link
    assert "| Stakeholder management ⚠ | 3 | 3 ✓ | 1 | 1 |" in text
    assert "## No evidence yet\n\n- Strategic thinking\n" in text
    assert "## Conversations to have" in text


class Page(HTMLParser):
    """What a browser would build: elements with their attributes, and the text of each element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.texts: list[tuple[str, str]] = []  # (innermost element, text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in ("rect", "circle", "line", "meta") or not attrs:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data):
        if data.strip():
            self.texts.append((self.open[-1] if self.open else "", data))


def test_the_packet_in_html_escapes_and_draws_the_chart(cli, case, tmp_path):
    out = tmp_path / "case.html"
    result = cli("packet", "--person", "alex", "-o", str(out), *KB)
    assert result.exit_code == 0 and result.stdout == "" and str(out) in result.stderr
    html = out.read_text()
    page = Page()
    page.feed(html)
    tags = [tag for tag, _ in page.elements]
    assert "script" not in tags and "style" in tags and tags.count("svg") == 1  # self-contained, no script
    assert HOSTILE in [text for _, text in page.texts] or any(HOSTILE in text for _, text in page.texts)
    links = [attrs.get("href") for tag, attrs in page.elements if tag == "a"]
    assert links and all(str(href).startswith("https://") for href in links)
    # The chart: per needed skill a need outline and a have bar, the manager's dot, and the names.
    rects = [attrs for tag, attrs in page.elements if tag == "rect"]
    needs = [r for r in rects if r.get("class") == "need"]
    haves = [r for r in rects if r.get("class") == "have"]
    assert [n["width"] for n in needs[:3]] == ["360", "270", "180"]  # levels 4, 3, 2 (+ the legend's)
    assert [h["width"] for h in haves[:3]] == ["360", "270", "90"]  # self 4, 3, 1
    dots = [attrs for tag, attrs in page.elements if tag == "circle" and attrs.get("class") == "rater"]
    assert [d["cx"] for d in dots[:3]] == ["372", "102", "102"]  # manager: 4, 1, 1 (12 + 90 a level)
    svg_texts = [text for tag, text in page.texts if tag in ("text", "title")]
    assert "Stakeholder management — need 3, self 3" in svg_texts and "manager" in svg_texts
    assert "Stakeholder management: 1 in manager's view" in svg_texts
    assert "&lt;script&gt;" in html and "<script" not in html
    # A packet is a document like any other: it gets the umask, not the history's privacy or more.
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _today() -> str:
    from poladder.cli.options import now

    return now().date().isoformat()  # the UTC day, as stored


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_hostile_rater_name_in_the_chart_is_text(cli, case, tmp_path):
    peer = tmp_path / "peer.yaml"
    peer.write_text("name: Alex\nrole: owner\nskills: {stakeholders: 4}\n")
    ok(cli, "assess", "-p", str(peer), "--rater", '<b onload="x">Kim</b>')
    html = ok(cli, "packet", "--person", "alex", "--format", "html").stdout
    page = Page()
    page.feed(html)
    assert "b" not in [tag for tag, _ in page.elements]
    assert any(text == '<b onload="x">Kim</b>' for _, text in page.texts)
    markdown = ok(cli, "packet", "--person", "alex").stdout
    assert r'\<b onload="x">Kim\</b>' in markdown


def test_the_output_rule_picks_the_packets_format(cli, case, tmp_path):
    for name, start in (("case.md", "# Alex's"), ("case.json", "{"), ("case.html", "<!DOCTYPE html>")):
        ok(cli, "packet", "--person", "alex", "-o", str(tmp_path / name))
        assert (tmp_path / name).read_text().startswith(start)
    bad = cli("packet", "--person", "alex", "-o", str(tmp_path / "case.txt"), *KB)
    assert bad.exit_code == 2 and "cannot tell the format of case.txt" in bad.stderr


def test_a_packet_needs_a_self_assessment(cli):
    result = cli("packet", "--person", "nobody", *KB)
    assert result.exit_code == 1 and "no assessment of 'nobody' saved yet" in result.stderr


def test_assess_with_a_raters_view(cli, case):
    own = json.loads(ok(cli, "assess", "-p", str(case), "--json", "--no-save").stdout)
    viewed = ok(cli, "assess", "-p", str(case), "--view", "MANAGER", "--json")
    data = json.loads(viewed.stdout)
    assert own["view"] == "self" and data["view"] == "manager"
    assert data["profile"]["skills"]["stakeholders"] == 1 and data["readiness"] < own["readiness"]
    assert viewed.stderr == (
        f"poladder: view: manager's levels (given {_today()}) for the 3 skills "
        "manager rated — not saved: the history keeps self-assessments\n"
    )
    assert len(json.loads(ok(cli, "history", "--json").stdout)) == 1  # a view is not saved as Alex's
    human = ok(cli, "assess", "-p", str(case), "--view", "manager").stdout
    assert "Alex — where you stand (manager's view)" in human
    same = json.loads(ok(cli, "assess", "-p", str(case), "--view", "self", "--json", "--no-save").stdout)
    assert same["readiness"] == own["readiness"]
    unknown = cli("assess", "-p", str(case), "--view", "mangaer", *KB)
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "poladder: error: unknown rater 'mangaer'; did you mean 'manager'? — "
        "`poladder calibrate` shows each rater's view\n"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--rater", "boss", "--view", "manager"], "--rater saves a rater's view and --view uses one"),
        (["--rater", "boss", "--no-save"], "--rater saves the rater's view: --no-save"),
        (["--rater", "  "], "--rater is empty"),
        (["--rater", "Self"], "that is the self-assessment"),
    ],
)
def test_rater_options_that_say_nothing_usable(cli, alex, args, said):
    result = cli("assess", "-p", str(alex), *args, *KB)
    assert result.exit_code == 2 and said in result.stderr


ANSWERS = "\nowner\n\n\n2\nbasic\n3\n2\n2\n"  # name, role, years in it, target, years, certs, three levels


def test_a_rater_answers_the_questions_blind_to_your_levels(cli):
    ok(cli, "assess", "--json", input=ANSWERS)  # you: backlog 3, stakeholders 2, strategy 2
    rated = ok(cli, "assess", "--rater", "manager", "--json", input="\n\n\n\n\n\n3\n\n2\n")
    assert "Their level (0-5) [0]" in rated.stderr  # your own levels are not the defaults
    # the questions are put to the rater about the person rated, not as if they rated themselves
    assert rated.stderr.startswith("poladder: manager's view of the person rated")
    assert "? Their current role" in rated.stderr and "Your" not in rated.stderr
    assert json.loads(rated.stdout)["profile"]["skills"] == {"backlog": 3, "stakeholders": 0, "strategy": 2}
    assert "saved manager's view of your skills (see poladder calibrate)" in rated.stderr
    data = json.loads(ok(cli, "calibrate", "--json").stdout)
    assert data["person"] == "you" and data["flagged"] == ["stakeholders"]
    again = ok(cli, "assess", "--rater", "Manager", "--json", input="\n" * 9)
    assert json.loads(again.stdout)["profile"]["skills"]["backlog"] == 3  # their own last answers
    assert len(json.loads(ok(cli, "history", "--json").stdout)) == 1


def test_team_with_a_raters_view(cli, case, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "alex.yaml").write_text(case.read_text())
    (team / "sam.yaml").write_text("name: Sam\nrole: owner\nskills: {backlog: 2}\n")
    own = json.loads(ok(cli, "team", str(team), "--json").stdout)
    viewed = ok(cli, "team", str(team), "--view", "manager", "--json")
    data = json.loads(viewed.stdout)
    alex_own, alex_viewed = own["members"][0], data["members"][0]
    assert alex_own["skills"]["stakeholders"] == 3 and alex_viewed["skills"]["stakeholders"] == 1
    assert data["members"][1] == own["members"][1]  # nobody rated Sam: Sam's own levels
    assert [m["view"] for m in data["members"]] == ["manager", "self"]
    assert [m["view"] for m in own["members"]] == ["self", "self"]
    assert viewed.stderr == (
        "poladder: view: manager's latest levels for the skills manager rated of 1 person; "
        "their profiles' own for everything else\n"
    )
    unknown = cli("team", str(team), "--view", "nobody", *KB)
    assert unknown.exit_code == 2 and "unknown rater 'nobody'" in unknown.stderr


def test_team_says_whose_levels_it_used_in_the_view_and_the_documents(cli, case, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "alex.yaml").write_text(case.read_text())
    said = "Levels: manager's latest view where they rated, the profiles' own elsewhere."
    assert said in " ".join(ok(cli, "team", str(team), "--view", "manager").stdout.split())
    assert (
        said.replace(":", "\\:") in ok(cli, "team", str(team), "--view", "manager", "-f", "markdown").stdout
    )
    assert said.replace("'", "&#x27;") in ok(cli, "team", str(team), "--view", "manager", "-f", "html").stdout
    assert json.loads(ok(cli, "team", str(team), "--view", "manager", "--json").stdout)["view"] == "manager"
    for fmt in ("rich", "markdown", "html"):
        assert "Levels:" not in ok(cli, "team", str(team), "-f", fmt).stdout
    assert json.loads(ok(cli, "team", str(team), "--json").stdout)["view"] is None


def test_history_shows_each_skill_over_time_as_it_was(cli, case, tmp_path):
    better = tmp_path / "alex2.yaml"
    better.write_text(
        case.read_text().replace("strategy: 1", "strategy: 2").replace("stakeholders: 3", "stakeholders: 4")
    )
    ok(cli, "assess", "-p", str(better))
    data = json.loads(ok(cli, "history", "--person", "alex", "--skills", "--json").stdout)
    assert data["person"] == "Alex" and len(data["assessments"]) == 2
    assert [(s["skill"], s["levels"], s["change"]) for s in data["skills"]] == [
        ("backlog", [4, 4], 0),
        ("stakeholders", [3, 4], 1),
        ("strategy", [1, 2], 1),
    ]
    first = data["assessments"][0]
    assert (first["target"], first["readiness"], first["verdict"]) == (
        "senior",
        pytest.approx(8 / 9, abs=1e-4),
        "ready",
    )
    # An edited ladder never re-scores what was said then.
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        LADDER.read_text()
        .replace('version: "t1"', 'version: "t2"')
        .replace(
            "skills: {backlog: 4, stakeholders: 3, strategy: 2}",
            "skills: {backlog: 5, stakeholders: 5, strategy: 5}",
        )
    )
    later = json.loads(cli("history", "--person", "alex", "--skills", "--json", "--kb", str(edited)).stdout)
    assert [a["readiness"] for a in later["assessments"]] == [a["readiness"] for a in data["assessments"]]
    assert [a["verdict"] for a in later["assessments"]] == ["ready", "ready"]
    assert all(a["other_knowledge_base"] and a["kb_version"] == "t1" for a in later["assessments"])
    human = cli("history", "--person", "alex", "--skills", "--kb", str(edited)).stdout
    assert "3 → 4" in human and "never re-scored" in human
    nobody = cli("history", "--person", "kim", "--skills", *KB)
    assert nobody.exit_code == 1 and "no assessment of 'kim' saved yet" in nobody.stderr


def test_evidence_is_edited_and_removed_by_id(cli, case):
    edited = ok(cli, "evidence", "edit", "3", "--text", "Refined the backlog with three teams", "-s", "backlog",
                "-s", "strategy", "--json")  # fmt: skip
    data = json.loads(edited.stdout)
    assert data["text"] == "Refined the backlog with three teams" and data["skills"] == [
        "backlog",
        "strategy",
    ]
    assert data["edited"] is not None and data["day"] == "2026-03-01"
    assert "poladder: edited evidence 3 (Alex's: Backlog management, Strategic thinking)" in edited.stderr
    unlinked = json.loads(ok(cli, "evidence", "edit", "1", "--link", "", "--json").stdout)
    assert unlinked["link"] is None and unlinked["text"].startswith("Led the Q3")
    assert packet_json(cli)["missing_evidence"] == []
    removed = cli("evidence", "remove", "3")
    assert removed.exit_code == 0 and "poladder: removed evidence 3" in removed.stderr
    assert packet_json(cli)["missing_evidence"] == ["strategy"]
    # Ids are stable: the last one removed is never given again.
    ok(cli, "log", "Ran the strategy offsite", "-s", "strategy", "--person", "alex")
    assert [e["id"] for e in json.loads(ok(cli, "evidence", "--json").stdout)] == [1, 2, 4]
    for args, code, said in [
        (
            ["evidence", "remove", "3"],
            2,
            "poladder: error: unknown evidence '3' — `poladder evidence` lists the ids",
        ),
        (["evidence", "edit", "99", "--text", "x"], 2, "unknown evidence '99'"),
        (["evidence", "edit", "1"], 2, "nothing to change: give --text, --skill, --date or --link"),
        (["evidence", "edit", "1", "--skill", "nope"], 2, "unknown skill 'nope'"),
        (["evidence", "remove", "x"], 2, "Invalid value for 'ID'"),
    ]:
        result = cli(*args, *(() if args[1] == "remove" else KB))
        assert result.exit_code == code and said in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["x", "-s", "backlog", "--date", "2999-01-01"], "--date: 2999-01-01 is in the future"),
        (["x", "-s", "backlog", "--date", "yesterday"], "--date: 'yesterday' is not a date like 2026-12-01"),
        (["   ", "-s", "backlog"], "TEXT is empty"),
        (["x" * 4001, "-s", "backlog"], "TEXT is 4,001 characters long"),
        (["x", "-s", "backlg"], "unknown skill 'backlg'; did you mean 'backlog'?"),
        (["x"], "Missing option '--skill'"),
        (["x", "-s", "backlog", "--person", " "], "--person is empty"),
    ],
)
def test_log_refuses_what_is_not_evidence(cli, args, said):
    result = cli("log", *args, *KB)
    assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert not db().exists()  # nothing written


def test_a_link_that_is_not_http_is_kept_as_text(cli):
    result = ok(cli, "log", "Shared the deck", "-s", "backlog", "--link", "javascript:alert(1)", "--json")
    assert json.loads(result.stdout)["link"] == "javascript:alert(1)"
    assert "documents link only http(s) addresses" in result.stderr
    ok(cli, "assess", "--json", input=ANSWERS)
    text = ok(cli, "packet").stdout
    assert "](javascript" not in text and "link (javascript\\:alert(1))" in text
    assert 'href="javascript' not in ok(cli, "packet", "-f", "html").stdout


def test_forget_removes_a_whole_record_for_good(cli, case, tmp_path):
    ok(cli, "log", "Kept a secret marker: zebra-quokka-41", "-s", "backlog", "--person", "alex")
    sam = tmp_path / "sam.yaml"
    sam.write_text("name: Sam\nrole: owner\nskills: {backlog: 2}\n")
    ok(cli, "assess", "-p", str(sam))
    ok(cli, "log", "Sam's own win", "-s", "backlog", "--person", "sam")
    kept = cli("forget", "--person", "alex", input="n\n")
    assert (
        kept.exit_code == 0
        and "Forget Alex's whole record (1 assessment, 4 pieces of evidence and 1 rater's view)?"
        in kept.stderr
    )
    assert "nothing was removed" in kept.stderr and len(json.loads(ok(cli, "evidence", "--json").stdout)) == 5
    gone = cli("forget", "--person", "ALEX", input="y\n")
    assert gone.exit_code == 0, gone.stderr
    assert (
        "poladder: forgot Alex's record (1 assessment, 4 pieces of evidence and 1 rater's view)"
        in gone.stderr
    )
    assert [e["person"] for e in json.loads(ok(cli, "evidence", "--json").stdout)] == ["Sam"]
    assert [h["person"] for h in json.loads(ok(cli, "history", "--json").stdout)] == ["Sam"]
    assert cli("calibrate", "--person", "alex", *KB).exit_code == 1
    for path in db().parent.iterdir():  # the file, and any journal or log beside it
        data = path.read_bytes()
        assert b"zebra-quokka-41" not in data and b"Led the Q3 roadmap" not in data, path
        assert b"alex-by-morgan" not in data, path
    again = cli("forget", "--person", "alex", "--yes")
    assert again.exit_code == 0 and "nothing to forget — no record of alex" in again.stderr


def test_removed_and_edited_words_leave_the_file(cli, case):
    ok(cli, "log", "A marker to remove: okapi-narwhal-17", "-s", "backlog")
    ok(cli, "log", "A marker to edit: axolotl-pangolin-23", "-s", "backlog")
    ok(cli, "evidence", "remove", "4")
    ok(cli, "evidence", "edit", "5", "--text", "Rewritten")
    for path in db().parent.iterdir():
        data = path.read_bytes()
        assert b"okapi-narwhal-17" not in data and b"axolotl-pangolin-23" not in data, path


def test_forget_you(cli):
    ok(cli, "assess", "--json", input=ANSWERS)
    ok(cli, "log", "My own win", "-s", "backlog")
    result = cli("forget", "--person", "you", "--yes")
    assert (
        result.exit_code == 0
        and "forgot your record (1 assessment, 1 piece of evidence and 0 raters' views)" in result.stderr
    )
    assert json.loads(ok(cli, "history", "--json").stdout) == []


def test_the_schema_objects_are_ours_and_listed(cli, case):
    import sqlite3

    from poladder.store.database import OBJECTS

    with sqlite3.connect(db()) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert names == set(OBJECTS)


@pytest.mark.parametrize(
    "args",
    [
        ["evidence"],
        ["calibrate", "--person", "alex"],
        ["history", "--person", "alex", "--skills"],
    ],
    ids=" ".join,
)
def test_case_views_at_60_columns(cli, case, args):
    narrow, _ = check_narrow(cli, *args, *KB)
    assert all(len(line) <= 60 for line in narrow.splitlines())


def test_a_long_evidence_text_and_name_wrap_without_a_cut(cli):
    text = "Facilitated the quarterly product review with finance, sales and engineering leads " * 2
    ok(cli, "log", text.strip(), "-s", "stakeholders", "-s", "strategy", "--person",
       "Alexandra Papadopoulou-Smith", "--link", "https://wiki.example.com/reviews/2026/q1")  # fmt: skip
    narrow, _ = check_narrow(cli, "evidence", *KB)
    assert "https://wiki.example.com/reviews/2026/q1" in narrow


def test_control_characters_in_evidence_never_reach_the_terminal(cli):
    ok(cli, "log", "Shipped \x1b]52;c;AAAA\x07 the thing", "-s", "backlog", "--person", "Eve\x1b[2J")
    human = ok(cli, "evidence").stdout
    assert "\x1b" not in human and "\x07" not in human and "Shipped ]52;c;AAAA the thing" in human
    said = cli("log", "x", "-s", "backlog", "--person", "Eve\x1b[2J", *KB).stderr
    assert "\x1b" not in said and "Eve\\x1b[2J's" in said
    assert re.search(r"Eve.*\[2J", human)


def spawn(*args: str):
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    return pexpect.spawn(sys.executable, ["-m", "poladder", *args], env=env, timeout=30, encoding="utf-8")


def test_a_rater_and_forget_in_a_real_terminal(cli):
    pexpect = pytest.importorskip("pexpect")
    ok(cli, "assess", "--json", input=ANSWERS)  # you: stakeholders 2
    child = spawn("assess", "--rater", "manager", *KB)
    for prompt, answer in [
        ("The name of the person you rate", ""),
        (r"Their current role \[owner\]", ""),
        ("Years in their current role", ""),
        (r"they want next \[senior\]", ""),
        ("Years in product roles", ""),
        ("Certifications they hold", ""),
        (r"Their level \(0-5\) \[0\]", "3"),
        (r"Their level \(0-5\) \[0\]", "0"),
        (r"Their level \(0-5\) \[0\]", "2"),
    ]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect(r"Where you stand \(manager's view\)")
    child.expect("saved manager's view of your skills")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert json.loads(ok(cli, "calibrate", "--json").stdout)["flagged"] == ["stakeholders"]
    child = spawn("forget", "--person", "you")
    child.expect(r"Forget your whole record \(1 assessment, 0 pieces of evidence and 1 rater's view\)\?")
    child.expect(r"\[y/N\]")
    child.sendline("y")
    child.expect("forgot your record")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert json.loads(ok(cli, "history", "--json").stdout) == []


def test_a_partial_view_keeps_the_persons_own_levels_where_the_rater_did_not_rate(cli, case, tmp_path):
    peer = tmp_path / "peer.yaml"
    peer.write_text("name: Alex\nrole: owner\nskills: {stakeholders: 4}\n")
    ok(cli, "assess", "-p", str(peer), "--rater", "Kim")
    viewed = ok(cli, "assess", "-p", str(case), "--view", "kim", "--json")
    assert json.loads(viewed.stdout)["profile"]["skills"] == {"backlog": 4, "stakeholders": 4, "strategy": 1}
    assert "for the 1 skill Kim rated, Alex's own for the 2 others" in viewed.stderr


def test_the_case_stays_in_the_private_history(cli):
    ok(cli, "log", "A private win", "-s", "backlog")
    ok(cli, "assess", "--json", input=ANSWERS)
    assert (db().stat().st_mode & 0o777, db().parent.stat().st_mode & 0o777) == (0o600, 0o700)
    ok(cli, "forget", "--person", "you", "--yes")  # rewritten whole: still private, nothing beside it
    assert db().stat().st_mode & 0o777 == 0o600
    assert all(p.stat().st_mode & 0o077 == 0 for p in db().parent.iterdir())
