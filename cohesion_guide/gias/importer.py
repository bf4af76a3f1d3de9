"""Import schools from a GIAS extract into profiles: choose the rows, plan every file, then write them all."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.files import atomic_path
from cohesion_guide.gias.census import open_census
from cohesion_guide.gias.map import SKIP_REASONS, Mapped, Skipped, map_row
from cohesion_guide.gias.read import Row, Table, read_extract
from cohesion_guide.gias.write import Update, load_fast, new_profile, read_marker, update_profile
from cohesion_guide.inputs.profiles import file_name_problems, problems_in, slug_for
from cohesion_guide.inputs.validation import Loaded, parse_yaml

# More reasons a school is not written, beyond what the register says about it.
FILE_REASONS = {
    "other-authority": "in another local authority",
    "repeated": "a repeated URN (the first row was used)",
    "hand-written": "has a profile that was not made by the import (left as it is)",
    "not-safe": "its profile was edited in a way the import cannot update safely (left as it is)",
    "invalid": "could not be made into a valid profile",
}
REASONS = SKIP_REASONS | FILE_REASONS
Progress = Callable[[int, int, str], None]  # (done, total, what is being done)


@dataclass
class Summary:
    """What an import did (or, before writing, will do)."""

    rows: int = 0
    imported: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason key -> how many
    messages: list[str] = field(default_factory=list)  # one line each, for the person running the import
    warnings: list[str] = field(default_factory=list)  # schools the register lists as closed or closing
    to_check: int = 0  # profiles written with at least one "to check" note
    writes: dict[Path, str] = field(default_factory=dict)


MAX_NAMES = 1000  # authorities remembered to suggest when --la matches none: England has about 150


class _Authority:
    """Whether each row is in the authority asked for (--la or --la-code), decided a row at a time;
    after the last row, `check` says plainly when no row was, with the closest names in the file."""

    def __init__(self, table: Table, la: str | None, la_code: str | None):
        if la is None and la_code is not None and not table.has("LA (code)"):
            raise InvalidFile(
                [
                    Problem(
                        table.file,
                        1,
                        "LA (code)",
                        "this column is missing, so --la-code cannot be used; give the authority's name with --la instead",
                    )
                ]
            )
        self.file, self.la, self.la_code = table.file, la, la_code
        self.name = la.strip().casefold() if la is not None else None
        self.code = la_code.strip().lstrip("0") if la is None and la_code is not None else None
        self.matched = 0
        self.others: set[str] = set()  # names (or "code name") of the other authorities, at most MAX_NAMES

    def __call__(self, row: Row) -> bool:
        if self.name is not None:
            found = row.get("LA (name)")
            wanted = found.casefold() == self.name
        elif self.code is not None:
            found = f"{row.get('LA (code)')} {row.get('LA (name)')}" if row.get("LA (code)") else ""
            wanted = row.get("LA (code)").lstrip("0") == self.code
        else:
            return True
        self.matched += wanted
        if not wanted and found and len(self.others) < MAX_NAMES:
            self.others.add(found)
        return wanted

    def check(self) -> None:
        """InvalidFile when an authority was asked for and no row is in it."""
        if self.matched or (self.name is None and self.code is None):
            return
        names = sorted(self.others)
        if self.name is not None:
            close = difflib.get_close_matches(self.la, names, n=5, cutoff=0.5)
            close += [n for n in names if self.name in n.casefold() and n not in close]
            shown = close or names[:10]
            message = (
                f"no school in the extract is in '{self.la}'. "
                f"{'Closest names in the file' if close else 'Authorities in the file'}: {', '.join(shown)}. "
                "Give the name as the extract writes it (LA (name) column), or its number with --la-code"
            )
            raise InvalidFile([Problem(self.file, 1, "--la", message)])
        codes = sorted({pair.split(" ")[0] for pair in names})
        close = difflib.get_close_matches(self.la_code, codes, n=5, cutoff=0.5)
        shown = [pair for pair in names if pair.split(" ")[0] in close] or names[:10]
        message = (
            f"no school in the extract has authority number '{self.la_code}'. Numbers in the file: {', '.join(shown)}"
        )
        raise InvalidFile([Problem(self.file, 1, "--la-code", message)])


def _existing(out_dir: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """Profiles already in the folder: by URN from the import's marker, and by URN for ones a person wrote."""
    imported, hand_written = {}, {}
    for path in sorted(out_dir.glob("*.yml")) if out_dir.is_dir() else []:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        found = read_marker(text)
        if found:
            imported.setdefault(found.urn, path)
            continue
        try:
            data = load_fast(text)
            urn = str(data["school"]["urn"])
        except (yaml.YAMLError, TypeError, KeyError):
            continue
        hand_written.setdefault(urn, path)
    return imported, hand_written


def _file_names(schools: list[Mapped], out_dir: Path, messages: list[str] | None = None) -> dict[str, Path]:
    """A file for each new school, named from its name; with its URN added where names would collide
    (with each other or with a file already there), and each such name reported in `messages`."""
    bases = Counter(slug_for(m.name) or "school" for m in schools)
    taken = {p.name for p in out_dir.iterdir()} if out_dir.is_dir() else set()
    names = {}
    for m in schools:
        base = slug_for(m.name) or "school"
        stem = base
        if bases[base] > 1 or f"{stem}.yml" in taken:
            stem, extra = f"{base}-{m.urn}", 1
            while f"{stem}.yml" in taken:  # the URN-named file is taken too: count on
                extra += 1
                stem = f"{base}-{m.urn}-{extra}"
            if messages is not None:
                why = "another school in the register" if bases[base] > 1 else "a file already in the folder"
                messages.append(
                    f"{stem}.yml: {m.name} ({m.urn}) would share the file name {base}.yml with {why}, "
                    "so its URN was added to the name."
                )
        taken.add(f"{stem}.yml")
        names[m.urn] = out_dir / f"{stem}.yml"
    return names


def _problems(text: str, path: Path) -> list[Problem]:
    """What is wrong with a profile about to be written, by the profile loader's own rules."""
    try:  # quick first: thousands of files may be checked
        if not file_name_problems(path, path.name) and not problems_in(Loaded(path.name, load_fast(text), {})):
            return []
    except yaml.YAMLError:
        pass
    try:  # again the project's way, for messages with line numbers
        loaded = parse_yaml(text, path.name)
    except InvalidFile as err:
        return err.problems
    return file_name_problems(path, path.name) + problems_in(loaded)


def _show(value) -> str:
    return "nothing" if value is None else repr(value)


def plan(
    extract: Path,
    out_dir: Path,
    *,
    la: str | None = None,
    la_code: str | None = None,
    census: Path | None = None,
    today: str | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Everything the import will write, checked, without writing anything; InvalidFile for bad input.

    The extract (and the census) are read a row at a time, keeping of each row only what the
    import needs, so memory follows the schools imported, never the size of the files: with a
    census, the extract is read twice (its schools' URNs first, then their rows with the census
    figures for those schools alone)."""
    table = read_extract(extract)
    figures = open_census(census) if census else None
    wanted = _Authority(table, la, la_code)
    today = today or date.today().isoformat()
    existing = _existing(out_dir)
    imported = existing[0]

    def rows(what: str):
        for row in table.rows():
            if progress:
                progress(table.done, table.size, what)
            yield row

    by_urn = {}
    if figures is not None:
        urns = {row.get("URN") for row in rows("Finding the schools in the extract") if wanted(row)}
        wanted.check()
        by_urn = figures.figures(urns)
        wanted = _Authority(table, la, la_code)
    summary = Summary()
    schools, seen = [], set()
    for row in rows("Reading the extract"):
        if not wanted(row):
            summary.skipped["other-authority"] += 1
            continue
        urn = row.get("URN")
        result = map_row(row, by_urn.get(urn), closed_too=urn in imported)
        if isinstance(result, Skipped):
            summary.skipped[result.reason] += 1
            if result.reason == "type-unknown":
                summary.messages.append(
                    f"{result.name} ({result.urn}): type of establishment '{result.detail}' "
                    "is not one the import knows, so it was skipped."
                )
            continue
        if result.urn in seen:
            summary.skipped["repeated"] += 1
            continue
        seen.add(result.urn)
        schools.append(result)
    wanted.check()
    summary.rows = table.count
    if table.long_count:
        summary.messages.insert(
            0,
            f"{table.long_count} rows have more fields than the header (lines "
            f"{_lines(table.long_rows, table.long_count)}); the extra fields were ignored. Rows like these usually "
            "come from a newer extract added under an older header, so their later columns may not line up: the "
            "town, ward and setting of those schools are marked 'to check', and their locality and special "
            "educational needs provision are left out.",
        )
    if table.short_count:
        summary.messages.insert(
            1 if table.long_count else 0,
            f"{table.short_count} rows have fewer fields than the header (lines "
            f"{_lines(table.short_rows, table.short_count)}); their missing fields were read as empty.",
        )
    _plan_files(schools, out_dir, today, summary, existing)
    return summary


def _lines(numbers: list[int], count: int) -> str:
    """The first lines of `count` (read.LINES_KEPT of them are kept), and how many more."""
    shown = ", ".join(str(n) for n in numbers)
    return shown + (f" and {count - len(numbers)} more" if count > len(numbers) else "")


def plan_mapped(schools: list[Mapped], out_dir: Path, today: str | Callable[[Mapped], str]) -> Summary:
    """The files an import of schools already read and mapped (map_row) would write into `out_dir`,
    checked, without writing anything: for a caller that reads one extract once and shares its schools
    among many folders (`cohesion national`, one folder per authority). `today` is the import's date,
    or gives each school's (a school the register has not changed keeps the date of its file)."""
    summary = Summary(rows=len(schools))
    _plan_files(schools, out_dir, today, summary, _existing(out_dir))
    return summary


def _plan_files(
    schools: list[Mapped],
    out_dir: Path,
    today: str | Callable[[Mapped], str],
    summary: Summary,
    existing: tuple[dict, dict],
) -> None:
    imported, hand_written = existing
    names = _file_names(
        [m for m in schools if m.urn not in imported and m.urn not in hand_written], out_dir, summary.messages
    )
    for m in schools:
        if m.urn in hand_written:
            summary.skipped["hand-written"] += 1
            summary.messages.append(
                f"{hand_written[m.urn].name}: a profile for {m.name} ({m.urn}) that was not made "
                "by the import is already there, so it was left as it is."
            )
            continue
        path = names[m.urn] if m.urn not in imported else imported[m.urn]
        day = today(m) if callable(today) else today
        if m.closing:
            summary.warnings.append(_closing_warning(m, path))
        if m.urn not in imported:
            text = new_profile(m, day)
            bucket = summary.imported
        else:
            old = path.read_text(encoding="utf-8-sig")
            result: Update = update_profile(old, read_marker(old), m, day)
            for where, yours, theirs in result.kept:
                summary.messages.append(
                    f"{path.name}: kept your {'.'.join(where)} ({_show(yours)}); the register now says {_show(theirs)}."
                )
            for where, yours, theirs in result.blocked:
                summary.messages.append(
                    f"{path.name}: {'.'.join(where)} is written in a way the import cannot change "
                    f"safely, so it still says {_show(yours)}; the register now says {_show(theirs)}: "
                    "change it by hand."
                )
            if result.text is None:
                summary.skipped["not-safe"] += 1
                summary.messages.append(f"{path.name}: left as it is: {result.problem}.")
                continue
            text = result.text
            bucket = summary.updated if result.changed else summary.unchanged
            if not (result.changed or result.kept or result.blocked):
                summary.unchanged.append(path)
                continue
        problems = _problems(text, path)
        if problems:
            reason = "invalid" if bucket is summary.imported else "not-safe"
            summary.skipped[reason] += 1
            summary.messages.append(
                f"{path.name}: not written, because it would have these problems: "
                + "; ".join(f"line {p.line}, {p.field}: {p.message}" for p in problems)
            )
            continue
        bucket.append(path)
        summary.writes[path] = text
        if bucket is summary.imported and m.notes:
            summary.to_check += 1


def _closing_warning(m: Mapped, path: Path) -> str:
    status = "closed" if m.closing == "Closed" else "open, but proposed to close"
    reason = m.fields.get(("school", "closure_reason"))
    return (
        f"{m.name} ({m.urn}) is {status}{f' ({reason})' if reason else ''}, says the register: "
        f"{path.name} says so, and its policy carries a warning. Check who adopts the policy, and the law it states."
    )


def write(summary: Summary, progress: Progress | None = None) -> None:
    """Write every planned file, each one whole or not at all."""
    for done, (path, text) in enumerate(summary.writes.items(), 1):
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8", newline="\n")
        if progress:
            progress(done, len(summary.writes), "Writing profiles")


def import_extract(extract: Path, out_dir: Path, *, progress: Progress | None = None, **options) -> Summary:
    """Plan the import (which raises InvalidFile on bad input, before any file is touched), then write it."""
    summary = plan(extract, out_dir, progress=progress, **options)
    write(summary, progress)
    return summary
