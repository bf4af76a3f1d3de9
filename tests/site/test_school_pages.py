"""The site's schools section: the table, a page per school with working downloads, out of the sidebar, and the cache."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cohesion_guide.documents import policy as school_documents
from cohesion_guide.documents.policy import CACHE, size_text
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profiles
from cohesion_guide.site import school_pages
from cohesion_guide.site.build import prepare
from cohesion_guide.site.generated import GeneratedFile, GeneratedPage, SiteContext
from tests.conftest import ROOT


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.elements: list[str] = []
        self._href: str | None = None
        self._text: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []
        if tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)
        if self._in_h1:
            self.h1.append(data)


def heading(page: _Links) -> str:
    """The page's h1 as a reader sees it, without the pilcrow of its permalink."""
    return " ".join("".join(page.h1).split()).removesuffix("¶").strip()


def parse(path: Path) -> _Links:
    reader = _Links()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def test_schools_table_links_every_school_and_its_downloads(built_site):
    index = parse(built_site / "schools" / "index.html")
    profiles = load_profiles(ROOT / "schools")
    assert profiles, "the project ships example schools"
    for profile in profiles:
        assert (f"{profile.slug}/", profile.name) in index.links
        downloads = [href for href, _ in index.links if href.startswith(f"{profile.slug}/{profile.slug}-policy.")]
        assert len(downloads) == 3
        for href in downloads:
            assert (built_site / "schools" / href).is_file()


def test_each_school_page_has_its_policy_and_sized_downloads(built_site):
    for profile in load_profiles(ROOT / "schools"):
        folder = built_site / "schools" / profile.slug
        page = parse(folder / "index.html")
        assert heading(page) == f"Community cohesion policy: {profile.name}"
        downloads = {href: text for href, text in page.links if href.startswith(f"{profile.slug}-policy.")}
        kinds = sorted(re.match(r"Download the policy \((.+), \d+ KB\)", t).group(1) for t in downloads.values())
        assert kinds == ["Markdown text", "PDF", "Word document"]
        for href, text in downloads.items():
            assert (folder / href).is_file()
            assert text.endswith(f", {size_text((folder / href).stat().st_size)})")
        assert (folder / f"{profile.slug}-policy.pdf").read_bytes().startswith(b"%PDF")
        assert "Accountable body" in (folder / "index.html").read_text(encoding="utf-8")
        assert ("self-evaluation/", "community profile, audit report, action plan and evidence portfolio") in page.links
        assert (folder / "self-evaluation" / "index.html").is_file()


def test_school_pages_stay_out_of_the_sidebar(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="schools/"' in home  # the index is in the navigation...
    for profile in load_profiles(ROOT / "schools"):
        assert f"schools/{profile.slug}/" not in home  # ...each school is not


def test_model_primary_policy_page(built_site):
    page = (built_site / "policies" / "model-primary-policy" / "index.html").read_text(encoding="utf-8")
    assert "fictional" in page
    for heading in ("Introduction and legal basis", "Our communities", "Roles and responsibilities", "Approval"):
        assert f">{heading}<" in page or f">{heading}</" in page or heading in page
    assert page.count("<h1") == 1
    assert "Riverside Primary School (fictional example)" in page


NASTY_NAME = '<script>alert(1)</script> {{ 7*7 }} & Ysgol Tŷ\'r Ŵyn "Primary"'


@pytest.fixture
def nasty_project(project_copy):
    text = (ROOT / "schools" / "riverside-primary.yml").read_text(encoding="utf-8")
    text = text.replace("name: Riverside Primary School (fictional example)", f"name: {json.dumps(NASTY_NAME)}")
    (project_copy / "schools" / "nasty-test.yml").write_text(text, encoding="utf-8")
    return project_copy


def test_a_new_school_is_published_with_its_text_literal(mkdocs_build, nasty_project, tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(nasty_project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    page_file = site / "schools" / "nasty-test" / "index.html"
    page = parse(page_file)
    assert heading(page) == f"Community cohesion policy: {NASTY_NAME}"
    html = page_file.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "49" not in " ".join(page.h1)
    assert (site / "schools" / "nasty-test" / "nasty-test-policy.docx").is_file()
    index = parse(site / "schools" / "index.html")
    assert ("nasty-test/", NASTY_NAME) in index.links
    assert "<script>alert(1)</script>" not in (site / "schools" / "index.html").read_text(encoding="utf-8")


def test_an_invalid_profile_stops_the_build_and_leaves_nothing(mkdocs_build, project_copy, tmp_path):
    text = (ROOT / "schools" / "riverside-primary.yml").read_text(encoding="utf-8")
    (project_copy / "schools" / "broken.yml").write_text(
        text.replace("setting: urban", "setting: city"), encoding="utf-8"
    )
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode != 0
    assert "broken.yml" in result.stderr and "location.setting" in result.stderr and "'city'" in result.stderr
    assert not site.exists() or not any(site.iterdir())
    assert not (project_copy / CACHE).exists()  # no school's documents were made either


def policy_pages(context: SiteContext) -> list[GeneratedPage | GeneratedFile]:
    """The schools section's policy pages alone (no self-evaluation packs), to keep these tests quick."""
    return school_pages.pages_for(prepare(context, self_evaluation=False).schools)


def test_documents_are_reused_until_a_source_changes(project_copy, monkeypatch):
    # the engine's code is part of the key; hold it still while other work edits the tree
    monkeypatch.setattr(school_documents, "engine_fingerprint", lambda: "engine under test")
    local = load_local(project_copy)
    context = SiteContext(project_dir=project_copy, local=local)
    first = policy_pages(context)
    files = {item.src_uri: item.path for item in first if isinstance(item, GeneratedFile)}
    assert files and all(path.is_relative_to(project_copy / CACHE) for path in files.values())
    stamps = {uri: path.stat().st_mtime_ns for uri, path in files.items()}

    again = {item.src_uri: item.path for item in policy_pages(context) if isinstance(item, GeneratedFile)}
    assert again == files
    assert {uri: path.stat().st_mtime_ns for uri, path in again.items()} == stamps

    template = project_copy / "model_policies" / "policy.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nEdited by the authority.\n", encoding="utf-8")
    changed = {item.src_uri: item.path for item in policy_pages(context) if isinstance(item, GeneratedFile)}
    assert set(changed) == set(files)
    assert all(changed[uri] != files[uri] for uri in files)
    assert not any(path.exists() for path in files.values())  # the old key's folder was cleared away
    pages = [item for item in policy_pages(context) if isinstance(item, GeneratedPage)]
    assert all("Edited by the authority." in p.markdown for p in pages if p.src_uri != school_pages.INDEX)


def cache_key(profile, local, templates) -> str:
    """A school's policy key as a build works it out: what the schools share, then the school's own."""
    return school_documents.school_key(school_documents.inputs_digest(local, templates), profile)


def test_the_key_changes_with_each_source(project_copy, monkeypatch):
    [profile] = [p for p in load_profiles(project_copy / "schools") if p.slug == "riverside-primary"]
    local = load_local(project_copy)
    templates = project_copy / "model_policies"
    monkeypatch.setattr(school_documents, "engine_fingerprint", lambda: "engine 1")
    key = cache_key(profile, local, templates)
    assert cache_key(profile, local, templates) == key
    assert cache_key(profile, {**local, "authority": {"name": "Other"}}, templates) != key
    monkeypatch.setattr(school_documents, "engine_fingerprint", lambda: "engine 2")
    assert cache_key(profile, local, templates) != key
    monkeypatch.setattr(school_documents, "engine_fingerprint", lambda: "engine 1")
    profile.path.write_text(profile.path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    edited = cache_key(profile, local, templates)
    assert edited != key
    (templates / "print.css").write_text("/* changed */\n", encoding="utf-8")
    assert cache_key(profile, local, templates) not in {key, edited}


def test_generated_pages_are_never_rendered_as_templates(project_copy):
    context = SiteContext(project_dir=project_copy, local=load_local(project_copy))
    for item in policy_pages(context):
        if isinstance(item, GeneratedPage):
            front = item.markdown.split("---\n")[1]
            assert "render_macros: false" in front


def test_no_schools_folder_gives_an_empty_index(project_copy):
    shutil.rmtree(project_copy / "schools")
    items = policy_pages(SiteContext(project_dir=project_copy, local=load_local(project_copy)))
    assert [i.src_uri for i in items] == [school_pages.INDEX]
    assert "There are no school profiles yet" in items[0].markdown


def test_the_model_policy_page_offers_its_word_pdf_and_markdown_files(built_site):
    folder = built_site / "policies" / "model-primary-policy"
    page = parse(folder / "index.html")
    offered = {href: text for href, text in page.links if text.startswith("Download the model policy")}
    kinds = sorted(re.match(r"Download the model policy \((.+), \d+ KB\)", t).group(1) for t in offered.values())
    assert kinds == ["Markdown text", "PDF", "Word document"]
    for href, text in offered.items():
        assert (folder / href).is_file()
        assert text.endswith(f", {size_text((folder / href).stat().st_size)})")
    pdf = next(h for h in offered if h.endswith(".pdf"))
    assert (folder / pdf).read_bytes().startswith(b"%PDF")
    markdown = next(h for h in offered if h.endswith(".md.txt"))
    assert "Riverside Primary School" in (folder / markdown).read_text(encoding="utf-8")


def test_a_printed_school_page_starts_with_the_policy_not_the_screens_links(page, site_url):
    page.goto(f"{site_url}/schools/riverside-primary/")
    on_screen = page.locator("body").inner_text()
    assert "Download the policy" in on_screen and "You are here" not in on_screen  # (the trail's name is a label)
    assert page.locator("nav.md-path").is_visible()
    page.emulate_media(media="print")
    printed = page.locator("body").inner_text()
    assert "Download the policy" not in printed and "policy builder" not in printed
    assert not page.locator("nav.md-path").is_visible() and not page.locator(".cc-footer__links").is_visible()
    assert "Introduction and legal basis" in printed and "Published by" in printed and "Next review" in printed


def test_a_schools_pages_send_governors_to_the_builder_with_its_answers_not_to_a_yaml_file(built_site):
    for page, depth in (
        ("schools/riverside-primary/index.html", "../../"),
        ("schools/riverside-primary/self-evaluation/index.html", "../../../"),
    ):
        html = (built_site / page).read_text(encoding="utf-8")
        assert f'href="{depth}make-a-policy/?school=riverside-primary"' in html, page
        text = re.sub(r"<[^>]+>", " ", html)
        assert "schools/riverside-primary.yml" not in text and "build the site again" not in text, page
