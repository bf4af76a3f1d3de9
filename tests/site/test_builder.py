"""The policy builder in Chromium: by keyboard from start to Word file, the engine's own output,
the error summary, upload and download, storage, accessibility, and no request leaving the site."""
from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from hypothesis import HealthCheck, given, settings

from cohesion_guide.builder import calls
from cohesion_guide.builder.questions import question_pages
from cohesion_guide.documents.policy import write_policy
from cohesion_guide.inputs.schemas import schema
from tests.builder.strategies import EXAMPLES, answers, example_answers
from tests.builder.test_calls import word_text
from tests.conftest import ROOT
from tests.site.test_accessibility import AXE_OPTIONS, WIDTHS, violations

COHESION = Path(sys.executable).parent / "cohesion"
PAGES = question_pages(schema("profile"))
BUILDER = "/make-a-policy/"
ENGINE_WAIT = 120_000  # ms: a cold start on a busy 2-core machine


@pytest.fixture(scope="module")
def builder(browser, site_url):
    """One page of the builder with its engine started, for tests that call the engine directly."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + BUILDER)
    page.wait_for_function("window.ccBuilder && window.ccBuilder.engine.timings", timeout=ENGINE_WAIT)
    yield page
    context.close()


@pytest.fixture
def fresh(browser, site_url):
    """A new browser profile (empty storage) on the builder's start page, recording every request."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(site_url + BUILDER)
    page.wait_for_selector("#cc-start-blank")
    yield page
    context.close()


def browser_policy(page, given_answers: dict) -> dict:
    """The policy the browser's engine makes from `given_answers`."""
    return json.loads(page.evaluate("a => window.ccBuilder.engine.call('make_policy', a, '/cohesion/project')"
                                    ".then(JSON.stringify)", json.dumps(given_answers)))


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


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(given_answers=answers())
def test_the_browser_makes_what_the_command_line_makes_for_any_profile(builder, tmp_path_factory, given_answers):
    made = browser_policy(builder, given_answers)
    assert made["problems"] == []
    written = json.loads(calls.profile_text(json.dumps(given_answers)))
    folder = tmp_path_factory.mktemp("profile")
    (folder / written["name"]).write_text(written["text"], encoding="utf-8")
    cli = write_policy(folder / written["name"], ROOT, folder / "out", ("md", "docx"))
    assert made["markdown"] == cli["md"].read_text(encoding="utf-8")
    assert word_text(base64.b64decode(made["docx"])) == word_text(cli["docx"].read_bytes())


# ---- by keyboard alone --------------------------------------------------------------------------

def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def answer(page, field: dict, path: list, value: str) -> None:
    element_id = "f-" + "-".join(str(p) for p in path)
    if field["widget"] == "radios":
        tab_to(page, f"input[name='{element_id}']")
        for _ in range(len(field["options"]) + 1):
            if page.evaluate("() => document.activeElement.value") == value:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        return
    tab_to(page, f"#{element_id}")
    if field["widget"] == "select":
        for _ in range(len(field["options"]) + 2):
            if page.evaluate("() => document.activeElement.value") == value:
                return
            page.keyboard.press("ArrowDown")
        raise AssertionError(f"{value!r} is not in the list for {element_id}")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(value)


def value_at(given: dict, path: list) -> str:
    for key in path:
        given = given.get(key, {}) if isinstance(given, dict) else {}
    return given if isinstance(given, str) else ""


def fill_by_keyboard(page, given: dict) -> None:
    tab_to(page, "#cc-start-blank")
    page.keyboard.press("Enter")
    for question in PAGES:
        page.wait_for_selector(f"h1:text-is({json.dumps(question['title'])})")
        assert page.evaluate("() => document.activeElement.tagName") == "H1"  # focus moves to the new heading
        if question.get("item_fields"):
            for n, item in enumerate(given.get(question["id"], [])):
                tab_to(page, "[data-action=add]")
                page.keyboard.press("Enter")
                for field in question["item_fields"]:
                    if field["path"][0] in item:
                        answer(page, field, [*question["path"], n, *field["path"]], item[field["path"][0]])
        else:
            for field in question["fields"]:
                value = value_at(given, field["path"])
                if value:
                    answer(page, field, field["path"], value)
        tab_to(page, "#cc-question button[type=submit]")
        page.keyboard.press("Enter")
    page.wait_for_selector("h1:text-is('Check your answers before making the policy')", timeout=ENGINE_WAIT)


@pytest.mark.parametrize("example", [0, 2, 4], ids=lambda n: EXAMPLES[n].stem)
def test_a_school_fills_in_the_questions_by_keyboard_and_gets_the_command_lines_word_file(fresh, example, tmp_path):
    path = EXAMPLES[example]
    fill_by_keyboard(fresh, example_answers(path))
    tab_to(fresh, "[data-action=make]")
    fresh.keyboard.press("Enter")
    fresh.wait_for_selector("h1:text-is(\"Your school's policy is ready\")", timeout=ENGINE_WAIT)
    tab_to(fresh, "a[data-format=docx]")
    with fresh.expect_download() as download:
        fresh.keyboard.press("Enter")
    word = Path(download.value.path()).read_bytes()
    assert word_text(word) == word_text(cli_policy(path, tmp_path)["docx"])
    outside = [url for url in fresh.requests if urlsplit(url).scheme not in ("data", "blob")
               and urlsplit(url).hostname != "127.0.0.1"]
    assert not outside, outside


def test_an_empty_page_shows_an_error_summary_linked_to_each_field(fresh):
    fresh.click("#cc-start-blank")
    fresh.click("#cc-question button[type=submit]")
    summary = fresh.wait_for_selector(".cc-error-summary", timeout=ENGINE_WAIT)
    assert fresh.evaluate("() => document.activeElement.classList.contains('cc-error-summary')")
    links = fresh.locator(".cc-error-summary a")
    texts = links.all_inner_texts()
    assert "School name: is missing; add it (text)" in texts
    assert fresh.title().startswith("Error: ")
    links.first.click()
    assert fresh.evaluate("() => document.activeElement.id") == links.first.get_attribute("data-target")
    assert summary.is_visible()


def test_an_uploaded_profile_with_problems_gets_the_messages_cohesion_validate_gives(fresh, tmp_path):
    bad = EXAMPLES[3].read_text(encoding="utf-8").replace("setting: urban", "setting: urbn")
    bad = bad.replace("  town:", "  twon:", 1)
    (tmp_path / "ours.yml").write_text(bad, encoding="utf-8")
    result = subprocess.run([str(COHESION), "validate", "ours.yml"], cwd=tmp_path, capture_output=True, text=True)
    expected = [line for line in result.stdout.splitlines() if line.startswith("ours.yml")]
    assert len(expected) >= 2
    fresh.set_input_files("#cc-upload", str(tmp_path / "ours.yml"))
    fresh.click("#cc-upload-form button[type=submit]")
    fresh.wait_for_selector(".cc-error-summary", timeout=ENGINE_WAIT)
    assert fresh.locator(".cc-error-summary a").all_inner_texts() == expected


def test_a_profile_downloaded_and_uploaded_again_gives_the_same_answers(fresh, tmp_path):
    fresh.set_input_files("#cc-upload", str(EXAMPLES[1]))
    fresh.click("#cc-upload-form button[type=submit]")
    fresh.wait_for_selector("h1:text-is('Check your answers before making the policy')", timeout=ENGINE_WAIT)
    before = fresh.locator(".cc-summary-list").all_inner_texts()
    fresh.click("[data-action=make]")
    fresh.wait_for_selector("a[data-format=yml]", timeout=ENGINE_WAIT)
    with fresh.expect_download() as download:
        fresh.click("a[data-format=yml]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    fresh.click("[data-action=delete]")
    fresh.set_input_files("#cc-upload", str(saved))
    fresh.click("#cc-upload-form button[type=submit]")
    fresh.wait_for_selector("h1:text-is('Check your answers before making the policy')", timeout=ENGINE_WAIT)
    assert fresh.locator(".cc-summary-list").all_inner_texts() == before
    assert "Meadowbank" in " ".join(before) or before


def test_delete_my_answers_clears_the_browsers_storage(fresh, site_url):
    fresh.select_option("#cc-school", index=1)
    fresh.click("#cc-from-school button[type=submit]")
    fresh.wait_for_selector(".cc-summary-list", timeout=ENGINE_WAIT)
    assert fresh.evaluate("() => localStorage.length") == 1
    fresh.click("[data-action=delete]")
    assert fresh.evaluate("() => localStorage.length") == 0
    assert "deleted" in fresh.locator(".cc-wait").inner_text()
    fresh.goto(site_url + BUILDER)
    fresh.wait_for_selector("#cc-start-blank")  # the start page is drawn, where a resume button would be
    assert fresh.locator("[data-action=resume]").count() == 0


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
    page.wait_for_selector(".cc-error-summary", timeout=ENGINE_WAIT)
    problems += violations(axe, page, "school, with errors", AXE_OPTIONS)
    page.evaluate("a => localStorage.setItem('cohesion-builder-answers', a)", json.dumps(example_answers(EXAMPLES[2])))
    for question in PAGES:
        page.goto(f"{site_url}{BUILDER}#{question['id']}")
        page.reload()
        page.wait_for_selector("h1.cc-heading")
        problems += violations(axe, page, question["id"], AXE_OPTIONS)
    page.goto(f"{site_url}{BUILDER}#check")
    page.reload()
    page.click("[data-action=make]")
    page.wait_for_selector("a[data-format=docx]", timeout=ENGINE_WAIT)
    problems += violations(axe, page, "policy", AXE_OPTIONS)
    page.click("a.cc-back-link")
    problems += violations(axe, page, "check", AXE_OPTIONS)
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
    for html in [built_site / "index.html", built_site / "policies" / "index.html",
                 built_site / "schools" / "index.html"]:
        text = html.read_text(encoding="utf-8")
        assert "builder.js" not in text and "builder.css" not in text and "pyodide" not in text, html
    builder = (built_site / "make-a-policy" / "index.html").read_text(encoding="utf-8")
    assert "builder.js" in builder and "builder.css" in builder


def test_the_home_page_and_the_policies_page_link_to_the_builder(built_site):
    for html in [built_site / "index.html", built_site / "policies" / "index.html"]:
        text = html.read_text(encoding="utf-8").split('class="md-content"', 1)[1]  # the page, not the menu
        assert ">Make your school's policy" in text.replace("&#39;", "'").replace("&rsquo;", "'"), html
