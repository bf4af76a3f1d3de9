"""What the policy builder in the browser asks of the engine: its answers checked, written as a profile,
read back from one, and made into the school's policy. Each call takes and gives JSON text.

The browser only shows questions and keeps answers. Every rule lives here and in the modules this
calls, the same ones `cohesion validate` and `cohesion policy` run; every message the builder shows
about an answer or a file is worded here (messages.py, uploads.py).

The browser keeps its state as {"answers": ..., "source": {"name", "text"} or null}: the answers, and
the profile they were read from, so that the profile downloaded again is that file with only the
changed answers changed (roundtrip.py).
"""

from __future__ import annotations

import base64
import json
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.builder import uploads
from cohesion_guide.builder.answers import answers_from, profile_data
from cohesion_guide.builder.messages import placed
from cohesion_guide.builder.questions import question_pages
from cohesion_guide.builder.roundtrip import rewritten
from cohesion_guide.documents.policy import write_policy
from cohesion_guide.errors import InvalidFile
from cohesion_guide.export import docx_base
from cohesion_guide.export.html import markdown_to_html
from cohesion_guide.inputs.profiles import problems_in, slug_for
from cohesion_guide.inputs.scaffold import scaffold
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import parse_yaml

# What the builder makes: the formats a browser can make (a PDF needs Typst, which cannot run there).
BUILDER_FORMATS = ("md", "html", "docx")
NEW_SCHOOL = "my-school"  # a file name for a school whose name gives none
MODEL_PROFILE = "model-primary-school.yml"  # the engine's own example school, which `start` runs each call on


# The calls ------------------------------------------------------------------------------------


def use_word_base(path: str) -> None:
    """Write Word files on the base the site build saved: the browser has no python-docx to make one."""
    docx_base.use_saved(Path(path).read_bytes())


def start(word_base: str, project_dir: str) -> None:
    """What the browser runs once when the engine starts, before it keeps a copy of Python's memory for
    the next visit (builder-worker.js): the saved Word base, then every call once on the model school's
    profile, so that the copy holds the compiled templates and the schemas and case studies already read.
    It runs before the first call, so no answer of the reader's is ever in that copy."""
    use_word_base(word_base)
    model = MODEL_POLICIES / MODEL_PROFILE
    text = model.read_text(encoding="utf-8")
    try:
        state_json = json.dumps(json.loads(read_profile(text, model.name))["state"])
        check(state_json)
        make_policy(state_json, project_dir)
        profile_text(state_json)
    except Exception:
        # This only saves the reader time. An authority's own templates that cannot make the model
        # school's policy must not stop the engine: its schools' calls report their own problems.
        pass


def check(state_json: str) -> str:
    """Every problem with the answers, placed on its page and question and said in plain words (with
    `cohesion validate`'s own line as "text"). A required group not answered yet counts as an empty
    one, so each of its questions is named."""
    state = uploads.state_from(state_json)
    if isinstance(state, str):
        return json.dumps([{"page": None, "target": "", "whole": True, "label": "", "message": state, "text": state}])
    answers = state["answers"]
    text, name = _profile(state)
    try:
        loaded = parse_yaml(text, name)
    except InvalidFile as err:
        return json.dumps(placed(err.problems, {}, answers, _pages()))
    if loaded.data is None:
        loaded.data = {}
    if isinstance(loaded.data, dict):
        for key in schema("profile").get("required", []):
            loaded.data.setdefault(key, {})
    return json.dumps(placed(problems_in(loaded), loaded.data, answers, _pages()))


def profile_text(state_json: str) -> str:
    """The answers as a profile: the file they were read from with the changed answers changed, or a
    new commented profile that `cohesion validate` reads and this builder reads back.
    Returns {"name": file name, "text": YAML}."""
    state = uploads.state_from(state_json)
    if isinstance(state, str):
        return json.dumps({"problem": state})
    text, name = _profile(state)
    return json.dumps({"name": name, "text": text})


def read_profile(text: str, file_name: str) -> str:
    """A profile someone uploaded (or the site's own profile of a school), as the builder's state:
    {"refused": why, in plain words} when it does not read as a profile (the browser then keeps the
    answers it has), else {"state": {"answers", "source"}, "problems": placed, "not_kept": [...],
    "answered": how many answers it gave}."""
    return json.dumps(uploads.read(text, file_name))


def make_policy(state_json: str, project_dir: str) -> str:
    """The school's policy from the answers, made exactly as `cohesion policy` makes it, with the local.yml,
    templates and case studies of `project_dir`: {"problems"} when the answers have any, else
    {"stem", "markdown", "html" (the standalone page), "fragment" (to show), "docx" (base64)}."""
    state = uploads.state_from(state_json)
    if isinstance(state, str):
        return json.dumps({"problems": [{"page": None, "target": "", "whole": True, "message": state, "text": state}]})
    text, _ = _profile(state)
    name = file_name_for(profile_data(state["answers"]))
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / name
        profile.write_text(text, encoding="utf-8")
        try:
            written = write_policy(profile, Path(project_dir), Path(work) / "out", BUILDER_FORMATS, display=name)
        except InvalidFile as err:
            data = profile_data(state["answers"])
            return json.dumps({"problems": placed(err.problems, data, state["answers"], _pages())})
        markdown = written["md"].read_text(encoding="utf-8")
        return json.dumps(
            {
                "problems": [],
                "stem": written["md"].stem,
                "markdown": markdown,
                "html": written["html"].read_text(encoding="utf-8"),
                "fragment": markdown_to_html(markdown),
                "docx": base64.b64encode(written["docx"].read_bytes()).decode("ascii"),
            }
        )


# Answers and profiles ---------------------------------------------------------------------------


def file_name_for(data: dict[str, Any]) -> str:
    school = data.get("school") if isinstance(data.get("school"), dict) else {}
    return (slug_for(str(school.get("name", ""))) or NEW_SCHOOL) + ".yml"


def _profile(state: dict[str, Any]) -> tuple[str, str]:
    """The profile's text and file name: the source file kept as it was but for the changed answers."""
    data = profile_data(state["answers"])
    source = state.get("source")
    if source:
        text = source["text"].removeprefix("\ufeff")
        old = uploads.readable(text, source["name"])
        if old is not None:
            return rewritten(text, old, data), source["name"]
    name = file_name_for(data)
    return scaffold(data, name), name


@cache
def _pages() -> list[dict]:
    return question_pages(schema("profile"))


__all__ = ["answers_from", "profile_data", "check", "profile_text", "read_profile", "make_policy", "use_word_base"]
