"""What every document says of itself, the same in Word and PDF: its subject and keywords."""

from __future__ import annotations

KEYWORDS = ("community cohesion", "equality", "school policy", "England")


def subject_of(title: str) -> str:
    """A document's subject: its title before the colon ("Community cohesion policy: Riverside
    Primary School" is about a community cohesion policy)."""
    return title.partition(":")[0].strip()
