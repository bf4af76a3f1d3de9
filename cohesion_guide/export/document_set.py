"""One Markdown document written in every format asked for, all or nothing, and a cache of such files."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from cohesion_guide.export.docx import write_docx
from cohesion_guide.export.html import fragment_tree, markdown_to_html, standalone_html
from cohesion_guide.export.metadata import Letterhead
from cohesion_guide.files import atomic_dir, held_folder

LANGUAGE = "en-GB"


@dataclass(frozen=True)
class Document:
    """A document ready to write: its words, the name its files share, and what they say of themselves.
    Small and plain, so a build can send it to another process to be written there."""

    markdown: str
    stem: str  # riverside-primary-policy: each format's file name before the extension
    title: str
    author: str
    letterhead: Letterhead | None = None  # the logo and school's name at the head of each page


def write_formats(document: Document, out_dir: Path, formats: Iterable[str]) -> dict[str, Path]:
    """Write `document` into `out_dir` as <stem>.<format> for each format.

    Every file is made in a temporary folder first and moved into `out_dir` only when all of them
    succeeded, so a failure leaves `out_dir` as it was; other files in it are not touched.
    The Markdown is converted to HTML, and the HTML read into a tree, once for every format.
    """
    markdown, stem, title, author = document.markdown, document.stem, document.title, document.author
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _finish_set(out_dir)  # a set an earlier run made whole but was killed while moving in
    # held_folder first removes the .cohesion-*.part folders runs that were killed left here
    with held_folder(out_dir, ".cohesion-") as staging:
        fragment = markdown_to_html(markdown)
        tree = fragment_tree(fragment) if {"docx", "pdf"} & set(formats) else None
        # Word last: its tree loses the charts.
        for fmt in sorted(formats, key=lambda f: f == "docx"):
            dest = staging / f"{stem}.{fmt}"
            if fmt == "md":
                dest.write_text(markdown, encoding="utf-8")
            elif fmt == "html":
                dest.write_text(
                    standalone_html(fragment, title=title, language=LANGUAGE, author=author), encoding="utf-8"
                )
            elif fmt == "pdf":
                # Imported here: the browser's builder, which has no Typst, never asks for a PDF.
                from cohesion_guide.export.pdf import write_pdf

                write_pdf(tree, dest, title=title, author=author, language=LANGUAGE, letterhead=document.letterhead)
            else:
                write_docx(
                    without_pictures(tree),
                    dest,
                    title=title,
                    author=author,
                    language=LANGUAGE,
                    letterhead=word_letterhead(document.letterhead),
                )
        # The set is complete: from the moment this rename is done, it is the one that will be in
        # out_dir, whatever happens next (a kill between the moves below is finished by the next run).
        _finish_set(out_dir, stem)
        ready = out_dir / f".{stem}.ready"
        os.rename(staging, ready)
        _finish_set(out_dir, stem)
        return {fmt: out_dir / f"{stem}.{fmt}" for fmt in formats}


def word_letterhead(letterhead: Letterhead | None) -> Letterhead | None:
    """The letterhead as Word can show it: an SVG logo drawn as a PNG by Typst. Where there is no
    Typst (the builder in the browser), the Word file has the school's name without the logo."""
    if letterhead is None or letterhead.logo_type != "svg":
        return letterhead
    try:
        from cohesion_guide.export.pdf import svg_as_png
    except ImportError:
        return replace(letterhead, logo=b"")
    return replace(letterhead, logo=svg_as_png(letterhead.logo))


def _finish_set(out_dir: Path, stem: str = "*") -> None:
    """Move a complete set that a killed run left in .<stem>.ready (any stem, by default) into
    `out_dir`, so the files there are never a mix of two runs once the next run has started."""
    for ready in sorted(Path(out_dir).glob(f".{stem}.ready")):
        if not ready.is_dir():
            continue
        for path in sorted(ready.iterdir()):
            os.replace(path, Path(out_dir) / path.name)
        shutil.rmtree(ready, ignore_errors=True)


def without_pictures(tree: ET.Element) -> ET.Element:
    """`tree` with every inline SVG taken out, for Word, which cannot show one. A chart loses only its
    picture: the table beside it holds the same numbers. Changes `tree` itself."""
    for parent in list(tree.iter()):
        for child in [c for c in parent if c.tag == "svg"]:
            parent.remove(child)
    return tree


def key_paths(school_dir: Path, key: str, stem: str, formats: Iterable[str]) -> dict[str, Path]:
    """Where the files for `key` are kept: <school_dir>/<key>/<stem>.<format>."""
    return {fmt: Path(school_dir) / key / f"{stem}.{fmt}" for fmt in formats}


def is_cached(paths: dict[str, Path]) -> bool:
    return all(path.is_file() for path in paths.values())


def cached_formats(
    school_dir: Path, key: str, stem: str, formats: Iterable[str], make: Callable[[Path], object]
) -> dict[str, Path]:
    """The files <school_dir>/<key>/<stem>.<format>, made by `make(folder)` only when that key is new.

    `make serve` rebuilds the site on every save; this keeps it from remaking Word and PDF files
    whose sources have not changed. Older keys in `school_dir` are removed once the new one is in place.
    A lock on the school's folder keeps two processes (a build and `make serve`, or two workers)
    from making the same school's files at once; the second finds them made and reuses them.
    """
    wanted = key_paths(school_dir, key, stem, formats)
    if is_cached(wanted):
        return wanted
    school_dir = Path(school_dir)
    school_dir.mkdir(parents=True, exist_ok=True)
    import fcntl  # here, not at the top: only a site build caches files, and the browser has no fcntl

    with open(school_dir / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, even if `make` fails
        if is_cached(wanted):
            return wanted
        with atomic_dir(school_dir / key) as staging:
            make(staging)
        for old in school_dir.iterdir():
            if old.name != key and not old.name.startswith(".") and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return wanted
