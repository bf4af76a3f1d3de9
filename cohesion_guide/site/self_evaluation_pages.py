"""Page source: each school's self-evaluation page (schools/<slug>/self-evaluation/), its pack
downloads and its audit file, for the site build."""

from __future__ import annotations

from pathlib import Path

from cohesion_guide.documents.policy import FORMAT_NAMES, file_size
from cohesion_guide.documents.self_evaluation import title_of
from cohesion_guide.files import atomic_path
from cohesion_guide.inputs.audit import Audit, blank_audit, completed_by_for
from cohesion_guide.inputs.profiles import Profile
from cohesion_guide.site.build import School
from cohesion_guide.site.generated import GeneratedFile, GeneratedPage
from cohesion_guide.site.school_pages import Size, builder_link, school_summary, searchable_page

FOLDER = "self-evaluation"
# The sections that start open when the page folds its sections away (sections.js): where the school
# stands and what it will do. The plan grew routine steps (a cold read of the packs), so the pupils'
# figures, which the profile's opening lines sum up, wait a click. Print shows every section.
OPEN_SECTIONS = "summary-by-strand the-plan"
SECTIONS_NOTE = (
    f'<p class="cc-screen-only" data-cc-sections="{OPEN_SECTIONS}">Each part below opens and closes: '
    "select a heading to show or hide it. The contents list opens the part it leads to.</p>\n"
)


def audit_download(profile: Profile, audit: Audit, project_dir: Path) -> Path:
    """The school's audit file to download: its own when it has one, else a blank one made for it."""
    if audit.exists:
        return audit.path
    blank = (
        Path(project_dir) / ".cache" / "audit-forms" / f"{profile.slug}.yml"
    )  # beside, not inside, the per-school cache
    text = blank_audit(profile.slug, school_name=profile.name, completed_by=completed_by_for(profile))
    if not blank.is_file() or blank.read_text(encoding="utf-8") != text:
        with atomic_path(blank) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return blank


def review_link(slug: str, depth: int) -> str:
    """Review your school's work opened at a school's details and audit (planning/review/?school=<slug>),
    from a page `depth` folders below the site's root, as a link MkDocs checks."""
    return "../" * depth + f"planning/review/index.md?school={slug}"


def self_evaluation_page(
    profile: Profile, audit: Audit, paths: dict[str, Path], audit_file: str, pack: str, size: Size = file_size
) -> str:
    """The page: the pack's heading, what to download and how to change it, then the whole pack."""
    heading, _, body = pack.partition("\n")
    links = [
        f"- [Download the self-evaluation pack ({FORMAT_NAMES[fmt]}, {size(paths[fmt])})]({paths[fmt].name})"
        for fmt in ("docx", "pdf")
    ]
    links.append(
        f"- [Download the school's audit file (YAML text)]({audit_file})"
        if audit.exists
        else f"- [Download an audit form for this school to fill in (YAML text)]({audit_file})"
    )
    review = (
        (
            "To update the pack, review the school's work in your browser: its audit is filled in there, "
            "you change what has changed, and you get the new pack, and what has moved since, to download."
        )
        if audit.exists
        else (
            "To add the school's audit, review its work in your browser: you answer a page for each practice "
            "and get the pack with the audit in it, to download."
        )
    )
    # Links sit in lists, not inside sentences: the theme does not underline links in running text.
    intro = (
        "The guide made this self-evaluation from the school's profile"
        + (" and audit" if audit.exists else "")
        + ". Download it to adapt it and take it to governors:\n\n"
        + "\n".join(links)
        + "\n\n"
        + review
        + " Nothing you type leaves your browser, and nothing needs installing:\n\n"
        + f"- [Review this school's work in your browser]({review_link(profile.slug, 3)})\n"
        + f"- [Change this school's details in the policy builder]({builder_link(profile.slug, 3)})\n"
        + "- [Run your self-evaluation](../../../planning/self-evaluation.md): each step explained\n"
        + "- [The school's community cohesion policy](../index.md)\n\n"
        + SECTIONS_NOTE
    )
    return searchable_page(title_of(profile), heading, school_summary(profile), intro, body, wide=True)


def pages_for(schools: list[School], project_dir: Path, size: Size = file_size) -> list[GeneratedPage | GeneratedFile]:
    """Each school's self-evaluation page, pack downloads and audit file, from a build's SchoolSet."""
    out: list[GeneratedPage | GeneratedFile] = []
    for school in schools:
        profile, audit, paths = school.profile, school.audit, school.self_evaluation
        base = f"schools/{profile.slug}/{FOLDER}"
        audit_name = f"{profile.slug}-audit.yml"
        out += [GeneratedFile(f"{base}/{paths[fmt].name}", paths[fmt]) for fmt in ("docx", "pdf")]
        out.append(GeneratedFile(f"{base}/{audit_name}", audit_download(profile, audit, project_dir)))
        out.append(
            GeneratedPage(
                f"{base}/index.md",
                self_evaluation_page(profile, audit, paths, audit_name, school.self_evaluation_text, size),
            )
        )
    return out
