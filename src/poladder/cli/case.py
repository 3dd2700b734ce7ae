"""The promotion case's commands: evidence (log, evidence, edit, remove), raters' views compared
(calibrate), the packet, and forgetting a person. The case inside other commands (`assess --rater`,
`--view`, `team --view`, `history --skills`) is in `poladder.cli.rated`.

Everything stays in the history store on this machine (`poladder.store.case`); the packet is a file
the user writes where they choose, with their umask, like every other document.
"""

import sys
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from poladder.cli import options

if TYPE_CHECKING:
    from datetime import date

    from poladder.model.ladder import KnowledgeBase
    from poladder.model.profile import Profile
    from poladder.store.case import CaseStore, Forgotten

# Longer than any win or piece of feedback worth a line; a pasted document belongs behind --link.
MAX_TEXT = 4000
# The length of address that browsers and servers are all known to take.
MAX_LINK = 2000


def _store() -> "CaseStore":
    from poladder.store.case import CaseStore

    plain = options.store()
    return CaseStore(plain.path, plain.make_parents)


def _text(text: str, option: str) -> str:
    said = " ".join(text.split())
    if not said:
        raise options.UsageError(f"{option} is empty: say what happened, in a sentence")
    if len(said) > MAX_TEXT:
        raise options.UsageError(
            f"{option} is {len(said):,} characters long: keep it under {MAX_TEXT:,} and put the rest "
            "behind --link"
        )
    return said


def _day(text: str | None) -> "date | None":
    found = options.day("--date", text)
    if found is not None and found > options.today():
        raise options.UsageError(f"--date: {found} is in the future — log what has already happened")
    return found


def _skills(kb: "KnowledgeBase", given: list[str]) -> list[str]:
    return list(dict.fromkeys(kb.skill_id(s) for s in given))


def _link(text: str | None) -> str | None:
    """The link as given (stripped); documents make it a link only if it is an http(s) address."""
    if text is None or not text.strip():
        return None
    from poladder.render import message
    from poladder.render.markup import link_target

    link = text.strip()
    if link_target(link) is None or link.lower().startswith("mailto:"):
        message("poladder: note: the link is kept as text — documents link only http(s) addresses")
    return link


def _person(name: str | None) -> str | None:
    """Whose, as stored: None for yours (no --person, or `--person you`); else the name as the
    history spells it, or as given if nobody has that name yet."""
    from poladder.store.case import means_you
    from poladder.store.people import same_person

    if name is None or means_you(name):
        return None
    if not name.strip():
        raise options.UsageError("--person is empty: give a name, or leave it out for your own")
    known = _store().people()
    return next((p for p in known if not means_you(p) and same_person(name, p, None)), name.strip())


def _whose(person: str | None) -> str:
    return "you" if person is None else person


def _say(verb: str, entry_id: int, person: str | None, skills: list[str], kb: "KnowledgeBase | None") -> None:
    from poladder.render import message

    names = ", ".join(kb.skills[s].name if kb is not None and s in kb.skills else s for s in skills)
    whose = "yours" if person is None else f"{person}'s"
    message(f"poladder: {verb} evidence {entry_id} ({whose}: {names}) — see poladder evidence")


def log(
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT", help="What happened: a win, an artefact, feedback.", show_default=False
        ),
    ],
    skill: Annotated[
        list[str],
        typer.Option(
            "--skill",
            "-s",
            metavar="ID",
            help="A skill it is evidence of: an id or name (give --skill again for more).",
            show_default=False,
        ),
    ],
    on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date",
            metavar="DAY",
            help="When it happened, like 2026-03-02 (default: today).",
            show_default=False,
        ),
    ] = None,
    link: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--link",
            metavar="URL",
            help="Where the artefact or feedback is (an http(s) address).",
            show_default=False,
            callback=options.bounded("--link", "link", MAX_LINK),
        ),
    ] = None,
    person: options.PersonOption = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Log a piece of evidence — a win, an artefact, feedback — against the skills it shows.

    It is kept in the history on this machine, yours unless --person NAME says whose, with a short id
    for `poladder evidence edit` and `remove`. `poladder packet` puts it beside the levels the next
    step needs.

    Example: poladder log "Led the Q3 roadmap review" --skill stakeholder-management --link https://wiki.example.com/q3
    """
    said = _text(text, "TEXT")
    day = _day(on) or options.today()
    loaded = options.load(kb)
    ids = _skills(loaded.kb, skill)
    url = _link(link)
    whose = _person(person)
    entry = _store().log(whose, day, said, ids, url, options.now())
    if json:
        from poladder.render import render

        render(entry, True)
    _say("logged", entry.id, whose, ids, loaded.kb)


def evidence(
    ctx: typer.Context,
    person: options.PersonOption = None,
    skill: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--skill", "-s", metavar="ID", help="Only the evidence of this skill.", show_default=False
        ),
    ] = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """The evidence logged, oldest first: everyone's, or --person NAME's (`you` for yours).

    Each piece has its id, for `poladder evidence edit ID` and `poladder evidence remove ID`.

    Example: poladder evidence --person alex --skill stakeholder-management
    """
    if ctx.invoked_subcommand is not None:
        return
    from poladder.render import render

    loaded = options.load(kb)
    wanted = loaded.kb.skill_id(skill) if skill is not None else None
    whose = _person(person) if person is not None else None
    found = _store().evidence(whose, wanted, everyone=person is None)
    render(found, json, loaded.kb)


def evidence_edit(
    entry: Annotated[
        int, typer.Argument(metavar="ID", help="The evidence's id (`poladder evidence` lists them).")
    ],
    text: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--text", metavar="TEXT", help="What happened, rewritten.", show_default=False),
    ] = None,
    skill: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--skill",
            "-s",
            metavar="ID",
            help="The skills it shows, all of them (replaces the list).",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--date", metavar="DAY", help="When it happened, like 2026-03-02.", show_default=False),
    ] = None,
    link: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--link",
            metavar="URL",
            help="Where it is; --link '' removes the link.",
            show_default=False,
            callback=options.bounded("--link", "link", MAX_LINK),
        ),
    ] = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Change a piece of evidence: its text, skills, date or link. The old words are overwritten.

    Example: poladder evidence edit 3 --skill stakeholder-management --skill strategic-thinking
    """
    if text is None and skill is None and on is None and link is None:
        raise options.UsageError("nothing to change: give --text, --skill, --date or --link")
    said = _text(text, "--text") if text is not None else None
    day = _day(on)
    loaded = options.load(kb)
    ids = _skills(loaded.kb, skill) if skill is not None else None
    url = _link(link)
    changed = _store().edit(
        entry,
        options.now(),
        text=said,
        day=day,
        skills=ids,
        link=url,
        clear_link=link is not None and url is None,
    )
    if json:
        from poladder.render import render

        render(changed, True)
    _say("edited", changed.id, changed.person, changed.skills, loaded.kb)


def evidence_remove(
    entry: Annotated[
        int, typer.Argument(metavar="ID", help="The evidence's id (`poladder evidence` lists them).")
    ],
    json: options.JsonOption = False,
) -> None:
    """Remove a piece of evidence for good: its words are overwritten in the history file.

    Example: poladder evidence remove 3
    """
    removed = _store().remove(entry)
    if json:
        from poladder.render import render

        render(removed, True)
    _say("removed", removed.id, removed.person, removed.skills, None)


def calibrate(
    person: options.PersonOption = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """The self-assessment beside each rater's latest view, skill by skill, with the spread.

    A skill is flagged when views differ by two levels or more: a perception gap to talk through, with
    examples, before any promotion conversation. Raters' views are saved by `poladder assess --rater
    NAME`. Without --person, yours.

    Example: poladder calibrate --person alex --json | jq '.skills[] | select(.flagged)'
    """
    from poladder.core.case import calibrate as compare_views
    from poladder.errors import NothingSaved
    from poladder.load.profile import keep_known
    from poladder.render import render

    loaded = options.load(kb)
    store = _store()
    whose = _person(person)
    own = store.latest_self(whose)
    raters = store.latest_ratings(whose)
    if own is None and not raters:
        raise NothingSaved(person, store.people())
    mine = (own[0], keep_known(own[1], loaded.kb)) if own else None
    result = compare_views(loaded.kb, loaded.stamp, _label(whose, own), mine, raters)
    render(result, json, loaded.kb)


def _label(whose: str | None, own: "tuple[str, Profile] | None") -> str:
    """The person's name for a title: as their latest self-assessment spells it, else as given."""
    if whose is None:
        return "you"
    named = own[1].name if own else None
    return named.strip() if named and named.strip() else whose


def packet(
    person: options.PersonOption = None,
    target: options.TargetOption = None,
    fmt: Annotated[
        Optional[Literal["markdown", "html", "json"]],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="markdown (the default), html or json. With -o FILE and no --format, the suffix "
            "decides: .md, .html, .json.",
            show_default=False,
        ),
    ] = None,
    output: options.OutputOption = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """The case for your next step (or --target), to take to the conversation.

    The verdict and its reasons; per skill the step needs, your level, each rater's latest view and
    the evidence logged against it, and the skills with no evidence yet; the certifications you hold
    and when the next become possible; your time in the role; and the conversations to have. It rests
    on your latest self-assessment (--person NAME: theirs). HTML is one printable page with a chart of
    have against need and each rater's view.

    Example: poladder packet -o case.html
    """
    from poladder.core.case import packet as make_packet
    from poladder.errors import NothingSaved
    from poladder.load.profile import keep_known

    chosen = options.output_format(fmt, json, output, ("markdown", "html", "json"), "markdown")
    loaded = options.load(kb)
    store = _store()
    whose = _person(person)
    own = store.latest_self(whose)
    if own is None:
        raise NothingSaved(person, store.people())
    step = loaded.kb.role_id(target) if target is not None else None
    mine = (own[0], keep_known(own[1], loaded.kb))
    raters = [
        r.model_copy(update={"profile": keep_known(r.profile, loaded.kb)})
        for r in store.latest_ratings(whose)
    ]
    found = store.evidence(whose)
    case = make_packet(
        loaded.kb, loaded.stamp, _label(whose, own), mine, raters, found.root, options.today(), step
    )
    if chosen == "json":
        text = case.model_dump_json(indent=2) + "\n"
    else:
        from poladder.render import case_formats

        text = (
            case_formats.markdown(case, loaded.kb)
            if chosen == "markdown"
            else case_formats.html(case, loaded.kb)
        )
    options.write(text, output)


def forget(
    person: Annotated[
        str,
        typer.Option(
            "--person",
            metavar="NAME",
            help="Whose record: a name as in `poladder history`, or `you` for your own interview answers.",
            # Not bounded like --person elsewhere: a name an older poladder saved, however long, can go.
            show_default=False,
        ),
    ],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", metavar="", help="Do not ask for confirmation.")
    ] = False,
) -> None:
    """Remove a person's whole record: their assessments, the evidence logged for them and raters'
    views of them. It cannot be undone.

    The history file is rewritten so that the removed words are not left anywhere in it. Asks first,
    unless --yes.

    Example: poladder forget --person alex
    """
    from poladder.render import message

    whose = _person(person)
    store = _store()
    found = store.record(whose)
    label = "your" if whose is None else f"{whose}'s"
    if not any(found):
        message(f"poladder: nothing to forget — no record of {_whose(whose)} in the history")
        return
    counts = _counted(found)
    if not yes:
        question = f"Forget {label} whole record ({counts})? It cannot be undone."
        from poladder.render import printable

        try:
            if sys.stdin is None:  # `<&-`: no answer can come
                raise typer.Abort
            agreed = typer.confirm(printable(question), default=False, err=True)
        except typer.Abort:  # the end of input (or of the terminal) before an answer
            sys.stderr.write("\n")
            message("poladder: no answer — nothing was removed (--yes forgets without asking)")
            raise typer.Exit(1) from None
        if not agreed:
            message("poladder: nothing was removed")
            return
    gone = store.forget(whose)
    message(f"poladder: forgot {label} record ({_counted(gone)}) — removed from the history file")


def _counted(found: "Forgotten") -> str:
    from poladder.core.wording import listed, plural

    return listed(
        [
            plural(found.assessments, "assessment"),
            plural(found.evidence, "piece of evidence", "pieces of evidence"),
            plural(found.ratings, "rater's view", "raters' views"),
        ]
    )
