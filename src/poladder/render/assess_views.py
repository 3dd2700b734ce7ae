"""The assessment for people: a coach's summary that fits a screen, and everything with `--all`.

The usual view leads with the focus for the next step, then the certifications to take now and the
next ones possible later, then the route as one line a step. `--all` adds the gaps for the target,
every certification and the complete list of steps. Imported by the end of poladder.render.views.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from poladder.core.advice import CertificationAdvice
from poladder.core.assess import Assessment, FocusSkill, NextStep
from poladder.core.wording import about_years, plural, sentence, years_text
from poladder.model.ladder import KnowledgeBase
from poladder.render.views import bar, bullets, name_of, out, percent_bar, skill_line

# How many certifications of each kind the usual view shows; the rest are one --all away.
CERTIFICATIONS_SHOWN = 3


def _summary(result: Assessment, kb: KnowledgeBase | None) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    fit = name_of(kb, "roles", result.best_fit) if result.best_fit else None
    if result.role:
        line = Text(name_of(kb, "roles", result.role))
        if result.best_fit != result.role:
            line.append(f"  (best fit: {fit or 'none yet'})", style="dim")
        grid.add_row("Your role", line)
    else:
        grid.add_row(
            "Best fit",
            Text(fit) if fit else Text("none yet — no role has all its required levels met", style="yellow"),
        )
    if result.target and result.readiness is not None:
        grid.add_row(
            "Target",
            Text.assemble(name_of(kb, "roles", result.target), "  ", percent_bar(result.readiness, 10)),
        )
    else:
        grid.add_row("Target", Text("none — give --target ROLE", style="yellow"))
    if len(result.route) > 2:
        nxt = result.route[1]
        ready = next((r.readiness for r in result.next_roles if r.role == nxt), None)
        line = Text(name_of(kb, "roles", nxt))
        if ready is not None:
            line.append("  ")
            line.append_text(percent_bar(ready, 10))
        grid.add_row("Next step", line)
    title = f"{result.name} — where you stand" if result.name else "Where you stand"
    if result.view != "self":  # a rater's levels, not the person's own: the title says whose
        title += f" ({result.view}'s view)"
    return Panel(grid, title=Text(title), title_align="left", box=box.ROUNDED, expand=False)


def _focus(result: Assessment, kb: KnowledgeBase | None) -> Group | Text:
    if not result.focus:
        if result.target:
            return Text("Nothing to raise for your next step: you meet every level it needs.", style="green")
        return Text("")
    step = result.route[1] if len(result.route) > 1 else result.target
    heading = Text("Focus for your next step", style="bold")
    if step:
        heading.append(f": {name_of(kb, 'roles', step)}", style="bold")
    return Group(heading, *(_focus_skill(number, item, kb) for number, item in enumerate(result.focus, 1)))


def _focus_skill(number: int, item: FocusSkill, kb: KnowledgeBase | None) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, width=2)
    grid.add_column(ratio=1)
    grid.add_row(f"{number}", skill_line(name_of(kb, "skills", item.skill), item.have, item.need))
    grid.add_row("", Text(sentence(item.why), style="dim"))
    if item.actions:
        grid.add_row("", bullets([action.text for action in item.actions]))
    else:
        grid.add_row("", Text("The ladder has no action for this level yet.", style="dim"))
    return grid


def _certification_rows(certs: list[CertificationAdvice], kb: KnowledgeBase | None) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for advice in certs:
        name = Text(name_of(kb, "certifications", advice.certification), style="bold")
        if advice.status == "now":
            status = Text("now", style="green")
        else:
            status = Text("later", style="yellow")
            if advice.eligible_from:
                name.append(f" — from {advice.eligible_from}")
            if advice.missing:
                name.append(f" ({'; '.join(advice.missing)})", style="dim")
        name.append("\n" + sentence(advice.why), style="dim")
        grid.add_row(status, name)
    return grid


def _certifications(result: Assessment, kb: KnowledgeBase | None, everything: bool) -> Group | None:
    if not result.certifications:
        return None
    now = [c for c in result.certifications if c.status == "now"]
    # The later ones that come first: dated soonest, then those with a date unknown, in route order.
    later = sorted(
        (c for c in result.certifications if c.status == "later"),
        key=lambda c: (c.eligible_from is None, c.eligible_from or "", c.step),
    )
    shown = now + later if everything else now[:CERTIFICATIONS_SHOWN] + later[:CERTIFICATIONS_SHOWN]
    parts: list[Text | Table] = [
        Text("Certifications on your route", style="bold"),
        _certification_rows(shown, kb),
    ]
    if len(shown) < len(result.certifications):
        parts.append(
            Text(f"… and {len(result.certifications) - len(shown)} more: --all lists them", style="dim")
        )
    return Group(*parts)


def _route(result: Assessment, kb: KnowledgeBase | None) -> Group | None:
    if len(result.route) < 2:
        return None
    table = Table(box=None, padding=(0, 2, 0, 0), show_header=False, pad_edge=False)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    table.add_column(no_wrap=True, justify="right")
    table.add_column(no_wrap=True)
    counts: dict[int, tuple[set[str], set[str]]] = {}
    for step in result.next_steps:
        skills, certs = counts.setdefault(step.step, (set(), set()))
        if step.skill:
            skills.add(step.skill)
        if step.certification and step.kind == "certification":
            certs.add(step.certification)
    for number, role in enumerate(result.route[1:], 1):
        skills, certs = counts.get(number, (set(), set()))
        what = plural(len(skills), "skill")
        if certs:
            what += ", " + plural(len(certs), "certification")
        years = next((s.years for s in result.next_steps if s.kind == "move" and s.step == number), None)
        table.add_row(
            str(number),
            Text(name_of(kb, "roles", role)),
            years_text(years) if years is not None else "",
            Text(what, style="dim"),
        )
    heading = Text(
        f"Route to {name_of(kb, 'roles', result.route[-1])}: {about_years(result.route_years or 0)}",
        style="bold",
    )
    return Group(heading, table)


def _sections(result: Assessment, kb: KnowledgeBase | None, everything: bool) -> list[Panel | Group | Text]:
    parts: list[Panel | Group | Text] = [_summary(result, kb), _focus(result, kb)]
    certs = _certifications(result, kb, everything)
    if certs is not None:
        parts += [Text(""), certs]
    route = _route(result, kb)
    if route is not None:
        parts += [Text(""), route]
    return parts


def assessment(result: Assessment, kb: KnowledgeBase | None = None) -> None:
    for part in _sections(result, kb, everything=False):
        out.print(part)
    hidden = len(result.next_steps)
    out.print(
        Text(
            f"\n--all shows the gaps, every certification and all {hidden} steps; "
            "`poladder plan` puts dates on them.",
            style="dim",
        )
    )


def assessment_in_full(result: Assessment, kb: KnowledgeBase | None = None) -> None:
    parts = _sections(result, kb, everything=True)
    out.print(parts[0])
    if result.gaps and result.target:
        gaps = Table(
            title=Text(f"Gaps for {name_of(kb, 'roles', result.target)}", style="bold"),
            box=box.SIMPLE_HEAVY,
            title_justify="left",
        )
        gaps.add_column("Skill", ratio=1)
        gaps.add_column("Have", justify="right", no_wrap=True)
        gaps.add_column("Need", justify="right", no_wrap=True)
        gaps.add_column("", no_wrap=True)
        for gap in result.gaps:
            gaps.add_row(
                Text(name_of(kb, "skills", gap.skill)), str(gap.have), str(gap.need), bar(gap.have, gap.need)
            )
        out.print(gaps)
    for part in parts[1:]:
        out.print(part)
    out.print()
    out.print(_steps(result.next_steps, kb))


def _steps(steps: list[NextStep], kb: KnowledgeBase | None) -> Group:
    parts: list[Text | Table] = [Text("Every step", style="bold")]
    current: int | None = None
    grid = Table.grid()
    for step in steps:
        if step.step != current:
            current = step.step
            heading = "Your own role" if step.step == 0 else f"Step {step.step}"
            if step.role:
                heading += f": {name_of(kb, 'roles', step.role)}"
            parts.append(Text(heading, style="bold underline"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(ratio=1)
            parts.append(grid)
        if step.kind == "action":
            label = name_of(kb, "skills", step.skill or "")
            marker = Text("•")
            text = Text(step.text)
            text.append(f"  ({label}{f' → {step.level}' if step.level else ''})", style="dim")
        elif step.kind == "certification":
            marker = Text(
                "✓" if step.status == "now" else "…", style="green" if step.status == "now" else "yellow"
            )
            text = Text(step.text)
        else:
            marker = Text("→", style="bold")
            text = Text(step.text, style="bold")
        grid.add_row(marker, text)
    return Group(*parts)
