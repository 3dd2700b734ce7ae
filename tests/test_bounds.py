"""Names, links and texts have a stated maximum: a pasted megabyte is refused with one located line
and a fix, never assessed, printed or saved."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import LADDER

LONG = "A" * 201


def _profile(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(json.dumps({"name": name, "role": "owner", "skills": {"backlog": 3}}))
    return path


def _db() -> Path:
    return Path(os.environ["POLADDER_HOME"]) / "history.db"


@pytest.mark.parametrize("save", ["--save", "--no-save"])
def test_a_profile_name_over_200_characters_is_refused_and_saved_nowhere(cli, tmp_path, save):
    path = _profile(tmp_path, LONG)
    result = cli("assess", "-p", str(path), "--kb", str(LADDER), save)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:1:10: error: name: String should have at most 200 characters — "
        "shorten the name to at most 200 characters\n"
    )
    assert not _db().exists()


def test_a_name_of_200_characters_is_kept(cli, tmp_path):
    result = cli("assess", "-p", str(_profile(tmp_path, "B" * 200)), "--kb", str(LADDER), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "B" * 200


def test_a_team_member_named_too_long_is_refused(cli, tmp_path):
    path = tmp_path / "team.jsonl"
    path.write_text(json.dumps({"name": LONG, "role": "owner"}) + "\n")
    result = cli("team", str(path), "--kb", str(LADDER))
    assert result.exit_code == 1
    assert "shorten the name to at most 200 characters" in result.stderr
    assert LONG not in result.stderr


def test_the_interview_asks_again_for_a_name_too_long(cli):
    answers = f"{LONG}\nRobin\nowner\n2\n\n\n-\n" + "1\n" * 10
    result = cli("assess", "--kb", str(LADDER), "--no-save", "--json", input=answers)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "Robin"
    assert "shorten the name to at most 200 characters" in result.stderr
    assert result.stderr.count("Your name, for plans and history") == 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["log", "Ran a review", "-s", "backlog", "--person", LONG], "--person is 201 characters long"),
        (["history", "--person", LONG], "--person is 201 characters long"),
        (["evidence", "--person", LONG], "--person is 201 characters long"),
        (["calibrate", "--person", LONG], "--person is 201 characters long"),
        (["assess", "-p", "PROFILE", "--rater", LONG], "--rater is 201 characters long"),
        (["assess", "-p", "PROFILE", "--view", LONG], "--view is 201 characters long"),
    ],
)
def test_names_on_the_command_line_are_bounded(cli, tmp_path, args, said):
    args = [str(_profile(tmp_path, "Alex")) if a == "PROFILE" else a for a in args]
    result = cli(*args, "--kb", str(LADDER))
    assert result.exit_code == 2
    assert result.stderr == f"poladder: error: {said}: shorten the name to at most 200 characters\n"
    assert not _db().exists()


def test_links_are_bounded_and_texts_stay_bounded(cli):
    link = "https://example.com/" + "x" * 1_981
    result = cli("log", "Ran a review", "-s", "backlog", "--link", link, "--kb", str(LADDER))
    assert result.exit_code == 2
    assert result.stderr == (
        "poladder: error: --link is 2,001 characters long: shorten the link to at most 2,000 characters\n"
    )
    assert (
        cli("log", "Ran a review", "-s", "backlog", "--link", link[:-1], "--kb", str(LADDER)).exit_code == 0
    )
    result = cli("evidence", "edit", "1", "--link", link, "--kb", str(LADDER))
    assert result.exit_code == 2 and "--link is 2,001 characters long" in result.stderr
    result = cli("log", "x" * 4_001, "-s", "backlog", "--kb", str(LADDER))
    assert result.exit_code == 2 and "keep it under 4,000" in result.stderr


def test_forget_takes_any_name_an_older_version_saved(cli):
    result = cli("forget", "--person", LONG, "--yes")
    assert "characters long" not in result.stderr
