"""Rich views of results, for people. Plain text when NO_COLOR is set or stdout is not a terminal."""

from __future__ import annotations

import math
import re
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from poladder.core.catalogue import (
    CertificationEntry,
    CertificationList,
    RoleEntry,
    RoleList,
    SkillAction,
    SkillList,
    SkillPage,
)
from poladder.core.validation import ValidationReport
from poladder.core.wording import percent, plural
from poladder.model.ladder import LEVEL_NAMES, Cost, Duration, KnowledgeBase
from poladder.render import more_line, printable, problem_line
from poladder.render.console import SafeConsole

# Every view prints through these two: see poladder.render.console for what they keep out of the terminal.
out = SafeConsole()
err = SafeConsole(stderr=True)

# Marks a core skill: what makes a role.
CORE = "★"

# Below this many columns views stack each row's fields (ids first, on a line of their own), so that
# each field gets the whole width, even where a table would fit.
NARROW = 80


def narrow() -> bool:
    return out.width < NARROW


# A column of prose asks for this many characters at least (min_width): narrower, it reads a word or
# two a line, and the rows read better stacked.
PROSE = 24


def fits(table: Table) -> bool:
    """Whether `table` keeps its columns on this terminal; if it does, each column is given a width
    that breaks no word and cuts no id: first its longest word, or its min_width if more (all of a
    column that does not wrap), then the room left shared out evenly to the columns that would still
    wrap. False below NARROW columns, or when those first widths alone are wider than the terminal:
    the view stacks its rows. (Rich's own shrinking of a table too wide for the terminal breaks words
    and cuts ids.)"""
    if narrow():
        return False
    unbounded = out.options.update_width(10_000)
    least, most = [], []
    for column in table.columns:
        sizes = [Measurement.get(out, unbounded, cell) for cell in [column.header, *column.cells]]
        low, high = max(m.minimum for m in sizes), max(m.maximum for m in sizes)
        high = max(low, min(high, column.max_width or high))
        least.append(high if column.no_wrap else max(low, min(high, column.min_width or 0)))
        most.append(high)
    for column in table.columns:  # a width of 1 each: what the table adds is what is left
        column.width = 1
    room = out.width - (out.measure(table, options=unbounded).maximum - len(least))
    widths = least[:]
    spare = room - sum(widths)
    while spare > 0 and (wanting := [i for i, w in enumerate(widths) if w < most[i]]):
        share = max(1, spare // len(wanting))
        for i in wanting:
            given = min(share, most[i] - widths[i], spare)
            widths[i] += given
            spare -= given
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width if spare >= 0 else None
    return spare >= 0


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
    moves = {
        role.id: ", ".join(
            f"{target} ({move.years:g}y{'' if move.kind == 'promotion' else ', ' + move.kind})"
            for target, move in role.next.items()
        )
        or "—"
        for role in result.root
    }
    table = Table(title="The ladder", box=box.SIMPLE_HEAVY)
    table.add_column("Rank", justify="right")
    table.add_column("Id", style="bold", no_wrap=True)  # the name to type: never cut
    table.add_column("Role")
    table.add_column("Moves on to (typical years)", min_width=PROSE)
    for role in result.root:
        table.add_row(str(role.rank), Text(role.id), Text(role.name), Text(moves[role.id]))
    if not fits(table):
        table = Table(title="The ladder", box=box.SIMPLE_HEAVY)
        table.add_column("Rank", justify="right")
        table.add_column("Id  Role\n  Moves on to (typical years)")
        for role in result.root:
            head = Text.assemble((role.id, "bold"), "  ", role.name)
            table.add_row(str(role.rank), Group(head, indented(Text(moves[role.id]))))
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
    caption = "`poladder skill ID` shows one in full"
    table = Table(title="Skills", box=box.SIMPLE_HEAVY, caption=caption)
    table.add_column("Id", style="bold", no_wrap=True)
    table.add_column("Skill")
    table.add_column("Category")
    table.add_column("What it is", min_width=PROSE)
    for skill in result.root:
        table.add_row(
            Text(skill.id), Text(skill.name), Text(skill.category or ""), Text(skill.description or "")
        )
    if not fits(table):
        table = Table(title="Skills", box=box.SIMPLE_HEAVY, caption=caption)
        table.add_column("Id  Skill  Category\n  What it is")
        for skill in result.root:
            head = Text.assemble((skill.id, "bold"), "  ", skill.name)
            if skill.category:
                head.append(f"  {skill.category}", style="dim")
            table.add_row(Group(head, indented(Text(skill.description or ""))))
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
    levels = Table.grid(padding=(0, 2))
    levels.add_column(no_wrap=True)
    levels.add_column()
    entries = []
    for level in result.levels:
        label = Text.assemble(bar(level.level, level.level), f" {level.level} {level.name}")
        lines: list[RenderableType] = [Text(level.description or "—")]
        if level.actions:
            lines.append(bullets([_action(action, kb) for action in level.actions]))
        entries.append((label, Group(*lines)))
        levels.add_row(label, entries[-1][1])
    if not fits(levels):  # a level's words and actions under its heading: they get the width
        levels = Table.grid()
        for label, words in entries:
            levels.add_row(Group(label, indented(words)))
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


def cost_label(cost: Cost | None) -> str | None:
    """What a certification costs, short: `USD 200`, or `varies` when the ladder gives no amount (set by
    each trainer, or not verified: its note says which); None when the ladder says nothing."""
    if cost is None:
        return None
    if cost.amount is None:
        return "varies"
    amount = f"{cost.amount:,.0f}" if cost.amount.is_integer() else f"{cost.amount:,.2f}"
    return f"{cost.currency or ''} {amount}".strip()


def time_labels(duration: Duration | None) -> list[str]:
    """How long its course and exam take, as far as the ladder says: `16 h course`, `60 min exam`."""
    if duration is None:
        return []
    labels = []
    if duration.course_hours is not None:
        hours = duration.course_hours
        labels.append(f"{hours:.0f} h course" if hours.is_integer() else f"{hours:g} h course")
    if duration.exam_minutes is not None:
        labels.append(f"{duration.exam_minutes} min exam")
    return labels


def certification_list(result: CertificationList, kb: KnowledgeBase | None = None) -> None:
    def requires(cert: CertificationEntry) -> Text:
        text = Text(", ".join(cert.requires))
        if not _says_none(cert.prerequisites):
            text.append(("; " if cert.requires else "") + (cert.prerequisites or ""), style="dim")
        return text if text.plain else Text("—")

    title = "Certifications and training"
    table = Table(title=title, box=box.SIMPLE_HEAVY)
    table.add_column("Id", style="bold", no_wrap=True)
    table.add_column("Certification\nCost, time")
    table.add_column("Requires", min_width=PROSE)
    table.add_column("Builds", no_wrap=True)  # skill ids: never cut
    for cert in result.root:
        # Under the provider, what it costs and how long it takes: `USD 200, 60 min exam`.
        figures = ", ".join(filter(None, [cost_label(cert.cost), *time_labels(cert.duration)]))
        name = Text.assemble(cert.name, ("\n" + cert.provider, "dim"), "\n" + figures if figures else "")
        builds = "\n".join(f"{skill} {level}" for skill, level in cert.builds.items())
        table.add_row(Text(cert.id), name, requires(cert), Text(builds))
    if not fits(table):
        table = Table(title=title, box=box.SIMPLE_HEAVY)
        table.add_column("Id  Certification\n  Requires, builds, cost, time")
        for cert in result.root:
            builds = ", ".join(f"{skill} {level}" for skill, level in cert.builds.items())
            head = Text.assemble((cert.id, "bold"), "  ", cert.name)
            lines = [Text(cert.provider, style="dim"), Text("Requires: ").append_text(requires(cert))]
            if builds:
                lines.append(Text(f"Builds: {builds}"))
            if cost := cost_label(cert.cost):
                lines.append(Text(f"Cost: {cost}"))
            if times := time_labels(cert.duration):
                lines.append(Text(f"Time: {', '.join(times)}"))
            table.add_row(Group(head, indented(Group(*lines))))
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
