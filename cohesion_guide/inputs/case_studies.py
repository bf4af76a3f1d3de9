"""Case studies: read and check case_studies/*.md, name their tags, and pick those that fit a school."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.generated_record import bears_mark, generated_files
from cohesion_guide.inputs import review
from cohesion_guide.inputs.profiles import PHASE_GROUPS, PHASE_LABELS, SLUG
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import Loaded, check, parse_yaml, read_text

# What each value in the front matter is called on the site. The keys are the schema's enums
# (tests/test_case_studies.py checks they agree); the order is the order pages list them in.
# Case studies use the broader phases of profiles, named as profiles name them.
PHASES = {
    key: PHASE_LABELS[key]
    for key in ("nursery", "primary", "middle", "secondary", "all-through", "special", "pru", "16-plus")
}
SETTINGS = {"urban": "Urban", "rural": "Rural"}
STRANDS = {
    "teaching-learning-curriculum": "Teaching, learning and curriculum",
    "equity-excellence": "Equity and excellence",
    "engagement-extended-services": "Engagement and extended services",
}
# The headings' anchors on docs/duty/strands.md, agreed with the guide's author.
STRAND_ANCHORS = {
    "teaching-learning-curriculum": "teaching-learning-and-curriculum",
    "equity-excellence": "equity-and-excellence",
    "engagement-extended-services": "engagement-and-extended-services",
}
# The headings' anchors on docs/duty/dimensions.md.
DIMENSION_ANCHORS = {
    "school": "school-community",
    "local": "local-community",
    "uk": "uk-community",
    "global": "global-community",
    "networks": "networks",
}
DIMENSIONS = {
    "school": "The school community",
    "local": "The community where the school is",
    "uk": "The UK community",
    "global": "The global community",
    "networks": "Networks of schools",
}
ECM_OUTCOMES = {
    "be-healthy": "Be healthy",
    "stay-safe": "Stay safe",
    "enjoy-and-achieve": "Enjoy and achieve",
    "positive-contribution": "Make a positive contribution",
    "economic-wellbeing": "Achieve economic well-being",
}
CONTEXT_TAGS = {
    "mono-cultural-intake": "Mostly one ethnic group",
    "diverse-intake": "Very diverse intake",
    "faith-school": "Faith school",
    "high-eal": "Many pupils learning English",
    "new-arrivals": "New arrivals",
    "rural-isolation": "Rural and isolated",
    "high-fsm": "High free school meals",
    "special-needs": "Special educational needs",
    "secondary-transition": "Move to secondary school",
}
SKIPPED = {"README.md"}  # a fork may explain the folder in a README; it is not a case study


@dataclass(frozen=True)
class CaseStudy:
    """One checked case study: its front matter as fields, and the Markdown below it."""

    slug: str
    path: Path
    title: str
    summary: str
    phases: tuple[str, ...]
    setting: str
    strands: tuple[str, ...]
    dimensions: tuple[str, ...]
    ecm_outcomes: tuple[str, ...]
    context_tags: tuple[str, ...]
    illustrative: bool
    source: dict[str, Any] | None
    last_reviewed: str
    review_due: str
    body: str

    def values(self, facet: str) -> tuple[str, ...]:
        """The study's values for a filter: 'strand', 'dimension', 'phase' or 'setting'."""
        return {"strand": self.strands, "dimension": self.dimensions, "phase": self.phases, "setting": (self.setting,)}[
            facet
        ]


# Names taken by the case studies' own pages (the index and the filter pages' folders).
RESERVED = frozenset({"index", "strand", "dimension", "phase", "setting"})


def taken_names(folder: Path) -> set[str]:
    """Names a case study cannot have: the section's own pages, and the guide's pages beside them in
    docs/case-studies/ (a case study named adding.md would replace the guide's adding.md). The pages
    made from the case studies themselves, written there by site/generate.py, do not count: the
    record of generated pages names them, or (when the record is missing) their front matter does."""
    docs = Path(folder).parent / "docs"
    guide, made = docs / "case-studies", generated_files(Path(folder).parent)

    def written_by_hand(path: Path) -> bool:
        paths = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        return any(p.relative_to(docs).as_posix() not in made and not bears_mark(p) for p in paths)

    entries = [p for p in guide.iterdir() if written_by_hand(p)] if guide.is_dir() else []
    return set(RESERVED) | {p.stem if p.suffix == ".md" else p.name for p in entries}


def load_case_studies(folder: Path | str) -> list[CaseStudy]:
    """Every case study in `folder`, sorted by slug; raises one InvalidFile listing every problem in every file."""
    folder = Path(folder)
    studies: list[CaseStudy] = []
    problems: list[Problem] = []
    taken = taken_names(folder)
    for path in sorted(folder.glob("*.md")):
        if path.name in SKIPPED:
            continue
        if path.stem in taken:
            problems.append(
                Problem(
                    f"{folder.name}/{path.name}",
                    1,
                    "(the file name)",
                    f"'{path.name}' is the name of one of the guide's own pages, which this case study "
                    f"would replace; allowed: any other name, for example '{path.stem}-case-study.md'",
                )
            )
            continue
        try:
            studies.append(load_case_study(path, display_name=f"{folder.name}/{path.name}"))
        except InvalidFile as err:
            problems.extend(err.problems)
    if problems:
        raise InvalidFile(problems)
    return studies


def load_case_study(path: Path, display_name: str | None = None) -> CaseStudy:
    """One case study file, checked; raises InvalidFile naming the line and field of each problem."""
    name = display_name or path.name
    if not path.is_file():
        raise InvalidFile(
            [
                Problem(
                    name,
                    1,
                    "(the whole file)",
                    "is not a file (a folder, or a link to nothing); "
                    "allowed here: case study files only. Move it elsewhere or rename it",
                )
            ]
        )
    text = read_text(path, name, "Shorten it, or link to a longer write-up")
    loaded, body, body_line = _split(text, name)
    problems = check(loaded, schema("case_study"))
    if not SLUG.match(path.stem):
        problems.append(
            Problem(
                name,
                1,
                "(the file name)",
                f"'{path.name}' cannot be a web address; use lowercase letters, digits and hyphens only, for example 'rural-primary-link.md'",
            )
        )
    if not body.strip():
        problems.append(
            Problem(
                name,
                body_line,
                "(the text below the front matter)",
                "is empty; write the case study below the second --- line",
            )
        )
    if not problems:
        problems += _dates_in_order(loaded)
    if problems:
        raise InvalidFile(problems)
    data = loaded.data
    phase = data["phase"]
    return CaseStudy(
        slug=path.stem,
        path=path,
        title=data["title"],
        summary=data["summary"],
        phases=tuple(phase) if isinstance(phase, list) else (phase,),
        setting=data["setting"],
        strands=tuple(data["strands"]),
        dimensions=tuple(data["dimensions"]),
        ecm_outcomes=tuple(data["ecm_outcomes"]),
        context_tags=tuple(data["context_tags"]),
        illustrative=bool(data.get("illustrative")),
        source=data.get("source"),
        last_reviewed=data["last_reviewed"],
        review_due=data["review_due"],
        body=body,
    )


def _split(text: str, name: str) -> tuple[Loaded, str, int]:
    """The front matter (parsed, with the file's own line numbers), the body, and the body's first line."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise InvalidFile(
            [
                Problem(
                    name,
                    1,
                    "(the whole file)",
                    "does not start with front matter: the first line must be --- and the fields (title, summary, ...) follow, closed by another --- line",
                )
            ]
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise InvalidFile(
            [
                Problem(
                    name,
                    len(lines),
                    "(the whole file)",
                    "the front matter is never closed: add a line with only --- after the last field",
                )
            ]
        )
    # A blank first line stands in for the opening ---, so YAML's line numbers are the file's.
    loaded = parse_yaml("\n" + "\n".join(lines[1:end]), name)
    return loaded, "\n".join(lines[end + 1 :]).strip("\n") + "\n", end + 2


def _dates_in_order(loaded: Loaded) -> list[Problem]:
    try:
        review.status(loaded.data, date.today())
    except review.MissingReview as err:
        return [
            Problem(
                loaded.file,
                loaded.line_of(("review_due",)),
                "review_due",
                f"{err} Set review_due to the date the case study should next be checked.",
            )
        ]
    return []


def profile_tags(profile: Any) -> set[str]:
    """The context tags a school's profile implies, from the facts profiles.py derives once."""
    facts = {
        "mono-cultural-intake": "is_monocultural",
        "diverse-intake": "is_highly_diverse",
        "faith-school": "has_religious_character",
        "rural-isolation": "is_rural",
        "high-eal": "high_eal",
        "high-fsm": "high_fsm",
    }
    tags = {tag for tag, attribute in facts.items() if getattr(profile, attribute, False)}
    if profile.phase == "special":
        tags.add("special-needs")
    return tags


def relevance(profile: Any, study: CaseStudy) -> int:
    """How well a case study fits a school: context counts most, then phase, then setting."""
    score = 3 * len(profile_tags(profile) & set(study.context_tags))
    if profile.phase in study.phases:
        score += 3
    elif profile.phase_group in {PHASE_GROUPS[p] for p in study.phases}:  # a near miss still counts a little
        score += 1
    setting = "rural" if profile.is_rural else "urban"
    if setting == study.setting:
        score += 2
    return score


def most_relevant(profile: Any, studies: Iterable[CaseStudy], n: int = 3) -> list[CaseStudy]:
    """The n case studies that fit the school best; equal scores go in slug order, so the choice never varies."""
    return sorted(studies, key=lambda study: (-relevance(profile, study), study.slug))[:n]


SIXTH_FORM_FROM = 17  # a school whose oldest pupils are this age or older has a sixth form


def fitting_phases(profile: Any) -> set[str]:
    """The case studies' phases that fit a school: its own, and those of the stages it teaches. A primary school
    with a nursery takes a nursery's study, a secondary school with a sixth form a sixth form's, and an all-through
    school a primary's and a secondary's (an infant school, all early years and infants, a nursery's too); but an all-through school's study never goes to an 11 to 16 school, a
    middle school's to a primary, a primary's to a nursery school, or a secondary school's to a sixth form."""
    phase = profile.phase
    high = profile.data["school"].get("statutory_high_age")
    sixth_form = {"16-plus"} if high is not None and high >= SIXTH_FORM_FROM else set()
    nursery = {"nursery"} if profile.has_nursery or profile.young_children else set()
    if phase in ("infant", "first", "junior", "primary"):
        return {"primary"} | nursery
    if phase == "secondary":
        return {"secondary"} | sixth_form
    if phase == "all-through":
        return {"all-through", "primary", "secondary"} | nursery | sixth_form
    return {phase}  # nursery, middle, special, pru, 16-plus: their own studies only


def phase_fits(profile: Any, study: CaseStudy) -> bool:
    """Whether a case study comes from a school at a stage this school teaches (fitting_phases)."""
    return bool(fitting_phases(profile) & set(study.phases))


def setting_fits(profile: Any, study: CaseStudy) -> bool:
    """Whether a case study comes from the school's own kind of place: a cluster of village schools is no model for
    a city academy, nor a city district's programme for a village school. A setting still to be confirmed (an
    import's guess) rules nothing out."""
    if "location.setting" in getattr(profile, "unconfirmed", {}):
        return True
    return study.setting == ("rural" if profile.is_rural else "urban")


def fits(profile: Any, study: CaseStudy) -> bool:
    """A study to suggest: from a stage the school teaches and its kind of place, and about at least one of its
    circumstances."""
    return (
        phase_fits(profile, study)
        and setting_fits(profile, study)
        and bool(profile_tags(profile) & set(study.context_tags))
    )


def suggestions(profile: Any, project_dir: Path, local: dict[str, Any], n: int = 3) -> list[dict[str, Any]]:
    """The case studies a school's documents suggest: title, summary, a link to the study's page on the guide, and
    where it comes from (an illustrative example written for the guide, or the published source it retells). Only
    studies from a stage the school teaches and its kind of place that share one of its circumstances (profile_tags)
    are suggested, so there may be none.

    With local.yml's site_url the link is a full web address, which works on the site, in Word and in
    PDF alike; without it there is no address that would work everywhere, so `url` is None and the
    documents name the study without a link.
    """
    folder = Path(project_dir) / "case_studies"
    if not folder.is_dir():
        return []
    site = local.get("site_url")
    fitting = [study for study in studies_in(folder) if fits(profile, study)]
    return [
        {
            "title": study.title,
            "summary": study.summary,
            "url": f"{site.rstrip('/')}/case-studies/{study.slug}/" if site else None,
            "illustrative": study.illustrative,
            "source": dict(study.source) if study.source else None,
        }
        for study in most_relevant(profile, fitting, n)
    ]


def studies_in(folder: Path) -> list[CaseStudy]:
    """load_case_studies, read once per build for however many schools and pages ask (keyed on the
    files' times). A folder with a problem is read, and reported, every time."""
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.md")))
    return _cached_studies(folder, stamp)


@lru_cache(maxsize=4)
def _cached_studies(folder: Path, stamp: tuple) -> list[CaseStudy]:
    return load_case_studies(folder)
