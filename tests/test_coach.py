"""Advice that knows the person (issue 17), rule by rule, on a hand-made ladder with exact dates: the
verdict and what to do when ready, the focus by importance and for the person's seniority, stretch
assignments, strengths, the route chosen for the person, certifications worth taking, the plan and the
path."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from poladder.cli import options
from poladder.core.assess import assess
from poladder.core.plan import make_plan
from poladder.load import ladder as source
from poladder.model.profile import Profile
from tests.conftest import check_narrow

LADDER = Path(__file__).parent / "data" / "coach.yaml"
LOADED = source.load(LADDER, use_cache=False)
KB = LOADED.kb
TODAY = date(2026, 1, 31)

# A Mid one year in, at Mid's levels, holding Base B.
MID = {
    "role": "mid",
    "target": "lead",
    "experience": {"mid": 1},
    "skills": {"craft": 3, "vision": 2, "people": 1, "market": 1},
    "certifications": ["base-b"],
}
# A Mid who already works at Senior's levels, 2.5 years in.
READY = {
    "role": "mid",
    "target": "lead",
    "experience": {"mid": 2.5},
    "skills": {"craft": 4, "vision": 3, "people": 3, "market": 2},
    "certifications": ["base-a"],
}


def advise(**profile):
    return assess(KB, LOADED.stamp, Profile(**profile), TODAY)


def cli_json(cli, profile: dict, *args: str) -> dict:
    result = cli(
        "assess", "-p", "-", "--kb", str(LADDER), "--no-save", "--json", *args, input=json.dumps(profile)
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def today(monkeypatch):
    """assess's date, fixed: eligibility dates in views and JSON are then exact."""
    monkeypatch.setattr(options, "today", lambda: TODAY)


# -- the verdict, and what to do when ready -----------------------------------------------------------


def test_not_yet_with_the_years_left_and_the_reasons():
    result = advise(**MID)
    found = result.verdict
    assert found is not None
    # Mid -> Senior raises 5 levels (craft, vision, market 1 each, people 2) in a typical 2 years; all 5
    # are left: 2 years of work, less the eighth of growth a year of service has not shown yet = 1.5
    assert (found.role, found.status, found.years_left, found.served) == ("senior", "not-yet", 1.5, 1)
    assert found.reasons == [
        "core skills of Senior still short: People and Vision",
        "5 levels to grow in 4 skills: about 1.5 years of work",
        "1 year served as Mid, of a typical 2 years",
        "a ladder is a guide, not a checklist: your manager and your results decide",
    ]
    assert found.make_the_case == []
    # the route's years are the person's: 1.5 to be ready for Senior, then the typical 3 to Lead
    assert (result.route, result.route_years) == (["mid", "senior", "lead"], 4.5)


def test_ready_turns_to_making_the_case_and_the_focus_rolls_forward(cli, today):
    result = advise(**READY)
    found = result.verdict
    assert found is not None and (found.status, found.years_left) == ("ready", 0)
    assert found.reasons[0] == "you meet every level Senior needs"
    assert found.make_the_case == [
        "Gather the evidence: two or three results of the last year that show you already work at "
        "Senior's level in vision and people",
        "Ask your manager for the conversation: say you want to be considered for Senior, walk through "
        "the evidence, and ask what else they would need to see, and by when",
        "Find the opening: an open Senior role, a new team or product that needs one, or internal "
        "mobility; if none is coming, ask when one will",
    ]
    # the focus is for the step after the one you are ready for
    assert result.focus_role == "lead"
    assert [(f.skill, f.have, f.need) for f in result.focus] == [
        ("vision", 3, 4),
        ("people", 3, 4),
        ("market", 2, 3),
    ]
    view = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", input=json.dumps(READY)).stdout
    assert (
        view.index("Ready now: Senior")
        < view.index("Make the case")
        < view.index("What has worked for others")
        < view.index("Focus beyond your next step: Lead")
    )
    assert "Route, about 3 years for you: Senior (ready now) → Lead" in view


# -- the focus: by importance, for the person ---------------------------------------------------------


def test_the_focus_puts_the_next_steps_core_skills_first_never_the_alphabet():
    # people (2 short) and vision (1 short) are Senior's core; craft (1 short) is not. By gap and then
    # the alphabet it would be people, craft, vision.
    result = advise(**MID)
    assert [(f.skill, f.core) for f in result.focus] == [("people", True), ("vision", True), ("craft", False)]
    assert result.focus[0].why == "core to Senior; the role after needs it too"


def test_no_action_below_the_level_of_the_role_held():
    # People 0 -> 3 for Senior: a Mid (whose core skills are asked at 2 and 3) is not told the novice's
    # "Ask your Coach for feedback", but the level-2 action
    result = advise(**{**MID, "skills": {"craft": 3, "vision": 2, "market": 1}})
    people = next(f for f in result.focus if f.skill == "people")
    assert (people.have, people.need, people.ground) == (0, 3, True)
    assert [a.text for a in people.actions] == ["Mentor one person"]
    # the complete list too: the ground to Mid's people 1 goes on to Senior's 3, so its actions start at
    # the Mid's level, in the next step, not with a novice's at the ground
    steps = [(s.step, s.level) for s in result.next_steps if s.skill == "people"]
    assert steps == [(1, 2), (1, 3), (1, 3), (2, 4)]


def test_no_action_asks_for_help_from_someone_in_ones_own_role():
    # A Coach below their own role's people level: "Ask your Coach to review how you mentor" is no
    # advice for a Coach
    result = advise(role="coach", target="mid", skills={"people": 2, "craft": 2, "vision": 1})
    people = next(f for f in result.focus if f.skill == "people")
    assert [a.text for a in people.actions] == ["Run the team's one-to-ones"]
    assert all("your coach" not in s.text.lower() for s in result.next_steps)


def test_the_next_roles_own_job_is_a_stretch_assignment(cli):
    result = advise(**MID)
    stretch = {f.skill: f.stretch for f in result.focus}
    # "Own the vision of a product" is Senior's level of one of its core skills, above Mid's: a stretch;
    # "Mentor one person" is not Senior's level yet, and craft is not core to Senior
    assert stretch == {"people": False, "vision": True, "craft": False}
    assert any(s.stretch and s.text == "Own the vision of a product" for s in result.next_steps)
    view = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", input=json.dumps(MID)).stdout
    assert re.search(r"Vision  2 → 3  \S+  ↗ stretch", view)
    assert "↗ Stretch assignments are Senior's own job: ask for the room to do them — deputise" in view


def test_focus_0_hides_the_focus(cli):
    data = cli_json(cli, MID, "--focus", "0")
    assert data["focus"] == [] and data["focus_size"] == 0
    view = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", "--focus", "0", input=json.dumps(MID))
    assert "Focus" not in view.stdout and "Nothing to raise" not in view.stdout


# -- strengths -----------------------------------------------------------------------------------------


def test_strengths_the_next_steps_core_first():
    result = advise(**READY)
    assert [(s.skill, s.have, s.need, s.core) for s in result.strengths] == [
        ("vision", 3, 3, True),
        ("people", 3, 3, True),
        ("craft", 4, 4, False),
        ("market", 2, 2, False),
    ]


def test_strengths_for_a_lateral_move_what_the_current_role_uses_first(cli):
    coach = {"role": "coach", "target": "mid", "skills": {"people": 4, "craft": 3, "vision": 2, "market": 2}}
    result = advise(**coach)
    assert [(s.skill, s.transferable) for s in result.strengths] == [
        ("people", True),  # the strongest of what a Coach does every day
        ("craft", True),
        ("vision", True),
        ("market", False),
    ]
    view = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", input=json.dumps(coach)).stdout
    assert "Your strengths: People 4, Craft 3, Vision 2, Market 2" in view


# -- the route, for the person -------------------------------------------------------------------------


def test_the_best_next_roles_with_their_verdicts(cli):
    data = cli_json(cli, MID)
    assert [
        (o["role"], o["kind"], o["status"], o["years_left"], o["to_target"], o["on_route"])
        for o in data["options"]
    ] == [
        ("senior", "promotion", "not-yet", 1.5, 4.5, True),
        ("other", "promotion", "not-yet", 1.5, 5.5, False),
        ("coach", "lateral", "close", 1, None, False),  # does not lead to Lead
    ]
    view = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", input=json.dumps(MID)).stdout
    assert "Your best next roles" in view and "Coach (lateral)" in view


# -- certifications worth taking -----------------------------------------------------------------------


def certs(result) -> list[tuple]:
    return [(c.certification, c.status, c.alternatives, c.step) for c in result.certifications]


def test_alternatives_are_one_choice_and_a_held_one_covers_the_other():
    assert certs(advise(role="junior", target="mid")) == [
        ("base-a", "now", ["base-b"], 0),  # for the junior's own role, takeable now
        ("adv-a", "later", ["adv-b"], 1),
    ]
    # holding Base B covers Base A; then Advanced B is named first: Advanced A needs Base A first
    assert certs(advise(**MID))[0] == ("adv-b", "now", ["adv-a"], 0)
    assert "base-a" not in {
        o for c in advise(**MID).certifications for o in (c.certification, *c.alternatives)
    }


def test_now_only_for_ones_role_and_the_next_step_and_framework_ones_only_where_used():
    assert certs(advise(**MID)) == [
        ("adv-b", "now", ["adv-a"], 0),
        ("scaled", "conditional", [], 1),  # Senior's, but for SAFe, which the profile does not say it uses
        ("leading", "later", [], 2),  # possible, but for Lead, two steps on
    ]
    scaled = advise(**MID).certifications[1]
    assert scaled.condition == "only if your organisation uses SAFe" and scaled.missing == []
    uses_safe = advise(**MID, organisation={"frameworks": ["Scrum", "SAFe"]})
    assert [c.status for c in uses_safe.certifications] == ["now", "now", "later"]
    # in this ladder SAFe does not include Scrum (no `includes`): an organisation that lists only SAFe
    # is not known to use Scrum, so the Scrum certifications are conditional
    only_safe = advise(**MID, organisation={"frameworks": ["safe"]})
    assert [c.status for c in only_safe.certifications] == ["conditional", "now", "later"]


def test_the_tracks_advanced_certification_is_offered_to_a_qualified_person_whatever_the_route():
    # the route to the Strategist skips Senior, who recommends Advanced A: a qualified Mid still sees
    # it, from their own role; an unqualified one (6 months in) does not see it at all
    qualified = advise(**{**READY, "target": "other"})
    assert qualified.route == ["mid", "other"]
    assert certs(qualified)[0] == ("adv-a", "now", ["adv-b"], 0)
    assert qualified.certifications[0].why == "your role, Mid, recommends it"
    new = advise(**{**READY, "target": "other", "experience": {"mid": 0.5}})
    assert "adv-a" not in {c.certification for c in new.certifications}


def test_a_later_certification_says_when_and_what_is_missing():
    result = advise(
        role="mid", target="senior", experience={"mid": 0.5}, skills={"craft": 3, "vision": 2, "people": 1}
    )
    [adv] = [c for c in result.certifications if c.certification == "adv-a"]
    assert (adv.status, adv.step, adv.eligible_from) == ("later", 1, date(2026, 7, 31))
    assert adv.missing == [
        "hold Base A (BA) first",
        "6 months more as Mid, Senior or Lead (you have 6 months)",
    ]


def test_the_view_names_a_choice_by_its_short_names(cli, today):
    view = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", input=json.dumps(MID)).stdout
    assert "now    AB or AA — for your role" in view
    assert "if     SC — for Senior, your next step; only if your organisation uses SAFe" in view
    full = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", "--all", input=json.dumps(MID)).stdout
    assert "Take Advanced B (AB) or Advanced A (AA); only" not in full
    assert "Take Advanced B (AB) or Advanced A (AA)" in full


# -- the plan ------------------------------------------------------------------------------------------


def test_the_plan_opens_with_the_90_day_focus_and_dates_from_the_verdict():
    plan = make_plan(KB, LOADED.stamp, Profile(name="Robin", **MID), TODAY)
    assessed = advise(name="Robin", **MID)
    assert plan.name == "Robin" and plan.focus == assessed.focus and plan.focus_role == "senior"
    assert plan.next_step == "Senior: not yet, about 1.5 years (1 year served)"
    first, second = plan.milestones
    # ready for Senior in 1.5 years (not the typical 2 from day one); Lead 3 typical years later
    assert (first.due, second.due, plan.end) == (date(2027, 7, 31), date(2030, 7, 31), date(2030, 7, 31))
    assert plan.total_years == 4.5
    assert first.how == [
        "Take on a second product",
        "Mentor a Junior",
        "Agree a six-month plan with your manager",
    ]
    assert first.pitfalls == ["Doing more of the same", "Keeping every decision"]


def test_ready_now_the_first_milestone_is_a_quarter_to_make_the_case():
    plan = make_plan(KB, LOADED.stamp, Profile(**READY), TODAY)
    first, second = plan.milestones
    assert (first.due, second.due) == (date(2026, 4, 30), date(2029, 4, 30))
    assert first.make_the_case and not second.make_the_case


def test_a_certification_sits_in_the_milestone_during_which_it_becomes_possible():
    # Mid recommends Advanced A, which needs 12 months as Mid: a Junior reaches Mid at the end of the
    # first milestone, so it becomes possible a year into the second, and is listed there
    junior = Profile(
        role="junior", target="senior", experience={"junior": 2}, skills={"craft": 1, "vision": 1}
    )
    plan = make_plan(KB, LOADED.stamp, junior, TODAY)
    first, second = plan.milestones
    assert [c.certification for c in first.certifications] == ["base-a"]
    assert [c.certification for c in second.certifications] == ["adv-a", "scaled"]  # and Senior's own
    adv = second.certifications[0]
    assert second.starts < adv.eligible_from < second.due
    assert (first.due, adv.eligible_from) == (date(2027, 1, 31), date(2028, 1, 31))
    assert adv.alternatives == ["Advanced B (AB)"]


def test_the_plan_documents_have_the_focus_how_pitfalls_and_choices(cli):
    args = ["plan", "-p", "-", "--kb", str(LADDER), "--start", "2026-01-31"]
    profile = json.dumps({"name": "Robin", **MID})
    md = cli(*args, "-f", "markdown", input=profile).stdout
    assert "## First 90 days, until 2026-04-30: for Senior" in md
    assert "1. **People** 1 → 3 — Mentor one person" in md
    assert "- **Next step:** Senior\\: not yet, about 1.5 years (1 year served)" in md
    assert "How people make this move:\n\n- Take on a second product" in md
    assert "Pitfalls:\n\n- Doing more of the same" in md
    assert "Advanced B (AB) or Advanced A (AA)" in md
    html = cli(*args, "-f", "html", input=profile).stdout
    assert "<h2>First 90 days, until 2026-04-30: for Senior</h2>" in html
    assert "<p>How people make this move:</p><ul><li>Take on a second product</li>" in html
    view = cli(*args, input=profile).stdout
    assert view.index("Robin's development plan") < view.index("First 90 days") < view.index("Milestone 1")
    assert "Take a product line" not in view  # not on the route
    assert "--all shows how people make each later move" in view
    assert "Lead a cross-team initiative" in cli(*args, "--all", input=profile).stdout


# -- the path ------------------------------------------------------------------------------------------


def test_path_with_a_profile_takes_the_time_served_off_the_first_move(cli):
    profile = json.dumps({"role": "mid", "experience": {"mid": 1.5}})
    data = json.loads(
        cli("path", "mid", "lead", "-p", "-", "--kb", str(LADDER), "--json", input=profile).stdout
    )
    assert (data["route"], data["total_years"], data["served"]) == (["mid", "senior", "lead"], 3.5, 1.5)
    assert [s["years"] for s in data["steps"]] == [2, 3]  # each move's typical years, as the ladder says
    # for this person, with no skills given: Senior is 3 years of work away (12 of the move's 5 levels,
    # less the growth 1.5 years have not shown), then Lead's typical 3
    assert data["years_for_you"] == 6
    view = cli("path", "mid", "lead", "-p", "-", "--kb", str(LADDER), input=profile).stdout
    assert "Mid → Senior → Lead: about 6 years for you (1.5 years served; typically 5 years)" in " ".join(
        view.split()
    )
    other = json.loads(
        cli("path", "junior", "lead", "-p", "-", "--kb", str(LADDER), "--json", input=profile).stdout
    )
    assert other["served"] is None and other["total_years"] == 7  # not the profile's role: nothing off


def test_path_names_a_choice_once_and_when_it_becomes_possible(cli):
    data = json.loads(cli("path", "junior", "mid", "--kb", str(LADDER), "--json").stdout)
    [step] = data["steps"]
    # the junior's own Base A or B are still to take (nothing is promoted into Junior); Advanced A
    # needs 12 months as Mid after the move
    assert step["certifications"] == ["base-a", "adv-a"]
    assert step["alternatives"] == {"base-a": ["base-b"], "adv-a": ["adv-b"]}
    assert step["months_after"] == {"adv-a": 12}
    view = cli("path", "junior", "mid", "--kb", str(LADDER)).stdout
    assert "base-a or base-b" in view
    assert "adv-a (after 12 months as Mid)" in view and "or adv-b" in view
    # from Mid, the junior's Base A is taken as held: only what is new on the way up
    later = json.loads(cli("path", "mid", "senior", "--kb", str(LADDER), "--json").stdout)
    assert "base-a" not in later["steps"][0]["certifications"]


def test_path_shows_how_to_make_the_first_move_and_every_one_with_all(cli):
    view = cli("path", "mid", "lead", "--kb", str(LADDER)).stdout
    assert "How people make move 1: to Senior" in view and "Pitfall: Doing more of the same" in view
    assert "Lead a cross-team initiative" not in view and "Keeping every decision" not in view
    assert "--all shows every skill, every way and pitfall, and every move's." in view
    full = cli("path", "mid", "lead", "--kb", str(LADDER), "--all").stdout
    assert "How people make move 2: to Lead" in full and "Lead a cross-team initiative" in full
    assert "Pitfall: Keeping every decision" in full


# -- the role and two roles side by side ---------------------------------------------------------------


def test_role_and_compare_show_the_core_skills(cli):
    role = cli("role", "senior", "--kb", str(LADDER)).stdout
    assert "Core skills — what makes the role" in role and re.search(r"Vision ★", role)
    compare = cli("compare", "mid", "senior", "--kb", str(LADDER), env={"COLUMNS": "120"}).stdout
    assert re.search(r"Core skills +Craft +Vision", compare)


def test_peers_outside_the_ladder(cli):
    role = cli("role", "cpo").stdout
    assert "outside the ladder: Chief Executive Officer (CEO), Chief Technology Officer (CTO)" in " ".join(
        role.split()
    )
    compare = cli("compare", "vp-product", "cpo", env={"COLUMNS": "60"}).stdout
    assert "Outside the ladder:" in compare and "Vice President of" in compare


# -- narrow terminals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "--all"],
        ["assess"],
        ["plan", "--all", "--start", "2026-01-31"],
        ["path", "mid", "lead", "--all"],
    ],
    ids=" ".join,
)
def test_the_coach_views_at_60_columns(cli, args):
    check_narrow(cli, *args, "-p", "-", "--kb", str(LADDER), input=json.dumps(MID))
    check_narrow(cli, *args, "-p", "-", "--kb", str(LADDER), input=json.dumps(READY))


def test_a_misspelt_framework_is_an_error_not_a_silent_conditional(cli):
    profile = json.dumps({**MID, "organisation": {"frameworks": ["Scrum", "saef"]}})
    result = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", input=profile)
    assert result.exit_code == 1
    assert (
        "organisation.frameworks.1: unknown framework 'saef'; did you mean 'safe'? — use one of safe, scrum"
        in (result.stderr)
    )
    data = cli_json(cli, {**MID, "organisation": {"frameworks": ["SAFe", "scrum", "safe"]}})
    assert data["profile"]["organisation"] == {"frameworks": ["safe", "scrum"]}
