"""The data "Find your school" searches: every school of the national edition, in one compact file.

    {"authorities": [[slug, name], ...],
     "schools": [[name, urn, place, postcode district, authority's index, school's slug], ...]}

Each school is a list, not an object, and each authority is named once: 24,000 schools make about
2.4 MB, some 0.5 MB compressed (measured by make bench-national). A result links to the school's
page on its authority's site and to the policy builder started from its register entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping


def finder_data(authorities: Iterable[tuple[str, str]], schools: Mapping[str, Mapping]) -> bytes:
    """The file's bytes, from the plan's authorities (slug, name) and its schools' entries by URN
    (plan.SchoolEntry as a dict: a, s, n, p, d); sorted by name, so the same plan gives the same bytes."""
    listed = sorted(authorities, key=lambda a: a[0])
    index = {slug: i for i, (slug, _) in enumerate(listed)}
    rows = sorted(
        ([e["n"], urn, e["p"], e["d"], index[e["a"]], e["s"]] for urn, e in schools.items() if e["a"] in index),
        key=lambda r: (r[0].casefold(), r[1]),
    )
    data = {"authorities": [list(a) for a in listed], "schools": rows}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
