"""The record of the pages and files site/generate.py made in docs/, read so that nothing else is
ever taken for one of them.

The record (.cache/generated-files.json) is the generator's own word on what it made: each path
under docs/ with the size and time the file had when it was written, and the folders it made to
hold them. Only a path it lists, inside docs/ and still exactly as written, may ever be removed.
The record is checked before it is believed: an entry that is not a plain path inside docs/ is
refused with a message naming the record and the entry, and a record that cannot be read counts
as missing (the next run makes it again from what it makes then). docs/.gitignore is a list for
git only: it is never read back.

    {"files": {"schools/a/index.md": [size, mtime_ns], ...}, "folders": ["schools/a", ...]}

While a run writes, a file it is about to write lists every state it may be found in: as it was
([size, mtime_ns]) and as it will be ([size, mtime_ns], or [size, "sha256:..."] for a page, whose
time is not known until it is written). A run stopped half-way is then finished by the next.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cohesion_guide.files import atomic_path

RECORD = Path(".cache") / "generated-files.json"

# docs/.gitignore as site/generate.py writes it starts with this line (a project's own is left alone).
GITIGNORE_HEADER = "# Written by `python -m cohesion_guide.site.generate`: the pages and files it made. Do not edit.\n"

# The front matter key, and its value, that every generated Markdown page carries.
GENERATED_BY = "generated_by"
MARK = b"\n" + GENERATED_BY.encode() + b": cohesion_guide\n"
_FRONT_MATTER_LIMIT = 64 * 1024  # a page's front matter is a few lines; a longer one is not ours

Stamp = tuple  # (size, mtime_ns) or (size, "sha256:<hex>")
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class Record:
    """What the record says, checked. `files`: path under docs/ -> the states the file may be in
    (none known: it is never removed). `problem`: why there is no record to go by (it is missing or
    cannot be read), or None. `refused`: one sentence for each entry that was not believed."""

    files: dict[str, tuple[Stamp, ...]] = field(default_factory=dict)
    folders: frozenset[str] | None = None  # None: not known (no record, or one older than folders)
    problem: str | None = None
    refused: tuple[str, ...] = ()


def read_record(project_dir: Path) -> Record:
    """The record of generated files in `project_dir`, with every entry checked (see the module's notes)."""
    path = Path(project_dir) / RECORD
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Record(problem=f"The record of the generated pages, {RECORD}, is missing")
    except (OSError, ValueError, RecursionError) as err:  # unreadable, not UTF-8, not JSON, nested past reading
        return Record(problem=f"The record of the generated pages, {RECORD}, cannot be read ({_reason(err)})")
    if isinstance(found, dict) and isinstance(found.get("files"), dict) and set(found) <= {"files", "folders"}:
        files, folders = found["files"], found.get("folders")
    elif isinstance(found, dict):  # the first form of the record: the files alone
        files, folders = found, None
    else:
        return Record(problem=f"The record of the generated pages, {RECORD}, is not a list of files")
    kept, refused = {}, []
    for uri, value in files.items():
        wrong = path_problem(uri)
        if wrong:
            refused.append(f"{RECORD} lists {uri!r}, which {wrong}, so it was not touched.")
        else:
            kept[uri] = stamps(value)
    if not isinstance(folders, list):
        return Record(kept, None, None, tuple(refused))
    kept_folders = set()
    for uri in folders:
        wrong = path_problem(uri)
        if wrong:
            refused.append(f"{RECORD} lists the folder {uri!r}, which {wrong}, so it was not touched.")
        else:
            kept_folders.add(uri)
    return Record(kept, frozenset(kept_folders), None, tuple(refused))


def path_problem(uri: object) -> str | None:
    """Why `uri` cannot be a path the generator wrote under docs/, or None. Its paths are relative,
    plain ("schools/a/index.md"), and no part starts with a dot (MkDocs leaves such files out)."""
    if not isinstance(uri, str) or not uri:
        return "is not the name of a file"
    if uri.startswith("/") or PurePosixPath(uri).is_absolute() or re.match(r"[A-Za-z]:", uri):
        return "is an absolute path, outside docs/"
    parts = uri.split("/")
    if ".." in parts:
        return "leads out of docs/ ('..')"
    if any(part == "" or part.startswith(".") for part in parts):
        return "is not a plain path inside docs/ (an empty part, or a part starting with a dot)"
    if "\\" in uri or "\0" in uri or any(ord(c) < 32 for c in uri):
        return "holds characters no generated file has"
    return None


def stamps(value: object) -> tuple[Stamp, ...]:
    """The states an entry's file may be in; () when the entry gives none that can be checked."""
    if _is_stamp(value):
        return (tuple(value),)
    if isinstance(value, list) and all(_is_stamp(v) for v in value):
        return tuple(tuple(v) for v in value)
    return ()


def _is_stamp(value: object) -> bool:
    if not (isinstance(value, list) and len(value) == 2):
        return False
    size, when = value
    if type(size) is not int or size < 0:
        return False
    return (type(when) is int and when >= 0) or (isinstance(when, str) and bool(_DIGEST.fullmatch(when)))


def matches(file_stat: os.stat_result, read, entry_stamps: tuple[Stamp, ...]) -> bool:
    """Whether a file (its lstat, and `read()` giving its bytes) is in one of the states recorded."""
    for size, when in entry_stamps:
        if file_stat.st_size != size:
            continue
        if isinstance(when, int):
            if file_stat.st_mtime_ns == when:
                return True
        elif when == digest(read()):
            return True
    return False


def digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def write_record(project_dir: Path, files: dict[str, list], folders) -> None:
    with atomic_path(Path(project_dir) / RECORD) as tmp:
        record = {"files": files, "folders": sorted(folders)}
        tmp.write_text(json.dumps(record, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def generated_files(project_dir: Path) -> set[str]:
    """The paths under docs/ (as "a/b.md") that the record says site/generate.py made."""
    return set(read_record(project_dir).files)


def bears_mark(path: Path) -> bool:
    """Whether `path` is a Markdown page whose front matter says site/generate.py made it."""
    try:
        with open(path, "rb") as page:
            return has_mark(page.read(_FRONT_MATTER_LIMIT))
    except OSError:
        return False


def has_mark(text: bytes) -> bool:
    """Whether a page's text starts with front matter that says site/generate.py made it."""
    if not text.startswith(b"---\n"):
        return False
    end = text.find(b"\n---\n", 3, _FRONT_MATTER_LIMIT)
    return end > 0 and MARK in text[3 : end + 1]


def _reason(err: Exception) -> str:
    if isinstance(err, UnicodeDecodeError):
        return "it is not text"
    if isinstance(err, ValueError | RecursionError):
        return "it is not JSON"
    return err.strerror or str(err)
