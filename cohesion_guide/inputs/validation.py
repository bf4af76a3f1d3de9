"""Read a YAML file keeping line numbers, check it against a JSON Schema, and say every problem plainly."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import jsonschema
import yaml

from cohesion_guide.errors import InvalidFile, Problem  # noqa: F401 (where the loaders' callers find them)

Path_ = tuple[Any, ...]  # a place in the data: keys and list positions, e.g. ("pupils", "eal_percent")


class _StringDates(yaml.SafeLoader):
    """YAML 1.1 turns 2025-09-01 into a date object; keep it as text so the schema checks its form."""


_StringDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Loaded:
    """A YAML file's data with the line each key and item starts on."""

    file: str
    data: Any
    lines: dict[Path_, int]
    problems: list[Problem] = field(default_factory=list)  # found while reading (a repeated key)

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


def load_yaml(path: Path | str, display_name: str | None = None) -> Loaded:
    """Parse a YAML file; raise InvalidFile (with the line) when it is not YAML or repeats a key."""
    path = Path(path)
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InvalidFile([Problem(name, 1, "(the whole file)", f"is not saved as UTF-8 text ({err.reason}); save it as UTF-8 and try again")]) from None
    return parse_yaml(text, name)


def load_checked(path: Path, shown: str, problems: list[Problem], check_loaded) -> Loaded:
    """Read one file and check it with `check_loaded(loaded) -> list[Problem]`; raise InvalidFile with
    every problem at once: those given (e.g. about its name), a missing file, bad YAML, its content."""
    if not Path(path).is_file():
        raise InvalidFile(problems + [Problem(shown, 1, "(the whole file)", "does not exist; check the name and the folder")])
    try:
        loaded = load_yaml(path, shown)
    except InvalidFile as err:
        raise InvalidFile(problems + err.problems) from None
    problems = problems + check_loaded(loaded)
    if problems:
        raise InvalidFile(problems)
    return loaded


def parse_yaml(text: str, name: str) -> Loaded:
    try:
        node = yaml.compose(text, Loader=_StringDates)
        data = yaml.load(text, Loader=_StringDates)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(err, "problem", None) or str(err)
        raise InvalidFile([Problem(name, line, "(the whole file)", f"this is not valid YAML: {what}. Check the indentation and that text containing ': ' is in quotes")]) from None
    lines: dict[Path_, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), lines, problems, name)
    # A repeated key is reported with the rest by check(), so one run shows every problem.
    return Loaded(name, data, lines, problems)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], problems: list[Problem], name: str) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(Problem(name, key_node.start_mark.line + 1, field_name(path + (key,)), "appears twice; keep one of them"))
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, problems, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, problems, name)


def check(loaded: Loaded, schema: dict) -> list[Problem]:
    """Every way `loaded.data` breaks `schema`, each as a Problem with its line."""
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
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
        return [problem(f"found {found}; allowed: {_allowed(schema)}.{_suggest(error.instance, error.validator_value)}")]
    if kind in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "type", "pattern", "format", "minLength", "maxLength"}:
        if kind == "format" and not schema.get("x-allowed") and error.validator_value == "date":
            return [problem(f"found {found}; allowed: a date written as YYYY-MM-DD, for example 2026-09-01")]
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
