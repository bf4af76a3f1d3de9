"""The policy builder's question pages, worked out from profile.schema.json: one page per topic (or per
`x-pages` entry of a topic), one question per field, in the schema's own plain words.

The browser draws each question from this description; it holds no list of fields of its own, so a
field added to the schema appears in the questions with no new JavaScript. What the schema says to a
school on a question page: `title` (the label), `x-hint` (or else `description`), `x-labels` (the plain
words for each allowed value), `x-groups` (choices asked as a short question, then which one). The
saved profile keeps the value itself: for register fields, the register's exact wording.
"""

from __future__ import annotations

from typing import Any

from cohesion_guide.documents.review_cycle import DEFAULT_CYCLE
from cohesion_guide.inputs.dates import review_every

# Up to this many choices are shown as radio buttons; more go in a drop-down list (GOV.UK's advice).
MOST_RADIOS = 12
# Text allowed to be this long gets a box of several lines rather than a one-line field.
LONG_TEXT_FROM = 500
# The review cycle a profile may leave out, and what the policy then suggests (documents/review_cycle.py).
REVIEW_CYCLE = ("document", "review_cycle_years")


def question_pages(schema: dict) -> list[dict[str, Any]]:
    """Each page: its id, title and hint, and either its questions ("fields") or, for a list of
    groups such as partnerships, the questions asked about each item ("item_fields")."""
    pages: list[dict[str, Any]] = []
    for key, part in schema["properties"].items():
        _add_pages(pages, (key,), resolved(part, schema), schema, key in schema.get("required", []), None)
    return pages


def with_local_settings(pages: list[dict[str, Any]], local: dict[str, Any]) -> list[dict[str, Any]]:
    """The pages as this copy of the guide asks them: a question whose blank answer the authority's
    local.yml decides says what a blank gives here (the review cycle), never "your authority's usual one"."""
    cycle = (local.get("policies") or {}).get("review_cycle_years", DEFAULT_CYCLE)
    for page in pages:
        for question in page.get("fields", []):
            if question["path"] == list(REVIEW_CYCLE):
                # the policy states a blank's cycle as a suggestion for the governors (documents/review_cycle.py)
                blank = f"If you leave this blank, the policy suggests a review {review_every(cycle)}, for the governors to confirm."
                question["hint"] = f"{question['hint']} {blank}".strip()
    return pages


def field_id(path: list | tuple) -> str:
    """The id of a question's input on its page: ('partnerships', 0, 'name') -> 'f-partnerships-0-name'."""
    return "f-" + "-".join(str(part) for part in path)


def hint_of(part: dict) -> str:
    """What a question page says under the label: the builder's own hint, else the field's description
    (without its closing "Optional.": the label says so)."""
    if "x-hint" in part:
        return part["x-hint"]
    return part.get("description", "").removesuffix(" Optional.")


def _add_pages(pages: list, path: tuple, part: dict, root: dict, required: bool, parent_title: str | None) -> None:
    title = part.get("title") or words(path[-1])
    if parent_title:
        title = f"{parent_title}: {title[0].lower()}{title[1:]}"
    page = {
        # the page's name in the address: plain words (`x-page-id`), its place in the profile read too
        "id": part.get("x-page-id") or ".".join(path),
        "aliases": [".".join(path)] if part.get("x-page-id") else [],
        "path": list(path),
        "title": title,
        "hint": hint_of(part),
        "optional": not required,
    }
    if part.get("x-who"):
        page["who"] = part["x-who"]  # whom its percentages are of, where not the pupils
    if part.get("type") == "object":
        split = _split(page, part)
        pages += split
        groups: list[tuple] = []
        for key, sub in part.get("properties", {}).items():
            sub = resolved(sub, root)
            if sub.get("type") == "object":  # a group within a topic, such as ethnicity: its own page
                groups.append((path + (key,), sub, key in part.get("required", [])))
                continue
            home = next((p for p in split if key in p["_keys"]), split[0])
            question = field(path + (key,), sub, key in part.get("required", []))
            if not required and question["required"]:
                # A page that may be left blank as a whole (the local area): its required question is
                # needed only once another answer of its topic is given, and is shown so until then.
                question["required"], question["needed_with_topic"] = False, True
            home["fields"].append(question)
        for p in split:
            order = p.pop("_keys")
            p["fields"].sort(key=lambda f: order.index(f["path"][-1]) if f["path"][-1] in order else len(order))
            p["total"] = bool(p["fields"]) and all(f.get("suffix") == "%" for f in p["fields"])
        for sub_path, sub, sub_required in groups:
            _add_pages(pages, sub_path, sub, root, sub_required, title)
    elif part.get("type") == "array" and part.get("items", {}).get("type") == "object":
        items = part["items"]
        # an item's questions are placed by the browser, once per item: f-partnerships-0-name (field_id)
        page["item_fields"] = [
            {k: v for k, v in field((key,), resolved(sub, root), key in items.get("required", [])).items() if k != "id"}
            for key, sub in items.get("properties", {}).items()
        ]
        page["item_title"] = part.get("x-item-title") or title.rstrip("s")
        pages.append(page)
    else:  # a topic that is one answer, such as the school's context
        only = field(path, part, required)
        only["label"] = title
        page["fields"] = [only]
        pages.append(page)


def _split(page: dict, part: dict) -> list[dict]:
    """A topic's pages: one, or one per `x-pages` entry (a field no entry names goes on the first)."""
    if not part.get("x-pages"):
        return [{**page, "fields": [], "_keys": []}]
    out = []
    for entry in part["x-pages"]:
        out.append(
            {
                **page,
                "id": entry["id"],
                "title": entry["title"],
                "hint": entry.get("hint", page["hint"] if not out else ""),
                "fields": [],
                "_keys": list(entry["fields"]),
            }
        )
    return out


def field(path: tuple, part: dict, required: bool) -> dict[str, Any]:
    """One question: where its answer goes, its label and hint, and how it is asked."""
    label = part.get("title") or words(path[-1])
    hint = hint_of(part)
    out: dict[str, Any] = {
        "id": field_id(path),
        "path": list(path),
        "label": label,
        "required": required,
        # "White British, as a percentage." adds nothing to the label "White British"
        "hint": "" if hint.startswith(label + ",") else hint,
    }
    kind = part.get("type")
    items = part.get("items", {})
    if "enum" in part:
        out["options"] = options(part)
        if part.get("x-groups"):
            out["widget"] = "grouped"
            out["groups"] = [
                {"label": g["label"], "question": g.get("question", ""), "values": list(g["values"])}
                for g in part["x-groups"]
            ]
        else:
            out["widget"] = "radios" if len(part["enum"]) <= MOST_RADIOS else "select"
    elif kind == "boolean":
        out["widget"], out["options"] = "radios", [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]
    elif kind == "array" and "enum" in items:
        out["widget"] = "checkboxes"
        out["options"] = options({**items, "x-labels": part.get("x-labels", items.get("x-labels", {}))})
    elif kind == "array":
        out["widget"] = "lines"  # one item per line
    elif kind in ("integer", "number"):
        out["widget"] = "text"
        out["inputmode"] = "numeric" if kind == "integer" else "decimal"
        if "percentage" in part.get("description", "").lower():
            out["suffix"] = "%"
    elif part.get("format") == "date":
        out["widget"] = "date"
    elif kind == "string" and part.get("maxLength", 0) >= LONG_TEXT_FROM:
        out["widget"] = "textarea"
    else:
        out["widget"] = "text"
        if kind == "string" and part.get("maxLength", 200) <= 20:
            out["width"] = "short"
    if kind in ("integer", "number") or isinstance(kind, list) and "integer" in kind:
        out["width"] = "short"
    return out


def options(part: dict) -> list[dict[str, str]]:
    """Each allowed value with the words a page shows for it (the value itself where it has none)."""
    labels = part.get("x-labels", {})
    return [{"value": str(v), "label": labels.get(str(v), str(v))} for v in part["enum"]]


def resolved(part: dict, root: dict) -> dict:
    """A field's schema, its `$ref` followed; the builder's own words beside the `$ref` (a page's id or hint
    for one use of a shared group) are kept over the shared group's."""
    ref = part.get("$ref")
    if not ref:
        return part
    return {**root["$defs"][ref.rsplit("/", 1)[1]], **{k: v for k, v in part.items() if k != "$ref"}}


def words(key: str) -> str:
    """A field without a title is asked by its name: 'number_on_roll' -> 'Number on roll'."""
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]
