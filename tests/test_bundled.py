"""The bundled ladder: complete, sourced, and giving routes a product person would agree with."""

from __future__ import annotations

import json

import pytest

from poladder import source
from poladder.knowledge import check

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


@pytest.fixture(scope="module")
def kb():
    return source.load(use_cache=False).kb


# Strict: once the re-levelled ladder (issue 9) lands this passes, and the marker must go.
@pytest.mark.xfail(
    strict=True, reason="the bundled ladder still has leaps; re-levelled on branch ladder-data"
)
def test_validates_without_errors_or_warnings(kb):
    errors, warnings = check(kb)
    assert errors == [] and [w.message for w in warnings] == []


def test_the_eleven_roles(kb):
    assert sorted(kb.roles) == sorted(ELEVEN)
    assert kb.roles["cpo"].name == "Chief Product Officer"
    assert kb.roles["chief-po"].name == "Chief Product Owner"
    for role in kb.roles.values():
        assert role.summary and len(role.responsibilities) >= 3 and role.skills


def test_relationships_from_the_article(kb):
    po = kb.roles["po"]
    assert "product-manager" in po.reports_to
    assert "scrum-master" in po.works_with
    assert kb.roles["po"].next["scrum-master"].kind == "lateral"
    assert "product-director" in kb.roles["product-manager"].next


def test_skills_have_levels_and_actions(kb):
    assert len(kb.skills) >= 20
    for skill_id, skill in kb.skills.items():
        assert set(skill.levels) == {1, 2, 3, 4, 5}, skill_id
        assert skill.actions, skill_id
    advice = " ".join(a.lower() for s in kb.skills.values() for a in s.actions)
    for words in ("team meetings", "workshop", "mentor", "market"):
        assert words in advice, words


def test_certifications_are_sourced(kb):
    assert len(kb.certifications) >= 12
    providers = {c.provider for c in kb.certifications.values()}
    assert {"Scrum Alliance", "Scrum.org"} <= providers
    for cert_id, cert in kb.certifications.items():
        assert cert.url and cert.url.startswith("http"), cert_id
    assert kb.certifications["cspo"].name.startswith("Certified Scrum Product Owner")
    assert kb.certifications["a-cspo"].requires == ["cspo"]


def test_every_move_says_where_its_years_come_from(kb):
    for role_id, role in kb.roles.items():
        for target, move in role.next.items():
            assert move.note, f"{role_id} -> {target}"


def test_junior_po_to_cpo(cli):
    result = cli("path", "junior-po", "cpo", "--json", "--alternatives", "2")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["route"][0] == "junior-po" and data["route"][-1] == "cpo"
    assert "head-of-product" in data["route"]
    assert 8 <= data["total_years"] <= 20
    assert len(data["alternatives"]) == 2
    assert data["knowledge_base"]["version"] == "2026.11"
