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
from poladder.core.routes import PathResult, Route, SkillChange, Step
from poladder.core.validation import ValidationReport
from poladder.core.wording import about_years, plural
from poladder.model.ladder import LEVEL_NAMES, KnowledgeBase
from poladder.render import more_line, percent, printable, problem_line
from poladder.render.console import SafeConsole

# Every view prints through these two: see poladder.render.console for what they keep out of the terminal.
out = SafeConsole()
err = SafeConsole(stderr=True)

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
    skills = Table(box=box.SIMPLE, title="Skills required", title_justify="left")
    skills.add_column("Skill")
    skills.add_column("Level")
    skills.add_column("")
    for skill_id, need in sorted(result.skills.items(), key=lambda s: (-s[1], s[0])):
        skills.add_row(name_of(kb, "skills", skill_id), f"{need} {LEVEL_NAMES[need]}", bar(need, need))
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
    if result.works_with:
        rel.add_row("Works with", ", ".join(name_of(kb, "roles", r) for r in result.works_with))
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


def skill_changes(changes: list[SkillChange], kb: KnowledgeBase | None) -> Table | str:
    """Skills to raise as aligned rows: bar, from→to, name (the name may wrap, the bar never does)."""
    if not changes:
        return "—"
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for change in changes:
        grid.add_row(
            bar(change.from_, change.to), f"{change.from_}→{change.to}", name_of(kb, "skills", change.skill)
        )
    return grid


def route_table(
    route: Route | PathResult, kb: KnowledgeBase | None, title: str, when: dict[str, str] | None = None
) -> Table:
    """The route's steps; `when` adds to a certification when it can be taken, if not now."""
    when = when or {}
    if narrow():
        return _stacked_route(route, kb, title, when)
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left")
    table.add_column("#", justify="right")
    # Only where each step leads: the title spells out the whole route, and a narrow terminal needs
    # the width for the skills.
    table.add_column("Move to", max_width=16)
    table.add_column("Years", justify="right")
    table.add_column("Skills to raise", ratio=1)
    table.add_column("Certifications", no_wrap=True)
    for number, step in enumerate(route.steps, 1):
        move = Text(name_of(kb, "roles", step.to), style="bold")
        if step.kind != "promotion":
            move.append(f" ({step.kind})", style="dim")
        table.add_row(
            str(number),
            move,
            f"{step.years:g}",
            skill_changes(step.skills, kb),
            "\n".join(c + (f" ({when[c]})" if c in when else "") for c in step.certifications) or "—",
        )
    return table


def _stacked_route(
    route: Route | PathResult, kb: KnowledgeBase | None, title: str, when: dict[str, str]
) -> Table:
    """The steps one under another, for a narrow terminal: the skills get the whole width."""
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", expand=True)
    table.add_column("#", justify="right")
    table.add_column("Move to, years\n  Skills to raise\n  Certifications", ratio=1)
    for number, step in enumerate(route.steps, 1):
        move = Text(name_of(kb, "roles", step.to), style="bold")
        if step.kind != "promotion":
            move.append(f" ({step.kind})", style="dim")
        move.append(f"  {about_years(step.years)}")
        skills = skill_changes(step.skills, kb) if step.skills else Text("Skills to raise: —")
        taken = [c + (f" ({when[c]})" if c in when else "") for c in step.certifications]
        certifications = Text("Certifications: " + (", ".join(taken) or "—"))
        table.add_row(str(number), Group(move, indented(Group(skills, certifications))))
    return table


def path(result: PathResult, kb: KnowledgeBase | None = None) -> None:
    if not result.steps:  # FROM and TO are one role: a table of no steps would only puzzle
        name = name_of(kb, "roles", result.to)
        out.print(Text(f"You are already there: from {name} to {name} there is nothing to do."))
        return
    names = " → ".join(name_of(kb, "roles", r) for r in result.route)
    later = {
        c.certification: f"from {c.eligible_from}" if c.eligible_from else "later"
        for c in result.certifications
        if c.status == "later"
    }
    out.print(route_table(result, kb, f"{names}: {about_years(result.total_years)}", later))
    if result.alternatives:
        table = Table(title="Alternatives", box=box.SIMPLE, title_justify="left")
        table.add_column("Route")
        table.add_column("Years", justify="right")
        for alt in result.alternatives:
            table.add_row(" → ".join(alt.route), f"{alt.total_years:g}")
        out.print(table)
    out.print(move_notes(result.steps, kb))


def move_notes(steps: list[Step], kb: KnowledgeBase | None) -> Text:
    """Where each step's typical years come from: the years are only as good as their source."""
    text = Text("Typical years are indicative.", style="dim")
    for number, step in enumerate(steps, 1):
        if step.note:
            text.append(f"\n{number}. {name_of(kb, 'roles', step.to)}: ", style="dim bold")
            text.append(step.note, style="dim")
    return text


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
