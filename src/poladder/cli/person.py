"""Commands about a person: assess (with the interview), history, the saved profile, and the plan."""

from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from poladder.cli import options

if TYPE_CHECKING:
    from poladder.load.ladder import Loaded
    from poladder.model.profile import Profile
    from poladder.store.history import Store


def assess(
    profile: options.ProfileOption = None,
    target: options.TargetOption = None,
    focus: Annotated[
        int,
        typer.Option(
            "--focus",
            min=0,
            metavar="N",
            help="How many skills to focus on for your next step (0 hides the focus): its core skills "
            "first, then ground to make good in your role, then the biggest gap, then what more later "
            "roles need.",
        ),
    ] = 3,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            metavar="",
            help="Show every gap, every next role, every certification and every step of the route, "
            "with how people make each move and its pitfalls.",
        ),
    ] = False,
    all_skills: Annotated[
        bool,
        typer.Option(
            "--all-skills",
            metavar="",
            help="Ask about every skill, not only those your current and target roles require.",
        ),
    ] = False,
    save: Annotated[
        bool, typer.Option("--save/--no-save", metavar="", help="Remember this assessment in history.")
    ] = True,
    rater: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--rater",
            metavar="NAME",
            help="Save these levels as NAME's view of the profile's person (a manager's, a peer's), "
            "beside their self-assessment, never as it: see `poladder calibrate`.",
            show_default=False,
            callback=options.name_option("--rater"),
        ),
    ] = None,
    view: options.ViewOption = None,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Where you stand on your next step and what to do about it: ready now, close or not yet, and why;
    your strengths; the focus; how people make the move; the certifications worth taking; the best next
    roles and the route to your target.

    Time served counts: your years in your current role (`experience` in the profile; else your years
    in product roles less those given for other roles, said to be assumed) come off the move's
    typical years.

    Ready: every level met, or at most two skills one level short outside the step's core skills —
    then the advice is to make the case. Otherwise the years left are the skill work (the share of the
    move's levels still to grow, times its typical years, and at least half a year for each level of
    the largest gap) or the typical years left, whichever is longer: close within a year, else not
    yet. A ladder is a guide, not a checklist.

    Best fit: the most senior role you meet, allowing two skills one level short, and never below your
    own role for a single skill. The route is the
    quickest for you (time served and skills counted), not only in typical years.

    The focus is at most N skills (--focus, 3; 0 hides it) for the next step — the step after it when
    you are ready: its core skills first, then any below what your own role needs, then the biggest
    gap, then what more later roles need; never the alphabet. Actions fit your seniority: none below
    the level of the role you hold, whatever the skill's need (when that leaves none, it says so); one
    that is the next role's own job is marked as a stretch assignment. Strengths: skills at or above
    the next step's need, its core first (for a lateral move, those both roles need first).

    Certifications: now only for your role and the next step, when you qualify; one of equivalent
    ones (CSPO or PSPO I), never one a held one covers; SAFe and other framework-specific ones only if
    your organisation uses the framework (`organisation: {frameworks: [scrum, safe]}` in the profile),
    else conditional; later ones with the date or what is missing. --all (or --json) has everything.

    Without --profile it asks a few questions (on stderr; defaults are your last answers; --target is
    checked first and not asked). Every completed assessment is saved to `poladder history` unless
    --no-save. --rater NAME saves a rater's view instead; --view NAME assesses with that rater's
    latest levels where they rated (saved nowhere).

    Example: poladder assess --profile me.yaml --target senior-po
    """
    from poladder.core.assess import assess as run_assessment
    from poladder.render import render

    loaded = options.load(kb)
    # The target is checked before the first question: a wrong one is refused, not every answer lost.
    wanted = loaded.kb.role_id(target) if target is not None else None
    from poladder.cli import rated

    if rater is not None or rated.other_view(view):
        rated.assess_as(loaded, profile, wanted, focus, show_all, all_skills, rater, view, save, json)
        return
    store = options.store()
    person = (
        options.read_profile(profile, loaded)
        if profile is not None
        else _interview(loaded, store, all_skills, wanted)
    )
    if wanted is not None:
        person = person.model_copy(update={"target": wanted})
    result = run_assessment(loaded.kb, loaded.stamp, person, options.today(), focus)
    whose = store.save(result, profile, at=options.now()) if save else None
    render(result, json, loaded.kb, full=show_all)
    if save:
        _say_saved(whose, profile)


def _say_saved(person: str | None, profile: str | None) -> None:
    """Every save is said, so that a colleague's file is never silently taken for you."""
    from poladder.render import message

    whose = "your" if profile is None else "an unnamed"
    if person is not None:
        whose = f"{person}'s"  # message() shows control characters as escapes
    message(f"poladder: saved {whose} assessment to history (see poladder history)")


def _interview(loaded: "Loaded", store: "Store", all_skills: bool, target: str | None) -> "Profile":
    from poladder.cli.interview import interview
    from poladder.load.profile import keep_known
    from poladder.render.console import SafeConsole

    last = store.latest_profile()
    # Last answers are only defaults: ids this ladder no longer knows are dropped, not fatal.
    defaults = keep_known(last, loaded.kb) if last else None
    return interview(loaded.kb, defaults, all_skills, SafeConsole(stderr=True), target)


def history(
    person: options.PersonOption = None,
    skills: Annotated[
        bool,
        typer.Option(
            "--skills",
            metavar="",
            help="Each skill's level across the person's assessments (yours by default).",
        ),
    ] = False,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """Past assessments, oldest first: whose, readiness per target and the change since that person's
    previous one.

    Assessments made under another version of the knowledge base are marked; their results are shown
    as they were then, never re-scored. --skills shows each skill's level across one person's
    assessments.

    Example: poladder history --person alex --json | jq '.[-1].readiness'
    """
    from poladder.errors import NothingSaved
    from poladder.render import message, render

    loaded = options.load(kb)
    if skills:
        from poladder.cli import rated

        rated.skill_history(person, loaded, json)
        return
    store = options.store()
    if json:
        from poladder.render.stream import array

        # Written as it is read, as the view is: a long history is never held whole.
        if not array(store.entries(loaded.sha256, person)):
            if person is not None:
                raise NothingSaved(person, store.people())
            from poladder.store.history import History

            render(History([]), json, loaded.kb)
        return
    # The view prints each assessment as it is read: a long history is never held whole.
    from poladder.render.history_views import stream

    if not stream(store.entries(loaded.sha256, person)):
        if person is not None:
            raise NothingSaved(person, store.people())
        message("No assessments yet — run `poladder assess`.")


def profile_export(
    output: options.OutputOption = None,
    fmt: Annotated[
        Optional[Literal["yaml", "json"]],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="yaml (the default) or json. With -o FILE and no --format, the suffix decides: "
            ".yaml or .yml, .json.",
            show_default=False,
        ),
    ] = None,
    person: options.PersonOption = None,
    json: options.JsonOption = False,
) -> None:
    """Write the profile of your latest assessment (made by the questions of `poladder assess`) as
    YAML (or JSON), ready for --profile; --person NAME exports someone else's latest.

    Example: poladder profile export -o me.yaml
    """
    from poladder.errors import NothingSaved
    from poladder.load.profile import dump

    chosen = options.output_format(fmt, json, output, ("yaml", "json"), "yaml")
    store = options.store()
    saved = store.latest_profile(person)
    if saved is None:
        raise NothingSaved(person, store.people())
    options.write(dump(saved, as_json=chosen == "json"), output)


def plan(
    profile: options.ProfileOption = None,
    target: options.TargetOption = None,
    start: Annotated[
        Optional[str],  # noqa: UP045 - a date, read by _day() for a message people can act on
        typer.Option(
            "--start",
            metavar="DATE",
            help="First day of the plan, like 2026-12-01 (default: today).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Optional[Literal["rich", "markdown", "html", "json"]],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="rich for the terminal (the default), markdown, html or json. With -o FILE and no "
            "--format, the suffix decides: .md, .html, .json.",
            show_default=False,
        ),
    ] = None,
    output: options.OutputOption = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            metavar="",
            help="In the terminal, how people make every move and its pitfalls, not only the first's "
            "(documents always have them).",
        ),
    ] = False,
    kb: options.KbOption = None,
    json: options.JsonOption = False,
) -> None:
    """A dated development plan to share: the first 90 days, then one milestone per step of the route
    to your target.

    It opens with your name, the verdict on your next step and the focus for the first 90 days (the
    skills `poladder assess` names). The first milestone is due when the verdict says you will be
    ready (time served counted; a quarter to make the case when you are ready now), each later one
    after its move's typical years. Each has the skills to raise with how to raise them, how people
    make the move and its pitfalls, and the certifications worth taking, each in the milestone during
    which it becomes possible. The plan has a first review date. Without --profile it uses the profile
    of your latest `poladder assess`.

    Example: poladder plan --profile me.yaml --target lead-po --format html -o plan.html
    """
    from poladder.core.plan import make_plan
    from poladder.errors import NothingSaved
    from poladder.load.profile import keep_known

    fmt = options.output_format(output_format, json, output, ("markdown", "html", "json"), "rich")
    first_day = options.day("--start", start) or options.today()
    loaded = options.load(kb)
    if profile is not None:
        person = options.read_profile(profile, loaded)
    else:
        saved = options.store().latest_profile()
        if saved is None:
            raise NothingSaved(None, [])
        person = keep_known(saved, loaded.kb)
    if target is not None:
        person = person.model_copy(update={"target": loaded.kb.role_id(target)})
    result = make_plan(loaded.kb, loaded.stamp, person, first_day)
    if fmt == "rich":
        from poladder.render import render

        render(result, False, loaded.kb, full=show_all)
        return
    from poladder.render import plan_formats

    if fmt == "json":
        text = result.model_dump_json(indent=2) + "\n"
    else:
        text = plan_formats.markdown(result) if fmt == "markdown" else plan_formats.html(result)
    options.write(text, output, (loaded.path, profile))
