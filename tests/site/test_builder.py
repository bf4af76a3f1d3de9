"""The policy builder in Chromium: by keyboard from start to Word file, the engine's own output, GOV.UK
error messages, check your answers, a profile's round trip, deleting, plain words on every page,
accessibility, and no request leaving the site."""

from __future__ import annotations

import base64
import difflib
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from hypothesis import HealthCheck, given, settings
from playwright.sync_api import expect

from cohesion_guide.builder import calls
from cohesion_guide.documents.policy import write_policy
from tests.builder.strategies import EXAMPLES, answers, example_answers
from tests.builder.test_calls import word_text
from tests.conftest import ROOT
from tests.site.builder_steps import (  # noqa: F401 (fixtures)
    BUILDER,
    ENGINE_WAIT,
    PAGES,
    STORE,
    builder,
    engine_call,
    fill_by_keyboard,
    fresh,
    open_with,
    state,
    stored,
    tab_to,
    upload,
    wait_for_check,
)
from tests.site.test_accessibility import AXE_OPTIONS, WIDTHS, violations

COHESION = Path(sys.executable).parent / "cohesion"


def browser_policy(page, given_answers: dict) -> dict:
    """The policy the browser's engine makes from `given_answers`."""
    return engine_call(page, "make_policy", state(given_answers), "/cohesion/project")


def cli_policy(profile: Path, out: Path) -> dict[str, bytes]:
    command = [str(COHESION), "policy", str(profile), "-o", str(out), "--format", "md,docx", "--project", str(ROOT)]
    subprocess.run(command, check=True, capture_output=True)
    return {fmt: (out / f"{profile.stem}-policy.{fmt}").read_bytes() for fmt in ("md", "docx")}


def test_the_browser_makes_the_word_text_and_markdown_cohesion_policy_makes_for_each_example(builder, tmp_path):
    for path in EXAMPLES:
        made = browser_policy(builder, example_answers(path))
        assert made["problems"] == [], path.name
        cli = cli_policy(path, tmp_path / path.stem)
        assert made["markdown"].encode() == cli["md"], path.name
        assert word_text(base64.b64decode(made["docx"])) == word_text(cli["docx"]), path.name


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(given_answers=answers())
def test_the_browser_makes_what_the_command_line_makes_for_any_profile(builder, tmp_path_factory, given_answers):
    made = browser_policy(builder, given_answers)
    assert made["problems"] == []
    written = json.loads(calls.profile_text(state(given_answers)))
    folder = tmp_path_factory.mktemp("profile")
    (folder / written["name"]).write_text(written["text"], encoding="utf-8")
    cli = write_policy(folder / written["name"], ROOT, folder / "out", ("md", "docx"))
    assert made["markdown"] == cli["md"].read_text(encoding="utf-8")
    assert word_text(base64.b64decode(made["docx"])) == word_text(cli["docx"].read_bytes())


def test_ruamel_yaml_runs_in_the_browser_without_its_compiled_part(builder):
    path = EXAMPLES[3]
    text = path.read_text(encoding="utf-8")
    read = engine_call(builder, "read_profile", text, path.name)
    read["state"]["answers"]["location"]["ward"] = "Hill"
    written = engine_call(builder, "profile_text", json.dumps(read["state"]))
    assert written["name"] == path.name
    assert json.loads(calls.profile_text(json.dumps(read["state"]))) == written  # the command line's own result
    assert written["text"].count("\n") == text.count("\n") and "  ward: Hill\n" in written["text"]


# ---- by keyboard alone --------------------------------------------------------------------------


def as_a_school_answers(path: Path, folder: Path) -> tuple[dict, Path]:
    """An example's answers as a school typing them would give them: the register's "Does not apply" is
    not a choice the questions offer, so "No religious character" (None) is chosen, in the profile too."""
    text = path.read_text(encoding="utf-8").replace("religious_character: Does not apply", "religious_character: None")
    profile = folder / path.name
    profile.write_text(text, encoding="utf-8")
    return example_answers(profile), profile


@pytest.mark.parametrize("example", [0, 2, 4], ids=lambda n: EXAMPLES[n].stem)
def test_a_school_fills_in_the_questions_by_keyboard_and_gets_the_command_lines_word_file(fresh, example, tmp_path):
    given, path = as_a_school_answers(EXAMPLES[example], tmp_path)
    fill_by_keyboard(fresh, given)
    tab_to(fresh, "[data-action=make]")
    fresh.keyboard.press("Enter")
    expect(fresh.locator("h1.cc-heading")).to_have_text("Your school's policy is ready", timeout=ENGINE_WAIT)
    tab_to(fresh, "a[data-format=docx]")
    with fresh.expect_download() as download:
        fresh.keyboard.press("Enter")
    word = Path(download.value.path()).read_bytes()
    assert word_text(word) == word_text(cli_policy(path, tmp_path / "cli")["docx"])
    outside = [
        url
        for url in fresh.requests
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"
    ]
    assert not outside, outside
    assert not fresh.errors


# ---- messages ----------------------------------------------------------------------------------


def test_an_empty_page_shows_gov_uk_messages_in_the_pages_order_linked_to_each_field(fresh):
    fresh.click("#cc-start-blank")
    fresh.click("#cc-question button[type=submit]")
    summary = fresh.locator(".cc-error-summary")
    expect(summary).to_be_focused(timeout=ENGINE_WAIT)
    links = fresh.locator(".cc-error-summary a")
    expect(links).to_have_text(
        ["Enter the school's name", "Enter the school's local authority", "Select the school's phase"]
    )
    expect(fresh.locator("#f-school-name-error")).to_have_text("Error: Enter the school's name")
    assert fresh.title().startswith("Error: ")
    links.nth(2).click()
    expect(fresh.locator("#f-school-phase-0")).to_be_focused()


def test_a_uk_date_typed_in_one_box_is_understood_and_a_missing_month_is_named(fresh):
    open_with(fresh, state(example_answers(EXAMPLES[1])), "document")
    fresh.fill("#f-document-date_adopted-day", "")
    fresh.fill("#f-document-date_adopted-month", "")
    fresh.fill("#f-document-date_adopted-year", "2027")
    fresh.click("#cc-question button[type=submit]")
    expect(fresh.locator(".cc-error-summary a")).to_have_text(
        ["The date the policy is adopted must include a day and month"], timeout=ENGINE_WAIT
    )
    fresh.fill("#f-document-date_adopted-day", "20/01/2027")
    fresh.fill("#f-document-date_adopted-year", "")
    fresh.click("#cc-question button[type=submit]")
    wait_for_check(fresh)
    # as the engine read it: in words on Check your answers, and in its three boxes on its page
    card = fresh.locator("#card-document-title").locator("xpath=ancestor::section")
    expect(card.locator(".cc-summary-list__row", has_text="Date adopted")).to_contain_text("20 January 2027")
    assert "20/01/2027" not in card.inner_text()
    fresh.click("#card-document-title ~ a")
    for part, value in (("day", "20"), ("month", "1"), ("year", "2027")):
        expect(fresh.locator(f"#f-document-date_adopted-{part}")).to_have_value(value)


def test_an_uploaded_profile_with_problems_is_kept_and_its_problems_shown_in_plain_words(fresh, tmp_path):
    bad = (
        EXAMPLES[3]
        .read_text(encoding="utf-8")
        .replace("setting: urban", "setting: urbn")
        .replace("  town:", "  twon:", 1)
    )
    (tmp_path / "ours.yml").write_text(bad, encoding="utf-8")
    upload(fresh, tmp_path / "ours.yml")
    wait_for_check(fresh)
    expect(fresh.locator(".cc-error-summary a")).to_have_text(
        [
            "Enter the town, city or area",
            "Select whether the school is in a town or the countryside from the list: urbn is not one of the choices",
        ]
    )
    expect(fresh.locator(".cc-notification")).to_contain_text("location.twon is not one of the questions")
    fresh.click(".cc-error-summary a >> nth=0")
    expect(fresh.locator("#f-location-town-error")).to_have_text("Error: Enter the town, city or area")


# ---- check your answers --------------------------------------------------------------------------


def test_check_your_answers_is_a_card_per_topic_with_what_was_not_given_folded_away(fresh):
    upload(fresh, EXAMPLES[2])
    wait_for_check(fresh)
    cards = fresh.locator(".cc-summary-card")
    expect(cards).to_have_count(len(PAGES))
    about = fresh.locator("#card-school-title").locator("xpath=ancestor::section")
    expect(
        about.locator(":scope > .cc-summary-card__content > .cc-summary-list .cc-summary-list__value")
    ).not_to_contain_text(["Not given"])
    folded = about.locator("details")
    expect(folded.locator("summary")).to_have_text(re.compile(r"Not given \(\d+\)"))
    expect(folded.locator(".cc-summary-list")).not_to_be_visible()
    expect(fresh.locator("#card-school-type")).to_have_count(0)  # ids are on titles, not cards
    expect(fresh.locator("#card-school-type-title")).to_have_text("Type of school")


def test_an_ethnic_make_up_of_one_known_group_shows_the_rest_as_not_given(fresh):
    given = example_answers(EXAMPLES[1])
    given["pupils"]["ethnicity"] = {"pakistani": "40"}
    open_with(fresh, state(given), "ethnic-make-up")
    expect(fresh.locator("#cc-total")).to_have_text(
        "Total so far: 40%. The other 60% of pupils are shown as not given."
    )
    fresh.click("#cc-question button[type=submit]")
    expect(fresh.locator(".cc-caption")).to_contain_text("Question page 8", timeout=ENGINE_WAIT)
    fresh.goto(fresh.url.split("#")[0] + "#check")
    expect(fresh.locator("#card-ethnic-make-up-title").locator("xpath=ancestor::section")).to_contain_text(
        "Not given (60%)"
    )


def test_a_figure_not_known_may_be_said_in_words_and_one_that_is_not_a_number_asks_for_one_or_a_blank(fresh):
    given = example_answers(EXAMPLES[1])
    open_with(fresh, state(given), "pupils")
    fresh.fill("#f-pupils-eal_percent", "don't know")
    fresh.fill("#f-pupils-number_on_roll", "?")
    fresh.fill("#f-pupils-fsm_percent", "about 40")
    fresh.click("#cc-question button[type=submit]")
    expect(fresh.locator(".cc-error-summary a")).to_have_text(
        [
            "Enter the percentage of pupils eligible for free school meals as a number, like 23, "
            "or leave it blank if you do not know it"
        ],
        timeout=ENGINE_WAIT,
    )
    expect(fresh.locator("#f-pupils-fsm_percent")).to_have_value("about 40")  # kept as typed, never guessed
    fresh.fill("#f-pupils-fsm_percent", "unknown")
    fresh.click("#cc-question button[type=submit]")
    expect(fresh.locator("h1.cc-heading")).to_have_text("The pupils: ethnic make-up", timeout=ENGINE_WAIT)


def test_a_figure_typed_with_its_own_percent_sign_shows_one_on_check_your_answers(fresh):
    given = example_answers(EXAMPLES[1])
    given["pupils"].update(fsm_percent="40%", eal_percent="12 %")
    given["pupils"]["ethnicity"] = {"pakistani": "40%"}
    open_with(fresh, state(given), "check")
    wait_for_check(fresh)
    pupils = fresh.locator("#card-pupils-title").locator("xpath=ancestor::section")
    expect(pupils.locator(".cc-summary-list__row", has_text="free school meals")).to_contain_text("40%")
    expect(pupils.locator(".cc-summary-list__row", has_text="additional language")).to_contain_text("12%")
    ethnicity = fresh.locator("#card-ethnic-make-up-title").locator("xpath=ancestor::section")
    expect(ethnicity.locator(".cc-summary-list__row", has_text="Pakistani")).to_contain_text("40%")
    assert (
        "%%" not in fresh.locator("#cc-builder").inner_text() and "% %" not in fresh.locator("#cc-builder").inner_text()
    )


@pytest.mark.parametrize(
    "status, day, warned",
    [
        ("approved", "20 1 2099", "The policy will say it was adopted on 20 January 2099, which is after today."),
        (
            "draft",
            "15 10 2001",
            "The policy will say it is a draft to be adopted on 15 October 2001, which has passed.",
        ),
    ],
)
def test_check_your_answers_warns_of_a_date_that_does_not_fit_the_status_and_still_makes_the_policy(
    fresh, status, day, warned
):
    given = example_answers(EXAMPLES[1])
    given["document"].update(status=status, date_adopted=dict(zip(("day", "month", "year"), day.split(), strict=True)))
    open_with(fresh, state(given), "check")
    warning = fresh.locator("#cc-warnings[data-checked] .cc-warning-text")
    expect(warning).to_contain_text(warned, timeout=ENGINE_WAIT)
    expect(warning.locator("a")).to_have_attribute("href", "#document")
    fresh.click("[data-action=make]")
    expect(fresh.locator("h1.cc-heading")).to_have_text("Your school's policy is ready", timeout=ENGINE_WAIT)


def test_a_date_that_fits_the_status_gets_no_warning(fresh):
    given = example_answers(EXAMPLES[1])
    given["document"].update(status="approved", date_adopted={"day": "15", "month": "10", "year": "2001"})
    open_with(fresh, state(given), "check")
    expect(fresh.locator("#cc-warnings[data-checked]")).to_be_attached(timeout=ENGINE_WAIT)
    expect(fresh.locator(".cc-warning-text")).to_have_count(0)


def test_the_review_cycles_hint_says_what_a_blank_gives_in_this_copy_of_the_guide(fresh):
    open_with(fresh, state(example_answers(EXAMPLES[1])), "document")
    expect(fresh.locator("#f-document-review_cycle_years-hint")).to_have_text(
        "How many years until the policy is reviewed: 1, 2 or 3. "
        "If you leave this blank, the policy suggests a review every year, for the governors to confirm."
    )


def test_the_local_area_page_says_it_may_be_left_blank_and_its_area_is_needed_only_with_a_figure(fresh):
    given = example_answers(EXAMPLES[1])
    given.pop("local_area", None)
    open_with(fresh, state(given), "local-area")
    expect(fresh.locator(".cc-page-hint")).to_contain_text("Answer this page only if you know figures for the area")
    name = fresh.locator("label[for=f-local_area-name]")
    expect(name).to_have_text("Area the figures are for (optional)")
    fresh.locator("#f-local_area-fsm_percent").press_sequentially("22")
    expect(name).to_have_text("Area the figures are for")
    fresh.click("#cc-question button[type=submit]")
    expect(fresh.locator(".cc-error-summary a")).to_have_text(
        ["Enter the area the figures are for"], timeout=ENGINE_WAIT
    )
    fresh.fill("#f-local_area-fsm_percent", "")
    expect(name).to_have_text("Area the figures are for (optional)")
    fresh.click("#cc-question button[type=submit]")
    expect(fresh.locator("h1.cc-heading")).to_have_text("The local area: ethnic make-up", timeout=ENGINE_WAIT)
    expect(fresh.locator(".cc-page-hint")).to_contain_text("children in the area")
    fresh.fill("#f-local_area-ethnicity-pakistani", "30")
    expect(fresh.locator("#cc-total")).to_have_text(
        "Total so far: 30%. The other 70% of children in the area are shown as not given."
    )
    assert "pupil" not in fresh.locator("#cc-question").inner_text().lower()


@pytest.mark.parametrize(
    "old, new",
    [("pupils.ethnicity", "ethnic-make-up"), ("local_area", "local-area"), ("local_tensions", "tension")],
)
def test_each_page_is_named_in_the_address_in_plain_words_and_an_old_address_still_opens_it(fresh, old, new):
    open_with(fresh, state(example_answers(EXAMPLES[1])), old)
    expect(fresh.locator(".cc-caption")).to_be_visible()
    expect(fresh).to_have_url(re.compile(f"#{re.escape(new)}$"))
    fresh.click("#cc-question button[type=submit]")
    expect(fresh).not_to_have_url(re.compile(f"#{re.escape(new)}$"), timeout=ENGINE_WAIT)
    assert not re.search(r"#[^#]*[._]", fresh.url), fresh.url


def test_a_school_that_uses_makaton_alone_can_say_so(fresh):
    open_with(fresh, state(example_answers(EXAMPLES[2])), "school-needs")
    labels = fresh.locator("#f-school-communication .cc-checkboxes__label")
    expect(labels).to_contain_text(["Makaton", "Signalong", "Sign Supported English", "British Sign Language"])
    fresh.click("#f-school-communication label:text-is('Makaton')")
    fresh.click("#cc-question button[type=submit]")
    expect(fresh.locator("h1.cc-heading")).to_have_text("Where the school is", timeout=ENGINE_WAIT)
    assert json.loads(stored(fresh))["answers"]["school"]["communication"][-1] == "Makaton"


def test_the_answers_downloaded_from_the_start_page_read_as_plain_words(fresh):
    given = example_answers(EXAMPLES[2])
    given["school"]["send_needs"] = ["sld", "pmld"]
    open_with(fresh, state(given))
    with fresh.expect_download(timeout=ENGINE_WAIT) as download:
        fresh.click("text=Download your answers as a profile")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Your school's answers from \"Make your school's policy\"")
    assert "Notepad" in text and "Upload a profile" in text
    assert "$schema" not in text and "cohesion validate" not in text
    assert (
        "  send_needs: [sld, pmld]  # Severe learning difficulty; Profound and multiple learning difficulty\n" in text
    )


# ---- what is typed is kept ---------------------------------------------------------------------------


def test_what_is_typed_survives_back_and_reload(fresh):
    fresh.click("#cc-start-blank")
    fresh.locator("#f-school-name").press_sequentially("Hillside Primary")
    fresh.click("label[for=f-school-phase-4]")
    fresh.go_back()
    expect(fresh.locator("#cc-upload")).to_be_visible()
    fresh.go_forward()
    expect(fresh.locator("#f-school-name")).to_have_value("Hillside Primary")
    fresh.reload()
    expect(fresh.locator("#f-school-name")).to_have_value("Hillside Primary")
    expect(fresh.locator("#f-school-phase-4")).to_be_checked()


# ---- a round trip changes only what changed ---------------------------------------------------------


def test_a_profile_uploaded_changed_and_downloaded_again_differs_only_in_that_answer(fresh, tmp_path):
    source = EXAMPLES[1]
    upload(fresh, source)
    wait_for_check(fresh)
    fresh.click("#card-location-title ~ a")
    fresh.fill("#f-location-ward", "Hill End")
    fresh.click("#cc-question button[type=submit]")
    wait_for_check(fresh)
    fresh.click("[data-action=make]")
    with fresh.expect_download() as download:
        fresh.locator("a[data-format=yml]").click(timeout=ENGINE_WAIT)
    assert download.value.suggested_filename == source.name
    after = Path(download.value.path()).read_text(encoding="utf-8")
    before = source.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    old_ward = next(line for line in before.splitlines() if line.startswith("  ward:"))
    assert diff == [f"-{old_ward}", "+  ward: Hill End"]


# ---- deleting ------------------------------------------------------------------------------------


def test_delete_my_answers_is_on_the_start_page_only_and_asks_first(fresh, site_url):
    upload(fresh, EXAMPLES[0])
    wait_for_check(fresh)
    assert fresh.locator("text=Delete my answers").count() == 0
    fresh.click(".cc-back-link")
    fresh.goto(site_url + BUILDER)
    fresh.click("#cc-delete-link")
    expect(fresh.locator("h1.cc-heading")).to_have_text("Are you sure you want to delete your answers?")
    fresh.click("text=No, keep my answers")
    assert stored(fresh) is not None
    fresh.click("#cc-delete-link")
    fresh.click("[data-action=delete]")
    expect(fresh.locator(".cc-notification--success")).to_contain_text("Your answers have been deleted")
    assert fresh.evaluate("() => localStorage.length") == 0
    fresh.goto(site_url + BUILDER)
    expect(fresh.locator("#cc-start-blank")).to_be_visible()
    assert fresh.locator("[data-action=resume]").count() == 0


# ---- plain words everywhere -------------------------------------------------------------------------

SCHEMA_WORDS = re.compile(
    r"\b[a-z]+_[a-z_]+\b"  # snake_case field names
    r"|\b[\w-]+\.(?:yml|yaml|json)\b"  # file names
    r"|\bYYYY\b|\bGIAS\b|\bunclassified\b|\bStatutory\w+|\bTypeOf\w+|\bNurseryProvision\b|: \|"
    r"|\b(?:16-plus|pru|spld|mld|sld|pmld|semh|slcn|msi|asd|oth)\b"  # codes that are no one's words
)
# Every allowed value that is a code rather than words (urban, all-through, draft, weekly...): a choice or
# an answer shown as exactly that is the schema speaking, not the page.
CODES = sorted(
    {
        str(v)
        for p in PAGES
        for f in p.get("fields", []) + p.get("item_fields", [])
        for v in [o["value"] for o in f.get("options", [])]
        if re.fullmatch(r"[a-z0-9-]+", str(v))
    }
)


def shown_as_codes(page) -> list[str]:
    """Choices and answers on the page whose whole text is one of the schema's codes."""
    return page.evaluate(
        """codes => [...document.querySelectorAll('#cc-builder label, #cc-builder option, #cc-builder .cc-summary-list__value')]
            .map(e => e.textContent.trim()).filter(t => codes.includes(t))""",
        CODES,
    )


def page_words(page) -> str:
    """What a reader sees on the builder's step, and what a screen reader hears of its controls."""
    return page.evaluate(
        """() => {
        const root = document.getElementById('cc-builder');
        const aria = [...root.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'));
        return root.innerText + '\\n' + aria.join('\\n') + '\\n' + document.title;
    }"""
    )


@pytest.mark.parametrize("path", [EXAMPLES[0], EXAMPLES[2], EXAMPLES[3]], ids=lambda p: p.stem)
def test_no_question_page_or_check_your_answers_shows_a_schema_value_field_name_or_file_name(fresh, path):
    for step in [p["id"] for p in PAGES] + ["check"]:
        open_with(fresh, state(example_answers(path)), step)
        expect(fresh.locator("h1.cc-heading, h1 .cc-label, legend h1").first).to_be_visible()
        fresh.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        found = SCHEMA_WORDS.findall(page_words(fresh)) + shown_as_codes(fresh)
        assert not found, (path.name, step, found)


# ---- accessibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_finds_nothing_on_any_step(browser, site_url, width):
    axe = Axe()
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    page.goto(site_url + BUILDER)
    page.wait_for_selector("#cc-start-blank")
    problems = violations(axe, page, "start", AXE_OPTIONS)
    page.click("#cc-start-blank")
    page.click("#cc-question button[type=submit]")
    expect(page.locator(".cc-error-summary")).to_be_visible(timeout=ENGINE_WAIT)
    problems += violations(axe, page, "school, with errors", AXE_OPTIONS)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, state(example_answers(EXAMPLES[2]))])
    for question in PAGES:
        page.goto(f"{site_url}{BUILDER}#{question['id']}")
        page.reload()
        expect(page.locator(".cc-caption")).to_be_visible()
        problems += violations(axe, page, question["id"], AXE_OPTIONS)
    page.goto(f"{site_url}{BUILDER}#school-type")
    page.reload()
    page.click("label[for=f-school-type-g1]")
    problems += violations(axe, page, "school-type, academy revealed", AXE_OPTIONS)
    warned = example_answers(EXAMPLES[2])
    warned["document"].update(status="draft", date_adopted={"day": "1", "month": "9", "year": "2001"})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, state(warned)])
    page.goto(f"{site_url}{BUILDER}#check")
    page.reload()
    expect(page.locator("#cc-warnings[data-checked] .cc-warning-text")).to_be_visible(timeout=ENGINE_WAIT)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    problems += violations(axe, page, "check, with a warning", AXE_OPTIONS)
    page.click("[data-action=make]")
    page.wait_for_selector("a[data-format=docx]", timeout=ENGINE_WAIT)
    problems += violations(axe, page, "policy", AXE_OPTIONS)
    page.goto(f"{site_url}{BUILDER}")
    page.click("#cc-delete-link")
    expect(page.locator("h1.cc-heading")).to_be_visible()
    problems += violations(axe, page, "delete, are you sure", AXE_OPTIONS)
    page.click("[data-action=delete]")
    expect(page.locator(".cc-notification--success")).to_be_visible()
    problems += violations(axe, page, "start, answers deleted", AXE_OPTIONS)
    page.click("#cc-find-school")
    expect(page.locator("input#cc-school")).to_be_visible(timeout=ENGINE_WAIT)
    page.locator("input#cc-school").press_sequentially("Meadow")
    expect(page.locator(".autocomplete__option").first).to_be_visible()
    problems += violations(axe, page, "find your school, list open", AXE_OPTIONS)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, '"abc"'])
    page.goto(f"{site_url}{BUILDER}")
    page.reload()
    expect(page.locator("[data-action=start-again]")).to_be_visible()
    problems += violations(axe, page, "start, saved answers unreadable", AXE_OPTIONS)
    page.evaluate("k => localStorage.removeItem(k)", STORE)
    page.goto(f"{site_url}{BUILDER}")
    page.reload()
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, state(example_answers(EXAMPLES[2]))])
    page.goto(f"{site_url}{BUILDER}?school={EXAMPLES[0].stem}")
    expect(page.locator("[data-action=use-school]")).to_be_visible()
    problems += violations(axe, page, "start from a school, replace answers", AXE_OPTIONS)
    page.goto(f"{site_url}{BUILDER}")
    page.reload()
    upload(page, EXAMPLES[3])
    expect(page.locator("[data-action=use-upload]")).to_be_visible(timeout=ENGINE_WAIT)
    problems += violations(axe, page, "upload, replace answers", AXE_OPTIONS)
    context.close()
    assert not problems, "\n".join(problems)


def test_without_javascript_the_page_offers_a_blank_profile_and_the_command_line(browser, site_url):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + BUILDER)
    assert page.locator("text=This needs JavaScript").is_visible()
    assert page.locator("code:text('cohesion policy hillside-primary.yml')").is_visible()
    with page.expect_download() as download:
        page.click("text=Download a blank profile")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    context.close()
    assert "school:" in text and "# " in text


def test_only_the_builders_page_loads_its_script_and_engine(built_site):
    for html in [
        built_site / "index.html",
        built_site / "policies" / "index.html",
        built_site / "schools" / "index.html",
    ]:
        text = html.read_text(encoding="utf-8")
        assert "builder.js" not in text and "builder.css" not in text and "pyodide" not in text, html
    builder_page = (built_site / "make-a-policy" / "index.html").read_text(encoding="utf-8")
    assert "builder.js" in builder_page and "builder.css" in builder_page


def test_the_home_page_and_the_policies_page_link_to_the_builder(built_site):
    for html in [built_site / "index.html", built_site / "policies" / "index.html"]:
        text = html.read_text(encoding="utf-8").split('class="md-content"', 1)[1]  # the page, not the menu
        assert ">Make your school's policy" in text.replace("&#39;", "'").replace("&rsquo;", "'"), html
