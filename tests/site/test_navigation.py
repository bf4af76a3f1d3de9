"""Finding one's way: top sections by audience, "you are here" on every page below the home page
(the generated school and case-study pages too), a footer that says who publishes the guide, its
licence, its accessibility statement and the page's review date, a source link that asks no other
host for anything, and a 404 page that helps."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from html.parser import HTMLParser

import yaml

from tests.conftest import ROOT, _QuietHandler, copy_project

TABS = ["Home", "Understand the duty", "Plan your work", "Policies", "Case studies", "For local authorities"]
# Pages for whoever runs or maintains a copy of the guide, not for heads and governors.
MAINTAINER_PAGES = ["local-authorities/index.md", "policies/profile-reference.md", "case-studies/adding.md"]


class _Trail(HTMLParser):
    """The tabs' labels, and the "You are here" trail: (label, href or None for this page)."""

    def __init__(self):
        super().__init__()
        self.tabs, self.trail, self._in = [], [], None
        self._href = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "md-tabs__link" in (a.get("class") or ""):
            self._in = "tab"
        elif tag == "nav" and a.get("aria-label") == "You are here":
            self._in = "trail"
        elif self._in == "trail" and tag == "a":
            self._href = a.get("href")
        elif self._in == "trail" and tag == "span" and a.get("aria-current") == "page":
            self._href = None

    def handle_endtag(self, tag):
        if (self._in == "tab" and tag == "a") or (self._in == "trail" and tag == "nav"):
            self._in = None

    def handle_data(self, data):
        text = data.strip()
        if not text:
            return
        if self._in == "tab":
            self.tabs.append(text)
        elif self._in == "trail":
            self.trail.append((text, self._href))


def read(path) -> _Trail:
    parser = _Trail()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def nav_sections() -> dict[str, list[str]]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    out = {}
    for entry in config["nav"]:
        ((title, value),) = entry.items()
        out[title] = list(_files(value))
    return out


def _files(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _files(item if isinstance(item, str) else next(iter(item.values())))


def test_the_top_sections_are_by_audience_and_maintainer_pages_sit_under_local_authorities(built_site):
    assert read(built_site / "index.html").tabs == TABS
    sections = nav_sections()
    assert list(sections) == TABS
    for page in MAINTAINER_PAGES:
        assert page in sections["For local authorities"]
        assert not any(page in files for title, files in sections.items() if title != "For local authorities")
    assert "accessibility.md" in sections["For local authorities"]


def test_a_guide_page_says_where_it_is(built_site):
    trail = read(built_site / "duty" / "dimensions" / "index.html").trail
    assert [label for label, _ in trail] == ["Home", "Understand the duty", "The four dimensions of community"]
    assert trail[-1][1] is None  # this page: text, not a link


def test_school_and_case_study_pages_say_where_they_are(built_site):
    school = read(built_site / "schools" / "riverside-primary" / "index.html").trail
    assert school == [
        ("Home", "../.."),
        ("Policies", "../../policies/"),
        ("Schools' policies", "../"),
        ("Riverside Primary School (fictional example)", None),
    ]
    pack = read(built_site / "schools" / "riverside-primary" / "self-evaluation" / "index.html").trail
    assert [label for label, _ in pack] == [
        "Home",
        "Policies",
        "Schools' policies",
        "Riverside Primary School (fictional example)",
        "Self-evaluation",
    ]
    assert pack[3][1] == "../" and pack[4][1] is None
    study = read(built_site / "case-studies" / "new-arrivals-welcome" / "index.html").trail
    assert [label for label, _ in study][:2] == ["Home", "Case studies"] and study[-1][1] is None


def test_the_footer_names_the_authority_licence_accessibility_statement_and_review_date(built_site):
    local = yaml.safe_load((ROOT / "local.yml").read_text(encoding="utf-8"))
    for page in ("index.html", "duty/dimensions/index.html", "schools/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer">') :]
        assert f"Published by {local['authority']['name']}." in footer
        assert "MIT licence" in footer
        assert re.search(r'<a href="[./]*accessibility/">Accessibility statement</a>', footer)
    reviewed = (built_site / "duty" / "dimensions" / "index.html").read_text(encoding="utf-8")
    footer = reviewed[reviewed.index('<footer class="md-footer">') :]
    assert re.search(r'Last reviewed: \d+ \w+ \d{4}\. Next review due: <time datetime="\d{4}-\d\d-\d\d">', footer)


def test_the_404_page_offers_ways_on(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in html
    for href in ('href="/schools/"', 'href="/duty/"', 'href="/support/"'):
        assert href in html


def test_a_repository_in_local_yml_is_a_plain_link_that_asks_no_other_host(mkdocs_build, tmp_path, browser):
    project = copy_project(tmp_path / "project")
    local = project / "local.yml"
    local.write_text(
        local.read_text(encoding="utf-8").replace(
            "# repo_url: https://github.com/example-authority/community-cohesion-guide",
            "repo_url: https://github.com/example-authority/community-cohesion-guide",
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (site / "duty" / "index.html").read_text(encoding="utf-8")
    assert html.count('href="https://github.com/example-authority/community-cohesion-guide"') >= 2  # header and footer
    assert 'data-md-component="source"' not in html  # Material's hook that fetches the repository's facts
    authorities = (site / "local-authorities" / "index.html").read_text(encoding="utf-8")
    assert (
        'Later versions are kept in the repository it came from: <a href="https://github.com/example-authority/community-cohesion-guide">'
        in authorities
    )
    assert "not built from a git checkout" in authorities  # a copy of the project has no commit to name
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    try:
        page = context.new_page()
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        # Material would ask for the repository's facts once the page has loaded: wait until the page
        # has asked for nothing more for half a second (its network has gone quiet)
        page.goto(origin + "/duty/", wait_until="networkidle")
        assert asked and all(url.startswith(origin) for url in asked), [u for u in asked if not u.startswith(origin)]
    finally:
        context.close()
        server.shutdown()
