"""local.yml: the one file an authority edits. Loaded and checked once per build or command."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.schemas import schema
from macros.validation import load_yaml, validate


def load_local(project_dir: Path) -> dict[str, Any]:
    """The authority's settings; raises InvalidFile naming the line and field when local.yml is wrong."""
    loaded = load_yaml(Path(project_dir) / "local.yml", display_name="local.yml")
    validate(loaded, schema("local"))
    return loaded.data
