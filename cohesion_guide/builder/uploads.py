"""What the builder accepts as a school's answers: an uploaded profile, and the state kept in the browser.

Only a file that reads as a profile replaces the answers a browser holds. A file that does not (not
YAML, not a group of fields, a key given twice, or mostly fields a profile does not have, such as a
docker-compose file or a `school:` with thousands of keys) is refused with a plain reason, and the
browser keeps what it had. A profile with problems is accepted: its answers are shown with the
problems on their questions, and the fields it has that the questions do not ask are named as not kept.
"""

from __future__ import annotations

import json
from typing import Any

from cohesion_guide.builder.answers import answers_from
from cohesion_guide.builder.messages import field_path, placed
from cohesion_guide.builder.questions import question_pages, resolved
from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.profiles import problems_in
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import MAX_FILE_BYTES, Loaded, field_name, parse_yaml

TWICE = "appears twice"  # validation's words for a key given twice


def read(text: str, file_name: str) -> dict[str, Any]:
    """{"refused": why} or {"state", "problems", "not_kept", "answered"} (calls.read_profile)."""
    if not isinstance(text, str) or not isinstance(file_name, str):
        return {"refused": "It could not be read as text."}
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        return {"refused": f"It is {size / 1_000_000:.1f} MB: a school's profile is far smaller (at most 1 MB)."}
    text = text.removeprefix("\ufeff")
    try:
        loaded = parse_yaml(text, file_name)
    except InvalidFile as err:
        first = err.problems[0]
        return {"refused": f"Line {first.line} cannot be read as a profile: {first.message}."}
    refused = _not_a_profile(loaded)
    if refused:
        return {"refused": refused}
    root = schema("profile")
    unknown = _unknown_fields(loaded.data, root, root, ())
    answers = answers_from(loaded.data)
    problems = [p for p in problems_in(loaded) if tuple(field_path(p.field)) not in unknown]
    pages = question_pages(root)
    return {
        "state": {"answers": answers, "source": {"name": file_name, "text": text}},
        "problems": placed(problems, loaded.data, answers, pages),
        "not_kept": [
            f"Line {loaded.line_of(path)}: {field_name(path)} is not one of the questions"
            for path in sorted(unknown, key=str)
        ],
        "answered": _count(answers),
    }


def _not_a_profile(loaded: Loaded) -> str | None:
    """Why a parsed file is not a school's profile (None when it is one, whatever its problems)."""
    data = loaded.data
    if data is None:
        return "It is empty."
    if not isinstance(data, dict):
        return "It does not hold a school's answers: a profile has groups such as school: and pupils:, each at the start of a line."
    twice = [p for p in loaded.problems if p.message.startswith(TWICE)]
    if twice:
        return (
            f"Line {twice[0].line} gives {twice[0].field} a second time, so it is not clear which answer is right. "
            "Keep one of them and upload it again."
        )
    root = schema("profile")
    if not set(data) & set(root["properties"]):
        return "It does not look like a school's profile: it has none of a profile's groups, such as school:, location: or pupils:."
    unknown = _unknown_fields(data, root, root, ())
    known = _count_known(data, root, root)
    if len(unknown) > known:
        return (
            f"It does not look like a school's profile: {len(unknown):,} of its {len(unknown) + known:,} fields "
            "are not a profile's."
        )
    return None


def _unknown_fields(data: Any, part: dict, root: dict, path: tuple) -> set[tuple]:
    """The places in the data whose field the profile does not have."""
    out: set[tuple] = set()
    part = resolved(part, root)
    if isinstance(data, dict) and part.get("type", "object") == "object" and "properties" in part:
        for key, value in data.items():
            if key in part["properties"]:
                out |= _unknown_fields(value, part["properties"][key], root, path + (key,))
            else:
                out.add(path + (key,))
    elif isinstance(data, list) and isinstance(part.get("items"), dict):
        for index, item in enumerate(data):
            out |= _unknown_fields(item, part["items"], root, path + (index,))
    return out


def _count_known(data: Any, part: dict, root: dict) -> int:
    part = resolved(part, root)
    if isinstance(data, dict) and "properties" in part:
        return sum(1 + _count_known(v, part["properties"][k], root) for k, v in data.items() if k in part["properties"])
    if isinstance(data, list) and isinstance(part.get("items"), dict):
        return sum(_count_known(item, part["items"], root) for item in data)
    return 0


def _count(answers: Any) -> int:
    """How many answers: each field given, in groups and in each partnership."""
    if isinstance(answers, dict):
        return sum(_count(v) for v in answers.values())
    if isinstance(answers, list) and answers and all(isinstance(a, dict) for a in answers):
        return sum(_count(a) for a in answers)
    return 1 if answers not in ("", [], None) else 0


def state_from(state_json: str) -> dict[str, Any] | str:
    """The state a browser sends: {"answers": {...}, "source": {"name", "text"} or None}. Answers alone
    (as the first builder kept them) are read as such. Anything else gets a plain reason (str)."""
    try:
        state = json.loads(state_json)
    except (ValueError, TypeError, RecursionError):
        return "The answers could not be read."
    if isinstance(state, dict) and "answers" in state:
        answers, source = state.get("answers"), state.get("source")
    else:
        answers, source = state, None
    if not isinstance(answers, dict):
        return "The answers could not be read: they are not a school's answers."
    if not (isinstance(source, dict) and isinstance(source.get("name"), str) and isinstance(source.get("text"), str)):
        source = None
    return {"answers": answers, "source": source}


def readable(text: str, name: str) -> Any:
    """The data of a source profile kept in the browser, or None when it no longer reads as a profile
    (its answers are then written as a new profile)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        return None
    try:
        loaded = parse_yaml(text, name)
    except InvalidFile:
        return None
    return None if _not_a_profile(loaded) else loaded.data
