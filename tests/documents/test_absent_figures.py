"""Unknown is not zero (issue 24, DESIGN.md decision 11): a figure the profile does not give, or gives only as a
placeholder to confirm, is never written as 0, and no sentence, commitment, chart or action is built on it."""

from __future__ import annotations

import dataclasses
import re

import pytest

from cohesion_guide.documents import action_plan as plans
from cohesion_guide.documents.render import render_policy
from cohesion_guide.documents.self_evaluation import charts_for, ethnicity_rows, render_self_evaluation
from cohesion_guide.inputs.audit import not_assessed, strand_counts
from cohesion_guide.inputs.local_config import load_local
from tests.conftest import ROOT
from tests.documents.test_tailoring import make_profile, section

LOCAL = load_local(ROOT)
UNKNOWN = {"pupils": {"number_on_roll": None, "eal_percent": None, "fsm_percent": None, "ethnicity": None}}


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def unknown(tmp_path):
    return make_profile(tmp_path, UNKNOWN, slug="unknown")


def test_a_school_that_gives_no_figures_gets_a_policy_with_none(unknown):
    policy = flat(render_policy(unknown, LOCAL))
    assert not re.search(r"(?<![0-9.])0%", policy) and " 0 " not in policy
    assert "on roll" not in policy and "additional language:" not in policy and "free school meals:" not in policy
    assert "Our pupils, their families, our staff and our governors." in policy
    assert "ethnic groups" not in policy and "largest" not in policy


def test_no_commitment_rests_on_a_figure_the_school_did_not_give(unknown, tmp_path):
    policy = flat(render_policy(unknown, LOCAL))
    for built_on_a_figure in (
        "learning English as an additional language (",
        "eligible for free school meals (",
        "share one ethnic background",
        "pupil premium",
    ):
        assert built_on_a_figure not in policy, built_on_a_figure
    # home languages are a fact of their own: families are reached in them, but nothing is said of pupils' English
    languages = make_profile(
        tmp_path, {**UNKNOWN, "pupils": {**UNKNOWN["pupils"], "home_languages": ["Polish"]}}, slug="languages"
    )
    with_languages = flat(render_policy(languages, LOCAL))
    assert "Families who use Polish at home will get key information in their language" in with_languages
    assert "new to English will have planned support" not in with_languages


def test_a_figure_still_to_be_confirmed_counts_as_unknown(tmp_path):
    placeholder = make_profile(tmp_path, {"pupils": {"eal_percent": 0, "fsm_percent": 40}})
    placeholder = dataclasses.replace(
        placeholder, unconfirmed={"pupils.eal_percent": "to check", "pupils.fsm_percent": "to check"}
    )
    assert not placeholder.high_fsm and placeholder.known("pupils.eal_percent") is None
    policy = flat(render_policy(placeholder, LOCAL))
    assert "eligible for free school meals (40%" not in policy and "pupil premium" not in policy


def test_the_self_evaluation_pack_says_not_known_and_draws_no_bar(unknown):
    pack = render_self_evaluation(unknown, not_assessed(unknown.slug), LOCAL)
    profile_part = flat(section(pack, "## Community profile"))
    assert "on roll" not in profile_part  # a number not known is left out, not written as a row of "not known"
    assert "| English as an additional language | not known |" in profile_part
    assert "| Eligible for free school meals | not known |" in profile_part
    assert not re.search(r"(?<![0-9.])0%", profile_part)
    assert "figures" not in charts_for(unknown, strand_counts(not_assessed(unknown.slug)))


def test_a_plan_has_no_action_built_on_a_figure_the_school_did_not_give(unknown):
    plan = plans.build_plan(unknown, not_assessed(unknown.slug))
    assert not any(a.rule in {r.__name__ for r in plans.FIGURE_RULES} for a in plan.actions)
    assert not any(re.search(r"\b0%", a.text + a.reason) for a in plan.actions)


def test_only_some_ethnic_groups_given_are_not_called_the_largest(tmp_path):
    """A school may give only the groups it knows: the rest are not given, not 0%, and no group is 'largest'."""
    school = make_profile(tmp_path)
    partial = dataclasses.replace(
        school, data={**school.data, "pupils": {**school.data["pupils"], "ethnicity": {"pakistani": 40}}}
    )
    assert partial.largest_ethnic_group is None and not partial.is_highly_diverse
    context = flat(section(render_policy(partial, LOCAL), "## Our school's context"))
    assert "Ethnic groups we know the size of: Pakistani (40%); the rest of our pupils are not counted here." in context
    assert "largest" not in context
    rows = {row["label"]: row["school"] for row in ethnicity_rows(partial)}
    assert rows == {"Pakistani": 40, "The rest (groups not given)": 60}
    # one group more than half is the largest whatever the others are
    most = dataclasses.replace(
        school, data={**school.data, "pupils": {**school.data["pupils"], "ethnicity": {"white_british": 85}}}
    )
    assert most.largest_ethnic_group == ("white_british", 85) and most.is_monocultural
