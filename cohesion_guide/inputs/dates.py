"""Dates as the guide shows them (GOV.UK style, '1 September 2007'), and review-date checks."""

from __future__ import annotations

from datetime import date


def long_date(value: date | str) -> str:
    """2007-09-01 -> '1 September 2007'."""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day.day} {day:%B %Y}"


def parse_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def review_every(years: int) -> str:
    """How often a policy is reviewed, as the policy says it: 'every year', 'every 2 years'."""
    return "every year" if years == 1 else f"every {years} years"
