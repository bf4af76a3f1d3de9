"""What `cohesion validate` suggests for a valid profile: the optional fields that would make its
policy fit the school better, and a warning when the school is in another authority than local.yml's.
Advice never makes a profile invalid: every profile valid before these fields existed stays valid."""

from __future__ import annotations

from typing import Any

from cohesion_guide.errors import Problem
from cohesion_guide.inputs.adoption import review_cycle_warning
from cohesion_guide.inputs.governance import ACADEMY, PRU, governance
from cohesion_guide.inputs.local_config import serves
from cohesion_guide.inputs.profiles import Profile
from cohesion_guide.inputs.validation import field_place, load_yaml


def unconfirmed_problems(profile: Profile, shown: str, strict: bool = False) -> list[Problem]:
    """Each value the profile still marks '# to check:' (Profile.unconfirmed), naming the file, line
    and field: a warning, or with `strict` a problem to fix."""
    if not profile.unconfirmed:
        return []
    loaded = load_yaml(profile.path, shown)
    head = "" if strict else "warning: "
    return [
        Problem(
            shown,
            loaded.line_of(field_place(name)),
            name,
            f"{head}is still marked to check ({note}). Its policy says 'to be confirmed' here until you "
            "put in the right value and delete the '# to check:' note",
        )
        for name, note in profile.unconfirmed.items()
    ]


def review_cycle_problems(profile: Profile, shown: str) -> list[Problem]:
    """A warning, naming the file and line, when the profile does not say how often the policy is reviewed: what
    `cohesion validate` and `cohesion policy` both print (the rule is inputs/adoption.review_cycle_warning)."""
    message = review_cycle_warning(profile.data["document"])
    if message is None:
        return []
    line = load_yaml(profile.path, shown).line_of(("document",))
    return [Problem(shown, line, "document.review_cycle_years", f"warning: {message}")]


def advice(profile: Profile, shown: str, local: dict[str, Any] | None) -> list[Problem]:
    """Suggestions (and any warning) for one checked profile, each naming the file, line and field."""
    loaded = load_yaml(profile.path, shown)
    school = profile.data["school"]
    group = governance(profile).group
    notes: list[tuple[tuple[str, ...], str]] = []
    if local is not None and not serves(local, school["local_authority"]):
        notes.append(
            (
                ("school", "local_authority"),
                f"warning: the school is in {school['local_authority']}, but this copy of the guide is "
                f"{local['authority']['name']}'s. Its policy will point to the school's own local authority "
                "in general terms, and will not list this copy's contacts. If the school is in this authority, "
                f"write its name as local.yml does: {local['authority'].get('short_name') or local['authority']['name']}",
            )
        )
    if "statutory_low_age" not in school or "statutory_high_age" not in school:
        notes.append(
            (
                ("school",),
                "suggestion: add statutory_low_age and statutory_high_age (from GIAS), so the "
                "policy states the ages you serve and words its commitments for them",
            )
        )
    if group == ACADEMY and "trust" not in school:
        notes.append(
            (
                ("school",),
                "suggestion: add trust (the academy trust's name), so the policy names the trust's "
                "board as accountable",
            )
        )
    if group in (ACADEMY, PRU) and "head_title" not in school:
        notes.append(
            (("school",), f"suggestion: add head_title if your head is not called the {governance(profile).head}")
        )
    if profile.has_religious_character and "ethos_statement" not in school:
        notes.append(
            (
                ("school",),
                "suggestion: add ethos_statement, so the policy quotes your own ethos rather than "
                "saying nothing about your faith beyond your religious character",
            )
        )
    if (profile.phase_group == "special" or profile.has_resourced_provision) and not profile.send_needs:
        notes.append(
            (
                ("school",),
                "suggestion: add send_needs, so the commitments on pupils' voice, communication "
                "and learning fit your pupils",
            )
        )
    if profile.phase_group in ("special", "pru") and "catchment" not in profile.data["location"]:
        notes.append(
            (
                ("location",),
                "suggestion: add catchment (local, wide or transported), so the policy plans "
                "for families who live far from the school",
            )
        )
    if not profile.data["leads"].get("others"):
        notes.append(
            (
                ("leads",),
                "suggestion: add others (more roles, for example SENCo), so the action plan can "
                "share its actions among more people",
            )
        )
    return [Problem(shown, loaded.line_of(path), ".".join(path), message) for path, message in notes]
