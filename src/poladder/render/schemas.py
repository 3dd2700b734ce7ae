"""The published JSON Schemas: the knowledge-base format and the JSON of every command.

Each schema is generated from the very class that produces the output, so the two cannot drift;
docs/schemas/ holds a copy of each, kept current by a test.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from poladder.errors import UnknownName

# name -> (module, class, mode): input formats validate, outputs serialise
SCHEMAS: dict[str, tuple[str, str, str]] = {
    "knowledge-base": ("poladder.model.ladder", "KnowledgeBase", "validation"),
    "roles": ("poladder.core.catalogue", "RoleList", "serialization"),
    "role": ("poladder.core.catalogue", "RoleEntry", "serialization"),
    "skills": ("poladder.core.catalogue", "SkillList", "serialization"),
    "skill": ("poladder.core.catalogue", "SkillPage", "serialization"),
    "certs": ("poladder.core.catalogue", "CertificationList", "serialization"),
    "path": ("poladder.core.routes", "PathResult", "serialization"),
    "graph": ("poladder.core.graph", "GraphResult", "serialization"),
    "compare": ("poladder.core.compare", "CompareResult", "serialization"),
    "validate": ("poladder.core.validation", "ValidationReport", "serialization"),
    "profile": ("poladder.load.profile", "Profile", "validation"),
    "assess": ("poladder.core.assess", "Assessment", "serialization"),
    "history": ("poladder.store.history", "History", "serialization"),
    "history-skills": ("poladder.store.case", "SkillHistory", "serialization"),
    "evidence": ("poladder.model.case", "EvidenceList", "serialization"),
    "evidence-entry": ("poladder.model.case", "Evidence", "serialization"),
    "calibrate": ("poladder.core.case", "Calibration", "serialization"),
    "packet": ("poladder.core.case", "Packet", "serialization"),
    "plan": ("poladder.core.plan", "Plan", "serialization"),
    "team": ("poladder.core.team_report", "TeamReport", "serialization"),
    "team-member": ("poladder.core.team", "TeamMember", "serialization"),
}


def schema(name: str) -> dict[str, Any]:
    if name not in SCHEMAS:
        raise UnknownName("schema", name, list(SCHEMAS))
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
