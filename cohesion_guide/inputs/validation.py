"""Read a YAML file keeping line numbers, check it against a JSON Schema, and say every problem plainly."""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from cohesion_guide.errors import InvalidFile, Problem

Path_ = tuple[Any, ...]  # a place in the data: keys and list positions, e.g. ("pupils", "eal_percent")


class _StringDates(yaml.SafeLoader):
    """YAML 1.1 turns 2025-09-01 into a date object; keep it as text so the schema checks its form."""


_StringDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Limits on what a file may hold: far beyond any real profile, audit, case study or local.yml, and
# each well inside what every step of the build handles.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20  # groups and lists inside each other
MAX_TEXT = 20_000  # characters in one value
MAX_NUMBER = 10**12  # a number's size, either side of zero
MAX_DIGITS = 40  # characters in a number as written (a longer one cannot be read back exactly)
FIRST_YEAR, LAST_YEAR = 1900, 2199  # dates; a review date is a few years after the last of them

_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
# Tab, line feed and carriage return are ordinary text; every other control character is not.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def unusable_character(text: str) -> str | None:
    """A description of the first character in `text` that nothing can show or store (a control
    character, a noncharacter or a lone surrogate), or None when every character is usable."""
    for character in text:
        code = ord(character)
        if _CONTROL.match(character):
            what = "a control character"
        elif 0xD800 <= code <= 0xDFFF:
            what = "half of a character (a lone surrogate)"
        elif 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
            what = "a noncharacter"
        else:
            continue
        name = unicodedata.name(character, "")
        return f"{what}, U+{code:04X}{f' ({name})' if name else ''}"
    return None


def _character_problem(text: str) -> str | None:
    what = unusable_character(text)
    if what is None:
        return None
    return (
        f"contains {what}, which no document can show; remove it or type it again. "
        "Allowed: text in any language and script, with punctuation, symbols and emoji"
    )


@dataclass
class Loaded:
    """A YAML file's data with the line each key and item starts on."""

    file: str
    data: Any
    lines: dict[Path_, int]
    problems: list[Problem] = field(default_factory=list)  # found while reading (a repeated key)
    # the '# to check:' note on a value's line (what a person must confirm), by the value's place
    notes: dict[Path_, str] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the deepest part of `path` that exists in the file (1 for the file itself)."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1


def field_name(path: Path_) -> str:
    """("partnerships", 2, "name") -> "partnerships[3].name": positions counted from 1, as a person counts."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the whole file)"


_FIELD_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def field_place(name: str) -> Path_:
    """ "partnerships[3].name" -> ("partnerships", 2, "name"): field_name read back."""
    if name.startswith("("):  # (the whole file), (the file name)
        return ()
    return tuple(int(index) - 1 if index else key for key, index in _FIELD_PART.findall(name))


def load_yaml(path: Path | str, display_name: str | None = None) -> Loaded:
    """Parse a YAML file; raise InvalidFile (with the line) when it is not YAML or repeats a key."""
    name = display_name or str(path)
    return parse_yaml(read_text(Path(path), name, "Check that it is the right file, or split it"), name)


def read_text(path: Path, name: str, too_big: str) -> str:
    """A file's text, refused plainly when it is larger than MAX_FILE_BYTES (`too_big` says what to
    do) or is not UTF-8: one way in for every file the project reads."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size > MAX_FILE_BYTES:
        raise InvalidFile(
            [
                Problem(
                    name,
                    1,
                    "(the whole file)",
                    f"is {size:,} bytes; allowed: at most {MAX_FILE_BYTES:,} bytes. {too_big}",
                )
            ]
        )
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InvalidFile(
            [
                Problem(
                    name,
                    1,
                    "(the whole file)",
                    f"is not saved as UTF-8 text ({err.reason}); save it as UTF-8 and try again",
                )
            ]
        ) from None


def _not_a_file(path: Path) -> str:
    if path.is_dir():
        return "is a folder, not a file; allowed here: files only. Move the folder elsewhere or rename it so it does not end in .yml"
    if path.is_symlink():
        return "is a link to a file that does not exist; allowed here: files only. Remove the link, or point it at the file"
    return "does not exist; check the name and the folder"


def load_checked(path: Path, shown: str, problems: list[Problem], check_loaded) -> Loaded:
    """Read one file and check it with `check_loaded(loaded) -> list[Problem]`; raise InvalidFile with
    every problem at once: those given (e.g. about its name), a missing file, bad YAML, its content."""
    if not Path(path).is_file():
        raise InvalidFile(problems + [Problem(shown, 1, "(the whole file)", _not_a_file(Path(path)))])
    try:
        loaded = load_yaml(path, shown)
    except InvalidFile as err:
        raise InvalidFile(problems + err.problems) from None
    problems = problems + check_loaded(loaded)
    if problems:
        raise InvalidFile(problems)
    return loaded


def _refused_structure(text: str, name: str) -> list[Problem]:
    """What must be refused before the file is built into data: aliases (a few lines of them can
    stand for gigabytes), nesting too deep, and numbers too long to read."""
    problems: list[Problem] = []
    frames: list[list] = []  # per open group: ["map", key, next is a key] or ["seq", position]

    def place() -> Path_:
        return tuple(frame[1] for frame in frames)

    def done() -> None:  # a whole value has been read: the next node is a key, or the next item
        if frames and frames[-1][0] == "map":
            frames[-1][2] = True
        elif frames:
            frames[-1][1] += 1

    for event in yaml.parse(text, Loader=_StringDates):
        line = event.start_mark.line + 1
        is_key = bool(frames) and frames[-1][0] == "map" and frames[-1][2]
        if isinstance(event, yaml.AliasEvent):
            return [
                Problem(
                    name,
                    line,
                    field_name(place()),
                    f"uses '*{event.anchor}' to repeat another part of the file; "
                    "allowed: each value written out in full. Copy the part in place of the '*' name",
                )
            ]
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if is_key:
                frames[-1][1], frames[-1][2] = "(a group used as a name)", False
            if len(frames) >= MAX_DEPTH:
                return [
                    Problem(
                        name,
                        line,
                        field_name(place()),
                        f"has groups or lists nested more than {MAX_DEPTH} deep; "
                        "allowed: the fields the file's description lists, at their own indentation",
                    )
                ]
            frames.append(["map", None, True] if isinstance(event, yaml.MappingStartEvent) else ["seq", 0])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frames.pop()
            done()
        elif isinstance(event, yaml.ScalarEvent):
            if is_key:
                frames[-1][1], frames[-1][2] = event.value, False
                continue
            if (
                event.implicit[0]
                and len(event.value) > MAX_DIGITS
                and yaml.resolver.Resolver.resolve(_StringDates, yaml.ScalarNode, event.value, (True, False))
                in _NUMBER_TAGS
            ):
                problems.append(
                    Problem(
                        name,
                        line,
                        field_name(place()),
                        f"has a number {len(event.value):,} characters long; "
                        f"allowed: numbers of at most {MAX_DIGITS} characters",
                    )
                )
            done()
    return problems


def parse_yaml(text: str, name: str) -> Loaded:
    try:
        refused = _refused_structure(text, name)
        if refused:
            raise InvalidFile(refused)
        node = yaml.compose(text, Loader=_StringDates)
        data = yaml.load(text, Loader=_StringDates)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(err, "problem", None) or str(err)
        raise InvalidFile(
            [
                Problem(
                    name,
                    line,
                    "(the whole file)",
                    f"this is not valid YAML: {what}. Check the indentation and that text containing ': ' is in quotes",
                )
            ]
        ) from None
    lines: dict[Path_, int] = {}
    problems: list[Problem] = []
    notes: dict[Path_, str] = {}
    if node is not None:
        _walk(node, (), lines, problems, name)
        _notes(node, (), text, notes)
    # A repeated key is reported with the rest by check(), so one run shows every problem.
    return Loaded(name, data, lines, problems, notes)


# A note an import or `cohesion new` leaves after a value it could not know: "  # to check: why".
TO_CHECK = re.compile(r"^\s*:?\s*#\s*to check\b:?\s*(.*?)\s*$", re.IGNORECASE)
NOTE_WITHOUT_REASON = "marked to check"


def _rest_of_line(text: str, index: int) -> str:
    end = text.find("\n", index)
    return text[index : end if end >= 0 else len(text)]


def _note(text: str, index: int) -> str | None:
    """The reason in a '# to check:' comment that starts the text after `index` on its line, or None."""
    found = TO_CHECK.match(_rest_of_line(text, index))
    return None if found is None else (found.group(1) or NOTE_WITHOUT_REASON)


def _notes(node: yaml.Node, path: Path_, text: str, notes: dict[Path_, str]) -> None:
    """Each '# to check:' note, by the place of the value it follows: on the value's line after a
    value written on one line, or after the key of a group or list written below it."""
    if isinstance(node, yaml.MappingNode):
        entries = [(path + (key.value,), key, value) for key, value in node.value]
    elif isinstance(node, yaml.SequenceNode) and not node.flow_style:
        entries = [(path + (index,), None, item) for index, item in enumerate(node.value)]
    else:
        return
    for place, key, value in entries:
        block = isinstance(value, (yaml.MappingNode, yaml.SequenceNode)) and not value.flow_style
        after = key.end_mark.index if block and key is not None else value.end_mark.index
        if not block or key is not None:
            note = _note(text, after)
            if note is not None:
                notes[place] = note
        _notes(value, place, text, notes)


def _scalar_problems(node: yaml.ScalarNode, path: Path_, problems: list[Problem], name: str) -> None:
    """A value that validates must build: no unusable characters, no endless text, finite numbers."""
    line = node.start_mark.line + 1
    where = field_name(path)
    message = _character_problem(node.value)
    if message:
        problems.append(Problem(name, line, where, message))
    if len(node.value) > MAX_TEXT:
        problems.append(
            Problem(name, line, where, f"is {len(node.value):,} characters long; allowed: at most {MAX_TEXT:,}")
        )
    if node.tag in _NUMBER_TAGS:
        try:
            number = yaml.load(node.value, Loader=_StringDates) if len(node.value) <= MAX_DIGITS else None
        except (yaml.YAMLError, ValueError):
            number = None
        if isinstance(number, float) and not math.isfinite(number):
            problems.append(
                Problem(
                    name,
                    line,
                    where,
                    f"found '{node.value}', which is not a figure; allowed: a number such as 12 or 4.5",
                )
            )
        elif isinstance(number, (int, float)) and abs(number) > MAX_NUMBER:
            problems.append(
                Problem(
                    name,
                    line,
                    where,
                    f"found {node.value}, which is too large; allowed: numbers from -{MAX_NUMBER:,} to {MAX_NUMBER:,}",
                )
            )


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], problems: list[Problem], name: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        _scalar_problems(node, path, problems, name)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            message = _character_problem(str(key))
            if message:
                problems.append(
                    Problem(
                        name, key_node.start_mark.line + 1, field_name(path + (key,)), f"(the field's name) {message}"
                    )
                )
            if key in seen:
                problems.append(
                    Problem(
                        name, key_node.start_mark.line + 1, field_name(path + (key,)), "appears twice; keep one of them"
                    )
                )
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, problems, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, problems, name)


_FORMATS = jsonschema.FormatChecker()


@_FORMATS.checks("date")
def _is_date(value: Any) -> bool:
    """A date as YYYY-MM-DD from FIRST_YEAR to LAST_YEAR: any later and a review date cannot be worked out."""
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        return FIRST_YEAR <= date.fromisoformat(value).year <= LAST_YEAR
    except ValueError:
        return False


def _is_date_shaped(value: Any) -> bool:
    """A real date as YYYY-MM-DD, whatever its year."""
    try:
        return (
            isinstance(value, str)
            and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
            and bool(date.fromisoformat(value))
        )
    except ValueError:
        return False


def check(loaded: Loaded, schema: dict) -> list[Problem]:
    """Every way `loaded.data` breaks `schema`, each as a Problem with its line."""
    validator = jsonschema.Draft202012Validator(schema, format_checker=_FORMATS)
    problems: list[Problem] = list(loaded.problems)
    for error in validator.iter_errors(loaded.data):
        problems.extend(_describe(error, loaded))
    return sorted(set(problems))


def validate(loaded: Loaded, schema: dict) -> None:
    problems = check(loaded, schema)
    if problems:
        raise InvalidFile(problems)


def show(value: Any) -> str:
    """A value as the person typed it, shortened."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{text}'"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return str(value)


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "yes or no (true or false)",
    "array": "a list (lines starting with '- ')",
    "object": "a group of fields (indented lines of 'name: value')",
    "null": "nothing",
}


def _allowed(schema: dict) -> str:
    """What a field accepts, from the schema: an explicit hint wins."""
    if "x-allowed" in schema:
        return schema["x-allowed"]
    if "enum" in schema:
        return "one of " + ", ".join(show(v) for v in schema["enum"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(_TYPE_WORDS.get(k, k) for k in kind)
    words = _TYPE_WORDS.get(kind, "a value")
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        words += f" from {low} to {high}"
    elif low is not None:
        words += f" of at least {low}"
    return words


# Public name: the profile reference page and `cohesion new` describe a field in the same words.
allowed_text = _allowed


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word).lower(), [str(c) for c in choices], n=1, cutoff=0.6)
    if not close:
        close = [c for c in choices if str(c).lower() == str(word).lower()]
    return f" Did you mean '{close[0]}'?" if close else ""


def _describe(error: jsonschema.ValidationError, loaded: Loaded) -> list[Problem]:
    path = tuple(error.absolute_path)
    line = loaded.line_of(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    found = show(error.instance)

    def problem(message: str, at: Path_ = path) -> Problem:
        return Problem(loaded.file, loaded.line_of(at), field_name(at), message)

    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        hint = schema.get("properties", {}).get(missing, {})
        return [Problem(loaded.file, line, field_name(path + (missing,)), f"is missing; add it ({_allowed(hint)})")]
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        return [
            problem(f"is not a field here.{_suggest(key, allowed)} Allowed here: {', '.join(allowed)}", path + (key,))
            for key in extra
        ]
    if kind == "enum":
        retired = schema.get("x-retired", {}).get(error.instance) if isinstance(error.instance, str) else None
        if retired:  # a choice earlier copies of the guide offered: say what replaced it
            return [problem(f"found {found}, a choice this guide no longer offers. {retired}")]
        return [
            problem(f"found {found}; allowed: {_allowed(schema)}.{_suggest(error.instance, error.validator_value)}")
        ]
    if kind in {
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "type",
        "pattern",
        "format",
        "minLength",
        "maxLength",
    }:
        if kind == "format" and error.validator_value == "date" and _is_date_shaped(error.instance):
            return [problem(f"found {found}; allowed: a date from {FIRST_YEAR} to {LAST_YEAR}")]
        if kind == "format" and not schema.get("x-allowed") and error.validator_value == "date":
            return [
                problem(
                    f"found {found}; allowed: a date from {FIRST_YEAR} to {LAST_YEAR} written as YYYY-MM-DD, "
                    "for example 2026-09-01"
                )
            ]
        if kind == "maxLength":
            return [problem(f"is {len(error.instance)} characters long; allowed: at most {error.validator_value}")]
        if kind == "minLength" and error.validator_value == 1:
            return [problem("is empty; write something here or remove the line")]
        return [problem(f"found {found}; allowed: {_allowed(schema)}")]
    if kind in {"minItems", "maxItems"}:
        return [problem(f"has {len(error.instance)} item(s); allowed: {kind[:3]}imum {error.validator_value}")]
    if kind == "uniqueItems":
        return [problem("lists the same item twice; keep one of them")]
    return [problem(error.message)]
