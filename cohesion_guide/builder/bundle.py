"""The engine as the browser gets it: one zip of the engine's Python, the pure-Python code of the
libraries it uses, the saved Word base, and the project's own local.yml, templates and case studies.

Made at site-build time from what is installed here, so the browser runs exactly the code and
versions the command line runs. Pyodide (Python for the browser) itself comes from npm (package-lock.json).
The zip is the same bytes for the same inputs, and named by its digest, so a browser keeps its copy
until the engine or the project changes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from functools import lru_cache
from importlib.metadata import distribution
from pathlib import Path

from cohesion_guide import MODEL_POLICIES, PACKAGE_DIR
from cohesion_guide.export import docx_base
from cohesion_guide.files import atomic_path

# The libraries the browser's engine imports, by their names on PyPI, with what they need in turn.
# Each must run without its compiled part: PyYAML and MarkupSafe fall back to pure Python, and
# jsonschema is held at 4.17 (pyproject.toml), whose needs (attrs, pyrsistent) are pure Python too;
# ruamel.yaml (a profile written back with its comments) is pure Python, its compiled parser never installed.
DISTRIBUTIONS = ("PyYAML", "MarkupSafe", "Jinja2", "Markdown", "jsonschema", "attrs", "pyrsistent", "ruamel.yaml")
COMPILED = (".so", ".pyd", ".dylib", ".pyc", ".pyi", ".c", ".h")
NOT_SHIPPED = {"__pycache__", "tests", "benchmarks"}  # the libraries' own test suites are not needed to run them
# What the browser takes from the project (an authority's fork): its settings, templates and case studies.
PROJECT_PARTS = ("local.yml", "model_policies", "case_studies")
WORD_LANGUAGE = "en-GB"
WORD_BASE = "word-base.zip"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# Inside the zip, as the browser unpacks it.
LIBRARIES, ENGINE, PROJECT = "libraries", "engine", "project"


def bundle_files(project_dir: Path) -> dict[str, Path | bytes]:
    """Every member of the engine's zip: its name -> the file it is read from, or its bytes."""
    files: dict[str, Path | bytes] = {}
    for name in DISTRIBUTIONS:
        dist = distribution(name)
        for entry in dist.files or ():
            path = Path(dist.locate_file(entry))
            if (
                entry.suffix in COMPILED
                or NOT_SHIPPED & set(entry.parts)
                or entry.name in ("RECORD", "INSTALLER")
                or entry.parts[0] == ".."
                or not path.is_file()
            ):
                continue
            files[f"{LIBRARIES}/{entry.as_posix()}"] = path
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix not in COMPILED and "__pycache__" not in path.parts:
            files[f"{ENGINE}/{path.relative_to(PACKAGE_DIR.parent).as_posix()}"] = path
    # The engine's own schemas and templates, where an installed engine has them: inside the package.
    for path in sorted(MODEL_POLICIES.rglob("*")):
        if path.is_file():
            files[f"{ENGINE}/{PACKAGE_DIR.name}/model_policies/{path.relative_to(MODEL_POLICIES).as_posix()}"] = path
    project_dir = Path(project_dir)
    for part in PROJECT_PARTS:
        source = project_dir / part
        if source.is_dir():
            found = sorted(p for p in source.rglob("*") if p.is_file())
        else:
            found = [source] if source.is_file() else []
        for path in found:
            files[f"{PROJECT}/{path.relative_to(project_dir).as_posix()}"] = path
    files[WORD_BASE] = docx_base.save(docx_base.word_base(WORD_LANGUAGE))
    return files


def engine_zip(project_dir: Path) -> bytes:
    """The engine's zip: members in name order, each dated 1980, so the same inputs give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for name, source in sorted(bundle_files(project_dir).items()):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, source if isinstance(source, bytes) else source.read_bytes())
    return out.getvalue()


def engine_bundle(project_dir: Path, cache_dir: Path) -> Path:
    """The engine's zip written into `cache_dir` as engine-<digest>.zip (kept if it is there already).
    Which zip the files as they are now make is noted in `cache_dir`/stamps/, so a later build that
    finds every file as it was (names, sizes, times) does not zip them again."""
    project_dir, cache_dir = Path(project_dir).resolve(), Path(cache_dir).resolve()
    stamp = _stamp(project_dir)
    note = cache_dir / "stamps" / hashlib.sha256(repr(stamp).encode()).hexdigest()[:32]
    try:
        known = cache_dir / note.read_text(encoding="utf-8").strip()
        if known.is_file():
            return known
    except (FileNotFoundError, NotADirectoryError):
        pass
    dest = _written(project_dir, cache_dir, stamp)
    with atomic_path(note) as tmp:
        tmp.write_text(dest.name, encoding="utf-8")
    return dest


@lru_cache(maxsize=4)
def _written(project_dir: Path, cache_dir: Path, stamp: tuple) -> Path:
    data = engine_zip(project_dir)
    dest = cache_dir / f"engine-{hashlib.sha256(data).hexdigest()[:16]}.zip"
    if not dest.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = dest.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(dest)
    return dest


def _stamp(project_dir: Path) -> tuple:
    """What the zip is made from, by name, size and time: a build makes it once, `make serve` again on a change."""
    files = bundle_files_stamp(project_dir)
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


def bundle_files_stamp(project_dir: Path) -> list[Path]:
    roots = [PACKAGE_DIR, MODEL_POLICIES, *(Path(project_dir) / part for part in PROJECT_PARTS)]
    found: list[Path] = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found += [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return found
