"""The site's schools section: a table of every school, and a page per school with its policy and downloads."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from cohesion_guide.documents.policy import (
    FORMAT_NAMES,
    document_title,
    engine_fingerprint,
    file_size,
    policy_document,
    templates_for,
)
from cohesion_guide.documents.render import escape_markdown, render_policy
from cohesion_guide.export.document_set import is_cached, key_paths, write_formats
from cohesion_guide.inputs.case_studies import suggestions
from cohesion_guide.inputs.profiles import PHASE_LABELS, Profile, load_profile
from cohesion_guide.site.build import SITE_FORMATS, School
from cohesion_guide.site.generated import GeneratedFile, GeneratedPage, SiteContext, front_matter

INDEX = "schools/index.md"


def published_name(path: Path) -> str:
    """The name a download has on the site. MkDocs turns every .md file it is given into a page, so
    the Markdown download is published as .md.txt: browsers show it as plain text."""
    return path.name + ".txt" if path.suffix == ".md" else path.name


# How a page learns a download's size: from the file, or (site_schools.DocumentWork.size) a
# placeholder filled in once the file is made.
Size = Callable[[Path], str]


def downloads(paths: dict, size: Size = file_size) -> list[tuple[str, str, str]]:
    """(file name, format name, size) for each download, in SITE_FORMATS order."""
    return [(published_name(paths[fmt]), FORMAT_NAMES[fmt], size(paths[fmt])) for fmt in SITE_FORMATS]


# The search index holds each school's two pages by their titles (the school's name) and the school's
# phase, town and authority, not their whole text: 600 schools' policies and packs would make the
# index tens of megabytes, which every visitor's browser downloads.
NOT_INDEXED = "data-search-exclude"
# A school's pages rank below the guide's for the same words: a reader searching "EAL" wants the
# guidance first, and a school's page is found by its name, which no guide page shares.
SCHOOL_BOOST = 0.5
_HEADING = re.compile(r"^(#{2,6} .*?)[ \t]*$")


def unindexed_headings(markdown: str) -> str:
    """Mark each heading below the page's title so the search index leaves its section out
    (Material's search skips a section whose heading has data-search-exclude)."""
    out, fenced = [], False
    for line in markdown.split("\n"):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        out.append(f"{match.group(1)} {{ {NOT_INDEXED} }}" if match else line)
    return "\n".join(out)


def searchable_page(title: str, heading: str, summary: str, unindexed: str, body: str, *, wide: bool = False) -> str:
    """A generated page whose search entry is its title and a one-line `summary`; the text under
    the title up to the first heading (`unindexed`, then the body's own opening) and every section
    of `body` are left out of the index but shown as usual. `unindexed` (downloads, how to change
    the page) is for the screen: a printed page starts with the document itself. A `wide` page gives the site's
    navigation column to its text (for wide tables; the breadcrumbs still say where it sits)."""
    match = re.search(r"^#{2,6} ", body, flags=re.MULTILINE)
    opening, rest = (body[: match.start()], body[match.start() :]) if match else (body, "")
    return (
        front_matter({"title": title, "search": {"boost": SCHOOL_BOOST}, **({"hide": ["navigation"]} if wide else {})})
        + heading
        + "\n\n"
        + summary
        + "\n\n"
        # two blocks side by side, not one inside the other: Markdown in HTML drops the attribute
        # that keeps a block out of the index from a block that holds another
        + f'<div {NOT_INDEXED} class="cc-screen-only" markdown="1">\n\n'
        + unindexed.strip("\n")
        + "\n\n</div>\n\n"
        + (f'<div {NOT_INDEXED} markdown="1">\n\n' + opening.strip("\n") + "\n\n</div>\n\n" if opening.strip() else "")
        + unindexed_headings(rest)
    )


def school_summary(profile: Profile) -> str:
    """What search finds a school by, besides its name: its phase, town and authority."""
    school = profile.data["school"]
    return (
        f"Phase: {PHASE_LABELS[school['phase']]}. Town: {escape_markdown(profile.data['location']['town'])}. "
        f"Local authority: {escape_markdown(school['local_authority'])}."
    )


def builder_link(slug: str, depth: int) -> str:
    """The policy builder opened at a school's answers (make-a-policy/?school=<slug>), from a page
    `depth` folders below the site's root, as a link MkDocs checks (the builder's page exists)."""
    return "../" * depth + f"make-a-policy/index.md?school={slug}"


def school_page(profile: Profile, paths: dict, policy: str, size: Size = file_size) -> str:
    """The school's page: the policy's heading, the downloads, then the policy itself."""
    heading, _, body = policy.partition("\n")
    links = "\n".join(
        f"- [Download the policy ({kind}, {shown})]({name})" for name, kind, shown in downloads(paths, size)
    )
    intro = (
        "This policy was written by the guide from the school's profile. Download it to adapt it and take "
        "it to the governing body:\n\n" + links + "\n\n" + "The school's self-evaluation pack is on its own page: "
        "[community profile, audit report, action plan and evidence portfolio](self-evaluation/index.md).\n\n"
        + "To change the school's documents, open its answers in the policy builder, change what needs "
        "changing and download the new policy. Nothing you type leaves your browser:\n\n"
        + f"- [Change this school's answers in the policy builder]({builder_link(profile.slug, 2)})\n"
    )
    return searchable_page(document_title(profile), heading, school_summary(profile), intro, body)


# In the table's narrow column the format's short name does: the row says whose document it is.
SHORT_KIND = {"Word document": "Word", "Markdown text": "Markdown"}


def index_page(rows: list[tuple[Profile, dict]], size: Size = file_size) -> str:
    """The table of schools: name (a link to its page), phase, town and the downloads.

    Plain HTML, so it needs no JavaScript: each row carries its name, phase and town as data, and
    schools-filter.js (with JavaScript) shows a form above it that filters the rows in place. On a
    phone each row is a card (cohesion.css)."""
    lines = [
        # the list ranks with the schools' own pages: below the guide's for a word like "school"
        front_matter({"title": "Schools' policies", "search": {"boost": SCHOOL_BOOST}}),
        "# Schools' policies\n",
        "Each school here has a community cohesion policy written from its profile. Open a school to read "
        "its policy, or download it as a Word document, a PDF or Markdown text. To add a school, see "
        "[Write your school's policy](../policies/index.md).\n",
    ]
    if not rows:
        lines.append("There are no school profiles yet: add one to the `schools/` folder.\n")
        return "\n".join(lines)
    esc = html.escape  # the table is raw HTML: text and attributes escaped for HTML, quotes too
    lines.append(
        f'<p id="cc-schools-count" class="cc-schools-count" role="status">There are {len(rows)} schools.</p>\n'
    )
    # Searching a school's name should find its own page, not this list: the table is not indexed.
    table = [
        f"<div {NOT_INDEXED}>",
        '<table class="cc-schools">',
        '<thead><tr><th scope="col">School</th><th scope="col">Phase</th><th scope="col">Town</th>'
        '<th scope="col">Downloads</th></tr></thead>',
        "<tbody>",
    ]
    for profile, paths in rows:
        school, town = profile.data["school"], profile.data["location"]["town"]
        phase = PHASE_LABELS[school["phase"]]
        files = "".join(
            f'<li><a href="{esc(profile.slug)}/{esc(name)}">{esc(SHORT_KIND.get(kind, kind))} ({esc(shown)})</a></li>'
            for name, kind, shown in downloads(paths, size)
        )
        table.append(
            f'<tr data-name="{esc(school["name"].casefold())}" data-phase="{esc(school["phase"])}" data-town="{esc(town)}">'
            f'<th scope="row" data-label="School"><a href="{esc(profile.slug)}/">{esc(school["name"])}</a></th>'
            f'<td data-label="Phase">{esc(phase)}</td><td data-label="Town">{esc(town)}</td>'
            f'<td data-label="Downloads"><ul class="cc-downloads">{files}</ul></td></tr>'
        )
    table += ["</tbody>", "</table>", "</div>"]
    lines.append("\n".join(table))
    return "\n".join(lines) + "\n"


MODEL_SCHOOL = "model-primary-school.yml"
MODEL_PAGE = "policies/model-primary-policy"  # its downloads sit beside the page, in its folder
MODEL_CACHE = Path(".cache") / "model-policy"


def model_profile(project_dir: Path, local: dict) -> Profile:
    """The fictional model school (model_policies/model-primary-school.yml), placed in this authority."""
    model = load_profile(templates_for(project_dir) / MODEL_SCHOOL)
    authority = local["authority"].get("short_name") or local["authority"]["name"]
    data = {**model.data, "school": {**model.data["school"], "local_authority": authority}}
    return replace(model, data=data)


def model_policy_markdown(project_dir: Path, local: dict) -> str:
    """The policy for the fictional model school as if it were in this authority, without its first
    heading, for a page that has its own."""
    profile = model_profile(project_dir, local)
    policy = render_policy(profile, local, templates_for(project_dir), suggestions(profile, project_dir, local))
    return policy.partition("\n")[2]


def model_policy_paths(project_dir: Path, local: dict) -> dict[str, Path]:
    """The model policy's Word, PDF and Markdown files, made once for each version of its text and
    of the engine, and kept under .cache/model-policy/."""
    profile = model_profile(project_dir, local)
    document = policy_document(profile, local, templates_for(project_dir), suggestions(profile, project_dir, local))
    key = hashlib.sha256((engine_fingerprint() + "\0" + document.markdown).encode()).hexdigest()[:32]
    folder = Path(project_dir) / MODEL_CACHE
    paths = key_paths(folder, key, document.stem, SITE_FORMATS)
    if not is_cached(paths):
        write_formats(document, folder / key, SITE_FORMATS)
    return paths


def model_policy_files(context: SiteContext) -> list[GeneratedFile]:
    """Page source: the model policy's downloads, beside its page (see model_policy_downloads)."""
    paths = model_policy_paths(context.project_dir, context.local)
    return [GeneratedFile(f"{MODEL_PAGE}/{published_name(path)}", path) for path in paths.values()]


def model_policy_downloads(project_dir: Path, local: dict) -> str:
    """Links to the model policy's downloads, as a Markdown list, for the model policy's page."""
    paths = model_policy_paths(project_dir, local)
    return (
        "\n".join(
            f"- [Download the model policy ({kind}, {shown})](model-primary-policy/{name})"
            for name, kind, shown in downloads(paths)
        )
        + "\n"
    )


def pages_for(schools: list[School], size: Size = file_size) -> list[GeneratedPage | GeneratedFile]:
    """Each school's page and downloads, and the table of schools, from a build's SchoolSet."""
    out: list[GeneratedPage | GeneratedFile] = []
    rows = []
    for school in schools:
        profile, paths = school.profile, school.policy
        out += [
            GeneratedFile(f"schools/{profile.slug}/{published_name(paths[fmt])}", paths[fmt]) for fmt in SITE_FORMATS
        ]
        out.append(
            GeneratedPage(f"schools/{profile.slug}/index.md", school_page(profile, paths, school.policy_text, size))
        )
        rows.append((profile, paths))
    out.append(GeneratedPage(INDEX, index_page(rows, size)))
    return out
