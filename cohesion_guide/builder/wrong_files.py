"""Files uploaded by mistake in place of a school's answers, told apart by what is in them: the policy the
builder made (a Word document, a PDF, its Markdown or its web page), another kind of document, or a
file that is not text at all. Each is named in plain words, never with a YAML parser's.

The browser reads an upload as UTF-8 text, so a binary file arrives with its bytes that are not UTF-8
replaced (U+FFFD); the signatures looked for here (PK, %PDF-, {\\rtf, <html) are plain ASCII and survive.
"""

from __future__ import annotations

import re

UPLOAD_THIS = "Upload the .yml file you downloaded as 'your answers'."
# The first heading of the policy the guide writes (model_policies/policy.md.j2), and its web page's title.
POLICY_TITLE = "Community cohesion policy"
# Where a zip file's members say what kind of Office document it is (their names are stored as plain text).
OFFICE_PARTS = (("word/", "a Word document"), ("xl/", "a spreadsheet"), ("ppt/", "a PowerPoint presentation"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never in a text file (tab and line breaks aside)
_MARKDOWN = re.compile(r"^(#{1,6} \S.*|\|.*\||[-*] \S.*|\d+\. \S.*)$", re.MULTILINE)


def wrong_file(text: str, file_name: str) -> str | None:
    """Why `text` is plainly not a school's answers, in a sentence or two (None when it may be YAML)."""
    start = text[:4096].lstrip("\ufeff \t\r\n")
    kind = _document_kind(text, start, file_name)
    if kind:
        return _said(kind, _is_the_policy(text, start, file_name))
    if _utf16(start):
        return (
            "It is saved as Unicode (UTF-16) text, which this page cannot read. Open it in Notepad, choose "
            "Save as, set Encoding to UTF-8, save it and upload it again."
        )
    if _CONTROL.search(start):
        return f"It is not a text file, so it cannot hold your answers. {UPLOAD_THIS}"
    return None


def markdown_document(text: str) -> str | None:
    """Why a file that YAML could not read is a document in Markdown rather than answers (None if it is not
    plainly one): its first line is a heading, and headings, lists or tables follow."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not re.match(r"#{1,6} \S", lines[0]):
        return None
    if len(_MARKDOWN.findall("\n".join(lines[:200]))) < 3:
        return None
    return _said("Markdown text", False)


def _document_kind(text: str, start: str, file_name: str) -> str | None:
    if start.startswith(("PK\x03\x04", "PK\x05\x06")):
        head = text[:200_000]
        return next((kind for marker, kind in OFFICE_PARTS if marker in head), "a compressed (zip) file")
    if start.startswith("%PDF-"):
        return "a PDF"
    if start.startswith("{\\rtf"):
        return "a Word document"
    if re.match(r"<(!doctype html|html)[\s>]", start, re.IGNORECASE):
        return "a web page"
    if start.startswith(f"# {POLICY_TITLE}"):
        return "Markdown text"
    if file_name.lower().endswith((".doc", ".docx")) and ("\ufffd" in start or _CONTROL.search(start)):
        return "a Word document"  # an older Word file: no signature survives the browser's reading
    return None


def _is_the_policy(text: str, start: str, file_name: str) -> bool:
    """The builder's own policy: its heading or title inside, or a file name the builder gave it."""
    return (
        start.startswith(f"# {POLICY_TITLE}")
        or f"<title>{POLICY_TITLE}" in text[:4096]
        or re.search(r"-policy(?: \(\d+\))?\.(docx|pdf|html?|md)$", file_name.lower()) is not None
    )


# A kind of file as a sentence names it when it is not the policy ("This is a Word document").
_OTHER = {"Markdown text": "a document in Markdown text"}


def _said(kind: str, policy: bool) -> str:
    if policy:
        return f"This is the policy itself ({kind}), not your answers. {UPLOAD_THIS}"
    return f"This is {_OTHER.get(kind, kind)}, not your answers. {UPLOAD_THIS}"


def _utf16(start: str) -> bool:
    """Text saved as UTF-16 (Notepad's 'Unicode'): every other character of plain English is a NUL."""
    sample = start[:400]
    return len(sample) >= 20 and sample.count("\x00") >= len(sample) // 3
