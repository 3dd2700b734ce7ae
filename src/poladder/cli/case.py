"""The promotion case: evidence (log, evidence, edit, remove), raters' views (calibrate, and the
helpers of `assess --rater/--view` and `team --view`), the packet, and forgetting a person.

Everything stays in the history store on this machine (`poladder.store.case`); the packet is a file
the user writes where they choose, with their umask, like every other document.
"""

from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from poladder.cli import options

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from poladder.core.team import Team
    from poladder.errors import DataError
    from poladder.load.ladder import Loaded
    from poladder.model.ladder import KnowledgeBase
    from poladder.model.profile import Profile
    from poladder.store.case import CaseStore, Forgotten

# Longer than any win or piece of feedback worth a line; a pasted document belongs behind --link.
MAX_TEXT = 4000
SELF = "self"


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
    from poladder.render.plan_formats import link_target

    link = text.strip()
    if link_target(link) is None or link.lower().startswith("mailto:"):
        message("poladder: note: the link is kept as text — documents link only http(s) addresses")
    return link


def _person(name: str | None) -> str | None:
    """Whose, as stored: None for yours (no --person, or `--person you`); else the name as the
    history spells it, or as given if nobody has that name yet."""
    from poladder.store.case import means_you
    from poladder.store.history import same_person

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

    Example: poladder log "Led the Q3 roadmap review with 12 stakeholders" --skill stakeholders --link https://wiki.example.com/q3
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

    Example: poladder evidence --person alex --skill stakeholders
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
            "--link", metavar="URL", help="Where it is; --link '' removes the link.", show_default=False
        ),
    ] = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Change a piece of evidence: its text, skills, date or link. The old words are overwritten.

    Example: poladder evidence edit 3 --skill stakeholders --skill strategy
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

        if not typer.confirm(printable(question), default=False, err=True):
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


# -- assess --rater / --view, team --view --------------------------------------------------------------


def other_view(view: str | None) -> bool:
    """--view names a rater (not absent, not `self`)."""
    return view is not None and view.strip().lower() != SELF


def rater_name(rater: str) -> str:
    from poladder.store.case import means_you

    name = " ".join(rater.split())
    if not name:
        raise options.UsageError("--rater is empty: give the rater's name, or a role such as manager")
    if name.lower() == SELF or means_you(name):
        raise options.UsageError(
            f"--rater {name}: that is the self-assessment — leave --rater out to assess yourself"
        )
    return name


def assess_as(
    loaded: "Loaded",
    profile: str | None,
    target: str | None,
    focus: int,
    show_all: bool,
    all_skills: bool,
    rater: str | None,
    view: str | None,
    save: bool,
    json: bool,
) -> None:
    """`assess --rater NAME` (a rater's view, saved as theirs) or `assess --view NAME` (the levels of a
    rater's latest view, saved nowhere)."""
    from poladder.core.assess import assess
    from poladder.render import message, render

    if rater is not None and view is not None:
        raise options.UsageError("--rater saves a rater's view and --view uses one: give one of them")
    if rater is not None and not save:
        raise options.UsageError("--rater saves the rater's view: --no-save would leave nothing to do")
    store = _store()
    if rater is not None:
        name = rater_name(rater)
        person = (
            options.read_profile(profile, loaded)
            if profile is not None
            else _rater_interview(loaded, store, name, all_skills)
        )
    else:
        assert view is not None
        person, name = _viewed(loaded, store, profile, view)
    if target is not None:
        person = person.model_copy(update={"target": loaded.kb.role_id(target)})
    result = assess(loaded.kb, loaded.stamp, person, options.today(), focus).model_copy(update={"view": name})
    whose = store.rate(result, profile, name, options.now()) if rater is not None else None
    render(result, json, loaded.kb, full=show_all)
    if rater is not None:
        of = "your" if whose is None and profile is None else f"{whose or 'an unnamed person'}'s"
        person_option = "" if whose is None else f" --person {whose}"
        message(f"poladder: saved {name}'s view of {of} skills (see poladder calibrate{person_option})")


def _rater_interview(loaded: "Loaded", store: "CaseStore", rater: str, all_skills: bool) -> "Profile":
    """A rater's answers about you: their last view are the defaults, else your last answers without
    your levels, so that a rater rates before seeing yours."""
    from poladder.cli.interview import interview
    from poladder.load.profile import keep_known
    from poladder.render.console import SafeConsole
    from poladder.store.history import same_person

    theirs = [r for r in store.latest_ratings(None) if same_person(rater, r.rater, None)]
    if theirs:
        last: Profile | None = theirs[-1].profile
    else:
        mine = store.latest_profile()
        last = mine.model_copy(update={"skills": {}}) if mine else None
    defaults = keep_known(last, loaded.kb) if last else None
    return interview(loaded.kb, defaults, all_skills, SafeConsole(stderr=True))


def _viewed(loaded: "Loaded", store: "CaseStore", profile: str | None, view: str) -> "tuple[Profile, str]":
    """The profile (given, else your latest self-assessment) with the levels of `view`'s latest view
    of its person, and the rater's name as they spelt it."""
    from poladder.errors import NothingSaved, UnknownName
    from poladder.load.profile import keep_known
    from poladder.render import message
    from poladder.store.history import STDIN, person_of, same_person

    if profile is not None:
        person = options.read_profile(profile, loaded)
        whose = person_of(person, STDIN if profile == STDIN else profile)
        if whose is None:
            raise options.UsageError("--view needs to know whose view: give the profile a name (name: ...)")
    else:
        saved = store.latest_profile()
        if saved is None:
            raise NothingSaved(None, store.people())
        person, whose = keep_known(saved, loaded.kb), None
    raters = store.latest_ratings(whose)
    chosen = next((r for r in raters if same_person(view, r.rater, None)), None)
    if chosen is None:
        raise UnknownName("rater", view.strip(), [r.rater for r in raters])
    levels = keep_known(chosen.profile, loaded.kb).skills
    of = "your" if whose is None else f"{whose}'s"
    message(
        f"poladder: view: {chosen.rater}'s levels for {of} skills, given {chosen.at[:10]} "
        "(not saved: the history keeps self-assessments)"
    )
    return person.model_copy(update={"skills": levels}), chosen.rater


def viewed_team(
    kb: "KnowledgeBase", warn: "Callable[[DataError], None]", view: str
) -> "tuple[Team, Callable[[], None]]":
    """`team --view NAME`: a Team whose members are assessed with NAME's latest view of them where
    NAME rated them (matched by the profile's name, else its file's), their own levels otherwise; and
    what to say about it once the team is done."""
    from poladder.core.team import Team, TeamMember
    from poladder.errors import UnknownName
    from poladder.render import message
    from poladder.store.history import same_person

    store = _store()
    views = store.views_by(view)
    if not views:
        raise UnknownName("rater", view.strip(), store.raters())
    rater = views[-1].rater
    used: list[str] = []

    class Viewed(Team):
        def member(self, person: "Profile", name: str, source: str) -> TeamMember:
            who = person.name or name
            found = next(
                (r for r in views if r.person is not None and same_person(who, r.person, None)), None
            )
            if found is not None:
                used.append(who)
                levels = {s: level for s, level in found.profile.skills.items() if s in kb.skills}
                person = person.model_copy(update={"skills": levels})
            return super().member(person, name, source)

    def said() -> None:
        from poladder.core.wording import plural

        message(
            f"poladder: view: {rater}'s latest levels for {plural(len(used), 'person', 'people')} "
            f"{rater} rated; everyone else's own (their profile's)"
        )

    return Viewed(kb, warn), said


def skill_history(person: str | None, loaded: "Loaded", json: bool) -> None:
    """`history --skills`: each skill's level across the person's assessments (yours by default)."""
    from poladder.errors import NothingSaved
    from poladder.render import render

    whose = _person(person)
    store = _store()
    result = store.skill_history(whose, loaded.sha256, list(loaded.kb.skills))
    if not result.assessments:
        raise NothingSaved(person, store.people())
    render(result, json, loaded.kb)
