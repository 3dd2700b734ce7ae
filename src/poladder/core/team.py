"""A team at a glance: every person assessed as `poladder assess` would, then summed up per skill.

Profiles come from files (YAML or JSON, one person each), directories of them, and JSON Lines (a
`.jsonl` file or stdin, one person a line). They are read and assessed one at a time, so a stream of
any length is processed in constant memory: `Team.assess` yields each person's `TeamMember` as soon as
it is made, and `Team.report` folds them into per-skill counters. The report keeps at most
`REPORT_LIMIT` people in its per-person lists; the aggregates cover everyone, and `--jsonl` streams
everyone.

A line of JSON Lines is read the way a profile file is: parsed (refusing what JSON has no place for in
a profile — a duplicate key, `Infinity` or `NaN`, a lone surrogate escape, numbers too long to
convert, nesting too deep to parse), then validated and resolved by `poladder.load.profile` with the
same messages, and assessed by `poladder.core.assess.standing`, the rules `assess` uses.

A bad profile is reported through `warn` (as a DataError, located by file and line) and skipped;
`Team.skipped` counts them so that the command can exit 1 after the rest is done.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import Field

from poladder.core.assess import Gap, RoleReadiness, standing
from poladder.errors import DataError, FileProblem
from poladder.load import profile as profiles
from poladder.load.documents import Document, Problem
from poladder.load.files import readable
from poladder.load.inputs import open_input
from poladder.model.ladder import KnowledgeBase
from poladder.model.profile import Profile
from poladder.model.result import KnowledgeBaseStamp, Result

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
    best_fit: str | None = Field(
        description="Highest-rank role whose levels are met, allowing at most two skills one level short"
    )
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


class _Refused(ValueError):
    """JSON that json.loads would read but a profile must not hold (a duplicate key, Infinity)."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                shown = key if len(key) < 80 else "this key"
                raise _Refused(f"duplicate key {shown!r}", "keep one and merge the two")
            seen.add(key)
    return found


def _constant(name: str) -> Any:
    raise _Refused(
        f"not valid JSON ({name} is not a JSON number)", "write each profile as a JSON object on one line"
    )


# A JSON escape of a UTF-16 surrogate, \uD800-\uDFFF: half of a character (or both halves of one).
_SURROGATE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
# Built once: json.loads with keyword arguments builds a decoder for every call.
_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_constant)


@dataclass
class _Line(Document):
    """One JSON Lines record: its problems are located by its line, not by a column."""

    number: int = 0

    def locate_problem(self, problem: Problem, severity: Any = "error") -> FileProblem:
        return replace(super().locate_problem(problem, severity), line=self.number, column=None)


class Team:
    """Assesses the profiles of many people against one knowledge base, skipping (and reporting) bad ones."""

    def __init__(self, kb: KnowledgeBase, warn: Callable[[DataError], None]) -> None:
        self.kb = kb
        self.warn = warn
        self.skipped = 0
        self.done = 0  # bytes of input read so far, for a progress bar
        self.total: int | None = None  # bytes of input in all, when known (not for stdin)

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
                self._skip(
                    DataError(FileProblem(file=str(path), message=f"cannot list the directory: {e.strerror}"))
                )
                continue
            if not found:
                self._skip(
                    DataError(
                        FileProblem(
                            file=str(path),
                            message="no profiles here",
                            fix="poladder reads its *.yaml, *.yml, *.json and *.jsonl files",
                        )
                    )
                )
            for p in found:
                yield p, _size(p)

    def _members(self, plan: list[tuple[Path | None, int]]) -> Iterator[TeamMember]:
        for path, size in plan:
            if path is None or path.suffix.lower() in LINES_SUFFIXES:
                name = "<stdin>" if path is None else readable(str(path))
                try:
                    with open_input(path or "-", "team's profiles") as stream:
                        yield from self._lines(stream, name)
                except DataError as e:  # not a file poladder reads
                    self._skip(e)
                except OSError as e:  # reading half-way: the lines already read stand
                    self._skip(
                        DataError(FileProblem(file=name, message=f"cannot read the profiles: {e.strerror}"))
                    )
                continue
            member = self._file(path)
            self.done += size
            if member is not None:
                yield member

    def _file(self, path: Path) -> TeamMember | None:
        try:
            person, document = profiles.read(str(path), self.kb)
            # A file name that is not UTF-8 becomes text with escapes: JSON cannot carry its bytes.
            return self.member(
                profiles.resolve(person, self.kb, document), readable(path.stem), readable(str(path))
            )
        except DataError as e:
            self._skip(e)
            return None

    def _lines(self, stream: BinaryIO, name: str) -> Iterator[TeamMember]:
        for number, raw in _numbered_lines(stream):
            self.done += len(raw) if raw is not None else MAX_LINE
            if raw is None:
                self._skip(
                    DataError(
                        FileProblem(
                            file=name,
                            line=number,
                            message=f"the line is over {MAX_LINE // 1024} KB",
                            fix="one profile is far smaller",
                        )
                    )
                )
                continue
            if raw.isspace():
                continue
            try:
                document = _Line(path=name, data=_parsed(raw, name, number), number=number)
                person = profiles.resolve(profiles.validated(document, self.kb), self.kb, document)
                yield self.member(person, f"line {number}", f"{name}:{number}")
            except DataError as e:
                self._skip(e)

    def _skip(self, error: DataError) -> None:
        self.skipped += 1
        self.warn(error)

    def member(self, person: Profile, name: str, source: str) -> TeamMember:
        """One resolved profile assessed with `poladder assess`'s rules (`standing`)."""
        now = standing(self.kb, person.skills, person.role, person.target)
        return TeamMember(
            person=person.name or name,
            source=source,
            role=person.role,
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


def _parsed(raw: bytes, name: str, number: int) -> dict[str, Any]:
    """One JSON Lines record as plain data, refusing what JSON does not allow and what a profile must
    not hold; a DataError located by the line (and column, where JSON says) otherwise."""

    def refused(message: str, fix: str | None = None, column: int | None = None) -> DataError:
        return DataError(FileProblem(file=name, line=number, column=column, message=message, fix=fix))

    try:
        data = _DECODER.decode(raw.decode("utf-8").rstrip())  # no newline: an error at the end is here
    except UnicodeDecodeError:
        raise refused("the line is not UTF-8 text", "save the profiles as UTF-8") from None
    except json.JSONDecodeError as e:
        raise refused(
            f"not valid JSON ({e.msg})", "write each profile as a JSON object on one line", e.colno
        ) from None
    except _Refused as e:
        raise refused(*e.args) from None
    except ValueError:  # a number longer than Python converts (sys.get_int_max_str_digits)
        raise refused("a number with thousands of digits", "levels are 0-5, years a few dozen") from None
    except RecursionError:
        raise refused("nested too deeply", "a profile is only a few levels deep") from None
    if not isinstance(data, dict):
        raise refused("a profile is a JSON object with role, skills and the like", profiles.PROFILE_FORMAT)
    if b"\\u" in raw and _SURROGATE.search(raw):
        try:
            json.dumps(data, ensure_ascii=False).encode()
        except UnicodeEncodeError:
            raise refused(
                "a \\u escape of half a character (a lone surrogate)",
                "write the text as UTF-8, or escape whole characters",
            ) from None
    return data


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
