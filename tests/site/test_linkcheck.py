"""`make linkcheck` lists every external address the site links to with its status, names the pages
that link to a broken one, and says plainly when there is no network at all (as in CI)."""

from __future__ import annotations

import functools
import http.server
import io
import threading

import pytest

from cohesion_guide.site import linkcheck


class _Answers(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(404 if self.path == "/gone" else 200)
        self.end_headers()

    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


def site_linking(tmp_path, *urls):
    (tmp_path / "index.html").write_text("".join(f'<a href="{u}">x</a>' for u in urls) + '<a href="mailto:a@b">m</a>')
    (tmp_path / "duty").mkdir()
    (tmp_path / "duty" / "index.html").write_text(f'<a href="{urls[0]}">again</a><a href="../">home</a>')
    return tmp_path


def test_each_address_is_listed_with_its_status_and_a_broken_one_with_its_pages(tmp_path, server):
    site = site_linking(tmp_path, f"{server}/fine", f"{server}/gone", f"{server}/no-head")
    assert linkcheck.external_links(site) == {
        f"{server}/fine": ["duty/index.html", "index.html"],
        f"{server}/gone": ["index.html"],
        f"{server}/no-head": ["index.html"],
    }
    out = io.StringIO()
    assert linkcheck.check(site, out=out) == 1
    report = out.getvalue()
    assert f" 200  {server}/fine" in report and f" 200  {server}/no-head" in report  # GET after a refused HEAD
    assert f" 404  {server}/gone" in report and f"- {server}/gone (404) is linked from index.html" in report
    assert "3 external addresses: 2 answered, 1 did not." in report


def test_no_network_at_all_is_said_plainly_and_fails(tmp_path):
    site = site_linking(tmp_path, "https://www.gov.uk/a", "https://www.legislation.gov.uk/b")
    out = io.StringIO()
    unreachable = functools.partial(lambda url: linkcheck.Answer(url, None, "Name or service not known"))
    assert linkcheck.check(site, asker=unreachable, out=out) == 1
    assert "None of them could be reached: this machine probably has no internet connection" in out.getvalue()
    assert "Traceback" not in out.getvalue()


def test_a_missing_site_says_to_build_it(tmp_path):
    out = io.StringIO()
    assert linkcheck.check(tmp_path / "site", out=out) == 1
    assert "build it first with `make site`" in out.getvalue()
