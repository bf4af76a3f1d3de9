"""Scale (issue 7): synthetic schools, one reading of the profiles per build, keys worked out once,
only missing documents made (in parallel, never twice at once), and a small search index that still
finds a school by its name. Timings are `make bench`'s job, not these tests'."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from cohesion_guide.documents import policy as school_documents
from cohesion_guide.documents.policy import size_text
from cohesion_guide.errors import InvalidFile
from cohesion_guide.export.document_set import Document, cached_formats
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profiles
from cohesion_guide.site import build as site_schools
from cohesion_guide.site import checked_cache, schools_section
from cohesion_guide.site.generated import GeneratedPage, SiteContext
from cohesion_guide.site.school_pages import unindexed_headings
from tests.conftest import ROOT, _QuietHandler, copy_project
from tests.site.page_state import search_for
from tests.synthetic_schools import write_schools

SCHOOLS = 12


def documents_in(project: Path) -> dict[Path, tuple[int, int]]:
    out = {}
    for folder in (".cache/documents", ".cache/self-evaluation"):
        for path in (project / folder).rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                out[path] = (path.stat().st_ino, path.stat().st_mtime_ns)
    return out


@pytest.fixture
def synthetic(project_copy, monkeypatch) -> Path:
    # the engine's code is part of every key; hold it still while other work edits the tree
    monkeypatch.setattr(school_documents, "engine_fingerprint", lambda: "engine under test")
    write_schools(project_copy, SCHOOLS, seed=3, audit_share=0.3)
    return project_copy


def context_for(project: Path) -> SiteContext:
    return SiteContext(project_dir=project, local=load_local(project))


# ---- the synthetic schools ---------------------------------------------------------------------


def test_synthetic_profiles_are_valid_and_varied(tmp_path):
    project = copy_project(tmp_path / "project")
    paths = write_schools(project, 120)
    profiles = load_profiles(project / "schools")  # raises InvalidFile if any is not valid
    assert len(profiles) == len(paths) == 120
    assert len({p.slug for p in profiles}) == 120
    assert len(Counter(p.phase for p in profiles)) >= 6
    assert {p.is_rural for p in profiles} == {True, False}
    assert sum(p.is_monocultural for p in profiles) >= 20 and sum(p.is_highly_diverse for p in profiles) >= 10
    assert sum(p.high_eal and p.high_fsm for p in profiles) >= 5
    assert sum(p.has_religious_character for p in profiles) >= 5
    with_area = sum("local_area" in p.data for p in profiles)
    assert 0 < with_area < 120
    audits = list((project / "audits").glob("*.yml"))
    assert 0 < len(audits) < 120
    assert all("(synthetic)" in p.name for p in profiles)


def test_the_same_seed_gives_the_same_schools(tmp_path):
    one = write_schools(copy_project(tmp_path / "a"), 5, seed=9)
    two = write_schools(copy_project(tmp_path / "b"), 5, seed=9)
    assert [p.read_text() for p in one] == [p.read_text() for p in two]


def test_synthetic_schools_are_never_written_into_the_project_itself():
    with pytest.raises(ValueError, match="copy"):
        write_schools(ROOT, 1)


# ---- one reading, one key computation, only what is missing -------------------------------------


def test_a_build_reads_each_profile_once_and_a_rebuild_reads_none(synthetic, monkeypatch):
    reads = Counter()
    real = checked_cache.load_profile
    monkeypatch.setattr(checked_cache, "load_one", lambda path: reads.update([path.name]) or real(path))
    monkeypatch.setattr(site_schools, "load_one", checked_cache.load_one)
    monkeypatch.setattr(site_schools, "POOL_FROM", 10_000)  # in this process, so the reads can be counted
    items = schools_section.pages(context_for(synthetic))
    assert sorted(reads) == sorted(p.name for p in (synthetic / "schools").glob("*.yml"))
    assert set(reads.values()) == {1}  # once, though two page sources use every profile
    pages = {i.src_uri for i in items if isinstance(i, GeneratedPage)}
    assert len(pages) == 2 * SCHOOLS + 1  # policy and self-evaluation per school, and the table
    reads.clear()
    schools_section.pages(context_for(synthetic))
    assert not reads  # unchanged files come from .cache/checked-files.json


def test_the_templates_and_engine_are_hashed_once_per_build_not_per_school(synthetic, monkeypatch):
    calls = []
    monkeypatch.setattr(school_documents, "engine_fingerprint", lambda: calls.append(1) or "engine under test")
    schools_section.pages(context_for(synthetic))
    first = len(calls)
    calls.clear()
    schools_section.pages(context_for(synthetic))
    assert first <= 2 and len(calls) <= 2  # once for the documents' keys, once for the checked-files cache


def test_one_changed_profile_remakes_only_that_schools_documents(synthetic):
    first = site_schools.prepare(context_for(synthetic))
    assert first.made == {"policy": SCHOOLS, "self_evaluation": SCHOOLS}
    before = documents_in(synthetic)
    assert len(before) == 6 * SCHOOLS

    unchanged = site_schools.prepare(context_for(synthetic))
    assert unchanged.made == {"policy": 0, "self_evaluation": 0}
    assert documents_in(synthetic) == before

    profile = sorted((synthetic / "schools").glob("*.yml"))[4]
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("number_on_roll: ", "number_on_roll: 1", 1), encoding="utf-8"
    )
    again = site_schools.prepare(context_for(synthetic))
    assert again.made == {"policy": 1, "self_evaluation": 1}
    after = documents_in(synthetic)
    new = [path for path, stamp in after.items() if before.get(path) != stamp]
    assert len(new) == 6 and {path.parts[-3] for path in new} == {profile.stem}
    assert len(after) == len(before)  # the school's old documents were cleared away


def test_an_audit_change_remakes_that_schools_pack_only(synthetic):
    site_schools.prepare(context_for(synthetic))
    audit = min((synthetic / "audits").glob("*.yml"))
    audit.write_text(
        audit.read_text(encoding="utf-8")
        .replace("status: partly", "status: not-yet", 1)
        .replace("status: in-place", "status: not-yet", 1),
        encoding="utf-8",
    )
    assert site_schools.prepare(context_for(synthetic)).made == {"policy": 0, "self_evaluation": 1}


def test_a_profile_broken_after_a_good_build_is_still_reported(synthetic):
    site_schools.prepare(context_for(synthetic))
    profile = sorted((synthetic / "schools").glob("*.yml"))[2]
    profile.write_text(
        profile.read_text(encoding="utf-8")
        .replace("setting: urban", "setting: city")
        .replace("setting: rural", "setting: city"),
        encoding="utf-8",
    )
    with pytest.raises(InvalidFile) as err:
        site_schools.prepare(context_for(synthetic))
    assert profile.name in err.value.report() and "location.setting" in err.value.report()


def test_a_stored_check_keeps_the_values_still_to_confirm(synthetic):
    profile = sorted((synthetic / "schools").glob("*.yml"))[1]
    text, marked = re.subn(
        r"^  governor: .*$",
        "  governor: Chair of governors  # to check: a placeholder",
        profile.read_text(),
        flags=re.M,
    )
    assert marked == 1
    profile.write_text(text)
    first = checked_cache.CheckedFiles(synthetic)
    checked = {p.slug: p.unconfirmed for p in first.profiles(synthetic / "schools")}
    first.save()
    again = checked_cache.CheckedFiles(synthetic)
    kept = {p.slug: p.unconfirmed for p in again.profiles(synthetic / "schools")}
    assert again.reused == SCHOOLS and kept == checked
    assert kept[profile.stem] == {"leads.governor": "a placeholder"}


def test_a_stored_check_is_dropped_when_the_rules_change(synthetic, monkeypatch):
    site_schools.prepare(context_for(synthetic), self_evaluation=False)
    kept = checked_cache.CheckedFiles(synthetic)
    kept.profiles(synthetic / "schools")
    assert kept.reused == SCHOOLS and kept.checked == 0
    monkeypatch.setattr(checked_cache, "rules_digest", lambda: "other rules")
    fresh = checked_cache.CheckedFiles(synthetic)
    fresh.profiles(synthetic / "schools")
    assert fresh.reused == 0 and fresh.checked == SCHOOLS


def test_documents_made_in_parallel_are_the_ones_made_here(synthetic, monkeypatch):
    pools = []

    class CountedPool(site_schools.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(site_schools, "ProcessPoolExecutor", CountedPool)
    pooled = site_schools.prepare(context_for(synthetic), self_evaluation=False)
    texts = [school.policy["md"].read_bytes() for school in pooled.schools]
    if site_schools.cores() >= 2:
        assert pools == [site_schools.cores()]  # one pool for the build, one process per core
    shutil.rmtree(synthetic / ".cache" / "documents")
    monkeypatch.setattr(site_schools, "POOL_FROM", 10_000)
    here = site_schools.prepare(context_for(synthetic), self_evaluation=False)
    assert here.made == {"policy": SCHOOLS, "self_evaluation": 0}
    assert [school.policy["md"].read_bytes() for school in here.schools] == texts


def test_two_makers_of_the_same_key_make_it_once(tmp_path):
    made = []

    def make(folder: Path) -> None:
        made.append(1)
        time.sleep(0.3)  # long enough for the other thread to arrive while this one holds the lock
        (folder / "doc.md").write_text("text", encoding="utf-8")

    threads = [
        threading.Thread(target=cached_formats, args=(tmp_path / "school", "key1", "doc", ("md",), make))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1
    assert (tmp_path / "school" / "key1" / "doc.md").read_text(encoding="utf-8") == "text"


# ---- documents made while MkDocs renders the pages ---------------------------------------------


def test_a_download_not_made_yet_shows_its_size_once_it_is(tmp_path):
    work = site_schools.DocumentWork()
    made, coming = tmp_path / "made.pdf", tmp_path / "coming.docx"
    made.write_bytes(b"x" * 3000)
    assert work.size(made) == "3 KB"  # already there: no placeholder
    placeholder = work.size(coming)
    assert "KB" not in placeholder and work.size(coming) == placeholder  # one placeholder per file
    coming.write_bytes(b"x" * 50_000)
    assert (
        work.fill(f"[Word ({placeholder})](a.docx), [again ({placeholder})](b.docx)")
        == "[Word (49 KB)](a.docx), [again (49 KB)](b.docx)"
    )
    assert work.fill("no placeholder here") == "no placeholder here"


def test_a_document_set_that_fails_in_a_worker_fails_the_build_and_leaves_nothing(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a school's folder should be", encoding="utf-8")
    work = site_schools.DocumentWork()
    work.expect(site_schools.POOL_FROM)  # enough for the pool
    document = Document("# Policy\n\nText.\n", "school-policy", title="Policy", author="School")
    for n in range(site_schools.POOL_FROM):
        work.make(site_schools._Job(tmp_path / f"school{n}", "key", document))
    work.make(site_schools._Job(blocked / "school", "key", document))
    with pytest.raises(OSError):
        work.finish()
    made = [path for path in tmp_path.rglob("*") if path.suffix in (".docx", ".pdf", ".md")]
    assert all(path.parent.name == "key" for path in made)  # whole sets in their key folders, never halves
    assert not list(tmp_path.rglob("*.part"))


def test_a_build_whose_documents_cannot_be_written_stops_with_a_clear_error(mkdocs_build, tmp_path):
    project = copy_project(tmp_path / "project")
    write_schools(project, SCHOOLS, seed=4)
    (project / ".cache").mkdir()
    (project / ".cache" / "documents").write_text("a file where the documents' folder should be", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "The schools' pages, Word and PDF files could not be made" in result.stderr
    assert ".cache/documents" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((project / ".cache").rglob("*.part"))


# ---- search -------------------------------------------------------------------------------------


def test_only_headings_below_the_title_are_left_out_of_the_index():
    text = "# Title\n\nText\n\n## Part one\n\n```\n## not a heading\n```\n\n### Part two  \n#hashtag\n"
    marked = unindexed_headings(text)
    assert "# Title\n" in marked
    assert "## Part one { data-search-exclude }" in marked
    assert "### Part two { data-search-exclude }" in marked
    assert "## not a heading\n" in marked and "#hashtag\n" in marked


@pytest.fixture(scope="module")
def synthetic_site(mkdocs_build, tmp_path_factory) -> tuple[Path, list]:
    work = tmp_path_factory.mktemp("scale")
    project = copy_project(work / "project")
    write_schools(project, SCHOOLS, seed=5)
    result = mkdocs_build(project, work / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "site", load_profiles(project / "schools")


def test_the_index_holds_each_school_by_name_phase_town_and_authority_only(synthetic_site):
    site, profiles = synthetic_site
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for profile in profiles:
        entries = [d for d in docs if d["location"].startswith(f"schools/{profile.slug}/")]
        assert [d["location"] for d in entries] == [
            f"schools/{profile.slug}/",
            f"schools/{profile.slug}/self-evaluation/",
        ]
        assert all(profile.name in d["title"] for d in entries)
        assert all(profile.data["location"]["town"] in d["text"] and "Exampleshire" in d["text"] for d in entries)
        assert all(len(d["text"]) < 200 for d in entries)  # not the policy's text
    # the guide's own pages are still indexed in full
    assert any("Education and Inspections Act" in d["text"] for d in docs if not d["location"].startswith("schools/"))


def test_download_sizes_are_the_sizes_of_the_files_made_during_the_build(synthetic_site):
    # The synthetic site is built cold: its documents are made in the pool while MkDocs converts
    # the pages, so each size starts as a placeholder that the build fills in before writing.
    site, profiles = synthetic_site
    for page in site.rglob("*.html"):
        assert "%%cohesion-size" not in page.read_text(encoding="utf-8"), page
    assert "%%cohesion-size" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    shown = re.compile(r'<a href="([^"]+\.(?:docx|pdf))">[^<]*?(\d+ KB)\)</a>')
    checked = 0
    for profile in profiles[:3]:
        for page in (
            site / "schools" / profile.slug / "index.html",
            site / "schools" / profile.slug / "self-evaluation" / "index.html",
        ):
            links = shown.findall(page.read_text(encoding="utf-8"))
            assert len(links) == 2, page  # Word and PDF
            for href, size in links:
                assert size == size_text((page.parent / href).stat().st_size), (page, href)
                checked += 1
    table = shown.findall((site / "schools" / "index.html").read_text(encoding="utf-8"))
    assert len(table) == 2 * len(profiles)
    for href, size in table:
        assert size == size_text((site / "schools" / href).stat().st_size)
    assert checked == 12


def test_the_policy_is_still_on_the_page_in_full(synthetic_site):
    site, profiles = synthetic_site
    html = (site / "schools" / profiles[0].slug / "index.html").read_text(encoding="utf-8")
    assert "Introduction and legal basis" in html and "Download the policy" in html


def test_typing_a_schools_name_into_search_finds_its_page(synthetic_site, page):
    site, profiles = synthetic_site
    target = profiles[len(profiles) // 2]
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        page.locator("input.md-search__input").click()
        search_for(page, target.name.replace(" (synthetic)", ""))  # the results of the whole name, not a part
        found = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
        # the best match first; Material adds ?h=<the words> to highlight them on the page
        assert found and found[0].split("?")[0].endswith(f"/schools/{target.slug}/"), found[:5]
        page.locator(".md-search-result__item > a").first.click()
        page.wait_for_url(lambda url: f"/schools/{target.slug}/" in url)
        assert target.name in page.locator("h1").first.inner_text()
    finally:
        server.shutdown()


@pytest.mark.parametrize("layer", ["inputs", "documents", "export", "site", "cli", "gias"])
def test_an_edit_to_any_engine_module_changes_the_documents_key(layer, tmp_path, monkeypatch):
    """Documents made by other code are never reused: the fingerprint reads every subpackage."""
    import cohesion_guide
    from cohesion_guide.documents.policy import engine_fingerprint

    copy = tmp_path / "cohesion_guide"
    shutil.copytree(Path(cohesion_guide.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cohesion_guide, "__file__", str(copy / "__init__.py"))
    before = engine_fingerprint()
    module = sorted((copy / layer).glob("*.py"))[-1]
    module.write_text(module.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert engine_fingerprint() != before
