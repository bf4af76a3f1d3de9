"""The legal basis a school's policy states, by type of school (see ../shared/FACTS-TODAY.md).

Maintained schools are bound by section 21(5)(b); academies and free schools adopt the policy as
good practice and for the duties that do bind them; for pupil referral units the guide says what
is settled and what is not; every other type adopts it as good practice. Only this module states
the law in a school's policy.
"""

from __future__ import annotations

from cohesion_guide.documents.commitments import Commitment, commit
from cohesion_guide.documents.phase_words import phase_words, type_words, with_article
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, PRU, governance
from cohesion_guide.inputs.profiles import Profile

INDEPENDENT_TYPES = frozenset({"Other Independent School", "Other Independent Special School"})

_DUTY = (
    "Section 21(5)(b) of the Education Act 2002 requires the governing body of a maintained school in England "
    "to promote community cohesion."
)
_GOOD_RELATIONS = (
    "the public sector equality duty (section 149 of the Equality Act 2010), including its aim of fostering good "
    "relations"
)
_PART_2 = "the Independent School Standards, Part 2{which}, including actively promoting fundamental British values"
_PREVENT = "the Prevent duty (Counter-Terrorism and Security Act 2015, section 26)"


def statements(profile: Profile) -> list[Commitment]:
    """The legal-basis paragraphs for this school's type, in order. Only what differs by type is said
    here; the guide's page on the duty today explains each duty (render.guide_links)."""
    gov = governance(profile)
    kind = profile.data["school"]["type"]
    rule = statements
    words = phase_words(profile)
    if gov.group == MAINTAINED:
        return [
            commit(
                rule,
                "legal_basis",
                _DUTY
                + " We are {type}, which is a maintained school, so the duty binds us, and {body} answers for it.",
                type=with_article(type_words(kind)),
                body=gov.body,
            ),
            commit(
                rule,
                "legal_basis",
                "Other duties and guidance point the same way:\n\n"
                "- " + _GOOD_RELATIONS + ";\n"
                "- section 78 of the Education Act 2002, on {pupils_own} spiritual, moral, cultural, mental and "
                "physical development;\n"
                "- " + _PREVENT + "; and\n"
                "- the Department for Education's advice (November 2014) to promote fundamental British values.",
                pupils_own=words.pupils_own,
            ),
        ]
    if gov.group == ACADEMY:
        return [
            commit(
                rule,
                "legal_basis",
                _DUTY + " We are {type}, not a maintained school, so that duty does not bind us directly.",
                type=with_article(type_words(kind)),
            ),
            commit(
                rule,
                "legal_basis",
                "{body_title}{through} adopts this policy as good practice, and because it helps us meet "
                "duties that do apply:\n\n"
                "- " + _PART_2.replace("{which}", ", which academies must meet") + ";\n"
                "- "
                + _GOOD_RELATIONS.replace(
                    "the public sector equality duty",
                    "the public sector equality duty, which applies to academy trusts",
                )
                + ";\n"
                "- section 1A of the Academies Act 2010, on our curriculum;\n"
                "- " + _PREVENT + "; and\n"
                "- the terms of our funding agreement.",
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
                "Our local authority, {authority}, maintains us, and a management committee runs us.",
                authority=authority,
            ),
            commit(
                rule,
                "legal_basis",
                _DUTY + " The Education (Pupil Referral Units) (Application of Enactments) (England) Regulations "
                "2007, as amended, apply parts of school law to pupil referral units; whether they apply this duty to "
                "a management committee is not settled. We follow the duty as good practice whether or not they do.",
            ),
            commit(
                rule,
                "legal_basis",
                "What is settled is that the local authority has " + _GOOD_RELATIONS + ", for the units it "
                "maintains. {body_title} adopts this policy so that our work helps meet that aim.",
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
                "{body_title} adopts this policy as good practice, and because it helps us meet "
                + _PART_2.replace("{which}", "")
                + "; and "
                + _PREVENT
                + ".",
                body_title=gov.body_title,
            ),
        ]
    return [
        commit(
            rule,
            "legal_basis",
            _DUTY + " We are not a maintained school ({type}), so it does not bind us directly.",
            type=type_words(kind),
        ),
        commit(
            rule,
            "legal_basis",
            "{body_title} adopts this policy as good practice, and holds us to the standard the "
            "duty sets for maintained schools.",
            body_title=gov.body_title,
        ),
    ]
