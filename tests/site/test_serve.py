"""Issue 17: `make serve` (site/serve.py) shows a saved profile without a restart, and redraws only
the pages the save touched."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import BIN

pytestmark = pytest.mark.build


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds: float, what: str, log) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"{what} within {seconds} s; make serve printed:\n{log.read_text()[-3000:]}")


def test_a_saved_profile_is_shown_and_only_its_pages_are_converted(project_copy, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/schools/riverside-primary/"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [str(BIN / "python"), "-m", "cohesion_guide.site.serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project_copy,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "Riverside Primary School" in fetch(url), 300, "the school's page was not served", log)
        profile = project_copy / "schools" / "riverside-primary.yml"
        profile.write_text(
            profile.read_text(encoding="utf-8").replace("Riverside Primary School", "Riverbank Primary School"),
            encoding="utf-8",
        )
        wait_for(lambda: "Riverbank Primary School" in fetch(url), 120, "the saved profile was not shown", log)
        wait_for(lambda: len(re.findall(r"Pages: \d+ reused", log.read_text())) >= 2, 60, "no rebuild logged", log)
    finally:
        server.terminate()
        server.wait(timeout=30)
    rebuilds = re.findall(r"Pages: (\d+) reused, (\d+) converted", log.read_text())
    first, *later = rebuilds
    assert int(first[1]) > 50  # the first build converts every page
    # the save: the school's two pages, the list of schools and the builder's page; nothing else
    assert later and all(int(converted) <= 5 for _, converted in later), rebuilds


def test_a_port_already_taken_gets_a_plain_message_and_the_next_port_to_try(project_copy):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [str(BIN / "python"), "-m", "cohesion_guide.site.serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project_copy,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"Port {port} on 127.0.0.1 is already in use" in done.stderr
    assert f"make serve PORT={port + 1}" in done.stderr and "Traceback" not in done.stderr
    assert not (project_copy / ".cache" / "generated-files.json").exists()  # nothing built first


def test_make_serve_takes_the_port_from_port():
    made = subprocess.run(
        ["make", "-n", "serve", "PORT=8001"], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2]
    )
    assert "--dev-addr 127.0.0.1:8001" in made.stdout
