"""`cohesion import-gias`: make school profiles from a national register (GIAS) extract, and refresh them later."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.gias.importer import REASONS, Summary, import_extract
from cohesion_guide.gias.write import PLACEHOLDERS, placeholders

LARGE = 500  # files; fewer are written before a bar would be any use
LARGE_BYTES = 500_000  # an extract smaller than this is read before a bar would be any use

DESCRIPTION = """\
Make a profile in the schools folder for each open state-funded school in England in an extract
from Get Information About Schools (GIAS), the national register of schools. Closed, independent
and overseas establishments, and ones that are not schools (colleges, children's centres and so
on), are skipped and counted.

From the register: name, URN, phase, type, an academy's trust, religious character and diocese,
local authority, ages, girls or boys, nursery classes, resourced provision or SEN unit and the needs
it is for, town, locality (where it differs from the town), ward, urban or rural, pupils on roll,
free school meals (%). With --census: pupils' ethnic make-up, English as an additional language
(%), and free school meals (%) from the school census. A school the register lists as open, but
proposed to close (or closed, when its profile is already here) is named at the end as a warning,
and its profile says so, so that its policy carries a warning.

Nothing personal is copied: no head teacher's name, title or phone number. The extract is read a
row at a time, so its size does not matter: memory grows only with the schools imported.

What the register cannot give is filled in with a placeholder that a person must change, marked
'# to check:' in the file; a policy prints "to be confirmed" in its place until then:
{placeholders}
A figure the register (and census) does not give is written 'not known', marked the same way: the
policy says nothing about it, never 0. Values the register gives but that look wrong are marked
too: a town that is not a place (the authority's name is put in), an urban/rural value it does not
know (urban is put in), a religious character it does not know (Does not apply is put in).

Importing again (a newer extract) refreshes only the register's fields, and only where the
register changed. A field you changed by hand is kept, and the import says so. A profile not
made by the import is never touched. Every file is written whole or not at all.
"""

EXAMPLES = """\
examples:
  cohesion import-gias edubasealldata.csv -o schools/ --la Camden
  cohesion import-gias edubasealldata.csv -o schools/ --la-code 202 --census spc_school_level.csv

exit status: 0 done; 2 the input was wrong (the message says what and where; nothing was written)
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "import-gias",
        help="make school profiles from a national register (GIAS) extract",
        description=DESCRIPTION.format(placeholders=_placeholders()),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("extract", type=Path, metavar="EXTRACT.csv", help="the establishment fields CSV file from GIAS")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("schools"),
        metavar="FOLDER",
        help="the folder for the profiles (default: schools)",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--la", metavar="NAME", help="only this local authority, by name as the extract writes it (any case)"
    )
    which.add_argument("--la-code", metavar="N", help="only this local authority, by its three-digit number, e.g. 202")
    parser.add_argument(
        "--census",
        type=Path,
        metavar="FILE",
        help="the school-level census CSV: adds ethnic make-up, EAL %% and FSM %% by URN",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="always show a progress bar (it shows by itself for a large file at a terminal)",
    )
    parser.set_defaults(func=run)


def _placeholders() -> str:
    academy, pru = placeholders("Academy Converter"), placeholders("Pupil Referral Unit")
    lines = []
    width = max(len(".".join(path)) for path, _, _ in PLACEHOLDERS)
    for (path, value, _), (_, for_academy, _), (_, for_pru, _) in zip(PLACEHOLDERS, academy, pru, strict=True):
        shown = "the date of the import" if value is None else str(value)
        if path == ("document", "review_cycle_years"):  # the policy suggests local.yml's cycle until it is set
            shown += " (until then a policy suggests local.yml's cycle)"
        if for_academy != value:
            shown += f" ({for_academy} for an academy, {for_pru} for a pupil referral unit)"
        lines.append(f"  {'.'.join(path):<{width}} {shown}")
    return "\n".join(lines)


class ProgressBar:
    """A one-line bar on stderr, redrawn only when it moves."""

    def __init__(self, stream: TextIO, always: bool):
        self.stream, self.always, self.shown, self.finished = stream, always, -1, set()

    def __call__(self, done: int, total: int, what: str = "Writing profiles") -> None:
        """`done` of `total`: bytes of a file being read ("Reading ...", "Finding ..."), else files written."""
        reading = what.startswith(("Reading", "Finding"))
        if what in self.finished or not (
            self.always or (self.stream.isatty() and total >= (LARGE_BYTES if reading else LARGE))
        ):
            return
        step = done * 40 // max(total, 1)
        if step != self.shown or done >= total:
            self.shown = -1 if done >= total else step
            amount = f"{done / 1e6:.1f}/{total / 1e6:.1f} MB" if reading else f"{done}/{total} files"
            self.stream.write(f"\r{what} [{'#' * step}{'.' * (40 - step)}] {amount}")
            if done >= total:
                self.stream.write("\n")
                self.finished.add(what)
            self.stream.flush()


def report(summary: Summary, out_dir: Path) -> str:
    lines = [f"  {m}" for m in summary.messages]
    if lines:
        lines.insert(0, "Notes:")
    if summary.warnings:
        lines += ["Warnings:", *(f"  {w}" for w in summary.warnings)]
    lines.append(
        f"Read {summary.rows} rows. Imported {len(summary.imported)}, updated {len(summary.updated)}, "
        f"unchanged {len(summary.unchanged)} (in {out_dir})."
    )
    skipped = sum(summary.skipped.values())
    if skipped:
        lines.append(f"Skipped {skipped}:")
        lines += [
            f"  {REASONS[key]}: {count}"
            for key, count in sorted(summary.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    if summary.imported:
        lines.append(
            f"Each new profile has placeholders for leads and document to fill in; {summary.to_check} of them "
            "also have register values to check. Look for '# to check:' in the files."
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.output.exists() and not args.output.is_dir():
        raise InvalidFile([Problem(str(args.output), 1, "-o", "is a file, not a folder; give the schools folder")])
    summary = import_extract(
        args.extract,
        args.output,
        la=args.la,
        la_code=args.la_code,
        census=args.census,
        progress=ProgressBar(sys.stderr, args.progress),
    )
    print(report(summary, args.output))
    return 0
