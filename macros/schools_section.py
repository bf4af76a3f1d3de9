"""Page source for the schools section: each school's policy and self-evaluation pages, from one reading of the profiles."""
from __future__ import annotations

from macros import school_pages, toolkit_pages
from macros.generated import GeneratedFile, GeneratedPage, SiteContext
from macros.site_schools import prepare


def pages(context: SiteContext) -> list[GeneratedPage | GeneratedFile]:
    """Every school's pages and downloads (see site_hooks.PAGE_SOURCES). The profiles and audits are
    read once and every missing document is made in one pool, so both cores share all the work."""
    schools = prepare(context).schools
    return school_pages.pages_for(schools) + toolkit_pages.pages_for(schools, context.project_dir)
