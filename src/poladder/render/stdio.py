"""Standard output and error as poladder writes to them: in any encoding, and never a traceback.

Set up once, at start-up (`prepare`), for every command:

- Characters a stream's encoding cannot carry (a `ë` on an ASCII or cp1252 stdout, as `> file` gives
  on Windows or PYTHONIOENCODING sets) are replaced (`?` on stdout, so that JSON stays JSON; the
  escape Python shows on stderr), instead of ending the run in UnicodeEncodeError after an
  assessment was saved.
- A stdout that cannot be written (closed with `>&-`, a full disk, /dev/full) is one line on stderr
  and exit 1, wherever the write happens: in a command (a DataError, which the command line's
  error boundary reports) or when Python flushes at the end (`finish`).
- A closed stdout or stderr is first replaced by /dev/null at the level of file descriptors, so
  that no file poladder opens later (the history, an output) gets descriptor 1 or 2 and with it
  text meant for the terminal; writing to the closed stdout still fails as above.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import TextIO

from poladder.errors import DataError, FileProblem

_NAMES = {1: "standard output", 2: "standard error"}


class _Checked(io.RawIOBase):
    """A file descriptor whose write errors are DataErrors, said in words (or, `closed`, one that
    refuses every write: the descriptor was closed when poladder started)."""

    def __init__(self, fd: int, closed: bool = False) -> None:
        super().__init__()
        self.fd = fd
        self.was_closed = closed
        self.failed = False  # said once; what is written after that goes nowhere, quietly

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """Kept open: the descriptor is the process's stdout, and a buffer of its own (team --jsonl)
        that wraps this one closes it when it is done."""

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return not self.was_closed and os.isatty(self.fd)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self.failed:
            return len(data)
        try:
            if self.was_closed:
                raise OSError(errno.EBADF, "it was closed when poladder started")
            return os.write(self.fd, data)
        except BrokenPipeError:
            raise  # the reader has gone: SIGPIPE's business (the command line restores its default)
        except OSError as e:
            self.failed = True
            raise _cannot_write(self.fd, e.errno, e.strerror) from None


def _cannot_write(fd: int, code: int | None, why: str | None) -> DataError:
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):
        fix = "the disk is full: free some space, or send the output elsewhere"
    elif code == errno.EBADF:
        fix = "give the command somewhere to write (a terminal, a pipe or > FILE), or -o FILE"
    else:
        fix = "send the output elsewhere"
    where = _NAMES.get(fd, f"descriptor {fd}")
    return DataError(FileProblem(file=f"poladder: {where}", message=f"cannot write ({why})", fix=fix))


def prepare() -> None:
    """Replace sys.stdout (and, if it was closed, sys.stderr) as the module docstring says."""
    closed = {fd: _closed(fd) for fd in (1, 2)}
    for fd, was_closed in closed.items():
        if was_closed:
            _reserve(fd)
    sys.stdout = _wrapped(sys.stdout, 1, "replace", closed[1])
    if closed[2]:
        sys.stderr = _wrapped(sys.stderr, 2, "backslashreplace", False)  # /dev/null: nowhere to say it
    elif isinstance(sys.stderr, io.TextIOWrapper):
        sys.stderr.reconfigure(errors="backslashreplace")


def finish() -> int:
    """Flush stdout at the end of a run: 0, or 1 after saying on stderr why it could not be written
    (a failure a command has already reported is not said twice: its stream then writes nowhere)."""
    try:
        sys.stdout.flush()
    except ValueError:  # closed by someone: nothing left to flush
        return 0
    except DataError as e:
        from poladder.render import problem_line

        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(problem_line(e.problems[0]) + "\n")
            sys.stderr.flush()
        return 1
    return 0


def _closed(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def _reserve(fd: int) -> None:
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)


def _wrapped(stream: TextIO | None, fd: int, errors: str, closed: bool) -> TextIO:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    line_buffering = bool(getattr(stream, "line_buffering", False))
    if stream is not None and not closed:
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    return io.TextIOWrapper(
        io.BufferedWriter(_Checked(fd, closed)),  # type: ignore[type-var]  # a RawIOBase, as FileIO is
        encoding=encoding,
        errors=errors,
        line_buffering=line_buffering,
    )


def raw_stdout() -> io.RawIOBase | None:
    """The checked descriptor under sys.stdout, for writers that keep a buffer of their own."""
    buffer = getattr(sys.stdout, "buffer", None)
    raw = getattr(buffer, "raw", None)
    return raw if isinstance(raw, _Checked) else None
