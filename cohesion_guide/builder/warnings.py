"""What Check your answers warns of without stopping anyone, against the reader's own today (the date in her
browser): the adoption date and status that are unlikely together (inputs/adoption.py, which `cohesion policy`
reads too), linked to the page that asks them."""

from __future__ import annotations

from datetime import date
from typing import Any

from cohesion_guide.builder.answers import profile_data
from cohesion_guide.inputs.adoption import adoption_warning

ADOPTION = ("document", "date_adopted")
CHANGE_ADOPTION = "Change the date or whether it has been approved"  # the warning's link to its page
STATUS = ("document", "status")


def warnings(answers: dict[str, Any], today: date, pages: list[dict]) -> list[dict[str, str]]:
    """[{"page", "message", "change" (its link's words)}]: a policy approved on a date still to come, or a draft whose adoption date has passed."""
    message = adoption_warning(profile_data(answers).get("document") or {}, today)
    if message is None:
        return []
    return [{"page": _page_of(ADOPTION, pages), "message": message, "change": CHANGE_ADOPTION}]


def _page_of(path: tuple, pages: list[dict]) -> str:
    return next(p["id"] for p in pages for q in p.get("fields", []) if q["path"] == list(path))
