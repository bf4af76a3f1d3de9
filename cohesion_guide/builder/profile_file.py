"""The profile the builder writes when the answers were not read from a file: a school business manager's
own record of her answers, which she may open to read, send to her local authority, or upload again.

So it says in plain words what it is, how to open it and how to use it again, holds only her answers (in
the schema's order, which is the questions' order), and gives each answer kept as a code (`phase: pru`,
`send_needs: [sld, pmld]`) the words the questions showed for it, as a note at the end of its line. It has
none of `cohesion new`'s notes for the command line. `cohesion validate` reads it like any profile, and
when it is uploaded again, its notes are kept as any file's are (roundtrip.py).
"""

from __future__ import annotations

from typing import Any

from cohesion_guide.builder.questions import resolved
from cohesion_guide.inputs.scaffold import block_safe, scalar
from cohesion_guide.inputs.schemas import schema

INDENT = "  "
HEADER = """\
# Your school's answers from "Make your school's policy" in the Community Cohesion Guide.
#
# To carry on, or to change an answer, go back to the "Make your school's policy" page, choose
# "Upload a profile" and upload this file. You can also send it to your local authority.
#
# It is a plain text file: to read it, open it with Notepad (Windows), TextEdit (Mac) or any other
# text editor. Lines that start with # are notes like this one, and the words after a # at the end
# of a line say what a coded answer means. Keep the spaces at the start of each line as they are.
"""


def profile_text(data: dict[str, Any]) -> str:
    """The answers' profile (data as the engine reads it) as the builder's plain, commented file."""
    root = schema("profile")
    lines = HEADER.splitlines() + [""]
    lines += _group(data, root, root, 0)
    return "\n".join(lines) + "\n"


def label_note(value: Any, part: dict) -> str:
    """The words the questions show for a coded answer (the schema's x-labels), as a note for the end of its
    line: "" when the value is its own words (Community School) or not one of the choices."""
    if isinstance(value, list):
        items = part.get("items", {})
        labels = part.get("x-labels", items.get("x-labels", {}))
        words = [labels.get(str(v), str(v)) for v in value]
        coded = any(w.casefold() != str(v).casefold() for w, v in zip(words, value, strict=True))
        return "; ".join(words) if coded and "enum" in items else ""
    words = part.get("x-labels", {}).get(str(value), "")
    return words if words and words.casefold() != str(value).casefold() else ""


def _group(data: dict, part: dict, root: dict, depth: int) -> list[str]:
    lines: list[str] = []
    for key, sub in part.get("properties", {}).items():
        if key in data:
            lines += _field(key, resolved(sub, root), data[key], root, depth, "")
    return lines


def _field(key: str, part: dict, value: Any, root: dict, depth: int, dash: str) -> list[str]:
    """`key: value` at `depth`; `dash` ("- ") when it is the first field of a list's item."""
    indent = INDENT * depth
    head = f"{indent[:-2]}{dash}" if dash else indent
    if isinstance(value, dict):
        return [f"{head}{key}:", *_group(value, part, root, depth + 1)]
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        lines = [f"{head}{key}:"]
        item = resolved(part.get("items", {}), root)
        for entry in value:
            fields = [k for k in item.get("properties", {}) if k in entry]
            for n, child in enumerate(fields):
                sub = resolved(item["properties"][child], root)
                lines += _field(child, sub, entry[child], root, depth + 2, "- " if n == 0 else "")
        return lines
    if isinstance(value, str) and "\n" in value and block_safe(value):
        return [f"{head}{key}: |", *[f"{indent}{INDENT}{line}".rstrip() for line in value.rstrip("\n").split("\n")]]
    note = label_note(value, part)
    return [f"{head}{key}: {scalar(value)}" + (f"  # {note}" if note else "")]
