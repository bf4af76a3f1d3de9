"""Every school's profile, audit and documents for one site build: read once, and made on every core
while MkDocs renders the pages.

An authority may have 600 schools. Each has a policy and a self-evaluation pack in three formats
(about 0.2 s of work per school), kept in .cache by a key of what they are made from. This module
works out each key once per build (the templates and the engine are hashed once, not per school),
writes the Markdown of any set that is missing here (the pages need its words), and sends the Word
and PDF work to a pool of processes, one per core. site/generate.py waits for the pool
(DocumentWork.finish) before it writes the pages, whose download sizes it then fills in.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import re
import signal
from collections.abc import Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cohesion_guide.documents import policy as policies
from cohesion_guide.documents import self_evaluation as self_evaluations
from cohesion_guide.documents.policy import file_size
from cohesion_guide.export.document_set import (
    Document,
    cached_formats,
    is_cached,
    key_paths,
    write_formats,
)
from cohesion_guide.files import clean_stale
from cohesion_guide.inputs.audit import Audit, not_assessed
from cohesion_guide.inputs.case_studies import suggestions
from cohesion_guide.inputs.profiles import Profile
from cohesion_guide.site.checked_cache import CheckedFiles, load_one
from cohesion_guide.site.generated import SiteContext

# What the site publishes of each document, Word first: a school adapts it before adopting it.
SITE_FORMATS = ("docx", "pdf", "md")
# Below this many missing document sets, starting processes costs more than it saves.
POOL_FROM = 4

log = logging.getLogger("mkdocs.plugins.cohesion")


@dataclass(frozen=True)
class School:
    """One school in a build: its checked profile and audit, where its documents are, and their words."""

    profile: Profile
    audit: Audit
    policy: dict[str, Path] = field(default_factory=dict)  # format -> file; empty when not asked for
    self_evaluation: dict[str, Path] = field(default_factory=dict)
    policy_text: str = ""  # the policy's Markdown: what every format of it says
    self_evaluation_text: str = ""


@dataclass(frozen=True)
class SchoolSet:
    """Every school of a build, sorted by name; how many document sets the build makes; and that work."""

    schools: list[School]
    made: dict[str, int]  # {"policy": 1, "self_evaluation": 1}: sets made in this build; the rest came from .cache
    work: DocumentWork


@dataclass(frozen=True)
class _Job:
    """One document set to make in a worker process: everything it needs, nothing to look up."""

    folder: Path
    key: str
    document: Document


def _make(job: _Job) -> None:
    """Make one document set into its cache folder (written whole or not at all)."""
    cached_formats(
        job.folder,
        job.key,
        job.document.stem,
        SITE_FORMATS,
        lambda staging: write_formats(job.document, staging, SITE_FORMATS),
    )


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """In a worker or a child process (pool initializer, forked worker, subprocess preexec_fn): be
    killed when the process that started it ends, even by kill -9 (Linux); elsewhere a worker
    finishes its document and then finds its parent gone."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the build ended before the signal was asked for
        os._exit(1)


def cores() -> int:
    """The cores this process may use (a container may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class DocumentWork:
    """The document sets a build is making, in a pool of processes started only when there is
    enough work for it. Processes are spawned, not forked: `make serve` has threads, and the PDF
    engine keeps state a forked copy must not share.

    A page may link to a file that is not made yet: `size` gives it a placeholder, and `fill`
    puts the real size in once `finish` has returned.
    """

    MARK = "%%cohesion-size-"  # then the file's number and "%%": nothing Markdown or HTML changes
    PLACEHOLDER = re.compile(re.escape(MARK) + r"(\d+)%%")

    def __init__(self):
        self.pooled = False  # set by expect()
        self._executor: Executor | None = None
        self._futures: list[Future] = []
        self._awaited: dict[Path, int] = {}

    @staticmethod
    def workers(count: int) -> int:
        """How many processes `count` items are spread over: 1 means this one, no pool."""
        return 1 if count < POOL_FROM else min(cores(), count)

    def expect(self, count: int) -> None:
        """Say how many document sets are coming: enough of them, and they are made in the pool."""
        self.pooled = self.workers(count) > 1

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=cores(),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        return self._executor

    def map(self, fn, items: list, *, chunksize: int = 1) -> list:
        """fn over items, on every core when there are enough of them; waits for the results."""
        if self.workers(len(items)) < 2:
            return [fn(item) for item in items]
        return list(self._pool().map(fn, items, chunksize=chunksize))

    def make(self, job: _Job) -> None:
        """Make a document set: in the pool (returning at once) when this work is pooled, else here and now."""
        if self.pooled:
            self._futures.append(self._pool().submit(_make, job))
        else:
            _make(job)

    def size(self, path: Path) -> str:
        """The size of a download as a page shows it ("38 KB"), or a placeholder for `fill` if it is not made yet."""
        if path.is_file():
            return file_size(path)
        index = self._awaited.setdefault(path, len(self._awaited))
        return f"{self.MARK}{index}%%"

    def finish(self) -> None:
        """Wait until every document set is made; the first failure is raised, and the rest are stopped."""
        try:
            for future in self._futures:
                future.result()
        finally:
            self.cancel()

    def fill(self, text: str) -> str:
        """`text` with each placeholder from `size` replaced by its file's size (after `finish`)."""
        if self.MARK not in text:
            return text
        paths = list(self._awaited)
        return self.PLACEHOLDER.sub(lambda m: file_size(paths[int(m.group(1))]), text)

    def cancel(self) -> None:
        """Stop the pool: documents not started are dropped (a failed build keeps nothing half made)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._futures = []


def prepare(context: SiteContext, *, policy: bool = True, self_evaluation: bool = True) -> SchoolSet:
    """`start`, then wait for every document set to be made."""
    schools = start(context, policy=policy, self_evaluation=self_evaluation)
    schools.work.finish()
    return schools


def start(context: SiteContext, *, policy: bool = True, self_evaluation: bool = True) -> SchoolSet:
    """Read every profile and audit once, and start making whichever documents are missing. An
    invalid profile or audit raises InvalidFile with every problem, before any document is made.
    The caller must call `.work.finish()` (or `.work.cancel()`) on what this returns."""
    project = Path(context.project_dir)
    schools_dir = project / "schools"
    if not schools_dir.is_dir():
        return SchoolSet([], {"policy": 0, "self_evaluation": 0}, DocumentWork())
    # A build killed earlier may have left half-made document sets: they go before anything is made.
    for cache in (policies.CACHE, self_evaluations.CACHE):
        if (project / cache).is_dir():
            clean_stale(folder for folder in (project / cache).iterdir() if folder.is_dir())
    checked = CheckedFiles(project)
    work = DocumentWork()  # one pool for the whole build: checking the profiles, then the documents
    try:
        profiles = checked.profiles(schools_dir, lambda paths: work.map(load_one, paths, chunksize=16))
        audits = checked.audits(project / "audits", [p.slug for p in profiles]) if self_evaluation else {}
        checked.save()
        plans = _plan(context, profiles, audits, policy=policy, self_evaluation=self_evaluation)
        missing = [kind for plan in plans for kind in plan.missing]
        work.expect(len(missing))
        if missing:
            count = sum(1 for plan in plans if plan.missing)
            log.info(
                "Making %d document sets for %d school%s in %d process(es); %d sets are unchanged and reused.",
                len(missing),
                count,
                "" if count == 1 else "s",
                work.workers(len(missing)),
                (policy + self_evaluation) * len(plans) - len(missing),
            )
        schools = [plan.school(work) for plan in plans]
    except BaseException:
        work.cancel()
        raise
    return SchoolSet(schools, {kind: missing.count(kind) for kind in ("policy", "self_evaluation")}, work)


@dataclass
class _Plan:
    """One school's documents in this build: their keys and paths, and which sets are missing."""

    context: SiteContext
    templates: Path  # the templates' folder (a fork's own or the package's), found once per build
    profile: Profile
    audit: Audit
    studies: list
    sets: dict[str, tuple[Path, str]]  # kind -> (its folder in .cache, its key)
    paths: dict[str, dict[str, Path]]  # kind -> format -> file
    missing: list[str]  # the kinds not in .cache

    def document(self, kind: str) -> Document:
        if kind == "policy":
            return policies.policy_document(self.profile, self.context.local, self.templates, self.studies)
        return self_evaluations.self_evaluation_document(
            self.profile, self.audit, self.context.local, templates_dir=self.templates, case_studies=self.studies
        )

    def school(self, work: DocumentWork) -> School:
        """The School, its missing sets handed to `work` and its documents' words read or written."""
        texts = {}
        for kind, paths in self.paths.items():
            if kind in self.missing:
                document = self.document(kind)
                work.make(_Job(*self.sets[kind], document))
                texts[kind] = document.markdown
            else:
                texts[kind] = paths["md"].read_text(encoding="utf-8")
        return School(
            self.profile,
            self.audit,
            self.paths.get("policy", {}),
            self.paths.get("self_evaluation", {}),
            texts.get("policy", ""),
            texts.get("self_evaluation", ""),
        )


def _plan(
    context: SiteContext, profiles: Iterable[Profile], audits: dict[str, Audit], *, policy: bool, self_evaluation: bool
) -> list[_Plan]:
    """Each school's documents' keys and paths, and which sets are not already in .cache."""
    project, local = Path(context.project_dir), context.local
    templates = policies.templates_for(project)
    inputs = policies.inputs_digest(local, templates)  # once per build, not per school
    plans = []
    for profile in profiles:
        audit = audits.get(profile.slug) or not_assessed(profile.slug)
        studies = suggestions(profile, project, local)
        policy_key = policies.school_key(inputs, profile, studies)
        sets, paths, missing = {}, {}, []
        for kind, wanted in (("policy", policy), ("self_evaluation", self_evaluation)):
            if not wanted:
                continue
            if kind == "policy":
                key, folder, stem = policy_key, policies.policy_folder(project, profile), policies.stem(profile)
            else:
                key, folder, stem = (
                    self_evaluations.self_evaluation_key(policy_key, profile, audit),
                    self_evaluations.self_evaluation_folder(project, profile),
                    self_evaluations.stem(profile),
                )
            sets[kind], paths[kind] = (folder, key), key_paths(folder, key, stem, SITE_FORMATS)
            if not is_cached(paths[kind]):
                missing.append(kind)
        plans.append(_Plan(context, templates, profile, audit, studies, sets, paths, missing))
    return plans
