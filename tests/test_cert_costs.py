"""certs: what each certification costs and how long it takes, in the table, the stacked view and JSON."""

from __future__ import annotations

import json

from tests.conftest import check_narrow

KB = """
skills: {a: {name: A}}
certifications:
  priced:
    name: Priced
    provider: P
    cost: {amount: 1234.5, currency: EUR, note: "Per attempt", source: "https://example.org/priced"}
    duration: {course_hours: 16, exam_minutes: 90, source: "https://example.org/priced"}
  trainer:
    name: Trainer Set
    provider: P
    cost: {note: "Set by each trainer", source: "https://example.org/trainer"}
    duration: {course_hours: 7.5}
  silent: {name: Silent, provider: P}
  marked:
    name: Marked
    provider: P
    cost: {amount: 200, currency: "[red]USD[/red]"}
roles: {r: {name: R, rank: 1}}
"""


def entry(out: str, cert_id: str) -> str:
    """The lines of one certification's row: from its id to the next id."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(cert_id + " "))
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:3].strip()), len(lines))
    return " ".join(" ".join(lines[start:end]).split())


def test_the_wide_table_has_cost_and_time_under_the_provider(cli, make_kb):
    path = make_kb(KB)
    out = cli("certs", "--kb", str(path), env={"COLUMNS": "160"}).stdout
    assert "Cost, time" in out and "Cost:" not in out  # the table, not the stacked view
    assert "P EUR 1,234.50, 16 h course, 90 min exam" in entry(out, "priced")
    assert "P varies, 7.5 h course" in entry(out, "trainer")
    assert "varies" not in entry(out, "silent") and " h " not in entry(out, "silent")
    assert "[red]USD[/red] 200" in entry(out, "marked")  # data is text, never markup


def test_the_stacked_view_says_cost_and_time_on_lines_of_their_own(cli, make_kb):
    path = make_kb(KB)
    narrow, _ = check_narrow(cli, "certs", "--kb", str(path))
    lines = [line.strip() for line in narrow.splitlines()]
    assert "Requires, builds, cost, time" in " ".join(narrow.split())  # the stacked header
    assert "Cost: EUR 1,234.50" in lines and "Time: 16 h course, 90 min exam" in lines
    assert "Cost: varies" in lines and "Time: 7.5 h course" in lines
    assert "Cost: [red]USD[/red] 200" in lines
    silent = narrow[narrow.index("silent") : narrow.index("trainer")]
    assert "Cost:" not in silent and "Time:" not in silent


def test_bundled_certs_show_their_published_figures(cli):
    for columns in ("100", "160"):  # the table, at the README's width and wider
        wide = cli("certs", env={"COLUMNS": columns}).stdout
        assert "Cost, time" in wide and "Cost:" not in wide
        assert "USD 200, 60 min exam" in entry(wide, "psm-1")
        assert "varies, 16 h course" in entry(wide, "cspo")
        assert "varies, 60 min exam" in entry(wide, "pspo-2")
    narrow, _ = check_narrow(cli, "certs")
    assert "Cost: USD 200" in narrow and "Time: 16 h course" in narrow


def test_certs_json_carries_cost_and_duration_with_their_sources(cli):
    data = {c["id"]: c for c in json.loads(cli("certs", "--json").stdout)}
    psm = data["psm-1"]
    assert psm["cost"]["amount"] == 200 and psm["cost"]["currency"] == "USD"
    assert psm["cost"]["source"].startswith("https://www.scrum.org/")
    assert data["pspo-2"]["duration"]["exam_minutes"] == 60
    assert data["pspo-2"]["duration"]["source"] == "https://scrum-exams.info/pspo-ii/"
    assert data["cspo"]["cost"]["amount"] is None and "trainer" in data["cspo"]["cost"]["note"]
    for cert in data.values():  # every figure comes with the page it was read on
        if cert["cost"] and cert["cost"]["amount"] is not None:
            assert cert["cost"]["source"].startswith(("https://", "http://")), cert["id"]
        if cert["duration"] and (cert["duration"]["course_hours"] or cert["duration"]["exam_minutes"]):
            assert cert["duration"]["source"].startswith(("https://", "http://")), cert["id"]
