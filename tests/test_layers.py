"""The engine's folders are layers: each imports only the layers above it, so a newcomer can read
the package top-down and no cycle can creep in. Only macros/ may import MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "cohesion_guide"
# the order of cohesion_guide/__init__.py
LAYERS = ["inputs", "export", "documents", "gias", "builder", "site", "national", "cli"]
SHARED = {"errors", "files", "generated_record"}  # modules beside the layers that any layer may use


def engine_imports(path: Path) -> set[str]:
    """The first part after `cohesion_guide.` of everything a module imports from the engine."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "cohesion_guide":
            parts = node.module.split(".")
            found.update([parts[1]] if len(parts) > 1 else [alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("cohesion_guide."))
    return found


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_the_layers_above_it(layer):
    allowed = set(LAYERS[: LAYERS.index(layer) + 1]) | SHARED | {"MODEL_POLICIES", "CHECKOUT", "PACKAGE_DIR"}
    wrong = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in (PACKAGE / layer).glob("*.py")
        for name in engine_imports(path) - allowed
    }
    assert not wrong, sorted(wrong)


def test_every_folder_of_the_package_is_a_known_layer():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(LAYERS)


def test_only_the_glue_in_macros_imports_mkdocs():
    users = [
        p.relative_to(ROOT).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "mkdocs"
        in {
            n.split(".")[0]
            for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            for n in (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
        }
    ]
    assert users == []
