"""`poladder assess` on the small test ladder: the documented semantics, profiles, stdin and JSON."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from poladder.core.assess import assess
from poladder.core.measure import best_fit, gaps, readiness, short_of
from poladder.load import ladder as source
from poladder.model.profile import Profile
from tests.conftest import LADDER

KB = source.load(LADDER, use_cache=False)


def run(cli, profile: dict, *args: str) -> dict:
    result = cli(
        "assess",
        "--profile",
        "-",
        "--kb",
        str(LADDER),
        "--json",
        "--no-save",
        *args,
        input=json.dumps(profile),
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_readiness_is_capped_sum_over_need(cli):
    data = run(cli, {"role": "owner", "target": "owner", "skills": {"backlog": 2, "stakeholders": 5}})
    assert data["readiness"] == pytest.approx((2 + 2) / (3 + 2))  # stakeholders capped at the need


def test_best_fit_is_the_highest_rank_fully_met(cli):
    data = run(cli, {"skills": {"backlog": 4, "stakeholders": 3, "strategy": 2}})
    assert data["best_fit"] == "senior"


def test_best_fit_allows_two_skills_one_level_short(cli):
    # Owner needs backlog 3, stakeholders 2: one level short in each still fits, and says so
    data = run(cli, {"role": "owner", "skills": {"backlog": 2, "stakeholders": 1}})
    assert data["best_fit"] == "owner"
    assert data["best_fit_gaps"] == [
        {"skill": "backlog", "have": 2, "need": 3},
        {"skill": "stakeholders", "have": 1, "need": 2},
    ]
    # a gap of two levels does not fit: the junior role does, unless that single skill is all that
    # keeps someone from the role they hold
    assert run(cli, {"skills": {"backlog": 1, "stakeholders": 2}})["best_fit"] == "junior"
    assert run(cli, {"role": "senior", "skills": {"backlog": 1, "stakeholders": 2}})["best_fit"] == "junior"
    single = run(cli, {"role": "owner", "skills": {"backlog": 1, "stakeholders": 2}})
    assert single["best_fit"] == "owner"
    assert single["best_fit_gaps"] == [{"skill": "backlog", "have": 1, "need": 3}]
    human = cli(
        "assess",
        "-p",
        "-",
        "--kb",
        str(LADDER),
        "--no-save",
        input="role: owner\nskills: {backlog: 2, stakeholders: 2}\n",
    )
    assert re.search(r"Best fit +Owner — but for Backlog management 2 → 3", human.stdout)


def test_a_single_level_short_never_puts_anyone_below_their_role(cli):
    # Senior needs backlog 4, stakeholders 3, strategy 2: one level short of strategy is still Senior
    data = run(cli, {"role": "senior", "skills": {"backlog": 4, "stakeholders": 3, "strategy": 1}})
    assert data["best_fit"] == "senior"


def test_among_roles_of_one_rank_your_own_fits_first(cli):
    # Owner and Coach are both rank 2 and both met: the owner's own role, not the first by id
    both = {"backlog": 3, "stakeholders": 2, "coaching": 3}
    assert run(cli, {"role": "owner", "skills": both})["best_fit"] == "owner"
    assert run(cli, {"skills": both})["best_fit"] == "coach-role"  # no role: the fewest gaps, then order


def test_no_fit_is_null_and_said(cli, make_kb):
    kb = make_kb(
        """
        skills: {a: {name: A}, b: {name: B}}
        roles:
          one: {name: One, rank: 1, skills: {a: 2, b: 2}}
        """
    )
    result = cli("assess", "-p", "-", "--kb", str(kb), "--no-save", "--json", input="skills: {a: 1}\n")
    assert json.loads(result.stdout)["best_fit"] is None
    human = cli("assess", "-p", "-", "--kb", str(kb), "--no-save", input="skills: {a: 1}\n")
    assert "none yet — no role has its levels met" in human.stdout


def test_target_defaults_to_the_quickest_promotion(cli):
    assert run(cli, {"role": "owner"})["target"] == "senior"  # 2 years, against 4 to head
    assert run(cli, {"role": "owner"}, "--target", "head")["target"] == "head"
    assert run(cli, {"role": "head"})["target"] is None  # the top: nowhere to be promoted to


def test_gaps_largest_first_then_in_the_roles_order_never_by_name(cli):
    # head lists backlog, stakeholders, strategy, finance and names no core skills: among the two
    # gaps of 3, stakeholders comes before finance as the role lists them, though f sorts before s.
    data = run(cli, {"role": "owner", "target": "head", "skills": {"backlog": 4, "stakeholders": 1}})
    assert data["gaps"] == [
        {"skill": "strategy", "have": 0, "need": 4},
        {"skill": "stakeholders", "have": 1, "need": 4},
        {"skill": "finance", "have": 0, "need": 3},
    ]


def test_next_steps_actions_certifications_then_route(cli):
    data = run(cli, {"role": "junior", "target": "owner", "skills": {"backlog": 1, "stakeholders": 1}})
    steps = data["next_steps"]
    assert [(s["step"], s["kind"], s["skill"] or s["certification"] or s["role"]) for s in steps] == [
        (0, "certification", "basic"),  # your own role recommends it, and you can take it now
        (1, "action", "backlog"),  # the largest raise first
        (1, "action", "stakeholders"),
        (1, "move", "owner"),
    ]
    assert steps[0]["status"] == "now" and steps[0]["why"] == "your role, Junior Owner, recommends it"
    assert steps[1] == {
        "kind": "action",
        "text": "Run a refinement session",
        "step": 1,
        "role": "owner",
        "skill": "backlog",
        "level": None,
        "certification": None,
        "status": None,
        "eligible_from": None,
        "requires": [],
        "years": None,
        "why": "Owner needs 3; you have 1",
        "stretch": False,
        "alternatives": [],
        "how": [],
        "pitfalls": [],
    }
    assert steps[-1]["years"] == 1.5 and steps[-1]["why"] == "Two release cycles, our own estimate"
    assert data["route"] == ["junior", "owner"] and data["route_years"] == 1.5


def test_held_certifications_unlock_and_disappear(cli):
    profile = {"role": "owner", "target": "head", "skills": {"backlog": 4}}
    certs = [(c["certification"], c["status"], c["requires"]) for c in run(cli, profile)["certifications"]]
    assert certs == [("basic", "now", []), ("advanced", "later", ["basic"])]  # prerequisite first
    held = run(cli, {**profile, "certifications": ["basic"]})["certifications"]
    assert [(c["certification"], c["status"]) for c in held] == [("advanced", "now")]


def test_route_starts_at_the_stated_role_else_the_best_fit(cli):
    assert run(cli, {"role": "owner", "target": "head", "skills": {}})["route"] == ["owner", "head"]
    fits_senior = {"backlog": 4, "stakeholders": 3, "strategy": 2}
    data = run(cli, {"role": "owner", "target": "head", "skills": fits_senior})
    assert data["best_fit"] == "senior"
    assert run(cli, {"target": "head", "skills": fits_senior})["route"] == ["senior", "head"]


def test_the_route_is_the_quickest_for_you_not_only_in_typical_years(cli):
    # Owner -> Head is 4 typical years, Owner -> Senior -> Head 5; but someone who already meets
    # Senior is ready for it now: 0 + 3 years, against 4 straight to Head
    fits_senior = {"backlog": 4, "stakeholders": 3, "strategy": 2}
    data = run(cli, {"role": "owner", "target": "head", "skills": fits_senior})
    assert data["route"] == ["owner", "senior", "head"] and data["route_years"] == 3
    assert data["route_typical"] == ["owner", "head"]
    assert data["route_why"] == (
        "through Senior Owner rather than Head of Owners, the quickest in typical years: "
        "you are 100% ready for it against 60%, so about 3 years for you against 4 years"
    )
    assert [
        (o["role"], o["status"], o["years_left"], o["to_target"], o["on_route"]) for o in data["options"]
    ] == [
        ("senior", "ready", 0, 3, True),
        ("head", "not-yet", 4, 4, False),
        ("coach-role", "not-yet", 1.5, 6.5, False),  # coaching 0 -> 3: half a year a level
    ]


def test_json_contract(cli):
    data = run(cli, {"name": "Alex", "role": "jo", "skills": {"backlog": 1}})
    assert set(data) == {
        "name",
        "view",
        "role",
        "target",
        "best_fit",
        "readiness",
        "gaps",
        "focus",
        "certifications",
        "next_steps",
        "route",
        "route_years",
        "route_why",
        "route_typical",
        "options",
        "next_roles",
        "verdict",
        "strengths",
        "focus_role",
        "focus_size",
        "best_fit_gaps",
        "profile",
        "knowledge_base",
    }
    assert data["role"] == "junior"  # aliases and names are resolved to ids
    assert data["view"] == "self"  # the person's own levels, not a rater's
    assert data["knowledge_base"]["version"] == "t1" and len(data["knowledge_base"]["sha256"]) == 64
    assert data["next_roles"] == [{"role": "owner", "readiness": 0.2}]  # backlog 1 of (3 + 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "role: owner\nskills:\n  backlg: 3\n",
            r"<stdin>:3:3: error: skills.backlg: unknown skill 'backlg'; did you mean 'backlog'\?",
        ),
        ("role: ownr\n", r"<stdin>:1:7: error: role: unknown role 'ownr'; did you mean 'owner'\?"),
        (
            "certifications: [basik]\n",
            r"<stdin>:1:18: error: certifications.0: unknown certification 'basik'; did you mean 'basic'\?",
        ),
        (
            "skills: {backlog: 9}\n",
            r"<stdin>:1:19: error: skills.backlog: Input should be less than or equal to 5",
        ),
        (
            "skills: {backlog: lots}\n",
            r"<stdin>:1:19: error: skills.backlog: Input should be a valid integer",
        ),
        ("colour: blue\n", r"<stdin>:1:1: error: colour: unknown field 'colour'"),
        ("- a list\n", r"a profile is a mapping"),
        ("", r"<stdin>:1:1: error: the file is empty"),
    ],
)
def test_bad_profiles_are_located_errors(cli, text, expected):
    import re

    result = cli("assess", "--profile", "-", "--kb", str(LADDER), input=text)
    assert result.exit_code == 1
    assert re.search(expected, result.stderr), result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_all_unknown_ids_reported_at_once(cli):
    result = cli(
        "assess", "-p", "-", "--kb", str(LADDER), input="role: x\nskills: {a: 1, b: 2}\ncertifications: [c]\n"
    )
    assert len(result.stderr.strip().splitlines()) == 4


def test_profile_file_yaml_and_json(cli, tmp_path):
    profile = {"role": "owner", "skills": {"backlog": 3, "stakeholders": 2}, "certifications": ["basic"]}
    (tmp_path / "me.yaml").write_text(yaml.safe_dump(profile))
    (tmp_path / "me.json").write_text(json.dumps(profile))
    outputs = [
        cli("assess", "-p", str(tmp_path / name), "--kb", str(LADDER), "--json", "--no-save").stdout
        for name in ("me.yaml", "me.json")
    ]
    assert json.loads(outputs[0]) == json.loads(outputs[1])
    assert json.loads(outputs[0])["best_fit"] == "owner"


def test_missing_profile_file(cli, tmp_path):
    result = cli("assess", "-p", str(tmp_path / "nope.yaml"), "--kb", str(LADDER))
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_unknown_target_option_is_a_usage_error(cli):
    result = cli("assess", "-p", "-", "--kb", str(LADDER), "--target", "hed", input="role: owner\n")
    assert result.exit_code == 2 and "did you mean 'head'" in result.stderr


def test_human_view(cli):
    result = cli(
        "assess",
        "-p",
        "-",
        "--kb",
        str(LADDER),
        "--no-save",
        input="name: Sam\nrole: owner\nskills: {backlog: 3, stakeholders: 1}\n",
    )
    out = result.stdout
    for text in (
        "Sam — where you stand",
        "Your role",
        "Owner — but for Stakeholder management 1 → 2",
        "Target",
        "Not yet: Senior Owner, about 2.5 years",
        "5 levels to grow in 3 skills: about 2.5 years of work",
        "A ladder is a guide, not a checklist",
        "Focus for your next step: Senior Owner",
        "Stakeholder management  1 → 3",
        "Your role, Owner, already needs 2; Senior Owner needs 3",
        "Hold a stakeholder review",
        "Certifications worth taking",
        "now    Basic Owner — for your role",
        "Your best next roles",
        "Senior Owner ← your route  44%  not yet, 2.5 years",
        "--all has all 7 steps",
    ):
        assert text in out, text
    assert "█░░" in out  # stakeholders: have 1 of need 3


def test_path_with_profile_shows_only_what_you_lack(cli):
    profile = "skills: {backlog: 4, stakeholders: 2}\ncertifications: [basic, advanced]\n"
    result = cli("path", "owner", "head", "--kb", str(LADDER), "--profile", "-", "--json", input=profile)
    [step] = json.loads(result.stdout)["steps"]
    assert {c["skill"]: (c["from"], c["to"]) for c in step["skills"]} == {
        "strategy": (0, 4),
        "finance": (0, 3),
        "stakeholders": (2, 4),
    }  # backlog 4 already met
    assert step["certifications"] == []
    without = json.loads(cli("path", "owner", "head", "--kb", str(LADDER), "--json").stdout)
    assert {c["skill"] for c in without["steps"][0]["skills"]} == {
        "strategy",
        "finance",
        "stakeholders",
        "backlog",
    }


levels = st.dictionaries(st.sampled_from(sorted(KB.kb.skills)), st.integers(0, 5))


@settings(max_examples=200, deadline=None)
@given(levels)
def test_invariants(have):
    kb = KB.kb
    result = assess(kb, KB.stamp, Profile(role="owner", skills=have), date(2026, 12, 1))
    for role in kb.roles.values():
        value = readiness(role, have)
        assert 0.0 <= value <= 1.0
        assert (value == 1.0) == all(have.get(s, 0) >= n for s, n in role.skills.items())
    fit = best_fit(kb, have)
    fitting = [r for r in kb.roles if short_of(kb, r, have) is not None]
    if fit is not None:
        short = [g for g in gaps(kb.roles[fit], have)]
        assert len(short) <= 2 and all(g.need - g.have == 1 for g in short)
        assert all(kb.roles[r].rank <= kb.roles[fit].rank for r in fitting)
    assert (fit is None) == (fitting == [])
    assert (result.readiness == 1.0) == (result.gaps == [])
    assert [g.need - g.have for g in result.gaps] == sorted(
        (g.need - g.have for g in result.gaps), reverse=True
    )


def test_a_target_no_move_leads_to_is_said_plainly(cli):
    result = cli(
        "assess", "-p", "-", "--kb", str(LADDER), "--no-save", "--target", "junior",
        input="role: senior\nskills: {backlog: 4, stakeholders: 3, strategy: 2}\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "No route from Senior Owner to Junior Owner in this ladder" in " ".join(result.stdout.split())
