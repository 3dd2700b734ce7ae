"""The promotion case in the store: older layouts upgraded in place keeping every row, evidence that
survives new assessments, and concurrent `log` and `assess` runs — real processes — that lose nothing."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from poladder.core.assess import assess
from poladder.load import ladder as source
from poladder.model.profile import Profile
from poladder.store.case import CaseStore
from poladder.store.database import SCHEMA_VERSION
from poladder.store.history import Store
from tests.conftest import LADDER
from tests.test_history import make_v1


def db_path() -> Path:
    return Path(os.environ["POLADDER_HOME"]) / "history.db"


# A v2 database, as poladder made it before the promotion case.
V2_SCHEMA = """
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, kb_version TEXT, kb_sha256 TEXT NOT NULL, role TEXT,
    target TEXT, best_fit TEXT, readiness REAL, profile TEXT NOT NULL, person TEXT, source TEXT
)
"""


def make_v2(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 1347374148")
        conn.execute("PRAGMA user_version = 2")
        conn.execute(V2_SCHEMA)
        for day, backlog in (("01", 3), ("02", 4)):
            profile = {"name": "Alex", "role": "owner", "skills": {"backlog": backlog, "stakeholders": 2}}
            conn.execute(
                "INSERT INTO assessments (at, kb_version, kb_sha256, role, target, best_fit, readiness,"
                " profile, person, source) VALUES (?, 't1', 'old', 'owner', 'senior', 'junior', ?, ?,"
                " 'Alex', '/tmp/alex.yaml')",
                (f"2026-01-{day}T10:00:00+00:00", backlog / 10, json.dumps(profile)),
            )
    conn.close()


def test_a_v2_database_is_upgraded_in_place_keeping_every_row(cli):
    make_v2(db_path())
    result = cli("log", "Ran the review", "-s", "backlog", "--person", "alex", "--kb", str(LADDER))
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db_path()) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM assessments").fetchone()[0] == 2
    conn.close()
    history = json.loads(cli("history", "--json", "--kb", str(LADDER)).stdout)
    assert [(h["person"], h["readiness"]) for h in history] == [("Alex", 0.3), ("Alex", 0.4)]
    skills = json.loads(cli("history", "--person", "alex", "--skills", "--json", "--kb", str(LADDER)).stdout)
    assert [a["verdict"] for a in skills["assessments"]] == [None, None]  # not recorded then: not made up
    assert skills["skills"][0] == {"skill": "backlog", "levels": [3, 4], "change": 1}
    evidence = json.loads(cli("evidence", "--json", "--kb", str(LADDER)).stdout)
    assert [(e["person"], e["text"]) for e in evidence] == [("Alex", "Ran the review")]


def test_a_v2_database_is_upgraded_by_a_read_too(cli):
    make_v2(db_path())
    assert json.loads(cli("evidence", "--json", "--kb", str(LADDER)).stdout) == []
    assert (
        json.loads(cli("calibrate", "--person", "alex", "--json", "--kb", str(LADDER)).stdout)["views"] == []
    )
    with sqlite3.connect(db_path()) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()


def test_a_v1_database_goes_straight_to_the_current_layout(cli):
    make_v1(db_path(), [{"name": "Alex", "role": "owner", "skills": {"backlog": 2}}, {"role": "owner"}])
    result = cli("log", "x", "-s", "backlog", "--person", "alex", "--kb", str(LADDER))
    assert result.exit_code == 0, result.stderr
    history = json.loads(cli("history", "--json", "--kb", str(LADDER)).stdout)
    assert [h["person"] for h in history] == ["Alex", None]
    packet = cli("packet", "--person", "alex", "--json", "--kb", str(LADDER))
    assert packet.exit_code == 0, packet.stderr
    assert [e["text"] for e in json.loads(packet.stdout)["evidence"]] == ["x"]


def test_evidence_survives_new_assessments(cli, tmp_path):
    alex = tmp_path / "alex.yaml"
    alex.write_text("name: Alex\nrole: owner\nskills: {backlog: 3}\n")
    for text in ("one", "two"):
        assert cli("log", text, "-s", "backlog", "--person", "alex", "--kb", str(LADDER)).exit_code == 0
    for _ in range(3):
        assert cli("assess", "-p", str(alex), "--kb", str(LADDER)).exit_code == 0
    evidence = json.loads(cli("evidence", "--person", "alex", "--json", "--kb", str(LADDER)).stdout)
    assert [e["text"] for e in evidence] == ["one", "two"]


def test_each_assessment_keeps_its_results_as_they_were(tmp_path):
    loaded = source.load(LADDER, use_cache=False)
    store = Store(tmp_path / "history.db")
    result = assess(
        loaded.kb, loaded.stamp, Profile(name="Kim", role="owner", skills={"backlog": 3}), date.today()
    )
    store.save(result, "-")
    with sqlite3.connect(tmp_path / "history.db") as conn:
        kept = json.loads(conn.execute("SELECT result FROM assessments").fetchone()[0])
    conn.close()
    assert kept["readiness"] == result.readiness and kept["verdict"]["status"] == result.verdict.status  # type: ignore[union-attr]
    assert kept["gaps"] == [dataclasses.asdict(g) for g in result.gaps]
    assert "profile" not in kept and "next_steps" not in kept  # a column of its own; advice, not a result


def _log_many(db: str, count: int, number: int) -> None:
    store = CaseStore(Path(db))
    for i in range(count):
        store.log(
            "Alex", date(2026, 1, 1), f"win {number}-{i}", ["backlog"], None, datetime.now(timezone.utc)
        )


def _save_many(db: str, count: int) -> None:
    loaded = source.load(LADDER, use_cache=False)
    store = CaseStore(Path(db))
    profile = Profile(name="Alex", role="owner", skills={"backlog": 3})
    for i in range(count):
        result = assess(loaded.kb, loaded.stamp, profile, date.today())
        if i % 2:
            store.save(result, "-")
        else:
            store.rate(result, "-", "manager", datetime.now(timezone.utc))


def test_concurrent_log_and_assess_lose_nothing(tmp_path):
    db = str(tmp_path / "home" / "history.db")
    (tmp_path / "home").mkdir()
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_log_many, args=(db, 20, n)) for n in range(3)]
    workers += [ctx.Process(target=_save_many, args=(db, 20)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0] * 6
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        texts = {row[0] for row in conn.execute("SELECT text FROM evidence")}
        assert conn.execute("SELECT count(*) FROM assessments").fetchone()[0] == 30
        assert conn.execute("SELECT count(*) FROM ratings").fetchone()[0] == 30
    conn.close()
    assert texts == {f"win {n}-{i}" for n in range(3) for i in range(20)}
    ids = [e.id for e in CaseStore(Path(db)).evidence("Alex").root]
    assert len(set(ids)) == 60


def test_concurrent_commands_lose_nothing(tmp_path):
    """The commands themselves, as a user's shell would start them: all at once, into an empty home."""
    profile = tmp_path / "alex.yaml"
    profile.write_text("name: Alex\nrole: owner\nskills: {backlog: 3}\n")
    env = {
        **os.environ,
        "POLADDER_HOME": str(tmp_path / "home"),
        "POLADDER_CACHE_DIR": str(tmp_path / "cache"),
    }
    kb = ["--kb", str(LADDER)]
    poladder = [sys.executable, "-m", "poladder"]
    commands = [[*poladder, "log", f"win {n}", "-s", "backlog", "--person", "alex", *kb] for n in range(4)]
    commands += [[*poladder, "assess", "-p", str(profile), "--json", *kb] for _ in range(3)]
    commands += [[*poladder, "assess", "-p", str(profile), "--rater", "manager", "--json", *kb]]
    running = [
        subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands
    ]
    errors = [p.communicate(timeout=120)[1] for p in running]
    assert [p.returncode for p in running] == [0] * len(commands), errors
    store = CaseStore(tmp_path / "home" / "history.db")
    assert sorted(e.text for e in store.evidence("alex").root) == [f"win {n}" for n in range(4)]
    assert len(store.history("x", "alex").root) == 3
    assert [r.rater for r in store.ratings("alex")] == ["manager"]
