"""The `poladder` command (and `python -m poladder`): the command line, with Ctrl-C handled from the start.

Importing the command line (typer, click, pydantic) is most of a short run's first tenth of a second, so
it happens here, inside the handler: a Ctrl-C at any moment once this module runs — while poladder
imports, while typer parses, while a command works or exits — ends the run with exit code 130 and one
line on stderr, never a traceback. The first Ctrl-C interrupts; any more while poladder is stopping are
ignored, so that stopping cannot be interrupted in turn. This module imports nothing at its top but
what Python has already loaded (even `signal` imports `enum`, which takes milliseconds): what runs
before it — Python's own start-up and the launcher pip writes for the command — is Python's.
"""

import os
import sys


def main() -> None:
    try:
        import signal

        sys.unraisablehook = _unraisable
        signal.signal(signal.SIGINT, _interrupt_once)
        from poladder.render.stdio import prepare

        prepare()  # stdout in any encoding, and its write errors said in one line
        from poladder.cli.app import main as run

        run()  # always ends in SystemExit, with the exit code
    except KeyboardInterrupt:  # before typer runs (which says so itself: cli.app.Group)
        _interrupted()
    except RuntimeError as e:
        # Python wraps an exception raised while a class is made (a Ctrl-C landing in __set_name__,
        # as the standard library imports) in a RuntimeError: it is still the Ctrl-C.
        if not _caused_by_interrupt(e):
            raise
        _interrupted()
    except SystemExit as e:
        # The work is done (or has failed) and the exit code is set: a Ctrl-C now changes nothing.
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if e.code == 130:
            _exit(130)
        from poladder.render.stdio import finish

        if finish() and not e.code:  # the output was lost: the run did not do its work
            raise SystemExit(1) from None
        raise


def _interrupt_once(signum: int, frame: object) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _caused_by_interrupt(error: BaseException) -> bool:
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _unraisable(unraisable: "sys.UnraisableHookArgs") -> None:
    # A Ctrl-C that lands in a callback Python cannot raise from (a weakref callback while modules
    # import) would be printed as "Exception ignored" and then lost: it still ends the run.
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        _interrupted()
    sys.__unraisablehook__(unraisable)


def _interrupted() -> None:
    """The Ctrl-C line and exit code, in the error boundary's words."""
    from poladder.cli.errors import EXIT_INTERRUPTED, INTERRUPTED

    sys.stderr.write(f"\n{INTERRUPTED}\n")
    _exit(EXIT_INTERRUPTED)


def _exit(code: int) -> None:
    """Exit at once, with `code`, once every `finally` has run: after a KeyboardInterrupt has passed
    through `exec` of a string (dataclasses and namedtuple build methods that way while modules
    import), CPython ends the process with SIGINT itself instead of the exit code it was given."""
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # an output that cannot be written: nothing more to do
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
