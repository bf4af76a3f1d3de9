"""The builder's messages: GOV.UK's words, one per question, from the checks `cohesion validate` runs."""

from __future__ import annotations

import json
import re

import pytest

from cohesion_guide.builder import calls
from cohesion_guide.builder.answers import profile_data
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
    "typed", ["20/01/2027", "20 January 2027", "20th January 2027", "20th of January, 2027", "2027-01-20"]
)
def test_a_whole_date_typed_in_one_box_is_given_back_as_the_three_boxes_it_was_read_as(typed):
    given = example_answers(EXAMPLES[0])
    given["document"]["date_adopted"] = {"day": typed, "month": "", "year": ""}
    read = json.loads(calls.dates_read(json.dumps(state(given))))["answers"]
    assert read["document"]["date_adopted"] == {"day": "20", "month": "1", "year": "2027"}
    assert {k: v for k, v in read.items() if k != "document"} == {k: v for k, v in given.items() if k != "document"}


@pytest.mark.parametrize(
    "boxes",
    [
        {"day": "20", "month": "01", "year": "2027"},
        {"day": "31/02/2027"},
        {"day": "soon"},
        {"day": "", "month": "", "year": ""},
    ],
)
def test_dates_in_three_boxes_or_not_read_are_kept_as_typed(boxes):
    given = example_answers(EXAMPLES[0])
    given["document"]["date_adopted"] = boxes
    assert json.loads(calls.dates_read(json.dumps(state(given))))["answers"]["document"]["date_adopted"] == boxes


@pytest.mark.parametrize(
    "typed, said",
    [
        ("20.01.27", "Year must include 4 numbers"),
        ("32/01/2027", "The date the policy is adopted must be a real date"),
        ("next spring", "The date the policy is adopted must be a real date"),
    ],
)
def test_a_whole_date_in_one_box_that_cannot_be_read_says_why_not_which_boxes_are_empty(typed, said):
    assert messages(lambda a: a["document"].update(date_adopted={"day": typed}))["document.date_adopted"] == said


@pytest.mark.parametrize(
    "field, value, said",
    [
        (
            "eal_percent",
            "120",
            "The percentage of pupils with English as an additional language must be between 0 and 100",
        ),
        (
            "number_on_roll",
            "12.5",
            "Enter the number of pupils on roll as a whole number, like 420, or leave it blank if you do not know it",
        ),
        (
            "number_on_roll",
            "about 410",
            "Enter the number of pupils on roll as a whole number, like 420, or leave it blank if you do not know it",
        ),
        (
            "fsm_percent",
            "about 40",
            "Enter the percentage of pupils eligible for free school meals as a number, like 23, "
            "or leave it blank if you do not know it",
        ),
        (
            "fsm_percent",
            "40%%",
            "Enter the percentage of pupils eligible for free school meals as a number, like 23, "
            "or leave it blank if you do not know it",
        ),
    ],
)
def test_figures_out_of_range_or_not_figures(field, value, said):
    assert messages(lambda a: a["pupils"].update({field: value}))[f"pupils.{field}"] == said


def test_a_share_of_an_ethnic_group_that_is_not_a_number_asks_for_one_or_a_blank():
    said = messages(lambda a: a["pupils"].update(ethnicity={"pakistani": "about 40"}))["pupils.ethnicity.pakistani"]
    assert said == "Enter the percentage for Pakistani as a number, or leave it blank if you do not know it"


@pytest.mark.parametrize(
    "typed",
    [
        "unknown",
        "Unknown",
        "don't know",
        "Don’t know",
        "do not know",
        "not known",
        "N/A",
        "n/a",
        "NA",
        "?",
        "??",
        "not sure",
        "TBC",
        "to be confirmed",
        "Not known.",
    ],
)
def test_saying_a_figure_is_not_known_in_any_usual_way_is_an_answer(typed):
    def unknown(a):
        a["pupils"].update(number_on_roll=typed, eal_percent=typed, fsm_percent=typed)
        a["pupils"]["ethnicity"] = {"pakistani": "40", "indian": typed}

    assert not [f for f in messages(unknown) if f.startswith("pupils")]
    given = example_answers(EXAMPLES[0])
    unknown(given)
    data = profile_data(given)["pupils"]
    assert data["eal_percent"] == data["fsm_percent"] == data["number_on_roll"] == "not known"
    assert data["ethnicity"] == {"pakistani": 40}  # an ethnic group not known is left out


def test_a_required_group_left_out_of_a_file_names_each_of_its_questions_in_the_pages_order():
    read = json.loads(calls.read_profile("school:\n  name: Heaton Grove Primary School\n  phase: primary\n", "p.yml"))
    said = [(p["page"], p["message"]) for p in read["problems"]]
    assert said == [
        ("school", "Enter the school's local authority"),
        ("school-type", "Select the type of school"),
        ("school-faith", "Select the school's religious character"),
        ("location", "Enter the town, city or area"),
        ("location", "Select whether the school is in a town or the countryside"),
        ("leads", "Enter the governing body role that leads"),
        ("leads", "Enter the staff role that leads"),
        ("document", "Enter who approves the policy"),
        ("document", "Enter the date the policy is adopted"),
    ]
    made = json.loads(calls.make_policy(json.dumps({"answers": read["state"]["answers"], "source": None}), "."))
    assert [p["message"] for p in made["problems"]] == [m for _, m in said]
    assert not [m for _, m in said if re.search(r"Enter [A-Z]", m)]


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
