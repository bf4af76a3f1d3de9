"""Shards that run anywhere: each a process of its own sharing nothing but the cache, each authority
built as a fork's site is, assembled under the national home without building anything again, and a
change to the register rebuilding only what it touched."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cohesion_guide.national import layout
from cohesion_guide.national.plan import load_plan
from tests.national.conftest import SHARDS, National, cohesion, run_shards

SHIPPED = ["Exampleshire", "01632 960000", "governors@example.org", "County Hall, 1 Example Street"]


def copy_of(national: National, tmp_path: Path) -> Path:
    """The built edition copied for a test that changes it (hard links kept, as a restored cache keeps them)."""
    out = tmp_path / "national"
    subprocess.run(["cp", "-a", str(national.out), str(out)], check=True)
    return out


def documents(out: Path, slug: str) -> dict[Path, tuple[int, int]]:
    """Every document file in an authority's cache, with what changes when it is made again."""
    root = layout.cache(out, slug)
    return {
        p.relative_to(root): (p.stat().st_ino, p.stat().st_mtime_ns)
        for folder in ("documents", "self-evaluation")
        for p in (root / folder).rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def test_each_shard_built_its_own_authorities_in_its_own_process(national):
    plan = load_plan(national.out)
    slices = plan.shards(SHARDS)
    for k, slugs in enumerate(slices, 1):
        printed = national.printed[f"{k}/{SHARDS}"]
        for slug in slugs:
            assert f"{plan.authority(slug).name} (" in printed and "built in" in printed
        others = {a.name for a in plan.authorities if a.slug not in slugs}
        assert not any(f"{name} (" in printed for name in others)
    assert "the national home: built" in national.printed["home"]
    for slug, digest in [(layout.HOME, plan.home), *((a.slug, a.digest) for a in plan.authorities)]:
        assert layout.built_marker(national.out, slug).read_text() == digest


def test_shards_share_nothing_but_the_cache(national):
    assert not any((national.out / layout.WORK).iterdir()), "each copy of the guide goes once its site is built"
    plan = load_plan(national.out)
    for authority in plan.authorities:
        assert documents(national.out, authority.slug), "its documents are kept in its cache"
        assert any((layout.cache(national.out, authority.slug) / "pages").rglob("*.pickle"))


def test_a_sites_downloads_are_its_caches_documents_kept_once(national):
    plan = load_plan(national.out)
    for entry in plan.schools.values():
        download = next((layout.site(national.out, entry["a"]) / "schools" / entry["s"]).glob("*-policy.pdf"))
        cached = next((layout.cache(national.out, entry["a"]) / "documents" / entry["s"]).glob("*/*-policy.pdf"))
        assert download.stat().st_ino == cached.stat().st_ino


def test_the_national_site_has_the_home_at_its_root_and_every_school_on_its_authoritys_site(national):
    site, plan = national.out / layout.SITE, load_plan(national.out)
    assert (site / "index.html").is_file() and (site / "find-your-school" / "index.html").is_file()
    for entry in plan.schools.values():
        assert (site / entry["a"] / "schools" / entry["s"] / "index.html").is_file()
        # the builder starts from the school's register entry: its profile, served by its authority's site
        assert (site / entry["a"] / "make-a-policy" / "schools" / f"{entry['s']}.yml").is_file()
    assert len(plan.schools) == plan.total_schools() > 0


def test_files_the_same_in_every_site_are_kept_once(national):
    site, plan = national.out / layout.SITE, load_plan(national.out)
    wasm = [next((site / a.slug).rglob("pyodide.asm.wasm")) for a in plan.authorities]
    wasm.append(next((site / "make-a-policy").rglob("pyodide.asm.wasm")))
    assert len({path.stat().st_ino for path in wasm}) == 1
    found = re.search(r"([\d.]+) MB as copies, ([\d.]+) MB kept once by content", national.assembled)
    assert float(found[2]) < float(found[1]) / 2


def test_an_authoritys_site_names_it_and_its_publisher_with_no_invented_contacts(national):
    site, plan = national.out / layout.SITE, load_plan(national.out)
    for authority in plan.authorities:
        home = (site / authority.slug / "index.html").read_text()
        assert f"Published by {plan.publisher}." in home
        support = (site / authority.slug / "support" / "index.html").read_text()
        assert f"This copy of the guide lists no contacts for {authority.name}." in support
        assert f"Ask {authority.name} what support it offers schools." in support
        assert "Contact the teams below" not in support  # there are none
        for page in (site / authority.slug).rglob("*.html"):
            text = page.read_text()
            assert not any(shipped in text for shipped in SHIPPED), page


def test_a_schools_draft_policy_asks_its_own_authority_what_support_it_offers(national):
    site, plan = national.out / layout.SITE, load_plan(national.out)
    for entry in plan.schools.values():
        authority = plan.authority(entry["a"]).name
        page = (site / entry["a"] / "schools" / entry["s"] / "index.html").read_text()
        assert f"our local authority, {authority}" in " ".join(page.split())


def test_the_home_names_the_publisher_and_no_authority(national):
    site, plan = national.out / layout.SITE, load_plan(national.out)
    home = (site / "index.html").read_text()
    assert f"Published by {plan.publisher}." in home and 'href="find-your-school/"' in home
    assert not any(a.name in home for a in plan.authorities)
    assert "Contact your local authority" in home, "the footer speaks to a reader in any authority"
    assert not any(shipped in (site / "support" / "index.html").read_text() for shipped in SHIPPED)


def test_a_shard_with_nothing_changed_is_not_built_again(national, tmp_path):
    out = copy_of(national, tmp_path)
    before = {p: p.stat().st_ino for p in (out / layout.SITES).rglob("index.html")}
    printed = run_shards(out, [f"{k}/{SHARDS}" for k in range(1, SHARDS + 1)] + ["home"])
    for text in printed.values():
        assert "built in" not in text and "not built again" in text
    assert {p: p.stat().st_ino for p in (out / layout.SITES).rglob("index.html")} == before


def test_a_changed_school_rebuilds_only_its_authority_and_makes_only_its_documents(national, tmp_path):
    out = copy_of(national, tmp_path)
    plan = load_plan(out)
    urn, entry = next(iter(plan.schools.items()))
    extract = tmp_path / "extract.csv"
    with open(national.extract, encoding="cp1252", newline="") as handle:
        rows = list(csv.reader(handle))
    head = rows[0]
    for row in rows[1:]:
        if row[head.index("URN")] == urn:
            row[head.index("PercentageFSM")] = "41.5"
    with open(extract, "w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    before = {a.slug: documents(out, a.slug) for a in plan.authorities}
    cohesion("national", str(extract), "-o", str(out), "--plan", "--shards", str(SHARDS))
    printed = run_shards(out, [f"{k}/{SHARDS}" for k in range(1, SHARDS + 1)] + ["home"])
    rebuilt = [line for text in printed.values() for line in text.splitlines() if "built in" in line]
    assert len(rebuilt) == 1 and rebuilt[0].startswith(plan.authority(entry["a"]).name)
    assert "2 document sets made" in rebuilt[0], "the school's policy and its self-evaluation pack"
    for authority in plan.authorities:
        after = documents(out, authority.slug)
        remade = {p.parts[1] for p, stamp in after.items() if before[authority.slug].get(p) != stamp}
        assert remade == ({entry["s"]} if authority.slug == entry["a"] else set())
    cohesion("national", "-o", str(out), "--assemble")
    page = (out / layout.SITE / entry["a"] / "schools" / entry["s"] / "index.html").read_text()
    assert "41.5" in page


def test_a_runner_that_restored_only_the_cache_makes_no_document_again(national, tmp_path):
    out = copy_of(national, tmp_path)
    shutil.rmtree(out / layout.SITES)  # a fresh runner: the checkout, the plan and the restored cache
    plan = load_plan(out)
    before = {a.slug: documents(out, a.slug) for a in plan.authorities}
    printed = run_shards(out, ["1/1"])["1/1"]
    assert printed.count("built in") == len(plan.authorities)
    assert all("0 document sets made" in line for line in printed.splitlines() if "built in" in line)
    assert all("0 pages converted" in line for line in printed.splitlines() if "built in" in line)
    assert {a.slug: documents(out, a.slug) for a in plan.authorities} == before


def test_assembling_before_every_site_is_built_names_the_missing_ones_and_keeps_the_old_site(national, tmp_path):
    out = copy_of(national, tmp_path)
    plan = load_plan(out)
    gone = plan.authorities[0]
    layout.built_marker(out, gone.slug).unlink()
    kept = (out / layout.SITE / "index.html").stat().st_ino
    result = cohesion("national", "-o", str(out), "--assemble", check=False)
    assert result.returncode == 2 and gone.slug in result.stderr and "--shard" in result.stderr
    assert (out / layout.SITE / "index.html").stat().st_ino == kept


def test_a_site_that_fails_to_build_is_named_and_its_old_site_kept(national, tmp_path):
    out = copy_of(national, tmp_path)
    plan = load_plan(out)
    broken = plan.authorities[0]
    layout.built_marker(out, broken.slug).unlink()  # to be built again
    profile = next((layout.inputs(out, broken.slug) / "schools").glob("*.yml"))
    profile.write_text(profile.read_text().replace("phase: ", "phase: not-a-phase-"), encoding="utf-8")
    kept = (layout.site(out, broken.slug) / "index.html").stat().st_ino
    shard = next(k for k, slugs in enumerate(plan.shards(SHARDS), 1) if broken.slug in slugs)
    result = cohesion("national", "-o", str(out), "--shard", f"{shard}/{SHARDS}", check=False)
    assert result.returncode == 1 and broken.slug in result.stderr and profile.name in result.stderr
    assert (layout.site(out, broken.slug) / "index.html").stat().st_ino == kept


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--shard", "3/2"], "names no shard"),
        (["--shard", "x"], "K/N"),
        (["--assemble"], "There is no plan"),
        (["--plan"], "give the register extract"),
    ],
)
def test_a_step_asked_for_wrongly_says_what_to_do(tmp_path, args, says):
    result = cohesion("national", "-o", str(tmp_path / "empty"), *args, check=False)
    assert result.returncode == 2 and says in result.stderr
