"""Build one authority's site exactly as a fork's is built: a copy of the guide with the authority's
local.yml and schools, then `make site`'s own step (cohesion_guide.site.publish) in that folder.

The copy (work/<slug>/) is made afresh for each build and removed after it; what lasts is the
authority's cache (cache/<slug>/, linked as the copy's .cache), whose documents and converted pages
are each kept under a key of everything they are made from, so a later build, here or on another
runner that restored the cache, makes only what changed. A site whose digest (plan.py) is the one it
was last built from is not built again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cohesion_guide import PACKAGE_DIR
from cohesion_guide.documents.policy import CACHE as POLICIES
from cohesion_guide.documents.self_evaluation import CACHE as PACKS
from cohesion_guide.errors import CohesionError
from cohesion_guide.files import _swap_in, atomic_path
from cohesion_guide.generated_record import generated_files
from cohesion_guide.national import layout
from cohesion_guide.national.plan import GUIDE_PARTS
from cohesion_guide.site import publish

TAIL = 3000  # characters of a failed build's output shown
# Where a project keeps its schools' document sets, under its .cache folder
DOCUMENTS, SELF_EVALUATIONS = POLICIES.name, PACKS.name


class BuildFailed(CohesionError):
    """An authority's site did not build; its previous site, if any, is left as it was."""


@dataclass(frozen=True)
class Built:
    slug: str
    built: bool  # False: its digest was unchanged and its site already there
    seconds: float
    cpu: float  # CPU seconds of the build and every process it waited for
    output: str = ""  # the end of what the build printed (MkDocs says how many pages it reused)
    documents: int = 0  # document sets (a school's policy, or its self-evaluation pack) made, not reused


def documents_in(out: Path, slug: str) -> list[Path]:
    """The folders of an authority's cache that hold its documents (written anew, never in place)."""
    return [layout.cache(out, slug) / kind for kind in (DOCUMENTS, SELF_EVALUATIONS)]


def document_sets(cache: Path) -> set[str]:
    """The document sets in an authority's cache, each kept in a folder named by its key."""
    return {
        f"{kind}/{key.parent.name}/{key.name}"
        for kind in (DOCUMENTS, SELF_EVALUATIONS)
        for key in (Path(cache) / kind).glob("*/*")
        if key.is_dir() and not key.name.startswith(".")
    }


def up_to_date(out: Path, slug: str, digest: str) -> bool:
    marker = layout.built_marker(out, slug)
    return layout.site(out, slug).is_dir() and marker.is_file() and marker.read_text(encoding="utf-8") == digest


def copy_guide(guide: Path, work: Path) -> None:
    """The guide's own parts into `work`, as a fresh checkout has them (without the pages the guide's
    own build generated into docs/), and the engine beside them as in a fork's folder."""
    guide = Path(guide)
    made = {guide / "docs" / uri for uri in generated_files(guide)} | {guide / "docs" / ".gitignore"}

    def generated(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if Path(folder) / n in made or n == "__pycache__"]

    for part in GUIDE_PARTS:
        src = guide / part
        if src.is_dir():
            shutil.copytree(src, work / part, ignore=generated)
        elif src.is_file():
            shutil.copy2(src, work / part)
    # a fork holds the engine's code too; the page cache's keys include it (macros/reuse.py)
    (work / "cohesion_guide").symlink_to(PACKAGE_DIR, target_is_directory=True)


def prepare(guide: Path, out: Path, slug: str, extra: Callable[[Path], None] | None = None) -> Path:
    """A fresh copy of the guide for `slug`: its inputs' local.yml and schools/, an empty audits/,
    its cache linked as .cache; `extra` adds anything more (the national home's own page)."""
    work = layout.work(out, slug)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy_guide(guide, work)
    inputs = layout.inputs(out, slug)
    shutil.copy2(inputs / "local.yml", work / "local.yml")
    schools = inputs / "schools"
    if schools.is_dir():
        shutil.copytree(schools, work / "schools")
    else:
        (work / "schools").mkdir()
    (work / "audits").mkdir()
    cache = layout.cache(out, slug)
    cache.mkdir(parents=True, exist_ok=True)
    (work / ".cache").symlink_to(cache.resolve(), target_is_directory=True)
    if extra:
        extra(work)
    return work


def build(
    guide: Path, out: Path, slug: str, digest: str, *, extra: Callable[[Path], None] | None = None, force: bool = False
) -> Built:
    """Build `slug`'s site into sites/<slug>/ unless it is up to date. BuildFailed, with the build's
    own words, when it fails (the site it had stays)."""
    out = Path(out)
    if not force and up_to_date(out, slug, digest):
        return Built(slug, False, 0.0, 0.0)
    start, before = time.perf_counter(), os.times()
    work = prepare(guide, out, slug, extra)
    sets = document_sets(layout.cache(out, slug))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", publish.__name__], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-TAIL:]
        raise BuildFailed(f"The site of {slug} did not build (its previous site, if any, is kept):\n{output}")
    destination = layout.site(out, slug)
    destination.parent.mkdir(parents=True, exist_ok=True)
    _swap_in(work / publish.SITE, destination)
    with atomic_path(layout.built_marker(out, slug)) as tmp:
        tmp.write_text(digest, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    made = len(document_sets(layout.cache(out, slug)) - sets)
    return Built(slug, True, time.perf_counter() - start, cpu, (result.stdout + result.stderr)[-TAIL:], made)
