"""Check your answers warns, without stopping anyone, of a policy approved on a day still to come and of a
draft whose adoption date has passed, against the reader's own today; the documents never read today."""

from __future__ import annotations

import json

import pytest

from cohesion_guide.builder import calls
from tests.builder.strategies import EXAMPLES, example_answers, state

TODAY = "2026-12-07"


def warned(day: str, month: str, year: str, status: str | None, today: str = TODAY) -> list[dict]:
    given = example_answers(EXAMPLES[0])
    given["document"]["date_adopted"] = {"day": day, "month": month, "year": year}
    given["document"].pop("status", None)
    if status is not None:
        given["document"]["status"] = status
    return json.loads(calls.check_warnings(json.dumps(state(given)), today))


def test_approved_on_a_date_still_to_come_is_warned_of():
    assert warned("20", "1", "2027", "approved") == [
        {
            "page": "document",
            "message": "The policy will say it was adopted on 20 January 2027, which is after today. If it has not "
            "been adopted yet, say it is a draft; if it has, change the date to the day it was adopted.",
            "change": "Change the date or whether it has been approved",
        }
    ]


@pytest.mark.parametrize("status", ["draft", None])  # a policy with no status is a draft
def test_a_draft_whose_adoption_date_has_passed_is_warned_of(status):
    [warning] = warned("15", "10", "2026", status)
    assert warning["message"].startswith(
        "The policy will say it is a draft to be adopted on 15 October 2026, which has passed."
    )


@pytest.mark.parametrize(
    "day, month, year, status",
    [
        ("15", "10", "2026", "approved"),  # adopted in the past
        ("7", "12", "2026", "approved"),  # adopted today
        ("7", "12", "2026", "draft"),  # to be adopted today
        ("20", "1", "2027", "draft"),  # to be adopted later
        ("31", "2", "2027", "approved"),  # not a date: the check says so, not a warning
        ("", "", "", "approved"),
    ],
)
def test_dates_that_fit_the_status_or_are_not_dates_give_no_warning(day, month, year, status):
    assert warned(day, month, year, status) == []


def test_the_warning_follows_the_readers_today_and_a_today_that_is_not_a_date_gives_none():
    assert warned("20", "1", "2027", "approved", today="2027-02-01") == []
    assert warned("20", "1", "2027", "approved", today="") == []
    assert json.loads(calls.check_warnings('"abc"', TODAY)) == []


def test_a_warning_never_stops_the_policy_being_made(tmp_path):
    given = example_answers(EXAMPLES[0])
    given["document"].update(date_adopted={"day": "20", "month": "1", "year": "2099"}, status="approved")
    made = json.loads(calls.make_policy(json.dumps(state(given)), "."))
    assert made["problems"] == [] and "20 January 2099" in made["markdown"]
