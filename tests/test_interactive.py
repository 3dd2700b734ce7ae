"""The interactive assessment, through CliRunner and through a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.conftest import LADDER

# current role, target (Enter: the default), years, certifications, then the three skills the owner
# and senior roles require, in name order: Backlog management, Stakeholder management, Strategic thinking
ANSWERS = "owner\n\n2\nbasic\n3\n2\n2\n"


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
    assert data["role"] == "owner" and data["target"] == "senior"
    assert data["profile"]["skills"] == {"backlog": 3, "stakeholders": 2, "strategy": 2}
    assert data["profile"]["certifications"] == ["basic"] and data["profile"]["years"] == 2
    assert data["best_fit"] == "owner"
    assert data["readiness"] == pytest.approx(7 / 9, abs=1e-4)
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
    again = cli("assess", "--kb", str(LADDER), "--json", input="\n" * 7)
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["profile"] == first["profile"]
    assert "Your current role [owner]" in again.stderr
    assert rows() == 2


def test_all_skills_asks_every_skill(cli):
    result = cli("assess", "--kb", str(LADDER), "--json", "--all-skills", input="owner\n\n2\n-\n" + "1\n" * 5)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["skills"] == dict.fromkeys(
        ["backlog", "coaching", "finance", "stakeholders", "strategy"], 1
    )


def test_wrong_answers_are_asked_again(cli):
    answers = "ownr\nowner\n\nmany\n2\nbasik\nbasic\n9\n3\n2\n2\n"
    result = cli("assess", "--kb", str(LADDER), "--json", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "did you mean 'owner'" in result.stderr
    assert "Please give a number of years" in result.stderr
    assert "did you mean 'basic'" in result.stderr
    assert "whole number from 0 to 5" in result.stderr
    assert json.loads(result.stdout)["profile"]["skills"]["backlog"] == 3


def test_end_of_input_exits_130_and_saves_nothing(cli):
    result = cli("assess", "--kb", str(LADDER), input="owner\n\n2\n")
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
        ("Your current role", "owner"),
        (r"want next \[senior\]", ""),
        ("Years", "2"),
        ("Certifications you hold", "basic"),
        (r"Your level \(0-5\) \[0\]", "3"),
        (r"Your level", "2"),
        (r"Your level", "2"),
    ]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect("Where you stand")
    child.expect("Target")
    child.expect("Focus for your next step")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert rows() == 1


def test_ctrl_c_in_a_real_terminal_exits_130_and_saves_nothing():
    pexpect = pytest.importorskip("pexpect")
    child = spawn("assess")
    child.expect("Your current role")
    child.sendline("owner")
    child.expect("want next")
    child.sendline("")
    child.expect("Years")
    child.sendintr()
    child.expect("nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    assert rows() == 0
