"""The tailoring rules: what a school's policy commits to because of who it is and where it is.

Each rule is one function of a Profile that returns the commitments it adds, and is written only
here. A rule reads the Profile's derived facts (profile.is_rural, profile.high_eal, ...) and never
compares figures itself: the thresholds live in inputs/profiles.py. The words for the accountable
body come from inputs/governance.py, the words for pupils from documents/phase_words.py, and the
law from documents/legal_basis.py. Every sentence here that depends on a fact is in a rule that checks it.
"""

from __future__ import annotations

from collections.abc import Callable

from cohesion_guide.documents import legal_basis
from cohesion_guide.documents.commitments import PLACES, Commitment, and_list
from cohesion_guide.documents.commitments import commit as _plain_commit
from cohesion_guide.documents.phase_words import phase_words
from cohesion_guide.inputs.governance import governance
from cohesion_guide.inputs.profiles import SEND_NEEDS, Profile
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
    return local_area or ward or profile.data["location"]["town"]


def _home_places(profile: Profile) -> str:
    """Where pupils live: the school's town, or, where they come from a wide area (a special school, a wide
    catchment), their own towns and villages or neighbourhoods."""
    if profile.phase_group == "special" or profile.wide_catchment:
        return "their own towns and villages" if profile.is_rural else "their own neighbourhoods"
    return profile.data["location"]["town"]


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
    group, share = profile.largest_ethnic_group
    return [
        _commit(
            profile,
            rule,
            "engagement",
            first=True,
            text=(
                "Most of our {pupils} share one ethnic background ({group}, " + _share(share) + "), so we will keep "
                "a lasting link with at least one school whose {pupils} come from different ethnic, faith or social "
                "backgrounds, and our {pupils} will meet theirs in person at least once a year."
            ),
            group=ethnic_group_label(group),
        ),
        _commit(  # the link above says why: few pupils meet the UK's diversity in daily life
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


def _asked(profile: Profile, what: str, families: bool = False) -> str:
    """Each year, what pupils (and, where a partner may work with them, families) gained from `what`, asked in
    a way that suits the pupils."""
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


def faith_rationale(profile: Profile) -> list[Commitment]:
    """A school with a religious character: its character, its own ethos statement quoted, and reaching out.
    Faith content comes only from the profile: the religious character, the ethos statement and families' faiths."""
    if not profile.has_religious_character:
        return []
    rule = faith_rationale
    school = profile.data["school"]
    gov = governance(profile)
    out = []  # the character itself is in the policy's first sentence (phase_words)
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
            + (
                "to towns and cities, and online projects."  # the mono-cultural rule already keeps a link with a school
                if profile.is_monocultural
                else "to towns and cities, a link with an urban school, and online projects."
            ),
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
                else "Our families are spread across a rural area around {town}, so we will open the school as a "
                "meeting place for them and for local groups."
            ),
            town=profile.data["location"]["town"],
        ),
    ]


def wide_catchment(profile: Profile) -> list[Commitment]:
    """Pupils come from a wide area (often by school transport): families far from the school and each other."""
    if not profile.wide_catchment:
        return []
    rule = wide_catchment
    transported = profile.data["location"]["catchment"] == "transported"
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
        _commit(
            profile,
            rule,
            "parents",
            "We will hold meetings with families at times and places they can reach, some online."
            if profile.phase_group == "pru"  # a short placement: families are not asked to meet each other
            else "We will hold family events at times families can reach, some online, and help families who live "
            "near one another to meet.",
        ),
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
            + _share(profile.data["pupils"]["eal_percent"])
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
    if (
        profile.high_eal or not languages or profile.data["pupils"].get("eal_percent") == 0
    ):  # unknown: the languages say
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
    if profile.phase_group == "special":  # how each pupil communicates is the special school's own commitment
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
            + _share(profile.data["pupils"]["fsm_percent"])
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
            "on what they tell us.",
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
            "{pupils} from different backgrounds get on.",
        ),
        _commit(
            profile,
            rule,
            "teaching",
            "In citizenship lessons, {pupils} will debate rights and responsibilities, openly and safely.",
        ),
        _commit(
            profile,
            rule,
            "engagement",
            "We will build links with employers, colleges and voluntary organisations, and give {pupils} chances "
            "to volunteer.",
        ),
    ]


def special_outreach(profile: Profile) -> list[Commitment]:
    """Special schools: disability and cohesion, links with mainstream schools, and a place in the community."""
    if profile.phase_group != "special":
        return []
    rule = special_outreach
    needs = profile.send_needs
    who = " Our {pupils} include {pupils} with " + and_list([SEND_NEEDS[n] for n in needs]) + "." if needs else ""
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
            first=True,
            text="We will run links with mainstream schools, so that our {pupils} and theirs learn, play and celebrate "
            "together.",
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
    named = " for " + and_list([SEND_NEEDS[n] for n in needs]) if needs else ""
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


def communication(profile: Profile) -> list[Commitment]:
    """Pupils who communicate without speech or with support: their views in the way they communicate best."""
    if not profile.communication_needs:
        return []
    needs = set(profile.send_needs)
    languages = {lang.casefold() for lang in profile.data["pupils"].get("home_languages", [])}
    ways = []
    if "hi" in needs or "british sign language" in languages:
        ways.append("signing, including British Sign Language")
    if needs & {"sld", "pmld", "msi", "asd"}:
        ways.append("symbols, pictures and objects of reference")
    if needs & {"pmld", "msi"}:
        ways.append("touch, sound and responses observed by staff who know them well")
    if needs & {"slcn", "pmld", "sld"}:
        ways.append("communication aids and assistive technology")
    ways = ways or ["the way each communicates best"]
    return [
        _commit(
            profile,
            communication,
            "pupils",
            (
                "Every {pupil} will be helped to give their views in the way they communicate best"
                + (": " + "; ".join(ways) if len(ways) > 1 else ", such as " + ways[0])
                + ". Those views will count."
            ),
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


_PARTNER_PLACES = {"school": "school_links", "community": "local_community", "international": "global_community"}


def partnerships(profile: Profile) -> list[Commitment]:
    """Each partnership under its dimension; with none, a commitment to make the first."""
    partners = profile.data.get("partnerships") or []
    rule = partnerships
    gov = governance(profile)
    if not partners:
        return [
            _commit(
                profile,
                rule,
                "engagement",
                "We do not yet have a formal partnership with another school or a community organisation. "
                "Within the first year of this policy we will set one up.",
                body=gov.oversight,
            )
        ]
    listed = [
        _commit(profile, rule, _PARTNER_PLACES[p["kind"]], "**{name}**: {what}", name=p["name"], what=p["what"])
        for p in partners
    ]
    return listed + [
        _commit(
            profile,
            rule,
            "monitoring",
            _asked(profile, "our work with {partners}", families=True),
            partners=and_list([p["name"] for p in partners]),
        )
    ]


# Every rule, in the order their commitments print within a place (after any marked `first`).
RULES: tuple[Callable[[Profile], list[Commitment]], ...] = (
    legal_basis.statements,
    school_aims,
    diverse_relationships_first,
    monocultural_links,
    faith_rationale,
    rural_isolation,
    wide_catchment,
    eal_language_support,
    families_new_to_english,
    fsm_barriers,
    primary_pupil_voice,
    secondary_voice_and_work,
    special_outreach,
    resourced_provision,
    communication,
    complex_needs_learning,
    pru_outreach,
    partnerships,
)


def commitments(profile: Profile) -> dict[str, list[Commitment]]:
    """Every place in the policy with the commitments the rules give this school (a place may be empty)."""
    made = [c for rule in RULES for c in rule(profile)]
    return {place: sorted((c for c in made if c.place == place), key=lambda c: not c.first) for place in PLACES}
