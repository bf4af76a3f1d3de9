"""What "Review your school's work" in the browser asks of the engine: the review's answers checked, written
as an audit, read back from one, compared with an earlier one, and made into the school's self-evaluation
pack. Each call takes and gives JSON text.

The same worker and engine zip as the policy builder run it (builder-worker.js loads this module instead
of calls.py). The browser keeps two things apart, each in its own storage and with its own delete: the
school's details (the policy builder's state, {"answers", "source"}, shared with it) and the review's
state: {"answers": the audit's answers, "source": the audit they were read from or null, "earlier": an
earlier audit to compare with ({"name", "text"}) or null}. Every message is worded here or in the modules
this calls; the pack is made by the function `cohesion self-evaluation` runs.
"""

from __future__ import annotations

import json
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.builder import audit_files, calls, uploads
from cohesion_guide.builder.answers import answers_from, profile_data
from cohesion_guide.builder.messages import placed
from cohesion_guide.builder.questions import question_pages
from cohesion_guide.builder.review_questions import ABOUT, review_pages
from cohesion_guide.documents.self_evaluation import write_self_evaluation
from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.audit import audit_schema, blank_audit, completed_by_for, practices, problems_in
from cohesion_guide.inputs.profiles import SLUG, load_profile
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import parse_yaml

MODEL_PROFILE = "model-primary-school.yml"  # the engine's own example school, which `start` makes a pack for


def use_word_base(path: str) -> None:
    """Write Word files on the base the site build saved (calls.use_word_base)."""
    calls.use_word_base(path)


def start(word_base: str, project_dir: str) -> None:
    """What the browser runs once when the engine starts, before it keeps a copy of Python's memory for the
    next visit (builder-worker.js): the Word base, then every call once on the model school and a blank
    audit of it, so that the copy holds the pack's compiled templates and the schemas, practices and case
    studies already read. It runs before the first call, so no answer of the reader's is ever in that copy."""
    use_word_base(word_base)
    try:
        school, review = model_review()
        new_review(school)
        check(review)
        audit_text(review, school)
        moved(review)
        make_pack(review, school, project_dir)
    except Exception:
        # This only saves the reader time. An authority's own templates that cannot make the model
        # school's pack must not stop the engine: each real call reports its own problems.
        pass


def model_review() -> tuple[str, str]:
    """The model school's details and a review of it read from its blank audit (every practice not yet in
    place), compared with that same audit: what `start` runs each call on."""
    profile = (MODEL_POLICIES / MODEL_PROFILE).read_text(encoding="utf-8")
    school = json.dumps({"answers": answers_from(parse_yaml(profile, MODEL_PROFILE).data), "source": None})
    audit = blank_audit(Path(MODEL_PROFILE).stem)
    read = audit_files.read(audit, MODEL_PROFILE)
    return school, json.dumps({**read["state"], "earlier": {"name": MODEL_PROFILE, "text": audit}})


# The review's answers -----------------------------------------------------------------------------


def check(review_json: str) -> str:
    """Every problem with the review's answers, placed on its page and question and said in plain words,
    with "in_summary", the words for an error summary that lists every page's problems at once. A practice
    not answered yet counts as one with no status, so that each page left blank is named."""
    review = _review(review_json)
    if isinstance(review, str):
        return json.dumps([_whole(review)])
    answers = review["answers"]
    text = _new_audit_text(answers)
    try:
        loaded = parse_yaml(text, "review")
    except InvalidFile as err:
        return json.dumps(_summarised(placed(err.problems, {}, answers, _pages(), audit_schema())))
    data = loaded.data if isinstance(loaded.data, dict) else {}
    if data.get("practices") is None:  # `practices:` with none under it
        data["practices"] = {}
    given = data["practices"]
    if isinstance(given, dict):
        for p in practices():
            given.setdefault(p.id, {})
    return json.dumps(_summarised(placed(problems_in(loaded), data, answers, _pages(), audit_schema())))


def new_review(school_json: str) -> str:
    """The answers a new review starts with: who completes it, as `cohesion audit new` names them (the school's
    staff lead, unless its details still mark that role to check): {"answers"}."""
    profile = None
    text = json.loads(calls.profile_text(school_json)).get("text")
    if text is not None:
        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / "school.yml"
            path.write_text(text, encoding="utf-8")
            try:
                profile = load_profile(path)
            except InvalidFile:
                pass  # details not finished yet: the review starts as a blank audit does
    return json.dumps({"answers": {"completed_by": completed_by_for(profile)}})


def audit_text(review_json: str, school_json: str) -> str:
    """The review as an audit file: {"name", "text"}, or {"problem"} in plain words."""
    review = _review(review_json)
    if isinstance(review, str):
        return json.dumps({"problem": review})
    name, school = _school_file(school_json)
    text, file_name = audit_files.audit_text(review, audit_files.audit_name(name), school)
    return json.dumps({"name": file_name, "text": text})


def read_audit(text: str, file_name: str) -> str:
    """An audit someone uploaded, as the review's answers: {"refused": why} (the browser keeps what it had),
    else {"state": {"answers", "source"}, "problems", "not_kept", "answered"}."""
    return json.dumps(audit_files.read(text, file_name))


def read_profile(text: str, file_name: str) -> str:
    """A profile uploaded or found on the site, as the school's details (calls.read_profile)."""
    return calls.read_profile(text, file_name)


def moved(review_json: str) -> str:
    """What moved since the earlier audit the review holds: audit_files.moved, or {"none": true}, or
    {"refused": why} when the earlier audit no longer reads as one."""
    review = _review(review_json)
    if isinstance(review, str):
        return json.dumps({"refused": review})
    earlier = review.get("earlier")
    if not earlier:
        return json.dumps({"none": True})
    data = audit_files.readable(earlier["text"], earlier["name"])
    if data is None:
        return json.dumps({"refused": f"{earlier['name']} no longer reads as an audit."})
    return json.dumps({"name": earlier["name"], **audit_files.moved(data, audit_files.audit_data(review["answers"]))})


# The pack -------------------------------------------------------------------------------------------


def make_pack(review_json: str, school_json: str, project_dir: str) -> str:
    """The school's self-evaluation pack from its details and the review, made exactly as `cohesion
    self-evaluation` makes it, with the local.yml, templates and practices of `project_dir`:
    {"problems" (the review's), "school_problems" (the school's details)} when either has any, else
    {"stem", "markdown", "html" (the page to print), "fragment" (to show), "docx" (base64), "audit" ({"name",
    "text"}: the review as a file)}."""
    review = _review(review_json)
    school = uploads.state_from(school_json)
    if isinstance(review, str) or isinstance(school, str):
        said = review if isinstance(review, str) else school
        return json.dumps({"problems": [_whole(said)], "school_problems": []})
    unanswered = json.loads(check(review_json))  # every practice answered, as the questions ask
    if unanswered:
        return json.dumps({"problems": unanswered, "school_problems": []})
    profile = json.loads(calls.profile_text(school_json))
    profile_name, school_name = _school_file(school_json)
    audit, audit_name = audit_files.audit_text(review, audit_files.audit_name(profile_name), school_name)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / profile_name).write_text(profile["text"], encoding="utf-8")
        # the file name the checks want (a slug), whatever the uploaded audit was called; messages name that
        audit_path = folder / audit_files.audit_name(profile_name)
        audit_path.write_text(audit, encoding="utf-8")
        try:
            written = write_self_evaluation(
                folder / profile_name,
                audit_path,
                Path(project_dir),
                folder / "out",
                calls.BUILDER_FORMATS,
                display=profile_name,
                audit_display=audit_name,
            )
        except InvalidFile as err:
            return json.dumps(_pack_problems(err, review, school, profile_name, audit_name))
        return json.dumps(
            {
                "problems": [],
                "school_problems": [],
                **calls.made_for_browser(written),
                "audit": {"name": audit_name, "text": audit},
            }
        )


def _pack_problems(err: InvalidFile, review: dict, school: dict, profile_name: str, audit_name: str) -> dict:
    """The problems a pack could not be made for, each placed on the builder that asks its question."""
    audit_root = audit_schema()
    in_audit = [p for p in err.problems if p.file == audit_name]
    in_profile = [p for p in err.problems if p.file == profile_name]
    elsewhere = [p for p in err.problems if p.file not in (audit_name, profile_name)]
    review_data = audit_files.audit_data(review["answers"])
    out = _summarised(placed(in_audit, review_data, review["answers"], _pages(), audit_root))
    out += [_whole(str(p)) for p in elsewhere]
    school_data = profile_data(school["answers"])
    profile_pages = question_pages(schema("profile"))
    in_school = placed(in_profile, school_data, school["answers"], profile_pages)
    for p in in_school:  # put right in the policy builder, on the page it names
        p["in_summary"] = f"Your school's details: {p['message'][:1].lower()}{p['message'][1:]}"
    return {"problems": out, "school_problems": in_school}


# Helpers ----------------------------------------------------------------------------------------------


def _review(review_json: str) -> dict[str, Any] | str:
    """The review's state, or a plain reason it cannot be read; an earlier audit kept only if it is text."""
    review = uploads.state_from(review_json)
    if isinstance(review, str):
        return review
    try:
        earlier = json.loads(review_json).get("earlier")
    except (ValueError, AttributeError, RecursionError):
        earlier = None
    ok = isinstance(earlier, dict) and isinstance(earlier.get("name"), str) and isinstance(earlier.get("text"), str)
    return {**review, "earlier": earlier if ok else None}


def _school_file(school_json: str) -> tuple[str, str]:
    """The profile's file name and the school's name, from the school's details: the name of the profile
    they were read from (riverside-primary.yml), else one made from the school's name, as the policy
    builder names a new profile. The pack's files and the audit are named after it."""
    state = uploads.state_from(school_json)
    data = profile_data(state["answers"]) if isinstance(state, dict) else {}
    source = state.get("source") if isinstance(state, dict) else None
    own = source["name"] if source else ""
    name = own if own.endswith(".yml") and SLUG.match(own.removesuffix(".yml")) else calls.file_name_for(data)
    return name, str((data.get("school") or {}).get("name", ""))


def _new_audit_text(answers: dict) -> str:
    return audit_files.new_audit(audit_files.audit_data(answers), "review.yml")


def _whole(message: str) -> dict[str, Any]:
    return {"page": None, "target": "", "whole": True, "label": "", "message": message, "text": message,
            "in_summary": message}  # fmt: skip


def _summarised(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each problem with the words an error summary of every page uses: a practice's title before its
    message, since each practice's page asks the same questions."""
    titles = {p["id"]: p["title"] for p in _pages() if p["id"] != ABOUT}
    for p in problems:
        title = titles.get(p.get("page"))
        p["in_summary"] = f"{title}: {p['message'][:1].lower()}{p['message'][1:]}" if title else p["message"]
    return problems


@cache
def _pages() -> list[dict]:
    return review_pages(audit_schema())


__all__ = [
    "use_word_base", "start", "new_review", "check", "audit_text", "read_audit", "read_profile", "moved", "make_pack",
]  # fmt: skip
