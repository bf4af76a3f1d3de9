"""Any script a school may write renders in the PDF; a character no font can draw becomes a stand-in
with a warning, and never stops a build (issue 15)."""

from __future__ import annotations

import logging

import pypdf
import pytest

from cohesion_guide.export.pdf import write_pdf

STAND_IN = "\ufffd"


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_chinese_and_korean_are_drawn(tmp_path, caplog):
    dest = tmp_path / "policy.pdf"
    with caplog.at_level(logging.WARNING, logger="cohesion"):
        write_pdf(
            "<p>Home languages: Cantonese (粵語), Korean (한국어), Japanese (日本語)</p>",
            dest,
            title="Partner school: 서울 학교",
            author="Riverside",
        )
    text = _text(dest)
    for piece in ("粵語", "한국어", "日本語", "서울 학교"):
        assert piece in text, piece
    assert not caplog.records, "every character here has a font: nothing should be replaced"


def test_a_character_no_font_draws_is_replaced_with_a_warning(tmp_path, caplog):
    dest = tmp_path / "policy.pdf"
    with caplog.at_level(logging.WARNING, logger="cohesion"):
        write_pdf(
            "<p>Private use: [\U000f0001] and [\U0010fffd], noncharacter [\ufdd0]; 粵語</p>",
            dest,
            title="Title [\U000f0001]",
            author="Riverside",
        )
    text = _text(dest)
    assert f"[{STAND_IN}] and [{STAND_IN}]" in text and "粵語" in text
    warning = " ".join(record.getMessage() for record in caplog.records)
    assert "U+F0001" in warning and "U+10FFFD" in warning and "U+FDD0" in warning
    assert all(record.name == "cohesion" for record in caplog.records), "MkDocs' --strict must not count it"


@pytest.mark.parametrize("character", ["\U000f0001", "\u0378"])
def test_the_cli_makes_the_pdf_with_an_undrawable_character(tmp_path, character):
    from cohesion_guide.cli import main
    from tests.documents.test_tailoring import make_profile

    profile = make_profile(tmp_path, {"location": {"town": f"Test{character}ford 粵語"}})
    assert main(["policy", str(profile.path), "-o", str(tmp_path / "out"), "--format", "pdf"]) == 0
    assert "粵語" in _text(tmp_path / "out" / "test-school-policy.pdf")
