"""Write the site's generated pages and files into docs/ before the site build, with no MkDocs import.

    python -m cohesion_guide.site.generate      (make site and make serve run it)

The schools' pages, the case studies, the profile reference, the builder's files and every
download become plain files in docs/, so any MkDocs-compatible engine (MkDocs, ProperDocs, ...)
builds them as it builds a hand-written page.

- Nothing is written until every source has finished: an invalid profile stops the step with the
  file, line and field named, and docs/ and site/ stay as they were.
- A file is rewritten only when its content changes, so its timestamp means something (and
  `mkdocs serve` rebuilds only after a real change).
- What was written is recorded in .cache/generated-files.json (generated_record.py), with each
  file's size and time and the folders made for them: the next run removes the ones no longer
  made, but only inside docs/, never through a link (site/confined.py), and only if still exactly
  as written; a folder goes only if the guide made it and it is left empty. An entry that is not
  a plain path inside docs/ is refused with a message naming it. The record is written before any
  file, so a run stopped half-way (a full disk, Ctrl-C) is finished by the next.
- A missing or unreadable record is made again from what the guide makes now, and the run says so;
  a file it then finds under one of its names is its own only if it says so (a generated page's
  front matter, a download beside such a page) or already holds what would be written. Anything
  else is never overwritten: the run stops with a message naming it.
- The same list goes into docs/.gitignore (untracked, and ignoring itself), so git leaves the
  generated files alone; a docs/.gitignore of the project's own is never touched. It is for git
  alone: no run reads it back, so an edit to it cannot make a file the guide's to remove.
"""

from __future__ import annotations

import fcntl
import filecmp
import functools
import itertools
import os
import posixpath
import shutil
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cohesion_guide.errors import CohesionError, HandWritten, InvalidFile, OutsideDocs, PdfError
from cohesion_guide.files import GENERATED_FROM, atomic_path, sources_stamp
from cohesion_guide.generated_record import (
    GITIGNORE_HEADER,
    RECORD,
    Record,
    bears_mark,
    digest,
    matches,
    read_record,
    write_record,
)
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.site import builder_pages, confined, profile_reference, review_pages, school_pages, schools_section
from cohesion_guide.site.case_study_pages import case_study_pages
from cohesion_guide.site.confined import Outcome
from cohesion_guide.site.generated import GeneratedFile, GeneratedPage, SiteContext

# Each source adds pages or files made from the project's data (schools/, case_studies/, ...).
# Add a source here; nothing else needs to change.
PAGE_SOURCES: list = [
    case_study_pages,
    profile_reference.pages,
    schools_section.pages,
    builder_pages.pages,
    review_pages.pages,
    school_pages.model_policy_files,
]

DOCS = "docs"
GITIGNORE = ".gitignore"  # in docs/
HEADER = GITIGNORE_HEADER
LOCK = Path(".cache") / "generate.lock"
BRAND_CSS = "stylesheets/brand.css"


@dataclass(frozen=True)
class Written:
    """What a run did: files written or replaced, files removed, how many were left as they were, and
    what the person running it should know (files left in place, entries of the record refused)."""

    changed: list[str]
    removed: list[str]
    unchanged: int
    notes: list[str] = field(default_factory=list)


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
    docs, record = project / DOCS, read_record(project)
    notes = list(record.refused)
    uris = [item.src_uri for item in items]
    made = set(uris)
    aside = _others(docs, items, record)
    unchanged = {item.src_uri for item in items if _unchanged(docs / item.src_uri, item)}
    _refuse_links_out(docs, [uri for uri in uris if uri not in unchanged])
    # recorded before anything is written, with every state each file may be found in if the run stops
    # half-way: the next run tells its own half-written files from someone else's, and finishes them
    pending = {uri: list(record.files[uri]) for uri in record.files if uri not in made}
    for item in items:
        now = [] if item.src_uri in aside else _stamps_now(docs / item.src_uri)
        pending[item.src_uri] = now if item.src_uri in unchanged else now + [_expected(item)]
    recorded = {f for f in record.folders or () if (docs / f).is_dir() and not (docs / f).is_symlink()}
    new_folders = _missing_folders(docs, [uri for uri in uris if uri not in unchanged])
    write_record(project, pending, recorded | new_folders)
    for uri in aside:
        kept = _keep_aside(docs, uri)
        notes.append(
            f"docs/{uri} was in the way of a file the guide makes, and with no record nothing tells whose "
            f"it is, so it was kept as docs/{kept} (not published). Delete that copy if it was the guide's."
        )
    changed = []
    for item in items:
        if item.src_uri not in unchanged:
            _put(docs / item.src_uri, item)
            changed.append(item.src_uri)
    removed = []
    for uri in sorted(set(record.files) - made):
        outcome = confined.remove(docs, uri, record.files[uri], frozenset(recorded))
        if outcome is Outcome.REMOVED:
            removed.append(uri)
        elif outcome is Outcome.CHANGED and record.files[uri]:
            notes.append(
                f"docs/{uri} (listed in {RECORD}) is no longer made by the guide, but it is not as the guide "
                "wrote it: changed by hand, so it was left in place. Delete it if you no longer need it."
            )
        elif outcome is Outcome.CHANGED:
            notes.append(f"{RECORD} lists {uri!r} with no size and time to check it against, so it was left in place.")
        elif outcome is not Outcome.GONE:
            notes.append(f"{RECORD} lists {uri!r}, which is {outcome.value}, so it was not touched.")
    folders = {f for f in recorded | new_folders if (docs / f).is_dir()}
    if record.folders is None:  # no record of the folders: made again from what the guide makes now
        folders |= _holding_only(docs, uris)
    write_record(project, {uri: _stamp(docs / uri) for uri in uris}, folders)
    _ignore(docs, uris)
    if record.problem:
        notes.append(
            f"{record.problem}, so it was made again from the pages the guide makes now. A file an earlier "
            "run made and this one does not cannot be told from yours, so none was removed."
        )
        notes += _no_longer_made(docs, made)
    return Written(changed, removed, len(items) - len(changed), notes)


def _others(docs: Path, items: list[GeneratedPage | GeneratedFile], record: Record) -> list[str]:
    """Stop, naming them, if a file in docs/ that is not the guide's own has the name of one it makes.
    The guide's own: still as the record says it was written, a page that says it was generated, a
    download in a folder of the guide's (beside such a page, or with nothing in it but what the guide
    makes), or a file that already holds exactly what would be written. With no record to go by, a
    file that is not a page is also the guide's if docs/.gitignore's generated list names it (that
    list alone never makes a file the guide's, but beside the names the guide makes now it may); any
    other such file cannot be told from someone's, so it is returned, to be kept aside, not lost."""
    listed = _listed_for_git(docs) if record.problem else set()
    inside: dict[str, set[str]] = {}  # folder -> the names the guide makes in it, files and folders
    for item in items:
        uri = item.src_uri
        while uri:
            folder, name = posixpath.split(uri)
            inside.setdefault(folder, set()).add(name)
            uri = folder

    @functools.cache
    def the_guides_folder(folder: str) -> bool:
        if any(name.endswith(".md") and bears_mark(docs / folder / name) for name in inside.get(folder, ())):
            return True
        try:
            return set(os.listdir(docs / folder)) <= inside.get(folder, set())
        except OSError:
            return False

    theirs, edited, aside = [], [], []
    for item in items:
        uri, path = item.src_uri, docs / item.src_uri
        try:
            found = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISREG(found.st_mode) and (
            matches(found, path.read_bytes, record.files.get(uri, ()))
            or (uri.endswith(".md") and bears_mark(path))
            or (isinstance(item, GeneratedFile) and the_guides_folder(posixpath.dirname(uri)))
            or (not uri.endswith(".md") and uri in listed)
            or _holds(path, item)
        ):
            continue
        if record.problem and stat.S_ISREG(found.st_mode) and not uri.endswith(".md"):
            aside.append(uri)  # with no record, nothing tells whose it is: kept, beside, not published
            continue
        (edited if uri in record.files and stat.S_ISREG(found.st_mode) else theirs).append(f"docs/{uri}")
    if theirs or edited:
        said = []
        if theirs:
            said.append(
                "The guide makes these pages itself, but a file of the same name is already in docs/: "
                + ", ".join(theirs)
                + ". Move or rename it (a page of your own needs a name of its own)."
            )
        if edited:
            said.append(
                "The guide made these files and makes them again now, but they were changed by hand since: "
                + ", ".join(edited)
                + ". Keep a copy of your changes outside docs/ and delete them."
            )
        raise HandWritten(" ".join(said) + " Then build again.")
    return aside


def _keep_aside(docs: Path, uri: str) -> str:
    """Move docs/`uri` to a hidden name beside it (MkDocs publishes no file whose name starts with a
    dot), so the guide's file can take its place and nothing is lost. Returns the new name."""
    folder, name = posixpath.split(uri)
    for n in itertools.count(1):
        kept = posixpath.join(folder, f".{name}.kept" if n == 1 else f".{name}.kept-{n}")
        if not os.path.lexists(docs / kept):
            os.rename(docs / uri, docs / kept)
            return kept
    raise AssertionError("unreachable")


def _refuse_links_out(docs: Path, uris: list[str]) -> None:
    """Stop, naming it, if a folder a page would be written into leads out of docs/ through a link."""
    inside, seen = docs.resolve(), set()
    for uri in uris:
        folder = posixpath.dirname(uri)
        if not folder or folder in seen:
            continue
        seen.add(folder)
        real = (docs / folder).resolve()
        if real != inside and inside not in real.parents:
            raise OutsideDocs(
                f"docs/{folder} leads to {real} through a link, outside docs/; the guide writes its pages only "
                f"inside docs/, so nothing was written. Put a folder of its own at docs/{folder}, then build again."
            )


def _listed_for_git(docs: Path) -> set[str]:
    """The paths in the generated list of docs/.gitignore (empty if it is the project's own)."""
    try:
        text = (docs / GITIGNORE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    if not text.startswith(HEADER):
        return set()
    return {line[1:] for line in text.splitlines() if line.startswith("/")}


def _holds(path: Path, item: GeneratedPage | GeneratedFile) -> bool:
    """Whether `path` already holds exactly what `item` would write (a copy the guide can take over)."""
    if isinstance(item, GeneratedPage):
        return path.read_bytes() == item.markdown.encode("utf-8")
    return filecmp.cmp(item.path, path, shallow=False)


def _unchanged(dest: Path, item: GeneratedPage | GeneratedFile) -> bool:
    """Whether `dest` already holds what `item` would write, so it is left alone (its time keeps meaning)."""
    if isinstance(item, GeneratedPage):
        data = item.markdown.encode("utf-8")
        return dest.is_file() and dest.stat().st_size == len(data) and dest.read_bytes() == data
    # a copy keeps its source's modification time, so an unchanged file is known by its size and time
    return dest.is_file() and filecmp.cmp(item.path, dest, shallow=True)


def _expected(item: GeneratedPage | GeneratedFile) -> list:
    """The stamp `item` will have once written: a page by its content, a copy by its source's size and time."""
    if isinstance(item, GeneratedPage):
        data = item.markdown.encode("utf-8")
        return [len(data), digest(data)]
    return _stamp(item.path)


def _stamps_now(path: Path) -> list[list]:
    try:
        found = path.lstat()
    except FileNotFoundError:
        return []
    return [[found.st_size, found.st_mtime_ns]] if stat.S_ISREG(found.st_mode) else []


def _stamp(path: Path) -> list[int]:
    found = path.stat()
    return [found.st_size, found.st_mtime_ns]


def _missing_folders(docs: Path, uris: list[str]) -> set[str]:
    """The folders under docs/ that writing `uris` will make: the guide's own, to remove when emptied."""
    missing, seen = set(), set()
    for uri in uris:
        folder = posixpath.dirname(uri)
        while folder and folder not in seen:
            seen.add(folder)
            if not (docs / folder).is_dir():
                missing.add(folder)
            folder = posixpath.dirname(folder)
    return missing


def _holding_only(docs: Path, uris: list[str]) -> set[str]:
    """The folders in docs/ that hold nothing but what the guide makes now (its files, and such folders)."""
    made, folders = set(uris), set()
    above = set()
    for uri in uris:
        while (uri := posixpath.dirname(uri)) and uri not in above:
            above.add(uri)
    for folder in sorted(above, key=lambda f: f.count("/"), reverse=True):  # the deepest first
        try:
            names = os.listdir(docs / folder)
        except OSError:
            continue
        if not (docs / folder).is_symlink() and all(
            f"{folder}/{n}" in made or f"{folder}/{n}" in folders for n in names
        ):
            folders.add(folder)
    return folders


def _no_longer_made(docs: Path, made: set[str]) -> list[str]:
    """With no record, the pages in docs/ that say the guide made them but it no longer does, said once."""
    left = sorted(
        path.relative_to(docs).as_posix()
        for path in docs.rglob("*.md")
        if path.relative_to(docs).as_posix() not in made and not path.is_symlink() and bears_mark(path)
    )
    if not left:
        return []
    shown = ", ".join(f"docs/{uri}" for uri in left[:10]) + (f" and {len(left) - 10} more" if len(left) > 10 else "")
    return [
        f"{len(left)} page(s) in docs/ say the guide made them, but it no longer makes them, and they are "
        f"still built into the site: {shown}. Delete them unless you want them kept."
    ]


def _ignore(docs: Path, uris: list[str]) -> None:
    """docs/.gitignore lists the generated files for git, unless the project has a .gitignore of its own
    there. It is for git alone: no run reads it back."""
    path = docs / GITIGNORE
    if path.exists() and not path.read_text(encoding="utf-8", errors="replace").startswith(HEADER):
        return
    listing = GeneratedPage(GITIGNORE, HEADER + f"/{GITIGNORE}\n" + "".join(f"/{uri}\n" for uri in sorted(uris)))
    if not _unchanged(path, listing):
        _put(path, listing)


def _put(dest: Path, item: GeneratedPage | GeneratedFile) -> None:
    """Write `item` to `dest` whole (atomic)."""
    if isinstance(item, GeneratedPage):
        with atomic_path(dest, allow_empty=True) as tmp:
            tmp.write_bytes(item.markdown.encode("utf-8"))
        return
    with atomic_path(dest, allow_empty=True) as tmp:
        shutil.copyfile(item.path, tmp)
        found = item.path.stat()
        os.utime(tmp, ns=(found.st_atime_ns, found.st_mtime_ns))


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
    for note in written.notes:
        print(note, file=sys.stderr)
    print(
        f"Generated pages: {len(written.changed)} written, {len(written.removed)} removed, "
        f"{written.unchanged} unchanged.",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
