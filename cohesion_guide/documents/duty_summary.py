"""What binds a school to its community cohesion work, as its self-evaluation pack says it: the duty named
for a maintained school, and for every other kind the duties the work helps it meet.

The law is legal_basis's (the policy's legal basis, which states it in full and is the one place that
decides it): the same kinds of school, the same duties, the same sources. This module only puts them
into the pack's introduction and into the briefing its action plan asks for, so that no kind of school
is briefed "on the duty" as if section 21(5)(b) bound it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cohesion_guide.documents import legal_basis
from cohesion_guide.documents.commitments import and_list
from cohesion_guide.documents.phase_words import (
    ALTERNATIVE_PROVISION_TYPES,
    SIXTEEN_TO_NINETEEN_TYPES,
    type_words,
    with_article,
)
from cohesion_guide.documents.render import SafeMarkdown, escape_markdown
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, PRU, governance
from cohesion_guide.inputs.profiles import Profile

# Section 21 of the Education Act 2002 on legislation.gov.uk, where a link labelled with it must go; subsection
# (5)(b) was inserted by the Education and Inspections Act 2006, section 38 (../shared/FACTS-TODAY.md, 1.1).
DUTY_SOURCE = "https://www.legislation.gov.uk/ukpga/2002/32/section/21"
DUTY = "The duty to promote community cohesion"
SECTION = "section 21(5)(b) of the Education Act 2002"
INSERTED_BY = "inserted by the Education and Inspections Act 2006, section 38"
# The equality duty and the bodies it binds, among them a local authority for the units it maintains (FACTS-TODAY,
# 1.4 and 2: Equality Act 2010, section 149 and Schedule 19).
EQUALITY_SECTION = "https://www.legislation.gov.uk/ukpga/2010/15/section/149"
EQUALITY_BODIES = "https://www.legislation.gov.uk/ukpga/2010/15/schedule/19"

_STANDARDS = "Part 2 of the Independent School Standards"
_EQUALITY = "the public sector equality duty"
_PREVENT = "the Prevent duty"
_FUNDING = "our funding agreement"


@dataclass(frozen=True)
class DutyWords:
    intro: SafeMarkdown  # the pack's introduction: what binds the school, with its sources linked
    briefing: str  # what the accountable body is briefed on, for the plan's first routine step
    bound: bool  # section 21(5)(b) binds this school


def _duties(kind: str) -> list[str]:
    """The duties an academy of this type meets through this work, as legal_basis lists them."""
    if kind in SIXTEEN_TO_NINETEEN_TYPES:  # not a school in law: no Independent School Standards
        return [_EQUALITY, _PREVENT, _FUNDING]
    if kind in ALTERNATIVE_PROVISION_TYPES:
        return [_STANDARDS + " where they apply to us", _EQUALITY, _PREVENT, _FUNDING]
    if kind == legal_basis.CITY_TECHNOLOGY_COLLEGE:
        return [_STANDARDS, _EQUALITY, _PREVENT]
    return [_STANDARDS, _EQUALITY, _PREVENT, _FUNDING]


def duty_words(profile: Profile) -> DutyWords:
    """The sentences for this kind of school (governance's group and the register's type of establishment)."""
    gov = governance(profile)
    kind = profile.data["school"]["type"]
    duty = f"[{SECTION}]({DUTY_SOURCE}), {INSERTED_BY}"
    if gov.group == MAINTAINED:
        return DutyWords(
            SafeMarkdown(
                f"The law requires the governing body of a maintained school in England to promote community "
                f"cohesion ({duty}). This pack is how {escape_markdown(gov.body)} plans that work and shows what "
                "it achieves."
            ),
            f"its duty to promote community cohesion ({SECTION})",
            True,
        )
    if gov.group == ACADEMY:
        duties = _duties(kind)
        if kind in SIXTEEN_TO_NINETEEN_TYPES:
            what = (
                f"We are {with_article(type_words(kind))}, which in law is not a school "
                f"([Education Act 1996, section 4(1B)]({legal_basis.NOT_A_SCHOOL})), so it does not bind us"
            )
        else:
            what = f"We are {with_article(type_words(kind))}, not a maintained school, so it does not bind us directly"
        return DutyWords(
            SafeMarkdown(
                f"{DUTY} ({duty}) binds the governing bodies of maintained schools. {what}. We do this "
                f"work as good practice, and because it helps us meet duties that do apply: {and_list(duties)}."
            ),
            f"the duties this work helps us meet ({and_list(duties)})",
            False,
        )
    if gov.group == PRU:
        return DutyWords(
            SafeMarkdown(
                f"{DUTY} ({duty}) binds the governing bodies of maintained schools. Whether it applies "
                "to the management committee of a pupil referral unit is not settled, so we follow it as good "
                f"practice. {legal_basis.PRU_PREVENT} Our local authority has {_EQUALITY} for the units it "
                f"maintains ([Equality Act 2010, section 149]({EQUALITY_SECTION}) and [Schedule 19]({EQUALITY_BODIES}))"
                ", and this work helps it meet that duty."
            ),
            "the cohesion duty, which we follow as good practice, and the equality and Prevent duties that cover "
            "our work",
            False,
        )
    if kind in legal_basis.INDEPENDENT_TYPES:
        duties = [_STANDARDS, _PREVENT]
        return DutyWords(
            SafeMarkdown(
                f"{DUTY} ({duty}) binds the governing bodies of maintained schools. As an independent "
                f"school we are not bound by it: we do this work as good practice, and because it helps us meet "
                f"{and_list(duties)}."
            ),
            f"the duties this work helps us meet ({and_list(duties)})",
            False,
        )
    return DutyWords(
        SafeMarkdown(
            f"{DUTY} ({duty}) binds the governing bodies of maintained schools. We are not a maintained "
            "school, so it does not bind us directly: we do this work as good practice."
        ),
        "the cohesion duty, which we follow as good practice",
        False,
    )
