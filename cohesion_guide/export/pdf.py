"""A document as a tagged, print-ready PDF (PDF/UA-1, A4), typeset by Typst with model_policies/print.typ."""

from __future__ import annotations

import logging
import re
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import typst

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.errors import PdfError
from cohesion_guide.export.metadata import Letterhead
from cohesion_guide.export.typst import typst_document, typst_string
from cohesion_guide.files import atomic_path

PDF_STANDARD = "ua-1"  # tagged: a structure tree, the language and the title, for screen readers
_local = threading.local()
# Not MkDocs' logger: a character drawn as a stand-in is worth saying, but must not fail a --strict build.
log = logging.getLogger("cohesion")

# PDF/UA forbids a character no font can draw; Typst then names it in a message such as
# 'the text `"\u{fdd0}"` could not be displayed with font `"Liberation Sans"`'.
_UNDRAWABLE = re.compile(r'the text `"(.*)"` could not be displayed')
_TYPST_ESCAPE = re.compile(r"\\(u\{([0-9a-fA-F]+)\}|.)")
STAND_IN = "\ufffd"  # the replacement character, drawn as a question mark in a diamond
LAST_STAND_IN = "?"  # for when no font draws even that
_MAX_UNDRAWABLE = 500  # different characters replaced in one document before giving up


def _compiler() -> typst.Compiler:
    """This thread's Typst compiler, made on first use.

    Finding the system's fonts takes most of the time of a first PDF, so each thread keeps its
    compiler (and the fonts it found) for every later document. Its root is the folder that holds
    print.typ: the only files a document can read are the templates'.
    """
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        compiler = _local.compiler = typst.Compiler(root=str(MODEL_POLICIES))
    return compiler


def _typst_text(quoted: str) -> str:
    """The text inside a Typst string as Typst's messages show it: `\\u{fdd0}` is U+FDD0."""
    simple = {"n": "\n", "t": "\t", "r": "\r"}
    return _TYPST_ESCAPE.sub(
        lambda m: chr(int(m.group(2), 16)) if m.group(2) else simple.get(m.group(1), m.group(1)), quoted
    )


def _undrawable(err: typst.TypstError) -> str | None:
    """The text Typst could not draw with any font, when that is why it failed."""
    found = _UNDRAWABLE.search(err.message)
    return _typst_text(found.group(1)) if found else None


def _replace(source: str, characters: set[str]) -> str:
    """`source` with each of `characters` replaced by a stand-in, whether written as itself or escaped."""
    for character in characters:
        stand_in = LAST_STAND_IN if character == STAND_IN else STAND_IN
        source = source.replace(character, stand_in).replace(f"\\u{{{ord(character):x}}}", stand_in)
    return source


def _compile(source: str, target: Path) -> None:
    """Typeset `source` (Typst) into the PDF file `target`. A character that no installed font can
    draw is replaced by a stand-in (U+FFFD), with a warning: one odd character never stops a build."""
    replaced: set[str] = set()
    while True:
        try:
            pdf = _compiler().compile(input=source.encode("utf-8"), format="pdf", pdf_standards=[PDF_STANDARD])
            break
        except typst.TypstError as err:
            text = _undrawable(err)
            # only characters beyond ASCII: Typst's own syntax is never touched
            new = {c for c in text or "" if ord(c) > 0x7F} - replaced
            if not new or len(replaced) >= _MAX_UNDRAWABLE:
                hints = "".join(f" Hint: {hint}." for hint in err.hints)
                raise PdfError(
                    f"The PDF could not be made: {err.message}.{hints} This is a fault in the program or in "
                    "model_policies/print.typ, not in the school's profile; report it to whoever maintains the "
                    "guide."
                ) from err
            replaced |= new
            source = _replace(source, new)
    shown = [f"U+{ord(c):04X}" for c in sorted(replaced - {STAND_IN})]
    if shown:
        name = re.sub(r"^\.(.+)\.[^.]+\.part$", r"\1", Path(target).name)  # atomic_path's temporary name
        log.warning(
            "%sno installed font can draw %s; %s drawn as \ufffd instead. Install a font that covers %s "
            "(the Makefile's DOCUMENT_PACKAGES), or check the text for a mistyped character.",
            f"{name}: " if name else "",
            ", ".join(shown),
            "it is" if len(shown) == 1 else "they are",
            "it" if len(shown) == 1 else "them",
        )
    target.write_bytes(pdf)


def write_pdf(
    html_fragment: str | ET.Element,
    dest: Path,
    *,
    title: str,
    author: str,
    language: str = "en-GB",
    letterhead: Letterhead | None = None,
) -> Path:
    """Write `html_fragment` (HTML, or the tree export_html.fragment_tree reads from it) to `dest` as
    a tagged A4 PDF in print.typ's look; return `dest`.

    The title, author and language go into the PDF's metadata; the title, or with a `letterhead` the
    logo, the school's name and what the document is, heads each page.
    The file appears whole or not at all: on failure any earlier `dest` is left untouched.
    """
    dest = Path(dest)
    source = typst_document(html_fragment, title=title, author=author, language=language, letterhead=letterhead)
    with atomic_path(dest) as tmp:
        _compile(source, tmp)
    return dest


def svg_as_png(svg: bytes, height_mm: float = 10, ppi: int = 300) -> bytes:
    """An SVG drawn as a PNG `height_mm` tall, by Typst: for Word, which shows a logo only as a picture."""
    source = (
        "#set page(width: auto, height: auto, margin: 0pt, fill: none)\n"
        f'#image(bytes({typst_string(svg.decode("utf-8", errors="replace"))}), format: "svg", height: {height_mm}mm)\n'
    )
    return _compiler().compile(input=source.encode("utf-8"), format="png", ppi=ppi)
