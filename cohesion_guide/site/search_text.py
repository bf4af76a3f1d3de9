"""What the site's search reads, besides what the reader sees: tables as readable rows, and heading
permalinks that are no Tab stop.

Material's search keeps paragraphs and list items apart but runs a table's cells into one line
("When What happened Source 2011 DfE confirms ..."), so a result's snippet reads as nonsense. Each
table of a guide page is left out of the index and followed by a hidden copy of its rows, one
paragraph a row ("When: 2011. What happened: DfE confirms ... Source: DfE."), which the search
reads; the copy is taken out of the page again once the search has read it (`without_rows`), so
the page a reader gets is as before.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

ROWS_CLASS = "cc-search-rows"
_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
_ROWS = re.compile(rf'<div class="{ROWS_CLASS}" hidden>.*?</div>\n?', re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"(?![^>]*\btabindex=)')
# The search plugin removes data-search-* attributes that have a value once it has read the page.
EXCLUDED = 'data-search-exclude="table"'


class _Cells(HTMLParser):
    """A table's header cells and its rows, each cell as plain text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(re.sub(r"\s+", " ", "".join(self._cell)).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._in_head:
                self.headers = self._row
            elif any(self._row):
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def table_rows(table_html: str) -> list[str]:
    """Each body row of a table as one line of text: "Header: cell. Header: cell."."""
    cells = _Cells()
    cells.feed(table_html)
    cells.close()
    lines = []
    for row in cells.rows:
        parts = []
        for index, cell in enumerate(row):
            if not cell:
                continue
            header = cells.headers[index] if index < len(cells.headers) else ""
            parts.append(_sentence(f"{header}: {cell}" if header else cell))
        lines.append(" ".join(parts))
    return lines


def with_rows(html: str) -> str:
    """Each table left out of the search index, followed by a hidden copy of its rows that is indexed."""

    def one(match: re.Match) -> str:
        table = match.group(0)
        lines = table_rows(table)
        if not lines:
            return table
        marked = table.replace("<table", f"<table {EXCLUDED}", 1)
        paragraphs = "".join(f"<p>{escape(line, quote=False)}</p>" for line in lines)
        return f'{marked}\n<div class="{ROWS_CLASS}" hidden>{paragraphs}</div>\n'

    return _TABLE.sub(one, html)


def without_rows(html: str) -> str:
    """The page as the reader gets it: the rows' copies taken out again (and the mark on each table,
    should the search plugin not have taken it)."""
    return _ROWS.sub("", html).replace(f"<table {EXCLUDED}", "<table")


def quiet_permalinks(html: str) -> str:
    """Heading permalinks stay links (a mouse, a screen reader's list of links) but are no Tab stop:
    a keyboard user tabs from one piece of content to the next, not through every heading's link."""
    return _HEADERLINK.sub('<a class="headerlink" tabindex="-1"', html)
