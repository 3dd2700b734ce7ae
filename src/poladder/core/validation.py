"""`poladder validate`: every error and warning in a knowledge base, as a result."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import Field

from poladder.errors import DataError
from poladder.load.files import readable
from poladder.model.result import Result


class ValidationReport(Result):
    path: str
    ok: bool
    sha256: str | None = None
    counts: dict[str, int] = Field(default_factory=dict, description="roles, skills, certifications")
    errors: list[str] = Field(
        default_factory=list,
        description="file:line:col: error: where: what — fix; past the first 200, a last line says "
        "how many more there are",
    )
    error_count: int = Field(default=0, description="How many errors there are, those not listed included")
    warnings: list[str] = Field(default_factory=list)


def report(path: Path) -> ValidationReport:
    from poladder.load import ladder as source

    try:
        content = source.read_bytes(path, "knowledge base")
        sha256 = hashlib.sha256(content).hexdigest()
        loaded = source.parse(content, path, sha256)
    except DataError as e:
        from poladder.load.documents import reported

        return ValidationReport(
            path=readable(str(path)),
            ok=False,
            errors=[readable(line) for line in e.lines],
            error_count=reported(readable(str(path)), [readable(line) for line in e.lines]),
        )
    kb = loaded.kb
    return ValidationReport(
        path=readable(str(path)),
        ok=True,
        sha256=sha256,
        counts={"roles": len(kb.roles), "skills": len(kb.skills), "certifications": len(kb.certifications)},
        warnings=loaded.warnings,
    )
