"""The import reads a register extract a row at a time: its memory follows the schools it imports, never
the file's size (issue 23: a 200 MB extract once took 2.3 GB). `make bench` measures a 200 MB one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cohesion_guide.errors import InvalidFile
from cohesion_guide.gias.importer import import_extract
from cohesion_guide.gias.read import CHUNK, encoding_of
from cohesion_guide.inputs.profiles import load_profile
from tests.synthetic_extract import KEPT, write_extract

# Runs the import's planning (everything but writing the files) and prints the most memory Python
# held at once while it ran, beyond what the imports themselves hold.
PEAK = """
import sys, tracemalloc
from pathlib import Path
tracemalloc.start()
from cohesion_guide.gias.importer import plan
before = tracemalloc.get_traced_memory()[0]
tracemalloc.reset_peak()
summary = plan(Path(sys.argv[1]), Path(sys.argv[2]), la="Exampleshire", today="2026-09-01")
assert len(summary.writes) == int(sys.argv[3]), len(summary.writes)
print(tracemalloc.get_traced_memory()[1] - before)
"""


def peak(extract: Path, out: Path) -> int:
    result = subprocess.run(
        [sys.executable, "-c", PEAK, str(extract), str(out), str(KEPT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return int(result.stdout)


def test_the_imports_memory_does_not_grow_with_the_size_of_the_extract(tmp_path):
    small = write_extract(tmp_path / "small.csv", megabytes=1)
    large = write_extract(tmp_path / "large.csv", megabytes=8)
    assert large.stat().st_size > 7 * small.stat().st_size
    small_peak, large_peak = peak(small, tmp_path / "a"), peak(large, tmp_path / "b")
    # 8 times the rows in the same 40 schools: the peak is the same give or take a few rows, where
    # reading the file whole took about 7 times its size (57 MB for this one)
    assert large_peak < small_peak + 100_000, (small_peak, large_peak)
    assert large_peak < 2_000_000, large_peak


# Reading a row at a time keeps what reading the file whole did ------------------------------------


def test_a_windows_1252_character_far_into_the_file_is_read_as_windows_1252_throughout(tmp_path):
    extract = write_extract(tmp_path / "extract.csv", megabytes=0.5)  # many buffers of UTF-8-looking text
    text = extract.read_text(encoding="utf-8").replace("School Number 39 Primary", "Notre Dame – St Thérèse Primary")
    extract.write_bytes(text.replace("Town 199", "Bishop’s Stortford").encode("cp1252"))
    import_extract(extract, tmp_path / "out", la="Exampleshire", today="2026-09-01")
    assert load_profile(tmp_path / "out" / "notre-dame-st-therese-primary-school.yml").name == (
        "Notre Dame – St Thérèse Primary School"
    )


def test_a_character_split_between_two_buffers_is_still_utf_8(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"a" * (CHUNK - 1) + "é".encode() + b"\n")
    assert encoding_of(path, "x.csv") == "utf-8"
    path.write_bytes(b"a" * (CHUNK - 1) + "é".encode()[:1])  # cut off at the end: not UTF-8
    assert encoding_of(path, "x.csv") == "cp1252"


def test_a_broken_row_far_into_the_file_is_reported_by_its_line_and_nothing_is_written(tmp_path):
    # a field longer than the CSV reader's limit (128 KB) is no CSV field
    extract = write_extract(tmp_path / "extract.csv", megabytes=0.5)
    lines = extract.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[300] = lines[300].replace("Village", '"' + "x" * 200_000 + '"Village', 1)
    extract.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InvalidFile) as err:
        import_extract(extract, tmp_path / "out", la="Exampleshire", today="2026-09-01")
    assert "could not be read as CSV" in err.value.report() and "line 301" in err.value.report()
    assert not (tmp_path / "out").exists()
