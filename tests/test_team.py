"""`poladder team` on generated teams against the small test ladder: the matrix, gaps per skill,
who is ready, uncovered skills, bad input among good, sources (files, directories, stdin) and streaming."""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import os
import random
import re
import select
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from poladder.core.assess import assess
from poladder.core.team import Team
from poladder.load import ladder as source
from poladder.model.ladder import abbreviations
from poladder.model.profile import Profile
from poladder.render import stream
from poladder.render.schemas import schema
from tests.conftest import LADDER
from tests.test_cli import keys_match

KB = source.load(LADDER, use_cache=False)

# Worked out by hand against tests/data/ladder.yaml (see the expectations in the tests below):
# A aims at senior (owner's quickest promotion), B is ready for owner, C aims at head.
A = {"name": "A", "role": "owner", "skills": {"backlog": 2, "stakeholders": 2}}
B = {"name": "B", "role": "junior", "skills": {"backlog": 3, "stakeholders": 2}}
C = {
    "name": "C",
    "role": "senior",
    "target": "head",
    "skills": {"backlog": 4, "stakeholders": 3, "strategy": 2, "finance": 1},
}


def jsonl(path: Path, *people: dict | str) -> Path:
    """Write one line per person; a str is written as it is (for bad lines)."""
    path.write_text(
        "".join((p if isinstance(p, str) else json.dumps(p)) + "\n" for p in people), encoding="utf-8"
    )
    return path


def team_json(cli, *args: str, input: str | None = None) -> dict:
    result = cli("team", *args, "--kb", str(LADDER), "--json", input=input)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def generated(count: int, seed: int = 1) -> list[dict]:
    """People at random places on the test ladder, some with a target, levels anywhere from 0 to 5."""
    rng = random.Random(seed)
    roles, skills = list(KB.kb.roles), list(KB.kb.skills)
    people = []
    for i in range(count):
        person: dict = {"name": f"P{i}", "role": rng.choice(roles)}
        if rng.random() < 0.3:
            person["target"] = rng.choice(roles)
        person["skills"] = {s: rng.randint(0, 5) for s in rng.sample(skills, rng.randint(0, len(skills)))}
        people.append(person)
    return people


def test_each_member_is_assessed_as_assess_would(cli, tmp_path):
    people = generated(60)
    data = team_json(cli, str(jsonl(tmp_path / "t.jsonl", *people)))
    assert data["people"] == 60 and data["skipped"] == 0
    for person, member in zip(people, data["members"], strict=True):
        expected = assess(KB.kb, KB.stamp, Profile.model_validate(person), date.today())
        assert member["person"] == person["name"]
        assert (member["role"], member["target"], member["best_fit"], member["readiness"]) == (
            expected.role,
            expected.target,
            expected.best_fit,
            expected.readiness,
        )
        assert member["gaps"] == [dataclasses.asdict(g) for g in expected.gaps]
        assert member["next_roles"] == [dataclasses.asdict(r) for r in expected.next_roles]
        assert member["ready_for"] == [r.role for r in expected.next_roles if r.readiness == 1.0]


def test_gaps_per_skill_summed_over_the_team_biggest_first(cli, tmp_path):
    data = team_json(cli, str(jsonl(tmp_path / "t.jsonl", A, B, C)))
    # A short for senior: backlog 2, stakeholders 1, strategy 2; B none; C short for head: strategy 2,
    # finance 2, stakeholders 1. Ties on the total go to the number of people, then the id.
    assert data["gaps"] == [
        {"skill": "strategy", "people": 2, "total": 4, "largest": 2},
        {"skill": "stakeholders", "people": 2, "total": 2, "largest": 1},
        {"skill": "backlog", "people": 1, "total": 2, "largest": 2},
        {"skill": "finance", "people": 1, "total": 2, "largest": 2},
    ]


def test_ready_lists_who_can_move_now_and_where(cli, tmp_path):
    data = team_json(cli, str(jsonl(tmp_path / "t.jsonl", A, B, C)))
    members = {m["person"]: m for m in data["members"]}
    assert members["A"]["readiness"] == round(4 / 9, 4)  # as assess rounds it
    assert members["A"]["ready_for"] == []
    assert members["B"]["best_fit"] == "owner" and members["B"]["ready_for"] == ["owner"]
    # the verdict on each next step (as assess gives it): B meets owner's levels; A (5 levels short of senior, 2 years
    # typical) and C (5 levels short of head, 3 years typical) are more than a year away
    assert data["ready"] == [
        {
            "person": "B",
            "source": f"{tmp_path / 't.jsonl'}:2",
            "role": "junior",
            "target": "owner",
            "step": "owner",
            "readiness": 1.0,
            "years_left": 0.0,
            "served": None,
            "assumed_served": False,
        }
    ]
    assert (data["ready_people"], data["close_people"], data["not_yet_people"]) == (1, 0, 2)
    assert [(members[p]["verdict"]["status"], members[p]["verdict"]["years_left"]) for p in "AC"] == [
        ("not-yet", 2.5),
        ("not-yet", 3.0),
    ]


def test_uncovered_skills_are_those_no_one_holds_at_a_targets_level(cli, tmp_path):
    data = team_json(cli, str(jsonl(tmp_path / "t.jsonl", A, B, C)))
    # Targets senior, owner and head; the team's best: backlog 4, stakeholders 3, strategy 2, finance 1.
    assert data["uncovered"] == [
        {"skill": "finance", "need": 3, "best": 1, "roles": ["head"]},
        {"skill": "strategy", "need": 4, "best": 2, "roles": ["head"]},
        {"skill": "stakeholders", "need": 4, "best": 3, "roles": ["head"]},
    ]
    expert = {"name": "D", "role": "head", "skills": {"stakeholders": 4, "strategy": 4, "finance": 3}}
    assert team_json(cli, str(jsonl(tmp_path / "u.jsonl", A, B, C, expert)))["uncovered"] == []


def test_matrix_shows_each_level_against_the_persons_target(cli, tmp_path):
    result = cli("team", str(jsonl(tmp_path / "t.jsonl", A, B, C)), "--kb", str(LADDER))
    assert result.exit_code == 0, result.stderr
    matrix = result.stdout[result.stdout.index("Skills matrix") :]
    rows = {line.split()[0]: line.split()[1:] for line in matrix.splitlines() if re.match(r" [ABC] ", line)}
    # columns: the skills the team's targets and roles need, in ladder order: backlog, stakeholders,
    # strategy, finance; ▾ marks a level below the target's, ! below even the current role's (A, an
    # owner, holds backlog 2 where owner needs 3), so colour is not needed
    assert rows["A"] == ["2!", "2▾", "0▾", "·"]
    assert rows["B"] == ["3", "2", "·", "·"]
    assert rows["C"] == ["4", "3▾", "2▾", "1▾"]
    people = result.stdout[
        result.stdout.index("Where everyone stands") : result.stdout.index("Skills matrix")
    ]
    assert re.search(r" A +Owner +Senior Owner +44% +not yet, 2.5 years left", people)
    assert "BA Backlog management" in result.stdout
    assert "Ready now — 1 person" in result.stdout
    assert re.search(r"Financial acumen +3 +1 +Head of Owners", result.stdout)


def test_matrix_shows_fifty_people_and_says_how_many_more(cli, tmp_path):
    people = generated(120)
    result = cli("team", str(jsonl(tmp_path / "t.jsonl", *people)), "--kb", str(LADDER))
    assert result.exit_code == 0
    assert re.search(r"^ P49 ", result.stdout, re.M) and not re.search(r"^ P50 ", result.stdout, re.M)
    assert (
        "The first 50 of 120 people; --json lists 1,000, --jsonl and -o team.csv or team.xlsx everyone."
        in result.stdout
    )


def test_report_keeps_a_bounded_list_of_people_but_counts_everyone():
    people = generated(30)
    group = Team(KB.kb, warn=lambda line: None)
    members = [group.member(Profile.model_validate(p), "x", "test") for p in people]
    report = group.report(members, KB.stamp, limit=5)
    assert report.people == 30 and report.limit == 5
    assert [m.person for m in report.members] == ["P0", "P1", "P2", "P3", "P4"]
    assert sum(g.people for g in report.gaps) == sum(len(m.gaps) for m in members)
    ready = sum(1 for m in members if m.verdict and m.verdict.status == "ready")
    assert report.ready_people == ready and len(report.ready) == min(ready, 5)


@pytest.mark.parametrize(
    ("given", "role"),
    [
        ("owner", "owner"),
        ("OWNER", "owner"),
        ("jo", "junior"),
        ("Head of Owners", "head"),
        ("head_of  owners", "head"),
        ("SM", "coach-role"),
    ],
)
def test_roles_are_found_by_id_alias_or_name_as_everywhere(cli, given, role):
    assert KB.kb.role_id(given) == role
    data = team_json(cli, input=json.dumps({"role": given, "target": given}) + "\n")
    assert (data["members"][0]["role"], data["members"][0]["target"]) == (role, role)


def test_bad_lines_are_reported_with_their_line_and_the_rest_is_assessed(cli, tmp_path):
    path = jsonl(
        tmp_path / "t.jsonl",
        A,
        '{"name": "cut", "skills": {',
        {"role": "owner", "skills": {"backlogg": 3}},
        "",
        {"role": "ownr"},
        {"skills": {"backlog": 7}},
        "[1, 2]",
        {"role": "owner", "surname": "x"},
        B,
    )
    result = cli("team", str(path), "--kb", str(LADDER), "--json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:2:28: error: not valid JSON (Expecting property name enclosed in double quotes) — write each profile as a JSON object on one line",
        f"{path}:3: error: skills.backlogg: unknown skill 'backlogg'; did you mean 'backlog'? — use an id from `poladder skills`",
        f"{path}:5: error: role: unknown role 'ownr'; did you mean 'owner'? — use an id from `poladder roles`",
        f"{path}:6: error: skills.backlog: Input should be less than or equal to 5 — use a number from 0 to 5",
        f"{path}:7: error: a profile is a JSON object with role, skills and the like — see `poladder schema profile`",
        f"{path}:8: error: surname: unknown field 'surname' — remove it or check its spelling against docs/knowledge-base.md",
        "poladder: 6 profiles skipped",
    ]
    data = json.loads(result.stdout)
    assert [m["person"] for m in data["members"]] == ["A", "B"]
    assert data["skipped"] == 6 and data["members"][1]["source"] == f"{path}:9"
    assert "Traceback" not in result.stderr


def test_a_line_that_is_not_utf8_is_skipped(cli, tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_bytes(b'{"name": "Jos\xe9"}\n' + json.dumps(A).encode() + b"\n")
    result = cli("team", str(path), "--kb", str(LADDER), "--json")
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[0]
        == f"{path}:1: error: the line is not UTF-8 text — save the profiles as UTF-8"
    )
    assert json.loads(result.stdout)["people"] == 1


def test_a_line_too_long_is_skipped_without_reading_it_whole(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("poladder.core.team.MAX_LINE", 100)
    path = jsonl(tmp_path / "t.jsonl", {"name": "x" * 300}, A)
    result = cli("team", str(path), "--kb", str(LADDER), "--json")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:1: error: the line is over")
    assert json.loads(result.stdout)["members"][0]["person"] == "A"


def test_a_directory_gives_its_profile_files_in_name_order(cli, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "b.json").write_text(json.dumps(B | {"name": None}), encoding="utf-8")
    (team / "a.yaml").write_text(
        "name: A\nrole: owner\nskills: {backlog: 2, stakeholders: 2}\n", encoding="utf-8"
    )
    (team / "bad.yml").write_text("role: owner\nskills:\n  backlogg: 3\n", encoding="utf-8")
    jsonl(team / "c.jsonl", C, {"role": "junior"})
    (team / "notes.txt").write_text("not a profile", encoding="utf-8")
    missing = tmp_path / "nobody.yaml"
    result = cli("team", str(team), str(missing), "--kb", str(LADDER), "--json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{team / 'bad.yml'}:3:3: error: skills.backlogg: unknown skill 'backlogg'; did you mean 'backlog'? — use an id from `poladder skills`",
        f"{missing}: no such file — check the path of the profile",
        "poladder: 2 profiles skipped",
    ]
    members = json.loads(result.stdout)["members"]
    # the name in the profile, else the file's name, else the line
    assert [(m["person"], m["source"]) for m in members] == [
        ("A", str(team / "a.yaml")),
        ("b", str(team / "b.json")),
        ("C", f"{team / 'c.jsonl'}:1"),
        ("line 2", f"{team / 'c.jsonl'}:2"),
    ]


def test_a_directory_without_profiles_is_reported(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("not a profile", encoding="utf-8")
    result = cli("team", str(tmp_path), "--kb", str(LADDER), "--json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path}: no profiles here — poladder reads its *.yaml, *.yml, *.json and *.jsonl files",
        "poladder: 1 profile skipped",
    ]
    assert json.loads(result.stdout)["people"] == 0


def test_stdin_is_read_as_json_lines(cli):
    lines = "\n".join(json.dumps(p) for p in (A, B, C)) + "\n"
    implicit = team_json(cli, input=lines)
    assert [m["source"] for m in implicit["members"]] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert team_json(cli, "-", input=lines) == implicit
    bad = cli("team", "--kb", str(LADDER), input='{"role": "nope"}\n')
    assert bad.exit_code == 1 and bad.stderr.startswith("<stdin>:1: error: role: unknown role 'nope'")


def test_nothing_to_read_from_a_terminal_is_a_usage_error():
    pexpect = pytest.importorskip("pexpect")
    output, status = pexpect.run(
        sys.executable,
        args=["-m", "poladder", "team", "--kb", str(LADDER)],
        withexitstatus=True,
        timeout=30,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert status == 2
    assert b"give profile files, a directory or a .jsonl file, or pipe JSON Lines to stdin" in output


def test_json_and_jsonl_together_is_a_usage_error(cli, tmp_path):
    result = cli("team", str(jsonl(tmp_path / "t.jsonl", A)), "--json", "--jsonl", "--kb", str(LADDER))
    assert result.exit_code == 2 and "give one of them" in result.stderr


def test_jsonl_is_one_assessment_a_line_matching_its_schema(cli, tmp_path):
    people = generated(25)
    result = cli("team", str(jsonl(tmp_path / "t.jsonl", *people)), "--jsonl", "--kb", str(LADDER))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 25
    published = schema("team-member")
    for line, person in zip(lines, people, strict=True):
        member = json.loads(line)
        keys_match(member, published, published.get("$defs", {}))
        assert member["person"] == person["name"]


def test_json_and_jsonl_have_no_colour_even_on_a_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    path = jsonl(tmp_path / "t.jsonl", A, B, C)
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    for mode in ("--json", "--jsonl"):
        output = pexpect.run(
            sys.executable,
            args=["-m", "poladder", "team", str(path), mode, "--kb", str(LADDER)],
            env=env,
            timeout=30,
        )
        assert b"\x1b[" not in output and b'"person"' in output


def test_jsonl_streams_each_person_before_the_input_ends(tmp_path):
    """A real pipe: the first line comes out while stdin is still open, so nothing waits for the end."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "poladder", "team", "--jsonl", "--kb", str(LADDER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin and proc.stdout
    try:
        for person in (A, B):
            proc.stdin.write((json.dumps(person) + "\n").encode())
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, "no output while the input is still open"
            assert json.loads(proc.stdout.readline())["person"] == person["name"]
        proc.stdin.close()
        assert proc.stdout.read() == b""
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()


def test_a_reader_that_goes_away_is_no_error(tmp_path):
    path = jsonl(tmp_path / "t.jsonl", *generated(3000))
    proc = subprocess.Popen(
        [sys.executable, "-m", "poladder", "team", str(path), "--jsonl", "--kb", str(LADDER)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout and proc.stderr
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    assert proc.wait(timeout=60) == -signal.SIGPIPE  # ended as every command is (see test_consistency)
    assert proc.stderr.read() == b""


def test_reading_is_lazy_one_line_at_a_time(monkeypatch):
    """An endless stdin: the first members arrive after reading only their own lines."""

    class Endless(io.RawIOBase):
        lines_read = 0

        def readline(self, size: int | None = -1) -> bytes:
            Endless.lines_read += 1  # a new person each line: the same one again would be left out
            return (json.dumps(A | {"name": f"A{Endless.lines_read}"}) + "\n").encode()

    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": Endless()})())
    members = Team(KB.kb, warn=lambda line: None).assess(["-"])
    assert [m.source for m in itertools.islice(members, 3)] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert Endless.lines_read == 3


def test_progress_bar_goes_to_a_terminals_stderr_only(monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(stream, "DELAY", -1.0)  # show it at once
    items = list(stream.tracked(range(5), lambda: (3, 10)))
    assert items == [0, 1, 2, 3, 4]
    assert "assessing" in terminal.getvalue()
    assert capsys.readouterr().out == ""
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert list(stream.tracked(range(5), lambda: (0, None), enabled=False)) == [0, 1, 2, 3, 4]
    assert quiet.getvalue() == ""


def test_abbreviations_are_short_and_unique():
    assert abbreviations(["backlog-management", "facilitation", "financial-acumen", "fa-x", "backlog"]) == {
        "backlog-management": "BM",
        "facilitation": "FA",
        "financial-acumen": "FIA",
        "fa-x": "FX",
        "backlog": "BA",
    }
    bundled = source.load(use_cache=False).kb
    short = bundled.skill_abbreviations
    assert len(set(short.values())) == len(bundled.skills) and max(map(len, short.values())) <= 3


def test_abbreviations_never_name_a_role_and_are_accepted_as_skills(cli):
    """`SM` is the Scrum Master and `PM` the Product Manager: no skill takes them, and every
    abbreviation names its skill wherever a skill is looked up."""
    kb = source.load(use_cache=False).kb
    short = kb.skill_abbreviations
    assert short["stakeholder-management"] == "STM" and short["portfolio-management"] == "POM"
    for skill, abbreviation in short.items():
        assert kb.find_role(abbreviation) is None
        assert kb.skill_id(abbreviation) == kb.skill_id(abbreviation.lower()) == skill
    page = cli("skill", "STM", "--json")
    assert page.exit_code == 0 and json.loads(page.stdout)["id"] == "stakeholder-management"


def test_an_empty_team_is_said_so(cli):
    result = cli("team", "--kb", str(LADDER), input="")
    assert result.exit_code == 0 and "No profiles assessed." in result.stdout


# --- JSON Lines read like profile files ------------------------------------------------------


def test_hostile_lines_are_each_one_located_error_and_the_run_goes_on(cli, tmp_path):
    deep = '{"name": ' + "[" * 50_000 + "]" * 50_000 + "}"
    path = jsonl(
        tmp_path / "t.jsonl",
        '{"role": "owner", "role": "junior"}',
        '{"role": "owner", "skills": {"backlog": 2, "backlog": 5}}',
        '{"role": "owner", "years": Infinity}',
        '{"role": "owner", "years": -Infinity}',
        '{"role": "owner", "years": NaN}',
        deep,
        '{"role": "owner", "skills": {"backlog": ' + "9" * 5_000 + "}}",
        '{"name": "\\ud800", "role": "owner"}',
        A,
    )
    result = cli("team", str(path), "--kb", str(LADDER), "--json")
    assert result.exit_code == 1
    fix = "write each profile as a JSON object on one line"
    assert result.stderr.splitlines() == [
        f"{path}:1: error: duplicate key 'role' — keep one and merge the two",
        f"{path}:2: error: duplicate key 'backlog' — keep one and merge the two",
        f"{path}:3: error: not valid JSON (Infinity is not a JSON number) — {fix}",
        f"{path}:4: error: not valid JSON (-Infinity is not a JSON number) — {fix}",
        f"{path}:5: error: not valid JSON (NaN is not a JSON number) — {fix}",
        f"{path}:6: error: nested too deeply — a profile is only a few levels deep",
        f"{path}:7: error: a number with thousands of digits — levels are 0-5, years a few dozen",
        f"{path}:8: error: a \\u escape of half a character (a lone surrogate) — write the text as UTF-8, or escape whole characters",
        "poladder: 8 profiles skipped",
    ]
    assert [m["person"] for m in json.loads(result.stdout)["members"]] == ["A"]


# The same mistakes in a YAML profile file and in a JSON line: the same words after the location.
SAME_MISTAKES = [
    ("skills: {backlog: true}", {"skills": {"backlog": True}}),
    ("skills: {backlog: '3'}", {"skills": {"backlog": "3"}}),
    ("skills: {backlog: 3.0}", {"skills": {"backlog": 3.0}}),
    ("skills: {backlog: 7}", {"skills": {"backlog": 7}}),
    ("years: '2'", {"years": "2"}),
    ("years: true", {"years": True}),
    ("name: 5", {"name": 5}),
    ("certifications: basic", {"certifications": "basic"}),
    ("surname: x", {"surname": "x"}),
    ("skills: {backlogg: 2}", {"skills": {"backlogg": 2}}),
    ("experience: {ownr: 2}", {"experience": {"ownr": 2}}),
    ("role: ownr", {"role": "ownr"}),
]


@pytest.mark.parametrize(("yaml_text", "line"), SAME_MISTAKES)
def test_a_line_is_refused_with_the_words_a_profile_file_gets(cli, tmp_path, yaml_text, line):
    profile = tmp_path / "p.yaml"
    profile.write_text(f"role: owner\n{yaml_text}\n" if "role:" not in yaml_text else yaml_text + "\n")
    lines = jsonl(tmp_path / "t.jsonl", {"role": "owner", **line})
    by_file = cli("team", str(profile), "--kb", str(LADDER), "--json")
    by_line = cli("team", str(lines), "--kb", str(LADDER), "--json")
    assert by_file.exit_code == by_line.exit_code == 1
    words = [e.split(" error: ", 1)[1] for e in by_file.stderr.splitlines()[:-1]]
    assert words and [e.split(" error: ", 1)[1] for e in by_line.stderr.splitlines()[:-1]] == words
    assert by_line.stderr.startswith(f"{lines}:1: error: ")


def test_colons_and_escapes_inside_strings_are_text(cli, tmp_path):
    people = [
        {"name": 'Ana: "PO" \\ 1', "role": "owner", "skills": {"backlog": 3, "stakeholders": 2}},
        {"name": "Chlo\u00e9 \U0001f600 \u2028", "role": "junior"},
        '{"name": "Chlo\\u00e9 \\ud83d\\ude00 Martin", "role": "junior"}',
        '{"name": "a:b", "role": "owner", "role": "junior"}',  # a colon in a string does not hide this
    ]
    path = jsonl(tmp_path / "t.jsonl", *people)
    result = cli("team", str(path), "--kb", str(LADDER), "--jsonl")
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[0] == f"{path}:4: error: duplicate key 'role' — keep one and merge the two"
    )
    # split on newlines only: U+2028 is a line break to str.splitlines, and JSON keeps it as it is
    names = [json.loads(line)["person"] for line in result.stdout.split("\n") if line]
    assert names == ['Ana: "PO" \\ 1', "Chlo\u00e9 \U0001f600 \u2028", "Chlo\u00e9 \U0001f600 Martin"]


# Profiles as JSON values: good ones and every kind of wrong, to hold the fast reading to the slow one.
def test_certifications_are_known_by_name_in_json_lines_too(cli, tmp_path):
    path = jsonl(
        tmp_path / "t.jsonl",
        {"name": "A", "role": "owner", "certifications": ["Basic Owner", "basic", "ADVANCED OWNER"]},
        {"name": "B", "role": "owner", "certifications": ["Basik Owner"]},
    )
    result = cli("team", str(path), "--kb", str(LADDER), "--json")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        f"{path}:2: error: certifications.0: unknown certification"
    )
    assert [m["person"] for m in json.loads(result.stdout)["members"]] == ["A"]
