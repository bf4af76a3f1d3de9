"""`make site`: write the generated pages into docs/, build the site into a new folder and swap it
in whole, one build at a time.

- The generated pages are written first (site/generate.py); if a profile is wrong, nothing is built.
- A lock (.site.lock): a second `make site` says so plainly and waits for the first to finish.
- The build goes into a new folder beside the published one; only a build that succeeded replaces
  it, and the two folders are exchanged in one step (files.exchange), so there is never a moment
  without a site. A failed, killed or full-disk build leaves the published site exactly as it was.
- site/ may be a symbolic link (an authority links it to its web root): the build then goes beside
  the folder the link leads to, and that folder is exchanged whole; the link itself is never
  replaced, and nothing is ever written through a leftover. The web root is the authority's, so
  the build lists what it put there (PUBLISHED, in the folder itself) and swaps it only when
  everything in it is on that list: a file the build did not make is never deleted. Otherwise
  nothing is built, and the message names the link, the files and what to do.
- The build (MkDocs) and its workers are killed with this process, even by kill -9 (Linux).
- Folders a killed build left behind are cleared at the start, and .cache's .part folders by the
  build itself (site/build.py).
"""

from __future__ import annotations

import errno
import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cohesion_guide.errors import CannotPublish
from cohesion_guide.files import _swap_in, exchange, hold, remove_stale
from cohesion_guide.site import generate
from cohesion_guide.site.build import die_with_parent

LOCK = ".site.lock"
SITE = "site"
LEGACY_NEW = ".site.new"  # where builds went before site/ could be a link
PUBLISHED = ".cohesion-guide-files.json"  # in a linked site: every file the build put there
_UMASK = os.umask(0)
os.umask(_UMASK)


@dataclass(frozen=True)
class Place:
    """Where the site is published: the folder swapped whole, and the link that leads to it, if any."""

    folder: Path
    link: Path | None = None

    def said(self) -> str:
        return f"site/ (a link to {self.folder})" if self.link else "site/"


def main(argv: list[str] | None = None) -> int:
    project = Path.cwd()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    with open(project / LOCK, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another `make site` is building the site in this folder; waiting for it to finish...", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            place = where(project)
            _clear_leftovers(project, place)
            published = _published(place)  # refuses now, before a build, if the site is not ours to swap
            with generate.lock(project):  # make serve cannot rewrite the pages while this build reads them
                status = generate.main(locked=True)  # says what went wrong, and that site/ was not touched
                if status != 0:
                    return status
                new, handle = _new_folder(place)
                try:
                    build = subprocess.run(
                        [str(mkdocs), "build", "--strict", "--site-dir", str(new), *(argv or [])],
                        cwd=project,
                        preexec_fn=functools.partial(die_with_parent, os.getpid()),
                    )
                    if build.returncode != 0:
                        shutil.rmtree(new, ignore_errors=True)
                        print(f"The build failed, so {place.said()} was left as it was.", file=sys.stderr)
                        return build.returncode
                    _list_and_ready(new, place)
                except BaseException:
                    shutil.rmtree(new, ignore_errors=True)  # the half-made or failed build; the site is as it was
                    raise
                finally:
                    os.close(handle)
            _swap(new, place, published)
        except CannotPublish as err:
            print(err, file=sys.stderr)
            return err.exit_code
        except OSError as err:  # a full disk, a folder that cannot be written
            print(
                f"The site could not be published: {err}\nThe published site was left as it was. Free some "
                "space, or fix the folder named here, then run `make site` again.",
                file=sys.stderr,
            )
            return 2
    return 0


def where(project: Path) -> Place:
    """Where site/ publishes; refuses a site/ that cannot be published whole, saying what to do."""
    site, legacy = project / SITE, project / LEGACY_NEW
    if legacy.is_symlink():
        raise CannotPublish(
            f"{legacy} is a link to {os.path.realpath(legacy)}: an earlier `make site` moved your link site/ there "
            f"and left a folder at site/. Put the link back (rm -r {site} && mv {legacy} {site}), then run "
            "`make site` again. Nothing was built or changed."
        )
    if not site.is_symlink():
        if site.exists() and not site.is_dir():
            raise CannotPublish(f"{site} is a file, not a folder: move it away, then run `make site` again.")
        return Place(site)
    folder = Path(os.path.realpath(site))
    if folder.exists() and not folder.is_dir():
        raise CannotPublish(
            f"site/ is a link to {folder}, which is not a folder. Point the link at a folder "
            "(an empty one, the first time), then run `make site` again. Nothing was changed."
        )
    if not folder.parent.is_dir():
        raise CannotPublish(
            f"site/ is a link to {folder}, and {folder.parent} does not exist. Point the link at "
            "a folder that exists, then run `make site` again. Nothing was changed."
        )
    if folder.parent == folder or os.path.ismount(folder):
        raise CannotPublish(
            f"site/ is a link to {folder}, which is the top of a disk: the site is built beside the folder it "
            f"is published in and swapped in whole, so that folder needs a folder around it. Point the link at a "
            f"folder inside it (for example {folder / 'guide'}) and serve that. Nothing was changed."
        )
    return Place(folder, site)


def _clear_leftovers(project: Path, place: Place) -> None:
    """Remove the folders a killed build left beside the published one (never through a link)."""
    legacy = project / LEGACY_NEW
    if legacy.is_dir() and not legacy.is_symlink():
        shutil.rmtree(legacy, ignore_errors=True)
    remove_stale(place.folder.parent, f".{place.folder.name}.", ".new")


def _published(place: Place) -> set[str] | None:
    """What the last build put in a linked site: every file there (as found, never as the list says),
    if all of them are the build's. Refuses, naming them, when the folder holds files the build did
    not make. None: site/ is not a link."""
    if place.link is None:
        return None
    folder = place.folder
    if not folder.exists():
        return set()
    found = _files(folder)
    try:
        listed = set(json.loads((folder / PUBLISHED).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, RecursionError):
        listed = set()
    theirs = sorted(found - listed - {PUBLISHED})
    if theirs:
        shown = ", ".join(theirs[:8]) + (f" and {len(theirs) - 8} more" if len(theirs) > 8 else "")
        raise CannotPublish(
            f"site/ is a link to {folder}, which holds files this guide's build did not make there: {shown}. "
            "The site is published by swapping that folder whole, so they would be gone from it. Move them "
            f"elsewhere, or point the link at a folder of the guide's own (empty the first time) and serve "
            f"that, then run `make site` again. Nothing was built or changed."
        )
    return found - {PUBLISHED}


def _files(folder: Path) -> set[str]:
    """Every file and link under `folder`, as paths relative to it (links are not followed)."""
    found = set()
    for base, dirs, names in os.walk(folder):
        for name in names + [d for d in dirs if os.path.islink(os.path.join(base, d))]:
            found.add(os.path.relpath(os.path.join(base, name), folder).replace(os.sep, "/"))
    return found


def _new_folder(place: Place) -> tuple[Path, int]:
    """A new folder beside the published one for the build, held (files.hold) so that no other run
    takes it for a killed build's leftover."""
    try:
        new = Path(tempfile.mkdtemp(dir=place.folder.parent, prefix=f".{place.folder.name}.", suffix=".new"))
    except OSError as err:
        raise CannotPublish(
            f"{place.said()} is published by building the new site beside it, in {place.folder.parent}, and "
            f"swapping it in whole, but a folder cannot be made there ({err.strerror}). Let this user write "
            f"in {place.folder.parent}, or point the link at a folder inside one it may write in, then run "
            "`make site` again. Nothing was built or changed."
        ) from None
    handle = os.open(new, os.O_RDONLY | os.O_DIRECTORY)
    hold(handle)
    return new, handle


def _list_and_ready(new: Path, place: Place) -> None:
    """Ready a finished build to be swapped in: a linked site lists what the build put there, and gets
    the permissions of the folder it replaces (a web server reads it as it read that)."""
    if place.link is None:
        os.chmod(new, 0o777 & ~_UMASK)
        return
    made = _files(new)
    with open(new / PUBLISHED, "w", encoding="utf-8") as listing:
        json.dump(sorted(made), listing)
    os.chmod(new, place.folder.stat().st_mode & 0o7777 if place.folder.exists() else 0o777 & ~_UMASK)


def _swap(new: Path, place: Place, published: set[str] | None) -> None:
    """Put the finished build at the published folder in one step. In a linked site, remove from the
    old site afterwards only what an earlier build had put there."""
    folder = place.folder
    try:
        if place.link is None:
            _swap_in(new, folder)  # site/ is the build's own: the old one goes whole
            return
        if not folder.exists():
            os.rename(new, folder)
            return
        exchange(new, folder)
    except OSError as err:
        shutil.rmtree(new, ignore_errors=True)
        if place.link is None:
            raise
        raise CannotPublish(
            f"site/ is a link to {folder}, and the new site could not be swapped in there in one step "
            f"({err.strerror}: a folder that is the top of a disk or a share cannot be). Point the link at a "
            f"folder inside it and serve that, then run `make site` again. The published site was left as it was."
        ) from None
    _remove_old(new, published or set(), place)


def _remove_old(old: Path, published: set[str], place: Place) -> None:
    """Remove the old site, now at `old`, file by file: only what the build had put there. Anything
    else (a file added while the new site was built) is kept, and said where."""
    for name in sorted(published | {PUBLISHED}, key=lambda n: n.count("/"), reverse=True):
        try:
            os.unlink(old / name)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
    for base, _dirs, _names in sorted(os.walk(old, topdown=False), key=lambda w: -w[0].count(os.sep)):
        try:
            os.rmdir(base)
        except OSError as err:
            if err.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOENT):
                raise
    if old.exists():
        kept = old.with_name(f".{place.folder.name}.{time.strftime('%Y%m%d-%H%M%S')}.kept")
        os.rename(old, kept)
        print(f"Files that were added to {place.folder} while the site was built are kept in {kept}.", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
