"""The national workflow cannot run here; its shape can be held to the code it runs: the matrix comes
from the plan job's output, the shards' cache and artifacts are the folders the code writes, only
the publishing job may write, and Pages gets the assembled site only when it fits."""

from __future__ import annotations

import re

import pytest
import yaml

from cohesion_guide.national import layout
from cohesion_guide.national.plan import Plan, PlannedAuthority
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "national.yml"
OUT = "national"  # the -o every step gives


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def steps(job: dict, uses: str = "", run: str = "") -> list[dict]:
    return [s for s in job["steps"] if uses in s.get("uses", "") and run in s.get("run", "")]


def test_the_workflow_is_started_by_hand_with_the_register_extract(workflow):
    inputs = workflow[True]["workflow_dispatch"]["inputs"]  # YAML 1.1 reads the key `on` as true
    assert inputs["extract_url"]["required"] is True
    assert set(workflow["jobs"]) == {"plan", "shard", "assemble", "publish"}


def test_only_the_publishing_job_may_write(workflow):
    writes = lambda permissions: {k for k, v in (permissions or {}).items() if v == "write"}  # noqa: E731
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        assert writes(job.get("permissions")) == ({"pages", "id-token"} if name == "publish" else set()), name
    publish = workflow["jobs"]["publish"]
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "deploy-pages" in publish["steps"][0]["uses"]


def test_the_shards_matrix_is_the_plan_jobs_output_of_the_planned_matrix(workflow):
    plan_job, shard = workflow["jobs"]["plan"], workflow["jobs"]["shard"]
    assert shard["needs"] == "plan"
    assert shard["strategy"]["matrix"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    assert plan_job["outputs"]["matrix"] == "${{ steps.plan.outputs.matrix }}"
    step = next(s for s in plan_job["steps"] if s.get("id") == "plan")
    assert f"-o {OUT} --plan" in step["run"]
    assert f"$(cat {OUT}/{layout.MATRIX})" in step["run"] and "$GITHUB_OUTPUT" in step["run"]
    build = steps(shard, run="--shard")[0]
    assert f"-o {OUT} --shard" in build["run"] and build["env"]["SHARD"] == "${{ matrix.shard }}"
    assert "--drop-others" in build["run"], "the cache it saves and the sites it uploads are its own alone"


def test_the_matrix_the_code_writes_has_what_the_workflow_reads():
    plan = Plan({}, "2026-12-01", "Host", None, "g", [PlannedAuthority("a", "201", "A", 3, "d1")], "h", {})
    include = plan.matrix(20)["include"]
    assert [m["shard"] for m in include] == ["1/1", "home"]
    assert all({"shard", "digest"} <= set(m) for m in include)


def test_the_shards_cache_is_the_folders_the_code_keeps_it_and_its_sites_in_keyed_by_content(workflow):
    shard = workflow["jobs"]["shard"]
    restore, save = steps(shard, uses="actions/cache/restore")[0], steps(shard, uses="actions/cache/save")[0]
    paths = [f"{OUT}/{layout.CACHE}", f"{OUT}/{layout.SITES}"]
    assert restore["with"]["path"].split() == save["with"]["path"].split() == paths
    assert restore["with"]["key"] == save["with"]["key"]
    assert "${{ matrix.digest }}" in restore["with"]["key"]
    assert restore["with"]["key"].startswith(restore["with"]["restore-keys"])
    assert "cache-hit" in save["if"], "an exact hit has nothing new to save"
    order = [s.get("uses", s.get("run", "")) for s in shard["steps"]]
    assert (
        order.index(restore["uses"])
        < next(i for i, s in enumerate(order) if "--shard" in s)
        < order.index(save["uses"])
    )


def test_the_plan_is_kept_between_runs_where_the_code_reads_it(workflow):
    plan_job = workflow["jobs"]["plan"]
    for step in steps(plan_job, uses="actions/cache/"):
        assert step["with"]["path"] == f"{OUT}/{layout.PLAN}"


def test_artifacts_carry_the_folders_the_next_step_reads(workflow):
    jobs = workflow["jobs"]
    uploaded = steps(jobs["plan"], uses="actions/upload-artifact")[0]["with"]["path"].split()
    assert uploaded == [f"{OUT}/{layout.PLAN}", f"{OUT}/{layout.MATRIX}", f"{OUT}/{layout.INPUTS}"]
    for job in ("shard", "assemble"):
        got = steps(jobs[job], uses="actions/download-artifact")[0]["with"]
        assert got == {"name": "national-plan", "path": OUT}
    sites = steps(jobs["shard"], uses="actions/upload-artifact")[0]["with"]
    assert sites["path"] == f"{OUT}/{layout.SITES}" and sites["name"].startswith("national-sites-")
    merged = steps(jobs["assemble"], uses="actions/download-artifact")[1]["with"]
    assert merged["path"] == f"{OUT}/{layout.SITES}" and merged["merge-multiple"] is True
    assert merged["pattern"] == "national-sites-*"
    assert steps(jobs["assemble"], run="--assemble")[0]["run"].endswith(f"-o {OUT} --assemble")


def test_pages_get_the_assembled_site_only_when_it_fits_and_the_rest_is_said(workflow):
    assemble = workflow["jobs"]["assemble"]
    pages = steps(assemble, uses="actions/upload-pages-artifact")[0]
    assert pages["with"]["path"] == f"{OUT}/{layout.SITE}" and pages["if"] == "steps.size.outputs.fits == 'true'"
    size = next(s for s in assemble["steps"] if s.get("id") == "size")
    assert "du -s -b -l" in size["run"], "counted as copies: Pages' upload copies every hard link"
    assert int(workflow["env"]["PAGES_LIMIT"]) == 1_000_000_000
    assert workflow["jobs"]["publish"]["if"] == "needs.assemble.outputs.fits == 'true'"


def test_every_action_is_pinned_to_a_major_version(workflow):
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+(/[a-z]+)?@v\d+", step["uses"]), step["uses"]


def test_the_shards_install_what_a_site_build_needs(workflow):
    install = steps(workflow["jobs"]["shard"], run="make .venv")[0]["run"]
    assert ".venv/.installed" in install and "node_modules/pyodide/.installed" in install
    assert "system-documents" in install
