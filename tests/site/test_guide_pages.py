"""Pages for their readers (issue 26): the three pages on what schools face now, linked where a reader
looks; one title on the home page; no template notes on the public page; nothing from 2007 offered
as current."""

from __future__ import annotations

import re

import lxml.html
import pytest
import yaml

from tests.conftest import ROOT, site_pages
from tests.site.test_currency import MARKER, article, list_text

NEW_PAGES = ("duty/tension/", "duty/governors-inspection/", "duty/parents/")
LINKED_FROM = ("duty/today/", "duty/governors/", "")


def links(site, page: str) -> set[str]:
    """Where a page's article links, as paths under the site."""
    base = page
    found = set()
    for href in article(site, page).xpath(".//a/@href"):
        if href.startswith(("http", "#", "mailto:", "tel:")):
            continue
        path = re.sub(r"[?#].*$", "", href)
        parts = (base + path).split("/")
        resolved: list[str] = []
        for part in parts:
            if part == "..":
                resolved.pop()
            elif part not in ("", "."):
                resolved.append(part)
        found.add("/".join(resolved) + "/")
    return found


@pytest.mark.parametrize("page", LINKED_FROM, ids=["the duty today", "for governors", "home"])
def test_each_new_page_is_linked_from_the_duty_today_the_governors_page_and_the_home_page(built_site, page):
    assert set(NEW_PAGES) <= links(built_site, page), links(built_site, page)


def test_the_new_pages_are_in_the_navigation():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1]
    for page in NEW_PAGES:
        assert f"- {page.rstrip('/')}.md\n" in nav, page


@pytest.mark.parametrize("page", NEW_PAGES)
def test_each_new_page_has_a_case_study_or_example_that_is_sourced_or_says_it_is_illustrative(built_site, page):
    body = article(built_site, page)
    real = body.xpath('.//*[@id="case-studies"]/following-sibling::*//a[starts-with(@href, "http")]')
    illustrative = [
        e for e in body.xpath('.//*[contains(@class, "admonition")]') if "illustrative" in list_text(e).lower()
    ]
    assert real or illustrative, f"{page}: no sourced case study and no example marked illustrative"
    for example in body.xpath('.//*[contains(@class, "admonition") and contains(@class, "example")]'):
        assert "This example is illustrative" in list_text(example), page


def test_the_home_page_has_one_title(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    site_name = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:", 1)[0])["site_name"]
    assert re.findall(r"<title>(.*?)</title>", html) == [site_name]
    assert len(lxml.html.fromstring(html).xpath("//article//h1")) == 1
    other = (built_site / "duty" / "today" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"<title>[^<]+ - {re.escape(site_name)}</title>", other)


def test_the_accessibility_statements_notes_for_authorities_stay_in_its_source(built_site):
    source = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")
    assert source.count("Edit for your copy") >= 4
    html = (built_site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "Edit for your copy" not in html and "edit this statement" not in html.lower()
    assert "has not yet been checked by people who use assistive technology" in list_text(
        article(built_site, "accessibility/")
    )


def test_no_page_offers_a_specialism_or_extended_services_as_current(built_site):
    problems = []
    for page in site_pages(built_site):
        if page.startswith(("schools/", "case-studies/")) or page.endswith(".html"):
            continue  # a school's own policy and the case studies are other helpers' and keep the strand's name
        body = article(built_site, page)
        historic = " ".join(list_text(m) for m in body.xpath(MARKER))
        for sentence in re.split(r"(?<=[.!?])\s+", list_text(body)):
            if sentence in historic:
                continue
            if re.search(r"(?i)\bspecialism\b", sentence):
                problems.append(f"{page}: {sentence[:120]}")
            elif re.search(r"(?i)extended services", sentence) and not re.search(
                r"(?i)engagement and extended services|2007|historic|strand", sentence
            ):
                problems.append(f"{page}: {sentence[:120]}")
    assert not problems, "\n".join(problems)


def test_the_tension_page_gives_the_national_routes_first_and_labels_the_authoritys_contacts_as_the_publishers(
    built_site,
):
    local = yaml.safe_load((ROOT / "local.yml").read_text(encoding="utf-8"))
    body = article(built_site, "duty/tension/")
    text = list_text(body)
    for route in ("999", "101", "0800 789 321", "020 7340 7264", "True Vision"):
        assert route in text, route
    hrefs = body.xpath(".//a/@href")
    for address in (
        "https://www.gov.uk/find-local-council",
        "https://report-extremism.education.gov.uk/",
        "https://www.cps.gov.uk/hate-crime",
    ):
        assert address in hrefs, address
    # the publisher's own contacts come after the national routes, named as the publisher's, and no
    # number of the publisher's (in this copy, fictional ones) is offered on the page itself
    publisher = text.index(f"published by {local['authority']['name']}")
    assert text.index("0800 789 321") < publisher and text.index("Find your local council") < publisher
    assert "not an emergency service" in text[publisher:]
    for contact in local["contacts"]:
        assert contact["phone"] not in text, contact["phone"]
