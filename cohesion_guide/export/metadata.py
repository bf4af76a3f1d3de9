"""What every document says of itself, the same in Word and PDF: its subject and keywords."""

from __future__ import annotations

from dataclasses import dataclass

KEYWORDS = ("community cohesion", "equality", "school policy", "England")


def subject_of(title: str) -> str:
    """A document's subject: its title before the colon ("Community cohesion policy: Riverside
    Primary School" is about a community cohesion policy)."""
    return title.partition(":")[0].strip()


@dataclass(frozen=True)
class Letterhead:
    """What heads every page of a school's document: the authority's logo, when it has one, and the
    school's name, beside what the document is."""

    school: str
    logo: bytes = b""  # a PNG or SVG file's bytes, or none
    logo_alt: str = ""  # what the logo shows, for a screen reader: "Exampleshire County Council logo"

    @property
    def logo_type(self) -> str:
        if not self.logo:
            return ""
        return "png" if self.logo.startswith(PNG_SIGNATURE) else "svg"


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
