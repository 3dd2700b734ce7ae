"""The bundled ladder: complete, sourced, and shaped the way working product people would recognise.

These tests pin the shape of data/roles.yaml (issues 9 and 18): the seed's eleven roles and their
relationships, the rungs it leaves out (Senior, Principal and Group PM, VP of Product), core skills,
no leap in any move and no leadership or strategy skill falling on a promotion, a junior plan that is
not a wall, how each move is made, a differentiated top, levelled advice, and certifications with
their gates, alternatives, frameworks, costs and durations.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from poladder.core.advice import covered
from poladder.load import ladder as source
from poladder.load.checks import check
from poladder.model.ladder import Action

ELEVEN = [
    "junior-po",
    "po",
    "senior-po",
    "lead-po",
    "chief-po",
    "scrum-master",
    "portfolio-owner",
    "product-manager",
    "product-director",
    "head-of-product",
    "cpo",
]

NEW_RUNGS = ["senior-product-manager", "principal-product-manager", "group-product-manager", "vp-product"]
NEW_SKILLS = [
    "people-management",
    "product-discovery",
    "ux-collaboration",
    "technical-literacy",
    "go-to-market",
]

# The seed article's roles and relationships, exactly as they were before issue 18.
SEED = {
    "junior-po": ("Junior Product Owner", ["senior-po", "po"], ["scrum-master"]),
    "po": (
        "Product Owner",
        ["senior-po", "product-manager"],
        ["scrum-master", "product-manager", "portfolio-owner"],
    ),
    "senior-po": (
        "Senior Product Owner",
        ["lead-po", "chief-po"],
        ["product-manager", "scrum-master", "portfolio-owner"],
    ),
    "lead-po": (
        "Lead Product Owner",
        ["chief-po"],
        ["head-of-product", "product-manager", "portfolio-owner", "senior-po", "scrum-master"],
    ),
    "chief-po": (
        "Chief Product Owner",
        ["head-of-product"],
        ["portfolio-owner", "product-director", "lead-po"],
    ),
    "scrum-master": ("Scrum Master", [], ["po", "junior-po", "senior-po"]),
    "portfolio-owner": (
        "Portfolio Owner",
        ["head-of-product"],
        ["po", "senior-po", "lead-po", "chief-po", "product-director"],
    ),
    "product-manager": ("Product Manager", ["product-director"], ["po", "senior-po", "lead-po"]),
    "product-director": ("Product Director", ["head-of-product"], ["portfolio-owner", "chief-po"]),
    "head-of-product": ("Head of Product", ["cpo"], ["product-director", "portfolio-owner", "chief-po"]),
    "cpo": ("Chief Product Officer", [], []),
}
SEED_MOVES = {
    ("junior-po", "po"),
    ("po", "senior-po"),
    ("po", "product-manager"),
    ("po", "portfolio-owner"),
    ("po", "scrum-master"),
    ("scrum-master", "po"),
    ("senior-po", "lead-po"),
    ("senior-po", "portfolio-owner"),
    ("senior-po", "product-manager"),
    ("lead-po", "chief-po"),
    ("lead-po", "portfolio-owner"),
    ("chief-po", "head-of-product"),
    ("portfolio-owner", "head-of-product"),
    ("portfolio-owner", "product-director"),
    ("product-manager", "product-director"),
    ("product-director", "head-of-product"),
    ("head-of-product", "cpo"),
}

# Skills that, by the sources, belong to a role's core: each role's `core` must keep them.
CORE_ANCHORS = {
    "junior-po": {"backlog-management", "user-stories"},
    "po": {"backlog-management", "product-vision", "stakeholder-management", "prioritisation"},
    "senior-po": {"leadership", "mentoring", "multi-team-coordination"},
    "lead-po": {"leadership", "mentoring", "people-management"},
    "chief-po": {"product-vision", "prioritisation", "multi-team-coordination", "market-analysis"},
    "scrum-master": {"agile-practices", "team-coaching", "facilitation"},
    "portfolio-owner": {"portfolio-management", "resource-allocation"},
    "product-manager": {"market-analysis", "customer-development", "competitive-positioning"},
    "senior-product-manager": {"product-discovery", "strategic-thinking"},
    "principal-product-manager": {"product-discovery", "strategic-thinking"},
    "group-product-manager": {"people-management", "leadership"},
    "product-director": {"leadership", "people-management"},
    "head-of-product": {"leadership", "resource-allocation", "stakeholder-management"},
    "vp-product": {"leadership", "strategic-thinking", "organisational-design"},
    "cpo": {"leadership", "strategic-thinking", "market-analysis"},
}
KEPT_ON_PROMOTION = {"leadership", "strategy"}

PRODUCT_OWNER_WORK = ["po", "senior-po", "lead-po", "chief-po"]
AGILE_TEAM_WORK = ["junior-po", "po", "senior-po", "lead-po", "chief-po", "scrum-master"]
GATES = {
    "a-cspo": (12, PRODUCT_OWNER_WORK),
    "csp-po": (24, PRODUCT_OWNER_WORK),
    "a-csm": (12, ["scrum-master"]),
    "csp-sm": (24, ["scrum-master"]),
    "pmi-acp": (24, AGILE_TEAM_WORK),
}
SCRUM_MASTER_TRACK = {"csm", "a-csm", "csp-sm", "psm-1", "psm-2", "psm-3"}


@pytest.fixture(scope="module")
def kb():
    return source.load(use_cache=False).kb


def moves(kb):
    return [
        (role_id, target, move) for role_id, role in kb.roles.items() for target, move in role.next.items()
    ]


def levelled(kb):
    return [(skill_id, a) for skill_id, s in kb.skills.items() for a in s.actions if isinstance(a, Action)]


def test_validates_without_errors_or_warnings(kb):
    errors, warnings = check(kb)
    assert errors == [] and [w.message for w in warnings] == []


def test_validate_command_prints_no_warning(cli):
    result = cli("validate")
    assert result.exit_code == 0, result.stderr
    assert "valid" in result.stdout and "warning" not in (result.stdout + result.stderr).lower()


def test_the_eleven_roles_and_the_new_rungs(kb):
    assert sorted(kb.roles) == sorted(ELEVEN + NEW_RUNGS)
    assert kb.roles["cpo"].name == "Chief Product Officer"
    assert kb.roles["chief-po"].name == "Chief Product Owner"
    assert kb.version == "2026.12"
    for role in kb.roles.values():
        assert role.summary and len(role.responsibilities) >= 3 and role.skills and role.sources


@pytest.mark.parametrize("role_id", ELEVEN)
def test_the_seed_relationships_are_unchanged(kb, role_id):
    name, reports_to, works_with = SEED[role_id]
    role = kb.roles[role_id]
    assert (role.name, role.reports_to, role.works_with) == (name, reports_to, works_with)


def test_the_seed_moves_are_kept(kb):
    assert {(role_id, target) for role_id, target, _ in moves(kb)} >= SEED_MOVES


def test_the_new_rungs_sit_where_the_sources_put_them(kb):
    roles = kb.roles
    rank = {role_id: role.rank for role_id, role in roles.items()}
    # DDaT: product manager, senior product manager, lead product manager; GitLab: PM, Senior PM,
    # Principal PM or Group Manager Product, then Director, VP and the CPO.
    assert rank["product-manager"] < rank["senior-product-manager"] < rank["principal-product-manager"]
    assert rank["principal-product-manager"] == rank["group-product-manager"] < rank["product-director"]
    assert rank["head-of-product"] < rank["vp-product"] < rank["cpo"]
    assert "senior-product-manager" in roles["product-manager"].next
    assert {"principal-product-manager", "group-product-manager"} <= set(roles["senior-product-manager"].next)
    assert "product-director" in roles["group-product-manager"].next
    assert roles["principal-product-manager"].next["group-product-manager"].kind == "lateral"
    assert "vp-product" in roles["head-of-product"].next and "cpo" in roles["vp-product"].next
    assert roles["vp-product"].reports_to == ["cpo"]
    for role_id in NEW_RUNGS:
        assert roles[role_id].sources and roles[role_id].certifications, role_id
    assert "lead-product-manager" in roles["group-product-manager"].aliases  # DDaT's name for the step


def test_from_pm_to_director_the_quickest_route_goes_through_senior_pm(cli):
    data = json.loads(cli("path", "product-manager", "product-director", "--json").stdout)
    assert data["route"][:2] == ["product-manager", "senior-product-manager"]
    assert data["route"][-1] == "product-director"


@pytest.mark.parametrize("role_id", ELEVEN + NEW_RUNGS)
def test_every_role_names_its_core(kb, role_id):
    role = kb.roles[role_id]
    assert 3 <= len(role.core) <= 8 and len(set(role.core)) == len(role.core)
    assert {s: role.skills.get(s, 0) for s in role.core if role.skills.get(s, 0) == 0} == {}
    assert CORE_ANCHORS[role_id] <= set(role.core)


def test_leadership_and_strategy_never_fall_on_a_promotion(kb):
    checked = 0
    for role_id, target, move in moves(kb):
        if move.kind != "promotion":
            continue
        for skill_id, have in kb.roles[role_id].skills.items():
            if kb.skills[skill_id].category in KEPT_ON_PROMOTION:
                checked += 1
                need = kb.roles[target].skills.get(skill_id, 0)
                assert need >= have, f"{role_id} -> {target}: {skill_id} {have} -> {need}"
    assert checked > 100


def test_a_junior_plan_is_not_a_wall(kb):
    junior, po = kb.roles["junior-po"], kb.roles["po"]
    raised = {s for s, need in po.skills.items() if need > junior.skills.get(s, 0)}
    assert len(raised) <= 12, sorted(raised)
    assert set(po.core) <= raised  # the move raises the core of the job ...
    assert not raised & {"financial-acumen", "portfolio-management", "competitive-positioning"}  # ... not all


def test_the_top_of_the_po_track_talks_market_and_money(kb):
    chief, lead = kb.roles["chief-po"].skills, kb.roles["lead-po"].skills
    assert chief["market-analysis"] >= 4 and chief["customer-development"] >= 4  # "a deep understanding"
    assert chief["competitive-positioning"] >= 3 and chief["financial-acumen"] >= 3
    assert lead["competitive-positioning"] >= 2
    pm, senior = kb.roles["product-manager"].skills, kb.roles["senior-po"].skills
    assert pm["communication"] >= senior["communication"] and pm["prioritisation"] >= senior["prioritisation"]
    assert kb.roles["product-manager"].skills["organisational-design"] > 0


def test_the_new_skills_are_there_and_needed(kb):
    for skill_id in NEW_SKILLS:
        skill = kb.skills[skill_id]
        assert set(skill.levels) == {1, 2, 3, 4, 5} and skill.category and skill.sources, skill_id
        levels = {a.level for a in skill.actions if isinstance(a, Action)}
        assert levels == {1, 2, 3, 4, 5}, skill_id
        needing = [r for r, role in kb.roles.items() if role.skills.get(skill_id, 0) >= 3]
        assert len(needing) >= 3, (skill_id, needing)
    assert kb.skills["people-management"].category == "leadership"
    for role_id in ("lead-po", "group-product-manager", "product-director", "head-of-product"):
        assert kb.roles[role_id].skills["people-management"] >= 3, role_id
    assert kb.roles["senior-po"].skills["people-management"] >= 2  # Senior POs "often manage other POs"


def test_no_move_leaps(kb):
    kinds = set()
    for role_id, target, move in moves(kb):
        kinds.add(move.kind)
        before, after = kb.roles[role_id].skills, kb.roles[target].skills
        for skill_id, need in after.items():
            have = before.get(skill_id, 0)
            assert need - have <= 3, f"{role_id} -> {target}: {skill_id} {have} -> {need}"
            assert have > 0 or need < 4, f"{role_id} -> {target}: {skill_id} from 0 to {need}"
    assert kinds == {"promotion", "lateral"}  # laterals are checked too


def test_promotions_go_up_and_laterals_stay_level(kb):
    for role_id, target, move in moves(kb):
        rank, other = kb.roles[role_id].rank, kb.roles[target].rank
        assert other > rank if move.kind == "promotion" else other == rank, (role_id, target)


def test_a_differentiated_top(kb):
    def expert_in(role_id):
        return {s for s, level in kb.roles[role_id].skills.items() if level == 5}

    assert len(expert_in("cpo")) <= 10
    assert len(expert_in("head-of-product")) <= 5 and len(expert_in("product-director")) <= 2
    assert expert_in("head-of-product") < expert_in("vp-product") < expert_in("cpo")
    assert {"leadership", "strategic-thinking", "market-analysis"} <= expert_in("cpo")  # the seed's three
    cpo, po = kb.roles["cpo"].skills, kb.roles["po"].skills
    assert cpo.get("user-stories", 0) < po["user-stories"]  # craft skills fall at the top
    assert cpo.get("backlog-management", 0) < po["backlog-management"]


def test_levelled_actions_for_every_skill(kb):
    for skill_id, skill in kb.skills.items():
        levels = {a.level for a in skill.actions if isinstance(a, Action)}
        assert {2, 3, 4, 5} <= levels, skill_id
    plain = [a for s in kb.skills.values() for a in s.actions if isinstance(a, str)]
    assert len(plain) <= 3  # level-independent advice is the exception


def test_certification_actions_name_one_known_certification(kb):
    codes = {m.group(0) for c in kb.certifications.values() for m in [re.search(r"\([^()]+\)$", c.name)] if m}
    for skill_id, action in levelled(kb):
        if action.certification is not None:
            assert action.certification in kb.certifications, (skill_id, action.text)
        mentioned = [code for code in codes if code in action.text]  # e.g. "(A-CSPO)"
        assert len(mentioned) <= 1, action.text
        assert bool(mentioned) <= (action.certification is not None), action.text
    recommended = {c for role in kb.roles.values() for c in role.certifications}
    with_action = {a.certification for _, a in levelled(kb) if a.certification}
    assert recommended <= with_action  # every recommended certification has an action saying how


def test_seniors_get_senior_advice(kb):
    junior_words = re.compile(
        r"ask (your|a)|your (manager|product manager|scrum master)|help hire|your mentor", re.I
    )
    for skill_id, action in levelled(kb):
        if action.level == 5:
            assert not junior_words.search(action.text), (skill_id, action.text)


@pytest.mark.parametrize(
    "advice",
    [
        "volunteer to lead team meetings",
        "take charge of a specific aspect of a project",
        "set clear goals for each stage",
        "reflect on your progress regularly",
        "seek small leadership opportunities",
        "lead a specific project",
        "mentor a junior product owner",
        "facilitate a workshop with stakeholders to gather insights",
        "build consensus",
        "coordinate with the other product owners",
        "training programme in market analysis",
        "agile coaching course",
        "training programme in product management",
        "gather input from stakeholders and relay it",
        "bridge what stakeholders want",
        "advocate for your product's needs",
        "prioritise features that meet customer needs and align with business objectives",
        "ask your scrum master to guide you",
        "market dynamics",
        "continuous learning",
    ],
)
def test_every_piece_of_seed_advice_is_there(kb, advice):
    texts = [a if isinstance(a, str) else a.text for s in kb.skills.values() for a in s.actions]
    assert any(advice in t.lower() for t in texts)


def test_obtaining_cspo_is_advice(kb):
    assert any(a.certification == "cspo" and a.level == 2 for _, a in levelled(kb))


def test_experience_gates(kb):
    for cert_id, (months, roles) in GATES.items():
        experience = kb.certifications[cert_id].experience
        assert experience is not None, cert_id
        assert (experience.months, sorted(experience.roles)) == (months, sorted(roles)), cert_id
        assert kb.certifications[cert_id].prerequisites  # the provider's words stay in prose


def test_scrum_org_levels_added_and_recommended_prerequisites_stay_prose(kb):
    certs = kb.certifications
    for cert_id in ("pspo-3", "psm-2", "psm-3"):
        assert certs[cert_id].provider == "Scrum.org"
        assert certs[cert_id].url.startswith("https://www.scrum.org/assessments/")
        assert certs[cert_id].requires == [] and "recommended" in certs[cert_id].prerequisites
    assert certs["pspo-2"].requires == [] and "recommended" in certs["pspo-2"].prerequisites


def test_provider_levels_and_names(kb):
    certs = kb.certifications
    assert {certs[c].level for c in ("safe-lpm", "safe-apm", "safe-popm")} == {"foundational"}
    pragmatic = certs["pragmatic-pmc"]
    # The archived scheme is attested ("Pragmatic Marketing Certified, Level One (PMC-I)" to PMC-VI);
    # "Pragmatic Institute Certified (PMC)" is not.
    assert pragmatic.name == "Pragmatic Marketing Certified (PMC-I to PMC-VI)"
    assert (
        pragmatic.provider.startswith("Pragmatic Institute") and "Institute Certified" not in pragmatic.name
    )
    assert pragmatic.url.startswith("https://www.pragmaticinstitute.com/")


def test_every_url_is_https(kb):
    urls = [c.url for c in kb.certifications.values()]
    urls += [u for s in kb.skills.values() for u in s.sources]
    urls += [u for r in kb.roles.values() for u in r.sources]
    assert urls and [u for u in urls if not (u and u.startswith("https://"))] == []


def test_certifications_stay_on_their_track(kb):
    for role_id, role in kb.roles.items():
        if role.track != "agile-leadership":
            assert not SCRUM_MASTER_TRACK & set(role.certifications), role_id
        levels = [kb.certifications[c].level for c in role.certifications]
        assert all(levels.count(level) <= 2 for level in levels), role_id  # no three overlapping


def test_relationships_from_the_article(kb):
    roles = kb.roles
    assert {"senior-po", "product-manager"} <= set(roles["po"].reports_to)
    assert "scrum-master" in roles["po"].works_with and "po" in roles["scrum-master"].works_with
    assert roles["po"].next["scrum-master"].kind == "lateral"
    assert roles["po"].next["portfolio-owner"].kind == "promotion"  # "a natural progression"
    assert "head-of-product" in roles["lead-po"].works_with  # the link to upper management
    assert roles["product-manager"].reports_to == ["product-director"]
    assert any("Product Managers" in r for r in roles["product-director"].responsibilities)
    assert any("entire product organisation" in r for r in roles["head-of-product"].responsibilities)
    assert any("other Product Owners" in r for r in roles["senior-po"].responsibilities)
    assert roles["cpo"].reports_to == []
    assert roles["cpo"].reports_to_outside == ["Chief Executive Officer (CEO)"]


@pytest.mark.parametrize("columns", ["60", "120"])
def test_cpo_reports_to_the_ceo(cli, columns):
    out = cli("role", "cpo", env={"COLUMNS": columns}).stdout
    assert "Chief Executive Officer (CEO)" in out
    assert not re.search(r"Reports to\s+—", out)
    data = json.loads(cli("role", "cpo", "--json").stdout)
    assert data["reports_to"] == [] and data["reports_to_outside"] == ["Chief Executive Officer (CEO)"]


def test_every_move_says_where_its_years_come_from(kb):
    for role_id, target, move in moves(kb):
        assert move.note and move.note.endswith(".") and move.note.count(". ") == 0, (role_id, target)


def test_junior_po_to_cpo(cli, kb):
    result = cli("path", "junior-po", "cpo", "--json", "--alternatives", "2")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["route"][0] == "junior-po" and data["route"][-1] == "cpo"
    assert "head-of-product" in data["route"]
    assert 8 <= data["total_years"] <= 20
    assert len(data["alternatives"]) == 2
    assert data["knowledge_base"]["version"] == "2026.12"
    for step in data["steps"]:
        assert step["note"] == kb.roles[step["from"]].next[step["to"]].note


EXAMPLE = Path(__file__).parent.parent / "examples" / "profile.yaml"


@pytest.mark.parametrize("target", ["senior-po", "lead-po", "cpo", "scrum-master", "product-manager"])
def test_the_example_profile_gets_advice_that_fits_its_level(cli, kb, target):
    """Every focus action is for the person's next level (or the nearest the step needs), nothing
    held is offered, and the plan walks the same route."""
    result = cli("assess", "--profile", str(EXAMPLE), "--target", target, "--json", "--no-save")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    held = set(data["profile"]["certifications"])
    assert data["route"][0] == "po"  # the stated role, not the best fit
    for item in data["focus"]:
        levels = {a["level"] for a in item["actions"]}
        assert levels <= set(range(item["have"] + 1, item["need"] + 1)) | {None}, item
        assert all(a["certification"] not in held for a in item["actions"] if a["certification"])
    offered = {o for c in data["certifications"] for o in (c["certification"], *c["alternatives"])}
    assert not covered(kb, held) & offered  # neither held nor an alternative of one held
    # the route's, and the person's own role's and its track's next rung's (Senior PO) when they qualify
    recommended = {c for r in [*data["route"], "senior-po"] for c in kb.roles[r].certifications}
    recommended |= {a for c in recommended for a in kb.certifications[c].alternatives}
    prerequisites = {p for c in recommended for p in kb.certifications[c].requires}
    assert offered <= recommended | prerequisites
    for advice in data["certifications"]:
        if advice["status"] == "now":  # worth taking now: for your role or the next step only
            assert advice["step"] <= 1 and not advice["missing"] and not advice["condition"]
    for step in data["next_steps"]:
        if step["kind"] == "action" and step["certification"]:
            assert step["certification"] not in held
    plan = json.loads(cli("plan", "--profile", str(EXAMPLE), "--target", target, "--json").stdout)
    assert [m["from"] for m in plan["milestones"]] + [target] == data["route"]


def test_every_move_says_how_it_is_made(kb):
    for role_id, target, move in moves(kb):
        assert len(move.how) >= 2, (role_id, target)
        assert all(len(text) > 40 and not text.endswith(".") for text in move.how + move.pitfalls)
    texts = {(r, t): " ".join(m.how + m.pitfalls).lower() for r, t, m in moves(kb)}
    assert len(set(texts.values())) == len(texts)  # written for each move, not pasted
    pitfalls = {(r, t): " ".join(m.pitfalls).lower() for r, t, m in moves(kb)}
    assert "team you served" in pitfalls["scrum-master", "po"]  # a Scrum Master becoming PO of that team
    assert "outward-facing" in texts["po", "product-manager"]
    assert "sponsorship" in pitfalls["product-director", "head-of-product"]
    assert sum(bool(m.pitfalls) for _, _, m in moves(kb)) == len(texts)


def test_outside_relationships(kb):
    cpo, sm = kb.roles["cpo"], kb.roles["scrum-master"]
    assert {"Chief Technology Officer (CTO)", "Chief Financial Officer (CFO)"} <= set(cpo.works_with_outside)
    assert sm.reports_to == [] and sm.reports_to_outside


def test_alternatives_are_symmetric(kb):
    certs = kb.certifications
    pairs = {(c, a) for c, cert in certs.items() for a in cert.alternatives}
    assert pairs and all((a, c) in pairs for c, a in pairs)
    assert {("cspo", "pspo-1"), ("csm", "psm-1"), ("pal-1", "cal-1")} <= pairs


def test_frameworks(kb):
    certs = kb.certifications
    assert {c for c, cert in certs.items() if "safe" in cert.frameworks} == {
        "safe-popm",
        "safe-lpm",
        "safe-apm",
    }
    assert certs["cspo"].frameworks == ["scrum"] and certs["pmi-acp"].frameworks == []


def test_every_certification_has_a_sourced_or_varying_cost_and_duration(kb):
    for cert_id, cert in kb.certifications.items():
        assert cert.cost is not None and cert.duration is not None, cert_id
        if cert.cost.amount is None:
            assert cert.cost.note, cert_id  # varies, or could not be verified: the note says which
        else:
            assert cert.cost.currency == "USD" and cert.cost.source, cert_id
        if cert.duration.course_hours is None and cert.duration.exam_minutes is None:
            assert cert.duration.note, cert_id
        else:
            assert cert.duration.source, cert_id
        for source_url in (cert.cost.source, cert.duration.source):
            assert source_url is None or source_url.startswith(("https://", "http://")), cert_id
    certs = kb.certifications
    assert (certs["psm-1"].cost.amount, certs["pspo-1"].cost.amount) == (200, 200)
    assert certs["cspo"].cost.amount is None and "trainer" in certs["cspo"].cost.note
    assert certs["cspo"].duration.course_hours == 16


def test_certification_facts_of_the_december_2026_fact_check(kb):
    certs = kb.certifications
    for cert_id in ("a-cspo", "a-csm"):
        assert "active or expired" in certs[cert_id].prerequisites
        assert "before or after the course" in certs[cert_id].prerequisites
    for cert_id in ("safe-popm", "safe-lpm", "safe-apm"):
        assert "5.1" in certs[cert_id].description and "6.0" in certs[cert_id].description
    assert "PMP" in certs["pmi-acp"].prerequisites
    assert certs["cspo"].builds["customer-development"] >= 2
    assert "cal-1" in certs and certs["cal-1"].provider == "Scrum Alliance"


def test_no_certification_action_claims_more_than_it_builds(kb):
    for skill_id, action in levelled(kb):
        if action.certification is not None:
            built = kb.certifications[action.certification].builds.get(skill_id)
            assert built is not None, (skill_id, action.certification)
            assert action.level is None or action.level <= built, (skill_id, action.certification)
