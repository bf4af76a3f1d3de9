"""The self-evaluation pack after the fourth cold read (28 packs, December 2026, /tmp/cr4th/findings-packs.md): a
governors' document speaks as the school about the school, never about the tool that made it (R1); its national
figure and its law link to their primary sources (R2); an evidence row is "Already have" only when the audit found
everything it names in place (R8); a pupil referral unit's introduction gives each duty its own source (R14)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from cohesion_guide.documents import legal_basis
from cohesion_guide.documents.evidence import portfolio
from cohesion_guide.documents.render import render_policy
from cohesion_guide.documents.self_evaluation import render_self_evaluation
from cohesion_guide.inputs.audit import Entry, audit_for, not_assessed
from cohesion_guide.inputs.profiles import load_profile
from tests.conftest import ROOT
from tests.documents.test_pack_cold_read import EVERY_PACK, IDS, LOCAL, audit_of, flat, pack, part, words_of
from tests.documents.test_tailoring import make_profile

# What the pack said of its own making, or of a field the school had not given, in the tool's voice (R1, T32).
SAYS_HOW_IT_WAS_MADE = [
    "The community cohesion guide made it",
    "made it from our school profile",
    "not recorded in our profile",
    "Review your school's work",
    "this guide",
    "in this pack yet",
    "from our school profile",
    "which is later than the policy's date of adoption",
    "at least half a term later",
    "still to be confirmed, so the plan's dates count",
    "keep a record of what we do with each",
]
WEAK_SOURCES = ["polimapper", "ireland-live", "news report", "as reported from"]


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_no_pack_speaks_of_the_tool_that_made_it_or_leans_on_a_weak_source(profile, audit):
    markdown = render_self_evaluation(profile, audit, LOCAL)
    text = words_of(markdown)
    for refused in SAYS_HOW_IT_WAS_MADE:
        assert refused not in text, refused
    for weak in WEAK_SOURCES:
        assert weak not in markdown, weak
    # one national figure, one year, from the Department's own release; no figure without a primary source
    assert "20.8%" not in text and "January 2024" not in text
    assert (
        "25.7% of pupils in England were eligible for free school meals in January 2025 ([Department for Education: "
        "Schools, pupils and their characteristics, 2024/25](https://explore-education-statistics.service.gov.uk/"
        "find-statistics/school-pupils-and-their-characteristics/2024-25))"
    ) in flat(markdown)


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_a_link_named_for_the_education_act_2002_opens_that_act(profile, audit):
    links = re.findall(r"\[([^\]]*Act[^\]]*)\]\(([^)]+)\)", render_self_evaluation(profile, audit, LOCAL))
    for label, address in links:
        if "Education Act 2002" in label:
            assert address == "https://www.legislation.gov.uk/ukpga/2002/32/section/21", label
        if "Equality Act 2010" in label:
            assert address.startswith("https://www.legislation.gov.uk/ukpga/2010/15/"), label
    assert "/ukpga/2006/40/notes/" not in render_self_evaluation(profile, audit, LOCAL)


def test_the_duty_is_cited_with_the_act_that_inserted_it(tmp_path):
    text = pack(make_profile(tmp_path))
    assert (
        "([section 21(5)(b) of the Education Act 2002](https://www.legislation.gov.uk/ukpga/2002/32/section/21), "
        "inserted by the Education and Inspections Act 2006, section 38)"
    ) in text


def test_the_opening_names_the_audit_it_draws_on_or_says_the_school_has_not_done_one(tmp_path):
    school = make_profile(tmp_path)
    assert "It draws on our audit, completed on 10 July 2026 by the deputy headteacher." in pack(
        school, audit_of(school)
    )
    without = pack(school)
    assert "We have not yet done our self-evaluation audit, so the plan starts with it." in without
    assert "It draws on our audit" not in without


@pytest.mark.parametrize(
    "pupils, said, not_said",
    [
        (
            {"home_languages": None, "faiths": None},
            "We have not yet recorded the languages our families speak at home, or their faiths and beliefs.",
            ["Languages our families speak at home:", "Our families' faiths and beliefs:"],
        ),
        (
            {"home_languages": None, "faiths": ["Christian", "Muslim"]},
            "We have not yet recorded the languages our families speak at home.",
            ["Languages our families speak at home:", "their faiths and beliefs"],
        ),
        (
            {"home_languages": ["English", "Urdu"], "faiths": None},
            "We have not yet recorded our families' faiths and beliefs.",
            ["Our families' faiths and beliefs:", "the languages our families speak at home"],
        ),
    ],
)
def test_a_field_the_school_has_not_given_is_said_as_the_school_would(tmp_path, pupils, said, not_said):
    languages = part(pack(make_profile(tmp_path, {"pupils": pupils})), "Community profile")
    assert said in languages
    for line in not_said:
        assert line not in languages, line


def test_both_fields_given_are_listed_and_nothing_is_said_to_be_missing(tmp_path):
    given = pack(make_profile(tmp_path, {"pupils": {"home_languages": ["English", "Urdu"], "faiths": ["Muslim"]}}))
    assert "Languages our families speak at home: English and Urdu." in given
    assert "We have not yet recorded" not in part(given, "Community profile").split("### What the figures")[0]


def test_the_plans_dates_are_one_plain_sentence_and_none_without_a_date_of_adoption(tmp_path):
    school = make_profile(tmp_path, {"document": {"date_adopted": "2026-09-01"}})
    plan = part(pack(school), "Action plan")
    assert "Its dates count from the policy's date of adoption, 1 September 2026." in plan
    unconfirmed = dataclasses.replace(school, unconfirmed={"document.date_adopted": "the date of the import"})
    undated = part(pack(unconfirmed), "Action plan")
    assert "dates count" not in undated and "by the end of the first term after the policy is adopted" in undated


# ---- R8: "Already have" only for everything a row names ------------------------------------------------------------


def items_of(profile, audit) -> dict:
    return {item.id: item for question in portfolio(profile, audit) for item in question.items}


def test_a_row_naming_several_practices_is_held_only_when_the_audit_found_all_of_them_in_place(tmp_path):
    school = make_profile(tmp_path)
    one_of_three = audit_of(
        school,
        local_agencies=Entry("in-place", "Interfaith forum meetings"),
        extended_services=Entry("partly", "After-school club register"),
        shared_facilities=Entry("not-yet"),
    )
    row = items_of(school, one_of_three)["community-use"]
    assert row.state == "partly"
    said = [source.text for source in row.sources]
    assert said == [
        "Partly in place: Before- and after-school care, clubs and family learning open to all families. Seen in: "
        "After-school club register.",
        "Not yet: Sharing our buildings and facilities with the local community.",
        "In place: Working with other local agencies and services (health, police, youth, faith and voluntary groups)."
        " Seen in: Interfaith forum meetings.",
    ]
    all_three = audit_of(
        school,
        local_agencies=Entry("in-place", "Interfaith forum meetings"),
        extended_services=Entry("in-place", "After-school club register"),
        shared_facilities=Entry("in-place", "Lettings log"),
    )
    row = items_of(school, all_three)["community-use"]
    assert row.held and [s.text for s in row.sources] == [
        "After-school club register",
        "Lettings log",
        "Interfaith forum meetings",
    ]
    assert items_of(school, audit_of(school, shared_facilities=Entry("not-yet")))["community-use"].state == "to-gather"


def test_a_row_asking_for_one_kind_of_record_is_held_by_any_practice_that_keeps_it(tmp_path):
    school = make_profile(tmp_path)
    survey = audit_of(school, stakeholder_views=Entry("in-place", "Yearly parent survey"))
    assert items_of(school, survey)["stakeholder-views"].held


@pytest.mark.parametrize("slug", sorted(p.stem for p in (ROOT / "audits").glob("*.yml")))
def test_no_example_schools_row_claims_more_than_its_audit_found(slug):
    """Riverside, Hollins Brook, Little Brookfield, Meadowbank, Northgate, Oakfield and St Anne's: every row held
    from the audit names only practices it found in place."""
    from cohesion_guide.inputs.audit import catalogue

    profile = load_profile(ROOT / "schools" / f"{slug}.yml")
    audit = audit_for(slug, ROOT / "audits")
    names = {item["id"]: item for question in catalogue()["evidence"] for item in question["items"]}
    for item_id, item in items_of(profile, audit).items():
        raw = names[item_id]
        if item.held and raw.get("practices") and not raw.get("records"):
            assert all(audit.status(pid) == "in-place" for pid in raw["practices"]), item_id


def test_st_annes_says_which_part_of_its_community_work_is_in_place():
    profile = load_profile(ROOT / "schools" / "st-annes-catholic-primary.yml")
    text = pack(profile, audit_for(profile.slug, ROOT / "audits"))
    row = re.search(r"Records of who uses our care.*?</tr>", text).group(0)
    assert "Already have" not in row and ">Partly<" in row
    assert "In place: Working with other local agencies" in row and "Not yet: Sharing our buildings" in row


def test_partners_named_in_the_profile_are_a_record_still_to_keep(tmp_path):
    row = items_of(make_profile(tmp_path), not_assessed("test"))["partnership-records"]
    assert row.state == "partly" and row.sources[0].text.endswith("we still need a record of what we do with each.")


# ---- R14: a unit's duties, each with its own source ----------------------------------------------------------------


def test_a_units_introduction_sources_the_equality_duty_to_the_equality_act_and_prevent_as_its_policy_does():
    unit = load_profile(ROOT / "tests" / "documents" / "kinds" / "pupil-referral-unit.yml")
    intro = pack(unit).split("## Community profile")[0]
    assert flat(legal_basis.PRU_PREVENT) in intro  # the policy's own sentence, not a second wording of it
    assert flat(legal_basis.PRU_PREVENT) in flat(render_policy(unit, LOCAL))
    assert (
        "Our local authority has the public sector equality duty for the units it maintains ([Equality Act 2010, "
        "section 149](https://www.legislation.gov.uk/ukpga/2010/15/section/149) and [Schedule 19]"
        "(https://www.legislation.gov.uk/ukpga/2010/15/schedule/19))"
    ) in intro
    assert "The public sector equality duty and the Prevent duty apply to our local authority" not in intro


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_no_plan_row_gives_the_schools_profile_file_as_its_reason(profile, audit):
    """A reason speaks of the school ("we have no partnership yet"), never of the file it was made from."""
    text = words_of(pack(profile, audit))
    for phrase in ("our profile lists", "nothing in our profile or audit", "in our profile"):
        assert phrase not in text, phrase
