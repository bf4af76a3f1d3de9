"""Only a file that reads as a profile replaces a browser's answers; anything else is refused plainly."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cohesion_guide.builder import calls
from tests.builder.strategies import EXAMPLES

PROFILE = EXAMPLES[0].read_text(encoding="utf-8")
DOCKER_COMPOSE = "version: '3.8'\nservices:\n  web:\n    image: nginx:latest\n    ports:\n      - '80:80'\n"


def read(text: str, name: str = "ours.yml") -> dict:
    return json.loads(calls.read_profile(text, name))


@pytest.mark.parametrize(
    "text, start",
    [
        (DOCKER_COMPOSE, "It does not look like a school's profile: it has none of a profile's groups"),
        (PROFILE.replace("  town: Exampleton\n", "  town: Exampleton\n  town: Otherton\n"), "Line "),
        (
            "school:\n" + "".join(f"  field{n}: {n}\n" for n in range(10_000)),
            "It does not look like a school's profile: 10,000 of",
        ),
        ("- one\n- two\n", "It does not hold a school's answers"),
        ("", "It is empty."),
        ("school: [unclosed\n", "Line 2 cannot be read as a profile"),
        ("a: &a [x]\nb: *a\n", "Line 2 cannot be read as a profile"),
        ("context: " + "x" * 1_100_000 + "\n", "It is 1.1 MB"),
    ],
    ids=["docker-compose", "a key twice", "10,000 keys", "a list", "empty", "not YAML", "an alias", "too large"],
)
def test_a_file_that_is_not_a_profile_is_refused_with_a_plain_reason(text, start):
    found = read(text)
    assert set(found) == {"refused"}
    assert found["refused"].startswith(start), found["refused"]


def test_a_profile_with_problems_is_read_and_its_problems_placed():
    found = read(PROFILE.replace("setting: urban", "setting: urbn"))
    assert found["state"]["answers"]["location"]["setting"] == "urbn"
    assert [(p["page"], p["message"]) for p in found["problems"]] == [
        (
            "location",
            "Select whether the school is in a town or the countryside from the list: urbn is not one of the choices",
        )
    ]


@pytest.mark.parametrize(
    "sent", ['"abc"', "[1,2]", "null", "not json", "[" * 200_000 + "]" * 200_000, '{"answers": 7}']
)
def test_a_saved_state_that_is_not_answers_gets_a_plain_message_from_every_call(sent):
    for call in (calls.check, calls.profile_text):
        said = json.loads(call(sent))
        assert "The answers could not be read" in json.dumps(said)
    made = json.loads(calls.make_policy(sent, "."))
    assert made["problems"][0]["message"].startswith("The answers could not be read")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_any_text_uploaded_is_read_or_refused_never_an_error(text):
    found = read(text)
    assert set(found) in ({"refused"}, {"state", "problems", "not_kept", "answered"})
