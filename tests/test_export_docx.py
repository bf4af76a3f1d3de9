"""The Word document, opened with python-docx: its styles, lists, table, metadata, language and literal text."""
from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from macros.export_docx import write_docx
from macros.export_html import markdown_to_html

# Profile text as the policy engineer hands it over: raw HTML already escaped.
SPECIAL = "Ysgol Gŵyr & <Żółw> \"quoted\" 'single' اردو 🙂 {{ 7*7 }} {% raw %}"
ESCAPED = SPECIAL.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

POLICY_MD = f"""# Community cohesion policy: {ESCAPED}

Our pupils speak **many languages**, among them *Urdu* (اردو) and Polish.

## Roles and responsibilities

- The governing body
    - the named governor
- The headteacher

### How we check

1. We ask pupils.
2. We look at the data.

Between the lists.

1. A second list
2. starts again

> Everyone belongs here.

Read [the guidance](https://www.gov.uk/guidance) or write to <office@example.org>.

## Document control

| Item | Detail |
|---|---|
| Approved by | Full governing body |
| School | {ESCAPED} |
"""


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    dest = tmp_path_factory.mktemp("docx") / "policy.docx"
    returned = write_docx(markdown_to_html(POLICY_MD), dest, title=f"Policy: {SPECIAL}", author="Riverside Primary & Co")
    assert returned == dest
    return docx.Document(dest)


def _styled(document, style):
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_headings_use_word_heading_styles(policy):
    assert _styled(policy, "Heading 1") == [f"Community cohesion policy: {SPECIAL}"]
    assert _styled(policy, "Heading 2") == ["Roles and responsibilities", "Document control"]
    assert _styled(policy, "Heading 3") == ["How we check"]


def test_list_items_use_list_styles_with_nesting(policy):
    assert _styled(policy, "List Bullet") == ["The governing body", "The headteacher"]
    assert _styled(policy, "List Bullet 2") == ["the named governor"]
    assert _styled(policy, "List Number") == ["We ask pupils.", "We look at the data.", "A second list", "starts again"]


def test_each_numbered_list_starts_again_at_one(policy):
    numbered = [p for p in policy.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] and num_ids[2] == num_ids[3]
    assert num_ids[0] != num_ids[2], "the second list would carry on from 3"
    numbering = policy.part.numbering_part.element
    for num_id in (num_ids[0], num_ids[2]):
        start = numbering.num_having_numId(num_id).find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start.get(qn("w:val")) == "1"


def test_blockquote_uses_the_quote_style(policy):
    assert _styled(policy, "Quote") == ["Everyone belongs here."]


def test_bold_and_italic_become_runs(policy):
    paragraph = next(p for p in policy.paragraphs if p.text.startswith("Our pupils"))
    assert [r.text for r in paragraph.runs if r.bold] == ["many languages"]
    assert [r.text for r in paragraph.runs if r.italic] == ["Urdu"]


def test_right_to_left_text_is_marked_so(policy):
    paragraph = next(p for p in policy.paragraphs if p.text.startswith("Our pupils"))
    urdu = [r for r in paragraph.runs if r.text == "اردو"]
    assert urdu and urdu[0]._r.rPr.find(qn("w:rtl")) is not None
    assert all(r._r.rPr is None or r._r.rPr.find(qn("w:rtl")) is None for r in paragraph.runs if r.text != "اردو")


def test_links_are_real_hyperlinks_with_the_address_written_out(policy):
    paragraph = next(p for p in policy.paragraphs if p.text.startswith("Read"))
    assert paragraph.text == "Read the guidance (https://www.gov.uk/guidance) or write to office@example.org."
    targets = {link.address for link in paragraph.hyperlinks}
    assert targets == {"https://www.gov.uk/guidance", "mailto:office@example.org"}
    assert [link.text for link in paragraph.hyperlinks] == ["the guidance", "office@example.org"]


def test_table_has_grid_style_cell_text_and_a_repeating_header(policy):
    assert len(policy.tables) == 1
    table = policy.tables[0]
    assert table.style.name == "Table Grid"
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [["Item", "Detail"], ["Approved by", "Full governing body"], ["School", SPECIAL]]
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)


def test_core_properties_title_author_language(policy):
    core = policy.core_properties
    assert core.title == f"Policy: {SPECIAL}"
    assert core.author == "Riverside Primary & Co"
    assert core.language == "en-GB"
    assert "python-docx" not in (core.comments or "")


def test_british_english_is_the_document_default(policy):
    lang = policy.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert lang.get(qn("w:val")) == "en-GB"
    assert policy.settings.element.find(qn("w:proofState")) is None, "Word must check the spelling afresh"


def test_a4_with_margins_title_header_and_page_numbers(policy):
    section = policy.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert all(abs(margin - Mm(20)) < Mm(0.1) for margin in (section.left_margin, section.right_margin))
    assert section.header.paragraphs[0].text == f"Policy: {SPECIAL}"
    footer = section.footer.paragraphs[0]._p
    instructions = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_special_characters_come_out_literally(policy):
    text = "\n".join(p.text for p in policy.paragraphs)
    assert SPECIAL in text
    assert "49" not in text, "{{ 7*7 }} must never be evaluated"
    assert "&amp;" not in text and "&lt;" not in text, "entities must be decoded exactly once"


def test_text_xml_cannot_hold_is_dropped_not_fatal(tmp_path):
    dest = write_docx("<p>bell\x07 and form\x0cfeed</p>", tmp_path / "odd.docx", title="odd\x01", author="x")
    document = docx.Document(dest)
    assert document.paragraphs[0].text == "bell and form feed"
    assert document.core_properties.title == "odd"


def test_unsafe_or_relative_links_stay_plain_text(tmp_path):
    fragment = '<p><a href="javascript:alert(1)">click</a> and <a href="../equality/">equality</a></p>'
    document = docx.Document(write_docx(fragment, tmp_path / "links.docx", title="t", author="a"))
    paragraph = document.paragraphs[0]
    assert paragraph.text == "click and equality"
    assert paragraph.hyperlinks == []


def test_a_failed_write_keeps_the_previous_document(tmp_path, monkeypatch):
    dest = tmp_path / "policy.docx"
    write_docx("<h1>Adopted version</h1>", dest, title="Policy", author="School")
    before = dest.read_bytes()

    def save_half_then_fail(self, path):
        with open(path, "wb") as out:
            out.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", save_half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        write_docx("<h1>New version</h1>", dest, title="Policy", author="School")
    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["policy.docx"]
