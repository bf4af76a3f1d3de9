"""A school that knows little still gets a policy, and the policy states no figure the school did not give."""

from __future__ import annotations

import json
import re

from cohesion_guide.builder import calls
from tests.conftest import ROOT

# Only what a new business manager knows for sure: the school's name, type and phase, its roll, and the
# share of one ethnic group; the rest of the required answers are words, not figures.
KNOWN = {
    "school": {
        "name": "Brook Lane Primary School",
        "phase": "primary",
        "type": "Community School",
        "religious_character": "None",
        "local_authority": "Exampleshire",
    },
    "location": {"town": "Exampleton", "setting": "urban"},
    "pupils": {"number_on_roll": "240", "ethnicity": {"pakistani": "40"}},
    "leads": {"governor": "Chair of governors", "staff": "Headteacher"},
    "document": {"approved_by": "Full governing body", "date_adopted": {"day": "20", "month": "1", "year": "2027"}},
}


def test_a_school_that_knows_only_its_name_type_phase_roll_and_one_group_gets_a_policy_with_no_other_figure():
    made = json.loads(calls.make_policy(json.dumps({"answers": KNOWN, "source": None}), str(ROOT)))
    assert made["problems"] == []
    text = made["markdown"]
    figures = set(re.findall(r"\b\d+(?:\.\d+)?\s?(?:%|per cent)", text))
    assert figures <= {"40%", "40 per cent"}, figures
    assert "240" in text
    assert not re.search(r"(?<![\d.])0(?:\.0)?%", text)  # no group or figure given as 0
    for invented in ("60%", "English as an additional language: ", "free school meals: "):
        assert invented not in text
