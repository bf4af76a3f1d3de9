"""HTML from a case study's author, cut down to an allowlist: text, structure and links stay; nothing
that runs, styles the page or loads from another host (issue 15).

A case study's body is Markdown, which may hold raw HTML and attribute lists. MkDocs turns it into
HTML with the rest of the page; `clean` then keeps only the tags and attributes below. A tag not on
the list is dropped but its text kept; a tag that runs or embeds something is dropped with its content.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "nav",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
    }
)
# Dropped with everything inside them: they run code, embed another document, or style the page.
DROPPED = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "template",
        "noscript",
        "svg",
        "math",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "link",
        "meta",
        "base",
        "audio",
        "video",
        "source",
        "track",
        "canvas",
        "picture",
        "portal",
        "dialog",
    }
)
VOID = frozenset({"br", "col", "hr", "img", "input", "link", "meta", "base", "source", "track", "embed"})
ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "alt",
        "title",
        "id",
        "class",
        "colspan",
        "rowspan",
        "scope",
        "open",
        "role",
        "lang",
        "dir",
        "start",
        "reversed",
        "datetime",
        "aria-label",
        "aria-current",
        "aria-hidden",
        "aria-describedby",
        "aria-labelledby",
        "headers",
        "abbr",
    }
)
URL_ATTRIBUTES = frozenset({"href", "src"})
LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # browsers skip these, so "java\tscript:" is javascript:
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def safe_link(url: str) -> bool:
    """A link a reader may follow: within the site, or https, http, mailto or tel."""
    plain = _IGNORED_IN_URLS.sub("", url)
    scheme = _SCHEME.match(plain)
    return scheme.group(1).lower() in LINK_SCHEMES if scheme else True


def local_source(url: str) -> bool:
    """A picture's address within the site: no scheme, no other host (//host or \\\\host)."""
    plain = _IGNORED_IN_URLS.sub("", url).replace("\\", "/")
    return bool(plain) and not _SCHEME.match(plain) and not plain.startswith("//")


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping: list[str] = []  # open tags whose content is dropped

    def handle_starttag(self, tag, attrs, closing: bool = False):
        if self.dropping:
            if tag == self.dropping[-1] and tag not in VOID and not closing:
                self.dropping.append(tag)
            return
        if tag in DROPPED:
            if tag not in VOID and not closing:
                self.dropping.append(tag)
            return
        if tag not in TAGS:
            return
        kept = []
        for name, value in attrs:
            value = value or ""
            if name not in ATTRIBUTES:
                continue  # on*, style, srcset, formaction, data-*, ...
            if name == "href" and not safe_link(value):
                continue
            if name == "src" and not local_source(value):
                continue
            kept.append(f' {name}="{escape(value)}"')
        if tag == "img" and not any(part.startswith(" src=") for part in kept):
            return  # a picture from another host is left out, its text with it
        self.out.append(f"<{tag}{''.join(kept)}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, closing=True)

    def handle_endtag(self, tag):
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in TAGS and tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(escape(data, quote=False))


def clean(html: str) -> str:
    """`html` with only the allowlisted tags and attributes, links that are safe and local pictures."""
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    return "".join(cleaner.out)
