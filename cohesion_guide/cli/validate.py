"""`cohesion validate PATH...`: check school profiles and list every problem, one per line."""

from __future__ import annotations

import argparse
from pathlib import Path

from cohesion_guide import CHECKOUT
from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.inputs.advice import advice, review_cycle_problems, unconfirmed_problems
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import display_name, load_profile, profile_paths

EXAMPLES = """examples:
  cohesion validate schools/riverside-primary.yml
  cohesion validate schools/                 every .yml file in the folder
  cohesion validate schools/a.yml schools/b.yml

Each problem is one line: the file, the line, the field, what was found and what is allowed.
A valid profile may also get suggestions (optional fields that would make its policy fit the
school better) and warnings: a school in another authority than local.yml's, no review cycle, and
each value still marked '# to check:' (a placeholder from the import or `cohesion new`, which its
policy prints as "to be confirmed"). None is a problem, unless --strict makes every value to check one.

exit status:
  0  every profile is valid (with --strict: and none has a value still to check)
  2  at least one profile has a problem (or there was nothing to check)
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check school profiles and list every problem",
        description="Check school profiles against the profile rules and list every problem found, not only the first.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a profile (.yml) or a folder of profiles")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="count each value still marked '# to check:' as a problem, for a last check before policies are adopted",
    )
    parser.set_defaults(func=run)


def files_to_check(paths: list[Path], find=profile_paths, kind: str = "profiles") -> tuple[list[Path], list[Problem]]:
    """The files named, folders opened with `find`, each file once; an empty folder is itself a problem."""
    files: dict[Path, Path] = {}
    problems = []
    for path in paths:
        found = find(path) if path.is_dir() else [path]
        if path.is_dir() and not found:
            problems.append(
                Problem(display_name(path), 1, "(the folder)", f"holds no {kind} (.yml files); check the folder's name")
            )
        for file in found:
            files.setdefault(file.resolve(), file)
    return list(files.values()), problems


def _local() -> dict | None:
    """local.yml of the guide in the current folder (or the one this command came with), when it can be read."""
    folder = Path.cwd() if (Path.cwd() / "local.yml").is_file() or CHECKOUT is None else CHECKOUT
    try:
        return load_local(folder)
    except (InvalidFile, OSError):
        return None


def run(args: argparse.Namespace) -> int:
    files, problems = files_to_check(args.paths)
    local = _local()
    if args.strict:
        return report(
            files,
            problems,
            _load_confirmed,
            ("profile", "profiles"),
            "cohesion validate --strict",
            advise=lambda profile, shown: advice(profile, shown, local),
        )
    return report(
        files,
        problems,
        load_profile,
        ("profile", "profiles"),
        "cohesion validate",
        advise=lambda profile, shown: (
            unconfirmed_problems(profile, shown) + review_cycle_problems(profile, shown) + advice(profile, shown, local)
        ),
    )


def _load_confirmed(path: Path, shown: str):
    """A profile with no value still marked to check; InvalidFile naming each one that is."""
    profile = load_profile(path, shown)
    to_check = unconfirmed_problems(profile, shown, strict=True)
    if to_check:
        raise InvalidFile(to_check)
    return profile


def report(files: list[Path], problems: list[Problem], load, nouns: tuple[str, str], command: str, advise=None) -> int:
    """Check each file with `load`, print every problem one per line (then any advice on valid files)
    and a summary; the exit status."""
    invalid = 0
    notes: list[Problem] = []
    for file in files:
        try:
            loaded = load(file, display_name(file))
        except InvalidFile as err:
            invalid += 1
            problems += err.problems
        else:
            if advise is not None:
                notes += advise(loaded, display_name(file))
    for problem in problems:
        print(problem)
    for note in notes:
        print(note)
    count = len(files)
    noun = nouns[0] if count == 1 else nouns[1]
    if not problems:
        warnings = sum(note.message.startswith("warning:") for note in notes)
        print(
            f"{count} {noun} checked, all valid"
            + (f" ({warnings} warning{'s' if warnings != 1 else ''} above)" if warnings else "")
        )
        return 0
    many = len(problems)
    print(
        f"{count} {noun} checked: {invalid} with problems ({many} problem{'s' if many != 1 else ''} in all). "
        f"Fix each line above, then run {command} again."
    )
    return 2
