"""Write the site's generated pages and files into docs/ before the site build, with no MkDocs import.

    python -m cohesion_guide.site.generate      (make site and make serve run it)

The schools' pages, the case studies, the profile reference, the builder's files and every
download become plain files in docs/, so any MkDocs-compatible engine (MkDocs, ProperDocs, ...)
builds them as it builds a hand-written page.

- Nothing is written until every source has finished: an invalid profile stops the step with the
  file, line and field named, and docs/ and site/ stay as they were.
- A file is rewritten only when its content changes, so its timestamp means something (and
  `mkdocs serve` rebuilds only after a real change).
- What was written is recorded in .cache/generated-files.json, with each file's size and time: the
  next run removes the ones no longer made, but only if still exactly as written. The record is
  written before any file, so a run stopped half-way (a full disk, Ctrl-C) is finished by the next.
  A hand-written file is never overwritten: a source that would replace one stops with a message
  naming it.
- The same list goes into docs/.gitignore (untracked, and ignoring itself), so git leaves the
  generated files alone; a docs/.gitignore of the project's own is never touched.
"""

from __future__ import annotations

import fcntl
import filecmp
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cohesion_guide.errors import CohesionError, HandWritten, InvalidFile, PdfError
from cohesion_guide.files import (
    GENERATED_FROM,
    GENERATED_MANIFEST,
    GITIGNORE_HEADER,
    atomic_path,
    generated_manifest,
    sources_stamp,
)
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.site import builder_pages, profile_reference, school_pages, schools_section
from cohesion_guide.site.case_study_pages import case_study_pages
from cohesion_guide.site.generated import GeneratedFile, GeneratedPage, SiteContext

# Each source adds pages or files made from the project's data (schools/, case_studies/, ...).
# Add a source here; nothing else needs to change.
PAGE_SOURCES: list = [
    case_study_pages,
    profile_reference.pages,
    schools_section.pages,
    builder_pages.pages,
    school_pages.model_policy_files,
]

DOCS = "docs"
GITIGNORE = ".gitignore"  # in docs/
HEADER = GITIGNORE_HEADER
LOCK = Path(".cache") / "generate.lock"
BRAND_CSS = "stylesheets/brand.css"


@dataclass(frozen=True)
class Written:
    """What a run did: files written or replaced, files removed, and how many were left as they were."""

    changed: list[str]
    removed: list[str]
    unchanged: int


def generated(context: SiteContext) -> list[GeneratedPage | GeneratedFile]:
    """Every generated page and file, finished: the documents made and the pages' download sizes filled in.
    Raises InvalidFile (a profile, audit or case study is wrong) before anything is written."""
    items, unfinished = [], []
    try:
        for source in PAGE_SOURCES:
            for item in source(context):
                (items if isinstance(item, GeneratedPage | GeneratedFile) else unfinished).append(item)
        for work in unfinished:
            work.finish()
    except BaseException:
        for work in unfinished:
            work.cancel()
        raise
    brand = context.local["authority"].get("brand_colour")
    if brand:  # checked for contrast by load_local
        items.append(GeneratedPage(BRAND_CSS, f":root {{ --md-primary-fg-color: {brand}; }}\n"))
    out = []
    for item in items:
        if isinstance(item, GeneratedPage):
            for work in unfinished:
                item = GeneratedPage(item.src_uri, work.fill(item.markdown))
        out.append(item)
    return out


@contextmanager
def lock(project_dir: Path) -> Iterator[None]:
    """One writer of docs/ at a time in a project: `make site` holds it through its build, so `make
    serve` (which writes again on a save) cannot change the pages while that build reads them."""
    path = Path(project_dir) / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        yield


def write(project_dir: Path) -> Written:
    """Make every generated page and file and write the ones that changed into docs/ (see the module's
    notes). The caller holds `lock`."""
    project_dir = Path(project_dir).resolve()
    sources = sources_stamp(project_dir)  # as found before reading them: an edit during the run shows later
    context = SiteContext(project_dir=project_dir, local=load_local(project_dir))
    items = generated(context)
    written = _write_all(project_dir, items)
    with atomic_path(project_dir / GENERATED_FROM) as tmp:
        tmp.write_text(sources, encoding="utf-8")
    return written


def _write_all(project: Path, items: list[GeneratedPage | GeneratedFile]) -> Written:
    docs, before = project / DOCS, generated_manifest(project)
    uris = [item.src_uri for item in items]
    clash = sorted(
        item.src_uri
        for item in items
        if item.src_uri not in before and (docs / item.src_uri).exists() and not _holds(docs / item.src_uri, item)
    )
    if clash:
        raise HandWritten(
            "The guide makes these pages itself, but a file of the same name is already in docs/: "
            + ", ".join(f"docs/{uri}" for uri in clash)
            + ". Move or rename it (a page of your own needs a name of its own), then build again."
        )
    # recorded before anything is written: a run stopped half-way leaves no file it cannot account for
    _record(project, {**before, **{uri: before.get(uri) for uri in uris}})
    changed = [item.src_uri for item in items if _put(docs / item.src_uri, item)]
    removed, kept = [], []
    for uri in sorted(set(before) - set(uris)):
        path = docs / uri
        if path.is_file() and before[uri] is not None and _stamp(path) != before[uri]:
            kept.append(uri)  # changed since it was written: someone's work, left where it is
            continue
        path.unlink(missing_ok=True)
        _remove_empty_parents(path, docs)
        removed.append(uri)
    for uri in kept:
        print(f"docs/{uri} is no longer made by the guide, but it was changed by hand, so it was left in place.",
              file=sys.stderr)
    _record(project, {uri: _stamp(docs / uri) for uri in uris})
    _ignore(docs, uris)
    return Written(changed, removed, len(items) - len(changed))


def _holds(path: Path, item: GeneratedPage | GeneratedFile) -> bool:
    """Whether `path` already holds exactly what `item` would write (a copy the guide can take over)."""
    if isinstance(item, GeneratedPage):
        return path.read_bytes() == item.markdown.encode("utf-8")
    return filecmp.cmp(item.path, path, shallow=False)


def _stamp(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _record(project: Path, manifest: dict) -> None:
    with atomic_path(project / GENERATED_MANIFEST) as tmp:
        tmp.write_text(json.dumps(manifest, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _ignore(docs: Path, uris: list[str]) -> None:
    """docs/.gitignore lists the generated files for git, unless the project has a .gitignore of its own there."""
    path = docs / GITIGNORE
    if path.exists() and not path.read_text(encoding="utf-8", errors="replace").startswith(HEADER):
        return
    _put(path, GeneratedPage(GITIGNORE, HEADER + f"/{GITIGNORE}\n" + "".join(f"/{uri}\n" for uri in sorted(uris))))


def _put(dest: Path, item: GeneratedPage | GeneratedFile) -> bool:
    """Write `item` to `dest` whole (atomic), unless `dest` already holds exactly that. True if written."""
    if isinstance(item, GeneratedPage):
        data = item.markdown.encode("utf-8")
        if dest.is_file() and dest.stat().st_size == len(data) and dest.read_bytes() == data:
            return False
        with atomic_path(dest, allow_empty=True) as tmp:
            tmp.write_bytes(data)
        return True
    # a copy keeps its source's modification time, so an unchanged file is known by its size and time
    if dest.is_file() and filecmp.cmp(item.path, dest, shallow=True):
        return False
    with atomic_path(dest, allow_empty=True) as tmp:
        shutil.copyfile(item.path, tmp)
        stat = item.path.stat()
        os.utime(tmp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return True


def _remove_empty_parents(path: Path, stop: Path) -> None:
    folder = path.parent
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


UNTOUCHED = "site/ was left as it was."


def main(argv: Iterable[str] | None = None, *, locked: bool = False) -> int:
    """The command; `locked`: the caller holds `lock` already (make site, through its build)."""
    try:
        if locked:
            written = write(Path.cwd())
        else:
            with lock(Path.cwd()):
                written = write(Path.cwd())
    except InvalidFile as err:
        print(err.report(), file=sys.stderr)
        print(UNTOUCHED, file=sys.stderr)
        return err.exit_code
    except (OSError, PdfError) as err:  # a full disk, a folder that cannot be written, Typst failing
        print(
            f"The schools' pages, Word and PDF files could not be made: {err}\nNo half-made file was kept. "
            f"Free some space, or fix the file or folder named here, then build again. {UNTOUCHED}",
            file=sys.stderr,
        )
        return 2
    except CohesionError as err:
        print(f"{err}\n{UNTOUCHED}", file=sys.stderr)
        return err.exit_code
    print(
        f"Generated pages: {len(written.changed)} written, {len(written.removed)} removed, "
        f"{written.unchanged} unchanged.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
