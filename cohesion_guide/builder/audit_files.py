"""The review's audit as a file: an uploaded audit read as answers, the answers written as an audit that
`cohesion self-evaluation` reads (the uploaded file kept as it was but for the changed answers), and what
moved between an earlier audit and this one.

As for a profile (uploads.py), only a file that reads as an audit replaces the answers a browser holds:
anything else is refused with a plain reason. An audit with problems is accepted, its problems shown on
their questions.
"""

from __future__ import annotations

from typing import Any

from cohesion_guide.builder.answers import answers_for, data_from
from cohesion_guide.builder.messages import field_path, placed
from cohesion_guide.builder.review_questions import review_pages
from cohesion_guide.builder.roundtrip import rewritten
from cohesion_guide.builder.uploads import count_known, given_twice, unknown_fields
from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.audit import NOT_ASSESSED, STATUS_LABELS, audit_schema, practices, problems_in, strands
from cohesion_guide.inputs.dates import long_date
from cohesion_guide.inputs.scaffold import block_safe, scalar
from cohesion_guide.inputs.validation import MAX_FILE_BYTES, Loaded, field_name, parse_yaml

SUFFIX = "-audit"  # riverside-primary-audit.yml, as each school's self-evaluation page names its audit


def audit_name(profile_name: str) -> str:
    """The audit's file name for the profile riverside-primary.yml: riverside-primary-audit.yml."""
    return profile_name.removesuffix(".yml") + SUFFIX + ".yml"


# Reading ------------------------------------------------------------------------------------------


def read(text: str, file_name: str) -> dict[str, Any]:
    """{"refused": why} or {"state": {"answers", "source"}, "problems", "not_kept", "answered" (practices)}."""
    if not isinstance(text, str) or not isinstance(file_name, str):
        return {"refused": "It could not be read as text."}
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        return {"refused": f"It is {size / 1_000_000:.1f} MB: a school's audit is far smaller (at most 1 MB)."}
    text = text.removeprefix("\ufeff")
    try:
        loaded = parse_yaml(text, file_name)
    except InvalidFile as err:
        first = err.problems[0]
        return {"refused": f"Line {first.line} cannot be read as an audit: {first.message}."}
    refused = _not_an_audit(loaded)
    if refused:
        return {"refused": refused}
    root = audit_schema()
    unknown = unknown_fields(loaded.data, root, root, ())
    answers = answers_for(loaded.data, root)
    problems = [p for p in problems_in(loaded) if tuple(field_path(p.field)) not in unknown]
    return {
        "state": {"answers": answers, "source": {"name": file_name, "text": text}},
        "problems": placed(problems, loaded.data, answers, review_pages(root), root),
        "not_kept": [
            f"Line {loaded.line_of(path)}: {field_name(path)} is not one of the questions"
            for path in sorted(unknown, key=str)
        ],
        "answered": _practices_answered(answers),
    }


def _practices_answered(answers: dict[str, Any]) -> int:
    """How many practices the answers say where the school stands on."""
    given = answers.get("practices")
    return sum(1 for e in given.values() if isinstance(e, dict) and e.get("status")) if isinstance(given, dict) else 0


def _not_an_audit(loaded: Loaded) -> str | None:
    """Why a parsed file is not a school's audit (None when it is one, whatever its problems)."""
    data = loaded.data
    if data is None:
        return "It is empty."
    if not isinstance(data, dict):
        return "It does not hold an audit: an audit has the lines completed_on:, completed_by: and practices:, each at the start of a line."
    twice = given_twice(loaded)
    if twice:
        return twice
    root = audit_schema()
    if not set(data) & set(root["properties"]):
        if {"school", "pupils", "location"} & set(data):
            return "It is a school's profile, not an audit. Upload it under “Your school's details”."
        return "It does not look like an audit: it has none of an audit's lines, such as completed_on: or practices:."
    unknown = unknown_fields(data, root, root, ())
    known = count_known(data, root, root)
    if len(unknown) > known:
        return f"It does not look like an audit: {len(unknown):,} of its {len(unknown) + known:,} fields are not an audit's."
    return None


def readable(text: str, name: str) -> Any:
    """The data of an audit kept in the browser, or None when it no longer reads as an audit."""
    if not isinstance(text, str) or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        return None
    try:
        loaded = parse_yaml(text.removeprefix("\ufeff"), name)
    except InvalidFile:
        return None
    return None if _not_an_audit(loaded) else loaded.data


# Writing ------------------------------------------------------------------------------------------


def audit_data(answers: dict[str, Any]) -> dict[str, Any]:
    """The audit the answers describe (a blank answer left out, as a practice left out is not yet assessed)."""
    return data_from(answers, audit_schema())


def audit_text(state: dict[str, Any], name: str, school_name: str = "") -> tuple[str, str]:
    """The audit's text and file name: the file the answers were read from, with only the changed answers
    changed (its comments, order and quoting kept), or a new commented audit named `name`."""
    data = audit_data(state["answers"])
    source = state.get("source")
    if source:
        text = source["text"].removeprefix("\ufeff")
        old = readable(text, source["name"])
        if old is not None:
            return rewritten(text, old, data, audit_schema()), source["name"]
    return new_audit(data, name, school_name), name


HEADER = """\
# yaml-language-server: $schema=../model_policies/audit.schema.json
# Community cohesion self-evaluation audit{for_school}, made with "Review your school's work".
# Upload it there again to carry on or to compare next year's review with it. Or, with the guide's
# command line, keep it beside the school's profile and make the pack:
#   cohesion self-evaluation schools/{slug}.yml --audit {file}
#
# For each practice, status is one of: in-place (done, and working across the school), partly
# (started, or done in some classes only), not-yet (not started) or not-assessed (not looked at yet).
# where: what shows it (needed for in-place and partly); next_step, lead (a role) and due (YYYY-MM-DD)
# are optional: the action plan uses them.
"""


def new_audit(data: dict[str, Any], name: str, school_name: str = "") -> str:
    """A new commented audit holding `data`: each practice under its strand, with its title above it."""
    slug = name.removesuffix(".yml").removesuffix(SUFFIX)
    for_school = f" for {' '.join(school_name.split())}" if school_name.strip() else ""
    lines = [HEADER.format(for_school=for_school, slug=slug, file=name).rstrip("\n"), ""]
    for key in ("completed_on", "completed_by"):
        lines.append(f"{key}: {scalar(data[key])}" if key in data else f"# {key}: (not given yet)")
    lines += ["", "practices:"]
    given = data.get("practices") or {}
    for strand in strands():
        lines += ["", f"  # ---- {strand.title} ----"]
        for p in strand.practices:
            lines += ["", f"  # {' '.join(p.title.split())}"]
            entry = given.get(p.id)
            if not entry:
                lines.append(f"  # {p.id}: not yet assessed")
                continue
            lines.append(f"  {p.id}:")
            for field, value in entry.items():
                if isinstance(value, str) and "\n" in value and block_safe(value):
                    lines.append(f"    {field}: |")
                    lines += [f"      {line}".rstrip() for line in value.rstrip("\n").split("\n")]
                else:
                    lines.append(f"    {field}: {scalar(value)}")
    return "\n".join(lines) + "\n"


# Comparing ----------------------------------------------------------------------------------------


def moved(earlier: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """What changed between an earlier audit's data and this one's: {"earlier_on", "now_on", "changes":
    [{"practice", "strand", "from", "to", "better"}], "same": how many practices kept their status}.
    A practice's status is absent (not yet assessed) where the audit leaves it out."""
    order = list(STATUS_LABELS)  # in place first: a move towards it is progress
    changes, same = [], 0
    before, after = earlier.get("practices") or {}, now.get("practices") or {}
    titles = {s.id: s.title for s in strands()}
    for p in practices():
        was, is_now = _status(before.get(p.id)), _status(after.get(p.id))
        if was == is_now:
            same += 1
            continue
        known = NOT_ASSESSED not in (was, is_now)
        changes.append(
            {
                "practice": p.title,
                "strand": titles[p.strand],
                "from": STATUS_LABELS[was],
                "to": STATUS_LABELS[is_now],
                "better": (order.index(is_now) < order.index(was)) if known else None,
            }
        )
    return {
        "earlier_on": _day(earlier.get("completed_on")),
        "now_on": _day(now.get("completed_on")),
        "changes": changes,
        "same": same,
    }


def _day(value: Any) -> str:
    """A date as a page says it (5 October 2026); "" when the audit gives none it can read."""
    try:
        return long_date(value) if value else ""
    except ValueError:
        return ""


def _status(entry: Any) -> str:
    status = entry.get("status") if isinstance(entry, dict) else None
    return status if status in STATUS_LABELS else NOT_ASSESSED
