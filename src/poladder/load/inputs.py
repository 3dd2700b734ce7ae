"""Reading what poladder is given: one bounded reader for every input, in every command.

An input is standard input (`-`), a regular file, or a FIFO with a writer (a named pipe, or the
shell's `<(cat me.yaml)`), links followed. Anything else is refused without being read: a directory,
a device (/dev/zero never ends), a socket, and a FIFO nothing writes to (it would wait for ever).
Whatever the source, at most a stated number of bytes is read, so memory stays bounded.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from poladder.errors import DataError, FileProblem
from poladder.load.files import O_NOFOLLOW, kind, problem, remember_read


def stdin() -> BinaryIO:
    """Standard input as bytes: its byte stream, or the encoded text of a text-only stand-in (such as
    some test harnesses give)."""
    if sys.stdin is None:  # `<&-`: there is no standard input at all
        raise DataError(problem("<stdin>", "standard input is closed", "give a file, or pipe one in"))
    buffer: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        import io

        return io.BytesIO(sys.stdin.read().encode())
    with contextlib.suppress(OSError, ValueError):  # `< me.yaml`: that file is an input too
        remember_read(os.fstat(buffer.fileno()))
    return buffer


def open_regular(path: Path | str, follow: bool = True) -> tuple[BinaryIO | None, os.stat_result]:
    """`path` opened for reading if it is a regular file (links followed, unless `follow` is False:
    then a link is an OSError), with what fstat says of it; (None, its stat) if it is anything else,
    and then nothing is left open.

    O_NONBLOCK keeps the open of a FIFO from waiting for a writer; the check is made on the open
    descriptor, so what is read is what was checked.
    """
    nofollow = 0 if follow else O_NOFOLLOW
    fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | nofollow | getattr(os, "O_CLOEXEC", 0))
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


def open_input(source: str | Path, what: str, limit: int | None = MAX_BYTES) -> BinaryIO:
    """An input opened for reading: standard input (`-`), a regular file, or a FIFO with a writer (a
    named pipe, or the shell's `<(cat me.yaml)`), links followed. The one way poladder opens what it
    is given to read.

    Anything else is refused without being read: a directory, a device (/dev/zero never ends), a socket,
    and a FIFO nothing writes to (it would wait for ever). O_NONBLOCK keeps the open from waiting; the
    type is checked on the open descriptor, so what is read is what was checked. A regular file over
    `limit` (MAX_BYTES) is refused by its size before reading; a stream is cut off by `read_at_most`.
    A reader that bounds what it holds itself (team's JSON Lines, a line at a time) gives None.
    """
    if str(source) == "-":
        return stdin()
    path = Path(source)
    try:
        # A device or socket is refused before it is opened: opening some devices already acts.
        mode = os.stat(path).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise DataError(
                problem(path, f"not a regular file ({kind(mode)})", f"give the path of a {what} file")
            )
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise DataError(problem(path, "no such file", f"check the path of the {what}")) from None
    except NotADirectoryError:
        raise DataError(
            problem(path, "no such file (a part of the path is a file)", "check the path")
        ) from None
    except PermissionError:
        raise DataError(problem(path, "permission denied", f"make the {what} readable")) from None
    except OSError as e:
        raise DataError(problem(path, f"cannot read the {what}: {e.strerror}")) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISFIFO(info.st_mode):
            first = _first_bytes(fd)
            if first is None:
                raise DataError(
                    problem(
                        path, "a FIFO that nothing writes to", f"start the program that writes the {what}"
                    )
                )
            os.set_blocking(fd, True)
            return io.BufferedReader(_Prefixed(first, fd))
        if not stat.S_ISREG(info.st_mode):
            raise DataError(
                problem(path, f"not a regular file ({kind(info.st_mode)})", f"give the path of a {what} file")
            )
        if limit is not None and info.st_size > limit:
            raise DataError(_over_limit(str(path), what, limit, info.st_size))
        remember_read(info)
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
