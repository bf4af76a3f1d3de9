"""The site's schools section: a table of every school, and a page per school with its policy and downloads."""
from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import Path

from macros.generated import GeneratedFile, GeneratedPage, SiteContext
from macros.profiles import Profile, load_profile, load_profiles
from macros.case_studies import suggestions
from macros.render import escape_markdown, render_policy
from macros.school_documents import (FORMAT_NAMES, cached_school_documents, document_title, size_text,
                                     templates_for)

# The downloads each school page offers, in the order it lists them: Word first, since governors
# usually adapt the policy before adopting it.
SITE_FORMATS = ("docx", "pdf", "md")
PHASE_LABELS = {
    "nursery": "Nursery", "primary": "Primary", "middle": "Middle", "secondary": "Secondary",
    "all-through": "All-through", "special": "Special", "pru": "Pupil referral unit", "16-plus": "16 plus",
}
INDEX = "schools/index.md"


def front_matter(title: str) -> str:
    """Front matter for a generated page. The title is HTML-escaped because the theme prints it into
    the page header as it is; JSON quoting makes it valid YAML whatever the school's name holds.
    `render_macros: false`: a school's text is never run as a template."""
    return f"---\ntitle: {json.dumps(html.escape(title), ensure_ascii=False)}\nrender_macros: false\n---\n\n"


def published_name(path: Path) -> str:
    """The name a download has on the site. MkDocs turns every .md file it is given into a page, so
    the Markdown download is published as .md.txt: browsers show it as plain text."""
    return path.name + ".txt" if path.suffix == ".md" else path.name


def downloads(paths: dict) -> list[tuple[str, str, str]]:
    """(file name, format name, size) for each download, in SITE_FORMATS order."""
    return [(published_name(paths[fmt]), FORMAT_NAMES[fmt], size_text(paths[fmt].stat().st_size)) for fmt in SITE_FORMATS]


def school_page(profile: Profile, paths: dict, policy: str) -> str:
    """The school's page: the policy's heading, the downloads, then the policy itself."""
    heading, _, body = policy.partition("\n")
    links = "\n".join(f"- [Download the policy ({kind}, {size})]({name})" for name, kind, size in downloads(paths))
    return (
        front_matter(document_title(profile))
        + heading + "\n\n"
        + "This policy was written by the guide from the school's profile. Download it to adapt it and take "
          "it to the governing body:\n\n"
        + links + "\n\n"
        + "The school's self-evaluation pack is on its own page: "
          "[community profile, audit report, action plan and evidence portfolio](self-evaluation/index.md).\n\n"
        + f"To change it, edit the profile (`schools/{profile.slug}.yml`) and build the site again, "
          "or make your own with [Write your school's policy](../../policies/index.md).\n"
        + body
    )


def index_page(rows: list[tuple[Profile, dict]]) -> str:
    """The table of schools: name (a link to its page), phase, authority and the downloads."""
    lines = [
        front_matter("Schools' policies"),
        "# Schools' policies\n",
        "Each school here has a community cohesion policy written from its profile. Open a school to read "
        "its policy, or download it as a Word document, a PDF or Markdown text. To add a school, see "
        "[Write your school's policy](../policies/index.md).\n",
    ]
    if not rows:
        lines.append("There are no school profiles yet: add one to the `schools/` folder.\n")
        return "\n".join(lines)
    lines += ["| School | Phase | Local authority | Downloads |", "|---|---|---|---|"]
    for profile, paths in rows:
        school = profile.data["school"]
        files = ", ".join(f"[{kind} ({size})]({profile.slug}/{name})" for name, kind, size in downloads(paths))
        lines.append(f"| [{escape_markdown(school['name'])}]({profile.slug}/index.md) | {PHASE_LABELS[school['phase']]} "
                     f"| {escape_markdown(school['local_authority'])} | {files} |")
    return "\n".join(lines) + "\n"


MODEL_SCHOOL = "model-primary-school.yml"


def model_policy_markdown(project_dir: Path, local: dict) -> str:
    """The policy for the fictional model school (model_policies/model-primary-school.yml) as if it were in
    this authority, without its first heading, for a page that has its own."""
    model = load_profile(templates_for(project_dir) / MODEL_SCHOOL)
    authority = local["authority"].get("short_name") or local["authority"]["name"]
    data = {**model.data, "school": {**model.data["school"], "local_authority": authority}}
    profile = replace(model, data=data)
    policy = render_policy(profile, local, templates_for(project_dir), suggestions(profile, project_dir, local))
    return policy.partition("\n")[2]


def pages(context: SiteContext) -> list[GeneratedPage | GeneratedFile]:
    """Page source for the site build (see site_hooks.PAGE_SOURCES). An invalid profile raises
    InvalidFile, which stops the build with every problem listed, before anything is written."""
    schools = context.project_dir / "schools"
    profiles = load_profiles(schools) if schools.is_dir() else []
    out: list[GeneratedPage | GeneratedFile] = []
    rows = []
    for profile in profiles:
        paths = cached_school_documents(profile, context.local, context.project_dir, SITE_FORMATS)
        policy = paths["md"].read_text(encoding="utf-8")  # the same words as the downloads, made once
        out += [GeneratedFile(f"schools/{profile.slug}/{published_name(paths[fmt])}", paths[fmt]) for fmt in SITE_FORMATS]
        out.append(GeneratedPage(f"schools/{profile.slug}/index.md", school_page(profile, paths, policy)))
        rows.append((profile, paths))
    out.append(GeneratedPage(INDEX, index_page(rows)))
    return out
