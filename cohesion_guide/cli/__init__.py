"""The `cohesion` command: one entry point, one module per sub-command.

Exit status: 0 done; 1 an unexpected failure; 2 the input was wrong (nothing was written).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from cohesion_guide.errors import CohesionError, InputError, InvalidFile

# Each name is a module cohesion_guide.cli.<name> with `add_parser(subparsers)`; the parser it adds
# sets `func` to a function taking the parsed arguments and returning an exit status.
COMMANDS: list[str] = ["new", "validate", "policy", "import_gias", "audit", "self_evaluation", "national"]

EPILOG = """exit status:
  0  done
  1  something unexpected went wrong (please report it)
  2  the input was wrong: the message says which file, line and field; nothing was written
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cohesion",
        description="Make a school's community cohesion policy, action plan and evidence checklist from its profile.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for name in COMMANDS:
        importlib.import_module(f"cohesion_guide.cli.{name}").add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except InputError as err:  # the one place a command's errors become a message and an exit status
        print(err, file=sys.stderr)
        print(
            f"Fix {'each line' if isinstance(err, InvalidFile) else 'that'} above, then run cohesion {args.command} "
            "again.",
            file=sys.stderr,
        )
        return err.exit_code
    except CohesionError as err:
        print(err, file=sys.stderr)
        return err.exit_code
    except OSError as err:  # a read-only or full disk, a folder where a file should be: nothing was half-written
        where = f" {err.filename}" if err.filename else ""
        print(
            f"Could not write{where}: {err.strerror or err}. Nothing was half-written; fix that and run "
            f"cohesion {args.command} again.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
