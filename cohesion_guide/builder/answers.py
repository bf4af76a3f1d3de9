"""The builder's answers and the profile they describe, each turned into the other.

Answers have the profile's shape, every value what was typed or chosen: text as typed; a list of
words one line per item; ticked boxes a list of values; a date its three boxes {"day", "month",
"year"}; a list of groups (partnerships) a list of such answers. A blank answer is left out of the
profile (unknown is not zero), and an answer that is not allowed is kept as typed, so that the
check says what was found.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from cohesion_guide.builder.questions import resolved
from cohesion_guide.inputs.scaffold import scalar
from cohesion_guide.inputs.schemas import schema

DATE_PARTS = ("day", "month", "year")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_NUMBERS = {name: n for n, full in enumerate(MONTHS, 1) for name in (full, full[:3])} | {"sept": 9}
# A whole date typed into one box: 20/01/2027, 20-1-2027, 20.1.2027, 20 January 2027, or 2027-01-20.
_UK_DATE = re.compile(r"^(\d{1,2})\s*[/.\- ]\s*([a-z]+|\d{1,2})\s*[/.\- ]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def profile_data(answers: dict[str, Any]) -> dict[str, Any]:
    """The profile the answers describe."""
    root = schema("profile")
    return _data(answers if isinstance(answers, dict) else {}, root, root)


def answers_from(data: dict[str, Any]) -> dict[str, Any]:
    """The answers a profile gives: what the questions show when it is uploaded."""
    root = schema("profile")
    return _answers(data, root, root)


def _data(answers: dict, part: dict, root: dict) -> dict:
    out: dict[str, Any] = {}
    for key, sub in part.get("properties", {}).items():
        sub = resolved(sub, root)
        given = answers.get(key)
        if given is None:
            continue
        if sub.get("type") == "object":
            value = _data(given, sub, root) if isinstance(given, dict) else {}
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            items = (
                [_data(i, sub["items"], root) for i in given if isinstance(i, dict)] if isinstance(given, list) else []
            )
            value = [item for item in items if item]
        elif sub.get("type") == "array":
            lines = given if isinstance(given, list) else str(given).splitlines()
            value = [line.strip() for line in map(str, lines) if line.strip()]
        elif sub.get("format") == "date":
            value = date_value(given)
        else:
            value = _value(str(given), sub)
        if value not in ({}, [], None):
            out[key] = value
    return out


def _value(typed: str, part: dict) -> Any:
    text = tidy(typed)
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


def tidy(typed: str) -> str:
    """What was typed, without the spaces around it or at the ends of its lines, as a profile keeps it."""
    lines = [line.rstrip() for line in typed.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines).strip()
    return text + "\n" if "\n" in text else text  # a block of lines ends with a line break, as YAML's does


# Dates --------------------------------------------------------------------------------------------


def date_parts(given: Any) -> dict[str, str]:
    """The three boxes of a date as typed (a date typed whole, as text, goes in the day box)."""
    if isinstance(given, dict):
        return {part: tidy(str(given.get(part) or "")) for part in DATE_PARTS}
    return {"day": tidy(str(given or "")), "month": "", "year": ""}


def understood_date(given: Any) -> tuple[int, int, int] | None:
    """(year, month, day) from the three boxes, or from a whole date typed into any one of them
    (20/01/2027, 20 January 2027, 2027-01-20); None when the boxes do not give one."""
    parts = date_parts(given)
    for text in parts.values():
        whole = _whole_date(text)
        if whole:
            return whole
    day, month, year = parts["day"], _month(parts["month"]), parts["year"]
    if day.isdigit() and month and year.isdigit() and len(year) == 4:
        return int(year), month, int(day)
    return None


def _whole_date(text: str) -> tuple[int, int, int] | None:
    text = text.strip().lower()
    iso = _ISO_DATE.match(text)
    if iso:
        return int(iso[1]), int(iso[2]), int(iso[3])
    uk = _UK_DATE.match(text)
    if uk and _month(uk[2]):
        return int(uk[3]), _month(uk[2]), int(uk[1])
    return None


def _month(text: str) -> int:
    """1 to 12 from a month's number or its English name, in full or cut to three letters (or 'sept')."""
    text = text.strip().lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else 0
    return _MONTH_NUMBERS.get(text, 0)


def date_value(given: Any) -> str | None:
    """A date's answer as the profile keeps it: YYYY-MM-DD; None when every box is blank; otherwise what
    was typed, which the check then reports (and the builder's message says which box is missing)."""
    parts = date_parts(given)
    if not any(parts.values()):
        return None
    found = understood_date(given)
    if found:
        try:
            return date(*found).isoformat()
        except ValueError:
            pass
    return "/".join(parts[p] for p in DATE_PARTS)


# Back from a profile ---------------------------------------------------------------------------------


def _answers(data: dict, part: dict, root: dict) -> dict:
    out: dict[str, Any] = {}
    for key, sub in part.get("properties", {}).items():
        if key not in data:
            continue
        sub, value = resolved(sub, root), data[key]
        if sub.get("type") == "object":
            if isinstance(value, dict):
                out[key] = _answers(value, sub, root)
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            if isinstance(value, list):
                out[key] = [_answers(item, sub["items"], root) for item in value if isinstance(item, dict)]
        elif sub.get("type") == "array" and "enum" in sub.get("items", {}):
            if isinstance(value, list):
                out[key] = [shown(v) for v in value]
        elif sub.get("type") == "array":
            if isinstance(value, list):
                out[key] = "\n".join(shown(v) for v in value)
        elif sub.get("format") == "date" and not isinstance(value, (dict, list)):
            out[key] = _date_answer(shown(value))
        elif not isinstance(value, (dict, list)):
            out[key] = shown(value)
    return out


def _date_answer(text: str) -> dict[str, str]:
    iso = _ISO_DATE.match(text)
    if iso:
        return {"day": str(int(iso[3])), "month": str(int(iso[2])), "year": iso[1]}
    return {"day": text, "month": "", "year": ""}  # read again as typed: the check says what is wrong


def shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value.strip()
    return scalar(value)
