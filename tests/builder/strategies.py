"""Answers to the builder's questions, for hypothesis: an example school with text and figures changed."""

from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import strategies as st

from cohesion_guide.builder.answers import answers_from
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
