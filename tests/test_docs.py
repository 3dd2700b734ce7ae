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
    assert "valid — 2 roles, 3 skills, 2 certifications" in result.stdout
    data = json.loads(cli("path", "po", "senior product owner", "--kb", str(path), "--json").stdout)
    [step] = data["steps"]
    assert step["years"] == 2 and step["certifications"] == ["advanced"]
    assert step["note"] == "Our own estimate"
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
