"""When an action plan's actions fall due: school terms, and the day the plan counts from.

A plan counts from the latest of three days: the policy's date of adoption, the audit's date, and the day the plan
is made. Nothing falls due within half a term of that day, so the governors can approve a plan before any of it is
due, however late it is made. When the adoption date is still to be confirmed, every date counts terms from
adoption instead. The day the plan is made is today, or the day SOURCE_DATE_EPOCH gives (as reproducible builds
set it), and a test passes its own: the same inputs on the same day always make the same plan.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from cohesion_guide.inputs.audit import Audit
from cohesion_guide.inputs.dates import parse_date
from cohesion_guide.inputs.profiles import Profile

HALF_TERM = timedelta(days=42)  # nothing falls due sooner than this after the plan starts
TERMS_IN_A_YEAR = 3
# How soon an action is due, in terms counted from the plan's first term (0: that term). "termly" and
# "yearly" are tasks repeated each term or each year; "later" is for after the first year.
TERMS_AHEAD = {"now": 0, "next": 1, "year": 2}
# The last day of each term, roughly (dates vary by authority and year; the plan names the term).
TERM_ENDS = {"autumn": (12, 20), "spring": (3, 31), "summer": (7, 20)}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def made_on() -> date:
    """The day a plan is made: SOURCE_DATE_EPOCH's day when it is set (a reproducible build's date), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def term_of(day: date) -> tuple[str, int]:
    """The school term a date falls in: September to December is autumn, January to March spring,
    April to August summer (the summer holiday counts with the summer term)."""
    if day.month >= 9:
        return "autumn", day.year
    if day.month <= 3:
        return "spring", day.year
    return "summer", day.year


def term_after(term: tuple[str, int]) -> tuple[str, int]:
    season, year = term
    return {"autumn": ("spring", year + 1), "spring": ("summer", year), "summer": ("autumn", year)}[season]


def term_end(term: tuple[str, int]) -> date:
    month, day = TERM_ENDS[term[0]]
    return date(term[1], month, day)


def first_term(start: date) -> tuple[str, int]:
    """The first term whose end is at least half a term after `start`."""
    term = term_of(start)
    while term_end(term) - start < HALF_TERM:
        term = term_after(term)
    return term


@dataclass(frozen=True)
class Timeline:
    """When the plan starts, and its dates: in named terms from a known start, or in terms counted from adoption
    when the adoption date is still to be confirmed (start is None)."""

    start: date | None
    counted_from: str = "adoption"  # "adoption", "audit", "made" (the day the plan is made) or "unconfirmed"

    def term(self, n: int) -> tuple[str, int] | None:
        """The n-th term of the plan (0: its first), or None when terms count from an adoption still to confirm."""
        if self.start is None:
            return None
        term = first_term(self.start)
        for _ in range(n):
            term = term_after(term)
        return term

    def by_end_of(self, n: int) -> str:
        term = self.term(n)
        if term is None:
            return f"by the end of the {ORDINALS[n]} term after the policy is adopted"
        return f"by the end of the {term[0]} term {term[1]}"

    def termly(self) -> str:
        term = self.term(0)
        if term is None:
            return "each term, from the first term after the policy is adopted"
        return f"each term, from the {term[0]} term {term[1]}"

    def in_first_year(self, day: date) -> bool:
        """A date the plan's first year covers (any date does, when terms count from an adoption to confirm)."""
        return self.start is None or day <= term_end(self.term(TERMS_IN_A_YEAR - 1))

    def has_passed(self, day: date) -> bool:
        """A date no plan can keep: gone when the plan starts, or, for a plan that counts from the day it is drawn up,
        sooner than half a term after it, as the plan tells its governors (cold review: an own date a week away
        stood under "nothing is due within half a term")."""
        if self.start is None:
            return False
        return day < self.start + (HALF_TERM if self.counted_from == "made" else timedelta(0))

    def named(self, season: str) -> date | None:
        """The end of the first term of the plan in this season ("by the spring term", as a school may write)."""
        if self.start is None:
            return None
        for n in range(TERMS_IN_A_YEAR):
            if self.term(n)[0] == season.lower():
                return term_end(self.term(n))
        return None

    def when(self, when: str) -> str:
        if when == "yearly":
            return "every year, reported at the policy review"
        if when == "termly":
            return self.termly()
        return self.by_end_of(TERMS_AHEAD[when])


def plan_timeline(profile: Profile, audit: Audit, today: date | None = None) -> Timeline:
    """From the latest of the policy's adoption date, the audit's date and the day the plan is made (`today`, else
    made_on()); from adoption, in counted terms, when the adoption date is still to be confirmed (a placeholder is
    no date to plan from)."""
    if "document.date_adopted" in profile.unconfirmed:
        return Timeline(None, "unconfirmed")
    days = {"adoption": parse_date(profile.data["document"]["date_adopted"]), "made": today or made_on()}
    if audit.exists and audit.completed_on:
        days["audit"] = parse_date(audit.completed_on)
    counted_from = max(days, key=lambda name: (days[name], name != "made"))  # a tie is the named date's
    return Timeline(days[counted_from], counted_from)


def timescale(start: date | str, when: str) -> str:
    """'now' -> 'by the end of the autumn term 2026' for a plan starting on 1 September 2026; a plan
    adopted in December starts in the spring term, so nothing falls due within half a term."""
    return Timeline(parse_date(start)).when(when)
