"""Every problem of a file in one run: field errors do not hide unknown ids (knowledge bases and
profiles), in the order of the file, each once; and counts read as English ("1 error")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import LADDER

BROKEN_LADDER = """\
skills:
  backlog: {name: Backlog management, levels: {1: a, 9: b}}
  vision: {name: Vision, actions: [{text: x, level: 9}, {text: y, certification: nope}]}
certifications:
  base: {name: Base (BS), provider: P, requires: [ghost, 5], builds: {backlog: 2, visionn: 2}}
roles:
  a:
    name: Role A
    rank: high
    skills: {backlogg: 2, vision: 7}
    certifications: [base, basee]
    reports_to: [c]
    next: {b: {years: -1}, zz: {years: 1}}
  b: {name: Role B, rank: 2, extra: 1, works_with: [a, q]}
  c: "oops"
"""

# Each (line:col, where, words) the run must report, in this order; nothing else.
EXPECTED = [
    ("2:54", "skills.backlog.levels.9", "less than or equal to 5"),
    ("3:53", "skills.vision.actions.0.level", "less than or equal to 5"),
    ("3:82", "skills.vision.actions.1.certification", "unknown certification 'nope'"),
    ("5:51", "certifications.base.requires.0", "unknown certification 'ghost'"),
    ("5:58", "certifications.base.requires.1", "valid string"),
    ("5:83", "certifications.base.builds.visionn", "unknown skill 'visionn'; did you mean 'vision'?"),
    ("9:11", "roles.a.rank", "valid integer"),
    ("10:14", "roles.a.skills.backlogg", "unknown skill 'backlogg'; did you mean 'backlog'?"),
    ("10:35", "roles.a.skills.vision", "less than or equal to 5"),
    ("11:28", "roles.a.certifications.1", "unknown certification 'basee'; did you mean 'base'?"),
    ("13:23", "roles.a.next.b.years", "greater than 0"),
    ("13:28", "roles.a.next.zz", "unknown role 'zz'"),
    ("14:30", "roles.b.extra", "unknown field 'extra'"),
    ("14:56", "roles.b.works_with.1", "unknown role 'q'"),
    ("15:6", "roles.c", "valid dictionary"),
]


def test_validate_reports_field_errors_and_unknown_ids_in_one_run(cli, make_kb):
    path = make_kb(BROKEN_LADDER)
    result = cli("validate", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{path}: {len(EXPECTED)} errors"
    assert len(lines) == len(EXPECTED) + 1, result.stderr
    for line, (position, where, words) in zip(lines, EXPECTED, strict=False):
        assert line.startswith(f"{path}:{position}: error: {where}: "), line
        assert words in line, line
    # A broken entry still exists: `reports_to: [c]` names role c, whose value is what is wrong.
    assert "unknown role 'c'" not in result.stderr


def test_every_command_reading_the_ladder_reports_them_all(cli, make_kb):
    path = make_kb(BROKEN_LADDER)
    result = cli("roles", "--kb", str(path))
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == len(EXPECTED) and "Traceback" not in result.stderr
    report = json.loads(cli("validate", str(path), "--json").stdout)
    assert report["ok"] is False and len(report["errors"]) == len(EXPECTED)


def test_a_valid_ladder_with_only_unknown_ids(cli, make_kb):
    path = make_kb("skills: {a: {name: A}}\nroles: {r: {name: R, rank: 1, skills: {b: 1}}}\n")
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert re.fullmatch(
        rf"{re.escape(str(path))}:2:40: error: roles\.r\.skills\.b: unknown skill 'b'.*\n{re.escape(str(path))}: 1 error\n",
        result.stderr,
    ), result.stderr


def test_sections_of_the_wrong_kind_are_field_errors_only(cli, make_kb):
    path = make_kb("skills: [a, b]\nroles: {r: {name: R, rank: 1, skills: {b: 1}}}\n")
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert "skills: Input should be a valid dictionary" in result.stderr
    assert "unknown skill 'b'" in result.stderr  # no skill is known, so b is unknown too
    assert result.stderr.endswith(": 2 errors\n")


PROFILE = """\
name: Sam
role: owner
skills:
  backlog: 7
  stakholders: 2
  strategi: 1
  financ: 3
certifications: [basic, 12, nope]
"""


def test_a_profile_reports_a_level_of_7_and_three_unknown_skills_at_once(cli, tmp_path):
    path = tmp_path / "me.yaml"
    path.write_text(PROFILE)
    result = cli("assess", "--profile", str(path), "--kb", str(LADDER), "--no-save")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == [
        "skills.backlog",
        "skills.stakholders",
        "skills.strategi",
        "skills.financ",
        "certifications.1",
        "certifications.2",
    ], result.stderr
    assert "less than or equal to 5" in lines[0]
    assert "unknown skill 'stakholders'; did you mean 'stakeholders'?" in lines[1]
    assert "valid string" in lines[4] and "unknown certification 'nope'" in lines[5]
    assert all(line.startswith(f"{path}:") for line in lines)


def test_an_unknown_skill_with_a_bad_level_is_two_problems(cli):
    result = cli(
        "path", "junior", "head", "--profile", "-", "--kb", str(LADDER), input="skills: {stakholders: 9}\n"
    )
    assert result.exit_code == 1
    assert "skills.stakholders: Input should be less than or equal to 5" in result.stderr
    assert "skills.stakholders: unknown skill 'stakholders'" in result.stderr


def test_plural_rules(cli, make_kb):
    one = make_kb("skills: {a: {name: A}}\nroles: {r: {name: R, rank: x}}\n")
    assert cli("validate", str(one)).stderr.endswith(f"{one}: 1 error\n")
    warned = make_kb(
        "skills: {a: {name: A}}\nroles:\n  r: {name: R, rank: 1, next: {s: {years: 1}}}\n"
        "  s: {name: S, rank: 2, skills: {a: 4}}\n"
    )
    result = cli("validate", str(warned))
    assert result.exit_code == 0 and result.stdout.rstrip().endswith("(1 warning)"), result.stdout


def test_counts_of_one_are_singular(cli, make_kb):
    path = make_kb(
        "skills: {a: {name: A}}\ncertifications: {c: {name: C, provider: P}}\nroles: {r: {name: R, rank: 1}}\n"
    )
    assert "valid — 1 role, 1 skill, 1 certification" in cli("validate", str(path)).stdout
    assert "The ladder: 1 role, 0 moves" in cli("graph", "--kb", str(path)).stdout
    team = cli("team", "--kb", str(path), input='{"name": "A", "role": "r"}\n').stdout
    assert "1 person assessed;" in team and "Ready now — 0 people" in team


def _paths(node, trail=()):
    """Every path of keys and indexes into a parsed document."""
    yield trail
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*trail, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*trail, i))


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.text(max_size=8),
    st.lists(st.one_of(st.integers(), st.text(max_size=4)), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_broken_value_is_reported_never_a_crash(data):
    """Put junk anywhere in a valid ladder: every run ends in located lines (or passes), never a traceback,
    and each problem is said once."""
    from poladder.errors import DataError
    from poladder.load import ladder as source
    from poladder.render import problem_line
    from tests.test_validation import VALID

    document = yaml.safe_load(VALID)
    spots = [p for p in _paths(document) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        spot = data.draw(st.sampled_from(spots))
        parent = document
        try:
            for part in spot[:-1]:
                parent = parent[part]
            parent[spot[-1]] = data.draw(JUNK)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change took this spot away
    content = yaml.safe_dump(document).encode()
    try:
        source.parse(content, Path("kb.yaml"), "0" * 64)
    except DataError as e:
        lines = [problem_line(p) for p in e.problems]
        assert lines and all(re.match(r"kb\.yaml:\d+:\d+: error: ", line) for line in lines), lines
        assert len(set(lines)) == len(lines), lines
