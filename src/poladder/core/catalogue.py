"""The catalogues: roles, one role, skills and certifications, each entry carrying its id."""

from __future__ import annotations

from pydantic import Field, RootModel

from poladder.model.ladder import LEVEL_NAMES, Certification, KnowledgeBase, Role, Skill
from poladder.model.result import Result


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


class SkillAction(Result):
    text: str
    certification: str | None = Field(
        default=None, description="Set when the action is earning this certification"
    )


class SkillLevel(Result):
    level: int
    name: str = Field(description="none, novice, advanced beginner, competent, proficient or expert")
    description: str | None = Field(description="What the level looks like, if the ladder says")
    actions: list[SkillAction] = Field(description="Ways to grow to this level from the one below")


class RoleNeed(Result):
    role: str
    level: int = Field(description="The level the role requires")


class CertificationBuild(Result):
    certification: str
    level: int = Field(description="The level it brings you to")


class SkillPage(Result):
    """One skill in full (`poladder skill ID`)."""

    id: str
    name: str
    category: str | None
    description: str | None
    levels: list[SkillLevel] = Field(description="Levels 1 to 5 (and 0 if the ladder describes it)")
    actions: list[SkillAction] = Field(description="Ways to grow the skill at any level")
    roles: list[RoleNeed] = Field(description="The roles that require the skill, most junior first")
    certifications: list[CertificationBuild] = Field(description="Certifications that build it, by level")
    sources: list[str]


def skill_page(kb: KnowledgeBase, skill_id: str) -> SkillPage:
    skill = kb.skills[skill_id]
    by_level: dict[int | None, list[SkillAction]] = {}
    for item in skill.actions:
        if isinstance(item, str):
            by_level.setdefault(None, []).append(SkillAction(text=item))
        else:
            action = SkillAction(text=item.text, certification=item.certification)
            by_level.setdefault(item.level, []).append(action)
    levels = [
        SkillLevel(
            level=level,
            name=LEVEL_NAMES[level],
            description=skill.levels.get(level),
            actions=by_level.get(level, []),
        )
        for level in range(len(LEVEL_NAMES))
        if level > 0 or level in skill.levels
    ]
    ladder = sorted(kb.roles.items(), key=lambda item: (item[1].rank, item[0]))
    builds = [
        (cert_id, cert.builds[skill_id])
        for cert_id, cert in kb.certifications.items()
        if skill_id in cert.builds
    ]
    return SkillPage(
        id=skill_id,
        name=skill.name,
        category=skill.category,
        description=skill.description,
        levels=levels,
        actions=by_level.get(None, []),
        roles=[
            RoleNeed(role=r, level=role.skills[skill_id]) for r, role in ladder if skill_id in role.skills
        ],
        certifications=[
            CertificationBuild(certification=c, level=level)
            for c, level in sorted(builds, key=lambda item: (item[1], item[0]))
        ],
        sources=skill.sources,
    )
