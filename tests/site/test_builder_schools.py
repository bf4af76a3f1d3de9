"""Start from your school (issue 24): a school finds itself by name, URN or town, by keyboard, with
alphagov's accessible-autocomplete over a plain select, and starts with its register answers filled in;
make-a-policy/?school=<slug> starts from that school. The list loads only when asked for, so the page
weighs the same for an authority of 600 schools."""

from __future__ import annotations

import gzip
import json

from playwright.sync_api import expect

from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.site import builder_pages
from cohesion_guide.site.generated import SiteContext
from tests.builder.strategies import EXAMPLES, example_answers
from tests.site.builder_steps import (  # noqa: F401 (fixtures)
    BUILDER,
    ENGINE_WAIT,
    PAGES,
    fresh,
    open_with,
    state,
    stored,
    tab_to,
)
from tests.synthetic_schools import write_schools

MEADOWBANK = next(p for p in EXAMPLES if p.stem == "meadowbank-special")


def builder_files(project) -> dict[str, bytes]:
    context = SiteContext(project_dir=project, local=load_local(project))
    return {f.src_uri: f.path.read_bytes() for f in builder_pages.pages(context)}


def test_the_builders_page_weighs_the_same_with_600_schools_and_their_list_is_a_file_of_its_own(project_copy):
    page_before = builder_pages.builder_html(project_copy)
    write_schools(project_copy, 600)
    page_after = builder_pages.builder_html(project_copy)
    assert len(page_after.encode()) == len(page_before.encode())
    files = builder_files(project_copy)
    listed = json.loads(files["make-a-policy/schools.json"])
    assert len(listed) == 600 and set(listed[0]) == {"slug", "name", "town", "urn"}
    raw, packed = len(files["make-a-policy/schools.json"]), len(gzip.compress(files["make-a-policy/schools.json"]))
    assert raw < 120_000 and packed < 30_000, (raw, packed)  # fetched only by a school that looks itself up
    assert sum(name.startswith("make-a-policy/schools/") for name in files) == 600


def test_the_start_page_fetches_neither_the_list_of_schools_nor_the_finder_until_asked(fresh):
    expect(fresh.locator("#cc-find-school")).to_be_visible()
    fresh.wait_for_load_state("networkidle")
    asked = [
        url for url in fresh.requests if "schools.json" in url or "accessible-autocomplete" in url or "/schools/" in url
    ]
    assert asked == []
    fresh.click("#cc-find-school")
    expect(fresh.locator("input#cc-school")).to_be_visible(timeout=ENGINE_WAIT)
    assert any(url.endswith("/schools.json") for url in fresh.requests)
    assert any(url.endswith("accessible-autocomplete.min.js") for url in fresh.requests)


def find_by_keyboard(page, typed: str) -> None:
    tab_to(page, "input#cc-school")
    page.keyboard.type(typed)
    option = page.locator(".autocomplete__option")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("Meadowbank School (fictional example), Exampleton, URN 900005")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    tab_to(page, "#cc-from-school button[type=submit]")
    page.keyboard.press("Enter")


def test_a_school_finds_itself_by_urn_by_keyboard_and_starts_with_its_answers(fresh):
    tab_to(fresh, "#cc-find-school")
    fresh.keyboard.press("Enter")
    expect(fresh.locator("h1.cc-heading")).to_be_focused()
    expect(fresh.locator("input#cc-school")).to_be_visible(timeout=ENGINE_WAIT)
    find_by_keyboard(fresh, "900005")
    expect(fresh.locator(".cc-caption")).to_have_text(f"Question page 1 of {len(PAGES)}", timeout=ENGINE_WAIT)
    expect(fresh.locator(".cc-notification")).to_contain_text("Meadowbank School (fictional example)")
    expect(fresh.locator("#f-school-name")).to_have_value("Meadowbank School (fictional example)")
    kept = json.loads(stored(fresh))
    assert kept["answers"] == example_answers(MEADOWBANK)
    assert kept["source"]["name"] == MEADOWBANK.name


def test_a_school_is_found_by_its_town_or_a_few_letters_of_its_name(fresh):
    fresh.click("#cc-find-school")
    box = fresh.locator("input#cc-school")
    expect(box).to_be_visible(timeout=ENGINE_WAIT)
    box.press_sequentially("meadowb")
    expect(fresh.locator(".autocomplete__option")).to_have_count(1)
    box.fill("")
    box.press_sequentially("Northgate")
    expect(fresh.locator(".autocomplete__option")).to_contain_text(["Northgate Academy (fictional example)"])


def test_without_the_autocomplete_the_plain_select_still_finds_the_school(fresh, site_url):
    fresh.route("**/accessible-autocomplete.min.js", lambda route: route.abort())
    fresh.click("#cc-find-school")
    select = fresh.locator("select#cc-school")
    expect(select.locator("option")).to_have_count(len(EXAMPLES) + 1, timeout=ENGINE_WAIT)
    select.select_option(MEADOWBANK.stem)
    fresh.click("#cc-from-school button[type=submit]")
    expect(fresh.locator("#f-school-name")).to_have_value("Meadowbank School (fictional example)", timeout=ENGINE_WAIT)


def test_choosing_no_school_says_so(fresh):
    fresh.click("#cc-find-school")
    expect(fresh.locator("input#cc-school")).to_be_visible(timeout=ENGINE_WAIT)
    fresh.click("#cc-from-school button[type=submit]")
    expect(fresh.locator(".cc-error-summary a")).to_have_text(["Select your school from the list"])


def test_an_address_naming_a_school_starts_from_it(fresh, site_url):
    fresh.goto(f"{site_url}{BUILDER}?school={MEADOWBANK.stem}")
    expect(fresh.locator("#f-school-name")).to_have_value("Meadowbank School (fictional example)", timeout=ENGINE_WAIT)
    assert json.loads(stored(fresh))["source"]["name"] == MEADOWBANK.name


def test_an_address_naming_a_school_asks_before_replacing_saved_answers(fresh, site_url):
    kept = state(example_answers(EXAMPLES[1]))
    open_with(fresh, kept)
    fresh.goto(f"{site_url}{BUILDER}?school={MEADOWBANK.stem}")
    expect(fresh.locator("h1.cc-heading")).to_have_text("Start from Meadowbank School (fictional example)?")
    fresh.click("[data-action=keep]")
    assert stored(fresh) == kept
    fresh.goto(f"{site_url}{BUILDER}?school={MEADOWBANK.stem}")
    fresh.click("[data-action=use-school]")
    expect(fresh.locator("#f-school-name")).to_have_value("Meadowbank School (fictional example)", timeout=ENGINE_WAIT)
    assert json.loads(stored(fresh))["source"]["name"] == MEADOWBANK.name
