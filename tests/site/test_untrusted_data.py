"""Nothing from local.yml or a case study runs in a reader's browser or loads from another host (issue 15)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from cohesion_guide.documents.render import escape_markdown as text
from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.case_studies import load_case_studies
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.site import sanitise
from tests.conftest import copy_project

MINIMAL = """\
authority:
  name: Testshire Council
contacts:
  - name: Testshire Schools Team
    role: Help for schools
"""

BODY = """\
## What they did

Ordinary **Markdown** with [a link](https://www.example.org/) and a [page](../index.md).

<img src="x" onerror="alert('img')">
<img src="https://evil.example/tracker.png" alt="tracker">
<img src="//evil.example/tracker.png" alt="protocol-relative">
<iframe src="https://evil.example/frame"></iframe>
<style>body { display: none }</style>
<script>alert('script')</script>
<p style="color: red" onclick="alert('p')" class="fine">styled</p>
<svg><script>alert('svg')</script></svg>
<a href="jav&#x09;ascript:alert('a')">tabbed</a> <a href=" javascript:alert('b')">spaced</a>

![external](https://evil.example/image.png)

[click](javascript:alert('md'))

A paragraph with attributes.
{ onmouseover="alert('attr')" style="x" }
"""

STUDY = """\
---
title: "Evil title { onclick=\\"alert('title')\\" }"
summary: A summary <img src=x onerror=alert('summary')>
phase: primary
setting: urban
strands: [equity-excellence]
dimensions: [school]
ecm_outcomes: [stay-safe]
context_tags: []
illustrative: true
last_reviewed: 2026-11-22
review_due: 2027-11-22
---

"""

LOCAL = """\
authority:
  name: "<script>alert('name')</script> & Co"
  short_name: Evil
  website: https://www.example.org/
contacts:
  - name: "<b onclick=alert('contact')>Team</b>"
    role: "![x](https://evil.example/role.png)"
services:
  - name: "[svc](javascript:alert('svc'))"
    description: "![img](https://evil.example/service.png) and [link](javascript:alert('service'))"
links:
  - title: "![img](https://evil.example/link.png)"
    url: https://www.example.org/links
repo_url: https://github.com/example-authority/community-cohesion-guide
"""


# Unit checks: each class of payload, quickly -------------------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [
        ("authority.website", "javascript:alert(1)"),
        ("authority.website", 'https://x.example/" onmouseover="alert(1)'),
        ("authority.website", "//evil.example/"),
        ("repo_url", "https:///no-host"),
        ("site_url", "http://cohesion.example.org/"),
        ("site_url", 'https://cohesion.example.org/"><script>/'),
        ("links[1].url", "https://ok.example/ x"),
    ],
)
def test_addresses_in_local_yml_are_https_with_a_host(tmp_path, field, value):
    text = MINIMAL + "links:\n  - title: A link\n    url: https://www.example.org/\n"
    if field == "authority.website":
        text = text.replace("  name: Testshire Council\n", f"  name: Testshire Council\n  website: '{value}'\n")
    elif field == "links[1].url":
        text = text.replace("url: https://www.example.org/", f"url: '{value}'")
    else:
        text += f"{field}: '{value}'\n"
    (tmp_path / "local.yml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFile) as err:
        load_local(tmp_path)
    assert [p.field for p in err.value.problems] == [field]
    assert "https://" in err.value.problems[0].message


@pytest.mark.parametrize("logo", ["//evil.example/logo.png", "/etc/logo.png", "../logo.svg", "images/missing.svg"])
def test_the_logo_must_be_a_file_inside_docs(tmp_path, logo):
    (tmp_path / "docs" / "images").mkdir(parents=True)
    (tmp_path / "docs" / "images" / "logo.svg").write_text("<svg/>")
    (tmp_path / "local.yml").write_text(
        MINIMAL.replace("Council\n", f"Council\n  logo: '{logo}'\n", 1), encoding="utf-8"
    )
    with pytest.raises(InvalidFile) as err:
        load_local(tmp_path)
    assert [p.field for p in err.value.problems] == ["authority.logo"]
    (tmp_path / "local.yml").write_text(
        MINIMAL.replace("Council\n", "Council\n  logo: images/logo.svg\n", 1), encoding="utf-8"
    )
    assert load_local(tmp_path)["authority"]["logo"] == "images/logo.svg"


def test_the_sanitiser_keeps_text_and_drops_what_runs_or_loads():
    cleaned = sanitise.clean(
        '<p class="a" onclick="x" style="y">Hi <b>there</b></p><img src="https://e.example/x.png">'
        '<img src="pics/a.png" alt="ok" onerror="z"><iframe src="https://e.example"><p>in</p></iframe>'
        '<a href="java\tscript:x">j</a><a href="https://ok.example/">ok</a><script>bad()</script>'
    )
    assert cleaned == (
        '<p class="a">Hi <b>there</b></p><img src="pics/a.png" alt="ok"><a>j</a><a href="https://ok.example/">ok</a>'
    )


def test_a_title_cannot_set_attributes():
    assert text("Title { onclick=x }") == "Title &#123; onclick=x &#125;"


@pytest.mark.parametrize("name", ["adding", "index", "strand", "phase"])
def test_a_case_study_cannot_replace_a_guide_page(tmp_path, name):
    project = copy_project(tmp_path / "project")
    (project / "case_studies" / f"{name}.md").write_text(STUDY + "Text.\n", encoding="utf-8")
    with pytest.raises(InvalidFile) as err:
        load_case_studies(project / "case_studies")
    assert [(p.file, p.field) for p in err.value.problems] == [(f"case_studies/{name}.md", "(the file name)")]


# The whole built site --------------------------------------------------------------------------


class _Scan(HTMLParser):
    """Every element that loads something, and every inline event handler."""

    LOADS = {
        "img": "src",
        "script": "src",
        "iframe": "src",
        "embed": "src",
        "object": "data",
        "source": "src",
        "audio": "src",
        "video": "src",
        "link": "href",
    }

    def __init__(self):
        super().__init__()
        self.external: list[str] = []
        self.handlers: list[str] = []
        self.inline_styles: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.handlers += [f"<{tag} {k}={v!r}>" for k, v in attrs if k.startswith("on")]
        href = re.sub(r"[\x00-\x20]", "", values.get("href") or "").lower()
        if href.startswith(("javascript:", "vbscript:", "data:")):
            self.handlers.append(f"<{tag} href={href!r}>")
        if tag == "link" and not set((values.get("rel") or "").split()) & {
            "stylesheet",
            "icon",
            "preload",
            "modulepreload",
            "manifest",
        }:
            return  # rel=canonical, alternate: addresses, never loaded
        address = (values.get(self.LOADS.get(tag, ""), "") or "").strip()
        if re.match(r"^([a-z][a-z0-9+.-]*:|//|\\\\)", address, re.I) and not address.startswith("data:"):
            self.external.append(f"<{tag} {address}>")
        if tag == "style":
            self.inline_styles.append(tag)


@pytest.fixture(scope="module")
def hostile_site(mkdocs_build, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    (project / "local.yml").write_text(LOCAL, encoding="utf-8")
    (project / "case_studies" / "evil-study.md").write_text(STUDY + BODY, encoding="utf-8")
    for extra in ("schools", "audits"):  # the schools' documents are not what this test is about: keep it quick
        for path in sorted((project / extra).glob("*.yml"))[1:]:
            path.unlink()
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


def test_no_page_loads_from_another_host_or_runs_data(hostile_site):
    external, handlers = [], []
    for page in sorted(hostile_site.rglob("*.html")):
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        external += [f"{page.relative_to(hostile_site)}: {e}" for e in scan.external]
        handlers += [f"{page.relative_to(hostile_site)}: {h}" for h in scan.handlers]
    assert not external, external[:10]
    assert not handlers, handlers[:10]


def test_the_payloads_arrive_as_text_or_not_at_all(hostile_site):
    everything = "\n".join(p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html"))
    assert "<script>alert(" not in everything
    study = (hostile_site / "case-studies" / "evil-study" / "index.html").read_text(encoding="utf-8")
    assert "styled" in study and "tabbed" in study and "Ordinary <strong>Markdown</strong>" in study
    assert "<style" not in study.split("<body", 1)[1].split("</article>")[0]
    assert "Published by &lt;script&gt;" in everything
    assert 'data-md-component="source"' not in everything, "the theme would call api.github.com"
    assert "https://github.com/example-authority/community-cohesion-guide" in everything
