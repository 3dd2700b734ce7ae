"""The published JSON Schemas: the knowledge-base format and the JSON of every command.

Each schema is generated from the very class that produces the output, so the two cannot drift;
docs/schemas/ holds a copy of each, kept current by a test.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from poladder.errors import UsageError

# name -> (module, class, mode): input formats validate, outputs serialise
SCHEMAS: dict[str, tuple[str, str, str]] = {
    "knowledge-base": ("poladder.knowledge", "KnowledgeBase", "validation"),
    "roles": ("poladder.browse", "RoleList", "serialization"),
    "role": ("poladder.browse", "RoleEntry", "serialization"),
    "skills": ("poladder.browse", "SkillList", "serialization"),
    "skill": ("poladder.browse", "SkillPage", "serialization"),
    "certs": ("poladder.browse", "CertificationList", "serialization"),
    "path": ("poladder.routes", "PathResult", "serialization"),
    "graph": ("poladder.graph", "GraphResult", "serialization"),
    "compare": ("poladder.compare", "CompareResult", "serialization"),
    "validate": ("poladder.validation", "ValidationReport", "serialization"),
    "profile": ("poladder.profile", "Profile", "validation"),
    "assess": ("poladder.assess", "Assessment", "serialization"),
    "history": ("poladder.store", "History", "serialization"),
    "plan": ("poladder.plan", "Plan", "serialization"),
    "team": ("poladder.team", "TeamReport", "serialization"),
    "team-member": ("poladder.team", "TeamMember", "serialization"),
}


def schema(name: str) -> dict[str, Any]:
    if name not in SCHEMAS:
        raise UsageError(f"no schema named {name!r} — choose one of: {', '.join(SCHEMAS)}")
    module, cls, mode = SCHEMAS[name]
    model = getattr(importlib.import_module(module), cls)
    generated: dict[str, Any] = model.model_json_schema(mode=mode, by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"poladder/{name}.json",
        **generated,
    }


def schema_json(name: str) -> str:
    return json.dumps(schema(name), indent=2)
