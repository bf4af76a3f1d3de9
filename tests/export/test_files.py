"""Outputs appear whole or not at all: a failure leaves no partial file and the previous one as it was."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys

import pytest

from cohesion_guide import files
from cohesion_guide.files import EmptyOutput, atomic_dir, atomic_path
from tests.conftest import BIN, ROOT


class Boom(Exception):
    pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_atomic_path_writes_the_file_and_leaves_nothing_else(tmp_path):
    dest = tmp_path / "policy.docx"
    with atomic_path(dest) as tmp:
        assert tmp.parent == dest.parent and tmp != dest
        tmp.write_text("new")
        assert not dest.exists(), "the destination must not appear before the block has finished"
    assert dest.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["policy.docx"]


def test_atomic_path_gives_a_published_file_ordinary_permissions(tmp_path):
    dest = tmp_path / "policy.pdf"
    with atomic_path(dest) as tmp:
        tmp.write_bytes(b"%PDF")
    assert stat.S_IMODE(dest.stat().st_mode) == 0o666 & ~_umask()


def test_an_error_inside_the_block_leaves_no_file(tmp_path):
    dest = tmp_path / "policy.docx"
    with pytest.raises(Boom):
        with atomic_path(dest) as tmp:
            tmp.write_text("half a docu")
            raise Boom
    assert list(tmp_path.iterdir()) == []


def test_an_error_inside_the_block_keeps_the_previous_file(tmp_path):
    dest = tmp_path / "policy.docx"
    dest.write_text("adopted by governors")
    with pytest.raises(Boom):
        with atomic_path(dest) as tmp:
            tmp.write_text("half a docu")
            raise Boom
    assert dest.read_text() == "adopted by governors"
    assert [p.name for p in tmp_path.iterdir()] == ["policy.docx"]


def test_an_interruption_also_cleans_up(tmp_path):
    dest = tmp_path / "policy.docx"
    dest.write_text("old")
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(dest) as tmp:
            tmp.write_text("partial")
            raise KeyboardInterrupt
    assert dest.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["policy.docx"]


def test_an_empty_result_is_refused_and_the_previous_file_kept(tmp_path):
    dest = tmp_path / "policy.md"
    dest.write_text("old")
    with pytest.raises(EmptyOutput, match="policy.md came out empty"):
        with atomic_path(dest):
            pass
    assert dest.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["policy.md"]


def test_an_empty_result_is_written_when_allowed(tmp_path):
    dest = tmp_path / ".nojekyll"
    with atomic_path(dest, allow_empty=True):
        pass
    assert dest.exists() and dest.stat().st_size == 0


def test_missing_parent_folders_are_made(tmp_path):
    dest = tmp_path / "out" / "riverside" / "policy.md"
    with atomic_path(dest) as tmp:
        tmp.write_text("text")
    assert dest.read_text() == "text"


def test_atomic_dir_swaps_in_the_new_folder_whole(tmp_path):
    dest = tmp_path / "riverside"
    dest.mkdir()
    (dest / "old.pdf").write_text("old")
    with atomic_dir(dest) as tmp:
        assert tmp.parent == tmp_path and tmp != dest
        (tmp / "policy.pdf").write_text("new")
        (tmp / "policy.docx").write_text("new")
        assert (dest / "old.pdf").exists(), "the previous folder stays until the swap"
    assert sorted(p.name for p in dest.iterdir()) == ["policy.docx", "policy.pdf"]
    assert [p.name for p in tmp_path.iterdir()] == ["riverside"]
    assert stat.S_IMODE(dest.stat().st_mode) == 0o777 & ~_umask()


def test_atomic_dir_makes_a_folder_that_did_not_exist(tmp_path):
    dest = tmp_path / "riverside"
    with atomic_dir(dest) as tmp:
        (tmp / "policy.md").write_text("text")
    assert (dest / "policy.md").read_text() == "text"
    assert [p.name for p in tmp_path.iterdir()] == ["riverside"]


def test_an_error_inside_atomic_dir_keeps_the_previous_folder(tmp_path):
    dest = tmp_path / "riverside"
    dest.mkdir()
    (dest / "policy.pdf").write_text("adopted")
    with pytest.raises(Boom):
        with atomic_dir(dest) as tmp:
            (tmp / "policy.pdf").write_text("half")
            raise Boom
    assert [p.name for p in dest.iterdir()] == ["policy.pdf"]
    assert (dest / "policy.pdf").read_text() == "adopted"
    assert [p.name for p in tmp_path.iterdir()] == ["riverside"]


def test_a_failed_swap_puts_the_previous_folder_back(tmp_path, monkeypatch):
    dest = tmp_path / "riverside"
    dest.mkdir()
    (dest / "policy.pdf").write_text("adopted")
    real_rename = os.rename

    def rename(src, dst):
        if str(dst) == str(dest) and ".part" in str(src):
            raise OSError("disk full")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    # where the folders cannot be exchanged in one step (files.exchange), the swap is two renames
    monkeypatch.setattr(files, "exchange", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSYS, "no renameat2")))
    with pytest.raises(OSError, match="disk full"):
        with atomic_dir(dest) as tmp:
            (tmp / "policy.pdf").write_text("new")
    assert (dest / "policy.pdf").read_text() == "adopted"
    assert [p.name for p in tmp_path.iterdir()] == ["riverside"]


# ---- what a killed run leaves behind (issue 23) --------------------------------------------------

KILLED_MID_WRITE = """
import sys, time
from cohesion_guide.export import document_set
from cohesion_guide.documents.policy import write_policy

def stalled(*args, **kwargs):  # the Word file is written last: stop there, with the others in .part
    print("writing", flush=True)
    time.sleep(600)

document_set.write_docx = stalled
write_policy(sys.argv[1], sys.argv[2], sys.argv[3], ("md", "docx"))
"""


def test_a_part_folder_left_by_a_killed_cohesion_policy_is_removed_by_the_next_run(tmp_path):
    out, profile = tmp_path / "out", ROOT / "schools" / "riverside-primary.yml"
    killed = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_WRITE, str(profile), str(ROOT), str(out)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert killed.stdout.readline() == "writing\n"
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
    left = list(out.glob(".cohesion-*.part"))
    assert len(left) == 1 and (left[0] / "riverside-primary-policy.md").is_file()
    again = subprocess.run(
        [str(BIN / "cohesion"), "policy", str(profile), "-o", str(out), "--format", "md", "--project", str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == ["riverside-primary-policy.md"]


def _made_earlier(path):
    past = files._STARTED - 60 * 10**9
    os.utime(path, ns=(past, past))


def test_a_leftover_another_process_is_still_writing_is_left_alone(tmp_path):
    busy, stale, new = (tmp_path / f".cohesion-{name}.part" for name in ("busy", "stale", "new"))
    for folder in (busy, stale):
        folder.mkdir()
        _made_earlier(folder)
    new.mkdir()  # made during this run: another writer's, whoever holds it
    # another process holds `busy` as a writer holds its own folder until it is done
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); "
            "fcntl.flock(fd, fcntl.LOCK_SH); print('held', flush=True); sys.stdin.read()",
            str(busy),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        assert files.remove_stale(tmp_path, ".cohesion-") == 1
    finally:
        holder.communicate("")
    assert busy.is_dir() and new.is_dir() and not stale.exists()


def test_atomic_writers_clear_their_own_stale_leftovers_and_nothing_else(tmp_path):
    dest = tmp_path / "policy.docx"
    for name in (".policy.docx.abc123.part", ".policy.docx.def456.part", ".other.docx.abc123.part", "policy.docx.part"):
        (tmp_path / name).write_text("half")
        _made_earlier(tmp_path / name)
    (tmp_path / ".policy.docx.dir123.part").mkdir()
    _made_earlier(tmp_path / ".policy.docx.dir123.part")
    with atomic_path(dest) as tmp:
        tmp.write_text("whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.docx.abc123.part", "policy.docx", "policy.docx.part"]
    folder = tmp_path / "set"
    (tmp_path / ".set.xyz.part").mkdir()
    _made_earlier(tmp_path / ".set.xyz.part")
    with atomic_dir(folder) as tmp:
        (tmp / "a").write_text("a")
    assert not (tmp_path / ".set.xyz.part").exists() and (folder / "a").read_text() == "a"
