"""A document as a tagged, print-ready PDF (PDF/UA-1, A4), typeset by Typst with model_policies/print.typ."""
from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import typst

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.errors import PdfError
from cohesion_guide.export.typst import typst_document
from cohesion_guide.files import atomic_path

PDF_STANDARD = "ua-1"  # tagged: a structure tree, the language and the title, for screen readers
_local = threading.local()


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


def _compile(source: str, target: Path) -> None:
    """Typeset `source` (Typst) into the PDF file `target`."""
    try:
        pdf = _compiler().compile(input=source.encode("utf-8"), format="pdf", pdf_standards=[PDF_STANDARD])
    except typst.TypstError as err:
        hints = "".join(f" Hint: {hint}." for hint in err.hints)
        raise PdfError(f"The PDF could not be made: {err.message}.{hints} This is a fault in the program or in "
                       "model_policies/print.typ, not in the school's profile; report it to whoever maintains the "
                       "guide.") from err
    target.write_bytes(pdf)


def write_pdf(html_fragment: str | ET.Element, dest: Path, *, title: str, author: str, language: str = "en-GB") -> Path:
    """Write `html_fragment` (HTML, or the tree export_html.fragment_tree reads from it) to `dest` as
    a tagged A4 PDF in print.typ's look; return `dest`.

    The title, author and language go into the PDF's metadata; the title also heads each page.
    The file appears whole or not at all: on failure any earlier `dest` is left untouched.
    """
    dest = Path(dest)
    source = typst_document(html_fragment, title=title, author=author, language=language)
    with atomic_path(dest) as tmp:
        _compile(source, tmp)
    return dest
