"""The policy builder's speed and size, in headless Chromium on a built site (part of `make bench`).

    python -m tests.bench_builder [--site DIR]     (without --site, the project is built first)

Measured: how soon the first question is usable after the page starts loading; how long the policy
takes after "Make the policy" with an empty browser cache (cold), after a reload with the cache
kept (warm: the engine starts from the copy of its memory the first visit kept, builder-worker.js),
and with the engine already running; how long the engine took to start in its worker, cold and
warm; what the browser downloads for the engine, raw and gzipped, and keeps for a warm start; and
that the home page asks for none of it. Targets: issues 11 and 27.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from tests.builder.strategies import EXAMPLES, example_answers
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, run_mkdocs

TARGETS = {"first question": 1.0, "cold": 10.0, "warm": 2.0, "engine gzipped": 15_000_000}
RUNS = 5
MEASURES = ("first question", "cold", "warm", "engine running", "kept bytes")
MEASURES += tuple(f"{kind} {part}" for kind in ("cold", "warm") for part in ("pyodide", "engine"))
STORE = "cohesion-builder-answers"
READY = 'h1:text-is("Your school\'s policy is ready")'
# The size of the copy of the engine's memory the browser keeps for a warm start (builder-worker.js).
KEPT_BYTES = """async () => {
    let total = 0;
    for (const name of await caches.keys())
        for (const key of await (await caches.open(name)).keys())
            total += (await (await (await caches.open(name)).match(key)).arrayBuffer()).byteLength;
    return total;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def engine_files(site: Path) -> list[Path]:
    folder = site / "make-a-policy"
    return sorted([*folder.glob("engine-*.zip"), *(folder / "pyodide").rglob("*")], key=str)


def sizes(site: Path) -> tuple[int, int]:
    files = [f for f in engine_files(site) if f.is_file()]
    return sum(f.stat().st_size for f in files), sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)


def make_seconds(page) -> float:
    """Seconds from pressing "Make the policy" to the policy on the page."""
    page.wait_for_selector("[data-action=make]")
    start = page.evaluate("() => performance.now()")
    page.click("[data-action=make]")
    page.wait_for_selector(READY, timeout=120_000)
    return (page.evaluate("() => performance.now()") - start) / 1000


def started(page, found: dict[str, list[float]], kind: str) -> None:
    """How long the engine took to start in its worker (its own report): Pyodide running, the engine ready."""
    timings = page.evaluate("window.ccBuilder.engine.timings")
    expected = "used" if kind == "warm" else "made"
    if timings.get("snapshot") != expected:
        raise RuntimeError(f"the {kind} start should have {expected} a copy of the engine's memory: {timings}")
    found[f"{kind} pyodide"].append(timings["pyodide"] / 1000)
    found[f"{kind} engine"].append(timings["engine"] / 1000)


def measure(url: str) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    answers = json.dumps(example_answers(EXAMPLES[0]))
    found: dict[str, list[float]] = {key: [] for key in MEASURES}
    with sync_playwright() as pw:
        for _ in range(RUNS):
            with tempfile.TemporaryDirectory(prefix="cohesion-bench-profile-") as profile:
                # A browser profile on disk, as a reader's is: its cache is what makes a second visit warm.
                context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = context.new_page()
                page.goto(url + "/make-a-policy/")
                page.click("#cc-start-blank")
                page.wait_for_selector("#f-school-name")
                found["first question"].append(page.evaluate("() => performance.now()") / 1000)
                context.close()
            with tempfile.TemporaryDirectory(prefix="cohesion-bench-profile-") as profile:
                context = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context.add_init_script(f"localStorage.setItem({json.dumps(STORE)}, {json.dumps(answers)})")
                page = context.new_page()
                page.goto(url + "/make-a-policy/#check")
                found["cold"].append(make_seconds(page))
                started(page, found, "cold")
                # A warm start begins from the copy of the engine's memory the first visit kept (builder-worker.js).
                page.wait_for_function("() => window.ccBuilder.engine.kept", polling=100, timeout=120_000)
                found["kept bytes"].append(page.evaluate(KEPT_BYTES))
                page.reload()
                found["warm"].append(make_seconds(page))
                started(page, found, "warm")
                page.click("a.cc-back-link")
                found["engine running"].append(make_seconds(page))
                context.close()
    return found


def home_page_requests(url: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        seen: list[str] = []
        page.on("request", lambda request: seen.append(request.url))
        page.goto(url + "/", wait_until="networkidle")
        browser.close()
    return [u for u in seen if "make-a-policy/" in u or "builder" in u]


def builder_rows(site: Path) -> list[tuple[str, str, str]]:
    server, url = serve(site)
    try:
        found = measure(url)
        home = home_page_requests(url)
    finally:
        server.shutdown()
    raw, zipped = sizes(site)

    def row(name: str, key: str, target: float | None, note: str) -> tuple[str, str, str]:
        values = found[key]
        median = statistics.median(values)
        shown = f"{median:.2f} s (runs: {', '.join(f'{v:.2f}' for v in values)})"
        verdict = "" if target is None else (f"<= {target:g} s: " + ("met" if median <= target else "**missed**"))
        return (f"builder: {name}", shown, "; ".join(x for x in (verdict, note) if x))

    def start_row(name: str, kind: str, note: str) -> tuple[str, str, str]:
        pyodide, engine = (statistics.median(found[f"{kind} {part}"]) for part in ("pyodide", "engine"))
        return (f"builder: {name}", f"{pyodide:.2f} s / {engine:.2f} s", note)

    return [
        row(
            "first question usable, from the start of the page load",
            "first question",
            TARGETS["first question"],
            "the engine goes on loading behind it",
        ),
        row(
            "policy after 'Make the policy', empty cache (cold)",
            "cold",
            TARGETS["cold"],
            "includes starting the engine",
        ),
        row(
            "policy after a reload (warm cache)",
            "warm",
            TARGETS["warm"],
            "after 'Make the policy'; the engine starts from the copy of its memory the first visit kept",
        ),
        row(
            "policy after 'Make the policy', engine already running",
            "engine running",
            TARGETS["warm"],
            "worker kept alive",
        ),
        start_row(
            "engine's start in its worker, empty cache: Pyodide / engine ready",
            "cold",
            "medians; the engine imported, run once on the model school, and a copy of its memory made",
        ),
        start_row(
            "engine's start in its worker, after a reload: Pyodide / engine ready",
            "warm",
            "medians; from the kept copy, then the engine's files unpacked",
        ),
        (
            "builder: copy of the engine's memory the browser keeps (Cache Storage)",
            f"{statistics.median(found['kept bytes']) / 1e6:.1f} MB",
            "made in the browser on the first visit, one per builder; never downloaded",
        ),
        (
            "builder: engine download (Pyodide + engine zip), raw / gzipped",
            f"{raw / 1e6:.1f} MB / {zipped / 1e6:.1f} MB",
            f"<= 15 MB compressed: {'met' if zipped <= TARGETS['engine gzipped'] else '**missed**'}",
        ),
        (
            "builder: the home page asks for the builder's files",
            "no" if not home else f"yes: {home}",
            "no other page gets heavier",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_builder", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the project first)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cohesion-bench-site-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            result = run_mkdocs(ROOT, site)
            if result.returncode:
                print(result.stderr[-3000:], file=sys.stderr)
                return 1
        rows = builder_rows(site)
    print("| measure | value | target or note |\n|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
