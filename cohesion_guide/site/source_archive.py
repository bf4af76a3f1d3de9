"""The site's own source as a download: a zip of the project's files as the site was built from them.

An authority starts its own copy from the site alone, with no code-hosting account. In a git
checkout the zip holds the tracked files as they are on disk (a change not yet committed is
included, and the zip says so), with the commit and its date; elsewhere (a copy of the project, an
unpacked download) it holds the project's files less what a build makes, and says there was no
commit to name. Its SOURCE.txt names the repository the copy comes from (local.yml's repo_url, or
the project's own address in pyproject.toml's [project.urls]) or, with neither, says how to take
later versions without one; a copy made from an unpacked download keeps the commit that download
came from. The zip is made once for each content and kept in .cache/source/: a build whose files
have not changed reuses it, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
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


# The line of a SOURCE.txt that names the commit a copy was built from: an unpacked download keeps it,
# so a copy built again from that download can say where it started.
STARTED_FROM = re.compile(
    r"^It started from the guide's source at commit ([0-9a-f]{7,40}) of (\d{4}-\d{2}-\d{2})", re.M
)
BUILT_FROM = re.compile(r"^Built from commit ([0-9a-f]{7,40}) of (\d{4}-\d{2}-\d{2})", re.M)


@dataclass(frozen=True)
class SourceArchive:
    path: Path  # the zip, under .cache/source/
    size: int  # bytes
    date: str  # the commit's date (git) or the day the zip was first made, as YYYY-MM-DD
    commit: str | None  # the full commit, or None when the project is not a git checkout
    changed: bool  # the files differ from the commit (uncommitted changes are in the zip)
    files: int
    repository: str | None = None  # where later versions are kept, when one is configured
    origin: tuple[str, str] | None = None  # (commit, date) of the download this copy was unpacked from


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
    # The SOURCE.txt of a download the copy was unpacked from is replaced by the zip's own, never doubled
    return sorted(name for name in set(listed.split("\0")) if name and name != README and (project / name).is_file())


def _found_files(project: Path) -> list[str]:
    """A project that is not a checkout: every file but what a build or a tool made."""
    made = {f"docs/{uri}" for uri in generated_files(project)} | {"docs/.gitignore"}
    found = []
    for folder, dirs, names in os.walk(project):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCE and not d.endswith(".egg-info"))
        for name in names:
            rel = (Path(folder) / name).relative_to(project).as_posix()
            if name not in NOT_SOURCE and rel not in made and rel != README and not name.endswith(".pyc"):
                found.append(rel)
    return sorted(found)


def project_repository(project: Path) -> str | None:
    """The project's own public address, when pyproject.toml names one under [project.urls]."""
    try:
        urls = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for key in ("Repository", "Source", "Homepage"):
        if isinstance(urls.get(key), str) and urls[key].startswith("https://"):
            return urls[key]
    return None


def _origin(project: Path) -> tuple[str, str] | None:
    """The commit and date an unpacked download came from, as its SOURCE.txt recorded them."""
    try:
        notes = (project / README).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = STARTED_FROM.search(notes) or BUILT_FROM.search(notes)  # the first copy's commit, when named
    return (found.group(1), found.group(2)) if found else None


UPDATES_WITHOUT_A_REPOSITORY = (
    "This copy names no repository. To take later versions without one:\n"
    "1. Before you change anything, put this folder in a git repository of its own and commit it as it\n"
    "   is (git init, git add ., git commit), so that your own changes stay apart from the guide's.\n"
    "2. When you want a later version, download the source again from the site you took this one from\n"
    '   ("Download the guide\'s source", in its footer). Its SOURCE.txt names the commit and date it was\n'
    "   built from: compare them with the ones above.\n"
    "3. On a branch made from your first commit, replace the files with the new download's and commit;\n"
    "   then merge that branch into yours. Git keeps your changes and shows any line where yours and\n"
    "   the guide's meet, for you to settle.\n"
)


def _notes(
    commit: str | None,
    date: str,
    changed: bool,
    count: int,
    repository: str | None = None,
    origin: tuple[str, str] | None = None,
) -> str:
    if commit is None:
        where = (
            "This copy of the guide was not built from a git checkout, so there is no commit to name: these\n"
            "are the project's files as the build found them, less what a build makes."
        )
    else:
        where = f"Built from commit {commit} of {date}."
        if changed:
            where += "\nThe files had changes not yet committed, and those changes are included."
    if origin and origin[0] != commit:
        where += f"\nIt started from the guide's source at commit {origin[0]} of {origin[1]}."
    if repository:
        updates = f"Later versions of the guide are kept in the repository this copy came from:\n{repository}\n"
    else:
        updates = UPDATES_WITHOUT_A_REPOSITORY
    return (
        "Community Cohesion Guide: the source of this site\n\n"
        f"{where}\n"
        f"Files: {count}. Date: {date}.\n\n"
        "To start your own copy: unpack this folder, read README.md, edit local.yml (your authority's\n"
        "name, contacts and schools), then run `make serve` to see it and `make site` to build it.\n\n"
        f"{updates}"
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


def make(project_dir: Path, today: datetime | None = None, repository: str | None = None) -> SourceArchive:
    """The project's source as a zip in .cache/source/, made only when the files or its notes changed.

    `repository` is local.yml's repo_url, when it names one; otherwise the project's own address."""
    project = Path(project_dir).resolve()
    repository = repository or project_repository(project)
    origin = _origin(project)
    commit = changed = None
    if _checkout(project):
        commit = (_git(project, "rev-parse", "HEAD") or "").strip() or None
        files = _git_files(project)
    else:
        files = _found_files(project)
    if commit:
        date = (_git(project, "log", "-1", "--format=%cs") or "").strip()
        changed = bool((_git(project, "status", "--porcelain", "--untracked-files=no") or "").strip())
    hashed = hashlib.sha256(f"{commit}\0{changed}\0{repository}\0{origin}\0".encode())
    for name in files:
        hashed.update(name.encode("utf-8", "surrogateescape") + b"\0" + (project / name).read_bytes() + b"\0")
    key = hashed.hexdigest()[:32]
    cache = project / CACHE
    kept = cache / f"{key}.zip"
    if commit is None:  # no commit date: the day this content was first archived
        date = (
            datetime.fromtimestamp(kept.stat().st_mtime, UTC) if kept.is_file() else (today or datetime.now(UTC))
        ).strftime("%Y-%m-%d")
    if not kept.is_file():
        year, month, day = (int(part) for part in date.split("-"))
        _zip(
            kept,
            project,
            files,
            _notes(commit, date, bool(changed), len(files), repository, origin),
            (max(year, 1980), month, day, 0, 0, 0),
        )
        for old in cache.glob("*.zip"):  # one archive kept: the current one
            if old != kept:
                old.unlink(missing_ok=True)
    return SourceArchive(kept, kept.stat().st_size, date, commit, bool(changed), len(files), repository, origin)
