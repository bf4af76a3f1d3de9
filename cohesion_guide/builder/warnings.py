"""What Check your answers warns of without stopping anyone: answers that may each be right but are
unlikely together, judged against the reader's own today (the date in her browser). Only the builder's
check reads today's date; the documents never do, so a profile always makes the same policy."""

from __future__ import annotations

from datetime import date
from typing import Any

from cohesion_guide.builder.answers import profile_data
from cohesion_guide.inputs.dates import long_date

ADOPTION = ("document", "date_adopted")
CHANGE_ADOPTION = "Change the date or whether it has been approved"  # the warning's link to its page
STATUS = ("document", "status")


def warnings(answers: dict[str, Any], today: date, pages: list[dict]) -> list[dict[str, str]]:
    """[{"page", "message", "change" (its link's words)}]: a policy approved on a date still to come, or a draft whose adoption date has passed."""
    document = profile_data(answers).get("document") or {}
    try:
        adopted = date.fromisoformat(str(document.get("date_adopted", "")))
    except ValueError:
        return []  # no date, or one the check already reports
    status = document.get("status", "draft")
    when = long_date(adopted)
    if status == "approved" and adopted > today:
        message = (
            f"The policy will say it was adopted on {when}, which is after today. If it has not been adopted "
            "yet, say it is a draft; if it has, change the date to the day it was adopted."
        )
    elif status == "draft" and adopted < today:
        message = (
            f"The policy will say it is a draft to be adopted on {when}, which has passed. Change the date to "
            "when it will be adopted or, if it has been adopted, say so."
        )
    else:
        return []
    return [{"page": _page_of(ADOPTION, pages), "message": message, "change": CHANGE_ADOPTION}]


def _page_of(path: tuple, pages: list[dict]) -> str:
    return next(p["id"] for p in pages for q in p.get("fields", []) if q["path"] == list(path))
