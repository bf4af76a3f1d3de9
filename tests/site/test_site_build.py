"""The strict site build: review dates, overdue notices, and the mistakes that must stop a build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from cohesion_guide.generated_record import generated_files
from tests.conftest import BIN, ROOT, copy_project, site_pages

DOCS = ROOT / "docs"
# Addresses of 2007-08 that no longer belong to the bodies that ran them: text may name them,
# but a link to one would send a reader to whoever owns the domain now.
DEAD_HOSTS = ("teachernet", "everychildmatters", "cohesioninstitute", "dcsf.gov.uk")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def front_matter(page: Path) -> dict:
    match = FRONT_MATTER.match(page.read_text(encoding="utf-8"))
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def markdown_pages(docs: Path = DOCS) -> list[Path]:
    """The guide's own pages: not the ones site/generate.py writes into docs/."""
    made = generated_files(docs.parent)
    return sorted(p for p in docs.rglob("*.md") if p.relative_to(docs).as_posix() not in made)


def built_html(site: Path, page: Path, docs: Path = DOCS) -> Path:
    """Where a docs/ Markdown page lands with use_directory_urls: a/b.md -> a/b/index.html."""
    rel = page.relative_to(docs).with_suffix("")
    if rel.name in ("index", "README"):
        return site / rel.parent / "index.html"
    return site / rel / "index.html"


def set_front_matter(page: Path, **values: str) -> None:
    """Change (or add) front-matter keys of a page in a project copy, leaving the rest as written."""
    text = page.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    assert match, f"{page} has no front matter"
    head = match.group(1)
    for key, value in values.items():
        line = f"{key}: {value}"
        head, found = re.subn(rf"^{key}:.*$", line, head, flags=re.MULTILINE)
        if not found:
            head += "\n" + line
    page.write_text(f"---\n{head}\n---\n" + text[match.end() :], encoding="utf-8")


def drop_front_matter_key(page: Path, key: str) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(rf"^{key}:.*\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")


def add_to_page(page: Path, markdown: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + markdown + "\n", encoding="utf-8")


def with_cache(project: Path) -> Path:
    """Give a project copy the real project's cache of generated documents (keyed by content), so
    that a test build takes seconds, not the minute a cold build of every school's files takes."""
    cache = ROOT / ".cache"
    if cache.is_dir() and not (project / ".cache").exists():
        shutil.copytree(cache, project / ".cache", ignore_dangling_symlinks=True)
    return project


@pytest.fixture
def project(project_copy) -> Path:
    return with_cache(project_copy)


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


class _Links(HTMLParser):
    """Every address an HTML page points at: href, src and form actions."""

    def __init__(self):
        super().__init__()
        self.addresses: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "srcset", "poster", "data") and value:
                self.addresses.append((tag, value))


def dead_links(site: Path) -> list[str]:
    """Each link in the built site whose host is a dead 2007-08 address, as 'page: address'."""
    found = []
    for html in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        for tag, address in parser.addresses:
            host = (urlsplit(address.strip()).hostname or "").lower()
            if not host and address.strip().lower().startswith("www."):
                host = address.strip().lower().split("/")[0]
            if any(dead in host for dead in DEAD_HOSTS):
                found.append(f"{html.relative_to(site).as_posix()}: <{tag}> {address}")
    return found


# ---- the real site --------------------------------------------------------------------------


def test_real_site_builds_strictly(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "404.html").is_file()
    assert len(site_pages(built_site)) >= len(markdown_pages()), "fewer HTML pages than Markdown pages"


def test_every_markdown_page_has_review_dates():
    pages = markdown_pages()
    assert pages, "docs/ has no Markdown pages"
    problems = []
    for page in pages:
        meta = front_matter(page)
        rel = page.relative_to(ROOT).as_posix()
        for key in ("title", "last_reviewed", "review_due"):
            if key not in meta:
                problems.append(f"{rel}: no '{key}' in the front matter")
        for key in ("last_reviewed", "review_due"):
            value = str(meta.get(key, ""))
            if key in meta and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                problems.append(f"{rel}: {key} is {value!r}, not a date written as YYYY-MM-DD")
    assert not problems, "\n".join(problems)


def test_every_built_page_shows_its_review_dates(built_site):
    problems = []
    for page in markdown_pages():
        html = built_html(built_site, page)
        rel = page.relative_to(ROOT).as_posix()
        if not html.is_file():
            problems.append(f"{rel}: no built page at {html.relative_to(built_site)}")
            continue
        text = html.read_text(encoding="utf-8")
        due = date.fromisoformat(str(front_matter(page)["review_due"]))
        for words in ("Last reviewed", "Next review due", f'datetime="{due.isoformat()}"'):
            if words not in text:
                problems.append(f"{rel}: the built page does not show {words!r}")
    assert not problems, "\n".join(problems)


def test_no_dead_2007_address_is_ever_a_link(built_site):
    found = dead_links(built_site)
    assert not found, "Links to dead 2007-08 addresses (name them in text, never link them):\n" + "\n".join(found)


def test_search_index_lists_the_pages(built_site):
    index_file = built_site / "search" / "search_index.json"
    assert index_file.is_file(), "Material's search index search/search_index.json was not built"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    missing = [page for page in site_pages(built_site) if page != "404.html" and page not in locations]
    assert not missing, "pages missing from the search index: " + ", ".join(missing)


# ---- a copy with an overdue page and a dead link -------------------------------------------


@pytest.fixture(scope="module")
def overdue_project(tmp_path_factory) -> Path:
    """A copy whose home page is past its review date and links to a dead 2007 address."""
    project = with_cache(copy_project(tmp_path_factory.mktemp("overdue") / "project"))
    past = date.today() - timedelta(days=30)
    set_front_matter(
        project / "docs" / "index.md",
        last_reviewed=(past - timedelta(days=365)).isoformat(),
        review_due=past.isoformat(),
    )
    add_to_page(project / "docs" / "index.md", "See [the old site](http://www.teachernet.gov.uk/cohesion).")
    return project


@pytest.fixture(scope="module")
def overdue_build(mkdocs_build, overdue_project, tmp_path_factory):
    site = tmp_path_factory.mktemp("overdue_site")
    return mkdocs_build(overdue_project, site), site


def test_overdue_page_still_builds_and_warns_naming_it(overdue_build):
    result, _ = overdue_build
    assert result.returncode == 0, f"an overdue page must not fail the build by default:\n{output(result)[-3000:]}"
    warnings = [line for line in output(result).splitlines() if "WARNING" in line and "index.md" in line]
    assert any("overdue" in line.lower() for line in warnings), (
        f"no warning names docs/index.md as overdue:\n{output(result)[-3000:]}"
    )


def test_overdue_page_shows_the_notice_in_static_html(overdue_build, built_site):
    _, site = overdue_build
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "cc-overdue" in html and "due for review" in html, "the overdue notice is not in the page's HTML"
    # and only the overdue page carries it
    assert "cc-overdue" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_dead_link_check_finds_a_link_to_teachernet(overdue_build):
    _, site = overdue_build
    assert any("index.html" in found and "teachernet" in found for found in dead_links(site))


def test_overdue_fails_the_build_when_local_yml_says_so(mkdocs_build, overdue_project, tmp_path):
    local = overdue_project / "local.yml"
    original = local.read_text(encoding="utf-8")
    try:
        local.write_text(
            re.sub(r"overdue_fails_build:\s*false", "overdue_fails_build: true", original), encoding="utf-8"
        )
        if "overdue_fails_build: true" not in local.read_text(encoding="utf-8"):
            local.write_text(original + "\nreviews:\n  overdue_fails_build: true\n", encoding="utf-8")
        result = mkdocs_build(overdue_project, tmp_path / "site")
    finally:
        local.write_text(original, encoding="utf-8")
    assert result.returncode != 0, "the build succeeded although a page is overdue and local.yml says fail"
    assert "index.md" in output(result), f"the failure does not name the overdue page:\n{output(result)[-3000:]}"


# ---- mistakes that must stop the build, naming the page -------------------------------------


def test_broken_internal_link_fails_naming_the_page(mkdocs_build, project, tmp_path):
    add_to_page(project / "docs" / "duty" / "index.md", "Read [the missing page](no-such-page.md).")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0, "a link to a missing page did not fail the strict build"
    assert "duty/index.md" in output(result) and "no-such-page.md" in output(result), output(result)[-3000:]


def test_undefined_macro_variable_fails_naming_the_page(mkdocs_build, project, tmp_path):
    add_to_page(project / "docs" / "duty" / "index.md", "Contact {{ no_such_thing }}.")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0, "an undefined variable did not fail the build"
    assert "duty/index.md" in output(result), f"the failure does not name the page:\n{output(result)[-3000:]}"
    assert "no_such_thing" in output(result), output(result)[-3000:]


@pytest.mark.parametrize("missing", ["last_reviewed", "review_due"])
def test_page_without_review_date_fails_naming_it(mkdocs_build, project, tmp_path, missing):
    drop_front_matter_key(project / "docs" / "duty" / "index.md", missing)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0, f"a page without {missing} built"
    assert "duty/index.md" in output(result) and missing in output(result), output(result)[-3000:]


def test_invalid_local_yml_fails_with_file_line_and_field(mkdocs_build, project, tmp_path):
    local = project / "local.yml"
    lines = local.read_text(encoding="utf-8").splitlines()
    email_line = next(i for i, line in enumerate(lines) if line.strip().startswith("email:")) + 1
    lines[email_line - 1] = re.sub(r"email:.*", "email: governors-at-example.org", lines[email_line - 1])
    lines.append("colour_scheme: blue")
    local.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    text = output(result)
    assert result.returncode != 0, "the build accepted an invalid local.yml"
    assert f"local.yml, line {len(lines)}, colour_scheme" in text, text[-3000:]
    assert f"local.yml, line {email_line}, contacts[1].email" in text, text[-3000:]
    assert "e-mail address" in text, "the message does not say what an e-mail address should look like"


# ---- what a failed `make site` leaves behind ------------------------------------------------


@pytest.fixture
def make_site(mkdocs_build):
    """The Makefile's own `site` recipe (a full build, so the test is marked `build` through mkdocs_build)."""
    return run_make_site


def run_make_site(project: Path) -> subprocess.CompletedProcess:
    """The Makefile's own `site` recipe, run in a project copy with this environment's tools (Pyodide: the
    checkout's node_modules)."""
    return subprocess.run(
        [
            "make",
            "-f",
            str(ROOT / "Makefile"),
            "-C",
            str(project),
            f"BIN={BIN}",
            "-o",
            ".venv/.installed",
            "-o",
            "node_modules/pyodide/.installed",
            "-o",
            "system-documents",
            "site",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_make_site_swaps_in_a_good_build_and_keeps_the_old_site_after_a_bad_one(project, make_site):
    old = project / "site"
    old.mkdir()
    (old / "previous.txt").write_text("the site that was published before", encoding="utf-8")

    add_to_page(project / "docs" / "duty" / "index.md", "Read [the missing page](no-such-page.md).")
    failed = make_site(project)
    assert failed.returncode != 0, "make site succeeded with a broken link"
    assert (old / "previous.txt").is_file(), "a failed make site removed or replaced the previous site"
    assert not (old / "index.html").exists()

    drop = project / "docs" / "duty" / "index.md"
    drop.write_text(
        drop.read_text(encoding="utf-8").replace("Read [the missing page](no-such-page.md).", ""), encoding="utf-8"
    )
    done = make_site(project)
    assert done.returncode == 0, output(done)[-3000:]
    assert (project / "site" / "index.html").is_file()
    assert not (project / "site" / "previous.txt").exists(), "the new site was not swapped in"
    assert not (project / ".site.new").exists() and not (project / ".site.old").exists()
