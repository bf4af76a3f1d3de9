"""Publishing through a link (issue 23): when site/ is a symbolic link to a web root, `make site`
builds beside the folder it leads to and swaps that folder in whole, never replacing the link,
never writing through a leftover and never deleting a file the build did not make; a build that
fails, is killed, finds the disk full or the folder read-only leaves the published site as it was.

The project here is a small one (a few pages), so each build takes a second or two; the faults are
real ones, made inside the build's own processes by a sitecustomize module (FAULTS below)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cohesion_guide.site.publish import PUBLISHED
from tests.conftest import ROOT

# Loaded by every Python process of the build (publish, then MkDocs) through PYTHONPATH. FAULT says
# which fault: "stall" (stop after some files are written and wait to be killed), "full" (the disk
# is full after some files), "late" (someone adds a file to the web root while the site is built),
# "no-folder-beside" (nothing can be made beside the web root), "no-swap" (the folders cannot be
# exchanged, as for a read-only file system). Only writes into a new build (".new") are touched.
FAULTS = r"""
import builtins, errno, os, sys
FAULT, AFTER, MARK = os.environ.get("FAULT"), int(os.environ.get("FAULT_AFTER", "5")), os.environ.get("FAULT_MARK")
_open, _link, _mkdir, written = builtins.open, os.link, os.mkdir, [0]

def _into_new_build(path):
    return ".new" + os.sep in os.fspath(path) if isinstance(path, (str, bytes, os.PathLike)) else False

def _opened(file, mode="r", *args, **kwargs):
    if any(c in mode for c in "wax+") and _into_new_build(file):
        written[0] += 1
        if written[0] > AFTER:
            if FAULT == "full":
                raise OSError(errno.ENOSPC, "No space left on device", os.fspath(file))
            if FAULT == "stall":
                with _open(MARK, "w") as mark:
                    mark.write(str(os.getpid()))
                import time
                time.sleep(600)
        if FAULT == "late" and written[0] == 1:
            with _open(os.path.join(MARK, "added-meanwhile.txt"), "w") as late:
                late.write("someone's file")
    return _open(file, mode, *args, **kwargs)

def _linked(src, dst, *args, **kwargs):
    if FAULT == "full" and _into_new_build(dst):
        raise OSError(errno.ENOSPC, "No space left on device", os.fspath(dst))
    return _link(src, dst, *args, **kwargs)

def _made(path, *args, **kwargs):
    if FAULT == "no-folder-beside" and os.fspath(path).endswith(".new"):
        raise OSError(errno.EROFS, "Read-only file system", os.fspath(path))
    return _mkdir(path, *args, **kwargs)

if FAULT in ("stall", "full", "late"):
    builtins.open, os.link = _opened, _linked
if FAULT == "no-folder-beside":
    os.mkdir = _made
if FAULT == "no-swap":
    import cohesion_guide.files as files
    def _refused(first, second):
        raise OSError(errno.EROFS, "Read-only file system", str(second))
    files.exchange = _refused
"""

PAGES = {
    "index.md": "# A small guide\n",
    "duty/dimensions.md": "# Dimensions\n",
    "duty/strands.md": "# Strands\n",
    "policies/index.md": "# Policies\n",
}


@pytest.fixture
def project(mkdocs_build, tmp_path) -> Path:
    """A small project (the generated pages, and a few pages of its own) whose site/ links to a web root."""
    project = tmp_path / "project"
    for uri, text in PAGES.items():
        (project / "docs" / uri).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / uri).write_text(text, encoding="utf-8")
    (project / "local.yml").write_text((ROOT / "local.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: A small guide\n", encoding="utf-8")
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # Pyodide, for the builder's pages
    (tmp_path / "faults").mkdir()
    (tmp_path / "faults" / "sitecustomize.py").write_text(FAULTS, encoding="utf-8")
    (tmp_path / "www" / "html").mkdir(parents=True)
    (project / "site").symlink_to(tmp_path / "www" / "html")
    return project


def publish(project: Path, fault: str | None = None, after: int = 5, mark: Path | None = None, wait=True):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if fault:
        env.update(
            FAULT=fault,
            FAULT_AFTER=str(after),
            FAULT_MARK=str(mark or ""),
            PYTHONPATH=os.pathsep.join([str(project.parent / "faults"), env.get("PYTHONPATH", "")]),
        )
    command = [sys.executable, "-m", "cohesion_guide.site.publish"]
    if not wait:
        return subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file, folder and link under `folder`, with its bytes and inode, without following a link."""
    seen = {".": ("folder", folder.lstat().st_ino)} if folder.exists() else {}
    for base, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = Path(base) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                seen[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                seen[rel] = ("folder",)
            else:
                seen[rel] = ("file", path.read_bytes(), path.lstat().st_ino)
    return seen


def beside(project: Path) -> list[str]:
    """What is in the web root's folder besides the web root itself: a build's leftovers, if any."""
    return sorted(p.name for p in (project.parent / "www").iterdir() if p.name != "html")


def published_once(project: Path) -> dict[str, tuple]:
    first = publish(project)
    assert first.returncode == 0, first.stderr[-3000:]
    return snapshot(project.parent / "www" / "html")


def test_a_linked_site_is_built_beside_the_folder_it_leads_to_and_swapped_in_whole(project):
    www = project.parent / "www" / "html"
    published_once(project)
    assert (www / "index.html").is_file() and (project / "site").is_symlink()
    listed = json.loads((www / PUBLISHED).read_text(encoding="utf-8"))
    assert "index.html" in listed and PUBLISHED not in listed
    before = www.lstat().st_ino
    (project / "docs" / "index.md").write_text("# A small guide, changed\n", encoding="utf-8")
    second = publish(project)
    assert second.returncode == 0, second.stderr[-3000:]
    assert os.readlink(project / "site") == str(www), "the link was replaced"
    assert "changed" in (www / "index.html").read_text(encoding="utf-8")
    assert www.lstat().st_ino != before, "the site was rewritten in place, not swapped in whole"
    assert beside(project) == [] and not (project / ".site.new").exists()


def test_a_web_root_holding_files_the_build_did_not_make_is_refused_and_left_as_it_was(project):
    www = project.parent / "www" / "html"
    (www / "index.html").write_text("the web server's own page", encoding="utf-8")
    (www / ".well-known" / "acme-challenge").mkdir(parents=True)
    (www / ".well-known" / "acme-challenge" / "token").write_text("a certificate's proof", encoding="utf-8")
    before = snapshot(www)
    refused = publish(project)
    assert refused.returncode != 0
    assert f"site/ is a link to {www}" in refused.stderr and ".well-known/acme-challenge/token" in refused.stderr
    assert "Move them elsewhere, or point the link at a folder of the guide's own" in refused.stderr
    assert snapshot(www) == before and beside(project) == []
    # moved away as the message says: published; and a file added later stops the next build again
    (www / "index.html").unlink()
    (www / ".well-known" / "acme-challenge" / "token").rename(project.parent / "token")
    published = published_once(project)
    (www / "notes.txt").write_text("added by hand", encoding="utf-8")
    again = publish(project)
    assert again.returncode != 0 and "notes.txt" in again.stderr
    assert snapshot(www) == {**published, "notes.txt": snapshot(www)["notes.txt"]}


def test_the_link_an_earlier_make_site_moved_to_site_new_is_named_and_never_written_through(project):
    www = project.parent / "www" / "html"
    published = published_once(project)
    (project / "site").unlink()  # as the first `make site` before this fix left it: the link moved away
    (project / ".site.new").symlink_to(www)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("built into a folder", encoding="utf-8")
    refused = publish(project)
    assert refused.returncode != 0
    assert f"{project / '.site.new'} is a link to {www}" in refused.stderr and "mv" in refused.stderr
    assert snapshot(www) == published and os.readlink(project / ".site.new") == str(www)
    assert (project / "site" / "index.html").read_text() == "built into a folder"


def test_a_build_killed_half_way_leaves_the_published_site_exactly_as_it_was(project):
    www = project.parent / "www" / "html"
    published = published_once(project)
    (project / "docs" / "index.md").write_text("# Changed\n", encoding="utf-8")
    mark = project.parent / "stalled"
    build = publish(project, "stall", after=5, mark=mark, wait=False)
    try:
        deadline = time.monotonic() + 240
        while not mark.exists() and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert mark.exists(), build.communicate()[1][-3000:] if build.poll() is not None else "the build never stalled"
        half_built = [name for name in beside(project) if name.endswith(".new")]
        assert half_built, "the build was not made beside the web root"
    finally:
        os.kill(build.pid, signal.SIGKILL)
        build.communicate()
    mkdocs = int(mark.read_text())
    deadline = time.monotonic() + 10
    while _alive(mkdocs) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(mkdocs), "MkDocs outlived the make site that started it"
    assert snapshot(www) == published and os.readlink(project / "site") == str(www)
    again = publish(project)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "Changed" in (www / "index.html").read_text(encoding="utf-8")
    assert beside(project) == [], "the killed build's folder was left behind"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.mark.parametrize(
    "fault, said",
    [
        ("full", "No space left on device"),
        ("no-folder-beside", "a folder cannot be made there (Read-only file system)"),
        ("no-swap", "could not be swapped in there in one step (Read-only file system"),
    ],
)
def test_a_full_or_read_only_disk_leaves_the_published_site_exactly_as_it_was(project, fault, said):
    www = project.parent / "www" / "html"
    published = published_once(project)
    (project / "docs" / "index.md").write_text("# Changed\n", encoding="utf-8")
    failed = publish(project, fault, after=3)
    assert failed.returncode != 0
    assert said in failed.stderr, failed.stderr[-3000:]
    assert snapshot(www) == published, "the published site changed"
    assert os.readlink(project / "site") == str(www) and beside(project) == []


def test_a_file_added_to_the_web_root_during_the_build_is_kept_not_deleted(project):
    www = project.parent / "www" / "html"
    published_once(project)
    done = publish(project, "late", mark=www)
    assert done.returncode == 0, done.stderr[-3000:]
    kept = [name for name in beside(project) if name.endswith(".kept")]
    assert len(kept) == 1 and f"are kept in {project.parent / 'www' / kept[0]}" in done.stderr
    assert (project.parent / "www" / kept[0] / "added-meanwhile.txt").read_text() == "someone's file"
    assert sorted(p.name for p in (project.parent / "www" / kept[0]).rglob("*") if p.is_file()) == [
        "added-meanwhile.txt"
    ]  # the old site's own files went; only the stranger's stayed


def test_a_site_folder_of_its_own_is_still_swapped_in_whole(project):
    (project / "site").unlink()
    (project / "site").mkdir()
    (project / "site" / "old.html").write_text("the site before", encoding="utf-8")
    done = publish(project)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (project / "site" / "index.html").is_file() and not (project / "site" / "old.html").exists()
    assert not (project / "site" / PUBLISHED).exists()  # only a linked site lists what it holds
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [".site.lock"]
