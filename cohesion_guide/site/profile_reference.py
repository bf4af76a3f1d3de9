"""The profile's reference page and its published schema, both made from profile.schema.json."""

from __future__ import annotations

import html

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.inputs import profiles
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.inputs.validation import allowed_text
from cohesion_guide.site.generated import GeneratedFile, GeneratedPage, SiteContext, front_matter

SCHEMA_URI = "schemas/profile.schema.json"
PAGE_URI = "policies/profile-reference.md"
LONG_LISTS = 12  # a field with more allowed values than this gets its full list folded away


def pages(context: SiteContext) -> list[GeneratedPage | GeneratedFile]:
    """A page source (see generate.PAGE_SOURCES): the reference page and the schema file for editors."""
    return [
        GeneratedFile(SCHEMA_URI, MODEL_POLICIES / "profile.schema.json"),
        GeneratedPage(PAGE_URI, reference_markdown()),
    ]


def _text(value: str) -> str:
    """Schema wording shown as text: '<name>' in a description must not become an HTML tag."""
    return html.escape(value, quote=False)


def _resolve(part: dict, root: dict) -> dict:
    ref = part.get("$ref")
    return root["$defs"][ref.rsplit("/", 1)[1]] if ref else part


def _allowed(part: dict) -> str:
    words = allowed_text(part)
    if part.get("type") == "string" and "maxLength" in part and "x-allowed" not in part:
        words += f", up to {part['maxLength']} characters"
    return words


def _example(part: dict) -> str:
    if not part.get("examples"):
        return ""
    value = part["examples"][0]
    if isinstance(value, (dict, list)) or (isinstance(value, str) and "\n" in value):
        return ""  # longer examples are in the example profiles
    shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return f" For example: `{shown}`."


def _entry(name: str, part: dict, required: bool, root: dict) -> list[str]:
    """One field as a definition-list entry: its name, then what it is and what is allowed."""
    part = _resolve(part, root)
    need = "required" if required else "optional"
    lines = [f"`{name}` ({need})", f":   {_text(part.get('description', ''))}", ""]
    if part.get("type") == "object":
        return lines
    if part.get("type") == "array" and "items" in part and part["items"].get("type") == "object":
        lines += ["    Each item is a group of these fields:", ""]
        return lines
    allowed = _text(_allowed(part["items"] if part.get("type") == "array" else part))
    example = "" if "x-allowed" in part else _text(_example(part))  # a hint already gives its example
    if part.get("type") == "array":
        allowed = f"a list, each item {allowed}"
    if len(part.get("enum", [])) > LONG_LISTS:
        allowed, example = "one of the values in the list below, written exactly as it is there", ""
    lines += [f"    Allowed: {allowed}.{example}", ""]
    if len(part.get("enum", [])) > LONG_LISTS:
        lines += [f'    ??? note "All {len(part["enum"])} values allowed for {name}"', ""]
        lines += [f"        - {_text(value)}" for value in part["enum"]]
        lines.append("")
    if "default" in part:
        lines += [f"    If you leave it out: {part['default']}.", ""]
    return lines


def _ethnicity_table(part: dict) -> list[str]:
    lines = ["| Field | Who it counts |", "|---|---|"]
    for key, sub in part["properties"].items():
        lines.append(f"| `{key}` | {_text(sub['description'].removesuffix(', as a percentage.'))} |")
    return lines + [""]


def _section(key: str, part: dict, required: bool, root: dict) -> list[str]:
    part = _resolve(part, root)
    about = part.get("description", "")
    if not about.endswith(("Optional.", "Required.")):
        about += " Required." if required else " Optional."
    lines = [f"## {_text(part.get('title', key))}", "", _text(about), ""]
    if part.get("type") != "object" and not (part.get("type") == "array" and "properties" in part["items"]):
        return lines + _entry(key, part, required, root)
    if part.get("type") == "array":
        item = part["items"]
        fields = [
            (f"{key}[].{name}", sub, name in item.get("required", [])) for name, sub in item["properties"].items()
        ]
        lines += [f"`{key}` is a list: start each item on a new line with a dash (`-`).", ""]
    else:
        fields = [(f"{key}.{name}", sub, name in part.get("required", [])) for name, sub in part["properties"].items()]
    tables = []
    for name, sub, sub_required in fields:
        lines += _entry(name, sub, sub_required, root)
        if "$ref" in sub and sub["$ref"].endswith("/ethnicity"):
            tables.append(name)
    for name in tables:
        lines += [
            f"### The ethnic groups in `{name}`",
            "",
            "Each is a percentage of pupils, from 0 to 100. Give the groups you know and leave out the "
            "rest: they are shown as not given. The figures may add up to less than 100, but not to more "
            f"than {100 + profiles.ETHNICITY_TOLERANCE} (for rounding).",
            "",
        ]
        lines += _ethnicity_table(root["$defs"]["ethnicity"])
    return lines


def _derived() -> list[str]:
    p = profiles
    return [
        "## What the guide works out from a profile",
        "",
        "The policy changes what it commits to when one of these is true. The thresholds are the "
        "guide's own working choices, set once for every school; a local authority may discuss "
        "them with its schools.",
        "",
        f"- **Mono-cultural intake**: the largest single ethnic group is {p.MONOCULTURAL_FROM}% of pupils or more "
        "(needs `pupils.ethnicity`; `unclassified` is not counted as a group).",
        f"- **Highly diverse intake**: no ethnic group reaches {p.DIVERSE_LARGEST_BELOW}% of pupils, and at least "
        f"{p.DIVERSE_GROUP_COUNT} groups are each {p.DIVERSE_GROUP_SIZE}% or more (needs `pupils.ethnicity`).",
        "- **Religious character**: `school.religious_character` is anything other than "
        + " or ".join(f"`{v}`" for v in sorted(p.NO_RELIGIOUS_CHARACTER, reverse=True))
        + ".",
        "- **Rural school**: `location.setting` is `rural`.",
        f"- **High EAL**: `pupils.eal_percent` is {p.HIGH_EAL_FROM} or more (never when it is not known).",
        f"- **High FSM**: `pupils.fsm_percent` is {p.HIGH_FSM_FROM} or more (never when it is not known).",
        "- **Phase group**: nursery, infant, first, junior, primary and middle schools get the primary wording; "
        "secondary, all-through and 16-plus the secondary wording (their pupils are called students in secondary "
        "and 16-plus schools); special schools and pupil referral units each have their own.",
        f"- **Young children only**: the phase is nursery or infant (or primary, with a name that says infant), or "
        f"`school.statutory_high_age` is {p.YOUNG_UP_TO} or less: the policy calls them children, and their voice "
        "and learning are described for young children.",
        f"- **Nursery**: `school.statutory_low_age` is {p.NURSERY_UP_TO} or less, `school.nursery_provision` is "
        f"`{p.HAS_NURSERY_CLASSES}`, or the phase is nursery: the policy names the Early Years Foundation Stage.",
        f"- **Many pupils join mid-year**: `pupils.mobility_percent` is {p.HIGH_MOBILITY_FROM} or more (the action "
        "plan welcomes them; the policy does whenever the figure is given).",
        f"- **Long journeys**: `location.longest_journey_minutes` is {p.LONG_JOURNEY_FROM} or more.",
        "- **Local tension**: `local_tensions` says anything (it is never printed).",
        "- **A figure not given**: a figure left out, or still marked to check, is unknown: nothing above is "
        "true of it, and the policy does not print it.",
        "- **Complex needs**: `school.send_needs` includes "
        + ", ".join(f"`{n}`" for n in sorted(p.COMPLEX_NEEDS))
        + ".",
        "- **How pupils communicate**: from `school.communication`; without it, when `school.send_needs` includes "
        + ", ".join(f"`{n}`" for n in sorted(p.COMMUNICATION_NEEDS))
        + ".",
        "- **Wide catchment**: `location.catchment` is "
        + " or ".join(f"`{c}`" for c in sorted(p.WIDE_CATCHMENTS))
        + ".",
        "- **Accountable body and legal basis**: from `school.type`: maintained schools, academies and free "
        "schools, pupil referral units, and other types each have their own (see the policy guide).",
        "",
    ]


def reference_markdown() -> str:
    """The reference page: every field of the profile, from the schema's own descriptions."""
    root = schema("profile")
    meta = {
        "title": "School profile: every field",
        "description": "What each field of a school's profile means and what it may hold.",
    }
    lines = [
        front_matter(meta).rstrip("\n"),
        "",
        "# School profile: every field",
        "",
        "A school's profile is one file in the `schools/` folder, for example "
        "`schools/riverside-primary.yml`. The guide writes the school's policy from it. "
        "This page lists every field: what it is, whether you must fill it in, and what it may hold.",
        "",
        "## Start and check a profile",
        "",
        "- Start one with `cohesion new schools/your-school.yml`: it asks for the essentials and writes "
        "a file with a comment on every field.",
        "- Check it with `cohesion validate schools/`: it lists every problem with the file, "
        "the line and the field, and says what is allowed. It also warns about each value still marked "
        "`# to check:` (a placeholder from `cohesion new` or the import from the register, which the policy "
        'prints as "to be confirmed"); `cohesion validate --strict` counts those as problems.',
        "- A figure you do not know can be left out or written `not known`: the policy then says "
        "nothing about it, never 0.",
        "- The file name becomes part of the school's web address: lowercase letters, digits and "
        "hyphens only, ending in `.yml`.",
        "- Editors such as Visual Studio Code (with its YAML extension) can suggest fields and "
        "check them as you type: keep the first line of the example profiles, "
        "`# yaml-language-server: $schema=../model_policies/profile.schema.json`. "
        f"The same rules are published as [profile.schema.json](../{SCHEMA_URI}).",
        "",
    ]
    required = root.get("required", [])
    for key, part in root["properties"].items():
        lines += _section(key, part, key in required, root)
    lines += _derived()
    return "\n".join(lines) + "\n"
