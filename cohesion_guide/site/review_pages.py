"""Page source and macro for "Review your school's work" (docs/planning/review/): the review's questions
worked out from the audit's schema and practices, what its page tells the policy builder's worker (the same
Pyodide and engine zip, served once from make-a-policy/), the schools' audits to carry on from, and a blank
audit for those without JavaScript.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from cohesion_guide.builder import review_calls
from cohesion_guide.builder.review_questions import review_pages
from cohesion_guide.inputs.audit import blank_audit
from cohesion_guide.inputs.profiles import profile_paths
from cohesion_guide.site import builder_pages
from cohesion_guide.site.generated import GeneratedFile, SiteContext

SECTION = "planning/review"  # where the review's page is: docs/planning/review/index.md
POLICY_BUILDER = f"../../{builder_pages.SECTION}/"  # the policy builder's section, from the review's page
BLANK_AUDIT = "audit-form.yml"
# The policy builder keeps the school's details in this browser under this name; the review reads and keeps
# them there too, so that a school describes itself once for both.
SCHOOL_STORE = "cohesion-builder-answers"
REVIEW_STORE = "cohesion-review-answers"


def pages(context: SiteContext) -> list[GeneratedFile]:
    """The schools' audits (a school on the site carries on from its own), and a blank audit to fill in."""
    project = context.project_dir
    files = [GeneratedFile(f"{SECTION}/audits/{path.name}", path) for path in _audits(project)]
    blank = blank_audit("my-school")
    cached = project / builder_pages.CACHE / BLANK_AUDIT
    cached.parent.mkdir(parents=True, exist_ok=True)
    if not cached.is_file() or cached.read_text(encoding="utf-8") != blank:
        partial = cached.with_suffix(".part")
        partial.write_text(blank, encoding="utf-8")
        partial.replace(cached)
    files.append(GeneratedFile(f"{SECTION}/{BLANK_AUDIT}", cached))
    return files


def _audits(project: Path) -> list[Path]:
    """The audits in audits/ that belong to a school on the site (the build checks each of them)."""
    schools = {path.stem for path in profile_paths(project / "schools")}
    folder = project / "audits"
    return sorted(p for p in folder.glob("*.yml") if p.is_file() and p.stem in schools) if folder.is_dir() else []


def review_html(project_dir: Path) -> str:
    """The review's place on its page: what it needs to start, and what to do without JavaScript."""
    project_dir = Path(project_dir)
    finder = POLICY_BUILDER + builder_pages.autocomplete_path(project_dir)
    setup = {
        **builder_pages.engine_setup(project_dir, review_calls.__name__, POLICY_BUILDER),
        "policy_builder": POLICY_BUILDER,
        "schools": POLICY_BUILDER + builder_pages.SCHOOLS_LIST,
        "profiles": POLICY_BUILDER + "schools/",
        "autocomplete": finder,
        "audits": [path.stem for path in _audits(project_dir)],
        "school_store": SCHOOL_STORE,
        "review_store": REVIEW_STORE,
        "pages": review_pages(),
    }
    data = json.dumps(setup, ensure_ascii=False).replace("</", "<\\/")  # </ cannot end the script early
    return (
        '<div id="cc-builder" class="cc-builder" markdown="0">'
        '<div class="cc-builder__nojs">'
        "<h2>This needs JavaScript</h2>"
        "<p>The questions run in your browser, and your browser has JavaScript turned off or blocked. "
        "You can still review your school's work:</p><ol>"
        f'<li><a href="{escape(BLANK_AUDIT)}" download>Download a blank audit (YAML text file)</a>. '
        "It lists every practice, with a note on what to write.</li>"
        "<li>Fill it in with a text editor, and rename it after your school's profile, for example hillside-primary.yml.</li>"
        "<li>Send it to your local authority with your school's profile, or make the pack yourself with the guide's "
        "command line: <code>cohesion audit validate hillside-primary.yml</code> then "
        "<code>cohesion self-evaluation schools/hillside-primary.yml --audit hillside-primary.yml</code> "
        '(see <a href="../self-evaluation/">Run your self-evaluation</a>).</li></ol>'
        "</div>"
        f'<script type="application/json" id="cc-builder-setup">{data}</script>'
        "</div>"
    )
