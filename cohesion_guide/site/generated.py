"""What the engine adds to a site build: pages made from data, and files such as downloads."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from cohesion_guide.generated_record import GENERATED_BY  # the front matter key that marks a generated page


@dataclass(frozen=True)
class SiteContext:
    """What a page source may read: the project folder (a fork's own) and its checked local.yml."""

    project_dir: Path
    local: dict[str, Any]


@dataclass(frozen=True)
class GeneratedPage:
    """A text file made from data, written into docs/ before the build: a Markdown page (its front
    matter made by `front_matter`) or a stylesheet."""

    src_uri: str  # where it sits in docs/ and the site, e.g. "schools/riverside-primary/index.md"
    markdown: str


@dataclass(frozen=True)
class GeneratedFile:
    """A file copied into docs/ as it is, e.g. a school's Word document, kept on disk not in memory."""

    src_uri: str  # e.g. "schools/riverside-primary/riverside-primary-policy.docx"
    path: Path


class Unfinished(Protocol):
    """Work a page source started and carries on beside the other sources, such as documents still
    being made: site/generate.py waits for it (finish), then lets it complete the pages' text (fill,
    e.g. a download's size) before writing them. A failed run stops it (cancel)."""

    def finish(self) -> None: ...

    def fill(self, text: str) -> str: ...

    def cancel(self) -> None: ...


# A page source takes the context and returns what it adds. Raising validation.InvalidFile stops
# the build with the file, line and field named.
PageSource = Callable[[SiteContext], list[GeneratedPage | GeneratedFile | Unfinished]]


def front_matter(meta: dict[str, Any]) -> str:
    """Front matter for a generated page. The theme prints the title and description into its HTML
    as they are, so they go in HTML-escaped. `render_macros: false`: data is inserted once and never
    run as a template. `generated_by` tells the site's hooks (and a reader of docs/) the page is made."""
    safe = {k: html.escape(v) if k in ("title", "description") else v for k, v in meta.items()}
    marks = {"render_macros": False, GENERATED_BY: "cohesion_guide"}
    return "---\n" + yaml.safe_dump({**safe, **marks}, sort_keys=False, allow_unicode=True) + "---\n\n"
