"""Answers to the builders' questions, for hypothesis: an example school with text and figures changed, and
a whole review of the school's work."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

from hypothesis import strategies as st

from cohesion_guide.builder.answers import answers_for, answers_from
from cohesion_guide.inputs.audit import audit_schema, practices
from cohesion_guide.inputs.validation import parse_yaml
from tests.conftest import ROOT
from tests.documents.test_escaping import texts

EXAMPLES = sorted((ROOT / "schools").glob("*.yml"))


def example_answers(path: Path) -> dict:
    return answers_from(parse_yaml(path.read_text(encoding="utf-8"), path.name).data)


def state(answers: dict, source: Path | None = None) -> dict:
    """The state the browser keeps: the answers, and the profile they were read from."""
    return {
        "answers": answers,
        "source": {"name": source.name, "text": source.read_text(encoding="utf-8")} if source else None,
    }


def figure(low: float, high: float) -> st.SearchStrategy[str]:
    return st.one_of(st.integers(int(low), int(high)).map(str), st.floats(low, high).map(lambda f: f"{f:.1f}"))


@st.composite
def answers(draw) -> dict:
    """Valid answers a school might give, with text as anyone might type it."""
    out = copy.deepcopy(example_answers(draw(st.sampled_from(EXAMPLES))))
    out["school"]["name"] = draw(texts(200))
    out["location"]["town"] = draw(texts(120))
    out["pupils"]["eal_percent"] = draw(figure(0, 100))
    out["pupils"]["fsm_percent"] = draw(figure(0, 100))
    out["pupils"]["home_languages"] = "\n".join(draw(st.lists(texts(60), max_size=4, unique=True)))
    if draw(st.booleans()):
        out["context"] = "\n\n".join(draw(st.lists(texts(400), min_size=1, max_size=3)))
    kinds = st.sampled_from(["school", "community", "international"])
    out["partnerships"] = [
        {"name": draw(texts(100)), "kind": draw(kinds), "what": draw(texts(300))}
        for _ in range(draw(st.integers(0, 2)))
    ]
    out["leads"]["staff"] = draw(texts(120))
    return out


# ---- the review's audits -------------------------------------------------------------------------

AUDITS = sorted((ROOT / "audits").glob("*.yml"))


def example_review(path: Path) -> dict:
    """An example audit as the review's answers."""
    return answers_for(parse_yaml(path.read_text(encoding="utf-8"), path.name).data, audit_schema())


def date_answer() -> st.SearchStrategy[dict]:
    """A date as the three boxes hold it."""
    return st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)).map(
        lambda d: {"day": str(d.day), "month": str(d.month), "year": str(d.year)}
    )


@st.composite
def reviews(draw) -> dict:
    """A whole review a school might give: every practice answered, with text as anyone might type it."""
    out = {"completed_by": draw(texts(200)), "completed_on": draw(date_answer()), "practices": {}}
    for p in practices():
        status = draw(st.sampled_from(["in-place", "partly", "not-yet", "not-assessed"]))
        entry = {"status": status}
        if status in ("in-place", "partly") or draw(st.booleans()):
            entry["where"] = draw(texts(500))
        if status in ("partly", "not-yet") and draw(st.booleans()):
            entry["next_step"] = draw(texts(500))
            if draw(st.booleans()):
                entry["lead"] = draw(texts(120))
            if draw(st.booleans()):
                entry["due"] = draw(date_answer())
        out["practices"][p.id] = entry
    return out
