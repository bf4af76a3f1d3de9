"""The national home: the guide itself at the national site's root (no authority's contacts), with
"Find your school", a page that finds any school of the edition by its name, URN, town or postcode
district and leads to the school's page on its authority's site and to the policy builder started
from its register entry.

The home is built as a fork's site is, from a copy of the guide, with this module's additions:
the page, its data (finder.py), its script and styles, and alphagov's accessible-autocomplete
(npm, served by the site itself, DESIGN.md decision 13). All of them load on that page only.
Without JavaScript the page lists every authority, each linking to its copy's table of schools.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import yaml

from cohesion_guide import CHECKOUT
from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.inputs.dates import long_date
from cohesion_guide.national.plan import Plan
from cohesion_guide.site.generated import front_matter

PAGE = "find-your-school"
TITLE = "Find your school"
HERE = Path(__file__).resolve().parent
ASSETS = ("finder.js", "finder.css")
DATA = "schools.json"
AUTOCOMPLETE_FILES = ("accessible-autocomplete.min.js", "accessible-autocomplete.min.css")


def autocomplete_folder(guide: Path) -> Path:
    """node_modules/accessible-autocomplete of the guide (or of the copy this engine came with)."""
    for root in (Path(guide), CHECKOUT):
        if root is None:
            continue
        folder = root / "node_modules" / "accessible-autocomplete"
        if all((folder / "dist" / name).is_file() for name in AUTOCOMPLETE_FILES):
            return folder
    raise InvalidFile(
        [
            Problem(
                "node_modules/accessible-autocomplete",
                1,
                "(the folder)",
                "is missing, and Find your school needs it. Run `npm ci` in the guide's folder and try again",
            )
        ]
    )


def autocomplete_version(folder: Path) -> str:
    return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]


def page(plan: Plan, autocomplete: str) -> str:
    """The page's Markdown: what the edition holds, the finder (shown by its script), and the list of
    authorities that works without JavaScript. `autocomplete`: the folder of its files, from the page."""
    esc = html.escape
    count = plan.total_schools()
    authorities = sorted(plan.authorities, key=lambda a: a.name.casefold())
    items = "\n".join(
        f'<li><a href="../{esc(a.slug)}/schools/">{esc(a.name)}</a>: {a.schools} school{"" if a.schools == 1 else "s"}</li>'
        for a in authorities
    )
    return (
        front_matter(
            {
                "title": TITLE,
                "description": "Find any open state-funded school in England by its name, URN, town or postcode "
                "district: open its page, or start its policy from its entry in the register.",
            }
        )
        + f"# {TITLE}\n\n"
        + f"This edition of the guide has a copy for each of {len(authorities)} local authorities in England, with a "
        f"page for each of their {count:,} open state-funded schools, as the national register of schools, Get "
        f"Information About Schools (GIAS), listed them when this edition was made on {long_date(plan.made_on)}.\n\n"
        "Each school's page holds a draft policy, written from what the register says about the school. The "
        "register cannot say who leads this work in the school, what it already does, or how its pupils and "
        "families get on together, so the draft is a starting point, not the school's policy: the school checks "
        "and completes it in the policy builder, and its governors adopt it.\n\n"
        f'<div id="cc-finder" class="cc-finder" data-schools="{DATA}" hidden>\n'
        f'<link rel="stylesheet" href="{autocomplete}accessible-autocomplete.min.css">\n'
        '<link rel="stylesheet" href="finder.css">\n'
        '<label class="cc-finder__label" for="cc-finder-input">Your school\'s name, URN, town or postcode district</label>\n'
        '<p class="cc-finder__hint" id="cc-finder-hint">For example: St Mary\'s, 100000, Barnsley or S70. '
        "Choose your school from the list.</p>\n"
        '<div id="cc-finder-field" class="cc-finder__field"></div>\n'
        '<div id="cc-finder-result" class="cc-finder__result" aria-live="polite"></div>\n'
        f'<script src="{autocomplete}accessible-autocomplete.min.js" defer></script>\n'
        '<script src="finder.js" defer></script>\n'
        "</div>\n\n"
        "## Every school, by local authority { #by-authority }\n\n"
        "Each authority's copy of the guide has a table of its schools, which you can filter by name, phase and "
        "town. Open your school there to read its draft policy, or start its policy in the builder.\n\n"
        f'<ul class="cc-authorities">\n{items}\n</ul>\n'
    )


def add_pages(plan: Plan, guide: Path, work: Path) -> None:
    """Put Find your school into the home's copy of the guide: its page, data and files; a tab for it
    after Home; and a link to it at the top of the home page."""
    folder = autocomplete_folder(guide)
    base = f"accessible-autocomplete/{autocomplete_version(folder)}/"
    target = work / "docs" / PAGE
    (target / base).mkdir(parents=True)
    for name in AUTOCOMPLETE_FILES:
        shutil.copy2(folder / "dist" / name, target / base / name)
    for name in ASSETS:
        shutil.copy2(HERE / name, target / name)
    (target / DATA).write_bytes(plan.finder())
    (target / "index.md").write_text(page(plan, base), encoding="utf-8")
    _add_tab(work / "mkdocs.yml")
    _link_from_home(work / "docs" / "index.md", plan)


def _add_tab(config: Path) -> None:
    """Find your school as the navigation's second entry, after Home."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["nav"].insert(1, {TITLE: f"{PAGE}/index.md"})
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _link_from_home(index: Path, plan: Plan) -> None:
    """A link to Find your school under the home page's title (or at its top, if it has none)."""
    text = index.read_text(encoding="utf-8")
    link = (
        f"Find your school among {plan.total_schools():,} schools in {len(plan.authorities)} local authorities "
        "in England: open its page, or start its policy from its entry in the register of schools.\n\n"
        f"[{TITLE}]({PAGE}/index.md){{ .md-button .md-button--primary }}\n\n"
    )
    front = re.match(r"---\n.*?\n---\n", text, flags=re.S)
    start = front.end() if front else 0
    title = re.compile(r"^# .*\n", flags=re.M).search(text, start)
    at = title.end() if title else start
    index.write_text(text[:at] + "\n" + link + text[at:].lstrip("\n"), encoding="utf-8")
