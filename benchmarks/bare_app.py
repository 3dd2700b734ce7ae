"""The yardstick: a bare Typer app of the same shape as poladder, generated from poladder's own CLI source.

    python benchmarks/bare_app.py OUT.py     # write it; then `python OUT.py path a b --json` prints {}

Every command, sub-app, argument and option is copied from src/poladder/cli/ as it stands — the option
declarations of cli/options.py, each command's signature, help text and docstring from the command
modules, and the app, its callback and its table of commands from cli/app.py — with each command's body
replaced by `print("{}")` and poladder's own machinery (the error boundary, the helpers) left out, so the
copy is plain Typer. Whatever it costs is the price of Python + Typer for this command line; poladder's
own work is what poladder adds on top. A command added to poladder is in the yardstick at once, and
tests/test_commands.py checks that both print the same help.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

COMMAND_MODULES = ("ladder", "person", "case", "team")


def cli_sources() -> dict[str, str]:
    """The text of poladder's CLI modules by name (options, app and the command modules), found
    without importing poladder."""
    spec = importlib.util.find_spec("poladder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("poladder is not importable: install it (pip install -e .) first")
    folder = Path(next(iter(spec.submodule_search_locations))) / "cli"
    return {
        name: (folder / f"{name}.py").read_text(encoding="utf-8")
        for name in ("options", "app", *COMMAND_MODULES)
    }


class _Unqualified(ast.NodeTransformer):
    """`options.JsonOption` -> `JsonOption`, `ladder.roles` -> `roles`: one module needs no prefixes."""

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if isinstance(node.value, ast.Name) and node.value.id in ("options", *COMMAND_MODULES):
            return ast.copy_location(ast.Name(node.attr, ast.Load()), node)
        self.generic_visit(node)
        return node


def generate(sources: dict[str, str]) -> str:
    """The bare app's source, made from the sources of poladder's CLI modules."""
    body: list[ast.stmt] = [ast.Expr(ast.Constant("A bare Typer app generated from poladder/cli/."))]
    imports: dict[str, ast.stmt] = {}
    for name in ("options", *COMMAND_MODULES, "app"):
        for node in ast.parse(sources[name]).body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                if not (module or "").startswith("poladder"):
                    imports.setdefault(ast.unparse(node), node)
            elif name == "options" and _is_option(node):
                body.append(_unchecked(node))
            elif (
                name in COMMAND_MODULES
                and isinstance(node, ast.FunctionDef)
                and not node.name.startswith("_")
            ):
                body.append(_unchecked(_stub(node)))
            elif (
                name == "app"
                and not isinstance(node, ast.ClassDef)
                and not _is_docstring(node)
                and not _is_main(node)
            ):
                body.append(_plain_typer(node))
    body[1:1] = list(imports.values())
    body.append(ast.parse('if __name__ == "__main__":\n    app()\n').body[0])
    module = _Unqualified().visit(ast.Module(body=body, type_ignores=[]))
    return ast.unparse(ast.fix_missing_locations(module)) + "\n"


def _is_option(node: ast.stmt) -> bool:
    return isinstance(node, ast.Assign) and ast.unparse(node.value).startswith("Annotated[")


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def _is_main(node: ast.stmt) -> bool:
    return isinstance(node, ast.FunctionDef) and node.name == "main"


def _plain_typer(node: ast.stmt) -> ast.stmt:
    """`typer.Typer(cls=Group, ...)` becomes `typer.Typer(...)`."""
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and ast.unparse(call.func) == "typer.Typer":
            call.keywords = [k for k in call.keywords if k.arg != "cls"]
    return node


def _unchecked(node: ast.stmt) -> ast.stmt:
    """Without the checks poladder hangs on its options (`callback=options.name_option(...)`): they are
    poladder's own machinery, and the helpers they call are left out of the copy."""
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and ast.unparse(call.func) in ("typer.Option", "typer.Argument"):
            call.keywords = [k for k in call.keywords if k.arg != "callback"]
    return node


def _stub(node: ast.FunctionDef) -> ast.FunctionDef:
    """The command with its signature and docstring; its body only prints {} (a group's callback that
    takes the context, such as `evidence`, only when no subcommand follows it)."""
    doc = node.body[:1] if node.body and _is_docstring(node.body[0]) else []
    body = 'print("{}")'
    if any(arg.arg == "ctx" for arg in node.args.args):
        body = 'if ctx.invoked_subcommand is None:\n    print("{}")'
    node.body = [*doc, *ast.parse(body).body]
    return node


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    Path(sys.argv[1]).write_text(generate(cli_sources()), encoding="utf-8")


if __name__ == "__main__":
    main()
