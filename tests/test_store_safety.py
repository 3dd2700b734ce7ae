"""A history changed by hand, a link planted in the home, and a long history read without holding it."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import LADDER


def db_path() -> Path:
    return Path(os.environ["POLADDER_HOME"]) / "history.db"


def saved(cli) -> None:
    """Alex's assessment, a piece of evidence and a rater's view of Alex."""
    profile = "name: Alex\nrole: owner\nskills: {backlog: 2}\n"
    for extra in ([], ["--rater", "manager"]):
        result = cli("assess", "-p", "-", "--kb", str(LADDER), *extra, input=profile)
        assert result.exit_code == 0, result.stderr
    result = cli("log", "Ran the review", "-s", "backlog", "--person", "Alex", "--kb", str(LADDER))
    assert result.exit_code == 0, result.stderr


def tamper_with(statement: str) -> None:
    with sqlite3.connect(db_path()) as conn:
        conn.execute(statement)
    conn.close()


REFUSED = "— poladder did not write it; move the database away or restore it from a backup\n"
SKILLS = ["history", "--person", "Alex", "--skills"]
PACKET = ["packet", "--person", "Alex"]


@pytest.mark.parametrize(
    ("statement", "what", "commands"),
    [
        (
            "UPDATE assessments SET readiness = 9e999",
            "a readiness that is not a number from 0 to 1 (assessment 1)",
            [SKILLS, [*SKILLS, "--json"], ["history"]],
        ),
        (
            "UPDATE evidence SET day = '2026-13-45'",
            "a day that is not a date of the calendar (evidence 1)",
            [["evidence"], ["evidence", "--json"], PACKET],
        ),
        (
            "UPDATE assessments SET at = '0001-01-01T00:00:00+14:00'",
            "a time that is not a date and time of the calendar (assessment 1)",
            [["history"], ["history", "--json"], SKILLS, PACKET],
        ),
        (
            "UPDATE assessments SET at = 'yesterday'",
            "a time that is not a date and time of the calendar (assessment 1)",
            [["history"], SKILLS],
        ),
        (
            "UPDATE ratings SET at = '9999-12-31T23:59:59+00:00'",
            "a time that is not a date and time of the calendar (view 1)",
            [["calibrate", "--person", "Alex"], PACKET],
        ),
        (
            "UPDATE evidence SET created = 'now'",
            "a time that is not a date and time of the calendar (evidence 1)",
            [["evidence"], PACKET],
        ),
    ],
    ids=[
        "infinite-readiness",
        "thirteenth-month",
        "time-before-the-calendar",
        "not-a-time",
        "view",
        "created",
    ],
)
def test_a_value_poladder_did_not_write_is_refused_by_every_reader(cli, statement, what, commands):
    saved(cli)
    tamper_with(statement)
    for command in commands:
        result = cli(*command, "--kb", str(LADDER))
        assert result.exit_code == 1 and result.stdout == "", (command, result.stdout)
        assert result.stderr == f"{db_path()}: the history database holds {what} {REFUSED}", command


def test_a_time_in_another_zone_is_read_in_utc(cli):
    saved(cli)
    tamper_with("UPDATE assessments SET at = '2026-03-02T10:00:00+02:00'")
    result = cli("history", "--json", "--kb", str(LADDER))
    assert result.exit_code == 0, result.stderr
    assert [row["at"] for row in json.loads(result.stdout)] == ["2026-03-02T08:00:00+00:00"]


# The history is the user's own private regular file: never a link, whatever it points at.

LINKED = (
    "the history database is a symbolic link — a history is a private file of your own, never read or "
    "written through a link; move the link away or set POLADDER_HOME to another directory\n"
)


@pytest.mark.parametrize("target", ["missing", "existing"])
def test_a_history_that_is_a_link_is_neither_followed_nor_written(cli, tmp_path, target):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    pointed = elsewhere / "target.db"
    if target == "existing":
        pointed.write_bytes(b"")
    db_path().parent.mkdir(mode=0o700)
    db_path().symlink_to(pointed)
    for command in (["assess", "-p", "-"], ["history"]):
        result = cli(*command, "--kb", str(LADDER), input="role: owner\n")
        assert result.exit_code == 1 and result.stderr == f"{db_path()}: {LINKED}", result.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == (["target.db"] if target == "existing" else [])
    assert not pointed.exists() or pointed.read_bytes() == b""


def test_a_link_where_a_journal_goes_is_refused(cli, tmp_path):
    saved(cli)
    (db_path().parent / "history.db-journal").symlink_to(tmp_path / "elsewhere")
    result = cli("history", "--kb", str(LADDER))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{db_path()}: the history database has a link beside it")
    assert not (tmp_path / "elsewhere").exists()


def test_a_new_history_is_private_whatever_the_umask(cli):
    old = os.umask(0)
    try:
        result = cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    home = db_path().parent
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(db_path().stat().st_mode) == 0o600
    assert sorted(p.name for p in home.iterdir() if not p.name.startswith("history.db-")) == ["history.db"]


# A long history is written as it is read, and --skills reads only the person's rows.


def many(count: int) -> None:
    """`count` assessments of other people, each with a large profile, beside Alex's."""
    with sqlite3.connect(db_path()) as conn:
        columns = "at, kb_version, kb_sha256, role, target, best_fit, readiness, source, result"
        row = conn.execute(f"SELECT {columns} FROM assessments LIMIT 1").fetchone()
        profile = json.dumps({"name": "Kim", "role": "owner", "notes": "x" * 20_000})
        conn.executemany(
            f"INSERT INTO assessments ({columns}, person, profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, f"Kim {i % 50}", profile) for i in range(count)],
        )
    conn.close()


def peak(cli, *args: str) -> tuple[int, str]:
    tracemalloc.start()
    try:
        result = cli(*args, "--kb", str(LADDER))
        return tracemalloc.get_traced_memory()[1], result.stdout
    finally:
        tracemalloc.stop()


def test_skills_reads_only_the_persons_rows(cli):
    saved(cli)
    many(2000)  # 40 MB of other people's profiles
    used, out = peak(cli, "history", "--person", "Alex", "--skills", "--json")
    assert len(json.loads(out)["assessments"]) == 1
    assert used < 10_000_000


def test_history_json_is_written_as_it_is_read(cli):
    saved(cli)
    many(8000)
    used, out = peak(cli, "history", "--json")
    rows = json.loads(out)
    assert len(rows) == 8001 and rows[0]["person"] == "Alex"
    assert used < 4 * len(out)  # the copy the test runner keeps, and little more: never all of it
