"""The advice of `assess` and `plan` (issue 8): levelled actions, the focus, certifications now and
later, the route from the stated role — on a hand-made ladder, with exact dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from poladder.core.advice import climb_actions, focus_actions
from poladder.core.assess import assess
from poladder.core.dates import add_months
from poladder.core.plan import make_plan
from poladder.load import ladder as source
from poladder.model.profile import Profile

LADDER = Path(__file__).parent / "data" / "advice.yaml"
LOADED = source.load(LADDER, use_cache=False)
KB = LOADED.kb
TODAY = date(2026, 1, 31)  # the end of a month: calendar arithmetic shows in every date


def texts(actions) -> list[str]:
    return [a.text for a in actions]


def advise(**profile):
    return assess(KB, LOADED.stamp, Profile(**profile), TODAY)


# -- which actions -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("have", "need", "available", "expected"),
    [
        # the levels still to climb (have < level <= need), in level order, then the plain ones
        (
            1,
            3,
            set(),
            [
                "Craft towards 2",
                "Craft towards 3, first way",
                "Craft towards 3, second way",
                "Plain craft advice",
            ],
        ),
        (2, 3, set(), ["Craft towards 3, first way", "Craft towards 3, second way", "Plain craft advice"]),
        (4, 5, set(), ["Craft towards 5", "Plain craft advice"]),
        (3, 3, set(), ["Plain craft advice"]),
        # a certification action only while that certification may be suggested
        (1, 2, {"base"}, ["Craft towards 2", "Earn Base", "Plain craft advice"]),
        (3, 4, {"pro"}, ["Earn Pro", "Plain craft advice"]),
        (3, 4, {"base"}, ["Plain craft advice"]),
    ],
)
def test_the_complete_list_climbs_only_the_levels_still_to_climb(have, need, available, expected):
    assert texts(climb_actions(KB.skills["craft"], have, need, available)) == expected


@pytest.mark.parametrize(
    ("skill", "have", "need", "available", "expected"),
    [
        ("craft", 1, 3, set(), ["Craft towards 2"]),  # the next level, have + 1
        ("craft", 2, 5, set(), ["Craft towards 3, first way", "Craft towards 3, second way"]),
        ("craft", 3, 5, set(), ["Craft towards 5"]),  # nothing for 4: the nearest level the step needs
        ("craft", 3, 4, set(), ["Plain craft advice"]),  # nothing up to 4: the plain ones
        ("craft", 3, 4, {"pro"}, ["Earn Pro"]),
        ("lead", 1, 3, set(), []),  # no level up to 3 and no plain action: nothing to say
        ("lead", 3, 5, set(), ["Lead towards 4"]),
        ("talk", 0, 4, set(), ["Talk more"]),
    ],
)
def test_focus_actions_fit_the_next_level(skill, have, need, available, expected):
    assert texts(focus_actions(KB.skills[skill], have, need, available)) == expected


# -- the route and the focus ---------------------------------------------------------------------------


def test_the_route_starts_at_the_stated_role_and_the_best_fit_is_still_reported():
    result = advise(role="junior", target="head", skills={"craft": 3, "talk": 2, "lead": 1})
    assert result.best_fit == "mid"
    assert result.route == ["junior", "mid", "senior", "head"]
    # ready for Mid now (its levels met): 0 years, then the typical 2 and 3 years
    assert result.route_years == 5 and result.verdict is not None and result.verdict.status == "ready"
    without_role = advise(target="head", skills={"craft": 3, "talk": 2, "lead": 1})
    assert without_role.route == ["mid", "senior", "head"]


def test_focus_is_for_the_next_step_not_the_far_target():
    # Head needs talk 4, but the next step (Senior) needs 3: the focus asks for 3
    result = advise(role="mid", target="head", skills={"craft": 3, "talk": 2, "lead": 1})
    assert [(f.skill, f.have, f.need, f.role) for f in result.focus] == [
        ("lead", 1, 3, "senior"),  # the biggest gap first
        ("talk", 2, 3, "senior"),  # a gap of 1 that Head needs too ...
        ("craft", 3, 4, "senior"),  # ... before one that Head needs no more of
    ]
    talk = next(f for f in result.focus if f.skill == "talk")
    assert talk.also_needed_by == ["head"] and talk.why == "Senior needs 3; the role after needs it too"
    craft = next(f for f in result.focus if f.skill == "craft")
    assert craft.also_needed_by == []


def test_the_ground_in_your_own_role_comes_first():
    result = advise(role="mid", target="senior", skills={"craft": 1, "talk": 2, "lead": 1})
    first = result.focus[0]
    assert (first.skill, first.ground, first.have, first.need) == ("craft", True, 1, 4)
    assert first.why == "your role, Mid, already needs 3; Senior needs 4"
    assert first.actions[0].text == "Craft towards 2"  # actions for the next level: 2, not 4
    assert [f.ground for f in result.focus] == [True, False, False]


@pytest.mark.parametrize("size", [0, 1, 2, 3, 5])
def test_focus_size(size):
    result = assess(
        KB, LOADED.stamp, Profile(role="mid", target="head", skills={"craft": 1}), TODAY, focus_size=size
    )
    assert len(result.focus) == min(size, 3)  # three skills need raising for Senior


def test_a_lateral_move_is_a_target_when_there_is_no_promotion():
    result = advise(role="coach-role", skills={"coach": 3, "talk": 2})
    assert result.target == "mid" and result.route == ["coach-role", "mid"]


# -- certifications ------------------------------------------------------------------------------------


def test_certifications_on_the_route_with_dates_and_what_is_missing():
    result = advise(role="mid", target="head", certifications=["base"], experience={"mid": 0.5})
    certs = {c.certification: c for c in result.certifications}
    assert list(certs) == ["pro", "expert"]  # base is held, coach is off the route
    pro, expert = certs["pro"], certs["expert"]
    assert (pro.status, pro.eligible_from, pro.months_short) == ("later", date(2026, 7, 31), 6)
    assert pro.missing == ["6 months more as Mid or Senior (you have 6 months)"]
    assert pro.role == "senior" and pro.step == 1
    assert pro.why == "Senior (step 1 of your route) recommends it"
    # Expert needs Pro first and two years as Senior, which time as Mid does not make up: no date
    assert (expert.status, expert.eligible_from, expert.requires) == ("later", None, ["pro"])
    assert expert.missing == ["hold Pro first", "24 months more as Senior"]


def test_experience_met_means_now():
    result = advise(
        role="mid", target="senior", certifications=["base"], experience={"mid": 0.5, "senior": 0.5}
    )
    assert [(c.certification, c.status, c.missing) for c in result.certifications] == [
        ("pro", "now", []),
        ("expert", "later", ["hold Pro first", "18 months more as Senior (you have 6 months)"]),
    ]


def test_prerequisites_come_first_and_held_ones_never():
    result = advise(role="junior", target="senior")
    assert [(c.certification, c.role, c.step, c.why) for c in result.certifications] == [
        ("base", "junior", 0, "your role, Junior, recommends it"),  # for your own role, and possible now
        ("pro", "mid", 1, "Mid (step 1 of your route) recommends it"),
        ("expert", "senior", 2, "Senior (step 2 of your route) recommends it"),
    ]
    assert result.certifications[1].missing == ["hold Base first", "12 months more as Mid or Senior"]
    assert result.certifications[1].eligible_from is None  # a Junior's time does not count


def test_certification_actions_only_when_they_can_be_taken_now():
    never_held = advise(role="junior", target="mid", skills={"craft": 1})
    actions = [s.text for s in never_held.next_steps if s.kind == "action"]
    assert "Earn Base" in actions  # on the route (Mid recommends it) and possible now
    assert "Earn Coach" not in actions  # off the route
    held = advise(role="junior", target="mid", skills={"craft": 1}, certifications=["base"])
    assert "Earn Base" not in [s.text for s in held.next_steps]
    assert all(c.certification != "base" for c in held.certifications)
    later = advise(role="mid", target="senior", skills={"craft": 3}, certifications=["base"])
    assert "Earn Pro" not in [s.text for s in later.next_steps]  # 12 months as Mid not yet made up


def test_an_off_track_certification_is_never_offered():
    result = advise(role="junior", target="head", skills={})
    assert "coach" not in {c.certification for c in result.certifications}
    assert "Earn Coach" not in [s.text for s in result.next_steps]


# -- the complete list -----------------------------------------------------------------------------------


def test_next_steps_walk_the_route_with_every_level_still_to_climb():
    result = advise(
        role="mid", target="senior", skills={"craft": 1, "talk": 2, "lead": 1}, certifications=["base"]
    )
    steps = [(s.step, s.kind, s.skill or s.certification or s.role, s.level) for s in result.next_steps]
    assert steps == [
        # your own role first: craft 1 -> 3 for Mid
        (0, "action", "craft", 2),
        (0, "action", "craft", 3),
        (0, "action", "craft", 3),
        (0, "action", "craft", None),
        # then Senior: lead 1 -> 3 (no action for 2 or 3), craft 3 -> 4 (plain only), talk 2 -> 3
        (1, "action", "craft", None),
        (1, "action", "talk", None),
        (1, "certification", "pro", None),
        (1, "certification", "expert", None),
        (1, "move", "senior", None),
    ]
    move = result.next_steps[-1]
    assert move.text == "Move from Mid to Senior (promotion, typically after 2 years)"
    assert move.why == "two years, our estimate"


# -- the plan --------------------------------------------------------------------------------------------


def test_plan_milestones_follow_the_same_rules_with_calendar_dates():
    profile = Profile(
        role="mid",
        target="head",
        skills={"craft": 1, "talk": 2, "lead": 1},
        certifications=["base"],
        experience={"mid": 0.5},
    )
    plan = make_plan(KB, LOADED.stamp, profile, TODAY)
    first, second = plan.milestones
    # Senior is 2.75 years away for this person: 6 levels to grow where the move raises 4 in its
    # typical 2 years (the ground in Mid comes first), less the growth half a year's service has not
    # shown yet (an eighth); then Head after its typical 3 years
    assert plan.verdict is not None and plan.verdict.years_left == 2.75
    assert (first.starts, first.due, second.due) == (TODAY, date(2028, 10, 31), date(2031, 10, 31))
    assert plan.review == date(2026, 4, 30)  # a quarter after 31 January
    assert first.note == "two years, our estimate"
    # the ground (craft below Mid's 3) is part of the first milestone, one goal with Senior's need
    assert [(s.skill, s.from_, s.to) for s in first.skills] == [
        ("craft", 1, 4),
        ("lead", 1, 3),
        ("talk", 2, 3),
    ]
    assert first.skills[0].why == "your role, Mid, needs 3; Senior needs 4; you have 1"
    [pro] = first.certifications
    [expert] = second.certifications  # Senior recommends it, but it is possible only from 2030
    assert pro.eligible_from == date(2026, 7, 31)  # six more months as Mid
    assert expert.eligible_from == date(2030, 10, 31)  # 24 months as Senior, from 2028-10-31
    # Earn Pro becomes possible during the first milestone: the action is offered there
    assert "Earn Pro" in [a.text for s in first.skills for a in s.actions]
    assert [s.skill for s in second.skills] == ["talk", "lead"]  # equal raises: in the role's own order


def test_plan_at_the_calendar_end_is_a_clear_error(cli):
    result = cli(
        "plan",
        "-p",
        "-",
        "--kb",
        str(LADDER),
        "--start",
        "9999-06-01",
        "--target",
        "head",
        input="role: mid\n",
    )
    assert result.exit_code == 2
    assert "past the calendar's end" in result.stderr and "Traceback" not in result.stderr


# -- the command line ------------------------------------------------------------------------------------


def test_assess_json_has_focus_and_certifications(cli):
    profile = {
        "role": "mid",
        "target": "head",
        "skills": {"craft": 3},
        "certifications": ["base"],
        "experience": {"Mid": 0.25},
    }
    result = cli(
        "assess",
        "-p",
        "-",
        "--kb",
        str(LADDER),
        "--json",
        "--no-save",
        "--focus",
        "2",
        input=json.dumps(profile),
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # both below Mid's needs (the ground), both 3 short of Senior, both needed by Head: the ladder's
    # order (Senior lists talk before lead) decides, never the alphabet
    assert [f["skill"] for f in data["focus"]] == ["talk", "lead"]
    assert set(data["focus"][0]) >= {"skill", "have", "need", "actions"}
    pro = data["certifications"][0]
    assert set(pro) >= {"certification", "status", "eligible_from", "missing"}
    assert pro["status"] == "later"
    assert pro["eligible_from"] == add_months(date.today(), 9).isoformat()  # 12 months less 3 as Mid
    assert data["profile"]["experience"] == {"mid": 0.25}  # a role's name resolves to its id


def test_assess_view_leads_with_the_focus(cli):
    result = cli(
        "assess",
        "-p",
        "-",
        "--kb",
        str(LADDER),
        "--no-save",
        input="role: mid\ntarget: head\nskills: {craft: 3}\ncertifications: [base]\n",
    )
    out = result.stdout
    assert (
        out.index("Focus for your next step: Senior")
        < out.index("Certifications")
        < out.index("Route, about")
    )
    assert "Lead towards" not in out  # lead 1 -> 3 has no action for those levels
    assert "later  Pro — from " in out
    full = cli(
        "assess",
        "-p",
        "-",
        "--kb",
        str(LADDER),
        "--no-save",
        "--all",
        input="role: mid\ntarget: head\nskills: {craft: 3}\ncertifications: [base]\n",
    ).stdout
    assert "Gaps for Head" in full and "Every step" in full and "Move from Senior to Head" in full


def test_path_with_a_profile_says_when_each_certification_can_be_taken(cli):
    profile = "role: mid\ncertifications: [base]\nexperience: {mid: 0.5}\n"
    result = cli("path", "mid", "head", "-p", "-", "--kb", str(LADDER), "--json", input=profile)
    data = json.loads(result.stdout)
    assert [(c["certification"], c["status"], c["eligible_from"]) for c in data["certifications"]] == [
        ("pro", "later", add_months(date.today(), 6).isoformat()),
        ("expert", "later", None),
    ]
    view = cli("path", "mid", "head", "-p", "-", "--kb", str(LADDER), input=profile).stdout
    assert f"pro (from {add_months(date.today(), 6)})" in view and "expert (later)" in view
    assert (
        json.loads(cli("path", "mid", "head", "--kb", str(LADDER), "--json").stdout)["certifications"] == []
    )


def test_a_po_aiming_at_cpo_sees_focus_certifications_and_route_on_one_screen(tmp_path):
    """The bundled ladder and the README's example profile, as a person runs it at 100 columns."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "COLUMNS": "100",
        "POLADDER_HOME": str(tmp_path / "home"),
        "POLADDER_CACHE_DIR": str(tmp_path / "cache"),
    }
    args = [
        "-m",
        "poladder",
        "assess",
        "-p",
        str(root / "examples" / "profile.yaml"),
        "-t",
        "cpo",
        "--no-save",
    ]
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, check=True)
    lines = proc.stdout.splitlines()
    assert len(lines) <= 60, proc.stdout
    assert max(map(len, lines)) <= 100
    out = proc.stdout
    assert (
        out.index("where you stand")
        < out.index(": Portfolio Owner, about")  # the verdict on the next step
        < out.index("Focus for your next step")
        < out.index("How people make this move")
        < out.index("Certifications worth taking")
        < out.index("Your best next roles")
        < out.index("Route, about")
    )
    assert out.count("→") >= 3  # three focus skills, each from -> to
