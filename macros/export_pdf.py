"""A document as a tagged, print-ready PDF (PDF/UA-1, A4) made with WeasyPrint."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from macros.export_html import standalone_html
from macros.output_files import atomic_path

PDF_VARIANT = "pdf/ua-1"  # tagged: a structure tree, the language and the title, for screen readers


@cache
def _weasyprint():
    """WeasyPrint and one font configuration, loaded on first use.

    Importing WeasyPrint takes most of a second, so commands that make no PDF never pay for it;
    one FontConfiguration is shared so fonts are found and loaded once per run, not per document.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    # Only data: URLs (images written into the page) may be fetched: a document must never
    # ask another server for anything, nor read files it was not given.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint, FontConfiguration(), fetcher


def write_pdf(html_fragment: str, dest: Path, *, title: str, author: str, language: str = "en-GB") -> Path:
    """Write `html_fragment` to `dest` as a tagged A4 PDF with print.css; return `dest`.

    The title, author and language go into the PDF's metadata; the title also heads each page.
    The file appears whole or not at all: on failure any earlier `dest` is left untouched.
    """
    weasyprint, font_config, fetcher = _weasyprint()
    dest = Path(dest)
    page = standalone_html(html_fragment, title=title, language=language, author=author)
    document = weasyprint.HTML(string=page, url_fetcher=fetcher)
    with atomic_path(dest) as tmp:
        document.write_pdf(tmp, font_config=font_config, pdf_variant=PDF_VARIANT)
    return dest
