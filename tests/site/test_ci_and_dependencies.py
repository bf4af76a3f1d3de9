"""Dependencies without known sandbox escapes, and a workflow whose tests cannot write (issue 15)."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_jinja2_floor_has_the_sandbox_fixes():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    jinja = next(d for d in dependencies if d.lower().startswith("jinja2"))
    floor = re.search(r">=\s*([0-9.]+)", jinja).group(1)
    assert _version(floor) >= (3, 1, 6), jinja


def test_the_workflow_tests_without_write_permissions_and_publishes_only_from_main():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    writes = lambda permissions: {k for k, v in (permissions or {}).items() if v == "write"}  # noqa: E731
    assert not writes(workflow.get("permissions")), "the default for every job must be read-only"
    jobs = workflow["jobs"]
    assert not writes(jobs["test"].get("permissions")) and "concurrency" in jobs["test"]
    publish = jobs["publish"]
    assert writes(publish["permissions"]) == {"pages", "id-token"}
    assert "refs/heads/main" in publish["if"] and "push" in publish["if"]
    assert publish["concurrency"]["group"] != jobs["test"]["concurrency"]["group"]
    assert publish["concurrency"]["cancel-in-progress"] is False
    assert "concurrency" not in workflow, "one shared group would queue pull requests behind publishing"
