"""What the engine adds to a site build: pages made from data, and files such as downloads."""
from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml


@dataclass(frozen=True)
class SiteContext:
    """What a page source may read: the project folder (a fork's own) and its checked local.yml."""

    project_dir: Path
    local: dict[str, Any]


@dataclass(frozen=True)
class GeneratedPage:
    """A Markdown page made from data. Its front matter should set `render_macros: false`:
    data is inserted once and never rendered as a template again."""

    src_uri: str  # where it sits in the site, e.g. "schools/riverside-primary/index.md"
    markdown: str


@dataclass(frozen=True)
class GeneratedFile:
    """A file copied into the site as it is, e.g. a school's Word document, kept on disk not in memory."""

    src_uri: str  # e.g. "schools/riverside-primary/riverside-primary-policy.docx"
    path: Path


class Unfinished(Protocol):
    """Work a page source started and the build carries on beside, such as documents still being
    made: the build waits for it (finish) before it copies files into the site, then lets it complete
    the pages' text (fill, e.g. a download's size). A failed build stops it (cancel)."""

    def finish(self) -> None: ...

    def fill(self, text: str) -> str: ...

    def cancel(self) -> None: ...


# A page source takes the context and returns what it adds. Raising validation.InvalidFile stops
# the build with the file, line and field named.
PageSource = Callable[[SiteContext], list[GeneratedPage | GeneratedFile | Unfinished]]


def front_matter(meta: dict[str, Any]) -> str:
    """Front matter for a generated page. The theme prints the title and description into its HTML
    as they are, so they go in HTML-escaped. `render_macros: false`: data is inserted once and never
    run as a template."""
    safe = {k: html.escape(v) if k in ("title", "description") else v for k, v in meta.items()}
    return "---\n" + yaml.safe_dump({**safe, "render_macros": False}, sort_keys=False, allow_unicode=True) + "---\n\n"
