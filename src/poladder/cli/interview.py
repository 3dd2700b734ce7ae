"""The interactive self-assessment: questions on stderr, answers from stdin.

It asks your name first (so plans and history carry it; the last one is the default), then your role,
your time in it, the role you want next (not asked when `--target` gave it), your years in product
roles, your certifications and your skills. Each skill question shows what every level looks like but
not the level any role requires, so the answers are not anchored. Defaults are the answers given last
time. `back` (or `<`) returns to the previous question, with the answers given so far as its defaults.
Ctrl-C or end of input raises, and the CLI exits 130 having saved nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from poladder.cli.errors import lines
from poladder.core.measure import next_promotion
from poladder.errors import UnknownName
from poladder.model.ladder import LEVEL_NAMES, KnowledgeBase
from poladder.model.profile import Profile

BACK = ("back", "<")
_UNSET = object()  # a question not answered yet, as opposed to one answered with a blank (None)


class _Back(Exception):
    """The person typed `back` or `<`: ask the previous question again."""


@dataclass(frozen=True)
class Words:
    """How the questions address the person assessed: you, or (a rater answering) them."""

    title: str
    name: str
    role: str
    time: str
    target: str
    certifications: str
    level: str


SELF = Words(
    "poladder self-assessment",
    "Your name, for plans and history",
    "Your current role",
    "Years in your current role",
    "The role you want next",
    "Certifications you hold",
    "Your level (0-5)",
)
RATER = Words(
    "poladder: {rater}'s view of the person rated",
    "The name of the person you rate",
    "Their current role",
    "Years in their current role",
    "The role they want next",
    "Certifications they hold",
    "Their level (0-5)",
)


def interview(
    kb: KnowledgeBase,
    last: Profile | None,
    all_skills: bool,
    console: Console,
    target: str | None = None,
    rater: str | None = None,
) -> Profile:
    """The answers as a profile; `target` (already checked) is not asked for. With `rater`, the
    questions are put to that rater about the person rated."""
    last = last or Profile()
    words = SELF if rater is None else RATER
    console.print(
        Text.assemble(
            (words.title.format(rater=rater), "bold"),
            "  (Enter keeps the answer in brackets; back or < goes back; Ctrl-C stops)",
        )
    )
    console.print("Roles: " + ", ".join(sorted(kb.roles, key=lambda r: (kb.roles[r].rank, r))), style="dim")
    answers: dict[str, Any] = {} if target is None else {"target": target}

    def given(name: str, otherwise: Any) -> Any:
        """The answer given to `name` this time (also after going back past it), else `otherwise`."""
        value = answers.get(name, _UNSET)
        return otherwise if value is _UNSET else value

    def skills_wanted() -> list[str]:
        role, target = answers.get("role"), answers.get("target")
        wanted = (
            set(kb.skills) if all_skills else {s for r in (role, target) if r for s in kb.roles[r].skills}
        )
        return sorted(wanted, key=lambda s: kb.skills[s].name.lower())

    def questions() -> list[tuple[str, Callable[[], Any]]]:
        """The questions in order, each with its default, as far as the answers so far decide them:
        the time in your role follows the role, and the skills follow both roles."""
        role = answers.get("role")
        asked: list[tuple[str, Callable[[], Any]]] = [
            ("name", partial(_ask_name, console, given("name", last.name), words.name)),
            ("role", partial(_ask_role, kb, console, words.role, given("role", last.role))),
        ]
        if role is not None:
            time_in_role = given("time", last.experience.get(role))
            asked.append(("time", partial(_ask_years, console, words.time, time_in_role)))
        held = given("certifications", last.certifications)
        if target is None:
            wanted = given("target", last.target or next_promotion(kb, role))
            asked.append(("target", partial(_ask_role, kb, console, words.target, wanted)))
        asked += [
            ("years", partial(_ask_years, console, "Years in product roles", given("years", last.years))),
            ("certifications", partial(_ask_certifications, kb, console, held, words.certifications)),
        ]
        wanted_skills = skills_wanted() if "years" in answers else []
        for number, skill_id in enumerate(wanted_skills, 1):
            default = given(f"skill:{skill_id}", last.skills.get(skill_id, 0))
            ask_level = partial(
                _ask_level, kb, console, skill_id, default, number, len(wanted_skills), words.level
            )
            asked.append((f"skill:{skill_id}", ask_level))
        return asked

    position = 0
    while position < len(asked := questions()):
        name, ask = asked[position]
        try:
            answers[name] = ask()
            position += 1
        except _Back:
            if position == 0:
                console.print("This is the first question.", style="dim")
            else:
                position -= 1

    role, time_in_role = answers["role"], answers.get("time")
    experience = {r: years for r, years in last.experience.items() if r in kb.roles and r != role}
    if role is not None and time_in_role is not None:
        experience[role] = time_in_role
    # Every level given stands, also one given before going back to choose other roles, and a skill
    # asked about last time but not this time keeps its last answer: one question set is not a reset.
    given_now = {
        name.removeprefix("skill:"): level for name, level in answers.items() if name.startswith("skill:")
    }
    kept = {s: level for s, level in last.skills.items() if s in kb.skills}
    return Profile(
        name=answers["name"],
        role=role,
        target=answers["target"],
        years=answers["years"],
        skills={**kept, **given_now},
        certifications=answers["certifications"],
        experience=experience,
        organisation=last.organisation,  # not asked: kept from the profile the answers came from
    )


def _ask(console: Console, question: str, default: str | None) -> str:
    # Text, not markup: the question and the default hold names from the ladder.
    prompt = Text.assemble(("?", "bold cyan"), f" {question}", f" [{default}]" if default else "", ": ")
    if sys.stdin is None:  # `<&-`: no answer can come, as at the end of input
        raise EOFError
    answer = console.input(prompt).strip()
    if answer.lower() in BACK:
        raise _Back
    return answer or (default or "")


def _ask_name(console: Console, default: str | None, question: str) -> str | None:
    """The name, for plans and history; None when left blank with no default."""
    question += "" if default else " (blank for none)"
    while True:
        answer = _ask(console, question, default) or None
        if answer is None or (refused := _refused("name", answer)) is None:
            return answer
        console.print(refused, style="red", markup=False)


def _ask_role(kb: KnowledgeBase, console: Console, question: str, default: str | None) -> str | None:
    """A role id, or None when left blank: both questions may go unanswered."""
    while True:
        answer = _ask(console, question + ("" if default else " (blank for none)"), default)
        if not answer:
            return None
        try:
            return kb.role_id(answer)
        except UnknownName as e:
            console.print(lines(e)[0], style="red", markup=False)


def _ask_years(console: Console, question: str, default: float | None) -> float | None:
    """A number of years the profile accepts, or None when left blank with no default."""
    while True:
        answer = _ask(console, question, None if default is None else f"{default:g}")
        if not answer:
            return None
        try:
            # As for levels: float() reads `٣`, a profile file does not.
            if not answer.isascii():
                raise ValueError(answer)
            years = float(answer)
        except ValueError:
            console.print("Please give a number of years, like 3 or 1.5.", style="red")
            continue
        if (refused := _refused("years", years)) is None:
            return years
        console.print(refused, style="red", markup=False)


def _refused(field: str, value: Any) -> str | None:
    """What the Profile model says against `value` as its `field` (the same rule as in a profile
    file), or None if it accepts it."""
    from pydantic import ValidationError

    from poladder.load.problems import problems

    try:
        Profile.model_validate({field: value})
    except ValidationError as e:
        found = problems(e, Profile)[0]
        return f"{found.message} — {found.fix}" if found.fix else found.message
    return None


def _ask_certifications(kb: KnowledgeBase, console: Console, default: list[str], question: str) -> list[str]:
    console.print("Certifications: " + ", ".join(sorted(kb.certifications)), style="dim")
    while True:
        answer = _ask(
            console,
            f"{question} (ids or names, comma-separated, - for none)",
            ", ".join(c for c in default if c in kb.certifications) or None,
        )
        if answer in ("", "-"):
            return []
        try:
            return list(dict.fromkeys(kb.cert_id(part) for part in answer.split(",") if part.strip()))
        except UnknownName as e:
            console.print(lines(e)[0], style="red", markup=False)


def _ask_level(
    kb: KnowledgeBase, console: Console, skill_id: str, default: int, number: int, total: int, question: str
) -> int:
    skill = kb.skills[skill_id]
    levels = Table.grid(padding=(0, 2))
    levels.add_column(justify="right", style="bold")
    levels.add_column()
    for level in range(6):
        described = skill.levels.get(level)
        levels.add_row(
            str(level), Text(f"{LEVEL_NAMES[level]} — {described}" if described else LEVEL_NAMES[level])
        )
    console.print(
        Text.assemble(
            "\n",
            (f"{number}/{total} {skill.name}", "bold"),
            f" — {skill.description}" if skill.description else "",
        )
    )
    console.print(levels)
    while True:
        answer = _ask(console, question, str(default))
        # int() also reads other scripts' digits (`٣`, `５`), which a profile file refuses: only 0-9 here.
        level = int(answer) if answer.isascii() and answer.isdigit() else -1
        if _refused("skills", {skill_id: level}) is None:
            return level
        console.print("Please answer with a whole number from 0 to 5.", style="red")
