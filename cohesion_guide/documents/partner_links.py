"""The words for the links a school keeps up with its partners (partnerships[]), each with its own rhythm.

One sentence names every partner the profile lists, whether or not it gives how often they meet: a partner without
a rhythm is still a link the school keeps up. Partners that meet equally often are named together, so a rhythm is
said once ("every week"), never once for each of them.
"""

from __future__ import annotations

import re

from cohesion_guide.documents.commitments import and_list, in_sentence

# How often a partnership meets (partnerships[].how_often), as the policy says it keeps that rhythm; "occasionally"
# is no rhythm to keep.
RHYTHMS = {
    "weekly": "every week",
    "fortnightly": "every two weeks",
    "half-termly": "every half term",
    "termly": "every term",
    "yearly": "once a year",
}

# "Sheffield city-centre secondary school link (fictional)": the word before any note in brackets, in lower case only;
# a capital "Link" is part of a name ("Exampleton Youth Link"), which is never cut short (cold review)
_LINK_WORD = re.compile(r"\s+links?(?=(?:\s*\([^)]*\))?\s*$)")


def linked_name(name: str) -> str:
    """A partner's name after "our links with": a name that itself ends in "link" drops the word, so the sentence
    does not say "links with ... link" ('Sheffield city-centre secondary school link (fictional)' -> 'Sheffield
    city-centre secondary school (fictional)'); "The" inside a sentence is "the"."""
    shorter = _LINK_WORD.sub("", name).strip()
    return in_sentence(shorter or name)


def links_kept(partners: list[dict]) -> str:
    """Every partner, grouped by how often they meet, in the profile's order, and those without a rhythm last:
    'with A and B every week, and with C'.
    A group is said after "with" so that each rhythm plainly belongs to the names before it."""
    groups: dict[str, list[str]] = {}
    for partner in partners:
        groups.setdefault(RHYTHMS.get(partner.get("how_often"), ""), []).append(linked_name(partner["name"]))
    # the partners without a rhythm last, so that no rhythm seems to reach past its own names
    ordered = sorted(groups.items(), key=lambda group: not group[0])
    said = [" ".join(part for part in ("with", and_list(names), rhythm) if part) for rhythm, names in ordered]
    return and_list(said, serial=True)
