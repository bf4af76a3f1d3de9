"""The engine's zip for the browser: pure Python only, the same bytes each time, the fork's own files."""

from __future__ import annotations

import io
import zipfile

from cohesion_guide.builder.bundle import engine_zip
from tests.conftest import ROOT


def names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        return bundle.namelist()


def test_the_zip_holds_the_engine_its_libraries_and_the_project_and_nothing_compiled():
    found = names(engine_zip(ROOT))
    for needed in (
        "engine/cohesion_guide/builder/calls.py",
        "engine/cohesion_guide/model_policies/profile.schema.json",
        "libraries/yaml/__init__.py",
        "libraries/markupsafe/__init__.py",
        "libraries/jsonschema/__init__.py",
        "libraries/jinja2/sandbox.py",
        "libraries/markdown/extensions/tables.py",
        "libraries/pyrsistent/__init__.py",
        "project/local.yml",
        "project/model_policies/policy.md.j2",
        "word-base.zip",
    ):
        assert needed in found, needed
    assert any(n.startswith("project/case_studies/") for n in found)
    assert not [n for n in found if n.endswith((".so", ".pyc", ".pyd")) or "__pycache__" in n]
    compiled_only = ("libraries/docx/", "libraries/lxml/", "libraries/typst", "libraries/rpds")
    assert not [n for n in found if n.startswith(compiled_only)]


def test_the_same_inputs_give_the_same_bytes():
    assert engine_zip(ROOT) == engine_zip(ROOT)


def test_a_fork_gets_its_own_local_yml_and_templates(project_copy):
    (project_copy / "local.yml").write_text(
        (project_copy / "local.yml").read_text().replace("Exampleshire County Council", "Northshire Council"),
        encoding="utf-8",
    )
    (project_copy / "model_policies" / "policy.md.j2").write_text("# Our own template\n", encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(engine_zip(project_copy))) as bundle:
        assert b"Northshire Council" in bundle.read("project/local.yml")
        assert bundle.read("project/model_policies/policy.md.j2") == b"# Our own template\n"
        # the engine's own copy stays the shipped one: a fork's templates are chosen by templates_for
        assert bundle.read("engine/cohesion_guide/model_policies/policy.md.j2") != b"# Our own template\n"
