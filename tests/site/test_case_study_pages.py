"""The case studies' pages: generated as data (never templates), built into the site, linked both ways
with the guide, filterable with JavaScript off, and accessible."""

from __future__ import annotations

import re
from datetime import date

import markdown
import pytest
import yaml
from playwright.sync_api import expect

from cohesion_guide.documents.render import escape_markdown as text
from cohesion_guide.inputs.case_studies import DIMENSIONS, PHASES, SETTINGS, STRANDS, load_case_studies
from cohesion_guide.site.case_study_pages import FACETS, case_studies_for, case_study_pages, link
from cohesion_guide.site.generated import SiteContext
from tests.conftest import ROOT
from tests.site.page_state import scroll_regions_ready

STUDIES = load_case_studies(ROOT / "case_studies")
EQUITY = sorted(s.slug for s in STUDIES if "equity-excellence" in s.strands)


def front(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    return yaml.safe_load(markdown.split("---\n")[1])


@pytest.fixture(scope="module")
def pages():
    return {p.src_uri: p.markdown for p in case_study_pages(SiteContext(project_dir=ROOT, local={}))}


# --- what the page source makes ---


def test_an_index_a_page_per_study_and_a_filter_page_per_value(pages):
    expected = {"case-studies/index.md"} | {f"case-studies/{s.slug}/index.md" for s in STUDIES}
    expected |= {f"case-studies/{facet}/{value}/index.md" for facet, (_, labels) in FACETS.items() for value in labels}
    assert set(pages) == expected


def test_no_generated_page_is_rendered_as_a_template(pages):
    for uri, page_text in pages.items():
        assert front(page_text)["render_macros"] is False, uri


def test_study_pages_carry_their_review_dates_for_the_theme(pages):
    study = STUDIES[0]
    meta = front(pages[f"case-studies/{study.slug}/index.md"])
    assert (meta["last_reviewed"], meta["review_due"]) == (study.last_reviewed, study.review_due)
    assert meta["review"]["due_iso"] == study.review_due
    assert meta["review"]["overdue"] is (date.today() > date.fromisoformat(study.review_due))


def test_each_study_page_links_back_to_its_strands_and_dimensions(pages):
    for study in STUDIES:
        markdown = pages[f"case-studies/{study.slug}/index.md"]
        related = markdown.split("## Related: strand and dimension")[1]
        strand_links = re.findall(r"\]\(\.\./\.\./duty/strands\.md#([a-z-]+)\)", related)
        dimension_links = re.findall(r"\]\(\.\./\.\./duty/dimensions\.md#([a-z-]+)\)", related)
        assert len(strand_links) == len(study.strands) and len(dimension_links) == len(study.dimensions)


def test_a_filter_page_lists_exactly_the_studies_with_that_value(pages):
    for facet, values in (("strand", STRANDS), ("dimension", DIMENSIONS), ("phase", PHASES), ("setting", SETTINGS)):
        for value in values:
            markdown = pages[f"case-studies/{facet}/{value}/index.md"]
            listed = re.findall(r"^- \[.*?\]\(\.\./\.\./([a-z0-9-]+)/index\.md\)", markdown, flags=re.M)
            assert listed == [s.slug for s in STUDIES if value in s.values(facet)], (facet, value)


def test_the_index_links_every_filter_that_has_studies(pages):
    index = pages["case-studies/index.md"]
    for facet, (_, labels) in FACETS.items():
        for value in labels:
            count = sum(value in s.values(facet) for s in STUDIES)
            assert (f"]({facet}/{value}/index.md)" in index) is (count > 0), (facet, value)


def test_links_are_relative_to_the_page_they_sit_on():
    assert link("case-studies/index.md", "case-studies/a/index.md") == "a/index.md"
    assert link("case-studies/strand/x/index.md", "case-studies/a/index.md") == "../../a/index.md"
    assert (
        link("case-studies/a/index.md", "duty/strands.md#equity-and-excellence")
        == "../../duty/strands.md#equity-and-excellence"
    )
    assert link("duty/strands.md", "case-studies/a/index.md") == "../case-studies/a/index.md"


def test_data_is_shown_as_text_never_as_markup():
    """A case study's title or summary reads as typed, through every extension the site turns on:
    no HTML, link, emphasis or code, and attr_list's { } cannot set an attribute."""
    data = "<b>Bold</b> & [link](x) *star* `code` { onclick=alert(1) }"
    html = markdown.markdown(f"# {text(data)}\n\n{text(data)}", extensions=["attr_list", "md_in_html", "tables"])
    assert "onclick=" not in html.replace("onclick=alert(1)", "")  # only ever as visible text
    assert "<b>" not in html and "<a " not in html and "<em>" not in html and "<code>" not in html
    assert html.count("&#123; onclick=alert(1) &#125;") == 2


def test_the_guide_macro_lists_a_strand_or_dimension_and_refuses_unknown_names():
    listing = case_studies_for(ROOT / "case_studies", "duty/strands.md", strand="equity-excellence")
    assert re.findall(r"\(\.\./case-studies/([a-z0-9-]+)/index\.md\)", listing) == EQUITY
    both = case_studies_for(
        ROOT / "case_studies", "duty/dimensions.md", strand="equity-excellence", dimension="networks"
    )
    assert re.findall(r"case-studies/([a-z0-9-]+)/", both) == [
        s for s in EQUITY if "networks" in next(x for x in STUDIES if x.slug == s).dimensions
    ]
    with pytest.raises(ValueError, match="'equity' is not a strand; use one of teaching-learning-curriculum"):
        case_studies_for(ROOT / "case_studies", "duty/strands.md", strand="equity")


# --- the built site ---

TRICKY = """---
title: "<script>alert(1)</script> {{ 7 * 7 }} [x]"
summary: "Data that looks like markup: <b>bold</b> and {% raw %}"
phase: pru
setting: rural
strands: [equity-excellence]
dimensions: [global]
ecm_outcomes: [stay-safe]
context_tags: []
illustrative: true
last_reviewed: 2020-01-01
review_due: 2021-01-01
---

## The school's context

Body with {{ local.authority.name }} left as written.
"""


@pytest.fixture(scope="module")
def tricky_site(mkdocs_build, tmp_path_factory):
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("cs") / "project")
    (project / "case_studies" / "zz-tricky.md").write_text(TRICKY, encoding="utf-8")
    site = project / "site-out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_every_case_study_page_and_filter_page_is_built(tricky_site):
    assert (tricky_site / "case-studies" / "index.html").is_file()
    assert (tricky_site / "case-studies" / "adding" / "index.html").is_file()
    for study in STUDIES:
        assert (tricky_site / "case-studies" / study.slug / "index.html").is_file()
    for facet, (_, labels) in FACETS.items():
        for value in labels:
            assert (tricky_site / "case-studies" / facet / value / "index.html").is_file()


def test_a_case_study_added_as_one_file_appears_with_its_data_as_plain_text(tricky_site):
    html = (tricky_site / "case-studies" / "zz-tricky" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html  # nor in <title>, header or meta
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7 * 7 }} [x]" in html
    assert "Body with {{ local.authority.name }} left as written." in html
    index = (tricky_site / "case-studies" / "index.html").read_text(encoding="utf-8")
    assert 'href="zz-tricky/"' in index and "<b>bold</b>" not in index


def test_an_overdue_case_study_says_so(tricky_site):
    html = (tricky_site / "case-studies" / "zz-tricky" / "index.html").read_text(encoding="utf-8")
    assert "This page is due for review" in html and "1 January 2021" in html
    fresh = (tricky_site / "case-studies" / STUDIES[0].slug / "index.html").read_text(encoding="utf-8")
    assert "This page is due for review" not in fresh and "Last reviewed:" in fresh


def test_the_strands_page_lists_its_case_studies_through_the_macro(tricky_site):
    html = (tricky_site / "duty" / "strands" / "index.html").read_text(encoding="utf-8")
    # the equity strand's section, which docs/duty/strands.md fills with the macro
    html = html.split('id="equity-and-excellence"')[1].split("<h2")[0]
    listed = re.findall(r'href="\.\./\.\./case-studies/([a-z0-9-]+)/"', html)
    assert listed == EQUITY + ["zz-tricky"]


def test_an_invalid_case_study_stops_the_build_and_names_the_line(mkdocs_build, project_copy, tmp_path):
    broken = TRICKY.replace("setting: rural", "setting: countryside")
    (project_copy / "case_studies" / "broken.md").write_text(broken, encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert (
        "case_studies/broken.md, line 5, setting: found 'countryside'; allowed: one of 'urban', 'rural'"
        in result.stderr
    )
    assert not (tmp_path / "out" / "case-studies").exists()


# --- in the browser ---


def test_filters_work_with_javascript_off(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/case-studies/")
        everything = page.locator("article ul li > a").all_text_contents()
        assert len(everything) == len(STUDIES)
        page.get_by_role("navigation", name="Filter case studies").get_by_role(
            "link", name=re.compile(r"^Equity and excellence \(\d+\)$")
        ).click()
        page.wait_for_url(f"{site_url}/case-studies/strand/equity-excellence/")  # the new page, loaded
        shown = sorted(page.locator("article ul li > a").all_text_contents())
        assert shown == sorted(s.title for s in STUDIES if "equity-excellence" in s.strands)
        assert len(shown) < len(everything)
        assert (
            page.get_by_role("navigation", name="Filter case studies")
            .locator('[aria-current="page"]')
            .inner_text()
            .startswith("Equity and excellence")
        )
    finally:
        context.close()


WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # the standard the site is held to


@pytest.mark.parametrize(
    "path",
    [
        "case-studies/",
        f"case-studies/{STUDIES[0].slug}/",
        "case-studies/strand/equity-excellence/",
        "case-studies/adding/",
    ],
)
def test_case_study_pages_pass_axe(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{site_url}/{path}")
    scroll_regions_ready(page)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def test_with_javascript_filters_combine_in_place_and_say_what_they_show(page, site_url):
    page.goto(f"{site_url}/case-studies/")
    filters = page.get_by_role("navigation", name="Filter case studies")
    visible = page.locator("article li[data-strand]:visible")
    expect(visible).to_have_count(len(STUDIES))
    filters.get_by_role("link", name=re.compile(r"^Equity and excellence \(")).click()
    expect(page).to_have_url(f"{site_url}/case-studies/#strand=equity-excellence")  # no new page loaded
    expect(visible).to_have_count(len(EQUITY))
    filters.get_by_role("link", name=re.compile(r"^Rural \(")).click()
    both = [s for s in STUDIES if "equity-excellence" in s.strands and s.setting == "rural"]
    assert 0 < len(both) < len(EQUITY)
    expect(page.get_by_role("status")).to_have_text(f"Showing {len(both)} of {len(STUDIES)} case studies.")
    assert sorted(visible.locator("a").all_text_contents()) == sorted(s.title for s in both)
    page.get_by_role("button", name="Show all case studies").click()
    expect(visible).to_have_count(len(STUDIES))
    expect(page.get_by_role("button", name="Show all case studies")).to_be_hidden()


def test_a_shared_filtered_link_opens_filtered(page, site_url):
    page.goto(f"{site_url}/case-studies/#setting=rural&phase=primary")
    expected = [s.title for s in STUDIES if s.setting == "rural" and "primary" in s.phases]
    expect(page.locator("article li[data-strand]:visible a")).to_have_count(len(expected))
    assert sorted(page.locator("article li[data-strand]:visible a").all_text_contents()) == sorted(expected)
