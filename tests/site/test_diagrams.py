"""The guide's diagrams: drawn from the guide's data, with a text alternative and the same content
in words, type that stays legible on a phone, and the site's colours at readable contrast."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from cohesion_guide.documents.action_plan import STEPS
from cohesion_guide.inputs.audit import strands
from cohesion_guide.inputs.local_config import contrast
from cohesion_guide.site import diagrams
from tests.site.page_state import scroll_regions_ready

SVG = "{http://www.w3.org/2000/svg}"
NAMES = sorted(diagrams.DIAGRAMS)


def parts(name: str) -> tuple[ET.Element, ET.Element]:
    root = ET.fromstring(diagrams.figure(name))
    return root, root.find(f"{SVG}svg")


def words(root: ET.Element) -> list[str]:
    return [li.text for li in root.iter("li")]


@pytest.mark.parametrize("name", NAMES)
def test_a_diagram_is_a_figure_with_a_text_alternative_a_caption_and_the_same_in_words(name):
    figure, svg = parts(name)
    assert figure.tag == "figure" and svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.text and len(desc.text) > 40
    assert figure.find("figcaption").text
    assert figure.find("details/summary").text == "The diagram in words" and words(figure)


@pytest.mark.parametrize("name", NAMES)
def test_type_is_at_least_14_px_on_a_phone_and_nothing_is_fetched_or_run(name):
    figure, svg = parts(name)
    width = float(svg.get("viewBox").split()[2])
    column = 343  # the text column at 375 px
    for text in svg.iter(f"{SVG}text"):
        size = float(text.get("font-size") or svg.get("font-size"))
        assert size * column / width >= 12.9, (name, size)  # 13-unit notes; labels are 14 and more
    labels = [float(t.get("font-size")) for t in svg.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert labels and min(labels) * column / width >= 14
    markup = diagrams.figure(name)
    assert "<script" not in markup and not re.search(r'(?:href|src)="(?:https?:)?//', markup)


@pytest.mark.parametrize("name", NAMES)
def test_each_line_of_text_fits_inside_the_drawing(name):
    _, svg = parts(name)
    width = float(svg.get("viewBox").split()[2])
    for text in svg.iter(f"{SVG}text"):
        x, anchor = float(text.get("x")), text.get("text-anchor")
        for line in [s.text for s in text.iter(f"{SVG}tspan")] or [text.text]:
            room = len(line) * diagrams.CHAR * float(text.get("font-size")) / diagrams.FONT
            left = x - room / 2 if anchor == "middle" else x
            assert left >= 0 and left + room <= width + 2, (name, line)


def test_the_diagrams_are_drawn_from_the_guides_own_data():
    _, strand_svg = parts("strands")
    drawn = " ".join(t for t in strand_svg.itertext())
    for strand in strands():
        assert all(word in drawn for word in strand.title.split())
    cycle, _ = parts("cycle")
    assert words(cycle)[:6] == [f"{n}. {t}" for n, t in STEPS]
    dimensions, _ = parts("dimensions")
    assert [w.split(":")[0] for w in words(dimensions)] == [name for name, _ in diagrams.DIMENSIONS]


def test_colours_are_the_sites_and_text_on_them_reads_at_aa():
    for tint in diagrams.TINTS:
        assert contrast(diagrams.DARK, tint) >= 7
    assert contrast(diagrams.WHITE, diagrams.BLUE) >= 7
    css = diagrams.__file__.rsplit("/cohesion_guide/", 1)[0] + "/docs/stylesheets/cohesion.css"
    assert f"--md-primary-fg-color: {diagrams.BLUE};" in open(css, encoding="utf-8").read()


def test_an_unknown_diagram_is_named_with_the_choices():
    with pytest.raises(KeyError, match="dimensions, strands, cycle"):
        diagrams.figure("venn")


def test_who_is_bound_by_what_says_what_the_duty_today_page_says():
    figure, svg = parts("duties")
    said = words(figure)
    assert said[0].startswith("Maintained schools. Bound: Community cohesion,")
    assert "Not bound: Independent School Standards Part 2." in said[0]
    assert "To check: Community cohesion." in said[1]  # academies: only through a funding agreement, if at all
    assert "Bound in part: Curriculum and SMSC, Independent School Standards Part 2, RSHE." in said[1]
    assert said[2].startswith(
        "Pupil referral units (PRUs). Bound: Public sector equality duty, Prevent, RSHE. To check: Community cohesion,"
    )
    assert "Not bound: Community cohesion, Curriculum and SMSC, Public sector equality duty." in said[3]
    assert said[3].endswith("Bound in part: RSHE.")
    # one mark for each kind of school and duty, each with its word under it
    drawn = [t for t in svg.itertext() if t.strip()]
    marks = [word for word in drawn if word in {"Yes", "No", "In part", "Check"}]
    assert len(marks) == len(diagrams.KINDS) * len(diagrams.DUTIES)
    assert marks.count("No") == 4 and marks.count("In part") == 4
    page = diagrams.__file__.rsplit("/cohesion_guide/", 1)[0] + "/docs/duty/today.md"
    text = open(page, encoding="utf-8").read()
    for _, anchor, _ in diagrams.DUTIES:
        assert f"{{ #{anchor} }}" in text, anchor  # each duty the picture names is explained on the page


@pytest.mark.parametrize(
    "page, name",
    [("duty/dimensions", "dimensions"), ("duty/strands", "strands"), ("planning", "cycle"), ("duty/today", "duties")],
)
def test_each_diagram_is_on_its_page(built_site, page, name):
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert html.count(f'id="cc-diagram-{name}"') == 1 and f'id="cc-diagram-{name}-title"' in html


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_who_is_bound_by_what_reads_at_both_widths_and_prints(browser, site_url, width):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/duty/today/")
        svg = page.locator("#cc-diagram-duties svg")
        assert svg.is_visible()
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        # the bold labels are at least 14 px on the screen, the notes at least 13
        scale = box["width"] / diagrams.WIDTH
        assert diagrams.FONT * scale >= 14 - 0.05, f"{diagrams.FONT * scale:.1f} px"
        # the tables stay, under the picture, as the full text equivalent: one per kind of school and the nations
        assert page.locator("article table").count() == 5
        after = page.evaluate(
            "() => [...document.querySelectorAll('article table')].every(t => "
            "document.getElementById('cc-diagram-duties').compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)"
        )
        assert after
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
        scroll_regions_ready(page)  # the tables that scroll sideways at this width take focus
        results = Axe().run(page, options=options | {"resultTypes": ["violations"]})
        assert results.violations_count == 0, results.generate_report()
        page.emulate_media(media="print")
        assert svg.is_visible() and not page.locator("#cc-diagram-duties .cc-diagram__words").is_visible()
    finally:
        context.close()
