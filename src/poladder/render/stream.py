"""Output for long runs: results as JSON Lines while they are made, and a progress bar on stderr.

rich is imported only once the bar is about to be shown, so a short run or a pipe never pays for it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from pydantic import BaseModel

T = TypeVar("T")

# Work shorter than this gets no bar: a bar that flashes up and vanishes only distracts.
DELAY = 1.0


def lines(results: Iterable[BaseModel]) -> None:
    """One compact JSON object a line on stdout, flushed at once so a reader downstream starts at once."""
    write, flush = sys.stdout.write, sys.stdout.flush
    try:
        for result in results:
            write(result.model_dump_json() + "\n")
            flush()
    except BrokenPipeError:
        # The reader has gone (`| head`): stop quietly. Python would complain again when it flushes
        # stdout at exit, so point stdout at /dev/null first.
        with contextlib.suppress(OSError, ValueError):  # no real stdout (a test harness): nothing to do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


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
