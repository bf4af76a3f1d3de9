"""Issue 25's cold-read kit: fourteen profiles of different kinds of school (tests/documents/kinds/), each with
the sentences a clerk to governors would refuse (never in its policy or plan), the sentences its kind of school
must have, and the sentences that rest on one fact of its profile: present with the fact, gone without it."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from cohesion_guide.documents.render import render_policy
from cohesion_guide.documents.self_evaluation import render_self_evaluation
from cohesion_guide.inputs.audit import not_assessed
from cohesion_guide.inputs.local_config import load_local, serves
from cohesion_guide.inputs.profiles import load_profile
from tests.conftest import ROOT

LOCAL = load_local(ROOT)
KIT = ROOT / "tests" / "documents" / "kinds"
NONE = object()  # a field the change removes

# For each profile: refused (never said), required (said because of the kind of school), and bound: a sentence
# and the change to the profile that takes its fact away ({dotted field: NONE or a new value}).
CASES = {
    "academy-secondary-coalfield": {
        "refused": [
            "is a primary school",
            "Full governing body",
            "We do not yet have",
            "so the duty binds us",
            "beyond Barnsley",
            "The board of Dearne and Don Learning Trust (fictional) adopts",
        ],
        "required": [
            "section 1A of the Academies Act 2010, under which our curriculum must meet section 78",
            "on students' spiritual, moral, social and cultural development",
            "through our local governing body, adopts this policy",
        ],
        "bound": [
            ("is a secondary academy in Grimethorpe", {"location.locality": NONE}),
            ("Grimethorpe, for students aged 11 to 16", {"school.statutory_low_age": NONE}),
            ("Sheffield city-centre secondary school link (fictional) every term", {"partnerships.how_often": NONE}),
            ("Families who use Polish, Romanian and Lithuanian at home", {"pupils.home_languages": NONE}),
            ("Most of our students share one ethnic background (White British, 89%)", {"pupils.ethnicity": NONE}),
        ],
    },
    "infant-nursery-forty-languages": {
        "refused": ["is a primary school", "leadership roles", "school council", "excluded more often"],
        "required": ["is an infant school in Leicester", "Adults will listen and watch closely during play"],
        "bound": [
            (
                "In our nursery and Reception classes, the Early Years Foundation Stage",
                {"school.nursery_provision": NONE, "school.statutory_low_age": NONE},
            ),
            ("rather than at its start (25% last year)", {"pupils.mobility_percent": NONE}),
            ("Northfields Park Family Hub (fictional) every week", {"partnerships.how_often": NONE}),
        ],
    },
    "jewish-va-primary": {
        "refused": ["We belong to the", "Deeply Christian", "We do not yet have"],
        "required": ["is a Jewish primary school in Prestwich, for pupils aged 4 to 11."],
        "bound": [
            ("The Board of Deputies of British Jews has said", {"school.religious_character": "None"}),
            ("> Torah, kindness and learning guide how we live", {"school.ethos_statement": NONE}),
            ("When tension rises in the area", {"local_tensions": NONE}),
            ("We will keep a plan for how the school responds when tension rises", {"local_tensions": NONE}),
        ],
    },
    "pupil-referral-unit": {
        "refused": [
            "governing body answers",
            "briefings for governors",
            "section 1A",
            "Independent School Standards",
            "religious education and personal",
            "one school community",
            "admissions arrangements",
        ],
        "required": [
            "the Prevent duty (Counter-Terrorism and Security Act 2015, section 26), as one of the authorities listed "
            "in [Schedule 6 to that Act]",
            "was written for the management committees and staff of pupil referral units",
            "Ofsted inspects pupil referral units as schools",
            "students' spiritual, moral, social and cultural development, and their understanding of fundamental "
            "British values",
            "equality information and objectives (our local authority publishes them for its units)",
        ],
        "bound": [
            ("When tension rises in the area", {"local_tensions": NONE}),
            ("Exampleton Youth Service (fictional) every week", {"partnerships.how_often": NONE}),
        ],
    },
    "special-sld-pmld-rural": {
        "refused": [
            "signing, including British Sign Language",
            "at least once a year",
            "We will run links with mainstream schools",
            "beyond Fellbridge",
            "open the school as a meeting place",
            "with a nursery",
            "help families who live near one another to meet",
        ],
        "required": [
            "Our youngest pupils, in the Early Years Foundation Stage",
            "learn, play and celebrate with pupils of mainstream schools and, since most of our pupils share one ethnic",
        ],
        "bound": [
            (
                "Our pupils communicate through Makaton; symbols and pictures; objects of reference",
                {"school.communication": NONE},
            ),
            ("travel for as long as an hour and 15 minutes each way", {"location.longest_journey_minutes": NONE}),
            (
                "Fellbridge Church of England Primary School (fictional) and Fellbridge Riding for the Disabled group "
                "(fictional) every week",
                {"partnerships.how_often": NONE},
            ),
        ],
    },
    "va-cofe-primary-mill-town": {
        "refused": ["We do not yet have", "is a primary school."],
        "required": ["is a Church of England primary school in Oldham"],
        "bound": [
            ("The Church of England's vision for education", {"school.religious_character": "None"}),
            ("We belong to the Diocese of Manchester.", {"school.diocese": NONE}),
            ("> Rooted in the parish that built us", {"school.ethos_statement": NONE}),
            (
                "In our nursery and Reception classes",
                {"school.nursery_provision": NONE, "school.statutory_low_age": NONE},
            ),
            (
                "Oldham mosque and parish church children's forum (fictional) once a year, and Moorside",
                {"partnerships.how_often": NONE},
            ),
        ],
    },
    "catholic-va-secondary": {
        "refused": ["Deeply Christian", "Board of Deputies", "section 1A"],
        "required": ["is a Roman Catholic secondary school in Holmebrook (fictional), for students aged 11 to 18."],
        "bound": [
            ("The Catholic Education Service, for the Catholic bishops", {"school.religious_character": "None"}),
            ("We belong to the Diocese of Hallam.", {"school.diocese": NONE}),
            ("rather than at its start (6% last year)", {"pupils.mobility_percent": NONE}),
            ("Firvale Community Academy (fictional) every week", {"partnerships.how_often": NONE}),
        ],
    },
    "sixteen-to-nineteen-academy": {
        "refused": [
            "Independent School Standards, Part 2, on",
            "section 1A",
            "religious education",
            "citizenship lessons",
            "relationships, sex and health education policy",
            "accessibility plan",
            "pupil premium",
            "sixth-form academy",
            "school council",
        ],
        "required": [
            "is a 16 to 19 academy in Luton",
            "(Academies Act 2010, section 1B)",
            "In law a 16 to 19 academy is not a school",
            "This policy is also part of how we plan for students' spiritual, moral, social and cultural development.",
        ],
        "bound": [("Luton Council of Faiths (fictional) once a year", {"partnerships.how_often": NONE})],
    },
    "alternative-provision-academy": {
        "refused": ["section 1A", "religious education and", "one school community", "governing body answers"],
        "required": [
            "(Academies Act 2010, section 1C)",
            "which an alternative provision academy must meet when it is an independent school",
        ],
        "bound": [
            ("When tension rises in the area", {"local_tensions": NONE}),
            ("meeting every half term, as it does now", {"partnerships.how_often": NONE}),
        ],
    },
    "special-academy-autism": {
        "refused": ["under which our curriculum must meet section 78", "at least once a year", "beyond Horsham"],
        "required": ["section 1A(2) of the Academies Act 2010", "is a special academy in Horsham"],
        "bound": [
            (
                "Our pupils communicate through speech; symbols and pictures; Signalong; and communication aids.",
                {"school.communication": NONE},
            ),
            ("travel for as long as an hour and a half each way", {"location.longest_journey_minutes": NONE}),
            ("Tanbridge Park Primary School (fictional) every two weeks", {"partnerships.how_often": NONE}),
        ],
    },
    "muslim-girls-free-school": {
        "refused": ["local governing body", "local governor", "trustees and local governors", "Deeply Christian"],
        "required": [
            "is a Muslim secondary free school in Small Heath",
            "The board of Al-Noor Education Trust (fictional) adopts this policy",
            "| Lead trustee | Trustee for curriculum and personal development |",
        ],
        "bound": [
            ("The Association of Muslim Schools UK says", {"school.religious_character": "None"}),
            ("for girls aged 11 to 16", {"school.gender": NONE}),
            ("When tension rises in the area", {"local_tensions": NONE}),
        ],
    },
    "cofe-junior-resourced": {
        "refused": ["is a primary school", "Pupils new to English", "beyond Stafford", "Our pupils communicate"],
        "required": ["is a Church of England junior school in Upper Brookley (fictional), for pupils aged 7 to 11."],
        "bound": [
            (
                "Pupils in our specialist provision communicate through speech, British Sign Language and Makaton",
                {"school.communication": NONE},
            ),
            ("We belong to the Diocese of Lichfield.", {"school.diocese": NONE}),
        ],
    },
    "all-through-academy": {
        "refused": ["Full governing body", "We do not yet have"],
        "required": ["is an all-through academy in Dagenham, for pupils aged 3 to 18, with a nursery."],
        "bound": [
            (
                "The youngest children will have theirs through adults who listen and watch closely as they play.",
                {"school.nursery_provision": NONE, "school.statutory_low_age": NONE},
            ),
            (
                "In our nursery and Reception classes",
                {"school.nursery_provision": NONE, "school.statutory_low_age": NONE},
            ),
            ("rather than at its start (12% last year)", {"pupils.mobility_percent": NONE}),
        ],
    },
    "nursery-school": {
        "refused": [
            "free school meals",
            "pupil premium",
            "school council",
            "excluded",
            "relationships and health education",
            "Stories, play, songs and celebrations",
        ],
        "required": [
            "is a nursery school in Manningham, for children aged 2 to 5.",
            "In the Early Years Foundation Stage, our children",
            "ask families what their child talks about at home",
        ],
        "bound": [("Children learning English as an additional language: 71%", {"pupils.eal_percent": NONE})],
    },
}


def test_the_kit_has_at_least_twelve_kinds_of_school_and_a_case_for_each():
    assert {p.stem for p in KIT.glob("*.yml")} == set(CASES)
    assert len(CASES) >= 12


def flat(text: str) -> str:
    return " ".join(text.split())


def _changed(data: dict, changes: dict) -> dict:
    out = copy.deepcopy(data)
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        if parents == ["partnerships"]:
            for partner in out.get("partnerships") or []:
                partner.pop(last, None)
            continue
        place = out
        for part in parents:
            place = place[part]
        if value is NONE:
            place.pop(last, None)
        else:
            place[last] = value
    return out


def policy_of(slug: str, tmp_path: Path, changes: dict | None = None) -> str:
    data = yaml.safe_load((KIT / f"{slug}.yml").read_text(encoding="utf-8"))
    path = tmp_path / f"{slug}.yml"
    path.write_text(yaml.safe_dump(_changed(data, changes or {}), sort_keys=False, allow_unicode=True), "utf-8")
    return flat(render_policy(load_profile(path), LOCAL))


@pytest.mark.parametrize("slug", sorted(CASES))
def test_a_clerk_finds_nothing_to_refuse_and_what_the_kind_of_school_needs(slug, tmp_path):
    policy = policy_of(slug, tmp_path)
    for refused in CASES[slug]["refused"]:
        assert refused not in policy, (slug, refused)
    for required in CASES[slug]["required"]:
        assert flat(required) in policy, (slug, required)


BOUND = [(slug, sentence, change) for slug, case in sorted(CASES.items()) for sentence, change in case["bound"]]


@pytest.mark.parametrize("slug, sentence, change", BOUND, ids=[f"{b[0]}: {b[1][:40]}" for b in BOUND])
def test_a_sentence_is_there_with_its_fact_and_gone_without_it(slug, sentence, change, tmp_path):
    assert flat(sentence) in policy_of(slug, tmp_path), "with the fact"
    assert flat(sentence) not in policy_of(slug, tmp_path, change), "without it"


@pytest.mark.parametrize("slug", sorted(CASES))
def test_each_kits_plan_is_a_governors_document(slug):
    """No command in it, support only from the school's own authority, and no figure at its level left
    without a word (the community profile's reading of the figures)."""
    profile = load_profile(KIT / f"{slug}.yml")
    pack = render_self_evaluation(profile, not_assessed(profile.slug), LOCAL)
    assert "cohesion audit" not in pack and "`" not in pack.split("## Community profile", 1)[1]
    if not serves(LOCAL, profile.data["school"]["local_authority"]):
        assert LOCAL["contacts"][0]["name"] not in pack
    figures = flat(pack.split("### What the figures mean for the plan")[1].split("##")[0])
    if profile.high_fsm:
        assert re.search(r"\d+% of \w+ are eligible for free school meals\. (A first-year|In the|This waits)", figures)
        assert "None of the profile's figures" not in figures
