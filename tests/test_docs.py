"""The documentation stays honest: its example ladder validates and routes as the text says."""

from __future__ import annotations

import json
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "knowledge-base.md"


def test_the_documented_example_ladder(cli, tmp_path):
    [example] = re.findall(r"```yaml\n(.*?)```", DOC.read_text(), re.S)
    path = tmp_path / "my-ladder.yaml"
    path.write_text(example)
    result = cli("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert "valid — 2 roles, 3 skills, 3 certifications" in result.stdout
    assert result.stderr == ""  # no warning either
    data = json.loads(cli("path", "po", "senior product owner", "--kb", str(path), "--json").stdout)
    [step] = data["steps"]
    # Product Owner's own foundation first: nothing is promoted into the example's first rung
    assert step["years"] == 2 and step["certifications"] == ["basic", "advanced"]
    assert step["note"] == "Our own estimate"
    # the example shows every field of issue 18, and they load as written
    from poladder.load import ladder as source

    kb = source.load(path, use_cache=False).kb
    assert kb.roles["po"].core == ["backlog", "stakeholders"]
    move = kb.roles["po"].next["senior-po"]
    assert len(move.how) == 2 and move.pitfalls
    assert kb.roles["senior-po"].works_with_outside == ["Head of Engineering"]
    basic, other = kb.certifications["basic"], kb.certifications["other-basic"]
    assert basic.alternatives == ["other-basic"] and other.alternatives == ["basic"]
    assert basic.frameworks == ["scrum"] and basic.cost is not None and basic.cost.amount is None
    assert other.cost is not None and (other.cost.amount, other.cost.currency) == (200, "USD")
    assert basic.duration is not None and basic.duration.course_hours == 16
    assert {(c["skill"], c["from"], c["to"]) for c in step["skills"]} == {
        ("strategy", 0, 2),
        ("backlog", 3, 4),
        ("stakeholders", 2, 3),
    }


def test_ci_runs_the_readmes_test_line_word_for_word():
    root = DOC.parent.parent
    [line] = re.findall(r"^python3 -m venv .*pytest$", (root / "README.md").read_text(), re.M)
    ci = (root / ".ci" / "run").read_text()
    assert line in ci
    # ... in a bare environment, so the suite is known not to lean on the caller's terminal or home
    assert re.search(r"env -i .*HOME=.*TERM=dumb", ci)
