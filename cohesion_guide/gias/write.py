"""The text of an imported profile: a new file with its marker, or an edited file with only its register fields refreshed."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from cohesion_guide.documents.review_cycle import DEFAULT_CYCLE
from cohesion_guide.gias.map import REGISTER_FIELDS, V1_FIELDS, Mapped, Path_
from cohesion_guide.inputs.dates import long_date
from cohesion_guide.inputs.governance import ACADEMY, PRU, type_group
from cohesion_guide.inputs.scaffold import TO_CHECK, quoted, scalar


class _FastStringDates(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's loader (many times faster, for imports of thousands of files), keeping dates as text as the
    project's own loader does. Only for checks here; messages about a file come from validation.load_yaml."""


_FastStringDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_fast(text: str) -> Any:
    """The data in a YAML text; raises yaml.YAMLError."""
    return yaml.load(text, Loader=_FastStringDates)


@lru_cache(maxsize=8192)  # the same types, phases and towns come up thousands of times
def _scalar(value: Any) -> str:
    """profile_scaffold.scalar's rule (plain when it reads back the same, else quoted), tried with libyaml first."""
    if isinstance(value, str):
        try:
            plain_ok = value == value.strip() and not any(c in value for c in "#[]{},")
            if plain_ok and load_fast(f"v: {value}") == {"v": value}:
                return value
        except yaml.YAMLError:
            pass
        return quoted(value)
    return scalar(value)


NOTE = TO_CHECK
MARKER_VERSION = "v2"
# v1 markers (the first version of the import) fingerprint fewer fields: map.V1_FIELDS.
MARKER = re.compile(
    r"^# import-gias (?P<version>v[12]) urn=(?P<urn>\d{6}) on=(?P<on>[\d-]+) fields=(?P<fields>[0-9a-f.]+)[^\n]*$",
    re.M,
)
KEEP_MARKER = "# (leave the next line as it is: a later import reads it to keep your changes)"

# Fields the register cannot give: a placeholder that validates, marked to check (so no document
# states it), and what to put instead. The leads and the body that approves fit the kind of school.
PLACEHOLDER = "the import put a placeholder"
PLACEHOLDERS: list[tuple[Path_, Any, str]] = [
    (("leads", "governor"), "Chair of governors", f"{PLACEHOLDER}: put the governing body role that leads this work"),
    (("leads", "staff"), "Headteacher", f"{PLACEHOLDER}: put the staff role that leads this work"),
    (("document", "approved_by"), "Full governing body", f"{PLACEHOLDER}: put who approves the policy"),
    (("document", "date_adopted"), None, "the date of the import: put the date the governors adopt the policy"),
    # marked, so the command line warns of it like the rest: left out, nothing told the school to set it (fourth
    # cold read, N8); until it is confirmed the policy suggests local.yml's cycle, saying whose suggestion it is
    (
        ("document", "review_cycle_years"),
        DEFAULT_CYCLE,
        f"{PLACEHOLDER}: put how many years (1, 2 or 3) the governors leave between reviews of the policy",
    ),
]
# An academy's local governing body adopts the policy for the trust's board (which answers for it);
# a pupil referral unit's management committee adopts its own.
KIND_PLACEHOLDERS: dict[str, dict[Path_, str]] = {
    ACADEMY: {
        ("leads", "governor"): "Chair of the local governing body",
        ("document", "approved_by"): "Local governing body",
    },
    PRU: {
        ("leads", "governor"): "Chair of the management committee",
        ("document", "approved_by"): "Management committee",
    },
}


def placeholders(school_type: str) -> list[tuple[Path_, Any, str]]:
    """PLACEHOLDERS as they fit a type of establishment."""
    fitted = KIND_PLACEHOLDERS.get(type_group(school_type), {})
    return [(path, fitted.get(path, value), note) for path, value, note in PLACEHOLDERS]


def _plain(value: Any) -> Any:
    """A value as compared between imports: 46 and 46.0 are the same figure; mappings in key order."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in sorted(value.items())}
    return value


def field_hash(value: Any) -> str:
    return hashlib.sha256(json.dumps(_plain(value), sort_keys=True).encode()).hexdigest()[:8]


def marker(mapped: Mapped, today: str) -> str:
    hashes = ".".join(field_hash(mapped.fields.get(path)) for path in REGISTER_FIELDS)
    return f"# import-gias {MARKER_VERSION} urn={mapped.urn} on={today} fields={hashes}"


@dataclass(frozen=True)
class Marker:
    urn: str
    hashes: dict[Path_, str]


def read_marker(text: str) -> Marker | None:
    """The marker an import left in a file, or None for a file a person wrote (or whose marker was changed).
    A v1 marker's file has none of the fields added since: as if the register had given nothing for them."""
    found = MARKER.search(text)
    if not found:
        return None
    fields = V1_FIELDS if found["version"] == "v1" else REGISTER_FIELDS
    hashes = found["fields"].split(".")
    if len(hashes) != len(fields):
        return None
    absent = field_hash(None)
    return Marker(found["urn"], {path: absent for path in REGISTER_FIELDS} | dict(zip(fields, hashes, strict=True)))


def _written(value: Any) -> str:
    """A value as the file writes it: a list (of needs) in [...], anything else by _scalar."""
    return scalar(value) if isinstance(value, list) else _scalar(value)


def _line(key: str, value: Any, indent: int, note: str = "") -> str:
    return " " * indent + f"{key}: {_written(value)}" + (f"  {NOTE} {note}" if note else "")


def _block(key: str, mapping: dict[str, Any], indent: int) -> list[str]:
    return [" " * indent + f"{key}:"] + [_line(k, v, indent + 2) for k, v in mapping.items()]


def new_profile(mapped: Mapped, today: str) -> str:
    """A whole new profile for a school: register fields, marked placeholders for the rest, and the marker."""
    lines = [
        f"# {mapped.name}",
        "# A profile made from the national register of schools, Get Information About Schools (GIAS),",
        f"# by `cohesion import-gias` on {long_date(today)}.",
        "#",
        "# The fields under school, location and pupils come from the register (and the school census,",
        "# when it was given). Importing a newer extract refreshes them, but a field you have changed is",
        "# kept as you left it. Everything else is yours: leads and document hold placeholders until you",
        f"# change them. Lines marked '{NOTE}' need a person to check them before the policy is adopted.",
        KEEP_MARKER,
        marker(mapped, today),
    ]
    sections: dict[str, list[Path_]] = {}
    for path in REGISTER_FIELDS:
        sections.setdefault(path[0], []).append(path)
    for section, paths in sections.items():
        lines.append(f"{section}:")
        for path in paths:
            value = mapped.fields.get(path)
            if isinstance(value, dict):
                lines += _block(path[1], value, 2)
            elif value is not None:
                lines.append(_line(path[1], value, 2, mapped.notes.get(path, "")))
    section = None
    for path, value, note in placeholders(mapped.fields[("school", "type")]):
        if path[0] != section:
            section = path[0]
            lines.append(f"{section}:")
        lines.append(_line(path[1], today if value is None else value, 2, note))
    return "\n".join(lines) + "\n"


@dataclass
class Update:
    """What a re-import did to an existing imported file."""

    text: str | None  # the new text, or None when nothing may be written
    changed: list[Path_] = field(default_factory=list)  # register fields refreshed
    kept: list[tuple[Path_, Any, Any]] = field(default_factory=list)  # (field, your value, the register's value)
    blocked: list[tuple[Path_, Any, Any]] = field(default_factory=list)  # the same, where its layout stopped an edit
    problem: str = ""  # why the file was left as it is


def _children(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _last_line(node: yaml.Node) -> int:
    """The last line (0-based) a block node's own text is on."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_line(node.value[-1])
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


class _Text:
    """Edits by position in the original text, applied together at the end."""

    def __init__(self, text: str):
        self.text = text if text.endswith("\n") else text + "\n"
        self.starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.edits: list[tuple[int, int, str]] = []

    def line_start(self, line: int) -> int:
        return self.starts[min(line, len(self.starts) - 1)]

    def result(self) -> str:
        out = self.text
        for start, end, new in sorted(self.edits, reverse=True):
            out = out[:start] + new + out[end:]
        return out


def _simple_scalar(node: yaml.Node) -> bool:
    """A value written on one line that the import can replace in place: text, a number, or a list in [...]."""
    one_line = node.start_mark.line == node.end_mark.line
    if isinstance(node, yaml.SequenceNode):
        return node.flow_style and one_line
    return isinstance(node, yaml.ScalarNode) and node.style in (None, "'", '"') and one_line


def _plan_edit(doc: _Text, root: yaml.MappingNode, path: Path_, value: Any, note: str) -> bool:
    """Add the edit that sets `path` to `value` (None removes it); False when it cannot be done safely."""
    parent_entry = _children(root).get(path[0])
    if not parent_entry or not isinstance(parent_entry[1], yaml.MappingNode) or parent_entry[1].flow_style:
        return False
    parent = parent_entry[1]
    entries = _children(parent)
    indent = parent.value[0][0].start_mark.column if parent.value else 2
    if path[1] in entries:
        key, node = entries[path[1]]
        first, last = doc.line_start(key.start_mark.line), doc.line_start(_last_line(node) + 1)
        if value is None:
            doc.edits.append((first, last, ""))
            return True
        if isinstance(value, dict):
            if not isinstance(node, (yaml.MappingNode, yaml.ScalarNode)) or getattr(node, "flow_style", False):
                return False
            if isinstance(node, yaml.ScalarNode) and node.value:
                return False
            doc.edits.append((first, last, "\n".join(_block(path[1], value, indent)) + "\n"))
            return True
        if not _simple_scalar(node):
            return False
        start, end = node.start_mark.index, node.end_mark.index
        eol = doc.line_start(node.end_mark.line + 1) - 1
        rest = doc.text[end:eol].strip()
        if not rest or rest.startswith(NOTE):  # the import's own note goes or changes with the value
            doc.edits.append((start, eol, _written(value) + (f"  {NOTE} {note}" if note else "")))
        else:  # a person's comment stays
            doc.edits.append((start, end, _written(value)))
        return True
    if value is None:
        return True
    # a new key goes after the register field before it, or at the end of its section
    before = [p[1] for p in REGISTER_FIELDS[: REGISTER_FIELDS.index(path)] if p[0] == path[0] and p[1] in entries]
    after_node = entries[before[-1]][1] if before else parent.value[-1][1]
    at = doc.line_start(_last_line(after_node) + 1)
    new = _block(path[1], value, indent) if isinstance(value, dict) else [_line(path[1], value, indent, note)]
    doc.edits.append((at, at, "\n".join(new) + "\n"))
    return True


def _current(data: Any, path: Path_) -> Any:
    section = data.get(path[0]) if isinstance(data, dict) else None
    return section.get(path[1]) if isinstance(section, dict) else None


def update_profile(text: str, found: Marker, mapped: Mapped, today: str) -> Update:
    """Refresh the register fields the register has changed and a person has not; keep everything else."""
    if all(field_hash(mapped.fields.get(path)) == found.hashes[path] for path in REGISTER_FIELDS):
        return Update(text)  # the register has changed nothing since the last import: nothing to read or write
    try:
        data = load_fast(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # the pure-Python nodes: their marks count characters
    except yaml.YAMLError as err:
        return Update(
            None,
            problem=f"it is not valid YAML now ({str(err).splitlines()[0]}); fix it, or delete it to import the school afresh",
        )
    if not isinstance(root, yaml.MappingNode):
        return Update(
            None, problem="it no longer holds a profile's fields; fix it, or delete it to import the school afresh"
        )
    doc, update = _Text(text), Update(None)
    for path in REGISTER_FIELDS:
        new = mapped.fields.get(path)
        if field_hash(new) == found.hashes[path]:
            continue  # the register has not changed this field since the last import
        current = _current(data, path)
        if field_hash(current) == field_hash(new):
            continue  # a person already put in what the register now says
        if field_hash(current) != found.hashes[path]:
            update.kept.append((path, current, new))  # a person changed it: their value wins
        elif _plan_edit(doc, root, path, new, mapped.notes.get(path, "")):
            update.changed.append(path)
        else:
            update.blocked.append((path, current, new))
    edited = MARKER.sub(lambda _: marker(mapped, today), doc.result(), count=1)
    if not _only_changed(data, edited, {path: mapped.fields.get(path) for path in update.changed}):
        return Update(
            None,
            kept=update.kept,
            blocked=update.blocked,
            problem="its layout is unusual, so the register's changes could not "
            "be put in without touching other lines; make them by hand: "
            + ", ".join(f"{'.'.join(p)}: {mapped.fields.get(p)!r}" for p in update.changed),
        )
    update.text = edited
    return update


def _only_changed(before: dict, edited: str, changes: dict[Path_, Any]) -> bool:
    """The edited text holds exactly the old data with `changes` made: a check on the text surgery above."""
    try:
        after = load_fast(edited)
    except yaml.YAMLError:
        return False
    expected = json.loads(json.dumps(before, default=str))
    for (section, key), value in changes.items():
        if value is None:
            expected[section].pop(key, None)
        else:
            expected[section][key] = value
    return _plain(expected) == _plain(json.loads(json.dumps(after, default=str)))
