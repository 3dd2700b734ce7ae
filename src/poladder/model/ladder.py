"""The knowledge-base format: roles, skills, certifications and the moves between roles.

The pydantic models here are the public contract (`poladder schema` prints them as JSON Schema).
`check` adds what a schema cannot say: cross-references, alias clashes, and consistency warnings.
"""

# No `from __future__ import annotations` in modules of models every command imports: pydantic
# would compile and evaluate each annotation string when the class is made (a third of the cost).
import difflib
import itertools
import re
from collections.abc import Collection, Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

from poladder.errors import UnknownName

if TYPE_CHECKING:
    pass

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Level = Annotated[
    int,
    Field(
        ge=0, le=5, description="0 none, 1 novice, 2 advanced beginner, 3 competent, 4 proficient, 5 expert"
    ),
]

# A move may raise a required level by at most this much, and never from 0 to LEAP_FROM_ZERO or above:
# one role's experience does not take anyone from nothing to proficient.
MAX_RISE = 3
LEAP_FROM_ZERO = 4
# Skill categories a promotion never lowers: craft falls as people move up, leadership and strategy do not.
KEPT_ON_PROMOTION = ("leadership", "strategy")

LEVEL_NAMES = ("none", "novice", "advanced beginner", "competent", "proficient", "expert")
# A level someone can grow *to*: an action or a certification never brings anyone to 0.
TargetLevel = Annotated[int, Field(ge=1, le=5, description="The level (1-5) this helps someone reach")]


class Model(BaseModel):
    # defer_build: a command pays for the schemas it uses, not for every model at import.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Action(Model):
    """A way to grow a skill, for the person who is one level below `level`."""

    text: str
    level: TargetLevel | None = None
    certification: Id | None = Field(
        default=None, description="Set when the action is earning this certification"
    )


def _action_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return ACTION_TAGS[0]
    if isinstance(value, (dict, Action)):
        return ACTION_TAGS[1]
    return None


# A tagged union validates only the branch that fits, so a bad mapping gets its own errors and not
# also "Input should be a valid string"; load.problems.problems() leaves these tags out of locations.
ACTION_TAGS = ("action-text", "action-mapping")
ActionItem = Annotated[
    Annotated[str, Tag(ACTION_TAGS[0])] | Annotated[Action, Tag(ACTION_TAGS[1])],
    Discriminator(
        _action_kind,
        custom_error_type="action_type",
        custom_error_message="an action is text or a mapping {text, level, certification}",
    ),
]


class Skill(Model):
    name: str
    category: str | None = None
    description: str | None = None
    levels: dict[Level, str] = Field(
        default_factory=dict, description="What each proficiency level looks like"
    )
    actions: list[ActionItem] = Field(
        default_factory=list,
        description="Ways to grow this skill: plain text (any level) or {text, level, certification}",
    )
    sources: list[str] = Field(default_factory=list, description="URLs the description rests on")


class Experience(Model):
    """Time in a role that a certification body asks for before one may take the certification."""

    months: int = Field(gt=0, le=600, description="Months spent in any of `roles`: 1 to 600")
    roles: list[Id] = Field(min_length=1, description="Role ids whose time counts")


class Cost(Model):
    """What earning a certification costs, as a public source gives it. Without `amount` it varies
    (set by each trainer or course provider), and `note` says so."""

    amount: float | None = Field(
        default=None,
        ge=0,
        le=100_000,
        allow_inf_nan=False,
        description="The price in `currency`; leave it out when the price varies",
    )
    currency: str | None = Field(default=None, description="ISO 4217 code of `amount`, e.g. USD")
    note: str | None = Field(
        default=None, description="What the amount covers (per attempt, course included) or why it varies"
    )
    source: str | None = Field(default=None, description="URL of the page the figure comes from")


class Duration(Model):
    """How long a certification's course and exam take, as a public source gives them."""

    course_hours: float | None = Field(
        default=None, gt=0, le=1000, allow_inf_nan=False, description="Hours of the course, if there is one"
    )
    exam_minutes: int | None = Field(default=None, gt=0, le=1440, description="Minutes of the exam, if any")
    note: str | None = Field(default=None, description="Which version the figures are from, or why they vary")
    source: str | None = Field(default=None, description="URL of the page the figures come from")


class Certification(Model):
    name: str
    provider: str
    url: str | None = Field(default=None, description="The source: the provider's page")
    level: str | None = None
    description: str | None = None
    prerequisites: str | None = Field(default=None, description="Prerequisites that are not certifications")
    requires: list[Id] = Field(default_factory=list, description="Certification ids that must be held first")
    builds: dict[Id, Level] = Field(
        default_factory=dict, description="Skill id -> the level it brings you to"
    )
    experience: Experience | None = Field(
        default=None, description="Months in given roles needed before one may take it"
    )
    alternatives: list[Id] = Field(
        default_factory=list,
        description="Certification ids that serve the same purpose from another provider (CSPO, PSPO I)",
    )
    frameworks: list[Id] = Field(
        default_factory=list, description="The frameworks it is specific to, e.g. safe, scrum-at-scale"
    )
    cost: Cost | None = Field(default=None, description="What it costs, with its source")
    duration: Duration | None = Field(default=None, description="How long its course and exam take")


class Move(Model):
    years: float = Field(
        gt=0,
        le=50,
        allow_inf_nan=False,
        description="Typical years in the role before this move: above 0, at most 50",
    )
    kind: Literal["promotion", "lateral"] = "promotion"
    note: str | None = Field(default=None, description="Where the typical years come from")
    how: list[str] = Field(
        default_factory=list,
        description="Concrete ways people make this move: stretch assignments, conversations, evidence",
    )
    pitfalls: list[str] = Field(default_factory=list, description="Known ways this move goes wrong")


class Role(Model):
    name: str
    aliases: list[Id] = Field(default_factory=list)
    rank: int = Field(ge=-1000, le=1000, description="Seniority: higher is more senior (-1000 to 1000)")
    track: str | None = Field(default=None, description="e.g. product-ownership, agile-leadership, executive")
    summary: str = ""
    responsibilities: list[str] = Field(default_factory=list)
    skills: dict[Id, Level] = Field(default_factory=dict, description="Skill id -> required proficiency")
    core: list[Id] = Field(
        default_factory=list,
        description="The skills that make the role: ids from `skills`, each required above 0",
    )
    certifications: list[Id] = Field(default_factory=list, description="Recommended certification ids")
    reports_to: list[Id] = Field(default_factory=list)
    reports_to_outside: list[str] = Field(
        default_factory=list,
        description="Whom the role reports to outside this ladder, e.g. 'Chief Executive Officer (CEO)'",
    )
    works_with: list[Id] = Field(default_factory=list)
    works_with_outside: list[str] = Field(
        default_factory=list,
        description="Whom it works with closely outside this ladder, e.g. 'Chief Technology Officer (CTO)'",
    )
    next: dict[Id, Move] = Field(default_factory=dict, description="Role id -> the move to it")
    sources: list[str] = Field(default_factory=list)

    @cached_property
    def importance(self) -> dict[str, int]:
        """Skill id -> its place in what matters to this role: core skills first, in their order, then
        the others in the order the role lists them."""
        order = [*(s for s in self.core if s in self.skills), *(s for s in self.skills if s not in self.core)]
        return {skill: place for place, skill in enumerate(order)}


class Framework(Model):
    """A way of working that certifications can be specific to (Scrum, SAFe)."""

    name: str = Field(description="How people call it, e.g. 'SAFe (Scaled Agile Framework)'")
    assumed: bool = Field(
        default=False,
        description="Taken to be in use when a profile does not list its organisation's frameworks",
    )
    includes: list[Id] = Field(
        default_factory=list,
        description="Frameworks this one runs inside it, e.g. [scrum] for SAFe, whose agile teams use "
        "Scrum: an organisation that uses it uses them too (and what they include, in turn)",
    )


class KnowledgeBase(Model):
    """A career ladder: the format of data/roles.yaml and of every organisation's own ladder."""

    model_config = ConfigDict(title="poladder knowledge base")

    name: str | None = None
    version: str | None = Field(default=None, description="Stamped on every result made from this ladder")
    description: str | None = None
    frameworks: dict[Id, Framework] = Field(
        default_factory=dict,
        description="Names for the framework ids of certifications, and which ones an organisation is "
        "assumed to use when a profile does not say (an id not listed here is named by its id)",
    )
    skills: dict[Id, Skill]
    certifications: dict[Id, Certification] = Field(default_factory=dict)
    roles: dict[Id, Role]

    # Look-up tables, each made once per base: a base is never changed once loaded. (pydantic leaves a
    # cached_property out of validation, dumps and equality.)

    @cached_property
    def by_seniority(self) -> list[str]:
        """Role ids, the highest rank first, then by id."""
        return sorted(self.roles, key=lambda r: (-self.roles[r].rank, r))

    @cached_property
    def role_needs(self) -> dict[str, tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...], int]]:
        """Role id -> (its skill ids, the levels it needs, those levels less one, their sum): for the
        rules that check every role for every person of a team (poladder.core.measure)."""
        return {
            role_id: (
                tuple(role.skills),
                tuple(role.skills.values()),
                tuple(n - 1 for n in role.skills.values()),
                sum(role.skills.values()),
            )
            for role_id, role in self.roles.items()
        }

    @cached_property
    def levels_raised(self) -> dict[tuple[str, str], int]:
        """(from, to) -> the levels a move asks to grow, summed over the skills of the role it leads to."""
        raised: dict[tuple[str, str], int] = {}
        for role_id, role in self.roles.items():
            for target in role.next:
                needs = self.roles[target].skills if target in self.roles else {}
                raised[role_id, target] = sum(max(0, n - role.skills.get(s, 0)) for s, n in needs.items())
        return raised

    @cached_property
    def assumed_frameworks(self) -> frozenset[str]:
        """The frameworks an organisation is taken to use when a profile does not list its own."""
        return frozenset(f for f, framework in self.frameworks.items() if framework.assumed)

    def framework_name(self, framework: str) -> str:
        found = self.frameworks.get(framework)
        return found.name if found is not None else framework

    @cached_property
    def role_names(self) -> dict[str, str]:
        """Every name a role answers to (id, alias, normalised full name) -> its id. Ids win over
        aliases and aliases over full names, whichever role comes first: a role named `cpo` can never
        take the place of the role whose id is `cpo` (`check` reports such a name as an error). Among
        names of one kind the first role wins."""
        return answers_to(
            ((role_id, role_id) for role_id in self.roles),
            ((alias, role_id) for role_id, role in self.roles.items() for alias in role.aliases),
            ((normal_name(role.name), role_id) for role_id, role in self.roles.items()),
        )

    def find_role(self, text: str) -> str | None:
        """The id of the role `text` names (id, alias or full name, any case and spacing), or None."""
        return self.role_names.get(normal_name(text))

    def unknown_role(self, text: str, hints: "Hints | None" = None) -> UnknownName:
        """The error for a role name that names none, with the closest ids and aliases (with `hints`,
        only while they last: see `Hints`)."""
        return UnknownName("role", text, _close(normal_name(text), self.role_ids_and_aliases, hints))

    @cached_property
    def role_ids_and_aliases(self) -> dict[str, str]:
        """Each role id and alias -> its role's id: what "did you mean" offers for a role."""
        return {n: role_id for role_id, role in self.roles.items() for n in (role_id, *role.aliases)}

    def role_id(self, text: str) -> str:
        """The id of the role that `text` names, or UnknownName with suggestions."""
        found = self.find_role(text)
        if found is None:
            raise self.unknown_role(text)
        return found

    @cached_property
    def skill_names(self) -> dict[str, str]:
        """Every name a skill answers to (id, normalised full name, abbreviation in lower case) -> its
        id, ids first: a skill named `prioritisation` never takes the place of the skill whose id it is
        (`check` reports such a name as an error)."""
        return answers_to(
            ((skill_id, skill_id) for skill_id in self.skills),
            ((normal_name(skill.name), skill_id) for skill_id, skill in self.skills.items()),
            ((short.lower(), skill_id) for skill_id, short in self.skill_abbreviations.items()),
        )

    def skill_id(self, text: str) -> str:
        """The id of the skill `text` names (id, full name or abbreviation, any case and spacing), or
        UnknownName."""
        wanted = normal_name(text)
        found = self.skill_names.get(wanted)
        if found is None:
            raise UnknownName("skill", text, _close(wanted, self.skill_names))
        return found

    @cached_property
    def skill_abbreviations(self) -> dict[str, str]:
        """Skill id -> a short name (`BM` for backlog-management) for narrow tables, unique, and never
        a name a role or another skill answers to: `SM` is the Scrum Master, so stakeholder-management
        is `STM`. `skill_id` accepts them too."""
        taken = {*self.role_names, *self.skills, *(normal_name(s.name) for s in self.skills.values())}
        return abbreviations(list(self.skills), taken)

    @cached_property
    def certification_names(self) -> dict[str, str]:
        """Every name a certification answers to, as cert_key() spells it -> its id: the id, the full
        name, the name without its parentheses and the abbreviation inside them (`CSPO`, `PSPO I`).
        Ids win over full names, full names over the parts of another name (a certification named
        `PSM` is not hidden by another's `(PSM)`), and the first certification over later ones."""
        return answers_to(
            ((cert_key(cert_id), cert_id) for cert_id in self.certifications),
            ((cert_key(cert.name), cert_id) for cert_id, cert in self.certifications.items()),
            (
                (cert_key(part), cert_id)
                for cert_id, cert in self.certifications.items()
                for part in certification_name_parts(cert.name)
            ),
        )

    def find_certification(self, text: str) -> str | None:
        """The id of the certification `text` names, or None: its id, full name or abbreviation, in any
        case, spacing and hyphens, with Roman or Arabic numerals (`pspo-1`, `PSPO I`, `CSPO`)."""
        return self.certification_names.get(cert_key(text))

    def unknown_certification(self, text: str, hints: "Hints | None" = None) -> UnknownName:
        """The error for a certification name that names none, with the closest names (with `hints`,
        only while they last)."""
        return UnknownName(
            "certification", text.strip(), _close(cert_key(text), self.certification_names, hints)
        )

    def cert_id(self, text: str) -> str:
        """The id of the certification that `text` names, or UnknownName with suggestions."""
        found = self.find_certification(text)
        if found is None:
            raise self.unknown_certification(text)
        return found


def answers_to(*layers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """name -> id from layers of (name, id): the rule of every kind of named entry. An earlier layer
    wins over a later one (ids first, so that no entry's name or alias can take another's id), and
    within a layer the first entry wins."""
    names: dict[str, str] = {}
    for layer in layers:
        for name, entry_id in layer:
            names.setdefault(name, entry_id)
    return names


def certification_name_parts(name: str) -> list[str]:
    """The names a certification's full name gives it: each abbreviation in parentheses (`CSPO`), the
    name without them, and the name itself; those that cert_key() leaves anything of."""
    inside = re.findall(r"\(([^()]*)\)", name)
    parts = (*inside, re.sub(r"\([^()]*\)", " ", name), name)
    return [part for part in parts if cert_key(part)]


def abbreviations(skill_ids: list[str], taken: Iterable[str] = ()) -> dict[str, str]:
    """Short, unique names for `skill_ids`, in order, none of them in `taken` (compared in lower case):
    the initials of a kebab-case id (`backlog-management`: BM) or the first two letters of a one-word
    id; when that is taken, the first word one letter longer (`stakeholder-management`: STM), then the
    first letter and a later one, then the initials and a number."""
    used = {name.lower() for name in taken}
    found: dict[str, str] = {}
    for skill in skill_ids:
        parts = skill.split("-")
        letters = skill.replace("-", "")
        first = "".join(p[0] for p in parts) if len(parts) > 1 else letters[:2]
        longer = parts[0][:2] + "".join(p[0] for p in parts[1:]) if len(parts) > 1 else letters[:3]
        candidates = [
            first,
            longer,
            *(letters[0] + c for c in letters[1:]),
            *(f"{first}{n}" for n in range(2, 10_000)),
        ]
        short = next(c for c in candidates if c not in used)
        used.add(short)
        found[skill] = short.upper()
    return found


def cert_key(text: str) -> str:
    """How certification names are compared: lower case, without spaces, hyphens or punctuation, the
    Roman numerals I, II and III as 1, 2, 3 (`PSPO I`, `pspo-1` and `Pspo 1` are all `pspo1`)."""
    words = re.split(r"[\W_]+", text.lower())
    return "".join(_ROMAN.get(word, word) for word in words)


_ROMAN = {"i": "1", "ii": "2", "iii": "3"}


def normal_name(text: str) -> str:
    """A name as an id spells it: lower case, words joined by hyphens (`Product_Owner`: `product-owner`)."""
    return "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


# "Did you mean" compares a name with every candidate, so a file of many unknown ids checked against a
# large ladder would cost (unknown ids) x (known names) comparisons. Only the first HINTS unknown ids of
# one file get a suggestion (a person fixes the first ones first), each from at most MAX_CANDIDATES
# names: on a larger ladder, those that start or end like the wanted one and are about as long.
HINTS = 20
MAX_CANDIDATES = 2_000


class Hints:
    """How many more "did you mean" suggestions the messages about one file may carry."""

    __slots__ = ("left",)

    def __init__(self, limit: int = HINTS) -> None:
        self.left = limit

    def take(self) -> bool:
        """Whether one more message may have a suggestion (and count it)."""
        if self.left <= 0:
            return False
        self.left -= 1
        return True


def _close(wanted: str, names: Collection[str], hints: Hints | None = None) -> list[str]:
    """Up to three close names, each shown once; when `names` is a mapping, each name stands for what
    it maps to (an alias for its role's id). The caller passes a table it already has: building one
    here, for every unknown id of a large file, would cost as much as the ladder each time."""
    if hints is not None and not hints.take():
        return []
    close = difflib.get_close_matches(wanted, _candidates(wanted, names), n=6, cutoff=0.6)
    if isinstance(names, Mapping):
        close = [names[c] for c in close]
    return list(dict.fromkeys(close))[:3]


def _candidates(wanted: str, names: Collection[str]) -> Collection[str]:
    if len(names) <= MAX_CANDIDATES:
        return names
    first, last, near = wanted[:1], wanted[-1:], max(2, len(wanted) // 2)
    alike = (n for n in names if (n[:1] == first or n[-1:] == last) and abs(len(n) - len(wanted)) <= near)
    return list(itertools.islice(alike, MAX_CANDIDATES))


def suggest(kind: str, wanted: str, known: Collection[str], hints: Hints | None = None) -> UnknownName:
    """The error for an id in a file that names nothing of its kind, with the closest known ids (with
    `hints`, while they last)."""
    return UnknownName(kind, wanted, _close(wanted, known, hints))
