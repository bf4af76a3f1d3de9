"""A crash, a kill or a second build leaves the last good site whole (issue 15)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from cohesion_guide import files
from cohesion_guide.export.document_set import Document, write_formats
from cohesion_guide.files import _swap_in, clean_stale

PYTHON = sys.executable


def test_swapping_a_site_in_leaves_no_moment_without_one(tmp_path, monkeypatch):
    site, missing, stop = tmp_path / "site", [], threading.Event()
    site.mkdir()
    (site / "index.html").write_text("0")

    def watch():
        while not stop.is_set():
            if not (site / "index.html").exists():
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(1, 200):
            new = tmp_path / ".site.new"
            new.mkdir()
            (new / "index.html").write_text(str(n))
            _swap_in(new, site)
    finally:
        stop.set()
        watcher.join()
    assert (site / "index.html").read_text() == "199" and not (tmp_path / ".site.new").exists()
    assert not missing, f"site/ was missing {len(missing)} time(s) during the swaps"


def test_the_swap_is_one_exchange_not_two_renames(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "a").write_text("new")
    monkeypatch.setattr(files.os, "rename", lambda *a: pytest.fail("renamed site/ away: a moment without a site"))
    _swap_in(tmp_path / "new", tmp_path / "site")
    assert (tmp_path / "site" / "a").read_text() == "new"


def test_stale_part_folders_are_cleaned_unless_in_use(tmp_path):
    busy, idle = tmp_path / "busy-school", tmp_path / "idle-school"
    for folder in (busy, idle):
        (folder / ".abc123.x1.part").mkdir(parents=True)
        (folder / "abc123").mkdir()
    with open(busy / ".lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert clean_stale([busy, idle]) == 1
    assert not (idle / ".abc123.x1.part").exists() and (idle / "abc123").is_dir()
    assert (busy / ".abc123.x1.part").exists(), "a folder another process is making must be left alone"


def test_a_second_make_site_waits_for_the_first(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("the last good site")
    with open(tmp_path / ".site.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        second = subprocess.Popen(
            [PYTHON, "-m", "cohesion_guide.site.publish"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # its own word that it waits (read as it comes, however slowly it starts), then: still waiting
        assert "waiting for it to finish" in second.stdout.readline()
        assert second.poll() is None, "the second build must wait while the first holds the lock"
    out, err = second.communicate(timeout=120)
    # there is no mkdocs.yml here, so this build fails: and the site it would have replaced stays
    assert second.returncode != 0 and "site/ was left as it was" in err
    assert (tmp_path / "site" / "index.html").read_text() == "the last good site"
    assert not (tmp_path / ".site.new").exists()


def test_workers_die_with_their_build(tmp_path):
    script = textwrap.dedent("""
        import os, sys, time
        from cohesion_guide.site.build import DocumentWork
        work = DocumentWork()
        pool = work._pool()
        print(pool.submit(os.getpid).result(), flush=True)
        pool.submit(time.sleep, 60)
        time.sleep(60)
    """)
    build = subprocess.Popen([PYTHON, "-c", script], stdout=subprocess.PIPE, text=True)
    worker = int(build.stdout.readline())
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.1)
    survived = _alive(worker)
    if survived:
        os.kill(worker, signal.SIGKILL)  # leave nothing running behind the test
    assert not survived, "a worker outlived its build"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_a_set_killed_while_moving_in_is_finished_by_the_next_run(tmp_path, monkeypatch):
    out = tmp_path / "out"
    old = Document("# Old\n", "school-policy", "Old", "School")
    write_formats(old, out, ("md", "html"))
    moves = []
    real_replace = os.replace

    def killed_after_one(src, dst):
        if moves:
            raise KeyboardInterrupt  # stands for kill -9 between two moves
        moves.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr("cohesion_guide.export.document_set.os.replace", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        write_formats(Document("# New\n", "school-policy", "New", "School"), out, ("md", "html"))
    monkeypatch.setattr("cohesion_guide.export.document_set.os.replace", real_replace)
    write_formats(Document("# Other\n", "other-policy", "Other", "School"), out, ("md",))  # any later run
    assert "New" in (out / "school-policy.md").read_text() and "New" in (out / "school-policy.html").read_text()
    assert sorted(p.name for p in out.iterdir()) == ["other-policy.md", "school-policy.html", "school-policy.md"]
