"""`make serve`: the generated pages written into docs/, then `mkdocs serve`, and the pages written
again whenever what they are made from changes.

This is the one watcher of the schools' data: a save to a profile, audit, case study, template or
local.yml rewrites the pages it touches in docs/ (generate.py writes only what changed), then tells
MkDocs to rebuild, which reuses every unchanged page (macros/reuse.py). MkDocs watches docs/ and
the theme itself. An edit to the engine or the macros restarts MkDocs, so the code it runs is the
code on disk. Each step runs in a new process, so an edit to the engine is used at once.
"""

from __future__ import annotations

import functools
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from cohesion_guide.files import SOURCES, stamp_files
from cohesion_guide.site.build import die_with_parent

# What the generated pages and the guide's macros are made from, and the code that makes them.
DATA = (*SOURCES, "overrides")  # the theme's overrides too: MkDocs does not watch them by itself
CODE = ("cohesion_guide", "macros")
POLL = 0.5  # seconds between looks: a stat of each file, no extra dependency
# Touched after each rewrite: MkDocs, told by macros/hooks.py to watch this file (and not the data
# folders) when SERVE_ENV is set, then rebuilds once, with the new pages already in docs/.
TRIGGER = Path(".cache") / "serve-rebuild"
SERVE_ENV = "COHESION_SERVE_TRIGGER"


DEFAULT_ADDRESS = "127.0.0.1:8000"


def dev_address(argv: list[str]) -> tuple[str, int]:
    """The host and port `mkdocs serve` is asked to use (--dev-addr, or -a), as MkDocs reads them."""
    address = DEFAULT_ADDRESS
    for index, arg in enumerate(argv):
        if arg in ("--dev-addr", "-a") and index + 1 < len(argv):
            address = argv[index + 1]
        elif arg.startswith("--dev-addr="):
            address = arg.split("=", 1)[1]
    host, _, port = address.rpartition(":")
    return host or "127.0.0.1", int(port)


def port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def generate(project: Path) -> int:
    return subprocess.run([sys.executable, "-m", "cohesion_guide.site.generate"], cwd=project).returncode


def start(project: Path, argv: list[str]) -> subprocess.Popen:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, SERVE_ENV: str(project / TRIGGER)}
    return subprocess.Popen(
        [str(mkdocs), "serve", "--strict", *argv],
        cwd=project,
        env=env,
        preexec_fn=functools.partial(die_with_parent, os.getpid()),
    )


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        server.wait()


def main(argv: list[str] | None = None) -> int:
    project = Path.cwd()
    argv = list(argv or [])
    # a stop from outside (an editor's stop button sends SIGTERM) stops MkDocs too, freeing its port
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    host, port = dev_address(argv)
    if port_taken(host, port):  # say so in words, before any work, not in MkDocs' traceback
        print(
            f"Port {port} on {host} is already in use, perhaps by another `make serve`. Stop that one, or serve "
            f"on another port, for example: make serve PORT={port + 1}",
            file=sys.stderr,
        )
        return 2
    if generate(project) != 0:
        return 1
    (project / TRIGGER).parent.mkdir(parents=True, exist_ok=True)
    (project / TRIGGER).touch()
    server = start(project, argv)
    try:
        data, code = stamp_files(project, DATA), stamp_files(project, CODE)
        while server.poll() is None:
            time.sleep(POLL)
            new_data, new_code = stamp_files(project, DATA), stamp_files(project, CODE)
            if new_data == data and new_code == code:
                continue
            data, restart, code = new_data, new_code != code, new_code
            generate(project)  # a broken profile prints its error; the last good pages stay
            if restart:
                print("The engine or the macros changed: restarting the server.", file=sys.stderr, flush=True)
                stop(server)
                server = start(project, argv)
            else:
                (project / TRIGGER).touch()
        return server.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        stop(server)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main(sys.argv[1:]))
