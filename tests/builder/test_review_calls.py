"""The engine calls "Review your school's work" makes in the browser: the audit's questions from its schema
and practices, answers to an audit file and back (its comments kept), plain messages, what moved between
two reviews, and the pack, which must be what `cohesion self-evaluation` writes."""

from __future__ import annotations

import base64
import difflib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from cohesion_guide.builder import audit_files, review_calls
from cohesion_guide.builder.review_questions import ABOUT, review_pages
from cohesion_guide.cli import main
from cohesion_guide.documents.action_plan import build_plan
from cohesion_guide.inputs.audit import LEAD_MEMBER_OF_STAFF, STATUS_LABELS, audit_for, practices, strands
from cohesion_guide.inputs.profiles import load_profile
from cohesion_guide.inputs.schemas import schema
from tests.builder.strategies import AUDITS, EXAMPLES, example_answers, example_review, reviews
from tests.builder.test_calls import word_text
from tests.conftest import ROOT

PAGES = review_pages()


def school(path: Path = EXAMPLES[5]) -> str:
    """The school's details as the policy builder keeps them, read from one of the example profiles."""
    return json.dumps(
        {"answers": example_answers(path), "source": {"name": path.name, "text": path.read_text("utf-8")}}
    )


def review(answers: dict, source: Path | None = None, earlier: Path | None = None) -> str:
    as_file = lambda p: {"name": p.name, "text": p.read_text("utf-8")} if p else None  # noqa: E731
    return json.dumps({"answers": answers, "source": as_file(source), "earlier": as_file(earlier)})


def check(answers: dict) -> list[dict]:
    return check_json(review(answers))


def check_json(review_json: str) -> list[dict]:
    return json.loads(review_calls.check(review_json))


def cli_pack(profile: Path, audit: Path, out: Path) -> dict[str, bytes]:
    """What `cohesion self-evaluation` writes for the profile and audit, as Markdown and Word."""
    code = main(["self-evaluation", str(profile), "--audit", str(audit), "-o", str(out), "--format", "md,docx",
                 "--project", str(ROOT)])  # fmt: skip
    assert code == 0
    return {fmt: (out / f"{profile.stem}-self-evaluation.{fmt}").read_bytes() for fmt in ("md", "docx")}


# ---- the questions ---------------------------------------------------------------------------------


def test_every_practice_is_a_page_in_its_strands_order_after_a_page_about_the_review():
    assert PAGES[0]["id"] == ABOUT
    assert [p["id"] for p in PAGES[1:]] == [p.id for p in practices()]
    assert [p["strand_title"] for p in PAGES[1:]] == [s.title for s in strands() for _ in s.practices]
    assert PAGES[1]["caption"] == f"{strands()[0].title}: practice 1 of {len(strands()[0].practices)}"


def test_each_practices_questions_are_the_schemas_in_its_order_with_its_words():
    practice = schema("audit")["$defs"]["practice"]["properties"]
    page = PAGES[1]
    assert [f["path"][-1] for f in page["fields"]] == list(practice)
    assert [f["label"] for f in page["fields"]] == [part["title"] for part in practice.values()]
    status = page["fields"][0]
    assert status["widget"] == "radios" and status["required"]
    assert [o["label"] for o in status["options"]] == list(STATUS_LABELS.values())
    assert [f["widget"] for f in page["fields"]] == ["radios", "textarea", "textarea", "text", "date"]
    # the suggested step for this practice, so that a school knows what leaving it blank means
    assert page["fields"][2]["hint"].endswith(practices()[0].action)


# ---- answers and files ---------------------------------------------------------------------------------


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews())
def test_a_downloaded_review_uploaded_again_gives_the_same_answers(answers):
    written = json.loads(review_calls.audit_text(review(answers), school()))
    assert written["name"] == "riverside-primary-audit.yml"
    read = json.loads(review_calls.read_audit(written["text"], written["name"]))
    assert read["problems"] == [] and read["not_kept"] == []
    assert read["state"]["answers"] == example_like(answers)
    assert read["answered"] == len(practices())


def example_like(answers: dict) -> dict:
    """Answers as a file gives them back: each text as a profile keeps it (tidied), dates as typed numbers."""
    from cohesion_guide.builder.answers import answers_for
    from cohesion_guide.inputs.audit import audit_schema

    return answers_for(audit_files.audit_data(answers), audit_schema())


def test_an_uploaded_review_changed_and_downloaded_again_differs_only_in_that_answer():
    path = AUDITS[5]
    read = json.loads(review_calls.read_audit(path.read_text("utf-8"), path.name))
    state = read["state"]
    state["answers"]["practices"]["global-links"] = {"status": "partly", "where": "Pen pals in Lyon"}
    written = json.loads(review_calls.audit_text(json.dumps(state), school()))
    assert written["name"] == path.name  # the file it came from, under its own name
    before, after = path.read_text("utf-8").splitlines(), written["text"].splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == ["-    status: not-yet", "+    status: partly", "+    where: Pen pals in Lyon"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "It is empty."),
        ("- a\n- b\n", "It does not hold an audit"),
        (EXAMPLES[0].read_text("utf-8"), "It is a school's profile, not an audit."),
        ("services:\n  web:\n    image: nginx\n", "It does not look like an audit"),
        ("completed_by: Head\ncompleted_by: Deputy\n", "Line 2 gives completed_by a second time"),
        ("practices: [unclosed\n", "cannot be read as an audit"),
    ],
    ids=["empty", "a list", "a profile", "another file", "a key twice", "not yaml"],
)
def test_a_file_that_is_not_an_audit_is_refused_with_a_plain_reason(text, said):
    read = json.loads(review_calls.read_audit(text, "ours.yml"))
    assert set(read) == {"refused"} and said in read["refused"]


def test_an_uploaded_review_with_problems_is_kept_and_its_problems_named_on_their_pages():
    text = (
        AUDITS[5]
        .read_text("utf-8")
        .replace("status: partly", "status: partially", 1)
        .replace("  global-links:", "  global-link:")
    )
    read = json.loads(review_calls.read_audit(text, "ours.yml"))
    assert [(p["page"], p["message"]) for p in read["problems"]] == [
        (
            "visits-other-communities",
            "Select whether this is in place from the list: partially is not one of the choices",
        )
    ]
    assert read["not_kept"] == ["Line 30: practices.global-link is not one of the questions"]


# ---- messages --------------------------------------------------------------------------------------------


def test_a_new_review_is_completed_by_the_staff_lead_unless_that_role_is_still_to_check():
    riverside = ROOT / "schools" / "riverside-primary.yml"
    started = json.loads(review_calls.new_review(school(riverside)))
    assert started == {"answers": {"completed_by": load_profile(riverside).data["leads"]["staff"]}}
    text = riverside.read_text("utf-8")
    lead = load_profile(riverside).data["leads"]["staff"]
    placeholder = text.replace(f"staff: {lead}", f"staff: {lead}  # to check: a placeholder", 1)
    assert placeholder != text
    details = json.dumps(
        {"answers": example_answers(riverside), "source": {"name": riverside.name, "text": placeholder}}
    )
    assert json.loads(review_calls.new_review(details)) == {"answers": {"completed_by": LEAD_MEMBER_OF_STAFF}}
    unfinished = json.dumps({"answers": {}, "source": None})
    assert json.loads(review_calls.new_review(unfinished)) == {"answers": {"completed_by": LEAD_MEMBER_OF_STAFF}}


def test_a_blank_review_names_each_question_left_and_each_practice_not_answered():
    found = check({})
    assert [(p["page"], p["message"]) for p in found[:3]] == [
        (ABOUT, "Enter who led the review"),
        (ABOUT, "Enter the date the review was finished"),
        (practices()[0].id, "Select whether this is in place"),
    ]
    assert len(found) == 2 + len(practices())
    # on "Check your answers", where every page's problems are listed, each says which practice it is about
    assert found[2]["in_summary"] == f"{practices()[0].title}: select whether this is in place"


def test_a_practice_in_place_needs_where_it_can_be_seen_and_a_next_step_a_real_date():
    answers = example_review(AUDITS[5])
    answers["practices"]["global-links"] = {"status": "in-place", "due": {"day": "31", "month": "2", "year": "2027"}}
    answers["practices"]["admissions"]["due"] = {"day": "", "month": "3", "year": "2027"}
    found = [(p["page"], p["target"], p["message"]) for p in check(answers)]
    assert found == [
        ("global-links", "f-practices-global-links-where", "Enter where it can be seen"),
        ("global-links", "f-practices-global-links-due", "The date for the next step must be a real date"),
        ("admissions", "f-practices-admissions-due", "The date for the next step must include a day"),
    ]


def test_the_check_says_what_cohesion_audit_validate_says_for_the_same_audit(tmp_path, capsys):
    answers = example_review(AUDITS[5])
    answers["completed_by"] = ""
    answers["practices"]["pupil-voice"]["status"] = "done"
    found = check(answers)
    written = json.loads(review_calls.audit_text(review(answers), school()))
    (tmp_path / written["name"]).write_text(written["text"], encoding="utf-8")
    assert main(["audit", "validate", str(tmp_path / written["name"])]) == 2
    said = [line.split(", ", 2)[2] for line in capsys.readouterr().out.splitlines() if line.startswith(str(tmp_path))]
    assert sorted(p["text"].split(", ", 2)[2] for p in found) == sorted(said)
    assert len(found) == 2


# ---- what moved ---------------------------------------------------------------------------------------------


def test_what_moved_since_an_earlier_review_names_each_practice_from_and_to():
    earlier = AUDITS[5]
    answers = example_review(earlier)
    answers["practices"]["global-links"]["status"] = "in-place"  # not yet -> in place
    answers["practices"]["global-links"]["where"] = "Pen pals in Lyon"
    answers["practices"]["pupil-voice"]["status"] = "partly"  # in place -> partly
    answers["completed_on"] = {"day": "4", "month": "10", "year": "2027"}
    moved = json.loads(review_calls.moved(review(answers, earlier=earlier)))
    assert (moved["earlier_on"], moved["now_on"]) == ("5 October 2026", "4 October 2027")
    assert {(c["practice"], c["from"], c["to"], c["better"]) for c in moved["changes"]} == {
        (practice_title("global-links"), "Not yet", "In place", True),
        (practice_title("pupil-voice"), "In place", "Partly in place", False),
    }
    assert moved["same"] == len(practices()) - 2
    assert json.loads(review_calls.moved(review(answers))) == {"none": True}


def practice_title(pid: str) -> str:
    return next(p.title for p in practices() if p.id == pid)


# ---- the pack ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("audit", AUDITS, ids=lambda p: p.stem)
def test_the_pack_is_what_cohesion_self_evaluation_writes_for_each_example(audit, tmp_path):
    profile = ROOT / "schools" / audit.name
    made = json.loads(review_calls.make_pack(review(example_review(audit), audit), school(profile), str(ROOT)))
    assert made["problems"] == [] and made["school_problems"] == []
    cli = cli_pack(profile, audit, tmp_path)
    assert made["markdown"].encode() == cli["md"]
    assert word_text(base64.b64decode(made["docx"])) == word_text(cli["docx"])
    assert made["stem"] == f"{profile.stem}-self-evaluation"
    assert made["audit"] == {"name": audit.name, "text": audit.read_text("utf-8")}  # nothing changed, nothing rewritten


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(answers=reviews())
def test_the_pack_is_what_cohesion_self_evaluation_writes_for_any_review(tmp_path_factory, answers):
    made = json.loads(review_calls.make_pack(review(answers), school(), str(ROOT)))
    assert made["problems"] == []
    folder = tmp_path_factory.mktemp("review")
    (folder / made["audit"]["name"]).write_text(made["audit"]["text"], encoding="utf-8")
    cli = cli_pack(EXAMPLES[5], folder / made["audit"]["name"], folder)
    assert made["markdown"].encode() == cli["md"]
    assert word_text(base64.b64decode(made["docx"])) == word_text(cli["docx"])


def test_a_review_not_finished_makes_no_pack_and_says_what_is_left():
    answers = example_review(AUDITS[5])
    del answers["practices"]["admissions"]
    made = json.loads(review_calls.make_pack(review(answers), school(), str(ROOT)))
    assert [p["in_summary"] for p in made["problems"]] == [
        f"{practice_title('admissions')}: select whether this is in place"
    ]


def test_a_problem_in_the_schools_details_is_placed_on_the_policy_builders_page():
    details = json.loads(school())
    details["answers"]["school"]["name"] = ""
    made = json.loads(review_calls.make_pack(review(example_review(AUDITS[5])), json.dumps(details), str(ROOT)))
    assert made["problems"] == []
    assert [(p["page"], p["in_summary"]) for p in made["school_problems"]] == [
        ("school", "Your school's details: enter the school's name")
    ]


def test_the_engine_starts_by_making_the_model_schools_pack_without_a_problem(tmp_path):
    from cohesion_guide.export import docx_base

    base = tmp_path / "word-base.zip"
    base.write_bytes(docx_base.save(docx_base.word_base("en-GB")))
    review_calls.start(str(base), str(ROOT))  # never raises: what it runs is checked below, call by call
    school, model = review_calls.model_review()
    assert check_json(model) == []
    assert json.loads(review_calls.moved(model))["changes"] == []
    made = json.loads(review_calls.make_pack(model, school, str(ROOT)))
    assert made["problems"] == [] and made["school_problems"] == []
    assert "Action plan" in made["markdown"] and base64.b64decode(made["docx"])[:2] == b"PK"


# ---- the audit's own new fields, in the documents ----------------------------------------------------------------


def test_a_lead_named_for_a_next_step_leads_that_action_in_the_plan():
    profile = load_profile(ROOT / "schools" / "riverside-primary.yml")
    audit = audit_for("riverside-primary", ROOT / "audits")
    entry = audit.entries["admissions"]
    led = type(audit)(audit.slug, audit.path, audit.completed_on, audit.completed_by,
                      {**audit.entries, "admissions": type(entry)(entry.status, entry.where, entry.next_step, entry.due, "Admissions officer")})  # fmt: skip
    ours = [a for a in build_plan(profile, led).actions if a.text == entry.next_step]
    assert ours and ours[0].owner == "Admissions officer"
    assert all(a.owner != "Admissions officer" for a in build_plan(profile, audit).actions)


def test_a_practice_marked_not_yet_assessed_is_the_same_as_one_left_out(tmp_path):
    text = AUDITS[5].read_text("utf-8")
    marked = text.replace("  global-links:\n    status: not-yet", "  global-links:\n    status: not-assessed")
    left_out = text.replace("  global-links:\n    status: not-yet\n", "")
    assert marked != text and left_out != text
    packs = []
    for name, body in (("marked", marked), ("left-out", left_out)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "riverside-primary.yml").write_text(body, encoding="utf-8")
        packs.append(
            cli_pack(
                ROOT / "schools" / "riverside-primary.yml", tmp_path / name / "riverside-primary.yml", tmp_path / name
            )
        )
    assert packs[0]["md"] == packs[1]["md"]
    assert b"Not yet assessed" in packs[0]["md"]
