"""Page source for the schools section: each school's policy and self-evaluation pages, from one reading of the profiles."""

from __future__ import annotations

from cohesion_guide.site import school_pages, self_evaluation_pages
from cohesion_guide.site.build import start
from cohesion_guide.site.generated import GeneratedFile, GeneratedPage, SiteContext, Unfinished


def pages(context: SiteContext) -> list[GeneratedPage | GeneratedFile | Unfinished]:
    """Every school's pages and downloads (see generate.PAGE_SOURCES), and the work of making the
    documents still missing, which goes on while MkDocs renders the pages. The profiles and audits
    are read once and every missing document is made in one pool, so both cores share all the work."""
    schools = start(context)
    try:
        return (
            school_pages.pages_for(schools.schools, schools.work.size)
            + self_evaluation_pages.pages_for(schools.schools, context.project_dir, schools.work.size)
            + [schools.work]
        )
    except BaseException:
        schools.work.cancel()
        raise
