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
