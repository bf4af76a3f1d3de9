"""`make bench`: how long a cold strict build of the real project takes, and how big the site is."""
from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import ROOT, copy_project, mkdocs_build, site_pages

RUNS = 3


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def cold_build(work: Path, run: int) -> tuple[float, Path]:
    """One strict build of a fresh copy of the project (no cache of earlier builds) into a new folder."""
    project = copy_project(work / f"project{run}")
    site = work / f"site{run}"
    start = time.perf_counter()
    result = mkdocs_build(project, site)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"the strict build failed, so there is nothing to measure:\n{result.stderr[-3000:]}")
    return seconds, site


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="cohesion-bench-") as tmp:
        work = Path(tmp)
        times, site = [], None
        for run in range(RUNS):
            seconds, site = cold_build(work, run)
            times.append(seconds)
            print(f"build {run + 1} of {RUNS}: {seconds:.2f} s", file=sys.stderr)
        index = site / "search" / "search_index.json"
        raw = index.read_bytes()
        rows = [
            ("cold strict build, min of 3", f"{min(times):.2f} s"),
            ("cold strict build, median of 3", f"{statistics.median(times):.2f} s"),
            ("HTML pages", str(len(site_pages(site)))),
            ("site size", megabytes(folder_size(site))),
            ("search index (raw)", megabytes(len(raw))),
            ("search index (gzipped)", megabytes(len(gzip.compress(raw, compresslevel=9)))),
        ]
    print(f"Benchmark of {ROOT.name} ({time.strftime('%Y-%m-%d')})\n")
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
