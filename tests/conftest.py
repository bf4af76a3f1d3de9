"""Shared fixtures: a strict build of the real site, a local server for it, and Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cohesion_guide.generated_record import generated_files

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# What a copy of the project needs in order to build: everything an authority may edit.
PROJECT_PARTS = ["mkdocs.yml", "local.yml", "docs", "overrides", "schools", "audits", "case_studies", "model_policies"]


def run_mkdocs(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Build `project` into `site_dir` as `make site` does: the generated pages written into docs/,
    then a strict MkDocs build (not run if the first step failed). Returns what both printed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = functools.partial(subprocess.run, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    written = run([str(BIN / "python"), "-m", "cohesion_guide.site.generate"])
    if written.returncode != 0:
        return written
    built = run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir), *extra])
    return subprocess.CompletedProcess(
        built.args, built.returncode, written.stdout + built.stdout, written.stderr + built.stderr
    )


def copy_project(dest: Path) -> Path:
    """A copy of the project's content and settings that a test may change freely, as a fresh
    checkout has them: without the pages site/generate.py wrote into docs/."""
    dest.mkdir(parents=True, exist_ok=True)
    made = {ROOT / "docs" / uri for uri in generated_files(ROOT)} | {ROOT / "docs" / ".gitignore"}

    def generated(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if Path(folder) / name in made]

    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=generated)
        elif src.exists():
            shutil.copy2(src, dest / part)
    # the MkDocs glue is named by path in mkdocs.yml
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


# Markers follow from the fixtures a test uses, so `-m "not build and not browser"` (make
# test-quick) selects exactly the tests that neither build a site nor start Chromium.
MARKER_FIXTURES = {"build": "mkdocs_build", "browser": "browser"}


def pytest_collection_modifyitems(items):
    for item in items:
        for marker, fixture in MARKER_FIXTURES.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


@pytest.fixture(scope="session")
def mkdocs_build():
    """A strict MkDocs build of a project folder (run_mkdocs); a test that builds asks for this."""
    return run_mkdocs


@pytest.fixture(scope="session")
def built_site(mkdocs_build, tmp_path_factory) -> Path:
    """The real project, built once with --strict, for every test that reads the output."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-4000:]}"
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on a free port of 127.0.0.1, as a static host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a path under its root ('' for the home page)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright; never a browser Playwright downloads."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium package"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
