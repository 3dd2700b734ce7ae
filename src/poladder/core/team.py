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

Each member carries what `assess` says of that person, made by the same functions: `standing`
(best fit, target, readiness, gaps) and the `verdict` on the next step — the first move of the
quickest route from the role (else the best fit) to the target, else the target itself; routes are
looked up once per (start, target) in a run, since they repeat. Gaps against the role a person has
now are the report's (`poladder.core.team_report`), by the same `gaps`.
With a bench role, each member is also assessed against that role (`BenchCandidate`).

The same person in two sources (the same name, by `poladder.model.people.person_key`; a profile file
without a name is named by its file) is assessed once, from the first, and the second is reported as
a warning. The names seen so far are the one thing kept per person (a 64-bit digest of each): memory
grows with the team there, by about sixty bytes a person.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

from pydantic import Field

from poladder.core.assess import standing
from poladder.core.measure import Gap, RoleReadiness, gaps, readiness
from poladder.core.routes import quickest
from poladder.core.verdict import Verdict, verdict
from poladder.errors import DataError, FileProblem
from poladder.load import profile as profiles
from poladder.load.documents import Document, Problem
from poladder.load.files import readable
from poladder.load.inputs import open_input
from poladder.model.ladder import KnowledgeBase
from poladder.model.people import person_key
from poladder.model.profile import Profile
from poladder.model.result import KnowledgeBaseStamp, Result

if TYPE_CHECKING:
    from poladder.core.team_report import TeamReport

REPORT_LIMIT = 1000
PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
LINES_SUFFIXES = (".jsonl", ".ndjson")
# A JSON Lines record longer than this is refused without ever holding it whole in memory.
MAX_LINE = 1024 * 1024


class BenchCandidate(Result):
    """One person assessed against the bench role (`team --bench ROLE`): how near they are to it."""

    person: str
    source: str
    role: str = Field(description="The bench role")
    current_role: str | None = Field(description="The person's role now, if given")
    readiness: float = Field(description="Readiness for the bench role, 0.0-1.0")
    status: Literal["ready", "close", "not-yet"] = Field(description="The verdict on moving to it")
    years_left: float = Field(description="Years until ready for it (the verdict's): 0 when ready")
    gaps: list[Gap] = Field(description="Its required skills held below the level, largest first")


class TeamMember(Result):
    """One person of the team, assessed: the JSON of each line of `poladder team --jsonl`."""

    person: str = Field(description="The profile's name, else its file name, else 'line N'")
    source: str = Field(description="Where the profile came from: a file, or FILE:LINE for JSON Lines")
    role: str | None = Field(description="Current role id, if given")
    target: str | None = Field(description="Target role id: given, or the next promotion")
    best_fit: str | None = Field(
        description="Highest-rank role whose levels are met, allowing at most two skills one level short; "
        "never below the person's role when a single skill keeps them from it"
    )
    readiness: float | None = Field(description="Readiness for the target, 0.0-1.0")
    skills: dict[str, int] = Field(description="Skill id -> level held (levels above 0)")
    gaps: list[Gap] = Field(description="The target's required skills held below the level, largest first")
    next_roles: list[RoleReadiness] = Field(description="Readiness for each move out of role (or best fit)")
    ready_for: list[str] = Field(description="Next roles at readiness 1.0")
    verdict: Verdict | None = Field(
        description="As `assess` gives it: ready, close or not yet for the next step towards the target "
        "(its role), with the years left; null when there is no next step"
    )
    bench: BenchCandidate | None = Field(
        description="With --bench ROLE: this person against ROLE; null without it, or for someone "
        "already in ROLE or more senior"
    )
    view: str = Field(
        default="self",
        description="Whose levels: 'self' (the profile's own), else the rater whose latest view of this "
        "person was used (team --view)",
    )
    # The profile, for what the report works out beyond the JSON (which training each can take now).
    profile: Profile | None = Field(
        default=None, exclude=True, description="The profile assessed (kept for the report, never written)"
    )


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

    def __init__(
        self, kb: KnowledgeBase, warn: Callable[[DataError], None], bench: str | None = None
    ) -> None:
        """`warn` gets each profile skipped (an error) and each one left out as a duplicate (a warning);
        `bench`: a role id everyone is also assessed against."""
        self.kb = kb
        self.warn = warn
        self.bench = bench
        self.view: str | None = None  # the rater whose latest views give the levels where they rated
        self.skipped = 0
        self.duplicates = 0
        self.duplicate_names: list[str] = []  # as written where they came again: the first REPORT_LIMIT
        # person_key -> where that person was first read, as (file number << 32) + line: a number, not
        # a string, since this is the one thing kept for every person
        self._seen: set[int] = set()  # digests of the names read so far (see _again)
        self._steps: dict[tuple[str, str], str | None] = {}  # (start, target) -> the next step
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
                    with open_input(path or "-", "team's profiles", limit=None) as stream:
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
            person = profiles.resolve(person, self.kb, document)
        except DataError as e:
            self._skip(e)
            return None
        # A file name that is not UTF-8 becomes text with escapes: JSON cannot carry its bytes.
        stem, source = readable(path.stem), readable(str(path))
        if self._again(person.name or stem, source, None):
            return None
        return self.member(person, stem, source)

    def _lines(self, stream: BinaryIO, name: str) -> Iterator[TeamMember]:
        # One document for every line: it only locates a line's problems, and a line is done with it
        # (its person read, or its error raised) before the next one comes.
        document = _Line(path=name, data=None)
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
                document.data, document.number = _parsed(raw, name, number), number
                person = profiles.resolve(profiles.validated(document, self.kb), self.kb, document)
            except DataError as e:
                self._skip(e)
                continue
            source = f"{name}:{number}"
            if person.name and self._again(person.name, name, number):
                continue
            yield self.member(person, f"line {number}", source)

    def _skip(self, error: DataError) -> None:
        self.skipped += 1
        self.warn(error)

    def _again(self, name: str, file: str, line: int | None) -> bool:
        """Whether `name` was read before: then it is said, counted, and left out."""
        # A 64-bit digest of the name stands for it, and only that is kept: a team of 100,000 keeps
        # 100,000 of them, at about 60 bytes each (two names sharing one: about 1 in 10^10 for them all).
        digest = blake2b(person_key(name).encode("utf-8", "surrogatepass"), digest_size=8).digest()
        key = int.from_bytes(digest)
        if key not in self._seen:
            self._seen.add(key)
            return False
        self.duplicates += 1
        if len(self.duplicate_names) < REPORT_LIMIT:
            self.duplicate_names.append(name)
        self.warn(
            DataError(
                FileProblem(
                    file=file,
                    line=line,
                    severity="warning",
                    message=f"{name} came before in this team",
                    fix="the same person: assessed once, from where they came first",
                )
            )
        )
        return True

    def step(self, start: str | None, target: str | None) -> str | None:
        """The next step from `start` towards `target`, as `assess` takes it: the first move of the
        quickest route, else (no route in this ladder) the target itself; None when already there."""
        if start is None or target is None:
            return None
        key = (start, target)
        if key not in self._steps:
            found = quickest(self.kb, start, target)
            if found:
                self._steps[key] = found[1][1] if len(found[1]) > 1 else None
            else:
                self._steps[key] = target if start != target else None
        return self._steps[key]

    def member(self, person: Profile, name: str, source: str, view: str = "self") -> TeamMember:
        """One resolved profile assessed with `poladder assess`'s rules (`standing`, `verdict`); `view`
        says whose levels `person` holds."""
        kb = self.kb
        now = standing(kb, person.skills, person.role, person.target)
        step = self.step(person.role or now.best_fit, now.target)
        who = person.name or name
        member = TeamMember(
            person=who,
            source=source,
            role=person.role,
            target=now.target,
            best_fit=now.best_fit,
            readiness=now.readiness,
            skills=now.have,
            gaps=now.gaps,
            next_roles=now.next_roles,
            ready_for=[r.role for r in now.next_roles if r.readiness >= 1.0],
            verdict=verdict(kb, person, now.have, step, gaps=now.gaps if step == now.target else None)
            if step
            else None,
            bench=self._bench(person, now.have, who, source) if self.bench else None,
            view=view,
            profile=person,
        )
        return member

    def _bench(self, person: Profile, have: dict[str, int], who: str, source: str) -> BenchCandidate | None:
        """`person` against the bench role; None for someone in it already, or in a more senior role."""
        assert self.bench is not None
        kb = self.kb
        role = kb.roles[self.bench]
        if person.role == self.bench or (person.role and kb.roles[person.role].rank > role.rank):
            return None
        said = verdict(kb, person, have, self.bench)
        return BenchCandidate(
            person=who,
            source=source,
            role=self.bench,
            current_role=person.role,
            readiness=readiness(role, have),
            status=said.status,
            years_left=said.years_left,
            gaps=gaps(role, have),
        )

    def report(
        self, members: Iterable[TeamMember], stamp: KnowledgeBaseStamp, limit: int = REPORT_LIMIT
    ) -> TeamReport:
        """Fold the members into a report (see `poladder.core.team_report`); memory grows with the
        ladder and `limit`, not with the team."""
        from poladder.core.team_report import report

        return report(self, members, stamp, limit)


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
