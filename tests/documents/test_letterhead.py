"""The head of each page of a school's documents, opened as a reader would: the authority's logo
(local.yml authority.logo, when set) and the school's name beside what the document is, in Word and
in the PDF; page one's status block and the approval and signature lines under it."""

from __future__ import annotations

import re
import shutil
import struct
import zlib

import docx
import pypdf
import pytest

from cohesion_guide.documents.policy import inputs_digest, write_school_documents
from cohesion_guide.documents.self_evaluation import write_self_evaluation_documents
from cohesion_guide.inputs.audit import audit_for
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile
from tests.conftest import ROOT

SCHOOL = "Riverside Primary School (fictional example)"
AUTHORITY = "Exampleshire County Council (fictional example)"
BLUE_FILL = "0.11372549 0.30980393 0.5686275 scn"  # #1d4f91, the test logo's colour, as the PDF draws it
SVG_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 20"><rect width="60" height="20" fill="#1d4f91"/></svg>'
)


def png(width: int, height: int) -> bytes:
    """A small, valid PNG in the site's blue."""
    rows = b"".join(b"\x00" + b"\x1d\x4f\x91" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def project_with_logo(tmp_path, name: str, data: bytes):
    """A project folder whose local.yml is the real one with authority.logo set to `name`."""
    (tmp_path / "docs" / "images").mkdir(parents=True)
    (tmp_path / "docs" / "images" / name).write_bytes(data)
    text = (ROOT / "local.yml").read_text(encoding="utf-8")
    text = text.replace("  # logo: images/logo.svg\n", f"  logo: images/{name}\n")
    assert f"logo: images/{name}" in text
    (tmp_path / "local.yml").write_text(text, encoding="utf-8")
    return load_local(tmp_path)


def pictures(page) -> list[tuple[int, int]]:
    """The size in pixels of each picture a PDF page draws (read without an imaging library)."""
    objects = page["/Resources"].get("/XObject") or {}
    found = [objects[key].get_object() for key in objects]
    return [(int(o["/Width"]), int(o["/Height"])) for o in found if o.get("/Subtype") == "/Image"]


def header_of(document: docx.Document) -> docx.text.paragraph.Paragraph:
    return document.sections[0].header.paragraphs[0]


@pytest.fixture(scope="module")
def riverside():
    return load_profile(ROOT / "schools" / "riverside-primary.yml")


@pytest.fixture(scope="module")
def policy_files(riverside, tmp_path_factory):
    return write_school_documents(riverside, load_local(ROOT), tmp_path_factory.mktemp("policy"), ["docx", "pdf", "md"])


def test_the_word_header_names_the_school_and_the_document(policy_files):
    document = docx.Document(str(policy_files["docx"]))
    header = header_of(document)
    assert header.text == f"{SCHOOL}\tCommunity cohesion policy"
    assert [r.text for r in header.runs if r.bold] == [SCHOOL]
    assert not header.part.rels  # local.yml sets no logo: no picture, nothing broken
    stops = header.style.paragraph_format.tab_stops
    assert [round(stop.position.mm) for stop in stops] == [170]  # the right margin of A4 with 20 mm margins


def test_every_pdf_page_is_headed_by_the_school_and_the_document(policy_files):
    pages = pypdf.PdfReader(str(policy_files["pdf"])).pages
    assert len(pages) > 1
    for page in pages:
        first_line = page.extract_text().splitlines()[0]
        assert first_line == f"{SCHOOL} Community cohesion policy", first_line


def test_page_one_has_the_status_block_and_the_end_has_approval_and_signature_lines(policy_files, riverside):
    document = docx.Document(str(policy_files["docx"]))
    status = document.tables[0]
    assert status.style.name == "Status Block"
    labels = [row.cells[0].text for row in status.rows]
    assert labels[0] == "Status" and status.rows[0].cells[1].text in ("Draft", "Approved")
    assert "School" in labels and "Next review" in labels
    signatures = document.tables[-1]
    assert [c.text for c in signatures.rows[0].cells] == [f"Signed for {SCHOOL}", "Name", "Signature and date"]
    assert len(signatures.rows) == 3 and all(not row.cells[2].text.strip() for row in signatures.rows[1:])
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(str(policy_files["pdf"])).pages)
    assert re.search(r"Status (Draft|Approved) School " + re.escape(SCHOOL), text)
    assert f"Signed for {SCHOOL} Name Signature and date" in text


@pytest.mark.parametrize("name, data", [("logo.png", png(60, 20)), ("logo.svg", SVG_LOGO.encode())])
def test_the_authoritys_logo_heads_the_word_and_pdf_documents(tmp_path, riverside, name, data):
    local = project_with_logo(tmp_path / "project", name, data)
    files = write_school_documents(riverside, local, tmp_path / "out", ["docx", "pdf"])
    # Word: the picture in the header, a centimetre tall, described for a screen reader, then the school.
    header = header_of(docx.Document(str(files["docx"])))
    images = [rel.target_part for rel in header.part.rels.values() if rel.reltype.endswith("/image")]
    assert len(images) == 1 and images[0].content_type == "image/png"  # an SVG is drawn as a PNG for Word
    if name.endswith(".png"):
        assert images[0].blob == data
    extent = header._p.xpath(".//wp:extent")[0]
    assert int(extent.get("cy")) == 360_000 and int(extent.get("cx")) == pytest.approx(360_000 * 3, rel=0.02)
    assert header._p.xpath(".//wp:docPr/@descr") == [f"{AUTHORITY} logo"]
    assert header.text == f"{SCHOOL}\tCommunity cohesion policy"
    # PDF: the logo on every page, in the header's artifact, then the school and the document.
    reader = pypdf.PdfReader(str(files["pdf"]))
    for page in reader.pages:
        content = page.get_contents().get_data().decode("latin-1")
        header_part = content.split("EMC", 1)[0]
        assert "/Subtype/Header" in header_part
        if name.endswith(".png"):
            assert pictures(page) == [(60, 20)]
        else:
            assert BLUE_FILL in header_part  # the SVG drawn as vectors
        assert page.extract_text().splitlines()[0] == f"{SCHOOL} Community cohesion policy"


def test_the_self_evaluation_pack_carries_the_same_letterhead(tmp_path, riverside):
    local = project_with_logo(tmp_path / "project", "logo.png", png(40, 40))
    files = write_self_evaluation_documents(
        riverside, audit_for("riverside-primary", ROOT / "audits"), local, tmp_path / "out", ["docx", "pdf"]
    )
    header = header_of(docx.Document(str(files["docx"])))
    assert header.text == f"{SCHOOL}\tSelf-evaluation" and len(header.part.rels) == 1
    first = pypdf.PdfReader(str(files["pdf"])).pages[0]
    assert first.extract_text().splitlines()[0] == f"{SCHOOL} Self-evaluation" and pictures(first) == [(40, 40)]


def test_a_new_logo_makes_new_documents(tmp_path):
    templates = ROOT / "model_policies"
    first = inputs_digest(project_with_logo(tmp_path / "a", "logo.png", png(10, 10)), templates)
    second = inputs_digest(project_with_logo(tmp_path / "b", "logo.png", png(12, 10)), templates)
    shutil.rmtree(tmp_path / "b")
    assert first != second


def row_tops(page, labels: tuple[str, ...]) -> list[float]:
    """Where on a PDF page each of `labels` is drawn (points from the foot of the page), in that order."""
    found: dict[str, float] = {}

    def visit(text, matrix, _text_matrix, _font, _size):
        if text.strip() in labels:
            found.setdefault(text.strip(), matrix[5])

    page.extract_text(visitor_text=visit)
    return [found[label] for label in labels]


def test_the_signature_cells_are_blank_spaces_to_write_in_with_no_spacing_characters(policy_files):
    """The Markdown a clerk copies has plain empty cells; each export makes them tall enough to sign in by hand."""
    markdown = policy_files["md"].read_text(encoding="utf-8")
    approval = markdown[markdown.index("## Approval") :]
    assert "&nbsp;" not in approval and "<br>" not in approval
    assert re.search(r"^\| Chair of the governing body \|\s+\|\s+\|$", approval, re.M)
    signatures = docx.Document(str(policy_files["docx"])).tables[-1]
    assert all(row.height is not None and row.height.cm >= 1.3 for row in signatures.rows[1:])
    assert signatures.rows[0].height is None  # the header row keeps its own height
    last_page = pypdf.PdfReader(str(policy_files["pdf"])).pages[-1]
    name, chair, head = row_tops(last_page, ("Name", "Chair of the governing body", "Headteacher"))
    assert chair - head > 2 * (name - chair)  # a signing row is over twice the header row's height
    assert "td:empty" in (ROOT / "model_policies" / "print.css").read_text(encoding="utf-8")
