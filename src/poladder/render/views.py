"""Rich views of results, for people. Plain text when NO_COLOR is set or stdout is not a terminal."""

from __future__ import annotations

import math
import re
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from poladder.core.catalogue import CertificationList, RoleEntry, RoleList, SkillAction, SkillList, SkillPage
from poladder.core.validation import ValidationReport
from poladder.core.wording import plural
from poladder.model.ladder import LEVEL_NAMES, KnowledgeBase
from poladder.render import more_line, percent, printable, problem_line
from poladder.render.console import SafeConsole

# Every view prints through these two: see poladder.render.console for what they keep out of the terminal.
out = SafeConsole()
err = SafeConsole(stderr=True)

# Marks a core skill: what makes a role.
CORE = "★"

# Below this many columns, tables of several wrapping columns break words in two and cut ids short, so
# views stack each row's fields instead (ids first, on a line of their own, never cut).
NARROW = 80


def narrow() -> bool:
    return out.width < NARROW


def indented(renderable: RenderableType, by: int = 2) -> Padding:
    """Lines under an entry's first line, indented so that entries stay apart without colour."""
    return Padding(renderable, (0, 0, 0, by))


def bar(have: int, need: int, width: int = 5) -> Text:
    """A have-vs-need bar: filled cells for what you have, hollow ones for what is still missing."""
    text = Text()
    for level in range(1, width + 1):
        if level <= min(have, need):
            text.append("█", style="green")
        elif level <= need:
            text.append("░", style="red")
        elif level <= have:
            text.append("█", style="cyan")
        else:
            text.append("·", style="dim")
    return text


def skill_line(name: str, have: int, need: int) -> Text:
    """`Prioritisation  2 → 4  ██░░·`: a skill to raise, from the level held to the level needed."""
    line = Text(name, style="bold")
    line.append(f"  {have} → {need}  ")
    line.append_text(bar(have, need))
    return line


def bullets(items: list[str] | list[Text], style: str = "") -> Table:
    """A bulleted list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", item if isinstance(item, Text) else Text(item, style=style))
    return grid


def name_of(kb: KnowledgeBase | None, kind: str, ident: str) -> str:
    if kb is None:
        return ident
    table: dict[str, Any] = getattr(kb, kind)
    entry = table.get(ident)
    return entry.name if entry is not None else ident


def role_list(result: RoleList, kb: KnowledgeBase | None = None) -> None:
    table = Table(title="The ladder", box=box.SIMPLE_HEAVY)
    table.add_column("Rank", justify="right")
    stacked = narrow()
    if stacked:
        table.add_column("Id  Role\n  Moves on to (typical years)")
    else:
        table.add_column("Id", style="bold", no_wrap=True)  # the name to type: never cut
        table.add_column("Role")
        table.add_column("Moves on to (typical years)")
    for role in result.root:
        moves = ", ".join(
            f"{target} ({move.years:g}y{'' if move.kind == 'promotion' else ', ' + move.kind})"
            for target, move in role.next.items()
        )
        if stacked:
            head = Text.assemble((role.id, "bold"), "  ", role.name)
            table.add_row(str(role.rank), Group(head, indented(Text(moves or "—"))))
        else:
            table.add_row(str(role.rank), Text(role.id), Text(role.name), Text(moves or "—"))
    out.print(table)


def role(result: RoleEntry, kb: KnowledgeBase | None = None) -> None:
    head = Text.assemble((result.name, "bold"), f"  ({result.id}, rank {result.rank}", ")")
    if result.aliases:
        head.append(f"\nalso: {', '.join(result.aliases)}", style="dim")
    parts: list[Any] = [head]
    if result.summary:
        parts.append(Text(result.summary))
    if result.responsibilities:
        parts.append(Text("\nResponsibilities", style="bold"))
        parts.append(indented(bullets(result.responsibilities)))
    if result.core:
        parts.append(Text("\nCore skills — what makes the role", style="bold"))
        parts.append(indented(Text(", ".join(name_of(kb, "skills", c) for c in result.core))))
    skills = Table(
        box=box.SIMPLE,
        title="Skills required",
        title_justify="left",
        caption=f"{CORE} core skill" if result.core else None,
        caption_justify="left",
    )
    skills.add_column("Skill")
    skills.add_column("Level")
    skills.add_column("")
    order = list(result.skills)
    for skill_id, need in sorted(
        result.skills.items(), key=lambda s: (s[0] not in result.core, -s[1], order.index(s[0]))
    ):
        name = Text(name_of(kb, "skills", skill_id))
        if skill_id in result.core:
            name.append(f" {CORE}", style="bold")
        skills.add_row(name, f"{need} {LEVEL_NAMES[need]}", bar(need, need))
    parts.append(skills)
    rel = Table.grid(padding=(0, 2))
    rel.add_column(style="bold")
    rel.add_column()
    if result.certifications:
        rel.add_row(
            "Certifications",
            ", ".join(f"{name_of(kb, 'certifications', c)} ({c})" for c in result.certifications),
        )
    reports = [name_of(kb, "roles", r) for r in result.reports_to]
    reports += [f"{outside} (outside the ladder)" for outside in result.reports_to_outside]
    if reports:
        rel.add_row("Reports to", ", ".join(reports))
    works = ", ".join(name_of(kb, "roles", r) for r in result.works_with)
    if result.works_with_outside:
        works += ("; " if works else "") + "outside the ladder: " + ", ".join(result.works_with_outside)
    if works:
        rel.add_row("Works with", works)
    if result.next:
        rel.add_row(
            "Moves on to",
            ", ".join(f"{name_of(kb, 'roles', t)} ({m.years:g}y {m.kind})" for t, m in result.next.items()),
        )
    if kb is not None:
        into = [
            f"{name_of(kb, 'roles', r)} ({role.next[result.id].years:g}y)"
            for r, role in kb.roles.items()
            if result.id in role.next
        ]
        if into:
            rel.add_row("Reached from", ", ".join(into))
    parts.append(rel)
    out.print(Panel(Group(*parts), box=box.ROUNDED, expand=False))


def skill_list(result: SkillList, kb: KnowledgeBase | None = None) -> None:
    table = Table(title="Skills", box=box.SIMPLE_HEAVY, caption="`poladder skill ID` shows one in full")
    if narrow():
        table.add_column("Id  Skill  Category\n  What it is")
        for skill in result.root:
            head = Text.assemble((skill.id, "bold"), "  ", skill.name)
            if skill.category:
                head.append(f"  {skill.category}", style="dim")
            table.add_row(Group(head, indented(Text(skill.description or ""))))
    else:
        table.add_column("Id", style="bold", no_wrap=True)
        table.add_column("Skill")
        table.add_column("Category")
        table.add_column("What it is")
        for skill in result.root:
            table.add_row(
                Text(skill.id), Text(skill.name), Text(skill.category or ""), Text(skill.description or "")
            )
    out.print(table)


def _action(action: SkillAction, kb: KnowledgeBase | None) -> Text:
    text = Text(action.text)
    if action.certification:  # say which certification: by name, unless the text names it already
        name = name_of(kb, "certifications", action.certification)
        names = [name, re.sub(r"\s*\([^()]*\)", "", name), *re.findall(r"\(([^()]*)\)", name)]
        named = any(re.search(rf"\b{re.escape(n.strip())}\b", action.text, re.I) for n in names if n.strip())
        text.append(f" ({action.certification})" if named else f" — {name} ({action.certification})", "dim")
    return text


def skill_page(result: SkillPage, kb: KnowledgeBase | None = None) -> None:
    head = Text.assemble((result.name, "bold"), f"  ({result.id}")
    head.append(f", {result.category})" if result.category else ")")
    parts: list[RenderableType] = [head]
    if result.description:
        parts.append(Text(result.description))
    # A level's words and actions under a heading of their own: on a narrow terminal they get the width.
    stacked = narrow()
    levels = Table.grid(padding=(0, 2))
    if not stacked:
        levels.add_column(no_wrap=True)
    levels.add_column()
    for level in result.levels:
        label = Text.assemble(bar(level.level, level.level), f" {level.level} {level.name}")
        lines: list[RenderableType] = [Text(level.description or "—")]
        if level.actions:
            lines.append(bullets([_action(action, kb) for action in level.actions]))
        if stacked:
            levels.add_row(Group(label, indented(Group(*lines))))
        else:
            levels.add_row(label, Group(*lines))
    parts += [Text("\nWhat each level looks like, and how to grow to it", style="bold"), levels]
    if result.actions:
        parts.append(Text("\nAt any level", style="bold"))
        parts.append(bullets([_action(action, kb) for action in result.actions]))
    roles = Table.grid(padding=(0, 2))
    roles.add_column(no_wrap=True)
    roles.add_column()
    for need in result.roles:
        roles.add_row(
            Text.assemble(bar(need.level, need.level), f" {need.level}"),
            Text(f"{name_of(kb, 'roles', need.role)} ({need.role})"),
        )
    parts += [
        Text("\nRoles that need it, and at which level", style="bold"),
        roles if result.roles else Text("None."),
    ]
    builds = Table.grid(padding=(0, 2))
    builds.add_column(no_wrap=True)
    builds.add_column()
    for cert in result.certifications:
        builds.add_row(
            Text(f"→ {cert.level}"),
            Text(f"{name_of(kb, 'certifications', cert.certification)} ({cert.certification})"),
        )
    parts.append(Text("\nCertifications that build it, and to which level", style="bold"))
    parts.append(builds if result.certifications else Text("None."))
    if result.sources:
        parts.append(Text("\nSources: " + ", ".join(result.sources), style="dim"))
    out.print(Group(*parts))


def _says_none(text: str | None) -> bool:
    """A prerequisites text that only says there are none ("None.") is shown like no text: "—"."""
    return not text or text.strip().rstrip(".").strip().lower() in ("none", "no", "n/a", "-", "—")


def certification_list(result: CertificationList, kb: KnowledgeBase | None = None) -> None:
    table = Table(title="Certifications and training", box=box.SIMPLE_HEAVY)
    stacked = narrow()
    if stacked:
        table.add_column("Id  Certification\n  Requires, builds")
    else:
        table.add_column("Id", style="bold", no_wrap=True)
        table.add_column("Certification")
        table.add_column("Requires")
        table.add_column("Builds", no_wrap=True)  # skill ids: never cut
    for cert in result.root:
        requires = Text(", ".join(cert.requires))
        if not _says_none(cert.prerequisites):
            requires.append(("; " if cert.requires else "") + (cert.prerequisites or ""), style="dim")
        if not requires.plain:
            requires = Text("—")
        if stacked:
            builds = ", ".join(f"{skill} {level}" for skill, level in cert.builds.items())
            head = Text.assemble((cert.id, "bold"), "  ", cert.name)
            lines = [Text(cert.provider, style="dim"), Text("Requires: ").append_text(requires)]
            if builds:
                lines.append(Text(f"Builds: {builds}"))
            table.add_row(Group(head, indented(Group(*lines))))
        else:
            name = Text.assemble(cert.name, ("\n" + cert.provider, "dim"))
            builds = "\n".join(f"{skill} {level}" for skill, level in cert.builds.items())
            table.add_row(Text(cert.id), name, requires, Text(builds))
    out.print(table)


def percent_bar(fraction: float, width: int = 20) -> Text:
    filled = math.floor(fraction * width + 1e-9)  # a full bar only when ready, as the percentage
    return Text.assemble(("█" * filled, "green"), ("░" * (width - filled), "red"), f" {percent(fraction)}")


def validation(result: ValidationReport, kb: KnowledgeBase | None = None) -> None:
    # Plain lines, like every other error and warning: control characters made visible, not dropped.
    lines = [problem_line(problem) for problem in result.errors]
    if result.error_count > len(result.errors):
        lines.append(more_line(result.path, result.error_count - len(result.errors)))
    for line in lines:
        err.print(printable(line), markup=False, highlight=False, soft_wrap=True)
    for problem in result.warnings:
        err.print(
            printable(problem_line(problem)), markup=False, highlight=False, soft_wrap=True, style="yellow"
        )
    if result.ok:
        counts = ", ".join(plural(n, what.removesuffix("s")) for what, n in result.counts.items())
        note = f" ({plural(len(result.warnings), 'warning')})" if result.warnings else ""
        out.print(f"{printable(result.path)}: valid — {counts}{note}", markup=False, soft_wrap=True)
    else:
        err.print(
            f"{printable(result.path)}: {plural(result.error_count, 'error')}", markup=False, soft_wrap=True
        )
