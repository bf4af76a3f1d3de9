"""A file uploaded by mistake (the policy itself, another document, not text at all) is named in plain
words, never with a YAML parser's, and changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cohesion_guide.builder import calls
from tests.builder.strategies import EXAMPLES
from tests.conftest import ROOT

COHESION = Path(sys.executable).parent / "cohesion"
UPLOAD_THIS = "Upload the .yml file you downloaded as 'your answers'."
PARSER_WORDS = ("YAML", "Line ", "character", "position", "indentation", "expected")


def refused(data: bytes, name: str) -> str:
    """What the builder says of a file, read as the browser reads it (UTF-8, bytes it cannot read replaced)."""
    found = json.loads(calls.read_profile(data.decode("utf-8", "replace"), name))
    assert set(found) == {"refused"}, found
    return found["refused"]


@pytest.fixture(scope="module")
def policy_files(tmp_path_factory) -> dict[str, Path]:
    """The policy as the builder and `cohesion policy` write it: Word, PDF, Markdown and web page."""
    out = tmp_path_factory.mktemp("policy")
    command = [
        str(COHESION),
        "policy",
        str(EXAMPLES[0]),
        "-o",
        str(out),
        "--format",
        "docx,pdf,md,html",
        "--project",
        str(ROOT),
    ]
    subprocess.run(command, check=True, capture_output=True)
    return {path.suffix: path for path in out.glob(f"{EXAMPLES[0].stem}-policy.*")}


@pytest.mark.parametrize(
    "suffix, kind",
    [(".docx", "a Word document"), (".pdf", "a PDF"), (".md", "Markdown text"), (".html", "a web page")],
)
def test_the_policy_uploaded_by_mistake_is_named_as_the_policy_itself(policy_files, suffix, kind):
    path = policy_files[suffix]
    said = refused(path.read_bytes(), path.name)
    assert said == f"This is the policy itself ({kind}), not your answers. {UPLOAD_THIS}"


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_the_policy_is_known_by_its_heading_whatever_its_file_is_called(policy_files, suffix):
    said = refused(policy_files[suffix].read_bytes(), f"notes{suffix}")
    assert said.startswith("This is the policy itself")


@pytest.mark.parametrize(
    "data, name, said",
    [
        (
            b"PK\x03\x04\x14\x00\x00\x00word/document.xml\x00\x01\x02",
            "letter.docx",
            "This is a Word document, not your answers.",
        ),
        (
            b"PK\x03\x04\x14\x00\x00\x00xl/workbook.xml\x00\x01",
            "census.xlsx",
            "This is a spreadsheet, not your answers.",
        ),
        (
            b"PK\x03\x04\x14\x00\x00\x00school.yml\x00\x01",
            "answers.zip",
            "This is a compressed (zip) file, not your answers.",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "minutes.pdf", "This is a PDF, not your answers."),
        (b"{\\rtf1\\ansi Our policy", "policy draft.rtf", "This is a Word document, not your answers."),
        (b"<!DOCTYPE html><html><title>Governors</title>", "page.html", "This is a web page, not your answers."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old.doc", "This is a Word document, not your answers."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.png", "It is not a text file, so it cannot hold your answers."),
        (
            b"# Governors' minutes\n\n## Item 1\n\n- apologies: none\n- the policy: agreed\n\n| a | b |\n",
            "minutes.md",
            "This is a document in Markdown text, not your answers.",
        ),
    ],
    ids=["word", "spreadsheet", "zip", "pdf", "rtf", "web page", "old word", "image", "markdown"],
)
def test_another_kind_of_file_is_named_plainly(data, name, said):
    assert refused(data, name) == f"{said} {UPLOAD_THIS}"


def test_a_profile_saved_as_utf16_is_told_how_to_save_it_again():
    data = EXAMPLES[0].read_text(encoding="utf-8").encode("utf-16")
    assert refused(data, EXAMPLES[0].name).startswith("It is saved as Unicode (UTF-16) text")


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".md", ".html"])
def test_no_message_for_a_wrong_file_uses_a_parsers_words(policy_files, suffix):
    said = refused(policy_files[suffix].read_bytes(), policy_files[suffix].name)
    assert not [w for w in PARSER_WORDS if w in said], said


def test_a_profile_that_starts_with_comments_and_a_heading_like_line_is_still_read():
    text = "# Hillside Primary School\n# Our profile\n" + EXAMPLES[0].read_text(encoding="utf-8")
    assert "state" in json.loads(calls.read_profile(text, "hillside.yml"))
