"""A school's policy and action plan suggest the three case studies that fit its profile best."""
from __future__ import annotations

import shutil

from cohesion_guide.documents.render import render_policy
from cohesion_guide.documents.self_evaluation import render_self_evaluation
from cohesion_guide.inputs.audit import audit_for
from cohesion_guide.inputs.case_studies import load_case_studies, most_relevant, suggestions
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile
from tests.conftest import ROOT

LOCAL = load_local(ROOT)


def riverside():
    return load_profile(ROOT / "schools" / "riverside-primary.yml")


def test_suggestions_are_the_most_relevant_three_with_links_from_the_site_root():
    profile = riverside()
    chosen = most_relevant(profile, load_case_studies(ROOT / "case_studies"))
    found = suggestions(profile, ROOT, LOCAL)
    assert [s["title"] for s in found] == [c.title for c in chosen] and len(found) == 3
    assert [s["url"] for s in found] == [f"/case-studies/{c.slug}/index.md" for c in chosen]


def test_with_a_site_url_the_links_work_outside_the_site_too():
    found = suggestions(riverside(), ROOT, {**LOCAL, "site_url": "https://cohesion.example.org/"})
    assert all(s["url"].startswith("https://cohesion.example.org/case-studies/") and s["url"].endswith("/") for s in found)


def test_the_policy_and_the_action_plan_list_them(tmp_path):
    profile = riverside()
    found = suggestions(profile, ROOT, LOCAL)
    policy = render_policy(profile, LOCAL, case_studies=found)
    section = policy.split("## Learning from other schools")[1].split("\n## ")[0]
    assert all(s["url"] in section for s in found)
    plan = render_self_evaluation(profile, audit_for(profile.slug, ROOT / "audits"), LOCAL, case_studies=found)
    assert "Case studies to learn from" in plan and all(s["url"] in plan for s in found)


def test_no_case_studies_folder_means_no_section(tmp_path):
    shutil.copy(ROOT / "local.yml", tmp_path / "local.yml")
    assert suggestions(riverside(), tmp_path, LOCAL) == []
    assert "Learning from other schools" not in render_policy(riverside(), LOCAL, case_studies=[])
