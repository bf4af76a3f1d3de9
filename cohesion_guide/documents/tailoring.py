"""The tailoring rules: what a school's policy commits to because of who it is and where it is.

Each rule is one function of a Profile that returns the commitments it adds, and is written only
here. A rule reads the Profile's derived facts (profile.is_rural, profile.high_eal, ...) and never
compares figures itself: the thresholds live in inputs/profiles.py. The words for the accountable
body come from inputs/governance.py, the words for pupils from documents/phase_words.py, and the
law from documents/legal_basis.py. Every sentence here that depends on a fact is in a rule that checks it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cohesion_guide.documents import legal_basis
from cohesion_guide.documents.commitments import PLACES, Commitment, and_list
from cohesion_guide.documents.commitments import commit as _plain_commit
from cohesion_guide.documents.faith_guidance import guidance_markdown, traditions
from cohesion_guide.documents.needs_words import needs_words, taught
from cohesion_guide.documents.partner_links import links_kept
from cohesion_guide.documents.phase_words import authority_place, phase_words, town_of
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, governance
from cohesion_guide.inputs.profiles import COMMUNICATION_NEEDS, Profile
from cohesion_guide.inputs.schemas import schema

__all__ = ["PLACES", "Commitment", "RULES", "commitments"]


def _commit(profile: Profile, rule: Callable, place: str, text: str, first: bool = False, **values: str) -> Commitment:
    """A commitment whose {pupils}, {Pupils}, {pupil}, {Pupil} and {pupils_own} are the school's own words for its pupils."""
    words = phase_words(profile)
    for name in ("pupils", "Pupils", "pupil", "Pupil", "pupils_own"):
        if "{" + name + "}" in text:
            values[name] = getattr(words, name)
    return _plain_commit(rule, place, text, first, **values)


def _share(percent: float) -> str:
    """A percentage from the profile, written into a commitment's own words: a number needs no escaping."""
    return f"{float(percent):g}%"


def ethnic_group_label(key: str) -> str:
    """'white_british' -> 'White British', from the profile schema's own description of the field."""
    described = schema("profile")["$defs"]["ethnicity"]["properties"][key]["description"]
    return described.removesuffix(", as a percentage.")


def _home_places(profile: Profile) -> str:
    """Where pupils live: the school's town, or, where they come from a wide area (a special school, a wide
    catchment), their own towns and villages or neighbourhoods."""
    if profile.phase_group == "special" or profile.wide_catchment:
        return "their own towns and villages" if profile.is_rural else "their own neighbourhoods"
    return phase_words(profile).place


def _primary_age(profile: Profile) -> bool:
    """Every pupil is of primary age (the statutory highest age is 11 or under): a unit for such pupils sends them
    back to a school, not on to college or work."""
    high = profile.data["school"].get("statutory_high_age")
    return high is not None and high <= PRIMARY_UP_TO


PRIMARY_UP_TO = 11
RECEPTION_FROM = 4  # a school whose youngest pupils are this age or younger has a Reception class


def _has_unit(profile: Profile) -> bool:
    """A mainstream school with resourced provision or an SEN unit: a special school is all specialist provision,
    and a pupil referral unit's register flag describes the whole unit, not a unit within it."""
    return profile.has_resourced_provision and profile.phase_group not in ("special", "pru")


def _activities(profile: Profile) -> str:
    """What pupils take part in beyond lessons, in words that fit them: clubs do not fit children of three to seven,
    or pupils with profound and complex needs."""
    return "trips and events" if profile.young_children or profile.complex_needs else "clubs, trips and events"


def school_aims(profile: Profile) -> list[Commitment]:
    """The aims this school adds to the one every policy has, each from a fact in its profile (the template
    punctuates the list)."""
    rule, out = school_aims, []
    if profile.high_eal:
        out.append(
            _commit(
                profile,
                rule,
                "aims",
                "every family can take part in the life of the {school}, whatever language they speak at home",
                school=phase_words(profile).school,
            )
        )
    if profile.is_monocultural or profile.is_rural:
        out.append(
            _commit(
                profile,
                rule,
                "aims",
                "our {pupils} regularly meet "
                + ("" if profile.complex_needs else "and work with ")
                + "people beyond {home} whose backgrounds and lives differ from their own",
                home=_home_places(profile),
            )
        )
    if profile.is_highly_diverse:
        together = "learn, play and make friends" if profile.phase_group == "primary" else "learn and make friends"
        out.append(_commit(profile, rule, "aims", "{pupils} of every background " + together + " together"))
    if profile.high_fsm:
        out.append(
            _commit(profile, rule, "aims", "cost never decides which {pupils} take part in " + _activities(profile))
        )
    if profile.phase_group == "special" or _has_unit(profile):
        who = (
            "our {pupils}"
            if profile.phase_group == "special"
            else "disabled {pupils} and {pupils} with special educational needs"
        )
        out.append(
            _commit(
                profile,
                rule,
                "aims",
                # "heard" does not fit pupils who are deaf or communicate without speech: included fits everyone
                who + " take a full part in the life of their local communities, and are seen and included there",
            )
        )
    if profile.wide_catchment:
        out.append(
            _commit(
                profile,
                rule,
                "aims",
                "families who live far from us can take part in their child's time here and in their return to school"
                if profile.phase_group == "pru"  # a short placement, not a community families join for years
                else "families who live far from the school, and from each other, feel part of one school community",
            )
        )
    faiths = profile.data["pupils"].get("faiths") or []
    if profile.has_religious_character and len(faiths) == 1:
        out.append(
            _commit(
                profile,
                rule,
                "aims",
                "our {pupils} come to know and respect people of other faiths and of none, beyond our own faith "
                "community",
            )
        )
    elif profile.has_religious_character:  # several faiths, or none given (the register gives no families' faiths)
        out.append(
            _commit(
                profile,
                rule,
                "aims",
                "families of every faith and of none feel at home in a {character} school",
                character=profile.data["school"]["religious_character"],
            )
        )
    if profile.phase_group == "pru":
        out.append(
            _commit(
                profile,
                rule,
                "aims",
                "each {pupil} leaves us with stronger links to a school that meets their needs, and to their community"
                if _primary_age(profile)
                else "each {pupil} leaves us with stronger links to a school, a college or work, and to their "
                "community",
            )
        )
    return out


def monocultural_links(profile: Profile) -> list[Commitment]:
    """Most pupils share one ethnic background: the school must reach out to meet difference."""
    if not profile.is_monocultural:
        return []
    rule = monocultural_links
    return [
        _commit(  # the link with another school says why: few pupils meet the UK's diversity in daily life
            profile,
            rule,
            "uk_community",
            "Visitors from communities unlike our own, and "
            + (
                "music, food, stories and celebrations from across the UK,"
                if profile.phase_group == "special"
                else "planned units on the diversity of the UK,"
            )
            + " will bring the wider country into lessons.",
        ),
    ] + (
        []  # the review of each partnership asks the same question (partnerships)
        if profile.data.get("partnerships")
        else [_commit(profile, rule, "monitoring", _asked(profile, "the people they met through our links"))]
    )


def school_links(profile: Profile) -> list[Commitment]:
    """One commitment to links with other schools, for every reason the school has one: a special school's pupils
    meet pupils of mainstream schools (disability inclusion is its point: the special school says nothing of its
    ethnic mix here), a mono-cultural intake meets other backgrounds, a rural school a town or city. Every pupil
    meets them at some point while at the school, face to face, only where a link's own words reach a whole year
    group (a link for one year group is enough; a promise to every year group every year would not be kept). A
    school whose profile lists no school link commits to seek one, not to a partnership no one has proposed (fourth
    cold read). A pupil referral unit's partner schools are its pupils' home schools (pru_outreach), so it has no
    such commitment."""
    if profile.phase_group == "pru":
        return []
    special, mono = profile.phase_group == "special", profile.is_monocultural
    schools = [p for p in profile.data.get("partnerships") or [] if p["kind"] == "school"]
    if special:
        text = (
            "Through our links with other schools, our {pupils} will learn and celebrate alongside {pupils} of "
            "mainstream schools, in ways planned around each {pupil}'s needs."
            if schools
            else "We will seek a lasting link with a mainstream school, so that our {pupils} can learn and celebrate "
            "alongside its {pupils}, in ways planned around each {pupil}'s needs."
        )
        return [_commit(profile, school_links, "engagement", text, first=True)]
    values, reason = {}, ""
    whom_sought = None  # whom pupils meet through a link the school seeks, where its partner does not already say
    if mono:
        group, share = profile.largest_ethnic_group
        values["group"] = ethnic_group_label(group)
        reason = "Most of our {pupils} share one ethnic background ({group}, " + _share(share) + "), so "
        whom = "{pupils} of other ethnic, faith or social backgrounds"
        partner = "another school"
    elif profile.is_rural:
        whom = "{pupils} of a town or city school"
        partner, whom_sought = "a town or city school", "its {pupils}"
    else:
        return []
    young = profile.young_children
    together = "learn, play and celebrate" if young else "learn and work"
    if schools and _reaches_every_pupil(schools):
        core = "through our links with other schools every {pupil} will, at some point while with us, "
    elif schools:  # a link for some year groups: the policy promises no more than the profile says
        core = "through our links with other schools our {pupils} will "
    else:  # no link yet: the school seeks one, and promises nothing of a partner it does not have
        core = "we will seek a link with " + partner + " through which our {pupils} can "
        whom = whom_sought or whom
    text = reason + core + together + " face to face with " + whom + "."
    return [_commit(profile, school_links, "engagement", text[:1].upper() + text[1:], first=True, **values)]


# A school link's own words that say it reaches a whole year group: "all Year 7", "every class", "Year 4 classes swap"
_WHOLE_YEAR = re.compile(r"\b(?:every|all|each|whole)\b|^\s*year \d+ classes\b", re.I)


def _reaches_every_pupil(schools: list[dict]) -> bool:
    """Whether a school link, in the profile's own words, reaches a whole year group, so that every pupil takes part
    in turn ('Year 4 classes swap visits'); 'Year 8 students meet ...' says some students, not all."""
    return any(_WHOLE_YEAR.search(p.get("what") or "") for p in schools)


def _asked(profile: Profile, what: str, families: bool = False) -> str:
    """Each year, what pupils (and, where a partner may work with them, families) gained from `what`, asked in
    a way that suits the pupils."""
    if profile.young_children and families:  # children this young show, rather than say, what they gained
        return "Each year we will ask families what they and their children gained from " + what + "."
    if profile.complex_needs:
        return (
            "Each year we will look at how {pupils} responded to "
            + what
            + (", and ask their families what they gained." if families else ".")
        )
    if profile.phase_group == "special":
        return (
            "Each year we will ask "
            + (
                "families, and {pupils} in the ways each communicates best,"
                if families
                else "{pupils}, in the ways each communicates best,"
            )
            + " what they gained from "
            + what
            + "."
        )
    return (
        "Each year we will ask {pupils}"
        + (" and their families" if families else "")
        + " what they gained from "
        + what
        + "."
    )


def diverse_relationships_first(profile: Profile) -> list[Commitment]:
    """A highly diverse intake: relationships inside the school and with every family come first."""
    if not profile.is_highly_diverse:
        return []
    rule = diverse_relationships_first
    # never places by background (that would be treating pupils differently because of race or religion): a check
    # that the school's own ways of grouping do not separate them, and action where they do
    check = (
        "we will check that the way we group children, at play and in the activities we plan, does not separate "
        "them by background, and act if it does."
        if profile.young_children
        else "we will check that the way we group classes, clubs and {pupil} leadership roles does not separate "
        "{pupils} by background, and act if it does."
    )
    return [
        _commit(
            profile,
            rule,
            "teaching",
            first=True,
            text="Our first priority is the community inside our own {school}: " + check,
            school=phase_words(profile).school,
        ),
        _commit(
            profile,
            rule,
            "parents",
            first=True,
            text="Families from every part of our community will be welcome and heard, with meetings at times and "
            "places that suit them.",
        ),
        _commit(
            profile,
            rule,
            "equity",
            "Each term we will look at prejudice-related incidents"
            + (" and bullying" if profile.young_children else ", bullying and exclusions")
            + " by the ethnic group of the {pupils} involved, and act quickly on any sign of tension.",
        ),
    ]


_NOT_A_DIOCESE = frozenset({"not applicable", "does not apply", "none", "not known"})


def _diocese_sentence(diocese: str) -> str | None:
    """'Diocese of Leeds' -> 'We belong to the Diocese of Leeds.'; another religious authority is named as one."""
    if diocese.strip().casefold() in _NOT_A_DIOCESE:
        return None
    if re.search(r"diocese", diocese, re.I):
        return "We belong to " + ("" if diocese.lower().startswith("the ") else "the ") + "{diocese}."
    return "Our religious authority is {diocese}."


def faith_rationale(profile: Profile) -> list[Commitment]:
    """A school with a religious character: what its tradition's national bodies have said about its schools and
    the whole community (faith_guidance, each sourced and linked), its diocese or religious authority, its own ethos
    statement quoted, and reaching out. Nothing about a faith that no source or profile field gives."""
    if not profile.has_religious_character:
        return []
    rule = faith_rationale
    school = profile.data["school"]
    gov = governance(profile)
    out = []  # the character itself is in the policy's first sentence (phase_words)
    said = " ".join(guidance_markdown(t) for t in traditions(school["religious_character"]))
    diocese = profile.known("school.diocese")
    belongs = _diocese_sentence(diocese) if diocese else None
    if said or belongs:
        out.append(
            _commit(
                profile,
                rule,
                "rationale",
                " ".join(part for part in (said, belongs) if part),
                **({"diocese": diocese} if belongs else {}),
            )
        )
    if gov.group == MAINTAINED and school["type"] in _SECTION_48_TYPES:
        out.append(_commit(profile, rule, "rationale", _SECTION_48))
    elif gov.group == ACADEMY:
        out.append(_commit(profile, rule, "rationale", _FUNDING_AGREEMENT_INSPECTION))
    if school.get("ethos_statement"):
        out.append(
            _commit(
                profile,
                rule,
                "rationale",
                "Our ethos statement says:\n\n> {ethos}\n\nThis policy is part of how we live it out.",
                ethos=school["ethos_statement"],
            )
        )
    # the faiths themselves are listed once, in the school's context; with several, the aims say each family
    # should feel at home here, and the engagement strand works with each faith community (below)
    several_faiths = len(profile.data["pupils"].get("faiths") or []) > 1
    return out + [
        _commit(
            profile,
            rule,
            "engagement",
            "As a {character} school, we will work with the faith communities our families belong to, and build "
            "links with other faith communities, and with families and groups of no religion."
            if several_faiths
            else "As a {character} school, we will build links with schools and communities of other faiths, and "
            "with families and groups of no religion.",
            character=school["religious_character"],
        ),
        _commit(profile, rule, "equity", _intake_review(profile), members=gov.members, town=town_of(profile)),
    ]


def _intake_review(profile: Profile) -> str:
    """The yearly look at who comes to a school with a religious character, for the area it serves (a ward or a
    parish list is seldom its whole admission area). Where the governing body sets its admissions, the arrangements
    themselves; an academy's within its funding agreement; where the local authority sets them (a voluntary
    controlled school), a concern goes to the authority."""
    gov = governance(profile)
    if gov.sets_admissions:
        within = ", within the limits our funding agreement sets," if gov.group == ACADEMY else ""
        return (
            "Each year {members} will look at who applies to us and who is admitted, and at what our admissions "
            "arrangements" + within + " mean for families of other faiths and of none in the area we serve, in and "
            "around {town}."
        )
    if gov.group == MAINTAINED:
        return (
            "Each year {members} will look at how far our intake reflects the community around us, and raise any "
            "concern with the local authority, which sets our admissions arrangements."
        )
    return "Each year {members} will look at how far our intake reflects the community around us."


# A maintained school with a religious character has its denominational education and collective worship inspected
# under section 48 of the Education Act 2005 (read on legislation.gov.uk in December 2026). An academy's funding
# agreement sets out how its religious character is inspected; the project has read none (they vary: FACTS-TODAY
# 1.3), so the policy names the agreement and says nothing of what it provides.
_SECTION_48_TYPES = frozenset({"Voluntary Aided School", "Voluntary Controlled School", "Foundation School"})
_SECTION_48 = (
    "Our collective worship, and any denominational religious education we give, are inspected under [section 48 of "
    "the Education Act 2005](" + legal_basis.SECTION_48 + ")."
)
_FUNDING_AGREEMENT_INSPECTION = (
    "Our collective worship, and any denominational religious education we give, are inspected as our funding "
    "agreement provides."
)


def rural_isolation(profile: Profile) -> list[Commitment]:
    """A rural school plans for distance: from other communities, and between its own families."""
    if not profile.is_rural:
        return []
    rule = rural_isolation
    return [
        _commit(
            profile,
            rule,
            "engagement",
            "Many of our {pupils} live far from communities very different from their own, so we will plan visits "
            "to towns and cities" + ("." if profile.complex_needs else ", and online projects."),
            # the link with a town or city school: school_links; online projects do not fit profound needs
        ),
        _commit(
            profile,
            rule,
            "equity",
            # help with cost is money the profile does not show the school has: where it can
            "We will plan travel so that distance does not stop any {pupil} taking part in trips and links, and help "
            "with its cost where we can.",
        ),
        _commit(
            profile,
            rule,
            "engagement",
            (
                "Our families are spread across a rural area, many of them far from the school, so we will hold some "
                "family events nearer their homes, and online."
                if profile.phase_group == "special" or profile.wide_catchment
                # opening the building is a lettings and safeguarding decision for governors: where they can
                else "Our families are spread across a rural area around {near}. Where we can, we will open the "
                "school as a meeting place for them and for local groups."
            ),
            near=phase_words(profile).place,
        ),
    ]


def wide_catchment(profile: Profile) -> list[Commitment]:
    """Pupils come from a wide area (often by school transport): families far from the school and each other."""
    if not profile.wide_catchment:
        return []
    rule = wide_catchment
    transported = profile.data["location"]["catchment"] == "transported"
    families = (
        []  # a rural school's families already meet nearer their homes (rural_isolation)
        if profile.is_rural and profile.phase_group != "pru"
        else [
            _commit(
                profile,
                rule,
                "parents",
                "We will hold meetings with families at times and places they can reach, some online."
                if profile.phase_group == "pru"  # a short placement: families are not asked to meet each other
                else "We will hold family events at times families can reach, some online, and help families who live "
                "near one another to meet.",
            )
        ]
    )
    town = town_of(profile)  # a wide area is around a town, not the ward or village the school stands in
    authority = authority_place(profile.data["school"]["local_authority"])
    within = "" if town.casefold().removeprefix("the ") in authority.casefold() else ", in {authority}"
    return [
        _commit(  # the policy's one definition of its local community: the template prints no ward before it
            profile,
            rule,
            "local_community",
            # "a wide area around": the profile says wide, not how wide, and "across the town" shrank a county-wide intake
            "Our local community is the whole area we serve: our {pupils} come to us from a wide area in and around {town}"
            + within
            + (", most of them by school transport." if transported else "."),
            town=town,
            **({"authority": authority} if within else {}),
        ),
        *families,
        _commit(
            profile,
            rule,
            "engagement",
            "We will help each {pupil} take part in clubs and groups near their own home.",
        ),
    ]


def _languages_besides_english(profile: Profile) -> list[str]:
    return [lang for lang in profile.data["pupils"].get("home_languages", []) if lang.casefold() != "english"]


_SIGNED = "british sign language"


def _spoken(languages: list[str]) -> list[str]:
    """The spoken languages among families' languages: British Sign Language has no written form, so information
    in it comes by video or through an interpreter, never written down."""
    return [lang for lang in languages if lang.casefold() != _SIGNED]


def eal_language_support(profile: Profile) -> list[Commitment]:
    """Many pupils' first language is not English (the school census counts pupils whose first language is known or
    believed to be other than English, which says nothing of how well they speak it): planned support for those new
    to English, every home language valued, and families reached in their own languages as far as the school can."""
    if not profile.high_eal:
        return []
    rule = eal_language_support
    languages = _languages_besides_english(profile)
    spoken = _spoken(languages)
    reach = (
        "We will reach families in the languages they use at home"
        + (" (among them {languages})" if spoken else "")
        + ", translating key information and arranging an interpreter for meetings where we can, and we will help "
        "parents who want to learn English to find a class."
    )
    parents = [_commit(profile, rule, "parents", reach, **({"languages": and_list(spoken)} if spoken else {}))]
    if len(spoken) < len(languages):
        parents.append(_commit(profile, rule, "parents", _BSL_FAMILIES))
    return [
        _commit(  # the census figure is of a first language, not of English: support is for those new to English
            profile,
            rule,
            "teaching",
            "We will plan support for {pupils} new to English, track their progress at each stage of learning it and "
            "act on any gap, and value in class the home languages of all our {pupils}, "
            + _share(profile.known("pupils.eal_percent"))
            + " of whom have a first language other than English.",
        ),
        *parents,
    ]


# Information for families who sign, in the ways it can reach them; interpreters cost money the profile does not show
# the school has, so as far as it can.
_BSL_FAMILIES = (
    "Families who use British Sign Language will get key information in BSL, by video or through a BSL interpreter, "
    "and an interpreter at meetings, when they ask and we can arrange it."
)


def families_new_to_english(profile: Profile) -> list[Commitment]:
    """Fewer pupils' first language is other than English, but the profile names the languages their families use:
    support for pupils new to English, and key information in those languages (or in BSL, by video or an
    interpreter) when families ask and the school can arrange it."""
    languages = _languages_besides_english(profile)
    eal = profile.known("pupils.eal_percent")  # None: not known, so nothing is said of pupils new to English
    if profile.high_eal or not languages or eal == 0:
        return []
    rule = families_new_to_english
    spoken = _spoken(languages)
    families = []
    if spoken:
        families.append(
            _commit(
                profile,
                rule,
                "parents",
                "Families who use {languages} at home will get key information in their language, and an interpreter "
                "at meetings, when they ask and we can arrange it.",
                languages=and_list(spoken),
            )
        )
    if len(spoken) < len(languages):
        families.append(_commit(profile, rule, "parents", _BSL_FAMILIES))
    if profile.phase_group == "special" or eal is None or not spoken:  # a special school's: how each communicates
        return families
    return [
        _commit(
            profile,
            rule,
            "equity",
            "{Pupils} new to English will have planned support in English, and their home languages will be valued.",
        ),
        *families,
    ]


def fsm_barriers(profile: Profile) -> list[Commitment]:
    """Many pupils are eligible for free school meals: find and remove the barriers to taking part."""
    if not profile.high_fsm:
        return []
    rule = fsm_barriers
    gov = governance(profile)
    return [
        _commit(
            profile,
            rule,
            "equity",
            "For {pupils} eligible for free school meals ("
            + _share(profile.known("pupils.fsm_percent"))
            + " of our {pupils}), we will track progress and who takes part in "
            + (
                "trips, visits and events"
                if profile.young_children or profile.complex_needs
                else "clubs, trips, music and sport"
            )
            + ", remove barriers such as cost, timing and transport, and help families who need it discreetly.",
        ),
        _commit(
            profile,
            rule,
            "monitoring",
            "Each year {body} will compare how often {pupils} eligible for free school meals take part in "
            + ("trips and events" if profile.young_children or profile.complex_needs else "clubs and trips")
            + " with how often other {pupils} do.",
            body=gov.oversight,
        ),
    ]


def primary_pupil_voice(profile: Profile) -> list[Commitment]:
    """Nursery to middle schools: a say suited to the children's age."""
    if profile.phase_group != "primary":
        return []
    if profile.phase == "nursery":  # the youngest of all: families say what their child says at home
        return [
            _commit(
                profile,
                primary_pupil_voice,
                "pupils",
                "Staff will notice what each child enjoys, chooses and avoids during play, and ask families what their "
                "child talks about at home, so that children's views shape the nursery.",
            )
        ]
    if profile.young_children:
        return [
            _commit(
                profile,
                primary_pupil_voice,
                "pupils",
                "Adults will listen and watch closely during play and daily routines. Children will make real "
                "choices, and we will act on what we learn.",
            )
        ]
    return [
        _commit(
            profile,
            primary_pupil_voice,
            "pupils",
            # "any": the profile does not say the school has a council (the user test), and the sentence assumes none
            "{Pupils} will have a say through class discussions, class jobs and any pupil council, and we will act "
            "on what they tell us." + _youngest_voice(profile),
        )
    ]


def _youngest_voice(profile: Profile) -> str:
    """A school with a nursery: how its youngest children have their say beside its older pupils' ways."""
    if not profile.has_nursery:
        return ""
    return " The youngest children will be heard through adults who listen and watch closely as they play."


def early_years(profile: Profile) -> list[Commitment]:
    """A school with a nursery or Reception class, or a nursery school: the Early Years Foundation Stage, and, where
    the school takes children before school age, families welcomed before their child starts."""
    low = profile.data["school"].get("statutory_low_age")
    reception = low is not None and low <= RECEPTION_FROM and profile.phase not in ("16-plus", "pru")
    if not (profile.has_nursery or reception):
        return []
    rule = early_years
    if profile.phase == "nursery":
        who, where = "In the Early Years Foundation Stage, our children", "the daily life of the nursery"
    elif profile.phase_group == "special":
        who, where = "Our youngest {pupils}, in the Early Years Foundation Stage,", "the daily life of their class"
    elif profile.has_nursery:
        who = "In our nursery and Reception classes, the Early Years Foundation Stage, children"
        where = "the daily life of their class"
    else:
        who, where = "In Reception, the Early Years Foundation Stage, children", "the daily life of their class"
    teaching = _commit(
        profile,
        rule,
        "teaching",
        who
        + " will learn about themselves, their families and the people around them, through play and in "
        + where
        + ".",
    )
    if not profile.has_nursery:
        return [teaching]
    if profile.phase == "nursery":  # home visits and interpreters are not in the profile: an interpreter where it can
        welcome = (
            "Before their child starts, every family will be welcomed into the nursery and invited to stay and play "
            "while their child settles, with an interpreter where they need one and we can arrange it."
        )
    elif profile.phase_group == "special":  # children join a special school at any age: not stay and play
        welcome = (
            "Families will be welcomed into school before their child starts, at whatever age, and helped to get to "
            "know their child's class and the staff who will work with them."
        )
    else:
        welcome = "Families will be welcomed into the nursery before their child starts, and invited to stay and play with them."
    return [teaching, _commit(profile, rule, "parents", welcome)]


def mid_year_arrivals(profile: Profile) -> list[Commitment]:
    """Pupils who join during the school year (pupils.mobility_percent): each is welcomed and settles, with their
    family, as the pupils who start in September are."""
    if not profile.mobility:
        return []
    return [
        _commit(
            profile,
            mid_year_arrivals,
            "equity",
            # the figure is in the school's context, for no period the profile gives: not repeated here
            "Some of our {pupils} join us during the school year rather than at its start. Each of them, with their "
            "family, will be welcomed and given a named adult"
            + ("" if profile.young_children else " and a buddy")
            + ". Within a few weeks we will check that they have settled and made friends.",
        )
    ]


def secondary_voice_and_work(profile: Profile) -> list[Commitment]:
    """Secondary, all-through and 16-plus: student leadership, debate and work-related links. Citizenship is in the
    national curriculum for maintained secondary schools; an academy need not teach it as a subject, so its policy
    says citizenship or PSHE unless the school's own account says it teaches citizenship."""
    if profile.phase_group != "secondary":
        return []
    rule = secondary_voice_and_work
    gov = governance(profile)
    own_citizenship = re.search(r"\bcitizenship\b", profile.data.get("context") or "", re.I)
    lessons = "citizenship lessons" if gov.group == MAINTAINED or own_citizenship else "citizenship or PSHE lessons"
    when = " from year 7" if profile.phase == "all-through" else ""  # not the nursery children of a 3 to 18 school
    return [
        _commit(
            profile,
            rule,
            "pupils",
            "{Pupils} will have a say through "
            # "any": no profile says the school has a council, or how it is chosen (a clerk's cold read)
            + ("student representatives" if profile.phase == "16-plus" else "any student council")
            + ", leadership roles and a yearly survey of how well {pupils} from different backgrounds get on."
            + _youngest_voice(profile),
        ),
        *(
            []  # no citizenship lessons after 16: the policy's tutorials and debates say it (policy.md.j2)
            if profile.phase == "16-plus"
            else [
                _commit(
                    profile,
                    rule,
                    "teaching",
                    "In " + lessons + when + ", {pupils} will debate rights and responsibilities, openly and safely.",
                )
            ]
        ),
        _commit(
            profile,
            rule,
            "engagement",
            "We will build links with employers, "
            + ("universities" if profile.phase == "16-plus" else "colleges")
            + " and voluntary organisations, and give {pupils} chances to volunteer.",
        ),
    ]


def special_outreach(profile: Profile) -> list[Commitment]:
    """Special schools: disability and cohesion, links with mainstream schools, and a place in the community."""
    if profile.phase_group != "special":
        return []
    rule = special_outreach
    who = " We teach " + taught(profile.send_needs) + "." if profile.send_needs else ""
    return [
        _commit(
            profile,
            rule,
            "school_community",
            "Disability is part of who our school community is."
            + who
            + " Cohesion for us includes how disabled people are welcomed and included in the wider community.",
        ),
        _commit(
            profile,
            rule,
            "engagement",
            "Our {pupils} will use the shops, parks, leisure centres and libraries their community uses, with the "
            "support each needs, and we will work with those places to welcome them.",
        ),
        _commit(
            profile,
            rule,
            "equity",
            "We will challenge disability-related bullying and harassment wherever our {pupils} meet it.",
        ),
    ]


def resourced_provision(profile: Profile) -> list[Commitment]:
    """A mainstream school with resourced provision or an SEN unit: one school, not two."""
    if not _has_unit(profile):
        return []
    rule = resourced_provision
    needs = profile.send_needs
    named = " for " + and_list(needs_words(needs)) if needs else ""
    provision = profile.data["school"]["resourced_provision"]
    return [
        _commit(
            profile,
            rule,
            "school_community",
            "The {pupils} of our {provision}" + named + " belong to every part of school life, as all our {pupils} do.",
            # the register's 'Resourced provision' reads 'resourced provision'; 'SEN unit' keeps its capitals
            provision=provision[:1].lower() + provision[1:] if provision[1:2].islower() else provision,
        ),
        _commit(
            profile,
            rule,
            "equity",
            "We will check that {pupils} in our specialist provision take part in clubs, trips and events as often "
            "as their classmates.",
        ),
    ]


# How pupils communicate (school.communication), as a sentence lists them.
_WAYS = {
    "Speech": "speech",
    "Makaton": "Makaton",
    "Signalong": "Signalong",
    "Sign Supported English": "Sign Supported English",
    "British Sign Language": "British Sign Language",
    "Symbols and pictures": "symbols and pictures",
    "Objects of reference": "objects of reference",
    "Eye gaze": "eye gaze",
    "Switches": "switches",
    "Communication aids (AAC)": "communication aids",
    "Gesture, sound and body language": "gesture, sound and body language that staff who know them well understand",
}


def communication(profile: Profile) -> list[Commitment]:
    """Pupils who communicate without speech or with support (school.communication, or else the needs the school
    is for): their views in the ways they communicate. Only the school's own list names the ways: the needs alone
    do not say how its pupils communicate. Families' home languages are not how pupils communicate:
    families_new_to_english reaches families who sign."""
    own = [_WAYS[w] for w in profile.data["school"].get("communication") or []]
    if own == ["speech"]:
        return []
    if not own and not set(profile.send_needs) & COMMUNICATION_NEEDS:
        return []
    unit = profile.phase_group != "special" and _has_unit(profile)
    if not own:
        text = (
            "Every {pupil} in our specialist provision" if unit else "Every {pupil}"
        ) + " will be helped to give their views in the way they communicate best, and those views will count."
    else:
        text = (
            ("{Pupils} in our specialist provision" if unit else "Our {pupils}")
            + " communicate through "
            + and_list(own)
            + ". Each will be helped to give their views in the way they communicate best, and those views will count."
        )
    return [_commit(profile, communication, "pupils", text)]


_PARTS_OF_AN_HOUR = {15: " and a quarter", 30: " and a half", 45: " and three quarters"}


def _duration(minutes: int) -> str:
    """60 -> 'an hour', 90 -> 'an hour and a half', 75 -> 'an hour and a quarter', 80 -> 'an hour and 20 minutes',
    45 -> '45 minutes'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} minutes"
    said = "an hour" if hours == 1 else f"{hours} hours"
    if rest in _PARTS_OF_AN_HOUR:
        return said + _PARTS_OF_AN_HOUR[rest]
    return said + (f" and {rest} minutes" if rest else "")


def long_journeys(profile: Profile) -> list[Commitment]:
    """Some pupils travel a long way to school each day: what happens after school, and what families can reach,
    is planned around the journey."""
    if not profile.long_journeys:
        return []
    return [
        _commit(
            profile,
            long_journeys,
            "equity",
            "Some of our {pupils} travel for as long as {duration} each way, so we will hold clubs, visits and links "
            "within the school day where we can, and plan transport home for anything after it.",
            duration=_duration(profile.known("location.longest_journey_minutes")),
        )
    ]


def complex_needs_learning(profile: Profile) -> list[Commitment]:
    """Pupils with complex needs meet identity and difference through experience, not discussion alone."""
    if not profile.complex_needs:
        return []
    return [
        _commit(
            profile,
            complex_needs_learning,
            "teaching",
            "We will bring identity and difference to life through experience: sensory stories, music, food, "
            "celebrations and meeting people from different communities.",
        )
    ]


def pru_outreach(profile: Profile) -> list[Commitment]:
    """Pupil referral units: links back to pupils' schools and to the agencies around them."""
    if profile.phase_group != "pru":
        return []
    rule = pru_outreach
    return [
        _commit(
            profile,
            rule,
            "pupils",
            "Each {pupil} will have a say in their own plan, and we will ask every {pupil} who leaves us what helped.",
        ),
        _commit(
            profile,
            rule,
            "engagement",
            first=True,
            text="We will work with {pupils_own} home schools and local services, so that each {pupil} "
            + (
                "returns to a school that meets their needs."  # primary-age pupils go back to school, not to work
                if _primary_age(profile)
                else "returns to school or moves on to education, training or work."
            ),
        ),
        _commit(
            profile,
            rule,
            "equity",
            "Each year we will look at which groups of {pupils} are placed with us, and tell the local authority and "
            "schools where some groups are placed more often than others.",
        ),
    ]


def local_tensions(profile: Profile) -> list[Commitment]:
    """The school knows of tension, hostility or incidents in its area (local_tensions, in its own words, which the
    policy never prints): incidents watched closely, families and partners worked with, and a plan for responding."""
    if not profile.known("local_tensions"):
        return []
    rule = local_tensions
    gov = governance(profile)
    return [
        _commit(
            profile,
            rule,
            "equity",
            first=True,
            text="We will record every prejudice-related incident, in school and online, look at the pattern every half "
            "term, and act quickly on any sign of tension between groups of {pupils}.",
        ),
        _commit(
            profile,
            rule,
            "engagement",
            first=True,
            text="When tension rises in the area, or after events elsewhere, we will talk early with families, "
            "community and faith leaders, the police and the local authority, and tell families what the school is "
            "doing.",
        ),
        _commit(
            profile,
            rule,
            "monitoring",
            "We will keep a plan for how the {school} responds when tension rises, agreed with {body}, reviewed each "
            "year and read with our Prevent risk assessment.",
            body=gov.oversight,
            school=phase_words(profile).school,
        ),
    ]


_PARTNER_PLACES = {"school": "school_links", "community": "local_community", "international": "global_community"}


def partnerships(profile: Profile) -> list[Commitment]:
    """Each partnership under its dimension, every one kept up at its own rhythm (partner_links), and one yearly
    review of them all. With none
    listed, nothing is claimed about the partnerships the school has: it commits to keep and grow a list. The
    rhythm is the school's own ("every week"), kept in a sentence a governor can adopt: keep up each link, review
    each every year. The yearly question to pupils and families names no partner: a list of names with their own
    commas and "and"s does not read, and a family may use a partner (a food bank) as well as meet it."""
    partners = profile.data.get("partnerships") or []
    rule = partnerships
    if not partners:
        return [
            _commit(
                profile,
                rule,
                "engagement",
                "We will keep a list of the schools and community organisations we work with, review each partnership "
                "every year, and build new ones where our {pupils} would gain from them.",
            )
        ]
    listed = [
        _commit(profile, rule, _PARTNER_PLACES[p["kind"]], "**{name}**: {what}", name=p["name"], what=p["what"])
        for p in partners
    ]
    keep = _commit(
        profile,
        rule,
        "engagement",
        "We will keep up our links {kept}, reviewing each of them every year."
        if len(partners) > 1
        else "We will keep up our link {kept}, reviewing it every year.",
        kept=links_kept(partners),
    )
    return listed + [keep, _commit(profile, rule, "monitoring", _asked_about_partners(profile))]


def _asked_about_partners(profile: Profile) -> str:
    """The yearly question about partnerships, in a way that suits the pupils. A unit's partners include the panels
    that place pupils with it and the schools they go back to: it asks about the return to school."""
    if profile.phase_group == "pru":
        return (
            "Each year we will ask {pupils} and their families how well our work with other schools and services "
            "helped them, including with the return to school."
        )
    return _asked(profile, "our partnerships", families=True)


# Every rule, in the order their commitments print within a place (after any marked `first`).
RULES: tuple[Callable[[Profile], list[Commitment]], ...] = (
    legal_basis.statements,
    school_aims,
    diverse_relationships_first,
    monocultural_links,
    school_links,
    faith_rationale,
    rural_isolation,
    wide_catchment,
    eal_language_support,
    families_new_to_english,
    fsm_barriers,
    primary_pupil_voice,
    early_years,
    mid_year_arrivals,
    secondary_voice_and_work,
    special_outreach,
    resourced_provision,
    communication,
    long_journeys,
    complex_needs_learning,
    legal_basis.teaching,
    pru_outreach,
    local_tensions,
    partnerships,
)


def commitments(profile: Profile) -> dict[str, list[Commitment]]:
    """Every place in the policy with the commitments the rules give this school (a place may be empty)."""
    made = [c for rule in RULES for c in rule(profile)]
    return {place: sorted((c for c in made if c.place == place), key=lambda c: not c.first) for place in PLACES}
