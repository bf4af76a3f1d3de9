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
# Primary sources a reader may want to open, linked where the policy states what they say (each read with the
# project's search tool in December 2026).
SCHEDULE_6 = "https://www.legislation.gov.uk/ukpga/2015/6/schedule/6"
PRU_INSPECTION = "https://www.legislation.gov.uk/uksi/2007/2979/schedule/1/paragraph/21"
NOT_A_SCHOOL = "https://www.legislation.gov.uk/ukpga/2011/21/schedule/13/paragraph/9"
# The Home Office's statutory guidance, in force since 31 December 2023 (FACTS-TODAY 4.2), and the Department for
# Education's risk assessment templates for early years settings, schools and colleges (7 September 2023).
PREVENT_GUIDANCE = (
    "https://www.gov.uk/government/publications/prevent-duty-guidance/prevent-duty-guidance-for-england-and-wales-"
    "accessible"
)
PREVENT_RISK_ASSESSMENT = "https://www.gov.uk/government/publications/prevent-duty-risk-assessment-templates"
SECTION_48 = (
    "https://www.legislation.gov.uk/ukpga/2005/18/part/1/chapter/6/crossheading/inspection-of-religious-education"
)
SECTIONS_406_407 = "https://www.legislation.gov.uk/ukpga/1996/56/part/V/chapter/IV/crossheading/politics/data.xht?view=snippet&wrap=true"
POLITICAL_IMPARTIALITY = "https://www.gov.uk/government/publications/political-impartiality-in-schools"
# The revised statutory guidance on relationships, sex and health education: issued 15 July 2025, followed from
# 1 September 2026 (FACTS-TODAY 6.2).
RSHE_GUIDANCE = (
    "https://www.gov.uk/government/publications/relationships-education-relationships-and-sex-education-rse-and-"
    "health-education"
)
# The Prevent duty, with how the school meets it: its own risk assessment, and the designated safeguarding lead who
# leads its response to a concern (the Department's templates are for early years settings and schools alike).
_PREVENT_DUTY = "the Prevent duty (Counter-Terrorism and Security Act 2015, section 26)"
_PREVENT_PRACTICE = (
    ", and the Home Office's [guidance (2023)]("
    + PREVENT_GUIDANCE
    + "): our Prevent risk assessment covers the risks in {town} and online ([the Department's templates]("
    + PREVENT_RISK_ASSESSMENT
    + ")), and our designated safeguarding lead acts on any concern"
)
_PREVENT = _PREVENT_DUTY + _PREVENT_PRACTICE
# A pupil referral unit and the Prevent duty: said only as FACTS-TODAY's correction 3 supports it (the duty has applied
# to units, as to schools, since 1 July 2015, and the Department's Prevent advice is addressed to units' management
# committees), with no argument of our own from Schedule 6's wording (cold review: Schedule 6 names proprietors,
# and Education Act 1996, Schedule 1, paragraph 1 is FACTS-TODAY 1.4's default reading of school law, not Prevent's).
PRU_PREVENT = (
    "The Prevent duty ([Counter-Terrorism and Security Act 2015, section 26 and Schedule 6]("
    + SCHEDULE_6
    + ")) has applied to pupil referral units, as to schools, since 1 July 2015, and the Department for Education's "
    "advice on it is addressed to units' management committees. We have due regard to the need to prevent people from "
    "being drawn into terrorism, as the Home Office's [Prevent duty guidance (2023)](" + PREVENT_GUIDANCE + "), in "
    "force since 31 December 2023, describes."
)
# Ofsted's renewed framework (FACTS-TODAY 7.1, its press release) and where its state-funded school toolkit of
# November 2025 looks at SMSC and British values (7.4: the toolkit's words as Lancashire County Council quotes them).
# Said only for the kinds that toolkit is for: a nursery school and a 16 to 19 academy are left out, as FACTS-TODAY
# does not say it covers them.
OFSTED_FRAMEWORK = (
    "https://www.gov.uk/government/news/ofsted-confirms-changes-to-education-inspection-and-unveils-new-look-report-"
    "cards"
)
OFSTED_TOOLKIT_QUOTED = (
    "https://www.lancashire.gov.uk/lpds/teaching-and-learning/education-improvement-equality-and-diversity-team/"
    "equality-and-diversity/schools-linking-programme/school-linking-and-ofsted"
)
_OFSTED_TODAY = (
    "Since November 2025, Ofsted's [renewed inspections]("
    + OFSTED_FRAMEWORK
    + ") of {a_school_like_ours} have looked at "
    + _SMSC
    + ", and their understanding of fundamental British values, mainly under personal development and well-being "
    "([its toolkit, as Lancashire County Council quotes it](" + OFSTED_TOOLKIT_QUOTED + "))."
)
_FUNDING = "the terms of our funding agreement"
# The early years: a nursery school's standards for learning, development and care, and a school's nursery and
# Reception classes'.
_EYFS = "the statutory framework for the Early Years Foundation Stage, for our youngest children"
_EYFS_NURSERY = (
    "the statutory framework for the Early Years Foundation Stage, which sets the standards for our children's "
    "learning, development and care"
)


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
                _PREVENT_DUTY
                + ", which applies to the proprietors of 16 to 19 academies ([Schedule 6]("
                + SCHEDULE_6
                + "))"
                + _PREVENT_PRACTICE,
                _FUNDING,
            ],
        )
    if kind in ALTERNATIVE_PROVISION_TYPES:
        # the Standards bind an alternative provision academy whether or not it is an independent school (Education
        # Act 2002, section 156AA; the minister on the 2012 order that applied academies' law to the small and
        # part-time ones, Lords Grand Committee, 20 March 2012): not only "when it is an independent school"
        return (
            "We are {type} (Academies Act 2010, section 1C), not a maintained school, so that duty does not bind us "
            "directly.",
            [
                _PART_2.replace("{which}", ", which alternative provision academies must meet"),
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
    free = " (in law a free school is an academy)" if kind.startswith("Free Schools") else ""
    if kind in SPECIAL_ACADEMY_TYPES:
        # what kind of academy it is, not a duty it meets: section 1A(2) sets no curriculum condition
        return (
            "We are {type}" + free + ": under section 1A(2) of the Academies Act 2010, an Academy school organised for "
            "pupils with special educational needs. We are not a maintained school, so that duty does not bind us "
            "directly.",
            [_PART_2.replace("{which}", ", which academies must meet"), equality, _PREVENT, _FUNDING],
        )
    basis = (
        "section 1A of the Academies Act 2010, under which our curriculum must meet section 78 of the Education "
        "Act 2002 (a balanced and broadly based curriculum)"
    )
    return (
        "We are {type}" + free + ", not a maintained school, so that duty does not bind us directly.",
        [_PART_2.replace("{which}", ", which academies must meet"), equality, basis, _PREVENT, _FUNDING],
    )


def _bullets(items: list[str]) -> str:
    """A list in a sentence's own punctuation: '- a;\\n- b; and\\n- c.'"""
    return "\n".join(
        "- " + item + ("." if n == len(items) - 1 else ("; and" if n == len(items) - 2 else ";"))
        for n, item in enumerate(items)
    )


def _early_years(profile: Profile) -> list[str]:
    """The Early Years Foundation Stage among a school's duties, when it teaches children under five."""
    low = profile.data["school"].get("statutory_low_age")
    if profile.phase == "nursery":
        return [_EYFS_NURSERY]
    if profile.has_nursery or (low is not None and low <= RECEPTION_FROM and profile.phase != "pru"):
        return [_EYFS]
    return []


RECEPTION_FROM = 4  # a school whose youngest pupils are this age or younger has a Reception class


def _inspection(profile: Profile) -> list[Commitment]:
    """How Ofsted's inspections look at SMSC and British values today, for a school its state-funded school toolkit
    is for; nothing for a nursery school, which FACTS-TODAY does not place there."""
    if profile.phase == "nursery":
        return []
    return [
        commit(
            statements,  # a legal-basis paragraph like the others
            "legal_basis",
            _OFSTED_TODAY,
            pupils_own=phase_words(profile).pupils_own,
            a_school_like_ours=with_article(type_words(profile.data["school"]["type"])) + " such as ours",
        )
    ]


def statements(profile: Profile) -> list[Commitment]:
    """The legal-basis paragraphs for this school's type, in order. Only what differs by type is said
    here; the guide's page on the duty today explains each duty (render.guide_links)."""
    gov = governance(profile)
    kind = profile.data["school"]["type"]
    rule = statements
    words = phase_words(profile)
    if gov.group == MAINTAINED:
        # a nursery school's guide to British values is the early years framework, not the advice written for schools
        values = (
            []
            if profile.phase == "nursery"
            else [
                "the Department for Education's advice (November 2014) on promoting fundamental British values as part "
                "of " + _SMSC
            ]
        )
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
                        *_early_years(profile),
                        *values,
                    ]
                ),
                pupils_own=words.pupils_own,
                town=words.area,
            ),
            *_inspection(profile),
        ]
    if gov.group == ACADEMY:
        what, duties = _academy_kind(kind)
        duties = duties[:-1] + _early_years(profile) + duties[-1:] if kind not in SIXTEEN_TO_NINETEEN_TYPES else duties
        adopts = (
            # a local governing body adopts the policy only as far as the trust's scheme of delegation lets it: the
            # board stays accountable, so nothing runs "through" the local governing body
            "{oversight} adopts this policy for {body}, as the trust's scheme of delegation allows. It does so as good "
            "practice, and because the policy helps us meet duties that do apply:"
            if gov.delegate
            else "{body_title} adopts this policy as good practice, and because it helps us meet duties that do apply:"
        )
        return [
            commit(rule, "legal_basis", _DUTY + " " + what, type=with_article(type_words(kind))),
            commit(
                rule,
                "legal_basis",
                adopts
                + "\n\n"
                + _bullets(duties)
                + (
                    "\n\nThis policy is also part of how we plan for " + _SMSC + "."
                    if kind in SIXTEEN_TO_NINETEEN_TYPES  # no standard names it for them: the policy does
                    else ""
                ),
                body_title=gov.body_title,
                body=gov.body,
                oversight=gov.Oversight,
                pupils_own=words.pupils_own,
                town=words.area,
            ),
            # a 16 to 19 academy is inspected as a college, not under the school toolkit FACTS-TODAY quotes
            *([] if kind in SIXTEEN_TO_NINETEEN_TYPES else _inspection(profile)),
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
            commit(  # what this project has not confirmed, said plainly, and what the committee does meanwhile
                rule,
                "legal_basis",
                _DUTY + " The Education (Pupil Referral Units) (Application of Enactments) (England) Regulations "
                "2007 apply parts of school law to pupil referral units. We have not confirmed whether they apply this "
                "duty to management committees. We follow it in any case.",
            ),
            commit(
                rule,
                "legal_basis",
                PRU_PREVENT
                + " Our Prevent risk assessment covers the risks in {town} and online ([the Department's templates]("
                + PREVENT_RISK_ASSESSMENT
                + ")), and our designated safeguarding lead acts on any concern.",
                town=words.area,
            ),
            commit(
                rule,
                "legal_basis",
                "The local authority has "
                + _GOOD_RELATIONS
                + ", for the units it maintains. {body_title} adopts this policy so that our work meets the Prevent "
                "duty, and helps the local authority meet its equality duty.",
                body_title=gov.body_title,
            ),
            commit(
                rule,
                "legal_basis",
                "Ofsted inspects pupil referral units as schools ([the 2007 Regulations, Schedule 1, paragraph 21]("
                + PRU_INSPECTION
                + ")). "
                + _OFSTED_TODAY,
                pupils_own=words.pupils_own,
                a_school_like_ours="a unit such as ours",
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
                town=words.area,
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


def _standards_apply(profile: Profile) -> bool:
    """Part 2 of the Independent School Standards binds the school: an academy school, an alternative provision
    academy, a city technology college or another independent school; not a 16 to 19 academy, which is no school."""
    kind = profile.data["school"]["type"]
    group = governance(profile).group
    return (group == ACADEMY and kind not in SIXTEEN_TO_NINETEEN_TYPES) or kind in INDEPENDENT_TYPES


def teaching(profile: Profile) -> list[Commitment]:
    """What the curriculum owes every pupil whatever the school: respect for other people, with regard to the
    characteristics the Equality Act 2010 protects; and no partisan political views, with a balanced presentation
    of opposing views. Each names the law that asks it of this kind of school, where one does: the Standards
    (paragraph 5 of Part 2) for a school they bind, sections 406 and 407 of the Education Act 1996 for a maintained
    school; a unit, whose law here this project has not confirmed, follows the Department's guidance for all
    schools. A nursery school's children learn respect at their own level; political balance is not for them."""
    rule = teaching
    gov = governance(profile)
    standards = _standards_apply(profile)
    if profile.phase == "nursery":
        return [
            commit(
                rule,
                "teaching",
                "Children will learn to treat everyone with kindness and respect, whatever their differences, in ways "
                "that suit their age.",
            )
        ]
    respect = commit(
        rule,
        "teaching",
        "We will teach respect for others, including for the characteristics the Equality Act 2010 protects"
        + (" (Independent School Standards, Part 2)." if standards else "."),
    )
    if standards:
        law = " (Independent School Standards, Part 2)"
    elif gov.group == MAINTAINED:
        law = " ([Education Act 1996, sections 406 and 407](" + SECTIONS_406_407 + "))"
    elif gov.group == PRU:
        law = (
            " (the Department for Education's guidance [Political impartiality in schools]("
            + POLITICAL_IMPARTIALITY
            + "), 2022)"
        )
    else:
        law = ""
    balance = commit(
        rule,
        "teaching",
        "Staff will keep party politics out of teaching, and present political issues to {pupils} in a balanced way"
        + law
        + ".",
        pupils=phase_words(profile).pupils,
    )
    return [respect, balance]
