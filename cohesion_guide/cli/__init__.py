"""The `cohesion` command: one entry point, one module per sub-command.

Exit status: 0 done; 1 an unexpected failure; 2 the input was wrong (nothing was written).
"""
from __future__ import annotations

import argparse
import importlib
import sys

# Each name is a module cohesion_guide.cli.<name> with `add_parser(subparsers)`; the parser it adds
# sets `func` to a function taking the parsed arguments and returning an exit status.
COMMANDS: list[str] = ["new", "validate", "policy", "import_gias", "audit", "self_evaluation"]

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
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"cohesion_guide.cli.{name}").add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
