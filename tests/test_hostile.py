"""Hostile and broken files: a clear located error within seconds, bounded memory, never a traceback."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from poladder.load import inputs
from tests.conftest import LADDER

BOMB = """\
a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
skills: {}
roles: {}
"""


def wide_anchor(skills: int, roles: int) -> str:
    """One anchored map of many skills reused by many roles: no nesting, K x R to validate."""
    lines = ["skills:"] + [f"  s{i}: {{name: S}}" for i in range(skills)]
    lines += ["roles:", "  r0:", "    name: R", "    rank: 1", "    skills: &S"]
    lines += [f"      s{i}: 1" for i in range(skills)]
    lines += [f"  r{j}: {{name: R, rank: 1, skills: *S}}" for j in range(1, roles)]
    return "\n".join(lines) + "\n"


CASES = [
    ("alias-bomb", BOMB.encode(), r"aliases here expand to over .* values — write the data out"),
    ("wide-anchor", wide_anchor(2_000, 2_000).encode(), r"aliases here expand to over"),
    (
        "python-tag",
        b"skills: !!python/object/apply:os.system ['echo pwned']\nroles: {}\n",
        r":1:9: error: this tag is not allowed",
    ),
    ("python-name", b"roles: !!python/name:os.system\nskills: {}\n", r"this tag is not allowed"),
    ("local-tag", b"roles: !custom {}\nskills: {}\n", r"this tag is not allowed"),
    ("deep-flow", b"roles: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", r"error: "),
    (
        "deep-block",
        "".join("  " * i + f"k{i}:\n" for i in range(2000)).encode() + b"  " * 2000 + b"x: 1\n",
        r"error: ",
    ),
    (
        "deep-aliased",
        b"a: &a [1]\nb: " + b"[" * 100 + b"*a" + b"]" * 100 + b"\n",
        r"nested more than 64 levels deep",
    ),
    (
        "not-utf8",
        b'skills: {}\nroles:\n  po: {name: "caf' + b'\xe9"}\n',
        r":3:18: error: byte 0xe9 is not UTF-8",
    ),
    ("empty", b"", r":1:1: error: the file is empty"),
    ("blank", b"  \n\n", r"the file is empty"),
    ("comment-only", b"# nothing\n", r"holds no document"),
    ("syntax", b"roles: {a: [1, 2}\nskills: {}\n", r":1:\d+: error: .* fix the YAML syntax"),
    ("tabs", b"roles:\n\tpo: 1\n", r":2:1: error: .*fix the YAML syntax"),
    # Values YAML cannot convert: a located error at the value, never a traceback (issue 10)
    (
        "float-tag",
        b"version: !!float abc\nskills: {}\nroles: {}\n",
        r":1:10: error: not a number — write a number",
    ),
    ("int-tag", b"skills: {}\nroles: {a: {name: A, rank: !!int 0x}}\n", r":2:28: error: not a whole number"),
    (
        "bool-tag",
        b"skills: {}\nroles: !!bool maybe\n",
        r":2:8: error: not true or false — write true or false",
    ),
    (
        "timestamp-tag",
        b"version: !!timestamp hello\nskills: {}\nroles: {}\n",
        r":1:10: error: not a real date",
    ),
    (
        "no-such-day",
        b"skills: {}\nversion: !!timestamp 2024-02-30\nroles: {}\n",
        r":2:10: error: not a real date",
    ),
    (
        "binary",
        b"skills: {}\nroles: {a: {name: !!binary aGVsbG8=, rank: 1}}\n",
        r":2:19: error: binary data \(!!binary\) is not allowed",
    ),
    ("binary-junk", b"name: !!binary '%%%'\nskills: {}\nroles: {}\n", r":1:7: error: binary data"),
    (
        "huge-int",
        b"skills: {}\nroles: {a: {name: A, rank: " + b"9" * 5000 + b"}}\n",
        r":2:28: error: a number of 5,000 digits is far too long",
    ),
    (
        "huge-int-key",
        b"skills:\n  s:\n    name: S\n    levels:\n      ? " + b"7" * 4400 + b"\n      : x\nroles: {}\n",
        r":5:9: error: a number of 4,400 digits",
    ),
    ("two-docs", b"skills: {}\n---\nroles: {}\n", r"error: .*single document"),
    ("binary-junk", bytes(range(256)) * 4, r"error: "),
    ("scalar", b"42\n", r"a knowledge base is a mapping"),
    ("recursive", b"skills: {}\nroles: &r {a: *r}\n", r"error: "),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_gets_a_clear_error(cli, tmp_path, name, content, expected):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    result = cli("validate", str(path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(str(path)), result.stderr
    import re

    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert "pwned" not in result.stderr
    assert all(len(line) < 400 for line in lines)  # hostile input is never echoed back


def test_huge_file_refused_before_reading(cli, tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB that costs nothing to make
    result = cli("path", "a", "b", "--kb", str(path))
    assert result.exit_code == 1
    assert "104.9 MB, over poladder's 20 MB limit" in result.stderr


def test_directory_instead_of_file(cli, tmp_path):
    result = cli("roles", "--kb", str(tmp_path))
    assert result.exit_code == 1
    assert "not a regular file (a directory)" in result.stderr


def test_alias_bomb_in_a_real_process_stays_small(tmp_path):
    """The real CLI, in its own process, under a 1 GB address-space cap: the bomb must not expand."""
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    proc = subprocess.run(
        [sys.executable, "-m", "poladder", "roles", "--kb", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=cap,
    )
    assert proc.returncode == 1
    assert "aliases here expand" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_legitimate_anchors_still_work(cli, make_kb):
    path = make_kb("""\
        skills:
          a: {name: A}
        roles:
          x: {name: X, rank: 1, skills: &base {a: 2}, next: {y: {years: 1}}}
          y: {name: Y, rank: 2, skills: *base}
        """)
    result = cli("validate", str(path))
    assert result.exit_code == 0, result.stderr


def test_merge_keys_are_not_duplicates(cli, make_kb):
    path = make_kb("""\
        skills:
          a: {name: A}
        roles:
          x: &x {name: X, rank: 1, skills: {a: 1}, next: {y: {years: 1}}}
          y:
            <<: *x
            name: Y
            rank: 2
            next: {}
        """)
    result = cli("validate", str(path))
    assert result.exit_code == 0, result.stderr


def test_dates_are_text(cli, make_kb):
    """An unquoted date is read as the text it is: valid, missing days and all (YAML would crash or
    make a date object that a text field refuses)."""
    path = make_kb("""\
        name: 2024-02-30
        version: 2024-02-03
        skills: {}
        roles:
          a: {name: 2024-02-30T25:61:00, rank: 1}
        """)
    result = cli("role", "a", "--kb", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert '"name": "2024-02-30T25:61:00"' in result.stdout
    assert '"version": "2024-02-03"' in cli("path", "a", "a", "--kb", str(path), "--json").stdout


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ("name: 2024-02-30\nrole: a\n", None),
        ("role: a\nyears: !!float x\n", r"<stdin>:2:8: error: not a number"),
        ("role: a\nskills: !!binary aGk=\n", r"<stdin>:2:9: error: binary data"),
        ("role: a\nyears: " + "1" * 5000 + "\n", r"<stdin>:2:8: error: a number of 5,000 digits"),
    ],
    ids=["date-name", "float-tag", "binary", "huge-int"],
)
def test_conversions_in_a_profile(cli, make_kb, profile, expected):
    import json
    import re

    kb = make_kb("skills: {}\nroles:\n  a: {name: A, rank: 1}\n")
    result = cli("assess", "--profile", "-", "--kb", str(kb), "--json", input=profile)
    if expected is None:
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["profile"]["name"] == "2024-02-30"
        return
    assert result.exit_code == 1
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert cli("history", "--kb", str(kb), "--json").stdout.strip() == "[]"  # nothing saved


# Reading: only regular files, and never more than the limit plus one byte from any source.


def poladder(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """The real CLI in its own process: a hang is a timeout here, not a stuck test run."""
    return subprocess.run(
        [sys.executable, "-m", "poladder", *args], capture_output=True, text=True, timeout=60, **kwargs
    )


@pytest.mark.parametrize(
    "args",
    [
        ["roles", "--kb", "/dev/zero"],
        ["validate", "/dev/zero"],
        ["assess", "--profile", "/dev/zero", "--kb", str(LADDER)],
        ["path", "owner", "head", "--profile", "/dev/urandom", "--kb", str(LADDER)],
        ["plan", "--profile", "/dev/zero", "--kb", str(LADDER)],
    ],
)
def test_a_device_is_refused_without_reading_it(cli, args):
    result = cli(*args)
    assert result.exit_code == 1
    device = next(a for a in args if a.startswith("/dev/"))
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{device}: not a regular file (a character device) — give the path of a ")
    assert "Traceback" not in result.stderr
    assert not list(Path(os.environ["POLADDER_HOME"]).glob("*"))  # nothing saved


def test_a_link_to_a_device_is_refused_and_named(cli, tmp_path):
    link = tmp_path / "me.yaml"
    link.symlink_to("/dev/zero")
    result = cli("assess", "-p", str(link), "--kb", str(LADDER))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"{link}: not a regular file (a character device) — give the path of a profile file\n"
    )


@pytest.mark.parametrize("flag", ["--profile", "--kb"])
def test_a_fifo_is_refused_without_hanging(tmp_path, flag):
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    args = ["assess", flag, str(fifo)] + (["--kb", str(LADDER)] if flag == "--profile" else ["-p", "-"])
    proc = poladder(*args, input="role: owner\n", env=hermetic_env(tmp_path))
    assert proc.returncode == 1
    kb_or_profile = "profile" if flag == "--profile" else "knowledge base"
    assert (
        proc.stderr
        == f"{fifo}: a FIFO that nothing writes to — start the program that writes the {kb_or_profile}\n"
    )


def test_a_socket_is_refused(cli, tmp_path):
    import socket

    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = cli("validate", str(path))
    assert result.exit_code == 1 and "not a regular file (a socket)" in result.stderr


def test_team_skips_devices_and_fifos_behind_links_and_assesses_the_rest(cli, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "ana.yaml").write_text("name: Ana\nrole: owner\n")
    (team / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(team / "pipe.yaml")
    result = cli("team", str(team), "--kb", str(LADDER), "--json")
    assert result.exit_code == 1
    assert [m["person"] for m in json.loads(result.stdout)["members"]] == ["Ana"]
    assert f"{team / 'zero.yaml'}: not a regular file (a character device)" in result.stderr
    assert f"{team / 'pipe.yaml'}: a FIFO that nothing writes to" in result.stderr


def test_a_file_over_the_limit_is_refused_before_reading(cli, tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(30 * 1024 * 1024)
    result = cli("assess", "-p", str(path), "--kb", str(LADDER))
    assert result.exit_code == 1
    assert (
        f"{path}:1:1: error: the file is 31.5 MB, over poladder's 20 MB limit for a profile" in result.stderr
    )


def test_stdin_over_the_limit_is_a_located_error(cli):
    text = "role: owner\n" + "#" * (21 * 1024 * 1024)
    result = cli("assess", "-p", "-", "--kb", str(LADDER), input=text)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "<stdin>:1:1: error: more than 20 MB, over poladder's 20 MB limit for a profile"
    )


def test_stdin_at_the_limit_is_read(cli):
    text = "role: owner\n"
    text += "#" * (inputs.MAX_BYTES - len(text) - 1) + "\n"
    assert len(text.encode()) == inputs.MAX_BYTES
    result = cli("assess", "-p", "-", "--kb", str(LADDER), "--json", "--no-save", input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["role"] == "owner"


@pytest.mark.parametrize("limit", [0, 1, 5, 1024 * 1024, 3 * 1024 * 1024 + 7])
def test_read_at_most_stops_one_byte_past_the_limit(limit):
    import io

    for size in (0, limit - 1, limit, limit + 1, 5 * limit + 3):
        if size < 0:
            continue
        stream = io.BytesIO(b"x" * size)
        got = inputs.read_at_most(stream.read, limit)
        assert got == (b"x" * size if size <= limit else None)
        assert stream.tell() <= limit + 1


def hermetic_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path / "home"),
        "POLADDER_HOME": str(tmp_path / "poladder-home"),
        "POLADDER_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "dumb",
    }


def peak_rss_mb(args: list[str], feed_mb: int, env: dict[str, str]) -> tuple[int, str, float]:
    """Run poladder feeding `feed_mb` MB on stdin; its exit code, stderr, and peak RSS in MB."""
    import threading

    proc = subprocess.Popen(
        [sys.executable, "-m", "poladder", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdin is not None and proc.stderr is not None and proc.stdout is not None

    def feed() -> None:
        assert proc.stdin is not None
        chunk = b"# flood\n" * (1024 * 128)  # 1 MB of YAML comments
        try:
            proc.stdin.write(b"role: owner\n")
            for _ in range(feed_mb):
                proc.stdin.write(chunk)
        except BrokenPipeError:  # poladder stopped reading: exactly what it should do
            pass
        finally:
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    err = proc.stderr.read().decode()
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    writer.join(60)
    return proc.returncode, err, usage.ru_maxrss / 1024  # Linux: kilobytes


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss units and wait4 are Linux's")
def test_a_stdin_flood_stays_small(tmp_path):
    env = hermetic_env(tmp_path)
    args = ["assess", "-p", "-", "--kb", str(LADDER), "--json", "--no-save"]
    code, err, small = peak_rss_mb(args, 0, env)
    assert code == 0, err
    code, err, flood = peak_rss_mb(args, 250, env)
    assert code == 1 and "over poladder's 20 MB limit for a profile" in err and "Traceback" not in err
    assert flood - small < 60, (small, flood)  # the limit read once, not 250 MB (it was 1.7 GB)


def requires_chain(length: int, downward: bool) -> str:
    """A ladder whose role `b` recommends the last of `length` certifications, each requiring the one
    before it; `downward` numbers the chain the other way, so a walk in file order starts at its top."""
    lines = ["skills: {s: {name: S}}", "certifications:"]
    for i in range(length):
        before = i + 1 if downward else i - 1
        requires = f", requires: [c{before}]" if 0 <= before < length else ""
        lines.append(f"  c{i}: {{name: C{i}, provider: P{requires}}}")
    top = "c0" if downward else f"c{length - 1}"
    lines += ["roles:", "  a: {name: A, rank: 1, next: {b: {years: 1}}}"]
    lines.append(f"  b: {{name: B, rank: 2, certifications: [{top}]}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("downward", [False, True], ids=["upward", "downward"])
def test_a_requires_chain_longer_than_the_call_stack(cli, tmp_path, downward):
    """Graph walks over prerequisites keep their own stack: 5,000 certifications in a chain are
    checked, ordered and planned, never a RecursionError."""
    kb = tmp_path / "chain.yaml"
    kb.write_text(requires_chain(5_000, downward))
    assert cli("validate", str(kb)).exit_code == 0
    path = json.loads(cli("path", "a", "b", "--kb", str(kb), "--json").stdout)
    order = path["steps"][0]["certifications"]
    assert len(order) == 5_000 and order[0] == ("c4999" if downward else "c0")
    profile = "role: a\ntarget: b\n"
    assessed = cli("assess", "-p", "-", "--kb", str(kb), "--json", "--no-save", input=profile)
    assert assessed.exit_code == 0, assessed.stderr[-500:]
    planned = cli("plan", "-p", "-", "--kb", str(kb), "-f", "markdown", input=profile)
    assert planned.exit_code == 0 and "C0" in planned.stdout


def test_a_cycle_in_a_long_chain_is_still_found(cli, tmp_path):
    kb = tmp_path / "cycle.yaml"
    kb.write_text(
        requires_chain(3_000, False).replace(
            "c0: {name: C0, provider: P}", "c0: {name: C0, provider: P, requires: [c2999]}"
        )
    )
    result = cli("validate", str(kb))
    assert result.exit_code == 1
    assert "certifications require each other: c0 -> c2999 -> c2998" in result.stderr
    assert "RecursionError" not in result.stderr


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "profile.yaml"


@pytest.mark.parametrize("how", ["named-fifo", "process-substitution"])
def test_a_pipe_with_a_writer_is_read_like_a_file(tmp_path, how):
    """`--profile <(cat me.yaml)` and a named FIFO someone writes to: read, bounded, like a file."""
    env = {**os.environ, "POLADDER_CACHE_DIR": str(tmp_path / "cache"), "POLADDER_HOME": str(tmp_path)}
    poladder = f"{sys.executable} -m poladder assess --no-save --json --profile"
    if how == "named-fifo":
        fifo = tmp_path / "me.yaml"
        os.mkfifo(fifo)
        # The writer blocks until poladder opens the FIFO, then writes, as `cat me.yaml > fifo` does.
        command = f"cat {EXAMPLE} > {fifo} & {poladder} {fifo}; wait"
    else:
        command = f"{poladder} <(cat {EXAMPLE})"
    proc = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["name"] == "Alex"


def _poladder(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLADDER_CACHE_DIR": str(tmp_path / "cache"), "POLADDER_HOME": str(tmp_path)}
    poladder = f"{sys.executable} -m poladder"
    return subprocess.run(
        ["bash", "-c", command.replace("poladder", poladder)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )


@pytest.mark.parametrize(
    "command",
    [
        "poladder team folder --kb kb.yaml -f markdown -o kb.yaml",  # the ladder it reads
        "poladder team folder -f json -o folder/alex.yaml",  # a file found by listing the folder
        "poladder plan -p - -f json -o folder/alex.yaml < folder/alex.yaml",  # standard input
        "poladder team - -f json -o folder/alex.yaml < folder/alex.yaml",
        "poladder packet --person Alex --kb kb.yaml -f json -o kb.yaml",
    ],
)
def test_an_output_never_replaces_what_the_command_read_whatever_named_it(tmp_path, command):
    (tmp_path / "folder").mkdir()
    alex = tmp_path / "folder" / "alex.yaml"
    alex.write_text(EXAMPLE.read_text())
    kb = tmp_path / "kb.yaml"
    kb.write_text((Path(__file__).resolve().parent.parent / "data" / "roles.yaml").read_text())
    assert _poladder("poladder assess -p folder/alex.yaml", tmp_path).returncode == 0
    before = {path: path.read_bytes() for path in (alex, kb)}
    proc = _poladder(command, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "cannot write over this file, nothing was changed: this command reads it" in proc.stderr
    assert {path: path.read_bytes() for path in (alex, kb)} == before
    assert sorted(p.name for p in tmp_path.rglob("*.tmp")) == []


@pytest.mark.parametrize("command", ["assess -p -", "plan -p -", "team -", "validate -", "roles --kb -"])
def test_a_closed_standard_input_is_one_line(tmp_path, command):
    proc = _poladder(f"poladder {command} <&-", tmp_path)
    assert proc.returncode == 1
    assert "<stdin>: standard input is closed — give a file, or pipe one in" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_interview_and_forget_on_a_closed_standard_input(tmp_path):
    interview = _poladder("poladder assess --no-save <&-", tmp_path)
    assert interview.returncode == 130 and "nothing was saved" in interview.stderr
    assert _poladder("poladder assess -p " + str(EXAMPLE), tmp_path).returncode == 0
    for closed in ("</dev/null", "<&-"):
        forget = _poladder(f"poladder forget --person Alex {closed}", tmp_path)
        assert forget.returncode == 1 and "Traceback" not in forget.stderr
        assert forget.stderr.endswith(
            "\npoladder: no answer — nothing was removed (--yes forgets without asking)\n"
        )
    assert "Alex" in _poladder("poladder history --json", tmp_path).stdout


@pytest.mark.parametrize(
    "command", ["poladder --help >/dev/full", "poladder >/dev/full", "poladder --help >&-"]
)
def test_help_to_a_full_or_closed_stdout_is_one_line(tmp_path, command):
    proc = _poladder(command, tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("poladder: standard output: cannot write") and proc.stderr.count("\n") == 1
