"""The case studies' pages: an index, one page each, and filter pages that need no JavaScript."""

from __future__ import annotations

import posixpath
from datetime import date
from html import escape

from cohesion_guide.documents.render import escape_markdown
from cohesion_guide.inputs import review
from cohesion_guide.inputs.case_studies import (
    CONTEXT_TAGS,
    DIMENSION_ANCHORS,
    DIMENSIONS,
    ECM_OUTCOMES,
    PHASES,
    SETTINGS,
    STRAND_ANCHORS,
    STRANDS,
    CaseStudy,
    studies_in,
)
from cohesion_guide.site.generated import GeneratedPage, SiteContext, front_matter

ROOT = "case-studies"
STRANDS_PAGE = "duty/strands.md"
DIMENSIONS_PAGE = "duty/dimensions.md"
# Each filter: its place in the address, how a sentence names it, and its values' labels.
FACETS = {
    "strand": ("strand", STRANDS),
    "dimension": ("dimension of community", DIMENSIONS),
    "phase": ("phase", PHASES),
    "setting": ("setting", SETTINGS),
}


def case_study_pages(context: SiteContext) -> list[GeneratedPage]:
    """The page source registered in generate.PAGE_SOURCES."""
    studies = studies_in(context.project_dir / "case_studies")
    today = date.today()
    pages = [GeneratedPage(f"{ROOT}/index.md", index_page(studies))]
    pages += [GeneratedPage(study_uri(s), study_page(s, today)) for s in studies]
    for facet, (_, labels) in FACETS.items():
        for value in labels:
            pages.append(GeneratedPage(filter_uri(facet, value), filter_page(studies, facet, value)))
    return pages


def study_uri(study: CaseStudy) -> str:
    return f"{ROOT}/{study.slug}/index.md"


def filter_uri(facet: str, value: str) -> str:
    return f"{ROOT}/{facet}/{value}/index.md"


def link(from_uri: str, to_uri: str) -> str:
    """A relative link from one page's source to another's, as MkDocs resolves it."""
    target, _, anchor = to_uri.partition("#")
    rel = posixpath.relpath(target, posixpath.dirname(from_uri) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def study_links(studies: list[CaseStudy], from_uri: str) -> str:
    """A Markdown list of case studies, linked from the page at `from_uri`, each with its summary."""
    if not studies:
        return "There are no case studies for this yet.\n"
    return "".join(
        f"- [{escape_markdown(s.title)}]({link(from_uri, study_uri(s))}): {escape_markdown(s.summary)}\n"
        for s in studies
    )


def _tags(study: CaseStudy) -> str:
    parts = [", ".join(PHASES[p] for p in study.phases), SETTINGS[study.setting]]
    parts += [STRANDS[s] for s in study.strands]
    return " · ".join(escape_markdown(p) for p in parts)


def _counted_links(studies: list[CaseStudy], facet: str, from_uri: str, current: str | None = None) -> str:
    """'Primary (4) · Secondary (3)': the values that have case studies, each linked to its filter page."""
    items = []
    for value, label in FACETS[facet][1].items():
        count = sum(value in s.values(facet) for s in studies)
        if value == current:
            items.append(f'<strong aria-current="page">{escape_markdown(label)} ({count})</strong>')
        elif count:
            items.append(f"[{escape_markdown(label)} ({count})]({link(from_uri, filter_uri(facet, value))})")
    return " · ".join(items)


def _filters(studies: list[CaseStudy], from_uri: str, current: tuple[str, str] | None = None) -> str:
    lines = ['<nav class="cc-filters" aria-label="Filter case studies" markdown="1">\n']
    for facet, (name, _) in FACETS.items():
        chosen = current[1] if current and current[0] == facet else None
        lines.append(f"**Filter by {name}:** {_counted_links(studies, facet, from_uri, chosen)}\n")
    lines.append("</nav>\n")
    return "\n".join(lines)


def index_page(studies: list[CaseStudy]) -> str:
    uri = f"{ROOT}/index.md"
    made_up = sum(s.illustrative for s in studies)
    out = [
        front_matter({"title": "Case studies"}),
        "# Case studies\n\n",
        "What other schools did to promote community cohesion: what they tried, how they involved "
        "pupils and parents, and how they knew it worked.\n\n",
    ]
    if made_up:
        which = (
            "All of these case studies are"
            if made_up == len(studies)
            else f"{made_up} of these {len(studies)} case studies are"
        )
        out.append(
            '!!! note "Illustrative examples"\n\n'
            f"    {which} illustrative: this guide wrote them to show what the duty can look like "
            "in practice. The schools in them are fictional. Each one says so at the top.\n\n"
        )
    out.append("## Find case studies\n\n" + _filters(studies, uri) + "\n")
    # The count is a live region: filter.js (quicker filtering, with JavaScript) says what it shows there.
    out.append(f'## All case studies\n\n<p id="cc-count" role="status">There are {len(studies)} case studies.</p>\n\n')
    for s in sorted(studies, key=lambda s: s.title.lower()):
        data = " ".join(f'data-{facet}="{" ".join(s.values(facet))}"' for facet in FACETS)
        out.append(
            f"- [{escape_markdown(s.title)}]({link(uri, study_uri(s))})  \n  {escape_markdown(s.summary)}  \n  "
            f'<span class="cc-tags">{_tags(s)}</span>\n  {{ {data} }}\n'
        )
    out.append('\n<script src="filter.js" defer></script>\n')
    return "".join(out)


def _glance(study: CaseStudy, uri: str) -> str:
    def linked(facet: str, values: tuple[str, ...]) -> str:
        labels = FACETS[facet][1]
        return ", ".join(f"[{escape_markdown(labels[v])}]({link(uri, filter_uri(facet, v))})" for v in values)

    rows = [
        ("Phase", linked("phase", study.phases)),
        ("Setting", linked("setting", (study.setting,))),
        ("Strands", linked("strand", study.strands)),
        ("Dimensions of community", linked("dimension", study.dimensions)),
        # A 2003-2010 framework: marked historic on the page, with what replaced it (tests/test_currency.py).
        (
            '<span class="cc-historic">Every Child Matters outcomes (historic; today read them as pupils\' '
            "well-being and personal development)</span>",
            ", ".join(ECM_OUTCOMES[o] for o in study.ecm_outcomes),
        ),
    ]
    if study.context_tags:
        rows.append(("School context", ", ".join(CONTEXT_TAGS[t] for t in study.context_tags)))
    return "## At a glance\n\n" + "".join(f"- **{name}:** {value}\n" for name, value in rows) + "\n"


def _provenance(study: CaseStudy) -> str:
    if study.illustrative:
        return (
            '!!! note "An illustrative example"\n\n'
            "    This guide wrote this case study to show what the duty can look like in practice. "
            "The school is fictional and so are the people and results described.\n\n"
        )
    src = study.source or {}
    return (
        '!!! info "A published example"\n\n'
        f"    Source: [{escape_markdown(src['title'])}]({escape(src['url'])}), {escape_markdown(src['publisher'])}, {src['year']}. "
        "This page summarises it in the guide's own words.\n\n"
    )


def study_page(study: CaseStudy, today: date) -> str:
    uri = study_uri(study)
    meta = {
        "title": study.title,
        "description": study.summary,
        "last_reviewed": study.last_reviewed,
        "review_due": study.review_due,
        # macros/hooks.py sets page.meta.review for the guide's own pages only; overrides/main.html shows it.
        "review": review.status({"last_reviewed": study.last_reviewed, "review_due": study.review_due}, today),
        # macros/hooks.py cuts the page's HTML down to sanitise.TAGS: the body is the author's own HTML
        "case_study": True,
    }
    related = [
        f"- Strand: [{escape_markdown(STRANDS[s])}]({link(uri, STRANDS_PAGE + '#' + STRAND_ANCHORS[s])})\n"
        for s in study.strands
    ]
    related += [
        f"- Dimension: [{escape_markdown(DIMENSIONS[d])}]({link(uri, DIMENSIONS_PAGE + '#' + DIMENSION_ANCHORS[d])})\n"
        for d in study.dimensions
    ]
    return "".join(
        [
            front_matter(meta),
            f"# {escape_markdown(study.title)}\n\n",
            _provenance(study),
            f"{escape_markdown(study.summary)}\n\n",
            _glance(study, uri),
            study.body.rstrip() + "\n\n",
            "## Related: strand and dimension\n\n",
            *related,
            "\n",
            f"[All case studies]({link(uri, ROOT + '/index.md')})\n",
        ]
    )


def filter_page(studies: list[CaseStudy], facet: str, value: str) -> str:
    uri = filter_uri(facet, value)
    name, labels = FACETS[facet]
    label = labels[value]
    chosen = [s for s in studies if value in s.values(facet)]
    # a list of links: it ranks below the guide's pages, which say what the law asks
    out = [
        front_matter({"title": f"Case studies: {label}", "search": {"boost": 0.5}}),
        f"# Case studies: {escape_markdown(label)}\n\n",
        f"Showing the {len(chosen)} of {len(studies)} case studies for the {name} "
        f"“{escape_markdown(label)}”. [Show all case studies]({link(uri, ROOT + '/index.md')}).\n\n",
    ]
    if facet == "strand":
        out.append(
            f"Read about this strand in the guide: [{escape_markdown(label)}]({link(uri, STRANDS_PAGE + '#' + STRAND_ANCHORS[value])}).\n\n"
        )
    elif facet == "dimension":
        out.append(
            f"Read about this dimension in the guide: [{escape_markdown(label)}]({link(uri, DIMENSIONS_PAGE + '#' + DIMENSION_ANCHORS[value])}).\n\n"
        )
    out.append(_filters(studies, uri, (facet, value)) + "\n")
    out.append(f"## {escape_markdown(label)} ({len(chosen)})\n\n")
    out.append(study_links(chosen, uri))
    return "".join(out)


def case_studies_for(folder, from_uri: str, strand: str | None = None, dimension: str | None = None) -> str:
    """For a guide page (the `case_studies_for` macro): the case studies on a strand and/or dimension, as a list."""
    for value, labels, what in ((strand, STRANDS, "strand"), (dimension, DIMENSIONS, "dimension")):
        if value is not None and value not in labels:
            raise ValueError(f"case_studies_for: '{value}' is not a {what}; use one of {', '.join(labels)}")
    chosen = [
        s
        for s in studies_in(folder)
        if (strand is None or strand in s.strands) and (dimension is None or dimension in s.dimensions)
    ]
    return study_links(chosen, from_uri)
