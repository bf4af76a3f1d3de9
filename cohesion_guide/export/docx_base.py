"""The Word package every document shares (styles, numbering, header, footer, A4), made once with
python-docx, and saved so that a place without python-docx (the policy builder in the browser) can
use the very same package.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import asdict, dataclass
from functools import cache

LINK_COLOUR = (0x1D, 0x70, 0xB8)  # GOV.UK link blue, 5:1 on white
# The designed template: the site's palette (docs/stylesheets/cohesion.css, print.typ) and one
# readable sans-serif that every copy of Word has (LibreOffice draws it with Liberation Sans, the
# PDF's font). Each colour reads at 7:1 or more on white; the shades sit behind dark text.
FONT = "Arial"
INK, BLUE, SECONDARY, RULE = "0B0C0C", "1D4F91", "505A5F", "B1B4B6"
SHADE, TINT = "F3F2F1", "E8EFF8"
# Paragraph styles: name -> (size in points, bold, colour, space before, space after, keep with next).
PARAGRAPH_LOOKS = {
    "Normal": (11, False, INK, 0, 8, False),
    "Body Text": (11, False, INK, 0, 8, False),
    "Title": (26, True, BLUE, 0, 12, True),
    "Heading 1": (22, True, BLUE, 0, 12, True),
    "Heading 2": (16, True, BLUE, 20, 6, True),
    "Heading 3": (13, True, INK, 14, 4, True),
    "Header": (9, False, SECONDARY, 0, 0, False),
    "Footer": (9, False, SECONDARY, 0, 0, False),
    "Caption": (10, True, INK, 6, 4, True),
    "Table Text": (10, False, INK, 0, 2, False),
}
# The styles this guide adds to python-docx's template, and the table styles it designs.
NEW_PARAGRAPH_STYLES = ("Table Text",)
STATUS_BLOCK = "Status Block"  # the table of page one's status block: the school, where the policy stands
# The parts written afresh for each document; every other part of the package is the same each time.
DOCUMENT, RELS, NUMBERING, HEADER, CORE, APP = (
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/numbering.xml",
    "word/header1.xml",
    "docProps/core.xml",
    "docProps/app.xml",
)
PER_DOCUMENT = (DOCUMENT, RELS, NUMBERING, HEADER, CORE, APP)
NUMBERED_STYLES = ("List Number", "List Number 2", "List Number 3")
SAVED_FIXED, SAVED_TEXT = "fixed.zip", "base.json"  # the members of a saved base
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold

_saved: dict[str, WordBase] = {}  # language -> a base read by use_saved, preferred to making one


@dataclass(frozen=True)
class WordBase:
    """python-docx's default template, set up as every document needs it, kept as text and bytes."""

    language: str
    fixed_zip: bytes  # every part but PER_DOCUMENT, compressed, [Content_Types].xml first
    document_head: str  # word/document.xml up to and including <w:body>
    document_tail: str  # the sectPr (A4, margins, header and footer) and the closing tags
    rels_head: str  # the document's relationships, without </Relationships>
    free_rel_ids: tuple[str, ...]  # unused rIds in the order python-docx would hand them out
    numbering_head: str  # numbering.xml without </w:numbering>
    free_num_ids: tuple[int, ...]
    header_head: str  # header1.xml up to where the title run goes
    header_tail: str
    style_ids: dict[str, str]  # style name -> id: "Heading 1" -> "Heading1"
    list_abstract: dict[str, int]  # "List Number[ 2| 3]" -> its abstractNumId
    text_width: int  # EMU between the margins, shared out among a table's columns


def word_base(language: str) -> WordBase:
    """The base for documents in `language`: one read by use_saved, else made (once) with python-docx."""
    return _saved.get(language) or _made(language)


def save(base: WordBase) -> bytes:
    """`base` as a file: its fixed parts (a zip, kept as it is) and its text, for use_saved to read."""
    out = io.BytesIO()
    text = {k: v for k, v in asdict(base).items() if k != "fixed_zip"}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as saved:
        saved.writestr(zipfile.ZipInfo(SAVED_FIXED, FIXED_TIME), base.fixed_zip)
        saved.writestr(zipfile.ZipInfo(SAVED_TEXT, FIXED_TIME), json.dumps(text, sort_keys=True))
    return out.getvalue()


def use_saved(data: bytes) -> WordBase:
    """Use a base that `save` wrote for its language from now on, instead of making one."""
    with zipfile.ZipFile(io.BytesIO(data)) as saved:
        text = json.loads(saved.read(SAVED_TEXT))
        fixed = saved.read(SAVED_FIXED)
    text["free_rel_ids"] = tuple(text["free_rel_ids"])
    text["free_num_ids"] = tuple(text["free_num_ids"])
    base = WordBase(fixed_zip=fixed, **text)
    _saved[base.language] = base
    return base


@cache
def _made(language: str) -> WordBase:
    # Only here is python-docx needed: the browser, which cannot run it, reads a saved base instead.
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Mm, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    section.header.paragraphs[0]  # creates the header part; its run (the title) is per document
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    document.core_properties.comments = ""

    _set_default_language(document, language)
    # The template says its spelling was already checked; Word should check this text afresh.
    for proof_state in document.settings.element.findall(qn("w:proofState")):
        document.settings.element.remove(proof_state)

    _design(document, section.page_width - section.left_margin - section.right_margin)
    link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.base_style = document.styles["Default Paragraph Font"]
    link.font.color.rgb = RGBColor(*LINK_COLOUR)
    link.font.underline = True

    style_ids = {style.name: style.style_id for style in document.styles}
    numbering = document.part.numbering_part.element
    list_abstract = {
        name: numbering.num_having_numId(document.styles[name].element.pPr.numPr.numId.val).abstractNumId.val
        for name in NUMBERED_STYLES
    }
    used_nums = {int(n) for n in numbering.xpath("./w:num/@w:numId")}
    used_rels = set(document.part.rels)
    text_width = section.page_width - section.left_margin - section.right_margin

    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    # A school's document may carry the authority's logo, a PNG in its header.
    types = members["[Content_Types].xml"].decode("utf-8")
    if 'Extension="png"' not in types:
        types = types.replace("<Default ", '<Default Extension="png" ContentType="image/png"/><Default ', 1)
    members["[Content_Types].xml"] = types.encode("utf-8")
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            if name not in PER_DOCUMENT:
                package.writestr(_member(name), data, compress_type=zipfile.ZIP_DEFLATED)

    document_xml = members[DOCUMENT].decode("utf-8")
    body_start = document_xml.index("<w:body>") + len("<w:body>")
    sect_start = document_xml.index("<w:sectPr")
    assert body_start == sect_start, "python-docx's template is expected to have an empty body"
    rels_xml = members[RELS].decode("utf-8")
    numbering_xml = members[NUMBERING].decode("utf-8")
    header_xml = members[HEADER].decode("utf-8")
    title_at = header_xml.rindex("</w:p>")
    return WordBase(
        language=language,
        fixed_zip=fixed.getvalue(),
        document_head=document_xml[:body_start],
        document_tail=document_xml[sect_start:],
        rels_head=rels_xml[: rels_xml.rindex("</Relationships>")],
        free_rel_ids=tuple(f"rId{n}" for n in range(1, 10_000) if f"rId{n}" not in used_rels),
        numbering_head=numbering_xml[: numbering_xml.rindex("</w:numbering>")],
        free_num_ids=tuple(n for n in range(1, 10_000) if n not in used_nums),
        header_head=header_xml[:title_at],
        header_tail=header_xml[title_at:],
        style_ids=style_ids,
        list_abstract=list_abstract,
        text_width=int(text_width),
    )


def _design(document, text_width) -> None:
    """python-docx's template made this guide's own: one font, the site's colours, a type scale like
    print.typ's, tables ruled in grey with a shaded header row, and the status block's table style."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    # The theme's fonts (Calibri, Cambria) give way to one named font everywhere.
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = defaults.find(qn("w:rFonts"))
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), FONT)
    for name in NEW_PARAGRAPH_STYLES:
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Normal"]
    for name, (size, bold, colour, before, after, keep) in PARAGRAPH_LOOKS.items():
        style = styles[name]
        r_pr = style.element.get_or_add_rPr()
        for theme_fonts in r_pr.findall(qn("w:rFonts")):
            r_pr.remove(theme_fonts)
        for old_colour in r_pr.findall(qn("w:color")):
            r_pr.remove(old_colour)
        style.font.size, style.font.bold = Pt(size), bold
        style.font.color.rgb = RGBColor.from_string(colour)
        paragraph = style.paragraph_format
        paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
        paragraph.keep_with_next = keep or None
        if name == "Title":  # a rule under the title, in the site's blue
            p_pr = style.element.get_or_add_pPr()
            for border in p_pr.findall(qn("w:pBdr")):
                p_pr.remove(border)
            p_pr.append(
                parse_xml(
                    f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="4" w:color="{BLUE}"/></w:pBdr>'
                )
            )
    styles["Body Text"].base_style = styles["Normal"]
    # The header's one tab stop is the right margin: the school's name at the left, the document's
    # subject at the right (python-docx's template had US Letter's stops).
    header_tabs = styles["Header"].paragraph_format.tab_stops
    for stop in list(header_tabs):
        header_tabs._pPr.tabs.remove(stop._tab)
    header_tabs.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    styles["Table Text"].paragraph_format.line_spacing = 1.0
    # Tables: thin grey rules, a shaded header row in bold.
    grid = styles["Table Grid"].element
    borders = grid.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    for border in borders:
        border.set(qn("w:color"), RULE)
    grid.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/></w:tcPr></w:tblStylePr>'
        )
    )
    # The status block: a tinted panel with the site's blue down its left edge, labels in bold.
    status = styles.add_style(STATUS_BLOCK, WD_STYLE_TYPE.TABLE)
    status.base_style = styles["Table Grid"]
    status.element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}><w:tblBorders>"
            f'<w:top w:val="single" w:sz="4" w:space="0" w:color="{TINT}"/>'
            f'<w:left w:val="single" w:sz="36" w:space="0" w:color="{BLUE}"/>'
            f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{TINT}"/>'
            f'<w:right w:val="single" w:sz="4" w:space="0" w:color="{TINT}"/>'
            f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
            f'<w:insideV w:val="nil"/></w:tblBorders>'
            '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="160" w:type="dxa"/>'
            '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="160" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        )
    )
    status.element.append(
        parse_xml(f'<w:tcPr {nsdecls("w")}><w:shd w:val="clear" w:color="auto" w:fill="{TINT}"/></w:tcPr>')
    )
    status.element.append(
        parse_xml(f'<w:tblStylePr {nsdecls("w")} w:type="firstCol"><w:rPr><w:b/></w:rPr></w:tblStylePr>')
    )


def _member(name: str) -> zipfile.ZipInfo:
    """A member dated as in save(), not today: the same base every time, so the browser's copy of the
    engine changes only when the engine does."""
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.external_attr = 0o600 << 16
    return info


def _set_default_language(document, language: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    """The language on the document defaults (styles rPrDefault), which Word's spell-check follows."""
    r_pr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)


def _field(paragraph, instruction: str) -> None:
    """A Word field such as PAGE, with a placeholder Word replaces when it lays out the page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
