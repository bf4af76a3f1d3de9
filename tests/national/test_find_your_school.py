"""Find your school on the national home, in real Chromium: any school by its name, URN, town or
postcode district, by keyboard alone, leading to its page on its authority's site and to the builder
started from its register entry; loaded on that page only; every school reachable without
JavaScript; no axe violation at 1280 or 375 px."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from cohesion_guide.national import layout
from cohesion_guide.national.plan import load_plan
from tests.site.builder_steps import ENGINE_WAIT
from tests.site.test_accessibility import violations

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
FINDER_FILES = ("schools.json", "finder.js", "accessible-autocomplete")
LIMIT = 20  # suggestions finder.js shows at once


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def national_url(national):
    handler = functools.partial(_Quiet, directory=str(national.out / layout.SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def school(national):
    """A school with a place and a postcode district, as the plan has it."""
    plan = load_plan(national.out)
    urn, entry = next((u, e) for u, e in sorted(plan.schools.items()) if e["p"] and e["d"])
    return {"urn": urn, **entry, "authority": plan.authority(entry["a"]).name}


def open_finder(page, url: str, count: int) -> None:
    page.goto(f"{url}/find-your-school/")
    expect(page.locator("#cc-finder")).to_have_attribute("data-ready", str(count))


def choose_by_keyboard(page, query: str, name: str) -> None:
    """Type, then arrow down to the school's suggestion and press Enter: no mouse."""
    field = page.locator("#cc-finder-input")
    field.focus()
    field.press_sequentially(query, delay=30)
    expect(page.locator(".autocomplete__option").first).to_be_visible()
    expect(page.locator(".autocomplete__menu")).to_contain_text(name)
    # Arrow down as a reader does, one suggestion at a time, until the school's is the one announced:
    # each step waits for the field to name that suggestion (the list may still be settling on the
    # last letter typed, so no position is read from it in advance).
    for position in range(LIMIT):
        page.keyboard.press("ArrowDown")
        announced = f"{field.get_attribute('id')}__option--{position}"
        expect(field).to_have_attribute("aria-activedescendant", announced)
        if page.locator(f"#{announced}").inner_text().startswith(name):
            break
    page.keyboard.press("Enter")
    expect(page.locator("#cc-finder-result h2")).to_have_text(name)
    expect(page.locator(".autocomplete__menu")).to_be_hidden()  # closed, not over the school it found
    expect(page.locator("#cc-finder-input")).to_have_value(name)


@pytest.mark.parametrize("by", ["name", "urn", "town", "district"])
def test_a_school_is_found_by_its_name_urn_town_or_postcode_district(page, national_url, national, school, by):
    query = {
        "name": school["n"][:12],
        "urn": school["urn"],
        "town": school["p"].split(", ")[-1],
        "district": school["d"],
    }[by]
    open_finder(page, national_url, load_plan(national.out).total_schools())
    choose_by_keyboard(page, query, school["n"])
    expect(page.locator("#cc-finder-result")).to_contain_text(f"URN {school['urn']}")
    expect(page.locator("#cc-finder-result")).to_contain_text(school["authority"])


def test_a_found_school_leads_to_its_page_and_to_the_builder_started_from_its_register_entry(
    page, national_url, national, school
):
    open_finder(page, national_url, load_plan(national.out).total_schools())
    choose_by_keyboard(page, school["urn"], school["n"])
    links = page.locator("#cc-finder-result a")
    expect(links).to_have_count(2)
    builder = links.nth(1).get_attribute("href")
    assert builder == f"../{school['a']}/make-a-policy/?school={school['s']}"
    # the builder's address serves its page, and the school's register entry beside it
    base = f"{national_url}/{school['a']}/make-a-policy/"
    assert urllib.request.urlopen(base + f"?school={school['s']}").status == 200
    assert urllib.request.urlopen(base + f"schools/{school['s']}.yml").status == 200
    links.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{national_url}/{school['a']}/schools/{school['s']}/")
    expect(page.locator("h1")).to_contain_text(school["n"])


def test_the_builder_opened_from_a_found_school_starts_with_its_register_entry(browser, national_url, national, school):
    context = browser.new_context()  # nothing saved in this browser: the builder starts from the school
    page = context.new_page()
    open_finder(page, national_url, load_plan(national.out).total_schools())
    choose_by_keyboard(page, school["urn"], school["n"])
    page.locator("#cc-finder-result a").nth(1).focus()
    page.keyboard.press("Enter")
    builder = re.escape(f"{national_url}/{school['a']}/make-a-policy/")
    expect(page).to_have_url(re.compile(builder + r"(#.*)?$"), timeout=ENGINE_WAIT)  # its own address
    expect(page.locator("#f-school-name")).to_have_value(school["n"], timeout=ENGINE_WAIT)
    context.close()


def test_a_query_that_names_no_school_says_so(page, national_url, national):
    open_finder(page, national_url, load_plan(national.out).total_schools())
    page.locator("#cc-finder-input").press_sequentially("zzzz qqqq", delay=30)
    expect(page.locator(".autocomplete__option--no-results")).to_contain_text("No school found")


def test_the_finder_loads_on_its_own_page_only(browser, national_url, national):
    context = browser.new_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{national_url}/")
    expect(page.locator("a.md-button", has_text="Find your school")).to_be_visible()
    page.goto(f"{national_url}/{load_plan(national.out).authorities[0].slug}/")
    expect(page.locator("h1").first).to_be_visible()
    assert not [url for url in asked if any(name in url for name in FINDER_FILES)]
    open_finder(page, national_url, load_plan(national.out).total_schools())
    assert all(any(name in url for url in asked) for name in FINDER_FILES)
    context.close()


def test_without_javascript_every_authority_leads_to_its_schools(browser, national_url, national):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{national_url}/find-your-school/")
    expect(page.locator("#cc-finder")).to_be_hidden()
    plan = load_plan(national.out)
    authorities = page.locator(".cc-authorities a")
    expect(authorities).to_have_count(len(plan.authorities))
    first = min(plan.authorities, key=lambda a: a.name.casefold())
    authorities.first.click()
    expect(page).to_have_url(f"{national_url}/{first.slug}/schools/")
    expect(page.locator("table.cc-schools tbody tr")).to_have_count(first.schools)
    context.close()


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_finds_nothing_on_the_home_and_the_finder_open_and_chosen(
    browser, axe, national_url, national, school, width
):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    problems = []
    page.goto(f"{national_url}/")
    problems += violations(axe, page, "national home")
    open_finder(page, national_url, load_plan(national.out).total_schools())
    problems += violations(axe, page, "find your school")
    page.locator("#cc-finder-input").press_sequentially(school["n"][:6], delay=30)
    expect(page.locator(".autocomplete__option").first).to_be_visible()
    problems += violations(axe, page, "find your school, suggestions open")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#cc-finder-result h2")).to_be_visible()
    problems += violations(axe, page, "find your school, a school chosen")
    context.close()
    assert not problems, "\n".join(problems)
