"""The promotion case in the history store: evidence, raters' views, skills over time, and forgetting.

`CaseStore` is the history's `Store` with the case's records. Every write is one transaction of the
store's own (the write lock first, then the checks and any upgrade of the layout, then the change), so
`log`, `assess` and `assess --rater` running at once all land, and a new assessment or an upgrade of
the layout never touches the evidence.

Whose: evidence and views belong to a person as assessments do (see `poladder.store.history`): a
name, compared as `same_person` compares names, or NULL for yours, the interview's person. A rater's
view is never saved as the person's self-assessment: it has a table of its own.

Personal data really goes. Whatever removes or rewrites a record (`evidence remove`, `evidence
edit`, `forget`) runs with SQLite's secure_delete, which overwrites what it frees with zeros, then
folds the write-ahead log back into the file and empties it, so the old words are nowhere on disk in
poladder's files; `forget` also rebuilds the file (VACUUM, in memory), leaving no free page behind.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timezone
from typing import NamedTuple

from pydantic import Field

from poladder.errors import UnknownName
from poladder.model.case import Evidence, EvidenceList, Rating
from poladder.model.profile import Profile
from poladder.model.result import Result
from poladder.store import values
from poladder.store.history import Assessed, Store, _name, _stored, source_and_person
from poladder.store.people import INTERVIEW, same_person

YOU = "you"


def _iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="seconds")


def whose(wanted: str | None, person: str | None, source: str | None) -> bool:
    """Is a row of (`person`, `source`) the person asked for? `wanted` None: yours."""
    if wanted is None:
        return person is None and source == INTERVIEW
    return same_person(wanted, person, source)


def means_you(name: str) -> bool:
    """`--person you` (in any spelling `same_person` accepts): the interview's person."""
    return same_person(name, None, INTERVIEW)


class Forgotten(NamedTuple):
    """How many records of a person `forget` removes (or would remove)."""

    assessments: int
    evidence: int
    ratings: int


class SkillsColumn(Result):
    """One assessment in `history --skills`: what it said then, as it was stored."""

    at: str = Field(description="When, ISO 8601 UTC")
    kb_version: str | None = Field(description="The ladder's version it was made against")
    other_knowledge_base: bool = Field(description="Made against another version of the ladder than today's")
    role: str | None
    target: str | None
    readiness: float | None = Field(description="Readiness for the target then, as stored: never re-scored")
    verdict: str | None = Field(
        description="ready, close or not-yet for the next step then, as stored; null when not recorded"
    )


class SkillTrack(Result):
    """One skill across the person's assessments."""

    skill: str
    levels: list[int | None] = Field(
        description="The level at each assessment, in the order of `assessments`; null when that "
        "assessment did not rate the skill"
    )
    change: int | None = Field(description="The last level rated minus the first; null if rated once")


class SkillHistory(Result):
    """`poladder history --person NAME --skills`: each skill's level across a person's assessments."""

    person: str = Field(description="Whose: the name as saved, or 'you'")
    assessments: list[SkillsColumn] = Field(description="Oldest first")
    skills: list[SkillTrack] = Field(description="The ladder's order; skills it no longer has last")


class CaseStore(Store):
    """The history store with the promotion case's records (see the module docstring)."""

    @contextlib.contextmanager
    def _erasing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that overwrites what it frees, then empties the write-ahead log."""
        with self._transaction(write=True) as conn:
            assert conn is not None
            conn.execute("PRAGMA secure_delete = ON")
            yield conn
        self._checkpoint(vacuum=False)

    def _checkpoint(self, vacuum: bool) -> None:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA secure_delete = ON")
            if vacuum:
                conn.execute("PRAGMA temp_store = MEMORY")  # the copy VACUUM makes never touches /tmp
                conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as e:
            raise self._sqlite_error(e, existed=True) from None
        finally:
            conn.close()

    # -- evidence ---------------------------------------------------------------------------------

    def log(
        self,
        person: str | None,
        day: date,
        text: str,
        skills: Sequence[str],
        link: str | None,
        at: datetime,
    ) -> Evidence:
        """Record one piece of evidence for `person` (None: yours) in one transaction."""
        when = _iso(at)
        with self._transaction(write=True) as conn:
            assert conn is not None
            cursor = conn.execute(
                "INSERT INTO evidence (person, day, text, skills, link, created) VALUES (?, ?, ?, ?, ?, ?)",
                (_stored(person), day.isoformat(), text, json.dumps(list(skills)), link, when),
            )
            ident = cursor.lastrowid
        assert ident is not None
        return Evidence(
            id=ident,
            person=person,
            day=day,
            text=text,
            skills=list(skills),
            link=link,
            created=when,
            edited=None,
        )

    def evidence(
        self, person: str | None = None, skill: str | None = None, everyone: bool = False
    ) -> EvidenceList:
        """`person`'s evidence (None: yours; `everyone`: all of it), optionally only for `skill`;
        oldest day first, then in the order it was logged."""
        with self._transaction(write=False) as conn:
            rows = [] if conn is None else conn.execute(f"{_EVIDENCE} ORDER BY day, id")
            found = [_evidence(row) for row in rows]
        return EvidenceList(
            [
                e
                for e in found
                if (everyone or whose(person, e.person, INTERVIEW if e.person is None else None))
                and (skill is None or skill in e.skills)
            ]
        )

    def entry(self, ident: int) -> Evidence:
        """One piece of evidence by its id; UnknownName if there is none."""
        with self._transaction(write=False) as conn:
            row = None if conn is None else conn.execute(f"{_EVIDENCE} WHERE id = ?", (ident,)).fetchone()
            if row is None:
                raise UnknownName("evidence", str(ident))
            return _evidence(row)

    def edit(
        self,
        ident: int,
        at: datetime,
        text: str | None = None,
        day: date | None = None,
        skills: Sequence[str] | None = None,
        link: str | None = None,
        clear_link: bool = False,
    ) -> Evidence:
        """Change what is given of one piece of evidence; the old words are overwritten, not kept."""
        with self._erasing() as conn:
            row = conn.execute(f"{_EVIDENCE} WHERE id = ?", (ident,)).fetchone()
            if row is None:
                raise UnknownName("evidence", str(ident))
            old = _evidence(row)
            new = old.model_copy(
                update={
                    "text": old.text if text is None else text,
                    "day": old.day if day is None else day,
                    "skills": old.skills if skills is None else list(skills),
                    "link": None if clear_link else (old.link if link is None else link),
                    "edited": _iso(at),
                }
            )
            conn.execute(
                "UPDATE evidence SET day = ?, text = ?, skills = ?, link = ?, edited = ? WHERE id = ?",
                (new.day.isoformat(), new.text, json.dumps(new.skills), new.link, new.edited, ident),
            )
        return new

    def remove(self, ident: int) -> Evidence:
        """Delete one piece of evidence for good (see the module docstring); returns what it was."""
        with self._erasing() as conn:
            row = conn.execute(f"{_EVIDENCE} WHERE id = ?", (ident,)).fetchone()
            if row is None:
                raise UnknownName("evidence", str(ident))
            removed = _evidence(row)
            conn.execute("DELETE FROM evidence WHERE id = ?", (ident,))
        return removed

    # -- raters' views ----------------------------------------------------------------------------

    def rate(self, assessment: Assessed, profile_file: str | None, rater: str, at: datetime) -> str | None:
        """Save `rater`'s view of the profile's person (never as their self-assessment); returns whose
        it is, as `Store.save` does."""
        source, person = source_and_person(
            assessment,
            profile_file,
            "a view of a profile",
            "give the profile another name (name: ...), or leave it unnamed for your own",
        )
        kb = assessment.knowledge_base
        row = (_iso(at), _stored(person), _stored(source), rater, kb.version, kb.sha256)
        with self._transaction(write=True) as conn:
            assert conn is not None
            conn.execute(
                "INSERT INTO ratings (at, person, source, rater, kb_version, kb_sha256, profile)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*row, assessment.profile.model_dump_json()),
            )
        return person

    def _ratings(self) -> list[tuple[Rating, str | None]]:
        """Every view with its source, oldest first; views that no longer read are left out."""
        found = []
        with self._transaction(write=False) as conn:
            rows = (
                []
                if conn is None
                else conn.execute(
                    "SELECT id, at, person, source, rater, kb_version, kb_sha256, profile"
                    " FROM ratings ORDER BY id"
                )
            )
            for ident, at, who, source, rater, version, sha, profile in rows:
                try:
                    views = Profile.model_validate_json(str(profile))
                except ValueError:
                    continue
                rating = Rating(
                    rater=str(rater),
                    at=values.moment(at, f"view {ident}"),
                    person=_str(who),
                    kb_version=_str(version),
                    kb_sha256=str(sha),
                    profile=views,
                )
                found.append((rating, _str(source)))
        return found

    def ratings(self, person: str | None) -> list[Rating]:
        """Every view of `person` (None: yours), oldest first."""
        return [r for r, source in self._ratings() if whose(person, r.person, source)]

    def latest_ratings(self, person: str | None) -> list[Rating]:
        """Each rater's latest view of `person` (None: yours), raters in the order they first rated;
        a rater's name compares as people's names do, and reads as they spelt it last."""
        latest: list[Rating] = []
        for rating in self.ratings(person):
            at = next((i for i, r in enumerate(latest) if same_person(rating.rater, r.rater, None)), None)
            if at is None:
                latest.append(rating)
            else:
                latest[at] = rating
        return latest

    def views_by(self, rater: str) -> list[Rating]:
        """`rater`'s latest view of each named person they rated, in the order they first rated them."""
        latest: list[Rating] = []
        for rating, _ in self._ratings():
            if rating.person is None or not same_person(rater, rating.rater, None):
                continue
            person = rating.person
            at = next((i for i, r in enumerate(latest) if same_person(person, r.person, None)), None)
            if at is None:
                latest.append(rating)
            else:
                latest[at] = rating
        return latest

    def raters(self) -> list[str]:
        """Everyone who gave a view, as they spelt it last, for messages."""
        with self._transaction(write=False) as conn:
            rows = (
                [] if conn is None else conn.execute("SELECT rater FROM ratings ORDER BY id DESC").fetchall()
            )
        names: list[str] = []
        for (rater,) in rows:
            if not any(same_person(str(rater), n, None) for n in names):
                names.append(str(rater))
        return sorted(names, key=str.lower)

    def latest_self(self, person: str | None) -> tuple[str, Profile] | None:
        """When `person` (None: you) last assessed themselves, and the profile then."""
        with self._transaction(write=False) as conn:
            rows = (
                []
                if conn is None
                else conn.execute("SELECT id, at, person, source, profile FROM assessments ORDER BY id DESC")
            )
            found = next((r for r in rows if whose(person, _str(r[2]), _str(r[3]))), None)
            if found is None:
                return None
            at = values.moment(found[1], f"assessment {found[0]}")
        try:
            return at, Profile.model_validate_json(str(found[4]))
        except ValueError:
            return None

    # -- skills over time -------------------------------------------------------------------------

    def skill_history(
        self, person: str | None, current_sha256: str, order: Sequence[str] = ()
    ) -> SkillHistory:
        """Each skill's level across `person`'s assessments (None: yours), with what each said then."""
        columns: list[SkillsColumn] = []
        levels: list[dict[str, int]] = []
        name = YOU
        with self._transaction(write=False) as conn:
            # Only the person's rows are read whole: a profile and results are most of a row, and the
            # names compare as `same_person` compares them, which SQL cannot say.
            if conn is not None:
                conn.create_function(
                    "wanted",
                    2,
                    lambda who, source: whose(person, _str(who), _str(source)),
                    deterministic=True,
                )
            rows = (
                []
                if conn is None
                else conn.execute(
                    "SELECT id, at, person, kb_version, kb_sha256, role, target, readiness, profile, result"
                    " FROM assessments WHERE wanted(person, source) ORDER BY id"
                )
            )
            for ident, at, who, version, sha, role, target, ready, profile, result in rows:
                try:
                    held = Profile.model_validate_json(str(profile)).skills
                except ValueError:
                    continue
                row = f"assessment {ident}"
                column = SkillsColumn(
                    at=values.moment(at, row),
                    kb_version=_str(version),
                    other_knowledge_base=sha != current_sha256,
                    role=_str(role),
                    target=_str(target),
                    readiness=values.readiness(ready, row),
                    verdict=_stored_verdict(result),
                )
                levels.append(held)
                columns.append(column)
                name = _str(who) or YOU
        rated = {skill for held in levels for skill in held}
        ranked = {skill: number for number, skill in enumerate(order)}
        tracks = []
        for skill in sorted(rated, key=lambda s: (ranked.get(s, len(ranked)), s)):
            series = [held.get(skill) for held in levels]
            given = [level for level in series if level is not None]
            change = given[-1] - given[0] if len(given) > 1 else None
            tracks.append(SkillTrack(skill=skill, levels=series, change=change))
        return SkillHistory(person=name, assessments=columns, skills=tracks)

    # -- forgetting -------------------------------------------------------------------------------

    def _records(
        self, conn: sqlite3.Connection, person: str | None
    ) -> tuple[list[int], list[int], list[int]]:
        """The ids of `person`'s assessments, evidence and views, in that order."""
        assessments = [
            row[0]
            for row in conn.execute("SELECT id, person, source FROM assessments")
            if whose(person, _str(row[1]), _str(row[2]))
        ]
        evidence = [
            row[0]
            for row in conn.execute("SELECT id, person FROM evidence")
            if whose(person, _str(row[1]), INTERVIEW if row[1] is None else None)
        ]
        ratings = [
            row[0]
            for row in conn.execute("SELECT id, person, source FROM ratings")
            if whose(person, _str(row[1]), _str(row[2]))
        ]
        return assessments, evidence, ratings

    def record(self, person: str | None) -> Forgotten:
        """How many records `forget` would remove for `person` (None: yours)."""
        with self._transaction(write=False) as conn:
            if conn is None:
                return Forgotten(0, 0, 0)
            found = self._records(conn, person)
        return Forgotten(*(len(ids) for ids in found))

    def forget(self, person: str | None) -> Forgotten:
        """Delete every assessment, piece of evidence and view of `person` (None: yours), for good."""
        with self._erasing() as conn:
            found = self._records(conn, person)
            for table, ids in zip(("assessments", "evidence", "ratings"), found, strict=False):
                conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])
        self._checkpoint(vacuum=True)
        return Forgotten(*(len(ids) for ids in found))


_EVIDENCE = "SELECT id, person, day, text, skills, link, created, edited FROM evidence"


def _evidence(row: tuple[object, ...]) -> Evidence:
    ident, person, day, text, skills, link, created, edited = row
    where = f"evidence {ident}"
    try:
        ids = json.loads(str(skills))
    except ValueError:
        ids = []
    return Evidence(
        id=int(str(ident)),
        person=_str(person),
        day=values.day(day, where),
        text=str(text),
        skills=[str(s) for s in ids] if isinstance(ids, list) else [],
        link=_str(link),
        created=values.moment(created, where),
        edited=values.maybe_moment(edited, where),
    )


def _stored_verdict(result: object) -> str | None:
    if result is None:
        return None
    try:
        verdict = json.loads(str(result)).get("verdict")
    except (ValueError, AttributeError):
        return None
    status = verdict.get("status") if isinstance(verdict, dict) else None
    return status if isinstance(status, str) else None


def _str(value: object) -> str | None:
    """A name or source as `poladder.store.history` keeps it (text, or the bytes of a file name)."""
    return _name(value)
