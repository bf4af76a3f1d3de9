"""An adoption date and status that may each be right but are unlikely together, judged against a today the
caller gives: the builder's Check your answers (the reader's browser date) and `cohesion policy` (the machine's)
warn of them without stopping anyone. A policy never reads today's date, so a profile always makes the same policy
(a self-evaluation pack's plan does: its dates count from the day it is made once adoption has passed, and
SOURCE_DATE_EPOCH fixes that day, documents/plan_dates.py). And a profile that does not say how often the policy is reviewed, which `cohesion policy` and
`cohesion validate` both warn of (inputs/advice.py): its policy says "to be confirmed" there."""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from typing import Any

from cohesion_guide.inputs.dates import long_date


def adoption_warning(document: dict[str, Any], today: date, unconfirmed: Container[str] = ()) -> str | None:
    """A policy approved on a date still to come, or a draft whose adoption date has passed; None otherwise, and
    None for a date still marked to check (`unconfirmed`, Profile.unconfirmed's names): the policy prints no such
    date, and the warning on the value to check already asks for the right one (fourth cold read, R06b)."""
    if "document.date_adopted" in unconfirmed:
        return None
    try:
        adopted = date.fromisoformat(str(document.get("date_adopted", "")))
    except ValueError:
        return None  # no date, or one the checks already report
    status = document.get("status", "draft")
    when = long_date(adopted)
    if status == "approved" and adopted > today:
        return (
            f"The policy will say it was adopted on {when}, which is after today. If it has not been adopted "
            "yet, say it is a draft; if it has, change the date to the day it was adopted."
        )
    if status == "draft" and adopted < today:
        return (
            f"The policy will say it is a draft to be adopted on {when}, which has passed. Change the date to "
            "when it will be adopted or, if it has been adopted, say so."
        )
    return None


def review_cycle_warning(document: dict[str, Any]) -> str | None:
    """A profile that does not say how often the policy is reviewed (document.review_cycle_years): its policy
    suggests a cycle and says "to be confirmed" there, so no one should adopt it as it is. None when it says; a
    cycle still marked to check is warned of with the other values to check."""
    if "review_cycle_years" in document:
        return None
    return (
        "the profile does not say how often the policy is reviewed, so the policy suggests a cycle and says "
        "'to be confirmed' there. When the governors have decided, add review_cycle_years under document: "
        "1, 2 or 3 (years)"
    )
