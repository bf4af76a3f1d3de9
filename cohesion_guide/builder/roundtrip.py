"""A profile the builder read, written again with only the changed answers changed: its comments, key
order, quoting and layout kept (ruamel.yaml, pure Python, so the browser runs it too).

The new data is laid over the old file's tree: a value that did not change is not touched, a changed one
is replaced in place (keeping its comment, unless that comment is an import's "to check" note, which
the person has now answered), a new one goes where the schema's order puts it, and an answer cleared
is removed. A field the profile does not have (a typo the upload reported) is not carried over.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from cohesion_guide.builder.questions import resolved
from cohesion_guide.gias.write import NOTE
from cohesion_guide.inputs.scaffold import block_safe
from cohesion_guide.inputs.schemas import schema


def rewritten(text: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """`text` (a profile whose data, as the engine reads it, is `old`) with `new`'s data instead."""
    _, sequence, offset = load_yaml_guess_indent(text)
    mapping = _mapping_indent(text)
    yaml = YAML()  # round-trip mode: comments, order and quotes kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line
    yaml.indent(mapping=mapping, sequence=max(sequence or mapping, (offset or 0) + 2), offset=offset or 0)
    tree = yaml.load(text)
    root = schema("profile")
    if not isinstance(tree, CommentedMap):
        tree = CommentedMap()
    _merge(tree, old, new, root, root)
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _mapping_indent(text: str) -> int:
    """How far the file indents a group's fields (ruamel's own guess is the indent of lists)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for line, following in zip(lines, lines[1:], strict=False):
        if re.fullmatch(r"[^\s-][^:]*:\s*(#.*)?", line) and not following.lstrip().startswith("-"):
            indent = len(following) - len(following.lstrip())
            if indent:
                return indent
    return 2


def _merge(node: CommentedMap, old: dict, new: dict, part: dict, root: dict) -> None:
    props = part.get("properties", {})
    for key in [k for k in node if k not in new]:
        _remove(node, key)
    for key in props:
        if key not in new:
            continue
        sub = resolved(props[key], root)
        before, after = old.get(key, _ABSENT) if isinstance(old, dict) else _ABSENT, new[key]
        if key in node and _same(before, after):
            continue
        if key in node and isinstance(node[key], CommentedMap) and isinstance(after, dict):
            _merge(node[key], before if isinstance(before, dict) else {}, after, sub, root)
        elif key in node and isinstance(node[key], CommentedSeq) and _groups(after):
            _merge_items(node[key], before if isinstance(before, list) else [], after, sub["items"], root)
        else:
            _put(node, key, _node_for(after, sub, root, node.get(key)), list(props))


def _merge_items(seq: CommentedSeq, old: list, new: list, item: dict, root: dict) -> None:
    for index, after in enumerate(new):
        before = old[index] if index < len(old) else _ABSENT
        if index < len(seq) and isinstance(seq[index], CommentedMap):
            if not _same(before, after):
                _merge(seq[index], before if isinstance(before, dict) else {}, after, item, root)
        else:
            seq.append(_node_for(after, item, root, None))
    while len(seq) > len(new):
        seq.pop()


def _groups(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


_ABSENT = object()


def _same(before: Any, after: Any) -> bool:
    """The same answer, as the file holds it and as the builder gives it back (a URN may be a number there)."""
    if before is _ABSENT:
        return False
    if before == after and type(before) is type(after):
        return True
    return isinstance(before, int) and not isinstance(before, bool) and str(before) == after


def _node_for(value: Any, part: dict, root: dict, old_node: Any) -> Any:
    """A value as the file will hold it: multi-line text as a block, a date as a date, groups in the schema's order."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, sub in part.get("properties", {}).items():
            if key in value:
                out[key] = _node_for(value[key], resolved(sub, root), root, None)
        return out
    if isinstance(value, list):
        items = part.get("items", {})
        seq = CommentedSeq(_node_for(v, resolved(items, root), root, None) for v in value)
        was_flow = isinstance(old_node, CommentedSeq) and old_node.fa.flow_style()
        if was_flow or (old_node is None and value and not isinstance(value[0], dict)):
            seq.fa.set_flow_style()  # [English, Polish], as the examples and `cohesion new` write lists
        return seq
    if part.get("format") == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)  # written plain, as YAML dates are, and read back as text
        except ValueError:
            return value
    if isinstance(value, str) and "\n" in value and block_safe(value):
        return LiteralScalarString(value)
    return value


def _put(node: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    if key in node:
        _drop_note(node, key)
        node[key] = value
        return
    place = order.index(key)
    before = [k for k in node if k in order and order.index(k) < place]
    position = list(node).index(before[-1]) + 1 if before else 0
    node.insert(position, key, value)


def _drop_note(node: CommentedMap, key: str) -> None:
    """A changed answer loses the import's note that it was still to check: the person has answered it."""
    comment = node.ca.items.get(key)
    token = comment[2] if comment and len(comment) > 2 else None
    if token is None or not token.value.lstrip().startswith(NOTE):
        return
    rest = token.value.split("\n", 1)[1] if "\n" in token.value else ""
    if rest.strip():
        token.value = "\n" + rest  # comment lines below the value belong to what follows: keep them
    else:
        comment[2] = None


def _remove(node: CommentedMap, key: str) -> None:
    """Remove an answer, keeping the comment lines that stood below it (they describe the next field)."""
    comment = node.ca.items.get(key)
    token = comment[2] if comment and len(comment) > 2 else None
    after = token.value.split("\n", 1)[1] if token is not None and "\n" in token.value else ""
    keys = list(node)
    index = keys.index(key)
    del node[key]
    if after.strip() and index > 0:
        previous = keys[index - 1]
        kept = node.ca.items.setdefault(previous, [None, None, None, None])
        if kept[2] is None:
            from ruamel.yaml.tokens import CommentToken

            kept[2] = CommentToken("\n" + after, token.start_mark, None)
        else:
            kept[2].value += after
