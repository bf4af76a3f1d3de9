"""The builder's messages: GOV.UK's words, one per question, from the checks `cohesion validate` runs."""

from __future__ import annotations

import json
import re

import pytest

from cohesion_guide.builder import calls
from tests.builder.strategies import EXAMPLES, example_answers, state


def messages(change) -> dict[str, str]:
    given = example_answers(EXAMPLES[0])
    change(given)
    return {p["field"]: p["message"] for p in json.loads(calls.check(json.dumps(state(given))))}


def test_a_blank_form_asks_for_each_required_answer_by_name():
    found = json.loads(calls.check(json.dumps(state({}))))
    said = [p["message"] for p in found]
    assert said[:4] == [
        "Enter the school's name",
        "Enter the school's local authority",
        "Select the school's phase",
        "Select the type of school",
    ]
    assert "Enter the town, city or area" in said and "Enter the date the policy is adopted" in said
    assert not [m for m in said if re.search(r"[a-z]+_[a-z]+|\.yml|YYYY|GIAS|is missing", m)], said


def test_a_name_far_too_long_gets_one_limit_the_schemas():
    said = messages(lambda a: a["school"].update(name="x" * 200_000))
    assert said["school.name"] == "The school's name must be 200 characters or fewer"
    assert list(said) == ["school.name"]


@pytest.mark.parametrize(
    "boxes, said",
    [
        ({"day": "20", "month": "", "year": "2027"}, "The date the policy is adopted must include a month"),
        ({"day": "", "month": "", "year": "2027"}, "The date the policy is adopted must include a day and month"),
        ({"day": "31", "month": "2", "year": "2027"}, "The date the policy is adopted must be a real date"),
        ({"day": "20", "month": "1", "year": "27"}, "Year must include 4 numbers"),
        ({"day": "20", "month": "1", "year": "2300"}, "The date the policy is adopted must be between 1900 and 2199"),
    ],
)
def test_a_date_that_is_not_one_says_which_box_to_correct(boxes, said):
    assert messages(lambda a: a["document"].update(date_adopted=boxes))["document.date_adopted"] == said


def test_a_uk_date_typed_in_one_box_is_no_problem():
    assert "document.date_adopted" not in messages(lambda a: a["document"].update(date_adopted={"day": "20/01/2027"}))


@pytest.mark.parametrize(
    "field, value, said",
    [
        (
            "eal_percent",
            "120",
            "The percentage of pupils with English as an additional language must be between 0 and 100",
        ),
        ("number_on_roll", "12.5", "Enter the number of pupils on roll as a whole number, like 420"),
        ("number_on_roll", "lots", "Enter the number of pupils on roll, like 420"),
    ],
)
def test_figures_out_of_range_or_not_figures(field, value, said):
    assert messages(lambda a: a["pupils"].update({field: value}))[f"pupils.{field}"] == said


def test_a_urn_that_is_not_6_digits_says_so():
    assert messages(lambda a: a["school"].update(urn="12345"))["school.urn"] == "Enter the URN as 6 digits, like 123456"


def test_a_school_in_wales_is_told_plainly():
    said = messages(lambda a: a["school"].update(type="Welsh Establishment"))["school.type"]
    assert said.startswith("This looks like a school in Wales.")


def test_a_school_may_leave_out_every_figure_it_does_not_know():
    def unknown(a):
        for key in ("number_on_roll", "eal_percent", "fsm_percent"):
            a["pupils"][key] = ""
        a["pupils"]["ethnicity"] = {"pakistani": "40"}

    assert not [f for f in messages(unknown) if f.startswith("pupils")]
