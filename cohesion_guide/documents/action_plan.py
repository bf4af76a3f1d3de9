"""The action plan a school can carry: two or three first-year priorities, the framework's few
standing steps, and at most PLAN_LIMIT actions in all, spread across the profile's leads.

Each priority rule is one function, written only here: the audit rule turns practices not yet in
place into candidate actions, and each profile rule reads one of the Profile's derived facts
(profile.is_monocultural, profile.high_eal, ...) and never compares figures itself. Candidates on
the same topic are one action, never two. Timescales start no sooner than half a term after the
policy is adopted, and an audit entry's own `due` date is kept as the school wrote it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from cohesion_guide.documents.phase_words import phase_words
from cohesion_guide.documents.render import largest_groups
from cohesion_guide.inputs.audit import STATUS_LABELS, Audit, practices
from cohesion_guide.inputs.dates import long_date, parse_date
from cohesion_guide.inputs.governance import MAINTAINED, governance
from cohesion_guide.inputs.profiles import Profile

# The six-point planning framework (after the TDA's school improvement planning framework).
POINTS = (
    ("1a", "Initial briefing"),
    ("1b", "Working with the right people"),
    ("2a", "Information and communications"),
    ("2b", "Keeping the focus on learning and outcomes"),
    ("2c", "Linking to the wider context"),
    ("3a", "Who decides"),
    ("3b", "Monitoring and evaluation"),
    ("3c", "Training and building involvement"),
    ("4a", "Expanding partnerships"),
    ("4b", "A portfolio of information"),
    ("5", "Personalising progress: access and inclusion for all"),
    ("6", "Demonstrating impact"),
)
POINT_IDS = tuple(point for point, _ in POINTS)
POINT_TITLES = dict(POINTS)
# The six steps the points belong to (a point's step is its number: 2b is in step 2).
STEPS = (
    ("1", "Preparing and engaging"),
    ("2", "Identifying objectives"),
    ("3", "Developing solutions"),
    ("4", "Delivering"),
    ("5", "Personalising progress"),
    ("6", "Demonstrating impact"),
)

PLAN_LIMIT = 10  # actions in one plan, at most
FIRST_YEAR_PRIORITIES = 3  # at most; at least MIN_PRIORITIES
MIN_PRIORITIES = 2
HALF_TERM = timedelta(days=42)  # nothing falls due sooner than this after adoption

# How soon an action is due, counted in school terms from the first term that leaves at least half a
# term after adoption. "now": that term; "next": the term after; "year": within three terms;
# "yearly": a task repeated every year; "termly": one repeated each term, from the first.
TERMS_AHEAD = {"now": 0, "next": 1, "year": 2}
# The last day of each term, roughly (dates vary by authority and year; the plan names the term).
TERM_ENDS = {"autumn": (12, 20), "spring": (3, 31), "summer": (7, 20)}

# What each kind of action usually needs, by its point of the framework, when the action gives none.
RESOURCES_BY_POINT = {
    "1a": "A governors' meeting agenda item (30 minutes)",
    "1b": "Staff time to plan meetings; a room for families",
    "2a": "A shared folder; admin time",
    "2b": "Staff meeting time; the audit form",
    "2c": "Senior leaders' planning time",
    "3a": "A governors' meeting agenda item",
    "3b": "Data manager's time; a termly report",
    "3c": "A training session (INSET or twilight)",
    "4a": "Staff time to plan with partners; transport for visits",
    "4b": "Admin time each term",
    "5": "Staff time; a small budget for costs families cannot meet",
    "6": "Census data; admin time",
}


@dataclass(frozen=True)
class Action:
    point: str
    text: str
    owner: str
    timescale: str
    success: str
    reason: str  # why the plan has it: the audit, the profile, or the framework itself
    rule: str  # the function that added it, for tests and for anyone tracing a line of the plan
    resources: str = ""
    topic: str = ""  # what it is about: two candidates on one topic become one action

    @property
    def point_title(self) -> str:
        return POINT_TITLES[self.point]


@dataclass(frozen=True)
class Plan:
    priorities: tuple[Action, ...]  # the first year's two or three priorities
    steps: tuple[Action, ...]  # the framework's standing steps, in every plan
    later: tuple[Action, ...]  # the rest of the plan, within PLAN_LIMIT
    deferred: tuple[str, ...]  # what the audit or profile found that waits for the next plan

    @property
    def actions(self) -> tuple[Action, ...]:
        return self.priorities + self.steps + self.later


# ---- dates ----------------------------------------------------------------------------------


def term_of(day: date) -> tuple[str, int]:
    """The school term a date falls in: September to December is autumn, January to March spring,
    April to August summer (the summer holiday counts with the summer term)."""
    if day.month >= 9:
        return "autumn", day.year
    if day.month <= 3:
        return "spring", day.year
    return "summer", day.year


def term_after(term: tuple[str, int]) -> tuple[str, int]:
    season, year = term
    return {"autumn": ("spring", year + 1), "spring": ("summer", year), "summer": ("autumn", year)}[season]


def term_end(term: tuple[str, int]) -> date:
    month, day = TERM_ENDS[term[0]]
    return date(term[1], month, day)


def first_term(start: date) -> tuple[str, int]:
    """The first term whose end is at least half a term after `start`."""
    term = term_of(start)
    while term_end(term) - start < HALF_TERM:
        term = term_after(term)
    return term


def timescale(start: date | str, when: str) -> str:
    """'now' -> 'by the end of the autumn term 2026' for a plan starting on 1 September 2026; a plan
    adopted in December starts in the spring term, so nothing falls due within half a term."""
    if when == "yearly":
        return "every year, reported at the policy review"
    term = first_term(parse_date(start))
    if when == "termly":
        return f"each term, from the {term[0]} term {term[1]}"
    for _ in range(TERMS_AHEAD[when]):
        term = term_after(term)
    return f"by the end of the {term[0]} term {term[1]}"


# ---- owners ---------------------------------------------------------------------------------


def owner_name(profile: Profile, owner: str) -> str:
    """A role key (governor, staff, headteacher, governing-body, other) as the role the school uses."""
    leads = profile.data["leads"]
    others = leads.get("others") or []
    return {
        "governor": leads["governor"],
        "staff": leads["staff"],
        "headteacher": governance(profile).head_title,
        "governing-body": profile.data["document"]["approved_by"],
        "other": others[0] if others else leads["staff"],
    }[owner]


# Owner keys whose actions are the governing body's own: oversight and decisions. Every other action is
# delivered by staff, and is never handed to a governor to even out the load.
OVERSIGHT_OWNERS = frozenset({"governor", "governing-body"})


def _governor_roles(profile: Profile) -> set[str]:
    return {profile.data["leads"]["governor"], profile.data["document"]["approved_by"]}


def _pool(profile: Profile) -> list[str]:
    """Every role that delivers actions: the staff lead, the head and any other staff roles the profile names.
    Governor roles oversee; they are not in the pool."""
    leads = profile.data["leads"]
    roles = [leads["staff"], governance(profile).head_title, *(leads.get("others") or [])]
    governors = _governor_roles(profile)
    return [role for role in dict.fromkeys(roles) if role not in governors]


def spread_owners(profile: Profile, actions: list[Action]) -> list[Action]:
    """Oversight stays with the governor role that owns it. Each delivery action keeps its natural owner unless
    that role already has its share; then the least-busy staff role takes it. No staff role leads more than its
    share: ceil(delivery actions / staff roles), at least 2."""
    pool = _pool(profile)
    governors = _governor_roles(profile)
    delivery = [a for a in actions if a.owner not in governors]
    share = max(2, math.ceil(len(delivery) / len(pool)))
    load = {role: 0 for role in pool}
    out = []
    for action in actions:
        if action.owner in governors:
            out.append(action)
            continue
        owner = action.owner if load.get(action.owner, 0) < share else min(pool, key=lambda r: (load[r], pool.index(r)))
        load[owner] = load.get(owner, 0) + 1
        out.append(replace(action, owner=owner))
    return out


def _start(profile: Profile) -> str:
    return profile.data["document"]["date_adopted"]


def _action(
    profile: Profile,
    point: str,
    text: str,
    owner: str,
    when: str,
    success: str,
    reason: str,
    rule,
    resources: str = "",
    topic: str = "",
) -> Action:
    return Action(
        point,
        text,
        owner_name(profile, owner),
        timescale(_start(profile), when),
        success,
        reason,
        rule.__name__,
        resources or RESOURCES_BY_POINT[point],
        topic or rule.__name__,
    )


# ---- the audit rule -------------------------------------------------------------------------


def in_own_terms(profile: Profile, text: str) -> str:
    """A suggested action or success measure (audit_practices.yml speaks of a maintained school's governing body)
    in the words of the body this school has: 'the management committee's make-up', 'report ... to trustees'."""
    gov, words = governance(profile), phase_words(profile)
    if gov.group != MAINTAINED or profile.data["school"].get("accountable_body"):
        text = re.sub(r"\b[Tt]he governing body\b", gov.oversight, text)
        text = re.sub(r"\bgovernors\b", gov.members, text)
    # the school's own word for its pupils: students, children
    text = re.sub(r"\bpupils\b", words.pupils, re.sub(r"\bPupils\b", words.Pupils, text))
    text = re.sub(r"\bpupil\b", words.pupil, re.sub(r"\bPupil\b", words.Pupil, text))
    return text[:1].upper() + text[1:]


def audit_actions(profile: Profile, audit: Audit) -> list[Action]:
    """A practice not yet in place becomes a candidate action at its point of the framework: not-yet
    ones by the end of the next term, partly ones within the year, or by the entry's own `due` date.
    The school's own next step wins over the suggested one."""
    out = []
    for p in practices():
        status = audit.status(p.id)
        if status not in ("not-yet", "partly"):
            continue
        entry = audit.entry(p.id)
        text = entry.next_step if entry and entry.next_step else in_own_terms(profile, p.action)
        reason = f"Audit: {STATUS_LABELS[status].lower()}: {p.title}."
        action = _action(
            profile,
            p.point,
            text,
            p.owner,
            "next" if status == "not-yet" else "year",
            in_own_terms(profile, p.success),
            reason,
            audit_actions,
            topic=p.id,
        )
        if entry and entry.due:
            action = replace(action, timescale=f"by {long_date(entry.due)}")
        out.append(action)
    return out


def _audit_rank(action: Action, audit: Audit) -> int:
    """The school's own next steps first (not-yet, then partly), then suggested steps for practices
    not yet in place, then those partly in place."""
    entry = audit.entry(action.topic)
    partly = 1 if audit.status(action.topic) == "partly" else 0
    return partly if entry and entry.next_step else 2 + partly


# ---- the profile rules ----------------------------------------------------------------------


def monocultural_partnership(profile: Profile) -> Action | None:
    """A mono-cultural intake: a partnership with a school or community of different backgrounds."""
    if not profile.is_monocultural:
        return None
    label, share = largest_groups(profile.ethnicity)[0]
    pupils = phase_words(profile).pupils
    linked = any(p["kind"] == "school" for p in profile.data.get("partnerships") or [])
    return _action(
        profile,
        "4a",
        (
            f"Check that our links with other schools bring {pupils} together with {pupils} whose backgrounds differ "
            "from most of ours, more than once a year, and add a link that does if none of them does."
            if linked  # the school's own links come first
            else f"Set up a lasting partnership with a school whose {pupils} come from backgrounds different from "
            f"most of ours, with {pupils} working together more than once a year."
        ),
        "headteacher",
        "next",
        f"{pupils.capitalize()} in at least two year groups have worked with the partner school, and say in the "
        "yearly survey what they learned.",
        f"Profile: a mono-cultural intake ({share:g}% of {pupils} are {label}).",
        monocultural_partnership,
        "Staff time to plan with the partner school; transport for one visit each way",
        "links-other-schools",
    )


def high_eal_language_support(profile: Profile) -> Action | None:
    """Many pupils learning English: language support and engagement with families' home languages."""
    if not profile.high_eal:
        return None
    pupils = phase_words(profile).pupils
    return _action(
        profile,
        "5",
        "Review support for new arrivals learning English, and reach families in their home languages "
        "(translated key letters, interpreters at meetings, bilingual staff or volunteers).",
        "other" if profile.data["leads"].get("others") else "staff",
        "now",
        "New arrivals have a language assessment within a month of joining; more families who speak other "
        "languages come to parents' meetings than last year.",
        f"Profile: {profile.known('pupils.eal_percent'):g}% of {pupils} have English as an additional language.",
        high_eal_language_support,
        "Interpreting and translation budget; EAL staff time",
        "eal-support",
    )


def rural_isolation(profile: Profile) -> Action | None:
    """A rural school: regular contact beyond its own area, against isolation."""
    if not profile.is_rural:
        return None
    linked = profile.is_monocultural or profile.phase_group == "special"  # their link is already planned
    return _action(
        profile,
        "4a",
        "Plan a visit to a town or city for every class each year, with online projects in between."
        if linked
        else "Plan contact with a town or city school for every class: an exchange visit or a shared project, "
        "with online links in between.",
        "staff",
        "next",
        "Every class has made at least one visit to a town or city this year."
        if linked
        else "Every class has had at least one exchange or shared project with a town or city school this year.",
        "Profile: a rural school, where distance can isolate pupils from other communities.",
        rural_isolation,
        "Coach hire for exchange visits; video-call equipment",
        "visits-other-communities",
    )


def high_fsm_barriers(profile: Profile) -> Action | None:
    """Many pupils eligible for free school meals: remove barriers to taking part."""
    if not profile.high_fsm:
        return None
    pupils = phase_words(profile).pupils
    return _action(
        profile,
        "5",
        f"Find out which clubs, trips and activities {pupils} eligible for free school meals miss, and remove the "
        "costs and other barriers that keep them out.",
        "headteacher",
        "now",
        f"Take-up of clubs and trips by {pupils} eligible for free school meals is reported each term and the gap "
        "with their classmates narrows over the year.",
        f"Profile: {profile.known('pupils.fsm_percent'):g}% of {pupils} are eligible for free school meals.",
        high_fsm_barriers,
        "Pupil premium funding for trips and clubs; data manager's time",
        "barriers-to-taking-part",
    )


def diverse_relationships(profile: Profile) -> Action | None:
    """A highly diverse intake: relationships within the school and with parents come first."""
    if not profile.is_highly_diverse:
        return None
    return _action(
        profile,
        "1b",
        "Hold events each term where parents from every community meet each other and the staff, at times "
        "and in places that suit them.",
        "headteacher",
        "now",
        "Parents from each of the school's largest groups come to at least one event; the parent survey shows they feel welcome.",
        "Profile: a highly diverse intake, with no group forming half of the pupils.",
        diverse_relationships,
        "Staff time; interpreters; refreshments",
        "engaging-parents",
    )


def faith_links(profile: Profile) -> Action | None:
    """A school with a religious character: links with other faiths and with none."""
    if not profile.has_religious_character:
        return None
    return _action(
        profile,
        "4a",
        "Build a link with a school or community of another faith, or of none, with a visit or joint project each year.",
        "headteacher",
        "year",
        "At least one inter-faith link is active, with its visit or joint project recorded in the portfolio.",
        f"Profile: a school with a religious character ({profile.data['school']['religious_character']}).",
        faith_links,
        "Staff time to plan; transport for visits",
        "faith-links",
    )


def mainstream_links(profile: Profile) -> Action | None:
    """A special school: regular links with mainstream schools and use of community places."""
    if profile.phase_group != "special":
        return None
    pupils = phase_words(profile).pupils
    return _action(
        profile,
        "4a",
        f"Agree a link with a mainstream school where {pupils} from both schools learn or play together each half "
        "term, with the support each needs.",
        "headteacher",
        "next",
        f"{pupils.capitalize()} from both schools have met at least four times in the year; staff of both schools say what changed.",
        "Profile: a special school.",
        mainstream_links,
        "Staff and escort time; accessible transport",
        "links-other-schools",
    )


def reintegration_links(profile: Profile) -> Action | None:
    """A pupil referral unit: links with home schools and local services for each pupil's next step."""
    if profile.phase_group != "pru":
        return None
    pupil = phase_words(profile).pupil
    return _action(
        profile,
        "4a",
        f"Agree with home schools and local services how each {pupil}'s return or next step is planned, including "
        "a link to a club or group near home.",
        "other" if profile.data["leads"].get("others") else "staff",
        "next",
        f"Each {pupil} who leaves has a written plan shared with the receiving school or college, and a named "
        "contact in a local group.",
        "Profile: a pupil referral unit.",
        reintegration_links,
        "Staff time for visits to home schools",
        "local-agencies",
    )


def tension_incidents(profile: Profile) -> Action | None:
    """The school knows of local tension (local_tensions, never printed): incidents watched closely from the start."""
    if not profile.known("local_tensions"):
        return None
    oversight = governance(profile).oversight
    return _action(
        profile,
        "3b",
        "Record every prejudice-related incident, in school and online, with the action taken, and report the "
        f"pattern to {oversight} each half term.",
        "headteacher",
        "now",
        f"Incidents are recorded the same way by every member of staff, and {oversight} sees the pattern and what "
        "was done about it each half term.",
        "Profile: the school knows of tension in its area or among its families.",
        tension_incidents,
        "Staff time to record and report; a short half-termly report",
        "prejudice-incidents",
    )


def tension_response(profile: Profile) -> Action | None:
    """Local tension: a plan, made with families and partners, for what the school does when tension rises."""
    if not profile.known("local_tensions"):
        return None
    return _action(
        profile,
        "1b",
        "Agree a plan for when tension rises in the area: who talks to families, community and faith leaders, the "
        f"police and the local authority, and what is said to {phase_words(profile).pupils}, and meet those partners "
        "to agree it.",
        "headteacher",
        "now",
        f"The plan is agreed with partners and approved by {governance(profile).oversight}, and staff know their "
        "part in it.",
        "Profile: the school knows of tension in its area or among its families.",
        tension_response,
        "Senior leaders' time; a meeting with families and partners",
        "tension-response",
    )


def mid_year_welcome(profile: Profile) -> Action | None:
    """Many pupils join during the school year: a welcome for each of them and their families."""
    if not profile.high_mobility:
        return None
    pupils = phase_words(profile).pupils
    return _action(
        profile,
        "5",
        f"Set out how {pupils} who join during the year, and their families, are welcomed: a named adult"
        + ("" if profile.young_children else ", a buddy")
        + ", and a check within a few weeks that each has settled and made friends.",
        "staff",
        "now",
        f"Every {phase_words(profile).pupil} who joins mid-year has a named adult from the first day, and the "
        "check is recorded for each.",
        f"Profile: {profile.mobility:g}% of {pupils} joined during the school year.",
        mid_year_welcome,
        "Staff time for welcome meetings; interpreters where families need them",
        "mid-year-arrivals",
    )


PROFILE_RULES = (
    tension_incidents,
    tension_response,
    mid_year_welcome,
    monocultural_partnership,
    high_eal_language_support,
    rural_isolation,
    high_fsm_barriers,
    diverse_relationships,
    faith_links,
    mainstream_links,
    reintegration_links,
)


# ---- the framework's own steps, in every plan -----------------------------------------------


def framework_actions(profile: Profile, audit: Audit) -> list[Action]:
    """The few steps every school takes, whatever its audit says."""
    gov = governance(profile)
    pupils_own = phase_words(profile).pupils_own

    def add(point, text, owner, when, success, resources="", topic=""):
        return _action(
            profile,
            point,
            in_own_terms(profile, text),
            owner,
            when,
            in_own_terms(profile, success),
            "Every school: a step of the six-point framework.",
            framework_actions,
            resources,
            topic or point,
        )

    if audit.exists:
        audit_step = add(
            "2b",
            "Update the self-evaluation audit with staff and governors, and compare it with last year's.",
            "staff",
            "yearly",
            "The audit is dated within the last year, and its report shows what moved.",
        )
    else:
        audit_step = add(
            "2b",
            "Complete the self-evaluation audit with staff and governors, and publish it with this plan.",
            "staff",
            "now",
            "Every practice in the audit has a status, and each one in place says where it can be seen.",
        )
    return [
        add(
            "3a",
            f"Brief {gov.oversight} on the duty and this plan, and agree its priorities with {pupils_own} views.",
            "governor",
            "now",
            f"The minutes record the briefing, the plan's approval and how {pupils_own} views were used.",
            "An agenda item at a meeting of " + gov.oversight,
        ),
        audit_step,
        add(
            "3b",
            f"Report progress on the first-year priorities to {gov.oversight} each term.",
            "headteacher",
            "termly",
            "Each priority has a termly progress note in the minutes.",
            "A short termly report",
        ),
        add(
            "6",
            "Update the community profile and the evidence portfolio from the census each year.",
            "other",
            "yearly",
            "The community profile is dated within the last year and shows what has changed.",
            "Census data; admin time",
        ),
    ]


# ---- the plan -------------------------------------------------------------------------------

_DEFAULT_PRIORITIES = (
    (
        "1b",
        "Run a yearly survey of how well {pupils} from different backgrounds get on, and share what it finds.",
        "staff",
        "next",
        "The survey has run, and its findings are reported to {oversight} with one change made because of them.",
        "Survey tool; staff time to analyse it",
        "pupil-voice",
    ),
    (
        "4a",
        "Set up a partnership with another school or a community organisation.",
        "headteacher",
        "year",
        "A partnership is in place with a stated purpose, and {pupils} have taken part in it.",
        "Staff time to plan with the partner",
        "links-other-schools",
    ),
)


_YOUNG_SURVEY = (
    "1b",
    "Ask families each year how well children from different backgrounds play and get on together, and share what "
    "they say.",
    "staff",
    "next",
    "Families' answers are reported to {oversight} with one change made because of them.",
    "Staff time to ask families and write up what they say",
    "pupil-voice",
)


def _defaults(profile: Profile) -> list[Action]:
    words = {"pupils": phase_words(profile).pupils, "oversight": governance(profile).oversight}
    out = []
    # children this young are not surveyed: their families are asked
    defaults = (_YOUNG_SURVEY, *_DEFAULT_PRIORITIES[1:]) if profile.young_children else _DEFAULT_PRIORITIES
    for point, text, owner, when, success, resources, topic in defaults:
        out.append(
            Action(
                point,
                text.format(**words),
                owner_name(profile, owner),
                timescale(_start(profile), when),
                success.format(**words),
                "Every school: a first priority when nothing else calls for one.",
                "default_priorities",
                resources,
                topic,
            )
        )
    return out


def _own_due(action: Action, audit: Audit) -> bool:
    entry = audit.entry(action.topic) if action.rule == audit_actions.__name__ else None
    return bool(entry and entry.due)


def _own_lead(action: Action, audit: Audit) -> Action:
    """An action from the audit led by the role the school named for it, as the school wrote it."""
    entry = audit.entry(action.topic) if action.rule == audit_actions.__name__ else None
    return replace(action, owner=entry.lead) if entry and entry.lead else action


# First things first: pupils' safety and prejudice-related incidents, then fairness for groups who may miss out,
# then the voices of pupils and families, then links, then the curriculum, then enrichment. Within a band the
# school's own next steps come first, then what the profile calls for, then the audit's suggestions.
BANDS = (
    {"tension-response", "prejudice-incidents"},
    {
        "exclusions-by-group",
        "progress-by-group",
        "barriers-to-taking-part",
        "eal-support",
        "mid-year-arrivals",
        "admissions",
    },
    {"engaging-parents", "pupil-voice", "stakeholder-views", "local-agencies", "governing-body-reflects-community"},
    {"links-other-schools", "faith-links", "visits-other-communities"},
    {"shared-values-lessons", "citizenship-re-pshe"},
)


def band(topic: str) -> int:
    """How early an action on this topic comes (BANDS); anything else, enrichment, comes last."""
    return next((n for n, topics in enumerate(BANDS) if topic in topics), len(BANDS))


def _candidates(profile: Profile, audit: Audit) -> list[Action]:
    """Every priority the audit and profile call for, ranked (BANDS), one per topic."""
    from_audit = audit_actions(profile, audit)
    from_profile = [a for rule in PROFILE_RULES if (a := rule(profile)) is not None]

    def source(action: Action) -> int:
        if action.rule == audit_actions.__name__:
            rank = _audit_rank(action, audit)  # 0, 1: the school's own next steps; 2, 3: the audit's suggestions
            return rank if rank <= 1 else rank + 1
        return 2

    ranked = sorted(from_audit + from_profile, key=lambda a: (band(a.topic), source(a)))
    seen, out = set(), []
    for action in ranked:
        if action.topic not in seen:
            seen.add(action.topic)
            out.append(action)
    return out


def build_plan(profile: Profile, audit: Audit) -> Plan:
    """The plan: first-year priorities, the standing steps, then the rest up to PLAN_LIMIT."""
    steps = framework_actions(profile, audit)
    candidates = _candidates(profile, audit)
    used = {a.topic for a in candidates}
    for extra in _defaults(profile):
        if len(candidates) >= MIN_PRIORITIES:
            break
        if extra.topic not in used:
            candidates.append(extra)
    first, rest = candidates[:FIRST_YEAR_PRIORITIES], candidates[FIRST_YEAR_PRIORITIES:]
    room = PLAN_LIMIT - len(first) - len(steps)
    later = [a if _own_due(a, audit) else replace(a, timescale=timescale(_start(profile), "year")) for a in rest[:room]]
    deferred = tuple(a.text for a in rest[room:])
    owned = [_own_lead(a, audit) for a in spread_owners(profile, [*first, *steps, *later])]
    n, m = len(first), len(steps)
    return Plan(tuple(owned[:n]), tuple(owned[n : n + m]), tuple(owned[n + m :]), deferred)


@dataclass(frozen=True)
class FigureReading:
    """A fact of the profile at the level where the plan acts on it, and what the plan does about it."""

    figure: str  # "36% of pupils are eligible for free school meals"
    outcome: (
        str  # where its action is: "a first-year priority: ...", "in the plan: ...", "waits for the next plan: ..."
    )


# The profile rules whose facts are figures (or what the school says of its area) that reach a threshold.
FIGURE_RULES = (
    tension_incidents,
    high_eal_language_support,
    high_fsm_barriers,
    monocultural_partnership,
    diverse_relationships,
    mid_year_welcome,
)


def figure_readings(profile: Profile, audit: Audit) -> list[FigureReading]:
    """Every fact at its threshold, each with the action the plan takes on it or the reason it has none here
    (it waits for the next plan): no figure above a threshold is left without a word."""
    plan = build_plan(profile, audit)
    chosen = {a.topic: a for a in _candidates(profile, audit)}
    out = []
    for rule in FIGURE_RULES:
        action = rule(profile)
        if action is None:
            continue
        taken = chosen.get(action.topic, action)
        placed = next((a for a in plan.actions if a.topic == taken.topic), None)
        if placed in plan.priorities:
            outcome = "A first-year priority: " + placed.text
        elif placed is not None:
            outcome = "In the plan: " + placed.text
        else:
            outcome = "This waits for the next plan, so that this one stays within reach: " + taken.text
        figure = action.reason.removeprefix("Profile: ").removesuffix(".")
        out.append(FigureReading(figure[:1].upper() + figure[1:], outcome))
    return out


# The census figures the plan reads, as a sentence names each one the profile does not give.
FIGURES = (
    ("pupils.eal_percent", "the share of {pupils} with English as an additional language"),
    ("pupils.fsm_percent", "the share of {pupils} eligible for free school meals"),
    ("pupils.ethnicity", "the {pupils_own} ethnic make-up"),
)


def unknown_figures(profile: Profile) -> list[str]:
    """The figures the profile does not give (or gives only to confirm): the plan cannot act on them."""
    words = phase_words(profile)
    return [
        said.format(pupils=words.pupils, pupils_own=words.pupils_own)
        for field, said in FIGURES
        if profile.known(field) in (None, {})
    ]


def priorities(profile: Profile, audit: Audit) -> list[Action]:
    """The actions the audit and profile call for (not the framework's steps every school takes)."""
    return [a for a in build_plan(profile, audit).actions if a.rule != framework_actions.__name__]
