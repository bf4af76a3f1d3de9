"""The Word document, opened with python-docx: its styles, lists, table, metadata, language and literal text."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime, timedelta

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from cohesion_guide.export.docx import write_docx
from cohesion_guide.export.html import fragment_tree, markdown_to_html

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
    returned = write_docx(
        markdown_to_html(POLICY_MD), dest, title=f"Policy: {SPECIAL}", author="Riverside Primary & Co"
    )
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


def test_the_file_names_this_guide_as_its_maker_and_says_what_it_is_about(tmp_path):
    dest = write_docx(
        markdown_to_html(POLICY_MD),
        tmp_path / "p.docx",
        title=f"Community cohesion policy: {SPECIAL}",
        author="Riverside Primary & Co",
    )
    core = docx.Document(dest).core_properties
    assert core.subject == "Community cohesion policy"
    assert "community cohesion" in core.keywords
    with zipfile.ZipFile(dest) as package:
        app = etree.fromstring(package.read("docProps/app.xml"))
        document = docx.Document(dest)
    ns = {"e": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    assert app.findtext("e:Application", namespaces=ns) == "Community Cohesion Guide"
    assert app.findtext("e:Company", namespaces=ns) == "Riverside Primary & Co"
    text = (
        " ".join(p.text for p in document.paragraphs)
        + " "
        + " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    )
    words = int(app.findtext("e:Words", namespaces=ns))
    assert words > 20 and abs(words - len(text.split())) <= len(text.split()) // 10  # Word's own count, near enough
    assert "Macintosh" not in package_text(dest) and app.findtext("e:Pages", namespaces=ns) is None


def package_text(path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("docProps/app.xml").decode("utf-8")


def test_british_english_is_the_document_default(policy):
    lang = policy.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
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

    def fail_half_way(self, name, data, *args, **kwargs):
        # By now the temporary file holds the unchanging parts: half a package.
        raise OSError("disk full")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail_half_way)
    with pytest.raises(OSError, match="disk full"):
        write_docx("<h1>New version</h1>", dest, title="Policy", author="School")
    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["policy.docx"]


# The package itself, read as XML: what Word checks before python-docx would notice -------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Child order inside <w:rPr> and <w:pPr> (CT_RPr, CT_PPrBase in the WordprocessingML schema);
# Word reports a file with them out of order as corrupt.
R_PR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
P_PR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]

EDGE_HTML = (
    "<h2>Edge cases</h2>"
    "<table><caption>Ragged <b>rows</b></caption>"
    "<tr><th>One</th><th>Two</th><th>Three</th></tr><tr><td>only one</td></tr><tr><td>a</td><td>b</td></tr></table>"
    "<ul><li>level one<ul><li>level two<ul><li>level three<ul><li>level four</li></ul></li></ul></li></ul></li></ul>"
    "<ol><li>first list<p>its second paragraph</p></li></ol><ol><li>second list</li></ol>"
    "<ol><li>third list<ol><li>nested numbers</li></ol></li></ol>"
    "<pre>line one\n\tindented &amp; <b>not bold</b>\nline three</pre>"
    "<dl><dt>Term</dt><dd>Meaning</dd></dl><hr>"
    '<p>E = mc<sup>2</sup>, H<sub>2</sub>O, <code>cohesion policy</code>, <img alt="a chart" src="c.svg">'
    " line<br>break, <strong><em>bold italic اردو</em></strong></p>"
    '<p><a href="https://example.org/?a=1&amp;b=&quot;2&quot;">one</a> and '
    '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">the same</a> address twice</p>'
    "<table><tr><td><table><tr><td>inner</td></tr></table></td></tr></table>"
)


def _xml(path, part):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(part))


@pytest.fixture(scope="module")
def edge_file(tmp_path_factory):
    return write_docx(EDGE_HTML, tmp_path_factory.mktemp("docx") / "edge.docx", title=" Edge ", author="a")


@pytest.fixture(scope="module")
def edge(edge_file):
    return docx.Document(edge_file)


def _local(element):
    return element.tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize("part", ["word/document.xml", "word/header1.xml", "word/footer1.xml"])
def test_run_and_paragraph_properties_follow_the_schema_order(edge_file, tmp_path, part):
    policy_file = write_docx(markdown_to_html(POLICY_MD), tmp_path / "p.docx", title="t", author="a")
    for path in (edge_file, policy_file):
        root = _xml(path, part)
        for container, order in ((f"{W}rPr", R_PR_ORDER), (f"{W}pPr", P_PR_ORDER)):
            for properties in root.iter(container):
                names = [_local(child) for child in properties]
                assert all(name in order for name in names), names
                assert names == sorted(names, key=order.index), names
                assert len(set(names)) == len(names), names


def test_content_types_come_first_and_cover_every_part(edge_file):
    with zipfile.ZipFile(edge_file) as package:
        assert package.testzip() is None
        names = package.namelist()
    assert names[0] == "[Content_Types].xml"
    assert len(set(names)) == len(names), "a part written twice"
    types = _xml(edge_file, "[Content_Types].xml")
    defaults = {d.get("Extension") for d in types if _local(d) == "Default"}
    overrides = {o.get("PartName") for o in types if _local(o) == "Override"}
    parts = {f"/{name}" for name in names if name != "[Content_Types].xml"}
    assert overrides <= parts, "a content type for a part that is not there"
    assert all(part in overrides or part.rsplit(".", 1)[-1] in defaults for part in parts)


def test_every_relationship_in_the_text_exists_and_each_address_is_related_once(edge_file, edge):
    rels = _xml(edge_file, "word/_rels/document.xml.rels")
    by_id = {rel.get("Id"): rel for rel in rels}
    assert len(by_id) == len(rels)
    used = {
        element.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for element in _xml(edge_file, "word/document.xml").iter()
        if element.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    }
    assert used <= set(by_id)
    links = [rel for rel in rels if rel.get("Type").endswith("/hyperlink")]
    assert [rel.get("Target") for rel in links] == ['https://example.org/?a=1&b="2"']
    assert links[0].get("TargetMode") == "External"
    paragraph = next(p for p in edge.paragraphs if p.text.startswith("one"))
    assert [link.address for link in paragraph.hyperlinks] == ['https://example.org/?a=1&b="2"'] * 2
    assert paragraph.text == (
        'one (https://example.org/?a=1&b="2") and the same (https://example.org/?a=1&b="2") address twice'
    )


def test_a_parsed_tree_makes_the_same_document_as_the_html(tmp_path):
    html = markdown_to_html(POLICY_MD) + EDGE_HTML
    from_text = write_docx(html, tmp_path / "text.docx", title="t", author="a")
    from_tree = write_docx(fragment_tree(html), tmp_path / "tree.docx", title="t", author="a")
    for part in ("word/document.xml", "word/numbering.xml", "word/_rels/document.xml.rels", "word/header1.xml"):
        with zipfile.ZipFile(from_text) as a, zipfile.ZipFile(from_tree) as b:
            assert a.read(part) == b.read(part), part


def test_a_table_with_ragged_rows_is_filled_out_and_every_cell_ends_with_a_paragraph(edge_file, edge):
    table = edge.tables[0]
    assert table.style.name == "Table Grid"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["One", "Two", "Three"],
        ["only one", "", ""],
        ["a", "b", ""],
    ]
    assert [p.text for p in edge.paragraphs if p.style.name == "Caption"] == ["Ragged rows"]
    for tbl in _xml(edge_file, "word/document.xml").iter(f"{W}tbl"):
        grid = [int(col.get(f"{W}w")) for col in tbl.find(f"{W}tblGrid")]
        properties = [_local(child) for child in tbl.find(f"{W}tblPr")]
        assert properties == ["tblStyle", "tblW", "tblLook"]
        for row in tbl.findall(f"{W}tr"):
            cells = row.findall(f"{W}tc")
            assert len(cells) == len(grid)
            for cell, width in zip(cells, grid, strict=False):
                assert int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) == width
                assert _local(cell[-1]) == "p", "Word needs a paragraph at the end of every cell"
    # The outer tables share the 17 cm between the margins equally, as python-docx does.
    outer = edge.tables[0]
    assert abs(sum(column.width for column in outer.columns) - Mm(170)) < Mm(1)
    nested = edge.tables[1].rows[0].cells[0].tables
    assert [[c.text for c in row.cells] for row in nested[0].rows] == [["inner"]]


def test_lists_nest_three_deep_and_deeper_items_stay_at_the_third_level(edge):
    assert _styled(edge, "List Bullet") == ["level one"]
    assert _styled(edge, "List Bullet 2") == ["level two"]
    assert _styled(edge, "List Bullet 3") == ["level three", "level four"]
    assert _styled(edge, "List Continue") == ["its second paragraph"]
    assert _styled(edge, "List Number 2") == ["nested numbers"]


def test_every_numbered_list_restarts_on_its_own_numbering(edge):
    numbered = [p for p in edge.paragraphs if p.style.name.startswith("List Number")]
    assert [p.text for p in numbered] == ["first list", "second list", "third list", "nested numbers"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert len(set(num_ids)) == 4
    numbering = edge.part.numbering_part.element
    for paragraph, num_id in zip(numbered, num_ids, strict=False):
        num = numbering.num_having_numId(num_id)
        assert num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")) == "1"
        style_num = numbering.num_having_numId(paragraph.style.element.pPr.numPr.numId.val)
        assert num.abstractNumId.val == style_num.abstractNumId.val, "a restart must keep the style's look"


def test_inline_formatting_preformatted_text_and_definitions(edge):
    paragraph = next(p for p in edge.paragraphs if p.text.startswith("E = mc"))
    runs = paragraph.runs
    assert [r.text for r in runs if r.font.superscript] == ["2"]
    assert [r.text for r in runs if r.font.subscript] == ["2"]
    assert [r.text for r in runs if r.font.name == "Courier New"] == ["cohesion policy"]
    assert "a chart" in paragraph.text and "line\nbreak" in paragraph.text
    urdu = next(r for r in runs if r.text == "اردو")
    assert urdu.bold and urdu.italic
    assert [_local(c) for c in urdu._r.rPr] == ["b", "bCs", "i", "iCs", "rtl"]
    pre = next(p for p in edge.paragraphs if p.text.startswith("line one"))
    assert pre.text == "line one\n\tindented & not bold\nline three"
    assert all(r.font.name == "Courier New" and not r.bold for r in pre.runs)
    term = next(p for p in edge.paragraphs if p.text == "Term")
    meaning = next(p for p in edge.paragraphs if p.text == "Meaning")
    assert all(r.bold for r in term.runs)
    assert abs(meaning.paragraph_format.left_indent - Mm(10)) < Mm(0.1)


def test_spaces_at_the_ends_of_text_are_kept(edge):
    assert edge.sections[0].header.paragraphs[0].text == " Edge "
    paragraph = next(p for p in edge.paragraphs if p.text.startswith("E = mc"))
    texts = [t for r in paragraph.runs for t in r._r.findall(qn("w:t"))]
    spaced = [t for t in texts if t.text != t.text.strip()]
    assert spaced and all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in spaced)


def test_each_language_gets_its_own_defaults(tmp_path):
    welsh = docx.Document(write_docx("<p>Croeso</p>", tmp_path / "cy.docx", title="t", author="a", language="cy-GB"))
    english = docx.Document(write_docx("<p>Welcome</p>", tmp_path / "en.docx", title="t", author="a"))
    path = f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    assert welsh.styles.element.find(path).get(qn("w:val")) == "cy-GB"
    assert welsh.core_properties.language == "cy-GB"
    assert english.styles.element.find(path).get(qn("w:val")) == "en-GB"


def test_metadata_is_fresh_for_each_document(tmp_path):
    first = docx.Document(write_docx("<p>x</p>", tmp_path / "a.docx", title="First", author="School A"))
    second = docx.Document(write_docx("<p>y</p>", tmp_path / "b.docx", title="Second", author="School B"))
    assert (first.core_properties.title, second.core_properties.title) == ("First", "Second")
    assert second.core_properties.last_modified_by == "School B"
    assert second.core_properties.revision == 1
    created = second.core_properties.created.replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - created) < timedelta(minutes=5)
    assert second.sections[0].header.paragraphs[0].text == "Second"


def test_a_saved_word_base_writes_the_same_document_as_one_made_with_python_docx(tmp_path, monkeypatch):
    """The browser has no python-docx: it reads the base the site build saved. The documents must not differ."""
    from cohesion_guide.export import docx_base

    html = "<h1>Policy</h1><ol><li>One</li></ol><table><tr><th>A</th></tr><tr><td>b</td></tr></table>"
    made = write_docx(html, tmp_path / "made.docx", title="T", author="A")
    saved = docx_base.save(docx_base.word_base("en-GB"))
    monkeypatch.setattr(docx_base, "_saved", {})
    monkeypatch.setattr(docx_base, "_made", lambda language: pytest.fail("python-docx was used"))
    docx_base.use_saved(saved)
    read = write_docx(html, tmp_path / "read.docx", title="T", author="A")
    assert _members(made) == _members(read)


def _members(path):
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    parts["docProps/core.xml"] = re.sub(rb"\d{4}-\d\d-\d\dT[\d:]+Z", b"(time)", parts["docProps/core.xml"])
    return parts


# ---- the designed template ----------------------------------------------------------------------

STATUS_MD = """# Community cohesion policy: Riverside

| Status | Draft |
|---|---|
| School | Riverside |
| Next review | 1 September 2027 |

Our pupils come from many communities.

## Document control

| Item | Detail |
|---|---|
| Approved by | Full governing body |
"""


@pytest.fixture(scope="module")
def designed(tmp_path_factory):
    dest = tmp_path_factory.mktemp("designed") / "designed.docx"
    return docx.Document(
        write_docx(markdown_to_html(STATUS_MD), dest, title="Community cohesion policy: Riverside", author="Riverside")
    )


def test_the_text_uses_the_templates_named_styles(designed):
    assert _styled(designed, "Heading 1") == ["Community cohesion policy: Riverside"]
    assert _styled(designed, "Heading 2") == ["Document control"]
    assert _styled(designed, "Body Text") == ["Our pupils come from many communities."]
    assert not _styled(designed, "Normal")  # every paragraph of the body has a named style
    status, control = designed.tables
    assert status.style.name == "Status Block" and control.style.name == "Table Grid"
    assert [c.text for c in status.columns[0].cells] == ["Status", "School", "Next review"]
    cells = [p for t in designed.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert cells and {p.style.name for p in cells} == {"Table Text"}


def test_the_styles_are_the_sites_colours_in_one_readable_font(designed):
    styles = designed.styles
    fonts = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Arial" and fonts.get(qn("w:asciiTheme")) is None
    for name, size, colour in [
        ("Heading 1", 22, "1D4F91"),
        ("Heading 2", 16, "1D4F91"),
        ("Heading 3", 13, "0B0C0C"),
        ("Title", 26, "1D4F91"),
        ("Body Text", 11, "0B0C0C"),
        ("Table Text", 10, "0B0C0C"),
    ]:
        style = styles[name]
        assert style.font.size.pt == size and str(style.font.color.rgb) == colour, name
        assert style.element.rPr.find(qn("w:rFonts")) is None, name  # no theme font (Calibri) creeps back
        assert style.font.color.theme_color is None, name
    assert all(styles[f"Heading {n}"].paragraph_format.keep_with_next for n in (1, 2, 3))
    grid = styles["Table Grid"].element
    assert {b.get(qn("w:color")) for b in grid.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")} == {"B1B4B6"}
    header_row = grid.find(qn("w:tblStylePr"))
    assert (
        header_row.get(qn("w:type")) == "firstRow"
        and header_row.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill")) == "F3F2F1"
    )
    status = styles["Status Block"].element
    left = status.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}/{qn('w:left')}")
    assert left.get(qn("w:color")) == "1D4F91" and int(left.get(qn("w:sz"))) >= 24
    assert status.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill")) == "E8EFF8"


def test_a_table_under_a_section_is_never_taken_for_the_status_block(tmp_path):
    html = markdown_to_html("# Title\n\n## Part\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    document = docx.Document(write_docx(html, tmp_path / "t.docx", title="t", author="a"))
    assert [t.style.name for t in document.tables] == ["Table Grid"]
