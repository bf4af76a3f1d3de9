"""Read the DfE school-level census file into each school's figures: ethnic make-up, EAL %, FSM %, by URN."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.gias.read import Row, Table, column_key, read_table

# Profile key -> the start of the census column's name (the census cuts long names at 64 characters).
ETHNIC_COLUMNS = {
    "white_british": "number of pupils classified as white British",
    "irish": "number of pupils classified as Irish",
    "traveller_of_irish_heritage": "number of pupils classified as traveller of Irish heritage",
    "any_other_white": "number of pupils classified as any other white",
    "gypsy_roma": "number of pupils classified as Gypsy/Roma",
    "white_and_black_caribbean": "number of pupils classified as white and black Caribbean",
    "white_and_black_african": "number of pupils classified as white and black African",
    "white_and_asian": "number of pupils classified as white and Asian",
    "any_other_mixed": "number of pupils classified as any other mixed",
    "indian": "number of pupils classified as Indian",
    "pakistani": "number of pupils classified as Pakistani",
    "bangladeshi": "number of pupils classified as Bangladeshi",
    "any_other_asian": "number of pupils classified as any other Asian",
    "black_caribbean": "number of pupils classified as black Caribbean",
    "black_african": "number of pupils classified as black African",
    "any_other_black": "number of pupils classified as any other black",
    "chinese": "number of pupils classified as Chinese",
    "any_other_ethnic_group": "number of pupils classified as any other ethnic group",
    "unclassified": "number of pupils unclassified",
}
LANGUAGE_COLUMNS = {
    "english": "number of pupils whose first language is known or believed to be English",
    "other": "number of pupils whose first language is known or believed to be other than English",
    "unclassified": "number of pupils whose first language is unclassified",
}
FSM_COLUMN = "% of pupils known to be eligible for and claiming free school me"
HEADCOUNT_COLUMN = "headcount of pupils"
DENOMINATION_COLUMN = "denomination"
URBAN_RURAL_COLUMN = "urban_rural"


@dataclass(frozen=True)
class CensusFigures:
    """One school's figures from the census; None where the census does not give them."""

    ethnicity: dict[str, float] | None
    eal_percent: float | None
    fsm_percent: float | None
    number_on_roll: int | None
    denomination: str
    urban_rural: str


def number(text: str) -> float | None:
    """A count or percentage as the census writes it; None for blanks and the census's suppression marks (x, c, z, ..)."""
    try:
        value = float(text.replace(",", "").strip())
    except ValueError:
        return None
    return value if value >= 0 else None


def percent(part: float, whole: float) -> float:
    return round(100 * part / whole, 1)


class _Columns:
    """Finds each census column by the start of its name, once per file."""

    def __init__(self, table: Table):
        self.keys = [column_key(h) for h in table.header]

    def find(self, start: str) -> str | None:
        prefix = column_key(start)
        matches = [k for k in self.keys if k.startswith(prefix)]
        return matches[0] if matches else None


def _figures(row: Row, cols: dict[str, str | None]) -> CensusFigures:
    def count(key: str) -> float | None:
        column = cols.get(key)
        return number(row.get(column)) if column else None

    ethnic = {k: count("eth:" + k) for k in ETHNIC_COLUMNS}
    ethnicity = None
    if all(v is not None for v in ethnic.values()) and sum(ethnic.values()) > 0:
        # over the sum of the 19 counts (which is the census's own total of pupils it asks), so they add to 100
        total = sum(ethnic.values())
        ethnicity = {k: percent(v, total) for k, v in ethnic.items() if v}
    lang = {k: count("lang:" + k) for k in LANGUAGE_COLUMNS}
    eal = None
    if all(v is not None for v in lang.values()) and sum(lang.values()) > 0:
        eal = percent(lang["other"], sum(lang.values()))
    fsm = count("fsm")
    headcount = count("headcount")
    return CensusFigures(
        ethnicity=ethnicity,
        eal_percent=eal,
        fsm_percent=round(fsm, 1) if fsm is not None and fsm <= 100 else None,
        number_on_roll=int(headcount) if headcount else None,
        denomination=row.get(cols["denomination"] or ""),
        urban_rural=row.get(cols["urban_rural"] or ""),
    )


@dataclass(frozen=True)
class Census:
    """A school census file whose header has been checked, ready to be read row by row."""

    table: Table
    columns: dict[str, str | None]

    def figures(self, urns: Collection[str] | None = None) -> dict[str, CensusFigures]:
        """Each school's figures by URN: only those in `urns`, when given (a national census file is
        read a row at a time, and only the schools being imported are kept)."""
        schools = None if urns is None else set(urns)
        return {
            row.get("URN"): _figures(row, self.columns)
            for row in self.table.rows()
            if row.get("URN") and (schools is None or row.get("URN") in schools)
        }


def open_census(path: Path, display_name: str | None = None) -> Census:
    """A school census file, its header checked; InvalidFile when it is not a school census file."""
    wanted = [
        column_key(c)
        for c in [
            *ETHNIC_COLUMNS.values(),
            *LANGUAGE_COLUMNS.values(),
            FSM_COLUMN,
            HEADCOUNT_COLUMN,
            DENOMINATION_COLUMN,
            URBAN_RURAL_COLUMN,
            "URN",
        ]
    ]
    table = read_table(path, display_name, keep=lambda key: any(key.startswith(w) for w in wanted))
    find = _Columns(table).find
    cols: dict[str, str | None] = {"eth:" + k: find(v) for k, v in ETHNIC_COLUMNS.items()}
    cols |= {"lang:" + k: find(v) for k, v in LANGUAGE_COLUMNS.items()}
    cols |= {
        "fsm": find(FSM_COLUMN),
        "headcount": find(HEADCOUNT_COLUMN),
        "denomination": find(DENOMINATION_COLUMN),
        "urban_rural": find(URBAN_RURAL_COLUMN),
    }
    has_figures = any(cols[k] for k in cols if k not in ("denomination", "urban_rural"))
    if not table.has("URN") or not has_figures:
        if table.has("EstablishmentName"):
            hint = "it looks like a GIAS extract: give that first, and the census file after --census"
        else:
            hint = "its first line should name columns such as URN, headcount of pupils and the ethnic group counts"
        raise InvalidFile([Problem(table.file, 1, "(the whole file)", f"is not a school census file ({hint})")])
    return Census(table, cols)


def read_census(
    path: Path, display_name: str | None = None, urns: Collection[str] | None = None
) -> dict[str, CensusFigures]:
    """Each school's census figures by URN (only those in `urns`, when given), or InvalidFile when the
    file is not a school census file."""
    return open_census(path, display_name).figures(urns)
