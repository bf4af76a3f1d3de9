"""Read a GIAS establishment extract and a school census file as they come: any encoding, ragged rows, columns by name."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cohesion_guide.errors import InvalidFile, Problem

WHOLE_FILE = "(the whole file)"

# The columns the mapping cannot do without, and what each is for (said in the error).
NEEDED = {
    "URN": "to tell schools apart and to keep each school's file on a later import",
    "EstablishmentName": "for the school's name",
    "TypeOfEstablishment (name)": "to keep state-funded schools and skip the rest",
    "EstablishmentStatus (name)": "to skip closed schools",
    "PhaseOfEducation (name)": "for the school's phase",
    "LA (name)": "for the school's local authority",
}
# Columns every GIAS establishment extract has had: enough of them tells a GIAS file from another CSV.
GIAS_MARKERS = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (name)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "ReligiousCharacter (name)",
    "NumberOfPupils",
    "PercentageFSM",
    "Town",
    "Postcode",
    "UrbanRural (name)",
]
GIAS_MIN_MARKERS = 6


def column_key(name: str) -> str:
    """Column names compared without case or spaces: 'LA (name)', 'LA(name)' and 'la (Name)' are one column."""
    return re.sub(r"\s+", "", name.replace("\ufeff", "")).casefold()


# Every column the mapping reads: organisation fields only. Nothing else is kept from a row.
READ = {
    column_key(c)
    for c in [
        *NEEDED,
        "LA (code)",
        "StatutoryLowAge",
        "StatutoryHighAge",
        "ReligiousCharacter (name)",
        "NumberOfPupils",
        "PercentageFSM",
        "Town",
        "AdministrativeWard (name)",
        "UrbanRural (name)",
        "Country (name)",
        "ReasonEstablishmentClosed (name)",
        "Trusts (name)",
        "Diocese (name)",
        "Gender (name)",
        "NurseryProvision (name)",
        "TypeOfResourcedProvision (name)",
        *(f"SEN{n} (name)" for n in range(1, 14)),
        "Locality",
        "County (name)",
    ]
}


@dataclass(frozen=True)
class Row:
    """One establishment: its fields, found by column name, and where it sits in the file."""

    line: int
    fields: list[str]
    columns: dict[str, int]  # column_key -> position; one dict shared by every row of a file
    longer_than_header: bool = False

    def get(self, column: str) -> str:
        """The value under `column`, stripped; "" when the column or the field is missing (a short row)."""
        at = self.columns.get(column_key(column))
        return self.fields[at].strip() if at is not None and at < len(self.fields) else ""


@dataclass
class Table:
    """A CSV file read whole: its header, its rows and what did not fit."""

    file: str
    header: list[str]
    rows: list[Row]
    long_rows: list[int] = field(default_factory=list)  # line numbers of rows with more fields than the header
    short_rows: list[int] = field(default_factory=list)
    encoding: str = "utf-8"

    def has(self, column: str) -> bool:
        return column_key(column) in {column_key(h) for h in self.header}


def _problem(file: str, message: str, where: str = WHOLE_FILE, line: int = 1) -> InvalidFile:
    return InvalidFile([Problem(file, line, where, message)])


def decode(raw: bytes, file: str) -> tuple[str, str]:
    """The file's text and its encoding: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if raw.startswith(b"PK\x03\x04"):
        raise _problem(
            file,
            "is a zip or Excel file, not a CSV file. Open it in a spreadsheet, save it as 'CSV (comma delimited)', and give that file",
        )
    if b"\x00" in raw[:65536]:
        raise _problem(
            file, "is not a text (CSV) file. Give the CSV file downloaded from Get Information About Schools"
        )
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise _problem(
            file, "is not a text (CSV) file: it is neither UTF-8 nor Windows-1252 text. Save it as CSV and try again"
        ) from None


def read_table(path: Path, display_name: str | None = None, keep: Callable[[str], bool] = lambda key: True) -> Table:
    """Read a CSV file whole, matching each row's fields to the header by position, as CSV means.

    Rows hold only the columns whose column_key `keep` accepts: a national extract is tens of
    thousands of rows of 120-256 columns, and most of them (the head teacher's name among them)
    the import has no business holding.
    """
    file = display_name or path.name
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise _problem(
            file, f"cannot be read ({err.strerror}). Check the file name and that the file is not open elsewhere"
        ) from None
    text, encoding = decode(raw, file)
    if not text.strip():
        raise _problem(file, "is empty. Give the CSV file downloaded from Get Information About Schools")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        positions: dict[str, int] = {}
        for at, name in enumerate(header):
            if keep(column_key(name)):
                positions.setdefault(column_key(name), at)  # a repeated column name: the first one counts
        columns = {key: i for i, key in enumerate(positions)}
        table = Table(file, header, [], encoding=encoding)
        start = reader.line_num + 1
        for fields in reader:
            line, start = start, reader.line_num + 1
            if not any(f.strip() for f in fields):
                continue  # a blank line, often at the end of a file saved by a spreadsheet
            if len(fields) > len(header):
                table.long_rows.append(line)
            elif len(fields) < len(header):
                table.short_rows.append(line)
            kept = [fields[at] if at < len(fields) else "" for at in positions.values()]
            table.rows.append(Row(line, kept, columns, len(fields) > len(header)))
    except csv.Error as err:
        raise _problem(
            file,
            f"could not be read as CSV ({err}). Save it again as CSV from a spreadsheet and try again",
            line=reader.line_num or 1,
        ) from None
    return table


def read_extract(path: Path, display_name: str | None = None) -> Table:
    """A GIAS establishment extract, or InvalidFile saying why the file is not one or lacks what the import needs."""
    table = read_table(path, display_name, keep=lambda key: key in READ)
    present = {column_key(h) for h in table.header}
    if "headcountofpupils" in present or "time_period" in present:
        raise _problem(
            table.file,
            "looks like a school census file, not a Get Information About Schools (GIAS) extract. "
            "Give the GIAS extract first, and the census file after --census",
        )
    if sum(column_key(m) in present for m in GIAS_MARKERS) < GIAS_MIN_MARKERS:
        raise _problem(
            table.file,
            "is not an extract from Get Information About Schools (GIAS): its first line should name "
            "columns such as URN, EstablishmentName and TypeOfEstablishment (name). Download the establishment "
            "fields as CSV from GIAS and give that file",
        )
    missing = [name for name in NEEDED if column_key(name) not in present]
    if missing:
        raise InvalidFile(
            [
                Problem(
                    table.file,
                    1,
                    name,
                    f"this column is missing from the extract; the import needs it {NEEDED[name]}. "
                    "Download the extract from GIAS again with all the establishment fields",
                )
                for name in missing
            ]
        )
    return table
