"""The profile the builder writes for answers not read from a file: plain words about what it is and how to
open and upload it, only the answers, and each coded answer's words beside it; kept right on a round trip."""

from __future__ import annotations

import difflib
import json
import re

from cohesion_guide.builder import calls
from cohesion_guide.builder.profile_file import HEADER
from cohesion_guide.inputs.validation import parse_yaml
from tests.builder.strategies import EXAMPLES, example_answers, state


def written(given: dict) -> str:
    return json.loads(calls.profile_text(json.dumps(state(given))))["text"]


def special_school() -> dict:
    given = example_answers(EXAMPLES[2])
    given["school"].update(phase="pru", send_needs=["sld", "pmld"], communication=["Makaton", "Eye gaze"])
    given["location"]["setting"] = "urban"
    return given


def test_it_says_what_it_is_how_to_open_it_and_how_to_upload_it_again_and_no_tool_advice():
    text = written(special_school())
    assert text.startswith(HEADER)
    for words in ("Make your school's policy", "Notepad", "any other", "text editor", "Upload a profile"):
        assert words in HEADER
    assert "$schema" not in text and "yaml-language-server" not in text and "cohesion validate" not in text
    assert not re.search(r"\bGIAS\b|Statutory\w+|TypeOf\w+|Allowed:", text)


def test_each_coded_answer_has_its_plain_words_at_the_end_of_its_line():
    text = written(special_school())
    assert "  phase: pru  # Pupil referral unit (short-stay school)\n" in text
    assert "  setting: urban  # In a town or city\n" in text
    assert (
        "  send_needs: [sld, pmld]  # Severe learning difficulty; Profound and multiple learning difficulty\n" in text
    )
    assert "  communication: [Makaton, Eye gaze]\n" in text  # already words: no note repeats them
    assert "  type: Community Special School\n" in text


def test_it_holds_only_the_answers_and_reads_back_as_the_same_answers():
    given = special_school()
    text = written(given)
    assert not [line for line in text.splitlines() if line.startswith("#") and ":" in line and "# " not in line[:2]]
    read = json.loads(calls.read_profile(text, "meadowbank.yml"))
    assert read["problems"] == []
    assert parse_yaml(text, "x.yml").data == parse_yaml(written(read["state"]["answers"]), "x.yml").data


def changed(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_uploaded_again_and_changed_only_the_changed_answers_and_their_words_change():
    before = written(special_school())
    read = json.loads(calls.read_profile(before, "meadowbank-school.yml"))
    answers = read["state"]["answers"]
    answers["school"]["phase"] = "special"
    answers["school"]["send_needs"] = ["sld"]
    answers["document"]["status"] = "approved"
    after = json.loads(calls.profile_text(json.dumps(read["state"])))["text"]
    assert changed(before, after) == [
        "-  phase: pru  # Pupil referral unit (short-stay school)",
        "+  phase: special  # Special school",
        "-  send_needs: [sld, pmld]  # Severe learning difficulty; Profound and multiple learning difficulty",
        "+  send_needs: [sld]  # Severe learning difficulty",
        "+  status: approved  # Yes: the governors have adopted it",
    ]


def test_a_files_own_comment_on_a_changed_answer_is_kept_and_no_words_are_added_to_another_file():
    text = EXAMPLES[1].read_text(encoding="utf-8").replace("  setting: rural\n", "  setting: rural  # as we said\n")
    read = json.loads(calls.read_profile(text, EXAMPLES[1].name))
    read["state"]["answers"]["location"]["setting"] = "urban"
    read["state"]["answers"]["location"]["catchment"] = "wide"
    after = json.loads(calls.profile_text(json.dumps(read["state"])))["text"]
    assert "  setting: urban  # as we said\n" in after
    assert "  catchment: wide\n" in after
