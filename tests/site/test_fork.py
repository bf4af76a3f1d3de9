"""Make it yours: a fork that changes local.yml and imports its own schools shows only its own
authority and contacts, on every page and in every document."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from cohesion_guide.cli import main
from tests.conftest import ROOT, copy_project

FORK_LOCAL = """\
authority:
  name: Westshire Council
  short_name: Westshire
  website: https://www.westshire.example.net/
contacts:
  - name: Westshire School Improvement Service
    role: Support for governors and school leaders
    phone: 020 7946 0123
    email: schools@westshire.example.net
    address: Civic Centre, West Street, Westbury WS1 2AB
    url: https://www.westshire.example.net/schools
services:
  - name: Westshire cohesion network
    description: Termly meetings of school leads for community cohesion.
"""
# What the shipped example authority would leak into a fork: its names and its contacts.
SHIPPED = [
    "Exampleshire",
    "01632 960000",
    "01632 960001",
    "governors@example.org",
    "equality.schools@example.org",
    "County Hall, 1 Example Street",
]


def text_of(path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as docx:
            return "\n".join(docx.read(name).decode("utf-8") for name in docx.namelist() if name.endswith(".xml"))
    return path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def fork_site(mkdocs_build, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("fork") / "project")
    (project / "local.yml").write_text(FORK_LOCAL, encoding="utf-8")
    for folder in ("schools", "audits"):
        shutil.rmtree(project / folder)
    assert (
        main(
            [
                "import-gias",
                str(ROOT / "tests" / "fixtures" / "gias" / "mixed.csv"),
                "--la",
                "Westshire",
                "-o",
                str(project / "schools"),
            ]
        )
        == 0
    )
    site = project / "site-out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_the_fork_builds_with_its_imported_schools(fork_site):
    schools = [p.parent.name for p in (fork_site / "schools").glob("*/index.html")]
    assert len(schools) >= 2
    for slug in schools:
        assert (fork_site / "schools" / slug / f"{slug}-policy.pdf").is_file()


def test_nothing_of_the_example_authority_leaks_into_the_fork(fork_site):
    checked = 0
    for path in fork_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".txt", ".json", ".pdf", ".docx", ".xml", ".yml"}:
            if "assets" in path.relative_to(fork_site).parts:
                continue
            text = text_of(path)
            leaked = [s for s in SHIPPED if s in text]
            assert not leaked, f"{path.relative_to(fork_site)} shows the example authority's {leaked}"
            checked += 1
    assert checked > 50


def test_the_fork_shows_its_own_authority_everywhere_it_should(fork_site):
    assert "Published by Westshire Council." in (fork_site / "index.html").read_text(encoding="utf-8")
    support = (fork_site / "support" / "index.html").read_text(encoding="utf-8")
    assert "Westshire School Improvement Service" in support and "schools@westshire.example.net" in support
    assert "Westshire cohesion network" in support
    for pdf in (fork_site / "schools").glob("*/*-policy.pdf"):
        policy = " ".join(text_of(pdf).split())  # a line may break inside the phone number
        assert "Westshire School Improvement Service" in policy and "020 7946 0123" in policy
    index = json.loads((fork_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("Westshire Council" in doc["text"] for doc in index["docs"])
