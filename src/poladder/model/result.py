"""The base of every result poladder prints, so that its JSON and its JSON Schema come from one class.

A result is made by poladder's own code out of data that was validated when it was read (a ladder, a
profile), so it is constructed, not validated again, and its JSON is written from its fields by
`to_json` rather than by pydantic's serializer. Both of pydantic's would first build the class's
core schema, and for the handful of classes one command prints that costs 15 ms of a 180 ms
`path --json`: more than everything poladder itself does. The schema (`poladder schema`) still comes
from the class, and tests hold `to_json` byte for byte equal to `model_dump_json` for every command.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, RootModel
from pydantic_core import to_json as plain_to_json

_SLOTS = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")


class Result(BaseModel):
    # JSON keys are the field aliases: `from` is a Python keyword, so fields say `from_`.
    model_config = ConfigDict(defer_build=True, populate_by_name=True, serialize_by_alias=True)

    def __init__(self, /, **data: Any) -> None:
        made = self.model_construct(**data)
        for slot in _SLOTS:
            object.__setattr__(self, slot, getattr(made, slot))

    # pydantic calls a model's own __init__ from model_validate unless it is marked as the base one;
    # marked, validating a result (as the tests do) still checks and converts every field.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]


class KnowledgeBaseStamp(Result):
    """Which knowledge base a result came from."""

    path: str
    version: str | None
    sha256: str


def to_json(model: BaseModel) -> str:
    """What `model.model_dump_json(indent=2)` writes, without building a serializer: the same writer
    (pydantic-core's), given the fields as plain values, so numbers and dates read the same."""
    return plain_to_json(_plain(model), indent=2).decode()


def _plain(value: Any) -> Any:
    if isinstance(value, RootModel):
        return _plain(value.root)
    if isinstance(value, BaseModel):
        by_alias = value.model_config.get("serialize_by_alias", False)
        return {
            (field.alias if by_alias and field.alias else name): _plain(getattr(value, name))
            for name, field in type(value).model_fields.items()
        }
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value
