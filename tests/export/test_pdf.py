"""The PDF, opened with pypdf: its text, metadata, tags, language, A4 pages, fonts and literal text."""

from __future__ import annotations

import html
import http.server
import json
import shutil
import subprocess
import threading

import pypdf
import pytest
import typst
from hypothesis import given, settings
from hypothesis import strategies as st

from cohesion_guide.documents.charts import Bar, BarGroup, responsive_chart
from cohesion_guide.export import pdf as export_pdf
from cohesion_guide.export.html import markdown_to_html
from cohesion_guide.export.pdf import write_pdf
from cohesion_guide.export.typst import UnknownLanguage, typst_string

# The Urdu word comes last: the bidi algorithm would lay digits after it out right to left, and
# text extraction would then give them in another order (correct, but not the source's order).
SPECIAL = "Ysgol Gŵyr & <Żółw> \"quoted\" 'single' {{ 7*7 }} {% raw %} 🙂 اردو"
ESCAPED = SPECIAL.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
TITLE = "Community cohesion policy: Gŵyr & Żółw"
A4 = (595.28, 841.89)  # points

# Enough text for more than one page, so the running header and "Page N of M" can be checked.
FILLER = "\n\n".join(
    f"Paragraph {n}: the school works with families, neighbours and partner schools on shared activities."
    for n in range(60)
)
POLICY_MD = f"""# Policy for {ESCAPED}

## Our communities

Home languages: اردو 🙂 12 % and 7*7.

{FILLER}

## Document control

| Item | Detail |
|---|---|
| School | {ESCAPED} |
"""


def _font_installed(family: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    found = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    for family in ("Liberation Sans", "Noto Naskh Arabic", "Noto Color Emoji"):
        assert _font_installed(family), (
            f"the font {family!r} is missing: install Debian's fonts-liberation, fonts-noto-core "
            "and fonts-noto-color-emoji (the Makefile's Chromium step does)"
        )
    dest = tmp_path_factory.mktemp("pdf") / "policy.pdf"
    returned = write_pdf(markdown_to_html(POLICY_MD), dest, title=TITLE, author="Riverside Primary & Co")
    assert returned == dest
    return pypdf.PdfReader(dest)


def _text(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_text_has_the_headings_and_special_characters_literally(policy):
    text = " ".join(_text(policy).split())  # a long heading wraps onto two lines
    for expected in (f"Policy for {SPECIAL}", "Our communities", "Document control", "Paragraph 59"):
        assert expected in text, expected
    for piece in ("ŵ", "Żółw", "اردو", "🙂", "{{ 7*7 }}", "{% raw %}", "<Żółw>", '"quoted"', "'single'", " & "):
        assert piece in text, piece
    assert "&amp;" not in text and "&lt;" not in text


def test_metadata_title_and_author(policy):
    assert policy.metadata.title == TITLE
    assert policy.metadata.author == "Riverside Primary & Co"


def test_the_document_properties_say_what_it_is_about_in_which_language_and_what_made_it(policy):
    info, xmp = policy.metadata, policy.xmp_metadata
    assert info.subject == "Community cohesion policy"  # the title before its colon, as in Word
    assert info["/Keywords"] == "community cohesion, equality, school policy, England"
    assert policy.trailer["/Root"]["/Lang"] == "en-GB" and xmp.dc_language == ["en-GB"]
    # The XMP copy that PDF/UA readers use says the same as the Info dictionary.
    assert xmp.dc_title == {"x-default": TITLE} and xmp.dc_creator == ["Riverside Primary & Co"]
    assert xmp.dc_description == {"x-default": "Community cohesion policy"}
    assert xmp.pdf_keywords == info["/Keywords"]
    # Typst names itself as the application (a document cannot set that); never a stale template's.
    assert info.creator.startswith("Typst ") and xmp.xmp_creator_tool == info.creator


def test_word_and_pdf_share_one_subject_and_one_set_of_keywords(tmp_path):
    import docx

    from cohesion_guide.export.docx import write_docx

    title, author = "Self-evaluation: Riverside Primary School", "Riverside Primary School"
    reader = pypdf.PdfReader(write_pdf("<h1>Pack</h1>", tmp_path / "p.pdf", title=title, author=author))
    core = docx.Document(
        str(write_docx("<h1>Pack</h1>", tmp_path / "p.docx", title=title, author=author))
    ).core_properties
    assert reader.metadata.subject == core.subject == "Self-evaluation"
    assert (
        reader.metadata["/Keywords"].split(", ")
        == core.keywords.split("; ")
        == ["community cohesion", "equality", "school policy", "England"]
    )
    assert (reader.metadata.title, reader.metadata.author) == (core.title, core.author) == (title, author)


def test_it_is_tagged_with_a_structure_tree(policy):
    root = policy.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject, not a bool
    assert "/StructTreeRoot" in root
    assert len(root["/StructTreeRoot"]["/K"]) > 0


def _roles(node, found: set[str]) -> set[str]:
    node = node.get_object()
    if isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pypdf.generic.ArrayObject) else ([kids] if kids is not None else []):
            _roles(kid, found)
    return found


def test_the_structure_tree_names_headings_paragraphs_and_the_table(policy):
    roles = _roles(policy.trailer["/Root"]["/StructTreeRoot"], set())
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD"} <= roles, roles


def test_language_is_british_english(policy):
    assert policy.trailer["/Root"]["/Lang"] == "en-GB"


def test_every_page_is_a4(policy):
    assert len(policy.pages) >= 2, "the sample should run over more than one page"
    for page in policy.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1, box


def test_each_page_has_the_title_at_its_head_and_page_n_of_m_at_its_foot(policy):
    total = len(policy.pages)
    for number, page in enumerate(policy.pages, start=1):
        text = page.extract_text()
        assert TITLE in text, f"page {number} has no running title"
        assert f"Page {number} of {total}" in text


def test_every_font_is_embedded(policy):
    seen = 0
    for page in policy.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen += 1
            if font["/Subtype"] == "/Type3":
                continue  # drawn in the file itself (colour emoji)
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    assert seen


def _is_emoji_font(font) -> bool:
    # Colour emoji are drawn as a Type 3 font (Typst gives it no /BaseFont); an outline emoji font
    # keeps its name.
    return font["/Subtype"] == "/Type3" or "Emoji" in str(font.get("/BaseFont", ""))


def test_the_emoji_is_drawn_in_the_emoji_font(policy):
    # The other half of the next test: it would pass vacuously if emoji were never drawn at all.
    drawn: list[str] = []
    for page in policy.pages:
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size: drawn.append(text) if font and _is_emoji_font(font) else None
        )
    assert "🙂" in "".join(drawn)


def test_digits_and_letters_near_emoji_and_urdu_use_a_text_font(policy):
    # Naming the emoji font early in a font list makes digits after an emoji come out as emoji glyphs.
    wrong: list[str] = []

    def visit(text, cm, tm, font, size):
        if font and _is_emoji_font(font) and any(c.isalnum() for c in text):
            wrong.append(text)

    for page in policy.pages:
        page.extract_text(visitor_text=visit)
    assert wrong == []


def test_another_language_is_passed_through(tmp_path):
    reader = pypdf.PdfReader(
        write_pdf("<h1>Polisi</h1>", tmp_path / "cy.pdf", title="Polisi", author="Ysgol", language="cy")
    )
    assert reader.trailer["/Root"]["/Lang"] == "cy"


def test_nothing_is_fetched_from_another_server(tmp_path):
    hits: list[str] = []

    class Count(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Count)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        fragment = (
            f'<h1>Policy</h1><p><img src="{base}/chart.png" alt="A chart"></p>'
            f'<p style="background: url({base}/bg.png)">x</p>'
        )
        write_pdf(fragment, tmp_path / "policy.pdf", title="Policy", author="School")
    finally:
        server.shutdown()
    assert hits == []


def test_a_failed_write_keeps_the_previous_pdf(tmp_path, monkeypatch):
    dest = tmp_path / "policy.pdf"
    write_pdf("<h1>Adopted version</h1>", dest, title="Policy", author="School")
    before = dest.read_bytes()

    def write_half_then_fail(source, target):
        with open(target, "wb") as out:
            out.write(b"%PDF-1.7 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(export_pdf, "_compile", write_half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        write_pdf("<h1>New version</h1>", dest, title="Policy", author="School")
    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["policy.pdf"]


# ---- Typst: what a school types is never read as Typst, and the structure survives ----------

# Typst's own syntax, and ways out of a string: each must print as typed.
TYPST_SYNTAX = [
    "#set page(width: 1cm)",
    '#read("/etc/passwd")',
    '#import "@preview/cetz:0.3.0"',
    "$x^2$",
    "*bold*",
    "_under_",
    "@ref",
    "<label>",
    "= heading",
    "- item",
    "+ item",
    "/ term: x",
    "`raw`",
    "~",
    "\\u{41}",
    "back\\slash",
    '"]; #panic("x"); ["',
    "// comment",
    "/* block */",
    "[brackets]",
    "{braces}",
]


def test_typst_syntax_in_the_text_is_shown_literally(tmp_path):
    fragment = "".join(f"<p>{html.escape(piece)}</p>" for piece in TYPST_SYNTAX)
    reader = pypdf.PdfReader(write_pdf(fragment, tmp_path / "t.pdf", title="#set text(size: 1pt)", author="$a$"))
    text = _text(reader)
    for piece in TYPST_SYNTAX:
        assert piece in text, piece
    assert reader.metadata.title == "#set text(size: 1pt)" and reader.metadata.author == "$a$"
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4[0]) < 1, "the page size was changed by text"


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
def test_any_text_is_one_typst_string_that_reads_back_as_itself(text):
    # Typst evaluates the literal to exactly the text: no escape is missed or doubled. The one character left out on
    # purpose is a byte-order mark (U+FEFF), which shows nothing and which PDF/UA-1 refuses even escaped.
    compiler = typst.Compiler(ignore_system_fonts=True)  # the binding evaluates once per compiler
    assert json.loads(compiler.eval(typst_string(text), format="json")) == text.replace("\ufeff", "")


def test_a_byte_order_mark_is_left_out_of_a_typst_string_and_nothing_else_is():
    # Hypothesis draws U+FEFF only now and then; this case is always run.
    compiler = typst.Compiler(ignore_system_fonts=True)
    assert json.loads(compiler.eval(typst_string("\ufeffa\ufeff b"), format="json")) == "a b"


def test_it_declares_pdf_ua_1(policy):
    xmp = policy.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert policy.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712


def test_a_right_to_left_phrase_reads_back_in_reading_order(tmp_path):
    # Typst lays several right-to-left words out word by word in line order; read back, "one two
    # three" came out "three two one". "ایک دو تین" is Urdu for one, two, three.
    reader = pypdf.PdfReader(
        write_pdf(
            "<p>Partner of ایک دو تین and <strong>دو تین</strong> 12</p>",
            tmp_path / "ur.pdf",
            title="Urdu",
            author="School",
        )
    )
    squeezed = "".join(_text(reader).split())
    assert "Partnerofایکدوتینandدوتین12" in squeezed


KITCHEN_MD = """# Policy

#### A heading that skips two levels

> A quote with `code` and a [link](https://www.gov.uk/) and <https://example.org/>.

Governing body
:   Adopts the policy.

Line one  
line two

    preformatted  text

1. First
    - nested
2. Second

---

| Item | Detail |
|---|---|
| School | Riverside |
"""


@pytest.fixture(scope="module")
def kitchen(tmp_path_factory):
    chart = responsive_chart(
        "t-chart",
        title="Practices in place",
        desc="Practices in place: teaching 4.",
        groups=[BarGroup("Teaching", (Bar(4, "In place: 4"),))],
        max_value=6,
    )
    fragment = markdown_to_html(KITCHEN_MD) + f'<figure class="cc-chart">{chart}</figure>'
    return pypdf.PdfReader(
        write_pdf(fragment, tmp_path_factory.mktemp("k") / "k.pdf", title="Kitchen", author="School")
    )


def _elements(node, found: list) -> list:
    node = node.get_object()
    if isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pypdf.generic.ArrayObject) else ([kids] if kids is not None else []):
            _elements(kid, found)
    return found


def test_every_kind_of_block_has_its_tag(kitchen):
    roles = _roles(kitchen.trailer["/Root"]["/StructTreeRoot"], set())
    assert {
        "/H1",
        "/H2",
        "/BlockQuote",
        "/Code",
        "/Link",
        "/L",
        "/LI",
        "/Lbl",
        "/LBody",
        "/Table",
        "/THead",
        "/TH",
        "/TD",
        "/Figure",
        "/P",
    } <= roles, roles
    assert "/H4" not in roles, "PDF/UA forbids skipping heading levels: h4 after h1 is tagged H2"


def test_a_chart_is_a_figure_with_its_title_and_description_and_its_labels_are_text(kitchen):
    figures = [e for e in _elements(kitchen.trailer["/Root"]["/StructTreeRoot"], []) if e["/S"] == "/Figure"]
    assert [str(f.get("/Alt")) for f in figures] == ["Practices in place: teaching 4."]
    text = _text(kitchen)
    assert "In place: 4" in text and "Teaching" in text  # drawn from the SVG as text, not as outlines
    assert "viewBox" not in text and "Practices in place: teaching" not in text  # no SVG source leaks


def test_every_block_is_printed_and_a_link_shows_its_address(kitchen):
    text = " ".join(_text(kitchen).split())
    for expected in (
        "A heading that skips two levels",
        "A quote with code and a link (https://www.gov.uk/)",
        "and https://example.org/.",
        "Governing body",
        "Adopts the policy.",
        "Line one",
        "line two",
        "preformatted text",
        "First",
        "nested",
        "Second",
        "School Riverside",
    ):
        assert expected in text, expected
    assert "https://example.org/ (https://example.org/)" not in text  # an address is not printed twice


def test_a_typst_failure_is_explained_and_keeps_the_previous_pdf(tmp_path, monkeypatch):
    dest = tmp_path / "policy.pdf"
    write_pdf("<h1>Adopted version</h1>", dest, title="Policy", author="School")
    before = dest.read_bytes()
    monkeypatch.setattr(export_pdf, "typst_document", lambda *args, **kwargs: '#panic("a broken template")')
    with pytest.raises(export_pdf.PdfError, match="print.typ") as raised:
        write_pdf("<h1>New version</h1>", dest, title="Policy", author="School")
    assert "a broken template" in str(raised.value)
    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["policy.pdf"]


def test_a_language_the_pdf_cannot_carry_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(UnknownLanguage, match="not a language tag"):
        write_pdf("<h1>Policy</h1>", tmp_path / "x.pdf", title="Policy", author="School", language='en"); #panic(')
    assert list(tmp_path.iterdir()) == []
