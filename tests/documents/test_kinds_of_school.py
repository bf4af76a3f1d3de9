"""Issue 13: a policy any kind of school in England can adopt unedited. The accountable body and the
law by type group, schools outside England refused, phase and age words, and every fact-dependent
claim present only when the profile supports it (each checked on and off)."""

from __future__ import annotations

import re

import pytest

from cohesion_guide.documents.render import render_policy
from cohesion_guide.errors import InvalidFile
from cohesion_guide.gias.importer import import_extract
from cohesion_guide.inputs.advice import advice
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, OTHER, PRU, governance, type_group
from cohesion_guide.inputs.local_config import load_local
from tests.conftest import ROOT  # noqa: E402
from tests.documents.test_tailoring import make_profile, section

LOCAL = load_local(ROOT)
HOME = {"school": {"local_authority": "Exampleshire"}}  # local.yml's own authority


def policy_of(tmp_path, changes=None, local=LOCAL, slug="test-school"):
    return render_policy(make_profile(tmp_path, changes or {}, slug=slug), local)


def flat(text: str) -> str:
    return " ".join(text.split())


# ---- one profile per type group: accountable body and legal basis -----------------------------

GROUPS = [
    # (group, profile changes, sentences the introduction must have, words the policy must not have)
    (
        MAINTAINED,
        {"school": {"type": "Voluntary Controlled School", "religious_character": "Church of England"}},
        [
            "We are a voluntary controlled school, which is a maintained school, so the duty binds us, and the governing body answers for it.",
            "the public sector equality duty (section 149 of the Equality Act 2010)",
            "section 78 of the Education Act 2002",
            "the Prevent duty",
        ],
        ["not bind us", "Academies Act", "management committee"],
    ),
    (
        ACADEMY,
        {
            "school": {"type": "Academy Converter", "trust": "Valley Schools Trust", "head_title": "principal"},
            "leads": {"governor": "Link local governor", "staff": "Vice principal"},
        },
        [
            "We are a converter academy, not a maintained school, so that duty does not bind us directly.",
            # the board answers; its local governing body adopts as the scheme of delegation allows (cold read, R13)
            "Our local governing body adopts this policy for the board of Valley Schools Trust, as the trust's scheme of "
            "delegation allows. It does so as good practice",
            "the Independent School Standards, Part 2, on pupils' spiritual, moral, social and cultural development, "
            "including actively promoting fundamental British values, which academies must meet",
            "the public sector equality duty, which applies to academy trusts",
            "section 1A of the Academies Act 2010",
            "the Prevent duty",
            "our funding agreement",
        ],
        ["so the duty binds us", "headteacher", "management committee", "through our local governing body"],
    ),
    (
        PRU,
        {
            "school": {"type": "Pupil Referral Unit", "phase": "pru"},
            "leads": {"governor": "Chair of the management committee", "staff": "Deputy head of centre"},
            "document": {"approved_by": "Management committee"},
        },
        [
            "Our local authority, Testshire, maintains us, and a management committee runs us.",
            # what the guide has not confirmed, said plainly, in short sentences (cold read, R24)
            "We have not confirmed whether they apply this duty to management committees. We follow it in any case.",
            "The local authority has the public sector equality duty",
            "Prevent duty guidance (2023)]",
            "in force since 31 December 2023",
        ],
        [
            "governing body answers",
            "governors",
            "headteacher",
            "admissions arrangements",
            "so the duty binds us",
            "Independent School Standards",
            "not settled",
            "June 2015",
        ],
    ),
    (
        OTHER,
        {"school": {"type": "Other Independent School"}},
        [
            "As an independent school (Other Independent School), we are not bound by it.",
            "the Independent School Standards, Part 2",
            "the Prevent duty",
        ],
        ["public sector equality duty", "so the duty binds us", "Academies Act"],
    ),
]


@pytest.mark.parametrize("group, changes, said, unsaid", GROUPS, ids=[g[0] for g in GROUPS])
def test_each_type_group_names_its_accountable_body_and_its_law(tmp_path, group, changes, said, unsaid):
    school = make_profile(tmp_path, changes)
    assert governance(school).group == group
    policy = flat(render_policy(school, LOCAL))
    intro = flat(section(render_policy(school, LOCAL), "## Introduction and legal basis"))
    for sentence in said:
        assert sentence in intro, sentence
    for words in unsaid:
        assert words not in policy, words
    expected = {
        MAINTAINED: "The governing body",
        ACADEMY: "The board of Valley Schools Trust",
        PRU: "The management committee",
        OTHER: "The proprietor",
    }[group]
    assert f"| Accountable body | {expected} |" in policy
    roles = section(render_policy(school, LOCAL), "## Roles and responsibilities")
    assert f"**{expected.split(',')[0]}**:" in roles


def test_every_type_of_establishment_has_a_group():
    from cohesion_guide.inputs.schemas import schema

    kinds = schema("profile")["properties"]["school"]["properties"]["type"]["enum"]
    assert {type_group(k) for k in kinds} == {MAINTAINED, ACADEMY, PRU, OTHER}
    assert type_group("Community Special School") == MAINTAINED
    assert type_group("Academy Alternative Provision Converter") == ACADEMY


def test_a_named_accountable_body_and_heads_title_replace_the_usual_ones(tmp_path):
    policy = policy_of(
        tmp_path,
        {
            "school": {
                "accountable_body": "the governing board of the Vale Federation",
                "head_title": "executive headteacher",
            }
        },
    )
    roles = section(policy, "## Roles and responsibilities")
    assert "**The governing board of the Vale Federation**:" in roles and "**Executive headteacher**:" in roles
    assert "**The governing body**" not in roles


# ---- schools outside England -------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"school": {"type": "Welsh Establishment"}}, "school.type"),
        ({"school": {"local_authority": "Cardiff"}}, "school.local_authority"),
        ({"school": {"local_authority": "Glasgow City"}}, "school.local_authority"),
    ],
)
def test_validate_refuses_a_school_outside_england(tmp_path, changes, field):
    with pytest.raises(InvalidFile) as err:
        make_profile(tmp_path, changes)
    problem = [p for p in err.value.problems if p.field == field][0]
    assert "only for schools in England" in problem.message and problem.line > 1


def test_a_school_in_england_is_not_refused(tmp_path):
    make_profile(tmp_path, {"school": {"local_authority": "Newcastle upon Tyne"}})


# ---- phase and age words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, description",
    [
        (
            {"school": {"phase": "infant", "statutory_low_age": 3, "statutory_high_age": 7}},
            "is an infant school in Testford, for children aged 3 to 7, with a nursery.",
        ),
        (
            {"school": {"phase": "junior", "statutory_low_age": 7, "statutory_high_age": 11}},
            "is a junior school in Testford, for pupils aged 7 to 11.",
        ),
        (
            {"school": {"phase": "secondary", "type": "Academy Sponsor Led"}},
            "is a secondary academy in Testford.",
        ),
        ({"school": {"phase": "pru", "type": "Pupil Referral Unit"}}, "is a pupil referral unit in Testford."),
        ({}, "is a primary school in Testford."),
        ({"location": {"locality": "Brook Marsh"}}, "is a primary school in Brook Marsh."),
        ({"school": {"name": "Alder Infant School"}}, "is an infant school in Testford."),
        ({"school": {"name": "Alder Junior School"}}, "is a junior school in Testford."),
        ({"school": {"statutory_low_age": 7, "statutory_high_age": 11}}, "is a junior school in Testford, for pupils"),
        ({"school": {"nursery_provision": "Has Nursery Classes"}}, "is a primary school in Testford, with a nursery."),
        (
            {"school": {"phase": "secondary", "gender": "Girls", "statutory_low_age": 11, "statutory_high_age": 16}},
            "is a secondary school in Testford, for girls aged 11 to 16.",
        ),
    ],
)
def test_the_policy_names_the_schools_own_phase_and_ages(tmp_path, changes, description):
    assert description in flat(policy_of(tmp_path, changes))


def test_young_children_are_children(tmp_path):
    infant = flat(policy_of(tmp_path, {"school": {"phase": "infant"}, "pupils": {"fsm_percent": 40}}, slug="inf"))
    assert "We have 200 children on roll." in infant and "every child feels they belong here" in infant
    assert "on children's spiritual, moral" in infant and "For children eligible for free school meals" in infant
    assert " pupils " not in infant.split("## Approval")[0].replace("pupils' views", "")


@pytest.mark.parametrize(
    "staff_lead, head",
    [
        ("Vice principal (personal development)", "Principal"),
        ("Deputy head of centre", "Head of centre"),
        ("Assistant headteacher", "Headteacher"),
        ("Deputy Headteacher", "Headteacher"),
        ("PSHE lead", "Headteacher"),
        ("Assistant head (inclusion)", "Head"),
    ],
)
def test_without_a_heads_title_the_staff_leads_own_title_implies_it(tmp_path, staff_lead, head):
    roles = section(policy_of(tmp_path, {"leads": {"staff": staff_lead}}), "## Roles and responsibilities")
    assert f"**{head}**: makes sure the policy is carried out" in roles
    signed = policy_of(
        tmp_path, {"leads": {"staff": staff_lead}, "school": {"head_title": "executive head"}}, slug="own"
    )
    assert "**Executive head**: makes sure" in signed  # the profile's own title wins


def test_a_head_who_is_also_the_staff_lead_is_named_once(tmp_path):
    roles = section(policy_of(tmp_path, {"leads": {"staff": "Headteacher"}}), "## Roles and responsibilities")
    assert roles.count("Headteacher") == 1 and "co-ordinates the work and keeps the evidence" in roles


@pytest.mark.parametrize(
    "authority, town, expected",
    [
        ("Testshire", "Testford", "Testford and the area around it, in Testshire."),
        ("Oldham", "Oldham", "Oldham and the area around it."),
        ("Leicester City Council", "Leicester", "Leicester and the area around it."),
        ("Barnsley Metropolitan Borough Council", "Grimethorpe", "the area around it, in Barnsley."),
        ("Bristol, City of", "Avonmouth", "the area around it, in Bristol."),
        ("City of York Council", "Haxby", "the area around it, in the City of York."),
        ("Council of the Isles of Scilly", "Hugh Town", "the area around it, in the Isles of Scilly."),
        ("Exampleshire County Council (fictional)", "Fellbridge", "the area around it, in Exampleshire (fictional)."),
    ],
)
def test_the_local_community_names_the_authority_only_when_the_town_does_not(tmp_path, authority, town, expected):
    changes = {"school": {"local_authority": authority}, "location": {"town": town, "ward": None}}
    assert expected in flat(section(policy_of(tmp_path, changes), "### Our local community"))


def test_a_one_percent_group_is_not_among_the_largest(tmp_path):
    ethnicity = {"white_british": 94, "any_other_white": 5, "indian": 1}
    context = flat(section(policy_of(tmp_path, {"pupils": {"ethnicity": ethnicity}}), "## Our school's context"))
    assert "Our largest ethnic group: White British (94%). Also recorded: any other White background (5%)." in context
    assert "Indian" not in context


def test_secondary_pupils_are_students_and_numbers_have_separators(tmp_path):
    secondary = flat(
        policy_of(tmp_path, {"school": {"phase": "secondary"}, "pupils": {"number_on_roll": 1040}}, slug="sec")
    )
    assert "We have 1,040 students on roll." in secondary
    primary = flat(policy_of(tmp_path, {"pupils": {"number_on_roll": 1040}}, slug="pri"))
    assert "We have 1,040 pupils on roll." in primary and "students" not in primary


DIVERSE = {"white_british": 30, "indian": 20, "pakistani": 20, "black_african": 15, "chinese": 15}


def test_young_children_are_not_offered_leadership_roles_or_a_school_council(tmp_path):
    young = policy_of(tmp_path, {"school": {"phase": "infant"}, "pupils": {"ethnicity": DIVERSE}}, slug="young")
    older = policy_of(tmp_path, {"pupils": {"ethnicity": DIVERSE}}, slug="older")
    for claim in ("leadership roles", "pupil council"):
        assert claim not in young and claim in older


# ---- every fact-dependent claim, on and off ------------------------------------------------------

CLAIMS = [
    # (what, the claim's words, changes with the fact, changes without it)
    (
        "international links",
        "**Ecole Test**: Letters.",
        {"partnerships": [{"name": "Ecole Test", "kind": "international", "what": "Letters."}]},
        {},
    ),
    ("the site's authority is the school's", "Exampleshire Governor Services", HOME, {}),
    ("a different authority", "We will ask our local authority, Testshire", {}, HOME),
    (
        "talk about identity for pupils who can",
        "the chance to talk about identity and difference",
        {},
        {"school": {"phase": "special", "type": "Community Special School", "send_needs": ["pmld"]}},
    ),
    (
        "complex needs",
        "sensory stories",
        {"school": {"phase": "special", "type": "Community Special School", "send_needs": ["pmld"]}},
        {},
    ),
    (
        "disability in a special school",
        "Disability is part of who our school community is",
        {"school": {"phase": "special", "type": "Community Special School"}},
        {},
    ),
    (
        "communication, from how pupils communicate",
        "Our pupils communicate through Makaton, symbols and pictures, and eye gaze.",
        {
            "school": {
                "phase": "special",
                "type": "Community Special School",
                "communication": ["Makaton", "Symbols and pictures", "Eye gaze"],
            }
        },
        # families who sign at home do not tell the policy how the pupils communicate
        {
            "school": {"phase": "special", "type": "Community Special School"},
            "pupils": {"home_languages": ["English", "British Sign Language"]},
        },
    ),
    ("wide catchment", "Our local community is the whole area we serve", {"location": {"catchment": "wide"}}, {}),
    (
        "transport",
        "by school transport",
        {"location": {"catchment": "transported"}},
        {"location": {"catchment": "wide"}},
    ),
    (
        "resourced provision",
        "The pupils of our resourced provision for autism belong to every part of school life",
        {"school": {"resourced_provision": "Resourced provision", "send_needs": ["asd"]}},
        {},
    ),
    (
        "faith ethos",
        "> Love thy neighbour, test version.",
        {
            "school": {
                "type": "Voluntary Aided School",
                "religious_character": "Jewish",
                "ethos_statement": "Love thy neighbour, test version.",
            }
        },
        {"school": {"type": "Voluntary Aided School", "religious_character": "Jewish"}},
    ),
    (
        "families' faiths",
        "Our families' faiths and beliefs: Jewish and no religion.",
        {"pupils": {"faiths": ["Jewish", "No religion"]}},
        {},
    ),
    (
        "the faith communities of a faith school's families",
        "we will work with the faith communities our families belong to",
        {
            "school": {"type": "Voluntary Aided School", "religious_character": "Jewish"},
            "pupils": {"faiths": ["Jewish", "No religion"]},
        },
        {"pupils": {"faiths": ["Jewish", "No religion"]}},
    ),
    (
        "a faith school whose families share its faith",
        "come to know and respect people of other faiths and of none, beyond our own faith community",
        {
            "school": {"type": "Voluntary Aided School", "religious_character": "Jewish"},
            "pupils": {"faiths": ["Jewish"]},
        },
        {
            "school": {"type": "Voluntary Aided School", "religious_character": "Jewish"},
            "pupils": {"faiths": ["Jewish", "No religion"]},
        },
    ),
    (
        "a faith school whose families hold many faiths",
        "families of every faith and of none feel at home in a Church of England school",
        {
            "school": {"type": "Voluntary Aided School", "religious_character": "Church of England"},
            "pupils": {"faiths": ["Christian", "Muslim", "No religion"]},
        },
        {"pupils": {"faiths": ["Christian", "Muslim", "No religion"]}},
    ),
    ("rural", "spread across a rural area", {"location": {"setting": "rural"}}, {}),
    (
        "nursery",
        ", with a nursery",
        {"school": {"statutory_low_age": 3, "statutory_high_age": 11}},
        {"school": {"statutory_low_age": 4, "statutory_high_age": 11}},
    ),
    ("no partnership listed", "We will keep a list of the schools", {"partnerships": None}, {}),
    ("high EAL aim", "whatever language they speak at home", {"pupils": {"eal_percent": 40}}, {}),
    # any pupil eligible for free school meals brings pupil premium, and a strategy statement to publish
    (
        "pupil premium",
        "- pupil premium strategy statement",
        {"pupils": {"fsm_percent": 8}},
        {"pupils": {"fsm_percent": 0}},
    ),
    (
        "pupil premium, not in a nursery school",
        "- pupil premium strategy statement",
        {"pupils": {"fsm_percent": 30}},
        {"pupils": {"fsm_percent": 30}, "school": {"phase": "nursery", "type": "LA Nursery School"}},
    ),
    (
        "admissions, which a faith school's governors review",
        "- admissions arrangements",
        {"school": {"type": "Voluntary Aided School", "religious_character": "Roman Catholic"}},
        {},
    ),
    (
        "admissions, only where the school's own body sets them",
        "and at what our admissions arrangements mean for families of other faiths and of none in",
        {"school": {"type": "Voluntary Aided School", "religious_character": "Church of England"}},
        {"school": {"type": "Voluntary Controlled School", "religious_character": "Church of England"}},
    ),
    (
        "exclusions looked at by ethnic group, for older pupils only",
        "bullying and exclusions by the ethnic group of the pupils involved",
        {"pupils": {"ethnicity": DIVERSE}},
        {"pupils": {"ethnicity": DIVERSE}, "school": {"phase": "infant"}},
    ),
    (
        "exclusions checked by group, except where every pupil has been excluded",
        "check whether any group of pupils is excluded more often",
        {},
        {"school": {"phase": "pru", "type": "Pupil Referral Unit"}},
    ),
]


@pytest.mark.parametrize("what, claim, on, off", CLAIMS, ids=[c[0] for c in CLAIMS])
def test_a_claim_appears_only_when_the_profile_supports_it(tmp_path, what, claim, on, off):
    assert claim in flat(policy_of(tmp_path, on, slug="with-fact")), what
    assert claim not in flat(policy_of(tmp_path, off, slug="without-fact")), what


def test_two_faith_schools_get_their_own_faith_content(tmp_path):
    jewish = policy_of(
        tmp_path,
        {
            "school": {
                "type": "Voluntary Aided School",
                "religious_character": "Jewish",
                "ethos_statement": "Torah and kindness guide how we live.",
            }
        },
        slug="a",
    )
    church = policy_of(
        tmp_path,
        {
            "school": {
                "type": "Voluntary Aided School",
                "religious_character": "Church of England",
                "ethos_statement": "Life in all its fullness, for every child.",
            }
        },
        slug="b",
    )
    assert "Torah and kindness" in jewish and "Torah and kindness" not in church
    assert "Life in all its fullness" in church and "Life in all its fullness" not in jewish


def test_an_ethos_statement_is_quoted_exactly_and_escaped(tmp_path):
    ethos = "We *welcome* all <children> & families."
    policy = policy_of(
        tmp_path,
        {
            "school": {
                "type": "Voluntary Aided School",
                "religious_character": "Roman Catholic",
                "ethos_statement": ethos,
            }
        },
    )
    assert "> We &#42;welcome&#42; all &lt;children&gt; &amp; families." in policy


# ---- related policies --------------------------------------------------------------------------


def test_related_policies_vary_by_type_and_a_profile_can_override_them(tmp_path):
    pru = section(
        policy_of(tmp_path, {"school": {"phase": "pru", "type": "Pupil Referral Unit"}}, slug="pru"),
        "## Links to related policies",
    )
    faith = section(
        policy_of(
            tmp_path, {"school": {"type": "Voluntary Aided School", "religious_character": "Methodist"}}, slug="faith"
        ),
        "## Links to related policies",
    )
    plain = section(policy_of(tmp_path, slug="plain"), "## Links to related policies")
    assert "placing pupils with us" in pru and "admissions" not in pru
    assert "collective worship" in faith and "collective worship" not in plain
    own = section(
        policy_of(tmp_path, {"related_policies": ["Our Golden Rules", "Equality scheme"]}, slug="own"),
        "## Links to related policies",
    )
    assert "- Our Golden Rules; and\n- Equality scheme." in own and "anti-bullying" not in own


# ---- backward compatibility and advice -----------------------------------------------------------


def test_a_profile_without_any_new_field_stays_valid_and_is_advised(tmp_path):
    school = make_profile(tmp_path, {"school": {"type": "Academy Converter"}})
    notes = advice(school, "test-school.yml", LOCAL)
    text = "\n".join(str(n) for n in notes)
    for field in ("statutory_low_age", "trust", "head_title", "others"):
        assert field in text, field
    assert all(n.line >= 1 for n in notes)


def test_validate_warns_when_the_authority_is_not_local_ymls(tmp_path):
    away = make_profile(tmp_path, slug="away")
    home = make_profile(tmp_path, HOME, slug="home")
    assert any("warning" in n.message and n.field == "school.local_authority" for n in advice(away, "away.yml", LOCAL))
    assert not any("warning" in n.message for n in advice(home, "home.yml", LOCAL))


def test_the_gias_import_fills_the_statutory_ages(tmp_path):
    import_extract(ROOT / "tests" / "fixtures" / "gias" / "mixed.csv", tmp_path, today="2026-09-01")
    text = next(p for p in tmp_path.glob("*.yml") if "900001" in p.read_text(encoding="utf-8")).read_text(
        encoding="utf-8"
    )
    assert re.search(r"statutory_low_age: 4\b", text) and re.search(r"statutory_high_age: 11\b", text)


def test_ways_of_communicating_are_a_readable_list(tmp_path):
    policy = flat(
        policy_of(
            tmp_path,
            {
                "school": {"phase": "special", "type": "Community Special School", "send_needs": ["pmld", "hi"]},
                "pupils": {"ethnicity": {"white_british": 90, "indian": 10}},  # mono-cultural: links are monitored
            },
        )
    )
    # the needs alone do not say how pupils communicate: only the school's own list names the ways (meadowbank)
    assert (
        "Every pupil will be helped to give their views in the way they communicate best, and those views will count."
        in policy
    )
    assert "For many of our pupils that means" not in policy
    assert "We teach pupils with profound and multiple learning difficulties, and hearing impairment." in policy
    assert "Our pupils include pupils" not in policy
    assert (
        "we will look at how pupils responded to our partnerships, and ask their families what they gained." in policy
    )


def test_a_school_whose_own_words_say_students_gets_students(tmp_path):
    pru = {"phase": "pru", "type": "Pupil Referral Unit"}
    own = "Students aged 11 to 16 join us from secondary schools. Most students return, and year 11 students may stay; the county's pupils..."
    theirs = flat(policy_of(tmp_path, {"school": pru, "context": own}, slug="students"))
    assert "We have 200 students on roll." in theirs
    assert " pupils " not in theirs.replace(own, "").replace("pupil referral", "")
    mixed = flat(policy_of(tmp_path, {"school": pru, "context": own + " Pupils stay a term."}, slug="mixed"))
    assert "We have 200 pupils on roll." in mixed
    infant = flat(
        policy_of(
            tmp_path, {"school": {"phase": "infant"}, "context": "Our students are 4. Students play."}, slug="inf"
        )
    )
    assert "We have 200 children on roll." in infant


def test_an_academy_asks_its_trust_and_authority_for_support(tmp_path):
    academy = {"type": "Academy Converter", "trust": "Dale Learning Trust", "local_authority": "Barnsley"}
    support = flat(section(policy_of(tmp_path, {"school": academy}, slug="acad"), "## Where to get support"))
    # the trust is the academy's own, not an outside body (cold read, St Paul's)
    assert support.startswith(
        "We will ask our trust, Dale Learning Trust, and our local authority, Barnsley, what support they"
    )
    maintained = flat(
        section(policy_of(tmp_path, {"school": {"local_authority": "Barnsley"}}), "## Where to get support")
    )
    assert maintained.startswith("We will ask our local authority, Barnsley, what support it offers")


def test_a_special_school_asks_pupils_about_links_in_the_ways_they_communicate(tmp_path):
    special = {"phase": "special", "type": "Community Special School"}
    mono = {"ethnicity": {"white_british": 90, "indian": 10}}  # mono-cultural: links are monitored
    policy = flat(policy_of(tmp_path, {"school": special, "pupils": mono}, slug="sp"))
    assert (
        "ask families, and pupils in the ways each communicates best, what they gained from our partnerships." in policy
    )
    mainstream = flat(policy_of(tmp_path, {"pupils": mono}, slug="ms"))
    assert "ask pupils and their families what they gained from our partnerships." in mainstream
    # with no partner yet, the links the mono-cultural rule promises are what pupils are asked about
    alone = flat(policy_of(tmp_path, {"school": special, "pupils": mono, "partnerships": None}, slug="alone"))
    assert "ask pupils, in the ways each communicates best, what they gained from the people they met" in alone
    assert alone.count("what they gained from") == 1 and policy.count("what they gained from") == 1


def test_no_policy_mentions_links_abroad_it_does_not_have(tmp_path):
    policy = flat(policy_of(tmp_path))
    assert "abroad" not in policy and "international" not in policy.casefold()
    assert (
        "Lessons, visits and visitors will teach pupils about the diversity of the UK beyond Testford, and about life "
        "in other countries." in policy
    )


def test_a_school_with_a_link_abroad_still_speaks_of_the_uk(tmp_path):
    abroad = [{"name": "Ecole Test", "kind": "international", "what": "Letters."}]
    world = flat(section(policy_of(tmp_path, {"partnerships": abroad}), "### The UK and the wider world"))
    assert "Lessons, visits and visitors will teach pupils about the diversity of the UK beyond Testford." in world
    assert "**Ecole Test**: Letters." in world and "life in other countries" not in world


def test_citizenship_lessons_do_not_repeat_the_lessons_on_identity(tmp_path):
    teaching = flat(
        section(policy_of(tmp_path, {"school": {"phase": "secondary"}}), "### Teaching, learning and the curriculum")
    )
    assert "In citizenship lessons, students will debate rights and responsibilities, openly and safely." in teaching
    assert teaching.count("identity") == 1


@pytest.mark.parametrize(
    "register, words",
    [
        ("Voluntary Aided School", "a voluntary aided school"),
        ("Community Special School", "a community special school"),
        ("Academy Sponsor Led", "a sponsor-led academy"),
        ("Academy Alternative Provision Converter", "an alternative provision converter academy"),
        ("Free Schools", "a free school"),
        ("Free Schools - 16-19", "a 16 to 19 free school"),
        ("Studio Schools", "a studio school"),
        ("University Technical College", "a university technical college"),
    ],
)
def test_the_type_of_school_reads_as_words_not_as_the_registers_label(register, words):
    from cohesion_guide.documents.phase_words import type_words, with_article

    assert with_article(type_words(register)) == words


def test_a_rural_special_school_meets_families_nearer_home_not_only_at_school(tmp_path):
    rural = {"location": {"setting": "rural"}}
    special = flat(policy_of(tmp_path, {**rural, "school": {"phase": "special", "type": "Community Special School"}}))
    assert "we will hold some family events nearer their homes, and online." in special
    assert "open the school as a meeting place" not in special
    village = flat(policy_of(tmp_path, rural, slug="village"))
    # a lettings and safeguarding decision for governors: as far as they can (cold read, R08)
    assert ". Where we can, we will open the school as a meeting place for them and for local groups." in village


def test_a_pupil_referral_unit_looks_at_who_is_placed_with_it_and_does_not_ask_families_to_meet(tmp_path):
    pru = {"school": {"phase": "pru", "type": "Pupil Referral Unit"}, "location": {"catchment": "wide"}}
    policy = flat(policy_of(tmp_path, pru))
    assert "Each year we will look at which groups of pupils are placed with us, and tell the local authority" in policy
    assert "We will hold meetings with families at times and places they can reach, some online." in policy
    assert "help families who live near one another to meet" not in policy


def test_pupils_who_come_from_a_wide_area_meet_people_beyond_their_own_places_not_the_schools_town(tmp_path):
    mono = {"ethnicity": {"white_british": 92, "indian": 8}}
    special = {"phase": "special", "type": "Community Special School"}
    rural = flat(policy_of(tmp_path, {"school": special, "pupils": mono, "location": {"setting": "rural"}}, slug="r"))
    assert "meet and work with people beyond their own towns and villages whose backgrounds" in rural
    town = flat(policy_of(tmp_path, {"pupils": mono}, slug="t"))
    assert "meet and work with people beyond Testford whose backgrounds" in town


def test_a_pupil_referral_units_families_far_away_share_in_the_placement_not_a_school_community(tmp_path):
    pru = {"school": {"phase": "pru", "type": "Pupil Referral Unit"}, "location": {"catchment": "wide"}}
    aims = flat(section(policy_of(tmp_path, pru), "## Our aims"))
    assert (
        "families who live far from us can take part in their child's time here and in their return to school" in aims
    )
    assert "one school community" not in aims


def test_partner_lists_read_as_english_whatever_the_names(tmp_path):
    partners = [
        {
            "name": "The city's secondary schools",
            "kind": "school",
            "what": "Shared sports days.",
            "how_often": "termly",
        },
        {"name": "Mosque and church forum", "kind": "community", "what": "Visits.", "how_often": "yearly"},
        {"name": "Youth Service", "kind": "community", "what": "A club.", "how_often": "termly"},
    ]
    policy = flat(policy_of(tmp_path, {"partnerships": partners}))
    assert "with The city's" not in policy
    assert "**The city's secondary schools**: Shared sports days." in policy  # a line's first word keeps its capital
    # the rhythm kept in a sentence a governor would adopt (cold read, R09); the yearly question names no partner
    assert (
        "We will keep up our links with the city's secondary schools and Youth Service every term, and with Mosque "
        "and church forum once a year, reviewing each of them every year." in policy
    )
    assert "as often as they do now" not in policy
    assert "what they gained from our partnerships." in policy


def test_a_locality_that_is_only_the_wards_name_gives_way_to_the_town(tmp_path):
    """The register sometimes gives the ward's name as the locality too: the school is then 'in' its town, and the
    local community is named once, not 'X, and the wider X area' (cold read, imported-school-1)."""
    same = {"location": {"town": "Testford", "locality": "Brook Lane", "ward": "Brook Lane"}}
    policy = flat(policy_of(tmp_path, same, slug="same"))
    assert "is a primary school in Testford." in policy and "beyond Brook Lane" not in policy
    assert "Brook Lane ward, and the wider Testford area" in policy
    village = {"location": {"town": "Testford", "locality": "Little Brook", "ward": "Brook Lane"}}
    assert "is a primary school in Little Brook." in flat(policy_of(tmp_path, village, slug="village"))


# ---- a third cold read by a clerk (28 policies): what she would still have changed ----------------------------


def test_a_secondary_policy_claims_no_elected_council_the_profile_never_mentions(tmp_path):
    policy = flat(policy_of(tmp_path, {"school": {"phase": "secondary", "statutory_low_age": 11}}, slug="sec"))
    assert "elected council" not in policy and "any student council" in policy


def test_the_prevent_link_names_the_departments_templates_not_the_schools_own_assessment(tmp_path):
    policy = flat(policy_of(tmp_path))
    assert "our Prevent risk assessment covers the risks in" in policy
    assert "[Prevent risk assessment](" not in policy and "[the Department's templates](" in policy


def test_a_larger_any_other_group_is_said_to_be_left_apart_from_the_largest(tmp_path):
    """The census's "any other ..." categories are not ranked among the largest; when one outnumbers a group that
    is, the line says the largest are counted apart from them, so a governor does not read 22% as smaller."""
    mixed = {"white_british": 40, "any_other_white": 22, "black_african": 15, "indian": 13, "pakistani": 10}
    context = flat(
        section(policy_of(tmp_path, {"pupils": {"ethnicity": mixed}}, slug="mixed"), "## Our school's context")
    )
    assert 'Our largest ethnic groups, apart from the census\'s "any other" groups: White British (40%)' in context
    assert "Also recorded: any other White background (22%)" in context
    plain = flat(
        section(policy_of(tmp_path, {"pupils": {"ethnicity": DIVERSE}}, slug="plain"), "## Our school's context")
    )
    assert "Our largest ethnic groups: " in plain and "apart from" not in plain


def test_a_wide_catchment_is_not_shrunk_to_the_town(tmp_path):
    policy = flat(policy_of(tmp_path, {"location": {"catchment": "wide"}}, slug="wide"))
    assert "our pupils come to us from a wide area in and around" in policy and "from across" not in policy
