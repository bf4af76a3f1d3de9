"""`make site`: write the generated pages into docs/, build the site into a new folder and swap it
in whole, one build at a time.

- The generated pages are written first (site/generate.py); if a profile is wrong, nothing is built.
- A lock (.site.lock): a second `make site` says so plainly and waits for the first to finish.
- The build goes into .site.new; only a build that succeeded replaces site/, and the two folders
  are exchanged in one step (files.exchange), so there is never a moment without a site.
- The build (MkDocs) and its workers are killed with this process, even by kill -9 (Linux).
- Folders a killed build left behind (.site.new, .cache's .part folders) are cleared at the start.
"""
from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from cohesion_guide.files import _swap_in
from cohesion_guide.site import generate
from cohesion_guide.site.build import die_with_parent

LOCK = ".site.lock"
NEW = ".site.new"
SITE = "site"


def main(argv: list[str] | None = None) -> int:
    project = Path.cwd()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    with open(project / LOCK, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another `make site` is building the site in this folder; waiting for it to finish...", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(project / NEW, ignore_errors=True)  # a killed build's half-made site
        with generate.lock(project):  # make serve cannot rewrite the pages while this build reads them
            status = generate.main(locked=True)  # says what went wrong, and that site/ was not touched
            if status != 0:
                return status
            build = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", NEW, *(argv or [])],
                                   cwd=project, preexec_fn=functools.partial(die_with_parent, os.getpid()))
        if build.returncode != 0:
            shutil.rmtree(project / NEW, ignore_errors=True)
            print("The build failed, so site/ was left as it was.", file=sys.stderr)
            return build.returncode
        _swap_in(project / NEW, project / SITE)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
