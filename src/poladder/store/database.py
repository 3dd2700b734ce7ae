"""The history's database file: found, checked and opened so that nobody else's file is ever trusted.

The file is marked with an application id, so a corrupt or foreign database is refused with a clear
error and never written to. Everything that decides what to do with the file happens inside the
transaction that acts on it: a save begins with BEGIN IMMEDIATE (the write lock) and only then reads
the application id, checks the tables and creates or upgrades the schema, so twelve first saves racing
into an empty home see one creator and eleven savers. An existing database is checked with PRAGMA
quick_check before it is trusted: a truncated file is refused rather than read as an empty or shorter
history; and it must hold exactly the tables poladder makes (`OBJECTS`), nothing else (a view or a
trigger planted in it would run whenever poladder reads).

A history is private. Its folder must be the user's own and writable by nobody else (poladder makes
it 0700, and takes group and other permissions off one of the user's own), and the file the user's
own regular file, never a link: another user's history is neither read nor written, and a link
planted in the home is not written through. A new history is set up whole in a 0600 temporary file
and linked into place (SQLite would make it, and its journals, as the umask allows), so poladder
never leaves an empty history file: an empty one lost its content, or is a stranger's, and is refused
(SQLite would take it for a new database).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from poladder.errors import DataError, FileProblem
from poladder.load.files import O_NOFOLLOW, kind, make_private, owned, readable, temp_name, unsafe_folder
from poladder.load.inputs import open_regular
from poladder.store.values import Unwritten

APPLICATION_ID = 0x504F4C44  # "POLD"
SCHEMA_VERSION = 3
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
    source TEXT,
    result TEXT
)
"""
# The promotion case (poladder.store.case): evidence logged against skills, and raters' views of a
# person. `person` is whose, as in assessments (NULL: yours, the interview's person).
CASE_SCHEMA = (
    """
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person TEXT,
    day TEXT NOT NULL,
    text TEXT NOT NULL,
    skills TEXT NOT NULL,
    link TEXT,
    created TEXT NOT NULL,
    edited TEXT
)
""",
    """
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    person TEXT,
    source TEXT,
    rater TEXT NOT NULL,
    kb_version TEXT,
    kb_sha256 TEXT NOT NULL,
    profile TEXT NOT NULL
)
""",
)
# Every object poladder makes in the file, by the layout that first has it (sqlite_sequence is the
# table SQLite makes for evidence's AUTOINCREMENT: ids are never given twice). Nothing else is ours.
OBJECTS = {"assessments": 1, "evidence": 3, "ratings": 3, "sqlite_sequence": 3}
# SQLite's file header: what identifies a database without asking SQLite to open it.
MAGIC = b"SQLite format 3\x00"
APPLICATION_ID_OFFSET = 68
_O_CLOEXEC: int = getattr(os, "O_CLOEXEC", 0)


class Database:
    def __init__(self, path: Path, make_parents: bool = True) -> None:
        """`path` is history.db in the poladder home; `make_parents`: a missing home is created with its
        parents (the default app directory) or, if False, only when its parent exists (a home the user
        named, where a missing parent is more likely a typo than a wish)."""
        self.path = path
        self.make_parents = make_parents
        self._created = False  # whether this transaction made the file (its errors then name the home)

    def _refuse(self, why: str, fix: str = "") -> DataError:
        fix = fix or "poladder will not touch it; move it away or set POLADDER_HOME to another directory"
        return DataError(
            FileProblem(file=readable(str(self.path)), message=f"the history database {why}", fix=fix)
        )

    def _home_error(self, why: str, fix: str) -> DataError:
        return DataError(
            FileProblem(file=readable(str(self.path.parent)), message=f"the poladder home {why}", fix=fix)
        )

    def _file(self, create: bool) -> bool:
        """Check the home and the file before SQLite opens anything; False if there is no history yet."""
        home = self.path.parent
        try:
            info = os.stat(home)
        except FileNotFoundError:
            if not create:
                return False
            self._make_home()
            return self._file(create)
        except NotADirectoryError:
            raise self._home_error(
                "is inside a file, not a folder", "set POLADDER_HOME to a folder"
            ) from None
        except OSError as e:
            raise self._home_error(
                f"cannot be reached ({e.strerror})", "set POLADDER_HOME to a folder you can use"
            ) from None
        if not stat.S_ISDIR(info.st_mode):
            what = "a file" if stat.S_ISREG(info.st_mode) else kind(info.st_mode)
            raise self._home_error(
                f"is {what}, not a folder",
                "move it away or set POLADDER_HOME to a folder",
            )
        unsafe = unsafe_folder(info)
        if unsafe is not None:
            raise self._home_error(
                unsafe,
                f"a history is private: make the folder yours and private (chmod 700 {home}) "
                "or set POLADDER_HOME to a folder of your own",
            )
        if sys.platform != "win32" and info.st_mode & 0o077:  # others may list it, not change it
            with contextlib.suppress(OSError):  # a read-only file system: nothing more can be done
                os.chmod(home, stat.S_IMODE(info.st_mode) & 0o700)
        try:
            opened, info = self._open()
        except FileNotFoundError:
            if not create:
                return False
            self._create()
            opened, info = self._open()  # what was just made, or what another poladder made first
        if opened is None:
            raise self._refuse(f"is not a regular file ({kind(info.st_mode)})")
        with opened as f:
            if not owned(info):
                raise self._refuse(
                    f"belongs to another user (uid {info.st_uid})",
                    "poladder reads and writes only a history of your own; set POLADDER_HOME to a "
                    "folder of your own",
                )
            make_private(f.fileno(), info)
            head = f.read(100) if info.st_size else b""
        self._private_journals()
        if not head:
            # poladder never leaves an empty history (see _create): this one lost its content, or is
            # not poladder's, and SQLite would take it for a new database.
            raise self._refuse(
                "is empty (0 bytes): it is not a poladder history",
                "if it held your history, restore it from a backup; otherwise move it away, and "
                "poladder starts a new history",
            )
        if len(head) < 100 or not head.startswith(MAGIC):
            raise self._refuse("is not an SQLite database")
        app_id = int.from_bytes(head[APPLICATION_ID_OFFSET : APPLICATION_ID_OFFSET + 4], "big")
        if app_id not in (0, APPLICATION_ID):  # refused without letting SQLite open it at all
            raise self._refuse("belongs to another program")
        return True

    def _open(self) -> tuple[BinaryIO | None, os.stat_result]:
        """The history file opened without following a link (FileNotFoundError if there is none)."""
        try:
            if os.path.islink(self.path):  # where O_NOFOLLOW is missing (Windows), and in words
                raise OSError(errno.ELOOP, "a link")
            return open_regular(self.path, follow=False)
        except FileNotFoundError:
            raise
        except PermissionError:
            raise self._refuse(
                "cannot be read (permission denied)",
                f"make it readable and writable (chmod u+rw {self.path}) "
                "or set POLADDER_HOME to another directory",
            ) from None
        except OSError as e:
            if os.path.islink(self.path):
                raise self._refuse(
                    "is a symbolic link",
                    "a history is a private file of your own, never read or written through a link; "
                    "move the link away or set POLADDER_HOME to another directory",
                ) from None
            raise self._refuse(f"cannot be opened ({e.strerror})") from None

    def _create(self) -> None:
        """Make a new history: set up whole in a private temporary file (0600, whatever the umask), then
        linked into place, which fails if anything is there already. So the history file is never
        seen empty, and twelve first saves racing into an empty home make one history, not twelve."""
        home = self.path.parent
        try:
            fd = -1
            while fd < 0:
                tmp = home / temp_name(self.path.name)
                with contextlib.suppress(FileExistsError):
                    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | _O_CLOEXEC, 0o600)
            os.close(fd)
        except OSError as e:
            why = "" if isinstance(e, PermissionError) else f" ({e.strerror})"
            raise self._home_error(
                f"is not writable: the history database cannot be created there{why}",
                "make it writable or set POLADDER_HOME to a folder you can write to",
            ) from None
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = MEMORY")  # no journal beside the temporary file
                conn.execute("BEGIN IMMEDIATE")
                self._prepare(conn, write=True)
                conn.execute("COMMIT")
            finally:
                conn.close()
            self._place(tmp)
        except sqlite3.Error as e:
            raise self._sqlite_error(e, existed=True) from None
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _place(self, tmp: Path) -> None:
        try:
            os.link(tmp, self.path)
            self._created = True
        except FileExistsError:
            return  # another poladder's new history, or something else: _file checks it as any file
        except OSError:
            # A file system without hard links: a rename replaces what is there on POSIX (not on
            # Windows), so two first saves racing on one may each make a history, the last one kept.
            if os.path.lexists(self.path):
                return
            with contextlib.suppress(FileExistsError):
                os.rename(tmp, self.path)
                self._created = True

    def _private_journals(self) -> None:
        """SQLite's journals hold the same data: an old one made as the umask allowed is made private."""
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                if os.path.islink(f"{self.path}{suffix}"):  # SQLite would write through it
                    raise self._refuse(
                        f"has a link beside it, where its journal goes ({self.path.name}{suffix})",
                        "move the link away or set POLADDER_HOME to another directory",
                    )
                fd = os.open(f"{self.path}{suffix}", os.O_RDONLY | O_NOFOLLOW | os.O_NONBLOCK | _O_CLOEXEC)
                try:
                    info = os.fstat(fd)
                    if stat.S_ISREG(info.st_mode):
                        make_private(fd, info)
                finally:
                    os.close(fd)

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
        self._created = False
        if not self._file(create=write):
            yield None
            return
        existed = not self._created
        conn, ours = self._begin(write, existed)
        try:
            yield conn if ours or write else None
            conn.execute("COMMIT")
            if write:
                self._use_wal(conn)
        except sqlite3.Error as e:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise self._sqlite_error(e, existed) from None
        except Unwritten as e:  # a value changed by hand, met by a reader (poladder.store.values)
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise self._refuse(
                f"holds {e}",
                "poladder did not write it; move the database away or restore it from a backup",
            ) from None
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    # A read needs to write nothing, but SQLite opens a database in WAL mode by making its shared-memory
    # file next to it: in a read-only home (or on a read-only disk) it may only be read as read-only,
    # and failing that as immutable (nobody can be writing to it there).
    READ_ONLY = ("mode=ro", "immutable=1")

    def _begin(self, write: bool, existed: bool) -> tuple[sqlite3.Connection, bool]:
        """A connection inside a transaction just begun, and whether the database is ours and current."""
        ways = [""] if write else ["", *self.READ_ONLY]
        first: sqlite3.Error | None = None  # why the database could not be opened as usual
        for number, way in enumerate(ways):
            try:
                if way:
                    uri = f"file:{quote(os.fsencode(os.path.abspath(self.path)))}?{way}"
                    conn = sqlite3.connect(uri, timeout=10, isolation_level=None, uri=True)
                else:
                    conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            except sqlite3.Error as e:
                raise self._sqlite_error(e, existed) from None
            try:
                conn.set_progress_handler(_Steps(), STEPS_EACH)
                conn.execute("PRAGMA busy_timeout = 10000")
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                ours = self._prepare(conn, write)
                if not ours and not write and not way and self._needs_upgrade(conn):
                    conn.execute("ROLLBACK")  # an old layout: upgrade it under the write lock, then read
                    conn.execute("BEGIN IMMEDIATE")
                    ours = self._prepare(conn, True)
                    conn.execute("COMMIT")
                    conn.execute("BEGIN")
                if first is not None and not ours and self._needs_upgrade(conn):
                    raise first  # an old layout that cannot be upgraded here: read as nothing, it would lie
                return conn, ours
            except sqlite3.Error as e:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                conn.close()
                text = str(e)
                if number + 1 < len(ways) and ("unable to open" in text or "readonly" in text):
                    first = first or e
                    continue
                raise self._sqlite_error(first or e, existed) from None
            except BaseException:
                conn.close()
                raise
        raise AssertionError("unreachable: the last way raises")

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
            for statement in (SCHEMA, *CASE_SCHEMA):
                conn.execute(statement)
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
        ours = sorted(("table", name) for name, layout in OBJECTS.items() if layout <= version)
        objects = conn.execute(f"SELECT type, name FROM sqlite_master LIMIT {len(OBJECTS) + 2}").fetchall()
        if sorted(objects) != ours:
            raise self._refuse(
                "holds more than poladder's own tables (a view, a trigger or a table someone else added)",
                "poladder will not read it; move it away or restore it from a backup",
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
        if "interrupted" in text:
            return self._refuse(
                "holds far more than a history can (reading it was stopped)",
                "move it away or restore it from a backup",
            )
        if "disk is full" in text:
            return self._refuse(
                "cannot be written: the disk is full", "free some space and try again; nothing was saved"
            )
        if "locked" in text or "busy" in text:
            return self._refuse(f"is busy ({text})", "another program holds it; try again in a moment")
        if isinstance(e, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
            return self._refuse(
                f"is damaged ({text})",
                "move it away (poladder then starts a new history) or restore it from a backup",
            )
        return self._refuse(f"cannot be used ({text})")


# Every statement on the history is bounded: SQLite calls _Steps every STEPS_EACH of its virtual
# machine's steps, and a connection that has taken MAX_STEPS of them is stopped ("interrupted").
# Reading a history of millions of assessments takes a small part of it.
STEPS_EACH = 10_000
MAX_STEPS = 5_000_000_000


class _Steps:
    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_STEPS // STEPS_EACH

    def __call__(self) -> int:
        self.left -= 1
        return int(self.left < 0)


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
    if version < 3:  # 2 -> 3: each assessment's results as they were; evidence and raters' views
        conn.execute("ALTER TABLE assessments ADD COLUMN result TEXT")
        for statement in CASE_SCHEMA:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
