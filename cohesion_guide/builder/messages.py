"""The builder's error messages: the problems `cohesion validate` finds, said as GOV.UK says them and
placed on the question page and the question they belong to.

Each message comes from one of the engine's own problems (the same checks, run once); which rule the
value broke is read back from the same schema, and the words from its `x-name` (the field as a
sentence names it: "the school's name"), `x-errors` (a field's own words for a rule) and examples.
One message per question, so a field is never given two limits; problems in the page's order.
"""

from __future__ import annotations

from typing import Any

import jsonschema

from cohesion_guide.builder.answers import DATE_PARTS, date_parts, understood_date
from cohesion_guide.builder.questions import field_id, resolved
from cohesion_guide.errors import Problem
from cohesion_guide.inputs.jurisdiction import nation_outside_england
from cohesion_guide.inputs.profiles import ETHNICITY_TOLERANCE, ethnicity_total
from cohesion_guide.inputs.scaffold import scalar
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import FIRST_YEAR, LAST_YEAR, unusable_character

MISSING = object()  # no value at a problem's place: the answer was left blank


def placed(problems: list[Problem], data: Any, answers: dict, pages: list[dict]) -> list[dict[str, Any]]:
    """Each problem with the page and question it belongs to and its message in plain words:
    {"field", "text" (as `cohesion validate` words it), "page", "target", "whole", "label", "message"},
    one per question, in the order of the pages and of the questions on them."""
    out: dict[str, dict[str, Any]] = {}
    for problem in problems:
        path = field_path(problem.field)
        where = _place(path, pages)
        if where is None:
            item = {"page": None, "target": "", "whole": True, "label": "", "order": (len(pages), 0, 0)}
            message = _sentence(problem.message)
        else:
            item = where
            message = plain(problem, path, where.get("question"), data, answers)
        key = item["target"] or problem.field
        if key in out:
            continue  # one message per question: the first rule it breaks
        out[key] = {"field": problem.field, "text": str(problem), "message": message, **item}
    ordered = sorted(out.values(), key=lambda p: p.pop("order"))
    for p in ordered:
        p.pop("question", None)
    return ordered


def field_path(field: str) -> list[str | int]:
    """'partnerships[3].name' -> ['partnerships', 2, 'name']: validation.field_name read back."""
    if field.startswith("("):  # (the whole file), (the file name)
        return []
    out: list[str | int] = []
    for part in field.split("."):
        name, _, rest = part.partition("[")
        if name:
            out.append(name)
        for index in filter(None, rest.replace("]", "").split("[")):
            if index.isdigit():
                out.append(int(index) - 1)
    return out


def _place(path: list, pages: list[dict]) -> dict[str, Any] | None:
    """The page and question a place in the profile is asked on (None for the whole file)."""
    if not path:
        return None
    section = None
    for n, page in enumerate(pages):
        for m, question in enumerate(page.get("fields", [])):
            if path[: len(question["path"])] == question["path"]:
                return _where(page, n, m, 0, question, question["path"])
        size = len(page["path"])
        if page.get("item_fields") and path[:size] == page["path"]:
            index = path[size] if len(path) > size and isinstance(path[size], int) else None
            for m, question in enumerate(page["item_fields"]):
                if index is not None and path[size + 1 : size + 2] == question["path"]:
                    return _where(page, n, m, index, question, [*page["path"], index, *question["path"]])
            section = section or (page, n)
        if path[:size] == page["path"] and (section is None or size > len(section[0]["path"])):
            section = (page, n)
    if section is None:
        return None
    page, n = section
    first = (page.get("fields") or [None])[0]
    return {
        "page": page["id"],
        "target": field_id(first["path"]) if first else "cc-question",
        "whole": True,
        "label": page["title"],
        "order": (n, -1, 0),
    }


def _where(page: dict, n: int, m: int, index: int, question: dict, path: list) -> dict[str, Any]:
    label = question["label"]
    if page.get("item_fields"):
        label = f"{page['item_title']} {index + 1}: {label[0].lower()}{label[1:]}"
    return {
        "page": page["id"],
        "target": field_id(path),
        "whole": False,
        "label": label,
        "order": (n, index, m),
        "question": question,
    }


def _at(data: Any, path: list) -> Any:
    for key in path:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return MISSING
    return data


def _part_at(path: list) -> dict | None:
    root = schema("profile")
    part: dict = root
    for key in path:
        part = resolved(part, root)
        if isinstance(key, int):
            part = part.get("items", {})
        elif key in part.get("properties", {}):
            part = part["properties"][key]
        else:
            return None
    return resolved(part, root)


def name_of(part: dict, question: dict | None) -> str:
    """How a sentence names the field: its `x-name`, else from its label."""
    if part.get("x-name"):
        return part["x-name"]
    label = question["label"] if question else part.get("title", "this answer")
    if question and question.get("suffix") == "%":
        return f"the percentage for {label}"
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _example(part: dict) -> str:
    examples = part.get("examples") or []
    return f", like {scalar(examples[0])}" if examples and isinstance(examples[0], (int, float, str)) else ""


def plain(problem: Problem, path: list, question: dict | None, data: Any, answers: dict) -> str:
    """The problem in GOV.UK's words for the question it is on (or its page, for a rule across the page)."""
    part = _part_at(path)
    if part is None:  # only an uploaded file can hold a field the questions do not ask
        return f"Line {problem.line} of the file has {problem.field}, which is not one of the questions, so it was not kept"
    name = name_of(_part_at(question["path"]) or part, question) if question else part.get("title", "")
    value = _at(data, path)
    widget = question.get("widget") if question else None
    if value is MISSING or value == "":
        if widget in ("radios", "select", "grouped", "checkboxes"):
            return f"Select {name}"
        if part.get("type") in ("number", "integer"):
            return f"Enter {name}{_example(part)}"
        return f"Enter {name}"
    if part.get("format") == "date":
        return _date_message(name, _at(answers, path), value)
    errors = {**(_part_at(question["path"]) or {}).get("x-errors", {}), **part.get("x-errors", {})} if question else {}
    for error in jsonschema.Draft202012Validator(part).iter_errors(value):
        if error.validator in errors:
            return errors[error.validator]
        said = _rule_broken(error.validator, error, name, part)
        if said:
            return said
    return _other_rule(problem, path, name, value)


def _rule_broken(keyword: str, error: jsonschema.ValidationError, name: str, part: dict) -> str | None:
    Name = _sentence(name)
    if keyword == "type":
        wanted = part.get("type")
        if wanted == "integer" and isinstance(error.instance, float):
            return f"Enter {name} as a whole number{_example(part)}"
        if wanted in ("integer", "number"):
            return f"Enter {name}{_example(part)}"
        return None
    if keyword == "enum":
        return f"Select {name} from the list: {scalar(error.instance)} is not one of the choices"
    if keyword in ("minimum", "maximum"):
        low, high = part.get("minimum"), part.get("maximum")
        if low is not None and high is not None:
            return f"{Name} must be between {scalar(low)} and {scalar(high)}"
        return f"{Name} must be {scalar(low)} or more" if low is not None else f"{Name} must be {scalar(high)} or less"
    if keyword == "maxLength":
        return f"{Name} must be {error.validator_value:,} characters or fewer"
    if keyword == "minLength":
        return f"Enter {name}"
    if keyword == "pattern":
        return f"Enter {name} in the form shown in the hint"
    if keyword == "uniqueItems":
        return f"{Name} has the same one twice: remove one of them"
    if keyword == "maxItems":
        return f"{Name} can have {error.validator_value} at most: remove some"
    if keyword == "minItems":
        return f"Enter {name}"
    return None


def _date_message(name: str, answer: Any, value: Any) -> str:
    Name = _sentence(name)
    parts = date_parts(answer if answer is not MISSING else value)
    found = understood_date(parts)
    if found is None:
        missing = [p for p in DATE_PARTS if not parts[p]]
        if missing and len(missing) < len(DATE_PARTS):
            return f"{Name} must include a {' and '.join(missing)}"
        if parts["year"] and parts["year"].isdigit() and len(parts["year"]) != 4:
            return "Year must include 4 numbers"
        return f"{Name} must be a real date"
    year = found[0]
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"{Name} must be between {FIRST_YEAR} and {LAST_YEAR}"
    return f"{Name} must be a real date"


def _other_rule(problem: Problem, path: list, name: str, value: Any) -> str:
    """A rule beyond the field's own schema: the engine's checks across fields and on every value."""
    Name = _sentence(name)
    character = unusable_character(value) if isinstance(value, str) else None
    if character:
        return f"{Name} has a character no document can show ({character}): remove it or type it again"
    if isinstance(value, dict) and path[-1:] == ["ethnicity"]:
        total = ethnicity_total(value)
        if total is not None:
            return (
                f"The percentages add up to {total:g}%. They can add up to 100% at most "
                f"({100 + ETHNICITY_TOLERANCE}% allows for rounding): check each one, and leave blank a group you do not know"
            )
    if path == ["school", "statutory_high_age"]:
        return f"{Name} must be the same as the youngest age of pupils, or older"
    if path[:1] == ["school"] and path[-1:] in (["type"], ["local_authority"]):
        school = value if isinstance(value, str) else ""
        where = nation_outside_england(school, "") or nation_outside_england("", school)
        if where:
            return (
                f"This looks like a school in {where}. The guide writes policies only for schools in England, "
                f"where the duty applies. If the school is in England, check {name}"
            )
    return f"{Name}: {problem.message}"
