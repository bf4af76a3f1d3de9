"""The words for the special educational needs a school, or its resourced provision, is for (school.send_needs).

The register names each need on its own ("severe learning difficulty", "profound and multiple learning
difficulty"); a sentence about the pupils says the shared words once: "severe, or profound and multiple, learning
difficulties", never "severe learning difficulties, and profound and multiple learning difficulties".
"""

from __future__ import annotations

import re

from cohesion_guide.documents.commitments import and_list
from cohesion_guide.inputs.profiles import SEND_NEEDS

_LEARNING_DIFFICULTY = " learning difficulty"


def needs_words(needs: list[str]) -> list[str]:
    """The needs as a sentence about many pupils says them, the kinds of learning difficulty as one item, where the
    first of them comes: ['sld', 'pmld', 'hi'] -> ['severe, or profound and multiple, learning difficulties',
    'hearing impairment']."""
    kinds = [
        SEND_NEEDS[n].removesuffix(_LEARNING_DIFFICULTY) for n in needs if SEND_NEEDS[n].endswith(_LEARNING_DIFFICULTY)
    ]
    said, out = False, []
    for need in needs:
        words = SEND_NEEDS[need]
        if not words.endswith(_LEARNING_DIFFICULTY):
            out.append(re.sub(r"difficulty\b", "difficulties", words))
        elif not said:
            out.append(_kinds_of_learning_difficulty(kinds))
            said = True
    return out


def _kinds_of_learning_difficulty(kinds: list[str]) -> str:
    """['moderate', 'severe'] -> 'moderate or severe learning difficulties'. A last kind with its own "and" is set
    off by commas, so that "and multiple" does not read as a kind of its own: 'severe, or profound and multiple,
    learning difficulties'. Each pupil has one of them, hence "or"."""
    own_and = len(kinds) > 1 and " and " in kinds[-1]
    return and_list(kinds, "or", serial=own_and) + ("," if own_and else "") + " learning difficulties"


def taught(needs: list[str]) -> str:
    """Whom the school teaches, by their needs, as a school says it: 'autistic {pupils} and {pupils} with speech,
    language and communication needs' ({pupils}: the school's own word, filled in by the commitment)."""
    others = needs_words([n for n in needs if n != "asd"])
    with_needs = "{pupils} with " + and_list(others) if others else ""
    if "asd" in needs:
        return "autistic {pupils}" + (" and " + with_needs if with_needs else "")
    return with_needs
