"""A school's self-evaluation pack (community profile, audit report, action plan, evidence portfolio)
as Markdown, and as HTML, Word and PDF files written whole or not at all."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.documents.action_plan import (
    body_short,
    build_plan,
    figure_readings,
    in_own_terms,
    kinds_of,
    members_short,
    unknown_figures,
)
from cohesion_guide.documents.charts import Bar, BarGroup, responsive_chart
from cohesion_guide.documents.duty_summary import duty_words
from cohesion_guide.documents.evidence import portfolio
from cohesion_guide.documents.phase_words import phase_words
from cohesion_guide.documents.plan_dates import made_on, plan_timeline

# The policy's formats and their checks: one way to do each, shared with the policy documents.
from cohesion_guide.documents.policy import FORMATS, checked_formats, letterhead, templates_for
from cohesion_guide.documents.render import SafeMarkdown, render_template, stated, stated_document
from cohesion_guide.documents.tailoring import ethnic_group_label
from cohesion_guide.errors import InvalidFile
from cohesion_guide.export.document_set import Document, write_formats
from cohesion_guide.inputs import profiles as profile_rules
from cohesion_guide.inputs.audit import (
    ALL_STATUSES,
    NOT_ASSESSED,
    STATUS_LABELS,
    Audit,
    load_audit,
    not_assessed,
    practices,
    strand_counts,
)
from cohesion_guide.inputs.case_studies import suggestions
from cohesion_guide.inputs.governance import governance
from cohesion_guide.inputs.local_config import load_local, serves
from cohesion_guide.inputs.profiles import Profile, load_profile
from cohesion_guide.inputs.schemas import schema

PACK_TEMPLATE = "self_evaluation.md.j2"
CACHE = Path(".cache") / "self-evaluation"
QUESTION_TITLES = {"knowledge": "Knowledge", "action": "Action", "impact": "Impact"}
# The national share of pupils eligible for free school meals that the pack compares its threshold with, from the
# Department for Education's own release (../shared/FACTS-TODAY.md, 9.1; its EAL figure has no primary source there,
# so the pack gives none).
NATIONAL = {
    "fsm_percent": 25.7,
    "counted": "January 2025",
    "release": "Schools, pupils and their characteristics, 2024/25",
    "url": "https://explore-education-statistics.service.gov.uk/find-statistics/school-pupils-and-their-characteristics/2024-25",
}


def stem(profile: Profile) -> str:
    """riverside-primary-self-evaluation: every format's name before the extension."""
    return f"{profile.slug}-self-evaluation"


def document_name(profile: Profile, fmt: str) -> str:
    """riverside-primary-self-evaluation.pdf"""
    return f"{stem(profile)}.{fmt}"


def title_of(profile: Profile) -> str:
    return f"Self-evaluation: {profile.name}"


# ---- the figures and their charts ---------------------------------------------------------

NOT_KNOWN, TO_CONFIRM, NOT_GIVEN = "not known", "to be confirmed", "not given"


def _said(profile: Profile, field: str, value: float | None) -> str:
    """A figure as the pack prints it: its value, "to be confirmed" while the profile marks it to check, or "not
    known" (DESIGN.md, decision 11: never 0)."""
    if value is not None:
        return _pct(value)
    return TO_CONFIRM if field in profile.unconfirmed else NOT_KNOWN


def figure_rows(profile: Profile) -> list[dict[str, Any]]:
    """EAL and FSM for the pupils and, where the profile gives them, the local area: each value (None where the
    figure is not known or still to confirm) and the words the pack prints for it."""
    area = profile.data.get("local_area") or {}
    rows = []
    for label, field in (
        ("English as an additional language", "pupils.eal_percent"),
        ("Eligible for free school meals", "pupils.fsm_percent"),
    ):
        school = profile.known(field)
        key = field.split(".")[1]
        rows.append(
            {
                "label": label,
                "school": school,
                "school_said": _said(profile, field, school),
                "area": area.get(key),
                "area_said": _pct(area[key]) if area.get(key) is not None else NOT_GIVEN,
            }
        )
    return rows


REST_OF_PUPILS = "The rest (groups not given)"


def ethnicity_rows(profile: Profile) -> list[dict[str, Any]]:
    """Every ethnic group the pupils' or the area's figures give, in the census's order. A group one of them leaves
    out is not given (None), never 0%: a school's groups and an area's are often counted differently. Where the
    figures give only some groups, a last row holds the rest."""
    pupils = profile.ethnicity
    area = (profile.data.get("local_area") or {}).get("ethnicity") or {}
    if not pupils:
        return []
    order = schema("profile")["$defs"]["ethnicity"]["properties"]
    Pupils = phase_words(profile).Pupils  # the census's "Pupils whose ethnicity is not known", in our own word
    rows = [
        {
            "key": key,
            "label": re.sub(r"^Pupils\b", Pupils, ethnic_group_label(key)),
            "school": pupils.get(key),
            "area": area.get(key),
        }
        for key in order
        if key in pupils or key in area
    ]
    rest_pupils = None if profile.ethnicity_complete else round(100 - sum(pupils.values()), 1)
    rest_area = round(100 - sum(area.values()), 1) if area and not _complete(area) else None
    if rest_pupils or rest_area:
        rows.append({"key": "rest", "label": REST_OF_PUPILS, "school": rest_pupils, "area": rest_area})
    return rows


def _complete(figures: dict[str, float]) -> bool:
    return sum(figures.values()) >= 100 - profile_rules.ETHNICITY_TOLERANCE


def _pct(value: float) -> str:
    return f"{float(value):g}%"


def _comparison_chart(
    chart_id: str, title: str, rows: list[dict[str, Any]], area_name: str | None, ours: str, missing: str
) -> str:
    """Bars for our pupils (solid) and the area (striped), each labelled with its value; a figure not known or not
    given has no bar, and its label says so."""
    groups, said = [], []
    for row in rows:
        school_said = row.get("school_said") or (_pct(row["school"]) if row["school"] is not None else missing)
        bars = [Bar(row["school"], f"{ours}: {school_said}", 0)]
        sentence = f"{row['label']}, {ours.lower()}: {school_said}"
        if area_name:
            area_said = _pct(row["area"]) if row["area"] is not None else NOT_GIVEN
            bars.append(Bar(row["area"], f"{area_name}: {area_said}", 1))
            sentence += f", {area_name}: {area_said}"
        said.append(sentence)
        groups.append(BarGroup(row["label"], tuple(bars)))
    legend = [(0, ours)]
    if area_name:
        legend.append((1, area_name))
    desc = f"{title}. " + "; ".join(said) + "."
    peak = max([10.0] + [b.value for g in groups for b in g.bars if b.value is not None])
    return responsive_chart(
        chart_id,
        title=title,
        desc=desc,
        groups=groups,
        max_value=min(peak, 100.0),
        legend=legend,
        unit="%",
        scale_label="Per cent",
    )


def audit_chart(counts) -> str:
    """Per strand, one bar for each status the strand has practices in, labelled with the status and
    the number. A status with none is left out of the picture (a row reading "Not yet assessed: 0"
    says nothing); the description and the table beside the chart still give every count."""
    groups, said = [], []
    for row in counts:
        groups.append(
            BarGroup(
                row.strand.title,
                tuple(
                    Bar(row.counts[status], f"{STATUS_LABELS[status]}: {row.counts[status]}", index)
                    for index, status in enumerate(ALL_STATUSES)
                    if row.counts[status]
                ),
            )
        )
        said.append(
            f"{row.strand.title} ({row.total} practices): "
            + ", ".join(f"{row.counts[s]} {STATUS_LABELS[s].lower()}" for s in _statuses(counts))
        )
    title = "Audit: practices by status in each strand"
    peak = max([n for row in counts for n in row.counts.values()] + [1])
    return responsive_chart(
        "cc-audit-chart",
        title=title,
        desc=f"{title}. " + "; ".join(said) + ".",
        groups=groups,
        max_value=peak,
        scale_label="Number of practices",
    )


def _statuses(counts) -> tuple[str, ...]:
    """The statuses the audit summary shows: "not yet assessed" only when the audit left a practice out."""
    return tuple(s for s in ALL_STATUSES if s != NOT_ASSESSED or any(row.counts[s] for row in counts))


def charts_for(profile: Profile, counts, audit: Audit | None = None) -> dict[str, SafeMarkdown]:
    """The pack's pictures: the audit's when there is one; the figures and the ethnic make-up when the profile
    gives any (a figure not known has no bar, and its label says so)."""
    area = profile.data.get("local_area")
    area_name = area["name"] if area else None
    words = phase_words(profile)
    ours = f"Our {words.pupils}"
    out = {}
    if audit is None or audit.exists:
        out["audit"] = SafeMarkdown(audit_chart(counts))
    figures = figure_rows(profile)
    if any(row["school"] is not None or (area_name and row["area"] is not None) for row in figures):
        out["figures"] = SafeMarkdown(
            _comparison_chart(
                "cc-figures-chart",
                f"{words.Pupils} with English as an additional language and eligible for free school meals, per cent",
                figures,
                area_name if any(row["area"] is not None for row in figures) else None,
                ours,
                NOT_KNOWN,
            )
        )
    rows = ethnicity_rows(profile)
    if rows:
        out["ethnicity"] = SafeMarkdown(
            _comparison_chart(
                "cc-ethnicity-chart",
                f"Ethnic make-up, per cent of {words.pupils}",
                rows,
                area_name if area and area.get("ethnicity") else None,
                ours,
                NOT_GIVEN,
            )
        )
    return out


# ---- the pack -------------------------------------------------------------------------------


def _strand_rows(profile: Profile, audit: Audit, counts) -> list[dict[str, Any]]:
    kinds = kinds_of(profile)
    rows = []
    for row in counts:
        items = []
        for base in row.strand.practices:
            entry = audit.entry(base.id)
            items.append(
                {
                    "title": in_own_terms(profile, base.for_kinds(kinds).title),
                    "status": STATUS_LABELS[audit.status(base.id)],
                    "status_id": audit.status(base.id),
                    "where": entry.where if entry else None,
                    "next_step": entry.next_step if entry else None,
                    "due": entry.due if entry else None,
                }
            )
        rows.append({"strand": row.strand, "counts": row.counts, "practices": items})
    return rows


def _lead(profile: Profile, field: str, value: Any) -> str:
    return str(value) + (" (to be confirmed)" if field in profile.unconfirmed else "")


def self_evaluation_values(
    profile: Profile, audit: Audit, local: dict[str, Any], *, case_studies: list[dict] = ()
) -> dict[str, Any]:
    """What the pack's templates read: a value still marked to check as "to be confirmed", or not at all. The
    plan reads the profile as it is, and names a role still to confirm with "(to be confirmed)" beside it."""
    shown = stated(profile)
    data = shown.data
    counts = strand_counts(audit)
    gov = governance(profile)
    words = phase_words(profile)
    today = made_on()  # once: the plan and the figures' readings of it count from the same day
    plan = build_plan(profile, audit, today)
    return {
        "school": data["school"],
        "pupils": data["pupils"],
        "words": words,
        "home_languages": data["pupils"].get("home_languages") or [],
        "faiths": data["pupils"].get("faiths") or [],
        "local_area": data.get("local_area"),
        "area_ethnicity": bool((data.get("local_area") or {}).get("ethnicity")),
        "wide_catchment": profile.wide_catchment and not data.get("local_area"),
        "leads": {
            "governor": _lead(profile, "leads.governor", profile.data["leads"]["governor"]),
            "staff": _lead(profile, "leads.staff", profile.data["leads"]["staff"]),
        },
        "gov": gov,
        "body": body_short(gov),
        "members": members_short(gov),
        "duty": duty_words(profile),
        "document": stated_document(profile),
        "audit": {
            "exists": audit.exists,
            "completed_on": audit.completed_on,
            "completed_by": audit.completed_by,
            "practices": len(practices()),
        },
        "figure_rows": figure_rows(profile),
        "ethnicity_rows": ethnicity_rows(profile),
        "ethnicity_said": TO_CONFIRM if "pupils.ethnicity" in profile.unconfirmed else NOT_KNOWN,
        "high_eal_from": profile_rules.HIGH_EAL_FROM,
        "high_fsm_from": profile_rules.HIGH_FSM_FROM,
        "national": NATIONAL,
        "figure_readings": figure_readings(profile, audit, today),
        "unknown_figures": unknown_figures(profile),
        "strand_rows": _strand_rows(profile, audit, counts),
        "status_labels": [(status, STATUS_LABELS[status]) for status in _statuses(counts)],
        "plan": plan,
        "profile_step": next((plan.number(a) for a in plan.actions if a.topic == "community-profile"), None),
        "portfolio": portfolio(profile, audit),
        "question_titles": QUESTION_TITLES,
        "charts": charts_for(profile, counts, audit),
        "authority": local["authority"],
        # the authority's contacts only for its own schools: a school elsewhere asks its own authority
        "contacts": local.get("contacts", []) if serves(local, data["school"]["local_authority"]) else [],
        "case_studies": list(case_studies),
    }


def render_self_evaluation(
    profile: Profile,
    audit: Audit,
    local: dict[str, Any],
    *,
    templates_dir: Path = MODEL_POLICIES,
    case_studies: list[dict] = (),
) -> str:
    """The whole pack as Markdown, headed by an h1 with the school's name."""
    values = self_evaluation_values(profile, audit, local, case_studies=case_studies)
    return render_template(PACK_TEMPLATE, values, templates_dir)


def write_self_evaluation_documents(
    profile: Profile,
    audit: Audit,
    local: dict[str, Any],
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    *,
    templates_dir: Path = MODEL_POLICIES,
    case_studies: list[dict] = (),
) -> dict[str, Path]:
    """Write the pack into `out_dir` as <slug>-self-evaluation.<format> for each format asked for,
    all or nothing (documents.write_formats)."""
    document = self_evaluation_document(profile, audit, local, templates_dir=templates_dir, case_studies=case_studies)
    return write_formats(document, out_dir, checked_formats(formats))


def write_self_evaluation(
    profile_path: Path,
    audit_path: Path | None,
    project_dir: Path,
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    *,
    display: str | None = None,
    audit_display: str | None = None,
) -> dict[str, Path]:
    """Everything `cohesion self-evaluation` does, and the review in the browser too: read the project's
    local.yml, check the profile and the audit (None: not yet assessed), suggest case studies, and write
    the pack with the project's templates. Raises InvalidFile naming every file's problems at once,
    having written nothing."""
    formats = checked_formats(formats)
    problems: list = []

    def collect(load):
        try:
            return load()
        except InvalidFile as err:
            problems.extend(err.problems)
            return None

    local = collect(lambda: load_local(project_dir, required=False))
    profile = collect(lambda: load_profile(profile_path, display))
    audit = collect(lambda: load_audit(audit_path, audit_display)) if audit_path else None
    if problems:
        raise InvalidFile(problems)
    audit = audit or not_assessed(profile.slug)
    studies = suggestions(profile, project_dir, local)
    return write_self_evaluation_documents(
        profile, audit, local, out_dir, formats, templates_dir=templates_for(project_dir), case_studies=studies
    )


def self_evaluation_document(
    profile: Profile,
    audit: Audit,
    local: dict[str, Any],
    *,
    templates_dir: Path = MODEL_POLICIES,
    case_studies: list[dict] = (),
) -> Document:
    """The school's pack, ready to write in any format (Word leaves out the charts' pictures; their
    tables hold the same numbers)."""
    markdown = render_self_evaluation(profile, audit, local, templates_dir=templates_dir, case_studies=case_studies)
    return Document(
        markdown, stem(profile), title=title_of(profile), author=profile.name, letterhead=letterhead(profile, local)
    )


def self_evaluation_key(policy_key: str, profile: Profile, audit: Audit) -> str:
    """The pack's key from the policy's (school_documents.school_key), the school's audit file and the day the plan's
    dates count from: the day it is made only once that is later than the adoption and the audit, so a cached pack is
    remade when its dates would change, and not every day (cold review)."""
    digest = hashlib.sha256(policy_key.encode())
    digest.update(audit.path.read_bytes() if audit.exists else b"no audit")
    timeline = plan_timeline(profile, audit)
    digest.update(f"{timeline.start}:{timeline.counted_from}".encode())
    return digest.hexdigest()[:32]


def self_evaluation_folder(project_dir: Path, profile: Profile) -> Path:
    """.cache/self-evaluation/<slug>: the school's packs, one folder per key."""
    return Path(project_dir) / CACHE / profile.slug
