"""A read-only or full disk: a plain message and exit status 2, never a traceback (issue 15)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cohesion_guide.cli import main
from tests.documents.test_tailoring import make_profile


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_disk_is_a_plain_message(tmp_path, monkeypatch, capsys, code):
    profile = make_profile(tmp_path, slug="oakfield")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "oakfield-policy.md").write_text("the adopted policy")

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("cohesion_guide.export.document_set.os.rename", fail)
    assert main(["policy", str(profile.path), "-o", str(tmp_path / "out"), "--format", "md,html"]) == 2
    err = capsys.readouterr().err
    assert os.strerror(code) in err and "Nothing was half-written" in err and "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["oakfield-policy.md"]
    assert (tmp_path / "out" / "oakfield-policy.md").read_text() == "the adopted policy"


def test_a_folder_that_cannot_be_made_is_a_plain_message(tmp_path, capsys):
    profile = make_profile(tmp_path, slug="oakfield")
    assert main(["policy", str(profile.path), "-o", "/proc/cohesion-cannot-be-here", "--format", "md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Could not write") and "Traceback" not in err
    assert not Path("/proc/cohesion-cannot-be-here").exists()
