"""Every validation rule of the knowledge-base format, through `poladder validate` and other commands."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import LADDER

VALID = """\
version: "1"
skills:
  backlog: {name: Backlog}
  vision: {name: Vision}
certifications:
  base: {name: Base, provider: P}
  next-cert: {name: Next, provider: P, requires: [base], builds: {vision: 3}}
roles:
  a:
    name: Role A
    aliases: [first]
    rank: 1
    skills: {backlog: 2}
    certifications: [base]
    next:
      b: {years: 2, kind: promotion}
  b:
    name: Role B
    rank: 2
    skills: {backlog: 3, vision: 2}
    reports_to: [a]
"""


def test_valid_file_passes(cli, make_kb):
    result = cli("validate", str(make_kb(VALID)))
    assert result.exit_code == 0, result.stderr
    assert "valid — 2 roles, 2 skills, 2 certifications" in result.stdout
    assert result.stderr == ""


def test_valid_file_json_report(cli, make_kb):
    path = make_kb(VALID)
    report = json.loads(cli("validate", str(path), "--json").stdout)
    assert report["ok"] is True
    assert report["counts"] == {"roles": 2, "skills": 2, "certifications": 2}
    assert report["errors"] == [] and report["warnings"] == []


# (replace this, with that) -> the location and words the error must have
ERRORS = [
    (
        "skills: {backlog: 2}",
        "skills: {backlogg: 2}",
        r":13:14: error: roles\.a\.skills\.backlogg: unknown skill 'backlogg'; did you mean 'backlog'\?",
    ),
    (
        "certifications: [base]",
        "certifications: [bass]",
        r":14:22: error: roles\.a\.certifications\.0: unknown certification 'bass'",
    ),
    ("reports_to: [a]", "reports_to: [c]", r":21:18: error: roles\.b\.reports_to\.0: unknown role 'c'"),
    (
        "b: {years: 2, kind: promotion}",
        "a: {years: 2, kind: promotion}",
        r":16:7: error: roles\.a\.next\.a: a move from a role to itself",
    ),
    (
        "requires: [base]",
        "requires: [nope]",
        r":7:51: error: certifications\.next-cert\.requires\.0: unknown certification 'nope'",
    ),
    (
        "builds: {vision: 3}",
        "builds: {visio: 3}",
        r":7:67: error: certifications\.next-cert\.builds\.visio: unknown skill 'visio'",
    ),
    (
        "skills: {backlog: 2}",
        "skills: {backlog: 7}",
        r":13:23: error: roles\.a\.skills\.backlog: Input should be less than or equal to 5 — use a number from 0 to 5",
    ),
    (
        "skills: {backlog: 2}",
        "skills: {backlog: -1}",
        r"roles\.a\.skills\.backlog: Input should be greater than or equal to 0",
    ),
    ("rank: 1", "rank: first", r":12:11: error: roles\.a\.rank: Input should be a valid integer"),
    (
        "rank: 1",
        "rank: 1\n    colour: red",
        r":13:5: error: roles\.a\.colour: unknown field 'colour' — remove it",
    ),
    ("    name: Role A\n", "", r":9:3: error: roles\.a: required field 'name' is missing — add it"),
    (
        "{years: 2, kind: promotion}",
        "{years: 0, kind: promotion}",
        r":16:18: error: roles\.a\.next\.b\.years: Input should be greater than 0",
    ),
    (
        "{years: 2, kind: promotion}",
        "{years: 2, kind: sideways}",
        r"roles\.a\.next\.b\.kind: Input should be 'promotion' or 'lateral'",
    ),
    (
        "  backlog: {name: Backlog}",
        "  Backlog_Skill: {name: Backlog}",
        r":3:3: error: skills\.Backlog_Skill: key 'Backlog_Skill': string should match pattern .* — ids are lower-case kebab-case",
    ),
    (
        "aliases: [first]",
        "aliases: [b]",
        r":11:15: error: roles\.a\.aliases\.0: alias 'b' is already the id of role 'b' — use another alias",
    ),
    (
        "name: Role B",
        "name: A",
        r":18:11: error: roles\.b\.name: name 'A' is already the id of role 'a' — give the role a name of its own",
    ),
    (
        "name: Role B",
        "name: role  A",
        r":18:11: error: roles\.b\.name: name 'role  A' is already the name of role 'a'",
    ),
    (
        "aliases: [first]",
        "aliases: [role-b]",
        r":11:15: error: roles\.a\.aliases\.0: alias 'role-b' is already the name of role 'b' — use another alias",
    ),
    (
        "  vision: {name: Vision}",
        "  backlog: {name: Vision}",
        r":4:3: error: duplicate key 'backlog' \(first at line 3\) — keep one",
    ),
    (
        "requires: [base]",
        "requires: [next-cert]",
        r"certifications\.next-cert\.requires\.0: a certification requires itself",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), ERRORS, ids=[e[1][:30] for e in ERRORS])
def test_each_error_is_located_and_explained(cli, make_kb, old, new, expected):
    assert old in VALID
    path = make_kb(VALID.replace(old, new, 1))
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert re.search(re.escape(str(path)) + ".*" + expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    # the same file used by any command is a data error, exit 1, with the same line
    used = cli("roles", "--kb", str(path))
    assert used.exit_code == 1
    assert re.search(expected, used.stderr)
    assert used.stdout == ""


def test_all_errors_reported_at_once(cli, make_kb):
    broken = (
        VALID.replace("skills: {backlog: 2}", "skills: {backlogg: 2}")
        .replace("reports_to: [a]", "reports_to: [c]")
        .replace("certifications: [base]", "certifications: [bass]")
    )
    result = cli("validate", str(make_kb(broken)))
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 3
    assert "3 errors" in result.stderr


def test_schema_errors_all_at_once(cli, make_kb):
    broken = VALID.replace("rank: 1", "rank: x").replace("rank: 2", "rank: 2\n    extra: 1")
    errors = [
        line for line in cli("validate", str(make_kb(broken))).stderr.splitlines() if ": error: " in line
    ]
    assert len(errors) == 2


def test_requires_cycle_is_an_error(cli, make_kb):
    text = VALID.replace(
        "base: {name: Base, provider: P}", "base: {name: Base, provider: P, requires: [next-cert]}"
    )
    result = cli("validate", str(make_kb(text)))
    assert result.exit_code == 1
    assert "certifications require each other" in result.stderr


WARNINGS = [
    (
        "skills: {backlog: 3, vision: 2}",
        "skills: {backlog: 3, vision: 4}",
        r"roles\.a\.next\.b: a leap in vision from 0 to 4 in one move",
    ),
    ("rank: 2", "rank: 0", r"roles\.a\.next\.b: a promotion to a lower rank \(1 -> 0\)"),
    (
        "    reports_to: [a]\n",
        "    reports_to: [a]\n  c: {name: C, rank: 1}\n",
        r"roles\.c: this role leads nowhere",
    ),
    (
        "    reports_to: [a]\n",
        "    reports_to: [a]\n  c: {name: C, rank: 2, next: {b: {years: 1}}}\n",
        r"roles\.c: no role leads to this one",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), WARNINGS)
def test_consistency_warnings_do_not_fail(cli, make_kb, old, new, expected):
    path = make_kb(VALID.replace(old, new, 1))
    result = cli("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert re.search(r":\d+:\d+: warning: " + expected, result.stderr), result.stderr
    count = len(re.findall(": warning: ", result.stderr))
    assert f"({count} warning{'s' if count > 1 else ''})" in result.stdout  # "1 warning", never "1 warnings"
    assert cli("roles", "--kb", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("a_skills", "b_skills", "kind", "leaps"),
    [
        ("{backlog: 1}", "{backlog: 5, vision: 3}", "promotion", ["backlog from 1 to 5"]),
        ("{backlog: 2}", "{backlog: 5, vision: 3}", "promotion", []),  # a rise of 3 is a stretch, not a leap
        ("{backlog: 5, vision: 4}", "{backlog: 1}", "promotion", []),  # craft skills may fall with seniority
        ("{backlog: 1}", "{backlog: 5, vision: 4}", "lateral", ["backlog from 1 to 5", "vision from 0 to 4"]),
    ],
)
def test_leaps_warn_and_falls_do_not(cli, make_kb, a_skills, b_skills, kind, leaps):
    text = VALID.replace("skills: {backlog: 2}", f"skills: {a_skills}").replace(
        "skills: {backlog: 3, vision: 2}", f"skills: {b_skills}"
    )
    result = cli("validate", str(make_kb(text.replace("kind: promotion", f"kind: {kind}"))))
    assert result.exit_code == 0
    found = re.findall(r"roles\.a\.next\.b: a leap in (\w+ from \d to \d) in one move", result.stderr)
    assert sorted(found) == sorted(leaps)


def test_validate_defaults_to_kb_option_and_env(cli, make_kb, monkeypatch):
    bad = make_kb(VALID.replace("rank: 1", "rank: x"))
    assert cli("validate", "--kb", str(bad)).exit_code == 1
    monkeypatch.setenv("POLADDER_KB", str(bad))
    assert cli("validate").exit_code == 1
    assert cli("validate", str(LADDER)).exit_code == 0


def test_top_level_must_be_a_mapping(cli, make_kb):
    result = cli("validate", str(make_kb("- just\n- a list\n")))
    assert result.exit_code == 1
    assert "a knowledge base is a mapping" in result.stderr


def test_missing_file(cli, tmp_path):
    result = cli("roles", "--kb", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "no such file" in result.stderr


FULL_FORMAT = """\
version: "2"
skills:
  backlog:
    name: Backlog
    actions:
      - "Pair with an experienced Product Owner"
      - {text: "Run refinement", level: 2}
      - {text: "Earn the base certification", level: 3, certification: base}
certifications:
  base:
    name: Base
    provider: P
    experience: {months: 12, roles: [a]}
    builds: {backlog: 3}
roles:
  a:
    name: Role A
    rank: 1
    skills: {backlog: 2}
    next: {b: {years: 2, note: "our estimate"}}
  b:
    name: Role B
    rank: 2
    skills: {backlog: 3}
    reports_to_outside: ["Chief Executive Officer (CEO)"]
"""


def test_levelled_actions_experience_and_outside_reporting(cli, make_kb):
    from poladder.load import ladder as source
    from poladder.model.ladder import Action

    path = make_kb(FULL_FORMAT)
    result = cli("validate", str(path))
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    kb = source.load(path, use_cache=False).kb
    plain, levelled, earn = kb.skills["backlog"].actions
    assert plain == "Pair with an experienced Product Owner"
    assert levelled == Action(text="Run refinement", level=2)
    assert earn.certification == "base" and earn.level == 3
    assert kb.certifications["base"].experience is not None
    assert kb.certifications["base"].experience.months == 12
    source.load(path)  # writes the cache
    assert source.load(path).kb == kb  # and the trusted rebuild is the same base
    shown = cli("role", "b", "--kb", str(path)).stdout
    assert "Chief Executive Officer (CEO) (outside the ladder)" in shown


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "level: 2}",
            "level: 0}",
            r":7:\d+: error: skills\.backlog\.actions\.1\.level: Input should be greater than or equal to 1",
        ),
        (
            "certification: base}",
            "certification: bsae}",
            r":8:\d+: error: .*unknown certification 'bsae'; did you mean 'base'",
        ),
        (
            "roles: [a]}",
            "roles: [z]}",
            r":13:\d+: error: certifications\.base\.experience\.roles\.0: unknown role 'z'",
        ),
        ("months: 12,", "months: 0,", r":13:\d+: error: certifications\.base\.experience\.months"),
    ],
)
def test_new_fields_are_checked_and_located(cli, make_kb, old, new, expected):
    result = cli("validate", str(make_kb(FULL_FORMAT.replace(old, new))))
    assert result.exit_code == 1
    assert re.search(expected, result.stderr), result.stderr


# Issue 18: core skills, how a move is made, equivalent certifications, framework tags, cost and duration.
NEW_FIELDS = """\
version: "3"
skills:
  backlog:
    name: Backlog
    category: craft
    actions:
      - {text: "Earn the base certification", level: 2, certification: base}
  vision: {name: Vision, category: strategy}
  lead: {name: Leadership, category: leadership}
  extra: {name: Extra}
certifications:
  base:
    name: Base
    provider: P
    alternatives: [other]
    frameworks: [scrum]
    builds: {backlog: 2}
    cost: {amount: 200, currency: USD, note: "Per attempt", source: "https://example.org/base"}
    duration: {course_hours: 16, exam_minutes: 60, source: "https://example.org/base"}
  other:
    name: Other
    provider: Q
    alternatives: [base]
    builds: {backlog: 2}
    cost: {note: "Set by each trainer"}
roles:
  a:
    name: Role A
    rank: 1
    skills: {backlog: 2, vision: 2, lead: 1}
    core: [backlog, vision]
    next:
      b:
        years: 2
        kind: promotion
        how: ["Ask for a stretch assignment", "Gather the evidence"]
        pitfalls: ["Doing more of the same"]
  b:
    name: Role B
    rank: 2
    skills: {backlog: 3, vision: 3, lead: 2}
    core: [vision, backlog]
    works_with_outside: ["Chief Technology Officer (CTO)"]
"""


def test_new_fields_validate_and_survive_the_cache(cli, make_kb):
    from poladder.load import ladder as source
    from poladder.model.ladder import Cost, Duration

    path = make_kb(NEW_FIELDS)
    result = cli("validate", str(path))
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    cold = source.load(path, use_cache=False).kb
    base = cold.certifications["base"]
    assert base.alternatives == ["other"] and base.frameworks == ["scrum"]
    assert base.cost == Cost(
        amount=200, currency="USD", note="Per attempt", source="https://example.org/base"
    )
    assert base.duration == Duration(course_hours=16, exam_minutes=60, source="https://example.org/base")
    assert cold.certifications["other"].cost == Cost(note="Set by each trainer")
    assert cold.roles["a"].core == ["backlog", "vision"]
    assert cold.roles["a"].next["b"].how == ["Ask for a stretch assignment", "Gather the evidence"]
    assert cold.roles["a"].next["b"].pitfalls == ["Doing more of the same"]
    assert cold.roles["b"].works_with_outside == ["Chief Technology Officer (CTO)"]
    source.load(path)  # writes the cache
    warm = source.load(path).kb
    assert warm == cold  # the trusted rebuild makes the same models, nested ones included
    assert isinstance(warm.certifications["base"].cost, Cost)
    assert isinstance(warm.certifications["base"].duration, Duration)


# (replace this, with that) -> the one error line the file must give, located
NEW_FIELD_ERRORS = [
    (
        "alternatives: [other]",
        "alternatives: [othr]",
        r":15:20: error: certifications\.base\.alternatives\.0: unknown certification 'othr'; "
        r"did you mean 'other'\? — define certification 'othr' under certifications: or fix the id",
    ),
    (
        "alternatives: [other]",
        "alternatives: [base]",
        r":15:20: error: certifications\.base\.alternatives\.0: a certification is its own alternative "
        r"— remove it from alternatives",
    ),
    (
        "core: [backlog, vision]",
        "core: [backlog, visoin]",
        r":31:21: error: roles\.a\.core\.1: unknown skill 'visoin'; did you mean 'vision'\?",
    ),
    (
        "core: [backlog, vision]",
        "core: [backlog, vision, extra]",
        r":31:29: error: roles\.a\.core\.2: core skill 'extra' is not required by the role \(not under its "
        r"skills\) — require extra under skills: with a level above 0, or remove it from core",
    ),
    (
        "skills: {backlog: 2, vision: 2, lead: 1}",
        "skills: {backlog: 2, vision: 0, lead: 1}",
        r":31:21: error: roles\.a\.core\.1: core skill 'vision' is not required by the role \(at level 0\)",
    ),
    (
        "core: [backlog, vision]",
        "core: [backlog, Vision]",
        r":31:21: error: roles\.a\.core\.1: String should match pattern .* — ids are lower-case kebab-case",
    ),
    (
        "skills: {backlog: 2, vision: 2, lead: 1}",
        "skills: {backlog: 2, vision: 9, lead: 1}",
        r":30:34: error: roles\.a\.skills\.vision: Input should be less than or equal to 5",
    ),
    (
        "skills: {backlog: 2, vision: 2, lead: 1}",
        "skills: [backlog, vision, lead]",
        r":30:13: error: roles\.a\.skills: Input should be a valid dictionary",
    ),
    (
        "cost: {amount: 200,",
        "cost: {amount: -1,",
        r":18:20: error: certifications\.base\.cost\.amount: Input should be greater than or equal to 0 "
        r"— use a number from 0 to 100000",
    ),
    (
        "exam_minutes: 60",
        "exam_minutes: 0",
        r":19:48: error: certifications\.base\.duration\.exam_minutes: Input should be greater than 0 "
        r"— use a number above 0 and at most 1440",
    ),
    (
        'how: ["Ask for a stretch assignment", "Gather the evidence"]',
        'how: "Ask for a stretch assignment"',
        r":36:14: error: roles\.a\.next\.b\.how: Input should be a valid list — write a list",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"), NEW_FIELD_ERRORS, ids=[e[1][:30] for e in NEW_FIELD_ERRORS]
)
def test_new_field_errors_are_located(cli, make_kb, old, new, expected):
    assert old in NEW_FIELDS
    path = make_kb(NEW_FIELDS.replace(old, new, 1))
    result = cli("validate", str(path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stderr  # a broken id or level is reported once, not also as unknown
    assert re.search(re.escape(str(path)) + expected, errors[0]), result.stderr


# (replace this, with that) -> the warnings `validate` must give, located; the file stays valid
NEW_WARNINGS = [
    (
        "skills: {backlog: 3, vision: 3, lead: 2}",
        "skills: {backlog: 3, vision: 1, lead: 2}",
        [
            r":33:7: warning: roles\.a\.next\.b: a promotion lowers vision \(strategy\) from 2 to 1 — "
            r"require vision at 2 or more in b: leadership and strategy skills do not fall on a promotion"
        ],
    ),
    (
        "skills: {backlog: 3, vision: 3, lead: 2}",
        "skills: {backlog: 3, vision: 3}",
        [r":33:7: warning: roles\.a\.next\.b: a promotion lowers lead \(leadership\) from 1 to 0"],
    ),
    ("skills: {backlog: 3, vision: 3, lead: 2}", "skills: {backlog: 1, vision: 3, lead: 2}", []),  # craft
    ("kind: promotion", "kind: lateral", []),  # lateral moves may lower anything
    (
        '{text: "Earn the base certification", level: 2,',
        '{text: "Earn the base certification", level: 3,',
        [
            r":7:54: warning: skills\.backlog\.actions\.0\.level: the action is for level 3, but 'base' "
            r"builds backlog only to 2 — lower the action's level to 2, or raise what the certification builds"
        ],
    ),
    (
        "  vision: {name: Vision, category: strategy}",
        "  vision: {name: Vision, category: strategy, actions: [{text: Earn it, level: 2, certification: base}]}",
        [
            r":8:97: warning: skills\.vision\.actions\.0\.certification: certification 'base' does not build "
            r"vision — add vision to its builds:, or move the action to a skill it builds"
        ],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), NEW_WARNINGS, ids=[e[1][:40] for e in NEW_WARNINGS])
def test_falling_leadership_and_overclaimed_certifications_warn(cli, make_kb, old, new, expected):
    assert old in NEW_FIELDS
    path = make_kb(NEW_FIELDS.replace(old, new, 1))
    result = cli("validate", str(path))
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == len(expected), result.stderr
    for line, pattern in zip(warnings, expected, strict=True):
        assert re.search(re.escape(str(path)) + pattern, line), result.stderr


def test_an_id_wins_over_another_roles_name_or_alias(cli, tmp_path):
    """A role named like another role's id never takes its place: `role cpo` and `path` mean the role
    whose id is `cpo`, whatever order the roles come in (validate reports the name as an error)."""
    ladder = """\
        skills: {}
        roles:
          po: {name: Product Owner, rank: 1, aliases: [cpo-alias], next: {x: {years: 1}}}
          x: {name: cpo, rank: 2, aliases: [po-lead]}
          cpo: {name: Chief Product Officer, rank: 3, aliases: [x-lead]}
          y: {name: X Lead, rank: 2}
        """
    path = tmp_path / "kb.yaml"
    path.write_text(ladder.replace("        ", ""))
    from poladder.load.documents import parse
    from poladder.model.ladder import KnowledgeBase

    # The checks refuse this ladder: the look-ups are tested on the base as the schema reads it.
    kb = KnowledgeBase.model_validate(parse(path.read_bytes(), str(path), "knowledge base").data)
    assert kb.find_role("cpo") == "cpo" and kb.find_role("CPO") == "cpo"
    assert kb.find_role("x-lead") == "cpo"  # an alias wins over a full name ("X Lead")
    assert kb.find_role("Product Owner") == "po"
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert "roles.x.name: name 'cpo' is already the id of role 'cpo'" in result.stderr
    assert "roles.y.name: name 'X Lead' is already the name of role" not in result.stderr
    assert "roles.cpo.aliases.0: alias 'x-lead' is already the name of role 'y'" in result.stderr


# Files of many errors: the work grows with the errors, never with their square (issue 21).


class Counted(list):
    """A list that counts how often it is walked."""

    walks = 0

    def __iter__(self):
        Counted.walks += 1
        return super().__iter__()


def test_problems_inside_reported_ones_are_found_by_location_not_by_comparing_all():
    from poladder.load.documents import Problem
    from poladder.load.problems import outside

    broken = Counted(Problem(("skills", f"s{i}"), "Input should be at most 5") for i in range(20_000))
    found = [Problem(("skills", f"s{i}"), "unknown skill", at_key=True) for i in range(20_000)]
    found += [Problem(("skills", f"s{i}", "x"), "inside a bad value") for i in range(100)]
    found.append(Problem(("roles", "r"), "elsewhere"))
    Counted.walks = 0
    kept = outside(found, broken)
    assert [p.loc for p in kept] == [*(p.loc for p in found[:20_000]), ("roles", "r")]
    assert Counted.walks <= 2  # once to index them (it was once for every problem found)


def test_did_you_mean_reads_the_known_ids_only_while_hints_last():
    """A table of the known ids made for every unknown one cost (unknown) x (known): 150 s for a ladder
    of 20,000 roles, each with a few broken references."""
    from poladder.model.ladder import HINTS, Hints, KnowledgeBase, suggest

    known = Counted(f"skill-{i}" for i in range(1_000))
    hints = Hints()
    Counted.walks = 0
    errors = [suggest("skill", f"skil-{i}", known, hints) for i in range(1_000)]
    assert Counted.walks <= HINTS
    assert errors[0].suggestions and not errors[-1].suggestions

    class CountedDict(dict):
        walks = 0

        def items(self):
            CountedDict.walks += 1
            return super().items()

    roles = {f"r{i}": {"name": f"R{i}", "rank": 1, "aliases": [f"a{i}"]} for i in range(1_000)}
    kb = KnowledgeBase.model_validate({"skills": {}, "roles": roles})
    kb.roles = CountedDict(kb.roles)
    hints = Hints()
    errors = [kb.unknown_role(f"r{i}x", hints) for i in range(1_000)]
    assert CountedDict.walks <= 1
    assert errors[0].suggestions and not errors[-1].suggestions


def test_a_profile_of_thousands_of_unknown_skills_with_bad_levels(cli):
    profile = "role: owner\nskills:\n" + "".join(f"  unknown-{i}: 7\n" for i in range(16_000))
    result = cli("assess", "-p", "-", "--kb", str(LADDER), "--no-save", input=profile)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 201
    assert lines[-1] == "<stdin>: and 31,800 more errors, not shown — fix the ones above, then check again"


def test_did_you_mean_is_asked_for_the_first_unknown_ids_only(cli, tmp_path, monkeypatch):
    from poladder.model import ladder

    known = 5_000
    text = "skills:\n" + "".join(f"  skill-{i}: {{name: S{i}}}\n" for i in range(known))
    text += "roles:\n  a:\n    name: A\n    rank: 1\n    skills:\n"
    text += "".join(f"      skil-{i}: 1\n" for i in range(5_000))  # 5,000 unknown ids, each a near miss
    path = tmp_path / "refs.yaml"
    path.write_text(text)
    compared: list[int] = []
    close_matches = ladder.difflib.get_close_matches

    def counting(word, possibilities, *args, **kwargs):
        possibilities = list(possibilities)
        compared.append(len(possibilities))
        return close_matches(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(ladder.difflib, "get_close_matches", counting)
    result = cli("validate", str(path))
    assert result.exit_code == 1
    assert len(compared) == ladder.HINTS and max(compared) <= ladder.MAX_CANDIDATES
    assert "unknown skill 'skil-0'; did you mean 'skill-0' or" in result.stderr  # the first ones get one
    assert result.stderr.endswith(f"{path}: 5,000 errors\n")


def test_a_ladder_of_many_errors_reports_the_first_and_counts_the_rest(cli, tmp_path):
    text = "skills: {s: {name: S}}\nroles:\n"
    text += "".join(
        f"  r{i}: {{name: R{i}, rank: x, skills: {{s: 9}}, next: {{q: {{years: 1}}}}}}\n"
        for i in range(2_000)
    )
    path = tmp_path / "many.yaml"
    path.write_text(text)
    result = cli("validate", str(path))
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and len(lines) == 202
    assert lines[0].startswith(f"{path}:3:24: error: roles.r0.rank")  # in the order of the file
    assert lines[-2:] == [
        f"{path}: and 5,800 more errors, not shown — fix the ones above, then check again",
        f"{path}: 6,000 errors",
    ]
    report = json.loads(cli("validate", str(path), "--json").stdout)
    assert report["error_count"] == 6_000 and len(report["errors"]) == 200
