"""The evidence portfolio: what to keep for each of the three questions, and what a school already has.

Each item is in one state only: held, partly held, still to gather (the audit found nothing), or not yet
checked (there is no audit: the pack claims nothing about what the school keeps). An item that asks for one kind
of record (audit_practices.yml's `records`) is held when any of its practices in place keeps that kind of record:
a school council's minutes are not survey results. An item that names several things, each a practice of its own
("who uses our care, clubs and family learning, community use of our buildings and work with local agencies"), is
held only when the audit found every one of them in place; with some in place it is partly held, and says which
(the fourth cold read found one agency link standing for all three). The profile can hold an item, or part of it,
itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from cohesion_guide.documents.action_plan import in_own_terms, kinds_of
from cohesion_guide.documents.commitments import and_list
from cohesion_guide.documents.phase_words import phase_words
from cohesion_guide.inputs.audit import NOT_ASSESSED, STATUS_LABELS, Audit, catalogue, practice
from cohesion_guide.inputs.profiles import Profile

QUESTIONS = ("knowledge", "action", "impact")
HELD, PARTLY, TO_GATHER, NOT_CHECKED = "held", "partly", "to-gather", "not-checked"
STATE_LABELS = {HELD: "Already have", PARTLY: "Partly", TO_GATHER: "Still to gather", NOT_CHECKED: "Not yet checked"}


@dataclass(frozen=True)
class Source:
    """Something the school already has towards an item: the record where a practice can be seen (its audit's
    "where"), or a sentence about its profile."""

    text: str


@dataclass(frozen=True)
class EvidenceItem:
    id: str
    title: str
    state: str  # HELD, PARTLY, TO_GATHER or NOT_CHECKED
    sources: tuple[Source, ...] = ()  # what shows it is held, or partly

    @property
    def held(self) -> bool:
        return self.state == HELD

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    items: tuple[EvidenceItem, ...]

    @property
    def held(self) -> int:
        return sum(item.held for item in self.items)

    @property
    def partly(self) -> int:
        return sum(item.state == PARTLY for item in self.items)


def _for_kinds(raw: dict, kinds: tuple[str, ...]) -> dict:
    """An item as the file words it for the first of the school's kinds it has words for."""
    kind = next((k for k in kinds if k in (raw.get("for") or {})), None)
    return {**raw, **raw["for"][kind]} if kind else raw


def _pupil_figures(profile: Profile) -> tuple[str, tuple[Source, ...]]:
    """Which of ethnicity, home languages, faiths and free school meals the profile gives."""
    words = phase_words(profile)
    parts = {
        "ethnicity": bool(profile.ethnicity),
        "home languages": bool(profile.known("pupils.home_languages")),
        "faiths": bool(profile.known("pupils.faiths")),
        "free school meals": profile.known("pupils.fsm_percent") is not None,
    }
    given = [name for name, there in parts.items() if there]
    missing = [name for name, there in parts.items() if not there]
    if not given:
        return TO_GATHER, ()
    if not missing:
        return HELD, (Source(f"Our community profile gives our {words.pupils_own} {and_list(given)}."),)
    return PARTLY, (Source(f"Our community profile gives {and_list(given)}; still to add: {and_list(missing)}."),)


def _area_figures(area: dict) -> tuple[str, tuple[Source, ...]]:
    """Which of the area's ethnic make-up, English as an additional language and free school meals the profile
    gives: a ward's free school meals alone is part of the comparison, not all of it."""
    parts = {
        "ethnic make-up": bool(area.get("ethnicity")),
        "English as an additional language": area.get("eal_percent") is not None,
        "free school meals": area.get("fsm_percent") is not None,
    }
    given = [name for name, there in parts.items() if there]
    missing = [name for name, there in parts.items() if not there]
    if not given:
        return TO_GATHER, ()
    if not missing:
        return HELD, (Source(f"Our community profile gives figures for {area['name']}."),)
    return PARTLY, (
        Source(f"Our community profile gives {and_list(given)} for {area['name']}; still to add: {and_list(missing)}."),
    )


def _profile_source(profile: Profile, key: str | None) -> tuple[str, tuple[Source, ...]] | None:
    """What the profile itself shows for an item, whatever the audit says."""
    data = profile.data
    if key == "pupil-figures":
        return _pupil_figures(profile)
    if key == "local_area" and data.get("local_area"):
        return _area_figures(data["local_area"])
    if key == "partnerships" and data.get("partnerships"):
        names = and_list([p["name"] for p in data["partnerships"]])
        return PARTLY, (
            Source(
                f"Our community profile names our partners ({names}); we still need a record of what we do with each."
            ),
        )
    return None


def _counts(where: str | None, records: list[str]) -> bool:
    """Whether a practice's record is the kind this item asks for (any record, when the item names none)."""
    if not records:
        return True
    return bool(where) and any(word.lower() in where.lower() for word in records)


def _one_kind_of_record(audit: Audit, ids: list[str], records: list[str]) -> tuple[list[Source], list[Source]]:
    """The records of that kind in place, and partly in place: any one of them is this item's evidence."""
    held, partly = [], []
    for pid in ids:
        entry = audit.entry(pid)
        if entry is None or not _counts(entry.where, records):
            continue
        if entry.status == "in-place":
            held.append(Source(entry.where or "recorded in our audit"))
        elif entry.status == "partly":
            partly.append(Source(entry.where or "recorded in our audit"))
    return held, partly


def _every_part(profile: Profile, audit: Audit, ids: list[str]) -> tuple[list[Source], list[Source]]:
    """Each practice is a part of the item: all in place holds it (their records shown); some in place or partly in
    place holds part of it, and then each part says how far it is in place, so no one part stands for the rest."""
    if not ids:
        return [], []
    entries = [audit.entry(pid) for pid in ids]
    status = [entry.status if entry else NOT_ASSESSED for entry in entries]
    if all(s == "in-place" for s in status):
        return [Source(entry.where or "recorded in our audit") for entry in entries], []
    if not any(s in ("in-place", "partly") for s in status):
        return [], []
    if len(ids) == 1:
        return [], [Source(entries[0].where or "recorded in our audit")]
    kinds = kinds_of(profile)
    parts = []
    for pid, entry, said in zip(ids, entries, status, strict=True):
        title = in_own_terms(profile, practice(pid).for_kinds(kinds).title)
        seen = f" Seen in: {entry.where.rstrip('.')}." if entry and entry.where and said != "not-yet" else ""
        parts.append(Source(f"{STATUS_LABELS[said]}: {title}.{seen}"))
    return [], parts


def portfolio(profile: Profile, audit: Audit) -> list[Question]:
    """The three questions, each with the evidence to keep, in the words for this kind of school, and what the
    school already has: what its audit found in place (and where), or what its profile gives. Without an audit,
    only what the profile gives is marked; the rest is not yet checked."""
    kinds = kinds_of(profile)
    out = []
    for question in catalogue()["evidence"]:
        items = []
        for base in question["items"]:
            raw = _for_kinds(base, kinds)
            ids, records = raw.get("practices", []), raw.get("records") or []
            held, partly = _one_kind_of_record(audit, ids, records) if records else _every_part(profile, audit, ids)
            from_profile = _profile_source(profile, raw.get("profile"))
            if held:
                state, sources = HELD, (*(from_profile[1] if from_profile and from_profile[0] == HELD else ()), *held)
            elif from_profile and from_profile[0] == HELD:
                state, sources = from_profile
            elif partly or (from_profile and from_profile[0] == PARTLY):
                state, sources = PARTLY, (*(from_profile[1] if from_profile else ()), *partly)
            else:
                state, sources = (TO_GATHER if audit.exists else NOT_CHECKED), ()
            items.append(EvidenceItem(raw["id"], in_own_terms(profile, raw["title"]), state, tuple(sources)))
        out.append(Question(question["question"], in_own_terms(profile, question["title"]), tuple(items)))
    return out
