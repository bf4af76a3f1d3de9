"""What the builder's browser tests share: a fresh browser on the builder, the engine's calls, and a
keyboard user's way through every kind of question (text, choices, grouped choices, boxes, dates)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from cohesion_guide.builder.questions import question_pages
from cohesion_guide.inputs.schemas import schema

PAGES = question_pages(schema("profile"))
BUILDER = "/make-a-policy/"
STORE = "cohesion-builder-answers"
ENGINE_WAIT = 120_000  # ms: a cold start on a busy 2-core machine
CHECK_TITLE = "Check your answers before making the policy"


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
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(site_url + BUILDER)
    page.wait_for_selector("#cc-upload")
    yield page
    context.close()


def engine_call(page, name: str, *args) -> dict:
    """An engine call made in the browser, as the builder makes it."""
    script = "([name, args]) => window.ccBuilder.engine.call(name, ...args).then(JSON.stringify)"
    return json.loads(page.evaluate(script, [name, list(args)]))


def state(answers: dict, source: dict | None = None) -> str:
    return json.dumps({"answers": answers, "source": source})


def stored(page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", STORE)


def open_with(page, kept: str, step: str = "") -> None:
    """The builder opened afresh with `kept` saved in this browser (as another visit left it), at `step`."""
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORE, kept])
    page.goto(page.url.split("#")[0].split("?")[0] + ("#" + step if step else ""))
    page.reload()
    page.wait_for_selector("#cc-builder.cc-builder--ready")


def wait_for_check(page) -> None:
    expect(page.locator("h1.cc-heading")).to_have_text(CHECK_TITLE, timeout=ENGINE_WAIT)


def upload(page, path=None, *, name: str = "", text: str = "") -> None:
    """Upload a file (from `path`, or `text` under `name`) from the start page."""
    if path is not None:
        page.set_input_files("#cc-upload", str(path))
    else:
        page.set_input_files("#cc-upload", {"name": name, "mimeType": "text/yaml", "buffer": text.encode("utf-8")})
    page.click("#cc-upload-form button[type=submit]")


# ---- by keyboard alone --------------------------------------------------------------------------


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def arrow_to(page, value: str, attribute: str = "value", limit: int = 60) -> None:
    """In a radio group or a select, press the down arrow until the focused control holds `value`."""
    for _ in range(limit):
        if page.evaluate("a => document.activeElement.getAttribute(a)", attribute) == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value!r} is not among the choices")


def answer(page, field: dict, element_id: str, value) -> None:
    widget = field["widget"]
    if widget == "radios":
        tab_to(page, f"input[name='{element_id}']")
        arrow_to(page, value)
        page.keyboard.press("Space")
    elif widget == "grouped":
        group = next(n for n, g in enumerate(field["groups"]) if value in g["values"])
        tab_to(page, f"input[name='{element_id}-group']")
        arrow_to(page, f"{element_id}-g{group}", attribute="id")
        page.keyboard.press("Space")
        if len(field["groups"][group]["values"]) > 1:
            tab_to(page, f"#{element_id}-g{group}-reveal input")
            arrow_to(page, value)
            page.keyboard.press("Space")
    elif widget == "checkboxes":
        for n, option in enumerate(field["options"]):
            if option["value"] in value:
                tab_to(page, f"#{element_id}-{n}")
                page.keyboard.press("Space")
    elif widget == "date":
        for part in ("day", "month", "year"):
            tab_to(page, f"#{element_id}-{part}")
            page.keyboard.insert_text(value.get(part, ""))
    elif widget == "select":
        tab_to(page, f"#{element_id}")
        arrow_to(page, value)
    else:
        tab_to(page, f"#{element_id}")
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(value)


def value_at(given: dict, path: list):
    for key in path:
        given = given.get(key, {}) if isinstance(given, dict) else {}
    return given if given not in ({}, "", []) else None


def fill_by_keyboard(page, given: dict) -> None:
    """Start a blank form and answer every page with `given` (answers as the builder keeps them)."""
    tab_to(page, "#cc-start-blank")
    page.keyboard.press("Enter")
    for number, question in enumerate(PAGES, 1):
        expect(page.locator(".cc-caption")).to_have_text(f"Question page {number} of {len(PAGES)}", timeout=ENGINE_WAIT)
        assert page.evaluate("() => document.activeElement.tagName") == "H1"  # focus moves to the new heading
        if question.get("item_fields"):
            for n, item in enumerate(given.get(question["id"], [])):
                tab_to(page, "[data-action=add]")
                page.keyboard.press("Enter")
                expect(page.locator(".cc-item")).to_have_count(n + 1)
                for field in question["item_fields"]:
                    if item.get(field["path"][0]):
                        element_id = "f-" + "-".join(str(p) for p in [*question["path"], n, *field["path"]])
                        answer(page, field, element_id, item[field["path"][0]])
        else:
            for field in question["fields"]:
                value = value_at(given, field["path"])
                if value is not None:
                    answer(page, field, field["id"], value)
        tab_to(page, "#cc-question button[type=submit]")
        page.keyboard.press("Enter")
    wait_for_check(page)
