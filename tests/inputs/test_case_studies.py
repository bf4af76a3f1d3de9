"""Case studies: every way front matter can be wrong is reported with its line; the shipped set is valid
and covers the guide; matching a school to case studies is relevant and never varies."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.case_studies import (
    CONTEXT_TAGS,
    DIMENSION_ANCHORS,
    DIMENSIONS,
    ECM_OUTCOMES,
    PHASES,
    SETTINGS,
    STRAND_ANCHORS,
    STRANDS,
    load_case_studies,
    most_relevant,
    profile_tags,
    relevance,
)
from cohesion_guide.inputs.profiles import Profile, load_profiles
from cohesion_guide.inputs.schemas import schema
from tests.conftest import ROOT

SHIPPED = ROOT / "case_studies"
SHAPE = [
    "The school's context",
    "What it did",
    "How it involved pupils and parents",
    "What changed and how the school knew",
    "What others can take from it",
]

# Line numbers below are this text's own: line 1 is the opening ---.
VALID = """---
title: Test study
summary: A short summary.
phase: primary
setting: urban
strands: [equity-excellence]
dimensions: [school]
ecm_outcomes: [enjoy-and-achieve]
context_tags: [high-eal]
illustrative: true
last_reviewed: 2026-11-22
review_due: 2027-11-22
---

## The school's context

Some text.
"""


def problems_for(tmp_path: Path, text: str, name: str = "test-study.md") -> list[str]:
    folder = tmp_path / "case_studies"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    try:
        load_case_studies(folder)
    except InvalidFile as err:
        return [str(p) for p in err.problems]
    return []


def with_line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- front matter: each kind of mistake, with the file's own line number ---


def test_a_valid_file_loads(tmp_path):
    assert problems_for(tmp_path, VALID) == []
    (study,) = load_case_studies(tmp_path / "case_studies")
    assert (study.slug, study.phases, study.illustrative, study.source) == ("test-study", ("primary",), True, None)
    assert study.body.startswith("## The school's context")


def test_a_value_not_allowed_names_line_field_found_allowed_and_a_guess(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "phase: primary", "phase: primery"))
    assert len(out) == 1
    assert out[0].startswith("case_studies/test-study.md, line 4, phase: found 'primery'; allowed: one of")
    assert "Did you mean 'primary'?" in out[0]


def test_a_wrong_item_in_a_list_names_its_position(tmp_path):
    text = with_line(VALID, "strands: [equity-excellence]", "strands:\n  - equity-excellence\n  - equity-and-excelence")
    out = problems_for(tmp_path, text)
    assert len(out) == 1
    assert out[0].startswith("case_studies/test-study.md, line 8, strands[2]: found 'equity-and-excelence'")
    assert "Did you mean 'equity-excellence'?" in out[0]


def test_setting_must_be_urban_or_rural(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "setting: urban", "setting: suburban"))
    assert out == [
        "case_studies/test-study.md, line 5, setting: found 'suburban'; allowed: one of 'urban', 'rural'. Did you mean 'urban'?"
    ]


def test_phase_may_be_a_list_and_each_item_is_checked(tmp_path):
    assert problems_for(tmp_path, with_line(VALID, "phase: primary", "phase: [primary, secondary]")) == []
    out = problems_for(tmp_path, with_line(VALID, "phase: primary", "phase: [primary, sixth-form]"))
    assert len(out) == 1 and out[0].startswith("case_studies/test-study.md, line 4, phase[2]: found 'sixth-form'")


def test_a_missing_field_is_named(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "summary: A short summary.\n", ""))
    # line 1, the opening ---: a missing field has no line of its own, so the front matter is named
    assert out == ["case_studies/test-study.md, line 1, summary: is missing; add it (text)"]


def test_a_misspelt_field_is_named_with_a_guess(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "summary:", "sumary:"))
    assert any(
        p.startswith("case_studies/test-study.md, line 3, sumary: is not a field here. Did you mean 'summary'?")
        for p in out
    )
    assert any("summary: is missing" in p for p in out)


def test_an_empty_list_of_strands_is_refused(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "strands: [equity-excellence]", "strands: []"))
    assert out == ["case_studies/test-study.md, line 6, strands: has 0 item(s); allowed: minimum 1"]


def test_the_same_dimension_twice_is_refused(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "dimensions: [school]", "dimensions: [school, school]"))
    assert out == ["case_studies/test-study.md, line 7, dimensions: lists the same item twice; keep one of them"]


def test_a_date_not_written_yyyy_mm_dd_is_refused(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "review_due: 2027-11-22", "review_due: 22/11/2027"))
    assert out == [
        "case_studies/test-study.md, line 12, review_due: found '22/11/2027'; allowed: a date written as YYYY-MM-DD, for example 2027-09-01"
    ]


def test_a_review_due_before_last_reviewed_is_refused(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "review_due: 2027-11-22", "review_due: 2025-01-01"))
    assert len(out) == 1 and out[0].startswith(
        "case_studies/test-study.md, line 12, review_due: review_due (2025-01-01) is before last_reviewed"
    )


def test_neither_illustrative_nor_source_says_to_choose(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "illustrative: true\n", ""))
    assert len(out) == 1
    assert out[0].startswith(
        "case_studies/test-study.md, line 1, illustrative: is missing; add it (illustrative: true for a fictional example"
    )
    assert "source" in out[0]


def test_illustrative_false_without_a_source_is_refused(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "illustrative: true", "illustrative: false"))
    assert len(out) == 1 and out[0].startswith(
        "case_studies/test-study.md, line 10, illustrative: found no; allowed: illustrative: true"
    )


SOURCE = """source:
  title: A published example
  publisher: Exampleshire County Council
  year: 2008
  url: {url}
"""


def test_a_real_case_study_with_a_source_loads(tmp_path):
    text = with_line(VALID, "illustrative: true\n", SOURCE.format(url="https://www.example.org/case"))
    assert problems_for(tmp_path, text) == []
    (study,) = load_case_studies(tmp_path / "case_studies")
    assert study.illustrative is False and study.source["publisher"] == "Exampleshire County Council"


def test_illustrative_and_a_source_together_are_refused(tmp_path):
    text = with_line(
        VALID, "illustrative: true\n", "illustrative: true\n" + SOURCE.format(url="https://www.example.org/case")
    )
    out = problems_for(tmp_path, text)
    assert len(out) == 1 and out[0].startswith(
        "case_studies/test-study.md, line 10, illustrative: found yes; allowed: no illustrative line"
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://www.example.org/case",
        "https://www.teachernet.gov.uk/wholeschool/communitycohesion",
        "https://teachernet.gov.uk/case",
        "https://www.cohesioninstitute.org.uk/",
        "https://www.everychildmatters.gov.uk/x",
    ],
)
def test_a_source_on_a_closed_site_or_without_https_is_refused(tmp_path, url):
    text = with_line(VALID, "illustrative: true\n", SOURCE.format(url=url))
    out = problems_for(tmp_path, text)
    assert len(out) == 1
    assert out[0].startswith(f"case_studies/test-study.md, line 14, source.url: found '{url[:57]}")
    assert "webarchive.nationalarchives.gov.uk" in out[0]


def test_an_archived_copy_of_a_closed_site_is_accepted(tmp_path):
    url = "https://webarchive.nationalarchives.gov.uk/ukgwa/20080101000000/http://www.teachernet.gov.uk/x"
    assert problems_for(tmp_path, with_line(VALID, "illustrative: true\n", SOURCE.format(url=url))) == []


def test_a_source_missing_its_year_is_named(tmp_path):
    text = with_line(
        VALID, "illustrative: true\n", SOURCE.format(url="https://www.example.org/case").replace("  year: 2008\n", "")
    )
    assert problems_for(tmp_path, text) == [
        "case_studies/test-study.md, line 10, source.year: is missing; add it (a whole number from 1990 to 2100)"
    ]


def test_broken_yaml_names_the_line(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "summary: A short summary.", "summary: [unclosed"))
    assert len(out) == 1 and "(the whole file): this is not valid YAML" in out[0]
    assert out[0].startswith("case_studies/test-study.md, line 4,")  # YAML notices at the next line


def test_a_key_given_twice_names_the_second_line(tmp_path):
    out = problems_for(tmp_path, with_line(VALID, "setting: urban\n", "setting: urban\nsetting: rural\n"))
    assert out == ["case_studies/test-study.md, line 6, setting: appears twice; keep one of them"]


def test_a_file_without_front_matter_is_refused(tmp_path):
    out = problems_for(tmp_path, "# Just a heading\n\nText.\n")
    assert out == [
        "case_studies/test-study.md, line 1, (the whole file): does not start with front matter: the first line must be --- and the fields (title, summary, ...) follow, closed by another --- line"
    ]


def test_front_matter_never_closed_is_refused(tmp_path):
    out = problems_for(tmp_path, VALID.split("---\n\n")[0])
    assert len(out) == 1 and "the front matter is never closed" in out[0]


def test_an_empty_case_study_is_refused(tmp_path):
    out = problems_for(tmp_path, VALID.split("## The school")[0])
    assert out == [
        "case_studies/test-study.md, line 14, (the text below the front matter): is empty; write the case study below the second --- line"
    ]


def test_a_file_name_that_cannot_be_a_web_address_is_refused(tmp_path):
    out = problems_for(tmp_path, VALID, name="My Study.md")
    assert len(out) == 1 and out[0].startswith(
        "case_studies/My Study.md, line 1, (the file name): 'My Study.md' cannot be a web address"
    )


def test_problems_in_several_files_are_reported_together(tmp_path):
    problems_for(tmp_path, with_line(VALID, "setting: urban", "setting: town"), name="first.md")
    out = problems_for(tmp_path, with_line(VALID, "phase: primary", "phase: infant"), name="second.md")
    assert [p.split(",")[0] for p in out] == ["case_studies/first.md", "case_studies/second.md"]


def test_a_readme_in_the_folder_is_not_a_case_study(tmp_path):
    problems_for(tmp_path, VALID)
    (tmp_path / "case_studies" / "README.md").write_text("# Our case studies\n", encoding="utf-8")
    assert [s.slug for s in load_case_studies(tmp_path / "case_studies")] == ["test-study"]


# --- the shipped collection ---


@pytest.fixture(scope="module")
def shipped():
    return load_case_studies(SHIPPED)


def test_the_labels_name_exactly_the_values_the_schema_allows():
    props = schema("case_study")["properties"]
    assert list(PHASES) == props["phase"]["then"]["enum"] == props["phase"]["else"]["items"]["enum"]
    assert list(SETTINGS) == props["setting"]["enum"]
    assert list(STRANDS) == props["strands"]["items"]["enum"] == list(STRAND_ANCHORS)
    assert list(DIMENSIONS) == props["dimensions"]["items"]["enum"] == list(DIMENSION_ANCHORS)
    assert list(ECM_OUTCOMES) == props["ecm_outcomes"]["items"]["enum"]
    assert list(CONTEXT_TAGS) == props["context_tags"]["items"]["enum"]


def test_the_guide_pages_have_the_anchors_case_studies_link_to():
    strands = (ROOT / "docs" / "duty" / "strands.md").read_text(encoding="utf-8")
    dimensions = (ROOT / "docs" / "duty" / "dimensions.md").read_text(encoding="utf-8")
    for anchor in STRAND_ANCHORS.values():
        assert f"#{anchor} }}" in strands or f"#{anchor}}}" in strands, anchor
    for anchor in DIMENSION_ANCHORS.values():
        assert f"#{anchor} }}" in dimensions or f"#{anchor}}}" in dimensions, anchor


def test_at_least_twelve_case_studies_ship_and_all_are_valid(shipped):
    assert len(shipped) >= 12


def test_the_collection_covers_every_strand_and_dimension_three_phases_and_both_settings(shipped):
    assert {s for study in shipped for s in study.strands} == set(STRANDS)
    assert {d for study in shipped for d in study.dimensions} == set(DIMENSIONS)
    assert len({p for study in shipped for p in study.phases}) >= 3
    assert {study.setting for study in shipped} == set(SETTINGS)


def test_every_shipped_case_study_has_the_same_five_sections_in_order(shipped):
    for study in shipped:
        headings = [line[3:].strip() for line in study.body.splitlines() if line.startswith("## ")]
        assert headings == SHAPE, study.slug


def test_illustrative_case_studies_name_their_school_as_fictional(shipped):
    for study in shipped:
        if study.illustrative:
            first_section = study.body.split("## What it did")[0]
            assert "(a fictional" in first_section or "(a group of fictional" in first_section, study.slug


# --- matching a school to case studies ---


def profile(phase="primary", setting="urban", eal=5.0, fsm=10.0, religious="None", ethnicity=None) -> Profile:
    data = {
        "school": {
            "name": "Test School",
            "phase": phase,
            "type": "Community School",
            "religious_character": religious,
            "local_authority": "Exampleshire",
        },
        "location": {"town": "Exampleton", "setting": setting},
        "pupils": {"number_on_roll": 200, "eal_percent": eal, "fsm_percent": fsm},
    }
    if ethnicity:
        data["pupils"]["ethnicity"] = ethnicity
    return Profile(slug="test-school", path=Path("schools/test-school.yml"), data=data)


MONO = {"white_british": 92, "any_other_white": 5, "unclassified": 3}
DIVERSE = {
    "white_british": 30,
    "pakistani": 20,
    "bangladeshi": 15,
    "black_african": 15,
    "indian": 10,
    "any_other_ethnic_group": 10,
}


def test_profile_tags_follow_the_profile_facts():
    assert profile_tags(profile(setting="rural", ethnicity=MONO)) == {"rural-isolation", "mono-cultural-intake"}
    assert profile_tags(profile(eal=35, fsm=40, ethnicity=DIVERSE)) == {"high-eal", "high-fsm", "diverse-intake"}
    assert profile_tags(profile(religious="Roman Catholic")) == {"faith-school"}
    assert profile_tags(profile(phase="special")) == {"special-needs"}
    assert profile_tags(profile()) == set()


def test_context_counts_most_then_phase_then_setting(shipped):
    study = next(s for s in shipped if s.slug == "rural-primary-city-partner")
    base = relevance(profile(), replace(study, context_tags=(), setting="rural", phases=("secondary",)))
    assert base == 0
    assert relevance(profile(setting="rural"), replace(study, context_tags=(), phases=("secondary",))) == 2
    assert relevance(profile(), replace(study, context_tags=(), setting="rural")) == 3
    assert relevance(profile(phase="nursery"), replace(study, context_tags=(), setting="rural")) == 1  # same age group
    assert relevance(profile(setting="rural", ethnicity=MONO), study) == 3 + 3 + 3 + 2


def test_a_rural_mono_cultural_primary_gets_rural_mono_cultural_case_studies(shipped):
    chosen = most_relevant(profile(setting="rural", ethnicity=MONO), shipped)
    assert len(chosen) == 3
    for study in chosen:
        assert study.setting == "rural" and "mono-cultural-intake" in study.context_tags


def test_a_special_school_gets_the_special_school_case_study_first(shipped):
    assert most_relevant(profile(phase="special"), shipped)[0].phases == ("special",)


def test_a_school_with_many_new_learners_of_english_gets_case_studies_about_them(shipped):
    chosen = most_relevant(profile(eal=45, fsm=30, ethnicity=DIVERSE), shipped)
    assert all("high-eal" in s.context_tags for s in chosen)
    assert chosen[0].phases == ("primary",)


def test_the_choice_never_depends_on_the_order_studies_are_read_in(shipped):
    school = profile(phase="secondary", fsm=30)
    expected = [s.slug for s in most_relevant(school, shipped, n=5)]
    shuffled = list(shipped)
    for seed in range(20):
        random.Random(seed).shuffle(shuffled)
        assert [s.slug for s in most_relevant(school, shuffled, n=5)] == expected


def test_equal_scores_are_broken_by_slug(shipped):
    study = shipped[0]
    twins = [replace(study, slug=slug) for slug in ("c-study", "a-study", "b-study")]
    assert [s.slug for s in most_relevant(profile(), twins, n=2)] == ["a-study", "b-study"]


def test_n_limits_the_list_and_a_small_collection_gives_what_it_has(shipped):
    assert len(most_relevant(profile(), shipped, n=1)) == 1
    assert len(most_relevant(profile(), shipped[:2], n=3)) == 2


def test_every_example_school_gets_three_suggestions(shipped):
    for school in load_profiles(ROOT / "schools"):
        chosen = most_relevant(school, shipped)
        assert len(chosen) == 3 and len({s.slug for s in chosen}) == 3
        assert relevance(school, chosen[-1]) >= max(relevance(school, s) for s in shipped if s not in chosen)
