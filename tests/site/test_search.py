"""Search finds what a reader types: abbreviations however they are written, each glossary term
as a result of its own, and the guide's pages before a school's for the guide's own words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cohesion_guide.site import search_text
from cohesion_guide.site.glossary import terms_as_headings
from cohesion_guide.site.school_pages import SCHOOL_BOOST
from tests.site.test_accessibility import open_search


def test_glossary_terms_become_headings_one_level_below_their_section_with_their_ids():
    html = (
        '<h1 id="g">Glossary</h1><dl>\n<dt id="eal">EAL</dt>\n<dd>English as an <a href="#x">additional</a> language.</dd>\n</dl>'
        '<h2 id="historic-terms">Historic terms</h2><dl><dt id="ecm">ECM</dt><dd><p>Every Child Matters.</p></dd></dl>'
    )
    assert terms_as_headings(html) == (
        '<h1 id="g">Glossary</h1><div class="cc-glossary">\n<h2 id="eal" class="cc-term">EAL</h2>\n'
        '<div class="cc-definition">English as an <a href="#x">additional</a> language.</div>\n</div>'
        '<h2 id="historic-terms">Historic terms</h2><div class="cc-glossary"><h3 id="ecm" class="cc-term">ECM</h3>'
        '<div class="cc-definition"><p>Every Child Matters.</p></div></div>'
    )


def test_each_glossary_term_is_its_own_entry_in_the_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc for doc in index["docs"] if doc["location"].startswith("glossary/")}
    assert "glossary/#eal" in entries and "glossary/#pshe" in entries
    assert entries["glossary/#eal"]["title"] == "EAL"
    assert len(entries) > 20 and max(len(doc["text"]) for doc in entries.values()) < 1500
    schools = [doc for doc in index["docs"] if doc["location"].startswith("schools/") and doc["location"] != "schools/"]
    assert schools and all(doc.get("boost") == SCHOOL_BOOST for doc in schools)


# The results are the search worker's answer to what was typed: wait until the box holds the whole
# query and the list has stopped changing (the worker answers each letter as it arrives).
SETTLED = """(query) => {
  const input = document.querySelector("input.md-search__input");
  const links = [...document.querySelectorAll(".md-search-result__item > a")].map(a => a.getAttribute("href")).join("\\n");
  const now = performance.now();
  const seen = window.__ccResults || (window.__ccResults = {links: null, since: now});
  if (seen.links !== links) { seen.links = links; seen.since = now; return false; }
  return input.value === query && links.length > 0 && now - seen.since >= 500;
}"""


def results(page, query: str) -> list[str]:
    page.wait_for_function(SETTLED, arg=query, polling=100, timeout=15_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))")
    return [
        href.split("://", 1)[-1].split("/", 1)[-1].split("?")[0] + ("#" + href.split("#")[1] if "#" in href else "")
        for href in hrefs
    ]


@pytest.mark.parametrize("word, written_in_brackets_on", [("EAL", "duty/strands/"), ("PSHE", "duty/strands/")])
def test_an_abbreviation_in_brackets_is_found_and_its_glossary_entry_is_a_result(
    page, site_url, word, written_in_brackets_on
):
    assert f"({word})" in _text_of(page, site_url, written_in_brackets_on)
    open_search(page, site_url, word)
    found = results(page, word)
    assert written_in_brackets_on in found, found
    assert f"glossary/#{word.lower()}" in found, found


def _text_of(page, site_url, path) -> str:
    page.goto(f"{site_url}/{path}")
    return page.locator("article").inner_text()


def test_guide_pages_come_before_school_pages_for_the_guides_words(page, site_url):
    open_search(page, site_url, "cohesion policy")
    found = [href for href in results(page, "cohesion policy") if "#" not in href]
    schools = [i for i, href in enumerate(found) if href.startswith("schools/") and href != "schools/"]
    guide = [i for i, href in enumerate(found) if not href.startswith("schools/")]
    assert guide and schools, found
    assert max(guide) < min(schools), found


def test_a_schools_name_still_finds_its_own_pages_first(page, site_url):
    open_search(page, site_url, "Meadowbank")
    assert results(page, "Meadowbank")[:2] == [
        "schools/meadowbank-special/",
        "schools/meadowbank-special/self-evaluation/",
    ]


# ---- twenty questions a governor types, and the page that must answer first ---------------------

QUESTIONS = yaml.safe_load((Path(__file__).with_name("search_questions.yml")).read_text(encoding="utf-8"))


def first_result(found: list[str]) -> tuple[str, list[str]]:
    """The first result's page, and the sections of that page the results list under it."""
    page = found[0].split("#")[0]
    sections = [href.split("#", 1)[1] for href in found if href.split("#")[0] == page and "#" in href]
    return page, sections


def test_the_questions_are_twenty_and_each_names_a_page():
    assert len(QUESTIONS) == 20
    assert all(q["question"] and q["first"].endswith("/") for q in QUESTIONS)


@pytest.mark.parametrize("asked", QUESTIONS, ids=[q["question"] for q in QUESTIONS])
def test_a_governors_question_finds_its_page_first(page, site_url, asked):
    open_search(page, site_url, asked["question"])
    found = results(page, asked["question"])
    first, sections = first_result(found)
    assert first == asked["first"], (
        f"{asked['question']!r}: first result {first}, expected {asked['first']}: {found[:8]}"
    )
    if asked.get("section"):
        assert asked["section"] in sections, f"{asked['question']!r}: {first} without #{asked['section']}: {found[:8]}"


# ---- tables reach the search as rows -------------------------------------------------------------

TABLE = (
    "<p>Before.</p><table><thead><tr><th>When</th><th>What happened</th></tr></thead><tbody>"
    "<tr><td>2011</td><td>DfE <a href='x'>confirms</a> the duty.</td></tr><tr><td>2014</td><td>Advice</td></tr>"
    "</tbody></table><p>After.</p>"
)


def test_each_table_row_becomes_a_sentence_with_its_headers():
    assert search_text.table_rows(TABLE) == [
        "When: 2011. What happened: DfE confirms the duty.",
        "When: 2014. What happened: Advice.",
    ]


def test_a_table_is_left_out_of_the_index_for_a_hidden_copy_of_its_rows_which_is_then_removed():
    marked = search_text.with_rows(TABLE)
    assert '<table data-search-exclude="table">' in marked
    assert '<div class="cc-search-rows" hidden><p>When: 2011. What happened: DfE confirms the duty.</p>' in marked
    assert search_text.without_rows(marked) == TABLE.replace("</table>", "</table>\n")


def test_a_heading_permalink_is_no_tab_stop():
    html = '<h2 id="a">A<a class="headerlink" href="#a" title="Link to this section">&para;</a></h2>'
    quiet = search_text.quiet_permalinks(html)
    assert '<a class="headerlink" tabindex="-1" href="#a"' in quiet
    assert search_text.quiet_permalinks(quiet) == quiet


def test_the_built_index_holds_the_timeline_as_rows_and_the_page_holds_no_copy(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(doc for doc in index["docs"] if doc["location"] == "duty/policy-context/")
    assert "<p>When: 5 December 2016. What happened: The Casey Review" in entry["text"]
    html = (built_site / "duty" / "policy-context" / "index.html").read_text(encoding="utf-8")
    assert "cc-search-rows" not in html and "data-search-exclude" not in html and "<table>" in html


def test_no_heading_permalink_on_a_built_page_is_a_tab_stop(page, site_url):
    page.goto(f"{site_url}/duty/today/")
    links = page.locator("a.headerlink")
    assert links.count() > 5
    assert links.evaluate_all("all => all.every(a => a.tabIndex === -1)")
