"""How much of two schools' policies is word for word the same: the measure issue 13 set (at most half the text of
any two schools of different kinds) and issue 25 holds in `make bench` as well as in the tests."""

from __future__ import annotations

import itertools
import re
import statistics

from cohesion_guide.inputs.governance import governance


def sentences(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text)
    return [s.strip() for s in re.split(r"(?<=[.;:!?])\s+|\s(?=- )|\s(?=#)|\|", text) if s.strip()]


def shared(a: str, b: str) -> float:
    """The share of a's words that sit in sentences b has word for word."""
    theirs = set(sentences(b))
    mine = sentences(a)
    total = sum(len(s.split()) for s in mine)
    return sum(len(s.split()) for s in mine if s in theirs) / total


def kind(profile) -> tuple:
    """Schools of different kinds differ in governance, phase or religious character."""
    return governance(profile).group, profile.phase, profile.data["school"]["religious_character"]


def in_common_words(profile, text: str) -> str:
    """The policy with the school's name written the same way as every other school's."""
    return text.replace(profile.name, "the school")


def pair_figures(profiles, texts: dict[str, str]) -> list[tuple[float, str, str]]:
    """For every pair of schools of different kinds, the larger of the two ways round, with the two slugs."""
    return [
        (max(shared(texts[a.slug], texts[b.slug]), shared(texts[b.slug], texts[a.slug])), a.slug, b.slug)
        for a, b in itertools.combinations(profiles, 2)
        if kind(a) != kind(b)
    ]


def summary(figures: list[float]) -> tuple[float, float, int]:
    """Max, mean and the number of pairs over half."""
    return max(figures), statistics.fmean(figures), sum(f > 0.5 for f in figures)
