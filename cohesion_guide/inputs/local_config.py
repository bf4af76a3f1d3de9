"""local.yml: the one file an authority edits. Loaded and checked once per build or command."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import Loaded, check, field_name, load_yaml

WHITE = "#ffffff"
MINIMUM_CONTRAST = 4.5  # WCAG 2.2 AA for normal text: the header's white text sits on the brand colour


# A command run where there is no copy of the guide (an installed `cohesion` in an empty folder):
# no authority is named, so no document presents anyone's contacts as the school's own.
NO_AUTHORITY: dict[str, Any] = {"authority": {"name": ""}, "contacts": []}


def load_local(project_dir: Path, *, required: bool = True) -> dict[str, Any]:
    """The authority's settings; raises InvalidFile naming the line and field when local.yml is wrong.
    Without `required`, a folder with no local.yml gives NO_AUTHORITY."""
    if not required and not (Path(project_dir) / "local.yml").exists():
        return copy.deepcopy(NO_AUTHORITY)
    loaded = load_yaml(Path(project_dir) / "local.yml", display_name="local.yml")
    problems = check(loaded, schema("local"))
    if not problems:
        problems = _address_problems(loaded, Path(project_dir))
    if problems:
        raise InvalidFile(problems)
    colour = loaded.data["authority"].get("brand_colour")
    if colour and contrast(colour, WHITE) < MINIMUM_CONTRAST:
        path = ("authority", "brand_colour")
        raise InvalidFile(
            [
                Problem(
                    loaded.file,
                    loaded.line_of(path),
                    "authority.brand_colour",
                    f"'{colour}' has a contrast of {contrast(colour, WHITE):.1f}:1 with the header's white text; "
                    f"WCAG 2.2 AA needs at least {MINIMUM_CONTRAST}:1. Choose a darker colour, or remove the line to use the default.",
                )
            ]
        )
    logo = loaded.data["authority"].get("logo")
    if logo:
        # Where the logo is, for the documents (their header): the site finds it under docs/ itself.
        loaded.data["authority"]["logo_file"] = str((Path(project_dir) / "docs" / logo).resolve())
    return loaded.data


# A web address that is safe wherever the site prints it (in a link, an attribute or the footer):
# https, a host name, then only the characters an address needs (no quotes, spaces or angle brackets).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
WEB_ADDRESS = re.compile(rf"https://{_LABEL}(?:\.{_LABEL})*(?::[0-9]{{1,5}})?(?:[/?#][A-Za-z0-9\-._~%!$&*+,;=:@/?#]*)?")
URL_FIELDS = (("authority", "website"), ("site_url",), ("repo_url",))
URL_LISTS = ("contacts", "links")
LOGO = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(?:svg|png)")


def _address_problems(loaded: Loaded, project_dir: Path) -> list[Problem]:
    """Web addresses are https with a host; the logo is a file inside docs/. Nothing loads from elsewhere."""
    data = loaded.data
    places: list[tuple] = [path for path in URL_FIELDS if _get(data, path) is not None]
    places += [(key, i, "url") for key in URL_LISTS for i, item in enumerate(data.get(key) or []) if "url" in item]
    problems = []
    for path in places:
        value = _get(data, path)
        if not WEB_ADDRESS.fullmatch(value):
            problems.append(
                Problem(
                    loaded.file,
                    loaded.line_of(path),
                    field_name(path),
                    f"found '{value}'; allowed: a web address starting with https:// and a host name, "
                    "for example https://www.example.gov.uk/schools, without spaces, quotes or angle brackets",
                )
            )
    logo = data["authority"].get("logo")
    if logo is not None and not (
        LOGO.fullmatch(logo) and ".." not in logo.split("/") and (project_dir / "docs" / logo).is_file()
    ):
        problems.append(
            Problem(
                loaded.file,
                loaded.line_of(("authority", "logo")),
                "authority.logo",
                f"found '{logo}'; allowed: the path of an .svg or .png file inside docs/, for example "
                "images/logo.svg (the logo is published with the site, never loaded from elsewhere)",
            )
        )
    return problems


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part] if isinstance(data, list) else (data or {}).get(part)
    return data


def _luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour, as WCAG defines it."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, from 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def serves(local: dict[str, Any], local_authority: str) -> bool:
    """Whether local.yml's authority is the school's own (school.local_authority): its name or short name,
    with any 'council' wording, matches. When it is not, a school's policy never presents its contacts as the school's."""
    wanted = _plain_authority(local_authority)
    authority = local["authority"]
    return any(_plain_authority(name) == wanted for name in (authority.get("short_name"), authority["name"]) if name)


_COUNCIL_WORDS = re.compile(r"\(.*?\)|\b(?:county|city|borough|metropolitan|district|royal|council|of|the)\b")


def _plain_authority(name: str) -> str:
    return " ".join(_COUNCIL_WORDS.sub(" ", name.casefold()).replace(",", " ").split())
