"""Answers and the profile they describe: figures, blanks, ticked boxes and the three boxes of a date."""

from __future__ import annotations

import pytest

from cohesion_guide.builder.answers import answers_from, date_value, profile_data


def test_figures_are_read_as_numbers_and_anything_else_is_kept_as_typed():
    data = profile_data(
        {
            "pupils": {"number_on_roll": " 1,200 ", "eal_percent": "38.5%", "fsm_percent": "twelve"},
            "school": {"urn": "012345", "name": "  Hillside  "},
            "context": "One.  \r\n\r\nTwo.  ",
        }
    )
    assert data == {
        "school": {"name": "Hillside", "urn": "012345"},
        "pupils": {"number_on_roll": 1200, "eal_percent": 38.5, "fsm_percent": "twelve"},
        "context": "One.\n\nTwo.\n",
    }


def test_a_blank_answer_is_left_out_never_written_as_zero():
    assert (
        profile_data(
            {
                "school": {"name": " ", "send_needs": []},
                "pupils": {"eal_percent": "", "fsm_percent": "  ", "faiths": "\n \n"},
                "local_area": {"name": ""},
                "partnerships": [{"name": ""}],
                "document": {"date_adopted": {"day": "", "month": "", "year": ""}},
            }
        )
        == {}
    )


def test_ticked_boxes_are_a_list_of_the_values_chosen():
    data = profile_data({"school": {"send_needs": ["sld", "asd"], "communication": ["Eye gaze"]}})
    assert data == {"school": {"send_needs": ["sld", "asd"], "communication": ["Eye gaze"]}}
    assert answers_from(data) == {"school": {"send_needs": ["sld", "asd"], "communication": ["Eye gaze"]}}


@pytest.mark.parametrize(
    "boxes",
    [
        {"day": "20", "month": "1", "year": "2027"},
        {"day": "20", "month": "Jan", "year": "2027"},
        {"day": "20", "month": "january", "year": "2027"},
        {"day": "20/01/2027", "month": "", "year": ""},
        {"day": "", "month": "20.1.2027", "year": ""},
        {"day": "", "month": "", "year": "20 January 2027"},
        {"day": "2027-01-20", "month": "", "year": ""},
    ],
)
def test_a_date_is_understood_from_its_boxes_or_whole_in_any_one_of_them(boxes):
    assert date_value(boxes) == "2027-01-20"


@pytest.mark.parametrize(
    "boxes, kept",
    [
        ({"day": "31", "month": "2", "year": "2027"}, "31/2/2027"),
        ({"day": "20", "month": "", "year": "2027"}, "20//2027"),
        ({"day": "20", "month": "1", "year": "27"}, "20/1/27"),
    ],
)
def test_a_date_that_is_not_one_is_kept_as_typed_for_the_check_to_report(boxes, kept):
    assert date_value(boxes) == kept


def test_a_profiles_date_fills_the_three_boxes():
    assert answers_from({"document": {"date_adopted": "2026-09-01"}}) == {
        "document": {"date_adopted": {"day": "1", "month": "9", "year": "2026"}}
    }
