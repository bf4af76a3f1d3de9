"""`cohesion policy`: all four formats, real Word and PDF content, and nothing written when the input is wrong."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

from cohesion_guide.cli import main
from cohesion_guide.documents import policy as school_documents
from cohesion_guide.export import pdf as export_pdf
from tests.conftest import ROOT
from tests.documents.test_render import SECTIONS
from tests.documents.test_tailoring import make_profile

COHESION = Path(sys.executable).parent / "cohesion"
HEADINGS = [h.lstrip("# ") for h in SECTIONS]


@pytest.fixture
def profile(tmp_path):
    return make_profile(tmp_path, {"school": {"name": "Oakfield Primary School"}}, slug="oakfield")


@pytest.fixture(scope="module")
def all_formats(tmp_path_factory):
    """One run of the installed command, as a school business manager would run it."""
    folder = tmp_path_factory.mktemp("cli")
    make_profile(folder, {"school": {"name": "Oakfield Primary School"}}, slug="oakfield")
    result = subprocess.run(
        [str(COHESION), "policy", str(folder / "oakfield.yml"), "-o", str(folder / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, folder / "out"


def test_makes_all_four_formats(all_formats):
    result, out = all_formats
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["oakfield-policy.docx", "oakfield-policy.html", "oakfield-policy.md", "oakfield-policy.pdf"]
    for name in names:
        assert name in result.stdout
    assert "Word document, " in result.stdout and " KB)" in result.stdout


def test_word_document_has_the_school_and_real_headings(all_formats):
    document = docx.Document(str(all_formats[1] / "oakfield-policy.docx"))
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert headings.get("Community cohesion policy: Oakfield Primary School") == "Heading 1"
    for heading in HEADINGS:
        assert heading in headings, heading
    assert headings["Introduction and legal basis"] == "Heading 2"
    assert headings["Equity and excellence"] == "Heading 3"
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Next review" in cells and any(cell.startswith("1 September 2027 (every year") for cell in cells)
    assert document.core_properties.author == "Oakfield Primary School"


def test_pdf_has_the_school_and_the_headings(all_formats):
    reader = pypdf.PdfReader(str(all_formats[1] / "oakfield-policy.pdf"))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Oakfield Primary School" in text
    for heading in HEADINGS:
        assert heading in text, heading
    assert reader.metadata.title == "Community cohesion policy: Oakfield Primary School"


def test_markdown_and_html_hold_the_same_policy(all_formats):
    out = all_formats[1]
    markdown = (out / "oakfield-policy.md").read_text(encoding="utf-8")
    page = (out / "oakfield-policy.html").read_text(encoding="utf-8")
    assert markdown.startswith("# Community cohesion policy: Oakfield Primary School\n")
    assert 'lang="en-GB"' in page and "<title>Community cohesion policy: Oakfield Primary School</title>" in page


def test_only_the_formats_asked_for(profile, tmp_path):
    assert main(["policy", str(profile.path), "-o", str(tmp_path / "out"), "--format", "md, html"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["oakfield-policy.html", "oakfield-policy.md"]


def test_an_unknown_format_is_refused(profile, tmp_path, capsys):
    assert main(["policy", str(profile.path), "-o", str(tmp_path / "out"), "--format", "docx,odt"]) == 2
    assert "odt is not a format" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_invalid_profile_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "broken.yml"
    shutil.copy(ROOT / "schools" / "riverside-primary.yml", bad)
    text = (
        bad.read_text(encoding="utf-8")
        .replace("eal_percent: 38.5", "eal_percent: 138.5")
        .replace("phase: primary", "phase: primry")
    )
    bad.write_text(text, encoding="utf-8")
    assert main(["policy", str(bad), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "pupils.eal_percent" in err and "school.phase" in err  # every problem, not just the first
    assert "line " in err and "Did you mean 'primary'?" in err
    assert not (tmp_path / "out").exists()


def test_a_failure_part_way_leaves_the_folder_as_it_was(profile, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "oakfield-policy.md").write_text("the governors' adopted copy\n", encoding="utf-8")

    def broken_pdf(*args, **kwargs):
        raise OSError("the disk is full")

    monkeypatch.setattr(export_pdf, "write_pdf", broken_pdf)
    with pytest.raises(OSError):
        school_documents.write_school_documents(profile, {"authority": {"name": "X"}, "contacts": []}, out)
    assert [p.name for p in out.iterdir()] == ["oakfield-policy.md"]
    assert (out / "oakfield-policy.md").read_text(encoding="utf-8") == "the governors' adopted copy\n"


def test_a_missing_profile_is_reported(tmp_path, capsys):
    assert main(["policy", str(tmp_path / "nowhere.yml"), "-o", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_help_shows_examples_and_exit_codes(capsys):
    with pytest.raises(SystemExit) as done:
        main(["policy", "--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert "cohesion policy schools/riverside-primary.yml -o governors-pack --format docx,pdf" in shown
    assert "exit status" in shown and "nothing was written" in shown


def test_values_still_to_check_are_warned_of_by_name_and_the_documents_are_still_written(tmp_path, capsys):
    """As `cohesion validate` does: each value marked '# to check:' is a warning naming its line and field, the
    policy says "to be confirmed" there, and the command still succeeds."""
    path = tmp_path / "imported.yml"
    text = (ROOT / "schools" / "riverside-primary.yml").read_text(encoding="utf-8")
    text = text.replace(
        "  staff: Deputy headteacher\n", "  staff: Headteacher  # to check: the import put a placeholder\n"
    )
    path.write_text(text, encoding="utf-8")
    assert main(["policy", str(path), "-o", str(tmp_path / "out"), "--format", "md"]) == 0
    captured = capsys.readouterr()
    assert "imported-policy.md" in captured.out
    assert "leads.staff: warning: is still marked to check (the import put a placeholder)" in captured.err
    assert "1 value in " in captured.err and "still to check" in captured.err
    assert "| Staff lead | to be confirmed |" in (tmp_path / "out" / "imported-policy.md").read_text(encoding="utf-8")


def test_a_profile_with_nothing_to_check_gets_no_warning(tmp_path, capsys):
    adopted = make_profile(
        tmp_path,
        {"document": {"status": "approved", "date_adopted": "2026-09-01", "review_cycle_years": 2}},
        slug="done",
    )
    assert main(["policy", str(adopted.path), "-o", str(tmp_path / "out"), "--format", "md"]) == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("document", "said"),
    [
        ({"date_adopted": "2000-01-20"}, "a draft to be adopted on 20 January 2000, which has passed"),
        ({"status": "approved", "date_adopted": "2199-01-20"}, "adopted on 20 January 2199, which is after today"),
    ],
)
def test_an_adoption_date_unlikely_with_its_status_is_warned_of_as_the_builder_does(tmp_path, capsys, document, said):
    """A clerk's cold read found 16 of 28 policies 'Draft' with their approval date already past: the command says
    so, as the builder's Check your answers does, and still writes the documents (the date may be the school's)."""
    school = make_profile(tmp_path, {"document": document}, slug="dated")
    assert main(["policy", str(school.path), "-o", str(tmp_path / "out"), "--format", "md"]) == 0
    err = capsys.readouterr().err
    assert "dated.yml, document.date_adopted: warning: The policy will say it" in err and said in err
    assert (tmp_path / "out" / "dated-policy.md").is_file()


# ---- the fourth cold read: the review cycle and the import's date (N8, R06b) --------------------------------------


def test_a_profile_that_gives_no_review_cycle_is_warned_of_by_policy_and_validate_alike(tmp_path, capsys):
    """St Anne's gave none, and nothing told the school its policy said 'to be confirmed' there (N8): both commands
    now say so, in the same words (one rule, inputs/adoption.review_cycle_warning), and still succeed."""
    school = make_profile(tmp_path, slug="no-cycle")  # the neutral school: no review_cycle_years
    assert main(["policy", str(school.path), "-o", str(tmp_path / "out"), "--format", "md"]) == 0
    from_policy = [line for line in capsys.readouterr().err.splitlines() if "review_cycle_years" in line]
    assert main(["validate", str(school.path)]) == 0
    from_validate = [line for line in capsys.readouterr().out.splitlines() if "review_cycle_years" in line]
    assert from_policy == from_validate and len(from_policy) == 1
    assert "no-cycle.yml, line " in from_policy[0]
    assert (
        "document.review_cycle_years: warning: the profile does not say how often the policy is reviewed"
        in (from_policy[0])
    )
    assert "add review_cycle_years under document: 1, 2 or 3 (years)" in from_policy[0]
    policy = (tmp_path / "out" / "no-cycle-policy.md").read_text(encoding="utf-8")
    assert "How often the policy is reviewed: to be confirmed" in policy


def test_a_profile_that_gives_its_review_cycle_gets_no_warning_of_it(tmp_path, capsys):
    school = make_profile(tmp_path, {"document": {"review_cycle_years": 3}}, slug="cycle")
    assert main(["policy", str(school.path), "-o", str(tmp_path / "out"), "--format", "md"]) == 0
    assert main(["validate", str(school.path)]) == 0
    captured = capsys.readouterr()
    assert "review_cycle_years" not in captured.err + captured.out


def test_an_imported_cycle_is_warned_of_until_it_is_confirmed_and_then_the_policy_states_it(tmp_path, capsys):
    """The import writes the cycle marked to check (N8): the command line asks for it like the other placeholders,
    and once a person confirms it the policy no longer says 'to be confirmed' about it."""
    school = make_profile(tmp_path, {"document": {"review_cycle_years": 1}}, slug="imported")
    marked = school.path.read_text(encoding="utf-8").replace(
        "review_cycle_years: 1", "review_cycle_years: 1  # to check: the import put a placeholder: put how many years"
    )
    school.path.write_text(marked, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["policy", str(school.path), "-o", str(out), "--format", "md"]) == 0
    assert "document.review_cycle_years: warning: is still marked to check" in capsys.readouterr().err
    assert "How often the policy is reviewed: to be confirmed" in (out / "imported-policy.md").read_text("utf-8")
    school.path.write_text(re.sub(r"  # to check:.*", "", marked), encoding="utf-8")  # a person confirms it
    assert main(["policy", str(school.path), "-o", str(out), "--format", "md"]) == 0
    assert "review_cycle_years" not in capsys.readouterr().err
    confirmed = (out / "imported-policy.md").read_text("utf-8")
    assert "How often the policy is reviewed" not in confirmed and "to be confirmed" not in confirmed
    assert "will review this policy every year, or sooner" in confirmed


def test_the_imports_own_date_is_not_warned_of_as_a_draft_date_that_has_passed(tmp_path, capsys):
    """The policy says 'date to be confirmed' for the import's date, so no second warning may call it a draft to be
    adopted on that date (R06b): the warning on the value to check is the one that asks for the date."""
    school = make_profile(tmp_path, {"document": {"date_adopted": "2000-01-20", "review_cycle_years": 1}}, slug="d")
    school.path.write_text(
        school.path.read_text(encoding="utf-8").replace(
            "date_adopted: '2000-01-20'", "date_adopted: '2000-01-20'  # to check: the date of the import"
        ),
        encoding="utf-8",
    )
    assert main(["policy", str(school.path), "-o", str(tmp_path / "out"), "--format", "md"]) == 0
    err = capsys.readouterr().err
    assert "document.date_adopted: warning: is still marked to check (the date of the import)" in err
    assert "which has passed" not in err
