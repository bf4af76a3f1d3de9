"""The self-evaluation audit: the practices to check, a school's audit file, and its counts per strand."""

from __future__ import annotations

import copy
import dataclasses
import difflib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.inputs.profiles import SLUG, Profile
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import Loaded, check, load_checked, load_yaml

PRACTICES_FILE = MODEL_POLICIES / "audit_practices.yml"

# What a school records for each practice, and a fourth state for a practice its audit leaves out
# (or a school with no audit at all): the documents say "not yet assessed" rather than guess.
STATUSES = ("in-place", "partly", "not-yet")
NOT_ASSESSED = "not-assessed"
ALL_STATUSES = (*STATUSES, NOT_ASSESSED)
STATUS_LABELS = {
    "in-place": "In place",
    "partly": "Partly in place",
    "not-yet": "Not yet",
    NOT_ASSESSED: "Not yet assessed",
}


@dataclass(frozen=True)
class Practice:
    """One practice from model_policies/audit_practices.yml."""

    id: str
    title: str
    strand: str  # the strand's id
    point: str  # its place in the six-point framework, e.g. "4a"
    owner: str  # governor | staff | headteacher | governing-body, or a specialism (audit_practices.yml says which)
    action: str
    success: str
    resources: str = ""
    # the practice for a kind of school ({"young": {"action": ...}}): audit_practices.yml's "for"
    variants: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)

    def for_kinds(self, kinds: tuple[str, ...]) -> Practice:
        """The practice as a school of these kinds (in the order they are tried) reads it: the first kind
        the file words it for replaces what that kind says, the rest stays."""
        kind = next((k for k in kinds if k in self.variants), None)
        if kind is None:
            return self
        return dataclasses.replace(self, **self.variants[kind])


@dataclass(frozen=True)
class Strand:
    id: str
    title: str
    practices: tuple[Practice, ...]


@dataclass(frozen=True)
class Entry:
    """What a school's audit says about one practice."""

    status: str
    where: str | None = None
    next_step: str | None = None
    due: str | None = None  # the school's own date for its next step (YYYY-MM-DD), kept as written


@dataclass(frozen=True)
class Audit:
    """A school's checked audit; `path` is None when the school has none yet (nothing assessed)."""

    slug: str
    path: Path | None
    completed_on: str | None
    completed_by: str | None
    entries: dict[str, Entry]

    @property
    def exists(self) -> bool:
        return self.path is not None

    def status(self, practice_id: str) -> str:
        entry = self.entries.get(practice_id)
        return entry.status if entry else NOT_ASSESSED

    def entry(self, practice_id: str) -> Entry | None:
        return self.entries.get(practice_id)


@dataclass(frozen=True)
class StrandCount:
    """How many of a strand's practices have each status."""

    strand: Strand
    counts: dict[str, int]  # every status in ALL_STATUSES, zeros included

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@cache
def catalogue() -> dict:
    """audit_practices.yml as data: {'strands': [...], 'evidence': [...]}, read once."""
    return load_yaml(PRACTICES_FILE, "model_policies/audit_practices.yml").data


@cache
def strands() -> tuple[Strand, ...]:
    """The three strands with their practices, in the order the file gives them."""
    out = []
    for strand in catalogue()["strands"]:
        practices = tuple(
            Practice(
                id=p["id"],
                title=p["title"],
                strand=strand["id"],
                point=str(p["point"]),
                owner=p["owner"],
                action=p["action"],
                success=p["success"],
                resources=p.get("resources", ""),
                variants=p.get("for") or {},
            )
            for p in strand["practices"]
        )
        out.append(Strand(id=strand["id"], title=strand["title"], practices=practices))
    return tuple(out)


def practices() -> list[Practice]:
    return [p for strand in strands() for p in strand.practices]


def practice(practice_id: str) -> Practice:
    return next(p for p in practices() if p.id == practice_id)


@cache
def audit_schema() -> dict:
    """audit.schema.json with the practice ids filled in from audit_practices.yml (the one list of them),
    so that an unknown id is reported with the closest known one."""
    full = copy.deepcopy(schema("audit"))
    full["properties"]["practices"]["properties"] = {
        p.id: {"$ref": "#/$defs/practice", "description": p.title} for p in practices()
    }
    return full


def problems_in(loaded: Loaded) -> list[Problem]:
    data = loaded.data
    if data is None:
        return [
            Problem(
                loaded.file,
                1,
                "(the whole file)",
                "is empty; an audit needs completed_on, completed_by and practices. "
                "Run `cohesion audit new` to start one",
            )
        ]
    if not isinstance(data, dict):
        return [
            Problem(
                loaded.file,
                1,
                "(the whole file)",
                "is not a group of fields: an audit has the lines completed_on:, completed_by: and practices: "
                "at the start of the line. Run `cohesion audit new` to see one",
            )
        ]
    return check(loaded, audit_schema())


def _name_problems(path: Path, shown: str) -> list[Problem]:
    if path.suffix == ".yml" and SLUG.match(path.stem):
        return []
    return [
        Problem(
            shown,
            1,
            "(the file name)",
            f"'{path.name}' cannot be used as an audit's name: name it like the school's profile in schools/ "
            "(lowercase letters, digits and hyphens, ending in .yml), for example riverside-primary.yml",
        )
    ]


def load_audit(path: Path, display: str | None = None) -> Audit:
    """Read and check one audit file; raise InvalidFile listing every problem in it."""
    path = Path(path)
    shown = display or str(path)
    loaded = load_checked(path, shown, _name_problems(path, shown), problems_in)
    data = loaded.data
    entries = {
        pid: Entry(e["status"], e.get("where"), e.get("next_step"), e.get("due"))
        for pid, e in (data["practices"] or {}).items()
    }
    return Audit(
        slug=path.stem, path=path, completed_on=data["completed_on"], completed_by=data["completed_by"], entries=entries
    )


def not_assessed(slug: str) -> Audit:
    """The audit of a school that has not done one: every practice not yet assessed."""
    return Audit(slug=slug, path=None, completed_on=None, completed_by=None, entries={})


def audit_for(slug: str, audits_dir: Path) -> Audit:
    """The school's audit from audits/<slug>.yml, or a not-assessed one when there is no such file."""
    path = Path(audits_dir) / f"{slug}.yml"
    return load_audit(path, f"audits/{slug}.yml") if path.is_file() else not_assessed(slug)


def load_audits(audits_dir: Path, slugs: list[str]) -> dict[str, Audit]:
    """Every school's audit (not-assessed where it has none). One InvalidFile with every problem,
    including an audit file that matches no school's profile (most often a mistyped file name)."""
    audits_dir = Path(audits_dir)
    audits, problems = {}, []
    for slug in slugs:
        try:
            audits[slug] = audit_for(slug, audits_dir)
        except InvalidFile as err:
            problems += err.problems
    if audits_dir.is_dir():
        for path in sorted([*audits_dir.glob("*.yml"), *audits_dir.glob("*.yaml")]):
            shown = f"audits/{path.name}"
            if not path.is_file():
                problems.append(
                    Problem(
                        shown,
                        1,
                        "(the whole file)",
                        "is a folder, or a link to a file that does not "
                        "exist; allowed here: audit files only. Move it elsewhere or rename it",
                    )
                )
            elif path.suffix != ".yml":
                problems.append(
                    Problem(
                        shown,
                        1,
                        "(the file name)",
                        f"ends in {path.suffix}, so it is not read: "
                        f"rename it to {path.stem}.yml, like the school's profile",
                    )
                )
            elif path.stem not in slugs:
                problems.append(
                    Problem(
                        shown,
                        1,
                        "(the file name)",
                        f"matches no school: an audit is named like its school's profile, and there is no "
                        f"schools/{path.stem}.yml.{_closest(path.stem, slugs)} Rename it to match a profile, or remove it",
                    )
                )
    if problems:
        raise InvalidFile(problems)
    return audits


def _closest(name: str, slugs: list[str]) -> str:
    close = difflib.get_close_matches(name, slugs, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}.yml'?" if close else ""


def strand_counts(audit: Audit) -> list[StrandCount]:
    """Per strand, how many practices are in place, partly, not yet, and not yet assessed."""
    out = []
    for strand in strands():
        counts = dict.fromkeys(ALL_STATUSES, 0)
        for p in strand.practices:
            counts[audit.status(p.id)] += 1
        out.append(StrandCount(strand, counts))
    return out


def _comment(text: str) -> str:
    """Text made safe to sit in a YAML comment: one line."""
    return " ".join(str(text).split())


# Who a blank audit says will complete it, when the profile names no staff lead that is not still to check.
LEAD_MEMBER_OF_STAFF = "Lead member of staff for community cohesion"


def completed_by_for(profile: Profile | None) -> str:
    """Who a school's blank audit names as completing it: its staff lead, unless the profile still marks that role
    to check (an import's placeholder is no one's role yet)."""
    if profile is None or "leads.staff" in profile.unconfirmed:
        return LEAD_MEMBER_OF_STAFF
    return profile.data["leads"]["staff"]


def blank_audit(
    slug: str,
    *,
    school_name: str | None = None,
    completed_by: str = LEAD_MEMBER_OF_STAFF,
    today: date | None = None,
) -> str:
    """A commented audit with every practice listed as not-yet: it validates as it is."""
    today = today or date.today()
    who = _comment(school_name) if school_name else f"the school whose profile is schools/{slug}.yml"
    lines = [
        "# yaml-language-server: $schema=../model_policies/audit.schema.json",
        f"# Community cohesion self-evaluation audit for {who}.",
        "#",
        "# For each practice below, set status to one of:",
        "#   in-place   done, and working across the school",
        "#   partly     started, or done in some classes or year groups only",
        "#   not-yet    not started",
        "# For in-place and partly, say in where: what shows it (a scheme of work, minutes, a record).",
        "# next_step is optional: say what you will do next; the action plan uses it.",
        "# A practice you delete from this file counts as not yet assessed.",
        "# Check the file with: cohesion audit validate audits/" + f"{slug}.yml",
        "",
        f"completed_on: {today.isoformat()}   # the date you finished or last updated the audit (YYYY-MM-DD)",
        f'completed_by: "{_yaml_text(completed_by)}"   # a role, not a person\'s name',
        "",
        "practices:",
    ]
    for strand in strands():
        lines += ["", f"  # ---- {_comment(strand.title)} ----"]
        for p in strand.practices:
            lines += [
                "",
                f"  # {_comment(p.title)}",
                f"  {p.id}:",
                "    status: not-yet",
                "    # where: ",
                "    # next_step: ",
            ]
    return "\n".join(lines) + "\n"


def _yaml_text(text: str) -> str:
    """Text for a double-quoted YAML scalar."""
    return _comment(text).replace("\\", "\\\\").replace('"', '\\"')
