"""Write outputs whole or not at all: a temporary file or folder, moved into place only on success."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cohesion_guide.errors import EmptyOutput

# mkstemp and mkdtemp make private files (0600, 0700); outputs are published, so they get the
# permissions an ordinary new file would have. The umask can only be read by setting it, so read
# it once, at import, before any threads exist.
_UMASK = os.umask(0)
os.umask(_UMASK)

# When this run started: a temporary file or folder older than this that no writer holds was left
# by a run that was killed (a writer holds a lock on its own until it is done; see `remove_stale`).
_STARTED = time.time_ns()


@contextmanager
def atomic_path(dest: Path, *, allow_empty: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `dest`; move it onto `dest` only if the block succeeds.

    On any error (or interruption) the temporary file is removed and `dest`, if it existed,
    is left exactly as it was. Missing parent folders are created. A file left empty by the
    block counts as a failure unless `allow_empty` is set.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(dest.parent, f".{dest.name}.")
    # Same folder, so os.replace is a rename within one file system: atomic.
    handle, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    tmp = Path(name)
    try:
        hold(handle)
        yield tmp
        if not allow_empty and tmp.stat().st_size == 0:
            raise EmptyOutput(f"{dest.name} came out empty, so it was not written; any earlier copy was kept.")
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(handle)


@contextmanager
def atomic_dir(dest: Path) -> Iterator[Path]:
    """Yield a temporary folder beside `dest`; swap it in as `dest` only if the block succeeds.

    The previous `dest` folder is kept until the new one is in place, and is put back if the
    swap itself fails. On any error the temporary folder is removed and `dest` is untouched.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with held_folder(dest.parent, f".{dest.name}.") as tmp:
        yield tmp
        os.chmod(tmp, 0o777 & ~_UMASK)
        _swap_in(tmp, dest)


@contextmanager
def held_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A new hidden folder in `parent` (named prefix...part), held by this run while the block runs
    and removed after it (unless the block moved it away). The leftovers of earlier runs with the
    same prefix, killed before they could remove theirs, are removed first (`remove_stale`)."""
    remove_stale(parent, prefix)
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=prefix, suffix=".part"))
    try:
        handle = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:  # a system that cannot open a folder (the browser's): nothing to hold it by
        handle = None
    try:
        hold(handle)
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if handle is not None:
            os.close(handle)


def hold(handle: int | None) -> None:
    """Mark a temporary file or folder as in use for as long as this process has it open."""
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except (OSError, TypeError):  # no locks here (or no handle): its leftovers are never taken for stale
        pass


def remove_stale(folder: Path, prefix: str, suffix: str = ".part") -> int:
    """Remove the temporary files and folders (named prefix...suffix) in `folder` that killed runs
    left: older than this run, and held by no process. A writer holds its own (`hold`) until it
    is done, and a process's locks go with it, so one that is still writing is never touched.
    Returns how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(suffix)):
            continue
        try:
            found = entry.stat(follow_symlinks=False)
            is_dir = stat.S_ISDIR(found.st_mode)
            if found.st_mtime_ns >= _STARTED or not (is_dir or stat.S_ISREG(found.st_mode)):
                continue
            handle = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | (os.O_DIRECTORY if is_dir else 0))
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: still being written (or locks cannot be taken here)
            os.close(handle)
            continue
        try:
            if is_dir:
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
            removed += 1
        except OSError:
            pass
        finally:
            os.close(handle)
    return removed


_RENAME_EXCHANGE = 2  # linux/fs.h
_libc = None


def exchange(first: Path, second: Path) -> None:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE): at every moment each name
    holds one of the two. Raises OSError where the system or the file system cannot do it."""
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    at_cwd = -100
    if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first))


def _swap_in(new: Path, dest: Path) -> None:
    """Put folder `new` at `dest`. Where the system can, the two are exchanged in one step, so there
    is never a moment without `dest`; elsewhere the old `dest` is kept aside until the swap worked."""
    if not dest.exists():
        os.rename(new, dest)
        return
    try:
        exchange(new, dest)
    except OSError as err:
        if err.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EXDEV):
            raise
    else:
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old folder
        return
    # Two renames, not one: a folder cannot be renamed onto a folder that has files in it.
    old = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".old"))
    os.rmdir(old)  # only the unique name is wanted
    os.rename(dest, old)
    try:
        os.rename(new, dest)
    except BaseException:
        os.rename(old, dest)
        raise
    shutil.rmtree(old, ignore_errors=True)


def clean_stale(folders) -> int:
    """Remove the .part and .old folders a killed build left in each folder (a school's folder in
    .cache), skipping any folder another process holds the lock of (it is making them now).
    Returns how many were removed."""
    removed = 0
    for folder in folders:
        folder = Path(folder)
        leftovers = [p for p in folder.glob(".*") if p.name.endswith((".part", ".old"))]
        if not leftovers:
            continue
        with open(folder / ".lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # in use: its .part is being written
            for path in leftovers:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed += 1
    return removed


# What the generated pages are made from, and a stamp of them as the last run of site/generate.py
# found them: a build that finds them changed since says its generated pages are out of date.
GENERATED_FROM = Path(".cache") / "generated-from"
SOURCES = ("local.yml", "schools", "audits", "case_studies", "model_policies")


def stamp_files(project_dir: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Every file under the named files and folders of a project, with its size and modification time."""
    seen = {}
    for name in names:
        root = Path(project_dir) / name
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed while we looked
                continue
            seen[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return seen


def sources_stamp(project_dir: Path) -> str:
    return hashlib.sha256(json.dumps(sorted(stamp_files(project_dir, SOURCES).items())).encode()).hexdigest()
