"""MkDocs event handlers: the thin layer between MkDocs and the engine. Nothing else lives here."""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from cohesion_guide.errors import InvalidFile
from cohesion_guide.files import GENERATED_FROM, sources_stamp
from cohesion_guide.generated_record import RECORD
from cohesion_guide.inputs import review
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.site import generate, glossary, sanitise, search_text, source_archive
from cohesion_guide.site.generated import GENERATED_BY
from cohesion_guide.site.serve import SERVE_ENV

# Overdue reviews are reported on a logger of our own, so that `mkdocs build --strict` does not
# count them: a fork chooses to fail on them with local.yml `reviews.overdue_fails_build`.
log = logging.getLogger("cohesion")
if not log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False

_state: dict = {}


@event_priority(100)  # before mkdocs-macros reads config.extra into its variables
def on_config(config):
    project_dir = Path(config.config_file_path).resolve().parent
    if not (project_dir / RECORD).is_file():
        raise PluginError(
            "The schools' pages and the other generated pages are not in docs/ yet. Build with `make site` "
            "(or `make serve`), or run `python -m cohesion_guide.site.generate` before this command."
        )
    made_from = project_dir / GENERATED_FROM
    if not os.environ.get(SERVE_ENV) and made_from.is_file() and made_from.read_text() != sources_stamp(project_dir):
        log.warning(
            "The schools' data (schools/, audits/, case_studies/, model_policies/ or local.yml) has changed "
            "since the generated pages were written, so this build shows the old ones. Build with `make site`, "
            "or run `python -m cohesion_guide.site.generate` first."
        )
    try:
        local = load_local(project_dir)
    except InvalidFile as err:
        raise PluginError(f"local.yml cannot be used.\n{err.report()}") from None
    apply_local(config, local)
    # The site's own source, as a download an authority can start its copy from (made once per content)
    source = source_archive.make(project_dir, repository=local.get("repo_url"))
    config.extra["cohesion_source"] = {
        "uri": source_archive.URI,
        "size": source.size,
        "date": source.date,
        "commit": source.commit,
        "changed": source.changed,
        "repository": source.repository,
        "origin": source.origin,
    }
    _state.update(project_dir=project_dir, local=local, overdue=[], today=date.today(), source=source)
    return config


def on_files(files, config):
    """The source archive joins the site's files, so pages can link it and the build checks the links."""
    files.append(File.generated(config, source_archive.URI, abs_src_path=str(_state["source"].path)))
    return files


def apply_local(config, local) -> None:
    """What local.yml decides about the site: the footer, canonical links, edit links, logo, colour."""
    authority = local["authority"]
    # Who publishes this copy: the authority itself, unless local.yml names a publisher (a national
    # edition publishes a copy for each authority). Pages name it as local.publisher.name.
    publisher = local.get("publisher") or {"name": authority["name"]}
    config.extra["local"] = {**local, "publisher": publisher}
    # The theme prints the footer and the links as they are: every value goes in escaped. The
    # addresses were checked by load_local (https, a host, no quotes or spaces).
    config.copyright = f"Published by {escape(publisher['name'])}."
    if authority.get("website"):
        # the theme escapes the name (title="{{ title | e }}") but not the link
        config.extra["social"] = [
            {"icon": "material/web", "link": escape(authority["website"]), "name": f"{authority['name']} website"}
        ]
    if local.get("site_url"):
        config.site_url = local["site_url"]
    if local.get("repo_url"):
        # overrides/partials/source.html shows this link without the theme's call to the host's API
        config.repo_url = local["repo_url"]
        config.repo_name = config.repo_name or urlsplit(local["repo_url"]).hostname
        config.edit_uri = "edit/main/docs/"
        config.theme["features"].append("content.action.edit")
    if authority.get("logo"):
        config.theme["logo"] = authority["logo"]
    if authority.get("brand_colour"):
        config.extra_css.append(generate.BRAND_CSS)  # written by generate.py


# What the guide's pages are made from besides docs/, for a plain `mkdocs serve` to watch. Under
# `make serve`, site/serve.py watches them, rewrites the generated pages, then touches one file for
# MkDocs to watch instead: MkDocs rebuilds once, after the pages are in docs/, not before. Only the
# ones a fork has are watched (mkdocs.yml's own `watch:` would refuse a folder a fork has removed).
WATCHED = ("local.yml", "case_studies", "model_policies", "macros", "cohesion_guide", "overrides")


def on_serve(server, config, builder):
    trigger = os.environ.get(SERVE_ENV)
    paths = [Path(trigger)] if trigger else [_state["project_dir"] / name for name in WATCHED]
    for path in paths:
        if path.exists():
            server.watch(str(path))
    return server


def on_page_markdown(markdown, page, config, files):
    if page.meta.get(GENERATED_BY):  # generated pages carry their own dates, when they have any
        review_status = page.meta.get("review")
        if review_status and review_status["overdue"]:
            _state["overdue"].append((page.file.src_uri, review_status["due"]))
        return markdown
    try:
        page.meta["review"] = review.status(page.meta, _state["today"])
    except review.MissingReview as err:
        raise PluginError(f"{page.file.src_uri}: {err}") from None
    if page.meta["review"]["overdue"]:
        _state["overdue"].append((page.file.src_uri, page.meta["review"]["due"]))
    return markdown


def on_page_content(html, page, config, files):
    """A case study's page keeps only safe HTML: its body is written by whoever adds the case study.
    A guide page's tables reach the search as readable rows; no heading's permalink is a Tab stop."""
    if page.meta.get(GENERATED_BY) and page.meta.get("case_study"):
        html = sanitise.clean(html)
    elif page.file.src_uri == glossary.PAGE:  # each term a section of its own in the search index
        html = glossary.terms_as_headings(html)
    if not page.meta.get(GENERATED_BY):
        html = search_text.with_rows(html)
    return search_text.quiet_permalinks(html)


@event_priority(-50)  # after the search plugin has read the page (priority 0)
def on_page_context(context, page, config, nav):
    """The rows' copies were for the search only: the page a reader gets is without them."""
    page.content = search_text.without_rows(page.content)
    return context


def on_post_build(config):
    overdue = sorted(_state.get("overdue", []))
    for src, due in overdue:
        log.warning("Review overdue: %s was due for review on %s.", src, due)
    if overdue and _state["local"].get("reviews", {}).get("overdue_fails_build"):
        raise PluginError(
            f"{len(overdue)} page(s) are past their review date, and local.yml sets "
            "reviews.overdue_fails_build: true. Review them and update last_reviewed and review_due."
        )
