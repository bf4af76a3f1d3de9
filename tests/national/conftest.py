"""A small national edition, planned, built as separate shard processes running at once, and
assembled, once for the tests that read it."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT
from tests.synthetic_national import write_national_extract

SCHOOLS, AUTHORITIES, SHARDS = 12, 3, 2


def cohesion(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The `cohesion` command as a person (or a CI runner) runs it, in the guide's folder."""
    result = subprocess.run([str(BIN / "cohesion"), *args], cwd=ROOT, capture_output=True, text=True, timeout=900)
    if check:
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def run_shards(out: Path, names: list[str]) -> dict[str, str]:
    """Each shard in a process of its own, all at once, as CI's runners would; what each printed."""
    running = {
        name: subprocess.Popen(
            [str(BIN / "cohesion"), "national", "-o", str(out), "--shard", name],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name in names
    }
    printed = {}
    for name, process in running.items():
        printed[name] = process.communicate(timeout=900)[0]
        assert process.returncode == 0, f"shard {name} failed:\n{printed[name][-3000:]}"
    return printed


@dataclass(frozen=True)
class National:
    extract: Path
    out: Path
    printed: dict[str, str]  # shard -> what its process printed
    assembled: str


@pytest.fixture(scope="session")
def small_extract(tmp_path_factory) -> Path:
    return write_national_extract(tmp_path_factory.mktemp("register") / "extract.csv", SCHOOLS, AUTHORITIES, seed=5)


@pytest.fixture(scope="session")
def national(mkdocs_build, small_extract, tmp_path_factory) -> National:
    """Planned, built shard by shard in parallel processes (and the home), then assembled."""
    out = tmp_path_factory.mktemp("national") / "national"
    cohesion("national", str(small_extract), "-o", str(out), "--plan", "--shards", str(SHARDS))
    printed = run_shards(out, [f"{k}/{SHARDS}" for k in range(1, SHARDS + 1)] + ["home"])
    assembled = cohesion("national", "-o", str(out), "--assemble").stdout
    return National(small_extract, out, printed, assembled)
