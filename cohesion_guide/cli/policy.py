"""`cohesion policy PROFILE`: write one school's community cohesion policy as Word, PDF, Markdown and a web page."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cohesion_guide import CHECKOUT
from cohesion_guide.documents.policy import (
    FORMAT_NAMES,
    FORMATS,
    UnknownFormat,
    checked_formats,
    size_text,
    write_policy,
)
from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.inputs.adoption import adoption_warning
from cohesion_guide.inputs.advice import review_cycle_problems, unconfirmed_problems
from cohesion_guide.inputs.profiles import display_name, load_profile

EXAMPLES = """examples:
  cohesion policy schools/riverside-primary.yml
      all four formats into out/
  cohesion policy schools/riverside-primary.yml -o governors-pack --format docx,pdf
      only the Word document and the PDF, into governors-pack/
  cohesion policy my-school.yml --project ../our-guide
      use another copy of the guide's local.yml and templates

The files are named after the profile: riverside-primary-policy.docx, ...-policy.pdf, and so on.
They are written together: if one cannot be made, none is, and any earlier copies stay as they were.
A value the profile still marks '# to check:' is printed as "to be confirmed": the command warns of
each one, as `cohesion validate` does, and still writes the documents.

exit status:
  0  the documents were written
  2  the profile, local.yml or a format was wrong: the message says what to fix; nothing was written
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "policy",
        help="write a school's policy as Word, PDF, Markdown and a web page",
        description="Write a school's community cohesion policy, tailored from its profile, ready for governors to adopt.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "profile", type=Path, metavar="PROFILE", help="the school's profile, for example schools/my-school.yml"
    )
    add_document_options(parser)
    parser.set_defaults(func=run)


def add_document_options(parser: argparse.ArgumentParser) -> None:
    """-o, --format and --project: the same for every command that writes a school's documents."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("out"),
        metavar="DIR",
        help="the folder to write into (made if missing; default: out)",
    )
    parser.add_argument(
        "--format",
        default=",".join(FORMATS),
        metavar="LIST",
        help=f"which formats, separated by commas: any of {', '.join(FORMATS)} (default: all)",
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=None,
        metavar="DIR",
        help="the copy of the guide whose local.yml and model_policies/ to use "
        "(default: the current folder if it has a local.yml, else the guide this command came with)",
    )


def project_dir(chosen: Path | None) -> Path:
    if chosen is not None:
        return chosen
    if (Path.cwd() / "local.yml").is_file() or CHECKOUT is None:
        return Path.cwd()
    return CHECKOUT


def formats_and_project(args: argparse.Namespace) -> tuple[tuple[str, ...], Path]:
    """The --format list and the --project folder, checked; UnknownFormat or InvalidFile when either is wrong."""
    try:
        formats = checked_formats(args.format.split(","))
    except UnknownFormat as err:
        raise UnknownFormat(f"--format: {err}. For example: --format docx,pdf") from None
    project = project_dir(args.project)
    if args.project is not None and not (project / "local.yml").is_file():
        raise InvalidFile(
            [
                Problem(
                    str(project),
                    1,
                    "--project",
                    "there is no local.yml here; give the folder of "
                    "your copy of the guide (the one with local.yml in it)",
                )
            ]
        )
    return formats, project


def run(args: argparse.Namespace) -> int:
    formats, project = formats_and_project(args)
    written = write_policy(args.profile, project, args.output, formats)
    for fmt, path in written.items():
        print(f"{path}  ({FORMAT_NAMES[fmt]}, {size_text(path.stat().st_size)})")
    warn_of_values_to_check(args.profile)
    warn_of_adoption_date(args.profile)
    return 0


def warn_of_adoption_date(profile_path: Path) -> None:
    """A draft whose adoption date has passed, or a policy approved on a date to come, against this machine's
    today: the builder's Check your answers warns of the same (inputs/adoption.py)."""
    shown = display_name(profile_path)
    profile = load_profile(profile_path, shown)
    message = adoption_warning(profile.data.get("document") or {}, date.today(), profile.unconfirmed)
    if message:
        print(f"{shown}, document.date_adopted: warning: {message}", file=sys.stderr)


def warn_of_values_to_check(profile_path: Path) -> None:
    """Each value the profile still marks to check, and a review cycle it does not give, one warning a line on
    standard error, as `cohesion validate` words them: the documents are written, and say "to be confirmed" there,
    but no one should adopt them yet."""
    shown = display_name(profile_path)
    profile = load_profile(profile_path, shown)
    warnings = unconfirmed_problems(profile, shown) + review_cycle_problems(profile, shown)
    for warning in warnings:
        print(warning, file=sys.stderr)
    if warnings:
        count = len(warnings)
        print(
            f"{count} value{'s' if count != 1 else ''} in {shown} still to check: the documents say 'to be "
            "confirmed' there until you put in the right values",
            file=sys.stderr,
        )
