"""History: every completed assessment, in SQLite (one transaction per save), and whose it is.

SQLite gives what a JSON file would not: two processes saving at once both land, and a process killed
mid-save leaves the last committed state intact. The file is marked with an application id, so a
corrupt or foreign database is refused with a clear error and never written to.

Everything that decides what to do with the file happens inside the transaction that acts on it:
a save begins with BEGIN IMMEDIATE (the write lock) and only then reads the application id, counts
the tables and creates or upgrades the schema, so twelve first saves racing into an empty home see
one creator and eleven savers. A file of 0 bytes is a database SQLite has just created, not a
stranger's. An existing database is checked with PRAGMA quick_check before it is trusted: a
truncated file is refused rather than read as an empty or shorter history.

Whose: each row stores the person (the profile's `name`, else the profile file's name, as `team`
names people) and the source of the answers ('interview', '-' for stdin, or the profile file's
path). "You" are the person who answers the interview: the interview's defaults, `profile export`
and `plan` without --profile use the latest assessment made by the interview, so assessing a
colleague's file never changes them. Readiness change is computed per person and target.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from pydantic import Field, RootModel

from poladder.errors import DataError, FileProblem
from poladder.load.files import kind, open_regular
from poladder.model.people import person_key
from poladder.model.profile import Profile
from poladder.model.result import KnowledgeBaseStamp, Result

APPLICATION_ID = 0x504F4C44  # "POLD"
SCHEMA_VERSION = 2
SCHEMA = """
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kb_version TEXT,
    kb_sha256 TEXT NOT NULL,
    role TEXT,
    target TEXT,
    best_fit TEXT,
    readiness REAL,
    profile TEXT NOT NULL,
    person TEXT,
    source TEXT
)
"""
INTERVIEW = "interview"
STDIN = "-"
# SQLite's file header: what identifies a database without asking SQLite to open it.
MAGIC = b"SQLite format 3\x00"
APPLICATION_ID_OFFSET = 68


class Assessed(Protocol):
    """What the history keeps of an assessment (`poladder.core.assess.Assessment` is one)."""

    @property
    def role(self) -> str | None: ...
    @property
    def target(self) -> str | None: ...
    @property
    def best_fit(self) -> str | None: ...
    @property
    def readiness(self) -> float | None: ...
    @property
    def profile(self) -> Profile: ...
    @property
    def knowledge_base(self) -> KnowledgeBaseStamp: ...


class HistoryEntry(Result):
    at: str = Field(description="When, ISO 8601 UTC")
    person: str | None = Field(
        description="Whose assessment: the profile's name, else its file's name; "
        "null for unnamed answers to the interview (yours) or on stdin"
    )
    source: str | None = Field(
        description="Where the answers came from: 'interview', '-' (stdin) or the profile file's path; "
        "null when saved by a poladder that did not record it"
    )
    role: str | None
    target: str | None
    best_fit: str | None
    readiness: float | None
    change: float | None = Field(
        description="Readiness change since the same person's previous assessment of the same target"
    )
    kb_version: str | None
    other_knowledge_base: bool = Field(description="Made under another version of the knowledge base")


class History(RootModel[list[HistoryEntry]]):
    """Past assessments, oldest first."""


def person_of(profile: Profile, source: str) -> str | None:
    """Whose answers these are: the profile's name, else the profile file's name (None: the interview's
    or stdin's unnamed answers)."""
    name = (profile.name or "").strip()
    if name:
        return name
    if source not in (INTERVIEW, STDIN):
        return Path(source).stem
    return None


def is_yours(person: str | None, source: str | None) -> bool:
    """Unnamed answers to the interview: the person at the keyboard."""
    return person is None and source == INTERVIEW


def same_person(wanted: str, person: str | None, source: str | None) -> bool:
    """`--person NAME`: the same name (see `poladder.model.people`); `you` is also the interview's
    unnamed answers."""
    key = person_key(wanted)
    if person is not None and person_key(person) == key:
        return True
    return key == "you" and is_yours(person, source)


class Store:
    def __init__(self, path: Path, make_parents: bool = True) -> None:
        """`path` is history.db in the poladder home; `make_parents`: a missing home is created with its
        parents (the default app directory) or, if False, only when its parent exists (a home the user
        named, where a missing parent is more likely a typo than a wish)."""
        self.path = path
        self.make_parents = make_parents

    # -- opening -----------------------------------------------------------------------------------

    def _refuse(self, why: str, fix: str = "") -> DataError:
        fix = fix or "poladder will not touch it; move it away or set POLADDER_HOME to another directory"
        return DataError(FileProblem(file=str(self.path), message=f"the history database {why}", fix=fix))

    def _home_error(self, why: str, fix: str) -> DataError:
        return DataError(FileProblem(file=str(self.path.parent), message=f"the poladder home {why}", fix=fix))

    def _file(self, create: bool) -> bool:
        """Check the home and the file before SQLite opens anything; False if there is no history yet."""
        home = self.path.parent
        try:
            info = os.stat(home)
        except FileNotFoundError:
            if not create:
                return False
            self._make_home()
        except NotADirectoryError:
            raise self._home_error(
                "is inside a file, not a folder", "set POLADDER_HOME to a folder"
            ) from None
        except OSError as e:
            raise self._home_error(
                f"cannot be reached ({e.strerror})", "set POLADDER_HOME to a folder you can use"
            ) from None
        else:
            if not stat.S_ISDIR(info.st_mode):
                what = "a file" if stat.S_ISREG(info.st_mode) else kind(info.st_mode)
                raise self._home_error(
                    f"is {what}, not a folder",
                    "move it away or set POLADDER_HOME to a folder",
                )
        try:
            opened, info = open_regular(self.path)
        except FileNotFoundError:
            return create
        except PermissionError:
            raise self._refuse(
                "cannot be read (permission denied)",
                f"make it readable and writable (chmod u+rw {self.path}) "
                "or set POLADDER_HOME to another directory",
            ) from None
        except OSError as e:
            raise self._refuse(f"cannot be opened ({e.strerror})") from None
        if opened is None:
            raise self._refuse(f"is not a regular file ({kind(info.st_mode)})")
        with opened as f:
            head = f.read(100) if info.st_size else b""
        if not head:
            return True  # 0 bytes: just created by SQLite (maybe by another poladder): ours to set up
        if len(head) < 100 or not head.startswith(MAGIC):
            raise self._refuse("is not an SQLite database")
        app_id = int.from_bytes(head[APPLICATION_ID_OFFSET : APPLICATION_ID_OFFSET + 4], "big")
        if app_id not in (0, APPLICATION_ID):  # refused without letting SQLite open it at all
            raise self._refuse("belongs to another program")
        return True

    def _make_home(self) -> None:
        home = self.path.parent
        try:
            # A history is personal: the home is private, whatever the umask would allow.
            home.mkdir(mode=0o700, parents=self.make_parents, exist_ok=True)
        except FileNotFoundError:
            raise self._home_error(
                f"cannot be created: {home.parent} does not exist",
                "create it, or set POLADDER_HOME to a folder that exists",
            ) from None
        except NotADirectoryError:
            raise self._home_error(
                "cannot be created: a part of its path is a file", "set POLADDER_HOME to a folder"
            ) from None
        except OSError as e:
            raise self._home_error(
                f"cannot be created ({e.strerror})",
                "make its parent folder writable or set POLADDER_HOME to a folder you can write to",
            ) from None

    @contextlib.contextmanager
    def _transaction(self, write: bool) -> Iterator[sqlite3.Connection | None]:
        """A connection inside one transaction on a database checked to be ours (None: no history yet).

        A write transaction holds the write lock from its first statement; the checks, the creation
        or upgrade of the schema and the caller's statements all happen under it, then commit together.
        """
        if not self._file(create=write):
            yield None
            return
        existed = self.path.exists()
        try:
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        except sqlite3.Error as e:
            raise self._sqlite_error(e, existed) from None
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            ours = self._prepare(conn, write)
            if not ours and not write and self._needs_upgrade(conn):
                conn.execute("ROLLBACK")  # an old layout: upgrade it under the write lock, then read
                conn.execute("BEGIN IMMEDIATE")
                ours = self._prepare(conn, True)
                conn.execute("COMMIT")
                conn.execute("BEGIN")
            yield conn if ours or write else None
            conn.execute("COMMIT")
            if write:
                self._use_wal(conn)
        except sqlite3.Error as e:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise self._sqlite_error(e, existed) from None
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    def _prepare(self, conn: sqlite3.Connection, write: bool) -> bool:
        """Inside the open transaction: True if the database is ours and current (creating or upgrading
        it if `write`); False if it is empty (or old) and this is a read; raise if it is not ours."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id == 0:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise self._refuse("belongs to another program")
            if not write:
                return False
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute(SCHEMA)
            return True
        if app_id != APPLICATION_ID:
            raise self._refuse("belongs to another program")
        if version > SCHEMA_VERSION:
            raise self._refuse(
                f"was written by a newer poladder (layout {version})",
                "upgrade poladder, or set POLADDER_HOME to another directory",
            )
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise self._refuse(
                f"is damaged (the integrity check says: {str(problems[0])[:120]})",
                "move it away (poladder then starts a new history) or restore it from a backup",
            )
        if version < SCHEMA_VERSION:
            if not write:
                return False
            _upgrade(conn, version)
        return True

    def _needs_upgrade(self, conn: sqlite3.Connection) -> bool:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        return bool(
            app_id == APPLICATION_ID and conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION
        )

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        # Readers then never block the writer. The mode is stored in the file, so this changes it once;
        # if another process holds a lock right now, a later save will do it.
        with contextlib.suppress(sqlite3.Error):
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")

    def _sqlite_error(self, e: sqlite3.Error, existed: bool) -> DataError:
        text = str(e)
        if not existed and "unable to open" in text:
            return self._home_error(
                "is not writable: the history database cannot be created there",
                "make it writable or set POLADDER_HOME to a folder you can write to",
            )
        if "readonly" in text or "unable to open" in text:
            return self._refuse(
                f"cannot be written ({text})",
                "make it and its folder writable, or set POLADDER_HOME to another directory",
            )
        if "locked" in text or "busy" in text:
            return self._refuse(f"is busy ({text})", "another program holds it; try again in a moment")
        if isinstance(e, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
            return self._refuse(
                f"is damaged ({text})",
                "move it away (poladder then starts a new history) or restore it from a backup",
            )
        return self._refuse(f"cannot be used ({text})")

    # -- saving and reading ------------------------------------------------------------------------

    def save(self, assessment: Assessed, profile_file: str | None, at: datetime | None = None) -> str | None:
        """Append one assessment in one transaction: it is stored whole or not at all.

        `profile_file` is where the answers came from: None for the interview, '-' for stdin, else a
        path (stored absolute). Returns whose assessment it was (see `person_of`).
        """
        when = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
        if profile_file is None:
            source = INTERVIEW
        else:
            source = STDIN if profile_file == STDIN else os.path.abspath(profile_file)
        person = person_of(assessment.profile, source)
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
            person,
            source,
        )
        with self._transaction(write=True) as conn:
            assert conn is not None
            conn.execute(
                "INSERT INTO assessments"
                " (at, kb_version, kb_sha256, role, target, best_fit, readiness, profile, person, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        return person

    def history(self, current_sha256: str, person: str | None = None) -> History:
        """Every assessment (or `person`'s), oldest first, with the change per person and target."""
        with self._transaction(write=False) as conn:
            rows = (
                conn.execute(
                    "SELECT at, person, source, role, target, best_fit, readiness, kb_version, kb_sha256"
                    " FROM assessments ORDER BY id"
                ).fetchall()
                if conn is not None
                else []
            )
        entries: list[HistoryEntry] = []
        last: dict[tuple[object, ...], float | None] = {}
        for at, who, source, role, target, fit, stored, version, sha in rows:
            ready = float(stored) if isinstance(stored, (int, float)) else None
            key = (_key(_str(who), _str(source)), target)
            previous = last.get(key)
            change = round(ready - previous, 4) if ready is not None and previous is not None else None
            last[key] = ready
            if person is not None and not same_person(person, _str(who), _str(source)):
                continue
            entries.append(
                HistoryEntry(
                    at=str(at),
                    person=_str(who),
                    source=_str(source),
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

    def latest_profile(self, person: str | None = None) -> Profile | None:
        """The profile of the latest assessment made by the interview (yours), or of `person`; None if
        there is none or it no longer validates."""
        with self._transaction(write=False) as conn:
            if conn is None:
                return None
            if person is None:
                found = conn.execute(
                    "SELECT profile FROM assessments WHERE source = ? ORDER BY id DESC LIMIT 1", (INTERVIEW,)
                ).fetchone()
            else:
                rows = conn.execute("SELECT person, source, profile FROM assessments ORDER BY id DESC")
                found = next((r[2:] for r in rows if same_person(person, _str(r[0]), _str(r[1]))), None)
        if found is None:
            return None
        try:
            return Profile.model_validate_json(str(found[0]))
        except ValueError:
            return None

    def people(self) -> list[str]:
        """Everyone with an assessment, as named most recently, for messages ("you" for the interview)."""
        with self._transaction(write=False) as conn:
            rows = (
                []
                if conn is None
                else conn.execute("SELECT person, source FROM assessments ORDER BY id DESC")
            )
            names: dict[object, str] = {}
            for who, source in rows:
                label = "you" if is_yours(_str(who), _str(source)) else _str(who)
                if label is not None:
                    names.setdefault(person_key(label), label)
        return sorted(names.values(), key=str.casefold)


def _upgrade(conn: sqlite3.Connection, version: int) -> None:
    """Bring an older layout up to date, inside the caller's write transaction, keeping every row."""
    if version < 2:  # 1 -> 2: whose each assessment is; earlier rows keep the name their profile had
        import json

        conn.execute("ALTER TABLE assessments ADD COLUMN person TEXT")
        conn.execute("ALTER TABLE assessments ADD COLUMN source TEXT")
        named: list[tuple[str, int]] = []
        for row_id, profile in conn.execute("SELECT id, profile FROM assessments").fetchall():
            try:
                name = json.loads(profile).get("name")
            except (ValueError, AttributeError):
                continue
            if isinstance(name, str) and name.strip():
                named.append((name.strip(), row_id))
        conn.executemany("UPDATE assessments SET person = ? WHERE id = ?", named)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _key(person: str | None, source: str | None) -> tuple[str, str]:
    """Whose series a row belongs to, for the change since the previous one."""
    if person is not None:
        return ("person", person_key(person))
    return ("unnamed", "interview" if source == INTERVIEW else "other")


def _str(value: object) -> str | None:
    return None if value is None else str(value)
