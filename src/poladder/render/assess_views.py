"""The assessment for people: a coach's summary that fits a screen, and everything with `--all`.

The usual view leads with where you stand and the verdict on your next step (ready now, close, not
yet, and why), your strengths, then the focus for the next step, how people make the move (or, when
you are ready, how to make the case), the certifications worth taking, the best next roles and the
route. `--all` adds the gaps for the target, every certification, every next role and the complete
list of steps, each move with how people make it and its pitfalls.
"""

from __future__ import annotations

import re

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from poladder.core.advice import NO_ACTION, CertificationAdvice, stretch_note
from poladder.core.assess import Assessment, FocusSkill
from poladder.core.choice import NextRole
from poladder.core.steps import NextStep
from poladder.core.wording import about_years, listed, percent, sentence, years_text
from poladder.model.ladder import KnowledgeBase
from poladder.render.views import bar, bullets, indented, name_of, out, percent_bar, skill_line

# How many of each the usual view shows; the rest are one --all away.
CERTIFICATIONS_SHOWN = 2
STRENGTHS_SHOWN = 4
OPTIONS_SHOWN = 3
STRETCH = "↗"
VERDICTS = {"ready": ("Ready now", "green"), "close": ("Close", "yellow"), "not-yet": ("Not yet", "red")}


def _summary(result: Assessment, kb: KnowledgeBase | None) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    fit = name_of(kb, "roles", result.best_fit) if result.best_fit else None
    served = result.verdict.served if result.verdict is not None else None
    if result.role:
        line = Text(name_of(kb, "roles", result.role))
        if served is not None:
            line.append(f", {years_text(served)}")
            if result.verdict is not None and result.verdict.assumed_served:
                line.append(" (assumed)", style="dim")
        grid.add_row("Your role", line)
    if result.best_fit != result.role or result.best_fit_gaps or not result.role:
        if fit:
            line = Text(fit)
            if result.best_fit_gaps:
                short = listed(
                    [f"{name_of(kb, 'skills', g.skill)} {g.have} → {g.need}" for g in result.best_fit_gaps]
                )
                line.append(f" — but for {short}", style="dim")
        else:
            line = Text("none yet — no role has its levels met", style="yellow")
        grid.add_row("Best fit", line)
    if result.target and result.readiness is not None:
        grid.add_row(
            "Target",
            Text.assemble(name_of(kb, "roles", result.target), "  ", percent_bar(result.readiness, 10)),
        )
    else:
        grid.add_row("Target", Text("none — give --target ROLE", style="yellow"))
    title = f"{result.name} — where you stand" if result.name else "Where you stand"
    if result.view != "self":  # a rater's levels, not the person's own: the title says whose
        title += f" ({result.view}'s view)"
    return Panel(grid, title=Text(title), title_align="left", box=box.ROUNDED, expand=False)


def _verdict(result: Assessment, kb: KnowledgeBase | None) -> Group | Text | None:
    found = result.verdict
    if found is None and result.role and result.target and result.target != result.role and not result.route:
        # A target no move of the ladder leads to (a step down, say): say so, not a silent focus.
        here, there = name_of(kb, "roles", result.role), name_of(kb, "roles", result.target)
        return Text(
            f"No route from {here} to {there} in this ladder: no move leads there from your role. "
            f"`poladder roles` shows where each role leads.",
            style="yellow",
        )
    if found is None:
        return None
    label, style = VERDICTS[found.status]
    heading = Text(f"{label}: ", style=f"bold {style}")
    heading.append(name_of(kb, "roles", found.role), style="bold")
    if found.status != "ready":
        heading.append(f", {about_years(found.years_left)}", style="bold")
    *reasons, caveat = found.reasons
    parts: list[RenderableType] = [heading, bullets([sentence(r) for r in reasons])]
    parts.append(Text(sentence(caveat) + ".", style="dim"))
    if result.strengths:
        shown = result.strengths[:STRENGTHS_SHOWN]
        line = Text("Your strengths: ", style="bold")
        line.append(", ".join(f"{name_of(kb, 'skills', s.skill)} {s.have}" for s in shown))
        parts.append(line)
    return Group(*parts)


def _focus(result: Assessment, kb: KnowledgeBase | None) -> Group | Text | None:
    if result.focus_size == 0:
        return None
    step = result.focus_role
    if not result.focus:
        if step:
            return Text("Nothing to raise for your next step: you meet every level it needs.", style="green")
        return None
    rolled = result.verdict is not None and result.verdict.status == "ready" and step != result.verdict.role
    heading = Text("Focus beyond your next step" if rolled else "Focus for your next step", style="bold")
    if step:
        heading.append(f": {name_of(kb, 'roles', step)}", style="bold")
    items: list[RenderableType] = [heading]
    items += [_focus_skill(number, item, kb) for number, item in enumerate(result.focus, 1)]
    if any(item.stretch for item in result.focus) and step:
        items.append(Text(f"{STRETCH} {stretch_note(name_of(kb, 'roles', step))}.", style="dim"))
    return Group(*items)


def _focus_skill(number: int, item: FocusSkill, kb: KnowledgeBase | None) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, width=2)
    grid.add_column(ratio=1)
    line = skill_line(name_of(kb, "skills", item.skill), item.have, item.need)
    if item.stretch:
        line.append(f"  {STRETCH} stretch", style="bold")
    grid.add_row(f"{number}", line)
    grid.add_row("", Text(sentence(item.why), style="dim"))
    if item.actions:
        grid.add_row("", bullets([action.text for action in item.actions]))
    else:
        grid.add_row("", Text(f"{NO_ACTION}.", style="dim"))
    return grid


def _move(result: Assessment, kb: KnowledgeBase | None, everything: bool) -> Group | None:
    """How people make the next move (two ways and the first pitfall; --all: every one), and when you
    are ready, how to make the case first."""
    found = result.verdict
    move = next((s for s in result.next_steps if s.kind == "move" and s.step == 1), None)
    parts: list[RenderableType] = []
    if found is not None and found.make_the_case:
        parts += [Text("Make the case", style="bold green"), bullets(found.make_the_case)]
    if move is not None and (move.how or move.pitfalls):
        heading = "How people make this move" if not parts else "What has worked for others"
        parts.append(Text(heading, style="bold"))
        parts.append(_how(move, everything))
    return Group(*parts) if parts else None


def _how(move: NextStep, everything: bool = True) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for how in move.how if everything else move.how[:2]:
        grid.add_row("•", Text(how))
    for pitfall in move.pitfalls if everything else move.pitfalls[:1]:
        grid.add_row(Text("!", style="bold yellow"), Text(f"Pitfall: {pitfall}", style="dim"))
    return grid


def _certification_name(advice: CertificationAdvice, kb: KnowledgeBase | None, everything: bool) -> Text:
    """Its name in full (--all), else by its short name (`A-CSPO or PSPO II`), which the ladder's names
    end in; a choice of several always by their short names."""
    if not advice.alternatives and everything:
        return Text(name_of(kb, "certifications", advice.certification), style="bold")
    names = [
        short_name(name_of(kb, "certifications", c)) for c in (advice.certification, *advice.alternatives)
    ]
    return Text(" or ".join(names), style="bold")


def short_name(name: str) -> str:
    """`Certified Scrum Product Owner (CSPO)`: CSPO; a name without parentheses stays whole."""
    found = re.findall(r"\(([^()]+)\)\s*$", name)
    return found[0] if found else name


def _for(advice: CertificationAdvice, origin: str | None, kb: KnowledgeBase | None) -> str:
    """Whom a certification is for, in a few words (--all has the whole reason)."""
    if advice.step == 0:
        return (
            "for your role"
            if advice.role == origin
            else f"for {name_of(kb, 'roles', advice.role)}, your track"
        )
    where = "your next step" if advice.step == 1 else f"step {advice.step}"
    return f"for {name_of(kb, 'roles', advice.role)}, {where}"


def _certification_rows(
    certs: list[CertificationAdvice], kb: KnowledgeBase | None, origin: str | None, everything: bool
) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for advice in certs:
        name = _certification_name(advice, kb, everything)
        if advice.status == "now":
            status = Text("now", style="green")
        elif advice.status == "conditional":
            status = Text("if", style="cyan")
        else:
            status = Text("later", style="yellow")
            if advice.eligible_from:
                name.append(f" — from {advice.eligible_from}")
            if advice.missing:
                name.append(f" ({'; '.join(advice.missing)})", style="dim")
        note = sentence(advice.why) if everything else _for(advice, origin, kb)
        if advice.condition:
            note += f"; {advice.condition}"
        name.append(("\n" if everything else " — ") + note, style="dim")
        grid.add_row(status, name)
    return grid


def _certifications(result: Assessment, kb: KnowledgeBase | None, everything: bool) -> Group | None:
    if not result.certifications:
        return None
    # The next step's first: it is what the move needs; your own role's after.
    now = sorted((c for c in result.certifications if c.status == "now"), key=lambda c: c.step != 1)
    maybe = [c for c in result.certifications if c.status == "conditional"]
    # The later ones that come first: the next steps', dated soonest, then those with a date unknown.
    later = sorted(
        (c for c in result.certifications if c.status == "later"),
        key=lambda c: (c.step, c.eligible_from is None, c.eligible_from or "", c.role),
    )
    shown = (
        now + maybe + later
        if everything
        else now[:CERTIFICATIONS_SHOWN] + maybe[:1] + later[: max(1, CERTIFICATIONS_SHOWN - len(now))]
    )
    parts: list[Text | Table] = [
        Text("Certifications worth taking", style="bold"),
        _certification_rows(shown, kb, result.route[0] if result.route else result.role, everything),
    ]
    if len(shown) < len(result.certifications):
        parts.append(
            Text(f"… and {len(result.certifications) - len(shown)} more: --all lists them", style="dim")
        )
    return Group(*parts)


def _options(result: Assessment, kb: KnowledgeBase | None, everything: bool) -> Group | None:
    if len(result.options) < 2:
        return None
    table = Table(box=None, padding=(0, 2, 0, 0), show_header=False, pad_edge=False)
    table.add_column(ratio=1)
    table.add_column(no_wrap=True, justify="right")
    table.add_column(no_wrap=True)
    shown = result.options if everything else result.options[:OPTIONS_SHOWN]
    for option in shown:
        table.add_row(_option_name(option, kb), percent(option.readiness), _option_status(option))
    return Group(Text("Your best next roles", style="bold"), table)


def _option_name(option: NextRole, kb: KnowledgeBase | None) -> Text:
    name = Text(name_of(kb, "roles", option.role), style="bold" if option.on_route else "")
    if option.kind != "promotion":
        name.append(f" ({option.kind})", style="dim")
    if option.on_route:
        name.append(" ← your route", style="dim")
    return name


def _option_status(option: NextRole) -> Text:
    label, style = VERDICTS[option.status]
    text = Text(label.lower(), style=style)
    if option.status != "ready":
        text.append(f", {years_text(option.years_left)}")
    return text


def _route(result: Assessment, kb: KnowledgeBase | None) -> Group | None:
    if len(result.route) < 3:  # one step: the verdict and the next roles have said it all
        return None
    when = f"{about_years(result.route_years)} for you" if result.route_years else "ready now"
    heading = Text(f"Route, {when}: ", style="bold")
    stops = Text()
    for number, role in enumerate(result.route[1:], 1):
        years = next((s.years for s in result.next_steps if s.kind == "move" and s.step == number), None)
        if number == 1 and result.verdict is not None:
            years = result.verdict.years_left
        if number > 1:
            stops.append(" → ")
        stops.append(name_of(kb, "roles", role))
        if number == 1 and result.verdict is not None and result.verdict.status == "ready":
            stops.append(" (ready now)", style="dim")
        elif years is not None:
            stops.append(f" ({years_text(years)})", style="dim")
    parts: list[RenderableType] = [heading.append_text(stops)]
    if result.route_why:
        parts.append(Text(f"Why: {result.route_why}.", style="dim"))
    return Group(*parts)


def _ahead(result: Assessment, kb: KnowledgeBase | None, everything: bool) -> Group | None:
    """The best next roles, then the route: where to go next, and the road beyond."""
    parts = [part for part in (_options(result, kb, everything), _route(result, kb)) if part is not None]
    return Group(*parts) if parts else None


def _sections(result: Assessment, kb: KnowledgeBase | None, everything: bool) -> list[RenderableType]:
    parts: list[RenderableType] = [_summary(result, kb)]
    ready = result.verdict is not None and result.verdict.status == "ready"
    # Ready: making the case comes first, then what to grow beyond the step; otherwise the focus first.
    first, second = _focus(result, kb), _move(result, kb, everything)
    if ready:
        first, second = second, first
    for section in (
        _verdict(result, kb),
        first,
        second,
        _certifications(result, kb, everything),
        _ahead(result, kb, everything),
    ):
        if section is not None:
            parts += [section, Text("")]
    return parts[:-1] if len(parts) > 1 else parts


def assessment(result: Assessment, kb: KnowledgeBase | None = None) -> None:
    for part in _sections(result, kb, everything=False):
        out.print(part)
    hidden = len(result.next_steps)
    out.print(
        Text(
            f"\n--all has all {hidden} steps; `poladder plan` puts dates on them.",
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
    parts: list[RenderableType] = [Text("Every step", style="bold")]
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
            marker = Text(STRETCH if step.stretch else "•")
            text = Text(step.text)
            text.append(f"  ({label}{f' → {step.level}' if step.level else ''})", style="dim")
        elif step.kind == "certification":
            marks = {"now": ("✓", "green"), "conditional": ("?", "cyan"), "later": ("…", "yellow")}
            mark, style = marks[step.status or "later"]
            marker = Text(mark, style=style)
            text = Text(step.text)
        else:
            marker = Text("→", style="bold")
            text = Text(step.text, style="bold")
        grid.add_row(marker, text)
        if step.kind == "move" and (step.how or step.pitfalls):
            grid.add_row("", indented(_how(step), 0))
    return Group(*parts)
