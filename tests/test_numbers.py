"""Numbers are finite and plausible: years, ranks and profile years outside their range, infinite or
not a number are located errors that say the range, before anything is planned, cached or saved."""

from __future__ import annotations

import json
import re

import pytest

LADDER = """\
skills: {{}}
roles:
  a: {{name: A, rank: {rank}, next: {{b: {{years: {years}}}}}}}
  b: {{name: B, rank: 2}}
"""

MOVE = "use a number above 0 and at most 50"
RANK = "use a number from -1000 to 1000"


@pytest.mark.parametrize(
    ("rank", "years", "expected"),
    [
        ("1", "1.0e+300", rf"roles\.a\.next\.b\.years: Input should be less than or equal to 50 — {MOVE}"),
        ("1", ".inf", rf":3:43: error: roles\.a\.next\.b\.years: Input should be a finite number — {MOVE}"),
        ("1", "-.inf", rf"years: Input should be a finite number — {MOVE}"),
        ("1", ".nan", rf"years: Input should be a finite number — {MOVE}"),
        ("1", "0", rf"years: Input should be greater than 0 — {MOVE}"),
        ("1", "50.5", rf"years: Input should be less than or equal to 50 — {MOVE}"),
        ("1", "!!float 1e999", rf"years: Input should be a finite number — {MOVE}"),
        (".inf", "1", rf":3:22: error: roles\.a\.rank: Input should be a finite number — {RANK}"),
        ("1001", "1", rf"rank: Input should be less than or equal to 1000 — {RANK}"),
        ("-1001", "1", rf"rank: Input should be greater than or equal to -1000 — {RANK}"),
        (
            "1.0e+300",
            "1",
            rf"rank: Unable to parse input string as an integer, exceeded maximum size — {RANK}",
        ),
    ],
)
def test_implausible_numbers_in_a_ladder(cli, make_kb, rank, years, expected):
    path = make_kb(LADDER.format(rank=rank, years=years))
    for args in (["validate", str(path)], ["path", "a", "b", "--kb", str(path)]):
        result = cli(*args)
        assert result.exit_code == 1
        assert re.search(expected, result.stderr), result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("rank", "years"), [("-1000", "50"), ("1000", "0.01"), ("0", "0.5")])
def test_the_edges_of_the_ranges_are_valid(cli, make_kb, rank, years):
    path = make_kb(LADDER.format(rank=rank, years=years))
    result = cli("path", "a", "b", "--kb", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["total_years"] == float(years)


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (".inf", "Input should be a finite number"),
        (".nan", "Input should be a finite number"),
        ("71", "Input should be less than or equal to 70"),
        ("-1", "Input should be greater than or equal to 0"),
    ],
)
def test_implausible_years_in_a_profile(cli, make_kb, years, expected):
    kb = make_kb(LADDER.format(rank=1, years=2))
    for command in ("assess", "plan"):
        result = cli(command, "--profile", "-", "--kb", str(kb), input=f"role: a\nyears: {years}\n")
        assert result.exit_code == 1
        assert result.stderr == f"<stdin>:2:8: error: years: {expected} — use a number from 0 to 70\n"
    assert cli("history", "--kb", str(kb), "--json").stdout.strip() == "[]"  # nothing was saved


def test_implausible_years_in_json_lines(cli, make_kb, tmp_path):
    kb = make_kb(LADDER.format(rank=1, years=2))
    lines = tmp_path / "team.jsonl"
    lines.write_text('{"role": "a", "years": 1e400}\n{"role": "a", "years": 3}\n', encoding="utf-8")
    result = cli("team", str(lines), "--kb", str(kb), "--json")
    assert result.exit_code == 1
    assert (
        f"{lines}:1: error: years: Input should be a finite number — use a number from 0 to 70"
        in result.stderr
    )
    assert json.loads(result.stdout)["people"] == 1


def test_the_longest_plausible_route_still_plans(cli, make_kb):
    """Twelve moves of 50 years each: far-fetched, but dates that exist, not a crash."""
    roles = "\n".join(
        f"  r{i}: {{name: R{i}, rank: {i}, skills: {{s: {min(i, 5)}}}, next: {{r{i + 1}: {{years: 50}}}}}}"
        for i in range(12)
    )
    kb = make_kb(
        f"skills: {{s: {{name: S}}}}\nroles:\n{roles}\n  r12: {{name: R12, rank: 12, skills: {{s: 5}}}}\n"
    )
    result = cli(
        "plan",
        "--profile",
        "-",
        "--kb",
        str(kb),
        "-t",
        "r12",
        "--start",
        "2027-01-01",
        "--json",
        input="role: r0\n",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    # r1 needs s 1, and one level short is within the tolerance: ready now, so the first milestone is
    # the quarter to make the case, then eleven moves of 50 years
    assert data["total_years"] == 550.25 and data["end"] == "2577-04-01"


def test_implausible_experience(cli, make_kb):
    kb = make_kb(LADDER.format(rank=1, years=2))
    result = cli("assess", "--profile", "-", "--kb", str(kb), input="role: a\nexperience: {a: .inf, b: 71}\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "<stdin>:2:17: error: experience.a: Input should be a finite number — use a number from 0 to 70",
        "<stdin>:2:26: error: experience.b: Input should be less than or equal to 70 — use a number from 0 to 70",
    ]
    gated = make_kb(
        "skills: {}\ncertifications:\n  c: {name: C, provider: P, experience: {months: 601, roles: [a]}}\n"
        "roles:\n  a: {name: A, rank: 1}\n"
    )
    result = cli("validate", str(gated))
    assert result.exit_code == 1
    assert "certifications.c.experience.months: Input should be less than or equal to 600" in result.stderr
    assert "use a number above 0 and at most 600" in result.stderr


def test_a_percentage_is_never_rounded_up_to_ready():
    """224 of 225 is 99%: 100% is what "ready to move" means, and only readiness 1 shows it."""
    from poladder.core.wording import percent
    from poladder.render import signed_percent
    from poladder.render.views import percent_bar

    assert percent(224 / 225) == "99%" and percent(1.0) == "100%" and percent(0.0) == "0%"
    assert percent(0.29) == "29%" and percent(5 / 9) == "55%"  # a float's 28.999... is still 29
    assert signed_percent(1 / 9) == "+11%" and signed_percent(-1 / 9) == "-11%"
    assert signed_percent(-0.001) == "+0%" and signed_percent(0.0) == "+0%"
    assert percent_bar(224 / 225, 20).plain == "█" * 19 + "░" + " 99%"
    assert percent_bar(1.0, 10).plain == "█" * 10 + " 100%"
