"""The bundled ladder: complete, sourced, and shaped the way working product people would recognise.

These tests pin the shape of data/roles.yaml (issue 9): core skills present, no leap in any move,
a differentiated top, levelled advice, sourced certification gates and the seed's relationships.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

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

# The skills a role cannot do without (the seed article, the Scrum Guide, DDaT, GitLab): never 0.
CORE = {
    "junior-po": ["backlog-management", "user-stories", "agile-practices", "communication", "product-vision"],
    "po": [
        "backlog-management",
        "product-vision",
        "stakeholder-management",
        "prioritisation",
        "communication",
        "facilitation",
        "negotiation-influence",
        "multi-team-coordination",
    ],
    "senior-po": [
        "leadership",
        "mentoring",
        "facilitation",
        "negotiation-influence",
        "strategic-thinking",
        "stakeholder-management",
        "multi-team-coordination",
    ],
    "lead-po": [
        "leadership",
        "mentoring",
        "strategic-thinking",
        "communication",
        "multi-team-coordination",
        "resource-allocation",
    ],
    "chief-po": [
        "product-vision",
        "prioritisation",
        "multi-team-coordination",
        "mentoring",
        "market-analysis",
        "customer-development",
    ],
    "scrum-master": ["agile-practices", "team-coaching", "facilitation", "communication", "leadership"],
    "portfolio-owner": [
        "portfolio-management",
        "strategic-thinking",
        "prioritisation",
        "stakeholder-management",
        "resource-allocation",
        "multi-team-coordination",
    ],
    "product-manager": [
        "leadership",
        "mentoring",
        "facilitation",
        "negotiation-influence",
        "multi-team-coordination",
        "market-analysis",
        "customer-development",
        "competitive-positioning",
        "product-lifecycle",
    ],
    "product-director": [
        "leadership",
        "mentoring",
        "facilitation",
        "negotiation-influence",
        "multi-team-coordination",
        "strategic-thinking",
    ],
    "head-of-product": [
        "leadership",
        "resource-allocation",
        "stakeholder-management",
        "strategic-thinking",
        "organisational-design",
    ],
    "cpo": [
        "leadership",
        "strategic-thinking",
        "market-analysis",
        "stakeholder-management",
        "product-vision",
    ],
}

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


def test_the_eleven_roles(kb):
    assert sorted(kb.roles) == sorted(ELEVEN)
    assert kb.roles["cpo"].name == "Chief Product Officer"
    assert kb.roles["chief-po"].name == "Chief Product Owner"
    assert kb.version == "2026.12"
    for role in kb.roles.values():
        assert role.summary and len(role.responsibilities) >= 3 and role.skills


@pytest.mark.parametrize("role_id", ELEVEN)
def test_no_core_skill_at_zero(kb, role_id):
    skills = kb.roles[role_id].skills
    assert {s: skills.get(s, 0) for s in CORE[role_id] if skills.get(s, 0) == 0} == {}


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
    assert pragmatic.provider.startswith("Pragmatic Institute") and "Marketing" not in pragmatic.name
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
    assert not held & {c["certification"] for c in data["certifications"]}
    recommended = {c for r in data["route"][1:] for c in kb.roles[r].certifications}
    prerequisites = {p for c in recommended for p in kb.certifications[c].requires}
    assert {c["certification"] for c in data["certifications"]} <= recommended | prerequisites
    for step in data["next_steps"]:
        if step["kind"] == "action" and step["certification"]:
            assert step["certification"] not in held
    plan = json.loads(cli("plan", "--profile", str(EXAMPLE), "--target", target, "--json").stdout)
    assert [m["from"] for m in plan["milestones"]] + [target] == data["route"]
