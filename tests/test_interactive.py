"""The interactive assessment, through CliRunner and through a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.conftest import LADDER

# name, current role, years in it, target (Enter: the default), years, certifications, then the three
# skills the owner and senior roles require, in name order: Backlog management, Stakeholder
# management, Strategic thinking
ANSWERS = "Robin\nowner\n1.5\n\n2\nbasic\n3\n2\n2\n"


# Colour codes between two words a real terminal is sent.
SGR = r"(?:\x1b\[[0-9;]*m)*"


def rows() -> int:
    db = Path(os.environ["POLADDER_HOME"]) / "history.db"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM assessments").fetchone()[0])


def test_questions_on_stderr_json_on_stdout(cli):
    result = cli("assess", "--kb", str(LADDER), "--json", input=ANSWERS)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)  # nothing but the JSON on stdout
    assert data["name"] == "Robin" and data["role"] == "owner" and data["target"] == "senior"
    assert data["profile"]["skills"] == {"backlog": 3, "stakeholders": 2, "strategy": 2}
    assert data["profile"]["certifications"] == ["basic"] and data["profile"]["years"] == 2
    assert data["profile"]["experience"] == {"owner": 1.5}
    # Senior needs backlog 4 and stakeholders 3: two skills one level short, within the tolerance
    assert data["best_fit"] == "senior" and [g["skill"] for g in data["best_fit_gaps"]] == [
        "backlog",
        "stakeholders",
    ]
    assert data["readiness"] == pytest.approx(7 / 9, abs=1e-4)
    assert data["verdict"]["served"] == 1.5
    assert "Your current role" in result.stderr and "Your level (0-5)" in result.stderr
    assert rows() == 1


def test_level_descriptors_shown_but_not_the_required_level(cli):
    stderr = cli("assess", "--kb", str(LADDER), "--json", input=ANSWERS).stderr
    assert "competent — Orders a backlog" in stderr
    assert "need" not in stderr.lower() and "require" not in stderr.lower()


def test_the_target_defaults_to_the_next_promotion(cli):
    assert "The role you want next [senior]" in cli("assess", "--kb", str(LADDER), input=ANSWERS).stderr


def test_defaults_are_the_last_answers(cli):
    first = json.loads(cli("assess", "--kb", str(LADDER), "--json", input=ANSWERS).stdout)
    again = cli("assess", "--kb", str(LADDER), "--json", input="\n" * 9)
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["profile"] == first["profile"]
    assert "Your name, for plans and history [Robin]" in again.stderr  # asked once, kept as the default
    assert "Your current role [owner]" in again.stderr
    assert "Years in your current role [1.5]" in again.stderr
    assert rows() == 2


def test_all_skills_asks_every_skill(cli):
    result = cli(
        "assess", "--kb", str(LADDER), "--json", "--all-skills", input="\nowner\n\n\n2\n-\n" + "1\n" * 5
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["skills"] == dict.fromkeys(
        ["backlog", "coaching", "finance", "stakeholders", "strategy"], 1
    )


def test_wrong_answers_are_asked_again(cli):
    answers = "\nownr\nowner\nlong\n1\n\nmany\n2\nbasik\nbasic\n9\n3\n2\n2\n"
    result = cli("assess", "--kb", str(LADDER), "--json", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "did you mean 'owner'" in result.stderr
    assert "Please give a number of years" in result.stderr
    assert "did you mean 'basic'" in result.stderr
    assert "whole number from 0 to 5" in result.stderr
    assert json.loads(result.stdout)["profile"]["skills"]["backlog"] == 3


def test_end_of_input_exits_130_and_saves_nothing(cli):
    result = cli("assess", "--kb", str(LADDER), input="\nowner\n\n2\n")
    assert result.exit_code == 130
    assert "end of input before every question was answered — nothing was saved" in result.stderr
    assert "--profile FILE runs without questions" in result.stderr
    assert result.stdout == ""
    assert rows() == 0


def spawn(*args: str):
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    return pexpect.spawn(
        sys.executable, ["-m", "poladder", *args, "--kb", str(LADDER)], env=env, timeout=30, encoding="utf-8"
    )


def test_real_terminal_session():
    pexpect = pytest.importorskip("pexpect")
    child = spawn("assess")
    for prompt, answer in [
        ("Your name", "Robin"),
        ("Your current role", "owner"),
        ("Years in your current role", "1"),
        (r"want next \[senior\]", ""),
        ("Years in product roles", "2"),
        ("Certifications you hold", "basic"),
        (r"Your level \(0-5\) \[0\]", "3"),
        (r"Your level", "2"),
        (r"Your level", "2"),
    ]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect("Robin — where you stand")
    child.expect("Target")
    child.expect(f"Ready now{SGR}: {SGR}Senior Owner")  # two skills one level short, neither core
    child.expect("Make the case")
    child.expect(f"Focus beyond your next step{SGR}: {SGR}Head of Owners")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert rows() == 1


def test_ctrl_c_in_a_real_terminal_exits_130_and_saves_nothing():
    pexpect = pytest.importorskip("pexpect")
    child = spawn("assess")
    child.expect("Your name")
    child.sendline("")
    child.expect("Your current role")
    child.sendline("owner")
    child.expect("Years in your current role")
    child.sendline("")
    child.expect("want next")
    child.sendline("")
    child.expect("Years in product roles")
    child.sendintr()
    child.expect("nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    assert rows() == 0


def test_back_returns_to_the_previous_question_keeping_the_answers(cli):
    answers = [
        "",  # name: none
        "owner",  # current role
        "1.5",  # years in it
        "back",  # at the target: back to the years in the role...
        "<",  # ...and back again, to the role
        "senior",  # a new role; the years in it keep the answer given: Enter
        "",
        "",  # target: the default, now the next promotion from senior (head)
        "3",  # years in product roles
        "-",  # certifications
        "4",  # Backlog management
        "back",  # at Financial acumen: back to Backlog management, whose default is now 4
        "",
        "2",  # Financial acumen
        "3",  # Stakeholder management
        "back",  # at Strategic thinking
        "",  # Stakeholder management keeps 3
        "1",  # Strategic thinking
    ]
    result = cli("assess", "--kb", str(LADDER), "--json", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    profile = json.loads(result.stdout)["profile"]
    assert (profile["role"], profile["target"], profile["years"]) == ("senior", "head", 3)
    assert profile["experience"] == {"senior": 1.5}
    assert profile["skills"] == {"backlog": 4, "finance": 2, "stakeholders": 3, "strategy": 1}
    assert profile["certifications"] == []
    err = result.stderr
    assert "Years in your current role [1.5]" in err and "Your current role [owner]" in err
    assert "The role you want next [head]" in err
    assert "Your level (0-5) [4]" in err and "Your level (0-5) [3]" in err
    assert rows() == 1


def test_back_at_the_first_question_says_so(cli):
    result = cli("assess", "--kb", str(LADDER), "--json", input="back\n" + ANSWERS)
    assert result.exit_code == 0, result.stderr
    assert "This is the first question." in result.stderr
    assert json.loads(result.stdout)["profile"]["skills"] == {"backlog": 3, "stakeholders": 2, "strategy": 2}


def test_the_first_line_says_how_to_go_back(cli):
    first = cli("assess", "--kb", str(LADDER), input=ANSWERS).stderr.splitlines()[0]
    assert "back or < goes back" in first


def test_back_from_the_skills_to_the_roles_asks_the_new_roles_skills(cli):
    # owner (aiming at senior), then from the first skill five times back to the role: a coach now,
    # every other answer kept (Enter, the target senior too), and the skills asked are the coach's and
    # senior's, no longer the owner's
    answers = ["", "owner", "", "", "2", "-", *["back"] * 5, "coach-role", "", "", "", "", *["2"] * 10]
    result = cli("assess", "--kb", str(LADDER), "--json", "--no-save", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["role"], data["target"], data["profile"]["years"]) == ("coach-role", "senior", 2)
    assert data["profile"]["skills"] == dict.fromkeys(["backlog", "coaching", "stakeholders", "strategy"], 2)


def test_the_years_in_the_role_may_stay_blank(cli):
    result = cli("assess", "--kb", str(LADDER), "--json", "--no-save", input="\nowner\n\n\n2\n-\n3\n2\n2\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["experience"] == {}


def test_going_back_in_a_real_terminal():
    pexpect = pytest.importorskip("pexpect")
    child = spawn("assess")
    for prompt, answer in [
        ("back or < goes back", None),
        ("Your name", ""),
        ("Your current role", "owner"),
        ("Years in your current role", "2"),
        (r"want next \[senior\]", "back"),
        (r"Years in your current role \[2\]", "<"),
        (r"Your current role \[owner\]", ""),
        (r"Years in your current role \[2\]", ""),
        (r"want next \[senior\]", ""),
        ("Years in product roles", "3"),
        ("Certifications you hold", "-"),
        (r"Your level \(0-5\) \[0\]", "3"),
        (r"Your level \(0-5\) \[0\]", "back"),
        (r"Your level \(0-5\) \[3\]", "4"),
        (r"Your level", "2"),
        (r"Your level", "2"),
    ]:
        child.expect(prompt)
        if answer is not None:
            child.sendline(answer)
    child.expect("Where you stand")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert rows() == 1
    with sqlite3.connect(Path(os.environ["POLADDER_HOME"]) / "history.db") as conn:
        saved = conn.execute("SELECT * FROM assessments").fetchone()
    assert any(isinstance(v, str) and '"experience":{"owner":2.0}' in v.replace(" ", "") for v in saved), (
        saved
    )


def test_a_target_given_is_checked_first_and_not_asked(cli):
    # an unknown target: refused before the first question, no answer lost
    result = cli("assess", "--kb", str(LADDER), "--target", "ceo", input=ANSWERS)
    assert result.exit_code == 2 and "unknown role 'ceo'" in result.stderr
    assert "Your name" not in result.stderr and "Your current role" not in result.stderr
    # a known one: never asked, and the answers that follow need no blank for it
    answers = "Robin\nowner\n1.5\n2\nbasic\n3\n2\n2\n4\n"  # no target question; head needs finance too
    result = cli("assess", "--kb", str(LADDER), "--json", "--target", "head", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "The role you want next" not in result.stderr
    data = json.loads(result.stdout)
    assert data["target"] == "head" and data["profile"]["target"] == "head"
    assert data["profile"]["skills"] == {"backlog": 3, "finance": 2, "stakeholders": 2, "strategy": 4}


def test_focus_0_hides_the_focus(cli):
    profile = "role: owner\nskills: {backlog: 1}\n"
    shown = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", input=profile).stdout
    hidden = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", "--focus", "0", input=profile).stdout
    assert "Focus for your next step" in shown
    assert "Focus" not in hidden and "Nothing to raise" not in hidden


def test_a_name_and_a_target_in_a_real_terminal():
    pexpect = pytest.importorskip("pexpect")
    child = spawn("assess", "--target", "head")
    for prompt, answer in [
        ("Your name, for plans and history \\(blank for none\\)", "Robin"),
        ("Your current role", "owner"),
        ("Years in your current role", "2"),
        ("Years in product roles", "3"),  # no question about the role wanted next
        ("Certifications you hold", "-"),
        (r"Your level \(0-5\) \[0\]", "3"),
        (r"Your level", "2"),
        (r"Your level", "2"),
        (r"Your level", "2"),
    ]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect("Robin — where you stand")
    child.expect("Head of Owners")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert rows() == 1
    child = spawn("assess", "--target", "head", "--no-save")
    child.expect(r"Your name, for plans and history \[Robin\]")  # the last name is the default
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


@pytest.mark.parametrize("years", ["100", "inf", "1e400", "-1", "nan", "٣", "５"])
def test_years_the_profile_refuses_are_asked_again(cli, years):
    """The interview checks each answer with the Profile model's own rules: a number of years the model
    refuses (over 70, infinite, negative) is asked again, never a traceback after the last question."""
    answers = f"\nowner\n{years}\n2\n\n\n-\n" + "0\n" * 10
    result = cli("assess", "--kb", str(LADDER), "--no-save", "--json", input=answers)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["experience"] == {"owner": 2.0}
    assert "Traceback" not in result.stderr
    assert result.stderr.count("Years in your current role") == 2


@pytest.mark.parametrize("level", ["²", "7", "3.0", "-1", "٣", "５", "𝟑"])
def test_levels_the_profile_refuses_are_asked_again(cli, level):
    answers = f"\nowner\n2\n\n\n-\n{level}\n" + "1\n" * 10
    result = cli("assess", "--kb", str(LADDER), "--no-save", "--json", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "Please answer with a whole number from 0 to 5." in result.stderr
    assert 1 in json.loads(result.stdout)["profile"]["skills"].values()
