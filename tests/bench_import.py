"""`make bench`'s rows for the register import: the time and peak memory of `cohesion import-gias` on a
20 MB and a 200 MB extract (tests/synthetic_extract.py), the same 40 schools imported from each."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.synthetic_extract import AUTHORITY, KEPT, write_extract

SIZES = (20, 200)  # megabytes; a national extract of 256 columns is about 60 MB
TARGET = 100_000_000  # bytes of resident memory: a small multiple of the interpreter's own (about 35 MB)

# The command as a person runs it, in a process of its own, which reports its own peak resident memory. VmHWM,
# not getrusage's ru_maxrss: Linux keeps ru_maxrss across exec, so a child forked from the bench (grown to 190 MB
# by then) reported the bench's peak as its own; VmHWM belongs to the program the process runs.
RUN = """
import json, sys, time
from pathlib import Path
from cohesion_guide.cli import main
start = time.perf_counter()
status = main(["import-gias", sys.argv[1], "--la", sys.argv[2], "-o", sys.argv[3]])
seconds = time.perf_counter() - start
kb = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
print(json.dumps({"status": status, "seconds": seconds, "peak": kb * 1024}))
"""


def measure(extract: Path, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", RUN, str(extract), AUTHORITY, str(out)], capture_output=True, text=True, check=True
    )
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    written = len(list(out.glob("*.yml")))
    if measured["status"] != 0 or written != KEPT:
        raise RuntimeError(f"the import of {extract} wrote {written} profiles: {result.stdout}{result.stderr}")
    return measured


def import_rows(work: Path) -> list[tuple[str, str, str]]:
    rows, peaks = [], []
    for megabytes in SIZES:
        extract = write_extract(work / f"extract-{megabytes}mb.csv", megabytes)
        measured = measure(extract, work / f"imported-{megabytes}mb")
        extract.unlink()
        peaks.append(measured["peak"])
        rows.append(
            (
                f"`cohesion import-gias`, {megabytes} MB extract, {KEPT} schools imported: time / peak memory",
                f"{measured['seconds']:.1f} s / {measured['peak'] / 1e6:.0f} MB",
                f"< {TARGET // 1_000_000} MB: {'met' if measured['peak'] < TARGET else '**missed**'}",
            )
        )
    grown = f"{(peaks[-1] - peaks[0]) / 1e6:+.1f}".replace("-0.0", "+0.0")
    rows.append(
        (
            f"import's peak memory, {SIZES[-1]} MB extract beside {SIZES[0]} MB",
            f"{grown} MB",
            "read a row at a time: memory follows the schools imported, not the file (read whole: 1.4 GB for 200 MB)",
        )
    )
    return rows


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cohesion-bench-import-") as tmp:
        for row in import_rows(Path(tmp)):
            print(f"| {' | '.join(row)} |")
