"""`make linkcheck`: every external address the built site links to, with the status it answers.

    python -m cohesion_guide.site.linkcheck [site]     (make linkcheck builds the site first)

It needs the internet, so it is not part of `make test` or CI: run it before a release, or when a
page is reviewed. An address that answers 2xx or 3xx is fine; anything else, or no answer, is listed
with the pages that link to it, and the command exits with status 1. Without a network every
address fails to connect, and the command says that is the likely reason rather than listing each
as broken.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

TIMEOUT = 20  # seconds for one address
WORKERS = 8
AGENT = "community-cohesion-guide-linkcheck (+make linkcheck)"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                self.found.add(href)


def external_links(site: Path) -> dict[str, list[str]]:
    """Each external address the site's pages link to, with the pages (paths under the site) that do."""
    used: dict[str, list[str]] = {}
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8", errors="replace"))
        for url in parser.found:
            used.setdefault(url, []).append(rel)
    return dict(sorted(used.items()))


@dataclass(frozen=True)
class Answer:
    url: str
    status: int | None  # the HTTP status, or None when the address could not be reached
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


def ask(url: str, timeout: float = TIMEOUT) -> Answer:
    """HEAD first (cheap); GET when a server refuses HEAD."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Answer(url, response.status)
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (403, 405, 501):
                continue
            return Answer(url, err.code, err.reason if isinstance(err.reason, str) else "")
        except (urllib.error.URLError, OSError, ValueError) as err:
            reason = getattr(err, "reason", err)
            return Answer(url, None, str(reason))
    return Answer(url, None, "no answer")


def check(site: Path, asker: Callable[[str], Answer] = ask, out=sys.stdout) -> int:
    """Print each address's status; 0 when every one answered well, 1 otherwise."""
    if not (site / "index.html").is_file():
        print(f"There is no built site in {site}/: build it first with `make site`.", file=out)
        return 1
    used = external_links(site)
    with ThreadPoolExecutor(WORKERS) as pool:
        answers = list(pool.map(asker, used))
    for answer in answers:
        shown = str(answer.status) if answer.status is not None else "---"
        note = f"  ({answer.note})" if answer.note and not answer.ok else ""
        print(f"{shown:>4}  {answer.url}{note}", file=out)
    failed = [a for a in answers if not a.ok]
    unreached = [a for a in failed if a.status is None]
    print(
        f"\n{len(answers)} external addresses: {len(answers) - len(failed)} answered, {len(failed)} did not.", file=out
    )
    if answers and len(unreached) == len(answers):
        print(
            "None of them could be reached: this machine probably has no internet connection. "
            "Run `make linkcheck` where the network is allowed.",
            file=out,
        )
        return 1
    for answer in failed:
        pages = used[answer.url]
        print(
            f"- {answer.url} ({answer.status or answer.note}) is linked from {', '.join(pages[:5])}"
            + (f" and {len(pages) - 5} more" if len(pages) > 5 else ""),
            file=out,
        )
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    return check(Path(args[0] if args else "site"))


if __name__ == "__main__":
    sys.exit(main())
