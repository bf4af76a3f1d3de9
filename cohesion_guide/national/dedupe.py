"""Keep each content once: files of the same bytes, anywhere under some folders, become hard links
to one file. Safe here because nothing the guide writes is ever changed in place: every document,
page and site is written anew and renamed into place, so a link keeps the old bytes.

Assembling uses it across the sites (Pyodide, the theme and the builder's files are the same in
every site); a shard uses it across its sites and its cache (a site's downloads are its cache's
documents), so that a CI cache holding both, archived with its links, holds each document once.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path


def _digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            hashed.update(chunk)
    return hashed.hexdigest()


def dedupe(*roots: Path) -> tuple[int, int, int, int]:
    """Keep each content once under `roots` (on one file system): files of the same bytes become hard
    links to the first of them, in the order of `roots`. Returns (files, bytes as copies, bytes stored,
    files linked). Only files of a size some other file shares are read."""
    by_size: dict[int, list[Path]] = defaultdict(list)
    files = total = 0
    for folder, _dirs, names in (entry for root in roots for entry in os.walk(root)):
        for name in names:
            path = Path(folder) / name
            stat = path.lstat()
            files += 1
            total += stat.st_size
            by_size[stat.st_size].append(path)
    linked = 0
    for size, paths in by_size.items():
        if len(paths) < 2 or size == 0:
            continue
        first: dict[str, Path] = {}
        read: dict[tuple[int, int], str] = {}  # a file already linked is read once
        for path in paths:
            stat = path.lstat()
            inode = (stat.st_dev, stat.st_ino)
            key = read[inode] if inode in read else read.setdefault(inode, _digest(path))
            kept = first.setdefault(key, path)
            if kept is path or os.path.samefile(kept, path):
                continue
            replacement = path.with_name(f".{path.name}.link")
            os.link(kept, replacement)
            os.replace(replacement, path)
            linked += 1
    stored = {}
    for folder, _dirs, names in (entry for root in roots for entry in os.walk(root)):
        for name in names:
            stat = (Path(folder) / name).lstat()
            stored[(stat.st_dev, stat.st_ino)] = stat.st_size
    return files, total, sum(stored.values()), linked
