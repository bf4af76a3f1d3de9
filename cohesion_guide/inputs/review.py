"""Each content page says when it was last reviewed and when it is next due (as GOV.UK's tech docs do)."""

from __future__ import annotations

from datetime import date

from cohesion_guide.errors import MissingReview
from cohesion_guide.inputs.dates import long_date, parse_date


def status(meta: dict, today: date) -> dict:
    """From a page's front matter, the dates to show and whether the page is overdue."""
    try:
        last = parse_date(meta["last_reviewed"])
        due = parse_date(meta["review_due"])
    except KeyError as err:
        raise MissingReview(
            f"the front matter has no {err.args[0]}. Every page needs 'last_reviewed: YYYY-MM-DD' "
            "and 'review_due: YYYY-MM-DD' between the --- lines at its top."
        ) from None
    except ValueError as err:
        raise MissingReview(f"a review date is not a date written as YYYY-MM-DD ({err}).") from None
    if due < last:
        raise MissingReview(f"review_due ({due}) is before last_reviewed ({last}).")
    return {"last": long_date(last), "due": long_date(due), "due_iso": due.isoformat(), "overdue": today > due}
