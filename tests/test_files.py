"""Writing documents (`plan -o`, `profile export -o`): stdout aliases, links written through, the umask,
and every failure a clear line that leaves the old file as it was and no temp file behind."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from poladder.errors import PoladderError
from poladder.load import files
from tests import unprivileged
from tests.conftest import LADDER
from tests.test_hostile import hermetic_env

PLAN = [sys.executable, "-m", "poladder", "plan", "-p", "-", "--kb", str(LADDER), "-f", "markdown"]
PROFILE = "name: Alex\nrole: owner\nskills: {backlog: 2}\n"


def write_plan(cli, output: str | Path, *more: str):
    """`poladder plan -o OUTPUT` as Markdown: the document writer every -o goes through."""
    return cli(
        "plan", "-p", "-", "--kb", str(LADDER), "-f", "markdown", "-o", str(output), *more, input=PROFILE
    )


def temp_files(folder: Path) -> list[Path]:
    return list(folder.glob(".*.tmp"))


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


@pytest.mark.parametrize("output", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_mean_stdout(cli, tmp_path, monkeypatch, output):
    monkeypatch.chdir(tmp_path)
    before = os.lstat("/dev/stdout")
    result = write_plan(cli, output)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Alex's development plan")
    assert result.stderr == ""  # nothing "wrote" to say
    assert list(tmp_path.iterdir()) == []  # no file named "-"
    after = os.lstat("/dev/stdout")
    assert stat.S_ISLNK(after.st_mode) and (after.st_ino, after.st_mtime) == (before.st_ino, before.st_mtime)


def test_dev_stdout_in_a_real_process_goes_down_the_pipe(tmp_path):
    env = hermetic_env(tmp_path)
    proc = subprocess.run(
        [*PLAN, "-o", "/dev/stdout"],
        input=PROFILE,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# Alex's development plan")
    assert os.path.islink("/dev/stdout")


def test_a_link_is_written_through_and_stays_a_link(cli, tmp_path):
    real = tmp_path / "docs" / "real.md"
    real.parent.mkdir()
    real.write_text("old plan\n")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(Path("docs") / "real.md")  # relative, as people make them
    result = write_plan(cli, link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("docs") / "real.md")
    assert real.read_text().startswith("# Alex's development plan")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # a replaced file keeps its mode
    assert temp_files(tmp_path) == [] and temp_files(real.parent) == []


def test_a_chain_of_links_is_followed_to_the_file(cli, tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old\n")
    (tmp_path / "b.md").symlink_to(real)
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    assert write_plan(cli, tmp_path / "a.md").exit_code == 0
    assert (tmp_path / "a.md").is_symlink() and (tmp_path / "b.md").is_symlink()
    assert real.read_text().startswith("# Alex's")


def test_a_dangling_link_creates_its_target(cli, tmp_path, umask):
    """As the shell's `>` does: the link names the file the user wants."""
    umask(0o022)
    link = tmp_path / "plan.md"
    link.symlink_to(tmp_path / "out" / "plan.md")
    (tmp_path / "out").mkdir()
    result = write_plan(cli, link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and (tmp_path / "out" / "plan.md").read_text().startswith("# Alex's")
    assert stat.S_IMODE((tmp_path / "out" / "plan.md").stat().st_mode) == 0o644


def test_a_dangling_link_into_a_missing_folder_is_a_clear_error(cli, tmp_path):
    link = tmp_path / "plan.md"
    link.symlink_to(tmp_path / "nowhere" / "plan.md")
    result = write_plan(cli, link)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{link} (a link to {tmp_path / 'nowhere' / 'plan.md'}): cannot write (the folder "
        f"{tmp_path / 'nowhere'} does not exist), nothing was changed — create it first or choose another folder\n"
    )
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_a_link_loop_is_refused(cli, tmp_path):
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    result = write_plan(cli, tmp_path / "a.md")
    assert result.exit_code == 1 and "the link goes round in a loop" in result.stderr
    assert (tmp_path / "a.md").is_symlink() and (tmp_path / "b.md").is_symlink()


@pytest.mark.parametrize("target", ["/dev/null", "/dev/zero", "fifo", "dir"])
def test_links_to_what_is_not_a_regular_file_are_refused(cli, tmp_path, target):
    if target == "fifo":
        target = str(tmp_path / "fifo")
        os.mkfifo(target)  # opening it for writing would block forever
    elif target == "dir":
        target = str(tmp_path / "dir")
        os.mkdir(target)
    before = os.stat(target)
    link = tmp_path / "out.md"
    link.symlink_to(target)
    result = write_plan(cli, link)
    assert result.exit_code == 1
    assert f"{link} (a link to {target}): cannot write, not a regular file (a " in result.stderr
    after = os.stat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode) and link.is_symlink()
    assert temp_files(tmp_path) == []


def test_a_device_given_directly_is_refused(cli):
    result = write_plan(cli, "/dev/null")
    assert result.exit_code == 1
    assert "/dev/null: cannot write, not a regular file (a character device)" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_directory_as_output_is_a_clear_error(cli, tmp_path):
    result = write_plan(cli, tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path}: cannot write, not a regular file (a directory) — give a file name, "
        f"e.g. {tmp_path / 'plan.md'}\n"
    )


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664), (0o027, 0o640)])
def test_new_files_get_the_umasks_permissions(cli, tmp_path, umask, mask, mode):
    umask(mask)
    out = tmp_path / "plan.md"
    assert write_plan(cli, out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o755, 0o640, 0o660])
def test_a_replaced_file_keeps_its_mode(cli, tmp_path, umask, mode):
    umask(0o022)
    out = tmp_path / "plan.md"
    out.write_text("old\n")
    out.chmod(mode)
    assert write_plan(cli, out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode and out.read_text().startswith("# Alex's")


def test_a_read_only_file_is_not_replaced(tmp_path):
    """The folder is writable, so a rename could replace it; the shell's `>` would refuse, and so do we."""
    out = tmp_path / "plan.md"
    out.write_text("the old plan\n")
    out.chmod(0o444)
    proc = unprivileged.poladder(
        "plan", "-p", "-", "--kb", str(LADDER), "-f", "markdown", "-o", str(out), home=tmp_path, input=PROFILE
    )
    assert proc.returncode == 1
    assert proc.stderr == (
        f"{out}: cannot write (the file is read-only), nothing was changed — make it "
        f"writable (chmod u+w {out}) or choose another path\n"
    )
    assert out.read_text() == "the old plan\n" and stat.S_IMODE(out.stat().st_mode) == 0o444
    assert temp_files(tmp_path) == []


def test_a_missing_folder_is_a_clear_error(cli, tmp_path):
    out = tmp_path / "missing" / "plan.md"
    result = write_plan(cli, out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{out}: cannot write (the folder {out.parent} does not exist), nothing was changed "
        "— create it first or choose another folder\n"
    )
    assert not out.parent.exists()


def test_a_file_in_place_of_a_folder_is_a_clear_error(cli, tmp_path):
    (tmp_path / "notes").write_text("mine\n")
    result = write_plan(cli, tmp_path / "notes" / "plan.md")
    assert result.exit_code == 1 and "is a file, not a folder" in result.stderr
    assert (tmp_path / "notes").read_text() == "mine\n"


def test_a_read_only_folder_is_a_clear_error_and_the_old_file_stays(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    out = locked / "plan.md"
    out.write_text("the old plan\n")
    out.chmod(0o666)  # the file is writable, its folder is not: no atomic replace is possible
    locked.chmod(0o555)
    try:
        proc = unprivileged.poladder(
            "plan",
            "-p",
            "-",
            "--kb",
            str(LADDER),
            "-f",
            "markdown",
            "-o",
            str(out),
            home=tmp_path,
            input=PROFILE,
        )
        assert proc.returncode == 1
        assert proc.stderr == (
            f"{out}: cannot write (permission denied in {locked}), nothing was changed "
            "— choose a folder you can write to\n"
        )
        assert out.read_text() == "the old plan\n" and sorted(locked.iterdir()) == [out]
    finally:
        locked.chmod(0o755)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE and SIGXFSZ as on Linux")
def test_a_full_disk_leaves_the_old_file_and_no_temp_file(tmp_path):
    """A real short write: the file-size limit makes write(2) fail with EFBIG as a full disk would."""
    import resource
    import signal

    out = tmp_path / "plan.md"
    out.write_text("the old plan\n")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

    env = hermetic_env(tmp_path)
    proc = subprocess.run(
        [*PLAN, "-o", str(out)],
        input=PROFILE,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        preexec_fn=limit,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"{out}: cannot write (the disk is full (File too large))")
    assert proc.stderr.endswith("nothing was changed — free some space and try again\n")
    assert out.read_text() == "the old plan\n" and temp_files(tmp_path) == []


def test_no_space_left_says_so(cli, tmp_path, monkeypatch):
    out = tmp_path / "plan.md"
    out.write_text("the old plan\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    result = write_plan(cli, out)
    assert result.exit_code == 1
    assert "cannot write (the disk is full (No space left on device)), nothing was changed" in result.stderr
    assert out.read_text() == "the old plan\n" and temp_files(tmp_path) == []


def test_an_interrupted_write_leaves_no_temp_file(tmp_path, monkeypatch):
    out = tmp_path / "plan.md"
    out.write_text("old\n")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(out, "new\n")
    assert out.read_text() == "old\n" and temp_files(tmp_path) == []


def test_profile_export_writes_through_a_link_too(cli, tmp_path):
    assert cli("assess", "-p", "-", "--kb", str(LADDER), input=PROFILE).exit_code == 0
    real = tmp_path / "real.yaml"
    link = tmp_path / "me.yaml"
    link.symlink_to(real)
    result = cli("profile", "export", "--person", "alex", "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and "name: Alex" in real.read_text()


def test_write_atomically_returns_the_file_it_wrote(tmp_path):
    real = tmp_path / "real.txt"
    (tmp_path / "link").symlink_to(real)
    assert files.write_atomically(tmp_path / "link", b"x") == real
    with pytest.raises(PoladderError):
        files.write_atomically(tmp_path / "no" / "such" / "file", "x")
    assert (
        files.write_atomically(tmp_path / "no" / "such" / "file", "x", make_parents=True).read_text() == "x"
    )


# Links are followed as the kernel's protected_symlinks lets the shell's `>` follow them (issue 21).

NOBODY = 65534
needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to make a link of another user's"
)


def planted(folder: Path, name: str, target: Path, owner: int) -> Path:
    """A link in `folder` to `target`, owned by `owner` (as another user would leave it)."""
    link = folder / name
    link.symlink_to(target)
    os.lchown(link, owner, owner)
    return link


@needs_root
@pytest.mark.parametrize("target_exists", [True, False], ids=["over-a-file", "dangling"])
def test_another_users_link_in_a_shared_folder_is_not_followed(cli, tmp_path, target_exists):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    if target_exists:
        victim.write_text("export PATH\n")
    link = planted(shared, "plan.md", victim, NOBODY)
    result = write_plan(cli, link)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"{link}: cannot write, nothing was changed: {link} is a link of another user's (uid {NOBODY}) "
        "in a folder that anyone may write to, which the shell would not follow either — "
        "choose another path, or remove the link\n"
    )
    assert (victim.read_text() == "export PATH\n") if target_exists else not victim.exists()
    assert link.is_symlink() and temp_files(shared) == [] and temp_files(victim.parent) == []


@needs_root
def test_another_users_link_to_a_folder_on_the_way_is_not_followed(cli, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    planted(shared, "docs", elsewhere, NOBODY)
    result = write_plan(cli, shared / "docs" / "plan.md")
    assert result.exit_code == 1 and "is a link of another user's" in result.stderr
    assert list(elsewhere.iterdir()) == []


@needs_root
def test_links_the_kernel_would_follow_are_followed(cli, tmp_path):
    """One's own link in a shared folder, the folder owner's link there, and anyone's in a private one."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    private = tmp_path / "private"
    private.mkdir()
    os.chown(private, NOBODY, NOBODY)
    cases = [(shared, os.geteuid()), (private, NOBODY)]
    owner_folder = tmp_path / "theirs"
    owner_folder.mkdir()
    owner_folder.chmod(0o1777)
    os.chown(owner_folder, NOBODY, NOBODY)
    cases.append((owner_folder, NOBODY))
    for number, (folder, owner) in enumerate(cases):
        real = tmp_path / f"real{number}.md"
        link = planted(folder, f"plan{number}.md", real, owner)
        result = write_plan(cli, link)
        assert result.exit_code == 0, (folder, result.stderr)
        assert real.read_text().startswith("# Alex's development plan") and link.is_symlink()


WRITER = """
import os, signal, sys
from pathlib import Path
from poladder.load import files

def stopped(fd):
    os.kill(os.getpid(), signal.{signal})
    raise AssertionError("still running after the signal")

files.os.fsync = stopped
if sys.argv[2] == "ignored":  # as under nohup
    signal.signal(signal.{signal}, signal.SIG_IGN)
    files.os.fsync = lambda fd: os.kill(os.getpid(), signal.{signal})
else:  # whatever the caller's shell ignores, this process ends by the signal as a default would
    signal.signal(signal.{signal}, signal.SIG_DFL)
files.write_atomically(Path(sys.argv[1]), "new plan\\n")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_while_writing_leaves_no_temp_file(tmp_path, name):
    import signal

    out = tmp_path / "plan.md"
    out.write_text("the old plan\n")
    proc = subprocess.run(
        [sys.executable, "-c", WRITER.format(signal=name), str(out), "default"],
        capture_output=True, text=True, timeout=60, env=hermetic_env(tmp_path), check=False,
    )  # fmt: skip
    assert proc.returncode == -getattr(signal, name), (
        proc.stderr
    )  # ended by the signal, as it would have been
    assert out.read_text() == "the old plan\n" and temp_files(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_the_process_ignores_does_not_stop_the_write(tmp_path, name):
    """Under `nohup` SIGHUP is ignored: the write goes on, as it would without poladder's handler."""
    out = tmp_path / "plan.md"
    out.write_text("the old plan\n")
    proc = subprocess.run(
        [sys.executable, "-c", WRITER.format(signal=name), str(out), "ignored"],
        capture_output=True, text=True, timeout=60, env=hermetic_env(tmp_path), check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert out.read_text() == "new plan\n" and temp_files(tmp_path) == []


def test_a_signal_a_handler_survives_still_stops_the_write(tmp_path, monkeypatch):
    import signal

    out = tmp_path / "plan.md"
    out.write_text("old\n")
    heard: list[int] = []
    before = signal.signal(signal.SIGTERM, lambda signum, frame: heard.append(signum))
    try:
        monkeypatch.setattr(files.os, "fsync", lambda fd: os.kill(os.getpid(), signal.SIGTERM))
        with pytest.raises(PoladderError, match="stopped by signal 15 while writing, nothing was changed"):
            files.write_atomically(out, "new\n")
    finally:
        signal.signal(signal.SIGTERM, before)
    assert heard == [signal.SIGTERM] and out.read_text() == "old\n" and temp_files(tmp_path) == []


# -o never names what the command reads (issue 21).


def refused(result, output: Path) -> None:
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"{output}: cannot write over this file, nothing was changed: this command reads it (one of its "
        "inputs, or the history) — choose another path for the output\n"
    )


def test_plan_over_its_own_profile_is_refused(cli, tmp_path):
    profile = tmp_path / "alex.md"  # the suffix picks Markdown; the content is a profile all the same
    profile.write_text(PROFILE)
    for output in (profile, tmp_path / "link.md"):
        if output != profile:
            output.symlink_to(profile)
        result = cli("plan", "-p", str(profile), "--kb", str(LADDER), "-o", str(output))
        refused(result, output)
        assert profile.read_text() == PROFILE and temp_files(tmp_path) == []


def test_graph_over_its_own_ladder_is_refused(cli, tmp_path):
    ladder = tmp_path / "ladder.json"
    ladder.write_text(LADDER.read_text())
    result = cli("graph", "--kb", str(ladder), "-o", str(ladder))
    refused(result, ladder)
    assert ladder.read_text() == LADDER.read_text()


def test_no_document_is_written_over_the_history(cli):
    assert cli("assess", "-p", "-", "--kb", str(LADDER), input=PROFILE).exit_code == 0
    history = Path(os.environ["POLADDER_HOME"]) / "history.db"
    before = history.read_bytes()
    for args in (
        ["profile", "export", "--person", "alex", "-f", "yaml"],
        ["plan", "-p", "-", "--kb", str(LADDER), "-f", "markdown"],
    ):
        refused(cli(*args, "-o", str(history), input=PROFILE), history)
    assert history.read_bytes() == before


def test_dev_stderr_is_written_to_never_replaced(tmp_path):
    log = tmp_path / "run.log"
    log.write_text("earlier lines of the log\n")
    with log.open("a") as err:
        proc = subprocess.run(
            [*PLAN, "-o", "/dev/stderr"], input=PROFILE, stdout=subprocess.PIPE, stderr=err,
            text=True, timeout=60, env=hermetic_env(tmp_path), check=False,
        )  # fmt: skip
    assert proc.returncode == 0 and proc.stdout == ""
    text = log.read_text()
    assert text.startswith("earlier lines of the log\n# Alex's development plan") and "wrote" not in text
