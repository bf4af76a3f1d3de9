"""The third cold read (a clerk to governors, 28 policies, December 2026): the sentences she would still have
edited, each fixed for its whole class and checked here in the cold-read kit's way: the sentence is there with its
fact and gone without it, across the kit's fourteen kinds of school (tests/documents/kinds/)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml

from cohesion_guide.documents.commitments import and_list
from cohesion_guide.documents.needs_words import needs_words
from cohesion_guide.documents.partner_links import RHYTHMS, linked_name
from cohesion_guide.documents.render import render_policy
from cohesion_guide.inputs.case_studies import load_case_studies, suggestions
from cohesion_guide.inputs.profiles import load_profile
from tests.conftest import ROOT
from tests.documents.test_cold_read_kit import CASES, KIT, LOCAL, flat, policy_of
from tests.documents.test_tailoring import make_profile

KIT_WITH_PARTNERS = sorted(
    slug for slug in CASES if yaml.safe_load((KIT / f"{slug}.yml").read_text(encoding="utf-8")).get("partnerships")
)


def _kit(slug: str) -> dict:
    return yaml.safe_load((KIT / f"{slug}.yml").read_text(encoding="utf-8"))


def _policy_from(data: dict, tmp_path, slug: str) -> str:
    path = tmp_path / f"{slug}.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return flat(render_policy(load_profile(path), LOCAL))


def _kept_links(policy: str) -> str:
    return re.search(r"We will keep up our links? with .*?, reviewing (?:each of them|it) every year\.", policy)[0]


# ---- R09: every partner kept up, each rhythm said once, no "links with ... link" ---------------------------------


@pytest.mark.parametrize("slug", KIT_WITH_PARTNERS)
def test_every_partner_the_profile_lists_is_one_the_school_keeps_up_its_link_with(slug, tmp_path):
    kept = _kept_links(policy_of(slug, tmp_path))
    for partner in _kit(slug)["partnerships"]:
        assert linked_name(partner["name"]) in kept, (slug, partner["name"])


@pytest.mark.parametrize("slug", KIT_WITH_PARTNERS)
def test_partners_that_meet_equally_often_share_one_rhythm_in_the_sentence(slug, tmp_path):
    kept = _kept_links(policy_of(slug, tmp_path))
    for rhythm in RHYTHMS.values():
        assert kept.count(rhythm) <= 1, (slug, rhythm, kept)


def test_a_partner_without_a_rhythm_is_kept_beside_partners_with_one(tmp_path):
    """The Miners' Welfare gives no how_often; the Sheffield school and the Polish school do (academy-secondary-
    coalfield): it is named last, with no rhythm of its own, and goes only when the profile no longer lists it."""
    data = _kit("academy-secondary-coalfield")
    welfare = (
        "and with Grimethorpe Miners' Welfare and Community Centre (fictional), reviewing each of them every year."
    )
    assert welfare in policy_of("academy-secondary-coalfield", tmp_path)
    data["partnerships"] = [p for p in data["partnerships"] if "Welfare" not in p["name"]]
    without = _policy_from(data, tmp_path, "academy-secondary-coalfield")
    assert "Miners' Welfare" not in without
    assert "every term; and with Gimnazjum nr 2, Przykładowo (fictional) every half term, reviewing" not in without
    assert "every term, and with Gimnazjum nr 2, Przykładowo (fictional) every half term, reviewing" in without


def test_two_partners_that_meet_every_week_are_named_together_once(tmp_path):
    """pupil-referral-unit: the youth service and the boxing club both meet weekly; the heads' panel has no rhythm."""
    kept = _kept_links(policy_of("pupil-referral-unit", tmp_path))
    assert kept == (
        "We will keep up our links with Exampleton Youth Service (fictional) and Exampleton Boxing and Community Club "
        "(fictional) every week, and with West Exampleshire secondary heads' inclusion panel (fictional), reviewing "
        "each of them every year."
    )


def test_a_partner_named_as_a_link_is_not_a_link_with_a_link():
    assert linked_name("Sheffield city-centre secondary school link (fictional)") == (
        "Sheffield city-centre secondary school (fictional)"
    )
    assert linked_name("Israel links") == "Israel"
    assert linked_name("The Linking Network") == "the Linking Network"
    assert linked_name("Link") == "Link"  # nothing would be left to name


def test_the_coalfield_academy_keeps_its_sheffield_link_without_saying_link_twice(tmp_path):
    policy = policy_of("academy-secondary-coalfield", tmp_path)
    assert "**Sheffield city-centre secondary school link (fictional)**" in policy  # its own name, where it is listed
    assert "links with Sheffield city-centre secondary school (fictional) every term" in policy
    assert "school link (fictional) every term" not in policy


# ---- R18: one way to join a list, in plain punctuation -------------------------------------------------------------


def test_a_list_has_semicolons_only_when_an_item_has_its_own_comma():
    assert and_list(["speech", "symbols and pictures", "Signalong", "communication aids"]) == (
        "speech, symbols and pictures, Signalong and communication aids"
    )
    assert and_list(["Makaton", "objects of reference", "gesture, sound and body language"]) == (
        "Makaton; objects of reference; and gesture, sound and body language"
    )


def test_a_two_item_list_has_no_comma_before_and_unless_the_first_has_its_own_and():
    assert and_list(["Exampleton Interfaith Forum", "Szkoła Podstawowa nr 4, Przykładowo"]) == (
        "Exampleton Interfaith Forum and Szkoła Podstawowa nr 4, Przykładowo"
    )
    assert (
        and_list(["Mosque and Community Centre", "Firvale Academy"])
        == "Mosque and Community Centre, and Firvale Academy"
    )
    assert and_list(["**Speech and language therapy lead**", "**post-16 lead**"]) == (
        "**Speech and language therapy lead** and **post-16 lead**"  # bold already sets the items apart
    )
    assert and_list(["in school", "online", "on the way home"], "or") == "in school, online or on the way home"


def test_the_ways_pupils_communicate_read_as_a_plain_list(tmp_path):
    policy = policy_of("special-academy-autism", tmp_path)
    assert "communicate through speech, symbols and pictures, Signalong and communication aids." in policy
    assert "speech; symbols" not in policy


def test_the_engine_has_one_list_joining_function():
    """No second way of joining words with "and" or "or" anywhere in the engine or the policy template."""
    engine = KIT.parents[2] / "cohesion_guide"
    joiners = [
        path.relative_to(engine).as_posix()
        for path in engine.rglob("*.py")
        if re.search(r"\.join\(\w+\[:-1\]\)", path.read_text(encoding="utf-8"))
    ]
    assert joiners == ["documents/commitments.py"]
    template = (KIT.parents[2] / "model_policies" / "policy.md.j2").read_text(encoding="utf-8")
    assert '" and " if loop.revindex' not in template


# ---- needs said once: "severe, or profound and multiple, learning difficulties" ----------------------------------


def test_kinds_of_learning_difficulty_share_their_words_once():
    assert needs_words(["sld", "pmld"]) == ["severe, or profound and multiple, learning difficulties"]
    assert needs_words(["mld", "sld"]) == ["moderate or severe learning difficulties"]
    assert needs_words(["hi", "sld", "vi", "pmld"]) == [
        "hearing impairment",
        "severe, or profound and multiple, learning difficulties",
        "vision impairment",
    ]
    assert needs_words(["pmld"]) == ["profound and multiple learning difficulties"]


def test_a_special_school_for_two_kinds_of_learning_difficulty_names_them_once(tmp_path):
    both = "We teach pupils with severe, or profound and multiple, learning difficulties."
    assert both in policy_of("special-sld-pmld-rural", tmp_path)
    one = policy_of("special-sld-pmld-rural", tmp_path, {"school.send_needs": ["sld"]})
    assert both not in one and "We teach pupils with severe learning difficulties." in one
    assert "learning difficulties, and profound" not in policy_of("special-sld-pmld-rural", tmp_path)


# ---- R05: case studies from the school's own kind of place, each source said plainly -------------------------------

STUDIES = {s.slug: s for s in load_case_studies(ROOT / "case_studies")}
SITE = {**LOCAL, "site_url": "https://cohesion.example.org/"}


def _suggested(profile) -> set[str]:
    return {s["title"] for s in suggestions(profile, ROOT, SITE, n=len(STUDIES))}


@pytest.mark.parametrize("slug", sorted(CASES))
def test_no_case_study_comes_from_the_other_kind_of_place(slug):
    profile = load_profile(KIT / f"{slug}.yml")
    setting = "rural" if profile.is_rural else "urban"
    for study in STUDIES.values():
        if study.title in _suggested(profile):
            assert study.setting == setting, (slug, study.slug)


def test_the_rural_cluster_goes_to_a_rural_school_and_not_to_the_city_academy(tmp_path):
    """academy-secondary-coalfield is urban: the cluster of village schools is no model for it; made rural, it is."""
    cluster = STUDIES["rural-cluster-shared-coordinator"].title
    urban = load_profile(KIT / "academy-secondary-coalfield.yml")
    assert cluster not in _suggested(urban)
    data = _kit("academy-secondary-coalfield")
    data["location"]["setting"] = "rural"
    path = tmp_path / "academy-secondary-coalfield.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    assert cluster in _suggested(load_profile(path))


def test_a_setting_still_to_be_confirmed_rules_no_case_study_out(tmp_path):
    profile = load_profile(KIT / "academy-secondary-coalfield.yml")
    guessed = replace(profile, unconfirmed={**profile.unconfirmed, "location.setting": "the import guessed"})
    assert STUDIES["rural-cluster-shared-coordinator"].title in _suggested(guessed)


def test_a_sourced_case_study_reads_as_a_title_and_its_source(tmp_path):
    profile = load_profile(KIT / "academy-secondary-coalfield.yml")
    site = {**LOCAL, "site_url": "https://cohesion.example.org/"}  # a policy lists only studies it can link
    policy = flat(render_policy(profile, site, case_studies=suggestions(profile, ROOT, site)))
    assert (
        "- [Bradford schools link classes across the district](https://cohesion.example.org/case-studies/"
        "bradford-schools-linking/) (source: The Linking Network, "
        "“[Bradford](https://thelinkingnetwork.org.uk/national-network/bradford/)”, 2023)"
    ) in policy
    assert "district: from [Bradford]" not in policy


# ---- smaller ones -------------------------------------------------------------------------------------------------


def test_every_student_meets_other_backgrounds_only_where_a_link_reaches_a_whole_year_group(tmp_path):
    """academy-secondary-coalfield's school link is for 'Year 8 students': some, not every student, in its words."""
    some = policy_of("academy-secondary-coalfield", tmp_path)
    assert "so through our links with other schools our students will learn and work face to face with" in some
    assert "every student will, at some point while with us" not in some
    data = _kit("academy-secondary-coalfield")
    data["partnerships"][0]["what"] = "All Year 8 students meet students from a diverse city school."
    every = _policy_from(data, tmp_path, "academy-secondary-coalfield")
    assert "through our links with other schools every student will, at some point while with us, learn" in every


def test_a_rural_schools_families_are_one_sentence_and_the_open_building_another(tmp_path):
    sentence = "Where we can, we will open the school as a meeting place for them and for local groups."
    rural = policy_of("cofe-junior-resourced", tmp_path)
    assert "Our families are spread across a rural area around " in rural and sentence in rural
    assert ", so, where we can, we will" not in rural
    assert sentence not in policy_of("cofe-junior-resourced", tmp_path, {"location.setting": "urban"})


def test_a_school_name_that_starts_a_sentence_takes_a_capital_only_there(tmp_path):
    policy = render_policy(make_profile(tmp_path, {"school": {"name": "school 1"}}), LOCAL)
    assert "\nSchool 1 is a primary school in Testford." in policy
    assert "| School | school 1 |" in policy and "\nschool 1 is" not in policy


def test_a_town_still_to_confirm_is_named_the_same_way_in_the_status_block_and_the_text(tmp_path):
    """st-pauls-academy: 'Town, city or area: to be confirmed' above, 'Greenwich and the area around it' below."""
    data = _kit("catholic-va-secondary")
    data["school"]["local_authority"] = "Greenwich"
    data["location"].pop("locality", None)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).replace(
        f"town: {data['location']['town']}\n", "town: Greenwich  # to check: the register gives no town\n", 1
    )
    path = tmp_path / "tbc.yml"
    path.write_text(text, "utf-8")
    policy = flat(render_policy(load_profile(path), LOCAL))
    assert "until then this policy names our local authority's area, Greenwich)" in policy
    assert "is a Roman Catholic secondary school in Greenwich" in policy
    assert "until then this policy names" not in policy_of("catholic-va-secondary", tmp_path)


# ---- London: the register's town is "London" for every school there; the borough is the place -----------------


def _in_london(slug: str, authority: str, ward: str | None, religious_character: str | None = None) -> dict:
    data = _kit(slug)
    data["school"]["local_authority"] = authority
    data["location"] = {"town": "London", "setting": "urban", **({"ward": ward} if ward else {})}
    if religious_character:
        data["school"]["religious_character"] = religious_character
    return data


@pytest.mark.parametrize(
    "authority, place, community",
    [
        ("Camden", "Camden", "King's Cross ward, in Camden, London."),
        ("City of London", "the City of London", "Tower ward, in the City of London."),
    ],
)
def test_a_london_school_is_placed_in_its_borough_and_its_ward_in_that_borough(tmp_path, authority, place, community):
    ward = "King's Cross" if authority == "Camden" else "Tower"
    policy = _policy_from(_in_london("va-cofe-primary-mill-town", authority, ward), tmp_path, "london")
    assert f"primary school in {place}," in policy
    assert community in policy
    assert f"beyond {place}," in policy
    assert "wider London area" not in policy and "in London" not in policy
    assert f"in and around {place}." in policy  # the admissions look, for a school with a religious character


def test_a_school_outside_london_keeps_its_town_and_the_wider_area_round_its_ward(tmp_path):
    data = _kit("va-cofe-primary-mill-town")
    data["location"].update(town="Oldham", ward="Werneth")
    data["location"].pop("locality", None)
    policy = _policy_from(data, tmp_path, "oldham")
    assert "Werneth ward, and the wider Oldham area." in policy
    assert "London" not in policy


# ---- the cold review's cases (8 December 2026) -------------------------------------------------------------------


def test_an_independent_schools_policy_names_no_statutory_health_education(tmp_path):
    data = _kit("va-cofe-primary-mill-town")
    data["school"].update(type="Other Independent School", religious_character="None")
    data["school"].pop("diocese", None)
    policy = _policy_from(data, tmp_path, "independent")
    assert "health education" not in policy  # statutory in state-funded schools only (FACTS-TODAY 6.1)
    assert "relationships education" in policy
    state = _policy_from(_kit("va-cofe-primary-mill-town"), tmp_path, "state")
    assert "relationships education and health education" in state


def test_a_partner_named_with_a_capital_link_keeps_its_whole_name():
    assert linked_name("Exampleton Youth Link") == "Exampleton Youth Link"
    assert linked_name("Sheffield city-centre secondary school link (fictional)") == (
        "Sheffield city-centre secondary school (fictional)"
    )


def test_the_local_community_line_starts_with_a_capital_whatever_the_place(tmp_path):
    data = _in_london("va-cofe-primary-mill-town", "City of London", None)
    policy = _policy_from(data, tmp_path, "city")
    assert "The City of London and the area around it." in policy
    assert "\nthe City of London and the area around it." not in render_policy(
        load_profile(tmp_path / "city.yml"), LOCAL
    )


def test_a_london_town_still_to_be_confirmed_builds_no_london_sentence(tmp_path):
    data = _in_london("va-cofe-primary-mill-town", "Camden", "King's Cross")
    path = tmp_path / "unconfirmed.yml"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).replace(
        "town: London", "town: London  # to check: the register's town"
    )
    assert "# to check" in text
    path.write_text(text, "utf-8")
    policy = flat(render_policy(load_profile(path), LOCAL))
    assert "King's Cross ward, in Camden, London" not in policy
