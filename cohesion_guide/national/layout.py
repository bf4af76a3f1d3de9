"""Where `cohesion national` keeps each thing in its output folder (-o), so that the command, CI's
workflow (.github/workflows/national.yml) and the tests name the same paths.

    plan.json        the plan: every authority, its schools and digest, and each school's entry
    matrix.json      the shards for CI's matrix, with their digests (written with the plan)
    inputs/<slug>/   each authority's local.yml and schools/ (small: what the plan made)
    cache/<slug>/    each authority's documents and converted pages, each kept under a key of what it
                     is made from: what shards share, restored and saved by CI between runs
    work/<slug>/     an authority's copy of the guide while it is built (a fork's folder); removed after
    sites/<slug>/    each authority's built site, and sites/<slug>.built, the digest it was built from
                     (CI keeps them with the cache: their downloads are the cache's documents, linked)
    site/            the national site: the home at its root, each authority's site in its folder, and
                     national-sites.json, the record of the digest each site was built from
    delta/<shard>/   what publishing a shard sends to the host: its sites whose digest differs from the
                     host's record (linked, not copied); one folder per shard, so shards run side by side
"""

from __future__ import annotations

from pathlib import Path

PLAN = "plan.json"
MATRIX = "matrix.json"
INPUTS = "inputs"
CACHE = "cache"
WORK = "work"
SITES = "sites"
SITE = "site"
# The national home is built like an authority, under a name no authority's slug can have.
HOME = "_home"
BUILT = ".built"  # sites/<slug>.built: the digest a site was built from
DELTA = "delta"
# At the national site's root: which digest each site there was built from (Plan.record). A host keeps
# it with the site, and publishing a shard reads it to send only what differs.
RECORD = "national-sites.json"


def inputs(out: Path, slug: str) -> Path:
    return Path(out) / INPUTS / slug


def cache(out: Path, slug: str) -> Path:
    return Path(out) / CACHE / slug


def work(out: Path, slug: str) -> Path:
    return Path(out) / WORK / slug


def site(out: Path, slug: str) -> Path:
    return Path(out) / SITES / slug


def built_marker(out: Path, slug: str) -> Path:
    return Path(out) / SITES / f"{slug}{BUILT}"


def delta(out: Path, shard: str) -> Path:
    """delta/<shard>/, the shard named as a folder can be: '3/20' -> 3-of-20, 'home' -> home."""
    return Path(out) / DELTA / shard.replace("/", "-of-")
