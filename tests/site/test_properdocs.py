"""Issue 17: the site builds unchanged with ProperDocs, the maintained fork of MkDocs 1.6, and its
pages are MkDocs' pages byte for byte, apart from the generator tag that names the engine."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.conftest import BIN
from tests.site.test_reuse import differences

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.mark.exhaustive  # two more whole builds, for the day the site moves engine: CI runs it on every push
def test_properdocs_builds_the_same_site_as_mkdocs(mkdocs_build, project_copy, tmp_path):
    built = mkdocs_build(project_copy, tmp_path / "mkdocs")  # writes the generated pages, then MkDocs
    assert built.returncode == 0, built.stderr[-3000:]
    proper = subprocess.run(
        [
            str(BIN / "properdocs"),
            "build",
            "--strict",
            "--config-file",
            "mkdocs.yml",
            "--site-dir",
            str(tmp_path / "properdocs"),
        ],
        cwd=project_copy,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proper.returncode == 0, proper.stderr[-3000:]
    assert b"ProperDocs" in (tmp_path / "properdocs" / "index.html").read_bytes()  # it really was ProperDocs
    for site in ("mkdocs", "properdocs"):
        for page in (tmp_path / site).rglob("*.html"):
            page.write_bytes(GENERATOR.sub(b"", page.read_bytes()))
    assert differences(tmp_path / "mkdocs", tmp_path / "properdocs") == []
