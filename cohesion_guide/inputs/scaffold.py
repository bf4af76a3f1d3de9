"""Write a new profile as commented YAML: every field with what it is and what is allowed, from the schema."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import allowed_text, parse_yaml

WIDTH = 96
TO_CHECK = "# to check:"  # the note a value a person must confirm carries (validation.TO_CHECK reads it)
HEADER = """\
# yaml-language-server: $schema=../model_policies/profile.schema.json
# A school's profile for the Community Cohesion Guide. Each field has a comment above it saying
# what it is and what is allowed. Lines starting with '#' are comments: to use an optional field,
# remove the '# ' in front of it (keep the indentation). Check the file with:
#   cohesion validate {file}
"""


def scaffold(values: dict[str, Any], file_name: str, notes: dict[tuple, str] | None = None) -> str:
    """The text of a new profile: `values` (nested like the profile) filled in, every other field
    shown as a commented-out example. `notes` marks values a person must confirm, by their place
    (("leads", "governor")): "  # to check: <note>" after the value, which loads as Profile.unconfirmed."""
    root = schema("profile")
    lines = [HEADER.format(file=file_name).rstrip("\n")]
    for key, part in root["properties"].items():
        lines.append("")
        lines += _field(
            key,
            _resolve(part, root),
            values.get(key),
            key in root.get("required", []),
            0,
            False,
            root,
            place=(key,),
            notes=notes or {},
        )
    return "\n".join(lines) + "\n"


def _resolve(part: dict, root: dict) -> dict:
    ref = part.get("$ref")
    return root["$defs"][ref.rsplit("/", 1)[1]] if ref else part


def _example(part: dict, root: dict) -> Any:
    """A value to show, commented out, for a field that has none yet."""
    if part.get("examples"):
        return part["examples"][0]
    if part.get("enum"):
        return part["enum"][0]
    if part.get("type") == "object":
        return {
            k: _example(_resolve(s, root), root) for k, s in part["properties"].items() if k in part.get("required", [])
        }
    return part.get("default", "...")


def _comment(part: dict, required: bool, indent: str) -> list[str]:
    text = part.get("description", "")
    if "properties" not in part and part.get("type") != "array":
        text += f" Allowed: {allowed_text(part)}."
    text += " Required." if required else ""
    return textwrap.wrap(
        text,
        WIDTH - len(indent),
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}# ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def _field(
    key: str,
    part: dict,
    value: Any,
    required: bool,
    depth: int,
    commented: bool,
    root: dict,
    describe: bool = True,
    dash: bool = False,
    place: tuple = (),
    notes: dict[tuple, str] | None = None,
) -> list[str]:
    notes = notes or {}
    indent = "  " * depth
    if value is None:
        value, commented = _example(part, root), True
    lines = _comment(part, required, indent) if describe else []
    mark = "# " if commented else ""
    # the first field of a list item carries the item's dash, one level out
    head = f"{indent[:-2]}{mark}- " if dash else f"{indent}{mark}"
    if isinstance(value, dict):
        lines.append(f"{head}{key}:")
        props = {k: _resolve(s, root) for k, s in part.get("properties", {}).items()}
        hidden = _hidden(part, value)
        shown = [k for k in props if k in value or k not in hidden]
        for child in shown:
            lines += _field(
                child,
                props[child],
                value.get(child),
                child in part.get("required", []),
                depth + 1,
                commented,
                root,
                place=place + (child,),
                notes=notes,
            )
        rest = [k for k in props if k not in shown]
        if rest:
            lines += textwrap.wrap(
                "Other fields allowed here: " + ", ".join(rest) + ".",
                WIDTH - len(indent) - 2,
                initial_indent=f"{indent}  # ",
                subsequent_indent=f"{indent}  # ",
            )
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        lines.append(f"{head}{key}:")
        item = part["items"]
        for number, entry in enumerate(value):
            for index, (child, child_value) in enumerate(entry.items()):
                lines += _field(
                    child,
                    item["properties"][child],
                    child_value,
                    child in item.get("required", []),
                    depth + 2,
                    commented,
                    root,
                    describe=number == 0,
                    dash=index == 0,
                    place=place + (number, child),
                    notes=notes,
                )
    elif isinstance(value, str) and "\n" in value and block_safe(value):
        lines.append(f"{head}{key}: |")
        lines += [f"{indent}{mark}  {line}".rstrip() for line in value.rstrip("\n").split("\n")]
    else:
        note = notes.get(place) if not commented else None
        lines.append(f"{head}{key}: {scalar(value)}" + (f"  {TO_CHECK} {note}" if note else ""))
    return lines


def block_safe(text: str) -> bool:
    """Lines a YAML block (`key: |`) reads back exactly; anything else is written as one quoted line."""
    return (
        text.endswith("\n")
        and not text.endswith("\n\n")
        and text[:1] not in (" ", "\t", "\n")
        and all(line.replace("\t", " ").isprintable() and line == line.rstrip() for line in text.split("\n"))
    )


def _hidden(part: dict, value: dict) -> set[str]:
    """Of an example with only a few of many optional keys (such as ethnic groups), show those; name the rest."""
    if part.get("required") or len(part.get("properties", {})) <= 8:
        return set()
    return {k for k in part["properties"] if k not in value}


def scalar(value: Any, in_list: bool = False) -> str:
    """A value written as YAML that reads back as exactly the same value, quoted only when it must be."""
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, in_list=True) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        short = f"{value:g}"  # 27.0 -> 27, 38.5 -> 38.5; all the digits when that would round them
        return short if float(short) == value else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain_ok = text == text.strip() and "#" not in text and not any(c in text for c in "[]{},")
    if plain_ok:
        # Inside [...] more characters have a meaning (a '?', for one): check the text where it will stand.
        written, expected = (f"v: [{text}]", {"v": [text]}) if in_list else (f"v: {text}", {"v": text})
        try:
            if parse_yaml(written, "(check)").data == expected:
                return text
        except InvalidFile:
            pass
    return quoted(text)


# YAML reads these as line breaks even between double quotes, where JSON leaves them as they are.
YAML_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def quoted(text: str) -> str:
    """`text` between double quotes, read back by YAML exactly as it is (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False).translate(YAML_LINE_BREAKS)
