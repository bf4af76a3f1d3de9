"""An adoption date and status that may each be right but are unlikely together, judged against a today the
caller gives: the builder's Check your answers (the reader's browser date) and `cohesion policy` (the machine's)
warn of them without stopping anyone. The documents never read today's date, so a profile always makes the same
policy."""

from __future__ import annotations

from datetime import date
from typing import Any

from cohesion_guide.inputs.dates import long_date


def adoption_warning(document: dict[str, Any], today: date) -> str | None:
    """A policy approved on a date still to come, or a draft whose adoption date has passed; None otherwise."""
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
