"""The site offers its own source: a zip of the tracked files as built, with the commit and its date,
or, outside a git checkout, the project's files as found, saying there is no commit; made once per content."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import lxml.html

from cohesion_guide.site import source_archive
from tests.conftest import site_pages


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(folder), *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def project(tmp_path: Path) -> Path:
    root = tmp_path / "guide"
    (root / "docs").mkdir(parents=True)
    (root / "README.md").write_text("# Guide\n")
    (root / "docs" / "index.md").write_text("Home\n")
    (root / "run").write_text("#!/bin/sh\n")
    (root / "run").chmod(0o755)
    for made in (".venv/bin/python", ".cache/pages/x", "site/index.html", "node_modules/a/b.js"):
        (root / made).parent.mkdir(parents=True, exist_ok=True)
        (root / made).write_text("not source")
    return root


def names(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zipped:
        return {info.filename: zipped.read(info) for info in zipped.infolist()}


def test_a_git_checkout_gives_its_tracked_files_with_the_commit_and_its_date(tmp_path):
    root = project(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "README.md", "docs/index.md", "run")
    git(root, "commit", "-qm", "first")
    (root / "untracked.txt").write_text("mine")
    made = source_archive.make(root)
    commit = git(root, "rev-parse", "HEAD").strip()
    assert made.commit == commit and not made.changed and made.files == 3
    assert made.date == git(root, "log", "-1", "--format=%cs").strip()
    inside = names(made.path)
    folder = source_archive.FOLDER
    assert set(inside) == {f"{folder}/{n}" for n in ("SOURCE.txt", "README.md", "docs/index.md", "run")}
    notes = inside[f"{folder}/SOURCE.txt"].decode()
    assert f"Built from commit {commit} of {made.date}." in notes and "not yet committed" not in notes
    with zipfile.ZipFile(made.path) as zipped:  # the executable bit survives, for scripts such as .ci/run
        assert zipped.getinfo(f"{folder}/run").external_attr >> 16 == 0o755


def test_the_same_files_reuse_the_same_zip_and_a_change_makes_a_new_one_saying_so(tmp_path):
    root = project(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "README.md", "docs/index.md")
    git(root, "commit", "-qm", "first")
    first = source_archive.make(root)
    stamp = first.path.stat().st_mtime_ns
    again = source_archive.make(root)
    assert again.path == first.path and again.path.stat().st_mtime_ns == stamp
    (root / "docs" / "index.md").write_text("Home, changed\n")
    changed = source_archive.make(root)
    assert changed.path != first.path and not first.path.exists() and changed.changed
    inside = names(changed.path)
    assert inside[f"{source_archive.FOLDER}/docs/index.md"] == b"Home, changed\n"
    assert "changes not yet committed" in inside[f"{source_archive.FOLDER}/SOURCE.txt"].decode()


def test_the_same_content_makes_the_same_bytes(tmp_path):
    one, two = project(tmp_path / "a"), project(tmp_path / "b")
    day = datetime(2026, 12, 7, tzinfo=UTC)
    assert (
        source_archive.make(one, today=day).path.read_bytes() == source_archive.make(two, today=day).path.read_bytes()
    )


def test_a_project_that_is_not_a_checkout_gives_its_files_as_found_and_says_there_is_no_commit(tmp_path):
    root = project(tmp_path)
    made = source_archive.make(root, today=datetime(2026, 12, 7, tzinfo=UTC))
    assert made.commit is None and made.date == "2026-12-07"
    inside = names(made.path)
    assert {n.split("/", 1)[1] for n in inside} == {"SOURCE.txt", "README.md", "docs/index.md", "run"}
    assert "not built from a git checkout" in inside[f"{source_archive.FOLDER}/SOURCE.txt"].decode()


def test_a_folder_inside_someone_elses_checkout_is_not_taken_for_a_checkout(tmp_path):
    outer = tmp_path / "outer"
    outer.mkdir()
    git(outer, "init", "-q")
    root = project(outer)
    made = source_archive.make(root)
    assert made.commit is None and made.files == 3


def unpack(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(into)
    return into / source_archive.FOLDER


def test_a_copy_built_from_an_unpacked_download_has_one_source_txt_and_keeps_the_commit_it_came_from(tmp_path):
    root = project(tmp_path / "upstream")
    git(root, "init", "-q")
    git(root, "add", "README.md", "docs/index.md", "run")
    git(root, "commit", "-qm", "first")
    commit = git(root, "rev-parse", "HEAD").strip()
    first = source_archive.make(root)
    copy = unpack(first.path, tmp_path / "authority")
    (copy / "docs" / "index.md").write_text("Our home\n")
    second = source_archive.make(copy, today=datetime(2026, 12, 8, tzinfo=UTC))
    with zipfile.ZipFile(second.path) as zipped:
        listed = [info.filename for info in zipped.infolist()]
    assert listed.count(f"{source_archive.FOLDER}/SOURCE.txt") == 1 and len(listed) == len(set(listed))
    notes = names(second.path)[f"{source_archive.FOLDER}/SOURCE.txt"].decode()
    assert second.commit is None and second.origin == (commit, first.date)
    assert f"It started from the guide's source at commit {commit} of {first.date}." in notes
    # a third generation, from the second download, still names the first commit
    third = source_archive.make(unpack(second.path, tmp_path / "again"))
    assert third.origin == (commit, first.date)
    assert f"commit {commit} of {first.date}" in names(third.path)[f"{source_archive.FOLDER}/SOURCE.txt"].decode()


def test_source_txt_names_the_repository_or_says_how_to_keep_up_to_date_without_one(tmp_path):
    root = project(tmp_path)
    without = names(source_archive.make(root).path)[f"{source_archive.FOLDER}/SOURCE.txt"].decode()
    assert "names no repository" in without and "git init" in without and "Download the guide's source" in without
    named = source_archive.make(root, repository="https://git.example.org/authority/guide")
    notes = names(named.path)[f"{source_archive.FOLDER}/SOURCE.txt"].decode()
    assert named.repository == "https://git.example.org/authority/guide"
    assert "https://git.example.org/authority/guide" in notes and "names no repository" not in notes


def test_the_projects_own_address_in_pyproject_is_named_when_local_yml_names_none(tmp_path):
    root = project(tmp_path)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "g"\n[project.urls]\nRepository = "https://git.example.org/guide"\n'
    )
    made = source_archive.make(root)
    assert made.repository == "https://git.example.org/guide"
    assert "https://git.example.org/guide" in names(made.path)[f"{source_archive.FOLDER}/SOURCE.txt"].decode()
    assert (
        source_archive.make(root, repository="https://git.example.org/ours").repository
        == "https://git.example.org/ours"
    )


def test_the_built_site_offers_the_zip_from_the_authorities_page_and_every_footer(built_site):
    zipped = built_site / source_archive.URI
    assert zipfile.is_zipfile(zipped)
    inside = names(zipped)
    assert f"{source_archive.FOLDER}/mkdocs.yml" in inside and f"{source_archive.FOLDER}/local.yml" in inside
    assert not any("/.venv/" in n or "/node_modules/" in n or "/.cache/" in n for n in inside)
    page = lxml.html.fromstring((built_site / "local-authorities" / "index.html").read_text(encoding="utf-8"))
    link = page.xpath(f'//article//a[@href="../{source_archive.URI}"]')
    assert link and "Download the guide's source (zip" in link[0].text_content()
    said = " ".join(link[0].getparent().itertext())
    assert "commit" in said or "not built from a git checkout" in said
    for rel in ("", "duty/today/", "schools/riverside-primary/"):
        footer = lxml.html.fromstring((built_site / rel / "index.html").read_text(encoding="utf-8")).xpath(
            "//footer//a"
        )
        hrefs = [a.get("href") for a in footer if "source" in a.text_content()]
        assert any(h.endswith(source_archive.URI) for h in hrefs), rel
    assert len(site_pages(built_site)) > 50
