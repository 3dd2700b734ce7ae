"""How a person's levels measure against a role: readiness, whether they meet or fit it, the gaps, the
best fit and the default next move. The rules every other one builds on (assess, the verdict, team),
each written once, and kept cheap: `team` runs them for every person of a stream.

- readiness for a role = sum over its required skills of min(have, need) / sum of need (1.0 if it
  needs nothing);
- best fit = the highest-rank role whose levels you meet, allowing at most FIT_TOLERANCE skills one
  level short (never a gap of two); among roles of that rank your own role first, then the fewest
  skills short, then the ladder's order; never below your own role when a single skill, of any gap,
  keeps you from it (then your own role); or None;
- gaps = the role's skills held below its level, the largest first, then core skills first, then the
  ladder's order;
- the default target = the quickest promotion out of a role, else its quickest move of any kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from operator import ge

from poladder.model.ladder import KnowledgeBase, Role

FIT_TOLERANCE = 2


# Value types inside results, made for every skill of every person of a team: plain dataclasses,
# which pydantic writes and describes as it does models, at a fifth of the cost of making a model.
@dataclass(frozen=True, slots=True)
class Gap:
    """A skill held below the level a role needs."""

    skill: str
    have: int
    need: int


@dataclass(frozen=True, slots=True)
class RoleReadiness:
    """How ready someone is for a role: the share of its required levels they hold."""

    role: str
    readiness: float


def readiness(role: Role, have: dict[str, int]) -> float:
    need = sum(role.skills.values())
    if need == 0:
        return 1.0
    # The sum of min(have, need) over the role's skills, with the loop in C: `team` runs this for
    # every move of every person.
    held = sum(map(min, map(have.get, role.skills, repeat(0)), role.skills.values()))
    return round(held / need, 4)


def meets(role: Role, have: dict[str, int]) -> bool:
    return all(map(ge, map(have.get, role.skills, repeat(0)), role.skills.values()))


def short_of(kb: KnowledgeBase, role_id: str, have: dict[str, int]) -> int | None:
    """How many skills one level short `have` leaves a role, or None when it does not fit (a gap of
    two levels or more, or more than FIT_TOLERANCE short). Loops in C: `team` runs it per person."""
    skills, levels, less, _ = kb.role_needs[role_id]
    # Most roles fail at their first skill two levels short: that test stops there, the count does not.
    if not all(map(ge, map(have.get, skills, repeat(0)), less)):
        return None
    short = len(levels) - sum(map(ge, map(have.get, skills, repeat(0)), levels))
    return short if short <= FIT_TOLERANCE else None


def best_fit(kb: KnowledgeBase, have: dict[str, int], role: str | None = None) -> str | None:
    """The most senior role `have` fits (see the module docstring for the tolerance and the ties)."""
    roles, needs = kb.roles, kb.role_needs
    # A role fits only if its levels, less at most FIT_TOLERANCE, add up to no more than all one holds:
    # most roles above a person are passed over by that sum alone.
    held = sum(have.values()) + FIT_TOLERANCE
    fitting: list[tuple[bool, int, int, str]] = []
    rank = None
    for order, role_id in enumerate(kb.by_seniority):
        if rank is not None and roles[role_id].rank != rank:
            break
        if needs[role_id][3] > held:
            continue
        short = short_of(kb, role_id, have)
        if short is not None:
            rank = roles[role_id].rank
            fitting.append((role_id != role, short, order, role_id))
    fit = min(fitting)[3] if fitting else None
    if role is not None and (fit is None or roles[fit].rank < roles[role].rank):
        # One skill, however far short, does not take a person below the role they hold.
        levels = roles[role].skills
        if sum(have.get(skill, 0) < need for skill, need in levels.items()) == 1:
            return role
    return fit


def next_promotion(kb: KnowledgeBase, role_id: str | None) -> str | None:
    """The quickest promotion out of a role, else its quickest move of any kind (ties: the one the
    ladder lists first), or None: the default target."""
    if role_id is None:
        return None
    moves = [
        (move.kind != "promotion", move.years, order, target)
        for order, (target, move) in enumerate(kb.roles[role_id].next.items())
    ]
    return min(moves)[3] if moves else None


def gaps(role: Role, have: dict[str, int]) -> list[Gap]:
    """The role's skills held below its level: the largest gap first, and among gaps of one size the
    role's core skills first (in its order), then the others in the ladder's order — never by name."""
    place = role.importance
    found = sorted((h - n, place[s], s, h, n) for s, n in role.skills.items() if (h := have.get(s, 0)) < n)
    return [Gap(s, h, n) for _, _, s, h, n in found]
