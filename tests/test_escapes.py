"""Data is text: names from a ladder, a profile, a JSON line or a file name reach the terminal as
written, never as rich markup and never as control codes (clipboard writes, screen clears, hidden
links, C1 controls, bidi overrides), in every view, in error messages and in a real terminal."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from pathlib import Path

import pytest
import yaml

from poladder.render import printable
from poladder.render.console import SafeConsole
from tests.conftest import LADDER

CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"  # OSC 52: writes "evil" to the clipboard
CLEAR = "\x1b[2J\x1b[H"  # clears the screen
LINK = "\x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\"  # OSC 8: a hidden link
C1 = "\x9b31m\x9d0;title\x9c"  # one-byte CSI and OSC
BIDI = "\u202eevil\u202c \u2066x\u2069"
REWRITE = "\x08\x08\r\x07\x7f\x00"
MARKUP = "Senior [/x] [link=https://evil.example]click[/link] [bold red]loud :smile:"
# Invisible: zero-width space and joiner, word joiner, BOM, Arabic letter mark, a tag character, RLM
INVISIBLE = "\u200bz\u200d\u2060\ufeff\u061c\U000e0041\u200f\u180e\xad\u3164\ufe0f\U0001d173"
PAYLOAD = f"{MARKUP} {CLIPBOARD}{CLEAR}{LINK}{C1}{BIDI}{REWRITE}{INVISIBLE}"

# What must never come out, whatever the colours: rich's own SGR colour codes are allowed in a
# terminal, so those are removed first and then no other escape or control may remain.
SGR = re.compile(r"\x1b\[[0-9;]*m")
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\U0001d173-\U0001d17a\U000e0000-\U000e0fff\ud800-\udfff]"
)
HOSTILE = (
    "\x1b]52;",
    "\x1b[2J",
    "\x1b]8;",
    "\x9b",
    "\x9d",
    "\u202e",
    "\u2066",
    "\x07",
    "\x08",
    "\r",
    "\u200b",
)


def json_text(data: object) -> str:
    """JSON as a profile file holds it: escapes for controls, but a character beyond U+FFFF as itself
    (YAML, which reads --profile, does not join the two escapes of a surrogate pair)."""

    def joined(pair: re.Match[str]) -> str:
        high, low = int(pair[1], 16), int(pair[2], 16)
        return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    return re.sub(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", joined, json.dumps(data))


def assert_clean(text: str) -> None:
    for sequence in HOSTILE:
        assert sequence not in text, (sequence, text)
    found = FORBIDDEN.search(SGR.sub("", text))
    assert found is None, (found, text)


def hostile_ladder(path: Path) -> Path:
    """The test ladder with the payload in every free-text field (ids stay ids)."""
    data = yaml.safe_load(LADDER.read_text(encoding="utf-8"))
    data["name"] = data["description"] = data["version"] = PAYLOAD
    for skill in data["skills"].values():
        skill["name"] += " " + PAYLOAD
        skill.update(category=PAYLOAD, description=PAYLOAD, sources=[PAYLOAD])
        skill["levels"] = {level: PAYLOAD for level in range(6)}
        skill["actions"] = [action + " " + PAYLOAD for action in skill["actions"]]
    for cert in data["certifications"].values():
        cert["name"] += " " + PAYLOAD
        cert["provider"] += " " + PAYLOAD
        cert.update(prerequisites=PAYLOAD, level=PAYLOAD, description=PAYLOAD, url="javascript:alert(1)")
    for role in data["roles"].values():
        role["name"] += " " + PAYLOAD
        role.update(summary=PAYLOAD, responsibilities=[PAYLOAD, PAYLOAD], track="t " + PAYLOAD)
        for move in role.get("next", {}).values():
            move["note"] = PAYLOAD
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def kb(tmp_path: Path) -> str:
    return str(hostile_ladder(tmp_path / "hostile.yaml"))


PROFILE = {
    "name": PAYLOAD,
    "role": "junior",
    "target": "head",
    "skills": {"backlog": 1, "stakeholders": 1},
    "certifications": [],
}

VIEWS = [
    ["roles"],
    ["role", "owner"],
    ["skills"],
    ["certs"],
    ["path", "junior", "head", "--alternatives", "3"],
    ["graph", "--route", "junior", "head"],
    ["graph", "--format", "mermaid", "--route", "junior", "head"],
    ["graph", "--format", "dot", "--route", "junior", "head"],
    ["compare", "owner", "senior"],
    ["validate"],
]


@pytest.fixture(params=[60, 200], ids=["60-columns", "200-columns"])
def width(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """The views' consoles read COLUMNS as they print (see conftest): setting a console's width instead
    would outlive the test, since undoing it sets the width it had then."""
    monkeypatch.setenv("COLUMNS", str(request.param))
    return int(request.param)


@pytest.mark.parametrize("args", VIEWS, ids=[" ".join(a[:2]) for a in VIEWS])
def test_every_ladder_view_shows_hostile_names_as_text(cli, kb, width, args):
    result = cli(*args, "--kb", kb)
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stdout)
    assert_clean(result.stderr)
    assert "Traceback" not in result.stderr
    if args != ["validate"]:  # which prints no names
        assert "[/x]" in result.stdout and "[link=" in result.stdout  # markup printed as written


def test_path_with_a_profile_and_the_json_stays_exact(cli, kb, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text(yaml.safe_dump(PROFILE, allow_unicode=True), encoding="utf-8")
    result = cli("path", "junior", "head", "--profile", str(profile), "--kb", kb)
    assert result.exit_code == 0 and "[/x]" in result.stdout
    assert_clean(result.stdout)
    # JSON keeps the data exactly: its escapes (\u001b) are not control characters.
    data = json.loads(cli("role", "owner", "--kb", kb, "--json").stdout)
    assert data["summary"] == PAYLOAD


def rows() -> int:
    db = Path(os.environ["POLADDER_HOME"]) / "history.db"
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM assessments").fetchone()[0])


def test_assess_history_and_plan_with_a_hostile_profile(cli, kb, width, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text(yaml.safe_dump(PROFILE, allow_unicode=True), encoding="utf-8")
    result = cli("assess", "--profile", str(profile), "--kb", kb)
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stdout + result.stderr)
    assert "[/x]" in result.stdout
    assert rows() == 1  # saved once, and the view after the save did not crash

    result = cli("history", "--kb", kb)
    assert result.exit_code == 0
    assert_clean(result.stdout + result.stderr)

    for fmt in ("rich", "markdown", "html"):
        result = cli("plan", "--profile", str(profile), "--kb", kb, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.stderr)
        assert_clean(result.stdout + result.stderr)
        assert "[/x]" in result.stdout or "\\[/x\\]" in result.stdout, fmt
    assert rows() == 1  # plan never saves


def test_the_questions_show_hostile_names_as_text(cli, kb):
    answers = "\nowner\n\n\n2\n-\n3\n2\n2\n"  # name, role, years in it, target, years, certs, levels
    result = cli("assess", "--kb", kb, "--no-save", input=answers)
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stderr)
    assert_clean(result.stdout)
    assert "[/x]" in result.stderr and ":smile:" in result.stderr  # skill names and level descriptions


def test_team_with_hostile_names_and_file_names(cli, kb, tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    person = {**PROFILE, "name": f"Ann {PAYLOAD}"}
    (folder / "ann.yaml").write_text(yaml.safe_dump(person, allow_unicode=True), encoding="utf-8")
    (folder / f"bad{CLEAR}{BIDI}.yaml").write_text("role: [\n", encoding="utf-8")  # broken: a warning
    lines = folder / "more.jsonl"
    lines.write_text(
        json.dumps({**PROFILE, "name": f"Bob {PAYLOAD}"})
        + "\n"
        + json.dumps({"role": f"nobody {CLIPBOARD}"})  # unknown role: its name is echoed
        + "\n",
        encoding="utf-8",
    )
    result = cli("team", str(folder), "--kb", kb)
    assert result.exit_code == 1  # two skipped
    assert_clean(result.stdout)
    assert_clean(result.stderr)
    assert "Ann Senior [/x]" in result.stdout or "Ann Senior" in result.stdout
    assert "\\x1b[2J" in result.stderr and "\\u202e" in result.stderr  # the file name, made visible
    assert "\\x1b]52;" in result.stderr
    assert "2 profiles skipped" in result.stderr


ERRORS = [
    (["role", f"nobody{CLEAR}"], 2, "\\x1b[2J"),
    (["path", "junior-po", f"x{BIDI}"], 2, "\\u202e"),
    (["path", "junior-po", "cpo", f"extra{BIDI}"], 2, "\\u202e"),  # click's own usage error
    ([f"no-command{C1}"], 2, "\\x9b"),
    (["roles", "--kb", f"missing{CLIPBOARD}.yaml"], 1, "\\x1b]52;"),
]


@pytest.mark.parametrize(("args", "code", "visible"), ERRORS, ids=[e[0][0] for e in ERRORS])
def test_error_messages_show_what_they_echo_as_escapes(cli, args, code, visible):
    result = cli(*args)
    assert result.exit_code == code
    assert_clean(result.stdout + result.stderr)
    assert visible in result.stderr.replace("\\\\", "\\")  # a repr shows the backslash twice


def test_a_hostile_file_name_in_validate(cli, tmp_path):
    broken = tmp_path / f"ladder{CLEAR}{C1}.yaml"
    broken.write_text("skills: {}\nroles: {a: [1, 2}\n", encoding="utf-8")
    result = cli("validate", str(broken))
    assert result.exit_code == 1
    assert_clean(result.stderr)
    assert f"ladder{printable(CLEAR + C1)}.yaml:2:" in result.stderr


def test_a_hostile_output_file_name_is_reported_as_text(cli, tmp_path):
    profile = tmp_path / "me.yaml"
    profile.write_text(yaml.safe_dump(PROFILE), encoding="utf-8")
    out = tmp_path / f"plan{CLEAR}.md"
    result = cli("plan", "--profile", str(profile), "--kb", str(LADDER), "-o", str(out))
    assert result.exit_code == 0 and out.exists()
    assert_clean(result.stderr)
    assert "plan\\x1b[2J\\x1b[H.md" in result.stderr


def test_printable_uses_python_escapes_and_keeps_text():
    assert printable("a\x1b[2J\tb\nc\r\x9b\u202e é → ✓") == "a\\x1b[2J\\tb\\nc\\r\\x9b\\u202e é → ✓"
    assert printable("plain text, [markup] and all") == "plain text, [markup] and all"
    assert (
        printable("Alex\u200b\u200d\ufeff\u061c\U000e0041") == "Alex\\u200b\\u200d\\ufeff\\u061c\\U000e0041"
    )
    assert printable("kb\udcff\udc80.yaml \ud800") == "kb\\xff\\x80.yaml \\ud800"  # odd bytes of a file name


def test_safe_console_strips_controls_without_moving_a_column():
    from rich.panel import Panel  # noqa: TID251 - testing the renderer itself
    from rich.table import Table  # noqa: TID251
    from rich.text import Text  # noqa: TID251

    console = SafeConsole(width=60, color_system=None, file=open(os.devnull, "w"), record=True)  # noqa: SIM115
    table = Table("Name", "Rank")
    for name in (f"Ann {CLEAR}", Text(f"Bob {BIDI}"), f"Cy {MARKUP}", Text(f"D\u200de {INVISIBLE}", "bold")):
        table.add_row(name, "1")
    console.print(Panel(table, title=f"[/x] {CLIPBOARD}"))
    shown = console.export_text()
    assert_clean(shown)
    assert "[/x]" in shown and "[link=https://evil.example]click[/link]" in shown
    widths = {len(line) for line in shown.splitlines()}
    assert len(widths) == 1, shown  # every line of the panel as wide as the others: borders aligned
    console.file.close()


def test_safe_console_refuses_markup_even_when_asked():
    console = SafeConsole(width=60, color_system=None, file=open(os.devnull, "w"), record=True)  # noqa: SIM115
    console.print("[bold]x[/] :smile:", markup=True, emoji=True)
    assert console.export_text() == "[bold]x[/] :smile:\n"
    console.file.close()


def run_in_terminal(args: list[str], tmp_path: Path) -> tuple[int, str]:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS")}
    env.update(TERM="xterm-256color", COLUMNS="100")
    output, status = pexpect.run(
        sys.executable,
        args=["-m", "poladder", *args],
        env=env,
        timeout=60,
        withexitstatus=True,
        encoding="utf-8",
        cwd=str(tmp_path),
    )
    return int(status), str(output).replace("\r\n", "\n")  # the terminal turns each newline into CR LF


TERMINAL = [
    ["roles"],
    ["role", "owner"],
    ["path", "junior", "head", "-a", "2"],
    ["compare", "owner", "senior"],
    ["graph"],
    ["certs"],
]


@pytest.mark.parametrize("args", TERMINAL, ids=[a[0] for a in TERMINAL])
def test_in_a_real_terminal_with_colours(kb, tmp_path, args):
    status, output = run_in_terminal([*args, "--kb", kb], tmp_path)
    assert status == 0, output
    assert SGR.search(output), "colours are on in a terminal"
    assert_clean(output)
    assert "[/x]" in output


def test_assess_and_team_in_a_real_terminal(kb, tmp_path):
    profile = tmp_path / "me.json"
    profile.write_text(json_text(PROFILE), encoding="utf-8")
    for args in (["assess", "--profile", str(profile), "--no-save"], ["team", str(profile)]):
        status, output = run_in_terminal([*args, "--kb", kb], tmp_path)
        assert status == 0, output
        assert_clean(output)
        assert "[/x]" in output


def test_the_questions_in_a_real_terminal(kb, tmp_path):
    import io

    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS")}
    env.update(TERM="xterm-256color", COLUMNS="100")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "poladder", "assess", "--kb", kb, "--no-save"],
        env=env,
        timeout=30,
        encoding="utf-8",
    )
    child.logfile_read = seen = io.StringIO()
    for prompt, answer in [
        ("Your name", ""),
        ("Your current role", "owner"),
        ("Years in your current role", ""),
        ("want next", ""),
        ("Years in product roles", "2"),
        ("Certifications you hold", "-"),
        ("Your level", "3"),
        ("Your level", "2"),
        ("Your level", "2"),
    ]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    output = seen.getvalue().replace("\r\n", "\n")
    assert SGR.search(output)
    assert_clean(output)
    assert "[/x]" in output and "[link=https://evil.example]click[/link]" in output


def test_documents_on_a_terminal_show_escapes_and_into_a_pipe_stay_exact(cli, kb, tmp_path):
    name = PAYLOAD.replace("\x00", "")  # a command-line argument cannot hold NUL
    profile = tmp_path / "me.json"
    profile.write_text(json_text({**PROFILE, "name": name}), encoding="utf-8")
    assert cli("assess", "--profile", str(profile), "--kb", kb).exit_code == 0
    for args in (
        ["profile", "export", "--person", name],
        ["plan", "--profile", str(profile), "-f", "markdown", "--kb", kb],
    ):
        status, output = run_in_terminal(args, tmp_path)
        assert status == 0, output
        assert_clean(output)
        assert "\\u202e" in output  # visible, so the reader knows it is there
    piped = cli("profile", "export", "--person", name, "--format", "json").stdout
    assert json.loads(piped)["name"] == name  # into a pipe, the data is exactly as given
