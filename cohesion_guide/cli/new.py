"""`cohesion new FILE`: start a school's profile, asking for the essentials or taking them from flags."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from cohesion_guide.files import atomic_path
from cohesion_guide.inputs.profiles import NOT_KNOWN, display_name, file_name_problems, problems_in
from cohesion_guide.inputs.scaffold import scaffold
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import Loaded, allowed_text, check, parse_yaml

NOT_KNOWN_ANSWER = "not known"  # how the profile records a figure the school does not know

# (where in the profile, flag, question). The essentials are asked for in this order.
ESSENTIALS = [
    (("school", "name"), "--name", "The school's full name"),
    (("school", "phase"), "--phase", "Phase"),
    (("school", "type"), "--type", "Type of establishment, as GIAS writes it"),
    (("school", "religious_character"), "--religious-character", "Religious character, as GIAS writes it"),
    (("school", "local_authority"), "--local-authority", "Local authority"),
    (("location", "town"), "--town", "Town, city or area"),
    (("location", "setting"), "--setting", "Setting"),
    (("pupils", "number_on_roll"), "--number-on-roll", "Number of pupils on roll"),
    (("pupils", "eal_percent"), "--eal-percent", "% of pupils with English as an additional language"),
    (("pupils", "fsm_percent"), "--fsm-percent", "% of pupils eligible for free school meals"),
]
# Filled in without asking; each has a flag. A value put in because no flag gave one is a
# placeholder: it carries a '# to check:' note, so no document states it as the school's own.
OPTIONAL = [
    (("school", "urn"), "--urn", None),
    (("location", "ward"), "--ward", None),
    (("leads", "governor"), "--governor-lead", "Chair of governors"),
    (("leads", "staff"), "--staff-lead", "Headteacher"),
    (("document", "approved_by"), "--approved-by", "Full governing body"),
    (("document", "date_adopted"), "--date-adopted", None),  # today, when the command runs
]
PLACEHOLDER_NOTES = {
    ("leads", "governor"): "a placeholder put in when the profile was started: put the governing body role "
    "that leads this work",
    ("leads", "staff"): "a placeholder put in when the profile was started: put the staff role that leads this work",
    ("document", "approved_by"): "a placeholder put in when the profile was started: put who approves the policy",
    ("document", "date_adopted"): "the date the profile was started: put the date the governors adopt the policy",
}

EXAMPLES = """examples:
  cohesion new schools/hillside-primary.yml
      asks for the essentials, one at a time

  cohesion new schools/hillside-primary.yml --no-input \\
      --name "Hillside Primary School" --phase primary --type "Community School" \\
      --religious-character None --local-authority Exampleshire --town Exampleton \\
      --setting urban --number-on-roll 210 --eal-percent 12 --fsm-percent 18

The file name becomes part of the school's web address: lowercase letters, digits and hyphens,
ending in .yml. An existing file is never replaced. Every field in the new file has a comment
saying what it is and what is allowed; optional fields are there too, commented out.

exit status:
  0  the profile was written
  2  the file exists already, its name cannot be used, or an answer is not allowed (nothing written)
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "new",
        help="start a school's profile, with a comment on every field",
        description="Write a new school profile with the essentials filled in and every field explained.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the profile to create, e.g. schools/my-school.yml")
    for path, flag, _ in ESSENTIALS + OPTIONAL:
        parser.add_argument(flag, dest=_dest(path), metavar="VALUE", help=_flag_help(path))
    parser.add_argument(
        "--no-input",
        dest="ask",
        action="store_false",
        help="never ask: take everything from the flags (a missing essential is an error)",
    )
    parser.set_defaults(func=run)


def _dest(path: tuple[str, str]) -> str:
    return "_".join(path)


def _part(path: tuple[str, str]) -> dict:
    return schema("profile")["properties"][path[0]]["properties"][path[1]]


def _required(path: tuple[str, str]) -> bool:
    """An essential the profile may leave out (a figure the school does not know) can be left blank."""
    return path[1] in schema("profile")["properties"][path[0]].get("required", [])


def _flag_help(path: tuple[str, str]) -> str:
    return f"{_part(path)['description']} ({allowed_text(_part(path))})".replace("%", "%%")


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def convert(path: tuple[str, str], text: str) -> Any:
    """A flag's or answer's text as the value the profile holds: numbers as numbers, a choice in its
    listed spelling whatever its capitals. Text that cannot be converted is kept, for the check to report."""
    part = _part(path)
    text = text.strip()
    kinds = part.get("type", [])
    if "enum" in part:
        return next((choice for choice in part["enum"] if choice.casefold() == text.casefold()), text)
    if part.get("x-not-known") and NOT_KNOWN.fullmatch(text):
        return NOT_KNOWN_ANSWER
    if kinds in ("integer", "number"):
        try:
            number = float(text.rstrip("%").strip())
        except ValueError:
            return text
        return int(number) if number.is_integer() else number
    return text


def problems_with(path: tuple[str, str], value: Any) -> list[str]:
    """What is wrong with one value, in the words `cohesion validate` uses (empty when it is allowed)."""
    if value == NOT_KNOWN_ANSWER and _part(path).get("x-not-known"):
        return []  # an answer: the figure is left out of the policy
    part = {"type": "object", "properties": {path[1]: _part(path)}}
    loaded = Loaded(file="(your answer)", data={path[1]: value}, lines={})
    return [p.message for p in check(loaded, part)]


def ask(path: tuple[str, str], question: str) -> Any:
    """Ask until the answer is allowed."""
    part = _part(path)
    hint = allowed_text(part) + ("" if _required(path) else "; or leave it blank if you do not know it")
    print(f"\n{question}\n  {part['description']}\n  Allowed: {hint}")
    while True:
        value = convert(path, input("> "))
        if value == "" and not _required(path):
            return None  # unknown is not zero: the field is left out
        wrong = problems_with(path, value)
        if not wrong:
            return value
        print(f"  That answer cannot be used: {wrong[0]}\n  Please try again.")


def run(args: argparse.Namespace) -> int:
    target: Path = args.file
    shown = display_name(target)
    name_problems = file_name_problems(target, shown)
    if name_problems:
        print(f"{shown}: {name_problems[0].message}. Nothing was written.", file=sys.stderr)
        return 2
    if target.exists():
        print(
            f"{shown} exists already, and cohesion new never replaces a file. Choose another name, "
            f"or edit {shown} and check it with: cohesion validate {shown}",
            file=sys.stderr,
        )
        return 2

    values: dict[str, dict[str, Any]] = {}
    interactive = args.ask and stdin_is_terminal()
    missing = []
    for path, flag, question in ESSENTIALS:
        given = getattr(args, _dest(path))
        if given is not None:
            values.setdefault(path[0], {})[path[1]] = convert(path, given)
        elif interactive:
            try:
                value = ask(path, question)
            except (EOFError, KeyboardInterrupt):
                print("\nStopped. Nothing was written.", file=sys.stderr)
                return 2
            if value is not None:
                values.setdefault(path[0], {})[path[1]] = value
        elif _required(path):
            missing.append(flag)
    if missing:
        print(
            "These essentials are missing: " + ", ".join(missing) + ". Give each as a flag "
            "(see cohesion new --help), or run the command in a terminal without --no-input to be asked. "
            "Nothing was written.",
            file=sys.stderr,
        )
        return 2
    notes = {}
    for path, _flag, default in OPTIONAL:
        given = getattr(args, _dest(path))
        if path == ("document", "date_adopted") and given is None:
            given, notes[path] = date.today().isoformat(), PLACEHOLDER_NOTES[path]
        elif given is None and default is not None:
            notes[path] = PLACEHOLDER_NOTES[path]
        if given is not None or default is not None:
            values.setdefault(path[0], {})[path[1]] = convert(path, given if given is not None else default)

    text = scaffold(values, shown, notes)
    wrong = problems_in(parse_yaml(text, shown))
    if wrong:
        flags = {f"{path[0]}.{path[1]}": flag for path, flag, _ in ESSENTIALS + OPTIONAL}
        for problem in wrong:
            print(f"{flags.get(problem.field, problem.field)}: {problem.message}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 2
    write_new(target, text)
    print(
        f"Wrote {shown}. Open it and check every line: the comments say what each field is and what is "
        f"allowed. Then run: cohesion validate {shown}"
    )
    return 0


def write_new(target: Path, text: str) -> None:
    """Write the whole file or nothing (files.atomic_path)."""
    with atomic_path(target) as temp, open(temp, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
