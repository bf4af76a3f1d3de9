"""MkDocs event handlers that never convert an unchanged page twice.

A page's finished HTML, its converted Markdown and its search entries are kept in .cache/pages/,
each under a key of everything it is made from. A later build that finds the same key takes the
kept result instead of doing the work again, so a rebuild of 600 schools' pages with one profile
changed converts and templates that school's pages only. What a build writes is byte-identical
to a build without this file (tests/site/test_reuse.py builds both ways and compares every byte).

Two stages, because a page's HTML shows the navigation, which is known only once every page is read:

1. Conversion (Markdown to HTML), keyed on the page's Markdown after the macros ran, its front
   matter, the site's settings (mkdocs.yml, local.yml, the site's address), the code (engine,
   macros, theme and Markdown versions) and every link it resolved: each path it looked up must
   still lead to the same page, or to nothing, for the kept HTML to be used. A kept conversion also
   gives back the page's anchors and links to anchors, so MkDocs still checks them.
2. The page itself (theme template), keyed on the first key and the navigation, the page's place
   in it, its title, front matter and the theme's files. Its search entries are keyed on what the
   search plugin reads: the HTML, the address, the title and the front matter.

A page that logged a warning is never kept: the next build converts it again and warns again, so
`--strict` still fails on a broken link.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from importlib import metadata
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

from cohesion_guide.files import atomic_path

STORE = Path(".cache") / "pages"
TEMPLATE = "cohesion-reused.html"  # a template of one variable: the page's kept HTML
PACKAGES = (
    "mkdocs",
    "properdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "mkdocs-macros-plugin",
)
CODE = ("cohesion_guide", "macros", "overrides")  # folders whose every file a page may depend on

_state: dict = {}


def _digest(*parts) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def _versions() -> str:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return ", ".join(found)


def _tree(root: Path) -> str:
    """A digest of every file under `root` (or of the file itself), names and contents."""
    hashed = hashlib.sha256()
    paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for path in paths:
        if "__pycache__" in path.parts:
            continue
        hashed.update(path.relative_to(root.parent).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()


class _Warnings(logging.Handler):
    """Notes each page that logged a warning while it was made: such a page is not kept."""

    def __init__(self, config):
        super().__init__(logging.WARNING)
        self.config = config

    def emit(self, record):
        page = getattr(self.config, "_current_page", None)
        if page is not None:
            _state["warned"].add(page.file.src_uri)


@event_priority(-100)  # after every other handler has settled the configuration
def on_config(config):
    project = Path(config.config_file_path).resolve().parent
    settings = [
        (project / name).read_bytes() if (project / name).is_file() else b"" for name in ("mkdocs.yml", "local.yml")
    ]
    code = [_tree(project / name) for name in CODE if (project / name).exists()]
    site = _digest(type(config).__module__, _versions(), config.site_url, config.use_directory_urls, *settings, *code)
    old = _state.get("handler")
    if old is not None:
        logging.getLogger("mkdocs").removeHandler(old)
    handler = _Warnings(config)
    logging.getLogger("mkdocs").addHandler(handler)  # MkDocs', the plugins' and the hooks' loggers end here
    _state.clear()
    _state.update(
        store=project / STORE, site=site, handler=handler, warned=set(), entries={}, lookups=None, counts=[0, 0]
    )
    return config


@event_priority(-100)
def on_files(files, config):
    """Note the paths a page's conversion looks up, and what they lead to (see `_valid`)."""
    find = files.get_file_from_path

    def recording(path):
        found = find(path)
        if _state["lookups"] is not None:
            _state["lookups"][path] = _target(found)
        return found

    files.get_file_from_path = recording
    _state["files"] = files
    return files


def _target(file) -> tuple | None:
    return None if file is None else (file.src_uri, file.url, str(file.inclusion))


def _path(site_url: str | None, src_uri: str) -> Path:
    name = _digest(site_url or "", src_uri)
    return _state["store"] / name[:2] / f"{name}.pickle"


def _load(page, config) -> dict:
    try:
        with open(_path(config.site_url, page.file.src_uri), "rb") as handle:
            entry = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return {}
    return entry if isinstance(entry, dict) else {}


def _valid(entry: dict) -> bool:
    """Every path the kept conversion looked up leads where it did then."""
    find = _state["files"].get_file_from_path
    lookups = _state["lookups"]
    _state["lookups"] = None  # these lookups are not the page's own
    try:
        return all(_target(find(path)) == target for path, target in entry["lookups"].items())
    finally:
        _state["lookups"] = lookups


@event_priority(-100)  # after the macros and the project's hooks: the key is the Markdown MkDocs converts
def on_page_markdown(markdown, page, config, files):
    key = _digest(_state["site"], page.file.src_uri, page.url, _json(page.meta), markdown)
    entry = _load(page, config)
    entry["page"] = page.file.src_uri
    _state["entries"][page.file.src_uri] = entry
    if entry.get("content_key") == key and _valid(entry):
        render = entry["render"]
        page.render = lambda config, files: _restore(page, render, files)
        _state["counts"][0] += 1
    else:
        for stale in ("render", "search_key", "search", "kept_search_key", "output_key", "output", "kept_output_key"):
            entry.pop(stale, None)
        entry.update(content_key=key, lookups={})
        _state["lookups"] = entry["lookups"]  # recording until the conversion ends (on_page_content)
        _state["counts"][1] += 1
    return markdown


def _restore(page, render: dict, files) -> None:
    page.content, page.toc, page._title_from_render = render["content"], render["toc"], render["title"]
    page.present_anchor_ids = set(render["anchors"])
    page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in render["links"].items()}


@event_priority(100)  # the conversion has just ended: before any handler changes the HTML
def on_page_content(html, page, config, files):
    entry = _state["entries"][page.file.src_uri]
    if "render" not in entry:
        _state["lookups"] = None
        links = page.links_to_anchors or {}
        entry["render"] = {
            "content": html,
            "toc": page.toc,
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {file.src_uri: dict(found) for file, found in links.items()},
        }
        entry["dirty"] = True
    return html


@event_priority(-100)  # every page is read and converted: the navigation is known
def on_env(env, config, files):
    nav = _digest(_json(_nav(_state.get("nav"))))
    theme = _digest(*(str(d) for d in config.theme.dirs), _state["site"])
    for file in files.documentation_pages():
        page = file.page
        entry = _state["entries"].get(file.src_uri)
        if page is None or entry is None:
            continue
        entry["search_key"] = _digest(entry["content_key"], page.url, page.title, _json(page.meta))
        entry["output_key"] = _digest(
            theme,
            nav,
            entry["search_key"],
            _json(
                [
                    [p.title, getattr(p, "url", None)] if p else None
                    for p in (page.previous_page, page.next_page, page.parent)
                ]
            ),
            _json([a.title for a in page.ancestors]),
            page.canonical_url,
            page.edit_url,
            page.is_homepage,
        )
        if entry.get("kept_output_key") == entry["output_key"] and "template" not in page.meta:
            page.meta["template"] = TEMPLATE
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: "{{ cohesion_reused_html }}"}), env.loader])
    # the theme's templates compiled once, not in every build (Jinja checks each against its source)
    templates = _state["store"].parent / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(templates))
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context"):
            _keep_search_entries(index)
    return env


def on_nav(nav, config, files):
    _state["nav"] = nav
    return nav


def _nav(nav) -> list:
    def item(node):
        children = getattr(node, "children", None) or []
        return [type(node).__name__, node.title, getattr(node, "url", None), [item(c) for c in children]]

    return [item(node) for node in nav.items] if nav is not None else []


def _keep_search_entries(index) -> None:
    """The search plugin's index takes a page's kept entries instead of reading its HTML again."""
    add = index.add_entry_from_context
    if getattr(add, "cohesion_reuse", False):
        return

    def adding(page):
        entry = _state["entries"].get(page.file.src_uri, {})
        if entry.get("kept_search_key") and entry.get("kept_search_key") == entry.get("search_key"):
            index.entries.extend(entry["search"])
            return
        before = len(index.entries)
        add(page)
        entry["search"] = index.entries[before:]
        entry["kept_search_key"] = entry.get("search_key")
        entry["dirty"] = True

    adding.cohesion_reuse = True
    index.add_entry_from_context = adding


@event_priority(100)
def on_page_context(context, page, config, nav):
    entry = _state["entries"].get(page.file.src_uri, {})
    if page.meta.get("template") == TEMPLATE:
        context["cohesion_reused_html"] = entry["output"]
    return context


@event_priority(-100)  # the page as MkDocs writes it, after every other handler
def on_post_page(output, page, config):
    entry = _state["entries"].get(page.file.src_uri)
    if entry is None:
        return output
    if page.meta.get("template") == TEMPLATE:
        del page.meta["template"]
    elif entry.get("kept_output_key") != entry.get("output_key"):
        entry.update(output=output, kept_output_key=entry["output_key"], dirty=True)
    if entry.pop("dirty", False) and page.file.src_uri not in _state["warned"]:
        path = _path(config.site_url, page.file.src_uri)
        with atomic_path(path) as tmp:
            with open(tmp, "wb") as handle:
                pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
    _state["entries"][page.file.src_uri] = {}  # kept on disk now: free the memory
    return output


def on_post_build(config):
    reused, converted = _state["counts"]
    logging.getLogger("mkdocs.hooks.reuse").info("Pages: %d reused, %d converted (.cache/pages).", reused, converted)
    logging.getLogger("mkdocs").removeHandler(_state.pop("handler"))


def on_build_error(error):
    handler = _state.pop("handler", None)
    if handler is not None:
        logging.getLogger("mkdocs").removeHandler(handler)
