"""Read a register extract once for the whole country: every open state-funded school in England,
mapped by the register import's own rules (gias.map), grouped by its local authority."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cohesion_guide.gias.census import open_census
from cohesion_guide.gias.map import Mapped, Skipped, map_row
from cohesion_guide.gias.read import read_extract

POSTCODE = "Postcode"
# A full postcode's outward part (its district: "SW1A", "B15", "M1"), from a postcode as the register writes it.
POSTCODE_PARTS = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?) ?[0-9][A-Z]{2}")
Progress = Callable[[int, int, str], None]


@dataclass
class School:
    """One school to import, as the register import maps it, and its postcode district ("" when unknown)."""

    mapped: Mapped
    district: str


@dataclass
class Authority:
    """A local authority's schools as the register lists them: its number, its name, its schools by URN order."""

    code: str
    name: str
    schools: list[School] = field(default_factory=list)


@dataclass
class Register:
    """What one reading of an extract (and census) found."""

    file: str
    digest: str  # sha256 of the extract's bytes
    rows: int
    authorities: dict[str, Authority]  # by name as the register writes it
    skipped: Counter  # gias.map.SKIP_REASONS key (or "repeated") -> how many rows
    messages: list[str]


def district_of(postcode: str) -> str:
    """'SW1A 1AA' -> 'SW1A'; '' for anything that is not a whole postcode."""
    found = POSTCODE_PARTS.fullmatch(" ".join(postcode.upper().split()))
    return found.group(1) if found else ""


def file_digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with open(path, "rb") as raw:
        while chunk := raw.read(1 << 20):
            hashed.update(chunk)
    return hashed.hexdigest()


def read_register(extract: Path, census: Path | None = None, progress: Progress | None = None) -> Register:
    """Every open state-funded school in England in `extract`, read a row at a time, once; with
    `census`, each school's census figures (the census is read once too). InvalidFile for a file that
    is not an extract (or census), before anything is written."""
    table = read_extract(extract, also=[POSTCODE])
    figures = open_census(census).figures() if census else {}
    authorities: dict[str, Authority] = {}
    skipped: Counter = Counter()
    seen: set[str] = set()
    messages: list[str] = []
    for row in table.rows():
        if progress:
            progress(table.done, table.size, "Reading the extract")
        result = map_row(row, figures.get(row.get("URN")))
        if isinstance(result, Skipped):
            skipped[result.reason] += 1
            if result.reason == "type-unknown":
                messages.append(
                    f"{result.name} ({result.urn}): type of establishment '{result.detail}' is not one the "
                    "import knows, so it was skipped."
                )
            continue
        if result.urn in seen:
            skipped["repeated"] += 1
            continue
        seen.add(result.urn)
        name = result.fields[("school", "local_authority")]
        authority = authorities.setdefault(name, Authority(row.get("LA (code)").lstrip("0") or "", name))
        # a row longer than its header may have its later columns out of line: no district from it
        district = "" if row.longer_than_header else district_of(row.get(POSTCODE))
        authority.schools.append(School(result, district))
    if table.long_count:
        messages.insert(
            0,
            f"{table.long_count} rows have more fields than the header; the extra fields were ignored, and "
            "the values of those schools that may have come from another column are marked 'to check'.",
        )
    return Register(table.file, file_digest(extract), table.count, authorities, skipped, messages)
