"""Problems in a document, located: pydantic's field errors in words people act on, what of a broken
document still validates (so its cross-references are checked too), and the error that reports them
in the order of the file, the first MAX_REPORTED of them."""

from __future__ import annotations

import heapq
import types
from typing import TYPE_CHECKING, Any, TypeVar

from poladder.errors import DataError
from poladder.load.documents import MISSING, Document, Problem, find_key

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")


_FIXES = {
    "extra_forbidden": "remove it or check its spelling against docs/knowledge-base.md",
    "missing": "add it",
    "string_pattern_mismatch": "ids are lower-case kebab-case, like backlog-management",
    "less_than_equal": "use a smaller number",
    "greater_than_equal": "use a larger number",
    "greater_than": "use a larger number",
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "int_from_float": "write a whole number",
    "float_parsing": "write a number",
    "float_type": "write a number",
    "string_type": "write text (quote it if YAML reads it as something else)",
    "dict_type": "write a mapping of key: value lines",
    "model_type": "write a mapping of key: value lines",
    "list_type": "write a list ([a, b] or - items)",
    "literal_error": "use one of the allowed values",
    "bool_type": "write true or false",
    "action_type": "write the action as text, or as {text: ..., level: N}",
    "finite_number": "write a finite number",
    "int_parsing_size": "use a smaller number",
}
# Errors about a number's size, whose fix names the field's own range when the model has one.
_NUMERIC = frozenset(
    {
        "finite_number",
        "int_parsing_size",
        "less_than_equal",
        "less_than",
        "greater_than",
        "greater_than_equal",
    }
)


# Names of tagged-union branches that pydantic puts in an error's location; a person looks for keys.
_UNION_TAGS = frozenset(("action-text", "action-mapping"))


def attempt(data: Any, model: type[M]) -> tuple[M | None, list[Problem]]:
    """(`model.model_validate(data)`, []) or (None, its problems)."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data), []
    except ValidationError as e:
        return None, problems(e, model)


# A file with more errors than this gets this many, then one line saying how many more there are: a
# person fixes the first ones first, and a generated file of 300,000 errors is not a reason to print
# (and format, and hold) 300,000 lines.
MAX_REPORTED = 200


def invalid(document: Document, found: list[Problem]) -> DataError:
    """The error for a document's problems, in the order of the file so that one run's errors read
    from top to bottom: the first MAX_REPORTED located, and how many more there are."""
    located = [(document.locate(p.loc, p.at_key), i, p) for i, p in enumerate(found)]
    first = heapq.nsmallest(MAX_REPORTED, located, key=lambda item: item[:2])
    return DataError(*(document.locate_problem(p) for _, _, p in first), more=len(found) - len(first))


def outside(found: list[Problem], broken: list[Problem]) -> list[Problem]:
    """The problems of `found` that are not at or inside a node already reported in `broken`: a
    cross-check of what salvaged() put in place of a bad value would only repeat that error. A problem
    with a key (an unknown id) still counts when only the value under it is bad (a level of 7).

    The spots of `broken` are looked up by location, each problem's few ancestors in turn: a file of
    many errors costs as many look-ups, not (errors) x (errors) comparisons."""
    spots: dict[tuple[str | int, ...], bool] = {}  # where an error is -> whether one is about a key
    for spot in broken:
        spots[spot.loc] = spots.get(spot.loc, False) or spot.at_key

    def covered(problem: Problem) -> bool:
        loc = problem.loc
        if any(loc[:end] in spots for end in range(len(loc))):
            return True  # inside a node with an error
        at_key = spots.get(loc)
        return at_key is not None and (not problem.at_key or at_key)

    return [p for p in found if not covered(p)]


# In salvaged(): a bad item of this mapping field is left out rather than replaced.
DROP: Any = object()


def salvaged(
    data: dict[str, Any], model: type[M], required: dict[str, Any], items: dict[str, Any] | None = None
) -> M:
    """What of `data` validates as `model`, for cross-checks after field errors (so that one run reports
    unknown ids as well as wrong types). A field with an error goes back to its default, or to
    `required[field]` if it has none. In the mapping and list fields named in `items` only the bad item
    is replaced, by `items[field]` (or left out of a mapping, for DROP), so that its key and the positions
    of the others still count. Every spot replaced holds an error: callers drop whatever a cross-check
    says about it (`outside`)."""
    from pydantic import ValidationError

    items = items or {}
    current = dict(data)
    for _ in range(4):  # each round mends what the last one showed; an item may hide a second error
        try:
            return model.model_validate(current)
        except ValidationError as e:
            errors = e.errors(include_url=False, include_input=False, include_context=False)
        for error in errors:
            loc = [part for part in error["loc"] if part not in _UNION_TAGS]
            if not loc or not isinstance(loc[0], str):
                break
            field, rest = loc[0], loc[1:]
            value = current.get(field)
            if field in items and rest and isinstance(value, dict):
                key = find_key(value, rest[0])
                if key is not MISSING:
                    value = dict(value)
                    if items[field] is DROP or rest[1:2] == ["[key]"]:
                        del value[key]
                    else:
                        value[key] = items[field]
                    current[field] = value
                    continue
            replace = items.get(field, DROP) is not DROP
            if (
                replace
                and rest
                and isinstance(value, list)
                and isinstance(rest[0], int)
                and rest[0] < len(value)
            ):
                value = list(value)
                value[rest[0]] = items[field]
                current[field] = value
                continue
            if field in required:
                current[field] = required[field]
            else:
                current.pop(field, None)
    return model.model_construct(**required)


def problems(error: Any, model: Any = None) -> list[Problem]:
    """pydantic's errors as Problems; inputs are left out because a hostile input may be huge.

    With the `model` that was validated, an error about a number's size says the field's range."""
    found: list[Problem] = []
    for err in error.errors(include_url=False, include_input=False, include_context=False):
        loc = tuple(part for part in err["loc"] if part not in _UNION_TAGS)
        at_key = bool(loc) and loc[-1] == "[key]"
        if at_key:
            loc = loc[:-1]
        kind = err["type"]
        message = err["msg"]
        if kind == "extra_forbidden":
            message, at_key = f"unknown field {loc[-1]!r}", True
        elif kind == "missing":
            message = f"required field {loc[-1]!r} is missing"
            loc, at_key = loc[:-1], True
        elif at_key:
            message = f"key {loc[-1]!r}: {message[0].lower()}{message[1:]}"
        fix = _FIXES.get(kind, "")
        if kind in _NUMERIC and model is not None and not at_key and (span := _range(model, loc)):
            fix = f"use a number {span}"
        elif kind == "string_too_long" and model is not None and (longest := _longest(model, loc)):
            fix = f"shorten the {loc[-1]} to at most {longest:,} characters"
        found.append(Problem(loc, message, fix, at_key))
    return found


def _longest(model: Any, loc: tuple[str | int, ...]) -> int | None:
    """The most characters the text field at `loc` in `model` may hold, if it says."""
    return next((m.max_length for m in _constraints(model, loc) if getattr(m, "max_length", None)), None)


def _range(model: Any, loc: tuple[str | int, ...]) -> str:
    """'above 0 and at most 50': the bounds of the number field at `loc` in `model`, or ''."""
    metadata = _constraints(model, loc)
    low = next((f"above {m.gt:g}" for m in metadata if getattr(m, "gt", None) is not None), None)
    low = low or next((f"from {m.ge:g}" for m in metadata if getattr(m, "ge", None) is not None), None)
    high = next((f"at most {m.le:g}" for m in metadata if getattr(m, "le", None) is not None), None)
    high = high or next((f"below {m.lt:g}" for m in metadata if getattr(m, "lt", None) is not None), None)
    if low and high:
        return f"{low} and {high}" if low.startswith("above") else f"{low} to {high.removeprefix('at most ')}"
    return low or high or ""


def _constraints(model: Any, loc: tuple[str | int, ...]) -> list[Any]:
    """The constraints of the field at `loc` in `model` ([] if there is no such field).

    Follows the path through models, dict values and list items to the field's own constraints."""
    import typing

    from pydantic import BaseModel

    kind: Any = model
    metadata: list[Any] = []
    for part in loc:
        while typing.get_origin(kind) in (typing.Union, types.UnionType):  # Optional[X]: X
            kind = next(a for a in typing.get_args(kind) if a is not type(None))
        if typing.get_origin(kind) is typing.Annotated:
            kind = typing.get_args(kind)[0]
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            field = kind.model_fields.get(str(part))
            if field is None:
                return []
            kind, metadata = field.annotation, list(field.metadata)
        elif typing.get_origin(kind) in (dict, list):
            kind = typing.get_args(kind)[-1]
            metadata = list(getattr(kind, "__metadata__", ()))
            metadata = [m for item in metadata for m in getattr(item, "metadata", [item])]
        else:
            return []
    return metadata
