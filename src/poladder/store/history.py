"""History: every completed assessment, in SQLite (one transaction per save), and whose it is.

SQLite gives what a JSON file would not: two processes saving at once both land, and a process killed
mid-save leaves the last committed state intact. How the file is found, checked and kept private is
`poladder.store.database`'s.

Whose: each row stores the person (the profile's `name`, else the profile file's name, as `team`
names people; see `poladder.store.people` for when two names are one person) and the source of the
answers ('interview', '-' for stdin, or the profile file's path). "You" are the person who answers
the interview: the interview's defaults, `profile export` and `plan` without --profile use the
latest assessment made by the interview, so assessing a colleague's file never changes them.
Readiness change is computed per person and target.

Each assessment keeps the ladder version and sha256 it was made against and its results as they were
(layout 3), so an edited ladder never re-scores it. The promotion case's records (evidence, raters'
views) are `poladder.store.case`'s.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Protocol

from pydantic import Field, RootModel

from poladder.errors import DataError, FileProblem
from poladder.load.files import readable
from poladder.model.profile import Profile
from poladder.model.result import KnowledgeBaseStamp, Result
from poladder.store import values
from poladder.store.database import Database
from poladder.store.people import (
    INTERVIEW,
    STDIN,
    YOU,
    is_reserved,
    is_yours,
    person_key,
    person_of,
    same_person,
    series,
)


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
    def model_dump_json(self, *, exclude: set[str] | None = None) -> str: ...


# What an assessment's stored results leave out: the profile has a column of its own, and the step by
# step advice is advice, not a result (and most of the size).
NOT_RESULTS = {"profile", "next_steps"}


class HistoryEntry(Result):
    at: str = Field(description="When, ISO 8601 in UTC with its zone (+00:00)")
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


def source_and_person(
    assessment: Assessed, profile_file: str | None, what: str, fix: str
) -> tuple[str, str | None]:
    """Where the answers came from (the interview, stdin, or a file's absolute path) and whose they
    are (see `person_of`). A person named `you`, which the history keeps for your own interview, is
    refused: `what` names what would have been saved, `fix` says what to do."""
    if profile_file is None:
        source = INTERVIEW
    else:
        source = STDIN if profile_file == STDIN else os.path.abspath(profile_file)
    person = person_of(assessment.profile, source)
    if is_reserved(person):
        raise DataError(
            FileProblem(
                file={None: "poladder", STDIN: "<stdin>"}.get(profile_file) or str(profile_file),
                message=f"{what} named {person!r} cannot be saved: in poladder history `you` means the "
                "answers to your own interview",
                fix=fix,
            )
        )
    return source, person


class Store(Database):
    # -- saving and reading ------------------------------------------------------------------------

    def save(self, assessment: Assessed, profile_file: str | None, at: datetime | None = None) -> str | None:
        """Append one assessment in one transaction: it is stored whole or not at all.

        `profile_file` is where the answers came from: None for the interview, '-' for stdin, else a
        path (stored absolute). Returns whose assessment it was (see `person_of`).
        """
        when = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
        source, person = source_and_person(
            assessment,
            profile_file,
            "a profile",
            "give the profile another name (name: ...), or use --no-save",
        )
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
            _stored(person),
            _stored(source),
            # The results as they were: an edited ladder never re-scores an old assessment.
            assessment.model_dump_json(exclude=NOT_RESULTS),
        )
        with self._transaction(write=True) as conn:
            assert conn is not None
            conn.execute(
                "INSERT INTO assessments (at, kb_version, kb_sha256, role, target, best_fit, readiness,"
                " profile, person, source, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        return person

    def history(self, current_sha256: str, person: str | None = None) -> History:
        """Every assessment (or `person`'s), oldest first, with the change per person and target."""
        return History(list(self.entries(current_sha256, person)))

    def entries(self, current_sha256: str, person: str | None = None) -> Iterator[HistoryEntry]:
        """`history`, one assessment at a time as it is read: a view prints each before the next is read.

        A value poladder did not write (`poladder.store.values`) refuses the database rather than be
        shown."""
        last: dict[tuple[object, ...], float | None] = {}
        with self._transaction(write=False) as conn:
            if conn is None:
                return
            rows = conn.execute(
                "SELECT id, at, person, source, role, target, best_fit, readiness, kb_version, kb_sha256"
                " FROM assessments ORDER BY id"
            )
            for row_id, at, who, source, role, target, fit, stored, version, sha in rows:
                ready = values.readiness(stored, f"assessment {row_id}")
                whose, where = _name(who), _name(source)
                key = (series(whose, where), target)
                previous = last.get(key)
                change = round(ready - previous, 4) if ready is not None and previous is not None else None
                last[key] = ready
                if person is not None and not same_person(person, whose, where):
                    continue
                yield HistoryEntry(
                    at=values.moment(at, f"assessment {row_id}"),
                    person=None if whose is None else readable(whose),
                    source=None if where is None else readable(where),
                    role=_str(role),
                    target=_str(target),
                    best_fit=_str(fit),
                    readiness=ready,
                    change=change,
                    kb_version=_str(version),
                    other_knowledge_base=sha != current_sha256,
                )

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
                found = next((r[2:] for r in rows if same_person(person, _name(r[0]), _name(r[1]))), None)
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
                label = YOU if is_yours(_name(who), _name(source)) else _name(who)
                if label is not None:
                    names.setdefault(person_key(label), readable(label))
        return sorted(names.values(), key=person_key)


def _stored(name: str | None) -> str | bytes | None:
    """A name as the database keeps it: text, or the bytes of a file name that is not UTF-8 (which
    SQLite cannot hold as text), so that nothing of it is lost."""
    if name is None:
        return None
    try:
        name.encode()
    except UnicodeEncodeError:
        return os.fsencode(name)
    return name


def _name(value: object) -> str | None:
    """A name as `_stored` kept it."""
    return os.fsdecode(value) if isinstance(value, bytes) else _str(value)


def _str(value: object) -> str | None:
    return None if value is None else str(value)
