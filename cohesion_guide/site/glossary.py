"""The glossary page's terms as headings, so that search finds each term as a result of its own.

Material's search cuts a page into sections at its headings only: written as a definition list,
the whole glossary came back as one 5,000-character result. Each term becomes a heading one
level below the heading it sits under (its id kept, so every link to it still works), and its
definition the text of that section.
"""

from __future__ import annotations

import re

PAGE = "glossary.md"
_PARTS = re.compile(r"<h([1-6])\b|<dl>|</dl>|<dt( id=\"[^\"]*\")?>(.*?)</dt>|<dd>|</dd>", re.S)


def terms_as_headings(html: str) -> str:
    """`html` with each <dt> of its definition lists turned into a heading and each <dd> into a
    block of text after it; everything else as it was."""
    out, level, start = [], 1, 0
    for match in _PARTS.finditer(html):
        out.append(html[start : match.start()])
        start = match.end()
        token = match.group(0)
        if match.group(1):
            level = int(match.group(1))
            out.append(token)
        elif token == "<dl>":
            out.append('<div class="cc-glossary">')
        elif token == "</dl>":
            out.append("</div>")
        elif token.startswith("<dt"):
            term_level = min(level + 1, 6)
            out.append(f'<h{term_level}{match.group(2) or ""} class="cc-term">{match.group(3)}</h{term_level}>')
        elif token == "<dd>":
            out.append('<div class="cc-definition">')
        else:
            out.append("</div>")
    out.append(html[start:])
    return "".join(out)
