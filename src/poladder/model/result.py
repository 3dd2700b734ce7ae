"""The base of every result poladder prints, so that its JSON and its JSON Schema come from one class."""

from pydantic import BaseModel, ConfigDict


class Result(BaseModel):
    # JSON keys are the field aliases: `from` is a Python keyword, so fields say `from_`.
    # defer_build: a command builds the validators and serialisers of the results it makes, no others.
    model_config = ConfigDict(defer_build=True, validate_by_name=True, serialize_by_alias=True)


class KnowledgeBaseStamp(Result):
    """Which knowledge base a result came from."""

    path: str
    version: str | None
    sha256: str
