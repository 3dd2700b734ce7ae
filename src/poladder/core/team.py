"""A team at a glance: every person assessed as `poladder assess` would, then summed up per skill.

Profiles come from files (YAML or JSON, one person each), directories of them, and JSON Lines (a
`.jsonl` file or stdin, one person a line). They are read and assessed one at a time, so a stream of
any length is processed in constant memory: `Team.assess` yields each person's `Member` as soon as it
is made, and `Team.report` folds them into per-skill counters. The report keeps at most
`REPORT_LIMIT` people in its per-person lists; the aggregates cover everyone, and `--jsonl` streams
everyone.

A line of JSON Lines is read the way a profile file is: validated by the same strict `Profile` model
(field errors and unknown ids reported together, in the same words), after refusing what JSON has no
place for in a profile — a duplicate key, `Infinity` or `NaN`, a lone surrogate escape, numbers too
long to convert, nesting too deep to parse. What makes 100,000 lines fast is what a good line is spared:
pydantic-core parses and validates it in one step (`Team._quick`; json and the located messages only
for a line that fails), its ids are looked up in tables built once (no `profile.resolve`), its
standing is computed for every role at once from byte tables (`Ladder`, `assess.standing`'s rules), and
no result model is built: a `Member` is a tuple whose JSON is written directly, the same bytes as
`TeamMember.model_dump_json()`. Tests hold each shortcut equal to the long way.

A bad profile is reported through `warn` (file and line, and why, with the same messages as `assess`)
and skipped; `Team.skipped` counts them so that the command can exit 1 after the rest is done.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, repeat
from math import isfinite
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from pydantic import Field, ValidationError

from poladder.core.assess import Gap, RoleReadiness, next_promotion
from poladder.errors import DataError, Problem
from poladder.load.documents import Document
from poladder.load.files import readable, stdin
from poladder.load.profile import resolve, validated
from poladder.model.ladder import KnowledgeBase, normal_name
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


class Member(NamedTuple):
    """One person assessed: the fields of a `TeamMember`, without building the pydantic model.

    Building a TeamMember with its Gap and RoleReadiness models costs more than the assessment itself;
    `model()` builds it when it is kept (the report's first `limit` people), and `model_dump_json()`
    writes the very bytes `TeamMember.model_dump_json()` would (tests hold the two equal).
    """

    person: str
    source: str
    role: str | None
    target: str | None
    best_fit: str | None
    readiness: float | None
    levels: dict[str, int]  # skill -> level as the profile gives them, 0 included (TeamMember.skills: > 0)
    gaps: list[tuple[int, str, int, int]]  # (need - have, skill, have, need): largest gap first
    next_roles: list[tuple[str, float]]  # role, readiness
    ready_for: list[str]

    def skills(self) -> dict[str, int]:
        """The levels above 0, in the profile's order (levels are validated whole numbers 0-5)."""
        return dict(compress(self.levels.items(), self.levels.values()))

    def model(self) -> TeamMember:
        return TeamMember(
            person=self.person,
            source=self.source,
            role=self.role,
            target=self.target,
            best_fit=self.best_fit,
            readiness=self.readiness,
            skills=self.skills(),
            gaps=[Gap(skill=s, have=h, need=n) for _, s, h, n in self.gaps],
            next_roles=[RoleReadiness(role=r, readiness=x) for r, x in self.next_roles],
            ready_for=self.ready_for,
        )

    def model_dump_json(self) -> str:
        r"""`self.model().model_dump_json()`, written directly: compact, keys in field order, strings as
        pydantic writes them (UTF-8, only `"`, `\` and control characters escaped), floats by repr."""
        text, levels = _text, self.levels
        moves = ",".join(map(_MOVES.__getitem__, self.next_roles))
        return (
            f'{{"person":{text(self.person)},"source":{text(self.source)},"role":{_maybe(self.role)},'
            f'"target":{_maybe(self.target)},"best_fit":{_maybe(self.best_fit)},'
            f'"readiness":{"null" if self.readiness is None else repr(self.readiness)},'
            f'"skills":{{{",".join(map(_PAIRS.__getitem__, compress(levels.items(), levels.values())))}}},'
            f'"gaps":[{",".join(map(_GAPS.__getitem__, self.gaps))}],"next_roles":[{moves}],'
            f'"ready_for":[{",".join(map(text, self.ready_for))}]}}'
        )


# JSON string literals as pydantic (serde_json) writes them; the C encoder json.dumps uses, without
# the dumps call around it.
_text: Callable[[str], str] = json.encoder.encode_basestring


def _maybe(value: str | None) -> str:
    return "null" if value is None else _text(value)


class _Written(dict[Any, str]):
    """The JSON of each (skill, level) pair, gap or (role, readiness), written the first time it is
    needed: there are only so many skills, roles and levels, and a team repeats them a million times."""

    def __init__(self, write: Callable[..., str]) -> None:
        super().__init__()
        self.write = write

    def __missing__(self, key: tuple[Any, ...]) -> str:
        self[key] = value = self.write(*key)
        return value


_PAIRS = _Written(lambda skill, level: f"{_text(skill)}:{level}")
_GAPS = _Written(lambda _, skill, have, need: f'{{"skill":{_text(skill)},"have":{have},"need":{need}}}')
_MOVES = _Written(lambda role, readiness: f'{{"role":{_text(role)},"readiness":{readiness!r}}}')


class Ladder:
    """What `assess.standing` reads of each role, tabled once for a run of many people.

    The rules are `assess.standing`'s, step by step: readiness = round(sum of min(have, need) / sum of
    need, 4), or 1.0 if the role needs nothing (tabled here for every possible sum); the default
    target is `assess.next_promotion`'s; the best fit is the first role in (rank descending, id) order
    whose levels are all met — the same as its `min((-rank, -readiness, id))` over such roles, since a
    role whose levels are all met has readiness 1.0; gaps are the target's skills held below the need,
    largest first, then by id. Tests hold the two equal on generated people, both ways of computing.

    The speed comes from doing one person's arithmetic for every role and skill at once, in C. The
    roles' needs are laid out as one byte string, a block per role in rank order, a byte per skill; the
    person's levels are repeated once per block and added in as eights, so each byte holds the code
    8 x have + need (levels are 0-5: a code is under 64). Two 256-byte tables then answer for every
    byte at once (`bytes.translate`): is the need unmet, and min(have, need). The best fit is the first
    block with no unmet byte (`find`; a separator byte after each block, never met, keeps the search
    to whole blocks), a readiness is looked up by the sum of a block's minimums, and a target's gaps
    are its unmet bytes. Levels over 7, or a ladder so large that the blocks would pass `LIMIT` bytes,
    are computed role by role instead (`_role_by_role`: the plain version).
    """

    LIMIT = 1 << 16

    def __init__(self, kb: KnowledgeBase) -> None:
        roles = kb.roles
        # In id order, so that gaps come out in id order and need sorting only by their size.
        self.skill_ids = sorted({*kb.skills, *(s for r in roles.values() for s in r.skills)})
        width = self.width = len(self.skill_ids)
        index = {skill: i for i, skill in enumerate(self.skill_ids)}
        self.order = sorted(roles, key=lambda r: (-roles[r].rank, r))
        position = self.position = {role_id: k for k, role_id in enumerate(self.order)}
        self.requires = {role_id: tuple(role.skills.items()) for role_id, role in roles.items()}
        self.default_target = {role_id: next_promotion(kb, role_id) for role_id in roles}
        self.moves = {role_id: tuple((t, position[t]) for t in role.next) for role_id, role in roles.items()}
        self.needs: dict[str, bytes] = {}  # role -> the level it needs of each skill (0: not needed)
        # role -> (role, readiness) for each possible sum of min(have, need), shared by everyone
        self.ready: dict[str, tuple[tuple[str, float], ...]] = {}
        for role_id, role in roles.items():
            levels = bytearray(width)
            for skill, need in role.skills.items():
                levels[index[skill]] = need
            self.needs[role_id] = bytes(levels)
            total = sum(role.skills.values())
            self.ready[role_id] = tuple(
                (role_id, 1.0 if total == 0 else round(held / total, 4)) for held in range(total + 1)
            )
        # The blocks, each followed by a separator byte (have 0, need 7: never met).
        table = b"".join(self.needs[r] + b"\x07" for r in self.order)
        self.size, self.copies = len(table), len(self.order)
        self.codes = int.from_bytes(table, "little")
        self.all_met = bytes(width)
        self.fast = len(table) <= self.LIMIT and not table.translate(None, _SMALL)
        # Times this, each block's last byte holds the sum of the block (no byte can carry into the next
        # while any run of `width` bytes sums under 256: levels 0-5 and 24 skills make at most 120).
        self.ones = int.from_bytes(b"\x01" * width, "little")
        self.one_product = width * max(table, default=0) < 256

    def member(
        self, person: str, source: str, skills: dict[str, int], role: str | None, target: str | None
    ) -> Member:
        """`assess.standing`, as a Member; `skills` are validated levels (whole numbers) of known skills."""
        levels = bytes(map(skills.get, self.skill_ids, repeat(0)))
        if not self.fast or levels.translate(None, _SMALL):
            return self._role_by_role(person, source, skills, role, target)
        repeated = (levels.translate(_EIGHT_TIMES) + b"\x00") * self.copies
        codes = (int.from_bytes(repeated, "little") + self.codes).to_bytes(self.size, "little")
        unmet = codes.translate(_UNMET)
        found = unmet.find(self.all_met)
        width = self.width
        fit = self.order[found // (width + 1)] if found >= 0 else None
        held = codes.translate(_MIN)  # min(have, need), each role's sum of them: one a role, in rank order
        if self.one_product:
            sums: Sequence[int] = (int.from_bytes(held, "little") * self.ones).to_bytes(
                self.size + width, "little"
            )[width - 1 :: width + 1]
        else:
            sums = [sum(held[k : k + width]) for k in range(0, self.size, width + 1)]
        ready = self.ready
        origin = role or fit
        next_roles = [ready[t][sums[k]] for t, k in self.moves[origin]] if origin else []
        ready_for = [t for t, x in next_roles if x >= 1.0]
        target = target or (self.default_target[origin] if origin else None)
        if target is None:
            return Member(person, source, role, None, fit, None, skills, [], next_roles, ready_for)
        k = self.position[target]
        start = k * (width + 1)
        missing = codes[start : start + width].translate(_MISSING)  # need - have where positive, else 0
        gaps = sorted(
            zip(
                compress(missing, missing),
                compress(self.skill_ids, missing),
                compress(levels, missing),
                compress(self.needs[target], missing),
                strict=True,
            ),
            key=_SIZE,
            reverse=True,  # the largest first; sorting is stable, so ties keep the skills' id order
        )
        return Member(
            person, source, role, target, fit, ready[target][sums[k]][1], skills, gaps, next_roles, ready_for
        )

    def _role_by_role(
        self, person: str, source: str, skills: dict[str, int], role: str | None, target: str | None
    ) -> Member:
        """`member` for levels or ladders the tables do not fit: the same rules, one role at a time."""
        get = skills.get

        def meets(role_id: str) -> bool:
            return all(get(s, 0) >= n for s, n in self.requires[role_id])

        def reach(role_id: str) -> tuple[str, float]:
            return self.ready[role_id][sum(min(get(s, 0), n) for s, n in self.requires[role_id])]

        fit = next((r for r in self.order if meets(r)), None)
        origin = role or fit
        next_roles = [reach(t) for t, _ in self.moves[origin]] if origin else []
        ready_for = [t for t, x in next_roles if x >= 1.0]
        target = target or (self.default_target[origin] if origin else None)
        if target is None:
            return Member(person, source, role, None, fit, None, skills, [], next_roles, ready_for)
        gaps = sorted(
            ((n - get(s, 0), s, get(s, 0), n) for s, n in self.requires[target] if get(s, 0) < n),
            key=lambda gap: (-gap[0], gap[1]),
        )
        return Member(
            person, source, role, target, fit, reach(target)[1], skills, gaps, next_roles, ready_for
        )


_SIZE = itemgetter(0)  # a gap's need - have
# Byte tables for bytes.translate, indexed by a code 8 x have + need (both 0-7).
_SMALL = bytes(range(8))  # the levels the tables hold (deleting them leaves nothing when all are small)
_EIGHT_TIMES = bytes((8 * b) & 0xFF for b in range(256))
_UNMET = bytes(int(code >> 3 < code & 7) for code in range(64)) + bytes([1] * 192)
_MIN = bytes(min(code >> 3, code & 7) for code in range(64)) + bytes(192)
_MISSING = bytes(max(0, (code & 7) - (code >> 3)) for code in range(64)) + bytes(192)


class _Refused(ValueError):
    """JSON that json.loads would read but a profile must not hold (a duplicate key, Infinity)."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                shown = key if len(key) < 80 else "this key"
                raise _Refused(f"duplicate key {shown!r} — keep one and merge the two")
            seen.add(key)
    return found


def _constant(name: str) -> Any:
    raise _Refused(
        f"not valid JSON ({name} is not a JSON number) — write each profile as a JSON object on one line"
    )


# A JSON escape of a UTF-16 surrogate, \uD800-\uDFFF: half of a character (or both halves of one).
_SURROGATE = re.compile(rb"\\u[dD][89abcdefABCDEF]")
# Built once: json.loads with keyword arguments builds a decoder for every call.
_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_constant)


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
        self._ladder = Ladder(kb)
        self._skills = frozenset(kb.skills)
        self._found: dict[str, str] = {}  # role names as written -> role id, for names seen before
        self._cert_names = kb.certification_names()
        # certifications as written (an id, a name, an abbreviation) -> whether the ladder knows them
        self._cert_known = dict.fromkeys(kb.certifications, True)
        self._validate_json = Profile.__pydantic_validator__.validate_json

    def position(self) -> tuple[int, int | None]:
        return self.done, self.total

    def assess(self, sources: Sequence[str]) -> Iterator[Member]:
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

    def _members(self, plan: list[tuple[Path | None, int]]) -> Iterator[Member]:
        for path, size in plan:
            if path is None:
                yield from self._lines(stdin(), "<stdin>")
            elif path.suffix.lower() in LINES_SUFFIXES:
                try:
                    with path.open("rb") as stream:
                        yield from self._lines(stream, readable(str(path)))
                except OSError as e:  # opening, or reading half-way: the lines already read stand
                    self._skip(f"{path}: cannot read the profiles: {e.strerror}")
            else:
                member = self._file(path)
                self.done += size
                if member is not None:
                    yield member

    def _file(self, path: Path) -> Member | None:
        from poladder.load import profile

        try:
            person, document = profile.read(str(path), self.kb)
            # A file name that is not UTF-8 becomes text with escapes: JSON cannot carry its bytes.
            return self.member(person, readable(path.stem), readable(str(path)), document)
        except DataError as e:
            self._skip(*e.lines)
            return None

    def _lines(self, stream: BinaryIO, name: str) -> Iterator[Member]:
        for number, raw in _numbered_lines(stream):
            self.done += len(raw) if raw is not None else MAX_LINE
            where = f"{name}:{number}"
            if raw is None:
                self._skip(
                    f"{where}: error: the line is over {MAX_LINE // 1024} KB — one profile is far smaller"
                )
                continue
            if raw.isspace():
                continue
            try:
                yield self._line(raw, where, number)
            except DataError as e:
                self._skip(*e.lines)

    def _line(self, raw: bytes, where: str, number: int) -> Member:
        """One JSON Lines record assessed, or a DataError saying where and why."""
        person = self._quick(raw)
        if person is None:
            person = self._profile(raw, where)
        return self.member(person, f"line {number}", where, None)

    def _quick(self, raw: bytes) -> Profile | None:
        """The line's Profile when it is plainly good, else None (then `_profile` decides, and says why).

        pydantic-core parses and validates in one step, several times faster than json.loads and then
        validating. What its parser lets through and a profile file would not is sent on: `Infinity`
        (which JSON does not have; its values are checked, a cheaper test than searching the line), and a
        duplicate key, which the parser resolves silently. For that, the line's colons are counted:
        outside strings a colon separates a key from its value, so when there are exactly as many colons
        as keys in the valid Profile (its fields, skills and experience), no key was lost. (NaN, and a
        lone surrogate escape, which is not text, fail validation here already.)
        """
        try:
            person: Profile = self._validate_json(raw)
        except ValidationError:
            return None
        if not (person.years is None or isfinite(person.years)) or not all(
            map(isfinite, person.experience.values())
        ):
            return None
        keys = len(person.model_fields_set) + len(person.skills) + len(person.experience)
        return person if raw.count(b":") == keys else None

    def _profile(self, raw: bytes, where: str) -> Profile:
        """The line as a profile file is read: parsed into plain data (refusing what JSON does not allow
        and what a profile must not hold), then validated by the Profile model; a located DataError."""
        try:
            data = _DECODER.decode(raw.decode("utf-8").rstrip())  # no newline: an error at the end is here
        except UnicodeDecodeError:
            raise DataError(
                f"{where}: error: the line is not UTF-8 text — save the profiles as UTF-8"
            ) from None
        except json.JSONDecodeError as e:
            raise DataError(
                f"{where}:{e.colno}: error: not valid JSON ({e.msg}) — "
                "write each profile as a JSON object on one line"
            ) from None
        except _Refused as e:
            raise DataError(f"{where}: error: {e}") from None
        except ValueError:  # a number longer than Python converts (sys.get_int_max_str_digits)
            raise DataError(
                f"{where}: error: a number with thousands of digits — levels are 0-5, years a few dozen"
            ) from None
        except RecursionError:
            raise DataError(
                f"{where}: error: nested too deeply — a profile is only a few levels deep"
            ) from None
        if not isinstance(data, dict):
            raise DataError(
                f"{where}: error: a profile is a JSON object with role, skills and the like — "
                "see `poladder schema profile`"
            )
        if b"\\u" in raw and _SURROGATE.search(raw):
            try:
                json.dumps(data, ensure_ascii=False).encode()
            except UnicodeEncodeError:
                raise DataError(
                    f"{where}: error: a \\u escape of half a character (a lone surrogate) — "
                    "write the text as UTF-8, or escape whole characters"
                ) from None
        # As a profile file is validated: field errors and unknown ids, all of them at once.
        return validated(_LineDocument(path=where, data=data), self.kb)

    def _skip(self, *lines: str) -> None:
        self.skipped += 1
        for line in lines:
            self.warn(line)

    def _known_certification(self, text: str) -> bool:
        known = self._cert_known.get(text)
        if known is None:
            known = self.kb.find_certification(text, self._cert_names) is not None
            if len(self._cert_known) < 4096:  # a hostile stream cannot grow it further
                self._cert_known[text] = known
        return known

    def _role(self, text: str | None) -> str | None:
        """The id of a role name seen before (or found now); None if there is none or it is unknown."""
        if text is None:
            return None
        found = self._found.get(text)
        if found is None:
            found = self._role_names.get(normal_name(text))
            if found is not None and len(self._found) < 4096:  # a hostile stream cannot grow it further
                self._found[text] = found
        return found

    def member(self, person: Profile, name: str, source: str, document: Document | None) -> Member:
        """One person assessed with `poladder assess`'s semantics; DataError if an id is unknown."""
        role, target = self._role(person.role), self._role(person.target)
        if (
            (role is None and person.role is not None)
            or (target is None and person.target is not None)
            or not self._skills.issuperset(person.skills)
            or not all(map(self._known_certification, person.certifications))
            or (person.experience and not all(map(self._role, person.experience)))
        ):
            # The slow path, for its rules and messages: every unknown id, located, with "did you mean".
            resolved = resolve(
                person, self.kb, document or _LineDocument(path=source, data=None), self._role_names
            )
            role, target = resolved.role, resolved.target
        return self._ladder.member(person.name or name, source, person.skills, role, target)

    def report(
        self, members: Iterable[Member], stamp: KnowledgeBaseStamp, limit: int = REPORT_LIMIT
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
                kept.append(member.model())
            for skill, level in member.levels.items():
                if level > best.get(skill, 0):
                    best[skill] = level
            if member.target:
                targets.add(member.target)
            for missing, skill, _, _ in member.gaps:
                tally = short.setdefault(skill, [0, 0, 0])
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
