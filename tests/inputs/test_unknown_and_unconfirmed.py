"""Unknown is an answer, and placeholders are never facts (issue 24): a profile may leave a figure out
or say "not known", and each value marked '# to check:' loads as Profile.unconfirmed (validation.py
reads the notes, profiles.py applies them)."""

from __future__ import annotations

import pytest

from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.profiles import load_profile
from cohesion_guide.inputs.validation import field_name, field_place, parse_yaml
from tests.inputs.test_profiles import BASE, edit, only, problems, write

# The essentials only: no pupils' figures at all.
NO_FIGURES = """\
school:
  name: Test Primary School
  phase: primary
  type: Community School
  religious_character: None
  local_authority: Exampleshire
location:
  town: Exampleton
  setting: urban
leads:
  governor: Chair of the Curriculum Committee
  staff: Deputy headteacher
document:
  approved_by: Full governing body
  date_adopted: 2026-09-01
"""


def test_a_profile_without_a_pupils_figure_loads_and_says_nothing_of_them(tmp_path):
    profile = load_profile(write(tmp_path, NO_FIGURES))
    assert profile.data["pupils"] == {}  # never 0
    assert not profile.high_eal and not profile.high_fsm
    assert profile.unconfirmed == {}


def test_pupils_without_eal_and_fsm_load_and_the_roll_alone_is_kept(tmp_path):
    text = edit("  eal_percent: 12.5\n  fsm_percent: 18\n", "", BASE)
    profile = load_profile(write(tmp_path, text))
    assert profile.data["pupils"]["number_on_roll"] == 200
    assert "eal_percent" not in profile.data["pupils"] and "fsm_percent" not in profile.data["pupils"]
    assert profile.high_eal is False and profile.high_fsm is False


@pytest.mark.parametrize("written", ["not known", "Not known", "NOT KNOWN", "  not   known ", '"Not Known"'])
def test_not_known_in_any_case_loads_as_absent(tmp_path, written):
    text = edit("  eal_percent: 12.5", f"  eal_percent: {written}", BASE)
    text = edit("  number_on_roll: 200", f"  number_on_roll: {written}", text)
    profile = load_profile(write(tmp_path, text))
    assert "eal_percent" not in profile.data["pupils"] and "number_on_roll" not in profile.data["pupils"]
    assert profile.data["pupils"]["fsm_percent"] == 18


@pytest.mark.parametrize("written", ["unknown", "don't know", "n/a", '"?"', "TBC", "not sure"])
def test_the_other_usual_ways_of_saying_not_known_load_as_absent_too(tmp_path, written):
    profile = load_profile(write(tmp_path, edit("  fsm_percent: 18", f"  fsm_percent: {written}", BASE)))
    assert "fsm_percent" not in profile.data["pupils"]


def test_anything_else_in_a_figure_is_refused_saying_not_known_is_allowed(tmp_path):
    p = only(problems(tmp_path, edit("  fsm_percent: 18", "  fsm_percent: about 18", BASE)))
    assert (p.line, p.field) == (14, "pupils.fsm_percent")
    assert p.message == "found 'about 18'; allowed: a number from 0 to 100, or not known"


def test_not_known_is_for_figures_only(tmp_path):
    # a school's name of "not known" is a name, and an ethnic group's share is left out when not known
    p = only(problems(tmp_path, edit("    pakistani: 20", "    pakistani: not known", BASE)))
    assert p.field == "pupils.ethnicity.pakistani" and "found 'not known'" in p.message


def test_the_loader_never_puts_a_zero_for_a_missing_figure(tmp_path):
    profile = load_profile(write(tmp_path, NO_FIGURES))
    assert 0 not in profile.data["pupils"].values()
    assert "local_area" not in profile.data


# Notes to check --------------------------------------------------------------------------------------

NOTED = """\
school:
  name: Test Primary School
  phase: primary  # to check: the register gives no phase; worked out from the age range 4 to 11
  type: Community School
  religious_character: "None"   # To Check: the register's value is not one we know
  local_authority: Exampleshire
location:
  town: Exampleton  # an ordinary comment is no note
  setting: urban
pupils:
  number_on_roll: 200  # to check:
  eal_percent: not known  # to check: the register does not give it: put the percentage
  fsm_percent: 18
  ethnicity:  # to check: last year's census
    white_british: 90
    indian: 10
  home_languages: [English, Gujarati]  # to check: from the office
leads:
  governor: Chair of governors  # to check: the import put a placeholder: put the governing body role
  staff: Headteacher
document:
  approved_by: Full governing body  # to check: the import put a placeholder: put who approves the policy
  date_adopted: 2026-09-01  # to check: the date of the import: put the date the governors adopt the policy
"""


def test_each_note_to_check_is_read_with_its_reason_in_the_files_order(tmp_path):
    profile = load_profile(write(tmp_path, NOTED))
    assert profile.unconfirmed == {
        "school.phase": "the register gives no phase; worked out from the age range 4 to 11",
        "school.religious_character": "the register's value is not one we know",
        "pupils.number_on_roll": "marked to check",
        "pupils.eal_percent": "the register does not give it: put the percentage",
        "pupils.ethnicity": "last year's census",
        "pupils.home_languages": "from the office",
        "leads.governor": "the import put a placeholder: put the governing body role",
        "document.approved_by": "the import put a placeholder: put who approves the policy",
        "document.date_adopted": "the date of the import: put the date the governors adopt the policy",
    }


def test_an_unconfirmed_figure_is_left_out_and_other_values_stay_for_the_documents_to_mark(tmp_path):
    profile = load_profile(write(tmp_path, NOTED))
    pupils = profile.data["pupils"]
    assert "number_on_roll" not in pupils and "ethnicity" not in pupils and "eal_percent" not in pupils
    assert pupils["fsm_percent"] == 18 and pupils["home_languages"] == ["English", "Gujarati"]
    assert profile.largest_ethnic_group is None  # a group of figures to check is no fact either
    assert profile.data["leads"]["governor"] == "Chair of governors"  # render.stated prints "to be confirmed"
    assert profile.data["school"]["phase"] == "primary"  # the rules still choose by it


def test_a_value_in_quotes_a_list_and_a_group_can_each_carry_a_note():
    loaded = parse_yaml(NOTED, "x.yml")
    assert loaded.notes[("school", "religious_character")].startswith("the register's value")
    assert loaded.notes[("pupils", "home_languages")] == "from the office"
    assert loaded.notes[("pupils", "ethnicity")] == "last year's census"
    assert ("location", "town") not in loaded.notes
    assert ("pupils", "ethnicity", "white_british") not in loaded.notes


def test_a_note_on_a_list_item_is_read_by_its_place():
    loaded = parse_yaml("leads:\n  others:\n  - SENCo  # to check: from the old policy\n  - PSHE lead\n", "x.yml")
    assert loaded.notes == {("leads", "others", 0): "from the old policy"}


def test_field_place_reads_field_name_back():
    for place in [("leads", "governor"), ("partnerships", 2, "name"), ("pupils", "ethnicity", "indian")]:
        assert field_place(field_name(place)) == place
    assert field_place("(the whole file)") == ()


def test_a_profile_with_notes_still_has_every_problem_reported(tmp_path):
    with pytest.raises(InvalidFile) as caught:
        load_profile(write(tmp_path, NOTED.replace("fsm_percent: 18", "fsm_percent: 180")))
    assert [p.field for p in caught.value.problems] == ["pupils.fsm_percent"]


def test_cohesion_new_and_the_import_write_the_note_the_loader_reads():
    from cohesion_guide.gias.write import NOTE
    from cohesion_guide.inputs.scaffold import TO_CHECK

    assert NOTE == TO_CHECK == "# to check:"
    loaded = parse_yaml(f"leads:\n  governor: Chair of governors  {TO_CHECK} a placeholder\n", "x.yml")
    assert loaded.notes == {("leads", "governor"): "a placeholder"}
