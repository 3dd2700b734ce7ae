"""Output for long runs: results as JSON Lines while they are made, and a progress bar on stderr.

rich is imported only once the bar is about to be shown, so a short run or a pipe never pays for it.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")


class JsonResult(Protocol):
    """A result that writes itself as JSON: a pydantic model, or a stand-in such as team.Member."""

    def model_dump_json(self) -> str: ...


# Work shorter than this gets no bar: a bar that flashes up and vanishes only distracts.
DELAY = 1.0


def lines(results: Iterable[JsonResult]) -> None:
    """One compact JSON object a line on stdout. A reader downstream (a pipe, a terminal) gets each line
    as soon as it is made; a file (or /dev/null), which nobody reads while it is written, gets them in
    blocks. The lines go through a buffer of their own, so that `python -u` or PYTHONUNBUFFERED does not
    turn every line into a system call."""
    _write(result.model_dump_json() + "\n" for result in results)


def array(results: Iterable[BaseModel]) -> int:
    """A JSON array on stdout, each result written as it comes, in the very text of the list's own
    `model_dump_json(indent=2)`; how many there were (nothing is written for none: the caller says
    what none means)."""
    count = 0

    def parts() -> Iterator[str]:
        nonlocal count
        for result in results:
            # JSON strings escape their newlines: every newline here is the layout's, indented once more.
            yield ("[\n  " if count == 0 else ",\n  ") + result.model_dump_json(indent=2).replace(
                "\n", "\n  "
            )
            count += 1
        if count:
            yield "\n]\n"

    _write(parts())
    return count


def _write(parts: Iterable[str]) -> None:
    """Write `parts` to stdout as they are made (see `lines`)."""
    sys.stdout.flush()
    out = _binary_stdout()
    if out is None:  # no real stdout (a test harness): write through it as it is
        write: Callable[[str], object] = sys.stdout.write
        flush = sys.stdout.flush
    else:
        write, flush = (lambda text: out.write(text.encode())), out.flush
    each = out is None or _read_while_written(out.fileno())
    try:
        try:
            for part in parts:
                write(part)
                if each:
                    flush()
        finally:  # what is written ends with a whole line, even when a Ctrl-C stops the run
            flush()
    except BrokenPipeError:
        # The reader has gone (`| head`): stop quietly. Python would complain again when it flushes
        # stdout at exit, so point stdout at /dev/null first.
        with contextlib.suppress(OSError, ValueError):  # no real stdout (a test harness): nothing to do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _binary_stdout() -> io.BufferedWriter | None:
    from poladder.render.stdio import raw_stdout

    checked = raw_stdout()  # set up at start-up: its write errors are said in words
    if checked is not None:
        return io.BufferedWriter(checked, 1 << 16)
    try:
        return io.BufferedWriter(io.FileIO(sys.stdout.fileno(), "wb", closefd=False), 1 << 16)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None


def _read_while_written(fd: int) -> bool:
    """False when the output is a regular file or the null device; True otherwise (or when unsure)."""
    try:
        info = os.fstat(fd)
        return not (stat.S_ISREG(info.st_mode) or os.path.samestat(info, os.stat(os.devnull)))
    except OSError:
        return True


def tracked(
    items: Iterable[T], position: Callable[[], tuple[int, int | None]], enabled: bool = True
) -> Iterator[T]:
    """`items`, passed through; when stderr is a terminal and they take over DELAY seconds, a transient
    bar of `position()` (done, total or None) on stderr. Nothing is ever written to stdout."""
    iterator = iter(items)
    if not (enabled and sys.stderr.isatty()):
        yield from iterator
        return
    deadline = time.monotonic() + DELAY
    count = 0
    for item in iterator:
        count += 1
        yield item
        if time.monotonic() > deadline:
            break
    else:
        return

    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from poladder.render.console import SafeConsole

    done, total = position()
    progress = Progress(
        TextColumn("assessing"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[count]:,} people"),
        TimeElapsedColumn(),
        console=SafeConsole(stderr=True),
        transient=True,
        redirect_stdout=False,  # stdout carries the results, untouched; warnings on stderr go above the bar
    )
    with progress:
        task = progress.add_task("", total=total, completed=done, count=count)
        last = 0.0
        for item in iterator:
            count += 1
            yield item
            now = time.monotonic()
            if now - last > 0.1:  # the bar redraws ten times a second; more updates are wasted work
                last = now
                progress.update(task, completed=position()[0], count=count)
