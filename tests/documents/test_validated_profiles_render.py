"""A property: any profile, local.yml, audit or case study that validation accepts renders in every
format (issue 15): text in any script, private-use and unassigned characters, markup-like text, and
any figure the schema allows. test_the_property_meets_refused_input shows the filter is real."""

from __future__ import annotations

import math
import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cohesion_guide.documents.policy import write_school_documents
from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile
from cohesion_guide.inputs.validation import unusable_character
from tests.conftest import ROOT
from tests.documents.test_tailoring import NEUTRAL, merge

# Text that validate accepts but a writer could stumble on; st.text() adds control characters and the rest.
ODD = [
    "Cantonese (粵語)",
    "한국어",
    "\ue000",
    "\U000f0001",
    "\u0378",
    "{{ 7*7 }}",
    "<script>x</script>",
    "*[a]: b",
    "{ onclick=x }",
    "\u202e",
    "a\u0301",
    "🙂",
    "اردو",
    "\\",
    "`x`",
    "[x](javascript:y)",
]
ANY_SCRIPT = st.characters(exclude_categories=("Cc", "Cs")).filter(lambda c: unusable_character(c) is None)
TEXT = st.one_of(
    st.text(ANY_SCRIPT, max_size=40).map(lambda s: "A" + s),
    st.sampled_from(ODD),
    st.lists(st.sampled_from(ODD), min_size=1, max_size=4).map(" ".join),
)
FIGURE = st.one_of(st.integers(min_value=0, max_value=100), st.floats(min_value=0, max_value=100))
DAY = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)).map(date.isoformat)

PROFILES = st.fixed_dictionaries(
    {
        "school": st.fixed_dictionaries({"name": TEXT}),
        "location": st.fixed_dictionaries({"town": TEXT}),
        "pupils": st.fixed_dictionaries(
            {"eal_percent": FIGURE, "home_languages": st.lists(TEXT, min_size=1, max_size=3)}
        ),
        "partnerships": st.lists(
            st.fixed_dictionaries({"name": TEXT, "kind": st.just("international"), "what": TEXT}),
            min_size=1,
            max_size=2,
        ),
        "document": st.fixed_dictionaries({"date_adopted": DAY}),
    }
)


@pytest.fixture(scope="module")
def local():
    return load_local(ROOT)


def _validated(changes: dict, folder: Path):
    path = folder / "test-school.yml"
    # safe_dump writes what YAML cannot hold raw (a surrogate, a control character) as an escape
    path.write_text(yaml.safe_dump(merge(NEUTRAL, changes), allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        return load_profile(path)
    except InvalidFile:
        return None


def _renders(profile, local, folder: Path, formats: tuple[str, ...]) -> None:
    written = write_school_documents(profile, local, folder / "out", formats)
    assert sorted(written) == sorted(formats)
    assert all(path.stat().st_size > 0 for path in written.values())
    if "md" in written:
        assert "nan%" not in written["md"].read_text(encoding="utf-8")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(PROFILES)
def test_a_validated_profile_renders_as_markdown_html_and_word(local, changes):
    with tempfile.TemporaryDirectory() as folder:
        profile = _validated(changes, Path(folder))
        assume(profile is not None)
        _renders(profile, local, Path(folder), ("md", "html", "docx"))


# PDF is the slow format (Typst): fewer examples, each one odd text the others also meet.
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(PROFILES)
def test_a_validated_profile_renders_as_pdf(local, changes):
    with tempfile.TemporaryDirectory() as folder:
        profile = _validated(changes, Path(folder))
        assume(profile is not None)
        _renders(profile, local, Path(folder), ("pdf",))


def test_the_property_meets_refused_input():
    """The strategies do reach what validate refuses, so the property is not checked only on easy profiles."""
    with tempfile.TemporaryDirectory() as folder:
        assert _validated({"location": {"town": "\ud800"}}, Path(folder)) is None
        assert _validated({"pupils": {"eal_percent": math.nan}}, Path(folder)) is None
        assert _validated({"document": {"date_adopted": "9999-12-31"}}, Path(folder)) is None
        assert _validated({"location": {"town": "粵語 \U000f0001"}}, Path(folder)) is not None


LOCALS = st.fixed_dictionaries(
    {
        "authority": st.fixed_dictionaries({"name": TEXT, "short_name": TEXT.map(lambda s: s[:40])}),
        "contacts": st.lists(st.fixed_dictionaries({"name": TEXT, "role": TEXT}), min_size=1, max_size=2),
        "services": st.lists(st.fixed_dictionaries({"name": TEXT, "description": TEXT}), max_size=2),
    }
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(LOCALS)
def test_a_validated_local_yml_renders_in_every_format(local_data):
    """local.yml's text reaches every school's policy (its support section): any that validates renders."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "local.yml").write_text(yaml.safe_dump(local_data, allow_unicode=True), encoding="utf-8")
        try:
            local = load_local(folder)
        except InvalidFile:
            assume(False)
        profile = _validated({}, folder)
        _renders(profile, local, folder, ("md", "html", "docx", "pdf"))


AUDIT_BASE = yaml.safe_load((ROOT / "audits" / "riverside-primary.yml").read_text(encoding="utf-8"))
AUDIT_CHANGES = st.fixed_dictionaries(
    {
        "completed_by": TEXT,
        "texts": st.lists(
            st.tuples(st.sampled_from(sorted(AUDIT_BASE["practices"])), st.sampled_from(["where", "next_step"]), TEXT),
            max_size=4,
        ),
    }
)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(AUDIT_CHANGES)
def test_a_validated_audit_renders_in_every_format(local, changes):
    """An audit's text reaches the school's self-evaluation pack: any audit that validates renders."""
    from cohesion_guide.documents.self_evaluation import self_evaluation_document
    from cohesion_guide.export.document_set import write_formats
    from cohesion_guide.inputs.audit import load_audit

    data = {
        **AUDIT_BASE,
        "completed_by": changes["completed_by"],
        "practices": {k: dict(v) for k, v in AUDIT_BASE["practices"].items()},
    }
    for practice, key, value in changes["texts"]:
        data["practices"][practice][key] = value
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "test-school-audit").mkdir()
        path = folder / "test-school-audit" / "test-school.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            audit = load_audit(path)
        except InvalidFile:
            assume(False)
        profile = _validated({}, folder)
        written = write_formats(
            self_evaluation_document(profile, audit, local), folder / "out", ("md", "html", "docx", "pdf")
        )
        assert all(p.stat().st_size > 0 for p in written.values())


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(TEXT, TEXT)
def test_a_validated_case_study_renders_in_every_format(local, title, summary):
    """A case study's title and summary reach the policies that suggest it: any that validates renders."""
    from cohesion_guide.inputs.case_studies import load_case_studies, suggestions

    source = (ROOT / "case_studies" / "new-arrivals-welcome.md").read_text(encoding="utf-8")
    front, body = source.split("\n---\n", 1)
    front = yaml.safe_load(front.removeprefix("---\n"))
    front.update(title=title, summary=summary)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "case_studies").mkdir()
        (folder / "case_studies" / "a-study.md").write_text(
            "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8"
        )
        try:
            load_case_studies(folder / "case_studies")
        except InvalidFile:
            assume(False)
        # a school with many pupils learning English: the study (about new arrivals) fits it
        profile = _validated({"pupils": {"eal_percent": 40}}, folder)
        studies = suggestions(profile, folder, local)
        assert [s["title"] for s in studies] == [title]
        written = write_school_documents(
            profile, local, folder / "out", ("md", "html", "docx", "pdf"), case_studies=studies
        )
        assert all(p.stat().st_size > 0 for p in written.values())
