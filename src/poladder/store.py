"""History: every completed assessment, in SQLite (one transaction per save).

SQLite gives what a JSON file would not: two processes saving at once both land, and a process killed
mid-save leaves the last committed state intact. The file is marked with an application id, so a
corrupt or foreign database is refused with a clear error and never overwritten.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field, RootModel

from poladder.errors import StoreError
from poladder.results import Result

if TYPE_CHECKING:
    from poladder.assess import Assessment
    from poladder.profile import Profile

APPLICATION_ID = 0x504F4C44  # "POLD"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS assessments (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kb_version TEXT,
    kb_sha256 TEXT NOT NULL,
    role TEXT,
    target TEXT,
    best_fit TEXT,
    readiness REAL,
    profile TEXT NOT NULL
)
"""


class HistoryEntry(Result):
    at: str = Field(description="When, ISO 8601 UTC")
    role: str | None
    target: str | None
    best_fit: str | None
    readiness: float | None
    change: float | None = Field(
        description="Readiness change since the previous assessment of the same target"
    )
    kb_version: str | None
    other_knowledge_base: bool = Field(description="Made under another version of the knowledge base")


class History(RootModel[list[HistoryEntry]]):
    """Past assessments, oldest first."""


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self, create: bool) -> sqlite3.Connection:
        if not self.path.exists():
            if not create:
                raise FileNotFoundError(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif self.path.stat().st_size:
            with self.path.open("rb") as f:
                if f.read(16) != b"SQLite format 3\x00":
                    raise StoreError(self._refuse("is not an SQLite database"))
        try:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 10000")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id == 0:
                tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    conn.close()
                    raise StoreError(self._refuse("belongs to another program"))
                with conn:  # a new database: mark it as ours in the same transaction as the schema
                    conn.execute("BEGIN IMMEDIATE")
                    if conn.execute("PRAGMA application_id").fetchone()[0] == 0:
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                        conn.execute(SCHEMA)
                # Readers do not block the writer; the mode is stored in the file, so once is enough.
                conn.execute("PRAGMA journal_mode = WAL")
            elif app_id != APPLICATION_ID:
                conn.close()
                raise StoreError(self._refuse("belongs to another program"))
            return conn
        except sqlite3.DatabaseError as e:
            raise StoreError(self._refuse(f"cannot be read ({e})")) from None

    def _refuse(self, why: str) -> str:
        return (
            f"{self.path}: error: the history database {why} — poladder will not touch it; "
            "move it away or set POLADDER_HOME to another directory"
        )

    def save(self, assessment: Assessment, at: datetime | None = None) -> None:
        """Append one assessment in one transaction: it is stored whole or not at all."""
        when = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
        kb = assessment.knowledge_base
        row = (
            when,
            kb.version,
            kb.sha256,
            assessment.role,
            assessment.target,
            assessment.best_fit,
            assessment.readiness,
            assessment.profile.model_dump_json(),
        )
        conn = self._connect(create=True)
        try:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO assessments"
                    " (at, kb_version, kb_sha256, role, target, best_fit, readiness, profile)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
        except sqlite3.DatabaseError as e:
            raise StoreError(self._refuse(f"could not be written ({e})")) from None
        finally:
            conn.close()

    def _rows(self, query: str) -> list[tuple[object, ...]]:
        try:
            conn = self._connect(create=False)
        except FileNotFoundError:
            return []
        try:
            return conn.execute(query).fetchall()
        except sqlite3.DatabaseError as e:
            raise StoreError(self._refuse(f"cannot be read ({e})")) from None
        finally:
            conn.close()

    def history(self, current_sha256: str) -> History:
        rows = self._rows(
            "SELECT at, role, target, best_fit, readiness, kb_version, kb_sha256 FROM assessments ORDER BY id"
        )
        entries: list[HistoryEntry] = []
        last: dict[object, float | None] = {}
        for at, role, target, fit, stored, version, sha in rows:
            ready = float(stored) if isinstance(stored, (int, float)) else None
            previous = last.get(target)
            change = round(ready - previous, 4) if ready is not None and previous is not None else None
            last[target] = ready
            entries.append(
                HistoryEntry(
                    at=str(at),
                    role=_str(role),
                    target=_str(target),
                    best_fit=_str(fit),
                    readiness=ready,
                    change=change,
                    kb_version=_str(version),
                    other_knowledge_base=sha != current_sha256,
                )
            )
        return History(entries)

    def latest_profile(self) -> Profile | None:
        """The profile of the latest assessment (None if there is none or it no longer validates)."""
        from poladder.profile import Profile

        rows = self._rows("SELECT profile FROM assessments ORDER BY id DESC LIMIT 1")
        if not rows:
            return None
        try:
            return Profile.model_validate_json(str(rows[0][0]))
        except ValueError:
            return None


def _str(value: object) -> str | None:
    return None if value is None else str(value)
