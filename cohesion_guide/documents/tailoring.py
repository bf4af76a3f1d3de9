"""The tailoring rules: what a school's policy commits to because of who it is and where it is.

Each rule is one function of a Profile that returns the commitments it adds, and is written only
here. A rule reads the Profile's derived facts (profile.is_rural, profile.high_eal, ...) and never
compares figures itself: the thresholds live in inputs/profiles.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from cohesion_guide.inputs.profiles import Profile

# Where in the policy a commitment is printed. The template prints each list in its own place.
PLACES = (
    "legal_basis",        # introduction: how the duty applies to this kind of school
    "rationale",          # introduction: why this school does this work
    "school_community",   # our communities: the four dimensions...
    "local_community",
    "uk_community",
    "global_community",
    "school_links",       # ...and the networks of schools it belongs to
    "teaching",           # the three strands
    "equity",
    "engagement",
    "pupils",             # roles and responsibilities
    "parents",
    "monitoring",         # monitoring, evaluation and review
)

# Types of establishment whose governing bodies section 21 of the Education Act 2002 binds: the
# maintained schools. Others (academies, free schools, PRUs, ...) adopt the policy by choice.
MAINTAINED_TYPES = frozenset({
    "Community School", "Foundation School", "Voluntary Aided School", "Voluntary Controlled School",
    "Community Special School", "Foundation Special School", "LA Nursery School",
})


@dataclass(frozen=True)
class Commitment:
    """One thing the policy says the school will do. `text` is the project's own Markdown; a
    {name} in it is filled from `values` (the school's data), which is escaped when it is filled."""

    place: str
    text: str
    rule: str
    values: tuple[tuple[str, str], ...] = field(default=())
    first: bool = False  # printed before the rest of its place: what the school puts first

    def __post_init__(self):
        if self.place not in PLACES:
            raise ValueError(f"unknown place {self.place!r}; one of {', '.join(PLACES)}")


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _commit(rule: Callable, place: str, text: str, first: bool = False, **values: str) -> Commitment:
    return Commitment(place, text, rule.__name__, tuple(values.items()), first)


def legal_standing(profile: Profile) -> list[Commitment]:
    """A maintained school is bound by the duty; any other school adopts the policy by choice."""
    kind = profile.data["school"]["type"]
    if kind in MAINTAINED_TYPES:
        return [_commit(legal_standing, "legal_basis",
                        "As a maintained school ({type}), we are bound by this duty, and our governing body "
                        "answers for it.", type=kind)]
    return [_commit(legal_standing, "legal_basis",
                    "The duty is placed on the governing bodies of maintained schools. We are not a "
                    "maintained school ({type}), but our governors have chosen to adopt this policy and to hold "
                    "the school to the same standard.", type=kind)]


def monocultural_links(profile: Profile) -> list[Commitment]:
    """Most pupils share one ethnic background: the school must reach out to meet difference."""
    if not profile.is_monocultural:
        return []
    rule = monocultural_links
    return [
        _commit(rule, "engagement", first=True, text=(
            "Most of our pupils share one ethnic background, so we will set up and keep a lasting link with "
            "at least one school whose pupils come from different ethnic, faith or social backgrounds. Pupils "
            "from both schools will meet in person at least once a year, and work together online in between.")),
        _commit(rule, "teaching", (
            "We will bring the wider country into lessons: visitors from communities unlike our own, and "
            "planned units of work on the diversity of the UK, past and present.")),
        _commit(rule, "uk_community", (
            "Few of our pupils meet the full diversity of the UK in their daily lives, so this dimension "
            "depends on the links and visits we plan.")),
        _commit(rule, "monitoring", (
            "Each year we will ask pupils what they learnt from meeting people whose backgrounds differ from "
            "their own, and use their answers to plan the next year's links.")),
    ]


def diverse_relationships_first(profile: Profile) -> list[Commitment]:
    """A highly diverse intake: relationships inside the school and with every family come first."""
    if not profile.is_highly_diverse:
        return []
    rule = diverse_relationships_first
    return [
        _commit(rule, "engagement", first=True, text=(
            "Our first priority is the community inside our own school. We will plan for pupils of different "
            "backgrounds to learn, play and make friends together: in how we group classes, in clubs and in "
            "pupil leadership roles.")),
        _commit(rule, "parents", first=True, text=(
            "We will make sure families from every part of our community feel welcome and are heard, with "
            "parents' meetings and events at times and in places that suit them, and a parent voice that "
            "reflects the make-up of the school.")),
        _commit(rule, "equity", (
            "Each term we will look at prejudice-related incidents, bullying and exclusions by ethnic group, "
            "and act quickly on any sign of tension between groups of pupils or families.")),
    ]


def faith_rationale(profile: Profile) -> list[Commitment]:
    """A school with a religious character says why its faith leads it to this work, and reaches out."""
    if not profile.has_religious_character:
        return []
    rule = faith_rationale
    character = profile.data["school"]["religious_character"]
    return [
        _commit(rule, "rationale", (
            "We are a school with a {character} religious character. We promote community cohesion as an "
            "expression of the values of our faith, as our ethos statement sets them out, and not in spite of "
            "them: our foundation gives us a reason to reach out to people of other faiths and of none."),
            character=character),
        _commit(rule, "engagement", (
            "We will build links with schools and communities of other faiths and of none, so that our pupils "
            "meet and work with people whose beliefs differ from their own.")),
        _commit(rule, "teaching", (
            "Religious education will teach about a range of faiths and non-religious world views as well as "
            "our own, with respect for each.")),
        _commit(rule, "equity", (
            "Governors will consider each year how far our intake reflects the area we serve, and what our "
            "admission arrangements mean for that.")),
    ]


def rural_isolation(profile: Profile) -> list[Commitment]:
    """A rural school plans for distance: from other communities, and between its own families."""
    if not profile.is_rural:
        return []
    rule = rural_isolation
    return [
        _commit(rule, "engagement", (
            "Many of our pupils live far from communities very different from their own. We will plan for "
            "this with visits to towns and cities, a link with an urban school, and online projects with "
            "pupils elsewhere in the UK and abroad.")),
        _commit(rule, "equity", (
            "We will make sure that the cost of travel never stops a pupil from taking part in trips, links "
            "and activities beyond the school, and that pupils from outlying homes can stay for clubs.")),
        _commit(rule, "local_community", (
            "Our families are spread across a rural area around {town}, so we will open the school as a "
            "meeting place for families and local groups."), town=profile.data["location"]["town"]),
    ]


def eal_language_support(profile: Profile) -> list[Commitment]:
    """Many pupils learn English as an additional language: support in English, respect for home languages."""
    if not profile.high_eal:
        return []
    rule = eal_language_support
    languages = [lang for lang in profile.data["pupils"].get("home_languages", []) if lang.casefold() != "english"]
    reach = [_commit(rule, "parents", (
        "We will reach families in the languages they use at home, with key information translated, "
        "interpreters at meetings where they are needed, and English classes for parents that we host or "
        "point families to."))]
    if languages:
        reach = [_commit(rule, "parents", (
            "We will reach families in the languages they use at home (among them {languages}), with key "
            "information translated, interpreters at meetings where they are needed, and English classes for "
            "parents that we host or point families to."), languages=_and_list(languages))]
    return [
        _commit(rule, "teaching", (
            "Pupils learning English as an additional language will have planned support to reach the highest "
            "standard they can in English, and their home languages will be valued in class.")),
        _commit(rule, "equity", (
            "We will track the progress of pupils learning English as an additional language, at each stage "
            "of learning English, and act on any gap we find.")),
        *reach,
    ]


def fsm_barriers(profile: Profile) -> list[Commitment]:
    """Many pupils are eligible for free school meals: find and remove the barriers to taking part."""
    if not profile.high_fsm:
        return []
    rule = fsm_barriers
    return [
        _commit(rule, "equity", (
            "We will track the progress of pupils eligible for free school meals, and who takes part in "
            "clubs, trips, music and sport, and remove the barriers we find, such as cost, timing and transport.")),
        _commit(rule, "engagement", (
            "We will keep the cost of taking part in school life low, and give help to families who need it "
            "discreetly.")),
        _commit(rule, "monitoring", (
            "Governors will see each year how often pupils eligible for free school meals take part in clubs "
            "and trips, compared with their classmates.")),
    ]


def primary_pupil_voice(profile: Profile) -> list[Commitment]:
    """Nursery, primary and middle schools: a say suited to young children."""
    if profile.phase_group != "primary":
        return []
    return [_commit(primary_pupil_voice, "pupils", (
        "Pupils have a say through the school council, class discussions and jobs that give them "
        "responsibility, suited to their age, and we act on what they tell us."))]


def secondary_voice_and_work(profile: Profile) -> list[Commitment]:
    """Secondary, all-through and 16-plus: student leadership, citizenship debate and work-related links."""
    if profile.phase_group != "secondary":
        return []
    rule = secondary_voice_and_work
    return [
        _commit(rule, "pupils", (
            "Students have a real say: an elected student council, student leadership roles, and a part in "
            "reviewing this policy, including a yearly survey of how well students from different backgrounds "
            "get on.")),
        _commit(rule, "teaching", (
            "Citizenship lessons will give students room to discuss identity, diversity, rights and "
            "responsibilities, and to debate hard questions openly and safely.")),
        _commit(rule, "engagement", (
            "We will build work-related links with employers, colleges and voluntary organisations, "
            "including volunteering, so that students meet people from many backgrounds in the world of work.")),
    ]


def special_outreach(profile: Profile) -> list[Commitment]:
    """Special schools: every pupil's voice in their own way, and links with mainstream schools."""
    if profile.phase_group != "special":
        return []
    rule = special_outreach
    return [
        _commit(rule, "pupils", (
            "Every pupil will be helped to give their views in the way they communicate best, such as signing, "
            "symbols or assistive technology, and those views will count.")),
        _commit(rule, "engagement", (
            "We will run inclusion and outreach links with mainstream schools, so that our pupils and theirs "
            "learn and play together, and we will share our staff's expertise with other schools.")),
    ]


def pru_outreach(profile: Profile) -> list[Commitment]:
    """Pupil referral units: links back to pupils' schools and to the agencies around them."""
    if profile.phase_group != "pru":
        return []
    rule = pru_outreach
    return [
        _commit(rule, "pupils", (
            "Each pupil will have a say in their own plan and in how the unit is run, and we will ask every "
            "pupil who leaves us what helped and what did not.")),
        _commit(rule, "engagement", (
            "We will work closely with pupils' home schools and with local services, such as youth, health "
            "and social care, so that each pupil returns to school or moves on to education, training or work "
            "with links to their community.")),
        _commit(rule, "equity", (
            "We will watch which groups of pupils are placed with us and tell the local authority and schools "
            "about any sign that some groups are excluded more often than others.")),
    ]


_PARTNER_PLACES = {"school": "school_links", "community": "local_community", "international": "global_community"}


def partnerships(profile: Profile) -> list[Commitment]:
    """Each partnership under its dimension; with none, a commitment to make the first."""
    partners = profile.data.get("partnerships") or []
    rule = partnerships
    if not partners:
        return [_commit(rule, "engagement", (
            "We do not yet have a formal partnership with another school or a community organisation. "
            "Within the first year of this policy we will set one up, and report on it to governors."))]
    listed = [_commit(rule, _PARTNER_PLACES[p["kind"]], "**{name}**: {what}", name=p["name"], what=p["what"])
              for p in partners]
    return listed + [_commit(rule, "engagement", (
        "We will keep up the partnerships listed under Our communities, and ask each year what pupils gain "
        "from them."))]


# Every rule, in the order their commitments print within a place (after any marked `first`).
RULES: tuple[Callable[[Profile], list[Commitment]], ...] = (
    legal_standing, diverse_relationships_first, monocultural_links, faith_rationale, rural_isolation,
    eal_language_support, fsm_barriers, primary_pupil_voice, secondary_voice_and_work, special_outreach,
    pru_outreach, partnerships,
)


def commitments(profile: Profile) -> dict[str, list[Commitment]]:
    """Every place in the policy with the commitments the rules give this school (a place may be empty)."""
    made = [c for rule in RULES for c in rule(profile)]
    return {place: sorted((c for c in made if c.place == place), key=lambda c: not c.first) for place in PLACES}
