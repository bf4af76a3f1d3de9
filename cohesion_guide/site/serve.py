"""`make serve`: the generated pages written into docs/, then `mkdocs serve`, and the pages written
again whenever the schools' data changes.

MkDocs watches docs/ and the guide's own inputs (macros/hooks.py); this watches what the generated
pages are made from. A save to a profile rewrites that school's pages in docs/ (generate.py writes
only what changed), and MkDocs rebuilds from there, reusing every unchanged page (macros/reuse.py).
The step runs in a new process each time, so an edit to the engine is used at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

# What the generated pages are made from.
SOURCES = ("local.yml", "schools", "audits", "case_studies", "model_policies", "cohesion_guide")
POLL = 0.5  # seconds between looks: a stat of each file, no extra dependency


def snapshot(project: Path, names: Iterable[str] = SOURCES) -> dict[str, tuple[int, int]]:
    """Every file under the watched names, with its size and modification time."""
    seen = {}
    for name in names:
        root = project / name
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed while we looked
                continue
            seen[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return seen


def generate(project: Path) -> int:
    return subprocess.run([sys.executable, "-m", "cohesion_guide.site.generate"], cwd=project).returncode


def main(argv: list[str] | None = None) -> int:
    project = Path.cwd()
    if generate(project) != 0:
        return 1
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen([str(mkdocs), "serve", "--strict", *(argv or [])], cwd=project)
    try:
        before = snapshot(project)
        while server.poll() is None:
            time.sleep(POLL)
            now = snapshot(project)
            if now != before:
                before = now
                generate(project)  # a broken profile prints its error; the last good pages stay
        return server.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main(sys.argv[1:]))
