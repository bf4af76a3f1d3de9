"""The JSON Schemas that every YAML file in the project is checked against, read once."""

from __future__ import annotations

import json
from functools import cache

from cohesion_guide import MODEL_POLICIES


@cache
def schema(name: str) -> dict:
    """`schema("profile")` reads model_policies/profile.schema.json."""
    return json.loads((MODEL_POLICIES / f"{name}.schema.json").read_text(encoding="utf-8"))
