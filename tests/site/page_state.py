"""Waits on the page's own signals, so that a browser test reads what the page has finished doing
(issue 29). A page finishes some of its work after an action returns: Material's search answers
from a Web Worker, scroll-regions.js looks at the tables again after a pause, the menu slides in.
A test that reads at once reads whatever state the race left; these wait for the state itself."""

from __future__ import annotations

from playwright.sync_api import expect

# scroll-regions.js: every box that scrolls sideways can take focus and has a name; one that fits
# has neither. It checks once a page is shown and again after a resize pause, so wait for the state.
SCROLL_REGIONS_READY = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')].every(wrap =>
    (wrap.scrollWidth > wrap.clientWidth + 1) === (wrap.getAttribute('tabindex') === '0'))"""

# No transition or animation is running (reading a style first starts any a change has just asked for).
STILL = """selector => {
    const root = selector ? document.querySelector(selector) : null;
    if (selector && !root) return false;
    getComputedStyle(root || document.body).opacity;
    const moving = root ? root.getAnimations({subtree: true}) : document.getAnimations();
    return moving.every(a => a.playState !== 'running');
}"""


def scroll_regions_ready(page) -> None:
    """Wait until each table box that scrolls sideways can be reached from the keyboard (and no other)."""
    page.wait_for_function(SCROLL_REGIONS_READY)


def still(page, selector: str | None = None) -> None:
    """Wait until nothing on the page (or in `selector`) is moving: its transitions have ended."""
    page.wait_for_function(STILL, arg=selector)


def search_for(page, query: str) -> None:
    """Type `query` into Material's search (already open) so that the results shown are the whole
    query's: wait until the index is loaded, put in all but the last letter (no key, so no search),
    then type the last letter; the first results that appear answer that one search."""
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    field = page.locator("input.md-search__input")
    field.fill(query[:-1])
    field.press(query[-1])
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
