"""A commitment: one thing a school's policy says, in the project's own words with the school's values."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Where in the policy a commitment is printed. The template prints each list in its own place.
PLACES = (
    "legal_basis",  # introduction: how the duty and its neighbours apply to this kind of school
    "rationale",  # introduction: why this school does this work
    "aims",  # the aims this school adds to everyone's
    "school_community",  # our communities: the four dimensions...
    "local_community",
    "uk_community",
    "global_community",
    "school_links",  # ...and the networks of schools it belongs to
    "teaching",  # the three strands
    "equity",
    "engagement",
    "pupils",  # roles and responsibilities
    "parents",
    "monitoring",  # monitoring, evaluation and review
)


@dataclass(frozen=True)
class Commitment:
    """One thing the policy says the school will do. `text` is the project's own Markdown; a
    {name} in it is filled from `values` (the school's data), which is escaped when it is filled."""

    place: str
    text: str
    rule: str
    values: tuple[tuple[str, str], ...] = field(default=())
    first: bool = False  # printed before the rest of its place: what the school puts first

    def __post_init__(self):
        if self.place not in PLACES:
            raise ValueError(f"unknown place {self.place!r}; one of {', '.join(PLACES)}")


def commit(rule: Callable, place: str, text: str, first: bool = False, **values: str) -> Commitment:
    return Commitment(place, text, rule.__name__, tuple(values.items()), first)


def and_list(items: list[str], conjunction: str = "and", serial: bool = False) -> str:
    """The one way the engine joins words into a list: ['a', 'b', 'c'] -> 'a, b and c' (or 'a, b or c').

    - Two items take no comma: 'a and b' (but see the third point).
    - Where an item has its own comma ("Gimnazjum nr 2, Przykładowo"), commas cannot keep the items apart, so
      semicolons do: 'a; b, c; and d'.
    - Where the item before the last has its own "and" ("Holmebrook Mosque and Community Centre"), a comma before
      the list's own "and" shows where the last item starts: 'a, b and c, and d'. An "and" further back needs no
      help: 'speech, symbols and pictures, Signalong and communication aids'.
    - `serial` puts that comma in whatever the items: a list whose items are themselves lists ('with A and B every
      week, and with C') needs it to show where the last item starts."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if len(items) > 2 and any("," in item for item in items):
        return "; ".join(items[:-1]) + f"; {conjunction} " + items[-1]
    # an item in bold ("**Speech and language therapy lead**") is already set apart
    own_and = re.search(r"\band\b", items[-2]) and not items[-2].startswith("**")
    last_join = f", {conjunction} " if serial or own_and else f" {conjunction} "
    return ", ".join(items[:-1]) + last_join + items[-1]


def capital(text: str) -> str:
    """Text as it starts a sentence or a line: its first letter a capital, the rest as written ('the City of
    London' -> 'The City of London'; 'school 1' -> 'School 1')."""
    return text[:1].upper() + text[1:]


def in_sentence(name: str) -> str:
    """A name as it reads after other words: 'The city's secondary schools' -> 'the city's secondary schools',
    as GOV.UK writes "the" inside a sentence."""
    return "the " + name[4:] if name.startswith("The ") else name
