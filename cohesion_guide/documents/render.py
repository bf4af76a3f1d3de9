"""Render the project's templates to Markdown in a sandbox, every value from a profile escaped on the way in."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.documents import legal_basis, tailoring
from cohesion_guide.documents.commitments import and_list as plain_and_list
from cohesion_guide.documents.commitments import capital
from cohesion_guide.documents.legal_basis import INDEPENDENT_TYPES
from cohesion_guide.documents.phase_words import (
    CAPITAL,
    authority_place,
    in_london_borough,
    phase_words,
    thousands,
    town_of,
)
from cohesion_guide.documents.related_policies import related_policies, rshe_subjects
from cohesion_guide.documents.review_cycle import review_cycle
from cohesion_guide.documents.review_cycle import to_confirm as cycle_to_confirm
from cohesion_guide.documents.still_to_confirm import to_confirm
from cohesion_guide.documents.tailoring import Commitment, ethnic_group_label
from cohesion_guide.inputs.dates import long_date, parse_date
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, PRU, governance
from cohesion_guide.inputs.local_config import serves
from cohesion_guide.inputs.profiles import NOT_AN_ETHNIC_GROUP, Profile, field_schema
from cohesion_guide.inputs.validation import field_place

POLICY_TEMPLATE = "policy.md.j2"


class SafeMarkdown(str):
    """Markdown that is already safe to insert: the project's own words, or values already escaped.
    Anything else that reaches a template's output is escaped first (see `environment`)."""


class Unconfirmed(SafeMarkdown):
    """In place of a value the profile still marks '# to check:' (Profile.unconfirmed): every template
    prints "to be confirmed" there, and every filter passes it through as it is, so a placeholder is
    never printed as the school's own. Templates can ask `value is unconfirmed`."""


TO_BE_CONFIRMED = Unconfirmed("to be confirmed")


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


def _passes_unconfirmed(format_value):
    """A filter that leaves "to be confirmed" as it is: it is no date, figure or role to format."""
    return lambda value: value if isinstance(value, Unconfirmed) else format_value(value)


def mid_sentence(role: str) -> str:
    """A role as it reads after "the": 'Chair of governors' -> 'chair of governors'; an initialism
    ('RE governor', 'SENCo') keeps its capitals."""
    return role[:1].lower() + role[1:] if role[1:2].islower() else role


def bold_roles(roles: list[str]) -> SafeMarkdown:
    """Roles that lead actions, each in bold, as one list: '**Head of RE**, **SENCo** and **pastoral lead**'."""
    return SafeMarkdown(
        plain_and_list(
            [f"**{escape_markdown(role if n == 0 else mid_sentence(role))}**" for n, role in enumerate(roles)]
        )
    )


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
        # a {% set %} block's text: made by the template itself, every value in it already escaped on its way in
        made_here=SafeMarkdown,
        # a value that follows other text on its line ("- {{ x }}") cannot start a list: no leading-marker escape
        mid_line=_passes_unconfirmed(
            lambda value: SafeMarkdown(_SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], re.sub(r"\s+", " ", str(value))))
        ),
        mid_sentence=_passes_unconfirmed(lambda text: escape_markdown(mid_sentence(text))),
        # a name that starts a sentence ("school 1 is ...") takes a capital there, and only there
        sentence_start=_passes_unconfirmed(lambda text: escape_markdown(capital(str(text)))),
        paragraphs=paragraphs,
        and_list=and_list,
        beliefs=beliefs,
        percent=_passes_unconfirmed(percent),
        thousands=_passes_unconfirmed(lambda n: SafeMarkdown(thousands(n))),
        long_date=_passes_unconfirmed(lambda d: SafeMarkdown(long_date(d))),
    )
    env.tests["unconfirmed"] = lambda value: isinstance(value, Unconfirmed)
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


def named_and_other_groups(
    ethnicity: dict[str, float] | None,
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """The largest ethnic groups a policy names, and apart from them the census's "any other ..." categories large
    enough to show: a category that gathers everyone not in a named group is not itself a group governors can plan
    for, so the policy says how many pupils are recorded in it instead of ranking it among the largest."""
    shown = largest_groups({k: v for k, v in (ethnicity or {}).items() if not k.startswith(_OTHER)})
    others = [
        (_in_a_sentence(ethnic_group_label(k)), v)
        for k, v in sorted((ethnicity or {}).items(), key=lambda item: (-item[1], item[0]))
        if k.startswith(_OTHER) and v >= SMALLEST_GROUP_SHOWN
    ]
    return shown, others[:LARGEST_GROUPS_SHOWN]


def others_outrank(named: list[tuple[str, float]], others: list[tuple[str, float]]) -> bool:
    """An "any other ..." category larger than a group named as the largest: the line says it is left apart."""
    return bool(others and named and max(v for _, v in others) > named[-1][1])


_OTHER = "any_other_"


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


def local_community(ward: str | None, place: str, authority: str, *, london_borough: bool = False) -> str:
    """The policy's one line naming its local community: 'Riverside ward, and the wider Exampleton area';
    'Grimethorpe and the area around it, in Barnsley'. A London school's place is its borough (place_of), and a
    London ward sits in it: 'King's Cross ward, in Camden, London'; 'Tower ward, in the City of London'. A ward with
    the same name as the place is named once."""
    if ward and london_borough:
        return f"{ward}, in {place}" + ("" if CAPITAL.casefold() in place.casefold() else f", {CAPITAL}")
    area = authority_area(authority, place)
    if ward and ward.casefold() not in (place.casefold(), f"{place} ward".casefold()):
        named = f"{ward}, and the wider {place} area"
    else:
        named = f"{place} and the area around it"
    return named + (f", {area}" if area else "")


# How the policy names an authority whose register name is not the body itself.
AUTHORITY_BODIES = {"City of London": "the City of London Corporation"}


def authority_area(authority: str, town: str) -> str | None:
    """Where the local community sits, when the town's name does not already say it:
    'in Barnsley' for Grimethorpe; None for Oldham in Oldham, or for the City of London in itself."""
    if town.casefold().removeprefix("the ") in authority.casefold():
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


# Placeholders are never facts (DESIGN.md, decision 11) ------------------------------------------


def stated(profile: Profile) -> Profile:
    """The profile as its documents may state it. Of each value still marked '# to check:'
    (Profile.unconfirmed; figures are already left out as unknown when the profile is loaded):
    free text the profile must have (a lead's role, who approves the policy, the town) reads
    "to be confirmed"; an optional value is left out, and with it every sentence built on it; a
    choice the rules select by (phase, type, religious character, setting) and a date stay for the
    rules, and the policy's status block says they are to be confirmed."""
    if not profile.unconfirmed:
        return profile
    data = copy.deepcopy(profile.data)
    for name in profile.unconfirmed:
        place = field_place(name)
        holder = _holder(data, place)
        if holder is None:
            continue  # left out already: a figure, or a value written "not known"
        part, required = field_schema(place)
        if not required:
            del holder[place[-1]]
        elif part.get("type") == "string" and "enum" not in part and "format" not in part:
            holder[place[-1]] = TO_BE_CONFIRMED
    data.setdefault("pupils", {})  # as profiles.with_defaults has it: a group the figures may all be missing from
    return replace(profile, data=data)


def stated_document(profile: Profile) -> dict[str, Any]:
    """The profile's document group as templates print it: a date adopted still to check (the import's
    or the scaffold's own date) reads "to be confirmed"; the rules still plan from it."""
    document = dict(profile.data["document"])
    if "document.date_adopted" in profile.unconfirmed:
        document["date_adopted"] = TO_BE_CONFIRMED
    return document


def _holder(data: Any, place: tuple) -> dict | list | None:
    """The group or list that holds the value at `place`, when the value is there."""
    for key in place[:-1]:
        data = data.get(key) if isinstance(data, dict) else (data[key] if _has(data, key) else None)
    return data if place and _has(data, place[-1]) else None


def _has(holder: Any, key: Any) -> bool:
    if isinstance(holder, dict):
        return key in holder
    return isinstance(holder, list) and isinstance(key, int) and 0 <= key < len(holder)


def _shown(data: dict[str, Any], section: str, profile: Profile) -> dict[str, Any]:
    """A section of the data as a template may print it: a choice still to be confirmed is left out
    (the status block names it), so no sentence states it."""
    return {
        key: value
        for key, value in data.get(section, {}).items()
        if isinstance(value, Unconfirmed) or f"{section}.{key}" not in profile.unconfirmed
    }


def approver(approved_by: Any, gov: Any) -> SafeMarkdown:
    """Who approves the policy, as the status block says it. In a trust with local governing bodies the board stays
    accountable, and its local governing body approves as far as the scheme of delegation lets it. An approver
    still to confirm is said as far as the law says it: a maintained school's or a unit's body, or a committee it
    names; an academy's local governing body under the scheme of delegation; a board that adopts its own."""
    delegated = ", as the trust's scheme of delegation allows"
    if isinstance(approved_by, Unconfirmed):
        if gov.delegate:
            said = escape_markdown(gov.Oversight) + delegated
        elif gov.group == ACADEMY:
            said = escape_markdown(gov.body_title)
        else:
            said = escape_markdown(gov.body_title) + ", or a committee it names"
        return SafeMarkdown(said + " (" + TO_BE_CONFIRMED + ")")
    said = escape_markdown(approved_by)
    if gov.delegate and "delegation" not in str(approved_by).casefold():
        said += delegated
    return SafeMarkdown(said)


def support_from(profile: Profile, gov: Any) -> dict[str, Any]:
    """Whom the policy asks for support when its authority's contacts are not in local.yml: the trust, named as the
    school's own (it is the employer and answers for the policy, not an outside body); the local authority, as the
    body it is; and the diocese or religious authority of a school with a religious character."""
    authority = profile.data["school"]["local_authority"]
    diocese = profile.known("school.diocese") if profile.has_religious_character else None
    if diocese and diocese.strip().casefold() in ("not applicable", "does not apply", "none", "not known"):
        diocese = None
    return {
        "trust": gov.trust,
        "authority": AUTHORITY_BODIES.get(authority, authority),
        "religious_authority": (("the " if re.match(r"(?:arch)?diocese\b", diocese, re.I) else "") + diocese)
        if diocese
        else None,
    }


def school_links_heading(profile: Profile) -> str:
    """The heading over the partners the profile lists as schools: a unit's are the schools and panels its pupils
    come from and go back to; a college is not a school."""
    if profile.phase_group == "pru":
        return "Schools and services we work with"
    schools = [p["name"] for p in profile.data.get("partnerships") or [] if p["kind"] == "school"]
    return (
        "Schools and colleges we work with"
        if any(re.search(r"\bcollege\b", n, re.I) for n in schools)
        else ("Schools we work with")
    )


def rshe_note(policies: list[str]) -> bool:
    """Whether the policy names relationships education among its related policies: it then says which statutory
    guidance that education follows."""
    return any("relationships" in str(policy).casefold() for policy in policies)


# A school the national register lists as closed, or as open but proposed to close: its status
# block warns that the policy (who adopts it, the law it states) may no longer fit.
CLOSING_STATUSES = ("Closed", "Open, but proposed to close")


def policy_values(profile: Profile, local: dict[str, Any], case_studies: list[dict] = ()) -> dict[str, Any]:
    """What the policy template reads: the school's checked data, its commitments, the authority's
    contacts, and the case studies suggested for it (case_studies.suggestions). A value still
    marked to check is stated as "to be confirmed", or not at all (`stated`)."""
    shown = stated(profile)
    data = shown.data
    document = stated_document(shown)
    cycle = review_cycle(shown, local)
    review = next_review(data["document"]["date_adopted"], cycle.years).isoformat()
    if isinstance(document["date_adopted"], Unconfirmed):
        review = TO_BE_CONFIRMED
    gov = governance(shown)
    school = _shown(data, "school", profile)
    words = phase_words(shown)
    ward = ward_words(data["location"]["ward"]) if data["location"].get("ward") else None
    related = related_policies(shown)
    named_groups, other_groups = named_and_other_groups(shown.ethnicity)
    # the area's groups are ranked by the school's rule, so the two lines can be read side by side
    area_named, area_other = named_and_other_groups((data.get("local_area") or {}).get("ethnicity"))
    found_commitments = tailoring.commitments(shown)
    return {
        "school": school,
        "location": _shown(data, "location", profile),
        "words": words,
        "gov": gov,
        "approver": approver(document["approved_by"], gov),
        "support": support_from(shown, gov),
        "authority_area": authority_area(data["school"]["local_authority"], words.place),
        # a line of its own, which may start with "the" ("the City of London and the area around it")
        "local_community": capital(
            local_community(
                ward,
                words.place,
                data["school"]["local_authority"],
                # the place is the borough, not a locality within it
                london_borough=in_london_borough(profile) and words.place == town_of(profile),
            )
        ),
        "head_is_staff_lead": _same_role(data["leads"]["staff"], gov.head),
        "chair": chair_who_signs(data["leads"]["governor"], gov.oversight),
        "ward": ward,
        "school_links_heading": school_links_heading(shown),
        "families_beyond_early_years": any(c.rule != "early_years" for c in found_commitments["parents"]),
        "facts": {
            # the area a school with a wide catchment serves is its local community, said once (tailoring)
            "wide_catchment": shown.wide_catchment,
            "international_links": shown.international_links,
            "young_children": shown.young_children,
            "nursery_school": shown.phase == "nursery",
            # pupils who come from a wide area do not live where the school is
            "from_afar": shown.phase_group == "special" or shown.wide_catchment,
            "ethnicity_complete": shown.ethnicity_complete,
            # the school's own account of local tension (never printed) already commits it to record every incident
            "local_tensions": bool(shown.known("local_tensions")),
            "complex_needs": shown.complex_needs,
            # the rule for a highly diverse intake already reviews incidents and exclusions by group, each term
            "highly_diverse": shown.is_highly_diverse,
            "secondary": shown.phase_group == "secondary",
            "post_16": shown.phase == "16-plus",  # no religious education or PSHE lessons to name
            "special": shown.phase_group == "special",
            "pru": shown.phase_group == "pru",
        },
        "to_confirm": to_confirm(profile, gov) + cycle_to_confirm(cycle, gov.oversight),
        "register_warning": school.get("register_status") in CLOSING_STATUSES,
        "related_policies": related,
        # the statutory guidance, named for the ages the school teaches, when a related policy is on those subjects
        "rshe": SafeMarkdown(legal_basis.RSHE_GUIDANCE) if rshe_note(related) and rshe_subjects(shown) else None,
        "rshe_subjects": rshe_subjects(shown),
        "guide": guide_links(shown, local),
        "authority_serves_school": serves(local, data["school"]["local_authority"]),
        "pupils": _shown(data, "pupils", profile),
        "local_area": data.get("local_area"),
        "context": data.get("context"),
        "leads": {"others": [], **data["leads"]},
        "other_leads": bold_roles(data["leads"].get("others") or []),
        "document": document,
        "review_cycle_years": cycle.years,  # the shipped template says review_every; an authority's own may use this
        "review_every": cycle.every,
        # who suggests the cycle when the governors have not set it (review_cycle.py): the policy says so
        "review_suggested_by": cycle.suggested_by,
        "Review_suggested_by": cycle.Suggested_by,
        "next_review": review,
        "largest_groups": named_groups,
        "other_groups": other_groups,
        "others_outrank": others_outrank(named_groups, other_groups),
        "area_groups": area_named,
        "area_other_groups": area_other,
        "area_others_outrank": others_outrank(area_named, area_other),
        "commitments": {place: [commitment_markdown(c) for c in found] for place, found in found_commitments.items()},
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
