"""Every error the engine raises on purpose, each with the exit status `cohesion` gives for it.

    CohesionError        1  something went wrong that the person running it did not cause
    ├── InputError       2  the input was wrong: the message says where; nothing was written
    │   ├── InvalidFile      YAML broke a rule: file, line, field and what is allowed
    │   ├── UnknownFormat    --format named a format the engine does not write
    │   ├── UnknownLanguage  a language tag a document's metadata cannot carry
│   ├── HandWritten      a generated page would replace a file someone wrote in docs/
    │   ├── OutsideDocs      a generated page would be written through a link to somewhere outside docs/
    │   └── MissingReview    a guide page without its review dates
    ├── OutputError      2  the output could not be written (a read-only or full disk); nothing was half-written
    │   ├── EmptyOutput      a writer finished with nothing written: publishing it would leave a blank
    │   └── CannotPublish    the built site cannot be swapped in whole where site/ leads; the site is as it was
    └── PdfError         1  Typst could not make a PDF: a fault in the program or in print.typ

The command line catches CohesionError in one place (cli.main) and prints its message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class CohesionError(Exception):
    """An error with a message written for the person who will read it, and an exit status."""

    exit_code = 1
    advice = ""  # a last line saying what to do next, when the message itself does not


class InputError(CohesionError, ValueError):
    exit_code = 2


class OutputError(CohesionError, OSError):
    exit_code = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, written for the person who will fix it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, {self.field}: {self.message}"


class InvalidFile(InputError):
    """Raised with every problem found in one or more files; nothing has been written."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found; nothing was written."
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class HandWritten(InputError):
    """A page the guide generates would replace a file someone wrote in docs/."""


class OutsideDocs(InputError):
    """A folder the guide writes its pages into is a link to somewhere outside docs/."""


class UnknownFormat(InputError):
    pass


class UnknownLanguage(InputError):
    """The language is not a tag such as "en-GB" or "cy" that the PDF's metadata can carry."""


class MissingReview(InputError):
    pass


class EmptyOutput(OutputError):
    """The block finished but wrote nothing: publishing that would replace a document with a blank."""


class CannotPublish(OutputError):
    """The built site cannot be put in place whole where site/ leads (a link to a web root that
    holds files the build did not make, or a folder that cannot be written): nothing was changed."""


class PdfError(CohesionError, RuntimeError):
    """Typst could not make the PDF: a fault in the program or in model_policies/print.typ."""
