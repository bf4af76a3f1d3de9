"""The builders' warm start: the copy of the engine's memory a browser keeps after its first visit
(builder-worker.js), named by the site build after what it is made from, used on the next visit
with the same results as the command line, holding no answer of the reader's, and replaced when
it is damaged or out of date."""
from __future__ import annotations

import base64
import json

from cohesion_guide.builder import calls
from cohesion_guide.site.builder_pages import WORKER, engine_setup, snapshot_name
from tests.builder.strategies import EXAMPLES, example_answers
from tests.builder.test_calls import word_text
from tests.site.test_builder import BUILDER, ENGINE_WAIT, browser_policy, cli_policy

STORE = "cohesion-builder-answers"
# The kept copies of the policy builder, as the worker names its cache.
KEPT = f"cohesion-engine {calls.__name__}"


def started(page) -> dict:
    """The engine's report once it has started: how long it took, and whether it began from a kept copy."""
    page.wait_for_function("window.ccBuilder && window.ccBuilder.engine.timings", timeout=ENGINE_WAIT)
    return page.evaluate("window.ccBuilder.engine.timings")


def kept(page) -> str:
    """What became of the copy the first start makes: 'kept', or why it could not be."""
    page.wait_for_function("window.ccBuilder.engine.kept", timeout=ENGINE_WAIT)
    return page.evaluate("window.ccBuilder.engine.kept")


def kept_keys(page) -> list[str]:
    return page.evaluate("name => caches.open(name).then((c) => c.keys()).then((ks) => ks.map((k) => k.url))", KEPT)


def test_the_copys_name_changes_with_the_engine_pyodide_the_calls_module_and_the_worker(project_copy):
    name = snapshot_name(project_copy, "engine-0123.zip", "314.0.8", calls.__name__)
    assert name == snapshot_name(project_copy, "engine-0123.zip", "314.0.8", calls.__name__)
    assert name != snapshot_name(project_copy, "engine-4567.zip", "314.0.8", calls.__name__)
    assert name != snapshot_name(project_copy, "engine-0123.zip", "314.0.9", calls.__name__)
    assert name != snapshot_name(project_copy, "engine-0123.zip", "314.0.8", "cohesion_guide.builder.other")
    worker = project_copy / WORKER
    worker.write_text(worker.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    assert name != snapshot_name(project_copy, "engine-0123.zip", "314.0.8", calls.__name__)


def test_a_second_builder_on_the_same_engine_is_told_the_same_files_and_keeps_a_copy_of_its_own(project_copy):
    policy = engine_setup(project_copy, calls.__name__)
    other = engine_setup(project_copy, "cohesion_guide.builder.other_calls", "../make-a-policy/")
    assert other["engine"] == "../make-a-policy/" + policy["engine"]
    assert other["pyodide"] == "../make-a-policy/" + policy["pyodide"]
    assert other["module"] == "cohesion_guide.builder.other_calls"
    assert other["snapshot"] != policy["snapshot"]


def test_a_second_visit_starts_from_the_kept_copy_and_makes_what_the_command_line_makes(browser, site_url, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + BUILDER)
    assert started(page)["snapshot"] == "made"
    assert kept(page) == "kept"
    page.reload()
    assert started(page)["snapshot"] == "used"
    for path in EXAMPLES:
        made = browser_policy(page, example_answers(path))
        assert made["problems"] == [], path.name
        cli = cli_policy(path, tmp_path / path.stem)
        assert made["markdown"].encode() == cli["md"], path.name
        assert word_text(base64.b64decode(made["docx"])) == word_text(cli["docx"]), path.name
    context.close()


def test_the_kept_copy_holds_no_answer_of_the_readers(browser, site_url):
    answers = example_answers(EXAMPLES[0])
    answers["school"]["name"] = "Quillfeather Marsh Academy"  # found nowhere else in the engine
    context = browser.new_context()
    context.add_init_script(f"localStorage.setItem({json.dumps(STORE)}, {json.dumps(json.dumps(answers))})")
    page = context.new_page()
    page.goto(site_url + BUILDER + "#check")
    page.click("[data-action=make]")
    page.wait_for_selector("h1:text-is(\"Your school's policy is ready\")", timeout=ENGINE_WAIT)
    assert kept(page) == "kept"
    found = page.evaluate(
        """async ([name, words]) => {
            const cache = await caches.open(name);
            const [key] = await cache.keys();
            const text = new TextDecoder("latin1").decode(await (await cache.match(key)).arrayBuffer());
            return words.map((w) => text.includes(w));
        }""",
        [KEPT, ["Quillfeather Marsh", "Riverside Primary School"]],
    )
    context.close()
    # the model school the engine starts on is there, so the search does find what is in the copy
    assert found == [False, True]


def test_a_damaged_or_old_copy_is_replaced_and_the_engine_starts_afresh(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + BUILDER)
    assert kept(page) == "kept"
    [key] = kept_keys(page)
    old = key.rsplit("/", 1)[0] + "/engine-snapshot-0000000000000000"
    page.evaluate(
        """async ([name, key, old]) => {
            const cache = await caches.open(name);
            await cache.put(key, new Response(new Uint8Array(4096)));
            await cache.put(old, new Response(new Uint8Array(4096)));
        }""",
        [KEPT, key, old],
    )
    page.reload()
    timings = started(page)
    assert timings["snapshot"] == "made" and timings["snapshotError"]
    assert browser_policy(page, example_answers(EXAMPLES[1]))["problems"] == []
    assert kept(page) == "kept"
    assert kept_keys(page) == [key]
    page.reload()
    assert started(page)["snapshot"] == "used"
    context.close()
