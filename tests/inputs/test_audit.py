"""The self-evaluation audit: its practices, a blank audit that validates, every kind of mistake
reported with its line, counts per strand, and the `cohesion audit` command."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from cohesion_guide.cli import main
from cohesion_guide.documents.action_plan import POINT_IDS
from cohesion_guide.inputs import audit as audits
from cohesion_guide.inputs.audit import InvalidFile, blank_audit, load_audit, load_audits, not_assessed, strand_counts
from tests.conftest import ROOT

EXAMPLE_SLUGS = sorted(p.stem for p in (ROOT / "schools").glob("*.yml"))

GOOD = """completed_on: 2026-10-05
completed_by: Deputy headteacher
practices:
  shared-values-lessons:
    status: in-place
    where: PSHE scheme of work
  global-links:
    status: not-yet
  admissions:
    status: partly
    where: Admissions policy
    next_step: Compare our intake with the ward's figures.
"""


def write(folder: Path, text: str, name: str = "test-school.yml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list:
    with pytest.raises(InvalidFile) as caught:
        load_audit(path, path.name)
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of `text` containing `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# ---- the practices ------------------------------------------------------------------------


def test_practices_cover_the_three_strands_with_unique_ids_and_valid_points():
    strands = audits.strands()
    assert [s.id for s in strands] == [
        "teaching-learning-curriculum",
        "equity-excellence",
        "engagement-extended-services",
    ]
    ids = [p.id for p in audits.practices()]
    assert len(ids) == len(set(ids))
    for p in audits.practices():
        assert audits.SLUG.match(p.id), p.id
        assert p.point in POINT_IDS, (p.id, p.point)
    from cohesion_guide.documents.action_plan import SPECIALISMS

    owners = {"governor", "staff", "headteacher", "governing-body", *SPECIALISMS}
    kinds = {"young", "complex", "special", "pru", "post-16", "own-admissions"}
    for p in audits.practices():
        assert p.owner in owners, p.id
        assert p.title and p.action and p.success and p.resources, p.id
        assert set(p.variants) <= kinds, p.id
        for kind, variant in p.variants.items():
            assert set(variant) <= {"title", "action", "success", "resources", "owner"}, (p.id, kind)
            assert p.for_kinds((kind,)).owner in owners, (p.id, kind)


@pytest.mark.parametrize(
    "practice_id",
    [
        "shared-values-lessons",
        "visits-other-communities",
        "eal-support",
        "pupil-voice",
        "progress-by-group",
        "prejudice-incidents",
        "exclusions-by-group",
        "admissions",
        "links-other-schools",
        "shared-facilities",
        "engaging-parents",
        "local-agencies",
        "extended-services",
        "citizenship-re-pshe",
        "global-links",
        "governing-body-reflects-community",
    ],
)
def test_the_practices_the_guidance_names_are_in_the_audit(practice_id):
    assert audits.practice(practice_id).title


def test_evidence_items_name_only_known_practices_and_the_three_questions():
    known = {p.id for p in audits.practices()}
    questions = audits.catalogue()["evidence"]
    assert [q["question"] for q in questions] == ["knowledge", "action", "impact"]
    for question in questions:
        for item in question["items"]:
            assert set(item.get("practices", [])) <= known, item["id"]
            assert item.get("profile") in (None, "pupil-figures", "local_area", "partnerships")
            assert set(item.get("for") or {}) <= {"young", "complex", "special", "pru", "post-16"}, item["id"]


# ---- a blank audit --------------------------------------------------------------------------


def test_a_blank_audit_names_the_staff_lead_only_once_it_is_no_longer_a_placeholder(tmp_path):
    from cohesion_guide.inputs.audit import LEAD_MEMBER_OF_STAFF, completed_by_for
    from tests.documents.test_tailoring import make_profile

    school = make_profile(tmp_path)
    assert completed_by_for(school) == "Assistant headteacher"
    placeholder = dataclasses.replace(school, unconfirmed={"leads.staff": "the import put a placeholder"})
    assert completed_by_for(placeholder) == LEAD_MEMBER_OF_STAFF
    assert completed_by_for(None) == LEAD_MEMBER_OF_STAFF


def test_blank_audit_validates_and_lists_every_practice_as_not_yet(tmp_path):
    text = blank_audit("test-school", school_name="Test Primary School", completed_by="Deputy headteacher")
    audit = load_audit(write(tmp_path, text))
    assert set(audit.entries) == {p.id for p in audits.practices()}
    assert {e.status for e in audit.entries.values()} == {"not-yet"}
    for p in audits.practices():  # each practice is named in a comment just above its id
        assert f"  # {p.title}\n  {p.id}:\n" in text
    assert "Test Primary School" in text


def test_blank_audit_stays_valid_whatever_the_school_is_called(tmp_path):
    name = 'St "Quoted" School\n# not: a comment\ncompleted_on: 1999-01-01'
    text = blank_audit("test-school", school_name=name, completed_by='Head of "Year 7": pastoral')
    audit = load_audit(write(tmp_path, text))
    assert audit.completed_by == 'Head of "Year 7": pastoral'
    assert audit.completed_on != "1999-01-01"


# ---- every kind of mistake, with its line -------------------------------------------------------


def test_an_unknown_practice_id_suggests_the_closest(tmp_path):
    text = GOOD.replace("shared-values-lessons:", "shared-value-lesson:")
    [problem] = problems_of(write(tmp_path, text))
    assert problem.line == line_of(text, "shared-value-lesson:")
    assert problem.field == "practices.shared-value-lesson"
    assert "Did you mean 'shared-values-lessons'?" in problem.message


def test_a_wrong_status_names_what_is_allowed_and_the_closest(tmp_path):
    text = GOOD.replace("status: not-yet", "status: not yet")
    [problem] = problems_of(write(tmp_path, text))
    assert problem.line == line_of(text, "status: not yet")
    assert problem.field == "practices.global-links.status"
    assert "'in-place', 'partly', 'not-yet'" in problem.message
    assert "Did you mean 'not-yet'?" in problem.message


@pytest.mark.parametrize("status", ["in-place", "partly"])
def test_a_practice_in_place_or_partly_must_say_where(tmp_path, status):
    text = GOOD.replace("  global-links:\n    status: not-yet", f"  global-links:\n    status: {status}")
    [problem] = problems_of(write(tmp_path, text))
    assert problem.field == "practices.global-links.where"
    assert problem.line == line_of(text, "global-links:")
    assert "is missing" in problem.message and "where the practice can be seen" in problem.message


def test_not_yet_needs_no_where_and_no_next_step(tmp_path):
    audit = load_audit(write(tmp_path, GOOD))
    assert audit.entry("global-links") == audits.Entry("not-yet")
    assert audit.entry("admissions").next_step == "Compare our intake with the ward's figures."


def test_a_date_in_another_form_is_refused(tmp_path):
    text = GOOD.replace("completed_on: 2026-10-05", "completed_on: 5/10/2026")
    [problem] = problems_of(write(tmp_path, text))
    assert (problem.line, problem.field) == (1, "completed_on")
    assert "YYYY-MM-DD" in problem.message


def test_missing_fields_and_unknown_keys_are_all_reported_at_once(tmp_path):
    text = GOOD.replace("completed_by: Deputy headteacher\n", "completd_by: Deputy headteacher\n").replace(
        "    where: PSHE scheme of work\n", "    where: PSHE scheme of work\n    wher: twice\n"
    )
    problems = problems_of(write(tmp_path, text))
    by_field = {p.field: p for p in problems}
    assert set(by_field) == {"completed_by", "completd_by", "practices.shared-values-lessons.wher"}
    assert "is missing" in by_field["completed_by"].message
    assert "Did you mean 'completed_by'?" in by_field["completd_by"].message
    assert by_field["completd_by"].line == 2
    assert by_field["practices.shared-values-lessons.wher"].line == line_of(text, "wher: twice")
    assert "Did you mean 'where'?" in by_field["practices.shared-values-lessons.wher"].message


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "is empty"),
        ("- shared-values-lessons\n", "is not a group of fields"),
        ("completed_on: 2026-10-05\n  bad indent: [\n", "not valid YAML"),
        ("completed_on: 2026-10-05\ncompleted_by: Head\npractices:\n", "found nothing"),
    ],
)
def test_a_file_that_is_not_an_audit_says_so(tmp_path, text, words):
    problems = problems_of(write(tmp_path, text))
    assert any(words in p.message for p in problems), problems


def test_a_file_name_that_cannot_match_a_profile_is_refused(tmp_path):
    problems = problems_of(write(tmp_path, GOOD, "Riverside Primary.yml"))
    assert [p.field for p in problems] == ["(the file name)"]


# ---- the audits folder ---------------------------------------------------------------------------


def test_every_example_school_has_a_valid_example_audit():
    found = load_audits(ROOT / "audits", EXAMPLE_SLUGS)
    assert set(found) == set(EXAMPLE_SLUGS)
    assert all(a.exists and len(a.entries) == len(audits.practices()) for a in found.values())


def test_a_school_without_an_audit_has_every_practice_not_yet_assessed(tmp_path):
    found = load_audits(tmp_path, ["test-school"])
    assert not found["test-school"].exists
    assert {found["test-school"].status(p.id) for p in audits.practices()} == {audits.NOT_ASSESSED}


def test_an_audit_that_matches_no_school_stops_with_its_name(tmp_path):
    write(tmp_path, GOOD, "riverside-primry.yml")
    with pytest.raises(InvalidFile) as caught:
        load_audits(tmp_path, ["riverside-primary"])
    [problem] = caught.value.problems
    assert problem.file == "audits/riverside-primry.yml"
    assert "schools/riverside-primry.yml" in problem.message
    assert "Did you mean 'riverside-primary.yml'?" in problem.message


def test_an_audit_ending_in_yaml_is_named_not_skipped(tmp_path):
    write(tmp_path, GOOD, "riverside-primary.yaml")
    with pytest.raises(InvalidFile) as caught:
        load_audits(tmp_path, ["riverside-primary"])
    [problem] = caught.value.problems
    assert "rename it to riverside-primary.yml" in problem.message


# ---- counts per strand ------------------------------------------------------------------------


def test_counts_per_strand_add_up_and_follow_the_audit(tmp_path):
    audit = load_audit(write(tmp_path, GOOD))
    counts = {row.strand.id: row.counts for row in strand_counts(audit)}
    assert counts["teaching-learning-curriculum"] == {"in-place": 1, "partly": 0, "not-yet": 1, "not-assessed": 4}
    assert counts["equity-excellence"] == {"in-place": 0, "partly": 1, "not-yet": 0, "not-assessed": 4}
    assert counts["engagement-extended-services"] == {"in-place": 0, "partly": 0, "not-yet": 0, "not-assessed": 7}
    assert sum(row.total for row in strand_counts(audit)) == len(audits.practices())


def test_counts_for_no_audit_are_all_not_assessed():
    rows = strand_counts(not_assessed("x"))
    assert all(row.counts["not-assessed"] == row.total == len(row.strand.practices) for row in rows)


# ---- the command ------------------------------------------------------------------------------


def test_audit_new_writes_a_blank_audit_for_the_school_that_validates(tmp_path, capsys):
    assert main(["audit", "new", "riverside-primary", "-o", str(tmp_path), "--schools", str(ROOT / "schools")]) == 0
    written = tmp_path / "riverside-primary.yml"
    text = written.read_text(encoding="utf-8")
    assert "Riverside Primary School (fictional example)" in text
    assert 'completed_by: "Deputy headteacher"' in text  # the profile's staff lead
    assert main(["audit", "validate", str(written)]) == 0
    assert "1 audit checked, all valid" in capsys.readouterr().out


def test_audit_new_never_overwrites_without_force(tmp_path):
    existing = write(tmp_path, GOOD, "riverside-primary.yml")
    assert main(["audit", "new", "riverside-primary", "-o", str(tmp_path)]) == 2
    assert existing.read_text(encoding="utf-8") == GOOD
    assert main(["audit", "new", "riverside-primary", "-o", str(tmp_path), "--force"]) == 0
    assert existing.read_text(encoding="utf-8") != GOOD


def test_audit_new_refuses_a_name_that_is_not_a_slug(tmp_path, capsys):
    assert main(["audit", "new", "Riverside Primary", "-o", str(tmp_path)]) == 2
    assert list(tmp_path.iterdir()) == []
    assert "lowercase letters, digits and hyphens" in capsys.readouterr().err


def test_audit_validate_lists_every_problem_and_exits_2(tmp_path, capsys):
    good = write(tmp_path, GOOD, "good-school.yml")
    bad = write(
        tmp_path, GOOD.replace("status: not-yet", "status: done").replace("admissions:", "admission:"), "bad-school.yml"
    )
    assert main(["audit", "validate", str(good), str(bad)]) == 2
    out = capsys.readouterr().out
    assert re.search(r"bad-school\.yml, line 8, practices\.global-links\.status: found 'done'", out)
    assert re.search(r"bad-school\.yml, line 9, practices\.admission: .*Did you mean 'admissions'\?", out)
    assert "2 audits checked: 1 with problems (2 problems in all)" in out
    assert main(["audit", "validate", str(ROOT / "audits")]) == 0


def test_the_guide_pages_example_error_is_what_a_new_audit_really_gives(tmp_path):
    guide = (ROOT / "docs" / "planning" / "self-evaluation.md").read_text(encoding="utf-8")
    shown = next(line for line in guide.splitlines() if "Did you mean 'shared-values-lessons'" in line)
    folder = tmp_path / "audits"
    folder.mkdir()
    text = blank_audit("riverside-primary").replace("  shared-values-lessons:", "  shared-value-lessons:")
    path = write(folder, text, "riverside-primary.yml")
    [problem] = problems_of(path)
    assert str(problem).replace("riverside-primary.yml", "audits/riverside-primary.yml", 1).startswith(shown)
