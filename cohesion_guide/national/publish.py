"""Publish the national edition to a host of its own a change at a time, with rsync: no runner ever
holds the whole country (about 13 GB, beyond GitHub Pages' 1 GB), and an unchanged site never moves.

    publish_shard   a shard's delta: its sites whose digest differs from the one the host's record
                    says it holds (layout.RECORD, at the site's root), linked into delta/<shard>/ and
                    each sent over its own folder on the host (the home over the root, leaving every
                    authority's folder alone). A shard whose sites the host already holds sends nothing.
    publish_record  once every shard has published: removes the folders of authorities no longer in
                    the plan and writes the new record, last, so a run that fails half-way leaves a
                    record that makes the next run send again whatever it did not finish.

The host is any rsync destination: a folder on this machine, or `user@host:/path/` over SSH (the
environment's RSYNC_RSH says how to connect, as for rsync itself). The result on the host is, file
for file, what `cohesion national --assemble` puts in site/ (tests/national/test_publish.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cohesion_guide.errors import CohesionError
from cohesion_guide.national import layout, shards
from cohesion_guide.national.assemble import NotBuilt, link_tree
from cohesion_guide.national.fork import up_to_date
from cohesion_guide.national.plan import Plan

# recursive, symbolic links as links, times kept (an unchanged file is then skipped by its size and time);
# each file put in place once all have arrived, and what the site no longer has removed after that
SYNC = ("-rlt", "--delay-updates", "--delete-delay", "--mkpath")
MISSING = 23  # rsync's status when a file it was asked for is not there (a host with no record yet)


class PublishFailed(CohesionError):
    """rsync could not read from or write to the host."""


@dataclass(frozen=True)
class Published:
    shard: str
    sent: list[str]  # the sites sent (layout.HOME for the national home), sorted
    bytes: int  # their files' bytes, as copies
    delta: Path


def at(to: str, *names: str) -> str:
    """`to` joined with names as rsync reads it: a path here, host:path, or host: (the user's home)."""
    base = to.rstrip("/") or "/"
    joined = "/".join(names)
    return base + joined if base.endswith((":", "/")) else "/".join([base, *names])


def destination(to: str, *folders: str) -> str:
    """A folder on the host (its contents replaced by a sync), ending as rsync wants it."""
    found = at(to, *folders)
    return found if found.endswith((":", "/")) else found + "/"


def rsync(*args: str, allowed: tuple[int, ...] = (0,)) -> int:
    try:
        done = subprocess.run(["rsync", *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise PublishFailed(
            "Publishing needs rsync, which is not installed here: install it (apt-get install rsync)."
        ) from None
    if done.returncode not in allowed:
        raise PublishFailed(
            f"rsync could not publish to the host (status {done.returncode}); nothing more was sent, and the host's "
            f"record is unchanged, so publishing again sends what is missing:\n{done.stderr.strip()[-2000:]}"
        )
    return done.returncode


def held(to: str) -> dict[str, str]:
    """The host's record: each site it holds and the digest it was built from; {} if it has none
    (nothing published yet, or a record this version cannot read: then every site is sent)."""
    with tempfile.TemporaryDirectory(prefix="cohesion-record-") as tmp:
        if rsync("-t", at(to, layout.RECORD), f"{tmp}/", allowed=(0, MISSING)) == MISSING:
            return {}
        try:
            data = json.loads((Path(tmp) / layout.RECORD).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
    sites = data.get("sites") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in sites.items()} if isinstance(sites, dict) else {}


def shard_sites(plan: Plan, which: str) -> list[str]:
    part = shards.parse(which)
    if part is None:
        return [layout.HOME]
    slices = plan.shards(part[1])
    return slices[part[0] - 1] if part[0] <= len(slices) else []


def write_delta(out: Path, plan: Plan, which: str, host: dict[str, str]) -> Published:
    """delta/<shard>/<site>/ for each of the shard's sites whose digest is not the host's (hard links to
    the built site); the folder holds nothing else, nothing from an earlier delta. NotBuilt if a site
    to send is not built from the plan's inputs."""
    digests = plan.digests()
    sent = sorted(s for s in shard_sites(plan, which) if host.get(s) != digests[s])
    unbuilt = [s for s in sent if not up_to_date(out, s, digests[s])]
    if unbuilt:
        raise NotBuilt(
            f"These sites differ from the host's but are not built from this plan: {', '.join(unbuilt)}. "
            f"Build the shard first (cohesion national --shard {which}), then publish it."
        )
    folder = layout.delta(out, which)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for slug in sent:
        link_tree(layout.site(out, slug), folder / slug)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return Published(which, sent, size, folder)


def send(delta: Path, plan: Plan, to: str, host: dict[str, str]) -> None:
    """Each site of a delta over its own folder on the host, its stale files removed; the home over the
    root, where the record and every authority's folder (planned, or in the host's record: only
    publish_record removes one) are protected from removal."""
    authorities = sorted(({a.slug for a in plan.authorities} | set(host)) - {layout.HOME})
    for site in sorted(delta.iterdir()):
        if site.name == layout.HOME:
            keep = [f"--filter=P /{slug}/" for slug in authorities] + [f"--filter=P /{layout.RECORD}"]
            rsync(*SYNC, *keep, f"{site}/", destination(to))
        else:
            rsync(*SYNC, f"{site}/", destination(to, site.name))


def publish_shard(out: Path, plan: Plan, which: str, to: str) -> Published:
    """Send the shard's changed sites to the host `to` (see the module's docstring)."""
    host = held(to)
    delta = write_delta(out, plan, which, host)
    send(delta.delta, plan, to, host)
    return delta


def publish_record(plan: Plan, to: str) -> list[str]:
    """After every shard has published: remove the host's folders of authorities the plan no longer has
    (those its record names), then write the plan's record. Returns the authorities removed."""
    gone = sorted(set(held(to)) - set(plan.digests()))
    with tempfile.TemporaryDirectory(prefix="cohesion-record-") as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        for slug in gone:  # only that folder is considered; everything else on the host is excluded
            rsync("-r", "--delete", f"--filter=+ /{slug}/***", "--filter=- *", f"{empty}/", destination(to))
        (Path(tmp) / layout.RECORD).write_bytes(plan.record())
        rsync("-t", "--mkpath", str(Path(tmp) / layout.RECORD), destination(to))
    return gone
