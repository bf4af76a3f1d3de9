"""The policies a school's cohesion policy works alongside: the profile's own list, or the ones the law
asks of its kind of school and the ones this policy's commitments touch."""

from __future__ import annotations

from cohesion_guide.documents.legal_basis import INDEPENDENT_TYPES
from cohesion_guide.documents.phase_words import SIXTEEN_TO_NINETEEN_TYPES, phase_words
from cohesion_guide.inputs.governance import ACADEMY, MAINTAINED, PRU, governance
from cohesion_guide.inputs.profiles import Profile


def related_policies(profile: Profile) -> list[str]:
    """The profile's related_policies when it gives them; otherwise a list for the school's type, phase,
    religious character and provision. Only what the law asks of every such school, or what a commitment
    of this school's policy refers to (its admissions, its pupil premium), so nothing is claimed that
    the school may not have. A nursery school has no anti-bullying policy or pupil premium strategy to link (its
    children's funding is the early years'), and pupils of primary age, in a unit too, are taught relationships
    education, not sex education (Profile.stages)."""
    own = profile.data.get("related_policies")
    if own:
        return list(own)
    gov = governance(profile)
    kind = profile.data["school"]["type"]
    not_a_school = kind in SIXTEEN_TO_NINETEEN_TYPES  # in law not a school: no RSHE, accessibility plan or premium
    found = []
    # the equality duty's specific duties (equality information and objectives) bind maintained schools' governing
    # bodies and academy proprietors; for a unit, the local authority that maintains it publishes them
    if gov.group in (MAINTAINED, ACADEMY):
        found.append("equality information and objectives")
    elif gov.group == PRU:
        found.append("equality information and objectives (our local authority publishes them for its units)")
    nursery = profile.phase == "nursery"
    found += [
        "behaviour policy",
        *([] if nursery else ["anti-bullying policy"]),
        "safeguarding and child protection policy",
    ]
    if gov.group == PRU:
        pupils = phase_words(profile).pupils
        found.append(f"arrangements for placing {pupils} with us and for their return to school or next step")
    elif profile.has_religious_character and gov.sets_admissions:  # the policy commits them to review these
        found.append(gov.arrangements)
    found.append("curriculum policy")
    independent = profile.data["school"]["type"] in INDEPENDENT_TYPES  # health education is not statutory there
    if not not_a_school and "secondary" in profile.stages:
        found.append(
            "relationships and sex education policy"
            if independent
            else "relationships, sex and health education policy"
        )
    elif not not_a_school and "primary" in profile.stages:
        found.append("relationships education policy" if independent else "relationships and health education policy")
    if profile.has_religious_character:
        found.append("religious education and collective worship policies")
    if profile.phase_group == "special" or profile.has_resourced_provision or profile.send_needs:
        found.append("special educational needs and disabilities (SEND) information report")
    # a school with pupils eligible for free school meals has pupil premium, and publishes how it spends it
    fsm = profile.known("pupils.fsm_percent")
    if fsm and gov.group in (MAINTAINED, ACADEMY) and not not_a_school and not nursery:
        found.append("pupil premium strategy statement")
    if not not_a_school:
        found.append("accessibility plan")
    return found


# The subjects the statutory guidance of July 2025 covers, by the ages a school teaches (Profile.stages): relationships
# education at primary age, relationships and sex education at secondary age, health education at both
# (FACTS-TODAY 6.1).
_RSHE_SUBJECTS = {
    frozenset({"primary"}): "relationships education and health education",
    frozenset({"secondary"}): "relationships and sex education, and health education",
    frozenset({"primary", "secondary"}): "relationships education at primary age, relationships and sex education at "
    "secondary age, and health education",
}


def rshe_subjects(profile: Profile) -> str | None:
    """The relationships, sex and health education the school teaches, named for its pupils' ages; None where the
    statutory guidance is not for it (a nursery school; a 16 to 19 academy, which in law is not a school)."""
    if profile.data["school"]["type"] in SIXTEEN_TO_NINETEEN_TYPES:
        return None
    subjects = _RSHE_SUBJECTS.get(profile.stages)
    if subjects and profile.data["school"]["type"] in INDEPENDENT_TYPES:
        # health education is statutory in state-funded schools only (FACTS-TODAY 6.1; cold review)
        subjects = subjects.removesuffix(", and health education").removesuffix(" and health education")
    return subjects
