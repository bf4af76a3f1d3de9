"""Write outputs whole or not at all: a temporary file or folder, moved into place only on success."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from cohesion_guide.errors import EmptyOutput

# mkstemp and mkdtemp make private files (0600, 0700); outputs are published, so they get the
# permissions an ordinary new file would have. The umask can only be read by setting it, so read
# it once, at import, before any threads exist.
_UMASK = os.umask(0)
os.umask(_UMASK)


@contextmanager
def atomic_path(dest: Path, *, allow_empty: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `dest`; move it onto `dest` only if the block succeeds.

    On any error (or interruption) the temporary file is removed and `dest`, if it existed,
    is left exactly as it was. Missing parent folders are created. A file left empty by the
    block counts as a failure unless `allow_empty` is set.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Same folder, so os.replace is a rename within one file system: atomic.
    handle, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        if not allow_empty and tmp.stat().st_size == 0:
            raise EmptyOutput(f"{dest.name} came out empty, so it was not written; any earlier copy was kept.")
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_dir(dest: Path) -> Iterator[Path]:
    """Yield a temporary folder beside `dest`; swap it in as `dest` only if the block succeeds.

    The previous `dest` folder is kept until the new one is in place, and is put back if the
    swap itself fails. On any error the temporary folder is removed and `dest` is untouched.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part"))
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_UMASK)
        _swap_in(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap_in(new: Path, dest: Path) -> None:
    """Put folder `new` at `dest`, keeping the old `dest` aside until that has worked."""
    if not dest.exists():
        os.rename(new, dest)
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
