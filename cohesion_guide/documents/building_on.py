"""A suggested action that builds on what the school already has, never one that asks it to start it again.

Three things a profile or an audit may already record: a link abroad (a partnership of kind "international"), a link
with another school that a faith link can grow from, and the part of a practice the audit found in place (its
"where"). An action then names what is there and asks only for what is not.
"""

from __future__ import annotations

import re

from cohesion_guide.documents.commitments import and_list
from cohesion_guide.documents.partner_links import linked_name
from cohesion_guide.inputs.profiles import Profile


def partners_of(profile: Profile, kind: str) -> list[str]:
    return [linked_name(p["name"]) for p in profile.data.get("partnerships") or [] if p["kind"] == kind]


def groups_word(profile: Profile) -> str:
    """What a link widens to: classes in a special school or for young children, else year groups."""
    return "classes" if profile.phase_group == "special" or profile.young_children else "year groups"


def link_abroad(profile: Profile, pupils: str) -> str | None:
    """Northgate's 'Build a link with a school or community abroad', beside its year 9 exchange with a lycée."""
    abroad = partners_of(profile, "international")
    if not abroad:
        return None
    return (
        f"Build on our link with {and_list(abroad)}: bring more {groups_word(profile)} into it, and plan a unit of "
        f"work in which {pupils} learn about the lives of people there."
    )


def faith_link_from_a_school_link(profile: Profile) -> str | None:
    """A faith school that already links with another school adds faith and belief to that link."""
    schools = partners_of(profile, "school")
    if not schools:
        return None
    return (
        f"Build on our link with {and_list(schools)}: add a visit to a place of worship of another faith, or a joint "
        "project on faith and belief, each year."
    )


_WORD = re.compile(r"[a-z']{5,}")


def _words(text: str) -> set[str]:
    return {w.removesuffix("'s").rstrip("s") for w in _WORD.findall(text.lower())}


def what_is_not_there(action: str, where: str | None) -> str:
    """The suggested action without a part the audit already found in place: 'Record children's choices and views in
    their learning journals, and ask families ...' beside 'Children's choices recorded in learning journals' asks
    only 'Ask families ...'. A part is there when three of its longer words are in the audit's words."""
    if not where:
        return action
    parts = action.rstrip(".").split(", and ")
    kept = [part for part in parts if len(_words(part) & _words(where)) < 3]
    if not kept or len(kept) == len(parts):
        return action
    said = ", and ".join(kept)
    # "Check that pupils new to English ... have planned support, and that their home languages are valued": a part
    # that leans on the first for its verb and its "their" cannot stand alone (fifth and sixth cold reads), so the
    # action is kept whole
    if re.match(r"(that|whether|how) ", kept[0]):
        return action
    return said[:1].upper() + said[1:] + "."
