"""Remove a generated file from docs/ without ever following a link, so nothing outside docs/ is touched.

Each folder on the way is opened by name inside the one before it, refusing a link (O_NOFOLLOW):
a folder swapped for a link to somewhere else between the check and the removal is refused too.
"""

from __future__ import annotations

import errno
import os
import stat
from enum import Enum
from pathlib import Path

from cohesion_guide.generated_record import Stamp, has_mark, matches


class Outcome(Enum):
    REMOVED = "removed"
    GONE = "already gone"
    CHANGED = "not as the guide left it (its size or time differ)"
    LINK = "reached through a link, or is one"
    NOT_A_FILE = "not a file"
    UNMARKED = "a page that does not say the guide made it (written by hand)"


def remove(docs: Path, uri: str, stamps: tuple[Stamp, ...], folders: frozenset[str]) -> Outcome:
    """Remove docs/`uri` if it is a plain file still in one of the recorded `stamps` (and, for a
    Markdown page, still says in its front matter that the guide made it), then each folder above
    it that it leaves empty, if that folder is one of `folders` (the ones the generator made)."""
    parts = uri.split("/")
    try:
        fds = _folders(docs, parts[:-1])
    except FileNotFoundError:
        return Outcome.GONE
    except _ThroughLink:
        return Outcome.LINK
    try:
        here, name = fds[-1], parts[-1]
        try:
            found = os.stat(name, dir_fd=here, follow_symlinks=False)
        except FileNotFoundError:
            return Outcome.GONE
        if stat.S_ISLNK(found.st_mode):
            return Outcome.LINK
        if not stat.S_ISREG(found.st_mode):
            return Outcome.NOT_A_FILE
        if not matches(found, lambda: _read(name, here), stamps):
            return Outcome.CHANGED
        if name.endswith(".md") and not has_mark(_read(name, here)):
            return Outcome.UNMARKED
        os.unlink(name, dir_fd=here)
        for depth in range(len(parts) - 1, 0, -1):
            if "/".join(parts[:depth]) not in folders:
                break
            try:
                os.rmdir(parts[depth - 1], dir_fd=fds[depth - 1])
            except OSError:  # not empty (someone's file is in it), or not a folder any more
                break
        return Outcome.REMOVED
    finally:
        for fd in fds:
            os.close(fd)


class _ThroughLink(Exception):
    pass


def _folders(docs: Path, parts: list[str]) -> list[int]:
    """Open docs/ and each folder of `parts` inside the one before; a link or a file on the way is refused."""
    fds = [os.open(docs, os.O_RDONLY | os.O_DIRECTORY)]
    try:
        for part in parts:
            fds.append(os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fds[-1]))
    except OSError as err:
        for fd in fds:
            os.close(fd)
        if err.errno in (errno.ELOOP, errno.ENOTDIR):
            raise _ThroughLink from None
        raise
    return fds


def _read(name: str, folder: int) -> bytes:
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder)
    with os.fdopen(fd, "rb") as opened:
        return opened.read()
