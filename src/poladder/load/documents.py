"""Reading YAML documents safely, keeping the line and column of every value for error messages.

A knowledge base or profile may come from anyone, so the loader guards what a naive `yaml.safe_load`
does not: a size limit checked before parsing, non-UTF-8 bytes, nesting depth and alias expansion
checked on the node graph before any Python object is built (an alias bomb loads in microseconds but
explodes whatever walks the result), duplicate keys (which PyYAML silently drops), and only the safe
constructors. Errors never echo the hostile input back.

Values are data, not conversions that can fail later: a value YAML cannot convert (`!!float abc`, a
date that does not exist, a whole number of 5,000 digits, `!!bool maybe`) is a located error at the
node that holds it; `!!binary` is refused, since no field holds bytes. A date is text: `version:
2024-02-03` is the string "2024-02-03", as the writer meant (and as JSON would give it), never a
date object that a text field refuses, nor a crash when the day does not exist.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from poladder.errors import DataError, FileProblem

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")
Severity = Literal["error", "warning"]

MAX_DEPTH = 64
# Aliases may repeat a node this many more times than the file spells out before we call it a bomb.
MAX_ALIAS_EXPANSION = 100_000

Mark = tuple[int, int]  # 1-based line and column


class Problem:
    """One thing wrong (or doubtful) in a document, located by its path of keys inside it."""

    # A plain class, not a dataclass: it is made for every error of a file that may hold thousands.
    __slots__ = ("at_key", "fix", "loc", "message")

    def __init__(self, loc: tuple[str | int, ...], message: str, fix: str = "", at_key: bool = False) -> None:
        self.loc = loc
        self.message = message
        self.fix = fix
        # True when the problem is about the key itself (unknown field, duplicate) rather than its value
        self.at_key = at_key


def located(path: str, line: int, column: int, message: str, fix: str | None = None) -> DataError:
    """The error for one problem at a known place in a file."""
    return DataError(FileProblem(file=path, line=line, column=column, message=message, fix=fix))


@dataclass
class Document:
    """A parsed document and where each of its keys and values stood in the file."""

    path: str
    data: Any
    # id(container) -> (mark of the container, {key or index: (key mark, value mark)})
    marks: dict[int, tuple[Mark, dict[Any, tuple[Mark, Mark]]]] = field(default_factory=dict, repr=False)

    def locate(self, loc: tuple[str | int, ...], at_key: bool = False) -> Mark:
        """The line and column of the node at `loc`, or of its nearest ancestor that exists."""
        node = self.data
        best: Mark = (1, 1)
        for part in loc:
            entry = self.marks.get(id(node))
            if entry is None:
                break
            best = entry[0]
            key = find_key(entry[1], part)
            if key is MISSING:
                break
            key_mark, value_mark = entry[1][key]
            best = value_mark
            if part == loc[-1] and at_key:
                best = key_mark
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        return best

    def locate_problem(self, problem: Problem, severity: Severity = "error") -> FileProblem:
        """The problem with its file, line and column."""
        line, col = self.locate(problem.loc, problem.at_key)
        return FileProblem(
            file=self.path,
            line=line,
            column=col,
            severity=severity,
            where=".".join(str(p) for p in problem.loc) or "(top level)",
            message=problem.message,
            fix=problem.fix or None,
        )


MISSING = object()


def find_key(keys: dict[Any, Any], part: str | int) -> Any:
    if part in keys:
        return part
    # pydantic reports dict keys as strings even when YAML made them ints (levels: {1: ...}).
    for key in keys:
        if str(key) == str(part):
            return key
    return MISSING


def parse(content: bytes, path: str, what: str) -> Document:
    """Parse YAML (or JSON, which YAML reads too) into a `Document`; raise `DataError` on anything bad."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as e:
        line = content.count(b"\n", 0, e.start) + 1
        col = e.start - (content.rfind(b"\n", 0, e.start) + 1) + 1
        raise located(
            path, line, col, f"byte 0x{content[e.start]:02x} is not UTF-8", f"save the {what} as UTF-8 text"
        ) from None
    if not text.strip():
        raise located(path, 1, 1, "the file is empty", f"a {what} needs at least its required fields")

    import yaml

    loader_class = _loader_class()
    loader = loader_class(text)
    document = Document(path=path, data=None)
    loader.document = document
    # libyaml builds Python objects in Python; the collector would walk them all again and again.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        node = loader.get_single_node()
        if node is None:
            raise located(path, 1, 1, "the file holds no document", f"a {what} needs its fields")
        if "*" in text:  # no asterisk, no alias: the walk below would find nothing to refuse
            _check_aliases(node, path)
        document.data = loader.construct_document(node)
    except DataError:
        raise
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise located(path, line, col, _yaml_problem(e), "fix the YAML syntax there") from None
    except yaml.YAMLError as e:
        raise located(path, 1, 1, f"not valid YAML ({type(e).__name__})", "fix the YAML syntax") from None
    except RecursionError:
        raise located(path, 1, 1, "nested too deeply", "flatten the file") from None
    finally:
        loader.dispose()
        if gc_was_enabled:
            gc.enable()
    return document


def _yaml_problem(e: Any) -> str:
    # Only the parser's own words: the offending text may be hostile, so it is never echoed.
    problem = str(e.problem or e.context or "not valid YAML")
    if "could not determine a constructor for the tag" in problem:
        return "this tag is not allowed (only plain YAML data is read, never objects or code)"
    if "found another document" in problem:
        return "the file holds more than one document (a second ---); keep a single document"
    if "found duplicate anchor" in problem:
        return "an anchor is defined twice"
    return problem.split("\n")[0][:200]


def _check_aliases(root: Any, path: str) -> None:
    """Refuse aliases that expand far beyond the file's own size, and nesting deeper than MAX_DEPTH.

    Deep nesting without aliases is stopped by libyaml itself (about 1,000 levels) and does no harm after.
    """
    import yaml

    # Expanded size of each distinct node, computed bottom-up without recursion.
    expanded: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        key = id(node)
        if key in expanded and not children_done:
            continue
        if depth > MAX_DEPTH:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            raise located(
                path,
                line,
                col,
                f"nested more than {MAX_DEPTH} levels deep",
                "a knowledge base or profile is only a few levels deep; flatten it",
            )
        if isinstance(node, yaml.ScalarNode):
            expanded[key] = 1
            distinct += 1
            continue
        children = (
            [n for pair in node.value for n in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if children_done:
            expanded[key] = 1 + sum(expanded.get(id(c), 1) for c in children)
            distinct += 1
            if expanded[key] > distinct + MAX_ALIAS_EXPANSION:
                line, col = node.start_mark.line + 1, node.start_mark.column + 1
                raise located(
                    path,
                    line,
                    col,
                    f"aliases here expand to over {expanded[key]:,} values",
                    "write the data out instead of repeating anchors",
                )
            continue
        expanded[key] = 0  # visiting: a cycle back here counts as nothing more
        stack.append((node, depth, True))
        for child in children:
            if id(child) not in expanded:
                stack.append((child, depth + 1, False))


_LOADER: Any = None


def _loader_class() -> Any:
    """A safe loader (C when libyaml is present) that keeps marks and refuses duplicate keys."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class PositionLoader(base):  # type: ignore[misc]
        document: Document

        def construct_yaml_map(self, node: Any) -> Any:
            data: dict[Any, Any] = {}
            yield data
            marks: dict[Any, tuple[Mark, Mark]] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    seen = key in marks
                except TypeError:
                    seen = False  # unhashable keys are refused by construct_mapping below
                if seen:
                    first = marks[key][0]
                    shown = key if isinstance(key, (str, int)) and len(str(key)) < 80 else "this key"
                    line, col = _mark(key_node)
                    raise located(
                        self.document.path,
                        line,
                        col,
                        f"duplicate key {shown!r} (first at line {first[0]})",
                        "keep one and merge the two",
                    )
                marks[key] = (_mark(key_node), _mark(value_node))
            data.update(self.construct_mapping(node))
            self.document.marks[id(data)] = (_mark(node), marks)

        def construct_yaml_seq(self, node: Any) -> Any:
            data: list[Any] = []
            yield data
            data.extend(self.construct_sequence(node))
            self.document.marks[id(data)] = (
                _mark(node),
                {i: (_mark(n), _mark(n)) for i, n in enumerate(node.value)},
            )

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # Where a value is converted, its node (so its line and column) is still known.
            try:
                return super().construct_object(node, deep)
            except (ValueError, TypeError, AttributeError, KeyError, OverflowError):
                if not isinstance(node, yaml.ScalarNode):
                    raise
                line, col = _mark(node)
                what, fix = _conversion_problem(node)
                raise located(self.document.path, line, col, what, fix) from None

        def construct_yaml_binary(self, node: Any) -> Any:
            line, col = _mark(node)
            raise located(
                self.document.path,
                line,
                col,
                "binary data (!!binary) is not allowed here",
                "write the value as text",
            )

    PositionLoader.add_constructor("tag:yaml.org,2002:map", PositionLoader.construct_yaml_map)
    PositionLoader.add_constructor("tag:yaml.org,2002:seq", PositionLoader.construct_yaml_seq)
    PositionLoader.add_constructor("tag:yaml.org,2002:binary", PositionLoader.construct_yaml_binary)
    # Without the implicit timestamp resolver an unquoted date is read as the text it is.
    PositionLoader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    _LOADER = PositionLoader
    return _LOADER


def _mark(node: Any) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _conversion_problem(node: Any) -> tuple[str, str]:
    """What is wrong with a scalar YAML could not convert, and the fix; never the value itself."""
    kind = str(node.tag).rsplit(":", 1)[-1]
    if kind == "int":
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > sys.get_int_max_str_digits() > 0:
            return f"a number of {digits:,} digits is far too long", "use a number within the field's range"
        return "not a whole number", "write digits, such as 3 (or remove the !!int tag)"
    if kind == "float":
        return "not a number", "write a number, such as 2.5 (or remove the !!float tag)"
    if kind == "bool":
        return "not true or false", "write true or false (or remove the !!bool tag)"
    if kind == "timestamp":
        return (
            "not a real date",
            "write a date as YYYY-MM-DD (or remove the !!timestamp tag to keep it as text)",
        )
    return f"cannot be read as !!{kind}", "remove the tag or fix the value"
