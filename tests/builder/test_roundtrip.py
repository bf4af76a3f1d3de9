"""A profile uploaded and downloaded again: its name, comments and key order kept, only changed answers changed."""

from __future__ import annotations

import difflib
import json

import pytest

from cohesion_guide.builder import calls
from tests.builder.strategies import EXAMPLES

IMPORTED = """\
# Hillside Primary School
# A profile made from the national register of schools.
school:
    name: Hillside Primary School
    urn: 123456
    phase: primary
    type: Community School   # as the register has it
    religious_character: None
    local_authority: Exampleshire
location:
    town: Exampleton
    setting: urban
pupils:
    number_on_roll: 210
leads:
    governor: Chair of governors  # to check: a placeholder: put the governing body role that leads this work
    staff: Headteacher  # to check: a placeholder: put the staff role that leads this work
# Who approves the policy
document:
    approved_by: Full governing body
    date_adopted: 2026-12-04
partnerships:
- name: Hill Farm
  kind: community
  what: Visits.
"""


def round_trip(text: str, name: str, change) -> tuple[str, str]:
    read = json.loads(calls.read_profile(text, name))
    change(read["state"]["answers"])
    written = json.loads(calls.profile_text(json.dumps(read["state"])))
    return written["name"], written["text"]


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_uploaded_and_downloaded_unchanged_is_the_same_file(path):
    text = path.read_text(encoding="utf-8")
    assert round_trip(text, path.name, lambda a: None) == (path.name, text)


def test_a_line_diff_shows_only_the_answers_changed():
    def change(a):
        a["pupils"]["number_on_roll"] = "215"
        a["location"]["ward"] = "Hill"
        a["leads"]["governor"] = "Chair of the curriculum committee"
        a["document"]["date_adopted"] = {"day": "20/01/2027"}
        a["partnerships"][0]["how_often"] = "termly"

    name, text = round_trip(IMPORTED, "hillside-primary (1).yml", change)
    assert name == "hillside-primary (1).yml"
    assert changed_lines(IMPORTED, text) == [
        "+    ward: Hill",
        "-    number_on_roll: 210",
        "+    number_on_roll: 215",
        "-    governor: Chair of governors  # to check: a placeholder: put the governing body role that leads this work",
        "+    governor: Chair of the curriculum committee",
        "-    date_adopted: 2026-12-04",
        "+    date_adopted: 2027-01-20",
        "+  how_often: termly",
    ]


def test_an_answer_cleared_is_removed_and_the_comment_below_it_kept():
    name, text = round_trip(IMPORTED, "hillside.yml", lambda a: a["leads"].update(staff=""))
    assert changed_lines(IMPORTED, text) == [
        "-    staff: Headteacher  # to check: a placeholder: put the staff role that leads this work"
    ]
    assert "# Who approves the policy\ndocument:" in text
