"""HTML for the documents: Markdown to a fragment, a fragment to a standalone page or a tree to walk."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from functools import cache
from html.parser import HTMLParser

import markdown

from cohesion_guide import MODEL_POLICIES

PRINT_CSS = MODEL_POLICIES / "print.css"

# sane_lists: a numbered list straight after a bulleted one stays a numbered list of its own.
MARKDOWN_EXTENSIONS = ["tables", "attr_list", "def_list", "toc", "sane_lists"]

# HTML collapses runs of these (not the no-break space) into one space.
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")

# Elements that never have content or an end tag in HTML.
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def markdown_to_html(md: str) -> str:
    """Markdown to an HTML fragment; headings get ids. Raw HTML must already be escaped by the caller."""
    # A Markdown instance keeps state between documents (footnotes, heading ids): one per call.
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return converter.convert(md)


@cache
def print_css() -> str:
    """The stylesheet shared by the PDF and the standalone page (model_policies/print.css)."""
    return PRINT_CSS.read_text(encoding="utf-8")


def standalone_html(fragment: str, *, title: str, language: str = "en-GB", author: str | None = None) -> str:
    """A complete page around `fragment`: its language, title and the print stylesheet inlined.

    It asks for nothing from any server: the stylesheet is inside it, and its Content Security
    Policy stops a browser from fetching anything else. The title also feeds the PDF's page header.
    """
    esc = html.escape  # quotes too: every value below lands in an attribute or the title
    author_meta = f'<meta name="author" content="{esc(author)}">\n' if author else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{esc(title)}</title>\n"
        f"{author_meta}"
        f"<style>\n{print_css()}</style>\n"
        "</head>\n"
        f'<body data-running-title="{esc(title)}">\n'
        f"<main>\n{fragment}\n</main>\n"
        "</body>\n"
        "</html>\n"
    )


class _TreeBuilder(HTMLParser):
    """Builds an ElementTree from HTML as Markdown writes it: void elements, entities, stray end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = ET.Element("fragment")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = ET.SubElement(self.stack[-1], tag, {k: (v or "") for k, v in attrs})
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        ET.SubElement(self.stack[-1], tag, {k: (v or "") for k, v in attrs})

    def handle_endtag(self, tag):
        # Close up to the matching open element; an end tag with no open element is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        parent = self.stack[-1]
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def fragment_tree(fragment: str) -> ET.Element:
    """An HTML fragment as an ElementTree under a <fragment> root, text and tails as ElementTree keeps them."""
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    return builder.root
