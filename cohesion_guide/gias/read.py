"""Read a GIAS establishment extract and a school census file as they come: any encoding, ragged rows, columns by name."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
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


LINES_KEPT = 8  # lines named of the rows that do not fit the header: enough to find them, whatever the size
CHUNK = 1 << 16  # bytes read at a time: a few dozen rows


@dataclass
class Table:
    """A CSV file read row by row: its header, and, as its rows are read, what did not fit.

    Only the row being read is held, so a file of any size is read in the memory of a few rows
    (a national extract is tens of thousands of rows of 120-256 columns, hundreds of megabytes)."""

    file: str
    header: list[str]
    path: Path
    encoding: str = "utf-8"
    keep: Callable[[str], bool] = lambda key: True
    size: int = 0  # bytes
    done: int = 0  # bytes read so far, for a progress bar
    count: int = 0  # rows read so far (blank lines are not rows)
    long_rows: list[int] = field(default_factory=list)  # the first LINES_KEPT lines with more fields than the header
    long_count: int = 0
    short_rows: list[int] = field(default_factory=list)
    short_count: int = 0

    def has(self, column: str) -> bool:
        return column_key(column) in {column_key(h) for h in self.header}

    def rows(self) -> Iterator[Row]:
        """Each row in turn, matched to the header by position (as CSV means), holding only the
        columns `keep` accepts: most of them (the head teacher's name among them) the import has no
        business holding."""
        positions: dict[str, int] = {}
        for at, name in enumerate(self.header):
            if self.keep(column_key(name)):
                positions.setdefault(column_key(name), at)  # a repeated column name: the first one counts
        columns = {key: i for i, key in enumerate(positions)}
        width, wanted = len(self.header), list(positions.values())
        self.count = self.long_count = self.short_count = 0
        self.long_rows, self.short_rows = [], []
        with self._open() as text:
            reader = csv.reader(text)
            try:
                next(reader, None)  # the header, read already
                start = reader.line_num + 1
                for fields in reader:
                    line, start = start, reader.line_num + 1
                    if not any(f.strip() for f in fields):
                        continue  # a blank line, often at the end of a file saved by a spreadsheet
                    self.count += 1
                    if len(fields) > width:
                        self.long_count += 1
                        self.long_rows += [line] if len(self.long_rows) < LINES_KEPT else []
                    elif len(fields) < width:
                        self.short_count += 1
                        self.short_rows += [line] if len(self.short_rows) < LINES_KEPT else []
                    kept = [fields[at] if at < len(fields) else "" for at in wanted]
                    yield Row(line, kept, columns, len(fields) > width)
            except csv.Error as err:
                raise _problem(
                    self.file,
                    f"could not be read as CSV ({err}). Save it again as CSV from a spreadsheet and try again",
                    line=reader.line_num or 1,
                ) from None

    def _open(self) -> io.TextIOWrapper:
        self.done = 0
        counted = io.BufferedReader(_Counting(open(self.path, "rb", buffering=0), self), CHUNK)  # noqa: SIM115
        return io.TextIOWrapper(
            counted, encoding="utf-8-sig" if self.encoding == "utf-8" else self.encoding, newline=""
        )


class _Counting(io.RawIOBase):
    """A file read through this adds the bytes it reads to its table's `done`, for a progress bar."""

    def __init__(self, raw: io.RawIOBase, table: Table):
        self.raw, self.table = raw, table

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int | None:
        count = self.raw.readinto(buffer)
        self.table.done += count or 0
        return count

    def close(self) -> None:
        self.raw.close()
        super().close()


def _problem(file: str, message: str, where: str = WHOLE_FILE, line: int = 1) -> InvalidFile:
    return InvalidFile([Problem(file, line, where, message)])


CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"  # the bytes Windows-1252 gives no character


def encoding_of(path: Path, file: str) -> str:
    """The file's encoding, "utf-8" (with or without a byte-order mark) or else "cp1252", from one pass
    through it a chunk at a time; InvalidFile for a file that is empty or is not CSV text."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8, is_cp1252, has_text, first = True, True, False, True
    with open(path, "rb") as raw:
        while chunk := raw.read(CHUNK):
            if first and chunk.startswith(b"PK\x03\x04"):
                raise _problem(
                    file,
                    "is a zip or Excel file, not a CSV file. Open it in a spreadsheet, save it as "
                    "'CSV (comma delimited)', and give that file",
                )
            if first and b"\x00" in chunk[:65536]:
                raise _problem(
                    file, "is not a text (CSV) file. Give the CSV file downloaded from Get Information About Schools"
                )
            first = False
            has_text = has_text or bool(chunk.replace(b"\xef\xbb\xbf", b"").strip())
            if is_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    is_utf8 = False
            is_cp1252 = is_cp1252 and not any(byte in chunk for byte in CP1252_UNDEFINED)
    if is_utf8:
        try:
            utf8.decode(b"", final=True)  # a character cut short at the end of the file
        except UnicodeDecodeError:
            is_utf8 = False
    if not has_text:
        raise _problem(file, "is empty. Give the CSV file downloaded from Get Information About Schools")
    if is_utf8:
        return "utf-8"
    if is_cp1252:
        return "cp1252"
    raise _problem(
        file, "is not a text (CSV) file: it is neither UTF-8 nor Windows-1252 text. Save it as CSV and try again"
    )


def read_table(path: Path, display_name: str | None = None, keep: Callable[[str], bool] = lambda key: True) -> Table:
    """A CSV file opened to be read row by row (Table.rows): its encoding found and its header read
    now, its rows when they are asked for. InvalidFile when it cannot be read as CSV text."""
    path = Path(path)
    file = display_name or path.name
    try:
        table = Table(file, [], path, encoding_of(path, file), keep, size=path.stat().st_size)
        with table._open() as text:
            table.header = [h.strip() for h in next(csv.reader(text), [])]
    except OSError as err:
        raise _problem(
            file, f"cannot be read ({err.strerror}). Check the file name and that the file is not open elsewhere"
        ) from None
    except csv.Error as err:
        raise _problem(
            file, f"could not be read as CSV ({err}). Save it again as CSV from a spreadsheet and try again"
        ) from None
    return table


def read_extract(path: Path, display_name: str | None = None, also: Iterable[str] = ()) -> Table:
    """A GIAS establishment extract, or InvalidFile saying why the file is not one or lacks what the import needs.
    Its rows hold the columns the mapping reads (READ), and the organisation columns named in `also`
    (`cohesion national` keeps each school's postcode for finding it)."""
    kept = READ | {column_key(name) for name in also}
    table = read_table(path, display_name, keep=lambda key: key in kept)
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
