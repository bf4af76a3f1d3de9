"""Issue 25's cold-read kit: fourteen profiles of different kinds of school (tests/documents/kinds/), each with
the sentences a clerk to governors would refuse (never in its policy or plan), the sentences its kind of school
must have, and the sentences that rest on one fact of its profile: present with the fact, gone without it.

The second cold read (December 2026, /tmp/coldread/findings-policies.md, patterns R01 to R29) refused more: each
refusal is below, in EVERY_POLICY_REFUSES for what no policy may say, and in each school's own lists, with the
sentence that now says it right bound to the fact it rests on."""

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

# What the second cold read refused in every policy, whatever the school: an action plan no one sets up (R01), the
# definition quoted as the Department's own words (R02), the 2007 strand title (R03), the census figure called
# "learning English" (R07), a partnership's rhythm as "as often as they do now" (R09), "of other faiths and of none"
# after "schools" (R11), accountability "through" a local governing body (R13), a program's words in the status
# block (R16), allocating pupils by background (R17), "will have theirs" (R22), "our pupils include pupils" (R23),
# "seen and heard" (R25), a mobility figure "last year" (R27), the 2015 Prevent advice and "not settled" (R24).
EVERY_POLICY_REFUSES = [
    "against our community cohesion action plan",
    "(Department for Children, Schools and Families, 2007)",
    "Engagement and extended services",
    "learning English as an additional language",
    "as often as they do now",
    "as it does now",
    "schools and communities of other faiths and of none",
    "with people of no religion",
    "through our local governing body",
    "the import",
    "placeholder",
    "we will mix",
    "will have theirs",
    "include pupils with",
    "include students with",
    "seen and heard",
    "last year)",
    "is not settled",
    "June 2015",
    "Its pupils",
    "Its students",
]

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
            "In citizenship lessons",  # an academy need not teach citizenship (R20)
            "An all-through school smooths",  # a case study from a stage it does not teach (R05)
            ", in person.",  # a phrase tacked on (R21)
        ],
        "required": [
            "section 1A of the Academies Act 2010, under which our curriculum must meet section 78",
            "on students' spiritual, moral, social and cultural development",
            "Our local governing body adopts this policy for the board of Dearne and Don Learning Trust (fictional), as "
            "the trust's scheme of delegation allows.",
            "| Accountable body | The board of Dearne and Don Learning Trust (fictional) |",
            "The vice principal (personal development and inclusion) will draft our community cohesion action plan, "
            "for our local governing body to approve.",
        ],
        "bound": [
            ("In citizenship or PSHE lessons", {"school.type": "Community School", "school.trust": NONE}),
            (
                "Students whose first language is known or believed to be other than English: 6%",
                {"pupils.eal_percent": NONE},
            ),
            ("is a secondary academy in Grimethorpe", {"location.locality": NONE}),
            ("Grimethorpe, for students aged 11 to 16", {"school.statutory_low_age": NONE}),
            (
                "We will keep up our links with Sheffield city-centre secondary school (fictional) every term",
                {"partnerships.how_often": NONE},
            ),
            ("Families who use Polish, Romanian and Lithuanian at home", {"pupils.home_languages": NONE}),
            ("Most of our students share one ethnic background (White British, 89%)", {"pupils.ethnicity": NONE}),
        ],
    },
    "infant-nursery-forty-languages": {
        "refused": [
            "is a primary school",
            "leadership roles",
            "school council",
            "excluded more often",
            "clubs, trips, music and sport",  # not for children of three to seven
            "routines, children will make",  # a comma splice
            "with key information translated, interpreters at meetings",  # money the profile does not show (R08)
        ],
        "required": [
            "is an infant school in Leicester",
            "Adults will listen and watch closely during play and daily routines. Children will make real choices",
            "translating key information and arranging an interpreter for meetings where we can",
            "we will check that the way we group children, at play and in the activities we plan, does not separate "
            "them by background, and act if it does.",
        ],
        "bound": [
            (
                "In our nursery and Reception classes, the Early Years Foundation Stage",
                {"school.nursery_provision": NONE, "school.statutory_low_age": NONE},
            ),
            (
                "Some of our children join us during the school year rather than at its start. Each of them, with their "
                "family, will be welcomed and given a named adult.",
                {"pupils.mobility_percent": NONE},
            ),
            ("Northfields Park Family Hub (fictional) every week", {"partnerships.how_often": NONE}),
        ],
    },
    "jewish-va-primary": {
        "refused": [
            "We belong to the",
            "Deeply Christian",
            "We do not yet have",
            "The Board of Deputies of British Jews has said",  # one official's comment, not the Board's (R10)
            "Justine Greening (2016 to 2018)",  # dated only by a minister's time in office (third cold read, R10)
            "50 per cent cap",  # a free-school admissions proposal, not the Board's word on cohesion (fourth cold read)
        ],
        "required": [
            "is a Jewish primary school in Prestwich, for pupils aged 4 to 11.",
            "In Reception, the Early Years Foundation Stage, children will learn",
        ],
        "bound": [
            (
                # the Board's own points on cohesion, dated (third cold read, R10), without the free-school admissions
                # proposal the meeting followed, which does not concern a voluntary aided school (fourth cold read)
                "The Board of Deputies of British Jews told the Education Secretary, at a meeting on community "
                "cohesion after September 2016, that cohesion is a high priority for the Jewish community",
                {"school.religious_character": "None"},
            ),
            (
                "are inspected under [section 48 of the Education Act 2005]",
                {"school.religious_character": "None"},
            ),
            ("In Reception, the Early Years Foundation Stage", {"school.statutory_low_age": NONE}),
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
            "What is settled",
            "helps the local authority meet these duties",  # the Prevent duty is the unit's own too (N6)
            "West Exampleshire secondary heads' inclusion panel (fictional) and",  # not asked what a panel gave
        ],
        "required": [
            # the unit has due regard itself (third cold read, N6), by Schedule 6 as it is worded
            "We have due regard to the need to prevent people from being drawn into terrorism",
            "([Counter-Terrorism and Security Act 2015, section 26 and Schedule 6](https://www.legislation.gov.uk/"
            "ukpga/2015/6/schedule/6)) has applied to pupil referral units, as to schools, since 1 July 2015",
            "We have not confirmed whether they apply this duty to management committees. We follow it in any case.",
            "Prevent duty guidance (2023)]",
            "in force since 31 December 2023",
            "Our local community is the whole area we serve",
            "how well our work with other schools and services helped them, including with the return to school.",
            "Ofsted inspects pupil referral units as schools",
            "students' spiritual, moral, social and cultural development, and their understanding of fundamental "
            "British values",
            "equality information and objectives (our local authority publishes them for its units)",
        ],
        "bound": [
            ("When tension rises in the area", {"local_tensions": NONE}),
            (
                "Exampleton Youth Service (fictional) and Exampleton Boxing and Community Club (fictional) every week",
                {"partnerships.how_often": NONE},
            ),
            ("Our local community is the whole area we serve", {"location.catchment": NONE}),
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
            "online projects",  # not for pupils with profound needs
            "since most of our pupils share one ethnic",  # a special school's links are about disability
            "stay and play with them",  # children join a special school at any age
            "meet and work with people",
            "For many of our pupils that means",
            "British Sign Language at home will get key information in their",  # BSL has no written form (R26)
            "help with its cost, so",  # travel costs as far as the school can (R08)
        ],
        "required": [
            "Our youngest pupils, in the Early Years Foundation Stage",
            "our pupils will learn and celebrate alongside pupils of mainstream schools, in ways planned around each "
            "pupil's needs.",
            "are seen and included there",
            "and help with its cost where we can.",
            "Families who use British Sign Language will get key information in BSL, by video or through a BSL "
            "interpreter",
            "We teach pupils with severe, or profound and multiple, learning difficulties.",
        ],
        "bound": [
            (
                "Our pupils communicate through Makaton; symbols and pictures; objects of reference",
                {"school.communication": NONE},
            ),
            ("travel for as long as an hour and a quarter each way", {"location.longest_journey_minutes": NONE}),
            (
                "Our local community is the whole area we serve: our pupils come to us from a wide area in and around Fellbridge",
                {"location.catchment": NONE},
            ),
            (
                "Fellbridge Church of England Primary School (fictional) and Fellbridge Riding for the Disabled group "
                "(fictional) every week",
                {"partnerships.how_often": NONE},
            ),
        ],
    },
    "va-cofe-primary-mill-town": {
        "refused": [
            "We do not yet have",
            "is a primary school.",
            "is for the common good of the whole community",  # circular (R10)
            "interpreters at meetings, and help for parents who want to learn English",  # money not shown (R08)
        ],
        "required": [
            "is a Church of England primary school in Oldham",
            "mean for families of other faiths and of none in the area we serve, in and around Oldham.",
        ],
        "bound": [
            (
                "The Church of England's vision for education, *Deeply Christian, Serving the Common Good* (2016)",
                {"school.religious_character": "None"},
            ),
            ("are inspected under [section 48 of the Education Act 2005]", {"school.religious_character": "None"}),
            ("We belong to the Diocese of Manchester.", {"school.diocese": NONE}),
            ("We will also ask the Diocese of Manchester how it can support this work.", {"school.diocese": NONE}),
            ("> Rooted in the parish that built us", {"school.ethos_statement": NONE}),
            (
                "In our nursery and Reception classes",
                {"school.nursery_provision": NONE, "school.statutory_low_age": NONE},
            ),
            (
                "with Oldham mosque and parish church children's forum (fictional) once a year, with Moorside",
                {"partnerships.how_often": NONE},
            ),
        ],
    },
    "catholic-va-secondary": {
        "refused": [
            "Deeply Christian",
            "Board of Deputies",
            "section 1A",
            "of other faiths and of none in Holmebrook",  # the school draws from across the city
        ],
        "required": [
            "is a Roman Catholic secondary school in Holmebrook (fictional), for students aged 11 to 18.",
            "In citizenship lessons, students",  # a maintained secondary school teaches citizenship
        ],
        "bound": [
            (
                "*Catholic Schools, Children of Other Faiths and Community Cohesion* (2008)",
                {"school.religious_character": "None"},
            ),
            ("We belong to the Diocese of Hallam.", {"school.diocese": NONE}),
            ("in the area we serve, in and around Sheffield.", {"school.religious_character": "None"}),
            (
                "Some of our students join us during the school year rather than at its start. Each of them",
                {"pupils.mobility_percent": NONE},
            ),
            ("Firvale Community Academy (fictional) every week", {"partnerships.how_often": NONE}),
            (
                "Our local community is the whole area we serve: our students come to us from a wide area in and around "
                "Sheffield.",
                {"location.catchment": NONE},
            ),
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
            "an elected council",  # a student union, not a council
            "learn, play",
            "inside our own school",
            "### Our school community",
            "Bradford schools link classes",  # a study of primary and secondary classes
        ],
        "required": [
            "is a 16 to 19 academy in Luton",
            "(Academies Act 2010, section 1B)",
            "In law a 16 to 19 academy is not a school",
            "This policy is also part of how we plan for students' spiritual, moral, social and cultural development.",
            "### Our academy community",
            "Students will have a say through student representatives",
        ],
        "bound": [("Luton Council of Faiths (fictional) once a year", {"partnerships.how_often": NONE})],
    },
    "alternative-provision-academy": {
        "refused": [
            "section 1A",
            "religious education and",
            "one school community",
            "governing body answers",
            "when it is an independent school",  # the Standards bind it either way
            "at least once a year",  # no school link it could keep (its school partner is a panel)
            "### Schools we work with",
            "East Marsh (fictional) and the area around it",  # a wide catchment's community is the area it serves
        ],
        "required": [
            "(Academies Act 2010, section 1C)",
            "which alternative provision academies must meet",
            "### Schools and services we work with",
            "read with our Prevent risk assessment",
        ],
        "bound": [
            ("When tension rises in the area", {"local_tensions": NONE}),
            (
                "We will keep up our links with Grimsby Fishing Heritage Centre (fictional) every half term",
                {"partnerships.how_often": NONE},
            ),
        ],
    },
    "special-academy-autism": {
        "refused": [
            "under which our curriculum must meet section 78",
            "at least once a year",
            "beyond Horsham",
            "- section 1A(2)",  # what kind of academy it is, not a duty it meets
            "learn, play",  # not for students up to 19
        ],
        "required": [
            "under section 1A(2) of the Academies Act 2010, an Academy school organised for pupils with special "
            "educational needs",
            "is a special academy in Horsham",
        ],
        "bound": [
            (
                "Our pupils communicate through speech, symbols and pictures, Signalong and communication aids.",
                {"school.communication": NONE},
            ),
            ("travel for as long as an hour and a half each way", {"location.longest_journey_minutes": NONE}),
            ("Tanbridge Park Primary School (fictional) every two weeks", {"partnerships.how_often": NONE}),
            (
                "We teach autistic pupils and pupils with speech, language and communication needs.",
                {"school.send_needs": NONE},
            ),
        ],
    },
    "muslim-girls-free-school": {
        "refused": [
            "local governing body",
            "local governor",
            "trustees and local governors",
            "Deeply Christian",
            "In citizenship lessons",
            "An all-through school smooths",
        ],
        "required": [
            "is a Muslim secondary free school in Small Heath",
            "The board of Al-Noor Education Trust (fictional) adopts this policy",
            "| Lead trustee | Trustee for curriculum and personal development |",
        ],
        "bound": [
            (
                "The Association of Muslim Schools UK said on its website (as checked in December 2026)",
                {"school.religious_character": "None"},
            ),
            (
                # how an academy's religious character is inspected: its funding agreement says (third cold read, R10)
                "Our collective worship, and any denominational religious education we give, are inspected as our "
                "funding agreement provides.",
                {"school.religious_character": "None"},
            ),
            ("(in law a free school is an academy)", {"school.type": "Academy Converter"}),
            ("within the limits our funding agreement sets", {"school.religious_character": "None"}),
            ("for girls aged 11 to 16", {"school.gender": NONE}),
            ("When tension rises in the area", {"local_tensions": NONE}),
        ],
    },
    "cofe-junior-resourced": {
        "refused": [
            "is a primary school",
            "Pupils new to English",
            "beyond Stafford",
            "Our pupils communicate",
            "A rural middle school",  # a junior school's case study is not a middle school's
            "Our school includes resourced provision",
            "Each year governors will consider how far our intake reflects",  # the authority sets its admissions
        ],
        "required": ["is a Church of England junior school in Upper Brookley (fictional), for pupils aged 7 to 11."],
        "bound": [
            (
                "Pupils in our specialist provision communicate through speech, British Sign Language and Makaton",
                {"school.communication": NONE},
            ),
            ("We belong to the Diocese of Lichfield.", {"school.diocese": NONE}),
            (
                "Families who use British Sign Language will get key information in BSL",
                {"pupils.home_languages": ["English", "Polish"]},
            ),
            (
                "raise any concern with the local authority, which sets our admissions arrangements.",
                {"school.religious_character": "None"},
            ),
            (
                "Some of our pupils travel for as long as 50 minutes each way, so we will hold clubs, visits and links "
                "within the school day",
                {"location.longest_journey_minutes": NONE},
            ),
        ],
    },
    "all-through-academy": {
        "refused": [
            "Full governing body",
            "We do not yet have",
            "In citizenship lessons, pupils",  # not the nursery children of a 3 to 18 school, and not an academy's
            "An all-through school smooths the move from year 6 to year 7 (an illustrative example written for the guide); A city",
        ],
        "required": [
            "is an all-through academy in Dagenham, for pupils aged 3 to 18, with a nursery.",
            "In citizenship or PSHE lessons from year 7, pupils will debate",
        ],
        "bound": [
            (
                "The youngest children will be heard through adults who listen and watch closely as they play.",
                {"school.nursery_provision": NONE, "school.statutory_low_age": NONE},
            ),
            (
                "In our nursery and Reception classes",
                {"school.nursery_provision": NONE, "school.statutory_low_age": NONE},
            ),
            (
                "Some of our pupils join us during the school year rather than at its start. Each of them, with their "
                "family, will be welcomed and given a named adult and a buddy. Within a few weeks",
                {"pupils.mobility_percent": NONE},
            ),
            (
                "we will check that the way we group classes, clubs and pupil leadership roles does not separate pupils "
                "by background, and act if it does.",
                {"pupils.ethnicity": NONE},
            ),
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
            "November 2014",  # schools' British values advice: a nursery school's guide is the early years framework
            "anti-bullying policy",
            "visited at home",  # not in the profile
            "We will record and act on every prejudice-related incident.",
        ],
        "required": [
            "is a nursery school in Manningham, for children aged 2 to 5.",
            "In the Early Years Foundation Stage, our children",
            "ask families what their child talks about at home",
            "the statutory framework for the Early Years Foundation Stage, which sets the standards for our children's",
            "Staff will notice and respond to what children say and do about people's differences",
            "Children will learn to treat everyone with kindness and respect",
        ],
        "bound": [
            (
                "Children whose first language is known or believed to be other than English: 71%",
                {"pupils.eal_percent": NONE},
            )
        ],
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
    for refused in EVERY_POLICY_REFUSES + CASES[slug]["refused"]:
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
        assert re.search(
            r"\d+% of our \w+ are eligible for free school meals: (a first-year|in the|this waits)", figures
        )
        assert "None of the profile's figures" not in figures
