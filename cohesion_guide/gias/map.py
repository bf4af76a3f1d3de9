"""Turn one GIAS establishment row (and its census figures) into a profile's register fields, or a reason to skip it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cohesion_guide.gias.census import CensusFigures, number
from cohesion_guide.gias.read import Row
from cohesion_guide.inputs.governance import ACADEMY, type_group
from cohesion_guide.inputs.schemas import schema

Path_ = tuple[str, ...]

# The profile fields the register (and census) fill in, in the order a new profile lists them.
# A re-import refreshes these and nothing else.
REGISTER_FIELDS: list[Path_] = [
    ("school", "name"),
    ("school", "urn"),
    ("school", "register_status"),
    ("school", "closure_reason"),
    ("school", "phase"),
    ("school", "type"),
    ("school", "trust"),
    ("school", "religious_character"),
    ("school", "diocese"),
    ("school", "local_authority"),
    ("school", "statutory_low_age"),
    ("school", "statutory_high_age"),
    ("school", "gender"),
    ("school", "nursery_provision"),
    ("school", "resourced_provision"),
    ("school", "send_needs"),
    ("location", "town"),
    ("location", "locality"),
    ("location", "ward"),
    ("location", "setting"),
    ("pupils", "number_on_roll"),
    ("pupils", "eal_percent"),
    ("pupils", "fsm_percent"),
    ("pupils", "ethnicity"),
]
# The fields the first version of the import's marker (v1) holds a fingerprint of, in its order.
V1_FIELDS: list[Path_] = [
    ("school", "name"),
    ("school", "urn"),
    ("school", "phase"),
    ("school", "type"),
    ("school", "religious_character"),
    ("school", "local_authority"),
    ("school", "statutory_low_age"),
    ("school", "statutory_high_age"),
    ("location", "town"),
    ("location", "ward"),
    ("location", "setting"),
    ("pupils", "number_on_roll"),
    ("pupils", "eal_percent"),
    ("pupils", "fsm_percent"),
    ("pupils", "ethnicity"),
]

# Why a row is not imported: key -> what the summary says.
SKIP_REASONS = {
    "no-urn": "no valid URN",
    "closed": "closed",
    "not-open-yet": "not open yet",
    "status-unknown": "open or closed not known",
    "independent": "independent or non-maintained",
    "outside-england": "outside England (overseas, offshore, Welsh, forces schools)",
    "not-a-school": "not a school (colleges, children's centres, other establishments)",
    "type-unknown": "type of establishment not recognised",
    "phase-unknown": "phase of education not known",
}

SPECIAL_TYPES = {
    "Community Special School",
    "Foundation Special School",
    "Academy Special Converter",
    "Academy Special Sponsor Led",
    "Free Schools Special",
}
PRU_TYPES = {
    "Pupil Referral Unit",
    "Academy Alternative Provision Converter",
    "Academy Alternative Provision Sponsor Led",
    "Free Schools - Alternative Provision",
}
SIXTEEN_PLUS_TYPES = {"Academy 16-19 Converter", "Academy 16-19 Sponsor Led", "Free Schools - 16-19"}
STATE_FUNDED_TYPES = (
    SPECIAL_TYPES
    | PRU_TYPES
    | SIXTEEN_PLUS_TYPES
    | {
        "Academy Converter",
        "Academy Sponsor Led",
        "City Technology College",
        "Community School",
        "Foundation School",
        "Free Schools",
        "LA Nursery School",
        "Studio Schools",
        "University Technical College",
        "Voluntary Aided School",
        "Voluntary Controlled School",
    }
)
# Every other type in the profile schema's list, by why it is skipped.
SKIPPED_TYPES = {
    "independent": {"Other Independent School", "Other Independent Special School", "Non-Maintained Special School"},
    "outside-england": {
        "British Schools Overseas",
        "Offshore Schools",
        "Welsh Establishment",
        "Service Childrens Education",
    },
    "not-a-school": {
        "Children's Centre",
        "Children's Centre Linked Site",
        "Further Education",
        "Higher Education Institutions",
        "Institution funded by other Government Department",
        "Miscellaneous",
        "Secure Units",
        "Sixth Form Centres",
        "Special Post 16 Institution",
    },
}
# GIAS's own files write some labels differently from its lookup list.
TYPE_ALIASES = {"localauthoritynurseryschool": "LA Nursery School"}
PHASES = {
    "nursery": "nursery",
    "primary": "primary",
    "middledeemedprimary": "middle",
    "middledeemedsecondary": "middle",
    "secondary": "secondary",
    "allthrough": "all-through",
    "16plus": "16-plus",
}
COUNTRIES_IN_ENGLAND = {"", "england", "unitedkingdom", "uk"}
PLACEHOLDER_RELIGIOUS_CHARACTER = "Does not apply"
DEFAULT_SETTING = "urban"  # most of England's pupils are at urban schools; the note says to check it
SHIFTED = "this school's row in the extract has more fields than the header, so this value may come from another column"
# A figure the register (and census) does not give: written so, with a note saying what to put in.
NOT_KNOWN = "not known"
# The register's words for "nothing here".
NOTHING = {"", "notapplicable", "doesnotapply", "none", "unknown", "notrecorded", "notknown", "0"}
# The register's statuses a profile keeps, as the schema spells them: its policy must warn of them.
CLOSING = ("Closed", "Open, but proposed to close")
# The register writes each need as "<census code> - <name>"; its older name for SEMH was BESD.
SEN_CODES = {"besd": "semh", "autism": "asd", "autisticspectrumdisorder": "asd"}
SEN_WORDS = [  # for a need written without its code: the first of these words in it
    ("profound", "pmld"),
    ("severe", "sld"),
    ("moderate", "mld"),
    ("specific", "spld"),
    ("social", "semh"),
    ("speech", "slcn"),
    ("hearing", "hi"),
    ("multisensory", "msi"),
    ("visual", "vi"),
    ("vision", "vi"),
    ("physical", "pd"),
    ("autis", "asd"),
]
SEN_COLUMNS = [f"SEN{n} (name)" for n in range(1, 14)]
# Words of a street address, which the register's Locality column sometimes holds instead of a place.
STREET_WORDS = {
    "street", "road", "lane", "avenue", "drive", "close", "way", "terrace", "crescent", "square", "place",
    "gardens", "walk", "row", "mews", "house", "court", "building", "buildings",
}  # fmt: skip
SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "at", "by", "upon", "with"}


def label_key(text: str) -> str:
    """GIAS labels compared loosely: 'Academy 16 to 19 sponsor led' and 'Academy 16-19 Sponsor Led' are one label."""
    return re.sub(r"[^a-z0-9]", "", text.casefold().replace(" to ", "-"))


@cache
def _labels(field_name: str) -> dict[str, str]:
    return {label_key(v): v for v in schema("profile")["properties"]["school"]["properties"][field_name]["enum"]}


def establishment_type(text: str) -> str | None:
    """The profile's spelling of a GIAS type of establishment, or None when it is not one."""
    key = label_key(text)
    return TYPE_ALIASES.get(key) or _labels("type").get(key)


def religious_character(text: str) -> str | None:
    if label_key(text) == "noreligiouscharacter":  # the census's way of writing GIAS's None
        return "None"
    return _labels("religious_character").get(label_key(text)) if text else None


def setting_of(text: str) -> str | None:
    """urban or rural from any of the classifications GIAS and the census have used, prefix or not."""
    words = set(re.findall(r"[a-z]+", text.casefold().replace("(england/wales)", "")))
    if ("urban" in words) != ("rural" in words):
        return "urban" if "urban" in words else "rural"
    return None


def looks_like_place(text: str) -> bool:
    """A town or ward name, not a web address, phone number or postcode that slid into the column."""
    return bool(text) and len(text) <= 120 and not re.search(r"://|www\.|@|\d{3}|^[A-Z]{1,2}\d", text)


@dataclass
class Mapped:
    """A school to import: its register fields and, for any field the register could not give, a note."""

    urn: str
    name: str
    fields: dict[Path_, Any]
    notes: dict[Path_, str] = field(default_factory=dict)

    @property
    def closing(self) -> str | None:
        """ "Closed" or "Open, but proposed to close" when the register says so, for the summary's warning."""
        return self.fields.get(("school", "register_status"))


def value_of(text: str) -> str:
    """A register value with its spaces tidied, or "" for the register's words for nothing."""
    text = " ".join(text.split())
    return "" if label_key(text) in NOTHING else text


def name_case(text: str) -> str:
    """A name the register writes in capitals, as a name is written: 'ST BENEDICT CATHOLIC ACADEMY
    TRUST' -> 'St Benedict Catholic Academy Trust'. A name in mixed case is kept as the register has it."""
    if not text.isupper():
        return text

    def word(index: int, w: str) -> str:
        if index and w.lower() in SMALL_WORDS:
            return w.lower()
        if w == "ST":  # Saint, not initials
            return "St"
        if not re.search(r"[AEIOUY]", w):  # CE, RC, CBT: initials
            return w
        return "-".join(part[:1] + part[1:].lower() for part in w.split("-"))

    return " ".join(word(i, w) for i, w in enumerate(text.split()))


def send_needs(row: Row) -> list[str]:
    """The needs the register lists (SEN1 to SEN13), as the profile's codes, in the schema's order."""
    found = set()
    for column in SEN_COLUMNS:
        text = value_of(row.get(column))
        if not text:
            continue
        code = label_key(text.split(" - ")[0]) if " - " in text else ""
        code = SEN_CODES.get(code, code)
        if code not in _needs():
            key = label_key(text)
            code = next((c for word, c in SEN_WORDS if word in key), "oth" if "other" in key else "")
        if code:
            found.add(code)
    return [code for code in _needs() if code in found]


@cache
def _needs() -> list[str]:
    return schema("profile")["properties"]["school"]["properties"]["send_needs"]["items"]["enum"]


def enum_value(field_name: str, text: str) -> str | None:
    """The profile's spelling of a register value for one of its choices ('SEN Unit' -> 'SEN unit'), or None."""
    return _labels(field_name).get(label_key(text)) if text else None


def locality_of(row: Row, town: str, authority: str) -> str | None:
    """The register's Locality when it names a place other than the town: not a street address, the
    county or the authority. None in a row longer than its header, where it may be another column."""
    locality = value_of(row.get("Locality"))
    if not locality or row.longer_than_header or not looks_like_place(locality) or locality[:1].isdigit():
        return None
    if set(re.findall(r"[a-z]+", locality.casefold())) & STREET_WORDS:
        return None
    others = {label_key(t) for t in (town, authority, row.get("County (name)"))}
    return None if label_key(locality) in others else locality


@dataclass(frozen=True)
class Skipped:
    urn: str
    name: str
    reason: str  # a key of SKIP_REASONS
    detail: str = ""


def status_reason(status: str) -> str | None:
    key = label_key(status)
    if key.startswith("open"):
        return None
    if key == "closed":
        return "closed"
    return "not-open-yet" if key.startswith("proposed") else "status-unknown"


def type_reason(kind: str | None) -> str | None:
    if kind is None:
        return "type-unknown"
    if kind in STATE_FUNDED_TYPES:
        return None
    return next((reason for reason, kinds in SKIPPED_TYPES.items() if kind in kinds), "type-unknown")


def phase_of(row: Row, kind: str) -> tuple[str | None, str]:
    """The profile phase and, when it had to be worked out, a note saying how."""
    if kind in SPECIAL_TYPES:
        return "special", ""
    if kind in PRU_TYPES:
        return "pru", ""
    if kind == "LA Nursery School":
        return "nursery", ""
    phase = PHASES.get(label_key(row.get("PhaseOfEducation (name)")))
    if phase:
        return phase, ""
    if kind in SIXTEEN_PLUS_TYPES:
        return "16-plus", ""
    low, high = number(row.get("StatutoryLowAge")), number(row.get("StatutoryHighAge"))
    if low is None or high is None:
        return None, ""
    by_age = (
        "nursery"
        if high <= 5
        else "16-plus"
        if low >= 16
        else "secondary"
        if low >= 11
        else "all-through"
        if high >= 16
        else "primary"
        if high <= 11
        else "middle"
    )
    return by_age, f"the register gives no phase; worked out from the age range {low:g} to {high:g}"


def map_row(row: Row, census: CensusFigures | None, closed_too: bool = False) -> Mapped | Skipped:
    """What one row of the extract becomes. Only organisation fields are read: never the head teacher's.
    A closed school is skipped, unless `closed_too` (its profile exists: it is told the school closed)."""
    urn, name = row.get("URN"), " ".join(row.get("EstablishmentName").split())
    if not re.fullmatch(r"\d{6}", urn):
        return Skipped(urn, name, "no-urn", f"line {row.line}: '{urn}'")
    status = row.get("EstablishmentStatus (name)")
    reason = status_reason(status)
    if reason == "closed" and closed_too:
        reason = None
    kind = establishment_type(row.get("TypeOfEstablishment (name)"))
    reason = reason or type_reason(kind)
    country = label_key(row.get("Country (name)"))
    if not reason and country not in COUNTRIES_IN_ENGLAND:
        reason = "outside-england"
    if reason:
        return Skipped(urn, name, reason, row.get("TypeOfEstablishment (name)") if reason == "type-unknown" else "")
    phase, phase_note = phase_of(row, kind)
    if phase is None:
        return Skipped(urn, name, "phase-unknown")
    authority = " ".join(row.get("LA (name)").split())
    out = Mapped(urn, name, {}, {})
    put = out.fields.__setitem__
    note = out.notes.__setitem__
    put(("school", "name"), name)
    put(("school", "urn"), urn)
    closing = next((value for value in CLOSING if label_key(value) == label_key(status)), None)
    put(("school", "register_status"), closing)
    put(
        ("school", "closure_reason"),
        (value_of(row.get("ReasonEstablishmentClosed (name)")) or None) if closing else None,
    )
    put(("school", "phase"), phase)
    if phase_note:
        note(("school", "phase"), phase_note)
    put(("school", "type"), kind)
    # a maintained foundation school's trust is no academy trust: only an academy's board answers for it
    trust = name_case(value_of(row.get("Trusts (name)"))) if type_group(kind) == ACADEMY else ""
    put(("school", "trust"), trust or None)
    put(("school", "local_authority"), authority)
    low, high = number(row.get("StatutoryLowAge")), number(row.get("StatutoryHighAge"))
    ages_known = (
        low is not None and high is not None and low == int(low) and high == int(high) and 0 <= low <= high <= 25
    )
    put(("school", "statutory_low_age"), int(low) if ages_known else None)
    put(("school", "statutory_high_age"), int(high) if ages_known else None)

    given = row.get("ReligiousCharacter (name)")
    character = religious_character(given) or (census and religious_character(census.denomination))
    if not character:
        character = PLACEHOLDER_RELIGIOUS_CHARACTER
        note(
            ("school", "religious_character"),
            f"the register's value ('{given}') is not a religious character; "
            "put the school's designation, or None if it has none",
        )
    put(("school", "religious_character"), character)
    put(("school", "diocese"), value_of(row.get("Diocese (name)")) or None)
    put(("school", "gender"), enum_value("gender", value_of(row.get("Gender (name)"))))
    put(("school", "nursery_provision"), enum_value("nursery_provision", row.get("NurseryProvision (name)")))
    # after the address, a longer row's columns may not line up: SEN provision is left out of it
    provision = None if row.longer_than_header else row.get("TypeOfResourcedProvision (name)")
    provision = enum_value("resourced_provision", provision or "")
    put(("school", "resourced_provision"), None if provision == "Not applicable" else provision)
    put(("school", "send_needs"), (None if row.longer_than_header else send_needs(row)) or None)

    town, ward = " ".join(row.get("Town").split()), " ".join(row.get("AdministrativeWard (name)").split())
    if not looks_like_place(town):
        note(
            ("location", "town"),
            f"the register gives no town{f' (it has {town!r})' if town else ''}; the local authority's name was put in",
        )
        town = authority
    elif row.longer_than_header:
        note(("location", "town"), SHIFTED)
    put(("location", "town"), town)
    put(("location", "locality"), locality_of(row, town, authority))
    put(("location", "ward"), ward if looks_like_place(ward) else None)
    if ward and looks_like_place(ward) and row.longer_than_header:
        note(("location", "ward"), SHIFTED)
    given = row.get("UrbanRural (name)")
    setting = setting_of(given) or (census and setting_of(census.urban_rural))
    if not setting:
        setting = DEFAULT_SETTING
        note(
            ("location", "setting"),
            f"the register's urban/rural value ('{given}') is not one the import knows; {DEFAULT_SETTING} was put in",
        )
    elif row.longer_than_header:
        note(("location", "setting"), SHIFTED)
    put(("location", "setting"), setting)

    _pupils(row, census, put, note)
    return out


def _pupils(row: Row, census: CensusFigures | None, put, note) -> None:
    """The pupils' figures; one the register and census do not give is written "not known" with a
    note, never as a number it is not (unknown is not zero)."""
    on_roll = number(row.get("NumberOfPupils"))
    if not on_roll and census and census.number_on_roll:
        on_roll = census.number_on_roll
    if not on_roll or on_roll != int(on_roll):
        put(("pupils", "number_on_roll"), NOT_KNOWN)
        note(("pupils", "number_on_roll"), "the register gives no number of pupils: put the number on roll")
    else:
        put(("pupils", "number_on_roll"), int(on_roll))

    eal = census.eal_percent if census else None
    put(("pupils", "eal_percent"), NOT_KNOWN if eal is None else eal)
    if eal is None:
        note(
            ("pupils", "eal_percent"),
            "the register does not give it: put the percentage of pupils with English "
            "as an additional language (or import again with --census)",
        )

    fsm = census.fsm_percent if census and census.fsm_percent is not None else number(row.get("PercentageFSM"))
    if fsm is None or fsm > 100:
        put(("pupils", "fsm_percent"), NOT_KNOWN)
        note(
            ("pupils", "fsm_percent"),
            "the register gives no free school meals figure: put the percentage "
            "of pupils eligible for free school meals",
        )
    else:
        put(("pupils", "fsm_percent"), round(fsm, 1))
    put(("pupils", "ethnicity"), census.ethnicity if census else None)
