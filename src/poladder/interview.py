"""The interactive self-assessment: questions on stderr, answers from stdin.

Each skill question shows what every level looks like but not the level any role requires, so the
answers are not anchored. Defaults are the answers given last time. Ctrl-C or end of input raises,
and the CLI exits 130 having saved nothing.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from poladder.assess import next_promotion
from poladder.errors import UsageError
from poladder.knowledge import LEVEL_NAMES, KnowledgeBase
from poladder.profile import Profile


def interview(kb: KnowledgeBase, last: Profile | None, all_skills: bool, console: Console) -> Profile:
    last = last or Profile()
    console.print(
        Text.assemble(
            ("poladder self-assessment", "bold"), "  (Enter keeps the answer in brackets; Ctrl-C stops)"
        )
    )
    console.print("Roles: " + ", ".join(sorted(kb.roles, key=lambda r: (kb.roles[r].rank, r))), style="dim")
    role = _ask_role(kb, console, "Your current role", last.role)
    target = _ask_role(kb, console, "The role you want next", last.target or next_promotion(kb, role))
    years = _ask_years(console, last.years)
    certifications = _ask_certifications(kb, console, last.certifications)
    wanted = set(kb.skills) if all_skills else {s for r in (role, target) if r for s in kb.roles[r].skills}
    skills: dict[str, int] = {}
    for number, skill_id in enumerate(sorted(wanted, key=lambda s: kb.skills[s].name.lower()), 1):
        skills[skill_id] = _ask_level(
            kb, console, skill_id, last.skills.get(skill_id, 0), number, len(wanted)
        )
    # Skills asked about before but not this time keep their last answer: one question set is not a reset.
    kept = {s: level for s, level in last.skills.items() if s in kb.skills and s not in wanted}
    return Profile(
        name=last.name,
        role=role,
        target=target,
        years=years,
        skills={**kept, **skills},
        certifications=certifications,
    )


def _ask(console: Console, question: str, default: str | None) -> str:
    # Text, not markup: the question and the default hold names from the ladder.
    prompt = Text.assemble(("?", "bold cyan"), f" {question}", f" [{default}]" if default else "", ": ")
    answer = console.input(prompt).strip()
    return answer or (default or "")


def _ask_role(kb: KnowledgeBase, console: Console, question: str, default: str | None) -> str | None:
    """A role id, or None when left blank: both questions may go unanswered."""
    while True:
        answer = _ask(console, question + ("" if default else " (blank for none)"), default)
        if not answer:
            return None
        try:
            return kb.role_id(answer)
        except UsageError as e:
            console.print(e.lines[0], style="red", markup=False)


def _ask_years(console: Console, default: float | None) -> float | None:
    while True:
        answer = _ask(console, "Years in product roles", None if default is None else f"{default:g}")
        if not answer:
            return None
        try:
            years = float(answer)
        except ValueError:
            years = -1
        if years >= 0:
            return years
        console.print("Please give a number of years, like 3 or 1.5.", style="red")


def _ask_certifications(kb: KnowledgeBase, console: Console, default: list[str]) -> list[str]:
    console.print("Certifications: " + ", ".join(sorted(kb.certifications)), style="dim")
    while True:
        answer = _ask(
            console,
            "Certifications you hold (comma-separated, - for none)",
            ", ".join(c for c in default if c in kb.certifications) or None,
        )
        if answer in ("", "-"):
            return []
        try:
            return list(dict.fromkeys(kb.cert_id(part) for part in answer.split(",") if part.strip()))
        except UsageError as e:
            console.print(e.lines[0], style="red", markup=False)


def _ask_level(
    kb: KnowledgeBase, console: Console, skill_id: str, default: int, number: int, total: int
) -> int:
    skill = kb.skills[skill_id]
    levels = Table.grid(padding=(0, 2))
    levels.add_column(justify="right", style="bold")
    levels.add_column()
    for level in range(6):
        described = skill.levels.get(level)
        levels.add_row(str(level), f"{LEVEL_NAMES[level]} — {described}" if described else LEVEL_NAMES[level])
    console.print(
        Text.assemble(
            "\n",
            (f"{number}/{total} {skill.name}", "bold"),
            f" — {skill.description}" if skill.description else "",
        )
    )
    console.print(levels)
    while True:
        answer = _ask(console, "Your level (0-5)", str(default))
        if answer.isdigit() and 0 <= int(answer) <= 5:
            return int(answer)
        console.print("Please answer with a whole number from 0 to 5.", style="red")
