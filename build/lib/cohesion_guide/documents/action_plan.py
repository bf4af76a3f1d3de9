"""The action plan on the six-point framework: which actions a school's audit and profile call for.

Each priority rule is one function, written only here: the audit rule turns practices not yet in
place into actions, and each profile rule reads one of the Profile's derived facts
(profile.is_monocultural, profile.high_eal, ...) and never compares figures itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cohesion_guide.documents.render import largest_groups
from cohesion_guide.inputs.audit import STATUS_LABELS, Audit, practices
from cohesion_guide.inputs.dates import parse_date
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

# How soon an action is due, counted in school terms from the date the policy is adopted.
# "now": by the end of the term the plan starts in; "next": the term after; "year": within three
# terms; "yearly": a task repeated every year.
TERMS_AHEAD = {"now": 0, "next": 1, "year": 2}


@dataclass(frozen=True)
class Action:
    point: str
    text: str
    owner: str
    timescale: str
    success: str
    reason: str  # why the plan has it: the audit, the profile, or the framework itself
    rule: str  # the function that added it, for tests and for anyone tracing a line of the plan


@dataclass(frozen=True)
class PlanPoint:
    point: str
    title: str
    actions: tuple[Action, ...]


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


def timescale(start: date | str, when: str) -> str:
    """'now' -> 'by the end of the autumn term 2026' for a plan starting on 1 September 2026."""
    if when == "yearly":
        return "every year, reported to governors at the policy review"
    term = term_of(parse_date(start))
    for _ in range(TERMS_AHEAD[when]):
        term = term_after(term)
    return f"by the end of the {term[0]} term {term[1]}"


def owner_name(profile: Profile, owner: str) -> str:
    """A practice's owner (governor, staff, headteacher, governing-body) as a role the school uses."""
    leads = profile.data["leads"]
    return {
        "governor": leads["governor"],
        "staff": leads["staff"],
        "headteacher": "Headteacher",
        "governing-body": profile.data["document"]["approved_by"],
    }[owner]


def _start(profile: Profile) -> str:
    return profile.data["document"]["date_adopted"]


def _action(profile: Profile, point: str, text: str, owner: str, when: str, success: str, reason: str, rule) -> Action:
    return Action(point, text, owner_name(profile, owner), timescale(_start(profile), when), success, reason, rule.__name__)


# ---- the audit rule -------------------------------------------------------------------------

def audit_actions(profile: Profile, audit: Audit) -> list[Action]:
    """A practice not yet in place becomes an action at its point of the framework: not-yet ones
    by the end of next term, partly ones within the year. The school's own next step wins over the
    suggested one. Practices not assessed get no action of their own: the plan asks for the audit."""
    out = []
    for p in practices():
        status = audit.status(p.id)
        if status not in ("not-yet", "partly"):
            continue
        entry = audit.entry(p.id)
        text = entry.next_step if entry and entry.next_step else p.action
        reason = f"Audit: {STATUS_LABELS[status].lower()}: {p.title}."
        out.append(_action(profile, p.point, text, p.owner, "next" if status == "not-yet" else "year", p.success, reason, audit_actions))
    return out


# ---- the profile rules ----------------------------------------------------------------------

def monocultural_partnership(profile: Profile) -> Action | None:
    """A mono-cultural intake: a partnership with a school or community of different backgrounds."""
    if not profile.is_monocultural:
        return None
    label, share = largest_groups(profile.data["pupils"].get("ethnicity"))[0]
    return _action(
        profile, "4a",
        "Set up a lasting partnership with a school or community group whose members come from backgrounds "
        "different from most of our pupils', with pupils working together more than once a year.",
        "headteacher", "next",
        "Pupils in at least two year groups have worked with the partner during the year, and say in the pupil survey what they learned.",
        f"Profile: a mono-cultural intake ({share:g}% of pupils are {label}).", monocultural_partnership)


def high_eal_language_support(profile: Profile) -> Action | None:
    """Many pupils learning English: language support and engagement with families' home languages."""
    if not profile.high_eal:
        return None
    return _action(
        profile, "5",
        "Review support for pupils learning English, and reach families in their home languages "
        "(translated letters, interpreters at meetings, bilingual staff or volunteers).",
        "staff", "now",
        "New arrivals have a language assessment within a month; attendance at parents' meetings by families who speak other languages rises.",
        f"Profile: {profile.data['pupils']['eal_percent']:g}% of pupils have English as an additional language.", high_eal_language_support)


def rural_isolation(profile: Profile) -> Action | None:
    """A rural school: regular contact beyond the village, against isolation."""
    if not profile.is_rural:
        return None
    return _action(
        profile, "4a",
        "Plan regular contact with pupils and communities beyond our rural area (exchange visits, shared "
        "projects, online links) so that distance does not limit who our pupils meet.",
        "staff", "next",
        "Every class has at least one exchange or shared project with a town or city school each year.",
        "Profile: a rural school, where distance can isolate pupils from other communities.", rural_isolation)


def high_fsm_barriers(profile: Profile) -> Action | None:
    """Many pupils eligible for free school meals: track their progress and remove barriers to taking part."""
    if not profile.high_fsm:
        return None
    return _action(
        profile, "3b",
        "Track the progress and take-up of trips, clubs and activities of pupils eligible for free school meals, "
        "and remove the costs and other barriers that keep them out.",
        "staff", "now",
        "Governors see a termly report on these pupils; the gap in progress and in take-up of activities narrows over the year.",
        f"Profile: {profile.data['pupils']['fsm_percent']:g}% of pupils are eligible for free school meals.", high_fsm_barriers)


def diverse_relationships(profile: Profile) -> Action | None:
    """A highly diverse intake: relationships within the school and with parents come first."""
    if not profile.is_highly_diverse:
        return None
    return _action(
        profile, "1b",
        "Put relationships first: bring pupils of different backgrounds together in mixed groups, and hold "
        "events where parents from every community meet each other and the staff.",
        "headteacher", "now",
        "Pupils say in the yearly survey that groups get on well; parents from every group attend school events.",
        "Profile: a highly diverse intake, with no group forming half of the pupils.", diverse_relationships)


def faith_links(profile: Profile) -> Action | None:
    """A school with a religious character: links with other faiths and with none."""
    if not profile.has_religious_character:
        return None
    return _action(
        profile, "4a",
        "Explain our faith rationale for promoting cohesion, and build links with schools and communities "
        "of other faiths and of none.",
        "governor", "year",
        "At least one inter-faith link is active, with a visit or joint project each year recorded in the portfolio.",
        f"Profile: a school with a religious character ({profile.data['school']['religious_character']}).", faith_links)


PROFILE_RULES = (monocultural_partnership, high_eal_language_support, rural_isolation, high_fsm_barriers,
                 diverse_relationships, faith_links)


# ---- the framework's own steps, in every plan -----------------------------------------------

def framework_actions(profile: Profile, audit: Audit) -> list[Action]:
    """What every school does at each point, whatever its audit says, so that no point is empty."""
    def add(point, text, owner, when, success, reason="Every school: a step of the six-point framework."):
        return _action(profile, point, text, owner, when, success, reason, framework_actions)

    partners = profile.data.get("partnerships") or []
    if audit.exists:
        audit_step = add("2b", "Update the audit once a year with staff and governors, and compare it with last year's.",
                         "staff", "yearly", "The audit file is dated within the last year, and the report shows what moved.")
    else:
        audit_step = add("2b", "Complete the self-evaluation audit with staff and governors: run cohesion audit new, "
                         "fill it in and publish it with this plan.", "staff", "now",
                         "Every practice in the audit has a status, and where it is in place the audit says where it can be seen.",
                         "No audit yet: every practice is shown as not yet assessed.")
    return [
        add("1a", "Brief governors and senior leaders on the duty to promote community cohesion, what it means and this self-evaluation.",
            "headteacher", "now", "Governors' minutes record the briefing and who attended."),
        add("1b", "Agree who takes part in the work: staff, governors, pupils, parents and carers, partner organisations and local community representatives.",
            "staff", "now", "A list of the people and groups involved, and how each will be heard, is in the portfolio."),
        add("2a", "Start the cohesion portfolio with the community profile, the audit and the views of those consulted.",
            "staff", "now", "The portfolio exists and governors know where to find it."),
        audit_step,
        add("2c", "Link the priorities in this plan to the school improvement plan and to curriculum planning.",
            "headteacher", "next", "The school improvement plan names the cohesion priorities."),
        add("3a", "Agree the priorities in this plan at a governing body meeting, with pupils' views on what matters most.",
            "governing-body", "now", "The minutes record the plan's approval and how pupils' views were used."),
        add("3b", "Decide which actions are monitored, by whom, and how often they are reported to governors.",
            "governor", "next", "Each action in this plan has a named role that reports on it at least once a term."),
        add("3c", "Train staff on the duty and on the new practices in this plan; offer sessions for pupils and parents.",
            "staff", "next", "Training records show that all staff have taken part."),
        add("4a", ("Review our current partnerships and what each one achieves for pupils." if partners else
                   "Find partners: other schools, community organisations and international links the school can work with."),
            "headteacher", "year", "Each partnership has a stated purpose and a yearly note of what it achieved."),
        add("4b", "Keep the evidence portfolio up to date, adding records as each action happens rather than afterwards.",
            "staff", "yearly", "The portfolio holds evidence for each of the three questions, dated within the year."),
        add("5", "Check that each action in this plan reaches every group of pupils and families, and adapt it where one misses out.",
            "staff", "year", "Take-up of each action is known by group, and no group is left out."),
        add("6", "Update the community profile from the census each year: ethnicity, home languages, faiths and free school meals, with the local area's figures.",
            "staff", "yearly", "The community profile is dated within the last year and shows what has changed."),
    ]


def build_plan(profile: Profile, audit: Audit) -> list[PlanPoint]:
    """Every point of the framework with its actions: the framework's own step first, then the
    priorities from the profile and the audit."""
    actions = framework_actions(profile, audit)
    actions += [a for rule in PROFILE_RULES if (a := rule(profile)) is not None]
    actions += audit_actions(profile, audit)
    return [PlanPoint(point, title, tuple(a for a in actions if a.point == point)) for point, title in POINTS]


def priorities(profile: Profile, audit: Audit) -> list[Action]:
    """The actions the audit and profile call for (not the framework's steps every school takes)."""
    return [a for point in build_plan(profile, audit) for a in point.actions if a.rule != framework_actions.__name__]

