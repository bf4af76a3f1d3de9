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
from cohesion_guide.documents.commitments import PLACES, Commitment, and_list, in_sentence
from cohesion_guide.documents.commitments import commit as _plain_commit
from cohesion_guide.documents.faith_guidance import guidance_markdown, traditions
from cohesion_guide.documents.phase_words import phase_words
from cohesion_guide.inputs.governance import governance
from cohesion_guide.inputs.profiles import COMMUNICATION_NEEDS, SEND_NEEDS, Profile
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


def _area_served(profile: Profile) -> str:
    """The area the school serves, as precisely as the profile names it."""
    local_area = (profile.data.get("local_area") or {}).get("name")
    ward = profile.data["location"].get("ward")
    return local_area or ward or phase_words(profile).place


def _home_places(profile: Profile) -> str:
    """Where pupils live: the school's town, or, where they come from a wide area (a special school, a wide
    catchment), their own towns and villages or neighbourhoods."""
    if profile.phase_group == "special" or profile.wide_catchment:
        return "their own towns and villages" if profile.is_rural else "their own neighbourhoods"
    return phase_words(profile).place


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
                "every family can take part in the life of the school, whatever language they speak at home",
            )
        )
    if profile.is_monocultural or profile.is_rural:
        out.append(
            _commit(
                profile,
                rule,
                "aims",
                "our {pupils} regularly meet and work with people beyond {home} whose backgrounds and lives "
                "differ from their own",
                home=_home_places(profile),
            )
        )
    if profile.is_highly_diverse:
        out.append(_commit(profile, rule, "aims", "{pupils} of every background learn, play and make friends together"))
    if profile.high_fsm:
        out.append(
            _commit(profile, rule, "aims", "cost never decides which {pupils} take part in clubs, trips and events")
        )
    if profile.phase_group == "special" or profile.has_resourced_provision:
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
                who + " take a full part in the life of their local communities, and are seen and heard there",
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
    elif profile.has_religious_character and faiths:
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
                "each {pupil} leaves us with stronger links to a school, a college or work, and to their community",
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
    meet pupils of mainstream schools, a mono-cultural intake meets other backgrounds, a rural school a town or city.
    With school partners already listed, their own rhythm stands (partnerships) and no yearly minimum is added."""
    special, mono = profile.phase_group == "special", profile.is_monocultural
    values, reason = {}, ""
    if mono:
        group, share = profile.largest_ethnic_group
        values["group"] = ethnic_group_label(group)
        # the reason goes where the pupils it explains are named
        reason = ("since " if special else "") + "most of our {pupils} share one ethnic background ({group}, "
        reason += _share(share) + ")" + ("," if special else ", so ")
    whom = []
    if special:
        whom.append("{pupils} of mainstream schools")
    if mono:
        whom.append(
            ("and, " + reason + " with " if special else "") + "{pupils} whose ethnic, faith or social "
            "backgrounds differ from their own"
        )
    if profile.is_rural and not whom:
        whom.append("{pupils} of a town or city school")
    if not whom:
        return []
    verb = "learn, play and celebrate" if special or profile.young_children else "learn and work"
    if special:
        reason = ""
    schools = [p for p in profile.data.get("partnerships") or [] if p["kind"] == "school"]
    if schools:
        kept = any(p.get("how_often") in _RHYTHMS for p in schools)
        core = (
            "through our links with other schools, our {pupils} will "
            + verb
            + " with "
            + " ".join(whom)
            + (", in person." if kept else ", in person, at least once a year.")
        )
    else:
        core = (
            "we will build a lasting link with at least one other school where our {pupils} "
            + verb
            + " with "
            + " ".join(whom)
            + ", in person, at least once a year."
        )
    text = reason + core
    return [_commit(profile, school_links, "engagement", text[:1].upper() + text[1:], first=True, **values)]


def _asked(profile: Profile, what: str, families: bool = False) -> str:
    """Each year, what pupils (and, where a partner may work with them, families) gained from `what`, asked in
    a way that suits the pupils."""
    if profile.young_children and families:  # children this young show, rather than say, what they gained
        return "Each year we will ask families what they and their children gained from " + what + "."
    if profile.complex_needs:
        return (
            "Each year we will look at how {pupils} responded to "
            + what
            + (", and ask their families what they gained from it." if families else ".")
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
    where = (
        "in how we group them, at play and in the activities we plan"
        if profile.young_children
        else "in how we group classes, in clubs and in {pupil} leadership roles"
    )
    return [
        _commit(
            profile,
            rule,
            "teaching",
            first=True,
            text="Our first priority is the community inside our own school: we will mix {pupils} of different "
            "backgrounds " + where + ".",
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
            "links with other faith communities and with people of no religion."
            if several_faiths
            else "As a {character} school, we will build links with schools and communities of other faiths and of "
            "none.",
            character=school["religious_character"],
        ),
        _commit(
            profile,
            rule,
            "equity",
            "Each year {members} will look at who applies to us and who is admitted, and at what our {arrangements} "
            "mean for families of other faiths and of none in {area}."
            if gov.sets_admissions
            else "Each year {members} will consider how far our intake reflects {area}.",
            area=_area_served(profile),
            members=gov.members,
            **({"arrangements": gov.arrangements} if gov.sets_admissions else {}),
        ),
    ]


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
            "to towns and cities, and online projects.",  # the link with a town or city school: school_links
        ),
        _commit(
            profile,
            rule,
            "equity",
            "We will plan travel, and help with its cost, so that distance does not stop any {pupil} taking part in "
            "trips and links.",
        ),
        _commit(
            profile,
            rule,
            "engagement",
            (
                "Our families are spread across a rural area, many of them far from the school, so we will hold some "
                "family events nearer their homes, and online."
                if profile.phase_group == "special" or profile.wide_catchment
                else "Our families are spread across a rural area around {near}, so we will open the school as a "
                "meeting place for them and for local groups."
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
    return [
        _commit(
            profile,
            rule,
            "local_community",
            (
                "Our {pupils} come to us from across a wide area, not only from the streets around the school"
                + (", most of them by school transport." if transported else ".")
            ),
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


def eal_language_support(profile: Profile) -> list[Commitment]:
    """Many pupils learn English as an additional language: support in English, respect for home languages."""
    if not profile.high_eal:
        return []
    rule = eal_language_support
    languages = _languages_besides_english(profile)
    reach = (
        "We will reach families in the languages they use at home{among}, with key information translated, "
        "interpreters at meetings, and help for parents who want to learn English."
    )
    parents = (
        _commit(
            profile,
            rule,
            "parents",
            reach.replace("{among}", " (among them {languages})"),
            languages=and_list(languages),
        )
        if languages
        else _commit(profile, rule, "parents", reach.replace("{among}", ""))
    )
    return [
        _commit(
            profile,
            rule,
            "teaching",
            "{Pupils} learning English as an additional language ("
            + _share(profile.known("pupils.eal_percent"))
            + " of our {pupils}) will have planned support in English, and their home languages will be valued in "
            "class.",
        ),
        _commit(
            profile,
            rule,
            "equity",
            "We will track the progress of {pupils} at each stage of learning English, and act on any gap.",
        ),
        parents,
    ]


def families_new_to_english(profile: Profile) -> list[Commitment]:
    """Fewer pupils learn English as an additional language, but the profile names the languages their families
    speak: support for those new to English, and key information in those languages when families need it."""
    languages = _languages_besides_english(profile)
    eal = profile.known("pupils.eal_percent")  # None: not known, so nothing is said of pupils learning English
    if profile.high_eal or not languages or eal == 0:
        return []
    rule = families_new_to_english
    families = _commit(
        profile,
        rule,
        "parents",
        "Families who use {languages} at home will get key information in their own language, and an "
        "interpreter at meetings, when they need it.",
        languages=and_list(languages),
    )
    spoken = [lang for lang in languages if lang.casefold() != "british sign language"]  # signing is not English
    if profile.phase_group == "special" or eal is None or not spoken:  # a special school's: how each communicates
        return [families]
    return [
        _commit(
            profile,
            rule,
            "equity",
            "{Pupils} new to English will have planned support in English, and their home languages will be valued.",
        ),
        families,
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
            + " of our {pupils}), we will track progress and who takes part in clubs, trips, music and sport, "
            "remove barriers such as cost, timing and transport, and help families who need it discreetly.",
        ),
        _commit(
            profile,
            rule,
            "monitoring",
            "Each year {body} will compare how often {pupils} eligible for free school meals take part in clubs "
            "and trips with how often other {pupils} do.",
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
                "Adults will listen and watch closely during play and daily routines, children will make real "
                "choices, and we will act on what we learn.",
            )
        ]
    return [
        _commit(
            profile,
            primary_pupil_voice,
            "pupils",
            "{Pupils} will have a say through a school council, class discussions and class jobs, and we will act "
            "on what they tell us." + _youngest_voice(profile),
        )
    ]


def _youngest_voice(profile: Profile) -> str:
    """A school with a nursery whose older pupils have a council: how its youngest children have their say."""
    if not profile.has_nursery:
        return ""
    return " The youngest children will have theirs through adults who listen and watch closely as they play."


def early_years(profile: Profile) -> list[Commitment]:
    """A school with a nursery, or a nursery school: the Early Years Foundation Stage, Reception where the school
    has it, and families welcomed before their child starts."""
    if not profile.has_nursery:
        return []
    rule = early_years
    if profile.phase == "nursery":
        who, where = "In the Early Years Foundation Stage, our children", "the daily life of the nursery"
    elif profile.phase_group == "special":
        who, where = "Our youngest {pupils}, in the Early Years Foundation Stage,", "the daily life of their class"
    else:
        who = "In our nursery and Reception classes, the Early Years Foundation Stage, children"
        where = "the daily life of their class"
    return [
        _commit(
            profile,
            rule,
            "teaching",
            who
            + " will learn about themselves, their families and the people around them, through play and in "
            + where
            + ".",
        ),
        _commit(
            profile,
            rule,
            "parents",
            "Before their child starts, every family will be visited at home or welcomed into the nursery, in their "
            "own language where they need it, and invited to stay and play while their child settles."
            if profile.phase == "nursery"
            else "Families will be welcomed into "
            + ("the nursery" if profile.phase != "special" else "school")
            + " before their child starts, and invited to stay and play with them.",
        ),
    ]


def mid_year_arrivals(profile: Profile) -> list[Commitment]:
    """Pupils who join during the school year (pupils.mobility_percent): each is welcomed and settles, with their
    family, as the pupils who start in September are."""
    mobility = profile.mobility
    if not mobility:
        return []
    return [
        _commit(
            profile,
            mid_year_arrivals,
            "equity",
            "Some of our {pupils} join us during the school year rather than at its start ("
            + _share(mobility)
            + " last year): each, with their family, will be welcomed and given a named adult"
            + ("" if profile.young_children else " and a buddy")
            + ", and we will check within a few weeks that they have settled and made friends.",
        )
    ]


def secondary_voice_and_work(profile: Profile) -> list[Commitment]:
    """Secondary, all-through and 16-plus: student leadership, citizenship debate and work-related links."""
    if profile.phase_group != "secondary":
        return []
    rule = secondary_voice_and_work
    return [
        _commit(
            profile,
            rule,
            "pupils",
            "{Pupils} will have a say through an elected council, leadership roles and a yearly survey of how well "
            "{pupils} from different backgrounds get on." + _youngest_voice(profile),
        ),
        *(
            []  # no citizenship lessons after 16: the policy's tutorials and debates say it (policy.md.j2)
            if profile.phase == "16-plus"
            else [
                _commit(
                    profile,
                    rule,
                    "teaching",
                    "In citizenship lessons, {pupils} will debate rights and responsibilities, openly and safely.",
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


def _needs_words(needs: list[str]) -> list[str]:
    """The register's names for needs, as a sentence about many pupils says them ('severe learning difficulties')."""
    return [re.sub(r"difficulty\b", "difficulties", SEND_NEEDS[n]) for n in needs]


def special_outreach(profile: Profile) -> list[Commitment]:
    """Special schools: disability and cohesion, links with mainstream schools, and a place in the community."""
    if profile.phase_group != "special":
        return []
    rule = special_outreach
    needs = profile.send_needs
    who = " Our {pupils} include {pupils} with " + and_list(_needs_words(needs)) + "." if needs else ""
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
    if profile.phase_group == "special" or not profile.has_resourced_provision:
        return []
    rule = resourced_provision
    needs = profile.send_needs
    named = " for " + and_list(_needs_words(needs)) if needs else ""
    return [
        _commit(
            profile,
            rule,
            "school_community",
            "Our school includes {provision}" + named + ". Its {pupils} belong to every part of school life.",
            provision=profile.data["school"]["resourced_provision"].lower(),
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


def _ways_from_needs(needs: set[str]) -> list[str]:
    """Without the school's own list, the ways pupils with these needs often communicate besides speech."""
    ways = []
    if "hi" in needs:
        ways.append("signing, including British Sign Language")
    if needs & {"sld", "pmld", "msi", "asd"}:
        ways.append("symbols, pictures and objects of reference")
    if needs & {"pmld", "msi"}:
        ways.append("touch, sound and responses observed by staff who know them well")
    if needs & {"slcn", "pmld", "sld"}:
        ways.append("communication aids and assistive technology")
    return ways


def communication(profile: Profile) -> list[Commitment]:
    """Pupils who communicate without speech or with support (school.communication, or else the needs the school
    is for): their views in the ways they communicate. Families' home languages are not how pupils communicate:
    families_new_to_english reaches families who sign."""
    own = [_WAYS[w] for w in profile.data["school"].get("communication") or []]
    if own == ["speech"]:
        return []
    ways = own or _ways_from_needs(set(profile.send_needs) & COMMUNICATION_NEEDS)
    if not ways:
        return []
    who = (
        "Every {pupil} in our specialist provision"
        if profile.phase_group != "special" and profile.has_resourced_provision
        else "Every {pupil}"
    )
    return [
        _commit(
            profile,
            communication,
            "pupils",
            who
            + " will be helped to give their views in the way they communicate best, and those views will count. "
            + (
                ("Our {pupils}" if who == "Every {pupil}" else "{Pupils} in our specialist provision")
                + " communicate through "
                if own
                else "For many of our {pupils} that means "
            )
            + and_list(ways)
            + ".",
        )
    ]


def _duration(minutes: int) -> str:
    """60 -> 'an hour', 90 -> 'an hour and a half', 75 -> 'an hour and 15 minutes', 45 -> '45 minutes'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} minutes"
    said = "an hour" if hours == 1 else f"{hours} hours"
    if rest == 30:
        return said + " and a half"
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
            text="We will work with {pupils_own} home schools and local services, so that each {pupil} returns to school "
            "or moves on to education, training or work.",
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
            "We will keep a plan for how the school responds when tension rises, agreed with {body} and reviewed each "
            "year.",
            body=gov.oversight,
        ),
    ]


_PARTNER_PLACES = {"school": "school_links", "community": "local_community", "international": "global_community"}
# How often a partnership meets (partnerships[].how_often), as the policy says it keeps that rhythm; "occasionally"
# is no rhythm to keep.
_RHYTHMS = {
    "weekly": "every week",
    "fortnightly": "every two weeks",
    "half-termly": "every half term",
    "termly": "every term",
    "yearly": "once a year",
}


def partnerships(profile: Profile) -> list[Commitment]:
    """Each partnership under its dimension, the rhythm each keeps, and one yearly review of them all. With none
    listed, nothing is claimed about the partnerships the school has: it commits to keep and grow a list."""
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
    kept = [(p["name"], _RHYTHMS[p["how_often"]]) for p in partners if p.get("how_often") in _RHYTHMS]
    # partners that meet equally often are named together: "A and B every week, and C every term"
    rhythms = {}
    for name, often in kept:
        rhythms.setdefault(often, []).append(in_sentence(name))
    rhythm = (
        [
            _commit(
                profile,
                rule,
                "engagement",
                "We will keep our partnerships meeting as often as they do now: {kept}."
                if len(kept) > 1
                else "We will keep our partnership with {kept}, as it does now.",
                kept=and_list(
                    [
                        item
                        for often, names in rhythms.items()
                        # a name with its own "and" keeps its rhythm to itself, or the list could not be read
                        for item in (
                            [f"{name} {often}" for name in names]
                            if any(" and " in name for name in names)
                            else [f"{and_list(names)} {often}"]
                        )
                    ]
                )
                if len(kept) > 1
                else f"{in_sentence(kept[0][0])} meeting {kept[0][1]}",
            )
        ]
        if kept
        else []
    )
    return (
        listed
        + rhythm
        + [
            _commit(
                profile,
                rule,
                "monitoring",
                _asked(profile, "our work with {partners}", families=True),
                partners=and_list([in_sentence(p["name"]) for p in partners]),
            )
        ]
    )


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
    pru_outreach,
    local_tensions,
    partnerships,
)


def commitments(profile: Profile) -> dict[str, list[Commitment]]:
    """Every place in the policy with the commitments the rules give this school (a place may be empty)."""
    made = [c for rule in RULES for c in rule(profile)]
    return {place: sorted((c for c in made if c.place == place), key=lambda c: not c.first) for place in PLACES}
