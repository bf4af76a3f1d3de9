"""How the Word and PDF writers read an HTML fragment: blocks, inline formatting, text runs, table rows.

One reading for both writers, so a document says the same thing in Word and in PDF.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace

from cohesion_guide.export.html import HTML_SPACE

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that hold other blocks: their contents flow on as if they were not there.
WRAPPERS = {
    "div",
    "section",
    "main",
    "article",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "details",
    "summary",
    "nav",
    "fragment",
}
BLOCKS = {"p", "ul", "ol", "blockquote", "table", "pre", "dl", "hr", *HEADINGS, *WRAPPERS}
LINKABLE = ("http://", "https://", "mailto:", "tel:")  # anything else (relative, javascript:) stays plain text
# Hebrew, Arabic (Urdu) and related scripts, with the spaces between their words: these runs are
# marked right-to-left so Word lays them out (and chooses fonts for them) as such.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
RTL_RUN = re.compile(f"[{_RTL}]+(?:[ \u00a0]+[{_RTL}]+)*")


@dataclass(frozen=True)
class Look:
    """The inline formatting in force at a point in the text."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    superscript: bool = False
    subscript: bool = False
    href: str | None = None


PLAIN = Look()
LINE_BREAK = None  # the text of a segment that stands for a <br>
Segment = tuple[str | None, Look]


def inline_items(element: ET.Element) -> Iterator[str | ET.Element]:
    """An element's content in order: its text, then each child followed by that child's tail."""
    if element.text:
        yield element.text
    for child in element:
        yield child
        if child.tail:
            yield child.tail


def block_items(
    element: ET.Element,
    blocks: frozenset[str] | set[str] = BLOCKS,
) -> Iterator[list[str | ET.Element] | ET.Element]:
    """An element's content as the writers lay it out: each run of loose inline content as one
    list (a paragraph), and each element in `blocks` (heading, list, table, ...) by itself."""
    pending: list[str | ET.Element] = []
    for item in inline_items(element):
        if isinstance(item, str) or item.tag not in blocks:
            pending.append(item)
            continue
        if pending:
            yield pending
            pending = []
        yield item
    if pending:
        yield pending


def segments(items, look: Look = PLAIN) -> list[Segment]:
    """Inline content as text segments, each with the formatting in force: the one inline walk both
    writers use. An image is never fetched (its alt text stands in); a chart's SVG is not text."""
    out: list[Segment] = []
    for item in items:
        if isinstance(item, str):
            out.append((item, look))
        elif item.tag == "br":
            out.append((LINE_BREAK, look))
        elif item.tag == "img":
            if item.get("alt"):
                out.append((item.get("alt"), look))
        elif item.tag != "svg":
            out.extend(segments(inline_items(item), look_inside(item, look)))
    return out


def look_inside(element: ET.Element, look: Look) -> Look:
    """The formatting inside an inline element, given the formatting around it."""
    tag = element.tag
    if tag in ("strong", "b"):
        return replace(look, bold=True)
    if tag in ("em", "i", "cite", "dfn"):
        return replace(look, italic=True)
    if tag in ("code", "kbd", "samp"):
        return replace(look, code=True)
    if tag == "sup":
        return replace(look, superscript=True)
    if tag == "sub":
        return replace(look, subscript=True)
    if tag == "a":
        href = (element.get("href") or "").strip()
        return replace(look, href=href if href.lower().startswith(LINKABLE) else None)
    return look


def address_of(href: str) -> str:
    """What a reader would type: the address itself, without 'mailto:' or 'tel:'."""
    for scheme in ("mailto:", "tel:"):
        if href.lower().startswith(scheme):
            return href[len(scheme) :]
    return href


def tidy(segments: list[Segment]) -> list[Segment]:
    """Collapse white space as a browser would and trim it at the start and end of the paragraph."""
    tidy: list[Segment] = []
    after_space = True  # at the start of a paragraph, leading spaces go
    for text, look in segments:
        if text is LINE_BREAK:
            _trim_end(tidy)
            tidy.append((text, look))
            after_space = True
            continue
        text = HTML_SPACE.sub(" ", text)
        if after_space:
            text = text.lstrip(" ")
        if text:
            tidy.append((text, look))
            after_space = text.endswith(" ")
    _trim_end(tidy)
    return tidy


def _trim_end(segments: list[Segment]) -> None:
    while segments and segments[-1][0] is not LINE_BREAK:
        text, look = segments[-1]
        if text.rstrip(" "):
            segments[-1] = (text.rstrip(" "), look)
            return
        segments.pop()


def by_direction(text: str) -> Iterator[tuple[str, bool]]:
    """Split text into (piece, is right-to-left) in reading order."""
    start = 0
    for match in RTL_RUN.finditer(text):
        if match.start() > start:
            yield text[start : match.start()], False
        yield match.group(), True
        start = match.end()
    if start < len(text):
        yield text[start:], False


def table_rows(table: ET.Element) -> list[tuple[bool, list[ET.Element]]]:
    """Each row as (is a header row, its cells): rows in <thead>, or a first row of <th> only."""
    rows = []
    for part in table:
        if part.tag == "tr":
            rows.append((False, part))
        elif part.tag in ("thead", "tbody", "tfoot"):
            rows.extend((part.tag == "thead", tr) for tr in part if tr.tag == "tr")
    cells = [(header, [cell for cell in tr if cell.tag in ("th", "td")]) for header, tr in rows]
    if cells and not any(header for header, _ in cells) and all(c.tag == "th" for c in cells[0][1]):
        cells[0] = (True, cells[0][1])
    return [(header, row) for header, row in cells if row]
