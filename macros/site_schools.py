"""Every school's profile, audit and documents for one site build: read once, and made on every core when missing.

An authority may have 600 schools. Each has a policy and a self-evaluation pack in three formats
(about 0.4 s of work per school), kept in .cache by a key of what they are made from. This module
works out each key once per build (the templates and the engine are hashed once, not per school),
and sends only the schools whose files are missing to a pool of processes, one per core.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from macros import school_documents as policies
from macros import toolkit_documents as packs
from macros.audit import Audit, not_assessed
from macros.case_studies import suggestions
from macros.checked_cache import CheckedFiles, load_one
from macros.documents import is_cached, key_paths
from macros.generated import SiteContext
from macros.profiles import Profile

# What the site publishes of each document, Word first: a school adapts it before adopting it.
SITE_FORMATS = ("docx", "pdf", "md")
# Below this many missing document sets, starting processes costs more than it saves.
POOL_FROM = 4

log = logging.getLogger("mkdocs.plugins.cohesion")


@dataclass(frozen=True)
class School:
    """One school in a build: its checked profile and audit, and where its documents are."""

    profile: Profile
    audit: Audit
    policy: dict[str, Path] = field(default_factory=dict)  # format -> file; empty when not asked for
    pack: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class SchoolSet:
    """Every school of a build, sorted by name, and how many document sets the build had to make."""

    schools: list[School]
    made: dict[str, int]  # {"policy": 1, "pack": 1}: sets made in this build; the rest came from .cache


@dataclass(frozen=True)
class _Job:
    """One document set to make, sent to a worker process: everything it needs, nothing to look up."""

    kind: str  # "policy" or "pack"
    profile: Profile
    audit: Audit
    local: dict
    project_dir: Path
    key: str
    case_studies: list


def _make(job: _Job) -> str:
    """In a worker: make one school's document set into its cache folder (written whole or not at all)."""
    if job.kind == "policy":
        policies.cached_school_documents(job.profile, job.local, job.project_dir, SITE_FORMATS,
                                         key=job.key, case_studies=job.case_studies)
    else:
        packs.cached_toolkit_documents(job.profile, job.audit, job.local, job.project_dir, SITE_FORMATS,
                                       key=job.key, case_studies=job.case_studies)
    return job.kind


def cores() -> int:
    """The cores this process may use (a container may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class _Pool:
    """A process pool started only when there is enough work for it. Processes are spawned, not
    forked: `make serve` has threads, and the PDF engine keeps state a forked copy must not share."""

    def __init__(self):
        self._executor: Executor | None = None

    @staticmethod
    def workers(count: int) -> int:
        """How many processes `count` items are spread over: 1 means this one, no pool."""
        return 1 if count < POOL_FROM else min(cores(), count)

    def map(self, fn, items: list, *, chunksize: int = 1) -> list:
        if self.workers(len(items)) < 2:
            return [fn(item) for item in items]
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=cores(), mp_context=multiprocessing.get_context("spawn"))
        return list(self._executor.map(fn, items, chunksize=chunksize))

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown()


def prepare(context: SiteContext, *, policy: bool = True, pack: bool = True) -> SchoolSet:
    """Read every profile and audit once, and make whichever documents are missing. An invalid
    profile or audit raises InvalidFile with every problem, before any document is made."""
    project = Path(context.project_dir)
    schools_dir = project / "schools"
    if not schools_dir.is_dir():
        return SchoolSet([], {"policy": 0, "pack": 0})
    checked = CheckedFiles(project)
    pool = _Pool()
    try:
        profiles = checked.profiles(schools_dir, lambda paths: pool.map(load_one, paths, chunksize=16))
        audits = checked.audits(project / "audits", [p.slug for p in profiles]) if pack else {}
        checked.save()
        schools, jobs = _plan(context, profiles, audits, policy=policy, pack=pack)
        # The packs take longest: start them first, so neither core waits on the other at the end.
        jobs.sort(key=lambda job: job.kind != "pack")
        if jobs:
            count = len({j.profile.slug for j in jobs})
            log.info("Making %d document sets for %d school%s in %d process(es); %d sets are unchanged and reused.",
                     len(jobs), count, "" if count == 1 else "s", pool.workers(len(jobs)),
                     (policy + pack) * len(schools) - len(jobs))
        made = pool.map(_make, jobs)
    finally:
        pool.close()
    return SchoolSet(schools, {"policy": made.count("policy"), "pack": made.count("pack")})


def _plan(context: SiteContext, profiles: Iterable[Profile], audits: dict[str, Audit], *,
          policy: bool, pack: bool) -> tuple[list[School], list[_Job]]:
    """Each school's documents' keys and paths, and a job for each set not already in .cache."""
    project, local = Path(context.project_dir), context.local
    inputs = policies.inputs_digest(local, policies.templates_for(project))  # once per build, not per school
    schools, jobs = [], []
    for profile in profiles:
        audit = audits.get(profile.slug) or not_assessed(profile.slug)
        studies = suggestions(profile, project, local)
        policy_key = policies.school_key(inputs, profile, studies)
        paths = {}
        for kind, wanted in (("policy", policy), ("pack", pack)):
            if not wanted:
                continue
            if kind == "policy":
                key, folder, stem = policy_key, policies.policy_folder(project, profile), policies.stem(profile)
            else:
                key, folder, stem = packs.pack_key(policy_key, audit), packs.pack_folder(project, profile), packs.stem(profile)
            paths[kind] = key_paths(folder, key, stem, SITE_FORMATS)
            if not is_cached(paths[kind]):
                jobs.append(_Job(kind, profile, audit, local, project, key, studies))
        schools.append(School(profile, audit, paths.get("policy", {}), paths.get("pack", {})))
    return schools, jobs
