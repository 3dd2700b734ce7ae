"""Two roles side by side: what each asks for, where they differ, and how to get from one to the other."""

from __future__ import annotations

from pydantic import Field

from poladder.core.catalogue import RoleEntry, role_entry
from poladder.core.routes import quickest
from poladder.model.ladder import KnowledgeBase
from poladder.model.result import KnowledgeBaseStamp, Result


class SkillSides(Result):
    skill: str
    left: int = Field(description="Level the first role requires (0 if it does not list the skill)")
    right: int = Field(description="Level the second role requires (0 if it does not list the skill)")


class QuickestRoute(Result):
    route: list[str]
    total_years: float


class MovesBetween(Result):
    left_to_right: QuickestRoute | None = Field(description="Quickest route from the first role, or null")
    right_to_left: QuickestRoute | None = Field(description="Quickest route from the second role, or null")


class CompareResult(Result):
    roles: list[RoleEntry] = Field(description="The two roles, in the order they were asked for")
    skills: list[SkillSides] = Field(
        description="Every skill either role requires, largest difference first, then by id"
    )
    moves: MovesBetween
    knowledge_base: KnowledgeBaseStamp


def _route(kb: KnowledgeBase, start: str, goal: str) -> QuickestRoute | None:
    found = quickest(kb, start, goal)
    if found is None:
        return None
    years, route = found
    return QuickestRoute(route=route, total_years=round(years, 2))


def compare(kb: KnowledgeBase, stamp: KnowledgeBaseStamp, left: str, right: str) -> CompareResult:
    """`left` and `right` (role ids) side by side."""
    a, b = kb.roles[left].skills, kb.roles[right].skills
    skills = [SkillSides(skill=s, left=a.get(s, 0), right=b.get(s, 0)) for s in a.keys() | b.keys()]
    # Where the roles differ is the point of comparing them, so the biggest gaps lead; the higher
    # requirement then breaks ties, so shared core skills come before minor ones.
    skills.sort(key=lambda s: (-abs(s.left - s.right), -max(s.left, s.right), s.skill))
    return CompareResult(
        roles=[role_entry(kb, left), role_entry(kb, right)],
        skills=skills,
        moves=MovesBetween(left_to_right=_route(kb, left, right), right_to_left=_route(kb, right, left)),
        knowledge_base=stamp,
    )
