"""Render the project's templates to Markdown in a sandbox, every value from a profile escaped on the way in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.documents import tailoring
from cohesion_guide.documents.commitments import and_list as plain_and_list
from cohesion_guide.documents.legal_basis import INDEPENDENT_TYPES
from cohesion_guide.documents.phase_words import phase_words, thousands
from cohesion_guide.documents.related_policies import related_policies
from cohesion_guide.documents.tailoring import Commitment, ethnic_group_label
from cohesion_guide.inputs.dates import long_date, parse_date
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, PRU, governance
from cohesion_guide.inputs.local_config import serves
from cohesion_guide.inputs.profiles import NOT_AN_ETHNIC_GROUP, Profile

POLICY_TEMPLATE = "policy.md.j2"


class SafeMarkdown(str):
    """Markdown that is already safe to insert: the project's own words, or values already escaped.
    Anything else that reaches a template's output is escaped first (see `environment`)."""


# Characters that Python-Markdown, its extensions (tables, attr_list, abbr, footnotes) or raw HTML
# would read as markup. Numeric character references work in every Markdown processor and need
# no extension (a backslash before | only works where the tables extension is on).
_SPECIAL = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "&#92;",
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "#": "&#35;",
    "|": "&#124;",
    "{": "&#123;",
    "}": "&#125;",
}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
# At the start of a line these begin a list, a quote, a heading, a fence, a definition or an
# admonition; inside a line they are ordinary text.
_LEADING_MARKER = re.compile(r"^( ?)([-+:~=!]|\d+(?=[.)]))")
_LEADING = {"-": "&#45;", "+": "&#43;", ":": "&#58;", "~": "&#126;", "=": "&#61;", "!": "&#33;"}


def escape_markdown(value: Any) -> SafeMarkdown:
    """A value as Markdown that shows it literally: specials become character references, runs of
    white space (line breaks, indentation that would make a code block) become one space."""
    if isinstance(value, SafeMarkdown):
        return value
    text = re.sub(r"\s+", " ", str(value))
    text = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], text)
    # 1. or 1) at the start would begin a numbered list: escape the full stop or bracket instead
    text = _LEADING_MARKER.sub(lambda m: m.group(1) + _LEADING.get(m.group(2), m.group(2) + "\\"), text)
    return SafeMarkdown(text)


def paragraphs(value: Any) -> list[SafeMarkdown]:
    """Text the school wrote in several paragraphs (blank lines between), each escaped."""
    blocks = re.split(r"\n\s*\n", str(value).strip())
    return [escape_markdown(b.strip()) for b in blocks if b.strip()]


def and_list(values: Iterable[Any]) -> SafeMarkdown:
    """['a', 'b', 'c'] -> 'a, b and c', each item escaped (commitments.and_list)."""
    return SafeMarkdown(plain_and_list([escape_markdown(v) for v in values]))


def beliefs(values: Iterable[Any]) -> SafeMarkdown:
    """Families' faiths in a sentence: a faith's name keeps its capital, the rest do not
    ('Christian, Muslim and no religion', not '... and No religion')."""
    return and_list(
        _lower_first(v) if re.match(r"(no|none|not|other|any other)\b", str(v), re.I) else v for v in values
    )


def _lower_first(value: Any) -> str:
    """'Other Christian' -> 'other Christian': only the first word loses its capital."""
    text = str(value)
    return text[:1].lower() + text[1:]


def percent(value: float) -> SafeMarkdown:
    """38.5 -> '38.5%', 27.0 -> '27%'."""
    return SafeMarkdown(f"{float(value):g}%")


def mid_sentence(role: str) -> str:
    """A role as it reads after "the": 'Chair of governors' -> 'chair of governors'; an initialism
    ('RE governor', 'SENCo') keeps its capitals."""
    return role[:1].lower() + role[1:] if role[1:2].islower() else role


def _finalize(value: Any) -> Any:
    """Every {{ ... }} in a template ends here: whatever is not already safe Markdown is escaped,
    so a template an authority edits cannot forget to escape a school's text."""
    if isinstance(value, SafeMarkdown) or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return escape_markdown(value)


@cache
def environment(templates_dir: Path = MODEL_POLICIES) -> SandboxedEnvironment:
    """The one Jinja environment for documents: sandboxed (an authority may edit the templates),
    strict about undefined names (a typo stops the run instead of printing a blank), no HTML
    autoescape (the output is Markdown: `escape_markdown` does that job)."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=escape_markdown,
        # a value that follows other text on its line ("- {{ x }}") cannot start a list: no leading-marker escape
        mid_line=lambda value: SafeMarkdown(
            _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], re.sub(r"\s+", " ", str(value)))
        ),
        mid_sentence=lambda text: escape_markdown(mid_sentence(text)),
        paragraphs=paragraphs,
        and_list=and_list,
        beliefs=beliefs,
        percent=percent,
        thousands=lambda n: SafeMarkdown(thousands(n)),
        long_date=lambda d: SafeMarkdown(long_date(d)),
    )
    return env


def render_template(name: str, values: dict[str, Any], templates_dir: Path = MODEL_POLICIES) -> str:
    """Render one template from `templates_dir` with `values` (data only: never template text)."""
    return environment(Path(templates_dir)).get_template(name).render(**values)


def next_review(adopted: date | str, years: int) -> date:
    """The date a policy adopted on `adopted` is next due for review; 29 February falls back to the 28th."""
    day = parse_date(adopted)
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def commitment_markdown(commitment: Commitment) -> SafeMarkdown:
    """A commitment's own words with the school's values filled in, each value escaped once."""
    return SafeMarkdown(commitment.text.format_map({k: escape_markdown(v) for k, v in commitment.values}))


LARGEST_GROUPS_SHOWN = 3
SMALLEST_GROUP_SHOWN = 2  # % of pupils: a 1% group is not one of the "largest", whatever the order says


def largest_groups(ethnicity: dict[str, float] | None) -> list[tuple[str, float]]:
    """The biggest ethnic groups as (label, percentage), largest first, with any group tied with the last of them;
    pupils not classified are not a group. After the largest, a group under SMALLEST_GROUP_SHOWN % is left out."""
    groups = [(k, v) for k, v in (ethnicity or {}).items() if k != NOT_AN_ETHNIC_GROUP and v > 0]
    groups.sort(key=lambda item: (-item[1], item[0]))
    last = groups[LARGEST_GROUPS_SHOWN - 1][1] if len(groups) >= LARGEST_GROUPS_SHOWN else 0
    top = groups[:LARGEST_GROUPS_SHOWN] + [g for g in groups[LARGEST_GROUPS_SHOWN:] if g[1] == last]
    shown = top[:1] + [(k, v) for k, v in top[1:] if v >= SMALLEST_GROUP_SHOWN]
    return [(_in_a_sentence(ethnic_group_label(k)), v) for k, v in shown]


def _in_a_sentence(label: str) -> str:
    """'Any other White background' reads 'any other White background' in a list."""
    return _lower_first(label) if label.startswith("Any other") else label


# The guide's pages a policy points to for what it does not explain itself, and, for the law, the
# part of the page about the school's kind of school (docs/duty/today.md).
GUIDE_PAGES = {"law": "duty/today/", "meaning": "duty/meaning/", "support": "support/"}
LAW_ANCHORS = {MAINTAINED: "#maintained", ACADEMY: "#academies", PRU: "#prus"}


def guide_links(profile: Profile, local: dict[str, Any]) -> dict[str, SafeMarkdown | None]:
    """Full addresses of the guide's pages a policy links to, from local.yml's site_url; None for
    each without one (a relative address would lead nowhere in Word or a PDF), and the policy then
    leaves the link out."""
    site = local.get("site_url")
    if not site:
        return dict.fromkeys(GUIDE_PAGES)
    base = site.rstrip("/") + "/"
    links = {name: escape_markdown(base + page) for name, page in GUIDE_PAGES.items()}
    group = governance(profile).group
    anchor = LAW_ANCHORS.get(group) or ("#independent" if profile.data["school"]["type"] in INDEPENDENT_TYPES else "")
    links["law"] = SafeMarkdown(links["law"] + anchor)  # the page's own anchors: no character to escape
    return links


def authority_place(authority: str) -> str:
    """The authority as a place in a sentence: 'Barnsley Metropolitan Borough Council' -> 'Barnsley',
    'Bristol, City of' (as the register writes it) -> 'Bristol', 'City of York Council' -> 'the City of York',
    'Council of the Isles of Scilly' -> 'the Isles of Scilly'. A note in brackets stays at the end."""
    name, note = re.match(r"(.*?)\s*(\(.*\))?$", authority.strip()).groups()
    name = re.sub(r",\s*(?:city|county) of$", "", name, flags=re.I)
    name = re.sub(r"(?:\s+(?:metropolitan|county|city|borough|district))*\s+council$", "", name, flags=re.I)
    name = re.sub(r"^council of (?:the )?", "the ", name, flags=re.I)
    if re.match(r"(?:city|county|royal borough|london borough) of ", name, flags=re.I):
        name = "the " + name
    return f"{name} {note}" if note else name


def authority_area(authority: str, town: str) -> str | None:
    """Where the local community sits, when the town's name does not already say it:
    'in Barnsley' for Grimethorpe; None for Oldham in Oldham."""
    if town.casefold() in authority.casefold():
        return None
    return f"in {authority_place(authority)}"


_CHAIR_OF_THE_BODY = re.compile(
    r"chair of (?:the )?(?:governors|governing body|local governing body|management committee|trustees|trust board)",
    re.I,
)


def chair_who_signs(lead_governor: str, oversight: str) -> str:
    """Who signs for the body that adopts the policy: the lead governor's own title when it is that body's
    chair ('Chair of governors'), otherwise 'Chair of the governing body' (never a committee's chair)."""
    if _CHAIR_OF_THE_BODY.fullmatch(lead_governor.strip()):
        return lead_governor
    return "Chair of " + re.sub(r"^our ", "the ", oversight)


def ward_words(ward: str) -> str:
    """A ward as a place: 'Castle' -> 'Castle ward', 'Heaton Grove (fictional)' -> 'Heaton Grove ward (fictional)';
    a name that already says ward is left as it is."""
    if re.search(r"\bward\b", ward, flags=re.I):
        return ward
    name, note = re.match(r"(.*?)\s*(\(.*\))?$", ward.strip()).groups()
    return f"{name} ward {note}" if note else f"{name} ward"


def _same_role(a: str, b: str) -> bool:
    """'Headteacher' and 'the head teacher' are one role."""
    return re.sub(r"^the |\s", "", a.casefold()) == re.sub(r"^the |\s", "", b.casefold())


def policy_values(profile: Profile, local: dict[str, Any], case_studies: list[dict] = ()) -> dict[str, Any]:
    """What the policy template reads: the school's checked data, its commitments, the authority's
    contacts, and the case studies suggested for it (case_studies.suggestions)."""
    data = profile.data
    document = data["document"]
    cycle = document.get("review_cycle_years") or local.get("policies", {}).get("review_cycle_years", 1)
    gov = governance(profile)
    return {
        "school": data["school"],
        "location": data["location"],
        "words": phase_words(profile),
        "gov": gov,
        "authority_area": authority_area(data["school"]["local_authority"], phase_words(profile).place),
        "head_is_staff_lead": _same_role(data["leads"]["staff"], gov.head),
        "chair": chair_who_signs(data["leads"]["governor"], gov.oversight),
        "ward": ward_words(data["location"]["ward"]) if data["location"].get("ward") else None,
        "facts": {
            "international_links": profile.international_links,
            "young_children": profile.young_children,
            "nursery_school": profile.phase == "nursery",
            # pupils who come from a wide area do not live where the school is
            "from_afar": profile.phase_group == "special" or profile.wide_catchment,
            "ethnicity_complete": profile.ethnicity_complete,
            # the school's own account of local tension (never printed) already commits it to record every incident
            "local_tensions": bool(profile.known("local_tensions")),
            "complex_needs": profile.complex_needs,
            # the rule for a highly diverse intake already reviews incidents and exclusions by group, each term
            "highly_diverse": profile.is_highly_diverse,
            "secondary": profile.phase_group == "secondary",
            "post_16": profile.phase == "16-plus",  # no religious education or PSHE lessons to name
            "special": profile.phase_group == "special",
            "pru": profile.phase_group == "pru",
        },
        "related_policies": related_policies(profile),
        "guide": guide_links(profile, local),
        "authority_serves_school": serves(local, data["school"]["local_authority"]),
        "pupils": data["pupils"],
        "local_area": data.get("local_area"),
        "context": data.get("context"),
        "leads": {"others": [], **data["leads"]},
        "document": document,
        "review_cycle_years": cycle,  # the shipped template says review_every; an authority's own may still use this
        "review_every": "every year" if cycle == 1 else f"every {cycle} years",
        "next_review": next_review(document["date_adopted"], cycle).isoformat(),
        "largest_groups": largest_groups(profile.ethnicity),
        "area_groups": largest_groups((data.get("local_area") or {}).get("ethnicity")),
        "commitments": {
            place: [commitment_markdown(c) for c in found] for place, found in tailoring.commitments(profile).items()
        },
        "authority": local["authority"],
        "contacts": local.get("contacts", []),
        "services": local.get("services", []),
        "case_studies": list(case_studies),
    }


def render_policy(
    profile: Profile, local: dict[str, Any], templates_dir: Path = MODEL_POLICIES, case_studies: list[dict] = ()
) -> str:
    """A school's community cohesion policy as Markdown, from its Profile and the authority's local.yml."""
    return render_template(POLICY_TEMPLATE, policy_values(profile, local, case_studies), templates_dir)
