"""The command line: options, commands, the interview, and the one error boundary."""

from poladder.cli.app import app, main

__all__ = ["app", "main"]
