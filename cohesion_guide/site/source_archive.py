"""The site's own source as a download: a zip of the project's files as the site was built from them.

An authority starts its own copy from the site alone, with no code-hosting account. In a git
checkout the zip holds the tracked files as they are on disk (a change not yet committed is
included, and the zip says so), with the commit and its date; elsewhere (a copy of the project, an
unpacked download) it holds the project's files less what a build makes, and says there was no
commit to name. The zip is made once for each content and kept in .cache/source/: a build whose
files have not changed reuses it, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from cohesion_guide.files import atomic_path
from cohesion_guide.generated_record import generated_files

NAME = "community-cohesion-guide-source.zip"
URI = f"downloads/{NAME}"  # where the site serves it: the footer and every page link here
FOLDER = "community-cohesion-guide"  # the one folder the zip unpacks into
README = "SOURCE.txt"
CACHE = Path(".cache") / "source"
# What a build, a test run or an editor leaves in a project that is not a git checkout: never part of
# the source (the same things .gitignore names).
NOT_SOURCE = {
    ".git",
    ".venv",
    ".cache",
    "site",
    ".site.new",
    ".site.old",
    ".site.lock",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    "out",
    "build",
}


@dataclass(frozen=True)
class SourceArchive:
    path: Path  # the zip, under .cache/source/
    size: int  # bytes
    date: str  # the commit's date (git) or the day the zip was first made, as YYYY-MM-DD
    commit: str | None  # the full commit, or None when the project is not a git checkout
    changed: bool  # the files differ from the commit (uncommitted changes are in the zip)
    files: int


def _git(project: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(project), *args], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


def _checkout(project: Path) -> bool:
    """True if `project` is the top of a git checkout (not a folder inside someone else's)."""
    top = _git(project, "rev-parse", "--show-toplevel")
    return top is not None and Path(top.strip()).resolve() == project.resolve()


def _git_files(project: Path) -> list[str]:
    listed = _git(project, "ls-files", "-z", "--cached") or ""
    return sorted(name for name in set(listed.split("\0")) if name and (project / name).is_file())


def _found_files(project: Path) -> list[str]:
    """A project that is not a checkout: every file but what a build or a tool made."""
    made = {f"docs/{uri}" for uri in generated_files(project)} | {"docs/.gitignore"}
    found = []
    for folder, dirs, names in os.walk(project):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCE and not d.endswith(".egg-info"))
        for name in names:
            rel = (Path(folder) / name).relative_to(project).as_posix()
            if name not in NOT_SOURCE and rel not in made and not name.endswith(".pyc"):
                found.append(rel)
    return sorted(found)


def _notes(commit: str | None, date: str, changed: bool, count: int) -> str:
    if commit is None:
        where = (
            "This copy of the guide was not built from a git checkout, so there is no commit to name: these\n"
            "are the project's files as the build found them, less what a build makes."
        )
    else:
        where = f"Built from commit {commit} of {date}."
        if changed:
            where += "\nThe files had changes not yet committed, and those changes are included."
    return (
        "Community Cohesion Guide: the source of this site\n\n"
        f"{where}\n"
        f"Files: {count}. Date: {date}.\n\n"
        "To start your own copy: unpack this folder, read README.md, edit local.yml (your authority's\n"
        "name, contacts and schools), then run `make serve` to see it and `make site` to build it.\n"
        "If you keep your copy in a git repository of your own, you can take later versions of the guide\n"
        "from the repository your copy came from.\n"
    )


def _zip(dest: Path, project: Path, files: list[str], notes: str, stamp: tuple) -> None:
    """The same files give the same bytes: fixed order, fixed times, the executable bit kept."""
    with atomic_path(dest) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
        entry = zipfile.ZipInfo(f"{FOLDER}/{README}", stamp)
        entry.external_attr = 0o644 << 16
        out.writestr(entry, notes, compress_type=zipfile.ZIP_DEFLATED)
        for name in files:
            path = project / name
            entry = zipfile.ZipInfo(f"{FOLDER}/{name}", stamp)
            entry.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
            out.writestr(entry, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)


def make(project_dir: Path, today: datetime | None = None) -> SourceArchive:
    """The project's source as a zip in .cache/source/, made only when the files changed."""
    project = Path(project_dir).resolve()
    commit = changed = None
    if _checkout(project):
        commit = (_git(project, "rev-parse", "HEAD") or "").strip() or None
        files = _git_files(project)
    else:
        files = _found_files(project)
    if commit:
        date = (_git(project, "log", "-1", "--format=%cs") or "").strip()
        changed = bool((_git(project, "status", "--porcelain", "--untracked-files=no") or "").strip())
    hashed = hashlib.sha256(f"{commit}\0{changed}\0".encode())
    for name in files:
        hashed.update(name.encode("utf-8", "surrogateescape") + b"\0" + (project / name).read_bytes() + b"\0")
    key = hashed.hexdigest()[:32]
    cache = project / CACHE
    kept = cache / f"{key}.zip"
    if commit is None:  # no commit date: the day this content was first archived
        date = (
            datetime.fromtimestamp(kept.stat().st_mtime, timezone.utc)
            if kept.is_file()
            else (today or datetime.now(timezone.utc))
        ).strftime("%Y-%m-%d")
    if not kept.is_file():
        year, month, day = (int(part) for part in date.split("-"))
        _zip(
            kept,
            project,
            files,
            _notes(commit, date, bool(changed), len(files)),
            (max(year, 1980), month, day, 0, 0, 0),
        )
        for old in cache.glob("*.zip"):  # one archive kept: the current one
            if old != kept:
                old.unlink(missing_ok=True)
    return SourceArchive(kept, kept.stat().st_size, date, commit, bool(changed), len(files))
