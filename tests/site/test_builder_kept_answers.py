"""The builder never loses saved answers (issue 23): a wrong upload, a full or damaged store and a bad
address each get a plain message and a way on, and what was saved stays exactly as it was. Fuzzed in
Chromium with hypothesis."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from tests.builder.strategies import EXAMPLES, example_answers
from tests.site.builder_steps import (  # noqa: F401 (fixtures)
    BUILDER,
    ENGINE_WAIT,
    STORE,
    fresh,
    open_with,
    state,
    stored,
    upload,
    wait_for_check,
)

DOCKER_COMPOSE = "version: '3.8'\nservices:\n  web:\n    image: nginx:latest\n    ports:\n      - '80:80'\n"
TRACEBACK = re.compile(r"Traceback|File \"/|\b[A-Z]\w*Error\b|pyodide|at [\w.]+ \(")


def saved_school(page) -> str:
    """The saved answers, as a browser holds them: a school's answers, read before anything else happens."""
    kept = state(example_answers(EXAMPLES[1]))
    open_with(page, kept)
    expect(page.locator("[data-action=resume]")).to_be_visible()
    return kept


@pytest.mark.parametrize(
    "name, text, reason",
    [
        ("docker-compose.yml", DOCKER_COMPOSE, "It does not look like a school's profile"),
        (
            "twice.yml",
            EXAMPLES[0].read_text(encoding="utf-8").replace("  setting:", "  town: Elsewhere\n  setting:"),
            "a second time",
        ),
        ("big.yml", "school:\n" + "".join(f"  field{n}: {n}\n" for n in range(10_000)), "10,000 of its"),
    ],
    ids=["docker-compose", "duplicate keys", "a school of 10,000 keys"],
)
def test_a_file_that_is_not_a_profile_is_refused_and_the_saved_answers_are_unchanged(fresh, name, text, reason):
    kept = saved_school(fresh)
    upload(fresh, name=name, text=text)
    message = fresh.locator("#cc-upload-error")
    expect(message).to_contain_text(f"{name} could not be used.", timeout=ENGINE_WAIT)
    expect(message).to_contain_text(reason)
    expect(message).to_contain_text("Your saved answers have not changed.")
    assert stored(fresh) == kept
    expect(fresh.locator("[data-action=resume]")).to_be_visible()


def test_a_profile_that_reads_replaces_the_answers_only_when_she_says_so_and_the_page_says_what_it_kept(fresh):
    kept = saved_school(fresh)
    upload(fresh, EXAMPLES[3])
    expect(fresh.locator("h1.cc-heading")).to_have_text(
        f"Replace your answers with {EXAMPLES[3].name}'s?", timeout=ENGINE_WAIT
    )
    expect(fresh.locator("#cc-builder")).to_contain_text("You have answers saved in this browser for Little Brookfield")
    with fresh.expect_download() as download:
        fresh.click("text=Download your saved answers as a profile")
    assert "Little Brookfield" in open(download.value.path(), encoding="utf-8").read()
    assert stored(fresh) == kept
    fresh.click("[data-action=use-upload]")
    wait_for_check(fresh)
    expect(fresh.locator(".cc-notification")).to_contain_text(f"{EXAMPLES[3].name} was read: ")
    assert json.loads(stored(fresh))["source"]["name"] == EXAMPLES[3].name


PARTIAL = "school:\n  name: Heaton Grove Primary School\n  phase: primary\n"


def test_even_a_partial_profile_asks_first_and_keeping_the_saved_answers_changes_nothing(fresh):
    kept = saved_school(fresh)
    upload(fresh, name="partial.yml", text=PARTIAL)
    expect(fresh.locator("h1.cc-heading")).to_have_text("Replace your answers with partial.yml's?", timeout=ENGINE_WAIT)
    expect(fresh.locator("#cc-builder")).to_contain_text("partial.yml holds 2 answers.")
    fresh.click("[data-action=keep-saved]")
    expect(fresh.locator(".cc-notification")).to_contain_text(
        "Your saved answers have not changed. partial.yml was not used."
    )
    expect(fresh.locator("[data-action=resume]")).to_be_visible()
    assert stored(fresh) == kept
    fresh.reload()  # nothing waits to replace them on a later visit either
    expect(fresh.locator("[data-action=resume]")).to_be_visible()
    assert stored(fresh) == kept


def test_a_partial_profile_used_names_each_question_it_leaves_unanswered(fresh):
    saved_school(fresh)
    upload(fresh, name="partial.yml", text=PARTIAL)
    fresh.click("[data-action=use-upload]", timeout=ENGINE_WAIT)
    wait_for_check(fresh)
    expect(fresh.locator(".cc-error-summary a")).to_have_text(
        [
            "Enter the school's local authority",
            "Select the type of school",
            "Select the school's religious character",
            "Enter the town, city or area",
            "Select whether the school is in a town or the countryside",
            "Enter the governing body role that leads",
            "Enter the staff role that leads",
            "Enter who approves the policy",
            "Enter the date the policy is adopted",
        ]
    )


WORD_FILE = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml\x00\x01\x02word/document.xml\x00\x03"
POLICY_MARKDOWN = "# Community cohesion policy: Little Brookfield\n\n| Status | Draft |\n|---|---|\n\n## Introduction\n"


@pytest.mark.parametrize(
    "name, data, said",
    [
        ("little-brookfield-policy.docx", WORD_FILE, "This is the policy itself (a Word document), not your answers."),
        (
            "little-brookfield-policy.md",
            POLICY_MARKDOWN.encode(),
            "This is the policy itself (Markdown text), not your answers.",
        ),
    ],
    ids=["the policy as Word", "the policy as Markdown"],
)
def test_the_policy_uploaded_by_mistake_is_named_plainly_and_the_saved_answers_are_unchanged(fresh, name, data, said):
    kept = saved_school(fresh)
    fresh.set_input_files("#cc-upload", {"name": name, "mimeType": "application/octet-stream", "buffer": data})
    fresh.click("#cc-upload-form button[type=submit]")
    message = fresh.locator("#cc-upload-error")
    expect(message).to_contain_text(said, timeout=ENGINE_WAIT)
    expect(message).to_contain_text(
        "Upload the .yml file you downloaded as 'your answers'. Your saved answers have not changed."
    )
    assert not re.search(r"YAML|position|character|indentation", message.inner_text())
    assert stored(fresh) == kept


@pytest.mark.parametrize(
    "kept", ['"abc"', "[1,2]", "[" * 200_000 + "]" * 200_000, "{not json", '{"version": 2, "answers": 5}']
)
def test_saved_answers_that_cannot_be_read_get_a_plain_message_a_download_and_start_again(fresh, kept):
    open_with(fresh, kept)
    expect(fresh.locator("#cc-unreadable-title")).to_have_text("The answers saved in this browser could not be read")
    with fresh.expect_download() as download:
        fresh.click("text=Download them as they are")
    assert open(download.value.path(), encoding="utf-8").read() == kept
    assert stored(fresh) == kept  # nothing replaces them until she says so
    fresh.click("[data-action=start-again]")
    expect(fresh.locator(".cc-notification--success")).to_contain_text("deleted")
    expect(fresh.locator("#cc-start-blank")).to_be_visible()
    assert stored(fresh) is None
    assert not fresh.errors


def test_a_damaged_saved_state_is_not_used_by_a_question_page_either(fresh):
    open_with(fresh, "[1,2]", "school")
    expect(fresh.locator("[data-action=start-again]")).to_be_visible()
    assert fresh.locator("#cc-question").count() == 0
    assert stored(fresh) == "[1,2]"


def test_no_room_to_keep_a_five_megabyte_answer_is_said_plainly_and_what_was_saved_stays(fresh):
    kept = saved_school(fresh)
    fresh.evaluate("() => { location.hash = 'context' }")
    box = fresh.locator("#f-context")
    expect(box).to_be_visible()
    box.evaluate(
        "(el) => { el.value = 'x'.repeat(5 * 1024 * 1024); el.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    expect(fresh.locator(".cc-save-problem")).to_contain_text("Your answers could not be kept", timeout=30_000)
    assert stored(fresh) == kept
    fresh.click("#cc-question button[type=submit]")
    expect(fresh.locator(".cc-error-summary a")).to_have_text(
        ["The school's context must be 6,000 characters or fewer"], timeout=ENGINE_WAIT
    )
    expect(fresh.locator(".cc-save-problem a")).to_have_text("Download your answers")
    assert stored(fresh) == kept


def test_an_address_that_cannot_be_read_opens_the_start_with_a_plain_message(fresh, site_url):
    kept = saved_school(fresh)
    fresh.goto(site_url + "/")
    fresh.goto(site_url + BUILDER + "#%E0%A4%A")
    expect(fresh.locator(".cc-notification")).to_contain_text("That address is not one of this builder's pages")
    expect(fresh.locator("[data-action=resume]")).to_be_visible()
    assert stored(fresh) == kept
    assert not fresh.errors


def test_when_the_engine_fails_the_page_says_so_plainly_and_keeps_the_answers(fresh):
    kept = saved_school(fresh)
    fresh.evaluate(
        "() => { window.ccBuilder.engine.call = () => Promise.reject(new Error('Traceback (most recent call last): File \"/x\"')) }"
    )
    fresh.click("[data-action=resume]")
    wait_for_check(fresh)
    fresh.click("[data-action=make]")
    status = fresh.locator(".cc-wait")
    expect(status).to_contain_text("Sorry, this could not be done in this browser. Your answers are kept.")
    assert not TRACEBACK.search(status.inner_text())
    expect(status.locator("a")).to_have_text("Download your answers as a profile")
    assert stored(fresh) == kept


# ---- fuzz ------------------------------------------------------------------------------------------

YAMLISH = st.text(
    alphabet=st.sampled_from(list("school:name pupils- []{}#&*!|>'\"\n\t 0123456789.,%é中")), max_size=300
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(YAMLISH, st.text(max_size=200), st.just(EXAMPLES[2].read_text(encoding="utf-8")[:400])))
def test_fuzz_any_upload_is_read_or_refused_and_a_refusal_changes_nothing_saved(fresh, text):
    kept = state(example_answers(EXAMPLES[0]))
    open_with(fresh, kept)
    upload(fresh, name="fuzz.yml", text=text)
    outcome = fresh.locator('#cc-upload-error, h1.cc-heading:text-is("Replace your answers with fuzz.yml\'s?")')
    expect(outcome.first).to_be_visible(timeout=ENGINE_WAIT)
    assert stored(fresh) == kept  # refused, or read and waiting for her to say to replace them
    assert not TRACEBACK.search(fresh.locator("#cc-builder").inner_text())
    assert not fresh.errors


JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=20,
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    kept=st.one_of(
        JSONISH.map(json.dumps), st.text(max_size=100), JSONISH.map(lambda v: json.dumps({"version": 2, "answers": v}))
    )
)
def test_fuzz_any_saved_state_is_used_or_reported_never_a_silent_stop(fresh, kept):
    open_with(fresh, kept, "check")
    shown = fresh.locator("#cc-unreadable-title, h1.cc-heading, #cc-start-blank, [data-action=resume]")
    expect(shown.first).to_be_visible()
    if fresh.locator("#cc-unreadable-title").count():
        assert stored(fresh) == kept
    assert not fresh.errors
    if fresh.locator("[data-action=make]").count():
        fresh.click("[data-action=make]")
        outcome = fresh.locator(".cc-error-summary, a[data-format=docx], .cc-wait:text('Sorry')")
        expect(outcome.first).to_be_visible(timeout=ENGINE_WAIT)
        assert not TRACEBACK.search(fresh.locator("#cc-builder").inner_text())
