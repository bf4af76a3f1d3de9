"""`cohesion audit new|validate`: start a school's self-evaluation audit, and check audit files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cohesion_guide.cli.validate import files_to_check, report
from cohesion_guide.errors import InvalidFile
from cohesion_guide.files import atomic_path
from cohesion_guide.inputs.audit import SLUG, blank_audit, completed_by_for, load_audit
from cohesion_guide.inputs.profiles import display_name, load_profile

EXAMPLES = """examples:
  cohesion audit new riverside-primary
      write audits/riverside-primary.yml: every practice listed, each set to not-yet
  cohesion audit new riverside-primary -o my-audits
      write it into my-audits/ instead
  cohesion audit validate audits/riverside-primary.yml
  cohesion audit validate audits/          every .yml file in the folder

An audit is named like the school's profile: audits/riverside-primary.yml goes with
schools/riverside-primary.yml. A practice left out of an audit counts as not yet assessed.

exit status:
  0  the audit was written, or every audit checked is valid
  2  a name or an audit was wrong: each problem is one line (file, line, field, what to do);
     nothing was written
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="start a school's self-evaluation audit, or check audit files",
        description="The self-evaluation audit: where a school stands on each community cohesion practice.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    new = actions.add_parser(
        "new",
        help="write a blank audit for a school, ready to fill in",
        description="Write a blank, commented audit for a school: every practice is listed as not-yet.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument(
        "slug", metavar="SCHOOL", help="the school's profile name without .yml, for example riverside-primary"
    )
    new.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("audits"),
        metavar="DIR",
        help="the folder to write into (made if missing; default: audits)",
    )
    new.add_argument(
        "--schools",
        type=Path,
        default=Path("schools"),
        metavar="DIR",
        help="where the school's profile is, to put its name and lead in the audit (default: schools)",
    )
    new.add_argument("--force", action="store_true", help="replace an audit that is already there")
    new.set_defaults(func=run_new)
    check = actions.add_parser(
        "validate",
        help="check audit files and list every problem",
        description="Check audit files and list every problem found, not only the first.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="an audit (.yml) or a folder of audits")
    check.set_defaults(func=run_validate)
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])


def run_new(args: argparse.Namespace) -> int:
    slug = args.slug.removesuffix(".yml")
    if not SLUG.match(slug):
        print(
            f"'{args.slug}' is not a school's profile name: use the name of its file in schools/ without .yml, "
            "in lowercase letters, digits and hyphens, for example riverside-primary",
            file=sys.stderr,
        )
        return 2
    dest = args.output / f"{slug}.yml"
    if dest.exists() and not args.force:
        print(
            f"{display_name(dest)} is already there, so nothing was written. Edit it, or add --force to start again "
            "(that replaces everything in it).",
            file=sys.stderr,
        )
        return 2
    name, lead = None, completed_by_for(None)
    profile_path = args.schools / f"{slug}.yml"
    if profile_path.is_file():
        try:
            profile = load_profile(profile_path)
            name, lead = profile.name, completed_by_for(profile)
        except InvalidFile:
            pass  # the audit does not depend on the profile; `cohesion validate` reports its problems
    else:
        print(f"Note: there is no profile {display_name(profile_path)} yet; the audit will be used once there is one.")
    with atomic_path(dest) as tmp:
        tmp.write_text(blank_audit(slug, school_name=name, completed_by=lead), encoding="utf-8")
    print(
        f"{display_name(dest)} written: set each practice's status, then run cohesion audit validate {display_name(dest)}"
    )
    return 0


def run_validate(args: argparse.Namespace) -> int:
    files, problems = files_to_check(args.paths, kind="audits")
    return report(files, problems, load_audit, ("audit", "audits"), "cohesion audit validate")
