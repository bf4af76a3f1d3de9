"""Publishing a change at a time: each shard, a process of its own, sends the host only its sites whose
digest differs from the host's record, and the host then holds, file for file, what a full assembly
of the same plan holds. The host here is a folder, reached by the same rsync a remote host is."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from cohesion_guide.national import layout
from cohesion_guide.national.plan import load_plan
from cohesion_guide.national.publish import at, destination
from tests.conftest import BIN, ROOT
from tests.national.conftest import SHARDS, National, cohesion, run_shards
from tests.national.test_build import copy_of

EVERY = [f"{k}/{SHARDS}" for k in range(1, SHARDS + 1)] + ["home"]


def publish(out: Path, host: Path, names: list[str]) -> dict[str, str]:
    """Each shard published by a process of its own, all at once, as CI's runners do; what each printed."""
    running = {
        name: subprocess.Popen(
            [str(BIN / "cohesion"), "national", "-o", str(out), "--publish", name, "--to", str(host)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name in names
    }
    printed = {name: process.communicate(timeout=600)[0] for name, process in running.items()}
    for name, process in running.items():
        assert process.returncode == 0, f"publishing {name} failed:\n{printed[name][-3000:]}"
    return printed


def tree(root: Path) -> dict[str, str]:
    """Every folder and file under `root`, each file by a digest of its bytes (links read as files)."""
    return {
        p.relative_to(root).as_posix(): "folder" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
    }


def delta(out: Path, name: str) -> list[str]:
    return sorted(p.name for p in layout.delta(out, name).iterdir())


def shard_of(out: Path, slug: str) -> str:
    return next(f"{k}/{SHARDS}" for k, s in enumerate(load_plan(out).shards(SHARDS), 1) if slug in s)


def change_extract(national: National, tmp_path: Path, keep=lambda row, head: True, fsm: dict | None = None) -> Path:
    """A copy of the extract with rows left out (keep) and some schools' free school meals figure changed."""
    with open(national.extract, encoding="cp1252", newline="") as handle:
        rows = list(csv.reader(handle))
    head = rows[0]
    kept = [head] + [r for r in rows[1:] if keep(r, head)]
    for row in kept[1:]:
        if fsm and row[head.index("URN")] in fsm:
            row[head.index("PercentageFSM")] = fsm[row[head.index("URN")]]
    extract = tmp_path / "extract.csv"
    with open(extract, "w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(kept)
    return extract


def rebuild(out: Path, extract: Path) -> None:
    cohesion("national", str(extract), "-o", str(out), "--plan", "--shards", str(SHARDS))
    run_shards(out, EVERY)


def test_a_host_with_nothing_yet_gets_every_site_and_then_holds_the_full_assembly(national, tmp_path):
    out, host = copy_of(national, tmp_path), tmp_path / "host" / "national"
    plan = load_plan(out)
    printed = publish(out, host, EVERY)
    for k, slugs in enumerate(plan.shards(SHARDS), 1):
        assert delta(out, f"{k}/{SHARDS}") == sorted(slugs), "no record on the host: every site is sent"
    assert delta(out, "home") == [layout.HOME] and "the national home" in printed["home"]
    assert not (host / layout.RECORD).exists(), "the record is written last, once every shard is published"
    cohesion("national", "-o", str(out), "--publish-record", "--to", str(host))
    assert tree(host) == tree(out / layout.SITE)


def test_after_one_school_changes_only_its_authoritys_site_is_sent_and_the_host_equals_a_full_assembly(
    national, tmp_path
):
    out, host = copy_of(national, tmp_path), tmp_path / "host"
    shutil.copytree(out / layout.SITE, host)  # the host holds the previous assembly, as files
    plan = load_plan(out)
    urn, entry = next(iter(plan.schools.items()))
    changed = entry["a"]
    (host / changed / "no-longer-built.html").write_text("a file of the old site")
    for name in EVERY:  # what an earlier run left in the deltas goes
        (layout.delta(out, name) / "stale-site").mkdir(parents=True)
    rebuild(out, change_extract(national, tmp_path, fsm={urn: "41.5"}))
    printed = publish(out, host, EVERY)
    for name in EVERY:
        assert delta(out, name) == ([changed] if name == shard_of(out, changed) else []), name
        assert ("sent 1 site " if delta(out, name) else "sent 0 sites") in printed[name]
    cohesion("national", "-o", str(out), "--publish-record", "--to", str(host))
    cohesion("national", "-o", str(out), "--assemble")
    assert tree(host) == tree(out / layout.SITE)
    assert "41.5" in (host / changed / "schools" / entry["s"] / "index.html").read_text()


def test_an_authority_gone_from_the_register_goes_from_the_host_and_the_rest_is_not_sent_again(national, tmp_path):
    out, host = copy_of(national, tmp_path), tmp_path / "host"
    shutil.copytree(out / layout.SITE, host)
    plan = load_plan(out)
    gone = plan.authorities[0]
    column = "LA (name)"
    rebuild(out, change_extract(national, tmp_path, keep=lambda row, head: row[head.index(column)] != gone.name))
    publish(out, host, EVERY)
    sent = {name: delta(out, name) for name in EVERY}
    assert sent.pop("home") == [layout.HOME], "Find your school no longer lists its schools"
    assert not any(sent.values()), "every other authority is unchanged, whichever shard it is in now"
    assert (host / gone.slug).is_dir(), "removed only once every shard is published"
    removed = cohesion("national", "-o", str(out), "--publish-record", "--to", str(host)).stdout
    assert gone.slug in removed and not (host / gone.slug).exists()
    cohesion("national", "-o", str(out), "--assemble")
    assert tree(host) == tree(out / layout.SITE)


def test_publishing_a_shard_not_built_from_the_plan_says_so_and_sends_nothing(national, tmp_path):
    out, host = copy_of(national, tmp_path), tmp_path / "host"
    slug = load_plan(out).authorities[0].slug
    layout.built_marker(out, slug).unlink()
    result = cohesion("national", "-o", str(out), "--publish", shard_of(out, slug), "--to", str(host), check=False)
    assert result.returncode == 2 and slug in result.stderr and "--shard" in result.stderr
    assert not host.exists()


def test_publishing_without_a_host_says_what_to_give(national, tmp_path):
    result = cohesion("national", "-o", str(national.out), "--publish", "1/2", check=False)
    assert result.returncode == 2 and "--to" in result.stderr


@pytest.mark.parametrize(
    ("to", "record", "folder"),
    [
        ("/srv/national/", "/srv/national/national-sites.json", "/srv/national/leeds/"),
        ("/srv/national", "/srv/national/national-sites.json", "/srv/national/leeds/"),
        (
            "deploy@host:/srv/national/",
            "deploy@host:/srv/national/national-sites.json",
            "deploy@host:/srv/national/leeds/",
        ),
        ("deploy@host:", "deploy@host:national-sites.json", "deploy@host:leeds/"),
        ("/", "/national-sites.json", "/leeds/"),
    ],
)
def test_a_host_is_named_as_rsync_reads_it_a_folder_a_remote_path_or_a_users_home(to, record, folder):
    assert at(to, layout.RECORD) == record and destination(to, "leeds") == folder
    assert destination(to) in (to, to + "/")
