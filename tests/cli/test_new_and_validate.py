"""`cohesion validate` and `cohesion new`: exit codes, what they print, and what they write (or do not)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cohesion_guide import cli
from cohesion_guide.cli import new as cmd_new
from cohesion_guide.inputs.profiles import load_profile, problems_in
from cohesion_guide.inputs.validation import parse_yaml
from tests.conftest import ROOT

SCHOOLS = ROOT / "schools"
COHESION = Path(sys.executable).parent / "cohesion"

ESSENTIAL_FLAGS = [
    "--name",
    "Hillside Primary School",
    "--phase",
    "primary",
    "--type",
    "Community School",
    "--religious-character",
    "None",
    "--local-authority",
    "Exampleshire",
    "--town",
    "Exampleton",
    "--setting",
    "urban",
    "--number-on-roll",
    "210",
    "--eal-percent",
    "12",
    "--fsm-percent",
    "18",
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def bad_copy(folder: Path, name: str, old: str, new: str) -> Path:
    text = (SCHOOLS / "riverside-primary.yml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = folder / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


# validate -----------------------------------------------------------------------------------------


def test_validate_the_examples_folder(capsys):
    code, out, _ = run(capsys, "validate", str(SCHOOLS))
    count = len(list(SCHOOLS.glob("*.yml")))
    assert code == 0
    # St Anne's leaves its review cycle to its governors: the one warning says so (fourth cold read, N8)
    assert out.strip().splitlines()[-1] == f"{count} profiles checked, all valid (1 warning above)"
    (warning,) = [line for line in out.splitlines() if "warning:" in line]
    assert "st-annes-catholic-primary.yml" in warning and "document.review_cycle_years: warning:" in warning


def test_validate_one_valid_file(capsys):
    code, out, _ = run(capsys, "validate", str(SCHOOLS / "riverside-primary.yml"))
    assert (code, out) == (0, "1 profile checked, all valid\n")


def test_validate_prints_one_line_per_problem_then_a_summary(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = bad_copy(tmp_path, "x.yml", "eal_percent: 38.5", "eal_percent: 140")
    bad_copy(tmp_path, "y.yml", "phase: primary", "phase: primry")
    (tmp_path / "good.yml").write_text(
        (SCHOOLS / "riverside-primary.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "validate", ".")
    lines = out.strip().splitlines()
    assert code == 2
    assert (
        lines[0]
        == f"x.yml, line {line_of(bad, '  eal_percent:')}, pupils.eal_percent: found 140; allowed: a number from 0 to 100, or not known"
    )
    assert re.fullmatch(
        r"y\.yml, line \d+, school\.phase: found 'primry'; allowed: .* Did you mean 'primary'\?", lines[1]
    )
    assert lines[2].startswith("3 profiles checked: 2 with problems (2 problems in all).")
    assert len(lines) == 3


def test_validate_names_a_file_given_twice_once(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad_copy(tmp_path, "x.yml", "fsm_percent: 27.0", "fsm_percent: 270")
    code, out, _ = run(capsys, "validate", ".", "x.yml")
    assert code == 2 and out.count("pupils.fsm_percent") == 1


def test_validate_an_empty_folder_or_missing_file_is_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    code, out, _ = run(capsys, "validate", "empty", "absent.yml")
    assert code == 2
    assert "empty, line 1, (the folder): holds no profiles" in out
    assert "absent.yml, line 1, (the whole file): does not exist" in out


def test_the_installed_command_exits_2_on_a_bad_profile(tmp_path):
    bad = bad_copy(tmp_path, "x.yml", "setting: urban", "setting: city")
    result = subprocess.run([str(COHESION), "validate", str(bad)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "location.setting: found 'city'; allowed: one of 'urban', 'rural'" in result.stdout


def marked(folder: Path, name: str = "x.yml") -> Path:
    """Riverside's profile with two placeholders still marked to check, as an import leaves them."""
    path = bad_copy(
        folder,
        name,
        "approved_by: Full governing body",
        "approved_by: Full governing body  # to check: the import put a placeholder: put who approves the policy",
    )
    text = path.read_text(encoding="utf-8").replace(
        "fsm_percent: 27.0", "fsm_percent: not known  # to check: the register gives no free school meals figure"
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_warns_of_each_value_still_to_check_with_file_line_and_field(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = marked(tmp_path)
    code, out, _ = run(capsys, "validate", "x.yml")
    lines = out.strip().splitlines()
    assert code == 0
    assert lines[0] == (
        f"x.yml, line {line_of(path, '  fsm_percent:')}, pupils.fsm_percent: warning: is still marked to check "
        "(the register gives no free school meals figure). Its policy says 'to be confirmed' here until you put "
        "in the right value and delete the '# to check:' note"
    )
    assert lines[1].startswith(f"x.yml, line {line_of(path, '  approved_by:')}, document.approved_by: warning: ")
    assert lines[-1] == "1 profile checked, all valid (2 warnings above)"


def test_validate_strict_makes_each_value_to_check_a_problem(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    marked(tmp_path)
    (tmp_path / "good.yml").write_text((SCHOOLS / "riverside-primary.yml").read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "validate", "--strict", ".")
    lines = out.strip().splitlines()
    assert code == 2
    assert [line.split(": ")[0] for line in lines[:2]] == [
        f"x.yml, line {line_of(tmp_path / 'x.yml', '  fsm_percent:')}, pupils.fsm_percent",
        f"x.yml, line {line_of(tmp_path / 'x.yml', '  approved_by:')}, document.approved_by",
    ]
    assert "warning" not in lines[0] and lines[0].endswith("delete the '# to check:' note")
    assert lines[-1] == (
        "2 profiles checked: 1 with problems (2 problems in all). "
        "Fix each line above, then run cohesion validate --strict again."
    )
    # the same profile, confirmed, passes
    text = (tmp_path / "x.yml").read_text(encoding="utf-8")
    (tmp_path / "x.yml").write_text(
        text.replace("  # to check: the import put a placeholder: put who approves the policy", "").replace(
            "not known  # to check: the register gives no free school meals figure", "27"
        )
    )
    code, out, _ = run(capsys, "validate", "--strict", ".")
    assert (code, out.strip().splitlines()[-1]) == (0, "2 profiles checked, all valid")


# new ----------------------------------------------------------------------------------------------


def test_new_from_flags_writes_a_valid_profile(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        capsys, "new", "schools/hillside-primary.yml", "--no-input", *ESSENTIAL_FLAGS, "--urn", "123456"
    )
    assert (code, err) == (0, "")
    assert "Wrote schools/hillside-primary.yml" in out
    profile = load_profile(tmp_path / "schools" / "hillside-primary.yml")
    assert profile.name == "Hillside Primary School"
    assert profile.data["school"]["urn"] == "123456"
    assert profile.data["pupils"] == {"number_on_roll": 210, "eal_percent": 12, "fsm_percent": 18}
    assert not list((tmp_path / "schools").glob(".*"))  # no temporary file left behind


def test_new_marks_the_placeholders_it_puts_in_to_check_and_not_what_was_given(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, "new", "a.yml", "--no-input", *ESSENTIAL_FLAGS, "--staff-lead", "Deputy headteacher")
    assert code == 0
    profile = load_profile(tmp_path / "a.yml")
    assert sorted(profile.unconfirmed) == ["document.approved_by", "document.date_adopted", "leads.governor"]
    assert profile.unconfirmed["leads.governor"].startswith("a placeholder put in when the profile was started")
    text = (tmp_path / "a.yml").read_text(encoding="utf-8")
    assert "staff: Deputy headteacher\n" in text


def test_new_takes_not_known_for_a_figure(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    unknown = {"12": "Not known", "210": "not known"}  # EAL and the number on roll
    flags = [unknown.get(flag, flag) for flag in ESSENTIAL_FLAGS]
    code, out, err = run(capsys, "new", "a.yml", "--no-input", *flags)
    assert (code, err) == (0, "")
    text = (tmp_path / "a.yml").read_text(encoding="utf-8")
    assert "  eal_percent: not known\n" in text and "  number_on_roll: not known\n" in text
    assert load_profile(tmp_path / "a.yml").data["pupils"] == {"fsm_percent": 18}


def test_new_takes_the_other_usual_ways_of_saying_a_figure_is_not_known(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    unknown = {"12": "don't know", "210": "?"}  # the same words the builder and a profile's YAML read as not known
    flags = [unknown.get(flag, flag) for flag in ESSENTIAL_FLAGS]
    code, _, err = run(capsys, "new", "a.yml", "--no-input", *flags)
    assert (code, err) == (0, "")
    text = (tmp_path / "a.yml").read_text(encoding="utf-8")
    assert "  eal_percent: not known\n" in text and "  number_on_roll: not known\n" in text


def test_new_accepts_any_capitals_for_a_listed_value_and_a_percent_sign(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    flags = [
        f
        if f not in ("primary", "Community School", "None", "12")
        else {"primary": "Primary", "Community School": "community school", "None": "none", "12": "12.5%"}[f]
        for f in ESSENTIAL_FLAGS
    ]
    code, _, err = run(capsys, "new", "a.yml", "--no-input", *flags)
    assert code == 0, err
    data = load_profile(tmp_path / "a.yml").data
    assert (data["school"]["phase"], data["school"]["type"], data["school"]["religious_character"]) == (
        "primary",
        "Community School",
        "None",
    )
    assert data["pupils"]["eal_percent"] == 12.5


def test_every_field_in_a_new_profile_has_a_comment_above_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run(capsys, "new", "a.yml", "--no-input", *ESSENTIAL_FLAGS)
    lines = (tmp_path / "a.yml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../model_policies/profile.schema.json"
    field = re.compile(r"^\s*(?:# )?(?:- )?[a-z_]+:(?: |$)")  # a field, in use or commented out
    fields = [n for n, line in enumerate(lines) if n > 4 and field.match(line)]
    for n in fields:
        above = lines[n - 1].strip()
        assert above.startswith("# ") and not field.match(lines[n - 1]), f"no comment above line {n + 1}: {lines[n]}"
    assert len(fields) >= 30  # every field of the schema, with a few of the ethnic groups


def test_uncommenting_the_optional_fields_of_a_new_profile_gives_a_valid_profile(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run(capsys, "new", "a.yml", "--no-input", *ESSENTIAL_FLAGS)
    lines = (tmp_path / "a.yml").read_text(encoding="utf-8").splitlines()
    # an optional field is a commented line holding a key or a list item; its explanation is prose
    opened = [
        re.sub(r"^(\s*)# (?=[a-z_]+:|- |  \S)", r"\1", line) if number > 5 else line
        for number, line in enumerate(lines)
    ]
    loaded = parse_yaml("\n".join(opened), "opened.yml")
    assert problems_in(loaded) == []
    for section in ("local_area", "context", "partnerships"):
        assert section in loaded.data
    assert {"ethnicity", "home_languages", "faiths"} <= set(loaded.data["pupils"])


def test_new_never_overwrites(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "a.yml"
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = run(capsys, "new", "a.yml", "--no-input", *ESSENTIAL_FLAGS)
    assert code == 2 and out == ""
    assert "exists already" in err and "never replaces" in err
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_new_refuses_a_file_name_that_cannot_be_a_web_address(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "new", "Hillside Primary.yml", "--no-input", *ESSENTIAL_FLAGS)
    assert code == 2 and "hillside-primary.yml" in err
    assert list(tmp_path.iterdir()) == []


def test_new_without_input_lists_the_missing_essentials_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "new", "a.yml", "--no-input", "--name", "Hillside")
    assert code == 2
    assert "--phase" in err and "--name" not in err.split("missing:")[1].split(".")[0]
    assert "--fsm-percent" not in err  # a figure the school may not know is not an essential it must give
    assert list(tmp_path.iterdir()) == []


def test_new_with_values_not_allowed_names_the_flags_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    flags = list(ESSENTIAL_FLAGS)
    flags[flags.index("--eal-percent") + 1] = "140"
    flags[flags.index("--number-on-roll") + 1] = "lots"
    code, _, err = run(capsys, "new", "a.yml", "--no-input", *flags, "--date-adopted", "1/9/2026")
    assert code == 2
    assert "--eal-percent: found 140; allowed: a number from 0 to 100, or not known" in err
    assert "--number-on-roll: found 'lots'; allowed: a whole number of at least 1, or not known" in err
    assert "--date-adopted: found '1/9/2026'" in err
    assert list(tmp_path.iterdir()) == []


def test_new_asks_for_the_essentials_in_a_terminal_and_asks_again_after_a_wrong_answer(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cmd_new, "stdin_is_terminal", lambda: True)
    answers = iter(
        [
            "Hillside Primary School",
            "primry",
            "primary",
            "Community School",
            "None",
            "Exampleshire",
            "Exampleton",
            "urban",
            "210",
            "140",
            "12",
            "18",
        ]
    )
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, out, _ = run(capsys, "new", "a.yml")
    assert code == 0
    assert "That answer cannot be used: found 'primry'; allowed: " in out
    assert "Did you mean 'primary'?\n  Please try again." in out
    assert (
        "That answer cannot be used: found 140; allowed: a number from 0 to 100, or not known\n  Please try again."
        in out
    )
    assert load_profile(tmp_path / "a.yml").data["pupils"]["eal_percent"] == 12


def test_new_stopped_part_way_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cmd_new, "stdin_is_terminal", lambda: True)

    def end_of_input(prompt=""):
        raise EOFError

    monkeypatch.setattr("builtins.input", end_of_input)
    code, _, err = run(capsys, "new", "a.yml")
    assert code == 2 and "Nothing was written" in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_file(tmp_path, monkeypatch):
    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("cohesion_guide.files.os.replace", broken_replace)
    with pytest.raises(OSError):
        cmd_new.write_new(tmp_path / "a.yml", "school:\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["new", "validate"])
def test_help_shows_examples_and_exit_codes(capsys, command):
    with pytest.raises(SystemExit) as done:
        cli.main([command, "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    assert "examples:" in out and f"cohesion {command} schools/" in out and "exit status:" in out


def test_new_in_a_terminal_leaves_out_a_figure_answered_blank(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cmd_new, "stdin_is_terminal", lambda: True)
    given = ["Hillside Primary School", "primary", "Community School", "None", "Exampleshire", "Exampleton", "urban"]
    answers = iter([*given, "210", "", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, out, _ = run(capsys, "new", "a.yml")
    assert code == 0 and "or leave it blank if you do not know it" in out
    assert load_profile(tmp_path / "a.yml").data["pupils"] == {"number_on_roll": 210}
