"""Whom a school agrees its plan for rising tension with: only the partners whose work suits a response to tension.

A partnership's kind (school, community, international) says too little: a heritage centre and a primary school
where students read are partners for learning, not for a night of trouble. A partner suits when its name or what the
school does with it shows youth work, policing or community safety, a faith or interfaith body, mentoring, or a
panel or link that brings the area's schools and communities together. The local police and the local authority are
always named; where no partner does youth or community work, local youth and community services are named in
general words.
"""

from __future__ import annotations

import re

from cohesion_guide.documents.partner_links import linked_name

_COMMUNITY = re.compile(
    r"\byouth|\bpolice|community safety|neighbourhood|\bmentor|interfaith|inter-faith|\bfaiths?\b|"
    r"church|mosque|synagogue|gurdwara|mandir|temple|christians|jews|muslims|residents",
    re.IGNORECASE,
)
_YOUTH = re.compile(r"\byouth|young people|\bmentor|community club", re.IGNORECASE)
_SCHOOLS = re.compile(r"\bpanel\b|heads'|inclusion|reintegration|\blinking\b", re.IGNORECASE)


def suits_tension(partner: dict) -> bool:
    said = f"{partner['name']} {partner['what']}"
    if partner["kind"] == "community":
        return bool(_COMMUNITY.search(said))
    if partner["kind"] == "school":
        return bool(_SCHOOLS.search(said))
    return False  # a link abroad is no partner for trouble at home


def response_partners(partners: list[dict]) -> list[str]:
    """The names to agree a plan for rising tension with, in the profile's order, then the police and the authority:
    ['Bury Interfaith Forum', 'the local police', 'our local authority', 'local youth and community services']."""
    suited = [p for p in partners if suits_tension(p)]
    names = [linked_name(p["name"]) for p in suited]
    names += ["the local police", "our local authority"]
    if not any(p["kind"] == "community" and _YOUTH.search(f"{p['name']} {p['what']}") for p in suited):
        names.append("local youth and community services")
    return names
