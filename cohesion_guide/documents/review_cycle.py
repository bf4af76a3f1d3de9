"""How often a school's policy is reviewed, and whose choice that is.

The school's own cycle (document.review_cycle_years) is its governors' decision, and the policy states it as theirs.
A profile that gives none (an import from the register leaves it out) takes the cycle local.yml suggests
(policies.review_cycle_years); the policy then says who suggests it, in words a governor knows (the school's own
authority, or the guide by its name: never "the guide this policy was made with", fourth cold read N8), and lists it among
the values the governors must confirm, never stating it as their own (third cold read, R14). An import writes the
local cycle marked to check, and the policy reads it as a cycle not yet set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cohesion_guide.documents.commitments import capital
from cohesion_guide.inputs.dates import review_every
from cohesion_guide.inputs.local_config import serves
from cohesion_guide.inputs.profiles import Profile

DEFAULT_CYCLE = 1  # years, when local.yml names no cycle either
CYCLE_LABEL = "How often the policy is reviewed"
CYCLE_FIELD = "document.review_cycle_years"
GUIDE = "the Community Cohesion Guide"  # the site's own name (mkdocs.yml site_name)


@dataclass(frozen=True)
class ReviewCycle:
    years: int
    every: str  # "every year", "every 2 years"
    suggested_by: str | None = None  # who suggests the cycle the governors have not set: None when they have

    @property
    def Suggested_by(self) -> str | None:
        return capital(self.suggested_by) if self.suggested_by else None


def review_cycle(profile: Profile, local: dict[str, Any]) -> ReviewCycle:
    """The cycle the policy states. `profile` is the profile as documents state it (a cycle still marked to check is
    already left out). A suggestion is the school's own authority's when local.yml is its authority's; otherwise
    the guide's, since another authority's usual cycle says nothing of this school's."""
    own = profile.data["document"].get("review_cycle_years")
    if own:
        return ReviewCycle(own, review_every(own))
    years = (local.get("policies") or {}).get("review_cycle_years", DEFAULT_CYCLE)
    return ReviewCycle(years, review_every(years), _who_suggests(profile, local))


def _who_suggests(profile: Profile, local: dict[str, Any]) -> str:
    """The school's own authority; else the guide, by its name. Another authority's name says nothing of this
    school's cycle, and in the demonstration copy it would put a fictional council into a real school's policy
    (fifth cold read)."""
    authority = local["authority"]["name"]
    if authority and serves(local, profile.data["school"]["local_authority"]):
        return authority
    return GUIDE


def to_confirm(cycle: ReviewCycle, oversight: str) -> list[dict[str, str]]:
    """The status block's line for a suggested cycle, in governors' words; none for the governors' own."""
    if not cycle.suggested_by:
        return []
    return [{"label": CYCLE_LABEL, "reason": f"{cycle.suggested_by} suggests {cycle.every}, for {oversight} to decide"}]
