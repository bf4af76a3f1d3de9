"""The built site in Chromium: search, keyboard access, page structure, and no request to another server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import site_pages
from tests.site.page_state import search_for

# What each page is checked for, read from the live DOM after the page's scripts have run.
STRUCTURE_JS = """() => ({
  lang: document.documentElement.getAttribute('lang') || '',
  h1: document.querySelectorAll('h1').length,
  external_in_content: !!document.querySelector('.md-content a[href^="http"]'),
  imgs_without_alt: [...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).map(i => i.src),
  landmarks: {
    header: !!document.querySelector('header, [role=banner]'),
    nav: !!document.querySelector('nav, [role=navigation]'),
    main: document.querySelectorAll('main, [role=main]').length,
    footer: !!document.querySelector('footer, [role=contentinfo]'),
  },
})"""

# The element that has focus, described for a failure message and for the visible-focus check.
FOCUS_JS = """() => {
  const ancestors = el => { const all = []; for (let a = el; a; a = a.parentElement) all.push(a); return all; };
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    cls: el.className && el.className.baseVal === undefined ? el.className : '',
    text: (el.innerText || el.getAttribute('aria-label') || el.value || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    in_main: !!el.closest('main'),
    visible: rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.left < innerWidth
      && style.visibility !== 'hidden' && !ancestors(el).some(a => getComputedStyle(a).opacity === '0')
      // a link that wraps is seen on its lines: the middle of its whole box may fall between them
      && [...el.getClientRects()].some(r => el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2))),
  };
}"""


@pytest.fixture(scope="module")
def visited(browser, site_url, built_site):
    """Every page of the built site loaded once at 1280 px: what it requested and how it is built."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    results = {}
    for rel in site_pages(built_site):
        requests.clear()
        page.goto(f"{site_url}/{rel}", wait_until="networkidle")
        results[rel or "/"] = {"requests": list(requests), **page.evaluate(STRUCTURE_JS)}
    context.close()
    assert results, "the built site has no pages"
    return results


def test_every_page_requests_nothing_but_this_server(visited):
    outside = []
    for rel, seen in visited.items():
        for url in seen["requests"]:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname != "127.0.0.1":
                outside.append(f"{rel}: {url}")
    assert not outside, "Requests that left the site (fonts, CDNs, analytics?):\n" + "\n".join(sorted(set(outside)))


def test_every_page_has_one_h1_and_a_language(visited):
    problems = [f"{rel}: {seen['h1']} h1 elements" for rel, seen in visited.items() if seen["h1"] != 1]
    problems += [f"{rel}: <html> has no lang" for rel, seen in visited.items() if not seen["lang"]]
    assert not problems, "\n".join(problems)


def test_every_image_has_alt_text(visited):
    problems = [f"{rel}: {src}" for rel, seen in visited.items() for src in seen["imgs_without_alt"]]
    assert not problems, "Images without an alt attribute:\n" + "\n".join(problems)


def test_every_page_has_header_nav_main_and_footer_landmarks(visited):
    problems = []
    for rel, seen in visited.items():
        marks = seen["landmarks"]
        missing = [name for name in ("header", "nav", "footer") if not marks[name]]
        if marks["main"] != 1:
            missing.append(f"main (found {marks['main']})")
        if missing:
            problems.append(f"{rel}: missing {', '.join(missing)}")
    assert not problems, "\n".join(problems)


# ---- search -------------------------------------------------------------------------------


def search_results(page) -> list[str]:
    """The addresses the search results list, once Material has shown them."""
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


def test_searching_equity_lists_the_three_strands_page(page, site_url):
    page.goto(site_url + "/")
    page.locator("input.md-search__input").click()
    search_for(page, "equity")  # the results shown are the whole word's, not those of its first letters
    results = search_results(page)
    assert any("/duty/strands/" in url for url in results), f"duty/strands/ not among the results: {results}"


# ---- keyboard alone -----------------------------------------------------------------------


def tab(page) -> dict | None:
    """Press Tab, let the page's scripts react (Material opens search on focus), describe the focus."""
    page.keyboard.press("Tab")
    page.evaluate(
        "() => new Promise(done => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(done)), 50))"
    )
    # The browser scrolls the focused element into view, and Material's header fades its title as the page
    # scrolls: on a loaded machine both can outlast two frames (CI saw a card link "off screen" mid-scroll).
    # Wait, up to 2 s, for the focus to be seen; what is still not seen then is reported as it is.
    try:
        page.wait_for_function(f"() => {{ const f = ({FOCUS_JS})(); return !f || f.visible; }}", timeout=2000)
    except PlaywrightTimeoutError:
        pass
    return page.evaluate(FOCUS_JS)


def tab_until(page, wanted, limit: int = 60) -> list[dict]:
    """Press Tab until `wanted(focused)` is true; return every element focused on the way."""
    seen = []
    for _ in range(limit):
        focused = tab(page)
        seen.append(focused)
        if focused and wanted(focused):
            return seen
    raise AssertionError(f"not reached in {limit} presses of Tab; focused on the way: {seen}")


# Transitions would make "is it visible yet?" depend on timing; the end state is what counts.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def open_at(page, url: str, width: int):
    page.set_viewport_size({"width": width, "height": 900 if width > 600 else 812})
    page.goto(url)
    page.add_style_tag(content=NO_TRANSITIONS)


def test_first_tab_reaches_the_skip_link_and_it_moves_to_the_main_content(page, site_url):
    open_at(page, site_url + "/", 1280)
    first = tab(page)
    assert first and "md-skip" in first["cls"], f"the first Tab focused {first}, not the skip link"
    assert first["visible"], "the skip link is focused but cannot be seen"
    target = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_function("target => location.hash === target", arg=target)  # the link was followed
    # from the skip link's target, the next Tab lands inside the main content, not the navigation
    after = tab(page)
    assert after and after["in_main"] and "md-nav__link" not in after["cls"], (
        f"after the skip link, Tab focused {after}, not the page's own content"
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_tab_reaches_search_and_typing_shows_results(page, site_url, width):
    open_at(page, site_url + "/", width)
    tab_until(page, lambda el: el["tag"] == "input" and "md-search__input" in el["cls"])
    assert page.evaluate(FOCUS_JS)["visible"], "the search field has focus but cannot be seen"
    page.keyboard.type("equity", delay=60)
    assert search_results(page), "typing in the search field showed no results"


@pytest.mark.parametrize("width", [1280, 375])
def test_every_tab_stop_on_the_home_page_is_visible_and_shows_focus(page, site_url, width):
    open_at(page, site_url + "/", width)
    first = None
    problems = []
    for _ in range(150):
        focused = tab(page)
        if focused is None:
            continue
        key = (focused["tag"], focused["cls"], focused["text"])
        if key == first:  # wrapped round to the start
            break
        first = first or key
        where = f"{focused['tag']}.{focused['cls']} {focused['text']!r}"
        if not (focused["outline"] or focused["shadow"]):
            problems.append(f"no outline or shadow: {where}")
        if not focused["visible"]:
            problems.append(f"focused but hidden or off screen: {where}")
    assert first, "Tab never focused anything"
    assert not problems, f"At {width} px:\n" + "\n".join(problems)


def test_small_screen_menu_opens_and_closes_from_the_keyboard(page, site_url):
    open_at(page, site_url + "/duty/", 375)
    menu = tab_until(page, lambda el: el["text"] == "Menu")[-1]
    assert menu["visible"] and (menu["outline"] or menu["shadow"])
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('.md-sidebar--primary')")
    inside = page.evaluate(FOCUS_JS)
    assert inside["visible"], f"the menu opened but its focused link cannot be seen: {inside}"
    page.keyboard.press("Escape")
    back = page.evaluate(FOCUS_JS)
    assert back and back["text"] == "Menu", f"Escape left focus on {back}, not the menu button"
    assert not page.evaluate("() => document.getElementById('__drawer').checked"), "Escape did not close the menu"


# ---- print ----------------------------------------------------------------------------------

PRINT_JS = """() => {
  const shown = sel => [...document.querySelectorAll(sel)].some(el => {
    const box = el.getBoundingClientRect();
    return getComputedStyle(el).display !== 'none' && box.width > 0 && box.height > 0;
  });
  const link = [...document.querySelectorAll('.md-content a[href^="http"]')][0];
  return {
    screen_parts: Object.fromEntries(['.md-header', '.md-sidebar--primary', '.md-search',
      '.md-footer__inner', '.md-sidebar--secondary'].map(sel => [sel, shown(sel)])),
    text_shown: shown('.md-content h1'),
    link: link ? link.getAttribute('href') : null,
    after: link ? getComputedStyle(link, '::after').content : null,
  };
}"""


def test_print_shows_the_page_without_navigation_and_spells_out_outside_links(page, site_url, visited):
    # a page whose text links to another site: the contacts and sources pages have some
    rel = next((rel for rel, seen in visited.items() if seen["external_in_content"]), None)
    assert rel is not None, "no page links to another site, so printed link addresses cannot be checked"
    page.goto(f"{site_url}/{rel.lstrip('/')}")
    page.emulate_media(media="print")
    printed = page.evaluate(PRINT_JS)
    still_shown = [part for part, shown in printed["screen_parts"].items() if shown]
    assert not still_shown, f"{rel} prints with screen parts: {still_shown}"
    assert printed["text_shown"], f"{rel} prints without its heading"
    assert printed["link"] and printed["link"] in printed["after"], (
        f"{rel}: the printed link does not show its address ({printed})"
    )
    page.emulate_media(media="screen")
    assert page.evaluate(PRINT_JS)["screen_parts"][".md-header"], "the print styles leaked onto the screen"
