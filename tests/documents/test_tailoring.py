"""Each tailoring rule changes what the policy commits to when its condition holds, and only then."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from cohesion_guide.documents import tailoring
from cohesion_guide.documents.render import render_policy
from cohesion_guide.inputs import profiles
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile
from tests.conftest import ROOT

# A school that triggers no rule but the phase and legal ones: urban, no religious character, low
# EAL and FSM, a mixed intake that is neither mono-cultural nor highly diverse, one partnership.
NEUTRAL = {
    "school": {
        "name": "Test Primary School",
        "phase": "primary",
        "type": "Community School",
        "religious_character": "None",
        "local_authority": "Testshire",
    },
    "location": {"town": "Testford", "setting": "urban"},
    "pupils": {
        "number_on_roll": 200,
        "eal_percent": 10,
        "fsm_percent": 10,
        "ethnicity": {"white_british": 70, "indian": 10, "black_african": 10, "any_other_white": 10},
    },
    "partnerships": [{"name": "Brookside School", "kind": "school", "what": "A shared science day."}],
    "leads": {"governor": "Vice-chair of governors", "staff": "Assistant headteacher"},
    "document": {"approved_by": "Full governing body", "date_adopted": "2026-09-01"},
}


def merge(base: dict, changes: dict) -> dict:
    """`base` with `changes` laid over it; a None in `changes` removes the key. An ethnic make-up is
    replaced whole: its figures must add up to 100."""
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict) and key != "ethnicity":
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def make_profile(folder: Path, changes: dict | None = None, slug: str = "test-school") -> profiles.Profile:
    """A real, checked Profile: the neutral school with `changes`, written as YAML and loaded."""
    path = Path(folder) / f"{slug}.yml"
    path.write_text(
        yaml.safe_dump(merge(NEUTRAL, changes or {}), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return load_profile(path)


@pytest.fixture(scope="module")
def local():
    return load_local(ROOT)


def by_rule(profile, rule) -> list[tailoring.Commitment]:
    return [c for found in tailoring.commitments(profile).values() for c in found if c.rule == rule.__name__]


def words(commitment: tailoring.Commitment) -> str:
    """The commitment's fixed words (before any value is filled in), to look for in a rendered policy."""
    return max(re.split(r"\{\w+\}", commitment.text), key=len).strip()


def section(policy: str, heading: str) -> str:
    """The Markdown between `heading` and the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = policy.index(heading + "\n")
    rest = policy[start + len(heading) :]
    ends = [m.start() for m in re.finditer(rf"^#{{1,{len(level)}}} ", rest, flags=re.M)]
    return rest[: ends[0]] if ends else rest


# (rule, the changes that switch it on, the place(s) its commitments must land, the heading they print under)
SWITCHED = [
    (
        tailoring.monocultural_links,
        {"pupils": {"ethnicity": {"white_british": 92, "indian": 8}}},
        "uk_community",
        "### The UK and the wider world",
    ),
    (
        tailoring.school_links,
        {"pupils": {"ethnicity": {"white_british": 92, "indian": 8}}},
        "engagement",
        "### Working with families and the community",
    ),
    (
        tailoring.diverse_relationships_first,
        {
            "pupils": {
                "ethnicity": {"white_british": 30, "indian": 20, "pakistani": 20, "black_african": 15, "chinese": 15}
            }
        },
        "teaching",
        "### Teaching, learning and the curriculum",
    ),
    (
        tailoring.faith_rationale,
        {"school": {"religious_character": "Church of England", "type": "Voluntary Controlled School"}},
        "engagement",
        "### Working with families and the community",
    ),
    (
        tailoring.rural_isolation,
        {"location": {"setting": "rural"}},
        "engagement",
        "### Working with families and the community",
    ),
    (
        tailoring.families_new_to_english,
        {"pupils": {"home_languages": ["English", "Polish", "Romanian"]}},
        "parents",
        "### Parents and carers",
    ),
    (
        tailoring.eal_language_support,
        {"pupils": {"eal_percent": 35}},
        "teaching",
        "### Teaching, learning and the curriculum",
    ),
    (tailoring.fsm_barriers, {"pupils": {"fsm_percent": 40}}, "equity", "### Equity and excellence"),
    (
        tailoring.secondary_voice_and_work,
        {"school": {"phase": "secondary"}},
        "engagement",
        "### Working with families and the community",
    ),
    (
        tailoring.special_outreach,
        {"school": {"phase": "special", "type": "Community Special School"}},
        "engagement",
        "### Working with families and the community",
    ),
    (
        tailoring.pru_outreach,
        {"school": {"phase": "pru", "type": "Pupil Referral Unit"}},
        "engagement",
        "### Working with families and the community",
    ),
]


@pytest.mark.parametrize("rule, changes, place, heading", SWITCHED, ids=[s[0].__name__ for s in SWITCHED])
def test_rule_commits_only_when_its_condition_holds(tmp_path, local, rule, changes, place, heading):
    neutral = make_profile(tmp_path, slug="neutral")
    tailored = make_profile(tmp_path, changes, slug="tailored")

    assert by_rule(neutral, rule) == [], f"{rule.__name__} fired for a school it does not fit"
    made = by_rule(tailored, rule)
    assert made, f"{rule.__name__} did not fire"
    assert place in {c.place for c in made}

    with_rule, without = render_policy(tailored, local), render_policy(neutral, local)
    for commitment in made:
        assert words(commitment) in with_rule
        assert words(commitment) not in without
    assert any(words(c) in section(with_rule, heading) for c in made if c.place == place)


def test_highly_diverse_intake_puts_relationships_first(tmp_path, local):
    diverse = make_profile(tmp_path, next(s[1] for s in SWITCHED if s[0] is tailoring.diverse_relationships_first))
    teaching = tailoring.commitments(diverse)["teaching"]
    assert teaching[0].rule == "diverse_relationships_first"
    parents = tailoring.commitments(diverse)["parents"]
    assert parents[0].rule == "diverse_relationships_first"
    # and first in the printed strand too, before the commitments every school makes
    strand = section(render_policy(diverse, local), "### Teaching, learning and the curriculum")
    items = [line for line in strand.splitlines() if line.startswith("- ")]
    assert words(teaching[0]) in items[0]


def test_monocultural_and_diverse_need_the_ethnic_make_up(tmp_path):
    unknown = make_profile(tmp_path, {"pupils": {"ethnicity": None}})
    assert by_rule(unknown, tailoring.monocultural_links) == []
    assert by_rule(unknown, tailoring.diverse_relationships_first) == []


@pytest.mark.parametrize(
    "field, rule, threshold",
    [
        ("eal_percent", tailoring.eal_language_support, profiles.HIGH_EAL_FROM),
        ("fsm_percent", tailoring.fsm_barriers, profiles.HIGH_FSM_FROM),
    ],
)
def test_thresholds_come_from_the_profile(tmp_path, field, rule, threshold):
    """The rule fires exactly where profiles.py says the figure is high, not at a figure of its own."""
    assert by_rule(make_profile(tmp_path, {"pupils": {field: threshold}}, slug="at"), rule)
    assert not by_rule(make_profile(tmp_path, {"pupils": {field: threshold - 0.1}}, slug="below"), rule)


def test_monocultural_threshold_comes_from_the_profile(tmp_path):
    at = profiles.MONOCULTURAL_FROM
    on = make_profile(tmp_path, {"pupils": {"ethnicity": {"white_british": at, "indian": 100 - at}}}, slug="at")
    off = make_profile(tmp_path, {"pupils": {"ethnicity": {"white_british": at - 1, "indian": 101 - at}}}, slug="below")
    assert by_rule(on, tailoring.monocultural_links) and not by_rule(off, tailoring.monocultural_links)


def test_home_languages_named_when_given_but_not_english(tmp_path, local):
    school = make_profile(tmp_path, {"pupils": {"eal_percent": 40, "home_languages": ["English", "Polish", "Somali"]}})
    policy = render_policy(school, local)
    assert "(among them Polish and Somali)" in policy
    assert "among them English" not in policy


def test_faith_rationale_names_the_schools_own_religious_character(tmp_path, local):
    school = make_profile(
        tmp_path, {"school": {"religious_character": "Roman Catholic", "type": "Voluntary Aided School"}}
    )
    policy = render_policy(school, local)
    assert "is a Roman Catholic primary school in Testford." in section(policy, "## Introduction and legal basis")
    # "schools ... of none" does not parse: families and groups of no religion are named as such (cold read, R11)
    engagement = section(policy, "### Working with families and the community")
    assert "schools and communities of other faiths, and with families and groups of no religion" in engagement
    assert "of other faiths and of none." not in engagement


@pytest.mark.parametrize(
    "phase, other_rules",
    [
        ("primary", ["secondary_voice_and_work", "special_outreach", "pru_outreach"]),
        ("secondary", ["primary_pupil_voice", "special_outreach", "pru_outreach"]),
        ("all-through", ["primary_pupil_voice", "special_outreach", "pru_outreach"]),
    ],
)
def test_each_phase_gets_its_own_pupil_voice(tmp_path, phase, other_rules):
    school = make_profile(tmp_path, {"school": {"phase": phase}})
    rules = {c.rule for c in tailoring.commitments(school)["pupils"]}
    assert len(rules) == 1 and not rules & set(other_rules)


@pytest.mark.parametrize(
    "kind, heading",
    [
        ("school", "### Schools we work with"),
        ("community", "### Our local community"),
        ("international", "### The UK and the wider world"),
    ],
)
def test_partnerships_appear_under_their_dimension(tmp_path, local, kind, heading):
    partner = {"name": "Partner Organisation Seven", "kind": kind, "what": "Joint assemblies each term."}
    policy = render_policy(make_profile(tmp_path, {"partnerships": [partner]}), local)
    assert "Partner Organisation Seven" in section(policy, heading)
    # described once, under its dimension, and named once more where the school commits to keep it up; the yearly
    # question names no partner (a list of names with their own commas does not read: cold read, R18)
    assert policy.count("Partner Organisation Seven") == 2
    assert "We will keep up our link with Partner Organisation Seven, reviewing it every year." in section(
        policy, "### Working with families and the community"
    )
    assert "gained from our partnerships." in section(policy, "## Monitoring, evaluation and review")


def test_no_partnerships_listed_claims_nothing_about_the_schools_partnerships(tmp_path, local):
    alone = make_profile(tmp_path, {"partnerships": None})
    made = by_rule(alone, tailoring.partnerships)
    assert [c.place for c in made] == ["engagement"]
    policy = render_policy(alone, local)
    assert "### Schools we work with" not in policy
    assert "We will keep a list of the schools and community organisations we work with" in policy
    assert "do not yet have" not in policy and "not yet" not in flat_text(policy)
    assert "We will keep a list of the schools" not in render_policy(make_profile(tmp_path, slug="linked"), local)


def flat_text(text: str) -> str:
    return " ".join(text.split())


def test_every_rule_is_listed_once_and_every_commitment_has_a_known_place(tmp_path):
    assert len(set(tailoring.RULES)) == len(tailoring.RULES)
    school = make_profile(
        tmp_path, {"location": {"setting": "rural"}, "pupils": {"eal_percent": 50, "fsm_percent": 50}}
    )
    found = tailoring.commitments(school)
    assert set(found) == set(tailoring.PLACES)
    with pytest.raises(ValueError):
        tailoring.Commitment("nowhere", "text", "rule")


def test_the_guide_states_the_same_thresholds_as_the_code():
    """docs/policies/index.md tells schools when each rule applies; it must match profiles.py."""
    page = (ROOT / "docs" / "policies" / "index.md").read_text(encoding="utf-8")
    for figure in (
        profiles.MONOCULTURAL_FROM,
        profiles.DIVERSE_LARGEST_BELOW,
        profiles.DIVERSE_GROUP_SIZE,
        profiles.HIGH_EAL_FROM,
        profiles.HIGH_FSM_FROM,
    ):
        assert f"{figure}%" in page, f"the page does not state the threshold {figure}%"
    assert f"{profiles.DIVERSE_GROUP_COUNT} or more groups" in page


def test_families_new_to_english_are_supported_where_few_pupils_learn_english(tmp_path, local):
    few = make_profile(tmp_path, {"pupils": {"eal_percent": 6, "home_languages": ["English", "Polish"]}}, slug="few")
    policy = render_policy(few, local)
    # translation and interpreters cost money the profile does not show the school has: when asked, where it can
    assert (
        "Families who use Polish at home will get key information in their language, and an interpreter at meetings, "
        "when they ask and we can arrange it." in policy
    )
    assert "Pupils new to English will have planned support in English" in policy
    many = make_profile(tmp_path, {"pupils": {"eal_percent": 40, "home_languages": ["English", "Polish"]}}, slug="many")
    assert by_rule(many, tailoring.families_new_to_english) == []  # the high-EAL rule says more
    none = make_profile(tmp_path, {"pupils": {"eal_percent": 0, "home_languages": ["English", "Polish"]}}, slug="none")
    assert by_rule(none, tailoring.families_new_to_english) == []


def test_a_special_school_names_families_languages_without_promising_lessons_in_english(tmp_path, local):
    special = {"phase": "special", "type": "Community Special School"}
    languages = {"eal_percent": 8, "home_languages": ["English", "British Sign Language", "Urdu"]}
    policy = render_policy(make_profile(tmp_path, {"school": special, "pupils": languages}), local)
    # British Sign Language has no written form: information by video or an interpreter (cold read, R26)
    assert "Families who use Urdu at home will get key information in their language" in policy
    assert "Families who use British Sign Language will get key information in BSL, by video or through a BSL" in policy
    assert "British Sign Language at home will get key information in their" not in policy
    assert "new to English" not in policy
