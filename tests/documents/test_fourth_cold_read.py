"""The fourth cold read (a clerk to governors, 28 policies, December 2026, /tmp/cr4th/findings-policies.md): what she
would still have edited, each fixed for its whole class and checked in the cold-read kit's way (tests/documents/
kinds/): the sentence is there with its fact and gone without it. The command line's side (the review cycle's
warning, the import's date) is in tests/cli/test_policy.py."""

from __future__ import annotations

import re

import pytest

from cohesion_guide.documents.faith_guidance import TRADITIONS
from cohesion_guide.documents.render import render_policy
from cohesion_guide.inputs.profiles import load_profile
from tests.documents.test_cold_read_kit import CASES, LOCAL, NONE, flat, policy_of
from tests.documents.test_tailoring import make_profile

KIT = sorted(CASES)


# ---- N8: the review cycle is suggested by someone a governor knows, and goes once the school sets it -------------


def test_a_cycle_the_governors_have_not_set_is_suggested_by_the_authority_or_the_guide_it_publishes(tmp_path):
    own = policy_of("pupil-referral-unit", tmp_path, {"document.review_cycle_years": NONE})  # Exampleshire's own
    assert "(every year, as Exampleshire County Council (fictional example) suggests)" in own
    other = policy_of("jewish-va-primary", tmp_path, {"document.review_cycle_years": NONE})  # Bury's school
    assert "The Community Cohesion Guide suggests reviewing this policy every year." in other
    assert "Exampleshire" not in other  # another authority's name says nothing of this school's cycle
    for policy in (own, other):
        assert "the guide this policy was made with" not in policy
    set_by_governors = policy_of("jewish-va-primary", tmp_path)
    assert "suggests" not in set_by_governors.split("## Introduction")[0]
    assert "How often the policy is reviewed" not in set_by_governors


# ---- R06(a): an approved policy does not promise to be approved --------------------------------------------------


@pytest.mark.parametrize("slug", KIT)
def test_an_approved_policy_says_it_is_published_and_a_draft_that_it_will_be(slug, tmp_path):
    approved = policy_of(slug, tmp_path, {"document.status": "approved"})
    assert "We publish it on our website." in approved
    assert "Once approved" not in approved and "when it approves the policy" not in approved
    draft = policy_of(slug, tmp_path, {"document.status": "draft"})
    assert "Once approved, it will be on our website." in draft and "We publish it" not in draft


def test_an_approved_policy_with_a_suggested_cycle_leaves_the_cycle_to_its_body_without_a_second_approval(tmp_path):
    policy = policy_of(
        "va-cofe-primary-mill-town", tmp_path, {"document.status": "approved", "document.review_cycle_years": NONE}
    )
    assert re.search(
        r"suggests reviewing this policy every year\. The governing body will decide how often, and", policy
    )


# ---- N1: one group is a group; the area's groups are ranked by the school's rule ---------------------------------


def test_one_largest_group_is_said_in_the_singular_and_several_in_the_plural(tmp_path):
    one = policy_of("academy-secondary-coalfield", tmp_path)
    assert "Our largest ethnic group: White British (89%)." in one
    assert "The largest ethnic group in Pit Lane ward (fictional): White British (91%)." in one
    several = policy_of(
        "academy-secondary-coalfield", tmp_path, {"pupils.ethnicity": {"white_british": 60, "pakistani": 40}}
    )
    assert "Our largest ethnic groups: White British (60%), Pakistani (40%)." in several
    assert "Our largest ethnic group:" not in several


def test_the_area_line_leaves_the_any_other_groups_apart_as_the_school_line_does(tmp_path):
    """Riverside's school line left 'any other White background' apart while its ward line ranked it third: both
    lines now leave the census's catch-all categories apart, since neither is a group a school can plan for."""
    area = {
        "name": "Riverside ward",
        "ethnicity": {"white_british": 44, "pakistani": 16, "any_other_white": 10, "indian": 5},
    }
    policy = policy_of("academy-secondary-coalfield", tmp_path, {"local_area": area})
    assert (
        'The largest ethnic groups in Riverside ward, apart from the census\'s "any other" groups: White British '
        "(44%), Pakistani (16%), Indian (5%). Also recorded: any other White background (10%)." in policy
    )
    below = {**area, "ethnicity": {**area["ethnicity"], "any_other_white": 3}}  # no longer outranks a named group
    without = policy_of("academy-secondary-coalfield", tmp_path, {"local_area": below})
    assert "Riverside ward: White British (44%), Pakistani (16%), Indian (5%). Also recorded: any other White" in (
        without
    )
    assert "Riverside ward, apart from" not in without


# ---- A wide catchment's Prevent risk assessment and meaning of cohesion name the area it serves ------------------


@pytest.mark.parametrize(
    "slug, area, locality",
    [
        ("alternative-provision-academy", "the area around Grimsby", "East Marsh (fictional)"),
        ("catholic-va-secondary", "the area around Sheffield", "Holmebrook (fictional)"),
    ],
)
def test_a_school_whose_pupils_come_from_a_wide_area_names_that_area_not_its_locality(slug, area, locality, tmp_path):
    wide = policy_of(slug, tmp_path)
    assert f"our Prevent risk assessment covers the risks in {area} and online" in wide
    assert f", in {area} and across the country." in wide
    assert f"risks in {locality}" not in wide and f"in {locality} and across the country" not in wide
    local = policy_of(slug, tmp_path, {"location.catchment": "local"})
    assert f"our Prevent risk assessment covers the risks in {locality} and online" in local
    assert f", in {locality} and across the country." in local
    assert area not in local


def test_a_unit_with_a_wide_catchment_names_the_area_in_its_own_prevent_paragraph(tmp_path):
    assert "Our Prevent risk assessment covers the risks in the area around Exampleton and online" in policy_of(
        "pupil-referral-unit", tmp_path
    )


# ---- The Board of Deputies: what it said on cohesion, dated, and nothing of free-school admissions ---------------


def test_the_board_of_deputies_sentence_is_what_it_said_about_cohesion_and_short(tmp_path):
    (jewish,) = [t for t in TRADITIONS if t.name == "Jewish"]
    assert len(jewish.said.split()) < 50
    assert "2016" in jewish.said and "cap" not in jewish.said and "free school" not in jewish.said
    assert "bod.org.uk" in jewish.url  # the source it already cited
    policy = policy_of("jewish-va-primary", tmp_path)
    assert "cohesion is a high priority for the Jewish community and that every Jewish school should play its part" in (
        policy
    )


# ---- The body that sets a date still to confirm is named as the profile's governance names it --------------------


@pytest.mark.parametrize(
    "changes, body",
    [
        ({"school": {"phase": "pru", "type": "Pupil Referral Unit"}}, "the management committee"),
        ({}, "the governing body"),
    ],
)
def test_a_date_still_to_confirm_is_for_the_body_that_adopts_the_policy(changes, body, tmp_path):
    school = make_profile(tmp_path, changes)
    school.path.write_text(
        school.path.read_text(encoding="utf-8").replace(
            "date_adopted: '2026-09-01'", "date_adopted: '2026-09-01'  # to check: the date of the import"
        ),
        encoding="utf-8",
    )
    policy = render_policy(load_profile(school.path), LOCAL)
    assert f"Date adopted: to be confirmed (not yet set by {body})" in policy
    assert "not yet set by the governors" not in policy


# ---- A school with no school link seeks one; every pupil is promised only where a link reaches them --------------


def test_a_school_with_no_school_link_seeks_one_and_promises_no_partner_it_lacks(tmp_path):
    seeks = policy_of("cofe-junior-resourced", tmp_path)
    assert (
        "Most of our pupils share one ethnic background (White British, 91%), so we will seek a link with another "
        "school through which our pupils can learn and work face to face with pupils of other ethnic, faith or social "
        "backgrounds." in seeks
    )
    partner = {
        "name": "Castle Street Primary School (fictional)",
        "kind": "school",
        "what": "Every Year 4 class swaps visits.",
    }
    linked = policy_of("cofe-junior-resourced", tmp_path, {"partnerships": [partner]})
    assert "we will seek a link" not in linked
    assert (
        "through our links with other schools every pupil will, at some point while with us, learn and work" in linked
    )


@pytest.mark.parametrize("slug", KIT)
def test_no_policy_promises_every_pupil_a_partner_school_it_does_not_have(slug, tmp_path):
    policy = policy_of(slug, tmp_path)
    assert "where every" not in policy
    assert "build a lasting link" not in policy


# ---- A register value the import could not use is named in the status block -------------------------------------


def test_the_status_block_names_the_registers_value_as_the_command_line_does(tmp_path):
    school = make_profile(tmp_path, {"location": {"setting": "urban"}})
    school.path.write_text(
        school.path.read_text(encoding="utf-8").replace(
            "setting: urban",
            "setting: urban  # to check: the register's urban/rural value ('London') is not one the import knows; "
            "urban was put in",
        ),
        encoding="utf-8",
    )
    policy = flat(render_policy(load_profile(school.path), LOCAL))
    assert "Town or countryside: to be confirmed (the national register gives “London”: please check)" in policy
    assert "the national register's value: please check" not in policy
