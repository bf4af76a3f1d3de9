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

In `mkdocs build`, the generated pages that must be converted (a cold build: every school's pages)
are converted on every core before MkDocs reads them one by one (`_convert_on_every_core`): the
same conversion, in forked copies of this process, and kept as a conversion would be. A page whose
conversion logged anything is left for MkDocs to convert again here, where its warning counts.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import pickle
import re
import threading
from importlib import metadata
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority

from cohesion_guide.files import atomic_path
from cohesion_guide.generated_record import generated_files
from cohesion_guide.site.build import cores, die_with_parent
from cohesion_guide.site.generated import GENERATED_BY

STORE = Path(".cache") / "pages"
TEMPLATE = "cohesion-reused.html"  # a template of one variable: the page's kept HTML
CODE = ("cohesion_guide", "macros")  # the code this process runs: hashed once, as it was loaded
THEME = ("overrides",)  # read again by every build
INHERIT = re.compile(r"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)
_loaded: dict = {}  # what this process runs: its code and its installed packages, worked out once

_state: dict = {}
_parallel = {"allowed": False}  # set by on_startup: `mkdocs build` only (serve has threads: no fork)
PARALLEL_FROM = 40  # fewer pages to convert than this, and starting processes costs more than it saves


def _digest(*parts) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def _loaded_digest(project: Path) -> str:
    """The installed packages (every one, with its version) and the engine's and macros' code, read
    once per process: a long `mkdocs serve` keeps running the code it loaded, so its pages are kept
    under that code's key, not under the key of an edit it has not loaded (site/serve.py restarts it)."""
    if project not in _loaded:
        packages = sorted(f"{d.metadata['Name']} {d.version}" for d in metadata.distributions())
        _loaded[project] = _digest(*packages, *(_tree(project / name) for name in CODE if (project / name).exists()))
    return _loaded[project]


def _settings(config) -> list[bytes]:
    """The configuration file, the ones it inherits from, and local.yml, as bytes."""
    found, path = [], Path(config.config_file_path).resolve()
    while path.is_file() and path not in [p for p, _ in found]:
        text = path.read_bytes()
        found.append((path, text))
        parent = INHERIT.search(text.decode("utf-8", "replace"))
        if not parent:
            break
        path = (path.parent / parent.group(1).strip()).resolve()
    local = Path(config.config_file_path).resolve().parent / "local.yml"
    return [text for _, text in found] + [local.read_bytes() if local.is_file() else b""]


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


def on_startup(command, dirty):
    _parallel["allowed"] = command == "build" and hasattr(os, "fork")


@event_priority(-100)  # after every other handler has settled the configuration
def on_config(config):
    project = Path(config.config_file_path).resolve().parent
    # how much MkDocs logs decides which warnings a page's conversion can show (-q hides them, and
    # -v keeps no links to anchors): a page is reused only by builds that would log as this one does
    levels = [logging.getLogger(name).getEffectiveLevel() for name in ("mkdocs", "mkdocs.structure.pages")]
    site = _digest(
        type(config).__module__,
        _loaded_digest(project),
        config.site_url,
        config.use_directory_urls,
        levels,
        *_settings(config),
    )
    old = _state.get("handler")
    if old is not None:
        logging.getLogger("mkdocs").removeHandler(old)
    handler = _Warnings(config)
    logging.getLogger("mkdocs").addHandler(handler)  # MkDocs', the plugins' and the hooks' loggers end here
    _state.clear()
    _state.update(
        store=project / STORE,
        # the theme's overrides shape the finished page, not the conversion: in the page's key only
        theme=[_tree(project / name) for name in THEME if (project / name).exists()],
        site=site,
        handler=handler,
        warned=set(),
        entries={},
        loaded={},  # store entries already read this build (by _convert_on_every_core)
        lookups=None,
        counts=[0, 0],
        config=config,
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
    # The generated downloads (600 schools: some 250 MB) are linked into the site, not copied: the
    # same bytes, written once. Safe because generate.py replaces a file by renaming a new one onto it,
    # so the site's link keeps the old file, and never writes into one in place.
    made = generated_files(Path(config.config_file_path).resolve().parent)
    for file in files:
        if not file.is_documentation_page() and file.src_uri in made and file.abs_src_path:
            file.copy_file = functools.partial(_link_or_copy, file)
    return files


def _link_or_copy(file, dirty: bool = False) -> None:
    dest = file.abs_dest_path
    try:
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        if os.path.lexists(dest):
            os.unlink(dest)
        os.link(file.abs_src_path, dest)
    except OSError:  # another file system, or links not allowed: the usual copy
        type(file).copy_file(file, dirty)


def _target(file) -> tuple | None:
    return None if file is None else (file.src_uri, file.url, str(file.inclusion))


def _path(site_url: str | None, src_uri: str) -> Path:
    name = _digest(site_url or "", src_uri)
    return _state["store"] / name[:2] / f"{name}.pickle"


def _load(page, config) -> dict:
    try:
        with open(_path(config.site_url, page.file.src_uri), "rb") as handle:
            entry = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a kept page that cannot be read is converted again
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
    key = _content_key(page, markdown)
    prepared = _state.get("prepared", {}).pop(page.file.src_uri, None)  # converted in this build, on every core
    entry = prepared or _state["loaded"].pop(page.file.src_uri, None) or _load(page, config)
    entry["page"] = page.file.src_uri
    _state["entries"][page.file.src_uri] = entry
    if entry.get("content_key") == key and _valid(entry):
        render = entry["render"]
        page.render = lambda config, files: _restore(page, render, files)
        _state["counts"][0 if prepared is None else 1] += 1
    else:
        for stale in ("render", "search_key", "search", "kept_search_key", "output_key", "output", "kept_output_key"):
            entry.pop(stale, None)
        entry.update(content_key=key, lookups={})
        _state["lookups"] = entry["lookups"]  # recording until the conversion ends (on_page_content)
        _state["counts"][1] += 1
    return markdown


def _content_key(page, markdown: str) -> str:
    return _digest(_state["site"], page.file.src_uri, page.url, _json(page.meta), markdown)


def _restore(page, render: dict, files) -> None:
    page.content, page.toc, page._title_from_render = render["content"], render["toc"], render["title"]
    page.present_anchor_ids = set(render["anchors"])
    page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in render["links"].items()}


@event_priority(100)  # the conversion has just ended: before any handler changes the HTML
def on_page_content(html, page, config, files):
    entry = _state["entries"][page.file.src_uri]
    if "render" not in entry:
        _state["lookups"] = None
        entry["render"] = _captured(page, html)
        entry["dirty"] = True
    return html


def _captured(page, html: str) -> dict:
    """What a conversion gives a page (Page.render), to keep: `_restore` gives it back."""
    links = page.links_to_anchors or {}
    return {
        "content": html,
        "toc": page.toc,
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {file.src_uri: dict(found) for file, found in links.items()},
    }


def _search_key(entry: dict, page) -> str:
    return _digest(entry["content_key"], page.url, page.title, _json(page.meta))


@event_priority(-100)  # every page is read and converted: the navigation is known
def on_env(env, config, files):
    nav = _digest(_json(_nav(_state.get("nav"))))
    theme = _digest(*(str(d) for d in config.theme.dirs), *_state["theme"], _state["site"])
    for file in files.documentation_pages():
        page = file.page
        entry = _state["entries"].get(file.src_uri)
        if page is None or entry is None:
            continue
        entry["search_key"] = _search_key(entry, page)
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


@event_priority(-100)
def on_nav(nav, config, files):
    _state["nav"] = nav
    if _parallel["allowed"] and cores() > 1 and threading.active_count() == 1:  # never fork beside threads
        _convert_on_every_core(config, files)
    return nav


def _convert_on_every_core(config, files) -> None:
    """Convert the generated pages missing from the store in forked workers, one per core."""
    from mkdocs.structure.pages import Page

    missing = []
    for file in files.documentation_pages():
        page = file.page if file.page is not None else Page(None, file, config)
        page.read_source(config)
        # generated pages: their Markdown is what MkDocs converts (no macros; the hooks change nothing)
        if page.meta.get(GENERATED_BY) and page.meta.get("render_macros") is False:
            entry = _state["loaded"][file.src_uri] = _load(page, config)  # read once: on_page_markdown takes it
            if entry.get("content_key") != _content_key(page, page.markdown):
                missing.append(page)
    if len(missing) < PARALLEL_FROM:
        return
    _state["converting"] = missing
    try:
        done = _fork_map(_convert, len(missing), cores())
    except Exception as err:  # noqa: BLE001 - any failure here only means MkDocs converts them itself
        logging.getLogger("mkdocs.hooks.reuse").info("Converting on every core failed (%s); one by one instead.", err)
        return
    finally:
        _state.pop("converting", None)
    _state["prepared"] = {page.file.src_uri: entry for page, entry in zip(missing, done, strict=True) if entry}
    _state["on_every_core"] = len(_state["prepared"])


def _fork_map(fn, count: int, workers: int) -> list:
    """[fn(0), ..., fn(count - 1)], worked out in `workers` forked copies of this process (which have
    everything fn needs already: nothing is sent to them), each taking every n-th item; their results
    come back through files in the store."""
    folder = _state["store"]
    folder.mkdir(parents=True, exist_ok=True)
    children = {}
    for worker in range(workers):
        out = folder / f".worker-{os.getpid()}-{worker}.pickle"
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the worker: never returns into MkDocs
            status = 1
            try:
                die_with_parent(parent)  # a build that is killed takes its workers with it
                results = {i: fn(i) for i in range(worker, count, workers)}
                with open(out, "wb") as handle:
                    pickle.dump(results, handle, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        children[pid] = out
    found: dict[int, object] = {}
    failed = []
    for pid, out in children.items():
        _, status = os.waitpid(pid, 0)
        try:
            if status == 0:
                with open(out, "rb") as handle:
                    found.update(pickle.load(handle))
            else:
                failed.append(pid)
        finally:
            out.unlink(missing_ok=True)
    if failed:
        raise RuntimeError(f"{len(failed)} worker(s) stopped before they finished")
    return [found[i] for i in range(count)]


def _convert(index: int) -> dict | None:
    """In a worker: one page converted as MkDocs would, with its search entries; None if it logged anything."""
    page, config, files = _state["converting"][index], _state["config"], _state["files"]
    captured = []
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers = [_Capture(captured)]  # this worker's copy: nothing printed, nothing counted
    entry = {"content_key": _content_key(page, page.markdown), "lookups": {}, "page": page.file.src_uri}
    _state["entries"][page.file.src_uri] = entry
    _state["lookups"] = entry["lookups"]
    page.render(config, files)
    _state["lookups"] = None
    entry["render"] = _captured(page, page.content)
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    for plugin in config.plugins.values():  # the search index's entries, from a copy of the index
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context"):
            index.entries = []
            index.add_entry_from_context(page)
            entry["search"] = index.entries
            entry["search_key"] = entry["kept_search_key"] = _search_key(entry, page)
    entry["dirty"] = True
    return None if captured else entry


class _Capture(logging.Handler):
    def __init__(self, records: list):
        super().__init__(logging.INFO)
        self.records = records

    def emit(self, record):
        if record.levelno >= logging.WARNING:
            self.records.append(record.getMessage())


def _nav(nav) -> list:
    def item(node):
        children = getattr(node, "children", None) or []
        meta = getattr(node, "meta", None) or {}  # the theme shows a page's icon, subtitle and status in the nav
        return [type(node).__name__, node.title, getattr(node, "url", None), meta, [item(c) for c in children]]

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
        try:
            with atomic_path(_path(config.site_url, page.file.src_uri)) as tmp:
                with open(tmp, "wb") as handle:
                    pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as err:  # a full disk or a read-only .cache: the page is built, only not kept
            logging.getLogger("mkdocs.hooks.reuse").info(
                "%s was not kept for the next build: %s", page.file.src_uri, err
            )
    _state["entries"][page.file.src_uri] = {}  # kept on disk now: free the memory
    return output


def on_post_build(config):
    reused, converted = _state["counts"]
    on_every_core = _state.get("on_every_core", 0)
    logging.getLogger("mkdocs.hooks.reuse").info(
        "Pages: %d reused, %d converted (%d of them on every core) (.cache/pages).", reused, converted, on_every_core
    )
    logging.getLogger("mkdocs").removeHandler(_state.pop("handler"))


def on_build_error(error):
    handler = _state.pop("handler", None)
    if handler is not None:
        logging.getLogger("mkdocs").removeHandler(handler)
