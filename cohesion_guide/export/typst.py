"""An HTML fragment as a Typst document for model_policies/print.typ, every piece of text a Typst string."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html import escape
from itertools import groupby

from cohesion_guide.errors import UnknownLanguage
from cohesion_guide.export import tree as document_tree
from cohesion_guide.export.html import HTML_SPACE, fragment_tree
from cohesion_guide.export.metadata import KEYWORDS, Letterhead, subject_of
from cohesion_guide.export.tree import (  # how the Word writer reads the same tree: one reading for both
    HEADINGS,
    LINE_BREAK,
    PLAIN,
    Look,
    address_of,
    block_items,
    by_direction,
    inline_items,
    table_rows,
    tidy,
)
from cohesion_guide.export.tree import segments as tree_segments

# The blocks both writers know, and inline SVG, which the PDF draws as a picture (Word leaves it out).
BLOCKS = document_tree.BLOCKS | {"svg"}

# Inside a Typst string only \ and " are special; control characters and the Unicode line and
# paragraph separators are written as escapes, so the source stays one line per string.
_STRING_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"'}
_STRING_ESCAPES.update({c: f"\\u{{{c:x}}}" for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)})
# A zero-width no-break space (a byte-order mark pasted into a field) shows nothing, and PDF/UA-1 refuses it even
# escaped: it is left out.
_STRING_ESCAPES[0xFEFF] = None

LANGUAGE = re.compile(r"([a-z]{2,3})(?:[-_]([a-z]{2}))?", re.IGNORECASE)

# The HTML parser lower-cases every name, but SVG's are case-sensitive: these are SVG's
# mixed-case names, as the HTML standard lists them for putting the case back.
SVG_TAGS = {
    name.lower(): name
    for name in (
        "altGlyph",
        "altGlyphDef",
        "altGlyphItem",
        "animateColor",
        "animateMotion",
        "animateTransform",
        "clipPath",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feImage",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
        "foreignObject",
        "glyphRef",
        "linearGradient",
        "radialGradient",
        "textPath",
    )
}
SVG_ATTRIBUTES = {
    name.lower(): name
    for name in (
        "attributeName",
        "attributeType",
        "baseFrequency",
        "baseProfile",
        "calcMode",
        "clipPathUnits",
        "diffuseConstant",
        "edgeMode",
        "filterUnits",
        "glyphRef",
        "gradientTransform",
        "gradientUnits",
        "kernelMatrix",
        "kernelUnitLength",
        "keyPoints",
        "keySplines",
        "keyTimes",
        "lengthAdjust",
        "limitingConeAngle",
        "markerHeight",
        "markerUnits",
        "markerWidth",
        "maskContentUnits",
        "maskUnits",
        "numOctaves",
        "pathLength",
        "patternContentUnits",
        "patternTransform",
        "patternUnits",
        "pointsAtX",
        "pointsAtY",
        "pointsAtZ",
        "preserveAlpha",
        "preserveAspectRatio",
        "primitiveUnits",
        "refX",
        "refY",
        "repeatCount",
        "repeatDur",
        "requiredExtensions",
        "requiredFeatures",
        "specularConstant",
        "specularExponent",
        "spreadMethod",
        "startOffset",
        "stdDeviation",
        "stitchTiles",
        "surfaceScale",
        "systemLanguage",
        "tableValues",
        "targetX",
        "targetY",
        "textLength",
        "viewBox",
        "viewTarget",
        "xChannelSelector",
        "yChannelSelector",
        "zoomAndPan",
    )
}
# A chart is this wide unless it is so tall that it would not fit on a page at that width.
CHART_WIDTH_CM = 16.0  # the wide drawing at the text's full width keeps its type near 11 pt
CHART_MAX_HEIGHT_CM = 22.0
# Typst writes a right-to-left phrase word by word in the order the words sit on the line, so a
# text extractor (and the tag tree) would read "two one" for "one two". print.typ's rtl-run sets
# such a phrase word by word in reading order instead; it cannot break across lines, so longer
# phrases are left to Typst (drawn right, but read back in line order).
RTL_RUN_MAX = 60
RTL_WORD = re.compile(r"[^ \u00a0]+[ \u00a0]*")


def typst_string(text: str) -> str:
    """`text` as a Typst string literal: shown exactly as written, never read as markup or code."""
    return '"' + text.translate(_STRING_ESCAPES) + '"'


def typst_document(
    fragment: str | ET.Element,
    *,
    title: str,
    author: str,
    language: str = "en-GB",
    letterhead: Letterhead | None = None,
) -> str:
    """The Typst source of a whole document: print.typ's look around `fragment` (HTML, or the tree
    fragment_tree reads from it), with its metadata."""
    match = LANGUAGE.fullmatch(language.strip())
    if not match:
        raise UnknownLanguage(f"the document language {language!r} is not a language tag such as en-GB or cy")
    lang, region = match.group(1).lower(), match.group(2)
    region_arg = typst_string(region.upper()) if region else "none"
    body = _Writer().flow(fragment_tree(fragment) if isinstance(fragment, str) else fragment)
    keywords = ", ".join(typst_string(word) for word in KEYWORDS)
    return (
        '#import "print.typ": *\n'
        f"#show: cohesion-document.with(title: {typst_string(title)}, author: {typst_string(author)}, "
        f"subject: {typst_string(subject_of(title))}, keywords: ({keywords},), {_letterhead_args(letterhead)}"
        f"lang: {typst_string(lang)}, region: {region_arg})\n\n" + "\n\n".join(body) + "\n"
    )


def _letterhead_args(letterhead: Letterhead | None) -> str:
    """print.typ's school and logo arguments: the logo's bytes written into the source (an SVG as a
    string, a PNG as numbers), so the document reads no file but the templates."""
    if letterhead is None:
        return ""
    args = f"school: {typst_string(letterhead.school)}, "
    if letterhead.logo_type == "svg":
        data = typst_string(letterhead.logo.decode("utf-8", errors="replace"))
    elif letterhead.logo_type == "png":
        data = "(" + ",".join(map(str, letterhead.logo)) + ",)"
    else:
        return args
    return args + (
        f'logo: image(bytes({data}), format: "{letterhead.logo_type}", height: 10mm, '
        f"alt: {typst_string(letterhead.logo_alt)}), "
    )


class _Writer:
    """Walks the HTML tree once, writing each block as one Typst call whose text is all strings."""

    def __init__(self) -> None:
        self.heading_level = 0

    # Blocks ---------------------------------------------------------------------------------

    def flow(self, element: ET.Element, look: Look = PLAIN) -> list[str]:
        """`element`'s content as Typst blocks: loose inline content and each <p> become
        paragraphs; headings, lists, tables and the rest go to their own methods."""
        blocks: list[str] = []
        for item in block_items(element, BLOCKS):
            if isinstance(item, list):
                blocks.append(self.inline(item, look))
                continue
            tag = item.tag
            if tag == "p":
                blocks.extend(self.flow(item, look))  # a paragraph, or more if a chart sits inside it
            elif tag in HEADINGS:
                blocks.append(self.heading(item, HEADINGS[tag]))
            elif tag in ("ul", "ol"):
                blocks.append(self.list(item))
            elif tag == "blockquote":
                blocks.append(f"#quote(block: true){self.content(self.flow(item, look))}")
            elif tag == "table":
                blocks.extend(self.table(item))
            elif tag == "pre":
                blocks.append(f"#raw(block: true, {typst_string(''.join(item.itertext()).strip(chr(10)))})")
            elif tag == "dl":
                blocks.append(self.definitions(item))
            elif tag == "hr":
                blocks.append("#section-rule")
            elif tag == "svg":
                blocks.append(self.chart(item))
            else:
                blocks.extend(self.flow(item, look))
        return [block for block in blocks if block]

    @staticmethod
    def content(blocks: list[str]) -> str:
        """Blocks as one Typst content block, a paragraph break between each."""
        return "[" + "\n\n".join(blocks) + "]"

    def heading(self, element: ET.Element, level: int) -> str:
        text = self.inline(inline_items(element), PLAIN)
        if not text:
            return ""  # PDF/UA forbids an empty heading, and it would tell a reader nothing
        # PDF/UA requires levels that start at 1 and never skip one going down (h2 to h4);
        # a skipped level is tagged one below the heading before it.
        level = min(level, self.heading_level + 1)
        self.heading_level = level
        return f"#heading(level: {level}){self.content([text])}"

    def list(self, element: ET.Element) -> str:
        items = [item for item in element if item.tag == "li"]
        # A list whose items hold paragraphs is "loose" in Markdown: space between its items.
        tight = "true" if all(child.tag != "p" for item in items for child in item) else "false"
        contents = ", ".join(self.content(self.flow(item)) for item in items)
        if element.tag == "ul":
            return f"#list(tight: {tight}, {contents})"
        start = element.get("start", "1")
        start = int(start) if start.isdigit() else 1
        return f"#enum(tight: {tight}, start: {start}, {contents})"

    def table(self, element: ET.Element) -> list[str]:
        blocks = []
        caption = element.find("caption")
        if caption is not None:
            blocks.append(self.inline(inline_items(caption), Look(bold=True)))
        rows = table_rows(element)
        if not rows:
            return blocks
        width = max(len(cells) for _, cells in rows)
        # Only rows at the top can be Typst's header (repeated on each page, tagged as header
        # cells); a header row further down is drawn as a header but tagged as an ordinary row.
        top = 0
        while top < len(rows) and rows[top][0]:
            top += 1
        parts = []
        if top:
            parts.append(
                "table.header(" + ", ".join(self.row(cells, width, header=True) for _, cells in rows[:top]) + ")"
            )
        parts += [self.row(cells, width, header=is_header) for is_header, cells in rows[top:]]
        blocks.append(f"#table(columns: {width}, " + ", ".join(parts) + ")")
        return blocks

    def row(self, cells: list[ET.Element], width: int, *, header: bool) -> str:
        out = []
        for cell in cells:
            # An empty cell is a space to write in (a signature, a date): tall enough to.
            blocks = self.flow(cell)
            body = self.content(blocks) if any(blocks) else "[#v(2.4em)]"
            out.append(f"header-cell({body})" if header or cell.tag == "th" else body)
        out += ["[]"] * (width - len(cells))
        return ", ".join(out)

    def definitions(self, element: ET.Element) -> str:
        """A <dl> as Typst's term list: each <dt> with the <dd>s after it."""
        terms: list[tuple[list[str], list[str]]] = []
        for child in element:
            if child.tag == "dt":
                if not terms or terms[-1][1]:
                    terms.append(([], []))
                terms[-1][0].append(self.inline(inline_items(child), PLAIN))
            elif child.tag == "dd":
                if not terms:
                    terms.append(([], []))
                terms[-1][1].extend(self.flow(child))
        items = [
            f"terms.item([{'#linebreak()'.join(t for t in term if t)}], {self.content(description)})"
            for term, description in terms
        ]
        return "#terms(" + ", ".join(items) + ")" if items else ""

    def chart(self, element: ET.Element) -> str:
        """An inline SVG as a picture, its <title> and <desc> as the PDF's alternative text. A chart's
        drawing for narrow screens is left out: the page takes the wide one (charts.responsive_chart)."""
        if element.get("data-layout") == "narrow":
            return ""
        title = _plain_text(element.find("title"))
        desc = _plain_text(element.find("desc"))
        alt = desc if desc.startswith(title) else f"{title}. {desc}" if title and desc else title or desc
        width = CHART_WIDTH_CM
        view_box = (element.get("viewbox") or "").replace(",", " ").split()
        try:
            box_width, box_height = float(view_box[2]), float(view_box[3])
            if box_width > 0 and box_height > 0:
                width = min(width, CHART_MAX_HEIGHT_CM * box_width / box_height)
        except (IndexError, ValueError):
            pass
        picture = f"chart({typst_string(_svg_markup(element))}, alt: {typst_string(alt) if alt else 'none'}, width: {width:.2f}cm)"
        if not alt or element.get("aria-hidden") == "true":
            return f"#pdf.artifact({picture})"  # decoration: screen readers skip it (PDF/UA needs alt text otherwise)
        return f"#{picture}"

    # Inline content -------------------------------------------------------------------------

    def inline(self, items, look: Look) -> str:
        """Inline content as a run of Typst expressions, each text a string; "" when there is none."""
        segments = tidy(tree_segments(items, look))
        out = []
        for href, group in groupby(segments, key=lambda segment: segment[1].href):
            group = list(group)
            shown = "".join(_expression(text, seg_look) for text, seg_look in group)
            if not href:
                out.append(shown)
                continue
            out.append(f"#link({typst_string(href)})[{shown}]")
            words = "".join(text for text, _ in group if text is not LINE_BREAK).strip()
            if address_of(href) not in (words, words.rstrip("/")):
                # Printed, a link is only its text: write the address out after it.
                out.append(_expression(f" ({address_of(href)})", replace(group[-1][1], href=None)))
        return "".join(out)


def _expression(text: str | None, look: Look) -> str:
    """One piece of inline text as a Typst expression, its formatting as function calls around a string."""
    if text is LINE_BREAK:
        return "#linebreak()"
    expr = f"raw({typst_string(text)})" if look.code else _text(text)
    if look.bold:
        expr = f"strong({expr})"
    if look.italic:
        expr = f"emph({expr})"
    if look.superscript:
        expr = f"super({expr})"
    if look.subscript:
        expr = f"sub({expr})"
    return "#" + expr


def _text(text: str) -> str:
    """Text as a Typst string, or as content when it holds a right-to-left phrase of several words."""
    pieces = []
    for piece, right_to_left in by_direction(text):
        words = RTL_WORD.findall(piece) if right_to_left and len(piece) <= RTL_RUN_MAX else []
        if len(words) > 1:
            pieces.append("rtl-run(" + ", ".join(typst_string(word) for word in words) + ")")
        else:
            pieces.append(typst_string(piece))
    if len(pieces) == 1:
        return pieces[0]
    return "[" + "".join("#" + piece for piece in pieces) + "]"


def _plain_text(element: ET.Element | None) -> str:
    return HTML_SPACE.sub(" ", "".join(element.itertext())).strip() if element is not None else ""


def _svg_markup(element: ET.Element) -> str:
    """An SVG element written back out as XML, with SVG's mixed-case names restored."""
    tag = SVG_TAGS.get(element.tag, element.tag)
    attributes = "".join(
        f' {SVG_ATTRIBUTES.get(name, name)}="{escape(value)}"' for name, value in element.attrib.items()
    )
    inner = escape(element.text or "", quote=False)
    for child in element:
        inner += _svg_markup(child) + escape(child.tail or "", quote=False)
    return f"<{tag}{attributes}>{inner}</{tag}>"
