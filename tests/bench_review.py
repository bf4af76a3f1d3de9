"""Review your school's work: its speed and weight, in headless Chromium on a built site (part of `make bench`).

    python -m tests.bench_review [--site DIR]     (without --site, the project is built first)

Measured: how soon the review's first question is usable after its page starts loading (the school's
details kept in the browser, as the policy builder leaves them), with an empty cache and a warm one; how
long the pack takes after "Make the pack" with an empty cache (cold), after a reload with the cache kept
(warm: the engine starts from the copy of its memory the first visit kept, builder-worker.js), and with the
engine already running; the weight of the review's page and of the pages around it (the page and the
scripts and styles it asks for before its engine starts), and that no other page asks for the review's files.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from tests.bench_builder import make_seconds, serve, site_main
from tests.builder.strategies import AUDITS, EXAMPLES, example_answers, example_review
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

RUNS = 3
# The warm start: a pack within 2 s of "Make the pack" after a reload with a warm cache.
TARGETS = {"first question": 1.0, "cold": 10.0, "warm": 2.0, "engine running": 2.0}
MEASURES = ("first question", "first question, warm", "cold", "warm", "engine running")
REVIEW = "/planning/review/"
READY = 'h1:text-is("Your self-evaluation pack is ready")'
# The engine the page starts after it is shown: not part of the page's own weight.
ENGINE_FILES = ("/pyodide/", "/engine-", "builder-worker.js")
# What only the review asks for: its script and the schools' audits.
REVIEW_FILES = ("review.js", "/planning/review/audits/", "audit-form.yml")
PAGES = {
    "home page": "/",
    "Run your self-evaluation": "/planning/self-evaluation/",
    "policy builder": "/make-a-policy/",
}


def kept(context, with_review: bool = True) -> None:
    """The school's details (and a whole review), as an earlier visit leaves them in this browser."""
    school = {"version": 2, "answers": example_answers(EXAMPLES[5]), "source": None}
    review = {"version": 2, "answers": example_review(AUDITS[5]), "source": None, "earlier": None}
    script = f"localStorage.setItem('cohesion-builder-answers', {json.dumps(json.dumps(school))});"
    if with_review:
        script += f"localStorage.setItem('cohesion-review-answers', {json.dumps(json.dumps(review))});"
    else:
        script += "localStorage.removeItem('cohesion-review-answers');"
    context.add_init_script(script)


def first_question_seconds(page, url: str) -> float:
    """From the start of the page load to the review's first question, "Start a new review" pressed at once:
    the engine names who completes the review (review_calls.new_review), so this includes its start."""
    page.goto(url + REVIEW)
    page.click("#cc-start-review")
    page.wait_for_selector("#f-completed_by")
    return page.evaluate("() => performance.now()") / 1000


def started_from(page, expected: str) -> None:
    """The engine's own report of its start: from a kept copy of its memory ("used") or making one ("made")."""
    page.wait_for_function("window.ccBuilder && window.ccBuilder.engine.timings", timeout=120_000)
    timings = page.evaluate("window.ccBuilder.engine.timings")
    if timings.get("snapshot") != expected:
        raise RuntimeError(f"the review's engine should have {expected} a copy of its memory: {timings}")


def measure(url: str) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    found: dict[str, list[float]] = {key: [] for key in MEASURES}
    with sync_playwright() as pw:
        for _ in range(RUNS):
            # A browser profile on disk, as a reader's is: its cache is what makes a second visit warm.
            with tempfile.TemporaryDirectory(prefix="cohesion-bench-profile-") as profile:
                context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                kept(context, with_review=False)
                found["first question"].append(first_question_seconds(context.new_page(), url))
                context.close()
            with tempfile.TemporaryDirectory(prefix="cohesion-bench-profile-") as profile:
                context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                kept(context)
                page = context.new_page()
                page.goto(url + REVIEW + "#check")
                found["cold"].append(make_seconds(page, READY))
                started_from(page, "made")
                page.wait_for_function("() => window.ccBuilder.engine.kept", polling=100, timeout=120_000)
                page.reload()
                found["warm"].append(make_seconds(page, READY))
                started_from(page, "used")
                page.click("a.cc-back-link")
                found["engine running"].append(make_seconds(page, READY))
                context.close()
                context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                kept(context, with_review=False)
                page = context.new_page()
                found["first question, warm"].append(first_question_seconds(page, url))
                started_from(page, "used")
                context.close()
    return found


def weights(url: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Each page's own weight in bytes (its HTML and what it asks for, but not the engine started after it),
    and which of the review's files each page other than the review asks for."""
    from playwright.sync_api import sync_playwright

    sizes, asked = {}, {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in {**PAGES, "review": REVIEW}.items():
            page = browser.new_page()
            seen: list = []
            page.on("requestfinished", lambda request, seen=seen: seen.append(request))
            page.goto(url + path, wait_until="networkidle")
            own = [r for r in seen if not any(part in r.url for part in ENGINE_FILES)]
            sizes[name] = sum(r.sizes()["responseBodySize"] for r in own)
            asked[name] = [r.url for r in seen if any(part in r.url for part in REVIEW_FILES)]
            page.close()
        browser.close()
    return sizes, asked


def review_rows(site: Path) -> list[tuple[str, str, str]]:
    server, url = serve(site)
    try:
        found = measure(url)
        sizes, asked = weights(url)
    finally:
        server.shutdown()

    def row(name: str, key: str, note: str) -> tuple[str, str, str]:
        values = found[key]
        median = statistics.median(values)
        target = TARGETS[key.split(",")[0]]
        verdict = f"<= {target:g} s: " + ("met" if median <= target else "**missed**")
        return (
            f"review: {name}",
            f"{median:.2f} s (runs: {', '.join(f'{v:.2f}' for v in values)})",
            f"{verdict}; {note}",
        )

    others = {name: urls for name, urls in asked.items() if name != "review" and urls}
    return [
        row(
            "first question usable, from the start of the page load (empty cache)",
            "first question",
            "'Start a new review' pressed at once: the engine starts first, as it names who completes the review",
        ),
        row(
            "first question usable, from the start of the page load (warm cache)",
            "first question, warm",
            "the engine starts from the copy of its memory an earlier visit kept",
        ),
        row("pack after 'Make the pack', empty cache (cold)", "cold", "includes starting the engine"),
        row(
            "pack after a reload (warm cache)",
            "warm",
            "the engine starts from the copy of its memory the first visit kept",
        ),
        row(
            "pack after 'Make the pack', engine already running",
            "engine running",
            "the same worker, a pack made once already",
        ),
        (
            "review: page weight, the review's page / " + " / ".join(PAGES),
            " / ".join(f"{sizes[name] / 1000:.0f} KB" for name in ["review", *PAGES]),
            "HTML and what it asks for before its engine starts (the engine is the policy builder's, cached once for both)",
        ),
        (
            "review: another page asks for the review's files",
            "no" if not others else f"yes: {others}",
            "no page other than the review's gets heavier",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    return site_main(argv, "tests.bench_review", __doc__, review_rows)


if __name__ == "__main__":
    sys.exit(main())
