"""School profiles: load schools/<slug>.yml, check every rule, and work out the facts the documents use."""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.inputs.jurisdiction import nation_outside_england, refusal
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import Loaded, check, field_name, load_checked

# A profile's file name becomes part of the school's web address, so it is kept plain.
# A file name (without .yml or .md) that is also a web address: profiles, audits and case studies
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The thresholds behind the tailoring. The profile reference page states them; templates read the
# properties below and never compare figures themselves, so each rule is written once.
ETHNICITY_TOLERANCE = 2  # percentages rounded by hand may add up to a little over 100
MONOCULTURAL_FROM = 80  # largest single ethnic group, % of pupils, at or above which the intake is mono-cultural
DIVERSE_LARGEST_BELOW = 50  # a highly diverse intake has no group this large...
DIVERSE_GROUP_SIZE = 5  # ...and at least DIVERSE_GROUP_COUNT groups of this size or more
DIVERSE_GROUP_COUNT = 4
HIGH_EAL_FROM = 20  # national averages for EAL and FSM are both roughly 20-24 %
HIGH_FSM_FROM = 25

NO_RELIGIOUS_CHARACTER = frozenset({"None", "Does not apply"})
# "unclassified" is pupils whose ethnicity is not known: not a group, so never the largest one.
NOT_AN_ETHNIC_GROUP = "unclassified"
# What each phase is called on a page; the keys are the schema's enum (case studies use the same).
PHASE_LABELS = {
    "nursery": "Nursery",
    "infant": "Infant",
    "first": "First",
    "junior": "Junior",
    "primary": "Primary",
    "middle": "Middle",
    "secondary": "Secondary",
    "all-through": "All-through",
    "special": "Special",
    "pru": "Pupil referral unit",
    "16-plus": "16 plus",
}
PHASE_GROUPS = {
    "nursery": "primary",
    "infant": "primary",
    "first": "primary",
    "junior": "primary",
    "primary": "primary",
    "middle": "primary",
    "secondary": "secondary",
    "all-through": "secondary",
    "16-plus": "secondary",
    "special": "special",
    "pru": "pru",
}
ETHNICITY_FIELDS = (("pupils", "ethnicity"), ("local_area", "ethnicity"))
YOUNG_UP_TO = 7  # a school whose oldest pupils are this age or younger teaches young children only
NURSERY_UP_TO = 3  # a school that takes children of this age or younger has a nursery
YOUNG_PHASES = frozenset({"nursery", "infant"})
PRIMARY_UP_TO = 11  # the oldest pupils of a primary school are this age; older ones are of secondary age
# The stages of compulsory education a phase's pupils are at, when the profile gives no statutory ages: a special
# school or a unit may teach either, so both; a nursery school's children are below compulsory school age.
PHASE_STAGES = {
    "nursery": frozenset(),
    "infant": frozenset({"primary"}),
    "first": frozenset({"primary"}),
    "junior": frozenset({"primary"}),
    "primary": frozenset({"primary"}),
    "middle": frozenset({"primary", "secondary"}),
    "secondary": frozenset({"secondary"}),
    "all-through": frozenset({"primary", "secondary"}),
    "16-plus": frozenset({"secondary"}),
    "special": frozenset({"primary", "secondary"}),
    "pru": frozenset({"primary", "secondary"}),
}
HAS_NURSERY_CLASSES = "Has Nursery Classes"  # the register's NurseryProvision (school.nursery_provision)
# A primary school whose name says infant ("Belgrave Gate Infant and Nursery School") teaches young children.
_INFANT_NAME = re.compile(r"\binfants?\b(?!.*\bjunior)", re.IGNORECASE)
HIGH_MOBILITY_FROM = 10  # % of pupils who joined during the school year: the action plan acts from here
LONG_JOURNEY_FROM = 30  # minutes each way: from here the policy plans around pupils' journeys
# The special educational needs a special school or resourced provision is for, as the school census
# names them (school.send_needs). Those in COMPLEX_NEEDS change how the policy speaks of pupils' voice
# and learning; those in COMMUNICATION_NEEDS mean pupils may communicate without speech or with support.
SEND_NEEDS = {
    "spld": "specific learning difficulty",
    "mld": "moderate learning difficulty",
    "sld": "severe learning difficulty",
    "pmld": "profound and multiple learning difficulty",
    "semh": "social, emotional and mental health needs",
    "slcn": "speech, language and communication needs",
    "hi": "hearing impairment",
    "vi": "vision impairment",
    "msi": "multi-sensory impairment",
    "pd": "physical disability",
    "asd": "autism",
    "oth": "other difficulty or disability",
}
COMPLEX_NEEDS = frozenset({"sld", "pmld", "msi"})
COMMUNICATION_NEEDS = COMPLEX_NEEDS | {"slcn", "hi", "asd"}
NO_RESOURCED_PROVISION = "Not applicable"
WIDE_CATCHMENTS = frozenset({"wide", "transported"})


@dataclass(frozen=True)
class Profile:
    """One school's checked profile. `data` follows profile.schema.json, with defaults filled in
    and `school.urn` (when given) always text.

    Unknown is not zero (DESIGN.md, decision 11): a figure the school or the register does not give
    is absent from `data`, never 0, and no sentence is built on it. `unconfirmed` names the fields
    whose value is still a placeholder someone must confirm (dotted, as messages name them, for
    example "leads.governor") with the note that says why: the documents print such a value as
    "to be confirmed", list it in the status block, and build no sentence on it alone."""

    slug: str
    path: Path
    data: dict[str, Any]
    unconfirmed: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.data["school"]["name"]

    @property
    def phase(self) -> str:
        return self.data["school"]["phase"]

    @property
    def phase_group(self) -> str:
        """'primary' (nursery, primary, middle), 'secondary' (secondary, all-through, 16-plus), 'special' or 'pru'."""
        return PHASE_GROUPS[self.phase]

    def known(self, dotted: str) -> Any:
        """A value the profile gives and no one has marked to confirm ("pupils.eal_percent"), else None:
        a figure that is absent or still a placeholder is unknown, and no rule may build on it."""
        if any(
            dotted == name or dotted.startswith(name + ".") or name.startswith(dotted + ".")
            for name in self.unconfirmed
        ):
            return None
        value: Any = self.data
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    @property
    def ethnicity(self) -> dict[str, float]:
        """The pupils' ethnic groups the profile gives (unclassified included); empty when it gives none."""
        return dict(self.known("pupils.ethnicity") or {})

    @property
    def ethnicity_complete(self) -> bool:
        """The groups given account for every pupil (100, give or take ETHNICITY_TOLERANCE): a school may give
        only the groups it knows, and then which group is largest, or how mixed the intake is, is not known."""
        return bool(self.ethnicity) and sum(self.ethnicity.values()) >= 100 - ETHNICITY_TOLERANCE

    @property
    def largest_ethnic_group(self) -> tuple[str, float] | None:
        """The largest group in pupils.ethnicity and its percentage; None when the profile gives no ethnic make-up,
        or gives only some groups and none of them is more than half (another group not given could be larger)."""
        groups = _groups(self.ethnicity)
        if not groups:
            return None
        largest = max(groups.items(), key=lambda item: (item[1], item[0]))
        return largest if self.ethnicity_complete or largest[1] > 50 else None

    @property
    def is_monocultural(self) -> bool:
        """The largest single ethnic group is MONOCULTURAL_FROM % of pupils or more (False without ethnicity)."""
        largest = self.largest_ethnic_group
        return largest is not None and largest[1] >= MONOCULTURAL_FROM

    @property
    def is_highly_diverse(self) -> bool:
        """No group reaches DIVERSE_LARGEST_BELOW %, and DIVERSE_GROUP_COUNT or more groups are DIVERSE_GROUP_SIZE % or
        more: only a complete make-up can show that no group is that large."""
        largest = self.largest_ethnic_group
        if not self.ethnicity_complete or largest is None or largest[1] >= DIVERSE_LARGEST_BELOW:
            return False
        sizeable = [p for p in _groups(self.ethnicity).values() if p >= DIVERSE_GROUP_SIZE]
        return len(sizeable) >= DIVERSE_GROUP_COUNT

    @property
    def has_religious_character(self) -> bool:
        return self.data["school"]["religious_character"] not in NO_RELIGIOUS_CHARACTER

    @property
    def is_rural(self) -> bool:
        return self.data["location"]["setting"] == "rural"

    @property
    def high_eal(self) -> bool:
        """HIGH_EAL_FROM % or more of pupils learn English as an additional language (False when not known)."""
        eal = self.known("pupils.eal_percent")
        return eal is not None and eal >= HIGH_EAL_FROM

    @property
    def high_fsm(self) -> bool:
        """HIGH_FSM_FROM % or more of pupils are eligible for free school meals (False when not known)."""
        fsm = self.known("pupils.fsm_percent")
        return fsm is not None and fsm >= HIGH_FSM_FROM

    @property
    def young_children(self) -> bool:
        """Every pupil is 7 or younger: a nursery or infant school (by its phase, or a primary by its name), or
        statutory ages up to YOUNG_UP_TO."""
        high = self.data["school"].get("statutory_high_age")
        if high is not None:
            return high <= YOUNG_UP_TO
        return self.phase in YOUNG_PHASES or (self.phase == "primary" and _INFANT_NAME.search(self.name) is not None)

    @property
    def stages(self) -> frozenset[str]:
        """Whether the school teaches pupils of primary age, of secondary age or both ("primary", "secondary"): from
        the statutory ages when the profile gives them (a pupil younger than 11 is of primary age, one older of
        secondary age), else from the phase; neither for a nursery school."""
        if self.phase == "nursery":
            return frozenset()
        low, high = self.data["school"].get("statutory_low_age"), self.data["school"].get("statutory_high_age")
        if low is None or high is None:
            return PHASE_STAGES[self.phase]
        return frozenset(
            stage for stage, taught in (("primary", low < PRIMARY_UP_TO), ("secondary", high > PRIMARY_UP_TO)) if taught
        )

    @property
    def has_nursery(self) -> bool:
        """The school takes children of NURSERY_UP_TO or younger: a nursery school, the register's "Has Nursery
        Classes", or the statutory lowest age."""
        low = self.data["school"].get("statutory_low_age")
        return (
            self.phase == "nursery"
            or self.data["school"].get("nursery_provision") == HAS_NURSERY_CLASSES
            or (low is not None and low <= NURSERY_UP_TO)
        )

    @property
    def mobility(self) -> float | None:
        """The share of pupils who joined during the school year, when the profile gives it (pupils.mobility_percent)."""
        return self.known("pupils.mobility_percent")

    @property
    def high_mobility(self) -> bool:
        """HIGH_MOBILITY_FROM % or more of pupils joined during the school year (False when not known)."""
        return self.mobility is not None and self.mobility >= HIGH_MOBILITY_FROM

    @property
    def long_journeys(self) -> bool:
        """Some pupils travel LONG_JOURNEY_FROM minutes or more each way (location.longest_journey_minutes)."""
        minutes = self.known("location.longest_journey_minutes")
        return minutes is not None and minutes >= LONG_JOURNEY_FROM

    @property
    def send_needs(self) -> list[str]:
        """The needs (SEND_NEEDS keys) the school or its resourced provision is for, as the profile lists them."""
        return list(self.data["school"].get("send_needs") or [])

    @property
    def has_resourced_provision(self) -> bool:
        return self.data["school"].get("resourced_provision", NO_RESOURCED_PROVISION) != NO_RESOURCED_PROVISION

    @property
    def complex_needs(self) -> bool:
        """Pupils with severe, profound and multiple, or multi-sensory learning difficulties (school.send_needs)."""
        return bool(COMPLEX_NEEDS & set(self.send_needs))

    @property
    def wide_catchment(self) -> bool:
        """Pupils come from a wide area, often by school transport (location.catchment)."""
        return self.data["location"].get("catchment") in WIDE_CATCHMENTS

    @property
    def international_links(self) -> bool:
        return any(p["kind"] == "international" for p in self.data.get("partnerships") or [])


def _groups(ethnicity: dict[str, float] | None) -> dict[str, float]:
    return {k: v for k, v in (ethnicity or {}).items() if k != NOT_AN_ETHNIC_GROUP}


_UNSPLIT_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D"}
)


def slug_for(text: str) -> str:
    """A file name (without .yml) made from a school's name: 'St Mary's C of E' -> 'st-marys-c-of-e'."""
    # letters that Unicode does not split into a plain letter and an accent (Polish ł, Danish ø, ...)
    text = text.translate(_UNSPLIT_LETTERS)
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    plain = plain.replace("'", "").replace("\u2019", "")
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def display_name(path: Path) -> str:
    """How a file is named in messages: relative to the current folder when it is inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def file_name_problems(path: Path, shown: str) -> list[Problem]:
    """A profile's file name must end in .yml and be a slug, since it becomes the school's web address."""
    path = Path(path)
    if path.suffix == ".yml" and SLUG.match(path.stem):
        return []
    better = (slug_for(path.stem) or "my-school") + ".yml"
    return [
        Problem(
            shown,
            1,
            "(the file name)",
            f"'{path.name}' cannot be used as a profile's name: it becomes part of the school's web address, "
            f"so use only lowercase letters, digits and hyphens, ending in .yml. Rename it, for example to {better}",
        )
    ]


def problems_in(loaded: Loaded) -> list[Problem]:
    """Every problem with a parsed profile: its shape, then the rules JSON Schema cannot express."""
    data = loaded.data
    if data is None:
        return [
            Problem(
                loaded.file,
                1,
                "(the whole file)",
                "is empty; a profile needs school, location, pupils, leads and document. "
                "Run `cohesion new` to start one, or copy an example from schools/",
            )
        ]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return [
            Problem(
                loaded.file,
                1,
                "(the whole file)",
                f"holds {kind}, but a profile is a group of fields: lines such as 'school:' and 'pupils:' "
                "at the start of the line, with their fields indented below them. Compare it with an example in schools/",
            )
        ]
    loaded = replace(loaded, data=without_not_known(data))
    return sorted(
        set(
            check(loaded, schema("profile"))
            + _ethnicity_problems(loaded)
            + _england_problems(loaded)
            + _age_problems(loaded)
        )
    )


# What a school writes for a figure it does not know, in any case: "not known" (the profile's own
# words) and the other ways people say so (unknown, don't know, n/a, ?, tbc). For a figure the schema
# marks x-not-known it is an answer, loaded as absent; `cohesion new` and the builder read it the same way.
NOT_KNOWN = re.compile(
    r"\s*(?:not\s+known|unknown|not\s+sure|(?:i\s+)?(?:do\s+not|don[’']?t)\s+know|n\s*/\s*a|n\.?a\.?|"
    r"not\s+available|tbc|to\s+be\s+confirmed|\?+)\s*[.!]?\s*",
    re.IGNORECASE,
)


NOT_KNOWN_ANSWER = "not known"  # how a profile records a figure the school does not know


def means_not_known(text: Any) -> bool:
    """Whether what was written for a figure says the school does not know it."""
    return isinstance(text, str) and NOT_KNOWN.fullmatch(text) is not None


def _not_known_places(data: Any, part: dict, root: dict, path: tuple = ()) -> list[tuple]:
    if not isinstance(data, dict):
        return []
    found = []
    for key, sub in part.get("properties", {}).items():
        sub = _resolved(sub, root)
        value = data.get(key)
        if sub.get("x-not-known") and means_not_known(value):
            found.append(path + (key,))
        elif isinstance(value, dict):
            found += _not_known_places(value, sub, root, path + (key,))
    return found


def _resolved(part: dict, root: dict) -> dict:
    ref = part.get("$ref")
    return root["$defs"][ref.rsplit("/", 1)[1]] if ref else part


def without_not_known(data: Any) -> Any:
    """The data with every figure written as "not known" left out, as if it had not been written."""
    root = schema("profile")
    places = _not_known_places(data, root, root)
    if not places:
        return data
    data = copy.deepcopy(data)
    for place in places:
        _drop(data, place)
    return data


def _drop(data: dict, place: tuple) -> None:
    for key in place[:-1]:
        data = data[key]
    data.pop(place[-1], None)


def field_schema(place: tuple) -> tuple[dict, bool]:
    """The schema of the field at `place` (("leads", "governor"), or with list positions) and whether
    its group requires it; ({}, False) for a place the schema does not have."""
    root = schema("profile")
    part, required = root, True
    for key in place:
        if isinstance(key, int):
            part, required = _resolved(part.get("items", {}), root), True
        else:
            required = key in part.get("required", [])
            part = _resolved(part.get("properties", {}).get(key, {}), root)
    return part, required


def _is_figure(place: tuple) -> bool:
    """Whether the field at `place` is a figure: a number, or a group of numbers (an ethnic make-up)."""
    root = schema("profile")
    part, _ = field_schema(place)
    if part.get("type") == "object":
        kinds = {_resolved(sub, root).get("type") for sub in part.get("properties", {}).values()}
    else:
        kinds = {part.get("type")}
    return bool(kinds) and kinds <= {"number", "integer"}


def _england_problems(loaded: Loaded) -> list[Problem]:
    """A school outside England is refused: the law its policy would state is not its own."""
    school = loaded.data.get("school")
    if not isinstance(school, dict):
        return []
    kind, authority = school.get("type"), school.get("local_authority")
    where = nation_outside_england(
        kind if isinstance(kind, str) else "", authority if isinstance(authority, str) else ""
    )
    if where is None:
        return []
    named = "type" if isinstance(kind, str) and nation_outside_england(kind, "") else "local_authority"
    return [Problem(loaded.file, loaded.line_of(("school", named)), f"school.{named}", refusal(where))]


def _age_problems(loaded: Loaded) -> list[Problem]:
    school = loaded.data.get("school")
    if not isinstance(school, dict):
        return []
    low, high = school.get("statutory_low_age"), school.get("statutory_high_age")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        return [
            Problem(
                loaded.file,
                loaded.line_of(("school", "statutory_high_age")),
                "school.statutory_high_age",
                f"is {high}, younger than statutory_low_age ({low}); allowed: an age at least as high as "
                "statutory_low_age. Check the two ages on the school's GIAS page",
            )
        ]
    return []


def ethnicity_total(figures: dict[str, Any]) -> float | None:
    """What an ethnic make-up's percentages add up to (rounded to 2 places), or None when a figure is
    not a number (that figure is reported itself, and a total would mislead)."""
    values = list(figures.values())
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return None
    return round(sum(values), 2)


def _ethnicity_problems(loaded: Loaded) -> list[Problem]:
    """A school gives the groups it knows (unknown is an answer, not a figure to invent): the rest of its
    pupils are simply not given. Only a total above 100, beyond rounding, cannot be right."""
    problems = []
    for where in ETHNICITY_FIELDS:
        section = loaded.data.get(where[0])
        figures = section.get(where[1]) if isinstance(section, dict) else None
        if not isinstance(figures, dict):
            continue  # missing is allowed; any other shape is the schema's to report
        total = ethnicity_total(figures)
        if total is not None and total > 100 + ETHNICITY_TOLERANCE:
            problems.append(
                Problem(
                    loaded.file,
                    loaded.line_of(where),
                    field_name(where),
                    f"the percentages add up to {total:g}; allowed: a total of at most 100 "
                    f"({100 + ETHNICITY_TOLERANCE} for rounding). Give only the groups you know: "
                    "the rest of the pupils are left as not given. Check each figure",
                )
            )
    return problems


def with_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of checked data with the schema's defaults filled in, the URN always as text, and a
    pupils group even when the profile gives no figure (unknown is not zero: the group may be empty)."""
    out = copy.deepcopy(data)
    out.setdefault("pupils", {})
    _fill(out, schema("profile"))
    if "urn" in out["school"]:
        out["school"]["urn"] = str(out["school"]["urn"])
    return out


def _fill(data: dict[str, Any], part: dict) -> None:
    for key, sub in part.get("properties", {}).items():
        if key not in data and "default" in sub:
            data[key] = copy.deepcopy(sub["default"])
        elif isinstance(data.get(key), dict):
            _fill(data[key], sub)


def load_profile(path: Path, display: str | None = None) -> Profile:
    """Read and check one profile; raise InvalidFile listing every problem found in it."""
    path = Path(path)
    shown = display or display_name(path)
    loaded = load_checked(path, shown, file_name_problems(path, shown), problems_in)
    return profile_from(loaded, path)


def profile_from(loaded: Loaded, path: Path) -> Profile:
    """The Profile of a checked file: "not known" figures left out, and each value still marked
    '# to check:' named in `unconfirmed`; an unconfirmed figure is left out too, as unknown."""
    data = without_not_known(loaded.data)
    unconfirmed = {}
    for place, note in sorted(loaded.notes.items(), key=lambda item: loaded.line_of(item[0])):
        # a figure written "not known" and marked to check is listed too: someone should find it out
        unconfirmed[field_name(place)] = note
        if _is_figure(place):
            data = copy.deepcopy(data) if data is loaded.data else data
            _drop(data, place)
    return Profile(slug=Path(path).stem, path=Path(path), data=with_defaults(data), unconfirmed=unconfirmed)


def profile_paths(folder: Path) -> list[Path]:
    """The profiles in a folder: every .yml file, and any .yaml file so that its name is reported, not skipped."""
    folder = Path(folder)
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])


def load_profiles(schools_dir: Path) -> list[Profile]:
    """Every profile in a folder, sorted by school name; one InvalidFile with the problems of all of them."""
    profiles, problems = [], []
    for path in profile_paths(schools_dir):
        try:
            profiles.append(load_profile(path))
        except InvalidFile as err:
            problems += err.problems
    if problems:
        raise InvalidFile(problems)
    return sorted(profiles, key=lambda p: (p.name.casefold(), p.slug))
