"""The action plan a school can carry: two or three first-year priorities, the framework's few routine
steps, and at most PLAN_LIMIT actions in all, each owned by a role the profile names.

Each priority rule is one function, written only here: the audit rule turns practices not yet in
place into candidate actions, and each profile rule reads one of the Profile's derived facts
(profile.is_monocultural, profile.high_eal, ...) and never compares figures itself. Candidates on
the same topic are one action, never two, and a rule adds nothing that the profile's partnerships or
the audit's practices in place already record. Safety comes first: without an audit that found it in
place, checking how prejudice-related incidents are recorded is a first-year priority.

Dates (plan_dates): the plan starts from the latest of the policy's adoption date, the audit's date and
the day the plan is made, and nothing falls due within half a term of that start. A school's own next
step keeps its own date (or the term its words name), unless that date has passed, and is never put
off to the next plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from cohesion_guide.documents.building_on import faith_link_from_a_school_link, link_abroad, what_is_not_there
from cohesion_guide.documents.commitments import and_list, capital
from cohesion_guide.documents.duty_summary import duty_words
from cohesion_guide.documents.own_steps import own_needs, own_success
from cohesion_guide.documents.partner_links import linked_name
from cohesion_guide.documents.phase_words import kind_of_school, phase_words, with_article
from cohesion_guide.documents.plan_dates import TERMS_AHEAD, TERMS_IN_A_YEAR, Timeline, plan_timeline
from cohesion_guide.documents.plan_order import CURRICULUM, FIRST_TERM, SAFETY, band
from cohesion_guide.documents.render import largest_groups
from cohesion_guide.documents.tension_partners import response_partners
from cohesion_guide.inputs import profiles as profile_rules
from cohesion_guide.inputs.audit import NOT_ASSESSED, Audit, practice, practices
from cohesion_guide.inputs.dates import long_date, parse_date
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, PRU, Governance, governance
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
STEP_TITLES = dict(STEPS)

PLAN_LIMIT = 10  # actions in one plan, at most
FIRST_YEAR_PRIORITIES = 3  # at most, unless safety and prejudice, or the school's own dated steps, call for more
MIN_PRIORITIES = 2
_NAMED_TERM = re.compile(r"\bby the (autumn|spring|summer) term\b", re.IGNORECASE)


@dataclass(frozen=True)
class Action:
    point: str
    text: str
    owner: str
    timescale: str
    success: str
    reason: str  # why the plan has it, in the school's voice: "our audit found this only partly in place"
    rule: str  # the function that added it, for tests and for anyone tracing a line of the plan
    resources: str = ""
    topic: str = ""  # what it is about: two candidates on one topic become one action
    when: str = "year"  # how soon (TERMS_AHEAD, "termly", "yearly", "later"); the plan times it from its start
    due: date | None = None  # the school's own date for it, from its audit
    own: bool = False  # the school's own next step, from its audit: never put off to the next plan

    @property
    def point_title(self) -> str:
        return POINT_TITLES[self.point]

    @property
    def step(self) -> str:
        return self.point[0]

    @property
    def framework(self) -> str:
        """Its place in the six-point framework, in words: 'Framework step 3, developing solutions: who decides'."""
        step, point = STEP_TITLES[self.step], self.point_title
        if point.startswith(step):
            return f"Framework step {self.step}: {_lower(point.replace(':', ','))}"
        return f"Framework step {self.step}, {_lower(step)}: {_lower(point)}"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


# ---- who does what -------------------------------------------------------------------------

# A specialist's own work (audit_practices.yml's owner names the specialism): the role whose title says it,
# else the role given beside it.
SPECIALISMS = {
    "eal": (re.compile(r"\bEAL\b|additional language|new arrivals|language support", re.I), "staff"),
    "family": (re.compile(r"famil|parent", re.I), "headteacher"),
    "communication": (re.compile(r"speech|communication|language therap|\bSALT\b", re.I), "staff"),
    "reintegration": (re.compile(r"reintegration|transition|outreach", re.I), "staff"),
    "faith": (re.compile(r"chaplain|\bRE\b|religious|collective worship", re.I), "staff"),
    "early-years": (re.compile(r"early years|nursery|\bEYFS\b", re.I), "staff"),
    "sixth-form": (re.compile(r"sixth form|post-16|post 16|student services", re.I), "staff"),
}
# A staff lead whose title says the head is a deputy, assistant or vice: the head's title follows from it.
_DEPUTY = re.compile(r"^(?:the )?(?:deputy|assistant|vice)[ -]", re.IGNORECASE)
# A staff lead who is the head.
_HEAD = re.compile(
    r"^(?:the )?(?:executive )?(?:head ?teacher|principal|head of (?:the )?(?:centre|school|academy|unit)|head)\b",
    re.IGNORECASE,
)
TO_CONFIRM = " (to be confirmed)"


def _role(profile: Profile, field: str, value: str) -> str:
    """A role as the plan prints it: a placeholder still to check says so beside the role it names."""
    return value + (TO_CONFIRM if field in profile.unconfirmed else "")


def head_role(profile: Profile) -> str:
    """The head by the school's own title: the profile's head_title, the head a deputy's title implies, or the staff
    lead when the lead is the head. A unit whose profile names no head gets its staff lead: the plan invents no
    title ("head of the unit")."""
    staff = profile.data["leads"]["staff"]
    gov = governance(profile)
    if profile.data["school"].get("head_title") or _DEPUTY.match(staff):
        return gov.head_title
    if _HEAD.match(staff) or gov.group == PRU:  # the staff lead is the head (a placeholder says so beside it)
        return _role(profile, "leads.staff", staff)
    return gov.head_title


def _specialist(profile: Profile, specialism: str) -> str:
    pattern, fallback = SPECIALISMS[specialism]
    leads = profile.data["leads"]
    if pattern.search(leads["staff"]):
        return _role(profile, "leads.staff", leads["staff"])
    found = next((role for role in leads.get("others") or [] if pattern.search(role)), None)
    return found or owner_name(profile, fallback)


def owner_name(profile: Profile, owner: str) -> str:
    """A role key as the role the school uses: governor, governing-body and staff are the profile's own roles (a
    placeholder marked to be confirmed); headteacher is head_role; a specialism (SPECIALISMS) is the role whose
    title says it, else the staff lead or the head."""
    leads = profile.data["leads"]
    if owner == "governor":
        return _role(profile, "leads.governor", leads["governor"])
    if owner == "governing-body":
        return _role(profile, "document.approved_by", profile.data["document"]["approved_by"])
    if owner in ("staff", "other"):
        return _role(profile, "leads.staff", leads["staff"])
    if owner == "headteacher":
        return head_role(profile)
    return _specialist(profile, owner)


# ---- the school's own words ----------------------------------------------------------------


def body_short(gov: Governance) -> str:
    """The body that oversees the plan, as the pack names it after its introduction: a trust's board is "the trust
    board", not its full name at every turn."""
    if gov.group == ACADEMY and gov.delegate is None and gov.body.startswith("the board of"):
        return "the trust board"
    return gov.oversight


def members_short(gov: Governance) -> str:
    """Its members, as the plan names them: an academy's local governors (the trust's trustees are not the ones
    who do a school's audit or read its termly report), a unit's committee members, a board's trustees."""
    return "local governors" if gov.delegate else gov.members


def _bare(body: str) -> str:
    return re.sub(r"^(?:the|our) ", "", body)


def in_own_terms(profile: Profile, text: str) -> str:
    """Text from audit_practices.yml (written for a maintained school's governing body) in the words of the body
    this school has ('the management committee's make-up', 'report ... to local governors') and its own word for
    its pupils (students, children)."""
    gov, words = governance(profile), phase_words(profile)
    if gov.group != MAINTAINED or profile.data["school"].get("accountable_body"):
        body, members = body_short(gov), members_short(gov)

        def body_as(match: re.Match) -> str:
            said = with_article(_bare(body)) if match.group(1).lower() == "a" else body
            return capital(said) if match.group(0)[0].isupper() else said

        text = re.sub(r"\b([Tt]he|[Aa]) governing body\b", body_as, text)
        text = re.sub(r"\bgovernors\b", members, text)
        text = re.sub(r"\bGovernors\b", capital(members), text)
    text = re.sub(r"\bpupils\b", words.pupils, re.sub(r"\bPupils\b", words.Pupils, text))
    # "pupil premium" is the funding's name, whatever the school calls its pupils
    text = re.sub(r"\bpupil\b(?! premium)", words.pupil, re.sub(r"\bPupil\b(?! premium)", words.Pupil, text))
    return capital(text)


def kinds_of(profile: Profile) -> tuple[str, ...]:
    """The kinds of school audit_practices.yml words a practice for ("for"), in the order they are tried."""
    kinds = []
    if profile.young_children:
        kinds.append("young")
    if profile.complex_needs:
        kinds.append("complex")
    if profile.phase_group == "special":
        kinds.append("special")
    if profile.phase_group == "pru":
        kinds.append("pru")
    if profile.phase == "16-plus":
        kinds.append("post-16")
    if governance(profile).sets_admissions:
        kinds.append("own-admissions")
    return tuple(kinds)


def _action(profile: Profile, point, text, owner, when, success, reason, rule, resources, topic) -> Action:
    """A profile rule's action, timed from the adoption date until the plan times it from its own start."""
    return Action(
        point,
        text,
        owner_name(profile, owner),
        _standalone(profile).when(when),
        success,
        reason,
        rule.__name__,
        resources,
        topic,
        when,
    )


def _standalone(profile: Profile) -> Timeline:
    if "document.date_adopted" in profile.unconfirmed:
        return Timeline(None, "unconfirmed")
    return Timeline(parse_date(profile.data["document"]["date_adopted"]))


# ---- the audit rule -------------------------------------------------------------------------


def audit_actions(profile: Profile, audit: Audit) -> list[Action]:
    """A practice not yet in place becomes a candidate action at its point of the framework, in the words for this
    kind of school: not-yet ones by the end of the next term, partly ones within the year, or by the entry's own
    `due` date. The school's own next step wins over the suggested one."""
    out = []
    kinds = kinds_of(profile)
    for base in practices():
        status = audit.status(base.id)
        if status not in ("not-yet", "partly"):
            continue
        p = base.for_kinds(kinds)
        entry = audit.entry(p.id)
        own = bool(entry and entry.next_step)
        found = "not yet" if status == "not-yet" else "only partly"
        reason = f"our audit found this {found} in place" + (", and set this next step" if own else "")
        suggested = _built_on(profile, p.id, in_own_terms(profile, p.action), entry.where if entry else None)
        if not own and suggested != in_own_terms(profile, p.action) and entry and entry.where:
            reason += f" ({_lower(entry.where)})"
        action = _action(
            profile,
            p.point,
            entry.next_step if own else suggested,
            p.owner,
            "next" if status == "not-yet" else "year",
            in_own_terms(profile, p.success),
            reason,
            audit_actions,
            in_own_terms(profile, p.resources) if p.resources else "Staff time",
            p.id,
        )
        if entry and entry.due:
            due = parse_date(entry.due)
            action = replace(action, timescale=f"by {long_date(due)}", due=due)
        if entry and entry.lead:  # the role the school named to lead it, as the school wrote it
            action = replace(action, owner=entry.lead)
        if own:  # the school's own words: its needs and measure fit the step, not the suggestion it replaces
            oversight = body_short(governance(profile))
            action = replace(
                action,
                own=True,
                success=own_success(entry.next_step, oversight, action.success),
                resources=own_needs(entry.next_step, action.resources),
            )
        out.append(action)
    return out


def _built_on(profile: Profile, topic: str, action: str, where: str | None) -> str:
    """The suggested action, building on what the profile or the audit already records (building_on)."""
    if topic == "global-links" and profile.phase_group != "pru":
        return link_abroad(profile, phase_words(profile).pupils) or action
    return what_is_not_there(action, where)


def _audit_rank(action: Action, audit: Audit) -> int:
    """The school's own next steps first (not-yet, then partly), then suggested steps for practices
    not yet in place, then those partly in place."""
    partly = 1 if audit.status(action.topic) == "partly" else 0
    return partly if action.own else 2 + partly


# ---- the profile rules ----------------------------------------------------------------------

_JOURNEY = re.compile(r"way (?:home|to school|to and from)|journey|bus|walk(?:ing)? home|on the street", re.I)
_ONLINE = re.compile(r"online|social media|internet|messag", re.I)


def _tension(profile: Profile) -> str:
    """The school's own words on local tension: read to plan from, never printed."""
    return str(profile.known("local_tensions") or "")


def _tension_reason(profile: Profile) -> str:
    """Why the tension actions are there, and where governors read what the school knows (never in the pack)."""
    head, oversight = _lower(governance(profile).head_title), body_short(governance(profile))
    return (
        f"we know of tension in our area, which the {head} sets out for {oversight} in a confidential note rather "
        "than in this public pack"
    )


def _partners(profile: Profile, *kinds: str) -> list[str]:
    """The names of the profile's partners of these kinds, as a sentence names them (linked_name)."""
    return [linked_name(p["name"]) for p in profile.data.get("partnerships") or [] if p["kind"] in kinds]


def incident_check(profile: Profile) -> Action:
    """No audit has checked how prejudice-related incidents are recorded: keeping pupils safe comes first."""
    oversight = body_short(governance(profile))
    words = phase_words(profile)
    which = (
        "prejudice-related incidents, such as unkind words about a child's language, skin colour, faith or disability,"
        if profile.young_children
        else "prejudice-related incidents, bullying and harassment"
    )
    return _action(
        profile,
        "3b",
        f"Check how {which} are recorded, acted on and reported to {oversight}, and close any gap the check finds.",
        "headteacher",
        "now",
        f"Every incident is recorded the same way, and {oversight} sees the pattern and what was done each term.",
        f"no audit has yet checked how we record prejudice-related incidents, and keeping our {words.pupils} safe "
        "comes first",
        incident_check,
        "A senior leader's time; our incident records",
        "prejudice-incidents",
    )


def tension_incidents(profile: Profile) -> Action | None:
    """The school knows of local tension (local_tensions, never printed): incidents recorded and reviewed closely
    from the start, wherever the school's words place them."""
    tension = _tension(profile)
    if not tension:
        return None
    oversight = body_short(governance(profile))
    places = ["in school"]
    if _ONLINE.search(tension):
        places.append("online")
    if _JOURNEY.search(tension):
        places.append("on the way to and from school")
    return _action(
        profile,
        "3b",
        f"Record every prejudice-related incident {and_list(places, 'or')}, with the action taken; review the pattern "
        f"each half term, and report it to {oversight} in a confidential note, and to the local police when an "
        "incident outside school may be a crime.",
        "headteacher",
        "now",
        f"Incidents are recorded the same way by every member of staff, and {oversight} sees the pattern, and what "
        "was done, each half term.",
        _tension_reason(profile),
        tension_incidents,
        "Staff time to record and review incidents; a short half-termly report",
        "prejudice-incidents",
    )


def tension_response(profile: Profile) -> Action | None:
    """Local tension: a written plan for when tension rises, made with those of the profile's partners whose work
    suits it (tension_partners), the police and the local authority."""
    tension = _tension(profile)
    if not tension:
        return None
    pupils = phase_words(profile).pupils
    partners = response_partners(profile.data.get("partnerships") or [])
    parts = ["who contacts families", f"what we say to our {pupils}"]
    if _JOURNEY.search(tension):
        parts.append(f"how our {pupils} get to and from school safely")
    return _action(
        profile,
        "1b",
        f"Agree a written plan with {and_list(partners)} for when tension rises: {and_list(parts)}. Meet those "
        "partners to agree it, and review it after any serious incident.",
        "headteacher",
        "now",
        f"The plan is agreed with those partners and approved by {body_short(governance(profile))}, and every "
        "member of staff knows their part in it.",
        _tension_reason(profile),
        tension_response,
        "Senior leaders' time; a meeting with our partners",
        "tension-response",
    )


def tension_online(profile: Profile) -> Action | None:
    """Local tension that reaches pupils online: staff ready to respond, and lessons on what pupils see online."""
    if not _ONLINE.search(_tension(profile)) or profile.young_children:
        return None
    pupils = phase_words(profile).pupils
    return _action(
        profile,
        "3c",
        f"Train staff, as part of our Prevent duty training, to respond when {pupils} repeat hostile things they "
        f"have met online, and plan lessons in which {pupils} learn to question what they see online.",
        "staff",
        "year",
        f"Every member of staff has had the training, and every group of {pupils} has had the lessons.",
        f"tension in our area reaches our {pupils} online",
        tension_online,
        "A training session; staff planning time",
        "online-hostility",
    )


def mid_year_welcome(profile: Profile) -> Action | None:
    """Many pupils join during the school year: a welcome for each of them and their families."""
    if not profile.high_mobility:
        return None
    words = phase_words(profile)
    return _action(
        profile,
        "5",
        f"Set out how {words.pupils} who join during the year, and their families, are welcomed: a named adult"
        + ("" if profile.young_children else ", a buddy")
        + ", and a check within a few weeks that each has settled and made friends.",
        "staff",
        "now",
        f"Every {words.pupil} who joins mid-year has a named adult from the first day, and the check is recorded "
        "for each.",
        f"{profile.mobility:g}% of our {words.pupils} joined during the school year",
        mid_year_welcome,
        "Staff time for welcome meetings; interpreters where families need them",
        "mid-year-arrivals",
    )


def monocultural_partnership(profile: Profile) -> Action | None:
    """Most pupils share one ethnic background: they meet people whose backgrounds differ. A school that already
    has links with other schools builds on them rather than being asked to start one."""
    if not profile.is_monocultural:
        return None
    label, share = largest_groups(profile.ethnicity)[0]
    words = phase_words(profile)
    pupils = words.pupils
    reason = f"most of our {pupils} share one ethnic background ({label}, {share:g}%)"
    if profile.phase_group == "pru":  # a short stay: no class-to-class link, but people from beyond their estates
        community = _partners(profile, "community")
        return _action(
            profile,
            "4a",
            f"Give each {words.pupil} the chance to work alongside people whose backgrounds differ from their own, "
            f"as volunteers, mentors or on a community project"
            + (f", with {and_list(community)}" if community else "")
            + ".",
            "staff",
            "next",
            f"Each {words.pupil} has taken part in at least one such activity during their time with us, and what "
            "they did is recorded.",
            reason,
            monocultural_partnership,
            "Staff time; travel to partners",
            "links-other-schools",
        )
    groups = "classes" if profile.phase_group == "special" or profile.young_children else "year groups"
    schools = _partners(profile, "school")
    if schools:
        return _action(
            profile,
            "4a",
            f"Build on our link with {and_list(schools)}: widen it to more {groups}, and make sure it brings "
            f"{pupils} together with {pupils} whose backgrounds differ from most of ours.",
            "headteacher",
            "next",
            f"More {groups} take part in the link than last year, and a record shows who took part and what they did "
            "together.",
            reason,
            monocultural_partnership,
            "Staff time to plan with the partner school; transport for visits",
            "links-other-schools",
        )
    return _action(
        profile,
        "4a",
        f"Set up a lasting partnership with a school whose {pupils} come from backgrounds different from most of "
        f"ours, with {pupils} working together more than once a year.",
        "headteacher",
        "next",
        f"{words.Pupils} in at least two {groups} have worked with the partner school more than once, and what they "
        "did together is recorded.",
        reason,
        monocultural_partnership,
        "Staff time to plan with the partner school; transport for one visit each way",
        "links-other-schools",
    )


def high_eal_language_support(profile: Profile) -> Action | None:
    """Many pupils learning English: language support and reaching families in their home languages, in the terms
    that fit the school's pupils (children's first words, students' academic English, communication plans)."""
    if not profile.high_eal:
        return None
    words = phase_words(profile)
    reason = f"{profile.known('pupils.eal_percent'):g}% of our {words.pupils} have English as an additional language"
    first = (
        "" if profile.data["pupils"].get("home_languages") else "List the languages our families speak at home; then "
    )
    if profile.complex_needs:
        text = (
            "check that every family who speaks another language at home has its child's communication plan, and "
            "key letters, in its own language."
        )
        success = "Every family who needs one has its child's communication plan in its home language."
        owner, resources = "communication", "Translation and interpreting; speech and language therapy time"
    elif profile.phase == "16-plus":
        text = (
            "review support for students learning English, including the academic English their courses need, and "
            "make sure families who speak other languages can reach us in their own language."
        )
        success = (
            "Each student learning English has a language assessment and a support plan within a month of starting, "
            "and their progress is tracked."
        )
        owner, resources = "eal", "EAL staff time; interpreting and translation budget"
    elif profile.young_children:
        text = (
            "review how children new to English, and their families, are welcomed and supported: a language "
            "assessment, and letters and meetings in families' home languages (translated letters, interpreters, "
            "bilingual staff or volunteers)."
        )
        success = (
            "Each child new to English has a language assessment within a month of joining, and families are offered "
            "an interpreter at every meeting."
        )
        owner, resources = "eal", "Interpreting and translation budget; EAL staff time"
    else:
        text = (
            "review support for new arrivals learning English, and reach families in their home languages "
            "(translated key letters, interpreters at meetings, bilingual staff or volunteers)."
        )
        success = (
            "New arrivals have a language assessment within a month of joining, and attendance at parents' meetings is "
            "recorded by home language, so that it can be compared next year."
        )
        owner, resources = "eal", "Interpreting and translation budget; EAL staff time"
    return _action(
        profile,
        "5",
        capital(first + text),
        owner,
        "now",
        success,
        reason,
        high_eal_language_support,
        resources,
        "eal-support",
    )


def rural_isolation(profile: Profile) -> Action | None:
    """A rural school: regular contact beyond its own area, against isolation."""
    if not profile.is_rural:
        return None
    pupils = phase_words(profile).pupils
    reason = f"we are a rural school, and distance can keep our {pupils} apart from other communities"
    if profile.phase_group == "special":
        return _action(
            profile,
            "4a",
            "Plan a visit to a town or city for every class each year, with accessible transport and the care and "
            "support each pupil needs.",
            "staff",
            "next",
            "Every class has made at least one visit to a town or city this year, and staff record how pupils "
            "responded.",
            reason,
            rural_isolation,
            "Accessible transport; care and support staff time",
            "visits-other-communities",
        )
    linked = profile.is_monocultural  # its link with another school is already planned
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
        reason,
        rural_isolation,
        "Coach hire; staff time" if linked else "Coach hire for exchange visits; video-call equipment",
        "visits-other-communities",
    )


def high_fsm_barriers(profile: Profile) -> Action | None:
    """Many pupils eligible for free school meals: remove what keeps them out, as it does at their age and in their
    kind of school (a nursery's sessions, a special school's transport, a unit's groups near home)."""
    if not profile.high_fsm:
        return None
    words = phase_words(profile)
    pupils = words.pupils
    reason = f"{profile.known('pupils.fsm_percent'):g}% of our {pupils} are eligible for free school meals"
    if profile.young_children:
        text = (
            "Find out which families miss stay-and-play sessions, outings and events, and remove what keeps them "
            "away: cost, times, transport or language."
        )
        success = "Take-up of sessions, outings and events is recorded by group each term, and rises for the families who were missing."
        resources = "Staff time; a budget for costs families cannot meet"
    elif profile.phase_group == "special":
        text = (
            f"Find out which clubs, outings and activities {pupils} eligible for free school meals miss, and remove "
            "what keeps them out: cost, transport or the support each pupil needs."
        )
        success = f"Every {words.pupil} who wants to take part in a club or outing has the transport and support to do so, and take-up is recorded each term."
        resources = "Pupil premium funding; transport and support staff time"
    elif profile.phase_group == "pru":
        text = (
            f"Find out which activities, clubs and groups near home our {pupils} miss, and remove the cost and other "
            "barriers that keep them out."
        )
        success = (
            f"Each {words.pupil}'s take-up of activities is recorded each term, and take-up rises across the group."
        )
        resources = "Pupil premium funding; staff time"
    elif profile.phase == "16-plus":
        text = (
            "Find out which enrichment activities students eligible for free school meals miss, and remove what keeps "
            "them out: cost, travel, paid work or caring at home."
        )
        success = "Take-up of enrichment is recorded by group each term, and the gap between students eligible for free school meals and the rest narrows over the year."
        resources = "An enrichment budget; staff time"
    else:
        text = (
            f"Find out which clubs, trips and activities {pupils} eligible for free school meals miss, and remove the "
            "costs and other barriers that keep them out."
        )
        success = f"Take-up of clubs and trips by {pupils} eligible for free school meals is recorded each term, and the gap with their classmates narrows over the year."
        resources = "Pupil premium funding for trips and clubs; staff time to look at who takes part"
    return _action(
        profile,
        "5",
        text,
        "headteacher",
        "now",
        success,
        reason,
        high_fsm_barriers,
        resources,
        "barriers-to-taking-part",
    )


def _no_majority(profile: Profile) -> bool:
    """No ethnic group makes up half of the pupils, by a make-up that accounts for every pupil."""
    largest = profile.largest_ethnic_group
    return profile.is_highly_diverse or (
        profile.ethnicity_complete and largest is not None and largest[1] < profile_rules.DIVERSE_LARGEST_BELOW
    )


def diverse_relationships(profile: Profile) -> Action | None:
    """No ethnic group makes up half of the pupils: relationships between families (or, where students are adults
    or nearly, between the students themselves) come first."""
    if not _no_majority(profile):
        return None
    words = phase_words(profile)
    top = ", ".join(f"{label} ({share:g}%)" for label, share in largest_groups(profile.ethnicity)[:3])
    reason = f"no ethnic group makes up half of our {words.pupils}; the largest are {top}"
    if profile.phase == "16-plus":
        return _action(
            profile,
            "1b",
            "Plan activities each term, in tutor groups, enrichment and student societies, that bring together "
            "students who came to us from different schools and communities.",
            "staff",
            "now",
            "A record of each term's activities shows students from each of our largest groups taking part together.",
            reason,
            diverse_relationships,
            "Tutors' time; an enrichment budget",
            "engaging-parents",
        )
    return _action(
        profile,
        "1b",
        "Hold events each term where parents from every community meet each other and the staff, at times "
        "and in places that suit them.",
        "family",
        "now",
        "Parents from each of our largest groups come to at least one event each term, and what they tell us about "
        "feeling welcome is recorded.",
        reason,
        diverse_relationships,
        "Staff time; interpreters; refreshments",
        "engaging-parents",
    )


# Words that show a partnership is with a faith community, and the faith traditions they belong to: a link with
# another faith is one with a community outside the school's own tradition, or an interfaith one.
_FAITH_WORDS = {
    "christian": r"church|cathedral|chapel|parish|christian|diocese|methodist|catholic|anglican",
    "jewish": r"synagogue|jewish|\bjews\b",
    "muslim": r"mosque|muslim|islamic",
    "hindu": r"mandir|hindu",
    "sikh": r"gurdwara|sikh",
    "buddhist": r"buddhis|vihara",
    "interfaith": r"interfaith|inter-faith|faiths|humanist",
}
_TRADITIONS = {
    "christian": r"church|catholic|christian|methodist|anglican|orthodox|quaker|baptist|adventist|moravian|evangelical",
    "jewish": r"jewish",
    "muslim": r"muslim|islam",
    "hindu": r"hindu",
    "sikh": r"sikh",
    "buddhist": r"buddhis",
}


def _tradition(name: str) -> str | None:
    return next((t for t, words in _TRADITIONS.items() if re.search(words, name, re.I)), None)


def _other_faith_link(profile: Profile, own: str | None) -> bool:
    for partner in profile.data.get("partnerships") or []:
        said = f"{partner['name']} {partner['what']}"
        for tradition, words in _FAITH_WORDS.items():
            if tradition != own and re.search(words, said, re.I):
                return True
    return False


def _in_a_sentence(faiths: list[str]) -> list[str]:
    """'No religion' reads 'no religion' in a sentence; a faith's name keeps its capital (as render.beliefs has it,
    here unescaped: an action's words are escaped when they are printed)."""
    return [f[:1].lower() + f[1:] if re.match(r"(no|none|not|other|any other)\b", f, re.I) else f for f in faiths]


def faith_links(profile: Profile) -> Action | None:
    """A school with a religious character whose families share its tradition (or have none), and which has no link
    with another faith yet: a link with a school or community of another faith, or of none. Nothing where the
    families' faiths are not known, or already include other faiths."""
    if not profile.has_religious_character:
        return None
    character = profile.data["school"]["religious_character"]
    own = _tradition(character)
    faiths = profile.data["pupils"].get("faiths") or []
    others = [f for f in faiths if not re.match(r"no\b|none|not\b", f, re.I) and _tradition(f) != own]
    if not faiths or others or _other_faith_link(profile, own):
        return None
    return _action(
        profile,
        "4a",
        faith_link_from_a_school_link(profile)
        or "Build a link with a school or community of another faith, or of none, with a visit or joint project each "
        "year.",
        "faith",
        "year",
        "At least one link with another faith is active, and its visit or joint project is recorded in the portfolio.",
        f"we are a {character} school, and our families' faiths and beliefs are {and_list(_in_a_sentence(faiths))}",
        faith_links,
        "Staff time to plan; transport for visits",
        "faith-links",
    )


def mainstream_links(profile: Profile) -> Action | None:
    """A special school with no link with another school in its profile: regular links with a mainstream school."""
    if profile.phase_group != "special" or _partners(profile, "school"):
        return None
    pupils = phase_words(profile).pupils
    return _action(
        profile,
        "4a",
        f"Agree a link with a mainstream school where {pupils} from both schools learn or play together each half "
        "term, with the support each needs.",
        "headteacher",
        "next",
        f"{pupils.capitalize()} from both schools have met at least four times in the year, and staff of both schools "
        "say what changed.",
        "we are a special school, and we have no link with another school yet",
        mainstream_links,
        "Staff and escort time; accessible transport",
        "links-other-schools",
    )


_NEAR_HOME = re.compile(r"near (?:their )?home|youth groups?|groups near", re.I)
_YOUTH = re.compile(r"youth|club|sport|scout|guide|group", re.I)  # a partner that runs something to join


def _next_place(profile: Profile) -> str:
    """Where a unit's pupils go next, by their ages: a school, or a school or college, or college, training or work."""
    low, high = (profile.data["school"].get(f"statutory_{end}_age") for end in ("low", "high"))
    if high is not None and high <= 11:
        return "the school they move to"
    if low is not None and low >= 14:
        return "the college, training provider or employer they move on to"
    return "the school or college they move to"


def reintegration_links(profile: Profile) -> Action | None:
    """A pupil referral unit or alternative provision: each pupil's return or next step, with a group near home.
    Where the profile already records return plans with schools, only the group near home is new; where a partner
    already finds pupils groups near home, nothing is."""
    if profile.phase_group != "pru":
        return None
    words = phase_words(profile)
    partners = profile.data.get("partnerships") or []
    if any(_NEAR_HOME.search(p["what"]) for p in partners):
        return None
    reason = f"each {words.pupil}'s next step is the heart of our work as {with_article(kind_of_school(profile))}"
    if _partners(profile, "school"):
        community = [
            linked_name(p["name"])
            for p in partners
            if p["kind"] == "community" and _YOUTH.search(f"{p['name']} {p['what']}")
        ]
        return _action(
            profile,
            "4a",
            f"Before each {words.pupil} leaves us, link them with a club or group near home, working with "
            + (and_list(community) if community else "local youth services")
            + ".",
            "reintegration",
            "next",
            f"Each {words.pupil} who leaves has a named contact in a group near home.",
            reason,
            reintegration_links,
            "Staff time to find and visit local groups",
            "local-agencies",
        )
    return _action(
        profile,
        "4a",
        f"Agree with the schools our {words.pupils} come from, and local services, how each {words.pupil}'s return "
        "or next step is planned, including a link to a club or group near home.",
        "reintegration",
        "next",
        f"Each {words.pupil} who leaves has a written plan shared with {_next_place(profile)}, and a named contact in "
        "a group near home.",
        reason,
        reintegration_links,
        "Staff time for visits to schools and local groups",
        "local-agencies",
    )


def placements_by_group(profile: Profile) -> Action | None:
    """A pupil referral unit or alternative provision: its policy says it will look each year at which groups of
    pupils are placed with it and tell the local authority and schools where some are placed more often, so the
    plan does it (in the audit's own words for a unit's placements)."""
    if profile.phase_group != "pru":
        return None
    words = phase_words(profile)
    p = practice("admissions").for_kinds(kinds_of(profile))
    return _action(
        profile,
        p.point,
        in_own_terms(profile, p.action),
        p.owner,
        "year",
        in_own_terms(profile, p.success),
        f"our policy says that each year we will look at which groups of {words.pupils} are placed with us, and "
        "tell the local authority and schools where some groups are placed more often than others",
        placements_by_group,
        in_own_terms(profile, p.resources),
        "admissions",
    )


# What the school's policy says it does each year: its first time is in the plan's first year, never put off (fifth
# cold read: a unit's policy promised a yearly look at placements that its plan first took in summer 2028).
POLICY_PROMISES_EACH_YEAR = {placements_by_group.__name__}

PROFILE_RULES = (
    tension_incidents,
    tension_response,
    tension_online,
    mid_year_welcome,
    monocultural_partnership,
    high_eal_language_support,
    rural_isolation,
    high_fsm_barriers,
    diverse_relationships,
    faith_links,
    mainstream_links,
    reintegration_links,
    placements_by_group,
)


# ---- the framework's own steps, in every plan -----------------------------------------------

# The census figures the plan reads, as a sentence names each one the profile does not give.
FIGURES = (
    ("pupils.eal_percent", "the share of {pupils} with English as an additional language"),
    ("pupils.fsm_percent", "the share of {pupils} eligible for free school meals"),
    ("pupils.ethnicity", "{pupils_own} ethnic make-up"),
)


def unknown_figures(profile: Profile) -> list[str]:
    """The census figures the profile does not give (or gives only to confirm): the plan cannot act on them, and
    adds them in its first term. A nursery school's children are mostly too young for free school meals to be
    recorded for them, so the plan does not ask for that figure."""
    words = phase_words(profile)
    return [
        said.format(pupils=f"our {words.pupils}", pupils_own=f"our {words.pupils_own}")
        for field, said in FIGURES
        if profile.known(field) in (None, {}) and not (field == "pupils.fsm_percent" and profile.phase == "nursery")
    ]


def framework_actions(profile: Profile, audit: Audit) -> list[Action]:
    """The few steps every school takes, whatever its audit says: the audit itself, the briefing, the termly report
    and the yearly update of the community profile."""
    gov = governance(profile)
    body, members = body_short(gov), members_short(gov)
    words = phase_words(profile)
    rule = framework_actions.__name__

    def add(point, text, owner, when, success, resources, topic, reason=""):
        return Action(
            point,
            text,
            owner_name(profile, owner),
            _standalone(profile).when(when),
            success,
            reason,
            rule,
            resources,
            topic,
            when,
        )

    if audit.exists:
        audit_step = add(
            "2b",
            f"Update the self-evaluation audit with staff and {members}, and compare it with last year's.",
            "staff",
            "yearly",
            "The audit is dated within the last year, and its report shows what has changed.",
            "Staff meeting time; the audit form",
            "audit",
            "a yearly audit shows what has changed, and where to look next",
        )
    else:
        audit_step = add(
            "2b",
            f"Complete the self-evaluation audit with staff and {members}, and attach it to this plan.",
            "staff",
            "now",
            "Every practice in the audit has a status, and each one in place says where it can be seen.",
            "Staff meeting time; the audit form",
            "audit",
            "every other priority depends on knowing where we stand",
        )
    missing = unknown_figures(profile)
    profile_step = add(
        "6",
        (
            f"Add {and_list(missing)} from our school census return to the community profile; then update the "
            "community profile and the evidence portfolio from the census each year."
            if missing
            else "Update the community profile and the evidence portfolio from the census each year."
        ),
        "staff",
        "now" if missing else "yearly",
        "The community profile gives every census figure, is dated within the last year and shows what has changed.",
        "Our census return; office time",
        "community-profile",
        "the plan cannot act on a figure it does not have"
        if missing
        else f"the plan rests on knowing who our {words.pupils} and their families are, and that changes each year",
    )
    if missing:
        profile_step = replace(profile_step, timescale="")  # build_plan times it: the first term, then each year
    return [
        add(
            "3a",
            f"Brief {body} on this plan and on {duty_words(profile).briefing}. Agree the plan's priorities, taking "
            f"account of {words.pupils_own} views.",
            "governor",
            "now",
            f"The minutes record the briefing, the plan's approval and how {words.pupils_own} views were used.",
            f"An agenda item at a meeting of {body}",
            "briefing",
            f"{body} answers for this work, and approves the plan",
        ),
        audit_step,
        add(
            "3b",
            f"Report progress on the first-year priorities to {body} each term.",
            "headteacher",
            "termly",
            "Each priority has a termly progress note in the minutes.",
            "A short termly report",
            "termly-report",
            f"{body} checks each term that the plan is being carried out",
        ),
        profile_step,
    ]


# ---- the plan -------------------------------------------------------------------------------


def _default_survey(profile: Profile) -> Action:
    """Nothing in the profile or audit calls for a first priority: start by asking how well pupils get on, in a
    way that suits them (no survey of young children, or of pupils with profound learning difficulties)."""
    words = phase_words(profile)
    oversight = body_short(governance(profile))
    low = profile.data["school"].get("statutory_low_age")
    if profile.complex_needs:
        text = (
            f"Find out each year how well {words.pupils} from different backgrounds get on, through staff observation, "
            "each pupil's own way of communicating and their families' views, and share what we learn."
        )
        resources = "Class staff's time; a short questionnaire for families"
    elif profile.young_children:
        text = (
            "Ask families each year how well children from different backgrounds play and get on together, and share "
            "what they say."
        )
        resources = "Staff time to ask families and write up what they say"
    elif profile.has_nursery or (low is not None and low < 7):
        text = (
            f"Run a yearly survey of how well {words.pupils} from different backgrounds get on, for {words.pupils} in "
            "year 3 and above, ask the families of younger children, and share what they say."
        )
        resources = "A survey tool; staff time to analyse it"
    else:
        text = f"Run a yearly survey of how well {words.pupils} from different backgrounds get on, and share what it finds."
        resources = "A survey tool; staff time to analyse it"
    return _action(
        profile,
        "1b",
        text,
        "staff",
        "next",
        f"What we heard is reported to {oversight}, with one change made because of it.",
        f"nothing we know of our school yet points to another first priority, so we start by listening to our "
        f"{words.pupils}",
        _default_survey,
        resources,
        "pupil-voice",
    )


def _default_partnership(profile: Profile) -> Action | None:
    if profile.data.get("partnerships"):
        return None
    pupils = phase_words(profile).pupils
    return _action(
        profile,
        "4a",
        "Set up a partnership with another school or a community organisation.",
        "headteacher",
        "year",
        f"A partnership is in place with a stated purpose, and {pupils} have taken part in it.",
        "we have no partnership yet",
        _default_partnership,
        "Staff time to plan with the partner",
        "links-other-schools",
    )


def _defaults(profile: Profile) -> list[Action]:
    return [a for a in (_default_survey(profile), _default_partnership(profile)) if a is not None]


def _in_place(audit: Audit, topic: str) -> bool:
    return audit.status(topic) == "in-place"


def _candidates(profile: Profile, audit: Audit) -> list[Action]:
    """Every priority the audit and profile call for, ranked (BANDS), one per topic. A profile rule adds nothing the
    audit found in place; without an audit, checking how incidents are recorded is always a candidate."""
    from_audit = audit_actions(profile, audit)
    from_profile = [a for rule in PROFILE_RULES if (a := rule(profile)) is not None and not _in_place(audit, a.topic)]
    if audit.status("prejudice-incidents") == NOT_ASSESSED:
        from_profile.append(incident_check(profile))

    def source(action: Action) -> int:
        # 0, 1: the school's own next steps; 2, 3: the audit's suggestions, which build on what it found partly in
        # place; 4: what the profile calls for, where the audit did not look
        return _audit_rank(action, audit) if action.rule == audit_actions.__name__ else 4

    ranked = sorted(from_audit + from_profile, key=lambda a: (band(a.topic), source(a)))
    seen, out = set(), []
    for action in ranked:
        if action.topic not in seen:
            seen.add(action.topic)
            out.append(action)
    return out


@dataclass(frozen=True)
class Plan:
    priorities: tuple[Action, ...]  # the first year's two or three priorities (and any the audit dated within it)
    steps: tuple[Action, ...]  # the framework's routine steps, in every plan
    later: tuple[Action, ...]  # the rest of the plan, after the first year, within PLAN_LIMIT
    deferred: tuple[str, ...]  # what the audit or profile found that waits for the next plan
    start: tuple[Action, ...] = ()  # what comes before everything: the audit, when the school has none
    timeline: Timeline | None = None

    @property
    def actions(self) -> tuple[Action, ...]:
        return self.start + self.priorities + self.steps + self.later

    def number(self, action: Action) -> int:
        """The action's number in the plan's table, from 1."""
        return self.actions.index(action) + 1


def _own_date(action: Action, timeline: Timeline) -> Action:
    """The school's own next step with the date its audit gave it, or the term its own words name ("by the spring
    term"). A date that has passed when the plan starts is no date to keep: the step falls due in the first term."""
    if action.due and timeline.has_passed(action.due):
        return replace(action, due=None, when="now")
    if not action.own or action.due:
        return action
    named = _NAMED_TERM.search(action.text)
    day = timeline.named(named.group(1)) if named else None
    return replace(action, due=day) if day else action


def _timed(action: Action, timeline: Timeline, term: int | None = None) -> Action:
    """The action with its date in the plan: its own date, the term given (`term`), or its own `when`."""
    if action.due:
        return replace(action, timescale=f"by {long_date(action.due)}")
    if term is not None:
        return replace(action, timescale=timeline.by_end_of(term))
    if action.when in TERMS_AHEAD:
        return replace(action, timescale=timeline.by_end_of(TERMS_AHEAD[action.when]))
    return replace(action, timescale=timeline.when(action.when))


def _order(action: Action) -> tuple:
    return (band(action.topic), action.due or date.max, TERMS_AHEAD.get(action.when, 3))


def build_plan(profile: Profile, audit: Audit, today: date | None = None) -> Plan:
    """The plan: without an audit, the audit first; then the first-year priorities (every safety and prejudice
    action, the school's own steps it dated within the year, what its policy promises each year, then by rank), the routine steps, and the rest after the first
    year, up to PLAN_LIMIT. The school's own next steps are never put off to the next plan, and the curriculum is
    never all put off. `today` is the day the plan is made (plan_dates.made_on when not given)."""
    timeline = plan_timeline(profile, audit, today)
    framework = framework_actions(profile, audit)
    start = [a for a in framework if a.topic == "audit" and not audit.exists]
    steps = [a for a in framework if a not in start]
    candidates = [_own_date(a, timeline) for a in _candidates(profile, audit)]

    chosen = [a for a in candidates if band(a.topic) == SAFETY]  # safety and prejudice: always the first year
    chosen += [a for a in candidates if a.own and a.due and timeline.in_first_year(a.due) and a not in chosen]
    chosen += [a for a in candidates if a.rule in POLICY_PROMISES_EACH_YEAR and a not in chosen]
    for action in candidates:
        if len(chosen) >= FIRST_YEAR_PRIORITIES:
            break
        if action not in chosen:
            chosen.append(action)
    used = {a.topic for a in candidates}
    for extra in _defaults(profile):
        if len(chosen) >= MIN_PRIORITIES:
            break
        if extra.topic not in used:
            chosen.append(extra)

    rest = [a for a in candidates if a not in chosen]
    room = PLAN_LIMIT - len(start) - len(chosen) - len(steps)
    own = [a for a in rest if a.own]
    later = own + [a for a in rest if not a.own][: max(0, room - len(own))]
    if not any(a.topic in CURRICULUM for a in chosen + later):  # the curriculum is never all put off
        lesson = next((a for a in rest if a.topic in CURRICULUM), None)
        movable = [a for a in later if not a.own]
        if lesson and movable:
            later[later.index(movable[-1])] = lesson
        elif lesson and len(later) < room:
            later.append(lesson)
    deferred = tuple(a.text for a in rest if a not in later)

    # safety first, in time as well: an incident check or a response plan is due in the plan's first term
    first = [
        _timed(replace(a, when="now") if a.topic in FIRST_TERM else a, timeline) for a in sorted(chosen, key=_order)
    ]
    later = sorted(later, key=_order)
    after = []
    for n, action in enumerate(later):
        if action.due and not timeline.in_first_year(action.due):
            after.append(_timed(action, timeline))
        else:  # after the first year: never a first-year date on a later action
            after.append(_timed(replace(action, due=None), timeline, TERMS_IN_A_YEAR + min(n, 2)))
    steps = [_timed(a, timeline) if a.timescale else _first_then_yearly(a, timeline) for a in steps]
    start = [_timed(a, timeline) for a in start]
    return Plan(tuple(first), tuple(steps), tuple(after), deferred, tuple(start), timeline)


def _first_then_yearly(action: Action, timeline: Timeline) -> Action:
    return replace(action, timescale=f"{timeline.by_end_of(0)}, then every year")


@dataclass(frozen=True)
class FigureReading:
    """A fact of the profile at the level where the plan acts on it, and what the plan does about it."""

    figure: str  # "36% of our pupils are eligible for free school meals"
    outcome: str  # where its action is: "a first-year priority: action 2 in the plan", or why it has none


# The profile rules whose facts are figures (or what the school says of its area) that reach a threshold.
FIGURE_RULES = (
    tension_incidents,
    high_eal_language_support,
    high_fsm_barriers,
    monocultural_partnership,
    diverse_relationships,
    mid_year_welcome,
)


def _waiting(action: Action, profile: Profile, audit: Audit, plan: Plan) -> str:
    """Where a fact's work waits: the item of "For the next plan" on its topic, named, since the list's own words
    may differ from the fact's (the audit's step on families stands for the profile's); else the next review."""
    deferred = next(
        (a.text for a in _candidates(profile, audit) if a.topic == action.topic and a.text in plan.deferred), None
    )
    if deferred:
        return f"this waits for the next plan, in “{deferred.rstrip('.')}” (under “For the next plan”)"
    return "this waits for the next plan"


def figure_readings(profile: Profile, audit: Audit, today: date | None = None) -> list[FigureReading]:
    """Every fact at its threshold, each with the action the plan takes on it (by its number in the plan, so that
    no action is printed twice), or the reason it has none here: no figure at its level is left without a word."""
    plan = build_plan(profile, audit, today)
    out = []
    for rule in FIGURE_RULES:
        action = rule(profile)
        if action is None:
            continue
        placed = next((a for a in plan.actions if a.topic == action.topic), None)
        if placed is not None and placed in plan.start + plan.priorities:
            outcome = f"a first-year priority, action {plan.number(placed)} in the plan"
        elif placed is not None and placed in plan.steps:
            outcome = f"in the plan as action {plan.number(placed)}"
        elif placed is not None:
            outcome = f"in the plan after the first year, as action {plan.number(placed)}"
        elif _in_place(audit, action.topic):
            entry = audit.entry(action.topic)
            outcome = "our audit found this work in place" + (f" ({entry.where})" if entry and entry.where else "")
        else:
            outcome = _waiting(action, profile, audit, plan)
        out.append(FigureReading(capital(action.reason), outcome))
    return out


def priorities(profile: Profile, audit: Audit) -> list[Action]:
    """The actions the audit and profile call for (not the framework's routine steps every school takes)."""
    return [a for a in build_plan(profile, audit).actions if a.rule != framework_actions.__name__]
