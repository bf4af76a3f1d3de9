"""The engine calls the browser's builder makes: answers to a profile and back, checks, and the policy."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from cohesion_guide.builder import calls
from cohesion_guide.builder.answers import answers_from, profile_data
from cohesion_guide.documents import render
from cohesion_guide.documents.policy import templates_for
from cohesion_guide.export import docx_base
from cohesion_guide.inputs.validation import parse_yaml
from tests.builder.strategies import EXAMPLES, answers, example_answers, state
from tests.conftest import ROOT

COHESION = Path(sys.executable).parent / "cohesion"


def check(given: dict) -> list[dict]:
    return json.loads(calls.check(json.dumps(state(given))))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_a_downloaded_profile_uploaded_again_gives_the_same_answers(given_answers):
    written = json.loads(calls.profile_text(json.dumps(state(given_answers))))
    read = json.loads(calls.read_profile(written["text"], written["name"]))
    assert read["problems"] == []
    assert read["state"]["answers"] == answers_from(profile_data(given_answers))
    assert read["state"]["source"] == {"name": written["name"], "text": written["text"]}


def test_the_check_says_what_cohesion_validate_says_for_the_same_profile(tmp_path):
    bad = example_answers(EXAMPLES[0])
    bad["school"]["phase"] = "primry"
    bad["pupils"]["eal_percent"] = "abc"
    bad["pupils"]["ethnicity"]["white_british"] = "99"
    del bad["leads"]["staff"]
    problems = check(bad)
    written = json.loads(calls.profile_text(json.dumps(state(bad))))
    (tmp_path / written["name"]).write_text(written["text"], encoding="utf-8")
    result = subprocess.run([str(COHESION), "validate", written["name"]], cwd=tmp_path, capture_output=True, text=True)
    cli_lines = [line for line in result.stdout.splitlines() if line.startswith(written["name"])]
    assert result.returncode == 2
    assert sorted(p["text"] for p in problems) == sorted(cli_lines)
    assert len(problems) == 4
    assert {p["field"] for p in problems} == {"school.phase", "pupils.eal_percent", "pupils.ethnicity", "leads.staff"}


def test_each_problem_is_said_in_plain_words_on_its_page_and_question_in_the_pages_order():
    bad = example_answers(EXAMPLES[0])
    bad["leads"]["staff"] = ""
    bad["pupils"]["fsm_percent"] = "about a quarter"
    bad["school"]["name"] = ""
    bad["pupils"]["ethnicity"]["white_british"] = "99"
    found = [(p["page"], p["target"], p["message"]) for p in check(bad)]
    assert found == [
        ("school", "f-school-name", "Enter the school's name"),
        ("pupils", "f-pupils-fsm_percent", "Enter the percentage of pupils eligible for free school meals, like 23"),
        (
            "pupils.ethnicity",
            "f-pupils-ethnicity-white_british",
            "The percentages add up to 129%. They can add up to 100% at most (102% allows for rounding): "
            "check each one, and leave blank a group you do not know",
        ),
        ("leads", "f-leads-staff", "Enter the staff role that leads"),
    ]


def test_an_upload_that_is_not_yaml_is_refused_with_its_line():
    read = json.loads(calls.read_profile("school:\n  name: [unclosed\n", "ours.yml"))
    assert set(read) == {"refused"}
    assert read["refused"].startswith("Line 3 cannot be read as a profile")


def test_a_field_the_questions_do_not_ask_is_named_as_not_kept():
    text = (ROOT / "schools" / EXAMPLES[0].name).read_text(encoding="utf-8").replace("  town:", "  twon:", 1)
    read = json.loads(calls.read_profile(text, "ours.yml"))
    assert any("location.twon is not one of the questions" in line for line in read["not_kept"])
    assert [p["message"] for p in read["problems"]] == ["Enter the town, city or area"]


def test_the_policy_is_the_one_cohesion_policy_writes(tmp_path):
    path = EXAMPLES[1]
    made = json.loads(calls.make_policy(json.dumps(state(example_answers(path))), str(ROOT)))
    assert made["problems"] == []
    subprocess.run(
        [str(COHESION), "policy", str(path), "-o", str(tmp_path), "--format", "md,docx", "--project", str(ROOT)],
        check=True,
        capture_output=True,
    )
    assert made["markdown"] == (tmp_path / f"{path.stem}-policy.md").read_text(encoding="utf-8")
    assert word_text(base64.b64decode(made["docx"])) == word_text((tmp_path / f"{path.stem}-policy.docx").read_bytes())


def test_a_policy_from_an_uploaded_profile_is_made_from_that_file_as_it_is():
    path = EXAMPLES[1]
    from_file = json.loads(calls.make_policy(json.dumps(state(example_answers(path), path)), str(ROOT)))
    fresh = json.loads(calls.make_policy(json.dumps(state(example_answers(path))), str(ROOT)))
    assert from_file["markdown"] == fresh["markdown"]


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
    model_answers = json.dumps(state(answers_from(parse_yaml(model.read_text(encoding="utf-8"), model.name).data)))
    assert json.loads(calls.make_policy(model_answers, str(ROOT)))["problems"] == []  # so the start made it in full
    path = EXAMPLES[2]
    made = json.loads(calls.make_policy(json.dumps(state(example_answers(path))), str(ROOT)))
    subprocess.run(
        [str(COHESION), "policy", str(path), "-o", str(tmp_path), "--format", "md", "--project", str(ROOT)],
        check=True,
        capture_output=True,
    )
    assert made["markdown"] == (tmp_path / f"{path.stem}-policy.md").read_text(encoding="utf-8")


def test_answers_with_problems_make_no_policy():
    made = json.loads(calls.make_policy(json.dumps(state({"school": {"name": "Hillside"}})), str(ROOT)))
    assert set(made) == {"problems"} and made["problems"]
    assert all(p["message"][0].isupper() and "_" not in p["message"] for p in made["problems"])


def test_answers_kept_by_the_first_builder_are_read_as_answers():
    old = example_answers(EXAMPLES[2])
    assert json.loads(calls.check(json.dumps(old))) == check(old)


def test_an_uploaded_profile_keeps_its_values_to_check_until_the_school_changes_them(tmp_path):
    from cohesion_guide.gias.importer import import_extract
    from tests.gias.test_import import MIXED

    import_extract(MIXED, tmp_path, today="2026-09-01")
    path = tmp_path / "oakfield-academy.yml"
    read = json.loads(calls.read_profile(path.read_text(encoding="utf-8"), path.name))
    assert read["problems"] == []
    state = read["state"]  # the uploaded text is kept, its notes to check with it
    made = json.loads(calls.make_policy(json.dumps(state), str(ROOT)))
    subprocess.run(
        [str(COHESION), "policy", str(path), "-o", str(tmp_path / "cli"), "--format", "md", "--project", str(ROOT)],
        check=True,
        capture_output=True,
    )
    assert made["markdown"] == (tmp_path / "cli" / "oakfield-academy-policy.md").read_text(encoding="utf-8")
    assert "| Lead local governor | to be confirmed |" in made["markdown"]
    state["answers"]["leads"]["governor"] = "Chair of the Inclusion Committee"  # the school's own: no longer to check
    made = json.loads(calls.make_policy(json.dumps(state), str(ROOT)))
    assert "| Lead local governor | Chair of the Inclusion Committee |" in made["markdown"]
    assert "Lead local governor: to be confirmed" not in made["markdown"]
    assert "Staff lead: to be confirmed (not yet given by the school)" in made["markdown"]
    profile = json.loads(calls.profile_text(json.dumps(state)))["text"]
    assert "  staff: Headteacher  # to check: the import put a placeholder" in profile
    assert "  governor: Chair of the Inclusion Committee\n" in profile


def word_text(data: bytes) -> dict[str, bytes]:
    """Every part of a Word file but its timestamps: what it says, and how."""
    import io
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    parts["docProps/core.xml"] = re.sub(rb"\d{4}-\d\d-\d\dT[\d:]+Z", b"(time)", parts["docProps/core.xml"])
    return parts


def test_each_example_school_becomes_answers_and_the_same_profile_again():
    for path in EXAMPLES:
        data = parse_yaml(path.read_text(encoding="utf-8"), path.name).data
        assert profile_data(answers_from(data)) == data, path.name
