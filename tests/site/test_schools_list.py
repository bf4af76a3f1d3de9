"""The schools' table: plain HTML that needs no script, filtered in place by name, phase and town
with JavaScript, readable as cards on a phone, and quick with an authority's 600 schools."""

from __future__ import annotations

import random
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from cohesion_guide.export.html import markdown_to_html
from cohesion_guide.inputs.profiles import load_profiles
from cohesion_guide.site.school_pages import index_page
from tests.conftest import ROOT
from tests.synthetic_schools import NAME_ENDINGS, PLACES, TOWNS

SCRIPT = ROOT / "overrides" / "assets" / "javascripts" / "schools-filter.js"


def rows_in(html: str) -> list[str]:
    return re.findall(r"<tr data-name=", html)


def test_the_table_is_plain_html_with_every_school_its_phase_town_and_downloads(built_site):
    html = (built_site / "schools" / "index.html").read_text(encoding="utf-8")
    profiles = load_profiles(ROOT / "schools")
    assert len(rows_in(html)) == len(profiles)
    for profile in profiles:
        town = profile.data["location"]["town"]
        row = re.search(
            rf'<tr data-name="[^"]*" data-phase="{profile.data["school"]["phase"]}" data-town="{re.escape(town)}">'
            rf'<th scope="row" data-label="School"><a href="{profile.slug}/">',
            html,
        )
        assert row, profile.slug
    assert (
        '<th scope="col">Town</th>' in html
        and "<script" not in html.split('class="cc-schools"')[1].split("</table>")[0]
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_the_filter_narrows_the_rows_by_name_phase_and_town_and_says_how_many(browser, site_url, width):
    # Every check waits for the state it asserts: the name filter applies once typing pauses, and
    # "Clear filters" applies after the form's reset (a timer), so the rows change after the action.
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/schools/")
        rows = page.locator("table.cc-schools tbody tr")
        shown = page.locator("table.cc-schools tbody tr:not([hidden]) th")
        total = rows.count()
        profiles = load_profiles(ROOT / "schools")
        assert total == len(profiles)
        status = page.locator("#cc-schools-count")
        expect(status).to_have_attribute("role", "status")
        expect(status).to_have_text(f"There are {total} schools.")
        page.get_by_label("School name contains").press_sequentially("riverside")
        expect(status).to_have_text(f"Showing 1 of {total} schools.")
        expect(shown).to_have_text(["Riverside Primary School (fictional example)"])
        page.get_by_role("button", name="Clear filters").click()
        expect(status).to_have_text(f"There are {total} schools.")
        page.get_by_label("Phase").select_option(label="Special")
        special = [p.name for p in profiles if p.data["school"]["phase"] == "special"]
        assert special
        expect(shown).to_have_text(special)
        page.get_by_label("Phase").select_option(label="All phases")
        page.get_by_label("Town").select_option("Exampleton")
        in_town = [p for p in profiles if p.data["location"]["town"] == "Exampleton"]
        assert 0 < len(in_town) < total
        expect(shown).to_have_count(len(in_town))
        expect(page.locator("table.cc-schools tbody tr:not([hidden]):not([data-town='Exampleton'])")).to_have_count(0)
        page.get_by_label("School name contains").press_sequentially("no such school")
        expect(status).to_have_text("No school matches: change or clear the filters.")
        expect(shown).to_have_count(0)
        # Nothing wider than the screen; on a phone each row is a card, each value under its name.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if width == 375:
            page.get_by_role("button", name="Clear filters").click()
            expect(status).to_have_text(f"There are {total} schools.")
            first = rows.first
            expect(first).to_have_css("display", "block")
            phase_label = first.locator("td[data-label=Phase]").evaluate(
                "td => getComputedStyle(td, '::before').content"
            )
            assert phase_label == '"Phase: "'
            assert first.bounding_box()["width"] <= 375
    finally:
        context.close()


def test_without_javascript_the_whole_table_shows_and_no_form_is_offered(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/schools/")
        assert page.locator("form.cc-filter").count() == 0
        rows = page.locator("table.cc-schools tbody tr")
        assert rows.count() == len(load_profiles(ROOT / "schools"))
        assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    finally:
        context.close()


def fake_schools(count: int) -> list[tuple[SimpleNamespace, dict]]:
    """What index_page reads of a profile, for `count` schools, without making their documents."""
    rng = random.Random(3)
    phases = list(NAME_ENDINGS)
    out = []
    for index in range(count):
        phase = rng.choice(phases)
        name = f"{rng.choice(PLACES)} {NAME_ENDINGS[phase]} {index}"
        slug = f"school-{index}"
        profile = SimpleNamespace(
            slug=slug,
            data={
                "school": {"name": name, "phase": phase, "local_authority": "X"},
                "location": {"town": rng.choice(TOWNS)},
            },
        )
        paths = {fmt: Path(f"{slug}-policy.{fmt}") for fmt in ("docx", "pdf", "md")}
        out.append((profile, paths))
    return out


def test_six_hundred_schools_filter_at_once(browser, tmp_path):
    markdown = index_page(fake_schools(600), size=lambda path: "40 KB").split("---\n", 2)[2]
    body = markdown_to_html(markdown)
    assert len(rows_in(body)) == 600
    assert len(body.encode()) < 600 * 700  # about 0.6 KB a school: the page stays light
    page_file = tmp_path / "schools.html"
    page_file.write_text(
        f'<!DOCTYPE html><html lang="en"><body><div class="md-typeset">{body}</div>'
        f"<script>{SCRIPT.read_text(encoding='utf-8')}</script></body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        took = page.evaluate("""() => {
            const name = document.getElementById('cc-filter-name');
            const start = performance.now();
            name.value = 'meadow';
            name.dispatchEvent(new Event('input'));
            const phase = document.getElementById('cc-filter-phase');
            phase.value = 'primary';
            phase.dispatchEvent(new Event('change'));
            return performance.now() - start;
        }""")
        shown = page.locator("table.cc-schools tbody tr:not([hidden])").count()
        assert 0 < shown < 600
        assert page.locator("#cc-schools-count").text_content() == f"Showing {shown} of 600 schools."
        assert took < 100, f"filtering 600 rows took {took:.0f} ms"
        assert page.locator("#cc-filter-town option").count() == len(TOWNS) + 1  # each town once, and "All towns"
    finally:
        context.close()
