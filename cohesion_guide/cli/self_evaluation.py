"""`cohesion self-evaluation PROFILE`: write a school's self-evaluation pack (community profile, audit report,
action plan, evidence portfolio) as Word, PDF, Markdown and a web page."""

from __future__ import annotations

import argparse
from pathlib import Path

from cohesion_guide.cli.policy import add_document_options, formats_and_project
from cohesion_guide.documents.policy import FORMAT_NAMES, size_text
from cohesion_guide.documents.self_evaluation import write_self_evaluation
from cohesion_guide.inputs.profiles import display_name

EXAMPLES = """examples:
  cohesion self-evaluation schools/riverside-primary.yml
      uses audits/riverside-primary.yml if it is there; all four formats into out/
  cohesion self-evaluation schools/riverside-primary.yml --audit drafts/riverside.yml -o self-evaluation --format docx,pdf
      a particular audit file; only Word and PDF, into self-evaluation/

Without an audit, every practice is shown as not yet assessed and the plan asks for the audit
(start one with: cohesion audit new SCHOOL). The files are written together: if one cannot be
made, none is, and any earlier copies stay as they were.

exit status:
  0  the documents were written
  2  the profile, the audit, local.yml or a format was wrong: the message says what to fix;
     nothing was written
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "self-evaluation",
        aliases=["toolkit"],  # its first name, kept so that scripts written for it still work
        help="write a school's self-evaluation pack: community profile, audit report, action plan, evidence",
        description="Write a school's self-evaluation pack from its profile and audit: the community profile, "
        "the audit report, the action plan on the six-point framework and the evidence portfolio.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "profile", type=Path, metavar="PROFILE", help="the school's profile, for example schools/my-school.yml"
    )
    parser.add_argument(
        "--audit",
        type=Path,
        default=None,
        metavar="AUDIT",
        help="the school's audit (default: audits/<name>.yml beside the schools/ folder, if it is there)",
    )
    add_document_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    formats, project = formats_and_project(args)
    audit = args.audit
    if audit is None:
        beside = Path(args.profile).resolve().parent.parent / "audits" / f"{Path(args.profile).stem}.yml"
        audit = beside if beside.is_file() else None
    written = write_self_evaluation(
        args.profile, audit, project, args.output, formats, audit_display=display_name(audit) if audit else None
    )
    if audit is None:
        slug = Path(args.profile).stem
        print(
            f"No audit for {slug}: every practice is shown as not yet assessed. "
            f"Start one with: cohesion audit new {slug}"
        )
    else:
        print(f"Using the audit {display_name(audit)}")
    for fmt, path in written.items():
        print(f"{path}  ({FORMAT_NAMES[fmt]}, {size_text(path.stat().st_size)})")
    return 0
