"""The yardstick: a bare Typer app of the same shape as poladder, generated from poladder's own cli.py.

    python benchmarks/bare_app.py OUT.py     # write it; then `python OUT.py path a b --json` prints {}

Every command, sub-app, argument and option is copied from src/poladder/cli.py as it stands — names,
annotations, defaults, help texts, the callback — with each command's body replaced by `print("{}")`,
and poladder's own machinery (its Group and App classes, its imports) left out, so the copy is plain
Typer: it converts every command up front and coerces parameters as Typer does. Whatever it costs is
the price of Python + Typer for this command line; poladder's own work is what poladder adds on top. A
command added to poladder is in the yardstick at once, and tests/test_commands.py checks that both
have the same commands with the same parameters.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path


def cli_source() -> str:
    """poladder/cli.py's text, found without importing poladder."""
    spec = importlib.util.find_spec("poladder.cli")
    if spec is None or spec.origin is None:
        raise SystemExit("poladder is not importable: install it (pip install -e .) first")
    return Path(spec.origin).read_text(encoding="utf-8")


def generate(source: str) -> str:
    """The bare app's source, made from the source of poladder's cli.py."""
    module = ast.parse(source)
    machinery = {node.name for node in module.body if isinstance(node, ast.ClassDef)}
    body: list[ast.stmt] = [ast.Expr(ast.Constant("A bare Typer app generated from poladder/cli.py."))]
    for node in module.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("poladder")):
                body.append(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.Expr) and not _is_docstring(node):
            body.append(_plain_typer(node, machinery))
        elif isinstance(node, ast.FunctionDef):
            body.append(_stub(node))
        # classes (poladder's machinery) and `if TYPE_CHECKING:` imports are left out
    body.append(ast.parse('if __name__ == "__main__":\n    app()\n').body[0])
    return ast.unparse(ast.fix_missing_locations(ast.Module(body=body, type_ignores=[]))) + "\n"


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def _plain_typer(node: ast.stmt, machinery: set[str]) -> ast.stmt:
    """`App(cls=Group, ...)` (or `typer.Typer(cls=Group, ...)`) becomes `typer.Typer(...)`."""
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        name = ast.unparse(call.func)
        if name in machinery or name == "typer.Typer":
            call.func = ast.Attribute(ast.Name("typer", ast.Load()), "Typer", ast.Load())
            call.keywords = [k for k in call.keywords if k.arg != "cls"]
    return node


def _stub(node: ast.FunctionDef) -> ast.FunctionDef:
    """The function with its signature, decorators and docstring; a command's body only prints {}."""
    doc = node.body[:1] if node.body and _is_docstring(node.body[0]) else []
    is_command = any(".command" in ast.unparse(d) for d in node.decorator_list)
    tail = ast.parse('print("{}")').body if is_command else [ast.Pass()]
    node.body = [*doc, *tail]
    return node


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    Path(sys.argv[1]).write_text(generate(cli_source()), encoding="utf-8")


if __name__ == "__main__":
    main()
