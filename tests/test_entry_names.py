"""One rule for every kind of named entry (roles, skills, certifications): an id wins over a name, and
`validate` reports a name that is another entry's id or name."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import LADDER


def _with(tmp_path: Path, old: str, new: str) -> Path:
    text = LADDER.read_text()
    assert old in text
    path = tmp_path / "kb.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


def _base(path: Path):
    from poladder.load.documents import parse
    from poladder.model.ladder import KnowledgeBase

    # The checks refuse these ladders: the look-ups are tested on the base as the schema reads it.
    return KnowledgeBase.model_validate(parse(path.read_bytes(), str(path), "knowledge base").data)


def test_a_skill_named_like_another_skills_id_is_an_error_and_the_id_wins(cli, tmp_path):
    path = _with(tmp_path, "name: Backlog management", "name: Stakeholders")
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert (
        "skills.backlog.name: name 'Stakeholders' is already the id of skill 'stakeholders' — "
        "give the skill a name of its own" in result.stderr
    )
    kb = _base(path)
    assert kb.skill_id("stakeholders") == "stakeholders" and kb.skill_id("STAKEHOLDERS") == "stakeholders"


def test_two_skills_of_one_name_is_an_error(cli, tmp_path):
    path = _with(tmp_path, "name: Backlog management", "name: Strategic Thinking")
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert "skills.strategy.name: name 'Strategic thinking' is already the name of skill 'backlog'" in (
        result.stderr
    )
    assert _base(path).skill_id("strategic thinking") == "backlog"  # the first, as for roles


def test_a_certification_named_like_another_ones_id_is_an_error_and_the_id_wins(cli, tmp_path):
    path = _with(tmp_path, "name: Basic Owner", "name: ADVANCED")
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert (
        "certifications.basic.name: name 'ADVANCED' is already the id of certification 'advanced'"
        in result.stderr
    )
    assert _base(path).cert_id("Advanced") == "advanced"


def test_a_certifications_full_name_wins_over_the_parts_of_another_ones(cli, tmp_path):
    """The abbreviation in parentheses is only one more way to find a certification: shared, it is
    no error, and it never hides another certification's own full name."""
    path = _with(tmp_path, "name: Basic Owner", "name: Basic Owner (Advanced Owner)")
    assert cli("validate", str(path)).exit_code == 0
    kb = _base(path)
    assert kb.cert_id("Advanced Owner") == "advanced" and kb.cert_id("Basic Owner") == "basic"


def test_roles_keep_the_same_rule(cli, tmp_path):
    path = _with(tmp_path, "name: Senior Owner", "name: Head")
    result = cli("validate", str(path))
    assert "roles.senior.name: name 'Head' is already the id of role 'head'" in result.stderr
    assert _base(path).role_id("head") == "head"


def test_the_bundled_ladder_and_the_test_ladder_have_no_clashes(cli):
    assert cli("validate").exit_code == 0
    assert cli("validate", str(LADDER)).exit_code == 0
