"""The legal basis a school's policy states, by type of school (see ../shared/FACTS-TODAY.md).

Maintained schools are bound by section 21(5)(b); academies and free schools adopt the policy as
good practice and for the duties that do bind them, each kind of academy on its own basis in the
Academies Act 2010 (section 1A for Academy schools, special ones under 1A(2); 1B for 16 to 19
academies, which are not schools in law; 1C for alternative provision academies); for pupil
referral units the guide says what is settled and what is not; every other type adopts it as good
practice. Every kind names pupils' spiritual, moral, social and cultural (SMSC) development. Only
this module states the law in a school's policy.
"""

from __future__ import annotations

from cohesion_guide.documents.commitments import Commitment, commit
from cohesion_guide.documents.phase_words import (
    ALTERNATIVE_PROVISION_TYPES,
    SIXTEEN_TO_NINETEEN_TYPES,
    phase_words,
    type_words,
    with_article,
)
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, PRU, governance
from cohesion_guide.inputs.profiles import Profile

INDEPENDENT_TYPES = frozenset({"Other Independent School", "Other Independent Special School"})
SPECIAL_ACADEMY_TYPES = frozenset({"Academy Special Converter", "Academy Special Sponsor Led", "Free Schools Special"})
CITY_TECHNOLOGY_COLLEGE = "City Technology College"

_DUTY = (
    "Section 21(5)(b) of the Education Act 2002 requires the governing body of a maintained school in England "
    "to promote community cohesion."
)
_GOOD_RELATIONS = (
    "the public sector equality duty (section 149 of the Equality Act 2010), including its aim of fostering good "
    "relations"
)
_SMSC = "{pupils_own} spiritual, moral, social and cultural development"
_PART_2 = (
    "the Independent School Standards, Part 2, on "
    + _SMSC
    + ", including actively promoting fundamental British values{which}"
)
_PREVENT = "the Prevent duty (Counter-Terrorism and Security Act 2015, section 26)"
_FUNDING = "the terms of our funding agreement"
# Primary sources a reader may want to open, linked where the policy states what they say.
SCHEDULE_6 = "https://www.legislation.gov.uk/ukpga/2015/6/schedule/6"
PRU_INSPECTION = "https://www.legislation.gov.uk/uksi/2007/2979/schedule/1/paragraph/21"
NOT_A_SCHOOL = "https://www.legislation.gov.uk/ukpga/2011/21/schedule/13/paragraph/9"


def _academy_kind(kind: str) -> tuple[str, list[str]]:
    """What an academy of this type is in law, and the duties it adopts the policy to meet, in order."""
    equality = _GOOD_RELATIONS.replace(
        "the public sector equality duty", "the public sector equality duty, which applies to academy trusts"
    )
    if kind in SIXTEEN_TO_NINETEEN_TYPES:
        return (
            "We are {type} (Academies Act 2010, section 1B). In law a 16 to 19 academy is not a school ([Education Act "
            "1996, section 4(1B), as the Education Act 2011 amended it]("
            + NOT_A_SCHOOL
            + ")), so neither that duty nor the Independent School Standards "
            "apply to us.",
            [
                equality,
                _PREVENT
                + ", which applies to the proprietors of 16 to 19 academies ([Schedule 6]("
                + SCHEDULE_6
                + "))",
                _FUNDING,
            ],
        )
    if kind in ALTERNATIVE_PROVISION_TYPES:
        return (
            "We are {type} (Academies Act 2010, section 1C), not a maintained school, so that duty does not bind us "
            "directly.",
            [
                _PART_2.replace(
                    "{which}", ", which an alternative provision academy must meet when it is an independent school"
                ),
                equality,
                _PREVENT,
                _FUNDING,
            ],
        )
    if kind == CITY_TECHNOLOGY_COLLEGE:
        return (
            "We are a city technology college, an independent school, not a maintained school, so that duty does not "
            "bind us directly.",
            [
                _PART_2.replace("{which}", ", which we must meet"),
                _GOOD_RELATIONS.replace(
                    "the public sector equality duty",
                    "the public sector equality duty, which applies to our proprietor",
                ),
                _PREVENT,
            ],
        )
    basis = (
        "section 1A(2) of the Academies Act 2010, under which we are an Academy school organised for pupils with special "
        "educational needs"
        if kind in SPECIAL_ACADEMY_TYPES
        else "section 1A of the Academies Act 2010, under which our curriculum must meet section 78 of the Education "
        "Act 2002 (a balanced and broadly based curriculum)"
    )
    return (
        "We are {type}, not a maintained school, so that duty does not bind us directly.",
        [_PART_2.replace("{which}", ", which academies must meet"), equality, basis, _PREVENT, _FUNDING],
    )


def _bullets(items: list[str]) -> str:
    """A list in a sentence's own punctuation: '- a;\\n- b; and\\n- c.'"""
    return "\n".join(
        "- " + item + ("." if n == len(items) - 1 else ("; and" if n == len(items) - 2 else ";"))
        for n, item in enumerate(items)
    )


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
                + _bullets(
                    [
                        _GOOD_RELATIONS,
                        "section 78 of the Education Act 2002, on {pupils_own} spiritual, moral, cultural, mental and "
                        "physical development",
                        _PREVENT,
                        "the Department for Education's advice (November 2014) on promoting fundamental British values "
                        "as part of " + _SMSC,
                    ]
                ),
                pupils_own=words.pupils_own,
            ),
        ]
    if gov.group == ACADEMY:
        what, duties = _academy_kind(kind)
        return [
            commit(rule, "legal_basis", _DUTY + " " + what, type=with_article(type_words(kind))),
            commit(
                rule,
                "legal_basis",
                "{body_title}{through} adopts this policy as good practice, and because it helps us meet "
                "duties that do apply:\n\n"
                + _bullets(duties)
                + (
                    "\n\nThis policy is also part of how we plan for " + _SMSC + "."
                    if kind in SIXTEEN_TO_NINETEEN_TYPES  # no standard names it for them: the policy does
                    else ""
                ),
                body_title=gov.body_title,
                through=f", through {gov.delegate}," if gov.delegate else "",
                pupils_own=words.pupils_own,
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
                "maintains, and "
                + _PREVENT
                + ", as one of the authorities listed in [Schedule 6 to that Act]("
                + SCHEDULE_6
                + "); the Department for Education's advice on the Prevent duty (June 2015) was written for the "
                "management committees and staff of pupil referral units as well as for schools. {body_title} adopts "
                "this policy so that our work helps meet both.",
                body_title=gov.body_title,
            ),
            commit(
                rule,
                "legal_basis",
                "Ofsted inspects pupil referral units as schools ([the 2007 Regulations, Schedule 1, paragraph 21]("
                + PRU_INSPECTION
                + ")). Since November 2025 its inspections look at "
                + _SMSC
                + ", and their understanding of fundamental British values, under personal development and well-being.",
                pupils_own=words.pupils_own,
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
                pupils_own=words.pupils_own,
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
            "{body_title} adopts this policy as good practice, holds us to the standard the duty sets for maintained "
            "schools, and makes it part of how we plan for " + _SMSC + ".",
            body_title=gov.body_title,
            pupils_own=words.pupils_own,
        ),
    ]
