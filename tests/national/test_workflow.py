"""The national workflow cannot run here; its shape can be held to the code it runs: the matrix comes
from the plan job's output, the shards' cache is the folders the code writes, each shard sends the
host its own changes after building them, the record is written once every shard has published, no
job downloads the whole country, and the host is the one the repository's settings name."""

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
    assert set(workflow["jobs"]) == {"plan", "shard", "record"}, "no job assembles the whole country"


def test_no_job_may_write_to_the_repository_and_the_host_is_the_one_the_settings_name(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    assert workflow["env"]["PUBLISH_TO"] == "${{ vars.NATIONAL_HOST }}"
    check = workflow["jobs"]["plan"]["steps"][0]
    assert '-z "$PUBLISH_TO"' in check["run"] and "exit 1" in check["run"], "no host: stop before building"
    text = WORKFLOW.read_text()
    for setting in ("NATIONAL_HOST", "NATIONAL_SSH_KEY", "NATIONAL_KNOWN_HOSTS"):
        assert text.index(setting) < text.index("\nname:"), f"the workflow's head says what {setting} is"


def test_the_key_reaches_only_the_jobs_that_send_and_the_host_is_checked_by_its_own_key(workflow):
    for name, job in workflow["jobs"].items():
        uses_key = [s for s in job["steps"] if "secrets.NATIONAL_SSH_KEY" in str(s.get("env", {}))]
        assert len(uses_key) == (0 if name == "plan" else 1), name
        for step in uses_key:
            assert "StrictHostKeyChecking=yes" in step["run"] and "RSYNC_RSH=" in step["run"]
            assert step["env"]["KNOWN_HOSTS"] == "${{ vars.NATIONAL_KNOWN_HOSTS }}"


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


def test_each_shard_sends_the_host_its_changes_after_building_and_its_cache_is_saved_once_built(workflow):
    shard = workflow["jobs"]["shard"]
    order = [s.get("uses", s.get("run", "")) for s in shard["steps"]]
    build = next(i for i, s in enumerate(order) if "--shard" in s)
    send = next(i for i, s in enumerate(shard["steps"]) if "--publish" in s.get("run", ""))
    assert build < send
    step = shard["steps"][send]
    assert step["run"].endswith(f'-o {OUT} --publish "$SHARD" --to "$PUBLISH_TO"')
    assert step["env"]["SHARD"] == "${{ matrix.shard }}"
    save = steps(shard, uses="actions/cache/save")[0]
    assert "always()" in save["if"] and "steps.build.outcome == 'success'" in save["if"]
    assert shard["steps"][build].get("id") == "build"


def test_the_record_is_written_once_every_shard_has_published(workflow):
    record = workflow["jobs"]["record"]
    assert record["needs"] == "shard" and "if" not in record, "only when every shard job succeeded"
    assert steps(record, run="--publish-record")[0]["run"].endswith(f'-o {OUT} --publish-record --to "$PUBLISH_TO"')


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


def test_only_the_plan_travels_as_an_artifact_and_no_job_downloads_the_sites(workflow):
    jobs = workflow["jobs"]
    uploaded = steps(jobs["plan"], uses="actions/upload-artifact")
    assert len(uploaded) == 1
    assert uploaded[0]["with"]["path"].split() == [
        f"{OUT}/{layout.PLAN}",
        f"{OUT}/{layout.MATRIX}",
        f"{OUT}/{layout.INPUTS}",
    ]
    for job in ("shard", "record"):
        assert [s["with"] for s in steps(jobs[job], uses="actions/download-artifact")] == [
            {"name": "national-plan", "path": OUT}
        ]
        assert not steps(jobs[job], uses="actions/upload-artifact")
    assert "--assemble" not in WORKFLOW.read_text().split("\nname:")[1], "the country is never assembled on a runner"


def test_every_action_is_pinned_to_a_major_version(workflow):
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+(/[a-z]+)?@v\d+", step["uses"]), step["uses"]


def test_the_shards_install_what_a_site_build_needs(workflow):
    install = steps(workflow["jobs"]["shard"], run="make .venv")[0]["run"]
    assert ".venv/.installed" in install and "node_modules/pyodide/.installed" in install
    assert "system-documents" in install
