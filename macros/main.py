"""Macros that content pages may call, registered with mkdocs-macros. Values come from local.yml."""

from __future__ import annotations

import posixpath
from datetime import date
from html import escape
from pathlib import Path

from cohesion_guide.documents.render import escape_markdown as markdown_text
from cohesion_guide.site import diagrams
from cohesion_guide.site.builder_pages import builder_html
from cohesion_guide.site.case_study_pages import case_studies_for as case_study_list
from cohesion_guide.site.review_pages import review_html
from cohesion_guide.site.school_pages import model_policy_downloads, model_policy_markdown


def _as_text(value):
    """local.yml's values, every piece of text escaped as Markdown text, for {{ local.... }} in pages."""
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return markdown_text(value) if isinstance(value, str) else value


def contact_card(contact: dict) -> str:
    """One contact as HTML: phone and e-mail as links a phone can use; nothing the file does not give."""
    rows = [
        f'<p class="cc-contact__name"><strong>{escape(contact["name"])}</strong></p>',
        f"<p>{escape(contact['role'])}</p>",
        "<ul>",
    ]
    if contact.get("phone"):
        tel = "".join(ch for ch in contact["phone"] if ch.isdigit() or ch == "+")
        rows.append(f'<li>Telephone: <a href="tel:{escape(tel)}">{escape(contact["phone"])}</a></li>')
    if contact.get("email"):
        rows.append(f'<li>E-mail: <a href="mailto:{escape(contact["email"])}">{escape(contact["email"])}</a></li>')
    if contact.get("address"):
        rows.append(f"<li>Address: {escape(contact['address'])}</li>")
    if contact.get("hours"):
        rows.append(f"<li>Opening hours: {escape(contact['hours'])}</li>")
    if contact.get("url"):
        rows.append(f'<li>Website: <a href="{escape(contact["url"])}">{escape(contact["url"])}</a></li>')
    rows.append("</ul>")
    return '<div class="cc-contact" markdown="0">' + "".join(rows) + "</div>"


def _project_dir(env) -> Path:
    """The folder of mkdocs.yml (Zensical's configuration has no config_file_path: the folder it runs in)."""
    config_file = env.conf.get("config_file_path")
    return Path(config_file).resolve().parent if config_file else Path.cwd()


def _page_uri(env) -> str:
    """The page's path under docs/ (MkDocs: page.file.src_uri; Zensical: page.path)."""
    page = env.page
    return page.file.src_uri if getattr(page, "file", None) is not None else str(page.path)


def define_env(env):
    local = env.conf["extra"]["local"]
    # A page that prints {{ local.authority.name }} gets it as Markdown text, never as HTML or markup;
    # the macros below read the raw values and escape each for where it goes.
    env.variables["local"] = _as_text(local)

    @env.macro
    def authority_contacts() -> str:
        """The authority's own contacts from local.yml, as cards; a sentence saying so when it lists none
        (a national edition's copy for each authority has none: the register gives no contacts)."""
        if not local["contacts"]:
            return f'<p class="cc-contacts-none">This copy of the guide lists no contacts for {escape(local["authority"]["name"])}.</p>'
        return "\n".join(contact_card(c) for c in local["contacts"])

    @env.macro
    def case_studies_for(strand: str | None = None, dimension: str | None = None) -> str:
        """The case studies on a strand and/or dimension, as a Markdown list linked from this page."""
        return case_study_list(_project_dir(env) / "case_studies", _page_uri(env), strand=strand, dimension=dimension)

    @env.macro
    def diagram(name: str) -> str:
        """One of the guide's diagrams (site/diagrams.py), drawn from its data, with its text equivalent."""
        return diagrams.figure(name)

    @env.macro
    def model_policy() -> str:
        """The policy written for the fictional model school, under this page's own heading."""
        return model_policy_markdown(_project_dir(env), local)

    @env.macro
    def policy_builder() -> str:
        """The policy builder: its questions, and what to do without JavaScript (builder_pages)."""
        return builder_html(_project_dir(env))

    @env.macro
    def review_builder() -> str:
        """Review your school's work: the audit's questions, and what to do without JavaScript (review_pages)."""
        return review_html(_project_dir(env))

    @env.macro
    def model_policy_files() -> str:
        """Links to the model policy as Word, PDF and Markdown files, made by the build."""
        return model_policy_downloads(_project_dir(env), local)

    @env.macro
    def authority_services() -> str:
        """The services the authority offers schools, from local.yml, as a definition list."""
        # plain text: Markdown in a description (an image, a javascript: link) is shown, never followed
        return "\n".join(
            f"{markdown_text(s['name'])}\n:   {markdown_text(s['description'])}\n" for s in local.get("services", [])
        )

    @env.macro
    def authority_strategy() -> str:
        """The authority's own cohesion or integration strategy from local.yml, as Markdown; empty if none."""
        strategy = local.get("strategy")
        if not strategy:
            return ""
        out = f'<a href="{escape(strategy["url"])}">{escape(strategy["title"])}</a>'
        return out + (f": {escape(strategy['summary'])}" if strategy.get("summary") else "")

    @env.macro
    def authority_links() -> str:
        """The authority's local links, from local.yml, as a Markdown list."""
        return "\n".join(
            f'- <a href="{escape(link["url"])}">{markdown_text(link["title"])}</a>' for link in local.get("links", [])
        )

    @env.macro
    def source_download() -> str:
        """A link to the site's own source (site/source_archive.py), with its size, date and commit,
        and the authority's repository when local.yml names one; as Markdown, relative to this page."""
        source = env.conf["extra"]["cohesion_source"]
        href = posixpath.relpath(source["uri"], posixpath.dirname(_page_uri(env)) or ".")
        when = date.fromisoformat(source["date"])
        day = f"{when.day} {when:%B %Y}"
        text = f"[Download the guide's source (zip, {source['size'] / 1_000_000:.1f} MB)]({href})"
        if source["commit"]:
            text += f": the files this copy was built from, at commit `{source['commit'][:12]}` of {day}"
            if source["changed"]:
                text += ", with changes not yet committed"
            text += "."
        else:
            text += (
                f", made on {day}. This copy was not built from a git checkout, so the download holds the "
                "project's files as the build found them, with no commit to name."
            )
        if source.get("origin") and source["origin"][0] != source["commit"]:
            started, on = source["origin"][0], date.fromisoformat(source["origin"][1])
            text += f" It started from the guide's source at commit `{started[:12]}` of {on.day} {on:%B %Y}."
        if source.get("repository"):
            where = escape(source["repository"])
            text += f' Later versions are kept in the repository it came from: <a href="{where}">{where}</a>.'
        else:
            text += (
                " This copy names no repository: its `SOURCE.txt` says how to take later versions without one"
                " (see [Keep your copy up to date](#updates))."
            )
        return text
