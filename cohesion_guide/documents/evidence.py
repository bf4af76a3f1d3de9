"""The evidence portfolio: what to keep for each inspection question, and what a school already has."""

from __future__ import annotations

from dataclasses import dataclass

from cohesion_guide.inputs.audit import Audit, catalogue, practice
from cohesion_guide.inputs.profiles import Profile

QUESTIONS = ("knowledge", "action", "impact")

# What in a profile already counts as evidence, and how the portfolio says so.
PROFILE_SOURCES = {
    "ethnicity": "The school's profile gives the pupils' ethnic make-up (see the community profile).",
    "local_area": "The school's profile gives figures for {name} (see the community profile).",
    "partnerships": "The school's profile lists its partnerships: {names}.",
}


@dataclass(frozen=True)
class Source:
    """Something the school already has towards an item: a practice in place (with where to find it) or its profile."""

    text: str  # what it is, e.g. the practice's title or a sentence about the profile
    where: str | None = None  # from the audit's "where"


@dataclass(frozen=True)
class EvidenceItem:
    id: str
    title: str
    sources: tuple[Source, ...]  # empty: still to gather
    partly: tuple[str, ...]  # titles of linked practices the audit marks as partly in place

    @property
    def held(self) -> bool:
        return bool(self.sources)


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    items: tuple[EvidenceItem, ...]

    @property
    def held(self) -> int:
        return sum(item.held for item in self.items)


def _profile_source(profile: Profile, key: str | None) -> Source | None:
    data = profile.data
    if key == "ethnicity" and data["pupils"].get("ethnicity"):
        return Source(PROFILE_SOURCES["ethnicity"])
    if key == "local_area" and data.get("local_area"):
        return Source(PROFILE_SOURCES["local_area"].format(name=data["local_area"]["name"]))
    if key == "partnerships" and data.get("partnerships"):
        names = ", ".join(p["name"] for p in data["partnerships"])
        return Source(PROFILE_SOURCES["partnerships"].format(names=names))
    return None


def portfolio(profile: Profile, audit: Audit) -> list[Question]:
    """The three questions, each with the evidence to keep, marked with what the school already has:
    a practice its audit says is in place (and where), or figures its profile gives."""
    out = []
    for question in catalogue()["evidence"]:
        items = []
        for raw in question["items"]:
            sources, partly = [], []
            for pid in raw.get("practices", []):
                status, entry = audit.status(pid), audit.entry(pid)
                if status == "in-place":
                    sources.append(Source(practice(pid).title, entry.where))
                elif status == "partly":
                    partly.append(practice(pid).title)
            found = _profile_source(profile, raw.get("profile"))
            if found:
                sources.insert(0, found)
            items.append(EvidenceItem(raw["id"], raw["title"], tuple(sources), tuple(partly)))
        out.append(Question(question["question"], question["title"], tuple(items)))
    return out
