"""Page source and macro for the policy builder (docs/make-a-policy/): Pyodide, the engine's zip and the
school finder (alphagov's accessible-autocomplete) served from the site itself, the questions worked out
from the schema, a blank profile for those without JavaScript, and the schools' profiles to start from.
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path

import yaml

from cohesion_guide import CHECKOUT
from cohesion_guide.builder import calls as builder_calls
from cohesion_guide.builder.bundle import engine_bundle
from cohesion_guide.builder.questions import question_pages, with_local_settings
from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.files import atomic_path
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import profile_paths
from cohesion_guide.inputs.scaffold import scaffold
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.site.generated import GeneratedFile, SiteContext

SECTION = "make-a-policy"  # where the builder's page is: docs/make-a-policy/index.md
CACHE = Path(".cache") / "builder"
# Of Pyodide's npm package, what a browser needs to run Python (its packages are never loaded).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# The worker that runs the engine, and makes the copy of its memory a warm start begins from.
WORKER = Path("overrides") / "assets" / "javascripts" / "builder-worker.js"
BLANK_PROFILE = "my-school.yml"
SCHOOLS_LIST = "schools.json"  # fetched only when a school looks itself up: the page itself stays as light
AUTOCOMPLETE_FILES = ("accessible-autocomplete.min.js", "accessible-autocomplete.min.css")


def pyodide_folder(project_dir: Path) -> Path:
    """node_modules/pyodide of the project, or of the guide this engine came with; `make` installs it."""
    for root in (Path(project_dir), CHECKOUT):
        if root is None:
            continue
        folder = root / "node_modules" / "pyodide"
        if all((folder / name).is_file() for name in PYODIDE_FILES):
            return folder
    raise InvalidFile(
        [
            Problem(
                "node_modules/pyodide",
                1,
                "(the folder)",
                "is missing, and the policy builder needs it to run the guide's Python in the browser. "
                "Run `make site` (or `npm ci` in the project's folder) and build again",
            )
        ]
    )


def pyodide_version(folder: Path) -> str:
    return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]


def autocomplete_folder(project_dir: Path) -> Path:
    """node_modules/accessible-autocomplete/dist of the project, or of the guide this engine came with."""
    for root in (Path(project_dir), CHECKOUT):
        if root is None:
            continue
        folder = root / "node_modules" / "accessible-autocomplete" / "dist"
        if all((folder / name).is_file() for name in AUTOCOMPLETE_FILES):
            return folder
    raise InvalidFile(
        [
            Problem(
                "node_modules/accessible-autocomplete",
                1,
                "(the folder)",
                "is missing, and the policy builder needs it for a school to find itself by name. "
                "Run `make site` (or `npm ci` in the project's folder) and build again",
            )
        ]
    )


def autocomplete_path(project_dir: Path) -> str:
    """Where the site serves it, by its version (package-lock.json), so a browser's copy is never stale."""
    package = autocomplete_folder(project_dir).parent / "package.json"
    return f"accessible-autocomplete/{json.loads(package.read_text(encoding='utf-8'))['version']}/"


def pages(context: SiteContext) -> list[GeneratedFile]:
    """The builder's files: Pyodide, the engine's zip, the blank profile, and the schools to start from."""
    project = context.project_dir
    cache = project / CACHE
    cache.mkdir(parents=True, exist_ok=True)
    folder = pyodide_folder(project)
    version = pyodide_version(folder)
    files = [GeneratedFile(f"{SECTION}/pyodide/{version}/{name}", folder / name) for name in PYODIDE_FILES]
    finder = autocomplete_folder(project)
    files += [
        GeneratedFile(f"{SECTION}/{autocomplete_path(project)}{name}", finder / name) for name in AUTOCOMPLETE_FILES
    ]
    engine = engine_bundle(project, cache)
    files.append(GeneratedFile(f"{SECTION}/{engine.name}", engine))
    blank = _write(cache / BLANK_PROFILE, scaffold({}, BLANK_PROFILE))
    files.append(GeneratedFile(f"{SECTION}/{BLANK_PROFILE}", blank))
    schools = []
    for path in profile_paths(project / "schools"):
        files.append(GeneratedFile(f"{SECTION}/schools/{path.name}", path))
        schools.append(_school_entry(path))
    schools.sort(key=lambda s: (s["name"].casefold(), s["slug"]))
    listed = _write(cache / SCHOOLS_LIST, json.dumps(schools, ensure_ascii=False))
    files.append(GeneratedFile(f"{SECTION}/{SCHOOLS_LIST}", listed))
    return files


def builder_html(project_dir: Path) -> str:
    """The builder's place on its page: what it needs to start, and what to do without JavaScript."""
    setup = {
        **engine_setup(project_dir, builder_calls.__name__),
        "schools": SCHOOLS_LIST,
        "autocomplete": autocomplete_path(project_dir),
        "blank": BLANK_PROFILE,
        "pages": with_local_settings(question_pages(schema("profile")), load_local(project_dir, required=False)),
    }
    # </ cannot end the script early: JSON allows <\/ for it.
    data = json.dumps(setup, ensure_ascii=False).replace("</", "<\\/")
    return (
        '<div id="cc-builder" class="cc-builder" markdown="0">'
        '<div class="cc-builder__nojs">'
        "<h2>This needs JavaScript</h2>"
        "<p>The questions run in your browser, and your browser has JavaScript turned off or blocked. "
        "You can still make your school's policy:</p><ol>"
        f'<li><a href="{escape(BLANK_PROFILE)}" download>Download a blank profile (YAML text file)</a>. '
        "Each field has a comment saying what it is and what is allowed.</li>"
        "<li>Fill it in with a text editor, and rename it after your school, for example hillside-primary.yml.</li>"
        "<li>Send it to your local authority, or make the policy yourself with the guide's command line: "
        "<code>cohesion validate hillside-primary.yml</code> then <code>cohesion policy hillside-primary.yml</code> "
        '(see <a href="../policies/#1-describe-your-school">Write your school\'s policy</a>).</li></ol>'
        "</div>"
        f'<script type="application/json" id="cc-builder-setup">{data}</script>'
        "</div>"
    )


def engine_setup(project_dir: Path, module: str, files: str = "") -> dict[str, str]:
    """What a builder's page tells the worker (builder-worker.js) to start the engine: where Pyodide and
    the engine's zip are (`files`: the way from the page to this section's files, "" on its own page),
    the calls module to run, and the name of the copy of the engine's memory that gives a warm start.
    A second builder on the same engine passes its own module, and gets its own copy."""
    project_dir = Path(project_dir)
    version = pyodide_version(pyodide_folder(project_dir))
    engine = engine_bundle(project_dir, project_dir / CACHE)
    return {
        "pyodide": f"{files}pyodide/{version}/",
        "engine": f"{files}{engine.name}",
        "module": module,
        "snapshot": snapshot_name(project_dir, engine.name, version, module),
    }


def snapshot_name(project_dir: Path, engine: str, pyodide: str, module: str) -> str:
    """The name under which a browser keeps the copy of the engine's memory it starts from on a later visit
    (builder-worker.js): a digest of everything the copy is made from, the engine's zip (named by its own
    digest), Pyodide's version, the calls module and the worker, so that a change to any of them makes
    the browser start afresh and keep a new copy."""
    worker = next((root / WORKER for root in (Path(project_dir), CHECKOUT) if root and (root / WORKER).is_file()), None)
    parts = [engine, pyodide, module, worker.read_text(encoding="utf-8") if worker else ""]
    return "engine-snapshot-" + hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _school_entry(path: Path) -> dict[str, str]:
    """How a school is found: its profile's file name (without .yml), its name, town and URN, as its
    profile gives them (the schools section checks the profile itself)."""
    entry = {"slug": path.stem, "name": path.stem, "town": "", "urn": ""}
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError):
        return entry
    school = data.get("school") if isinstance(data, dict) and isinstance(data.get("school"), dict) else {}
    location = data.get("location") if isinstance(data, dict) and isinstance(data.get("location"), dict) else {}
    for key, value in (("name", school.get("name")), ("town", location.get("town")), ("urn", school.get("urn"))):
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            entry[key] = str(value)
    return entry


def _write(path: Path, text: str) -> Path:
    """Write `text` to `path` unless it holds it already (a rebuild then copies nothing new)."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        with atomic_path(path) as tmp:  # the one way to write: a killed build's leftover is cleared next time
            tmp.write_text(text, encoding="utf-8")
    return path
