"""Cleaning up the generated pages never leaves docs/ (issue 23): whatever the record of generated
pages says, nothing outside docs/, no page written by hand and nothing reached through a link is
removed; a missing or unreadable record is made again from what the guide makes now, and says so."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cohesion_guide.errors import HandWritten, OutsideDocs
from cohesion_guide.generated_record import RECORD, path_problem, read_record
from cohesion_guide.site import generate
from cohesion_guide.site.generated import GeneratedFile, GeneratedPage, front_matter
from tests.conftest import BIN

# Pages and files the guide makes in the small project below, and the hand-written files around them.
PAGES = ["gen/a.md", "gen/b/c.md", "gen/b/d.md", "deep/x/y/z.md", "schools/s1/index.md"]
DOWNLOADS = ["gen/b/doc.docx", "schools/s1/s1-policy.pdf"]
MADE = PAGES + DOWNLOADS
HAND = {
    "index.md": "# Home\n",
    "about.md": "# About\n",
    "case-studies/adding.md": "# Add your own\n",
    "mine/notes.md": "# My notes\n",
    "gen/own.md": "# Mine, in a folder the guide writes into\n",
    "stylesheets/extra.css": "a { color: red; }\n",
}


def page(uri: str) -> GeneratedPage:
    return GeneratedPage(uri, front_matter({"title": uri}) + f"# {uri}\n")


def items(root: Path, uris) -> list[GeneratedPage | GeneratedFile]:
    return [page(uri) if uri.endswith(".md") else GeneratedFile(uri, root / "src" / Path(uri).name) for uri in uris]


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file, folder and link under `folder` as it is, without following a link."""
    seen = {}
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(base) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                seen[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                seen[rel] = ("folder",)
            else:
                seen[rel] = ("file", path.read_bytes(), path.stat().st_mtime_ns)
    return seen


def small_project(root: Path) -> Path:
    """A project whose docs/ holds hand-written pages, a folder of someone's, and links out of it,
    with the guide's pages generated once; and beside it a folder that is not the project's at all."""
    project, docs, outside = root / "project", root / "project" / "docs", root / "outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "f.txt").write_text("not the project's\n")
    (outside / "sub" / "g.md").write_text(front_matter({"title": "outside"}) + "# a page outside docs/\n")
    (root / "src").mkdir()
    for name in ("doc.docx", "s1-policy.pdf"):
        (root / "src" / name).write_bytes(b"document " + name.encode())
    for uri, text in HAND.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(text)
    (docs / "deep").mkdir()  # someone's empty folder, which the guide then writes into
    (docs / "out").symlink_to(outside)
    (docs / "gen" / "out.md").symlink_to(outside / "sub" / "g.md")
    (project / RECORD).parent.mkdir()
    (project / RECORD).write_text('{"files": {}, "folders": []}')  # the guide has run here before
    generate._write_all(project, items(root, MADE))
    return project


# Entries a bad merge or a stray edit could put in the record: outside docs/, through links, hand-written.
def hostile_entries(root: Path) -> list[str]:
    outside = root / "outside"
    return [
        str(outside / "f.txt"),
        str(outside / "sub" / "g.md"),
        "../outside/f.txt",
        "../../outside/f.txt",
        "gen/../../outside/f.txt",
        "gen/b/../../../outside/f.txt",
        "out/f.txt",
        "out/sub/g.md",
        "out",
        "gen/out.md",
        "./index.md",
        "gen//a.md",
        "",
        ".",
        "..",
        ".gitignore",
        "C:/outside/f.txt",
        "gen\\..\\..\\outside\\f.txt",
        *HAND,
        "mine",
        "gen",
        "deep",
    ]


def stamp_choices(root: Path, uri: str):
    """What the record may say of `uri`: the file's true size and time, wrong ones, or no stamp at all.
    A hand-written file that is not a page carries no mark of its own: its size and time to the
    nanosecond are what tell it from the guide's, so the record is never given its true ones."""
    true = []
    try:
        found = os.stat(root / "project" / "docs" / uri) if not uri.startswith("/") else os.stat(uri)
        if not (uri in HAND and not uri.endswith(".md")):
            true = [[found.st_size, found.st_mtime_ns]]
    except OSError:
        pass
    wrong = st.lists(st.integers(min_value=-5, max_value=2**63), min_size=2, max_size=2)
    garbage = st.one_of(st.none(), st.text(max_size=5), st.integers(), st.just([]), st.just([[1, 2], "x"]))
    return st.one_of(st.sampled_from(true) if true else st.nothing(), wrong, garbage)


@st.composite
def records(draw, root: Path):
    files = {}
    for uri in MADE:
        if draw(st.booleans()):
            files[uri] = draw(stamp_choices(root, uri))
    for uri in draw(st.lists(st.sampled_from(hostile_entries(root)), max_size=10, unique=True)):
        files[uri] = draw(stamp_choices(root, uri))
    # (not "deep": a folder the record says the guide made is believed, and removed once empty)
    claimed = [uri for uri in hostile_entries(root) if uri != "deep"] + ["gen/b", "deep/x", "deep/x/y"]
    folders = draw(st.lists(st.sampled_from(claimed), max_size=6))
    shape = draw(st.sampled_from(["record", "files alone", "no folders"]))
    if shape == "files alone":
        return files
    return {"files": files} if shape == "no folders" else {"files": files, "folders": folders}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), still_made=st.sets(st.sampled_from(MADE)), link_a_generated_folder=st.booleans())
def test_whatever_the_record_says_nothing_outside_docs_and_no_hand_written_page_is_removed(
    data, still_made, link_a_generated_folder
):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project = small_project(root)
        docs = project / "docs"
        if link_a_generated_folder:  # a folder the guide made, swapped for a link to somewhere else
            os.rename(docs / "gen" / "b", root / "moved-b")
            (docs / "gen" / "b").symlink_to(root / "outside" / "sub")
        record = data.draw(records(root))
        (project / RECORD).write_text(json.dumps(record))
        outside_before, docs_before = snapshot(root / "outside"), snapshot(docs)
        try:
            written = generate._write_all(project, items(root, sorted(still_made)))
        except (HandWritten, OutsideDocs) as err:
            assert link_a_generated_folder, err  # only ever the link: refused before anything is written
            assert snapshot(docs) == docs_before
            written = None
        assert snapshot(root / "outside") == outside_before, "a file outside docs/ changed"
        for uri, text in HAND.items():
            assert (docs / uri).read_text() == text, f"docs/{uri}, written by hand, changed"
        assert os.readlink(docs / "out") == str(root / "outside") and (docs / "gen" / "out.md").is_symlink()
        gone = {uri for uri in docs_before if not os.path.lexists(docs / uri)}
        may_go = set(MADE) - still_made
        may_go |= {
            f
            for uri in may_go
            for f in ("gen/b", "deep/x", "deep/x/y", "schools/s1", "schools")
            if uri.startswith(f + "/")
        }
        assert gone <= may_go, f"removed what the guide does not make any more, only: {sorted(gone - may_go)}"
        if written is not None:
            said = "\n".join(written.notes)
            for uri in record.get("files", record):
                if path_problem(uri):
                    assert repr(uri) in said and str(RECORD) in said, f"{uri!r} was not refused by name"
            assert read_record(project).files.keys() == still_made
            assert all(path_problem(f) is None for f in read_record(project).folders)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(
    text=st.one_of(
        st.binary(max_size=200),
        JSON.map(lambda value: json.dumps(value).encode()),
        st.just(b"[" * 100_000 + b"]" * 100_000),  # nested deeper than a parser's stack
        st.just(b"\xff\xfe not text"),
    )
)
def test_a_record_that_cannot_be_read_is_made_again_and_removes_nothing_it_cannot_vouch_for(text):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project = small_project(root)
        docs = project / "docs"
        (project / RECORD).write_bytes(text)
        problem = read_record(project).problem
        outside, before = snapshot(root / "outside"), snapshot(docs)
        written = generate._write_all(project, items(root, PAGES[:2]))
        assert snapshot(root / "outside") == outside
        for uri, hand in HAND.items():
            assert (docs / uri).read_text() == hand
        assert not {uri for uri in before if not os.path.lexists(docs / uri)}, "removed with no record to go by"
        assert read_record(project).files.keys() == set(PAGES[:2])
        if problem:
            assert "made again from the pages the guide makes now" in "\n".join(written.notes)


def test_an_unreadable_record_is_said_to_be_made_again(tmp_path):
    project = small_project(tmp_path)
    (project / RECORD).write_text("{not json")
    written = generate._write_all(project, items(tmp_path, PAGES))
    said = "\n".join(written.notes)
    assert (
        f"{RECORD}, cannot be read (it is not JSON)" in said and "made again from the pages the guide makes now" in said
    )
    assert written.removed == [] and all((project / "docs" / uri).exists() for uri in DOWNLOADS)


def test_a_folder_is_removed_when_emptied_only_if_the_guide_made_it(tmp_path):
    project = small_project(tmp_path)
    docs = project / "docs"
    generate._write_all(project, items(tmp_path, [uri for uri in MADE if not uri.startswith("deep/")]))
    assert not (docs / "deep" / "x").exists(), "the folders the guide made for deep/x/y/z.md were left"
    assert (docs / "deep").is_dir(), "someone's own folder, made before the guide wrote into it, was removed"
    generate._write_all(project, items(tmp_path, [uri for uri in MADE if not uri.startswith("gen/b/")]))
    assert not (docs / "gen" / "b").exists() and (docs / "gen" / "own.md").is_file()


def test_a_page_written_by_a_run_that_was_stopped_is_removed_once_no_longer_made(tmp_path, monkeypatch):
    project = small_project(tmp_path)
    docs = project / "docs"
    later = [*MADE, "gen/new/e.md", "gen/new/f.md"]
    put = generate._put

    def stopped_after_one(dest, item):
        if not (docs / "gen" / "new").exists() or not any((docs / "gen" / "new").iterdir()):
            return put(dest, item)
        raise KeyboardInterrupt  # stands for kill -9 between two files

    monkeypatch.setattr(generate, "_put", stopped_after_one)
    with pytest.raises(KeyboardInterrupt):
        generate._write_all(project, items(tmp_path, later))
    monkeypatch.setattr(generate, "_put", put)
    assert (docs / "gen" / "new" / "e.md").is_file() and not (docs / "gen" / "new" / "f.md").exists()
    written = generate._write_all(project, items(tmp_path, MADE))  # e.md is no longer made
    assert "gen/new/e.md" in written.removed and not (docs / "gen" / "new").exists()


def test_pages_are_never_written_through_a_link_out_of_docs(tmp_path):
    project = small_project(tmp_path)
    before = snapshot(tmp_path / "outside")
    with pytest.raises(OutsideDocs, match="docs/out leads to .*outside docs/"):
        generate._write_all(project, items(tmp_path, [*MADE, "out/new.md"]))
    assert snapshot(tmp_path / "outside") == before


# ---- the real project, with its record lost -----------------------------------------------------


def run_generate(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "python"), "-m", "cohesion_guide.site.generate"], cwd=project, capture_output=True, text=True
    )


def test_with_the_record_and_the_list_for_git_lost_generate_says_so_and_carries_on(project_copy):
    docs = project_copy / "docs"
    assert run_generate(project_copy).returncode == 0
    (project_copy / RECORD).unlink()
    (docs / ".gitignore").unlink()
    for folder in ("schools", "audits"):  # and a school went meanwhile: its pages are no longer made
        (project_copy / folder / "northgate-academy.yml").unlink()
    again = run_generate(project_copy)
    assert again.returncode == 0, again.stderr
    assert "(the file name)" not in again.stderr, "a case study was blamed for its own generated page"
    assert f"The record of the generated pages, {RECORD}, is missing" in again.stderr
    assert "docs/schools/northgate-academy/index.md" in again.stderr  # kept, and named
    assert (docs / "schools" / "northgate-academy" / "index.md").is_file()
    # the list of schools for the builder changed, and nothing tells whose the old one is: kept aside
    assert "kept as docs/make-a-policy/.schools.json.kept (not published)" in again.stderr
    assert "northgate-academy" in (docs / "make-a-policy" / ".schools.json.kept").read_text(encoding="utf-8")
    assert run_generate(project_copy).stderr.splitlines()[-1].startswith("Generated pages: 0 written")


def test_the_list_for_git_never_makes_a_file_the_guides_to_remove(project_copy):
    docs = project_copy / "docs"
    assert run_generate(project_copy).returncode == 0
    (project_copy / RECORD).unlink()
    listing = docs / ".gitignore"
    listing.write_text(listing.read_text() + "/index.md\n/../local.yml\n/about.md\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (docs / "index.md", docs / "about.md", project_copy / "local.yml")}
    result = run_generate(project_copy)
    assert result.returncode == 0, result.stderr
    assert all(path.read_bytes() == data for path, data in before.items())
