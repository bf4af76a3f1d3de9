"""The national edition's steps, each runnable on its own (on its own CI runner): plan, build a shard
or the home, assemble."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cohesion_guide.errors import CohesionError
from cohesion_guide.national import fork, home, layout, shards
from cohesion_guide.national.dedupe import dedupe
from cohesion_guide.national.plan import DEFAULT_PUBLISHER, Plan, load_plan, make_plan, read_websites, write_plan
from cohesion_guide.national.register import Progress, read_register

Report = Callable[[str], None]


class NoPlan(CohesionError):
    exit_code = 2


@dataclass(frozen=True)
class ShardResult:
    name: str  # "3/20" or "home"
    built: list[fork.Built]


def plan(
    extract: Path,
    out: Path,
    guide: Path,
    *,
    census: Path | None = None,
    shard_count: int = 20,
    publisher: str | None = None,
    site_url: str | None = None,
    websites: Path | None = None,
    today: str | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Read the extract once, plan every authority and the home, and write the plan and the inputs."""
    register = read_register(extract, census, progress)
    previous = load_plan(out)
    made, files = make_plan(
        register,
        out,
        guide,
        previous=previous,
        publisher=publisher or (previous.publisher if previous else DEFAULT_PUBLISHER),
        site_url=site_url if site_url is not None else (previous.site_url if previous else None),
        websites=read_websites(websites) if websites else None,
        today=today,
    )
    write_plan(out, made, files, shard_count)
    return made


def current_plan(out: Path) -> Plan:
    found = load_plan(out)
    if found is None:
        raise NoPlan(
            f"There is no plan in {out}: make one first with `cohesion national EXTRACT.csv -o {out} --plan` "
            "(or give the extract with --shard, to plan and build at once)."
        )
    return found


def drop_others(out: Path, keep: set[str]) -> list[str]:
    """Remove every site and cache in `out` but those of `keep`: a CI runner's folder then holds its own
    shard alone, so the cache it saves and the sites it uploads are its own (a cache restored from an
    earlier run may hold authorities that are now another shard's). Returns what was removed."""
    removed = []
    for folder in (Path(out) / layout.SITES, Path(out) / layout.CACHE):
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            slug = path.name.removesuffix(layout.BUILT)
            if slug not in keep:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
                removed.append(slug)
    return sorted(set(removed))


def build_shard(
    out: Path, guide: Path, which: str, report: Report | None = None, *, alone: bool = False
) -> ShardResult:
    """Build shard K/N (its authorities, one after another, each on every core) or the home ('home').
    `alone`: first drop every other shard's sites and caches from `out` (drop_others)."""
    plan_ = current_plan(out)
    part = shards.parse(which)
    if alone:
        slices = plan_.shards(part[1]) if part else []
        mine = {layout.HOME} if part is None else set(slices[part[0] - 1] if part[0] <= len(slices) else [])
        dropped = drop_others(out, mine)
        if report and dropped:
            report(f"Dropped {len(dropped)} sites and caches of other shards from {out}.")
    if part is None:
        built = fork.build(guide, out, layout.HOME, plan_.home, extra=lambda work: home.add_pages(plan_, guide, work))
        if report:
            report(_line("the national home", built))
        return ShardResult(shards.HOME, [built])
    k, n = part
    slices = plan_.shards(n)
    slugs = slices[k - 1] if k <= len(slices) else []
    done = []
    for slug in slugs:
        authority = plan_.authority(slug)
        built = fork.build(guide, out, slug, authority.digest)
        done.append(built)
        if report:
            report(
                _line(f"{authority.name} ({authority.schools} school{'' if authority.schools == 1 else 's'})", built)
            )
    if any(b.built for b in done):
        # a site's downloads are its cache's documents, and Pyodide is the same in every site: kept once,
        # a CI cache that archives the sites with the cache (links and all) holds each of them once
        # (the cache first: its files keep their place, the sites' become links to them)
        dedupe(*(folder for s in slugs for folder in fork.documents_in(out, s)), *(layout.site(out, s) for s in slugs))
    return ShardResult(f"{k}/{n}", done)


def _line(what: str, built: fork.Built) -> str:
    if not built.built:
        return f"{what}: unchanged since it was built, not built again"
    pages = re.search(r"Pages: (\d+) reused, (\d+) converted", built.output)
    return (
        f"{what}: built in {built.seconds:.1f} s ({built.cpu:.1f} s of CPU); "
        f"{built.documents} document sets made"
        + (f", {pages.group(2)} pages converted and {pages.group(1)} reused" if pages else "")
    )
