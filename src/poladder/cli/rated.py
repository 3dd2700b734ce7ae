"""The promotion case inside other commands: `assess --rater NAME` and `--view NAME`, `team --view
NAME`, and `history --skills`. Kept apart from `poladder.cli.case`, whose commands are the case's own."""

from typing import TYPE_CHECKING

from poladder.cli import options
from poladder.cli.case import _person, _store

if TYPE_CHECKING:
    from collections.abc import Callable

    from poladder.core.team import Team
    from poladder.errors import DataError
    from poladder.load.ladder import Loaded
    from poladder.model.ladder import KnowledgeBase
    from poladder.model.profile import Profile
    from poladder.store.case import CaseStore

SELF = "self"


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
    target: str | None,  # a role id, already checked
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
            else _rater_interview(loaded, store, name, all_skills, target)
        )
    else:
        assert view is not None
        person, name = _viewed(loaded, store, profile, view)
    if target is not None:
        person = person.model_copy(update={"target": target})
    result = assess(loaded.kb, loaded.stamp, person, options.today(), focus).model_copy(update={"view": name})
    whose = store.rate(result, profile, name, options.now()) if rater is not None else None
    render(result, json, loaded.kb, full=show_all)
    if rater is not None:
        of = "your" if whose is None and profile is None else f"{whose or 'an unnamed person'}'s"
        person_option = "" if whose is None else f" --person {whose}"
        message(f"poladder: saved {name}'s view of {of} skills (see poladder calibrate{person_option})")


def _rater_interview(
    loaded: "Loaded", store: "CaseStore", rater: str, all_skills: bool, target: str | None
) -> "Profile":
    """A rater's answers about you: their last view are the defaults, else your last answers without
    your levels, so that a rater rates before seeing yours."""
    from poladder.cli.interview import interview
    from poladder.load.profile import keep_known
    from poladder.render.console import SafeConsole
    from poladder.store.people import same_person

    theirs = [r for r in store.latest_ratings(None) if same_person(rater, r.rater, None)]
    if theirs:
        last: Profile | None = theirs[-1].profile
    else:
        mine = store.latest_profile()
        last = mine.model_copy(update={"skills": {}}) if mine else None
    defaults = keep_known(last, loaded.kb) if last else None
    return interview(loaded.kb, defaults, all_skills, SafeConsole(stderr=True), target, rater=rater)


def _viewed(loaded: "Loaded", store: "CaseStore", profile: str | None, view: str) -> "tuple[Profile, str]":
    """The profile (given, else your latest self-assessment) with the levels of `view`'s latest view
    of its person where they rated (its own elsewhere), and the rater's name as they spelt it."""
    from poladder.core.wording import plural
    from poladder.errors import NothingSaved, UnknownName
    from poladder.load.profile import keep_known
    from poladder.render import message
    from poladder.store.people import STDIN, person_of, same_person

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
    theirs = keep_known(chosen.profile, loaded.kb).skills
    own = "your own" if whose is None else f"{whose}'s own"
    rest = [s for s in person.skills if s not in theirs]
    rest_said = f", {own} for the {plural(len(rest), 'other')}" if rest else ""
    message(
        f"poladder: view: {chosen.rater}'s levels (given {chosen.at[:10]}) for the "
        f"{plural(len(theirs), 'skill')} {chosen.rater} rated{rest_said} — not saved: the history "
        "keeps self-assessments"
    )
    # A view rates what the rater has seen; a skill they left out keeps the person's own level.
    return person.model_copy(update={"skills": {**person.skills, **theirs}}), chosen.rater


def viewed_team(
    kb: "KnowledgeBase", warn: "Callable[[DataError], None]", view: str
) -> "tuple[Team, Callable[[], None]]":
    """`team --view NAME`: a Team whose members are assessed with NAME's latest view of them where
    NAME rated them (matched by the profile's name, else its file's), their own levels otherwise; and
    what to say about it once the team is done."""
    from poladder.core.team import Team, TeamMember
    from poladder.errors import UnknownName
    from poladder.render import message
    from poladder.store.people import same_person

    store = _store()
    views = store.views_by(view)
    if not views:
        raise UnknownName("rater", view.strip(), store.raters())
    rater = views[-1].rater
    used: list[str] = []

    class Viewed(Team):
        def member(self, person: "Profile", name: str, source: str, view: str = "self") -> TeamMember:
            who = person.name or name
            found = next(
                (r for r in views if r.person is not None and same_person(who, r.person, None)), None
            )
            if found is None:
                return super().member(person, name, source)
            used.append(who)
            theirs = {s: level for s, level in found.profile.skills.items() if s in kb.skills}
            person = person.model_copy(update={"skills": {**person.skills, **theirs}})
            return super().member(person, name, source, view=rater)

    def said() -> None:
        from poladder.core.wording import plural

        message(
            f"poladder: view: {rater}'s latest levels for the skills {rater} rated of "
            f"{plural(len(used), 'person', 'people')}; their profiles' own for everything else"
        )

    group = Viewed(kb, warn)
    group.view = rater
    return group, said


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
