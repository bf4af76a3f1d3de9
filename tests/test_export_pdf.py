"""The PDF, opened with pypdf: its text, metadata, tags, language, A4 pages, fonts and literal text."""
from __future__ import annotations

import http.server
import shutil
import subprocess
import threading

import pypdf
import pytest

from macros.export_html import markdown_to_html
from macros.export_pdf import write_pdf

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


def test_digits_and_letters_near_emoji_and_urdu_use_a_text_font(policy):
    # Naming the emoji font in print.css once made digits after an emoji come out as emoji glyphs.
    wrong: list[str] = []

    def visit(text, cm, tm, font, size):
        if font and "Emoji" in str(font.get("/BaseFont", "")) and any(c.isalnum() for c in text):
            wrong.append(text)

    for page in policy.pages:
        page.extract_text(visitor_text=visit)
    assert wrong == []


def test_another_language_is_passed_through(tmp_path):
    reader = pypdf.PdfReader(write_pdf("<h1>Polisi</h1>", tmp_path / "cy.pdf", title="Polisi", author="Ysgol", language="cy"))
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
        fragment = (f'<h1>Policy</h1><p><img src="{base}/chart.png" alt="A chart"></p>'
                    f'<p style="background: url({base}/bg.png)">x</p>')
        write_pdf(fragment, tmp_path / "policy.pdf", title="Policy", author="School")
    finally:
        server.shutdown()
    assert hits == []


def test_a_failed_write_keeps_the_previous_pdf(tmp_path, monkeypatch):
    import weasyprint

    dest = tmp_path / "policy.pdf"
    write_pdf("<h1>Adopted version</h1>", dest, title="Policy", author="School")
    before = dest.read_bytes()

    def write_half_then_fail(self, target=None, **options):
        with open(target, "wb") as out:
            out.write(b"%PDF-1.7 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", write_half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        write_pdf("<h1>New version</h1>", dest, title="Policy", author="School")
    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["policy.pdf"]
