"""A register (GIAS) extract of any size, in the national extract's shape, for measuring the import's memory.

    python -m tests.synthetic_extract OUT.csv --megabytes 200

A national extract has some 50,000 rows of 120 to 256 columns, about 1 KB a row. This one has the
columns the import reads, filler columns up to 140 (as the anonymised extract in ../shared/data
has), and a fixed number of schools (KEPT) in the authority the measurement imports, Exampleshire;
every other row is in another authority. So a larger file means more rows to read, never more
profiles to write: what grows with the file is only what the import keeps per row.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

KEPT = 40  # schools in Exampleshire, whatever the size
AUTHORITY = "Exampleshire"
COLUMNS = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentStatus (name)",
    "ReasonEstablishmentClosed (name)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "NurseryProvision (name)",
    "Gender (name)",
    "ReligiousCharacter (name)",
    "Diocese (name)",
    "NumberOfPupils",
    "PercentageFSM",
    "Trusts (name)",
    "Street",
    "Locality",
    "Town",
    "Postcode",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "TelephoneNum",
    *(f"SEN{n} (name)" for n in range(1, 14)),
    "TypeOfResourcedProvision (name)",
    "AdministrativeWard (name)",
    "UrbanRural (name)",
    "Country (name)",
]
WIDTH = 140


def header() -> list[str]:
    return COLUMNS + [f"Filler{n} (name)" for n in range(WIDTH - len(COLUMNS))]


def row(number: int) -> list[str]:
    """One open community primary school; the first KEPT rows are in Exampleshire."""
    kept = number < KEPT
    authority = AUTHORITY if kept else f"Authority {number % 150}"
    values = {
        "URN": str(200000 + number),
        "LA (code)": "931" if kept else str(100 + number % 150),
        "LA (name)": authority,
        "EstablishmentName": f"School Number {number} Primary School",
        "TypeOfEstablishment (name)": "Community school",
        "EstablishmentStatus (name)": "Open",
        "ReasonEstablishmentClosed (name)": "Not applicable",
        "PhaseOfEducation (name)": "Primary",
        "StatutoryLowAge": "4",
        "StatutoryHighAge": "11",
        "NurseryProvision (name)": "No Nursery Classes",
        "Gender (name)": "Mixed",
        "ReligiousCharacter (name)": "Does not apply",
        "Diocese (name)": "Not applicable",
        "NumberOfPupils": str(100 + number % 400),
        "PercentageFSM": f"{number % 50}.5",
        "Trusts (name)": "",
        "Street": f"{number % 90} Long Road",
        "Locality": f"Village {number % 300}",
        "Town": f"Town {number % 200}",
        "Postcode": "EX1 1AA",
        "HeadTitle (name)": "Mrs",
        "HeadFirstName": "Firstname",
        "HeadLastName": "Lastname",
        "TelephoneNum": "01234560000",
        "TypeOfResourcedProvision (name)": "Not applicable",
        "AdministrativeWard (name)": f"Ward {number % 500}",
        "UrbanRural (name)": "(England/Wales) Urban city and town",
        "Country (name)": "",
    }
    return [values.get(name, f"value {number % 97}" if name.startswith("Filler") else "") for name in header()]


def write_extract(path: Path, megabytes: float) -> Path:
    """Write an extract of about `megabytes` MB (at least KEPT rows and one more) to `path`."""
    target = int(megabytes * 1_000_000)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header())
        number = 0
        while number <= KEPT or out.tell() < target:
            writer.writerow(row(number))
            number += 1
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--megabytes", type=float, default=200)
    args = parser.parse_args(argv)
    write_extract(args.out, args.megabytes)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
