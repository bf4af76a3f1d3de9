"""Screenshots of every kind of page at a desktop's and a phone's width, saved in one folder so
that a reviewer can look through them (.cache/screenshots/, or the folder COHESION_SCREENSHOTS
names), with an index page that shows them side by side."""

from __future__ import annotations

import html
import os
import struct
from pathlib import Path

import pytest

from tests.conftest import ROOT

# One page of each kind, and what it is.
PAGE_TYPES = {
    "home": ("", "Home page"),
    "guide": ("duty/dimensions/", "A guide page, with a diagram"),
    "planning": ("planning/", "The six-point framework, with the planning cycle"),
    "glossary": ("glossary/", "The glossary"),
    "model-policy": ("policies/model-primary-policy/", "The model primary policy, with its downloads"),
    "schools": ("schools/", "The schools' list, with its filter"),
    "school": ("schools/riverside-primary/", "A school's policy page"),
    "self-evaluation": ("schools/riverside-primary/self-evaluation/", "A school's self-evaluation page"),
    "case-studies": ("case-studies/", "The case studies, with their filters"),
    "case-study": ("case-studies/new-arrivals-welcome/", "A case study"),
    "case-study-filter": ("case-studies/strand/equity-excellence/", "Case studies on one strand"),
    "local-authorities": ("local-authorities/", "For local authorities"),
    "support": ("support/", "Support and contacts"),
    "not-found": ("no-such-page/", "A page that does not exist (the 404 page)"),
}
WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}


def folder() -> Path:
    return Path(os.environ.get("COHESION_SCREENSHOTS") or ROOT / ".cache" / "screenshots")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.exhaustive  # pictures for a reviewer, not a check every run needs: CI makes them
@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_kind_of_page_is_saved_as_a_screenshot_for_review(browser, site_url, width):
    out = folder()
    out.mkdir(parents=True, exist_ok=True)
    size = WIDTHS[width]
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page = context.new_page()
        for name, (path, _) in PAGE_TYPES.items():
            response = page.goto(f"{site_url}/{path}")
            assert response.status == (404 if name == "not-found" else 200), path
            if name == "not-found":  # a static host serves 404.html for an address it does not have
                page.goto(f"{site_url}/404.html")
            page.wait_for_load_state("networkidle")
            assert page.locator("h1").count() == 1, path
            shot = out / f"{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            shot_width, shot_height = png_size(shot)
            assert shot_width == size[0] and shot_height >= 400, (shot, shot_width, shot_height)
    finally:
        context.close()
    write_index(out)


def write_index(out: Path) -> None:
    """index.html in the folder: each kind of page, desktop and phone side by side."""
    rows = []
    for name, (path, what) in PAGE_TYPES.items():
        cells = "".join(
            f'<td><a href="{name}-{w}.png"><img src="{name}-{w}.png" alt="{html.escape(what)} at {w} width" '
            f'width="{320 if w == "desktop" else 120}"></a></td>'
            for w in WIDTHS
            if (out / f"{name}-{w}.png").is_file()
        )
        rows.append(f'<tr><th scope="row">{html.escape(what)}<br><code>/{html.escape(path)}</code></th>{cells}</tr>')
    (out / "index.html").write_text(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Screenshots of the guide</title></head><body>'
        "<h1>Screenshots of the guide, by kind of page</h1><table><thead><tr><th>Page</th><th>Desktop (1280 px)</th>"
        "<th>Phone (375 px)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></body></html>",
        encoding="utf-8",
    )
