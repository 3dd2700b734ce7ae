"""`poladder validate`: every error and warning in a knowledge base, as a result."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import Field

from poladder.errors import DataError, FileProblem
from poladder.load.files import readable
from poladder.model.result import Result


class ValidationReport(Result):
    path: str
    ok: bool
    sha256: str | None = None
    counts: dict[str, int] = Field(default_factory=dict, description="roles, skills, certifications")
    errors: list[FileProblem] = Field(
        default_factory=list, description="The errors in the order of the file: the first 200 of them"
    )
    error_count: int = Field(default=0, description="How many errors there are, those not listed included")
    warnings: list[FileProblem] = Field(
        default_factory=list, description="Where the ladder contradicts itself"
    )


def report(path: Path) -> ValidationReport:
    from poladder.load import ladder
    from poladder.load.inputs import read_input

    try:
        content = read_input(path, "knowledge base")
        sha256 = hashlib.sha256(content).hexdigest()
        loaded = ladder.parse(content, path, sha256)
    except DataError as e:
        return ValidationReport(
            path=readable(str(path)), ok=False, errors=e.problems, error_count=len(e.problems) + e.more
        )
    kb = loaded.kb
    return ValidationReport(
        path=readable(str(path)),
        ok=True,
        sha256=sha256,
        counts={"roles": len(kb.roles), "skills": len(kb.skills), "certifications": len(kb.certifications)},
        warnings=loaded.warnings,
    )
