"""local.yml: the one file an authority edits. Loaded and checked once per build or command."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import InvalidFile, Problem, load_yaml, validate

WHITE = "#ffffff"
MINIMUM_CONTRAST = 4.5  # WCAG 2.2 AA for normal text: the header's white text sits on the brand colour


# A command run where there is no copy of the guide (an installed `cohesion` in an empty folder):
# no authority is named, so no document presents anyone's contacts as the school's own.
NO_AUTHORITY: dict[str, Any] = {"authority": {"name": ""}, "contacts": []}


def load_local(project_dir: Path, *, required: bool = True) -> dict[str, Any]:
    """The authority's settings; raises InvalidFile naming the line and field when local.yml is wrong.
    Without `required`, a folder with no local.yml gives NO_AUTHORITY."""
    if not required and not (Path(project_dir) / "local.yml").exists():
        return {"authority": dict(NO_AUTHORITY["authority"]), "contacts": []}
    loaded = load_yaml(Path(project_dir) / "local.yml", display_name="local.yml")
    validate(loaded, schema("local"))
    colour = loaded.data["authority"].get("brand_colour")
    if colour and contrast(colour, WHITE) < MINIMUM_CONTRAST:
        path = ("authority", "brand_colour")
        raise InvalidFile([Problem(
            loaded.file, loaded.line_of(path), "authority.brand_colour",
            f"'{colour}' has a contrast of {contrast(colour, WHITE):.1f}:1 with the header's white text; "
            f"WCAG 2.2 AA needs at least {MINIMUM_CONTRAST}:1. Choose a darker colour, or remove the line to use the default.",
        )])
    return loaded.data


def _luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour, as WCAG defines it."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, from 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
