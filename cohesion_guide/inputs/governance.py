"""Who is accountable for a school's policy, and the words the documents use for them.

One home for every phrase naming the accountable body, its members, the head and the admissions
or placement arrangements: templates and rules read a Governance, never write "governing body"
themselves. The phrases follow the establishment type (plus the profile's optional school.trust,
school.accountable_body and school.head_title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cohesion_guide.inputs.profiles import Profile

MAINTAINED = "maintained"
ACADEMY = "academy"
PRU = "pru"
OTHER = "other"  # independent and non-maintained schools, colleges and the rest of the register's types

# The maintained schools, whose governing bodies section 21(5)(b) of the Education Act 2002 binds.
MAINTAINED_TYPES = frozenset(
    {
        "Community School",
        "Foundation School",
        "Voluntary Aided School",
        "Voluntary Controlled School",
        "Community Special School",
        "Foundation Special School",
        "LA Nursery School",
    }
)
# Academies and free schools (and the older academy-like types), run by an academy trust.
ACADEMY_TYPES = frozenset(
    {
        "Academy 16-19 Converter",
        "Academy 16-19 Sponsor Led",
        "Academy Alternative Provision Converter",
        "Academy Alternative Provision Sponsor Led",
        "Academy Converter",
        "Academy Special Converter",
        "Academy Special Sponsor Led",
        "Academy Sponsor Led",
        "City Technology College",
        "Free Schools",
        "Free Schools - 16-19",
        "Free Schools - Alternative Provision",
        "Free Schools Special",
        "Studio Schools",
        "University Technical College",
    }
)
PRU_TYPES = frozenset({"Pupil Referral Unit"})
# Maintained schools whose governing body sets its own admissions arrangements; for community and
# voluntary controlled schools the local authority sets them. Academies' trusts set their own.
OWN_ADMISSIONS_TYPES = frozenset({"Voluntary Aided School", "Foundation School"})
GROUPS = (MAINTAINED, ACADEMY, PRU, OTHER)


def type_group(school_type: str) -> str:
    """'maintained', 'academy', 'pru' or 'other' for a type of establishment as GIAS writes it."""
    if school_type in MAINTAINED_TYPES:
        return MAINTAINED
    if school_type in ACADEMY_TYPES:
        return ACADEMY
    if school_type in PRU_TYPES:
        return PRU
    return OTHER


@dataclass(frozen=True)
class Governance:
    """The words for who answers for the policy. Names from the profile are escaped where they are printed."""

    group: str
    body: str  # the body that answers for the policy, mid-sentence: "the governing body", "the trust board"
    body_title: str  # the same, capitalised: "The governing body"
    delegate: str | None  # the body that adopts and oversees the policy for it, if another: "our local governing body"
    members: str  # its members: "governors", "trustees and local governors", "management committee members"
    head: str  # the head's title, mid-sentence: "headteacher", "principal"
    head_title: str  # the same, capitalised for a heading or an action's owner
    arrangements: str  # how pupils come to the school: "admissions arrangements"
    lead_member: str  # the member who leads the work: "governor", "local governor", "management committee member"
    trust: str | None = None  # the academy trust's name, when the profile gives it

    sets_admissions: bool = False  # the accountable body sets the school's own admissions arrangements

    @property
    def oversight(self) -> str:
        """Who adopts the policy, receives reports on it and reviews it: the delegate, or the body itself."""
        return self.delegate or self.body

    @property
    def Oversight(self) -> str:
        return _capital(self.oversight)

    @property
    def accountable(self) -> str:
        """The accountable body in full, for the status table: "The trust board, through our local governing body"."""
        return self.body_title + (f", through {self.delegate}" if self.delegate else "")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_DEPUTY = re.compile(
    r"^(?:the )?(?:deputy|assistant|vice)[ -](head ?teacher|principal|head of (?:the )?[a-z]+|head)(?: ?\(.*\))?$",
    re.IGNORECASE,
)


def _head_from_deputy(staff_lead: str) -> str | None:
    """The head's title as the school's own staff lead implies it: 'Vice principal' -> 'principal',
    'Deputy head of centre' -> 'head of centre'. None when the lead's title says nothing about it."""
    match = _DEPUTY.match(staff_lead.strip())
    if not match:
        return None
    return match.group(1).lower()


def governance(profile: Profile) -> Governance:
    """The accountable body and titles for this school, from its type and its optional names."""
    school = profile.data["school"]
    group = type_group(school["type"])
    trust = school.get("trust")
    named = school.get("accountable_body")
    if group == ACADEMY:
        body = f"the board of {trust}" if trust else "the academy trust's board"
        members = "trustees and local governors"
        arrangements = "admissions arrangements"
    elif group == PRU:
        body, members, arrangements = (
            "the management committee",
            "management committee members",
            "arrangements for placing pupils with us",
        )
    elif group == MAINTAINED:
        body, members, arrangements = "the governing body", "governors", "admissions arrangements"
    else:
        body, members, arrangements = "the proprietor", "the proprietor and governors", "admissions arrangements"
    # an academy's trust board usually delegates adopting the policy to the academy's local governing body; where
    # the profile says the trust's board or its trustees approve it themselves (a single-academy trust), it has none
    approver = profile.data["document"]["approved_by"]
    board_itself = re.search(r"\btrustees?\b|\bboard\b", approver, re.I) and not re.search(r"\blocal\b", approver, re.I)
    delegate = "our local governing body" if group == ACADEMY and not board_itself else None
    if named:
        body, delegate = named, None
    lead_member = {ACADEMY: "local governor", PRU: "management committee member"}.get(group, "governor")
    if group == ACADEMY and delegate is None and not named:  # the trust's board adopts the policy itself
        members, lead_member = "trustees", "trustee"
    head = school.get("head_title") or _head_from_deputy(profile.data["leads"]["staff"])
    head = head or {PRU: "head of the unit"}.get(group, "headteacher")
    return Governance(
        group=group,
        body=body,
        body_title=_capital(body),
        delegate=delegate,
        members=members,
        head=head,
        head_title=_capital(head),
        arrangements=arrangements,
        lead_member=lead_member,
        trust=trust,
        sets_admissions=group == ACADEMY or school["type"] in OWN_ADMISSIONS_TYPES,
    )
