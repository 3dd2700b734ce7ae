"""A team summed up for those who lead it: who is ready, who could step up, where the gaps are, what
training to buy. Folded from the stream of `TeamMember`s in one pass, in memory that grows with the
ladder and the report's `limit`, never with the team.

The rules, each from a member's own assessment (`poladder.core.team`):
- bands: "ready now" and "ready within a year" are the verdicts `ready` and `close` on each person's
  next step; each band by readiness for that step, highest first, then years left, then input order.
- bench (`--bench ROLE`): everyone below ROLE assessed against it, by verdict (ready, close, not yet),
  then readiness, then years left.
- successors: for each role someone on the team holds, the person with the highest readiness for it
  among those one move away from it (its strongest successor), and how many are one move away.
- single points of failure: a skill that a role on the team requires, held at the highest level a
  role on the team requires by one person only.
- gaps: summed per skill against each person's target, and against the role they have now.
- training: each person's certifications are those `assess` lists as worth taking (`worth_taking`:
  one of each set of alternatives, none held or covered, never for a framework their organisation
  does not use), for the role they have or the next step, where it builds a skill they are short in
  (against their target or their role); it can be taken now when `assess` says `now`. Summed per set
  of alternatives (CSPO, PSPO I): the people, who can take it now, the levels it closes; the one of
  the set to buy is the one most of them can take now, then the one named to most, with the others
  named.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from pydantic import Field

from poladder.core.assess import way_ahead, worth_taking
from poladder.core.measure import Gap, gaps, readiness
from poladder.core.team import BenchCandidate, TeamMember
from poladder.model.ladder import Cost, KnowledgeBase
from poladder.model.profile import Profile
from poladder.model.result import KnowledgeBaseStamp, Result

if TYPE_CHECKING:
    from poladder.core.team import Team

T = TypeVar("T")
STATUS_ORDER = {"ready": 0, "close": 1, "not-yet": 2}


class SkillShortfall(Result):
    """How far the team falls short in one skill (of its targets, or of the roles it has)."""

    skill: str
    people: int = Field(description="People who hold less of it than the role needs")
    total: int = Field(description="Levels missing, summed over those people")
    largest: int = Field(description="The largest single gap")


class BandEntry(Result):
    """Someone ready now or within a year for their next step."""

    person: str
    source: str
    role: str | None = Field(description="Current role id, if given")
    target: str | None = Field(description="Target role id")
    step: str = Field(description="The next step towards the target: the verdict's role")
    readiness: float = Field(description="Readiness for the step, 0.0-1.0")
    years_left: float = Field(description="The verdict's years left: 0 when ready")
    served: float | None = Field(description="Years in the current role, if known")
    assumed_served: bool = Field(description="True when `served` was taken from years in product roles")


class RoleShort(Result):
    """Someone short in the job they have now."""

    person: str
    source: str
    role: str
    gaps: list[Gap]


class Successor(Result):
    """Who could step into a role someone on the team holds."""

    role: str
    holders: int = Field(description="People on the team in this role now")
    candidates: int = Field(description="People one move away from it")
    ready: int = Field(description="Of them, those at readiness 1.0 for it")
    person: str | None = Field(description="The strongest successor: the highest readiness; null if none")
    source: str | None
    current_role: str | None = Field(description="The successor's role now")
    readiness: float | None = Field(description="The successor's readiness for the role")


class SinglePoint(Result):
    """A skill only one person on the team holds at the level the team's roles need."""

    skill: str
    level: int = Field(description="The highest level a role on the team requires")
    person: str
    source: str
    roles: list[str] = Field(description="The roles on the team that require it at that level")


class UncoveredSkill(Result):
    """A skill that the team's target roles need at a level nobody on the team holds."""

    skill: str
    need: int = Field(description="The highest level a target role needs")
    best: int = Field(description="The highest level anyone on the team holds")
    roles: list[str] = Field(description="Target roles that need more than the team's best")


class TrainingSeat(Result):
    person: str
    certification: str = Field(
        description="The one of the set `assess` names for them: the row's, or an alternative to it"
    )
    now: bool = Field(description="Whether they can take that one now (`assess` says now)")
    skills: list[str] = Field(description="The skills it raises for them, towards their target or role")


class Training(Result):
    """A certification (or course) worth buying for the team: one per set of alternatives."""

    certification: str
    alternatives: list[str] = Field(description="Certifications that serve the same purpose: any one will do")
    people: int = Field(
        description="People it helps: `assess` lists it (or an alternative) for their role or next step, "
        "and it builds a skill they are short in"
    )
    now: int = Field(description="Of them, those who can take it now")
    levels: int = Field(description="Skill levels it closes, summed over those people")
    skills: list[str] = Field(description="The skills it builds where those people are short, most first")
    cost: Cost | None = Field(description="What one seat costs, as the ladder gives it (with its source)")
    seats: list[TrainingSeat] = Field(description="The people it helps, in input order (at most `limit`)")


class TeamReport(Result):
    people: int = Field(description="Profiles assessed")
    skipped: int = Field(description="Profiles (or sources) that could not be read and were left out")
    duplicates: int = Field(description="Profiles left out as a person already read from another source")
    duplicate_names: list[str] = Field(
        default_factory=list,
        description="Their names as the later source writes them, in input order (at most `limit`)",
    )
    view: str | None = Field(
        default=None,
        description="With --view NAME: the rater whose latest view gave the levels where they rated "
        "someone (each member's `view` says whose); null when every level is the profile's own",
    )
    limit: int = Field(
        description="Lists of people hold at most this many; the counts cover everyone, and --jsonl "
        "streams everyone"
    )
    skills: list[str] = Field(description="The matrix columns: every skill a member's target or role needs")
    members: list[TeamMember] = Field(description="In input order")
    ready: list[BandEntry] = Field(description="Ready now for their next step, highest readiness first")
    ready_people: int
    close: list[BandEntry] = Field(
        description="Ready within a year (verdict close), highest readiness first, then fewest years left"
    )
    close_people: int
    not_yet_people: int = Field(description="More than a year from their next step")
    bench_role: str | None = Field(description="The role of --bench, if given")
    bench: list[BenchCandidate] = Field(description="Candidates for the bench role, nearest first")
    successors: list[Successor] = Field(description="For each role on the team, the most senior first")
    single_points: list[SinglePoint] = Field(description="Skills held at the needed level by one person")
    gaps: list[SkillShortfall] = Field(description="Against targets, per skill, biggest total first")
    role_gaps: list[SkillShortfall] = Field(description="Against current roles, biggest total first")
    short_in_role: list[RoleShort] = Field(description="People short in the role they have, in input order")
    short_in_role_people: int
    training: list[Training] = Field(description="Most levels closed first")
    uncovered: list[UncoveredSkill] = Field(description="Biggest hole first")
    knowledge_base: KnowledgeBaseStamp


class _Best(Generic[T]):
    """The `limit` smallest items by key, kept while a stream goes by (ties: the earlier)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.heap: list[tuple[tuple[float, ...], int, T]] = []  # keys negated: the worst on top
        self.count = 0

    def add(self, key: tuple[float, ...], item: T) -> None:
        self.count += 1
        entry = (tuple(-k for k in key), -self.count, item)
        if len(self.heap) < self.limit:
            heapq.heappush(self.heap, entry)
        elif entry > self.heap[0]:
            heapq.heapreplace(self.heap, entry)

    def sorted(self) -> list[T]:
        return [item for _, _, item in sorted(self.heap, reverse=True)]


def _shortfalls(tallies: dict[str, list[int]]) -> list[SkillShortfall]:
    return sorted(
        (SkillShortfall(skill=s, people=n, total=t, largest=m) for s, (n, t, m) in tallies.items()),
        key=lambda g: (-g.total, -g.people, g.skill),
    )


def _tally(tallies: dict[str, list[int]], gaps: list[Gap]) -> None:
    for gap in gaps:
        missing = gap.need - gap.have
        tally = tallies.setdefault(gap.skill, [0, 0, 0])
        tally[0] += 1
        tally[1] += missing
        tally[2] = max(tally[2], missing)


def alternative_sets(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Certification id -> its set of alternatives (itself included, in ladder order): alternatives
    of alternatives are one set, whichever side names the other."""
    order = {c: i for i, c in enumerate(kb.certifications)}
    sets: dict[str, set[str]] = {c: {c} for c in kb.certifications}
    for cert_id, cert in kb.certifications.items():
        for other in cert.alternatives:
            if other in sets and sets[other] is not sets[cert_id]:
                merged = sets[cert_id] | sets[other]
                for member in merged:
                    sets[member] = merged
    return {c: sorted(s, key=order.__getitem__) for c, s in sets.items()}


class _Training:
    """Per set of alternatives: whom it helps, by how many levels, and who can take it now — each
    person's certifications being those `assess` lists for them (`worth_taking`), one rule for both."""

    def __init__(self, kb: KnowledgeBase, limit: int) -> None:
        self.kb = kb
        self.limit = limit
        self.sets = alternative_sets(kb)
        self.tally: dict[str, list[int]] = {}  # the first of a set -> [people, now, levels]
        self.named: dict[
            str, dict[str, list[int]]
        ] = {}  # the first of a set -> certification -> [people, now]
        self.skills: dict[str, dict[str, int]] = {}  # the first of a set -> skill -> levels closed
        self.seats: dict[str, list[TrainingSeat]] = {}

    def add(self, member: TeamMember, role_gaps: list[Gap], profile: Profile | None) -> None:
        needs: dict[str, int] = {}
        for gap in (*member.gaps, *role_gaps):
            needs[gap.skill] = max(needs.get(gap.skill, 0), gap.need)
        if not needs or profile is None:
            return
        kb, have = self.kb, member.skills
        start = profile.role or member.best_fit
        ahead = way_ahead(kb, profile, have, member.next_roles, start, member.target)[1]
        for advice in worth_taking(kb, profile, ahead, None):
            # For the role they have or the next step, and for a framework their organisation uses.
            if advice.step > 1 or advice.status == "conditional":
                continue
            cert_id = advice.certification
            builds = kb.certifications[cert_id].builds
            gains = {
                s: g for s, level in builds.items() if (g := min(level, needs.get(s, 0)) - have.get(s, 0)) > 0
            }
            if not gains:
                continue
            now = advice.status == "now"
            first = self.sets[cert_id][0]
            tally = self.tally.setdefault(first, [0, 0, 0])
            tally[0] += 1
            tally[1] += now
            tally[2] += sum(gains.values())
            named = self.named.setdefault(first, {}).setdefault(cert_id, [0, 0])
            named[0] += 1
            named[1] += now
            per_skill = self.skills.setdefault(first, {})
            for skill, gain in gains.items():
                per_skill[skill] = per_skill.get(skill, 0) + gain
            seats = self.seats.setdefault(first, [])
            if len(seats) < self.limit:
                seats.append(
                    TrainingSeat(person=member.person, certification=cert_id, now=now, skills=list(gains))
                )

    def picks(self) -> list[Training]:
        order = {c: i for i, c in enumerate(self.kb.certifications)}
        found = []
        for first, (people, now, levels) in self.tally.items():
            named = self.named[first]
            # The one of the set to buy: the one most can take now, then the one named to most.
            cert_id = max(named, key=lambda c: (named[c][1], named[c][0], -order[c]))
            skills = self.skills[first]
            found.append(
                Training(
                    certification=cert_id,
                    alternatives=[c for c in self.sets[cert_id] if c != cert_id],
                    people=people,
                    now=now,
                    levels=levels,
                    skills=sorted(skills, key=lambda s: (-skills[s], s)),
                    cost=self.kb.certifications[cert_id].cost,
                    seats=self.seats[first],
                )
            )
        return sorted(found, key=lambda t: (-t.levels, -t.people, order[t.certification]))


def report(team: Team, members: Iterable[TeamMember], stamp: KnowledgeBaseStamp, limit: int) -> TeamReport:
    """The report of `members` (see the module docstring for each rule)."""
    kb = team.kb
    people = not_yet = short_people = 0
    kept: list[TeamMember] = []
    ready: _Best[BandEntry] = _Best(limit)
    close: _Best[BandEntry] = _Best(limit)
    bench: _Best[BenchCandidate] = _Best(limit)
    short: list[RoleShort] = []
    to_target: dict[str, list[int]] = {}  # skill -> [people, total, largest]
    in_role: dict[str, list[int]] = {}
    best: dict[str, int] = {}  # skill -> the highest level anyone holds
    holders: dict[str, list[int]] = {}  # skill -> people at each level 0-5
    first_at: dict[tuple[str, int], tuple[str, str]] = {}  # (skill, level) -> the first person there
    held_roles: dict[str, int] = {}  # role -> people in it
    targets: set[str] = set()
    successors: dict[str, list[float]] = {}  # role -> [one move away, of them ready, best readiness]
    successor: dict[str, TeamMember] = {}
    training = _Training(kb, limit)
    for member in members:
        people += 1
        if len(kept) < limit:
            kept.append(member)
        for skill, level in member.skills.items():
            if level > best.get(skill, 0):
                best[skill] = level
            holders.setdefault(skill, [0] * 6)[level] += 1
            first_at.setdefault((skill, level), (member.person, member.source))
        if member.target:
            targets.add(member.target)
        if member.role:
            held_roles[member.role] = held_roles.get(member.role, 0) + 1
        _tally(to_target, member.gaps)
        # Gaps against the role people have: the report's, not each JSON line's, which holds what
        # `assess` gives (the gaps to the target); the same function all the same.
        role_gaps = gaps(kb.roles[member.role], member.skills) if member.role else []
        _tally(in_role, role_gaps)
        if role_gaps and member.role:
            short_people += 1
            if len(short) < limit:
                short.append(
                    RoleShort(person=member.person, source=member.source, role=member.role, gaps=role_gaps)
                )
        said = member.verdict
        if said is not None and said.status != "not-yet":
            entry = BandEntry(
                person=member.person,
                source=member.source,
                role=member.role,
                target=member.target,
                step=said.role,
                readiness=readiness(kb.roles[said.role], member.skills),
                years_left=said.years_left,
                served=said.served,
                assumed_served=said.assumed_served,
            )
            if said.status == "ready":
                ready.add((-entry.readiness, entry.years_left), entry)
            else:
                close.add((-entry.readiness, entry.years_left), entry)
        elif said is not None:
            not_yet += 1
        for move in member.next_roles:
            tally = successors.setdefault(move.role, [0, 0, -1.0])
            tally[0] += 1
            tally[1] += move.readiness >= 1.0
            if move.readiness > tally[2]:
                tally[2] = move.readiness
                successor[move.role] = member
        if member.bench is not None:
            candidate = member.bench
            bench.add((STATUS_ORDER[candidate.status], -candidate.readiness, candidate.years_left), candidate)
        training.add(member, role_gaps, member.profile)
    matrix = {skill for role in (*targets, *held_roles) for skill in kb.roles[role].skills}
    return TeamReport(
        people=people,
        skipped=team.skipped,
        duplicates=team.duplicates,
        duplicate_names=team.duplicate_names[:limit],
        view=team.view,
        limit=limit,
        skills=[skill for skill in kb.skills if skill in matrix],
        members=kept,
        ready=ready.sorted(),
        ready_people=ready.count,
        close=close.sorted(),
        close_people=close.count,
        not_yet_people=not_yet,
        bench_role=team.bench,
        bench=bench.sorted(),
        successors=_successors(kb, held_roles, successors, successor),
        single_points=_single_points(kb, held_roles, holders, first_at),
        gaps=_shortfalls(to_target),
        role_gaps=_shortfalls(in_role),
        short_in_role=short,
        short_in_role_people=short_people,
        training=training.picks(),
        uncovered=_uncovered(kb, targets, best),
        knowledge_base=stamp,
    )


def _successors(
    kb: KnowledgeBase,
    held: dict[str, int],
    tallies: dict[str, list[float]],
    best: dict[str, TeamMember],
) -> list[Successor]:
    found = []
    for role in kb.by_seniority:
        if role not in held:
            continue
        candidates, ready, readiness_ = tallies.get(role, [0, 0, -1.0])
        member = best.get(role)
        found.append(
            Successor(
                role=role,
                holders=held[role],
                candidates=int(candidates),
                ready=int(ready),
                person=member.person if member else None,
                source=member.source if member else None,
                current_role=member.role if member else None,
                readiness=readiness_ if member else None,
            )
        )
    return found


def _single_points(
    kb: KnowledgeBase,
    held: dict[str, int],
    holders: dict[str, list[int]],
    first_at: dict[tuple[str, int], tuple[str, str]],
) -> list[SinglePoint]:
    need: dict[str, int] = {}
    for role in held:
        for skill, level in kb.roles[role].skills.items():
            need[skill] = max(need.get(skill, 0), level)
    found = []
    for skill in kb.skills:
        level = need.get(skill, 0)
        counts = holders.get(skill)
        if not level or counts is None or sum(counts[level:]) != 1:
            continue
        person, source = next(first_at[skill, at] for at in range(level, 6) if counts[at])
        roles = [r for r in kb.by_seniority if r in held and kb.roles[r].skills.get(skill, 0) == level]
        found.append(SinglePoint(skill=skill, level=level, person=person, source=source, roles=roles))
    return found


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
