"""What `validate` accepts, the build accepts: every input a build would choke on is refused here,
with the file, the line, the field and what is allowed (issue 15)."""

from __future__ import annotations

import pytest
import yaml

from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.profiles import load_profile, load_profiles
from cohesion_guide.inputs.validation import MAX_FILE_BYTES, load_yaml, parse_yaml, unusable_character
from tests.documents.test_tailoring import NEUTRAL, merge


def _problems(text: str) -> list:
    try:
        return parse_yaml(text, "schools/x.yml").problems
    except InvalidFile as err:
        return err.problems


def _profile_problems(tmp_path, text: str) -> list:
    path = tmp_path / "test-school.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFile) as err:
        load_profile(path)
    return err.value.problems


def _neutral(**changes) -> str:
    return yaml.safe_dump(merge(NEUTRAL, changes), allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize(
    "escape, what",
    [
        ("\\x07", "control character, U+0007"),
        ("\\x85", "control character, U+0085"),
        ("\\ud800", "lone surrogate"),
        ("\\ufdd0", "noncharacter, U+FDD0"),
        ("\\U0001FFFF", "noncharacter, U+1FFFF"),
    ],
)
def test_unusable_characters_are_refused_with_file_line_and_field(tmp_path, escape, what):
    text = _neutral().replace("town: Testford", f'town: "Test{escape}ford"')
    problems = _profile_problems(tmp_path, text)
    assert [(p.field, p.line) for p in problems] == [
        ("location.town", text.splitlines().index(f'  town: "Test{escape}ford"') + 1)
    ]
    assert what in problems[0].message and "Allowed:" in problems[0].message


@pytest.mark.parametrize(
    "text", ["Cantonese (粵語)", "한국어", "private \ue000 \U000f0001", "tab\tand\nnew line", "اردو 🙂"]
)
def test_any_script_and_private_use_characters_are_accepted(text):
    assert unusable_character(text) is None
    assert _problems(yaml.safe_dump({"a": text}, allow_unicode=True)) == []


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_nan_and_infinity_are_not_figures(tmp_path, value):
    problems = _profile_problems(tmp_path, _neutral().replace("eal_percent: 10", f"eal_percent: {value}"))
    assert {p.field for p in problems} == {"pupils.eal_percent"}
    assert any("not a figure" in p.message for p in problems)


def test_huge_numbers_are_refused_before_they_are_read(tmp_path):
    line = _neutral().splitlines().index("  number_on_roll: 200") + 1
    for number in ("9" * 5000, "1.0e+300", "-99999999999999"):
        problems = _profile_problems(tmp_path, _neutral().replace("number_on_roll: 200", f"number_on_roll: {number}"))
        assert problems and all((p.line, p.field) == (line, "pupils.number_on_roll") for p in problems), problems
        assert any("allowed:" in p.message for p in problems)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2200-01-01"])
def test_dates_beyond_any_review_date_are_refused(tmp_path, day):
    problems = _profile_problems(tmp_path, _neutral(document={"date_adopted": day}))
    assert [p.field for p in problems] == ["document.date_adopted"]
    assert "allowed: a date from 1900 to 2199" in problems[0].message


def test_deep_nesting_is_refused_without_a_recursion_error():
    for depth in (30, 5000):
        problems = _problems("a: " + "[" * depth + "]" * depth)
        assert len(problems) == 1 and "nested more than" in problems[0].message


def test_an_alias_bomb_is_refused_before_it_expands():
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
    problems = _problems("\n".join(bomb))
    assert [(p.line, p.field) for p in problems] == [(2, "b[1]")] and "'*a'" in problems[0].message


def test_huge_strings_and_files_are_refused(tmp_path):
    problems = _problems("a: " + "x" * 30_000)
    assert [p.field for p in problems] == ["a"] and "at most 20,000" in problems[0].message
    big = tmp_path / "big.yml"
    big.write_text("# " + "x" * MAX_FILE_BYTES + "\na: 1\n")
    with pytest.raises(InvalidFile) as err:
        load_yaml(big, "schools/big.yml")
    assert "bytes; allowed: at most" in str(err.value)


def test_a_folder_or_a_broken_link_named_yml_is_a_plain_problem(tmp_path):
    (tmp_path / "folder.yml").mkdir()
    (tmp_path / "gone.yml").symlink_to(tmp_path / "nowhere.yml")
    with pytest.raises(InvalidFile) as err:
        load_profiles(tmp_path)
    messages = {p.file.rsplit("/", 1)[-1]: p.message for p in err.value.problems}
    assert "is a folder" in messages["folder.yml"]
    assert "link to a file that does not exist" in messages["gone.yml"]


def test_a_case_study_too_large_or_not_a_file_is_a_plain_problem(tmp_path):
    from cohesion_guide.inputs.case_studies import load_case_studies

    folder = tmp_path / "case_studies"
    folder.mkdir()
    (folder / "huge.md").write_text("---\ntitle: x\n---\n" + "word " * (MAX_FILE_BYTES // 4), encoding="utf-8")
    (folder / "folder.md").mkdir()
    with pytest.raises(InvalidFile) as err:
        load_case_studies(folder)
    messages = {p.file: p.message for p in err.value.problems}
    assert "allowed: at most" in messages["case_studies/huge.md"]
    assert "is not a file" in messages["case_studies/folder.md"]


def test_a_folder_named_like_an_audit_is_a_plain_problem(tmp_path):
    from cohesion_guide.inputs.audit import load_audits

    (tmp_path / "riverside.yml").mkdir()
    with pytest.raises(InvalidFile) as err:
        load_audits(tmp_path, ["riverside"])
    assert [(p.file, p.field) for p in err.value.problems] == [("audits/riverside.yml", "(the whole file)")]
