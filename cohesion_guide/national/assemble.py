"""Put the built sites under one root without building anything again: the national home at the
root, each authority's site in its own folder, the record of what each was built from (a host that
publishes shard by shard reads it: publish.py), and every file that is the same in several sites
(Pyodide, the theme's assets, the builder's files, ...) kept once, by content (hard links).

The sites are linked in, not copied, so assembling costs no more space than the sites already take;
the new site replaces the old one in one step, so a failure leaves the old one as it was.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from cohesion_guide.errors import CohesionError
from cohesion_guide.files import _swap_in
from cohesion_guide.national import layout
from cohesion_guide.national.dedupe import dedupe
from cohesion_guide.national.fork import up_to_date
from cohesion_guide.national.plan import Plan


class NotBuilt(CohesionError):
    """A site the plan needs is missing or was built from other inputs."""

    exit_code = 2


@dataclass(frozen=True)
class Assembled:
    sites: int
    files: int
    bytes: int  # every file's size, as a copy of each site would take (and as a host that copies them serves)
    stored: int  # bytes on disk once identical files are kept once
    linked: int  # files that became links to an identical one
    seconds: float


def link_tree(source: Path, dest: Path) -> None:
    """Every file of `source` hard-linked into `dest` (copied where links cannot be made)."""
    for folder, _dirs, names in os.walk(source):
        target = dest / Path(folder).relative_to(source)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(Path(folder) / name, target / name)
            except OSError:
                shutil.copy2(Path(folder) / name, target / name)


def assemble(out: Path, plan: Plan) -> Assembled:
    """The national site in <out>/site/: NotBuilt, naming every site still to build, when any is
    missing or was built from other inputs than the plan's."""
    out = Path(out)
    start = time.perf_counter()
    wanted = [(layout.HOME, plan.home), *((a.slug, a.digest) for a in plan.authorities)]
    missing = [slug for slug, digest in wanted if not up_to_date(out, slug, digest)]
    if missing:
        shown = ", ".join("the national home" if s == layout.HOME else s for s in missing[:20])
        more = f" and {len(missing) - 20} more" if len(missing) > 20 else ""
        raise NotBuilt(
            f"These sites are not built, or were built from other inputs than the plan's: {shown}{more}. "
            "Build every shard (cohesion national --shard K/N, and --shard home) with this plan, then assemble."
        )
    new = out / f".{layout.SITE}.new"
    shutil.rmtree(new, ignore_errors=True)
    try:
        link_tree(layout.site(out, layout.HOME), new)
        clash = sorted(a.slug for a in plan.authorities if (new / a.slug).exists())
        if clash:
            raise NotBuilt(
                f"The national home already has a folder named {', '.join(clash)}, where an authority's site goes."
            )
        for authority in plan.authorities:
            link_tree(layout.site(out, authority.slug), new / authority.slug)
        (new / layout.RECORD).write_bytes(plan.record())
        files, total, stored, linked = dedupe(new)
        _swap_in(new, out / layout.SITE)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return Assembled(len(wanted), files, total, stored, linked, time.perf_counter() - start)
