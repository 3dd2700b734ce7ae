"""Reading a profile (YAML or JSON) and checking its ids against the ladder.

An unknown skill, role or certification is an error with "did you mean", never silently ignored.
"""

from __future__ import annotations

from typing import Any

from poladder.load import documents
from poladder.load.documents import Document, Problem
from poladder.load.problems import attempt, invalid, outside, salvaged
from poladder.model.ladder import Hints, KnowledgeBase, suggest
from poladder.model.profile import Profile

PROFILE_FORMAT = "see `poladder schema profile`"


def read(source: str, kb: KnowledgeBase | None = None) -> tuple[Profile, Document]:
    """Parse a profile file (or '-' for stdin) into a Profile and its Document, for located errors.

    Given the ladder, a profile with field errors also has its unknown ids reported in the same run.
    """
    from poladder.load.files import readable
    from poladder.load.inputs import read_input

    name = "<stdin>" if source == "-" else readable(source)
    document = documents.parse(read_input(source, "profile"), name, "profile")
    if not isinstance(document.data, dict):
        raise documents.located(
            document.path, 1, 1, "a profile is a mapping with role:, skills: and the like", PROFILE_FORMAT
        )
    return validated(document, kb), document


def validated(document: Document, kb: KnowledgeBase | None = None) -> Profile:
    """The document (a mapping) as a Profile, or a DataError with every field error, and given `kb`
    every unknown id as well (a level of 7 does not hide a misspelt skill), in the order of the file."""
    person, broken = attempt(document.data, Profile)
    if person is not None:
        return person
    if kb is not None:
        # A bad value is replaced where it stands, so that its key (a skill id) is still checked.
        items = {"skills": 0, "experience": 0.0, "certifications": ""}
        rough = salvaged(document.data, Profile, {}, items)
        broken += outside(_resolved(rough, kb)[1], broken)
    raise invalid(document, broken)


def resolve(profile: Profile, kb: KnowledgeBase, document: Document) -> Profile:
    """The profile with every id in canonical form; DataError naming each unknown id, located.

    Roles and certifications may be given by any name they answer to (`Product Owner`, `PSPO I`).
    In a file an unknown role is a data problem (exit 1), not a usage error as on the command line.
    """
    update, problems = _resolved(profile, kb)
    if problems:
        raise invalid(document, problems)
    if all(getattr(profile, field) == value for field, value in update.items()):
        return profile  # written with the ids already: nothing to copy
    return profile.model_copy(update=update)


def _resolved(profile: Profile, kb: KnowledgeBase) -> tuple[dict[str, Any], list[Problem]]:
    """The profile's ids in canonical form (as a model_copy update) and a Problem for each unknown one."""
    problems: list[Problem] = []
    hints = Hints()

    def role(field: str, value: str | None) -> str | None:
        if value is None:
            return None
        found = kb.find_role(value)
        if found is None:
            problems.append(
                Problem((field,), str(kb.unknown_role(value, hints)), "use an id from `poladder roles`")
            )
        return found

    role_id = role("role", profile.role)
    target_id = role("target", profile.target)
    experience: dict[str, float] = {}
    for name, years in profile.experience.items():
        found = kb.find_role(name)
        if found is None:
            problems.append(
                Problem(
                    ("experience", name),
                    str(kb.unknown_role(name, hints)),
                    "use an id from `poladder roles`",
                    True,
                )
            )
        else:  # two names of one role (`po` and `Product Owner`) add up
            experience[found] = experience.get(found, 0.0) + years
    for skill_id in profile.skills:
        if skill_id not in kb.skills:
            problems.append(
                Problem(
                    ("skills", skill_id),
                    str(suggest("skill", skill_id, kb.skills.keys(), hints)),
                    "use an id from `poladder skills`",
                    at_key=True,
                )
            )
    certifications: list[str] = []
    for i, name in enumerate(profile.certifications):
        cert_id = kb.find_certification(name)
        if cert_id is None:
            problems.append(
                Problem(
                    ("certifications", i),
                    str(kb.unknown_certification(name, hints)),
                    "use an id, name or abbreviation from `poladder certs`",
                )
            )
        elif cert_id not in certifications:  # `CSPO` and `cspo` in one list are one certification
            certifications.append(cert_id)
    update = {
        "role": role_id,
        "target": target_id,
        "experience": experience,
        "certifications": certifications,
    }
    return update, problems


def keep_known(profile: Profile, kb: KnowledgeBase) -> Profile:
    """The profile without the ids this ladder does not know: for saved answers, which are only defaults."""
    return profile.model_copy(
        update={
            "role": profile.role if profile.role in kb.roles else None,
            "target": profile.target if profile.target in kb.roles else None,
            "skills": {s: v for s, v in profile.skills.items() if s in kb.skills},
            "certifications": [c for c in profile.certifications if c in kb.certifications],
            "experience": {r: y for r, y in profile.experience.items() if r in kb.roles},
        }
    )


def dump(profile: Profile, as_json: bool = False) -> str:
    """The profile as YAML (or JSON) that `--profile` reads back; unset fields are left out."""
    data = profile.model_dump(exclude_defaults=True)
    if as_json:
        import json

        # Characters as they are: an escaped one outside the BMP is a surrogate pair, which YAML (the
        # reader of --profile) refuses.
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    import yaml

    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return text
