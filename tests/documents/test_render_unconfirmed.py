"""Placeholders are never facts (issue 24): a value still marked '# to check:' prints as "to be confirmed",
the status block lists each in plain words, and a sentence built only on one is left out; a figure not
known says nothing; a school the register lists as closing is warned of (render.py and policy.md.j2)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import docx
import pytest

from cohesion_guide.documents.policy import write_school_documents
from cohesion_guide.documents.render import TO_BE_CONFIRMED, render_policy, stated
from cohesion_guide.documents.self_evaluation import render_self_evaluation
from cohesion_guide.gias.importer import import_extract
from cohesion_guide.inputs.audit import not_assessed
from cohesion_guide.inputs.governance import governance
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile, load_profiles
from tests.conftest import ROOT
from tests.gias.test_import import ANONYMISED, CENSUS, MIXED, RAGGED

TODAY = "2026-09-01"  # the import's date: as a date adopted, a placeholder
# What the import puts in where the register says nothing, and so must never be printed as the school's own.
# ("Chair of the local governing body" signs an academy's policy: a role worked out from its type, no placeholder.)
PLACEHOLDERS = [
    "Chair of governors",
    "Full governing body",
    "Local governing body",
    "1 September 2026",
    "1 September 2027",  # a review date worked out from the import's date
]
ZERO = re.compile(r"(?<![\d.])0%")

PROFILE = """\
school:
  name: Test Primary School
  urn: "123456"
  register_status: "Open, but proposed to close"
  closure_reason: Academy Converter
  phase: primary
  type: Community School
  religious_character: None
  local_authority: Exampleshire
location:
  town: Exampleton  # to check: the register gives no town; the local authority's name was put in
  ward: Castle  # to check: this school's row in the extract has more fields than the header
  setting: rural  # to check: the register's urban/rural value is not one the import knows
pupils:
  number_on_roll: 210
  eal_percent: not known  # to check: the register does not give it: put the percentage
  fsm_percent: 0  # to check: a placeholder
leads:
  governor: Chair of governors  # to check: the import put a placeholder: put the governing body role that leads this work
  staff: Headteacher  # to check: the import put a placeholder: put the staff role that leads this work
document:
  approved_by: Full governing body  # to check: the import put a placeholder: put who approves the policy
  date_adopted: 2026-09-01  # to check: the date of the import: put the date the governors adopt the policy
"""


@pytest.fixture(scope="module")
def local():
    return load_local(ROOT)


def status_block(markdown: str) -> dict[str, str]:
    rows = re.findall(r"^\| ([^|]+) \| (.*) \|$", markdown.split("\n## ", 1)[0], re.M)
    return {label: value for label, value in rows if label != "---"}


def profile_from(tmp_path, text: str = PROFILE):
    path = tmp_path / "test-school.yml"
    path.write_text(text, encoding="utf-8")
    return load_profile(path)


def test_the_status_block_lists_each_value_to_confirm_in_plain_words(tmp_path, local):
    status = status_block(render_policy(profile_from(tmp_path), local))
    # a maintained school's governing body approves it in law, or a committee it names: said, and still to confirm
    assert (
        status["To be approved by"]
        == "The governing body, or a committee it names (to be confirmed), date to be confirmed"
    )
    assert status["Lead governor"] == "to be confirmed"
    assert status["Staff lead"] == "to be confirmed"
    # the authority's suggested cycle, never the governors' own (third cold read, R14)
    assert (
        status["Next review"]
        == "to be confirmed (every year, as Exampleshire County Council (fictional example) suggests)"
    )
    # in governors' words: no import, placeholder or extract (cold read, R16)
    assert status["Needs confirming"].split("<br>") == [
        # the body names the authority's area meanwhile, and the status block says so (third cold read, st-pauls)
        "Town, city or area: to be confirmed (not in the national register of schools; until then this policy names "
        "our local authority's area, Exampleshire)",
        "Ward: to be confirmed (the national register's value: please check)",
        "Town or countryside: to be confirmed (the national register's value: please check)",
        "Pupils whose first language is not English: to be confirmed (not in the national register of schools)",
        "Pupils eligible for free school meals: to be confirmed (to be checked by the school)",
        "Lead governor: to be confirmed (not yet given by the school)",
        "Staff lead: to be confirmed (not yet given by the school)",
        "Who approves the policy: to be confirmed (not yet given by the school)",
        "Date adopted: to be confirmed (not yet set by the governing body)",
        "How often the policy is reviewed: to be confirmed (Exampleshire County Council (fictional example) suggests "
        "every year, for the governing body to decide)",
    ]
    for software in ("import", "placeholder", "extract", "register value", "profile"):
        assert software not in status["Needs confirming"], software


@pytest.mark.parametrize(
    "note, reason",
    [
        ("the import put a placeholder: put the governing body role", "not yet given by the school"),
        ("a placeholder put in when the profile was started: put the staff role", "not yet given by the school"),
        (
            "the date the profile was started: put the date the governors adopt the policy",
            "not yet set by the management committee",
        ),
        (
            "the register gives no free school meals figure: put the percentage",
            "not in the national register of schools",
        ),
        (
            "the register's value ('Other') is not a religious character; put the school's",
            "the national register gives “Other”: please check",
        ),
        (
            "the register's urban/rural value ('London') is not one the import knows; urban was put in",
            "the national register gives “London”: please check",
        ),
        (
            "this school's row in the extract has more fields than the header, so this value may come from another "
            "column",
            "the national register's value: please check",
        ),
        ("ask the diocese which trust we join", "ask the diocese which trust we join"),
        ("the placeholder from our old profile", "to be checked by the school"),
        ("marked to check", "to be checked by the school"),
    ],
)
def test_a_reason_to_confirm_is_in_the_words_of_the_body_that_adopts_the_policy(note, reason):
    """A unit's management committee sets its date, not "the governors" (fourth cold read); a value the register
    gave and the import could not use is named, as the command line names it."""
    from cohesion_guide.documents.still_to_confirm import plain_reason

    assert plain_reason(note, SimpleNamespace(oversight="the management committee")) == reason


def test_a_school_proposed_to_close_is_warned_of_with_the_registers_reason(tmp_path, local):
    status = status_block(render_policy(profile_from(tmp_path), local))
    assert status["Warning"].startswith(
        "The national register of schools lists this school as open, but proposed to close (Academy Converter)."
    )
    assert list(status)[:3] == ["Status", "School", "Warning"]
    closed = profile_from(tmp_path, PROFILE.replace('"Open, but proposed to close"', "Closed"))
    assert "lists this school as closed (Academy Converter)" in status_block(render_policy(closed, local))["Warning"]
    open_school = profile_from(tmp_path, PROFILE.replace('  register_status: "Open, but proposed to close"\n', ""))
    assert "Warning" not in status_block(render_policy(open_school, local))


def test_no_placeholder_is_printed_as_a_fact(tmp_path, local):
    markdown = render_policy(profile_from(tmp_path), local)
    # (a choice to confirm, such as rural, still selects the rules' commitments: they cannot run without it)
    for placeholder in PLACEHOLDERS + ["Exampleton", "Castle", "urban area"]:
        assert placeholder not in markdown, placeholder
    assert not ZERO.search(markdown)
    context = markdown.split("## Our communities")[0].split("## What community cohesion means", 1)[1]
    assert "English as an additional language" not in context  # no figure, so no line for it
    assert "free school meals" not in context
    assert "- **Lead governor (to be confirmed)**: leads this work" in markdown
    assert "Each year the lead governor will report" in markdown


def test_sentences_built_on_a_placeholder_alone_are_left_out_and_the_rest_kept(tmp_path, local):
    markdown = render_policy(profile_from(tmp_path), local)
    intro = markdown.split("## Introduction and legal basis\n\n", 1)[1].split("\n\n", 1)[0]
    # no town or setting to state: the school is where its authority surely is
    assert intro.startswith("Test Primary School is a primary school in Exampleshire") and intro.endswith(
        "We have 210 pupils on roll."
    )
    local_community = markdown.split("### Our local community\n\n", 1)[1].split("\n", 1)[0]
    assert local_community == "Exampleshire and the area around it."


def test_the_rules_see_text_to_confirm_as_to_be_confirmed_and_choices_as_they_are(tmp_path):
    shown = stated(profile_from(tmp_path))
    assert shown.data["leads"]["governor"] is TO_BE_CONFIRMED
    assert shown.data["location"]["town"] is TO_BE_CONFIRMED
    assert "ward" not in shown.data["location"]  # optional: left out, with every sentence on it
    assert shown.data["location"]["setting"] == "rural"  # the rules still choose by it
    assert "fsm_percent" not in shown.data["pupils"] and "eal_percent" not in shown.data["pupils"]
    assert shown.data["document"]["date_adopted"] == "2026-09-01"  # the action plan still plans from it


def test_a_whole_group_to_check_leaves_its_figures_out_and_is_listed_once(tmp_path, local):
    text = PROFILE.replace("pupils:\n", "pupils:  # to check: all from an old census\n")
    markdown = render_policy(profile_from(tmp_path, text), local)
    assert "The pupils: to be confirmed (all from an old census)" in status_block(markdown)["Needs confirming"]
    assert "on roll" not in markdown


def test_a_profile_without_figures_makes_a_policy_with_no_figure(tmp_path, local):
    text = PROFILE.split("pupils:")[0] + "leads:" + PROFILE.split("leads:")[1] + "  review_cycle_years: 1\n"
    markdown = render_policy(profile_from(tmp_path, text.replace("  # to check:", "  # noted:")), local)
    assert "%" not in markdown.split("## Our communities")[0].split("## What community cohesion means", 1)[1]
    assert "on roll" not in markdown and "Our pupils, their families" in markdown
    assert "Needs confirming" not in markdown


def imported_profiles(tmp_path):
    import_extract(MIXED, tmp_path / "mixed", today=TODAY)
    profiles = load_profiles(tmp_path / "mixed")
    if RAGGED.is_file():
        import_extract(RAGGED, tmp_path / "ragged", today=TODAY)
        import_extract(ANONYMISED, tmp_path / "anonymised", census=CENSUS, today=TODAY)
        profiles += load_profiles(tmp_path / "ragged") + load_profiles(tmp_path / "anonymised")[:5]
    return profiles


def test_imported_profiles_state_no_placeholder_in_markdown_or_word(tmp_path, local):
    profiles = imported_profiles(tmp_path)
    assert len(profiles) >= 9
    for profile in profiles:
        written = write_school_documents(profile, local, tmp_path / "out" / profile.slug, ["md", "docx"])
        markdown = written["md"].read_text(encoding="utf-8")
        word = docx.Document(written["docx"])
        text = "\n".join(
            [p.text for p in word.paragraphs]
            + [cell.text for table in word.tables for row in table.rows for cell in row.cells]
        )
        for output in (markdown, text):
            for placeholder in PLACEHOLDERS:
                assert placeholder not in output, (profile.slug, placeholder)
            assert not ZERO.search(output), profile.slug
        status = {row.cells[0].text: row.cells[1].text for row in word.tables[0].rows}
        assert status["Staff lead"] == "to be confirmed"
        # set by whoever adopts the policy: a governing body, a trust's board or a unit's management committee
        oversight = governance(profile).oversight
        assert f"Date adopted: to be confirmed (not yet set by {oversight})" in status["Needs confirming"], profile.slug
        assert "set by the governors" not in status["Needs confirming"]
        assert "to be confirmed (not yet given by the school)" in status["Needs confirming"]
        assert "import" not in status["Needs confirming"] and "placeholder" not in status["Needs confirming"]


def test_an_academy_imported_with_its_trust_names_the_trusts_board_as_accountable(tmp_path, local):
    if not RAGGED.is_file():
        pytest.skip("the shared GIAS data files are not here")
    import_extract(RAGGED, tmp_path, today=TODAY)
    status = status_block(render_policy(load_profile(tmp_path / "st-pauls-academy.yml"), local))
    # the board answers for the policy; its local governing body approves it only as the scheme of delegation
    # allows: accountability does not run "through" it (cold read, R13)
    assert status["Accountable body"] == "The board of St Benedict Catholic Academy Trust"
    assert status["To be approved by"] == (
        "Our local governing body, as the trust's scheme of delegation allows (to be confirmed), date to be confirmed"
    )


def test_the_self_evaluation_pack_of_an_imported_school_states_no_placeholder(tmp_path, local):
    import_extract(MIXED, tmp_path, today=TODAY)
    for profile in load_profiles(tmp_path):
        markdown = render_self_evaluation(profile, not_assessed(profile.slug), local)
        # a role still to confirm is named only as one: "Chair of governors (to be confirmed)"
        for placeholder in ["Chair of governors", "Full governing body", "Local governing body"]:
            for found in re.finditer(re.escape(placeholder), markdown):
                assert markdown[found.end() :].startswith(" (to be confirmed)"), (profile.slug, placeholder)
        text = re.sub(r"<figure.*?</figure>", "", markdown, flags=re.S)  # a chart's axis starts at 0%
        assert not ZERO.search(text), profile.slug
        assert "to be confirmed" in markdown
