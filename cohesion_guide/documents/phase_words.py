"""The words a school's documents use for its phase, its pupils' ages and its pupils.

One home for "an infant school for children aged 3 to 7", "students" for secondary schools and
numbers written with thousands separators. Reads the profile's phase, type and optional
statutory ages; the derived facts themselves (young children, ...) live in profiles.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cohesion_guide.inputs.governance import ACADEMY, type_group
from cohesion_guide.inputs.profiles import Profile

# The phase as a noun phrase, before "school" / "academy".
PHASE_NOUNS = {
    "nursery": "nursery",
    "infant": "infant",
    "first": "first",
    "junior": "junior",
    "primary": "primary",
    "middle": "middle",
    "secondary": "secondary",
    "all-through": "all-through",
    "special": "special",
    "16-plus": "sixth-form",
    "pru": "",
}
# Pupils of these phases are called students.
STUDENT_PHASES = frozenset({"secondary", "16-plus"})
SIXTEEN_TO_NINETEEN_TYPES = frozenset({"Academy 16-19 Converter", "Academy 16-19 Sponsor Led", "Free Schools - 16-19"})
ALTERNATIVE_PROVISION_TYPES = frozenset(
    {
        "Academy Alternative Provision Converter",
        "Academy Alternative Provision Sponsor Led",
        "Free Schools - Alternative Provision",
    }
)


@dataclass(frozen=True)
class PhaseWords:
    description: str  # "an infant school", "a Jewish primary school", "a pupil referral unit"
    pupils: str  # "pupils", "students" or "children"
    Pupils: str
    pupil: str  # "pupil", "student" or "child"
    Pupil: str
    place: str = ""  # where the school is: the register's locality when it gives one, else the town
    served: str = ""  # ", for children aged 3 to 7, with a nursery": whom the school teaches, when the profile says
    school: str = "school"  # what the school calls itself in a sentence: "school", "unit", "nursery", "academy"
    area: str = ""  # where the school works (its Prevent risk assessment, cohesion "in ..."): area_of

    @property
    def pupils_own(self) -> str:
        """The possessive: "pupils'", "students'", "children's"."""
        return self.pupils + ("'s" if self.pupils == "children" else "'")


def thousands(number: int | float) -> str:
    """1040 -> '1,040'; 38.5 -> '38.5'."""
    return f"{number:,}" if isinstance(number, int) else f"{number:,g}"


# Establishment types whose register name does not read well once lower-cased (type_words).
_TYPE_WORDS = {
    "LA Nursery School": "local authority nursery school",
    "Academy 16-19 Converter": "16 to 19 converter academy",
    "Academy 16-19 Sponsor Led": "16 to 19 sponsor-led academy",
    "Free Schools Special": "special free school",
    "Free Schools - Alternative Provision": "alternative provision free school",
    "Free Schools - 16-19": "16 to 19 free school",
}


def type_words(school_type: str) -> str:
    """The register's type of establishment as a sentence says it: 'Voluntary Aided School' -> 'voluntary aided
    school', 'Academy Sponsor Led' -> 'sponsor-led academy', 'Free Schools' -> 'free school'."""
    if school_type in _TYPE_WORDS:
        return _TYPE_WORDS[school_type]
    words = school_type.casefold().replace("sponsor led", "sponsor-led")
    if words.startswith("academy "):
        return words.removeprefix("academy ") + " academy"
    return re.sub(r"\bschools$", "school", words)


def with_article(words: str) -> str:
    """'infant school' -> 'an infant school'."""
    return ("an " if words[:1].lower() in "aeiou" and not words.startswith(("uni", "one")) else "a ") + words


# What a school's own name says it is, for a school the profile calls primary ("Belgrave Gate Infant and
# Nursery School" is an infant school, "St Mary's Junior School" a junior school).
_NAMED_PHASES = (
    ("infant", re.compile(r"\binfants?\b(?!.*\bjunior)", re.I)),
    ("junior", re.compile(r"\bjunior\b(?!.*\binfant)", re.I)),
    ("first", re.compile(r"\bfirst school\b", re.I)),
    ("middle", re.compile(r"\bmiddle school\b", re.I)),
)
JUNIOR_FROM = 7  # a primary school whose youngest pupils are 7 is a junior school


def phase_noun(profile: Profile) -> str:
    """The phase as a sentence names it: a primary school whose name or ages say infant or junior is called so."""
    if profile.phase == "primary":
        low = profile.data["school"].get("statutory_low_age")
        if profile.young_children:
            return "infant"
        if low is not None and low >= JUNIOR_FROM:
            return "junior"
        for noun, named in _NAMED_PHASES[1:]:
            if named.search(profile.name):
                return noun
    return PHASE_NOUNS[profile.phase]


def kind_of_school(profile: Profile) -> str:
    """'primary school', 'secondary academy', 'pupil referral unit', 'alternative provision academy', ..."""
    school = profile.data["school"]
    if school["type"] in ALTERNATIVE_PROVISION_TYPES:
        return "alternative provision academy" if "Academy" in school["type"] else "alternative provision free school"
    if profile.phase == "pru":
        return "pupil referral unit"
    if school["type"] in SIXTEEN_TO_NINETEEN_TYPES:  # in law not a school (legal_basis says so)
        return "16 to 19 free school" if school["type"].startswith("Free Schools") else "16 to 19 academy"
    noun = phase_noun(profile)
    if type_group(school["type"]) == ACADEMY:
        return f"{noun} free school" if school["type"].startswith("Free Schools") else f"{noun} academy"
    if profile.phase == "16-plus":
        return "sixth-form provider"
    return f"{noun} school"


def age_range(profile: Profile) -> str | None:
    """'aged 3 to 7' from the statutory ages, when the profile gives both."""
    low, high = profile.data["school"].get("statutory_low_age"), profile.data["school"].get("statutory_high_age")
    if low is None or high is None:
        return None
    return f"aged {low} to {high}"


def _calls_them_students(profile: Profile) -> bool:
    """The school's own words call its pupils students (a pupil referral unit for 11 to 16 year olds, say):
    "student" at least twice, and more than twice as often as "pupil", so its policy says students too."""
    return _says_students(profile.data.get("context") or "")


@lru_cache(maxsize=1024)  # every commitment asks for the school's words: read its context once
def _says_students(context: str) -> bool:
    students, pupils = (len(re.findall(rf"\b{word}s?\b", context, flags=re.I)) for word in ("student", "pupil"))
    return students >= 2 and students > 2 * pupils


def phase_words(profile: Profile) -> PhaseWords:
    """Students in secondary and 16-plus schools, and wherever the school's own context calls them so;
    children in nursery and infant schools, and wherever every pupil is 7 or younger; pupils everywhere else."""
    if profile.young_children:
        pupils = "children"
    elif profile.phase in STUDENT_PHASES or _calls_them_students(profile):
        pupils = "students"
    else:
        pupils = "pupils"
    kind = kind_of_school(profile)
    if profile.has_religious_character:
        kind = f"{profile.data['school']['religious_character']} {kind}"
    ages = age_range(profile)
    who = {"Girls": "girls", "Boys": "boys"}.get(profile.data["school"].get("gender"), pupils)
    served = f", for {who} {ages}" if ages else (f", for {who}" if who != pupils else "")
    if profile.has_nursery and profile.phase not in ("nursery", "special"):  # a special school's youngest: ages say it
        served += ", with a nursery"
    pupil = "child" if pupils == "children" else pupils[:-1]
    return PhaseWords(
        with_article(kind),
        pupils,
        pupils.capitalize(),
        pupil,
        pupil.capitalize(),
        place_of(profile),
        served,
        institution_noun(profile),
        area_of(profile),
    )


_OWN_NOUNS = ("school", "centre", "academy", "college")


def institution_noun(profile: Profile) -> str:
    """What the policy calls the institution in a sentence ("how well the unit includes their family"): a pupil
    referral unit is "the unit", and an alternative provision academy "the academy", unless its own name says
    school, centre, academy or college; a nursery school "the nursery"; a 16 to 19 academy, which in law is not a
    school, "the academy"; every other kind "the school"."""
    if profile.phase == "pru":
        named = next((noun for noun in _OWN_NOUNS if re.search(rf"\b{noun}\b", profile.name, re.I)), None)
        return named or ("academy" if profile.data["school"]["type"] in ALTERNATIVE_PROVISION_TYPES else "unit")
    if profile.phase == "nursery":
        return "nursery"
    if profile.data["school"]["type"] in SIXTEEN_TO_NINETEEN_TYPES:
        return "academy"
    return "school"


CAPITAL = "London"


def place_of(profile: Profile) -> str:
    """Where the school is: the register's locality (a village, or a part of a town) when the profile gives one and
    it is not merely the ward's name, else its town (town_of). A post town can be miles from a village school."""
    location = profile.data["location"]
    locality = location.get("locality")
    # a locality that is only the ward's name again says no more than the ward does: the town is the place
    if locality and locality.casefold() != (location.get("ward") or "").casefold():
        return locality
    return town_of(profile)


def area_of(profile: Profile) -> str:
    """Where the school works, as its Prevent risk assessment and its meaning of cohesion name it: where it is
    (place_of), or, for pupils who come from a wide area, "the area around" its town, as the policy's own local
    community sentence says (tailoring.wide_catchment): a locality is too narrow for such a school (fourth cold read)."""
    return f"the area around {town_of(profile)}" if profile.wide_catchment else place_of(profile)


def town_of(profile: Profile) -> str:
    """The town a school is in, which its admission area lies in and around: the register's town, except that a
    town still to be confirmed is no place to name (the authority's area is where the school surely is), and that
    the register's town for every school in Greater London is "London", where the borough (or the City of London)
    is the place its readers know and the one its Prevent risk assessment and its admissions cover."""
    borough = authority_place(profile.data["school"]["local_authority"])
    if "location.town" in profile.unconfirmed or in_london_borough(profile):
        return borough
    return profile.data["location"]["town"]


def in_london_borough(profile: Profile) -> bool:
    """Whether the register's (confirmed) town is "London", and the school's authority a London borough or the City
    of London, which the documents name in its place. One rule for every sentence (cold review: render decided it
    again, and built a London sentence on a town still to be confirmed)."""
    town = profile.data["location"]["town"]
    borough = authority_place(profile.data["school"]["local_authority"])
    return (
        "location.town" not in profile.unconfirmed
        and town.casefold() == CAPITAL.casefold()
        and borough.casefold() != CAPITAL.casefold()
    )


def authority_place(authority: str) -> str:
    """The authority as a place in a sentence: 'Barnsley Metropolitan Borough Council' -> 'Barnsley',
    'Bristol, City of' (as the register writes it) -> 'Bristol', 'City of York Council' -> 'the City of York',
    'Council of the Isles of Scilly' -> 'the Isles of Scilly'. A note in brackets stays at the end."""
    name, note = re.match(r"(.*?)\s*(\(.*\))?$", authority.strip()).groups()
    name = re.sub(r",\s*(?:city|county) of$", "", name, flags=re.I)
    name = re.sub(r"(?:\s+(?:metropolitan|county|city|borough|district))*\s+council$", "", name, flags=re.I)
    name = re.sub(r"^council of (?:the )?", "the ", name, flags=re.I)
    if re.match(r"(?:city|county|royal borough|london borough) of ", name, flags=re.I):
        name = "the " + name
    return f"{name} {note}" if note else name
