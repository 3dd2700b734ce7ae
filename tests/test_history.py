"""History across runs, profile export, and a database that survives concurrency, kills and strangers."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest
import yaml

from poladder import source
from poladder.assess import assess
from poladder.errors import StoreError
from poladder.profile import Profile
from poladder.store import Store
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
    assert "+11%" in human and "56%" in human


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
    exported = cli("profile", "export")
    assert exported.exit_code == 0
    assert yaml.safe_load(exported.stdout) == {
        "name": "Alex",
        "role": "junior",
        "skills": {"backlog": 2},
        "certifications": ["basic"],
    }
    out = tmp_path / "me.yaml"
    result = cli("profile", "export", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == "" and str(out) in result.stderr
    again = assess_with(cli, out.read_text(), "--no-save")
    assert again["readiness"] == first["readiness"] and again["gaps"] == first["gaps"]
    assert json.loads(cli("profile", "export", "--json").stdout)["role"] == "junior"
    assert list(tmp_path.glob(".me.yaml.*")) == []  # no temp file left behind


def test_profile_export_without_history(cli):
    result = cli("profile", "export")
    assert result.exit_code == 1 and "run `poladder assess` first" in result.stderr


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, os.urandom(4096)])
def test_corrupt_database_is_refused_and_kept(cli, content):
    db_path().parent.mkdir(parents=True)
    db_path().write_bytes(content)
    result = cli("assess", "-p", "-", "--kb", str(LADDER), input="role: owner\n")
    assert result.exit_code == 1
    assert (
        "history.db: error: the history database is not an SQLite database — poladder will not touch it"
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
            assess(loaded.kb, loaded.stamp, Profile(role="owner", skills={"backlog": i % 6}), date.today())
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
    with pytest.raises(StoreError):
        Store(bad).history("x")
