"""The yardstick: a bare Typer app with poladder's commands and options, each printing `{}`.

Whatever this costs is the price of Python + Typer + its per-parameter pydantic adapters;
poladder's own work is what it adds on top.
"""

from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

app = typer.Typer(no_args_is_help=True)
Json = Annotated[bool, typer.Option("--json")]
Kb = Annotated[Optional[Path], typer.Option("--kb", envvar="POLADDER_KB")]  # noqa: UP045


def done() -> None:
    print("{}")


@app.callback()
def main(version: Annotated[bool, typer.Option("--version")] = False) -> None:
    """Bare app."""


@app.command()
def roles(kb: Kb = None, json: Json = False) -> None:
    done()


@app.command()
def role(name: str, kb: Kb = None, json: Json = False) -> None:
    done()


@app.command()
def skills(kb: Kb = None, json: Json = False) -> None:
    done()


@app.command()
def certs(kb: Kb = None, json: Json = False) -> None:
    done()


@app.command()
def path(
    from_role: str,
    to_role: str,
    alternatives: Annotated[int, typer.Option("--alternatives", "-a", min=0, max=50)] = 0,
    profile: Annotated[Optional[Path], typer.Option("--profile")] = None,  # noqa: UP045
    kb: Kb = None,
    json: Json = False,
) -> None:
    done()


@app.command()
def graph(
    fmt: Annotated[Literal["tree", "mermaid", "dot"], typer.Option("--format", "-f")] = "tree",
    route: Annotated[Optional[tuple[str, str]], typer.Option("--route")] = None,  # noqa: UP045
    kb: Kb = None,
    json: Json = False,
) -> None:
    done()


@app.command()
def compare(left: str, right: str, kb: Kb = None, json: Json = False) -> None:
    done()


@app.command()
def validate(file: Optional[Path] = None, kb: Kb = None, json: Json = False) -> None:  # noqa: UP045
    done()


@app.command()
def schema(name: str = "knowledge-base", json: Json = True) -> None:
    done()


@app.command()
def assess(
    profile: Annotated[Optional[Path], typer.Option("--profile")] = None,  # noqa: UP045
    target: Annotated[Optional[str], typer.Option("--target")] = None,  # noqa: UP045
    all_skills: Annotated[bool, typer.Option("--all")] = False,
    save: Annotated[bool, typer.Option("--save/--no-save")] = True,
    kb: Kb = None,
    json: Json = False,
) -> None:
    done()


@app.command()
def history(kb: Kb = None, json: Json = False) -> None:
    done()


@app.command()
def plan(
    profile: Annotated[Optional[Path], typer.Option("--profile", "-p")] = None,  # noqa: UP045
    target: Annotated[Optional[str], typer.Option("--target", "-t")] = None,  # noqa: UP045
    start: Annotated[Optional[datetime], typer.Option("--start", formats=["%Y-%m-%d"])] = None,  # noqa: UP045
    output_format: Annotated[str, typer.Option("--format", "-f")] = "rich",
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,  # noqa: UP045
    kb: Kb = None,
    json: Json = False,
) -> None:
    done()


@app.command()
def team(
    sources: Annotated[Optional[list[str]], typer.Argument()] = None,  # noqa: UP045
    jsonl: Annotated[bool, typer.Option("--jsonl")] = False,
    kb: Kb = None,
    json: Json = False,
) -> None:
    done()


profile_app = typer.Typer()
app.add_typer(profile_app, name="profile")


@profile_app.command("export")
def export(
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,  # noqa: UP045
    json: Json = False,
) -> None:
    done()


if __name__ == "__main__":
    app()
