"""Certifications by the names people use: ids, full names, the abbreviation in the name's parentheses,
Roman or Arabic numerals, any case and spacing; in profiles, in the interview and for `team`."""

from __future__ import annotations

import json

import pytest

from poladder.load import ladder as source
from poladder.model.ladder import cert_key

CERTS = """\
skills: {backlog: {name: Backlog}}
certifications:
  cspo: {name: Certified Scrum Product Owner (CSPO), provider: Scrum Alliance}
  a-cspo: {name: Advanced Certified Scrum Product Owner (A-CSPO), provider: Scrum Alliance, requires: [cspo]}
  pspo-1: {name: Professional Scrum Product Owner I (PSPO I), provider: Scrum.org}
  pspo-2: {name: Professional Scrum Product Owner II (PSPO II), provider: Scrum.org}
  csm: {name: Certified ScrumMaster (CSM), provider: Scrum Alliance}
roles:
  po: {name: Product Owner, rank: 1, skills: {backlog: 2}, next: {senior: {years: 2}}}
  senior: {name: Senior Product Owner, rank: 2, skills: {backlog: 3}}
"""


@pytest.fixture
def kb_path(make_kb):
    return make_kb(CERTS)


@pytest.mark.parametrize(
    ("text", "cert"),
    [
        ("cspo", "cspo"),
        ("CSPO", "cspo"),
        ("  cspo ", "cspo"),
        ("Certified Scrum Product Owner", "cspo"),
        ("certified scrum product owner (cspo)", "cspo"),
        ("A-CSPO", "a-cspo"),
        ("a cspo", "a-cspo"),
        ("PSPO I", "pspo-1"),
        (" PSPO I", "pspo-1"),
        ("pspo-1", "pspo-1"),
        ("PSPO 1", "pspo-1"),
        ("pspo_i", "pspo-1"),
        ("Professional Scrum Product Owner I", "pspo-1"),
        ("PSPO II", "pspo-2"),
        ("pspo  2", "pspo-2"),
        ("Certified Scrum Master", "csm"),
        ("PSPO III", None),
        ("Scrum", None),
        ("", None),
    ],
)
def test_find_certification(kb_path, text, cert):
    kb = source.load(kb_path, use_cache=False).kb
    assert kb.find_certification(text) == cert


def test_roman_numerals_only_as_words():
    assert cert_key("PSPO III") == "pspo3" and cert_key("Pspo-iI") == "pspo2"
    assert cert_key("Civic") == "civic"  # letters inside a word stay letters


def test_a_typo_suggests_the_right_one_first(kb_path):
    kb = source.load(kb_path, use_cache=False).kb
    assert str(kb.unknown_certification(" PSOP I")).startswith(
        "unknown certification 'PSOP I'; did you mean 'pspo-1'"
    )
    assert str(kb.unknown_certification("CPSO")).startswith(
        "unknown certification 'CPSO'; did you mean 'cspo'"
    )


def test_a_profile_names_certifications_as_people_do(cli, kb_path):
    profile = "role: po\ncertifications: [' PSPO I', CSPO, Certified Scrum Product Owner, pspo-1]\n"
    result = cli("assess", "-p", "-", "--kb", str(kb_path), "--json", "--no-save", input=profile)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["certifications"] == ["pspo-1", "cspo"]


def test_held_certifications_by_name_count_as_held(cli, make_kb):
    """a-cspo requires cspo: held by its name, cspo is no longer a next step and a-cspo needs nothing first."""
    path = make_kb(
        CERTS.replace(
            "provider: Scrum Alliance, requires", "provider: Scrum Alliance, builds: {backlog: 3}, requires"
        ).replace("{backlog: 3}}", "{backlog: 3}, certifications: [a-cspo]}")
    )

    def steps(profile: str) -> dict[str, list[str]]:
        result = cli("assess", "-p", "-", "--kb", str(path), "--json", "--no-save", input=profile)
        assert result.exit_code == 0, result.stderr
        return {
            s["certification"]: s["requires"]
            for s in json.loads(result.stdout)["next_steps"]
            if s["certification"]
        }

    plain = steps("role: po\n")
    assert "cspo" in plain and plain["a-cspo"] == ["cspo"]
    held = steps("role: po\ncertifications: [Certified Scrum Product Owner]\n")
    assert "cspo" not in held and held["a-cspo"] == []


def test_an_unknown_certification_in_a_profile(cli, kb_path):
    result = cli("assess", "-p", "-", "--kb", str(kb_path), "--no-save", input="certifications: [PSOP I]\n")
    assert result.exit_code == 1
    assert (
        "<stdin>:1:18: error: certifications.0: unknown certification 'PSOP I'; did you mean 'pspo-1'"
        in result.stderr
    )


def test_the_interview_takes_names_too(cli, kb_path):
    # name (blank), role, years in role (blank), target (default), years, certifications, one skill level
    answers = "\npo\n\n\n2\nPSPO I, certified scrum product owner\n2\n"
    result = cli("assess", "--kb", str(kb_path), "--json", "--no-save", input=answers)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["certifications"] == ["pspo-1", "cspo"]


def test_team_accepts_names(cli, kb_path, tmp_path):
    team = tmp_path / "team.jsonl"
    team.write_text(json.dumps({"name": "A", "role": "po", "certifications": ["CSPO", "PSPO I"]}) + "\n")
    result = cli("team", str(team), "--kb", str(kb_path), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["people"] == 1


def test_the_bundled_ladder_knows_cspo_and_pspo_i():
    kb = source.load(use_cache=False).kb
    assert kb.find_certification("CSPO") == "cspo"
    assert kb.find_certification(" PSPO I") == "pspo-1"
    assert kb.find_certification("Certified Scrum Product Owner") == "cspo"
