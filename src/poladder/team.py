"""A team at a glance: every person assessed as `poladder assess` would, then summed up per skill.

Profiles come from files (YAML or JSON, one person each), directories of them, and JSON Lines (a
`.jsonl` file or stdin, one person a line). They are read and assessed one at a time, so a stream of
any length is processed in constant memory: `Team.assess` yields each person's `TeamMember` as soon
as it is made, and `Team.report` folds them into per-skill counters. The report keeps at most
`REPORT_LIMIT` people in its per-person lists; the aggregates cover everyone, and `--jsonl` streams
everyone.

A bad profile is reported through `warn` (file and line, and why, with the same messages as `assess`)
and skipped; `Team.skipped` counts them so that the command can exit 1 after the rest is done.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from pydantic import Field, ValidationError

from poladder.assess import Gap, RoleReadiness, standing
from poladder.documents import Document
from poladder.errors import DataError, Problem
from poladder.knowledge import KnowledgeBase
from poladder.profile import Profile, resolve
from poladder.results import KnowledgeBaseStamp, Result

REPORT_LIMIT = 1000
PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
LINES_SUFFIXES = (".jsonl", ".ndjson")
# A JSON Lines record longer than this is refused without ever holding it whole in memory.
MAX_LINE = 1024 * 1024


class TeamMember(Result):
    """One person of the team, assessed: the JSON of each line of `poladder team --jsonl`."""

    person: str = Field(description="The profile's name, else its file name, else 'line N'")
    source: str = Field(description="Where the profile came from: a file, or FILE:LINE for JSON Lines")
    role: str | None = Field(description="Current role id, if given")
    target: str | None = Field(description="Target role id: given, or the next promotion")
    best_fit: str | None = Field(description="Highest-rank role whose required levels are all met")
    readiness: float | None = Field(description="Readiness for the target, 0.0-1.0")
    skills: dict[str, int] = Field(description="Skill id -> level held (levels above 0)")
    gaps: list[Gap] = Field(description="The target's required skills held below the level, largest first")
    next_roles: list[RoleReadiness] = Field(description="Readiness for each move out of role (or best fit)")
    ready_for: list[str] = Field(description="Next roles at readiness 1.0")


class SkillShortfall(Result):
    """How far the team falls short of its targets in one skill."""

    skill: str
    people: int = Field(description="People whose target needs more of it than they hold")
    total: int = Field(description="Levels missing, summed over those people")
    largest: int = Field(description="The largest single gap")


class ReadyPerson(Result):
    person: str
    source: str
    roles: list[str] = Field(description="Next roles at readiness 1.0")


class UncoveredSkill(Result):
    """A skill that the team's target roles need at a level nobody on the team holds."""

    skill: str
    need: int = Field(description="The highest level a target role needs")
    best: int = Field(description="The highest level anyone on the team holds")
    roles: list[str] = Field(description="Target roles that need more than the team's best")


class TeamReport(Result):
    people: int = Field(description="Profiles assessed")
    skipped: int = Field(description="Profiles (or sources) that could not be read and were left out")
    limit: int = Field(
        description="members and ready list at most this many people, in input order; "
        "the other fields cover everyone, and --jsonl streams everyone"
    )
    skills: list[str] = Field(description="The matrix columns: every skill a member's target needs")
    members: list[TeamMember]
    gaps: list[SkillShortfall] = Field(description="Per skill, biggest total shortfall first")
    ready: list[ReadyPerson] = Field(description="People ready (readiness 1.0) for a next role")
    ready_people: int = Field(description="How many people are ready for at least one next role")
    uncovered: list[UncoveredSkill] = Field(description="Biggest hole first")
    knowledge_base: KnowledgeBaseStamp


class _LineDocument(Document):
    """One JSON Lines record: problems are located by its line (path is `FILE:LINE`), not by column."""

    def format(self, problem: Problem, severity: str = "error") -> str:
        where = ".".join(str(p) for p in problem.loc) or "(top level)"
        text = f"{self.path}: {severity}: {where}: {problem.message}"
        return f"{text} — {problem.fix}" if problem.fix else text


class Team:
    """Assesses the profiles of many people against one knowledge base, skipping (and reporting) bad ones."""

    def __init__(self, kb: KnowledgeBase, warn: Callable[[str], None]) -> None:
        self.kb = kb
        self.warn = warn
        self.skipped = 0
        self.done = 0  # bytes of input read so far, for a progress bar
        self.total: int | None = None  # bytes of input in all, when known (not for stdin)
        # Built once for the run rather than once for each of (maybe) 100,000 people.
        self._role_names = kb.role_names()

    def position(self) -> tuple[int, int | None]:
        return self.done, self.total

    def assess(self, sources: Sequence[str]) -> Iterator[TeamMember]:
        """Each readable person of `sources` ('-' is stdin), assessed, in input order; see the module doc."""
        plan = list(self._expand(sources))
        self.total = None if any(path is None for path, _ in plan) else sum(size for _, size in plan)
        return self._members(plan)

    def _expand(self, sources: Sequence[str]) -> Iterator[tuple[Path | None, int]]:
        """(path, size in bytes) of each input, None for stdin; a directory gives its profile files, sorted.
        A directory that cannot be listed, or holds no profiles, is reported and skipped here."""
        for source in sources:
            if source == "-":
                yield None, 0
                continue
            path = Path(source)
            if not path.is_dir():
                yield path, _size(path)  # a missing file is reported when it is read, in its turn
                continue
            try:
                found = sorted(
                    p for p in path.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES + LINES_SUFFIXES
                )
            except OSError as e:
                self._skip(f"{path}: cannot list the directory: {e.strerror}")
                continue
            if not found:
                self._skip(
                    f"{path}: no profiles here — poladder reads its *.yaml, *.yml, *.json and *.jsonl files"
                )
            for p in found:
                yield p, _size(p)

    def _members(self, plan: list[tuple[Path | None, int]]) -> Iterator[TeamMember]:
        for path, size in plan:
            if path is None:
                yield from self._lines(_stdin(), "<stdin>")
            elif path.suffix.lower() in LINES_SUFFIXES:
                try:
                    with path.open("rb") as stream:
                        yield from self._lines(stream, str(path))
                except OSError as e:  # opening, or reading half-way: the lines already read stand
                    self._skip(f"{path}: cannot read the profiles: {e.strerror}")
            else:
                member = self._file(path)
                self.done += size
                if member is not None:
                    yield member

    def _file(self, path: Path) -> TeamMember | None:
        from poladder import profile

        try:
            person, document = profile.read(str(path))
            return self.member(person, path.stem, str(path), document)
        except DataError as e:
            self._skip(*e.lines)
            return None

    def _lines(self, stream: BinaryIO, name: str) -> Iterator[TeamMember]:
        for number, raw in _numbered_lines(stream):
            self.done += len(raw) if raw is not None else MAX_LINE
            where = f"{name}:{number}"
            if raw is None:
                self._skip(
                    f"{where}: error: the line is over {MAX_LINE // 1024} KB — one profile is far smaller"
                )
                continue
            if not raw.strip():
                continue
            try:
                member = self.member(_parse_line(raw, where), f"line {number}", where, None)
            except DataError as e:
                self._skip(*e.lines)
                continue
            yield member

    def _skip(self, *lines: str) -> None:
        self.skipped += 1
        for line in lines:
            self.warn(line)

    def member(self, person: Profile, name: str, source: str, document: Document | None) -> TeamMember:
        """One person assessed with `poladder assess`'s semantics; DataError if an id is unknown."""
        kb = self.kb
        role = kb.find_role(person.role, self._role_names) if person.role is not None else None
        target = kb.find_role(person.target, self._role_names) if person.target is not None else None
        if (
            (role is None and person.role is not None)
            or (target is None and person.target is not None)
            or any(skill not in kb.skills for skill in person.skills)
            or any(cert not in kb.certifications for cert in person.certifications)
        ):
            # The slow path, for its messages: every unknown id, located, with "did you mean".
            resolved = resolve(
                person, kb, document or _LineDocument(path=source, data=None), self._role_names
            )
            role, target = resolved.role, resolved.target
        now = standing(kb, person.skills, role, target)
        return TeamMember(
            person=person.name or name,
            source=source,
            role=role,
            target=now.target,
            best_fit=now.best_fit,
            readiness=now.readiness,
            skills=now.have,
            gaps=now.gaps,
            next_roles=now.next_roles,
            ready_for=[r.role for r in now.next_roles if r.readiness >= 1.0],
        )

    def report(
        self, members: Iterable[TeamMember], stamp: KnowledgeBaseStamp, limit: int = REPORT_LIMIT
    ) -> TeamReport:
        """Fold the members into a report; memory grows with the ladder and `limit`, not with the team."""
        kb = self.kb
        people = ready_people = 0
        kept: list[TeamMember] = []
        ready: list[ReadyPerson] = []
        short: dict[str, list[int]] = {}  # skill -> [people, total, largest]
        best: dict[str, int] = {}  # skill -> the highest level anyone holds
        targets: set[str] = set()
        for member in members:
            people += 1
            if len(kept) < limit:
                kept.append(member)
            for skill, level in member.skills.items():
                if level > best.get(skill, 0):
                    best[skill] = level
            if member.target:
                targets.add(member.target)
            for gap in member.gaps:
                missing = gap.need - gap.have
                tally = short.setdefault(gap.skill, [0, 0, 0])
                tally[0] += 1
                tally[1] += missing
                tally[2] = max(tally[2], missing)
            if member.ready_for:
                ready_people += 1
                if len(ready) < limit:
                    ready.append(
                        ReadyPerson(person=member.person, source=member.source, roles=member.ready_for)
                    )
        needed = {skill for t in targets for skill in kb.roles[t].skills}
        return TeamReport(
            people=people,
            skipped=self.skipped,
            limit=limit,
            skills=[skill for skill in kb.skills if skill in needed],
            members=kept,
            gaps=sorted(
                (SkillShortfall(skill=s, people=n, total=t, largest=m) for s, (n, t, m) in short.items()),
                key=lambda g: (-g.total, -g.people, g.skill),
            ),
            ready=ready,
            ready_people=ready_people,
            uncovered=_uncovered(kb, targets, best),
            knowledge_base=stamp,
        )


def _uncovered(kb: KnowledgeBase, targets: set[str], best: dict[str, int]) -> list[UncoveredSkill]:
    needs: dict[str, list[tuple[str, int]]] = {}  # skill -> (target role, level) where nobody is enough
    for target in sorted(targets):
        for skill, need in kb.roles[target].skills.items():
            if best.get(skill, 0) < need:
                needs.setdefault(skill, []).append((target, need))
    holes = [
        UncoveredSkill(
            skill=skill, need=max(n for _, n in by), best=best.get(skill, 0), roles=[t for t, _ in by]
        )
        for skill, by in needs.items()
    ]
    return sorted(holes, key=lambda h: (h.best - h.need, h.skill))


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _stdin() -> BinaryIO:
    buffer: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text-only stand-in for stdin (as some test harnesses use)
        import io

        return io.BytesIO(sys.stdin.read().encode())
    return buffer


def _numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(number, bytes) of each line as it arrives; None for a line over MAX_LINE (skipped in chunks)."""
    number = 0
    while line := stream.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_LINE)
            yield number, None
        else:
            yield number, line


def _parse_line(raw: bytes, where: str) -> Profile:
    """One JSON Lines record as a Profile: pydantic's JSON parser first, then, only if that fails,
    the slower route that can say what is wrong and where."""
    try:
        return Profile.model_validate_json(raw)
    except ValidationError:
        pass
    from poladder import documents

    try:
        data = json.loads(raw.rstrip())  # without its newline, an error at the end is on this line
    except UnicodeDecodeError:
        raise DataError(f"{where}: error: the line is not UTF-8 text — save the profiles as UTF-8") from None
    except json.JSONDecodeError as e:
        raise DataError(
            f"{where}:{e.colno}: error: not valid JSON ({e.msg}) — "
            "write each profile as a JSON object on one line"
        ) from None
    if not isinstance(data, dict):
        raise DataError(
            f"{where}: error: a profile is a JSON object with role, skills and the like — "
            "see `poladder schema profile`"
        )
    return documents.validate(_LineDocument(path=where, data=data), Profile)
