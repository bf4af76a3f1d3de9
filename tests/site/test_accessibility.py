"""WCAG 2.2 AA: axe-core on every page at desktop and phone widths, and the contrast fixes measured."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import site_pages
from tests.site.page_state import scroll_regions_ready, search_for, still
from tests.site.test_screenshots import PAGE_TYPES

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
AA_TEXT = 4.5


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


SETTLED = """() => document.getAnimations().every(
    a => a.playState !== "running" || a.effect.getComputedTiming().endTime === Infinity)"""


def violations(axe: Axe, page, where: str, options: dict = AXE_OPTIONS) -> list[str]:
    """axe's violations on the page once it is still, one line per rule: where, rule, impact, selectors.

    Material fades the header's title between the site's name and the page's on scroll; axe measuring
    mid-fade reads a half-transparent colour (3.87:1), so finite transitions and animations finish first.
    """
    page.wait_for_function(SETTLED, timeout=5000)
    found = axe.run(page, options=options).response["violations"]
    lines = []
    for rule in found:
        targets = [" ".join(map(str, node["target"])) for node in rule["nodes"]]
        shown = ", ".join(targets[:8]) + (f" (+{len(targets) - 8} more)" if len(targets) > 8 else "")
        summary = rule["nodes"][0].get("failureSummary", "").replace("\n", " ")[:240]
        lines.append(f"{where}: {rule['id']} ({rule['impact']}) at {shown}. {summary}")
    return lines


@pytest.fixture
def sized_page(browser, request):
    """A page at one of WIDTHS; the test's `width` parameter names which."""
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


def axe_on(axe, page, site_url: str, pages: list[str]) -> list[str]:
    problems = []
    for rel in pages:
        page.goto(f"{site_url}/{rel}")
        scroll_regions_ready(page)
        still(page)  # colours are checked as they end, not half-way through a fade
        problems += violations(axe, page, rel or "/")
    return problems


@pytest.mark.parametrize("sized_page", list(WIDTHS), indirect=True)
def test_axe_finds_nothing_on_a_page_of_each_kind(axe, sized_page, site_url, built_site):
    pages = [path for path, _ in PAGE_TYPES.values() if (built_site / path / "index.html").is_file()]
    assert len(pages) == len(PAGE_TYPES) - 1, "a kind of page is missing from the site"  # all but the 404 page
    problems = axe_on(axe, sized_page, site_url, [*pages, "404.html"])
    width = sized_page.viewport_size["width"]
    assert not problems, f"{len(problems)} axe violation(s) at {width} px:\n" + "\n".join(problems)


@pytest.mark.exhaustive  # every page, some minutes: CI runs it on every push; a page of each kind is checked always
@pytest.mark.parametrize("sized_page", list(WIDTHS), indirect=True)
def test_axe_finds_nothing_on_any_page(axe, sized_page, site_url, built_site):
    pages = site_pages(built_site)
    assert pages, "the built site has no pages"
    problems = axe_on(axe, sized_page, site_url, pages)
    width = sized_page.viewport_size["width"]
    assert not problems, f"{len(problems)} axe violation(s) at {width} px over {len(pages)} pages:\n" + "\n".join(
        problems
    )


def open_search(page, site_url: str, query: str = "equity") -> None:
    page.goto(site_url + "/")
    if page.viewport_size["width"] >= 960:  # Material's search sits in the header from 60em
        page.locator("input.md-search__input").click()
    else:  # on a phone the search field opens from the magnifier button
        page.locator('label.md-header__button[for="__search"]').click()
    search_for(page, query)
    still(page)  # the search has faded in: colours are read as a reader sees them, not half-way


@pytest.mark.parametrize("sized_page", list(WIDTHS), indirect=True)
def test_axe_finds_nothing_with_search_results_open(axe, sized_page, site_url):
    open_search(sized_page, site_url)
    assert not (problems := violations(axe, sized_page, "search results for 'equity'")), "\n".join(problems)


@pytest.mark.parametrize("sized_page", ["phone"], indirect=True)
def test_axe_finds_nothing_with_the_phone_menu_open(axe, sized_page, site_url):
    sized_page.goto(site_url + "/duty/")
    sized_page.locator('label.md-header__button[for="__drawer"]').click()
    expect(sized_page.locator("#__drawer")).to_be_checked()
    still(sized_page)  # the menu has slid in
    assert not (problems := violations(axe, sized_page, "phone menu open on duty/")), "\n".join(problems)


# ---- the four places Material's default theme fails contrast, measured directly -------------

# Material's markup for navigation tabs and content tabs: this site turns neither on yet, so the
# test puts one of each on a page to measure what the stylesheet would do with them.
TABS_HTML = """
<nav class="md-tabs" aria-label="Tabs" id="cc-test-tabs"><div class="md-grid"><ul class="md-tabs__list">
  <li class="md-tabs__item md-tabs__item--active"><a href="#" class="md-tabs__link">Current tab</a></li>
  <li class="md-tabs__item"><a href="#" class="md-tabs__link">Other tab</a></li>
</ul></div></nav>"""
CONTENT_TABS_HTML = """
<div class="tabbed-set tabbed-alternate" data-tabs="1:2" id="cc-test-content-tabs">
  <input checked="checked" id="cc-t1" name="cc-t" type="radio"><input id="cc-t2" name="cc-t" type="radio">
  <div class="tabbed-labels"><label for="cc-t1">Primary</label><label for="cc-t2">Secondary</label></div>
  <div class="tabbed-content"><div class="tabbed-block"><p>One.</p></div><div class="tabbed-block"><p>Two.</p></div></div>
</div>"""

# The colours that reach the eye: the element's text colour and opacity, and each background
# from the element up to the page, so that translucent layers can be composited in Python.
COLOURS_JS = """el => {
  const layers = [];
  let opacity = 1;
  for (let a = el; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    opacity *= parseFloat(style.opacity);
    layers.push(style.backgroundColor);
  }
  return {fg: getComputedStyle(el).color, opacity, layers};
}"""


def rgba(text: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    if len(numbers) == 3:
        numbers.append(1.0)
    assert len(numbers) == 4, f"cannot read the colour {text!r}"
    return tuple(numbers)  # type: ignore[return-value]


def over(top: tuple, below: tuple) -> tuple:
    """`top` (with alpha) painted over the opaque colour `below`."""
    alpha = top[3]
    return tuple(top[i] * alpha + below[i] * (1 - alpha) for i in range(3)) + (1.0,)


def luminance(colour: tuple) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(page, selector: str) -> float:
    """WCAG contrast ratio of the first element matching `selector` against what lies behind it."""
    found = page.locator(selector).first.evaluate(COLOURS_JS)
    background = (255.0, 255.0, 255.0, 1.0)  # the canvas
    for layer in reversed(found["layers"]):
        background = over(rgba(layer), background)
    fg = rgba(found["fg"])
    text = over((*fg[:3], fg[3] * found["opacity"]), background)
    light, dark = sorted((luminance(text), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_of_copyright_tabs_search_meta_and_accent(page, site_url):
    measured = {}
    page.goto(site_url + "/")
    measured["copyright"] = contrast(page, ".md-copyright")
    measured["copyright highlight"] = contrast(page, ".md-copyright__highlight")

    page.evaluate("html => document.querySelector('.md-header').insertAdjacentHTML('afterend', html)", TABS_HTML)
    page.evaluate(
        "html => document.querySelector('.md-content__inner').insertAdjacentHTML('afterbegin', html)", CONTENT_TABS_HTML
    )
    measured["navigation tab (not current)"] = contrast(
        page, "#cc-test-tabs .md-tabs__item:not(.md-tabs__item--active) .md-tabs__link"
    )
    measured["content tab (not selected)"] = contrast(page, "#cc-test-content-tabs label[for=cc-t2]")
    measured["content tab (selected)"] = contrast(page, "#cc-test-content-tabs label[for=cc-t1]")

    link = page.locator(".md-content__inner a[href]:not(.headerlink)").first
    link.hover()
    still(page, ".md-content__inner a[href]:not(.headerlink):hover")  # Material fades link colours in
    measured["link on hover (accent)"] = contrast(page, ".md-content__inner a[href]:not(.headerlink):hover")

    open_search(page, site_url)
    measured["search result meta"] = contrast(page, ".md-search-result__meta")

    low = {place: round(ratio, 2) for place, ratio in measured.items() if ratio < AA_TEXT}
    assert not low, f"below {AA_TEXT}:1 (all measured: { {k: round(v, 2) for k, v in measured.items()} }): {low}"


def test_contrast_measure_catches_materials_default_search_meta(page, site_url):
    """The measure itself: Material's own grey on grey, 4.41:1, must be reported as too low."""
    open_search(page, site_url)
    page.add_style_tag(
        content=".md-search-result__meta { color: rgba(0,0,0,0.54) !important; "
        "background-color: rgba(0,0,0,0.07) !important; }"
    )
    assert contrast(page, ".md-search-result__meta") == pytest.approx(4.41, abs=0.05)
