"""The catalogues: roles, one role, skills and certifications, each entry carrying its id."""

from __future__ import annotations

from pydantic import RootModel

from poladder.knowledge import Certification, KnowledgeBase, Role, Skill


class RoleEntry(Role):
    id: str


class SkillEntry(Skill):
    id: str


class CertificationEntry(Certification):
    id: str


class RoleList(RootModel[list[RoleEntry]]):
    pass


class SkillList(RootModel[list[SkillEntry]]):
    pass


class CertificationList(RootModel[list[CertificationEntry]]):
    pass


def roles(kb: KnowledgeBase) -> RoleList:
    """Every role, most junior first (then by id)."""
    ordered = sorted(kb.roles.items(), key=lambda item: (item[1].rank, item[0]))
    return RoleList([role_entry(kb, role_id) for role_id, _ in ordered])


def role_entry(kb: KnowledgeBase, role_id: str) -> RoleEntry:
    return RoleEntry(id=role_id, **dict(kb.roles[role_id]))


def skills(kb: KnowledgeBase) -> SkillList:
    return SkillList([SkillEntry(id=i, **dict(s)) for i, s in sorted(kb.skills.items())])


def certifications(kb: KnowledgeBase) -> CertificationList:
    return CertificationList(
        [CertificationEntry(id=i, **dict(c)) for i, c in sorted(kb.certifications.items())]
    )
