"""What a school's own next step (from its audit) needs, and how governors will know it worked, in plain words.

The school writes its step in its own words; the practice it belongs to was written for a different, suggested step,
so its needs and its measure may not fit ("Train all nursery staff" does not need "interpreting for meetings with
families"). The kind of work the step's words name decides them: training, figures shared or reported (whose
practice's measure already says what governors see), families asked, something translated, a visit or exchange. A step of no kind these words know keeps the practice's own needs
and measure, which then fit it: a step towards lessons on shared values is measured by those lessons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    words: re.Pattern
    needs: str  # {rhythm}: ' each term' when the step is done each term
    success: str | None  # {body}: the body that oversees the plan; None: the practice's own measure


KINDS = (
    Kind(
        re.compile(r"\btrain", re.I),
        "A training session; staff time to attend it",
        "The staff named have had the training, and {body} has heard what they now do differently.",
    ),
    Kind(
        re.compile(r"\btranslat", re.I),
        "Translation; staff time to check it and share it",
        "The translated version is in use, and {body} can see how many more families answer or take part.",
    ),
    Kind(  # figures: the practice's own measure already says what governors see of them
        re.compile(r"\b(?:share|report|compare|add)\b.*\b(?:figures|data|report|intake|placements?)\b", re.I),
        "Staff time to gather the figures{rhythm} and present them",
        None,
    ),
    Kind(
        re.compile(r"\b(?:ask|survey|consult)\b.*\b(?:families|parents|carers)\b", re.I),
        "Staff time to ask families and note what they say",
        "Families' answers are recorded, and {body} has heard what they said and what we will do about it.",
    ),
    Kind(
        re.compile(r"\b(?:visits?|visitors?|exchange|trips?)\b", re.I),
        "Staff time to plan; transport and visitors' costs",
        "Each group named has had its visit, visitor or exchange, and what they made of it is kept.",
    ),
)


def kind_of(step: str) -> Kind | None:
    return next((kind for kind in KINDS if kind.words.search(step)), None)


def own_needs(step: str, practice_needs: str) -> str:
    """What the step needs: by the kind of work it names, else what the practice needs."""
    kind = kind_of(step)
    rhythm = " each term" if re.search(r"each term|termly", step, re.I) else ""
    return kind.needs.format(rhythm=rhythm) if kind else practice_needs


def own_success(step: str, body: str, practice_success: str) -> str:
    """How governors will know the step worked: by the kind of work it names, else the practice's own measure."""
    kind = kind_of(step)
    return kind.success.format(body=body) if kind and kind.success else practice_success
