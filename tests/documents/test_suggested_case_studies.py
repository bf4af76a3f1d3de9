"""A school's policy and action plan suggest up to three case studies from a stage the school teaches, linked
by the site's full address, each with where it comes from; without local.yml's site_url the policy leaves them
out and the pack names them without a link."""

from __future__ import annotations

import shutil

import pytest

from cohesion_guide.documents.render import render_policy
from cohesion_guide.documents.self_evaluation import render_self_evaluation
from cohesion_guide.inputs.audit import audit_for
from cohesion_guide.inputs.case_studies import (
    fits,
    fitting_phases,
    load_case_studies,
    most_relevant,
    phase_fits,
    profile_tags,
    suggestions,
)
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile, load_profiles
from tests.conftest import ROOT

LOCAL = load_local(ROOT)
SITE = {**LOCAL, "site_url": "https://cohesion.example.org/"}
STUDIES = {s.title: s for s in load_case_studies(ROOT / "case_studies")}


def riverside():
    return load_profile(ROOT / "schools" / "riverside-primary.yml")


def test_suggestions_are_the_most_relevant_three_of_the_same_phase_group():
    profile = riverside()
    fitting = [s for s in STUDIES.values() if fits(profile, s)]
    chosen = most_relevant(profile, fitting)
    found = suggestions(profile, ROOT, SITE)
    assert [s["title"] for s in found] == [c.title for c in chosen] and 0 < len(found) <= 3
    assert [s["url"] for s in found] == [f"https://cohesion.example.org/case-studies/{c.slug}/" for c in chosen]


KINDS = load_profiles(ROOT / "tests" / "documents" / "kinds")


@pytest.mark.parametrize("profile", [*load_profiles(ROOT / "schools"), *KINDS], ids=lambda p: p.slug)
def test_every_suggestion_comes_from_a_stage_the_school_teaches(profile):
    for found in suggestions(profile, ROOT, SITE, n=len(STUDIES)):
        study = STUDIES[found["title"]]
        assert fitting_phases(profile) & set(study.phases), (profile.slug, study.slug)


# The cold read's refusals: a study from a stage the school does not teach, though it shares a circumstance.
WRONG_STAGE = [
    ("academy-secondary-coalfield", "all-through-transition-mentors"),  # an 11 to 16 school is not all-through
    ("cofe-junior-resourced", "middle-school-global-link"),  # a junior school is not a middle school
    ("nursery-school", "urban-primary-extended-services"),  # a nursery school is not a primary
    ("sixteen-to-nineteen-academy", "bradford-schools-linking"),  # primary and secondary classes, not a sixth form
    ("muslim-girls-free-school", "all-through-transition-mentors"),
]


@pytest.mark.parametrize("slug, study_slug", WRONG_STAGE)
def test_a_study_from_a_stage_the_school_does_not_teach_is_never_suggested(slug, study_slug):
    profile = next(p for p in KINDS if p.slug == slug)
    study = next(s for s in STUDIES.values() if s.slug == study_slug)
    assert not phase_fits(profile, study)
    assert study.title not in {s["title"] for s in suggestions(profile, ROOT, SITE, n=len(STUDIES))}


def test_an_all_through_school_takes_primary_and_secondary_studies_and_a_school_with_a_nursery_a_nurserys():
    through = next(p for p in KINDS if p.slug == "all-through-academy")
    assert {"all-through", "primary", "secondary", "nursery", "16-plus"} <= fitting_phases(through)
    assert fitting_phases(next(p for p in KINDS if p.slug == "academy-secondary-coalfield")) == {"secondary"}


def test_each_suggestion_says_where_it_comes_from_and_the_policy_prints_it():
    profile = riverside()
    found = suggestions(profile, ROOT, SITE, n=len(STUDIES))
    assert all(s["illustrative"] or s["source"] for s in found)
    policy = " ".join(render_policy(profile, SITE, case_studies=found).split())
    for study in found:
        if study["illustrative"]:
            assert f"]({study['url']}) (an illustrative example written for the guide)" in policy
        else:
            source = study["source"]
            # a title, then its source as a reference list gives one (third cold read, R05)
            assert (
                f"]({study['url']}) (source: {source['publisher']}, “[{source['title']}]({source['url']})”, "
                f"{source['year']})" in policy
            )
            assert ": from [" not in policy


def test_a_study_from_another_phase_group_is_never_suggested():
    profile = riverside()
    other = [s for s in STUDIES.values() if not phase_fits(profile, s)]
    assert other, "the examples need a study from another phase group for this test to mean anything"
    titles = {s["title"] for s in suggestions(profile, ROOT, SITE, n=len(STUDIES))}
    assert not titles & {s.title for s in other}


def test_without_a_site_url_the_policy_leaves_them_out_and_the_pack_names_them_without_a_link():
    """A governor cannot follow up a title with no address: a clerk struck the unlinked list out of every policy
    (fifth cold read). The pack, where the school plans, still names each with its summary."""
    profile = riverside()
    found = suggestions(profile, ROOT, {k: v for k, v in LOCAL.items() if k != "site_url"})
    assert found and all(s["url"] is None for s in found)
    policy = render_policy(profile, LOCAL, case_studies=found)
    assert "Case studies that may help us" not in policy and not any(s["title"] in policy for s in found)
    plan = render_self_evaluation(profile, audit_for(profile.slug, ROOT / "audits"), LOCAL, case_studies=found)
    section = plan.split("### Case studies to learn from")[1]
    assert all(f"- {s['title']}: {s['summary']}" in section for s in found)
    assert "index.md" not in policy + plan


def test_the_policy_and_the_action_plan_link_them_by_the_full_address():
    profile = riverside()
    found = suggestions(profile, ROOT, SITE)
    policy = render_policy(profile, SITE, case_studies=found)
    section = policy.split("## Case studies that may help us")[1].split("\n## ")[0]
    assert all(f"]({s['url']})" in section for s in found)
    plan = render_self_evaluation(profile, audit_for(profile.slug, ROOT / "audits"), SITE, case_studies=found)
    assert "Case studies to learn from" in plan and all(s["url"] in plan for s in found)


def test_no_case_studies_folder_means_no_section(tmp_path):
    shutil.copy(ROOT / "local.yml", tmp_path / "local.yml")
    assert suggestions(riverside(), tmp_path, LOCAL) == []
    assert "Case studies that may help us" not in render_policy(riverside(), LOCAL, case_studies=[])


@pytest.mark.parametrize("profile", load_profiles(ROOT / "schools"), ids=lambda p: p.slug)
def test_every_suggestion_is_about_one_of_the_schools_circumstances(profile):
    """A study of the right phase group but about nothing the school faces is not suggested (issue 13:
    a primary with few pupils learning English was offered a study about new arrivals with little English)."""
    for found in suggestions(profile, ROOT, SITE, n=len(STUDIES)):
        assert profile_tags(profile) & set(STUDIES[found["title"]].context_tags), (profile.slug, found["title"])


def test_a_nursery_study_is_for_schools_with_young_children_only(tmp_path):
    from tests.documents.test_tailoring import make_profile

    nursery = next(s for s in STUDIES.values() if s.phases == ("nursery",))
    diverse = {"pupils": {"eal_percent": 45, "ethnicity": None}}
    primary = make_profile(
        tmp_path, {**diverse, "school": {"statutory_low_age": 4, "statutory_high_age": 11}}, slug="p"
    )
    with_nursery = make_profile(
        tmp_path, {**diverse, "school": {"statutory_low_age": 3, "statutory_high_age": 11}}, slug="n"
    )
    infant = make_profile(tmp_path, {**diverse, "school": {"phase": "infant"}}, slug="i")
    assert profile_tags(primary) & set(nursery.context_tags), "the test needs a school the study's circumstances fit"
    assert not fits(primary, nursery)
    assert fits(with_nursery, nursery) and fits(infant, nursery)
