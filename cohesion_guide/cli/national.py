"""`cohesion national`: the national edition, from one register extract to one site per authority
under a national home, in shards that run anywhere (CI runs them as a matrix)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cohesion_guide.cli.import_gias import ProgressBar
from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.national import assemble, layout, publish, run, shards
from cohesion_guide.national.plan import DEFAULT_PUBLISHER, Plan, skipped_lines
from cohesion_guide.national.register import file_digest

DESCRIPTION = """\
Build the national edition: a copy of the guide for every local authority in England, each with a
page and a draft policy for each of its open state-funded schools, from one extract of the national
register of schools (Get Information About Schools, GIAS), under a national home page with
"Find your school".

The extract is read once. Each school is imported as `cohesion import-gias` imports it: what the
register says and nothing invented; closed, independent, Welsh and overseas establishments are left
out and counted. Each authority's local.yml names it as the register does, with no contacts (its
schools' policies then say they will ask their authority what support it offers), and its site is
built exactly as a fork's is (`make site`).

Steps, each its own process (CI runs the shards on separate runners, .github/workflows/national.yml):
  --plan         read the extract, write each authority's profiles and the plan (FOLDER/plan.json,
                 FOLDER/matrix.json: the shards, balanced by their schools, with their digests)
  --shard K/N    build the K-th of N shards of authorities (and --shard home: the national home)
  --assemble     put the built sites under one root, FOLDER/site/, identical files kept once
With none of them, all three run here, one after another.

Or publish to a host a change at a time, after the shards are built (CI does, so that no runner
downloads the whole country), HOST being any rsync destination (a folder, or user@host:/path/):
  --publish K/N --to HOST   send the shard's sites whose digest differs from HOST's record of what it
                            holds (FOLDER/delta/K-of-N/, linked); the home too: --publish home
  --publish-record --to HOST
                            once every shard is published: remove authorities no longer planned and
                            write the record (national-sites.json), last
HOST then holds, file for file, what --assemble puts in FOLDER/site/.

Shards share nothing but FOLDER/cache/, where each authority's documents and converted pages are
kept under keys of what they are made from: restore it before a build and save it after, and a
build makes only what changed. A site whose schools, settings and guide are unchanged since it was
built is not built again.
"""

EXAMPLES = """\
examples:
  cohesion national edubasealldata.csv -o national/
  cohesion national edubasealldata.csv -o national/ --plan --shards 20
  cohesion national -o national/ --shard 3/20
  cohesion national -o national/ --shard home
  cohesion national -o national/ --assemble
  cohesion national -o national/ --publish 3/20 --to deploy@host.example:/srv/national/
  cohesion national -o national/ --publish-record --to deploy@host.example:/srv/national/

exit status: 0 done; 1 a site did not build (its output is shown); 2 the input was wrong
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "national",
        help="build the national edition: every school in England, one site per authority",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "extract", type=Path, nargs="?", metavar="EXTRACT.csv", help="the register's establishment fields, as CSV"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FOLDER", help="where everything goes")
    parser.add_argument("--census", type=Path, metavar="FILE", help="the school-level census CSV (ethnicity, EAL, FSM)")
    step = parser.add_mutually_exclusive_group()
    step.add_argument("--plan", action="store_true", help="only plan: write the profiles, the plan and the matrix")
    step.add_argument("--shard", metavar="K/N", help="only build shard K of N (or 'home', the national home)")
    step.add_argument("--assemble", action="store_true", help="only put the built sites under one root")
    step.add_argument(
        "--publish", metavar="K/N", help="send shard K of N's changed sites (or 'home''s) to the host --to names"
    )
    step.add_argument(
        "--publish-record",
        action="store_true",
        help="once every shard is published: remove authorities no longer planned from --to, write its record",
    )
    parser.add_argument(
        "--to", metavar="HOST", help="with --publish: the host, as an rsync destination (a folder, or user@host:/path/)"
    )
    parser.add_argument(
        "--shards", type=int, default=20, metavar="N", help="how many shards the matrix has (default: 20)"
    )
    parser.add_argument(
        "--drop-others",
        action="store_true",
        help="with --shard: first remove other shards' sites and caches from FOLDER (on a CI runner, whose "
        "folder is this shard's alone, so the cache it saves and the sites it uploads are its own)",
    )
    parser.add_argument(
        "--publisher",
        metavar="NAME",
        help=f"who publishes the edition, as every page's footer names it (default: {DEFAULT_PUBLISHER})",
    )
    parser.add_argument("--site-url", metavar="URL", help="where the national site is published, ending with /")
    parser.add_argument(
        "--websites",
        type=Path,
        metavar="FILE",
        help="a CSV of authorities' own websites (columns 'LA (code)' and 'website'); without it, none is linked",
    )
    parser.add_argument(
        "--guide", type=Path, default=Path("."), metavar="FOLDER", help="the copy of the guide to build (default: .)"
    )
    parser.add_argument("--progress", action="store_true", help="always show a progress bar while reading")
    parser.set_defaults(func=main)


NOTES = 10  # of the import's notes, shown; the rest are in the plan


def say(text: str) -> None:
    print(text, flush=True)


def plan_summary(plan: Plan) -> str:
    lines = [
        f"Read {plan.extract['rows']} rows of {plan.extract['file']}: {plan.total_schools()} schools in "
        f"{len(plan.authorities)} local authorities."
    ]
    if plan.skipped:
        lines += [f"Left out {sum(plan.skipped.values())}:", *skipped_lines(plan)]
    if plan.warnings:
        lines.append(f"{len(plan.warnings)} schools are closed or proposed to close; their policies say so.")
    lines += plan.messages[:NOTES]
    if len(plan.messages) > NOTES:
        lines.append(f"... and {len(plan.messages) - NOTES} more notes, in {layout.PLAN} (messages).")
    return "\n".join(lines)


def _check(args: argparse.Namespace) -> None:
    if args.output.exists() and not args.output.is_dir():
        raise InvalidFile([Problem(str(args.output), 1, "-o", "is a file, not a folder")])
    if (args.publish or args.publish_record) and not args.to:
        raise InvalidFile([Problem("--to", 1, "(missing)", "give the host to publish to, as rsync names it")])
    if args.to and not (args.publish or args.publish_record):
        raise InvalidFile([Problem("--to", 1, "--to", "is for --publish or --publish-record only")])
    if (args.plan or not (args.shard or args.assemble or args.publish or args.publish_record)) and args.extract is None:
        raise InvalidFile([Problem("EXTRACT.csv", 1, "(missing)", "give the register extract to plan from")])
    if args.shards < 1:
        raise InvalidFile([Problem("--shards", 1, "--shards", f"found {args.shards}; allowed: 1 or more")])
    for which in (args.shard, args.publish):
        if which:
            shards.parse(which)  # BadShard says what is allowed


def main(args: argparse.Namespace) -> int:
    _check(args)
    out, guide = args.output, args.guide
    progress = ProgressBar(sys.stderr, args.progress)
    options = dict(
        census=args.census,
        shard_count=args.shards,
        publisher=args.publisher,
        site_url=args.site_url,
        websites=args.websites,
        progress=progress,
    )
    if args.plan:
        made = run.plan(args.extract, out, guide, **options)
        say(plan_summary(made))
        say(f"Plan written to {out / layout.PLAN}; the shards for CI to {out / layout.MATRIX}.")
        return 0
    if args.shard:
        existing = run.load_plan(out)
        if args.extract is not None and (existing is None or not _same_extract(existing, args.extract)):
            say(plan_summary(run.plan(args.extract, out, guide, **options)))
        result = run.build_shard(out, guide, args.shard, say, alone=args.drop_others)
        say(
            f"Shard {result.name}: {sum(b.built for b in result.built)} built, "
            f"{sum(not b.built for b in result.built)} unchanged."
        )
        return 0
    if args.assemble:
        return _assemble(out)
    if args.publish:
        sent = publish.publish_shard(out, run.current_plan(out), args.publish, args.to)
        names = ", ".join("the national home" if s == layout.HOME else s for s in sent.sent)
        say(
            f"Shard {args.publish}: sent {len(sent.sent)} site{'' if len(sent.sent) == 1 else 's'} to {args.to} "
            f"({sent.bytes / 1e6:.1f} MB as files)"
            + (f": {names}." if sent.sent else ": the host holds every other one as built.")
        )
        return 0
    if args.publish_record:
        gone = publish.publish_record(run.current_plan(out), args.to)
        say(
            f"Wrote the record of every site to {args.to}"
            + (f"; removed {len(gone)} authorities no longer planned: {', '.join(gone)}." if gone else ".")
        )
        return 0
    made = run.plan(args.extract, out, guide, **options)
    say(plan_summary(made))
    for k in range(1, len(made.shards(args.shards)) + 1):
        run.build_shard(out, guide, f"{k}/{args.shards}", say)
    run.build_shard(out, guide, shards.HOME, say)
    return _assemble(out)


def _same_extract(plan: Plan, extract: Path) -> bool:
    return extract.is_file() and plan.extract.get("digest") == file_digest(extract)


def _assemble(out: Path) -> int:
    done = assemble.assemble(out, run.current_plan(out))
    say(
        f"Assembled {done.sites} sites into {out / layout.SITE} in {done.seconds:.1f} s: {done.files} files, "
        f"{done.bytes / 1e6:.1f} MB as copies, {done.stored / 1e6:.1f} MB kept once by content "
        f"({done.linked} identical files linked)."
    )
    return 0
