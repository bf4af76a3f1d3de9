"""The policy builder's question pages, worked out from profile.schema.json: one page per topic, one
question per field, with the schema's own titles, descriptions and allowed values.

The browser draws each question from this description; it holds no list of fields of its own, so a
field added to the schema appears in the questions with no new JavaScript.
"""

from __future__ import annotations

from typing import Any

# Up to this many choices are shown as radio buttons; more go in a drop-down list (GOV.UK's advice).
MOST_RADIOS = 10
# Text allowed to be this long gets a box of several lines rather than a one-line field.
LONG_TEXT_FROM = 500


def question_pages(schema: dict) -> list[dict[str, Any]]:
    """Each page: its id, title and hint, and either its questions ("fields") or, for a list of
    groups such as partnerships, the questions asked about each item ("item_fields")."""
    pages: list[dict[str, Any]] = []
    for key, part in schema["properties"].items():
        _add_pages(pages, (key,), _resolved(part, schema), schema, key in schema.get("required", []), None)
    return pages


def _add_pages(pages: list, path: tuple, part: dict, root: dict, required: bool, parent_title: str | None) -> None:
    title = part.get("title") or _words(path[-1])
    if parent_title:
        title = f"{parent_title}: {title[0].lower()}{title[1:]}"
    page = {
        "id": ".".join(path),
        "path": list(path),
        "title": title,
        "hint": part.get("description", ""),
        "optional": not required,
    }
    if part.get("type") == "object":
        page["fields"] = []
        pages.append(page)
        for key, sub in part.get("properties", {}).items():
            sub = _resolved(sub, root)
            if sub.get("type") == "object":  # a group within a topic, such as ethnicity: its own page
                _add_pages(pages, path + (key,), sub, root, key in part.get("required", []), title)
            else:
                page["fields"].append(field(path + (key,), sub, key in part.get("required", [])))
        page["total"] = bool(page["fields"]) and all(f.get("suffix") == "%" for f in page["fields"])
    elif part.get("type") == "array" and part.get("items", {}).get("type") == "object":
        items = part["items"]
        page["item_fields"] = [
            field((key,), _resolved(sub, root), key in items.get("required", []))
            for key, sub in items.get("properties", {}).items()
        ]
        page["item_title"] = part.get("x-item-title") or title.rstrip("s")
        pages.append(page)
    else:  # a topic that is one answer, such as the school's context
        only = field(path, part, required)
        only["label"] = title
        page["fields"] = [only]
        pages.append(page)


def field(path: tuple, part: dict, required: bool) -> dict[str, Any]:
    """One question: where its answer goes, its label and hint, and how it is asked."""
    label = part.get("title") or _words(path[-1])
    hint = part.get("description", "")
    out: dict[str, Any] = {
        "path": list(path),
        "label": label,
        "required": required,
        # "White British, as a percentage." adds nothing to the label "White British"
        "hint": "" if hint.startswith(label + ",") else hint,
    }
    kind = part.get("type")
    if "enum" in part:
        out["widget"] = "radios" if len(part["enum"]) <= MOST_RADIOS else "select"
        out["options"] = [str(v) for v in part["enum"]]
    elif kind == "boolean":
        out["widget"], out["options"] = "radios", ["yes", "no"]
    elif kind == "array":
        out["widget"] = "lines"  # one item per line
    elif kind in ("integer", "number"):
        out["widget"] = "text"
        out["inputmode"] = "numeric" if kind == "integer" else "decimal"
        if "percentage" in part.get("description", "").lower():
            out["suffix"] = "%"
    elif kind == "string" and part.get("maxLength", 0) >= LONG_TEXT_FROM:
        out["widget"] = "textarea"
    else:
        out["widget"] = "text"
        if part.get("format") == "date" or kind == "string" and part.get("maxLength", 200) <= 20:
            out["width"] = "short"
    if kind in ("integer", "number") or isinstance(kind, list) and "integer" in kind:
        out["width"] = "short"
    if "default" in part:
        out["default"] = str(part["default"])
    return out


def _resolved(part: dict, root: dict) -> dict:
    ref = part.get("$ref")
    return root["$defs"][ref.rsplit("/", 1)[1]] if ref else part


def _words(key: str) -> str:
    """A field without a title is asked by its name: 'number_on_roll' -> 'Number on roll'."""
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:]
