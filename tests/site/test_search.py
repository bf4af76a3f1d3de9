"""Search finds what a reader types: abbreviations however they are written, each glossary term
as a result of its own, and the guide's pages before a school's for the guide's own words."""
from __future__ import annotations

import json

import pytest

from cohesion_guide.site.glossary import terms_as_headings
from cohesion_guide.site.school_pages import SCHOOL_BOOST
from tests.site.test_accessibility import open_search


def test_glossary_terms_become_headings_one_level_below_their_section_with_their_ids():
    html = ('<h1 id="g">Glossary</h1><dl>\n<dt id="eal">EAL</dt>\n<dd>English as an <a href="#x">additional</a> language.</dd>\n</dl>'
            '<h2 id="historic-terms">Historic terms</h2><dl><dt id="ecm">ECM</dt><dd><p>Every Child Matters.</p></dd></dl>')
    assert terms_as_headings(html) == (
        '<h1 id="g">Glossary</h1><div class="cc-glossary">\n<h2 id="eal" class="cc-term">EAL</h2>\n'
        '<div class="cc-definition">English as an <a href="#x">additional</a> language.</div>\n</div>'
        '<h2 id="historic-terms">Historic terms</h2><div class="cc-glossary"><h3 id="ecm" class="cc-term">ECM</h3>'
        '<div class="cc-definition"><p>Every Child Matters.</p></div></div>')


def test_each_glossary_term_is_its_own_entry_in_the_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc for doc in index["docs"] if doc["location"].startswith("glossary/")}
    assert "glossary/#eal" in entries and "glossary/#pshe" in entries
    assert entries["glossary/#eal"]["title"] == "EAL"
    assert len(entries) > 20 and max(len(doc["text"]) for doc in entries.values()) < 1500
    schools = [doc for doc in index["docs"] if doc["location"].startswith("schools/") and doc["location"] != "schools/"]
    assert schools and all(doc.get("boost") == SCHOOL_BOOST for doc in schools)


def results(page) -> list[str]:
    """The results listed, as paths (open_search has waited for the answer to the whole query)."""
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.getAttribute('href'))")
    return [href.split("://", 1)[-1].split("/", 1)[-1].split("?")[0] + ("#" + href.split("#")[1] if "#" in href else "")
            for href in hrefs]


@pytest.mark.parametrize("word, written_in_brackets_on", [("EAL", "duty/strands/"), ("PSHE", "duty/strands/")])
def test_an_abbreviation_in_brackets_is_found_and_its_glossary_entry_is_a_result(page, site_url, word, written_in_brackets_on):
    assert f"({word})" in _text_of(page, site_url, written_in_brackets_on)
    open_search(page, site_url, word)
    found = results(page)
    assert written_in_brackets_on in found, found
    assert f"glossary/#{word.lower()}" in found, found


def _text_of(page, site_url, path) -> str:
    page.goto(f"{site_url}/{path}")
    return page.locator("article").inner_text()


def test_guide_pages_come_before_school_pages_for_the_guides_words(page, site_url):
    open_search(page, site_url, "cohesion policy")
    found = [href for href in results(page) if "#" not in href]
    schools = [i for i, href in enumerate(found) if href.startswith("schools/") and href != "schools/"]
    guide = [i for i, href in enumerate(found) if not href.startswith("schools/")]
    assert guide and schools, found
    assert max(guide) < min(schools), found


def test_a_schools_name_still_finds_its_own_pages_first(page, site_url):
    open_search(page, site_url, "Meadowbank")
    assert results(page)[:2] == ["schools/meadowbank-special/", "schools/meadowbank-special/self-evaluation/"]
