"""Share the authorities among N shards so that each takes about the same time, and name a shard.

A shard's expected cost is the sum of its sites' costs: each site has a fixed part (the guide's own
pages, the builder's files, MkDocs starting) and a part per school (two documents in three formats
and two pages). The two figures are CPU seconds of a cold build measured by `make bench-national`;
only their ratio matters for the balance. The authorities are placed largest first, each on the
shard with the least work so far (longest processing time first), which is never more than a third
worse than the best possible balance, and gives the same shards for the same authorities every time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cohesion_guide.errors import InputError

SITE_SECONDS = 2.1  # CPU seconds of a site with no schools, built cold (make bench-national)
SCHOOL_SECONDS = 0.13  # CPU seconds per school, built cold (make bench-national)
HOME = "home"  # the shard that builds the national home


class BadShard(InputError):
    """--shard names no shard of the plan."""


@dataclass(frozen=True)
class Sized:
    """What balancing needs of an authority: its slug and how many schools it has."""

    slug: str
    schools: int


def cost(schools: int) -> float:
    return SITE_SECONDS + SCHOOL_SECONDS * schools


def balance(authorities: Sequence[Sized], count: int) -> list[list[str]]:
    """The authorities' slugs in `count` shards of about equal cost (fewer when there are fewer
    authorities), each shard's slugs sorted; the same every time for the same authorities."""
    count = max(1, min(count, len(authorities)))
    shards: list[list[str]] = [[] for _ in range(count)]
    loads = [0.0] * count
    for authority in sorted(authorities, key=lambda a: (-a.schools, a.slug)):
        lightest = min(range(count), key=lambda i: (loads[i], i))
        shards[lightest].append(authority.slug)
        loads[lightest] += cost(authority.schools)
    return [sorted(shard) for shard in shards]


def parse(text: str) -> tuple[int, int] | None:
    """'3/20' -> (3, 20); 'home' -> None (the national home). BadShard for anything else."""
    if text.strip().casefold() == HOME:
        return None
    found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not found or not 1 <= int(found[1]) <= int(found[2]):
        raise BadShard(
            f"--shard {text!r} names no shard: give K/N, the K-th of N shards (for example 3/20, "
            f"from 1/N to N/N), or '{HOME}' for the national home page"
        )
    return int(found[1]), int(found[2])
