"""The status block's list of values still to be confirmed (Profile.unconfirmed), each with its reason in the words
of the governors, trustees or management committee who read it: never the import's, the register's column names or
a program's."""

from __future__ import annotations

import re
from typing import Any

from cohesion_guide.documents.phase_words import authority_place, place_of
from cohesion_guide.documents.review_cycle import CYCLE_FIELD
from cohesion_guide.inputs.profiles import Profile, field_schema
from cohesion_guide.inputs.validation import NOTE_WITHOUT_REASON, field_place

# What the status block calls a field, where the schema's title reads otherwise. The census figure is of pupils
# whose first language is known or believed to be other than English, which says nothing of their English.
STATUS_LABELS = {
    "leads.staff": "Staff lead",
    "document.approved_by": "Who approves the policy",
    "pupils.eal_percent": "Pupils whose first language is not English",
}


def status_label(name: str, gov: Any) -> str:
    """A field as the status block names it: "Lead governor", "Town, city or area"."""
    if name == "leads.governor":
        return f"Lead {gov.lead_member}"
    if name in STATUS_LABELS:
        return STATUS_LABELS[name]
    part, _ = field_schema(field_place(name))
    title = part.get("title") or name.rsplit(".", 1)[-1].replace("_", " ").capitalize()
    return re.sub(r"\s*\([^)]*\)$", "", title)  # "Governing body lead (a role)": the hint is for the question


# Why a value is to be confirmed, in governors' words: the notes the import and `cohesion new` write speak of
# placeholders, the import and the register's values, which a governor reading the policy has never met. "{body}"
# is who adopts the policy (gov.oversight): a unit's management committee, an academy's board or local governing body.
_REASONS = (
    (re.compile(r"^(?:the import put a placeholder|a placeholder put in)", re.I), "not yet given by the school"),
    (re.compile(r"^the date (?:of the import|the profile was started)", re.I), "not yet set by {body}"),
    (re.compile(r"^the register (?:does not give|gives no)", re.I), "not in the national register of schools"),
)
_REGISTER = re.compile(r"\bregister|\bextract\b", re.I)  # any other note on the register's value
_QUOTED = re.compile(r"\('(.*?)'\)")  # the import quotes the register's own value: "urban/rural value ('London')"
# Words a governor should not meet in the status block, from a note someone wrote by hand.
_SOFTWARE_WORDS = re.compile(r"\b(?:import|placeholder|profile|field|yaml|schema|value|column|extract)s?\b", re.I)
TO_BE_CHECKED = "to be checked by the school"


def plain_reason(note: str, gov: Any) -> str:
    """Why a value is to be confirmed, in governors' words: "the import put a placeholder: put the governing body
    role..." -> "not yet given by the school". A note that quotes the register's own value says what it was, as the
    command line does (fourth cold read: "the national register's value" left the clerk asking which); a value the
    register may have put in the wrong column is not repeated. A note someone wrote by hand keeps its first words,
    unless they are a program's words."""
    for pattern, reason in _REASONS:
        if pattern.search(note):
            return reason.format(body=gov.oversight)
    if _REGISTER.search(note):
        quoted = _QUOTED.search(note)
        if quoted and quoted.group(1).strip():
            return f"the national register gives “{quoted.group(1).strip()}”: please check"
        return "the national register's value: please check"
    first = re.split(r"[:;]\s", note, maxsplit=1)[0].strip().rstrip(".")
    return first if first and not _SOFTWARE_WORDS.search(first) and first != NOTE_WITHOUT_REASON else TO_BE_CHECKED


def to_confirm(profile: Profile, gov: Any) -> list[dict[str, str]]:
    """Every value still to be confirmed, as the status block lists it: [{label, reason}], in the file's order. A
    town still to confirm says what the body names instead (the local authority's area, phase_words.place_of), so
    the status block and the text agree. The review cycle has a line of its own, saying who suggests one
    (review_cycle.to_confirm)."""
    return [
        {
            "label": status_label(name, gov),
            "reason": plain_reason(note, gov) + _said_meanwhile(profile, name),
        }
        for name, note in profile.unconfirmed.items()
        if name != CYCLE_FIELD
    ]


def _said_meanwhile(profile: Profile, name: str) -> str:
    """For a town still to confirm, the place the policy names until then, when that is the authority's area."""
    authority = authority_place(profile.data["school"]["local_authority"])
    if name != "location.town" or place_of(profile) != authority:
        return ""
    return f"; until then this policy names our local authority's area, {authority}"
