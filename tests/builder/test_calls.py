"""The engine calls the browser's builder makes: answers to a profile and back, checks, and the policy."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from cohesion_guide.builder import calls
from cohesion_guide.documents import render
from cohesion_guide.documents.policy import templates_for
from cohesion_guide.export import docx_base
from cohesion_guide.inputs.validation import parse_yaml
from tests.builder.strategies import EXAMPLES, answers, example_answers
from tests.conftest import ROOT

COHESION = Path(sys.executable).parent / "cohesion"


def test_each_example_school_becomes_answers_and_the_same_profile_again():
    for path in EXAMPLES:
        data = parse_yaml(path.read_text(encoding="utf-8"), path.name).data
        assert calls.profile_data(calls.answers_from(data)) == data, path.name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_a_downloaded_profile_uploaded_again_gives_the_same_answers(given_answers):
    written = json.loads(calls.profile_text(json.dumps(given_answers)))
    read = json.loads(calls.read_profile(written["text"], written["name"]))
    assert read["problems"] == []
    assert read["answers"] == calls.answers_from(calls.profile_data(given_answers))


def test_figures_are_read_as_numbers_and_anything_else_is_kept_as_typed():
    data = calls.profile_data(
        {
            "pupils": {"number_on_roll": " 1,200 ", "eal_percent": "38.5%", "fsm_percent": "twelve"},
            "school": {"urn": "012345", "name": "  Hillside  "},
            "context": "One.  \r\n\r\nTwo.  ",
        }
    )
    assert data == {
        "school": {"name": "Hillside", "urn": "012345"},
        "pupils": {"number_on_roll": 1200, "eal_percent": 38.5, "fsm_percent": "twelve"},
        "context": "One.\n\nTwo.\n",
    }


def test_text_that_yaml_would_read_otherwise_is_quoted_in_lists_and_figures_keep_every_digit():
    given = {"pupils": {"home_languages": "0?\nyes\n- x\n: y\n@z", "eal_percent": "12.3456789"}}
    written = json.loads(calls.profile_text(json.dumps(given)))
    read = json.loads(calls.read_profile(written["text"], written["name"]))
    assert read["answers"]["pupils"] == given["pupils"]


def test_blank_answers_are_left_out_of_the_profile():
    assert (
        calls.profile_data(
            {
                "school": {"name": " "},
                "local_area": {"name": ""},
                "partnerships": [{"name": ""}],
                "pupils": {"faiths": "\n \n"},
            }
        )
        == {}
    )


def test_the_check_says_what_cohesion_validate_says_for_the_same_profile(tmp_path):
    bad = example_answers(EXAMPLES[0])
    bad["school"]["phase"] = "primry"
    bad["pupils"]["eal_percent"] = "abc"
    bad["pupils"]["ethnicity"]["white_british"] = "99"
    del bad["leads"]["staff"]
    problems = json.loads(calls.check(json.dumps(bad)))
    written = json.loads(calls.profile_text(json.dumps(bad)))
    (tmp_path / written["name"]).write_text(written["text"], encoding="utf-8")
    result = subprocess.run([str(COHESION), "validate", written["name"]], cwd=tmp_path, capture_output=True, text=True)
    cli_lines = [line for line in result.stdout.splitlines() if line.startswith(written["name"])]
    assert result.returncode == 2
    assert [p["text"] for p in problems] == cli_lines
    assert len(problems) == 4
    assert any("Did you mean 'primary'?" in p["message"] for p in problems)
    assert {tuple(p["path"]) for p in problems} >= {
        ("school", "phase"),
        ("pupils", "eal_percent"),
        ("pupils", "ethnicity"),
        ("leads", "staff"),
    }


def test_an_upload_that_is_not_yaml_names_the_file_and_the_line():
    read = json.loads(calls.read_profile("school:\n  name: [unclosed\n", "ours.yml"))
    assert read["answers"] is None
    assert read["problems"][0]["text"].startswith("ours.yml, line ")


def test_a_field_the_questions_do_not_ask_is_reported_with_a_suggestion():
    text = (ROOT / "schools" / EXAMPLES[0].name).read_text(encoding="utf-8").replace("  town:", "  twon:", 1)
    read = json.loads(calls.read_profile(text, "ours.yml"))
    assert any(p["field"] == "location.twon" and "Did you mean 'town'?" in p["message"] for p in read["problems"])


def test_field_path_reads_validations_field_names_back():
    assert calls.field_path("partnerships[3].name") == ["partnerships", 2, "name"]
    assert calls.field_path("pupils.ethnicity") == ["pupils", "ethnicity"]
    assert calls.field_path("(the whole file)") == []


def test_the_policy_is_the_one_cohesion_policy_writes(tmp_path):
    path = EXAMPLES[1]
    made = json.loads(calls.make_policy(json.dumps(example_answers(path)), str(ROOT)))
    assert made["problems"] == []
    subprocess.run(
        [str(COHESION), "policy", str(path), "-o", str(tmp_path), "--format", "md,docx", "--project", str(ROOT)],
        check=True,
        capture_output=True,
    )
    assert made["markdown"] == (tmp_path / f"{path.stem}-policy.md").read_text(encoding="utf-8")
    assert word_text(base64.b64decode(made["docx"])) == word_text((tmp_path / f"{path.stem}-policy.docx").read_bytes())


def test_the_engines_start_leaves_the_policys_template_compiled_and_policies_as_the_command_line_writes_them(
    tmp_path,
):
    base = tmp_path / "word-base.zip"
    base.write_bytes(docx_base.save(docx_base.word_base("en-GB")))
    templates = render.environment(templates_for(ROOT))
    templates.cache.clear()  # as a fresh engine has it, whatever this process made before
    calls.start(str(base), str(ROOT))
    # what the browser's copy of the engine keeps: the model school's policy was made in full
    compiled = {name for _, name in templates.cache.keys()}
    assert "policy.md.j2" in compiled
    model = calls.MODEL_POLICIES / calls.MODEL_PROFILE
    model_answers = json.dumps(calls.answers_from(parse_yaml(model.read_text(encoding="utf-8"), model.name).data))
    assert json.loads(calls.make_policy(model_answers, str(ROOT)))["problems"] == []  # so the start made it in full
    path = EXAMPLES[2]
    made = json.loads(calls.make_policy(json.dumps(example_answers(path)), str(ROOT)))
    subprocess.run(
        [str(COHESION), "policy", str(path), "-o", str(tmp_path), "--format", "md", "--project", str(ROOT)],
        check=True,
        capture_output=True,
    )
    assert made["markdown"] == (tmp_path / f"{path.stem}-policy.md").read_text(encoding="utf-8")


def test_answers_with_problems_make_no_policy():
    made = json.loads(calls.make_policy(json.dumps({"school": {"name": "Hillside"}}), str(ROOT)))
    assert set(made) == {"problems"} and made["problems"]


def word_text(data: bytes) -> dict[str, bytes]:
    """Every part of a Word file but its timestamps: what it says, and how."""
    import io
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    parts["docProps/core.xml"] = re.sub(rb"\d{4}-\d\d-\d\dT[\d:]+Z", b"(time)", parts["docProps/core.xml"])
    return parts
