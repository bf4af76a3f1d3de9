"""Review your school's work in Chromium: a whole review by keyboard to the command line's Word file, the
engine's own pack for every example and for generated reviews, a review file's round trip, the error
summary, starting from a school on the site, what moved, deleting each kept thing behind its own
confirmation, accessibility on every step at both widths, and no request leaving 127.0.0.1."""

from __future__ import annotations

import base64
import difflib
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from hypothesis import HealthCheck, given, settings
from playwright.sync_api import expect

from cohesion_guide.builder import review_calls
from cohesion_guide.builder.review_questions import review_pages
from tests.builder.strategies import AUDITS, EXAMPLES, example_answers, example_review, reviews
from tests.builder.test_calls import word_text
from tests.builder.test_review_calls import cli_pack
from tests.site.builder_steps import ENGINE_WAIT, answer, engine_call, engine_started, recorded, tab_to, value_at
from tests.site.page_state import scroll_regions_ready
from tests.site.test_accessibility import AXE_OPTIONS, WIDTHS, violations

REVIEW = "/planning/review/"
SCHOOL_STORE, REVIEW_STORE = "cohesion-builder-answers", "cohesion-review-answers"
PAGES = review_pages()
CHECK_TITLE = "Check your answers before making the pack"
READY = "Your self-evaluation pack is ready"
RIVERSIDE = Path(EXAMPLES[5])  # schools/riverside-primary.yml
RIVERSIDE_AUDIT = AUDITS[5]


def kept_school(path: Path = RIVERSIDE) -> str:
    """The school's details as the policy builder keeps them after reading a profile."""
    return json.dumps(
        {"version": 2, "answers": example_answers(path), "source": {"name": path.name, "text": path.read_text("utf-8")}}
    )


def kept_review(answers: dict, source: Path | None = None) -> str:
    file = {"name": source.name, "text": source.read_text("utf-8")} if source else None
    return json.dumps({"version": 2, "answers": answers, "source": file, "earlier": None})


def open_review(page, site_url: str, step: str = "", school: str | None = None, review: str | None = None) -> None:
    """The review opened afresh with what another visit left in this browser, at `step`."""
    page.goto(site_url + REVIEW)
    page.evaluate(
        "([s, r, school, review]) => { localStorage.clear(); if (school) localStorage.setItem(s, school); if (review) localStorage.setItem(r, review); }",
        [SCHOOL_STORE, REVIEW_STORE, school, review],
    )
    page.goto(site_url + REVIEW + ("#" + step if step else ""))
    page.reload()
    page.wait_for_selector("#cc-builder.cc-builder--ready")


@pytest.fixture(scope="module")
def reviewer(browser, site_url):
    """One page of the review with its engine started, for tests that call the engine directly."""
    with engine_started(browser, site_url + REVIEW) as page:
        yield page


@pytest.fixture
def fresh(browser, site_url):
    """A new browser profile on the review's start page, recording every request and every script error."""
    with recorded(browser, site_url + REVIEW, "#cc-builder.cc-builder--ready") as page:
        yield page


def outside(page) -> list[str]:
    return [
        u for u in page.requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"
    ]


def wait_for_check(page) -> None:
    expect(page.locator("h1.cc-heading")).to_have_text(CHECK_TITLE, timeout=ENGINE_WAIT)


def make_pack(page) -> None:
    page.click("[data-action=make]")
    expect(page.locator("h1.cc-heading")).to_have_text(READY, timeout=ENGINE_WAIT)


# ---- one engine -----------------------------------------------------------------------------------


def browser_pack(page, answers: dict, source: Path | None, school: Path = RIVERSIDE) -> dict:
    review = json.dumps(
        {"answers": answers, "source": {"name": source.name, "text": source.read_text("utf-8")} if source else None}
    )
    return engine_call(page, "make_pack", review, json.dumps(json.loads(kept_school(school))), "/cohesion/project")


def test_the_browser_makes_the_pack_cohesion_self_evaluation_writes_for_each_example(reviewer, tmp_path):
    for audit in AUDITS:
        profile = audit.parent.parent / "schools" / audit.name
        made = browser_pack(reviewer, example_review(audit), audit, profile)
        assert made["problems"] == [] and made["school_problems"] == [], audit.name
        cli = cli_pack(profile, audit, tmp_path / audit.stem)
        assert made["markdown"].encode() == cli["md"], audit.name
        assert word_text(base64.b64decode(made["docx"])) == word_text(cli["docx"]), audit.name


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(answers=reviews())
def test_the_browser_makes_what_the_command_line_makes_for_any_review(reviewer, tmp_path_factory, answers):
    made = browser_pack(reviewer, answers, None)
    assert made["problems"] == []
    folder = tmp_path_factory.mktemp("review")
    (folder / made["audit"]["name"]).write_text(made["audit"]["text"], encoding="utf-8")
    cli = cli_pack(RIVERSIDE, folder / made["audit"]["name"], folder)
    assert made["markdown"].encode() == cli["md"]
    assert word_text(base64.b64decode(made["docx"])) == word_text(cli["docx"])


# ---- by keyboard alone ---------------------------------------------------------------------------------


def test_a_school_reviews_its_work_by_keyboard_and_gets_the_command_lines_word_file(fresh, site_url, tmp_path):
    open_review(fresh, site_url, school=kept_school())
    given = example_review(RIVERSIDE_AUDIT)
    given["practices"]["global-links"].update({"next_step": "Write to a school in Lyon", "lead": "Languages lead",
                                               "due": {"day": "31", "month": "3", "year": "2027"}})  # fmt: skip
    tab_to(fresh, "#cc-start-review")
    fresh.keyboard.press("Enter")
    for question in PAGES:
        expect(fresh.locator(".cc-caption")).to_have_text(question["caption"], timeout=ENGINE_WAIT)
        expect(fresh.locator("h1.cc-heading")).to_be_focused()  # focus moves to the new page's heading
        for field in question["fields"]:
            value = value_at(given, field["path"])
            if value is not None:
                answer(fresh, field, field["id"], value)
        tab_to(fresh, "#cc-question button[type=submit]")
        fresh.keyboard.press("Enter")
    wait_for_check(fresh)
    tab_to(fresh, "[data-action=make]")
    fresh.keyboard.press("Enter")
    expect(fresh.locator("h1.cc-heading")).to_have_text(READY, timeout=ENGINE_WAIT)
    tab_to(fresh, "a[data-format=yml]")
    with fresh.expect_download() as review_file:
        fresh.keyboard.press("Enter")
    tab_to(fresh, "a[data-format=docx]")
    with fresh.expect_download() as word:
        fresh.keyboard.press("Enter")
    audit = tmp_path / review_file.value.suggested_filename
    review_file.value.save_as(audit)
    assert audit.name == "riverside-primary-audit.yml"
    cli = cli_pack(RIVERSIDE, audit, tmp_path)
    assert word_text(Path(word.value.path()).read_bytes()) == word_text(cli["docx"])
    written = audit.read_text(encoding="utf-8")
    assert "    next_step: Write to a school in Lyon\n    lead: Languages lead\n    due: 2027-03-31\n" in written, (
        written
    )
    assert b"Write to a school in Lyon" in cli["md"], cli["md"].decode()
    assert not outside(fresh), outside(fresh)
    assert not fresh.errors


# ---- messages ---------------------------------------------------------------------------------------------


def test_a_page_left_blank_shows_gov_uk_messages_linked_to_each_question(fresh, site_url):
    open_review(
        fresh, site_url, "global-links", school=kept_school(), review=kept_review(example_review(RIVERSIDE_AUDIT))
    )
    fresh.click("label[for=f-practices-global-links-status-0]")  # in place, but nothing says where
    fresh.fill("#f-practices-global-links-due-month", "13")
    fresh.click("#cc-question button[type=submit]")
    summary = fresh.locator(".cc-error-summary")
    expect(summary).to_be_focused(timeout=ENGINE_WAIT)
    expect(fresh.locator(".cc-error-summary a")).to_have_text(
        ["Enter where it can be seen", "The date for the next step must include a day and year"]
    )
    expect(fresh.locator("#f-practices-global-links-where-error")).to_have_text("Error: Enter where it can be seen")
    assert fresh.title().startswith("Error: ")
    fresh.locator(".cc-error-summary a").nth(0).click()
    expect(fresh.locator("#f-practices-global-links-where")).to_be_focused()


def test_check_your_answers_lists_every_page_left_with_the_practice_it_is_about(fresh, site_url):
    answers = example_review(RIVERSIDE_AUDIT)
    del answers["practices"]["admissions"]
    open_review(fresh, site_url, "check", school=kept_school(), review=kept_review(answers))
    expect(fresh.locator("#card-equity-excellence-title")).to_have_text("Equity and excellence")
    expect(fresh.locator(".cc-summary-card")).to_have_count(4)
    make = fresh.locator("[data-action=make]")
    make.click()
    title = next(p["title"] for p in PAGES if p["id"] == "admissions")
    expect(fresh.locator(".cc-error-summary a")).to_have_text(
        [f"{title}: select whether this is in place"], timeout=ENGINE_WAIT
    )
    fresh.locator(".cc-error-summary a").click()
    expect(fresh.locator("h1.cc-heading")).to_have_text(title)
    expect(fresh.locator("#f-practices-admissions-status-error")).to_have_text("Error: Select whether this is in place")


def test_a_problem_in_the_schools_details_links_to_the_policy_builders_page(fresh, site_url):
    details = json.loads(kept_school())
    details["answers"]["school"]["name"] = ""
    open_review(
        fresh, site_url, "check", school=json.dumps(details), review=kept_review(example_review(RIVERSIDE_AUDIT))
    )
    fresh.click("[data-action=make]")
    link = fresh.locator(".cc-error-summary a")
    expect(link).to_have_text(["Your school's details: enter the school's name"], timeout=ENGINE_WAIT)
    assert link.get_attribute("href").endswith("make-a-policy/#school")


# ---- a review's round trip ------------------------------------------------------------------------------------


def upload(page, field: str, path: Path | None = None, *, name: str = "", text: str = "") -> None:
    source = str(path) if path else {"name": name, "mimeType": "text/yaml", "buffer": text.encode("utf-8")}
    page.set_input_files(f"#{field}", source)
    page.click(f"form[data-upload={field}] button[type=submit]")


def test_a_review_uploaded_changed_and_downloaded_again_differs_only_in_that_answer(fresh, site_url):
    open_review(fresh, site_url, school=kept_school())
    upload(fresh, "cc-upload-audit", RIVERSIDE_AUDIT)
    wait_for_check(fresh)
    expect(fresh.locator(".cc-notification")).to_contain_text(
        f"{len(PAGES) - 1} of {len(PAGES) - 1} practices answered"
    )
    fresh.click("a[href='#exclusions-by-group']")
    fresh.click("label[for=f-practices-exclusions-by-group-status-1]")
    fresh.fill("#f-practices-exclusions-by-group-where", "Yearly exclusions report")
    fresh.click("#cc-question button[type=submit]")
    wait_for_check(fresh)
    make_pack(fresh)
    expect(fresh.locator(".cc-moved tbody tr")).to_have_count(1)  # what moved since the file it carried on from
    expect(fresh.locator(".cc-moved tbody tr")).to_contain_text("Not yet")
    with fresh.expect_download() as download:
        fresh.click("a[data-format=yml]")
    assert download.value.suggested_filename == RIVERSIDE_AUDIT.name
    after = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(RIVERSIDE_AUDIT.read_text("utf-8").splitlines(), after, lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]  # fmt: skip
    assert changed == ["-    status: not-yet", "+    status: partly", "+    where: Yearly exclusions report"]


def test_an_upload_that_is_not_a_review_is_refused_and_nothing_kept_changes(fresh, site_url):
    open_review(fresh, site_url, school=kept_school(), review=kept_review(example_review(RIVERSIDE_AUDIT)))
    before = fresh.evaluate("k => localStorage.getItem(k)", REVIEW_STORE)
    upload(fresh, "cc-upload-audit", RIVERSIDE)
    expect(fresh.locator(".cc-error-summary a")).to_have_text(
        [f"{RIVERSIDE.name} could not be used. It is a school's profile, not an audit. Upload it under “Your school's details”. "
         "Nothing kept in this browser has changed."], timeout=ENGINE_WAIT)  # fmt: skip
    assert fresh.evaluate("k => localStorage.getItem(k)", REVIEW_STORE) == before


def test_an_earlier_review_shows_what_moved_from_not_yet_to_in_place(fresh, site_url):
    answers = example_review(RIVERSIDE_AUDIT)
    answers["practices"]["global-links"] = {"status": "in-place", "where": "Pen pals in Lyon"}
    open_review(fresh, site_url, school=kept_school(), review=kept_review(answers))
    upload(fresh, "cc-upload-earlier", RIVERSIDE_AUDIT)
    expect(fresh.locator(".cc-notification--success")).to_contain_text("what has moved since", timeout=ENGINE_WAIT)
    fresh.click("[data-action=resume]")
    wait_for_check(fresh)
    make_pack(fresh)
    row = fresh.locator(".cc-moved tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text(
        [next(p["title"] for p in PAGES if p["id"] == "global-links"), "Not yet", "In place"]
    )


# ---- starting from a school on the site --------------------------------------------------------------------


def test_a_school_on_the_site_starts_with_its_details_and_its_review(fresh, site_url):
    fresh.goto(f"{site_url}{REVIEW}?school={RIVERSIDE.stem}")
    expect(fresh.locator(".cc-notification")).to_contain_text(
        "Its review on this site is filled in too", timeout=ENGINE_WAIT
    )
    kept = json.loads(fresh.evaluate("k => localStorage.getItem(k)", SCHOOL_STORE))
    assert kept["source"]["name"] == RIVERSIDE.name and kept["answers"] == example_answers(RIVERSIDE)
    assert json.loads(fresh.evaluate("k => localStorage.getItem(k)", REVIEW_STORE))["answers"] == example_review(
        RIVERSIDE_AUDIT
    )
    # the policy builder finds the same details
    fresh.goto(site_url + "/make-a-policy/")
    expect(fresh.locator("[data-action=resume]")).to_be_visible()
    assert not outside(fresh)


def test_a_school_on_the_site_asks_before_replacing_another_schools_details(fresh, site_url):
    open_review(fresh, site_url, school=kept_school(EXAMPLES[0]))
    fresh.goto(f"{site_url}{REVIEW}?school={RIVERSIDE.stem}")
    expect(fresh.locator("h1.cc-heading")).to_have_text(
        f"Start from {json.loads(kept_school())['answers']['school']['name']}?"
    )
    fresh.click("[data-action=keep-school]")
    assert (
        json.loads(fresh.evaluate("k => localStorage.getItem(k)", SCHOOL_STORE))["source"]["name"] == EXAMPLES[0].name
    )


# ---- deleting ---------------------------------------------------------------------------------------------------


def test_the_review_and_the_schools_details_each_have_their_own_delete_behind_a_confirmation(fresh, site_url):
    open_review(fresh, site_url, school=kept_school(), review=kept_review(example_review(RIVERSIDE_AUDIT)))
    fresh.click("#cc-delete-review")
    expect(fresh.locator("h1.cc-heading")).to_have_text("Are you sure you want to delete your review?")
    fresh.click("text=No, keep my review")
    expect(fresh.locator("#cc-delete-review")).to_be_visible()
    fresh.click("#cc-delete-review")
    fresh.click("[data-action=delete-review]")
    expect(fresh.locator(".cc-notification--success")).to_contain_text("Your review has been deleted")
    assert fresh.evaluate("k => localStorage.getItem(k)", REVIEW_STORE) is None
    assert fresh.evaluate("k => localStorage.getItem(k)", SCHOOL_STORE) is not None
    fresh.click("#cc-delete-school")
    expect(fresh.locator("h1.cc-heading")).to_have_text("Are you sure you want to delete your school's details?")
    expect(fresh.locator(".md-content")).to_contain_text("Make your school's policy uses them too")
    fresh.click("[data-action=delete-school]")
    expect(fresh.locator(".cc-notification--success")).to_contain_text("Your school's details have been deleted")
    assert fresh.evaluate("() => localStorage.length") == 0
    expect(fresh.locator("#cc-start-review")).to_be_visible()


# ---- accessibility -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_finds_nothing_on_any_step(browser, site_url, width):
    axe = Axe()
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    open_review(page, site_url)
    problems = violations(axe, page, "start, nothing kept", AXE_OPTIONS)
    page.click("#cc-find-school")
    expect(page.locator("input#cc-school")).to_be_visible(timeout=ENGINE_WAIT)
    page.locator("input#cc-school").press_sequentially("River")
    expect(page.locator(".autocomplete__option").first).to_be_visible()
    problems += violations(axe, page, "find your school, list open", AXE_OPTIONS)
    answers = example_review(RIVERSIDE_AUDIT)
    open_review(page, site_url, school=kept_school(), review=kept_review(answers))
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    problems += violations(axe, page, "start, school and review kept", AXE_OPTIONS)
    for question in PAGES:
        page.goto(f"{site_url}{REVIEW}#{question['id']}")
        expect(page.locator(".cc-caption")).to_have_text(question["caption"])
        problems += violations(axe, page, question["id"], AXE_OPTIONS)
    page.locator("#f-practices-stakeholder-views-where").fill("")
    page.click("#cc-question button[type=submit]")
    expect(page.locator(".cc-error-summary")).to_be_visible(timeout=ENGINE_WAIT)
    problems += violations(axe, page, "a practice, with errors", AXE_OPTIONS)
    open_review(page, site_url, "check", school=kept_school(), review=kept_review({**answers, "completed_by": ""}))
    page.click("[data-action=make]")
    expect(page.locator(".cc-error-summary")).to_be_visible(timeout=ENGINE_WAIT)
    problems += violations(axe, page, "check, with errors", AXE_OPTIONS)
    open_review(page, site_url, "check", school=kept_school(), review=kept_review(answers, RIVERSIDE_AUDIT))
    problems += violations(axe, page, "check", AXE_OPTIONS)
    make_pack(page)
    scroll_regions_ready(page)
    problems += violations(axe, page, "pack", AXE_OPTIONS)
    open_review(page, site_url, "delete-review", school=kept_school(), review=kept_review(answers))
    problems += violations(axe, page, "delete the review, are you sure", AXE_OPTIONS)
    page.goto(f"{site_url}{REVIEW}#delete-school")
    expect(page.locator("h1.cc-heading")).to_have_text("Are you sure you want to delete your school's details?")
    problems += violations(axe, page, "delete the school's details, are you sure", AXE_OPTIONS)
    page.click("[data-action=delete-school]")
    expect(page.locator(".cc-notification--success")).to_be_visible()
    problems += violations(axe, page, "start, details deleted", AXE_OPTIONS)
    open_review(page, site_url, school=kept_school(EXAMPLES[0]))
    page.goto(f"{site_url}{REVIEW}?school={RIVERSIDE.stem}")
    expect(page.locator("[data-action=use-school]")).to_be_visible()
    problems += violations(axe, page, "start from a school, replace details", AXE_OPTIONS)
    open_review(page, site_url, review='"abc"')
    expect(page.locator("[data-action=start-again]")).to_be_visible()
    problems += violations(axe, page, "start, saved review unreadable", AXE_OPTIONS)
    context.close()
    assert not problems, "\n".join(problems)


# ---- the site around it ------------------------------------------------------------------------------------------


def test_without_javascript_the_page_offers_a_blank_audit_and_the_command_line(browser, site_url):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + REVIEW)
    expect(page.locator("text=This needs JavaScript")).to_be_visible()
    with page.expect_download() as download:
        page.click("text=Download a blank audit")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    context.close()
    assert "practices:" in text and "status: not-yet" in text


def test_only_the_reviews_page_loads_its_script_and_it_shares_the_policy_builders_engine(built_site):
    for html in [
        built_site / "index.html",
        built_site / "planning" / "self-evaluation" / "index.html",
        built_site / "make-a-policy" / "index.html",
    ]:
        assert "review.js" not in html.read_text(encoding="utf-8"), html
    page = (built_site / "planning" / "review" / "index.html").read_text(encoding="utf-8")
    assert "review.js" in page and "builder.css" in page and "builder.js" not in page
    setup = json.loads(page.split('id="cc-builder-setup">', 1)[1].split("</script>", 1)[0].replace("<\\/", "</"))
    policy = (built_site / "make-a-policy" / "index.html").read_text(encoding="utf-8")
    policy_setup = json.loads(
        policy.split('id="cc-builder-setup">', 1)[1].split("</script>", 1)[0].replace("<\\/", "</")
    )
    assert setup["engine"] == "../../make-a-policy/" + policy_setup["engine"]
    assert setup["pyodide"] == "../../make-a-policy/" + policy_setup["pyodide"]
    assert setup["module"] == review_calls.__name__
    assert (built_site / "planning" / "review" / setup["engine"]).is_file()


def test_the_home_page_the_guide_and_each_schools_pack_lead_to_the_review(built_site):
    def links(html: Path) -> list[tuple[str, str]]:
        import re

        body = (
            html.read_text(encoding="utf-8")
            .split('class="md-content"', 1)[1]
            .replace("&#39;", "'")
            .replace("&rsquo;", "'")
        )
        return re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)', body)

    home = links(built_site / "index.html")
    assert any(
        text.startswith("Review your school's work") and href.startswith("planning/review/") for href, text in home
    )
    guide = links(built_site / "planning" / "self-evaluation" / "index.html")
    assert any(text == "Review your school's work" for _, text in guide)
    pack = links(built_site / "schools" / "riverside-primary" / "self-evaluation" / "index.html")
    assert ("../../../planning/review/?school=riverside-primary", "Review this school's work in your browser") in pack
