"""`make bench`: build a copy of the project with N synthetic schools and print one table of times and sizes.

    python -m tests.bench [--schools 600]

Measured, in one run, each build as `make site` does it (the generated pages written into docs/,
then MkDocs): a cold build (empty cache, every document made), a rebuild with nothing changed, a
rebuild after one guide page changed, a rebuild after one profile changed (with the documents it
remade, counted in .cache), a guide-page save under `make serve` until Chromium shows it, peak
memory, sizes, the time of each exporter, the register import's time and memory on a 20 MB and a
200 MB extract, and plain MkDocs (same theme and nav, no hooks, no
macros) building the same pages from their pre-rendered Markdown, as the baseline the rebuilds
are compared with. Targets: issue 17.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from cohesion_guide.inputs.local_config import load_local
from tests.bench_builder import builder_rows
from tests.bench_import import import_rows
from tests.conftest import BIN, CHROMIUM, CHROMIUM_ARGS, ROOT, copy_project, site_pages
from tests.shared_text import in_common_words, pair_figures, summary
from tests.synthetic_schools import write_schools

DOCUMENT_CACHES = (".cache/documents", ".cache/self-evaluation")
TARGETS = {
    "shared text": 0.50,  # issue 13 and 25: at most half of two different kinds of school's policies the same
    "cold": 90.0,
    "nothing changed": 5.0,
    "faster": 5.0,  # times faster than plain MkDocs, nothing changed
    "one profile": 6.0,
    "one guide page": 8.0,
    "serve save": 5.0,
    "memory": 1_000_000_000,
    "page": 60_000,
}

# A hook for one extra build of the project: it writes every page's Markdown as MkDocs has it after
# the macros and the schools' page sources have run, and every other file of the site, into
# $COHESION_DUMP, which becomes the docs/ of the plain-MkDocs baseline.
DUMP_HOOK = """
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

DUMP = Path(os.environ["COHESION_DUMP"])


def _write(src_uri, data):
    dest = DUMP / src_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)


@event_priority(-100)  # after mkdocs-macros and the project's hooks
def on_page_markdown(markdown, page, config, files):
    meta = {k: v for k, v in page.meta.items() if k != "review"}  # review is worked out by the hooks
    _write(page.file.src_uri, ("---\\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\\n\\n" + markdown).encode())
    return markdown


@event_priority(-100)
def on_files(files, config):
    for file in files:
        if not file.is_documentation_page():
            if file.abs_src_path:
                dest = DUMP / file.src_uri
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.link(file.abs_src_path, dest)
            else:
                _write(file.src_uri, file.content_bytes)
    return files
"""


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, in bytes, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, changed = {root}, True
    while changed:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        changed, tree = grown != tree, grown
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def environment(env: dict | None = None) -> dict:
    out = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if Build.engine:
        out["PYTHONPATH"] = str(Build.engine)
    return out


class Build:
    """One site build: with `generate` (as `make site` does it) the generated pages are written into
    docs/ first, then `mkdocs build`. Its time, the peak memory of it and its workers, what it printed."""

    engine: Path | None = None  # see freeze_engine

    def __init__(
        self,
        project: Path,
        site: Path,
        *extra: str,
        strict: bool = True,
        env: dict | None = None,
        generate: bool = True,
    ):
        log = site.with_name(site.name + ".log")
        commands = [[str(BIN / "python"), "-m", "cohesion_guide.site.generate"]] if generate else []
        commands.append(
            [str(BIN / "mkdocs"), "build", "--site-dir", str(site), *(["--strict"] if strict else []), *extra]
        )
        self.peak, self.largest, self.cpu = 0, 0, 0.0
        start = time.perf_counter()
        with open(log, "w") as out:
            for command in commands:
                proc = subprocess.Popen(
                    command, cwd=project, env=environment(env), stdout=out, stderr=subprocess.STDOUT
                )
                while True:
                    pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                    if pid:
                        break
                    self.peak = max(self.peak, _tree_rss(proc.pid))
                    time.sleep(0.1)
                self.largest = max(self.largest, usage.ru_maxrss * 1024)  # the largest single process (Linux: kB)
                self.cpu += usage.ru_utime + usage.ru_stime  # the build and the workers it waited for
                if os.waitstatus_to_exitcode(status) != 0:
                    break
        self.seconds = time.perf_counter() - start
        self.output = log.read_text(encoding="utf-8", errors="replace")
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"the build in {project} failed, so there is nothing to measure:\n{self.output[-3000:]}")

    def reused(self) -> str:
        found = re.findall(r"Pages: (\d+) reused, (\d+) converted", self.output)
        return f"{found[-1][1]} pages converted, {found[-1][0]} reused" if found else "no reuse reported"


def freeze_engine(work: Path) -> None:
    """Build with a copy of the engine taken now. The documents' keys include the engine's code, so
    an edit to cohesion_guide/ during a run (by a colleague, in a shared tree) would remake every document."""
    engine = work / "engine"
    for part in ("cohesion_guide", "macros", "model_policies"):
        shutil.copytree(ROOT / part, engine / part, ignore=shutil.ignore_patterns("__pycache__"))
    Build.engine = engine


def cache_files(project: Path) -> dict[Path, tuple[int, int]]:
    """Every document in the project's cache, with what changes when it is written again."""
    out = {}
    for folder in DOCUMENT_CACHES:
        for path in (project / folder).rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                stat = path.stat()
                out[path] = (stat.st_ino, stat.st_mtime_ns)
    return out


def remade(before: dict, after: dict) -> list[Path]:
    return sorted(path for path, stamp in after.items() if before.get(path) != stamp)


def baseline_project(project: Path, work: Path) -> Path:
    """A project that plain MkDocs builds: the same theme, overrides, nav and Markdown extensions,
    no hooks and no macros, and a docs/ holding every page as our build rendered it."""
    dump = work / "baseline" / "docs"
    Build(project, work / "site-dump", "--config-file", "dump.yml", env={"COHESION_DUMP": str(dump)}, generate=False)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    # what the hooks set from local.yml, which the theme's overrides print (the 404 page, the footer)
    config.setdefault("extra", {})["local"] = load_local(project)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p) and p != "macros"]
    (work / "baseline" / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    copy = work / "baseline" / "overrides"
    if not copy.exists():
        os.symlink(project / "overrides", copy)
    return work / "baseline"


def exporter_times(project: Path, schools: int = 6) -> dict[str, float]:
    """Median seconds per file for each exporter, on one core, after one warm-up document."""
    from cohesion_guide.documents.policy import templates_for
    from cohesion_guide.documents.render import render_policy
    from cohesion_guide.documents.self_evaluation import render_self_evaluation
    from cohesion_guide.export.docx import write_docx
    from cohesion_guide.export.html import markdown_to_html
    from cohesion_guide.export.pdf import write_pdf
    from cohesion_guide.inputs.audit import audit_for
    from cohesion_guide.inputs.case_studies import suggestions
    from cohesion_guide.inputs.local_config import load_local
    from cohesion_guide.inputs.profiles import load_profile

    local = load_local(project)
    templates = templates_for(project)
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for index, path in enumerate(sorted((project / "schools").glob("*.yml"))[: schools + 1]):
            profile = load_profile(path)
            studies = suggestions(profile, project, local)
            policy = render_policy(profile, local, templates, studies)
            pack = render_self_evaluation(
                profile,
                audit_for(profile.slug, project / "audits"),
                local,
                templates_dir=templates,
                case_studies=studies,
            )
            for kind, markdown in (("policy", policy), ("self-evaluation pack", pack)):
                fragment = markdown_to_html(markdown)
                for fmt, write in (("Word", write_docx), ("PDF", write_pdf)):
                    start = time.perf_counter()
                    write(fragment, Path(tmp) / f"{index}.{fmt}", title=kind, author=profile.name, language="en-GB")
                    if index:  # the first of each is a warm-up (fonts, templates)
                        times.setdefault(f"{fmt}, {kind}", []).append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def search_figures(site: Path, schools: int) -> dict[str, float]:
    raw = (site / "search" / "search_index.json").read_bytes()
    docs = json.loads(raw)["docs"]
    per_school = [d for d in docs if d["location"].startswith("schools/") and d["location"] != "schools/"]
    return {
        "raw": len(raw),
        "gzipped": len(gzip.compress(raw, compresslevel=9)),
        "entries": len(docs),
        "per school": sum(len(json.dumps(d, ensure_ascii=False)) for d in per_school) / max(schools, 1),
    }


def kb(size: float) -> str:
    return f"{size / 1000:.1f} KB"


def mb(size: float) -> str:
    return f"{size / 1_000_000:.1f} MB"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def serve_save(project: Path) -> dict[str, float]:
    """`make serve` on the project: seconds from saving a guide page until Chromium, which has the
    page open, shows the new sentence (MkDocs' live reload), and how long the server's first build took."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/about/"
    log = open(project.parent / "serve.log", "w")
    start = time.perf_counter()
    server = subprocess.Popen(
        [str(BIN / "python"), "-m", "cohesion_guide.site.serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    peak = 0
    try:
        while True:
            peak = max(peak, _tree_rss(server.pid))
            if server.poll() is not None:
                sys.exit(f"make serve stopped:\n{(project.parent / 'serve.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        first = time.perf_counter() - start
        sentence = "A sentence saved by the benchmark under make serve."
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            time.sleep(1)  # the live-reload script is waiting for a change
            about = project / "docs" / "about.md"
            saved = time.perf_counter()
            about.write_text(about.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
            page.wait_for_function(f"document.body.innerText.includes({json.dumps(sentence)})", timeout=120_000)
            save = time.perf_counter() - saved
            peak = max(peak, _tree_rss(server.pid))
            browser.close()
    finally:
        server.terminate()
        server.wait()
        log.close()
    return {"first": first, "save": save, "peak": peak}


def shared_text_rows() -> list[tuple[str, str, str]]:
    """The share of identical text between the policies of every pair of schools of different kinds: the example
    schools and the cold-read kit (tests/documents/kinds), each school's name written the same way."""
    from cohesion_guide.documents.render import render_policy
    from cohesion_guide.inputs.case_studies import suggestions
    from cohesion_guide.inputs.profiles import load_profiles

    local = load_local(ROOT)
    started = time.perf_counter()
    profiles = [*load_profiles(ROOT / "schools"), *load_profiles(ROOT / "tests" / "documents" / "kinds")]
    texts = {
        p.slug: in_common_words(p, render_policy(p, local, case_studies=suggestions(p, ROOT, local))) for p in profiles
    }
    figures = pair_figures(profiles, texts)
    most, mean, over = summary([f for f, _, _ in figures])
    worst = max(figures)
    seconds = time.perf_counter() - started
    return [
        (
            f"shared text, {len(figures)} pairs of different kinds (examples and the kit)",
            f"max {most:.3f}, mean {mean:.3f}",
            f"<= 0.50: {verdict(most <= TARGETS['shared text'])}; {over} pairs over; the most alike: "
            f"{worst[1]} and {worst[2]}; measured in {seconds:.1f} s",
        )
    ]


def run(schools: int, work: Path) -> list[tuple[str, str, str]]:
    freeze_engine(work)
    project = copy_project(work / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # Pyodide, which the builder's page serves
    write_schools(project, schools)
    (project / "bench_dump.py").write_text(DUMP_HOOK, encoding="utf-8")
    (project / "dump.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks:\n  - macros/hooks.py\n  - bench_dump.py\n",
        encoding="utf-8",  # no reuse
    )

    def step(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    step(f"cold build of {schools} schools (every document made)...")
    cold = Build(project, work / "site-cold")
    site = work / "site-cold"
    step(f"  {cold.seconds:.1f} s")
    rebuilds = []
    for run_number in range(2):
        rebuilds.append(Build(project, work / f"site-again{run_number}"))
        step(f"rebuild, nothing changed: {rebuilds[-1].seconds:.1f} s ({rebuilds[-1].reused()})")
    again = min(rebuilds, key=lambda b: b.seconds)

    guide = project / "docs" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nA sentence added by the benchmark.\n", encoding="utf-8")
    before = cache_files(project)
    page_saved = Build(project, work / "site-guide")
    guide_remade = remade(before, cache_files(project))
    step(f"rebuild after a guide page changed: {page_saved.seconds:.1f} s ({page_saved.reused()})")

    profile = sorted((project / "schools").glob("*.yml"))[schools // 2]
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("number_on_roll: ", "number_on_roll: 1", 1), encoding="utf-8"
    )
    before = cache_files(project)
    one_changed = Build(project, work / "site-one")
    changed = remade(before, cache_files(project))
    schools_remade = sorted({path.relative_to(project).parts[2] for path in changed})
    step(
        f"rebuild after one profile changed: {one_changed.seconds:.1f} s ({one_changed.reused()}), "
        f"{len(changed)} documents remade for {schools_remade}"
    )

    step("make serve: a guide page saved, until Chromium shows it...")
    served = serve_save(project)
    step(f"  {served['save']:.1f} s (the server's first build took {served['first']:.1f} s)")

    step("plain MkDocs baseline: dumping the rendered pages...")
    baseline = baseline_project(project, work)
    plain = [Build(baseline, work / f"site-plain{n}", strict=False, generate=False) for n in range(2)]
    plain_seconds = min(b.seconds for b in plain)
    step(f"plain MkDocs: {', '.join(f'{b.seconds:.1f} s' for b in plain)}")

    step("exporters, one core...")
    exporters = exporter_times(project)
    search = search_figures(site, schools)
    policy_pages = [site / "schools" / p.stem / "index.html" for p in (project / "schools").glob("*.yml")]
    pack_pages = [page.parent / "self-evaluation" / "index.html" for page in policy_pages]
    policy_sizes = [p.stat().st_size for p in policy_pages]
    pack_sizes = [p.stat().st_size for p in pack_pages]
    peak = max(b.peak for b in [cold, *rebuilds, page_saved, one_changed])
    peak = max(peak, served["peak"])
    largest = max(b.largest for b in [cold, *rebuilds, page_saved, one_changed])
    cores = len(os.sched_getaffinity(0))
    expected = {f"{schools_remade[0]}-policy.{f}" for f in ("docx", "pdf", "md")} if schools_remade else set()
    only_that_school = len(schools_remade) == 1 and len(changed) == 6 and expected <= {p.name for p in changed}

    faster = plain_seconds / again.seconds
    rows = [
        (
            "cold build, empty cache (all documents made)",
            f"{cold.seconds:.1f} s",
            f"<= 90 s: {verdict(cold.seconds <= TARGETS['cold'])}",
        ),
        (
            "cold build, CPU time of the build and its workers",
            f"{cold.cpu:.0f} s",
            f"{cold.cpu / cores:.0f} s if the {cores} cores had nothing else to do",
        ),
        (
            "rebuild, nothing changed (best of 2)",
            f"{again.seconds:.1f} s",
            f"<= 5 s: {verdict(again.seconds <= TARGETS['nothing changed'])}; {again.reused()}",
        ),
        ("plain MkDocs, same pages pre-rendered (best of 2)", f"{plain_seconds:.1f} s", "baseline, same run"),
        (
            "plain MkDocs / rebuild with nothing changed",
            f"{faster:.1f} x faster",
            f">= 5 x: {verdict(faster >= TARGETS['faster'])}",
        ),
        (
            "CPU time: rebuild / plain MkDocs",
            f"{again.cpu:.1f} s / {min(b.cpu for b in plain):.1f} s",
            "",
        ),
        (
            "rebuild after one guide page changed",
            f"{page_saved.seconds:.1f} s",
            f"<= 8 s: {verdict(page_saved.seconds <= TARGETS['one guide page'])}; {page_saved.reused()}; "
            f"{len(guide_remade)} documents remade",
        ),
        (
            "rebuild after one profile changed",
            f"{one_changed.seconds:.1f} s",
            f"<= 6 s: {verdict(one_changed.seconds <= TARGETS['one profile'])}; {one_changed.reused()}; "
            f"{len(changed)} documents remade, {len(schools_remade)} school: {verdict(only_that_school)}",
        ),
        (
            "`make serve`: a guide page saved, until Chromium shows it",
            f"{served['save']:.1f} s",
            f"<= 5 s: {verdict(served['save'] <= TARGETS['serve save'])}; the server's first build {served['first']:.1f} s",
        ),
        ("peak memory, build and its workers together", mb(peak), f"< 1 GB: {verdict(peak < TARGETS['memory'])}"),
        ("peak memory, largest single process", mb(largest), ""),
        ("HTML pages", str(len(site_pages(site))), ""),
        ("site size", mb(folder_size(site)), ""),
        (
            "school policy page, HTML (median / largest)",
            f"{kb(statistics.median(policy_sizes))} / {kb(max(policy_sizes))}",
            f"< 60 KB: {verdict(max(policy_sizes) < TARGETS['page'])}",
        ),
        (
            "self-evaluation page, HTML (median / largest)",
            f"{kb(statistics.median(pack_sizes))} / {kb(max(pack_sizes))}",
            "",
        ),
        (
            "search index, raw / gzipped",
            f"{mb(search['raw'])} / {mb(search['gzipped'])}",
            f"{search['entries']} entries",
        ),
        ("search index per school (two entries)", f"{search['per school']:.0f} bytes", "raw"),
    ]
    rows += [(f"{name}, per file", f"{seconds:.3f} s", "one core, warm") for name, seconds in sorted(exporters.items())]
    step("the policy builder in Chromium...")
    rows += builder_rows(site)
    step("the register import, 20 MB and 200 MB extracts...")
    rows += import_rows(work)
    step("shared text between kinds of school...")
    rows += shared_text_rows()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=600, help="how many synthetic schools (default 600)")
    parser.add_argument("--keep", metavar="FOLDER", help="work in FOLDER and keep it, to look at the sites afterwards")
    args = parser.parse_args(argv)
    if args.keep:
        work = Path(args.keep)
        work.mkdir(parents=True, exist_ok=False)
        rows = run(args.schools, work)
    else:
        with tempfile.TemporaryDirectory(prefix="cohesion-bench-") as tmp:
            rows = run(args.schools, Path(tmp))
    cpus = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    print(
        f"Benchmark of {ROOT.name}: {args.schools} synthetic schools, {cpus} cores, {time.strftime('%Y-%m-%d')}; "
        f"load average at the end {load:.1f} (other work on the machine slows every figure)\n"
    )
    print("| measure | value | target or note |\n|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
