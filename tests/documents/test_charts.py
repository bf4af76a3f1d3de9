"""The static SVG charts: well-formed, a text alternative that states every number, the same
numbers as the data table beside them, escaped text, and colours that meet WCAG contrast."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cohesion_guide.documents.charts import (
    NARROW,
    SERIES,
    TEXT,
    WIDE,
    Bar,
    BarGroup,
    bar_chart,
    responsive_chart,
    scale_steps,
)
from cohesion_guide.documents.self_evaluation import audit_chart, charts_for, ethnicity_rows, render_self_evaluation
from cohesion_guide.inputs.audit import Audit, Entry, not_assessed, strand_counts
from cohesion_guide.inputs.local_config import contrast, load_local
from tests.conftest import ROOT
from tests.documents.test_tailoring import make_profile

SVG = "{http://www.w3.org/2000/svg}"
NASTY = '<script>alert(1)</script> & "quoted" {{ 7*7 }}'


def parse(svg: str) -> ET.Element:
    """One SVG, or the wide drawing of a chart drawn twice (charts.responsive_chart)."""
    root = ET.fromstring(f"<div>{svg}</div>")
    return root[0]


def drawings(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(f"<div>{svg}</div>"))


def marks(root: ET.Element) -> list[str]:
    """The numbers along the scale: the texts anchored under the bars' baseline."""
    return [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor")]


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def simple(label: str = "Group", text: str = "Bar: 3") -> str:
    return bar_chart(
        "c1", title="A title", desc="A description with 3.", groups=[BarGroup(label, (Bar(3, text),))], max_value=5
    )


def test_a_chart_is_well_formed_svg_with_its_text_alternative():
    root = parse(simple())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "A title" and desc.text == "A description with 3."
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert root.get("width") == "100%" and re.fullmatch(r"0 0 \d+ [\d.]+", root.get("viewBox"))


def test_text_is_escaped_and_stays_literal():
    svg = bar_chart(
        "c1", title=NASTY, desc=NASTY, groups=[BarGroup(NASTY, (Bar(1, NASTY),))], max_value=5, legend=[(0, NASTY)]
    )
    root = parse(svg)  # would fail on a stray < or &
    assert root.find(f"{SVG}title").text == NASTY and root.find(f"{SVG}desc").text == NASTY
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    assert "<script>" not in svg
    words = [t for t in texts(root) if t not in marks(root)]
    assert words and all(t.rstrip("\u2026") in NASTY for t in words)  # wrapped or shortened to fit, never altered


def test_bars_are_told_apart_by_text_and_pattern_not_colour_alone():
    groups = [BarGroup("Strand", tuple(Bar(i + 1, f"Status {i}: {i + 1}", i) for i in range(4)))]
    root = parse(bar_chart("c2", title="t", desc="d", groups=groups, max_value=4))
    assert [t for t in texts(root) if t.startswith("Status")] == [f"Status {i}: {i + 1}" for i in range(4)]
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("stroke")]
    assert len(set(fills)) == 4  # solid, striped, dotted, outlined
    assert {p.get("id") for p in root.iter(f"{SVG}pattern")} == {"c2-fill-1", "c2-fill-2"}


@pytest.mark.parametrize("layout", [WIDE, NARROW], ids=["wide", "narrow"])
def test_a_zero_is_drawn_as_zero_a_thin_mark_with_its_number(layout):
    root = parse(
        bar_chart(
            "c3",
            title="t",
            desc="d",
            groups=[BarGroup("G", (Bar(0, "Not yet: 0"), Bar(3, "In place: 3")))],
            max_value=5,
            layout=layout,
        )
    )
    assert "Not yet: 0" in texts(root)
    zero = [r for r in root.iter(f"{SVG}rect") if r.get("data-zero")]
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("stroke")]
    assert len(zero) == 1 and float(zero[0].get("width")) > 0 and zero[0].get("fill") == SERIES[0][0]
    assert float(zero[0].get("width")) < float(bars[0].get("width")) / 10  # plainly not a bar


@pytest.mark.parametrize("layout", [WIDE, NARROW], ids=["wide", "narrow"])
def test_long_labels_and_texts_wrap_onto_more_lines_and_lose_no_word(layout):
    label = "Engagement and extended services, with parents, partner schools and the wider community"
    said = "Not yet assessed by the school's own audit: 18"
    root = parse(
        bar_chart(
            "c6",
            title="t",
            desc="d",
            groups=[BarGroup(label, (Bar(18, said),))],
            max_value=18,
            legend=[(0, "Practices in place across the whole school, in every year group")],
            scale_label="Number of practices, out of the eighteen the audit covers",
            layout=layout,
        )
    )
    words = " ".join(t for t in texts(root) if t not in marks(root))
    assert "\u2026" not in words
    for whole in (
        label,
        said,
        "Practices in place across the whole school, in every year group",
        "Number of practices, out of the eighteen the audit covers",
    ):
        assert " ".join(whole.split()) in " ".join(words.split()), whole
    spots = [(t.get("x"), float(t.get("y"))) for t in root.iter(f"{SVG}text")]
    assert len(spots) == len(set(spots))  # no two lines on one spot
    ys = [y for _, y in spots]
    top = float(root.get("viewBox").split()[3])
    assert max(ys) < top


def test_a_chart_has_a_scale_from_zero_in_round_steps_with_its_unit():
    root = parse(
        bar_chart(
            "c4",
            title="t",
            desc="d",
            groups=[BarGroup("G", (Bar(38.5, "School: 38.5%"),))],
            max_value=38.5,
            unit="%",
            scale_label="Per cent",
        )
    )
    assert marks(root) == ["0%", "10%", "20%", "30%", "40%"]
    assert "Per cent" in texts(root)
    assert len([line for line in root.iter(f"{SVG}line")]) == 6  # a line at each mark, and the baseline


@pytest.mark.parametrize(
    "peak, most, expected",
    [(38.5, 5, (10, 40)), (100, 5, (20, 100)), (4, 5, (1, 4)), (7, 5, (2, 8)), (3, 2, (2, 4)), (0, 5, (1, 1))],
)
def test_the_scale_reaches_the_longest_bar_in_round_steps(peak, most, expected):
    assert scale_steps(peak, most) == expected


def test_a_chart_comes_wide_and_narrow_with_its_own_ids_and_the_same_words():
    groups = [BarGroup("Teaching, learning and curriculum", (Bar(4, "In place: 4"), Bar(2, "Partly in place: 2", 1)))]
    wide, narrow = drawings(
        responsive_chart("c5", title="T", desc="D", groups=groups, max_value=4, legend=[(0, "School")])
    )
    assert (wide.get("data-layout"), narrow.get("data-layout")) == ("wide", "narrow")
    ids = [e.get("id") for d in (wide, narrow) for e in d.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert all(
        f"url(#{narrow.get('aria-labelledby').split()[0].removesuffix('-title')}-fill" in (r.get("fill") or "url(#")
        for r in narrow.iter(f"{SVG}rect")
        if (r.get("fill") or "").startswith("url(")
    )
    for drawing, layout in ((wide, WIDE), (narrow, NARROW)):
        assert drawing.get("viewBox").split()[2] == str(layout.width) and drawing.get("font-size") == str(layout.font)
        assert {"In place: 4", "Partly in place: 2"} <= set(texts(drawing))
    # Type at least 14 px where each drawing is shown: the wide one in a 690 px column, the narrow on a 375 px phone (343 px)
    assert (
        WIDE.font * 688 / WIDE.width >= 14
        and WIDE.font * 938 / WIDE.width <= 20
        and NARROW.font * 343 / NARROW.width >= 14
    )


def test_colours_meet_wcag_contrast_against_white():
    for colour, _ in SERIES:
        assert contrast(colour, "#ffffff") >= 3, colour  # bars: non-text contrast
    assert contrast(TEXT, "#ffffff") >= 4.5


def test_every_colour_a_chart_uses_is_white_or_has_enough_contrast(tmp_path):
    profile = make_profile(
        tmp_path, {"local_area": {"name": "Ward", "eal_percent": 3, "ethnicity": {"white_british": 100}}}
    )
    for svg in charts_for(profile, strand_counts(not_assessed("x"))).values():
        for colour in set(re.findall(r"#[0-9a-fA-F]{6}\b", svg)):
            assert colour.lower() == "#ffffff" or contrast(colour, "#ffffff") >= 3, colour


def test_charts_ask_nothing_of_any_server_and_run_no_script(tmp_path):
    profile = make_profile(tmp_path)
    for svg in charts_for(profile, strand_counts(not_assessed("x"))).values():
        assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in svg and "href" not in svg


def test_charts_on_one_page_never_share_an_id(tmp_path):
    profile = make_profile(tmp_path, {"local_area": {"name": "Ward", "ethnicity": {"white_british": 100}}})
    ids = []
    for svg in charts_for(profile, strand_counts(not_assessed("x"))).values():
        ids += [e.get("id") for drawing in drawings(svg) for e in drawing.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


# ---- the same numbers in the chart, its description and its table --------------------------------


def table_rows(markdown: str, header: str) -> list[list[str]]:
    """The body rows of the Markdown table whose header line starts with `header`."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


AUDIT = Audit(
    "x",
    Path("audits/x.yml"),
    "2026-10-05",
    "Head",
    {
        "shared-values-lessons": Entry("in-place", "PSHE"),
        "global-links": Entry("partly", "Unit"),
        "pupil-voice": Entry("not-yet"),
        "admissions": Entry("not-yet"),
        "extended-services": Entry("in-place", "Club"),
    },
)


def test_the_audit_chart_states_each_count_in_its_description_bars_and_table(tmp_path):
    counts = strand_counts(AUDIT)
    root = parse(audit_chart(counts))
    desc = root.find(f"{SVG}desc").text
    markdown = render_self_evaluation(make_profile(tmp_path), AUDIT, load_local(ROOT))
    header = next(line for line in markdown.splitlines() if line.startswith("| Strand |")).strip().strip("|").split("|")
    table = {
        (row[0], status.strip()): count
        for row in table_rows(markdown, "| Strand |")
        for status, count in zip(header[1:], row[1:], strict=False)
    }
    shown = texts(root)
    labels = {
        "in-place": "In place",
        "partly": "Partly in place",
        "not-yet": "Not yet",
        "not-assessed": "Not yet assessed",
    }
    for row in counts:
        c = row.counts
        for status, label in labels.items():
            assert table[(row.strand.title, label)] == str(c[status])
        assert (
            f"{row.strand.title} ({row.total} practices): {c['in-place']} in place, {c['partly']} partly in place, "
            f"{c['not-yet']} not yet, {c['not-assessed']} not yet assessed"
        ) in desc
    assert [t for t in shown if ":" in t] == [
        f"{label}: {n}"
        for row in counts
        for label, n in zip(
            ("In place", "Partly in place", "Not yet", "Not yet assessed"),
            (row.counts["in-place"], row.counts["partly"], row.counts["not-yet"], row.counts["not-assessed"]),
            strict=False,
        )
        if n
    ]
    assert not [t for t in shown if t.endswith(": 0")]  # no row that says nothing
    assert any(row.counts["not-assessed"] for row in counts)  # though the audit leaves practices unassessed


def test_the_ethnicity_chart_and_table_carry_the_same_figures(tmp_path):
    profile = make_profile(
        tmp_path,
        {"local_area": {"name": "Testford ward", "ethnicity": {"white_british": 80, "indian": 5, "chinese": 15}}},
    )
    svg = charts_for(profile, strand_counts(AUDIT))["ethnicity"]
    desc = parse(svg).find(f"{SVG}desc").text
    markdown = render_self_evaluation(profile, AUDIT, load_local(ROOT))
    table = table_rows(markdown, "| Ethnic group |")
    rows = ethnicity_rows(profile)
    assert [r[0] for r in table] == [r["label"] for r in rows]
    for cells, row in zip(table, rows, strict=False):
        said = [f"{v:g}%" if v is not None else "not given" for v in (row["school"], row["area"])]
        assert cells[1:] == said
        assert f"{row['label']}, our pupils: {said[0]}, Testford ward: {said[1]}" in desc
        for who, text in (("Our pupils", said[0]), ("Testford ward", said[1])):
            assert f"{who}: {text}" in svg  # a figure not given is said, never drawn as a bar of 0
    assert "Chinese, our pupils: not given, Testford ward: 15%" in desc  # a group only the area has
    assert "| 0% |" not in markdown


def test_a_local_area_name_is_escaped_in_the_chart_and_the_table(tmp_path):
    profile = make_profile(tmp_path, {"local_area": {"name": NASTY, "eal_percent": 12}})
    svg = charts_for(profile, strand_counts(AUDIT))["figures"]
    root = parse(svg)
    assert NASTY in texts(root) or any(t.startswith("<script>") for t in texts(root))  # the legend names the area
    assert NASTY in root.find(f"{SVG}desc").text
    markdown = render_self_evaluation(profile, AUDIT, load_local(ROOT))
    assert "&lt;script&gt;" in markdown and "| &lt;script&gt;alert(1)" in markdown
    outside_svg = re.sub(r"<svg.*?</svg>", "", markdown, flags=re.S)
    assert "<script>" not in outside_svg and "{{ 7*7 }}" not in outside_svg


@pytest.mark.parametrize("slug", sorted(p.stem for p in (ROOT / "schools").glob("*.yml")))
def test_every_example_schools_charts_parse(slug):
    from cohesion_guide.inputs.audit import audit_for
    from cohesion_guide.inputs.profiles import load_profile

    profile = load_profile(ROOT / "schools" / f"{slug}.yml")
    audit = audit_for(slug, ROOT / "audits")
    for svg in charts_for(profile, strand_counts(audit)).values():
        root = parse(svg)
        assert root.get("role") == "img" and root.find(f"{SVG}desc").text
