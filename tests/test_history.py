"""History across runs, profile export, and a database that survives concurrency, kills and strangers."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from poladder.core.assess import assess
from poladder.errors import DataError
from poladder.load import ladder as source
from poladder.model.profile import Profile
from poladder.store.database import SCHEMA_VERSION
from poladder.store.history import Store
from tests import unprivileged
from tests.conftest import LADDER


def db_path() -> Path:
    return Path(os.environ["POLADDER_HOME"]) / "history.db"


def assess_with(cli, text: str, *args: str, kb: Path = LADDER):
    result = cli("assess", "-p", "-", "--kb", str(kb), "--json", *args, input=text)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_history_lists_assessments_with_change(cli):
    assert json.loads(cli("history", "--kb", str(LADDER), "--json").stdout) == []
    assess_with(cli, "role: owner\nskills: {backlog: 3, stakeholders: 2}\n")  # senior: 5/9
    assess_with(cli, "role: owner\nskills: {backlog: 4, stakeholders: 2}\n")  # senior: 6/9
    assess_with(cli, "role: owner\ntarget: head\nskills: {backlog: 4}\n")  # another target
    assess_with(cli, "role: owner\nskills: {backlog: 4, stakeholders: 3}\n", "--no-save")
    history = json.loads(cli("history", "--kb", str(LADDER), "--json").stdout)
    assert [(h["target"], h["readiness"], h["change"]) for h in history] == [
        ("senior", pytest.approx(5 / 9, abs=1e-4), None),
        ("senior", pytest.approx(6 / 9, abs=1e-4), pytest.approx(1 / 9, abs=1e-3)),
        ("head", pytest.approx(4 / 15, abs=1e-4), None),
    ]
    assert set(history[0]) >= {"at", "role", "target", "best_fit", "readiness"}
    assert history[0]["at"] <= history[1]["at"] <= history[2]["at"]
    assert not any(h["other_knowledge_base"] for h in history)
    human = cli("history", "--kb", str(LADDER)).stdout
    assert "+11%" in human and "55%" in human  # 5/9: rounded down, as every percentage


def test_another_knowledge_base_is_marked(cli, tmp_path):
    assess_with(cli, "role: owner\n")
    changed = tmp_path / "changed.yaml"
    changed.write_text(LADDER.read_text().replace('version: "t1"', 'version: "t2"'))
    history = json.loads(cli("history", "--kb", str(changed), "--json").stdout)
    assert history[0]["other_knowledge_base"] is True and history[0]["kb_version"] == "t1"
    assert "another version of the knowledge base" in cli("history", "--kb", str(changed)).stdout


def test_empty_history_says_so(cli):
    result = cli("history", "--kb", str(LADDER))
    assert result.exit_code == 0 and "No assessments yet" in result.stderr and result.stdout == ""


def test_profile_export_round_trips(cli, tmp_path):
    first = assess_with(cli, "name: Alex\nrole: jo\nskills: {backlog: 2}\ncertifications: [basic]\n")
    exported = cli("profile", "export", "--person", "alex")
    assert exported.exit_code == 0, exported.stderr
    assert yaml.safe_load(exported.stdout) == {
        "name": "Alex",
        "role": "junior",
        "skills": {"backlog": 2},
        "certifications": ["basic"],
    }
    out = tmp_path / "me.yaml"
    result = cli("profile", "export", "--person", "Alex", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == "" and str(out) in result.stderr
    again = assess_with(cli, out.read_text(), "--no-save")
    assert again["readiness"] == first["readiness"] and again["gaps"] == first["gaps"]
    assert json.loads(cli("profile", "export", "--person", "ALEX", "--json").stdout)["role"] == "junior"
    assert list(tmp_path.glob(".me.yaml.*")) == []  # no temp file left behind


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_profile_export_of_any_character_reads_back(cli, tmp_path, fmt):
    """An emoji (outside the BMP) and accents survive export and --profile in either format."""
    name = "Zoë 🎉 Ωmega"
    assess_with(
        cli, json.dumps({"name": name, "role": "owner", "skills": {"backlog": 2}}, ensure_ascii=False)
    )
    out = tmp_path / f"me.{fmt}"
    assert cli("profile", "export", "--person", name, "-o", str(out)).exit_code == 0
    again = assess_with(cli, out.read_text(encoding="utf-8"), "--no-save")
    assert again["profile"]["name"] == name and again["profile"]["skills"] == {"backlog": 2}


def test_profile_export_without_history(cli):
    result = cli("profile", "export")
    assert result.exit_code == 1
    assert result.stderr == (
        "poladder: error: no assessment of yours saved yet — run `poladder assess` "
        "(or give --person NAME; the history is empty)\n"
    )


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, os.urandom(4096)])
def test_corrupt_database_is_refused_and_kept(cli, content):
    db_path().parent.mkdir(parents=True)
    db_path().write_bytes(content)
    result = cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n")
    assert result.exit_code == 1
    assert (
        "history.db: the history database is not an SQLite database — poladder will not touch it"
        in result.stderr
    )
    assert cli("history", "--kb", str(LADDER)).exit_code == 1
    assert db_path().read_bytes() == content


def test_foreign_database_is_refused_and_kept(cli):
    db_path().parent.mkdir(parents=True)
    with sqlite3.connect(db_path()) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER, name TEXT)")
        conn.execute("INSERT INTO photos VALUES (1, 'holiday')")
    before = db_path().read_bytes()
    result = cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n")
    assert result.exit_code == 1 and "belongs to another program" in result.stderr
    assert "POLADDER_HOME" in result.stderr
    assert db_path().read_bytes() == before


def test_damaged_database_with_our_header_is_refused(cli):
    assess_with(cli, "role: owner\n")
    data = bytearray(db_path().read_bytes())
    data[100:4096] = os.urandom(3996)  # keep the header, wreck the schema page
    db_path().write_bytes(bytes(data))
    result = cli("history", "--kb", str(LADDER))
    assert result.exit_code == 1 and "history database" in result.stderr and "Traceback" not in result.stderr


def _save_many(db: str, count: int) -> None:
    loaded = source.load(LADDER, use_cache=False)
    store = Store(Path(db))
    for i in range(count):
        store.save(
            assess(loaded.kb, loaded.stamp, Profile(role="owner", skills={"backlog": i % 6}), date.today()),
            None,
        )


def test_concurrent_saves_lose_nothing(tmp_path):
    db = str(tmp_path / "history.db")
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_save_many, args=(db, 25)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM assessments").fetchone()[0] == 75


def _save_forever(db: str) -> None:
    _save_many(db, 1_000_000)


def test_killed_mid_save_keeps_every_committed_assessment(tmp_path):
    db = tmp_path / "history.db"
    ctx = multiprocessing.get_context("spawn")
    for round_number in range(4):
        worker = ctx.Process(target=_save_forever, args=(str(db),))
        worker.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not db.exists():
            time.sleep(0.05)
        time.sleep(0.3 + 0.1 * round_number)  # land somewhere in the middle of a save
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        worker.join()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            profiles = [row[0] for row in conn.execute("SELECT profile FROM assessments")]
        assert all(json.loads(p)["role"] == "owner" for p in profiles)  # every row whole
    history = Store(db).history("any")
    assert len(history.root) == len(profiles) > 0


def test_store_errors_are_poladder_errors(tmp_path):
    bad = tmp_path / "history.db"
    bad.write_text("nope")
    with pytest.raises(DataError):
        Store(bad).history("x")


# Whose history: every row knows whose it is.

# the questions: no name, role owner, target (Enter: senior), 2 years, basic, backlog 3, stakeholders 2,
# strategy 2
ANSWERS = "\nowner\n\n\n2\nbasic\n3\n2\n2\n"  # name, role, years in it, target, years, certs, levels


def interview(cli, answers: str = ANSWERS, *args: str):
    result = cli("assess", "--kb", str(LADDER), "--json", *args, input=answers)
    assert result.exit_code == 0, result.stderr
    return result


def assess_file(cli, path: Path, *args: str):
    result = cli("assess", "-p", str(path), "--kb", str(LADDER), "--json", *args)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture
def colleague(tmp_path) -> Path:
    path = tmp_path / "sam.yaml"
    path.write_text("name: Sam\nrole: owner\nskills: {backlog: 1}\n")  # senior: 1/9
    return path


def history_json(cli, *args: str) -> list[dict]:
    result = cli("history", "--kb", str(LADDER), "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_row_knows_whose_it_is_and_change_is_per_person(cli, colleague, tmp_path):
    interview(cli)  # you: senior 7/9
    assess_file(cli, colleague)  # Sam: 1/9
    interview(cli, "\n\n\n\n\n\n4\n\n\n")  # you again, backlog 4: 8/9
    colleague.write_text("name: sam\nrole: owner\nskills: {backlog: 2}\n")  # Sam, spelt otherwise: 2/9
    assess_file(cli, colleague)
    unnamed = tmp_path / "robin.yaml"
    unnamed.write_text("role: owner\n")
    assess_file(cli, unnamed)
    rows = history_json(cli)
    assert [(r["person"], r["source"], r["change"]) for r in rows] == [
        (None, "interview", None),
        ("Sam", str(colleague), None),
        (None, "interview", pytest.approx(1 / 9, abs=1e-3)),  # never -60% against Sam's
        ("sam", str(colleague), pytest.approx(1 / 9, abs=1e-3)),
        ("robin", str(unnamed), None),  # no name: the file's, as `team` names people
    ]
    human = cli("history", "--kb", str(LADDER)).stdout
    assert "Sam" in human and "you" in human and "robin" in human  # as a table or, narrow, as blocks
    assert "-60%" not in human and "+11%" in human


def test_history_person_filters_case_insensitively(cli, colleague):
    interview(cli)
    assess_file(cli, colleague)
    assess_file(cli, colleague)
    assert [r["person"] for r in history_json(cli, "--person", "SAM")] == ["Sam", "Sam"]
    assert history_json(cli, "--person", "sam")[1]["change"] == 0
    assert [r["source"] for r in history_json(cli, "--person", "you")] == ["interview"]
    # Nobody by that name: an error, as `profile export --person` says it, JSON or not.
    for json_flag in ([], ["--json"]):
        result = cli("history", "--kb", str(LADDER), "--person", "nobody", *json_flag)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == (
            "poladder: error: no assessment of 'nobody' saved yet — run `poladder assess` "
            "(or give --person NAME; people in history: Sam, you)\n"
        )


def test_a_colleagues_file_never_changes_your_interview_defaults(cli, colleague):
    first = json.loads(interview(cli).stdout)["profile"]
    colleague.write_text("name: Sam\nrole: junior\ntarget: head\nyears: 9\nskills: {finance: 5}\n")
    assess_file(cli, colleague)
    unnamed = colleague.with_name("other.yaml")
    unnamed.write_text("role: head\n")
    assess_file(cli, unnamed)
    cli("assess", "-p", "-", "--kb", str(LADDER), input="role: head\n")  # stdin: not you either
    again = interview(cli, "\n" * 9)
    assert json.loads(again.stdout)["profile"] == first
    assert "Your current role [owner]" in again.stderr and "head" not in again.stderr.split("Roles:")[0]


def test_profile_export_is_yours_unless_a_person_is_named(cli, colleague):
    assess_file(cli, colleague)
    result = cli("profile", "export")
    assert result.exit_code == 1
    assert result.stderr == (
        "poladder: error: no assessment of yours saved yet — run `poladder assess` "
        "(or give --person NAME; people in history: Sam)\n"
    )
    interview(cli)
    assess_file(cli, colleague)
    mine = yaml.safe_load(cli("profile", "export").stdout)
    assert mine == {
        "role": "owner",
        "target": "senior",
        "years": 2.0,
        "skills": {"backlog": 3, "stakeholders": 2, "strategy": 2},
        "certifications": ["basic"],
    }
    assert yaml.safe_load(cli("profile", "export", "--person", "sAm").stdout)["name"] == "Sam"
    missing = cli("profile", "export", "--person", "Kim")
    assert missing.exit_code == 1 and "no assessment of 'Kim' saved yet" in missing.stderr
    assert "people in history: Sam, you" in missing.stderr


def test_assess_says_what_it_saved(cli, colleague, tmp_path):
    assert assess_file(cli, colleague).stderr == (
        "poladder: saved Sam's assessment to history (see poladder history)\n"
    )
    assert interview(cli).stderr.endswith(
        "poladder: saved your assessment to history (see poladder history)\n"
    )
    nameless = cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n")
    assert nameless.stderr == "poladder: saved an unnamed assessment to history (see poladder history)\n"
    hostile = tmp_path / "x.yaml"
    hostile.write_text('name: "Eve\\e]52;c;AAAA\\a"\nrole: owner\n')
    said = assess_file(cli, hostile).stderr
    assert "\x1b" not in said and "\x07" not in said and "Eve\\x1b]52;c;AAAA\\x07's assessment" in said
    before = len(history_json(cli))
    result = assess_file(cli, colleague, "--no-save")
    assert result.stderr == "" and len(history_json(cli)) == before


# A v1 database, as poladder 0.1 made it.
V1_SCHEMA = """
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, kb_version TEXT, kb_sha256 TEXT NOT NULL, role TEXT,
    target TEXT, best_fit TEXT, readiness REAL, profile TEXT NOT NULL
)
"""


def make_v1(path: Path, profiles: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 1347374148")
        conn.execute("PRAGMA user_version = 1")
        conn.execute(V1_SCHEMA)
        for i, profile in enumerate(profiles):
            conn.execute(
                "INSERT INTO assessments (at, kb_version, kb_sha256, role, target, best_fit, readiness, profile)"
                " VALUES (?, 't1', 'old', 'owner', 'senior', 'junior', ?, ?)",
                (f"2026-01-0{i + 1}T10:00:00+00:00", 0.1 * (i + 1), json.dumps(profile)),
            )
    conn.close()


def test_a_v1_database_is_upgraded_in_place_keeping_every_row(cli):
    make_v1(
        db_path(), [{"name": "Alex", "role": "owner"}, {"role": "owner"}, {"name": "  ", "role": "owner"}]
    )
    rows = history_json(cli)
    assert [(r["person"], r["source"], r["readiness"]) for r in rows] == [
        ("Alex", None, pytest.approx(0.1)),
        (None, None, pytest.approx(0.2)),
        (None, None, pytest.approx(0.3)),
    ]
    with sqlite3.connect(db_path()) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    interview(cli)
    assert len(history_json(cli)) == 4
    # The interview's defaults never come from an old row: it cannot be told whose those were.
    assert cli("profile", "export").exit_code == 0


def test_a_v1_database_that_cannot_be_upgraded_is_left_as_it_was(tmp_path):
    home = tmp_path / "home"
    make_v1(home / "history.db", [{"name": "Alex"}])
    (home / "history.db").chmod(0o444)
    home.chmod(0o555)
    before = (home / "history.db").read_bytes()
    try:
        proc = unprivileged.poladder("history", "--kb", str(LADDER), home=tmp_path)
    finally:
        home.chmod(0o755)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"{home / 'history.db'}: the history database cannot be written")
    assert (home / "history.db").read_bytes() == before


def test_a_database_from_a_newer_poladder_is_refused(cli):
    make_v1(db_path(), [{"name": "Alex"}])
    with sqlite3.connect(db_path()) as conn:
        conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = db_path().read_bytes()
    result = cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n")
    assert (
        result.exit_code == 1
        and "was written by a newer poladder (layout 7) — upgrade poladder" in result.stderr
    )
    assert db_path().read_bytes() == before


# Homes and history files set up wrongly: one clear line, a non-zero exit, nothing lost or written.


def both_commands(cli) -> list:
    return [
        cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n"),
        cli("history", "--kb", str(LADDER)),
        cli("profile", "export"),
    ]


def test_a_home_that_is_a_file(cli, tmp_path, monkeypatch):
    home = tmp_path / "notes.txt"
    home.write_text("my notes\n")
    monkeypatch.setenv("POLADDER_HOME", str(home))
    for result in both_commands(cli):
        assert result.exit_code == 1
        assert result.stderr == (
            f"{home}: the poladder home is a file, not a folder — move it away or set "
            "POLADDER_HOME to a folder\n"
        )
    assert home.read_text() == "my notes\n"


def test_a_home_that_is_a_device(cli, monkeypatch):
    monkeypatch.setenv("POLADDER_HOME", "/dev/null")
    for result in both_commands(cli):
        assert result.exit_code == 1
        assert result.stderr.startswith("/dev/null: the poladder home is a character device, not a folder")
    assert os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_home_inside_a_file(cli, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("POLADDER_HOME", str(tmp_path / "file" / "home"))
    for result in both_commands(cli):
        assert result.exit_code == 1
        assert "the poladder home is inside a file, not a folder" in result.stderr


def test_a_home_whose_parent_is_missing(cli, tmp_path, monkeypatch):
    home = tmp_path / "typo" / "home"
    monkeypatch.setenv("POLADDER_HOME", str(home))
    result = cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{home}: the poladder home cannot be created: {home.parent} does not exist — create it, "
        "or set POLADDER_HOME to a folder that exists\n"
    )
    assert not (tmp_path / "typo").exists()


def test_the_default_home_is_created_with_its_parents_and_private(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("POLADDER_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "fresh" / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "fresh"))
    import typer

    home = Path(typer.get_app_dir("poladder"))
    assert tmp_path in home.parents
    result = cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n")
    assert result.exit_code == 0, result.stderr
    assert (home / "history.db").is_file() and stat.S_IMODE(home.stat().st_mode) == 0o700


@pytest.mark.parametrize("variable", ["HOME", "XDG_CONFIG_HOME"])
def test_a_relative_home_or_config_folder_never_puts_the_history_here(monkeypatch, tmp_path, variable):
    """A relative HOME or XDG_CONFIG_HOME would put the history in whatever folder the command runs in."""
    from poladder.load import paths

    monkeypatch.delenv("POLADDER_HOME")
    monkeypatch.delenv("POLADDER_CACHE_DIR")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, "relative")
    folder, _ = paths.home()
    assert folder.is_absolute() and tmp_path not in folder.parents
    assert paths.cache_dir().is_absolute() and tmp_path not in paths.cache_dir().parents


def test_an_unwritable_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o555)
    home.chmod(0o555)
    try:
        proc = unprivileged.poladder(
            "assess", "-p", "-", "--kb", str(LADDER), home=tmp_path, input="role: owner\n"
        )
        history = unprivileged.poladder("history", "--kb", str(LADDER), home=tmp_path)
    finally:
        home.chmod(0o755)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == (
        f"{home}: the poladder home is not writable: the history database cannot be created there "
        "— make it writable or set POLADDER_HOME to a folder you can write to\n"
    )
    assert list(home.iterdir()) == []
    assert history.returncode == 0 and "No assessments yet" in history.stderr  # true: there is none


def test_history_db_that_is_a_folder(cli):
    db_path().mkdir(parents=True)
    for result in both_commands(cli):
        assert result.exit_code == 1 and "No assessments yet" not in result.stderr
        assert result.stderr.startswith(
            f"{db_path()}: the history database is not a regular file (a directory) — poladder will not "
            "touch it; move it away or set POLADDER_HOME to another directory"
        )
    assert list(db_path().iterdir()) == []


def test_history_db_that_is_a_fifo_does_not_hang(tmp_path):
    (tmp_path / "home").mkdir()
    os.mkfifo(tmp_path / "home" / "history.db")
    proc = unprivileged.poladder("history", "--kb", str(LADDER), home=tmp_path)
    assert proc.returncode == 1 and "is not a regular file (a FIFO)" in proc.stderr


def test_an_unreadable_history(cli, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n", env={"POLADDER_HOME": str(home)})
    (home / "history.db").chmod(0)
    try:
        proc = unprivileged.poladder("history", "--kb", str(LADDER), home=tmp_path)
        saved = unprivileged.poladder(
            "assess", "-p", "-", "--kb", str(LADDER), home=tmp_path, input="role: owner\n"
        )
    finally:
        (home / "history.db").chmod(0o600)
    for result in (proc, saved):
        assert result.returncode == 1 and "No assessments yet" not in result.stderr
        assert result.stderr == (
            f"{home / 'history.db'}: the history database cannot be read (permission denied) — make it "
            f"readable and writable (chmod u+rw {home / 'history.db'}) or set POLADDER_HOME to another directory\n"
        )
    assert len(Store(home / "history.db").history("x").root) == 1


def test_a_foreign_database_with_its_own_application_id_is_never_opened(cli):
    db_path().parent.mkdir(parents=True)
    with sqlite3.connect(db_path()) as conn:
        conn.execute("PRAGMA application_id = 1234")
    conn.close()
    before = db_path().read_bytes()
    for result in both_commands(cli):
        assert result.exit_code == 1 and "belongs to another program" in result.stderr
    assert db_path().read_bytes() == before
    assert sorted(p.name for p in db_path().parent.iterdir()) == ["history.db"]  # no journal, no WAL


def test_an_empty_file_is_refused_not_taken_for_a_new_database(cli):
    # poladder never leaves an empty history (a new one is linked into place whole), so an empty file
    # lost its content, or is not poladder's: refused, however new it is.
    db_path().parent.mkdir(mode=0o700)
    db_path().write_bytes(b"")
    for result in both_commands(cli):
        assert result.exit_code == 1 and result.stdout == "" and "Traceback" not in result.stderr
        assert result.stderr == (
            f"{db_path()}: the history database is empty (0 bytes): it is not a poladder history — if "
            "it held your history, restore it from a backup; otherwise move it away, and poladder "
            "starts a new history\n"
        )
    assert db_path().read_bytes() == b""
    db_path().unlink()
    assess_with(cli, "role: owner\n")
    assert len(history_json(cli)) == 1


def fill(count: int) -> None:
    """One real save, then `count` copies of its row in one go (saving each would take seconds)."""
    loaded = source.load(LADDER, use_cache=False)
    Store(db_path()).save(
        assess(loaded.kb, loaded.stamp, Profile(name="Kim", role="owner"), date.today()), "-"
    )
    with sqlite3.connect(db_path()) as conn:
        columns = "at, kb_version, kb_sha256, role, target, best_fit, readiness, profile, person, source"
        for _ in range(count):
            conn.execute(f"INSERT INTO assessments ({columns}) SELECT {columns} FROM assessments LIMIT 1")
    conn.close()


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_a_truncated_database_is_refused_and_kept(cli, keep):
    fill(300)  # many pages
    with sqlite3.connect(db_path()) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = db_path().read_bytes()
    assert len(data) > 8 * 4096
    cut = data[: int(len(data) * keep) // 4096 * 4096]
    db_path().write_bytes(cut)
    for result in both_commands(cli):
        assert result.exit_code == 1, result.stderr
        assert (
            "the history database is damaged" in result.stderr and "No assessments yet" not in result.stderr
        )
        assert "Traceback" not in result.stderr
    assert db_path().read_bytes() == cut


class _Dawdling(sqlite3.Connection):
    """A connection that pauses after each question it asks, as a busy machine's scheduler may: the
    gap between checking a database and acting on it, which a race needs, becomes likely, not rare."""

    def execute(self, sql, *args):  # type: ignore[no-untyped-def]
        import random

        cursor = super().execute(sql, *args)
        if sql.lstrip().upper().startswith(("PRAGMA", "SELECT")):
            time.sleep(random.uniform(0, 0.05))
        return cursor


def _first_save(db: str, barrier, number: int) -> None:
    loaded = source.load(LADDER, use_cache=False)
    result = assess(loaded.kb, loaded.stamp, Profile(name=f"P{number}", role="owner"), date.today())
    connect = sqlite3.connect
    sqlite3.connect = lambda *a, **k: connect(*a, factory=_Dawdling, **k)  # this process only
    barrier.wait(60)  # everyone at the start line, then all save into the empty home at once
    Store(Path(db)).save(result, "-")


@pytest.mark.parametrize("attempt", range(2))
def test_concurrent_first_saves_all_land(tmp_path, attempt):
    """Checking, creating and saving happen in one write transaction (the old code checked first,
    then created: with these pauses it lost one to three saves in two of three rounds of twelve)."""
    db = tmp_path / "home" / "history.db"
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(12)
    workers = [ctx.Process(target=_first_save, args=(str(db), barrier, n)) for n in range(12)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0] * 12
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x504F4C44
        people = sorted(row[0] for row in conn.execute("SELECT person FROM assessments"))
    conn.close()
    assert people == sorted(f"P{n}" for n in range(12))


@pytest.mark.parametrize("columns", [60, 79, 80, 100, 200])
def test_history_view_never_cuts_a_date_or_a_name(cli, tmp_path, columns):
    long_name = tmp_path / "long.yaml"
    long_name.write_text("name: Alexandra Papadopoulou-Smith\nrole: owner\nskills: {backlog: 2}\n")
    assess_file(cli, long_name)
    interview(cli)
    assess_file(cli, long_name)
    rows = history_json(cli)
    env = {  # only what this test decides: no FORCE_COLOR, LINES or POLADDER_KB of the caller's
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "NO_COLOR": "1",
        "POLADDER_HOME": os.environ["POLADDER_HOME"],
        "POLADDER_CACHE_DIR": os.environ["POLADDER_CACHE_DIR"],
        "COLUMNS": str(columns),
        "TERM": "xterm-256color",  # rich draws a dumb terminal 80 wide whatever COLUMNS says
        "TZ": "CET-1",  # shown in local time with its zone: UTC+1, named CET (no zone database needed)
    }

    def view(width: int) -> list[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "poladder", "history", "--kb", str(LADDER)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**env, "COLUMNS": str(width)},
            check=True,
        )
        return proc.stdout.splitlines()

    lines = view(columns)
    text = "\n".join(lines)
    assert all(len(line) <= columns for line in lines)
    assert "…" not in text
    for row in rows:
        assert row["at"].endswith("+00:00")  # stored in UTC, with its zone
        local = datetime.fromisoformat(row["at"]) + timedelta(hours=1)
        assert local.strftime("%Y-%m-%d %H:%M CET") in text  # the whole date and time, on one line
    for word in ("Alexandra", "Papadopoulou-Smith", "you", "senior", "77%", "+0%"):
        assert word in text, text
    assert len(lines) <= 2 * len(view(100))


# Who is who: names as a person reads them, no more and no less (issue 21).


def save_named(cli, tmp_path: Path, file: str, name: str, backlog: int) -> None:
    path = tmp_path / file
    path.write_text(
        json.dumps({"name": name, "role": "owner", "skills": {"backlog": backlog}}, ensure_ascii=False)
    )
    assess_file(cli, path)


def test_weiss_and_weiss_with_sharp_s_are_two_people(cli, tmp_path):
    save_named(cli, tmp_path, "a.json", "Max Weiß", 1)
    save_named(cli, tmp_path, "b.json", "Max Weiss", 2)
    assert [r["person"] for r in history_json(cli, "--person", "max weiß")] == ["Max Weiß"]
    assert [r["person"] for r in history_json(cli, "--person", "MAX WEISS")] == ["Max Weiss"]
    exported = yaml.safe_load(cli("profile", "export", "--person", "Max Weiß").stdout)
    assert exported["name"] == "Max Weiß" and exported["skills"] == {"backlog": 1}
    missing = cli("profile", "export", "--person", "Kim")
    assert "people in history: Max Weiss, Max Weiß" in missing.stderr
    assert [r["change"] for r in history_json(cli)] == [None, None]  # two series, not one


def test_one_name_written_two_ways_is_one_person(cli, tmp_path):
    composed, decomposed = "Chloé", "Chloe\u0301"
    save_named(cli, tmp_path, "a.json", composed, 1)
    save_named(cli, tmp_path, "b.json", decomposed, 2)
    rows = history_json(cli, "--person", composed)
    assert len(rows) == 2 and rows[1]["change"] is not None  # one series
    assert len(history_json(cli, "--person", decomposed.upper())) == 2


@pytest.mark.parametrize(
    ("invisible", "shown"),
    [
        ("\u200b", "\\u200b"),  # zero-width space
        ("\xad", "\\xad"),  # soft hyphen
        ("\u3164", "\\u3164"),  # Hangul filler
        ("\ufe0f", "\\ufe0f"),  # variation selector
        ("\U000e0100", "\\U000e0100"),  # variation selector supplement
    ],
)
def test_an_invisible_character_is_shown_not_hidden(cli, tmp_path, invisible, shown):
    save_named(cli, tmp_path, "a.json", "Alex", 1)
    save_named(cli, tmp_path, "b.json", f"Alex{invisible}", 2)
    assert len(history_json(cli, "--person", "Alex")) == 1
    human = cli("history", "--kb", str(LADDER)).stdout
    assert f"Alex{shown}" in human and invisible not in human
    missing = cli("profile", "export", "--person", "Kim")
    assert f"people in history: Alex, Alex{shown}" in missing.stderr


@pytest.mark.parametrize(
    ("file", "text"), [("me.yaml", "name: You\nrole: owner\n"), ("you.yaml", "role: owner\n")]
)
def test_a_profile_named_you_is_not_your_interview(cli, tmp_path, file, text):
    path = tmp_path / file
    path.write_text(text)
    result = cli("assess", "-p", str(path), "--kb", str(LADDER))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"{path}: a profile named ")
    assert "`you` means the answers to your own interview — give the profile another name" in result.stderr
    assert history_json(cli) == []
    assert cli("assess", "-p", str(path), "--kb", str(LADDER), "--no-save").exit_code == 0


# The history is private: the user's own, in a folder of their own (issue 21).


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_history_is_private_in_a_home_that_already_exists(cli, umask):
    umask(0o022)
    db_path().parent.mkdir(mode=0o755)
    assess_with(cli, "role: owner\n")
    assert mode_of(db_path()) == 0o600 and mode_of(db_path().parent) == 0o700  # as the README says
    db_path().parent.chmod(0o750)  # as an older poladder left it: reading makes it private too
    assert history_json(cli) != []
    assert mode_of(db_path().parent) == 0o700
    db_path().chmod(0o644)  # as an older poladder left it
    assert history_json(cli) != []
    assert mode_of(db_path()) == 0o600


@pytest.fixture
def umask():
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


NOBODY = 65534


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_a_history_of_another_user_is_neither_read_nor_written(cli):
    assess_with(cli, "role: owner\n")
    os.chown(db_path(), NOBODY, NOBODY)
    before = db_path().read_bytes()
    for result in both_commands(cli):
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == (
            f"{db_path()}: the history database belongs to another user (uid {NOBODY}) — poladder "
            "reads and writes only a history of your own; set POLADDER_HOME to a folder of your own\n"
        )
    assert db_path().read_bytes() == before


@pytest.mark.parametrize("whose", ["another user's", "world-writable"])
def test_a_home_that_is_not_private_is_refused(cli, whose):
    home = db_path().parent
    home.mkdir()
    if whose == "world-writable":
        home.chmod(0o1777)  # a sticky /tmp-like folder: anyone may plant a history.db there
        why = "is writable by other users (mode 1777)"
    else:
        if os.geteuid() != 0:
            pytest.skip("needs root to give a folder away")
        os.chown(home, NOBODY, NOBODY)
        why = f"belongs to another user (uid {NOBODY})"
    for result in both_commands(cli):
        assert result.exit_code == 1
        assert result.stderr == (
            f"{home}: the poladder home {why} — a history is private: make the folder yours and "
            f"private (chmod 700 {home}) or set POLADDER_HOME to a folder of your own\n"
        )
    assert list(home.iterdir()) == []


def test_a_full_disk_says_so(cli, monkeypatch):
    assess_with(cli, "role: owner\n")

    class Full(sqlite3.Connection):
        def execute(self, sql, *args):  # type: ignore[no-untyped-def]
            if sql.startswith("INSERT"):
                raise sqlite3.OperationalError("database or disk is full")
            return super().execute(sql, *args)

    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, factory=Full, **k))
    result = cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"{db_path()}: the history database cannot be written: the disk is full — free some space "
        "and try again; nothing was saved\n"
    )


def test_a_read_only_home_can_still_show_the_history(tmp_path):
    home = tmp_path / "home"
    for _ in range(2):
        proc = unprivileged.poladder(
            "assess", "-p", "-", "--kb", str(LADDER), home=tmp_path, input="role: owner\n"
        )
        assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(home / "history.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    home.chmod(0o555)
    try:
        proc = unprivileged.poladder("history", "--kb", str(LADDER), "--json", home=tmp_path)
        exported = unprivileged.poladder("profile", "export", "--person", "you", home=tmp_path)
    finally:
        home.chmod(0o700)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 2
    assert exported.returncode == 1 and "no assessment of 'you' saved yet" in exported.stderr


# A history changed by hand is refused, never trusted, and never hangs (issue 21).


def tamper_with(*statements: str) -> None:
    with sqlite3.connect(db_path()) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


@pytest.mark.parametrize("value", ["9e999", "-9e999", "1.5", "-0.5"])
def test_a_readiness_that_is_not_a_fraction_is_refused(cli, value):
    assess_with(cli, "role: owner\n")
    tamper_with(f"UPDATE assessments SET readiness = {value}")
    for args in (["--json"], []):
        result = cli("history", "--kb", str(LADDER), *args)
        assert result.exit_code == 1 and result.stdout == "", result.stdout
        assert result.stderr == (
            f"{db_path()}: the history database holds a readiness that is not a number from 0 to 1 "
            "(assessment 1) — poladder did not write it; move the database away or restore it from a backup\n"
        )


RECURSIVE_VIEW = (
    "CREATE VIEW assessments AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
    "SELECT i AS id, 'x' AS at, NULL AS person, NULL AS source, NULL AS role, NULL AS target, NULL AS best_fit, "
    "0.5 AS readiness, NULL AS kb_version, 'x' AS kb_sha256, '{}' AS profile FROM n"
)


@pytest.mark.parametrize(
    "statements",
    [
        ["ALTER TABLE assessments RENAME TO kept", RECURSIVE_VIEW],
        ["CREATE TABLE notes (x)"],
        ["CREATE TRIGGER t AFTER INSERT ON assessments BEGIN DELETE FROM assessments; END"],
        ["CREATE INDEX i ON assessments (person)"],
    ],
    ids=["recursive-view", "another-table", "trigger", "index"],
)
def test_anything_but_poladders_own_table_is_refused(tmp_path, statements):
    from tests.test_hostile import hermetic_env, poladder

    env = hermetic_env(tmp_path)
    saved = poladder("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n", env=env)
    assert saved.returncode == 0, saved.stderr
    db = Path(env["POLADDER_HOME"]) / "history.db"
    with sqlite3.connect(db) as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()
    for args in (["history", "--kb", str(LADDER)], ["assess", "-p", "-", "--kb", str(LADDER)]):
        proc = poladder(*args, input="role: owner\n", env=env)  # a hang would be a timeout here
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr == (
            f"{db}: the history database holds more than poladder's own tables (a view, a trigger or "
            "a table someone else added) — poladder will not read it; move it away or restore it from a backup\n"
        )


@pytest.mark.parametrize("columns", ["200", "60"])
def test_the_history_view_prints_each_assessment_as_it_is_read(monkeypatch, columns):
    """Rows and blocks alike: nothing waits for the whole history, which may be any length."""
    from poladder.render import history_views
    from poladder.store.history import HistoryEntry

    monkeypatch.setenv("COLUMNS", columns)
    read = 0

    def entries():
        nonlocal read
        for number in range(1_000):
            read += 1
            yield HistoryEntry(
                at="2026-12-06T10:00:00+00:00", person=f"P{number}", source="-", role="owner", target="senior",
                best_fit=None, readiness=0.5, change=None, kb_version="t1", other_knowledge_base=False,
            )  # fmt: skip

    printed: list[int] = []
    monkeypatch.setattr(history_views.out, "print", lambda *args, **kwargs: printed.append(read))
    assert history_views.stream(entries()) == 1_000
    per_entry = 1 if columns == "200" else 2
    assert printed[: 1 + 2 * per_entry] == [1] * (1 + per_entry) + [2] * per_entry


def test_a_long_history_is_shown_whole(cli):
    fill(3_000)
    lines = cli("history", "--kb", str(LADDER), env={"COLUMNS": "200"}).stdout.splitlines()
    assert len(lines) == 2 + 3_001 and sum("Kim" in line for line in lines) == 3_001
