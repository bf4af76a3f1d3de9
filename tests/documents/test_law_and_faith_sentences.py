"""The third cold read's law and faith sentences (December 2026, /tmp/coldread/findings-third.md), for every kind
of school each names: a pupil referral unit's own Prevent duty (N6), relationships education named for the ages a
school teaches (N7), how Ofsted's inspections look at SMSC and British values today (R29d), the faith paragraphs'
sources and aims (R10) and a review cycle the governors have not set themselves (R14). Each sentence is there with
its fact and gone without it."""

from __future__ import annotations

import re

import pytest

from cohesion_guide.documents.faith_guidance import TRADITIONS
from cohesion_guide.documents.render import render_policy
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile
from tests.conftest import ROOT
from tests.documents.test_cold_read_kit import NONE, policy_of
from tests.documents.test_tailoring import make_profile

LOCAL = load_local(ROOT)


def flat(text: str) -> str:
    return " ".join(text.split())


def policy(tmp_path, changes: dict | None = None, local: dict = LOCAL) -> str:
    return flat(render_policy(make_profile(tmp_path, changes or {}), local))


PRU = {"school": {"type": "Pupil Referral Unit", "phase": "pru"}, "document": {"approved_by": "Management committee"}}

# ---- N6: a unit has due regard to the Prevent duty itself ------------------------------------------------------

OWN_PREVENT = "We have due regard to the need to prevent people from being drawn into terrorism"


@pytest.mark.parametrize("ages", [(5, 11), (14, 16), None], ids=["primary unit", "key stage 4 unit", "no ages"])
def test_every_pupil_referral_unit_has_due_regard_to_prevent_itself_not_only_its_authority(tmp_path, ages):
    changes = {**PRU, "school": {**PRU["school"]}}
    if ages:
        changes["school"].update(statutory_low_age=ages[0], statutory_high_age=ages[1])
    text = policy(tmp_path, changes)
    assert OWN_PREVENT in text
    # as FACTS-TODAY's correction 3 supports it, with no argument of the project's own from Schedule 6's wording
    assert "advice on it is addressed to units' management committees" in text
    assert "proprietor" not in text and "reads a unit's" not in text
    assert "helps the local authority meet these duties" not in text
    # the equality duty stays with the authority, for its units (Equality Act 2010, Schedule 19)
    assert "The local authority has the public sector equality duty" in text
    assert "helps the local authority meet its equality duty" in text


def test_a_school_states_the_prevent_duty_among_its_own_duties_not_as_a_units(tmp_path):
    assert OWN_PREVENT not in policy(tmp_path)
    assert "the Prevent duty (Counter-Terrorism and Security Act 2015, section 26)" in policy(tmp_path)


# ---- R29(d): how Ofsted's inspections look at SMSC and British values, for every kind it inspects as a school ------

OFSTED = (
    "have looked at {own} spiritual, moral, social and cultural development, and their understanding of fundamental"
)
INSPECTED = [
    ({}, "a community school", "pupils'"),
    (
        {"school": {"type": "Voluntary Aided School", "religious_character": "Roman Catholic"}},
        "a voluntary aided school",
        "pupils'",
    ),
    ({"school": {"phase": "secondary", "type": "Foundation School"}}, "a foundation school", "students'"),
    ({"school": {"phase": "special", "type": "Community Special School"}}, "a community special school", "pupils'"),
    (
        {"school": {"phase": "infant", "statutory_low_age": 3, "statutory_high_age": 7}},
        "a community school",
        "children's",
    ),
    (
        {"school": {"phase": "secondary", "type": "Academy Converter", "trust": "Vale Trust"}},
        "a converter academy",
        "students'",
    ),
    ({"school": {"type": "Free Schools", "trust": "Vale Trust"}}, "a free school", "pupils'"),
    (
        {"school": {"phase": "special", "type": "Academy Special Sponsor Led", "trust": "Vale Trust"}},
        "a special sponsor-led academy",
        "pupils'",
    ),
    (
        {"school": {"phase": "pru", "type": "Academy Alternative Provision Converter", "trust": "Vale Trust"}},
        "an alternative provision converter academy",
        "pupils'",
    ),
    (PRU, "a unit", "pupils'"),
]


@pytest.mark.parametrize("changes, kind, own", INSPECTED, ids=[k for _, k, _ in INSPECTED])
def test_every_kind_ofsted_inspects_as_a_school_says_how_inspection_looks_at_smsc_and_british_values(
    tmp_path, changes, kind, own
):
    text = policy(tmp_path, changes)
    assert "Since November 2025, Ofsted's [renewed inspections](https://www.gov.uk/government/news/" in text
    assert f"of {kind} such as ours {OFSTED.format(own=own)} British values, mainly under personal development" in text
    assert "as Lancashire County Council quotes it](https://www.lancashire.gov.uk/" in text


NOT_UNDER_THE_SCHOOL_TOOLKIT = [
    {"school": {"phase": "nursery", "type": "LA Nursery School", "statutory_low_age": 2, "statutory_high_age": 5}},
    {"school": {"phase": "16-plus", "type": "Academy 16-19 Converter", "trust": "Vale Trust"}},
    {"school": {"type": "Other Independent School"}},
]


@pytest.mark.parametrize("changes", NOT_UNDER_THE_SCHOOL_TOOLKIT, ids=["nursery school", "16 to 19", "independent"])
def test_a_kind_the_school_toolkit_is_not_shown_to_cover_says_nothing_of_it(tmp_path, changes):
    assert "renewed inspections" not in policy(tmp_path, changes)


# ---- N7: relationships education named for the ages the school teaches ----------------------------------------

PRIMARY = "Our relationships education and health education follow the Department for Education's [statutory guidance]"
SECONDARY = (
    "Our relationships and sex education, and health education follow the Department for Education's [statutory "
    "guidance]"
)
BOTH = (
    "Our relationships education at primary age, relationships and sex education at secondary age, and health "
    "education follow"
)
AGES = [
    ({"school": {"statutory_low_age": 4, "statutory_high_age": 11}}, PRIMARY),
    ({"school": {"phase": "infant", "statutory_low_age": 3, "statutory_high_age": 7}}, PRIMARY),
    ({"school": {"phase": "secondary", "statutory_low_age": 11, "statutory_high_age": 18}}, SECONDARY),
    ({"school": {"phase": "all-through", "statutory_low_age": 3, "statutory_high_age": 18}}, BOTH),
    ({"school": {"phase": "middle", "statutory_low_age": 9, "statutory_high_age": 13}}, BOTH),
    (
        {
            "school": {
                "phase": "special",
                "type": "Community Special School",
                "statutory_low_age": 2,
                "statutory_high_age": 19,
            }
        },
        BOTH,
    ),
    (
        {
            "school": {
                "phase": "special",
                "type": "Community Special School",
                "statutory_low_age": 11,
                "statutory_high_age": 19,
            }
        },
        SECONDARY,
    ),
    ({"school": {**PRU["school"], "statutory_low_age": 5, "statutory_high_age": 11}}, PRIMARY),
    ({"school": {**PRU["school"], "statutory_low_age": 14, "statutory_high_age": 16}}, SECONDARY),
    ({"school": {"phase": "secondary", "statutory_low_age": None, "statutory_high_age": None}}, SECONDARY),
]


@pytest.mark.parametrize("changes, sentence", AGES, ids=[f"{i}" for i in range(len(AGES))])
def test_relationships_education_is_named_for_the_ages_the_school_teaches(tmp_path, changes, sentence):
    text = policy(tmp_path, changes)
    assert sentence in text
    assert "Our relationships education follows" not in text
    others = {PRIMARY, SECONDARY, BOTH} - {sentence}
    assert not any(other in text for other in others)


@pytest.mark.parametrize("changes", NOT_UNDER_THE_SCHOOL_TOOLKIT[:2], ids=["nursery school", "16 to 19"])
def test_a_school_the_statutory_guidance_is_not_for_names_none_of_its_subjects(tmp_path, changes):
    assert "statutory guidance]" not in policy(tmp_path, changes)


@pytest.mark.parametrize(
    "slug, sentence",
    [("all-through-academy", BOTH), ("pupil-referral-unit", SECONDARY), ("jewish-va-primary", PRIMARY)],
)
def test_the_kits_schools_name_their_own_relationships_education_and_lose_it_without_their_ages(
    slug, sentence, tmp_path
):
    assert flat(sentence) in policy_of(slug, tmp_path)
    # without its ages a school's phase decides: a unit or an all-through school may then teach either
    phase_only = policy_of(slug, tmp_path, {"school.statutory_low_age": NONE, "school.statutory_high_age": NONE})
    assert (flat(BOTH) in phase_only) == (slug != "jewish-va-primary")


# ---- R10: the faith paragraphs' sources, an academy's inspection, and the aims of a school whose faiths are unknown -


@pytest.mark.parametrize("tradition", TRADITIONS, ids=[t.name for t in TRADITIONS])
def test_each_faith_bodys_sentence_is_dated_and_is_the_bodys_own_not_one_officials(tradition):
    assert re.search(r"\b(?:19|20)\d\d\b", tradition.said), "a year the source was published or checked"
    for official in ("then Director", "Chief Executive", "said after meeting", "Greening"):
        assert official not in tradition.said


FAITH_ACADEMIES = [
    {"school": {"type": "Academy Sponsor Led", "religious_character": "Roman Catholic", "trust": "Vale Trust"}},
    {"school": {"type": "Free Schools", "religious_character": "Muslim", "trust": "Vale Trust"}},
    {"school": {"type": "Academy Converter", "religious_character": "Church of England", "trust": "Vale Trust"}},
    {"school": {"phase": "secondary", "type": "Academy Converter", "religious_character": "Jewish", "trust": "V"}},
]
BY_AGREEMENT = (
    "Our collective worship, and any denominational religious education we give, are inspected as our funding "
    "agreement provides."
)


@pytest.mark.parametrize("changes", FAITH_ACADEMIES, ids=lambda c: c["school"]["religious_character"])
def test_an_academy_with_a_religious_character_says_its_funding_agreement_provides_for_its_inspection(
    tmp_path, changes
):
    text = policy(tmp_path, changes)
    assert BY_AGREEMENT in text and "section 48" not in text
    without = {"school": {**changes["school"], "religious_character": "Does not apply"}}
    assert BY_AGREEMENT not in policy(tmp_path, without)


def test_a_maintained_faith_school_cites_section_48_not_a_funding_agreement(tmp_path):
    text = policy(tmp_path, {"school": {"type": "Voluntary Aided School", "religious_character": "Roman Catholic"}})
    assert "inspected under [section 48 of the Education Act 2005]" in text and BY_AGREEMENT not in text


AT_HOME = "families of every faith and of none feel at home in a {character} school"


@pytest.mark.parametrize("character", ["Church of England", "Roman Catholic", "Methodist", "Jewish", "Muslim"])
def test_a_faith_school_whose_families_faiths_are_not_given_still_has_its_faith_aim(tmp_path, character):
    """A profile imported from the register has no families' faiths: the aim rests on the religious character."""
    text = policy(tmp_path, {"school": {"type": "Voluntary Aided School", "religious_character": character}})
    assert AT_HOME.format(character=character) in text
    assert "feel at home in a" not in policy(tmp_path)  # no religious character, no faith aim


def test_the_imported_church_of_england_school_has_the_aim_its_peers_have(tmp_path):
    """Sir John Cass's Foundation Primary School, as `cohesion import-gias` wrote it (no pupils.faiths)."""
    assert AT_HOME.format(character="Church of England") in policy_of("va-cofe-primary-mill-town", tmp_path)
    assert AT_HOME.format(character="Church of England") in policy_of(
        "va-cofe-primary-mill-town", tmp_path, {"pupils.faiths": NONE}
    )
    single = policy_of("jewish-va-primary", tmp_path)  # one faith: pupils meet others beyond it instead
    assert "feel at home in a Jewish school" not in single
    assert "feel at home in a Jewish school" in policy_of("jewish-va-primary", tmp_path, {"pupils.faiths": NONE})


# ---- R14: a review cycle the governors have not set is the authority's suggestion, never theirs -------------------


@pytest.mark.parametrize("slug", ["catholic-va-secondary", "pupil-referral-unit", "all-through-academy"])
def test_the_schools_own_cycle_is_its_governors_and_without_it_the_cycle_is_a_suggestion_to_confirm(slug, tmp_path):
    own = policy_of(slug, tmp_path)
    assert re.search(r"\| Next review \| \d+ \w+ \d{4} \(every (?:year|\d years)\) \|", own)
    assert re.search(r"will review this policy every (?:year|\d years), or sooner", own)
    assert "How often the policy is reviewed" not in own
    suggested = policy_of(slug, tmp_path, {"document.review_cycle_years": NONE})
    assert re.search(r"\| Next review \| [^|]*\(every year, as [^|]+ suggests\) \|", suggested)
    assert re.search(r"suggests reviewing this policy every year\. \w[\w ]* will decide how often", suggested)
    assert "will review this policy every year, or sooner" not in suggested
    assert "How often the policy is reviewed: to be confirmed" in suggested


def test_a_cycle_still_marked_to_check_is_a_suggestion_too(tmp_path):
    path = tmp_path / "checked.yml"
    path.write_text(
        (ROOT / "tests/documents/kinds/catholic-va-secondary.yml")
        .read_text(encoding="utf-8")
        .replace("review_cycle_years: 2", "review_cycle_years: 2  # to check: the scaffold's guess"),
        encoding="utf-8",
    )
    text = flat(render_policy(load_profile(path), LOCAL))
    # Sheffield's school, Exampleshire's guide: the guide is named, not another authority (fifth cold read)
    assert "(every year, as the Community Cohesion Guide suggests)" in text
    assert "Exampleshire" not in text
    assert "the guide this policy was made with" not in text
    assert "every 2 years" not in text
    # one line in the status block says so, not a second one for the value marked to check
    assert text.count("How often the policy is reviewed: to be confirmed") == 1
    assert "Review cycle" not in text
