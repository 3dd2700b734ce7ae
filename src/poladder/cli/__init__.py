"""The command line: options, commands, the interview, and the one error boundary (`app.Group`).

`poladder.cli.errors` is imported on its own, before typer, by `poladder.__main__`: this package
imports nothing else.
"""
