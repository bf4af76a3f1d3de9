"""Markdown to an HTML fragment, and the standalone page: literal text, its language, title and no requests."""

from __future__ import annotations

import http.server
import re
import threading
from html.parser import HTMLParser

import pytest

from cohesion_guide.export.html import fragment_tree, markdown_to_html, print_css, standalone_html

SPECIAL = "Ysgol Gŵyr & <Żółw> \"quoted\" 'single' اردو 🙂 {{ 7*7 }} {% raw %}"


class _Collect(HTMLParser):
    """Every start tag with its attributes, and the text inside <title>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _parse(page: str) -> _Collect:
    collect = _Collect()
    collect.feed(page)
    return collect


def test_markdown_headings_get_ids_and_tables_lists_and_definitions_render():
    fragment = markdown_to_html(
        "# Our policy\n\n## Roles and responsibilities\n\n"
        "| Role | Who |\n|---|---|\n| Lead | Headteacher |\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n"
        "Cohesion\n:   Living well together\n\n"
        "A note\n{: .no-print }\n"
    )
    assert '<h1 id="our-policy">Our policy</h1>' in fragment
    assert '<h2 id="roles-and-responsibilities">' in fragment
    assert "<th>Role</th>" in fragment and "<td>Headteacher</td>" in fragment
    assert "<ul>" in fragment and "<ol>" in fragment
    assert "<dt>Cohesion</dt>" in fragment and "<dd>Living well together</dd>" in fragment
    assert '<p class="no-print">A note</p>' in fragment  # attr_list


def test_a_numbered_list_after_a_bulleted_one_stays_numbered():
    fragment = markdown_to_html("- a bullet\n\n1. first\n2. second\n")
    assert re.search(r"<ul>\s*<li>a bullet</li>\s*</ul>\s*<ol>", fragment), fragment


def test_markdown_keeps_special_text_literal():
    # The caller escapes raw HTML before Markdown sees it; Markdown must not undo that.
    fragment = markdown_to_html("Name: " + SPECIAL.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    text = "".join(fragment_tree(fragment).itertext())
    assert SPECIAL in text
    assert "<Żółw>" not in fragment, "an escaped tag must stay escaped"


def test_heading_ids_are_unique_per_document():
    first = markdown_to_html("## Roles\n\n## Roles\n")
    second = markdown_to_html("## Roles\n")
    assert 'id="roles"' in first and 'id="roles_1"' in first
    assert 'id="roles"' in second, "a converter must not carry ids over from an earlier document"


def test_standalone_page_has_language_title_viewport_and_the_stylesheet():
    page = standalone_html("<h1>Policy</h1>", title=SPECIAL, language="cy", author="Gŵyr & Co")
    parsed = _parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": "cy"}) in parsed.tags
    assert parsed.title == SPECIAL
    metas = [attrs for tag, attrs in parsed.tags if tag == "meta"]
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas
    assert {"charset": "utf-8"} in metas
    assert {"name": "author", "content": "Gŵyr & Co"} in metas
    assert print_css() in page
    assert "<main>\n<h1>Policy</h1>\n</main>" in page


def test_standalone_page_escapes_the_title_everywhere_it_goes():
    page = standalone_html("<p>x</p>", title='"><script>alert(1)</script>')
    assert "<script>" not in page
    body = [attrs for tag, attrs in _parse(page).tags if tag == "body"][0]
    assert body["data-running-title"] == '"><script>alert(1)</script>'


def test_standalone_page_refers_to_nothing_outside_itself():
    page = standalone_html(markdown_to_html("[GOV.UK](https://www.gov.uk/)"), title="Policy")
    for tag, attrs in _parse(page).tags:
        assert tag not in ("script", "link", "iframe", "img"), f"<{tag}> would fetch something"
        assert "src" not in attrs, attrs
        if tag != "a":
            assert "href" not in attrs, attrs
    css = print_css()
    assert "@import" not in css and "url(" not in css, "print.css must not fetch anything"
    csp = [a for t, a in _parse(page).tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_print_css_gives_every_script_a_font_and_a_paper_layout():
    css = print_css()
    for family in ("Liberation Sans", "Noto Naskh Arabic", "Noto Nastaliq Urdu"):
        assert f'"{family}"' in css, family
    # Emoji come from the system's fallback: named, the emoji font takes over digits and spaces.
    families = re.findall(r"font-family:([^;]*);", css)
    assert families and not any("Emoji" in family for family in families)
    assert "size: A4" in css
    assert '"Page " counter(page) " of " counter(pages)' in css
    assert "string(running-title)" in css and "attr(data-running-title)" in css


def test_fragment_tree_reads_html_as_written():
    tree = fragment_tree("<p>One &amp; two<br>three <a href='https://x.test/'>link</a></span></p><hr><p>after</p>")
    paragraph = tree.find("p")
    assert paragraph.text == "One & two"
    assert paragraph.find("br").tail == "three "  # a void element holds nothing
    assert paragraph.find("a").get("href") == "https://x.test/"
    assert [child.tag for child in tree] == ["p", "hr", "p"]  # the stray </span> changed nothing
    assert tree[2].text == "after"


@pytest.mark.browser
def test_standalone_page_is_accessible_and_fetches_nothing(browser):
    from axe_playwright_python.sync_playwright import Axe

    hits: list[str] = []

    class Count(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Count)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    fragment = markdown_to_html(
        f"# Policy for {SPECIAL.replace('&', '&amp;').replace('<', '&lt;')}\n\n"
        f"Some text and a picture: ![a chart](http://127.0.0.1:{port}/chart.png)\n\n"
        "| Role | Who |\n|---|---|\n| Lead | Headteacher |\n"
    )
    page_html = standalone_html(fragment, title="Policy")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.set_content(page_html, wait_until="load")
        page.wait_for_timeout(300)
        assert hits == [], f"the page asked a server for {hits}"
        context.close()
        # axe is injected by script, which the page's own policy rightly forbids: bypass it for the audit.
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.set_content(page_html)
        results = Axe().run(page)
        context.close()
    finally:
        server.shutdown()
    assert results.violations_count == 0, results.generate_report()
