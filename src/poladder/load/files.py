"""Writing files so that a reader never sees half of one, and nothing else is harmed on the way.

A document is written to a temp file in the destination's directory, flushed to disk, then renamed
over the destination: a reader sees the old file or the new one, never a mix, and a failure (a full
disk, a read-only folder) leaves the old file as it was and no temp file behind.

The destination is what the user means, as an editor would treat it: a symlink is written THROUGH
(its target is replaced and the link stays a link; a dangling link creates its target, as the shell's
`>` does); a new file gets the permissions the umask allows (0666 & ~umask); a replaced file keeps
its mode and, where allowed, its owner. Links are followed only where the kernel's protected_symlinks
rule would let the shell follow them: never another user's link in a sticky or world-writable folder
(unless the folder is theirs), at any step of the path. A caller that owns the destination (the
knowledge-base cache) follows no link at all. Only regular files are replaced: a directory, a device
or a FIFO (at the end of a link, too) is refused, so that `-o /dev/null` as root can never turn a
device into a file; so is a file the command reads (`inputs`), whatever path names it. `-` and
`/dev/stdout` mean standard output and are never opened as files (`is_stdout`).

Temp files are created exclusively (O_EXCL, never through a link); SIGTERM and SIGHUP while one
exists remove it before the signal ends the process.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from poladder.errors import DataError, FileProblem

STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def is_stdout(path: Path | str) -> bool:
    """`-o -` and `-o /dev/stdout` ask for standard output, not for a file of that name."""
    return str(path) in STDOUT_NAMES


STDERR_NAMES = ("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2")


def is_stderr(path: Path | str) -> bool:
    """`-o /dev/stderr` asks for standard error: written to, never replaced (it is often a log)."""
    return str(path) in STDERR_NAMES


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind(mode: int) -> str:
    """What a file that is not a regular file is, in words: "a FIFO", "a directory", ..."""
    return next((name for test, name in _KINDS if test(mode)), "a special file")


O_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)


# Private files (the history, the knowledge-base cache) live in folders that nobody else can change:
# a folder another user owns, or may write to, lets that user plant, swap or read what is in it.


def owned(info: os.stat_result) -> bool:
    """Whether this user (the effective user id) owns the file; on Windows, whose folders under the
    user's profile are private already, always."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is None or info.st_uid == geteuid()


def unsafe_folder(info: os.stat_result) -> str | None:
    """Why a folder must not hold private files ("belongs to another user", "is writable by other
    users"), or None if it is this user's own and only they may change what is in it."""
    if not owned(info):
        return f"belongs to another user (uid {info.st_uid})"
    if sys.platform != "win32" and info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by other users (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def make_private(fd: int, info: os.stat_result) -> None:
    """Take group and other permissions off an open file of this user's (0600 for a 0644 file)."""
    if sys.platform != "win32" and owned(info) and info.st_mode & 0o077:
        with contextlib.suppress(OSError):  # a read-only file system: nothing more can be done
            os.fchmod(fd, stat.S_IMODE(info.st_mode) & 0o700)


def readable(name: str) -> str:
    """A file name as text that any output can carry: a byte that is not UTF-8 (which Python keeps as
    a lone surrogate) as its escape `\\xff`, any other lone surrogate as `\\udXXX`."""
    if name.isascii() or not _SURROGATE.search(name):
        return name
    return _SURROGATE.sub(_escaped_surrogate, name)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escaped_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def write_atomically(
    path: Path,
    text: str | bytes,
    *,
    mode: int | None = None,
    make_parents: bool = False,
    follow_links: bool = True,
    inputs: Iterable[Path | str] = (),
) -> Path:
    """Replace the file at `path` (through a link) with `text` in one step; return the file written.

    The file gets `mode` less the umask; without `mode`, a new file gets 0o666 less the umask and a
    replaced one keeps its mode and owner. Links are followed as the kernel's protected_symlinks
    would let the shell's `>` follow them (see `_destination`); with `follow_links=False` none is (a
    link in the way is replaced, never its target). A file that is one of `inputs` (the same file,
    through links or not), or that the command has read as an input (see `remember_read`), is refused
    and left as it was. Raises DataError, naming the path
    and what to do, when the file cannot be written; the old file is then untouched.
    """
    data = text.encode() if isinstance(text, str) else text
    with writing_atomically(
        path, mode=mode, make_parents=make_parents, follow_links=follow_links, inputs=inputs
    ) as (file, target):
        file.write(data)
    return target


@contextlib.contextmanager
def writing_atomically(
    path: Path,
    *,
    mode: int | None = None,
    make_parents: bool = False,
    follow_links: bool = True,
    inputs: Iterable[Path | str] = (),
) -> Iterator[tuple[BinaryIO, Path]]:
    """`write_atomically` for a document written piece by piece (a stream of any length): the block
    writes to (a temp file, the file it will replace); the file is replaced when the block ends, and
    left as it was, with no temp file behind, when it raises."""
    target = _destination(path) if follow_links else path
    folder = target.parent
    tmp: Path | None = None
    try:
        with _removing_on_signals(path):
            try:
                if make_parents:
                    folder.mkdir(parents=True, exist_ok=True)
                existing = _existing(path, target, keep_read_only=mode is None, follow_links=follow_links)
                if existing is not None:
                    _refuse_inputs(path, existing, inputs)
                fd, tmp = _create_temp(folder, target.name, 0o666 if mode is None else mode)
                with os.fdopen(fd, "wb") as f:
                    if existing is not None and mode is None:
                        _keep_mode_and_owner(fd, existing)
                    yield f, target
                    f.flush()
                    os.fsync(fd)
                # Inputs read while the document was written (a team folder's files) are known now;
                # the given `inputs` were noted by the first check.
                with contextlib.suppress(FileNotFoundError):
                    _refuse_inputs(path, os.stat(target), ())
                os.replace(tmp, target)
            except BaseException:
                if tmp is not None:
                    tmp.unlink(missing_ok=True)
                raise
    except OSError as e:
        raise DataError(_cannot_write(path, target, e)) from None


class _Signalled(BaseException):
    """SIGTERM or SIGHUP arrived while a temp file existed: raised to remove it, then re-sent."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def _removing_on_signals(path: Path) -> Iterator[None]:
    """While a temp file may exist, SIGTERM and SIGHUP unwind the write (which removes the temp
    file), and then end the process as they would have (the handler that was there gets them). A
    signal the process ignores (`nohup` ignores SIGHUP) stays ignored: the write goes on."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; poladder writes from it
        return

    def unwind(signum: int, frame: object) -> None:
        raise _Signalled(signum)

    before = {
        signum: signal.signal(signum, unwind)
        for signum in _ENDING
        if signal.getsignal(signum) is not signal.SIG_IGN
    }
    try:
        yield
    except _Signalled as e:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        before = {}
        os.kill(os.getpid(), e.signum)
        # Still here: a handler of the caller's did not end the run. The write did not happen.
        raise DataError(
            problem(path, f"stopped by signal {e.signum} while writing, nothing was changed")
        ) from None
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def _destination(path: Path) -> Path:
    """The file to replace: `path` itself, or where its links lead.

    The links are followed here, not by the kernel, so that the temp file is made next to the file it
    replaces; so they are followed as the kernel's protected_symlinks rule follows them for the shell:
    a link in a sticky or world-writable folder (/tmp) is followed only if it is this user's own, or
    the folder owner's. Another user's link there is how a planted `plan.md` would make poladder
    replace the user's own ~/.bashrc."""
    resolved, followed = _follow(Path(path))
    return resolved if followed else path


MAX_LINKS = 40  # as Linux: more links than this on one path is a loop


def _follow(path: Path) -> tuple[Path, bool]:
    """`path` with every link in it followed (the kernel's rule above), and whether there was one."""
    absolute = path if path.is_absolute() else Path.cwd() / path  # ".." is resolved below, not here
    resolved = Path(absolute.anchor)
    pending = list(absolute.parts[1:])
    links = 0
    while pending:
        part = pending.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            resolved = resolved.parent
            continue
        here = resolved / part
        try:
            info = os.lstat(here)
        except OSError:
            resolved = here  # missing (a new file) or unreachable: creating the temp file will say why
            continue
        if not stat.S_ISLNK(info.st_mode):
            resolved = here
            continue
        links += 1
        if links > MAX_LINKS:
            raise DataError(
                problem(path, "cannot write, the link goes round in a loop", "give the path of a file")
            )
        _may_follow(path, here, info)
        target = Path(os.readlink(here))
        if target.is_absolute():
            resolved = Path(target.anchor)
        pending[:0] = target.parts[1:] if target.is_absolute() else target.parts
    return resolved, links > 0


def _may_follow(path: Path, link: Path, info: os.stat_result) -> None:
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None or info.st_uid == geteuid():
        return
    folder = os.stat(link.parent)
    shared = folder.st_mode & (stat.S_ISVTX | stat.S_IWOTH)
    if shared and info.st_uid != folder.st_uid:
        raise DataError(
            problem(
                path,
                f"cannot write, nothing was changed: {link} is a link of another user's (uid {info.st_uid}) "
                "in a folder that anyone may write to, which the shell would not follow either",
                "choose another path, or remove the link",
            )
        )


# The files this command has read as its inputs, by identity (device, inode): whatever named one (a
# path, a link, a folder's listing, standard input), a document is never written over it.
_READ: set[tuple[int, int]] = set()


def remember_read(info: os.stat_result) -> None:
    """Note a file the command reads as an input (regular files: a pipe cannot be written over)."""
    if stat.S_ISREG(info.st_mode):
        _READ.add((info.st_dev, info.st_ino))


def forget_reads() -> None:
    """The command is over: what it read is no longer its input (tests run many in one process)."""
    _READ.clear()


def _refuse_inputs(path: Path, existing: os.stat_result, inputs: Iterable[Path | str]) -> None:
    """Refuse to replace a file the command reads: its input would be gone before it is used again."""
    for given in inputs:
        with contextlib.suppress(OSError, ValueError):
            remember_read(os.stat(given))
    if (existing.st_dev, existing.st_ino) in _READ:
        raise DataError(
            problem(
                path,
                "cannot write over this file, nothing was changed: this command reads it (one of its "
                "inputs, or the history)",
                "choose another path for the output",
            )
        )


def _existing(path: Path, target: Path, keep_read_only: bool, follow_links: bool) -> os.stat_result | None:
    """The file about to be replaced (None if new); refuse anything but a regular file, and a
    read-only one if `keep_read_only` (a user's document; a cache of ours is simply replaced).
    Without `follow_links`, a link in the way is simply replaced."""
    try:
        info = os.stat(target) if follow_links else os.lstat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return info
    if stat.S_ISREG(info.st_mode):
        # A rename would replace even a read-only file; the shell's `>` would not, and neither do we.
        if keep_read_only and not os.access(target, os.W_OK):
            raise DataError(
                FileProblem(
                    file=_named(path, target),
                    message="cannot write (the file is read-only), nothing was changed",
                    fix=f"make it writable (chmod u+w {target}) or choose another path",
                )
            )
        return info
    if stat.S_ISDIR(info.st_mode):
        fix = "give a file name, e.g. " + str(Path(path) / "plan.md")
    else:
        fix = "give the path of a regular file, or - for stdout"
    raise DataError(
        FileProblem(
            file=_named(path, target),
            message=f"cannot write, not a regular file ({kind(info.st_mode)})",
            fix=fix,
        )
    )


def _create_temp(folder: Path, name: str, mode: int) -> tuple[int, Path]:
    """A new, empty, exclusively created file next to the destination; the umask applies to `mode`."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = folder / temp_name(name)
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue


def temp_name(name: str) -> str:
    """The name of a temp file for `name`: hidden, random, and recognisable (see `TEMP`)."""
    return f".{name[:200]}.{os.urandom(4).hex()}.tmp"


TEMP = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")


def _keep_mode_and_owner(fd: int, existing: os.stat_result) -> None:
    if sys.platform == "win32":
        return
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))
    if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        # Only root (or a member of the group) may; otherwise the writer owns the new file.
        with contextlib.suppress(OSError):
            os.fchown(fd, existing.st_uid, existing.st_gid)


def _named(path: Path, target: Path) -> str:
    return str(path) if Path(path) == target else f"{path} (a link to {target})"


_DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)


def _cannot_write(path: Path, target: Path, e: OSError) -> FileProblem:
    folder = target.parent
    if e.errno == errno.ENOENT:
        problem, fix = f"the folder {folder} does not exist", "create it first or choose another folder"
    elif e.errno == errno.ENOTDIR:
        problem, fix = f"a part of {folder} is a file, not a folder", "choose another folder"
    elif e.errno in (errno.EACCES, errno.EPERM):
        problem, fix = f"permission denied in {folder}", "choose a folder you can write to"
    elif e.errno == errno.EROFS:
        problem, fix = f"{folder} is on a read-only file system", "choose another folder"
    elif e.errno in _DISK_FULL:
        problem, fix = f"the disk is full ({e.strerror})", "free some space and try again"
    else:
        problem, fix = str(e.strerror or e), "choose another path"
    return FileProblem(
        file=_named(path, target), message=f"cannot write ({problem}), nothing was changed", fix=fix
    )


def problem(path: Path | str, message: str, fix: str | None = None) -> FileProblem:
    """A problem with a file as a whole, its name made readable."""
    return FileProblem(file=str(path), message=message, fix=fix)
