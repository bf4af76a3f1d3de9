"""`cohesion import-gias` as a person runs it: the summary, the exit status, the errors, the progress bar, the help."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from cohesion_guide.cli import main
from cohesion_guide.cli.import_gias import ProgressBar
from cohesion_guide.inputs.profiles import load_profiles
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "gias"
MIXED = FIXTURES / "mixed.csv"
COHESION = Path(sys.executable).parent / "cohesion"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["import-gias", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_import_prints_a_summary_and_exits_0(tmp_path, capsys):
    status, out, err = run(capsys, MIXED, "-o", tmp_path / "schools")
    assert status == 0 and err == ""
    assert "Read 17 rows. Imported 9, updated 0, unchanged 0" in out
    assert "Skipped 8:" in out
    for line in [
        "  closed: 1",
        "  independent or non-maintained: 1",
        "  outside England (overseas, offshore, Welsh, forces schools): 2",
        "  not a school (colleges, children's centres, other establishments): 2",
        "  not open yet: 1",
        "  type of establishment not recognised: 1",
    ]:
        assert line + "\n" in out
    assert "Look for '# to check:' in the files." in out
    assert len(load_profiles(tmp_path / "schools")) == 9


def test_a_second_run_reports_unchanged(tmp_path, capsys):
    run(capsys, MIXED, "-o", tmp_path)
    status, out, _ = run(capsys, MIXED, "-o", tmp_path, "--la", "westshire")
    assert status == 0
    assert "Imported 0, updated 0, unchanged 2" in out and "in another local authority: 13" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (
            ["--la", "Westshyre"],
            "--la: no school in the extract is in 'Westshyre'. Closest names in the file: Westshire",
        ),
        (["--la-code", "123"], "--la-code: no school in the extract has authority number '123'"),
        (
            ["--census", FIXTURES / "not_gias.csv"],
            "not_gias.csv, line 1, (the whole file): is not a school census file",
        ),
    ],
)
def test_bad_options_exit_2_and_write_nothing(tmp_path, capsys, argv, message):
    status, out, err = run(capsys, MIXED, "-o", tmp_path / "schools", *argv)
    assert status == 2 and out == ""
    assert message in err and "nothing was written" in err
    assert not (tmp_path / "schools").exists()


@pytest.mark.parametrize("name", ["not_gias.csv", "missing.csv"])
def test_a_file_that_is_not_an_extract_exits_2(tmp_path, capsys, name):
    status, _, err = run(capsys, FIXTURES / name, "-o", tmp_path / "schools")
    assert status == 2 and name in err
    assert not (tmp_path / "schools").exists()


def test_a_missing_column_exits_2_naming_it(tmp_path, capsys):
    lines = MIXED.read_text(encoding="utf-8").splitlines()
    (tmp_path / "x.csv").write_text(
        "\n".join(line.replace("LA (name)", "LocalAuthority") if i == 0 else line for i, line in enumerate(lines)),
        encoding="utf-8",
    )
    status, _, err = run(capsys, tmp_path / "x.csv", "-o", tmp_path / "schools")
    assert status == 2
    assert "x.csv, line 1, LA (name): this column is missing from the extract" in err
    assert not (tmp_path / "schools").exists()


def test_an_output_that_is_a_file_exits_2(tmp_path, capsys):
    (tmp_path / "schools").write_text("not a folder")
    status, _, err = run(capsys, MIXED, "-o", tmp_path / "schools")
    assert status == 2 and "is a file, not a folder" in err


def test_la_and_la_code_together_are_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["import-gias", str(MIXED), "-o", str(tmp_path), "--la", "Westshire", "--la-code", "932"])
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_help_documents_the_placeholders(capsys):
    with pytest.raises(SystemExit):
        main(["import-gias", "--help"])
    out = capsys.readouterr().out
    for words in [
        "leads.governor              Chair of governors (Chair of the local governing body for an academy, "
        "Chair of the management committee for a pupil referral unit)",
        "leads.staff                 Headteacher",
        "document.approved_by        Full governing body (Local governing body for an academy, "
        "Management committee for a pupil referral unit)",
        "document.date_adopted       the date of the import",
        # the cycle is marked to check like the rest, so the school is asked for it (fourth cold read, N8)
        "document.review_cycle_years 1 (until then a policy suggests local.yml's cycle)",
        "A figure the register (and census) does not give is written 'not known'",
        "no head teacher's name",
    ]:
        assert words in out


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_the_progress_bar_shows_for_a_large_file_at_a_terminal_or_when_asked():
    for stream, total, shown in [
        (FakeTerminal(True), 5000, True),
        (FakeTerminal(False), 5000, False),
        (FakeTerminal(True), 10, False),
    ]:
        bar = ProgressBar(stream, always=False)
        for done in range(1, total + 1):
            bar(done, total)
        assert bool(stream.getvalue()) is shown
        if shown:
            assert stream.getvalue().count("\r") <= 41  # redrawn only when it moves
            assert stream.getvalue().endswith(f"[{'#' * 40}] {total}/{total} files\n")
    asked = FakeTerminal(False)
    bar = ProgressBar(asked, always=True)
    bar(1, 2), bar(2, 2)
    assert "2/2 files" in asked.getvalue()


def test_reading_is_shown_in_megabytes_and_finished_once():
    # the extract is read a buffer at a time, so the bytes read reach the file's size before its last rows
    stream = FakeTerminal(True)
    bar = ProgressBar(stream, always=False)
    for done in [1_000_000, 2_000_000, 3_000_000, 3_000_000, 3_000_000]:
        bar(done, 3_000_000, "Reading the extract")
    assert stream.getvalue().count("\n") == 1 and stream.getvalue().endswith("3.0/3.0 MB\n")


def test_progress_flag_draws_on_stderr_not_stdout(tmp_path, capsys):
    status, out, err = run(capsys, MIXED, "-o", tmp_path, "--progress")
    assert status == 0 and "Reading the extract [" in err and " MB\n" in err
    assert "Writing profiles" in err and "9/9 files\n" in err
    assert "[#" not in out


def test_the_installed_command_runs(tmp_path):
    result = subprocess.run(
        [str(COHESION), "import-gias", str(MIXED), "-o", str(tmp_path), "--la-code", "931"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Imported 7" in result.stdout and result.stderr == ""
    bad = subprocess.run(
        [str(COHESION), "import-gias", str(FIXTURES / "not_gias.csv"), "-o", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "not an extract from Get Information About Schools" in bad.stderr
