"""Writing files so that a reader never sees half of one, and nothing else is harmed on the way.

A document is written to a temp file in the destination's directory, flushed to disk, then renamed
over the destination: a reader sees the old file or the new one, never a mix, and a failure (a full
disk, a read-only folder) leaves the old file as it was and no temp file behind.

The destination is what the user means, as an editor would treat it: a symlink is written THROUGH
(its target is replaced and the link stays a link; a dangling link creates its target, as the shell's
`>` does); a new file gets the permissions the umask allows (0666 & ~umask); a replaced file keeps
its mode and, where allowed, its owner. Only regular files are replaced: a directory, a device or a
FIFO (at the end of a link, too) is refused, so that `-o /dev/null` as root can never turn a device
into a file. `-` and `/dev/stdout` mean standard output and are never opened as files (`is_stdout`).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from poladder.errors import DataError, FileProblem

STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def is_stdout(path: Path | str) -> bool:
    """`-o -` and `-o /dev/stdout` ask for standard output, not for a file of that name."""
    return str(path) in STDOUT_NAMES


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def stdin() -> BinaryIO:
    """Standard input as bytes: its byte stream, or the encoded text of a text-only stand-in (such as
    some test harnesses give)."""
    buffer: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        import io

        return io.BytesIO(sys.stdin.read().encode())
    return buffer


def kind(mode: int) -> str:
    """What a file that is not a regular file is, in words: "a FIFO", "a directory", ..."""
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def open_regular(path: Path | str) -> tuple[BinaryIO | None, os.stat_result]:
    """`path` opened for reading if it is a regular file (links followed), with what fstat says of it;
    (None, its stat) if it is anything else, and then nothing is left open.

    O_NONBLOCK keeps the open of a FIFO from waiting for a writer; the check is made on the open
    descriptor, so what is read is what was checked.
    """
    fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            return None, info
        if sys.platform != "win32":
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb", buffering=0), info
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise


_O_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
_O_NOCTTY: int = getattr(os, "O_NOCTTY", 0)


def write_atomically(
    path: Path, text: str | bytes, *, mode: int | None = None, make_parents: bool = False
) -> Path:
    """Replace the file at `path` (through a link) with `text` in one step; return the file written.

    The file gets `mode` less the umask; without `mode`, a new file gets 0o666 less the umask and a
    replaced one keeps its mode and owner. Raises DataError, naming the path
    and what to do, when the file cannot be written; the old file is then untouched.
    """
    data = text.encode() if isinstance(text, str) else text
    with writing_atomically(path, mode=mode, make_parents=make_parents) as (f, target):
        f.write(data)
    return target


@contextlib.contextmanager
def writing_atomically(
    path: Path, *, mode: int | None = None, make_parents: bool = False
) -> Iterator[tuple[BinaryIO, Path]]:
    """`write_atomically` for a document written piece by piece (a stream of any length): the block
    writes to (a temp file, the file it will replace); the file is replaced when the block ends, and
    left as it was, with no temp file behind, when it raises."""
    target = _destination(path)
    folder = target.parent
    tmp: Path | None = None
    try:
        if make_parents:
            folder.mkdir(parents=True, exist_ok=True)
        existing = _existing(path, target, keep_read_only=mode is None)
        fd, tmp = _create_temp(folder, target.name, 0o666 if mode is None else mode)
        with os.fdopen(fd, "wb") as f:
            if existing is not None and mode is None:
                _keep_mode_and_owner(fd, existing)
            yield f, target
            f.flush()
            os.fsync(fd)
        os.replace(tmp, target)
    except OSError as e:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise DataError(_cannot_write(path, target, e)) from None
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise


def _destination(path: Path) -> Path:
    """The file to replace: `path` itself, or the file at the end of the link(s) `path` is."""
    try:
        if not stat.S_ISLNK(os.lstat(path).st_mode):
            return path
    except OSError:
        return path  # missing (a new file) or unreachable: creating the temp file will say why
    target = Path(os.path.realpath(path))
    if os.path.islink(target):  # realpath stops where links go round in a loop
        raise DataError(
            _problem(path, "cannot write, the link goes round in a loop", "give the path of a file")
        )
    return target


def _existing(path: Path, target: Path, keep_read_only: bool) -> os.stat_result | None:
    """The file about to be replaced (None if new); refuse anything but a regular file, and a
    read-only one if `keep_read_only` (a user's document; a cache of ours is simply replaced)."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
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
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = folder / f".{name[:200]}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue


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


# -- reading ---------------------------------------------------------------------------------------

MAX_BYTES = 20 * 1024 * 1024
# A named FIFO's writer is woken by our open and may take a moment to connect: this long, at most.
_WRITER_GRACE = 0.25


def read_input(source: str | Path, what: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of an input file (`-`: standard input), at most `limit` of them; see `open_input`."""
    name = "<stdin>" if str(source) == "-" else str(source)
    with open_input(source, what) as stream:
        data = read_at_most(stream.read, limit)
    if data is None:
        raise DataError(_over_limit(name, what, limit))
    return data


def open_input(source: str | Path, what: str) -> BinaryIO:
    """An input opened for reading: standard input (`-`), a regular file, or a FIFO with a writer (a
    named pipe, or the shell's `<(cat me.yaml)`), links followed. The one way poladder opens what it
    is given to read.

    Anything else is refused without being read: a directory, a device (/dev/zero never ends), a socket,
    and a FIFO nothing writes to (it would wait for ever). O_NONBLOCK keeps the open from waiting; the
    type is checked on the open descriptor, so what is read is what was checked. A regular file over
    MAX_BYTES is refused by its size before reading; a stream is cut off by `read_at_most`.
    """
    if str(source) == "-":
        return stdin()
    path = Path(source)
    try:
        # A device or socket is refused before it is opened: opening some devices already acts.
        mode = os.stat(path).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise DataError(
                _problem(path, f"not a regular file ({kind(mode)})", f"give the path of a {what} file")
            )
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise DataError(_problem(path, "no such file", f"check the path of the {what}")) from None
    except NotADirectoryError:
        raise DataError(
            _problem(path, "no such file (a part of the path is a file)", "check the path")
        ) from None
    except PermissionError:
        raise DataError(_problem(path, "permission denied", f"make the {what} readable")) from None
    except OSError as e:
        raise DataError(_problem(path, f"cannot read the {what}: {e.strerror}")) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISFIFO(info.st_mode):
            first = _first_bytes(fd)
            if first is None:
                raise DataError(
                    _problem(
                        path, "a FIFO that nothing writes to", f"start the program that writes the {what}"
                    )
                )
            os.set_blocking(fd, True)
            return io.BufferedReader(_Prefixed(first, fd))
        if not stat.S_ISREG(info.st_mode):
            raise DataError(
                _problem(
                    path, f"not a regular file ({kind(info.st_mode)})", f"give the path of a {what} file"
                )
            )
        if info.st_size > MAX_BYTES:
            raise DataError(_over_limit(str(path), what, MAX_BYTES, info.st_size))
        if sys.platform != "win32":
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise


def _first_bytes(fd: int) -> bytes | None:
    """What a FIFO opened without blocking holds first, b"" if a writer is there but has not written
    yet (or came and went with nothing), or None if nothing writes to it.

    Reading a FIFO with no writer ends at once with nothing; with a writer that has not written yet it
    would block, which a non-blocking read says as EAGAIN. A named FIFO's writer is woken by our open
    and may take a moment to connect, so an empty first read is given that moment.
    """
    import select

    for wait in (0.0, _WRITER_GRACE):
        if wait:
            select.select([fd], [], [], wait)
        try:
            first = os.read(fd, _CHUNK)
        except BlockingIOError:
            return b""
        if first:
            return first
    ready, _, _ = select.select([fd], [], [], 0)
    return b"" if ready else None


class _Prefixed(io.RawIOBase):
    """A FIFO's stream with the bytes already read from it put back in front."""

    def __init__(self, first: bytes, fd: int) -> None:
        self.first = first
        self.fd = fd

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.first:
            n = min(len(buffer), len(self.first))
            buffer[:n] = self.first[:n]
            self.first = self.first[n:]
            return n
        data = os.read(self.fd, len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            with contextlib.suppress(OSError):
                os.close(self.fd)
        super().close()


def read_at_most(read: Callable[[int], bytes], limit: int) -> bytes | None:
    """Everything `read` gives until its end, or None as soon as that is more than `limit` bytes.

    Memory stays near `limit` whatever the source holds: a chunk at a time, stopping one byte past.
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            return None
        chunks.append(chunk)


_CHUNK = 1024 * 1024


def _problem(path: Path, message: str, fix: str | None = None) -> FileProblem:
    return FileProblem(file=str(path), message=message, fix=fix)


def _over_limit(name: str, what: str, limit: int, size: int | None = None) -> FileProblem:
    mb = limit // (1024 * 1024)
    told = f"the file is {size / 1e6:.1f} MB" if size is not None else f"more than {mb} MB"
    return FileProblem(
        file=name,
        line=1,
        column=1,
        message=f"{told}, over poladder's {mb} MB limit for a {what}",
        fix="split it or remove what it does not need",
    )
