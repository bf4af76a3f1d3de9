"""What the policy builder in the browser asks of the engine: its answers checked, written as a profile,
read back from one, and made into the school's policy. Each call takes and gives JSON text.

The browser only shows questions and keeps answers. Every rule lives here and in the modules this
calls, the same ones `cohesion validate` and `cohesion policy` run: this module only turns the
answers (what was typed, as text) into a profile and back.
"""

from __future__ import annotations

import base64
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.documents.policy import write_policy
from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.export import docx_base
from cohesion_guide.export.html import markdown_to_html
from cohesion_guide.inputs.profiles import problems_in, slug_for
from cohesion_guide.inputs.scaffold import scaffold, scalar
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import parse_yaml

# What the builder makes: the formats a browser can make (a PDF needs Typst, which cannot run there).
BUILDER_FORMATS = ("md", "html", "docx")
NEW_SCHOOL = "my-school"  # a file name for a school whose name gives none
MODEL_PROFILE = "model-primary-school.yml"  # the engine's own example school, which `start` runs each call on
FIELD_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


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
        answers_json = json.dumps(answers_from(parse_yaml(text, model.name).data))
        read_profile(text, model.name)
        check(answers_json)
        make_policy(answers_json, project_dir)
        profile_text(answers_json)
    except Exception:
        # This only saves the reader time. An authority's own templates that cannot make the model
        # school's policy must not stop the engine: its schools' calls report their own problems.
        pass


def check(answers_json: str) -> str:
    """Every problem with the answers, as `cohesion validate` words it: [{field, path, message, text}].
    A required group not answered yet counts as an empty one, so each of its questions is named."""
    text, name = _profile(json.loads(answers_json))
    try:
        loaded = parse_yaml(text, name)
    except InvalidFile as err:
        return json.dumps([_problem(p) for p in err.problems])
    if loaded.data is None:
        loaded.data = {}
    if isinstance(loaded.data, dict):
        for key in schema("profile").get("required", []):
            loaded.data.setdefault(key, {})
    return json.dumps([_problem(p) for p in problems_in(loaded)])


def profile_text(answers_json: str) -> str:
    """The answers as a profile: commented YAML that `cohesion validate` reads and this builder reads back.
    Returns {"name": file name, "text": YAML}."""
    text, name = _profile(json.loads(answers_json))
    return json.dumps({"name": name, "text": text})


def read_profile(text: str, file_name: str) -> str:
    """A profile someone uploaded: {"answers": what the questions show, "problems": as `cohesion validate`
    words them, naming the file by `file_name`}. Fields the questions do not ask are reported, not kept."""
    try:
        loaded = parse_yaml(text.removeprefix("\ufeff"), file_name)
    except InvalidFile as err:
        return json.dumps({"answers": None, "problems": [_problem(p) for p in err.problems]})
    problems = problems_in(loaded)
    answers = answers_from(loaded.data) if isinstance(loaded.data, dict) else None
    return json.dumps({"answers": answers, "problems": [_problem(p) for p in problems]})


def make_policy(answers_json: str, project_dir: str) -> str:
    """The school's policy from the answers, made exactly as `cohesion policy` makes it, with the local.yml,
    templates and case studies of `project_dir`: {"problems"} when the answers have any, else
    {"stem", "markdown", "html" (the standalone page), "fragment" (to show), "docx" (base64)}."""
    text, name = _profile(json.loads(answers_json))
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / name
        profile.write_text(text, encoding="utf-8")
        try:
            written = write_policy(profile, Path(project_dir), Path(work) / "out", BUILDER_FORMATS, display=name)
        except InvalidFile as err:
            return json.dumps({"problems": [_problem(p) for p in err.problems]})
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
# Answers have the profile's shape, every value the text that was typed: a list of words is one
# line per item, and a list of groups (partnerships) is a list of such answers.


def profile_data(answers: dict[str, Any]) -> dict[str, Any]:
    """The profile the answers describe. Blank answers are left out; a figure that is not a number
    stays as typed, so that the check says what was found and what is allowed."""
    root = schema("profile")
    return _data(answers or {}, root, root)


def answers_from(data: dict[str, Any]) -> dict[str, Any]:
    """The answers a profile gives: what the questions show when it is uploaded."""
    root = schema("profile")
    return _answers(data, root, root)


def file_name_for(data: dict[str, Any]) -> str:
    school = data.get("school") if isinstance(data.get("school"), dict) else {}
    return (slug_for(str(school.get("name", ""))) or NEW_SCHOOL) + ".yml"


def _profile(answers: dict[str, Any]) -> tuple[str, str]:
    data = profile_data(answers)
    name = file_name_for(data)
    return scaffold(data, name), name


def _problem(problem: Problem) -> dict[str, Any]:
    return {"field": problem.field, "path": field_path(problem.field), "message": problem.message, "text": str(problem)}


def field_path(field: str) -> list[str | int]:
    """'partnerships[3].name' -> ['partnerships', 2, 'name']: validation.field_name read back."""
    if field.startswith("("):  # (the whole file), (the file name)
        return []
    return [int(index) - 1 if index else key for key, index in FIELD_PART.findall(field)]


def _resolved(part: dict, root: dict) -> dict:
    ref = part.get("$ref")
    return root["$defs"][ref.rsplit("/", 1)[1]] if ref else part


def _data(answers: dict, part: dict, root: dict) -> dict:
    out: dict[str, Any] = {}
    for key, sub in part.get("properties", {}).items():
        sub = _resolved(sub, root)
        given = answers.get(key)
        if given is None:
            continue
        if sub.get("type") == "object":
            value = _data(given, sub, root) if isinstance(given, dict) else {}
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            items = (
                [_data(item, sub["items"], root) for item in given if isinstance(item, dict)]
                if isinstance(given, list)
                else []
            )
            value = [item for item in items if item]
        elif sub.get("type") == "array":
            value = [line.strip() for line in str(given).splitlines() if line.strip()]
        else:
            value = _value(str(given), sub)
        if value not in ({}, [], None):
            out[key] = value
    return out


def _value(typed: str, part: dict) -> Any:
    text = _tidy(typed)
    if not text:
        return None
    kind = part.get("type")
    if kind == "boolean":
        return {"yes": True, "no": False}.get(text.lower(), text)
    if kind in ("integer", "number"):
        figure = text.removesuffix("%").strip()
        if kind == "integer":
            figure = figure.replace(",", "")  # 1,200 pupils
        try:
            number = float(figure)
        except ValueError:
            return text
        return int(number) if number.is_integer() and (kind == "integer" or "." not in figure) else number
    return text


def _tidy(typed: str) -> str:
    """What was typed, without the spaces around it or at the ends of its lines, as a profile keeps it."""
    lines = [line.rstrip() for line in typed.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines).strip()
    return text + "\n" if "\n" in text else text  # a block of lines ends with a line break, as YAML's does


def _answers(data: dict, part: dict, root: dict) -> dict:
    out: dict[str, Any] = {}
    for key, sub in part.get("properties", {}).items():
        if key not in data:
            continue
        sub, value = _resolved(sub, root), data[key]
        if sub.get("type") == "object":
            if isinstance(value, dict):
                out[key] = _answers(value, sub, root)
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            if isinstance(value, list):
                out[key] = [_answers(item, sub["items"], root) for item in value if isinstance(item, dict)]
        elif sub.get("type") == "array":
            if isinstance(value, list):
                out[key] = "\n".join(_shown(v) for v in value)
        elif not isinstance(value, (dict, list)):
            out[key] = _shown(value)
    return out


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value.strip()
    return scalar(value)
