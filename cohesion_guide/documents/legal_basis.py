"""The legal basis a school's policy states, by type of school (see ../shared/FACTS-TODAY.md).

Maintained schools are bound by section 21(5)(b); academies and free schools adopt the policy as
good practice and for the duties that do bind them; for pupil referral units the guide says what
is settled and what is not; every other type adopts it as good practice. Only this module states
the law in a school's policy.
"""

from __future__ import annotations

from cohesion_guide.documents.commitments import Commitment, commit
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, PRU, governance
from cohesion_guide.inputs.profiles import Profile

INDEPENDENT_TYPES = frozenset({"Other Independent School", "Other Independent Special School"})

_DUTY = (
    "Section 21(5)(b) of the Education Act 2002 requires the governing body of a maintained school in England "
    "to promote community cohesion. Section 38 of the Education and Inspections Act 2006 added the duty, which "
    "came into force on 1 September 2007."
)
_GOOD_RELATIONS = (
    "the public sector equality duty (section 149 of the Equality Act 2010), including its aim of "
    "fostering good relations between people who share a protected characteristic and people who do not"
)
_BRITISH_VALUES = (
    "the fundamental British values of democracy, the rule of law, individual liberty, and mutual "
    "respect and tolerance of those with different faiths and beliefs"
)
_PART_2 = (
    "the Independent School Standards, Part 2{which}: they require us to actively promote "
    + _BRITISH_VALUES
    + ", and to encourage respect for other people, paying particular regard to the protected characteristics "
    "of the Equality Act 2010"
)
_PREVENT = "the Prevent duty (section 26 of the Counter-Terrorism and Security Act 2015)"


def statements(profile: Profile) -> list[Commitment]:
    """The legal-basis paragraphs for this school's type, in order."""
    gov = governance(profile)
    kind = profile.data["school"]["type"]
    rule = statements
    if gov.group == MAINTAINED:
        return [
            commit(rule, "legal_basis", _DUTY),
            commit(
                rule,
                "legal_basis",
                "We are a maintained school ({type}), so the duty binds us, and {body} answers "
                "for it. The Department for Education confirmed in 2011 that the duty remains, though Ofsted no "
                "longer reports on it separately.",
                type=kind,
                body=gov.body,
            ),
            commit(
                rule,
                "legal_basis",
                "Other duties point the same way: " + _GOOD_RELATIONS + "; section 78 of the "
                "Education Act 2002, under which our curriculum must promote pupils' spiritual, moral, cultural, "
                "mental and physical development; and " + _PREVENT + ". The Department for Education's advice of "
                "November 2014 asks maintained schools to promote " + _BRITISH_VALUES + " as part of that work.",
            ),
        ]
    if gov.group == ACADEMY:
        return [
            commit(
                rule,
                "legal_basis",
                _DUTY + " We are an academy ({type}), not a maintained school, so that duty does not bind us directly.",
                type=kind,
            ),
            commit(
                rule,
                "legal_basis",
                "{body_title}{through} adopts this policy as good practice, and because the "
                "work it describes helps us meet duties that do apply to us:\n\n"
                "- " + _PART_2.replace("{which}", ", which academies must meet") + ";\n"
                "- "
                + _GOOD_RELATIONS.replace(
                    "the public sector equality duty",
                    "the public sector equality duty, which applies to academy trusts",
                )
                + ";\n"
                "- section 1A of the Academies Act 2010, under which our curriculum must meet section 78 of the "
                "Education Act 2002: balanced, broadly based, and promoting pupils' spiritual, moral, cultural, "
                "mental and physical development;\n"
                "- " + _PREVENT + "; and\n"
                "- our funding agreement with the Secretary of State (these agreements differ from one academy to "
                "another, and some of them mention community cohesion).",
                body_title=gov.body_title,
                through=f", through {gov.delegate}," if gov.delegate else "",
            ),
        ]
    if gov.group == PRU:
        authority = profile.data["school"]["local_authority"]
        return [
            commit(
                rule,
                "legal_basis",
                "We are a pupil referral unit, maintained by our local authority, {authority}, and run by a "
                "management committee.",
                authority=authority,
            ),
            commit(
                rule,
                "legal_basis",
                _DUTY + " Regulations made in 2007 apply parts of school law to pupil referral "
                "units and their management committees (the Education (Pupil Referral Units) (Application of "
                "Enactments) (England) Regulations 2007, as amended). Whether they apply this duty to us has not been "
                "settled for this policy, and the policy does not depend on the answer.",
            ),
            commit(
                rule,
                "legal_basis",
                "What is settled is that the local authority has " + _GOOD_RELATIONS + ", for the units "
                "it maintains. {body_title} adopts this policy so that our work meets that aim, to the standard the "
                "community cohesion duty sets for maintained schools.",
                authority=authority,
                body_title=gov.body_title,
            ),
        ]
    if kind in INDEPENDENT_TYPES:
        return [
            commit(
                rule, "legal_basis", _DUTY + " As an independent school ({type}), we are not bound by it.", type=kind
            ),
            commit(
                rule,
                "legal_basis",
                "{body_title} adopts this policy as good practice, and because the work it "
                "describes helps us meet " + _PART_2.replace("{which}", "") + "; and " + _PREVENT + ".",
                body_title=gov.body_title,
            ),
        ]
    return [
        commit(
            rule,
            "legal_basis",
            _DUTY + " We are not a maintained school ({type}), so it does not bind us directly.",
            type=kind,
        ),
        commit(
            rule,
            "legal_basis",
            "{body_title} adopts this policy as good practice, and holds us to the standard the "
            "duty sets for maintained schools.",
            body_title=gov.body_title,
        ),
    ]
