"""A school's self-evaluation pack (community profile, audit report, action plan, evidence portfolio)
as Markdown, and as HTML, Word and PDF files written whole or not at all."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.documents.action_plan import build_plan, figure_readings, unknown_figures
from cohesion_guide.documents.charts import Bar, BarGroup, responsive_chart
from cohesion_guide.documents.evidence import portfolio

# The policy's formats and their checks: one way to do each, shared with the policy documents.
from cohesion_guide.documents.policy import FORMATS, checked_formats, letterhead, templates_for
from cohesion_guide.documents.render import SafeMarkdown, render_template, stated, stated_document
from cohesion_guide.documents.tailoring import ethnic_group_label
from cohesion_guide.errors import InvalidFile
from cohesion_guide.export.document_set import Document, write_formats
from cohesion_guide.inputs import profiles as profile_rules
from cohesion_guide.inputs.audit import ALL_STATUSES, STATUS_LABELS, Audit, load_audit, not_assessed, strand_counts
from cohesion_guide.inputs.case_studies import suggestions
from cohesion_guide.inputs.local_config import load_local, serves
from cohesion_guide.inputs.profiles import Profile, load_profile
from cohesion_guide.inputs.schemas import schema

PACK_TEMPLATE = "self_evaluation.md.j2"
CACHE = Path(".cache") / "self-evaluation"
QUESTION_TITLES = {"knowledge": "Knowledge", "action": "Action", "impact": "Impact"}


def stem(profile: Profile) -> str:
    """riverside-primary-self-evaluation: every format's name before the extension."""
    return f"{profile.slug}-self-evaluation"


def document_name(profile: Profile, fmt: str) -> str:
    """riverside-primary-self-evaluation.pdf"""
    return f"{stem(profile)}.{fmt}"


def title_of(profile: Profile) -> str:
    return f"Self-evaluation: {profile.name}"


# ---- the figures and their charts ---------------------------------------------------------


def figure_rows(profile: Profile) -> list[dict[str, Any]]:
    """EAL and FSM for the pupils and, where the profile gives them, the local area; None where a figure is
    not known (never 0: DESIGN.md, decision 11)."""
    area = profile.data.get("local_area") or {}
    return [
        {
            "label": "English as an additional language",
            "school": profile.known("pupils.eal_percent"),
            "area": area.get("eal_percent"),
        },
        {
            "label": "Eligible for free school meals",
            "school": profile.known("pupils.fsm_percent"),
            "area": area.get("fsm_percent"),
        },
    ]


REST_OF_PUPILS = "The rest (groups not given)"


def _complete(figures: dict[str, float]) -> bool:
    return sum(figures.values()) >= 100 - profile_rules.ETHNICITY_TOLERANCE


def ethnicity_rows(profile: Profile) -> list[dict[str, Any]]:
    """Every ethnic group the pupils' or the area's figures give, in the census's order. Where the figures account
    for everyone, a group left out has none (0%); where they give only some groups, a group left out is not known
    (None), and a last row holds the rest."""
    pupils = profile.ethnicity
    area = (profile.data.get("local_area") or {}).get("ethnicity") or {}
    if not pupils:
        return []
    order = schema("profile")["$defs"]["ethnicity"]["properties"]
    absent_pupils = 0 if _complete(pupils) else None
    absent_area = 0 if area and _complete(area) else None
    rows = [
        {
            "key": key,
            "label": ethnic_group_label(key),
            "school": pupils.get(key, absent_pupils),
            "area": area.get(key, absent_area) if area else None,
        }
        for key in order
        if key in pupils or key in area
    ]
    if absent_pupils is None or (area and absent_area is None):
        rows.append(
            {
                "key": "rest",
                "label": REST_OF_PUPILS,
                "school": None if absent_pupils == 0 else round(100 - sum(pupils.values()), 1),
                "area": round(100 - sum(area.values()), 1) if area and absent_area is None else None,
            }
        )
    return rows


def _pct(value: float) -> str:
    return f"{float(value):g}%"


def _comparison_chart(chart_id: str, title: str, rows: list[dict[str, Any]], area_name: str | None) -> str:
    """Bars for the school (solid) and the area (striped), each labelled 'School' or 'Area' with its value."""
    groups, said = [], []
    for row in rows:
        known = row["school"] is not None
        bars = [Bar(row["school"], f"School: {_pct(row['school'])}", 0)] if known else []
        sentence = f"{row['label']}: school {_pct(row['school']) if known else 'not known'}"
        if area_name and row["area"] is not None:
            bars.append(Bar(row["area"], f"Area: {_pct(row['area'])}", 1))
            sentence += f", {area_name} {_pct(row['area'])}"
        said.append(sentence)
        # A bar of 0% is left out of the picture, and a group with nothing to draw with it; the
        # description and the table beside the chart keep every figure, zeros included.
        bars = [bar for bar in bars if bar.value]
        if bars:
            groups.append(BarGroup(row["label"], tuple(bars)))
    legend = [(0, "School: pupils at the school")]
    if area_name:
        legend.append((1, f"Area: {area_name}"))
    desc = f"{title}. " + "; ".join(said) + "."
    peak = max([10.0] + [b.value for g in groups for b in g.bars])
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
            + ", ".join(f"{row.counts[s]} {STATUS_LABELS[s].lower()}" for s in ALL_STATUSES)
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


def charts_for(profile: Profile, counts) -> dict[str, SafeMarkdown]:
    """The pack's pictures: the audit always; the figures and the ethnic make-up when the profile gives any
    (a figure not known has no bar: the description says so)."""
    area = profile.data.get("local_area")
    area_name = area["name"] if area else None
    out = {"audit": SafeMarkdown(audit_chart(counts))}
    figures = figure_rows(profile)
    if any(row["school"] is not None or (area_name and row["area"] is not None) for row in figures):
        out["figures"] = SafeMarkdown(
            _comparison_chart(
                "cc-figures-chart",
                "Pupils with English as an additional language and eligible for free school meals, per cent",
                figures,
                area_name,
            )
        )
    rows = ethnicity_rows(profile)
    if rows:
        out["ethnicity"] = SafeMarkdown(
            _comparison_chart(
                "cc-ethnicity-chart",
                "Ethnic make-up, per cent of pupils",
                rows,
                area_name if area and area.get("ethnicity") else None,
            )
        )
    return out


# ---- the pack -------------------------------------------------------------------------------


def self_evaluation_values(
    profile: Profile, audit: Audit, local: dict[str, Any], *, case_studies: list[dict] = ()
) -> dict[str, Any]:
    """What the pack's templates read: a value still marked to check as "to be confirmed", or not at all."""
    profile = stated(profile)
    data = profile.data
    counts = strand_counts(audit)
    strand_rows = []
    for row in counts:
        items = []
        for p in row.strand.practices:
            entry = audit.entry(p.id)
            items.append(
                {
                    "title": p.title,
                    "status": STATUS_LABELS[audit.status(p.id)],
                    "status_id": audit.status(p.id),
                    "where": entry.where if entry else None,
                    "next_step": entry.next_step if entry else None,
                }
            )
        strand_rows.append({"strand": row.strand, "counts": row.counts, "practices": items})
    return {
        "school": data["school"],
        "pupils": data["pupils"],
        "home_languages": data["pupils"].get("home_languages") or [],
        "faiths": data["pupils"].get("faiths") or [],
        "local_area": data.get("local_area"),
        "leads": data["leads"],
        "document": stated_document(profile),
        "audit": {"exists": audit.exists, "completed_on": audit.completed_on, "completed_by": audit.completed_by},
        "figure_rows": figure_rows(profile),
        "ethnicity_rows": ethnicity_rows(profile),
        "high_eal_from": profile_rules.HIGH_EAL_FROM,
        "high_fsm_from": profile_rules.HIGH_FSM_FROM,
        "figure_readings": figure_readings(profile, audit),
        "unknown_figures": unknown_figures(profile),
        "strand_rows": strand_rows,
        "status_labels": [(status, STATUS_LABELS[status]) for status in ALL_STATUSES],
        "plan": build_plan(profile, audit),
        "portfolio": portfolio(profile, audit),
        "question_titles": QUESTION_TITLES,
        "charts": charts_for(profile, counts),
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


def self_evaluation_key(policy_key: str, audit: Audit) -> str:
    """The pack's key from the policy's (school_documents.school_key) and the school's audit file."""
    digest = hashlib.sha256(policy_key.encode())
    digest.update(audit.path.read_bytes() if audit.exists else b"no audit")
    return digest.hexdigest()[:32]


def self_evaluation_folder(project_dir: Path, profile: Profile) -> Path:
    """.cache/self-evaluation/<slug>: the school's packs, one folder per key."""
    return Path(project_dir) / CACHE / profile.slug
