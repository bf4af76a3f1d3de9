"""The project's text carries facts from the seed documents, never their sentences."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

SEEDCHECK = ROOT.parent / "shared" / "tools" / "seedcheck.py"


def test_no_run_of_ten_words_is_copied_from_a_seed():
    if not SEEDCHECK.is_file():
        pytest.skip(f"{SEEDCHECK} is absent: ../shared (the seeds and their checker) is not beside this project")
    result = subprocess.run([sys.executable, str(SEEDCHECK), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (
        f"text copied from the seeds; rewrite it in the project's own words:\n{result.stdout[-4000:]}"
    )
