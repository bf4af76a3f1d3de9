"""The self-evaluation pack, read cold by a chair of governors and an improvement adviser (28 packs, December
2026): each sentence they refused, or asked for, tied to the fact that calls for it. A sentence that rests on a
fact is there with the fact and gone without it; a refused sentence is in no pack. The numbers are the lead's
fourteen patterns."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cohesion_guide.documents import action_plan as plans
from cohesion_guide.documents import plan_dates as dates
from cohesion_guide.documents.self_evaluation import render_self_evaluation
from cohesion_guide.inputs.audit import Audit, Entry, audit_for, not_assessed, practices
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile, load_profiles
from tests.conftest import ROOT
from tests.documents.test_tailoring import make_profile

LOCAL = load_local(ROOT)
KINDS = ROOT / "tests" / "documents" / "kinds"
MONO = {"ethnicity": {"white_british": 88, "gypsy_roma": 2, "any_other_white": 5, "unclassified": 5}}
GIAS_PLACEHOLDERS = {
    "pupils.eal_percent": "the register does not give it",
    "leads.governor": "the import put a placeholder",
    "leads.staff": "the import put a placeholder",
    "document.approved_by": "the import put a placeholder",
    "document.date_adopted": "the date of the import",
}


def flat(text: str) -> str:
    return " ".join(text.split())


def pack(profile, audit=None) -> str:
    return flat(render_self_evaluation(profile, audit or not_assessed(profile.slug), LOCAL))


def words_of(markdown: str) -> str:
    """What a reader sees: no chart drawings, no tags."""
    return flat(re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", markdown, flags=re.S)))


def part(text: str, heading: str) -> str:
    return text.split(f"## {heading}")[1].split(" ## ")[0]


def audit_of(profile, **statuses: Entry) -> Audit:
    return Audit(
        profile.slug,
        Path(f"audits/{profile.slug}.yml"),
        "2026-07-10",
        "Deputy headteacher",
        {pid.replace("_", "-"): entry for pid, entry in statuses.items()},
    )


def every_pack():
    """The example schools with and without their audits, and the cold-read kit without one."""
    for profile in [*load_profiles(ROOT / "schools"), *load_profiles(KINDS)]:
        yield profile, not_assessed(profile.slug)
        audit = audit_for(profile.slug, ROOT / "audits")
        if audit.exists:
            yield profile, audit


EVERY_PACK = list(every_pack())
IDS = [f"{p.slug}{'+audit' if a.exists else ''}" for p, a in EVERY_PACK]


# ---- 1. the duty, and the body that answers for it -----------------------------------------------

DUTY = "its duty to promote community cohesion (section 21(5)(b) of the Education Act 2002)"


def test_a_maintained_school_is_briefed_on_its_duty_by_name(tmp_path):
    maintained = pack(make_profile(tmp_path))
    assert "Brief the governing body on this plan and on " + DUTY in maintained
    assert "The law requires the governing body of a maintained school in England to promote community cohesion" in (
        maintained
    )


@pytest.mark.parametrize(
    "school_type, duties",
    [
        ("Academy Converter", "Part 2 of the Independent School Standards, the public sector equality duty"),
        ("Free Schools", "Part 2 of the Independent School Standards, the public sector equality duty"),
        ("Academy 16-19 Converter", "the public sector equality duty, the Prevent duty and our funding agreement"),
    ],
)
def test_an_academy_is_never_briefed_as_if_the_duty_bound_it(tmp_path, school_type, duties):
    phase = "16-plus" if "16-19" in school_type else "secondary"
    academy = pack(make_profile(tmp_path, {"school": {"type": school_type, "phase": phase}}))
    assert DUTY not in academy and "so the duty binds us" not in academy
    assert f"on the duties this work helps us meet ({duties}" in academy
    assert ("in law is not a school" in academy) == ("16-19" in school_type)
    assert ("Independent School Standards" in academy) != ("16-19" in school_type)


def test_a_unit_follows_the_duty_as_good_practice_and_is_run_by_its_management_committee(tmp_path):
    unit = make_profile(
        tmp_path,
        {
            "school": {"phase": "pru", "type": "Pupil Referral Unit"},
            "leads": {"governor": "Chair of the management committee", "staff": "Teacher in charge"},
            "document": {"approved_by": "Management committee"},
        },
    )
    text = pack(unit)
    assert "is not settled, so we follow it as good practice" in text
    assert "Brief the management committee on this plan and on the cohesion duty, which we follow as good practice" in (
        text
    )
    assert "governing body" not in words_of(text)  # "the governing bodies of maintained schools" is not this body


def test_a_trust_board_is_named_once_in_full_then_as_the_trust_board(tmp_path):
    trust = "Oak Learning Trust"
    free = make_profile(
        tmp_path,
        {
            "school": {"type": "Free Schools", "phase": "secondary", "trust": trust},
            "leads": {"governor": "Trustee for community"},
            "document": {"approved_by": "Board of trustees"},
        },
    )
    text = words_of(render_self_evaluation(free, not_assessed(free.slug), LOCAL))
    assert "the trust board" in text and text.count(f"the board of {trust}") <= 1


# ---- 2. dates ------------------------------------------------------------------------------------


def test_an_adoption_date_still_to_confirm_gives_terms_counted_from_adoption_never_a_broken_sentence(tmp_path):
    school = make_profile(tmp_path, {"pupils": {"fsm_percent": 30}})
    placeholder = dataclasses.replace(school, unconfirmed={"document.date_adopted": "the date of the import"})
    text, confirmed = pack(placeholder), pack(school)
    assert "by the end of the first term after the policy is adopted" in text
    assert "by the end of the first term after the policy is adopted" not in confirmed
    plan = part(words_of(text), "Action plan")
    assert "to be confirmed, when" not in plan and "within half a term of to be confirmed" not in plan
    assert "when the policy was adopted" not in text


def test_a_future_adoption_is_never_spoken_of_as_past(tmp_path):
    text = pack(make_profile(tmp_path, {"document": {"date_adopted": "2027-02-01"}}))
    assert "was adopted" not in text
    assert "Its dates count from the policy's date of adoption, 1 February 2027." in text


def test_the_plan_starts_from_the_later_of_adoption_and_the_audit(tmp_path):
    school = make_profile(tmp_path, {"document": {"date_adopted": "2026-09-01"}})
    later = dataclasses.replace(audit_of(school), completed_on="2026-11-20")
    assert "its dates count from the day we completed the audit, 20 November 2026." in pack(school, later)
    assert "the day we completed the audit" not in pack(school, audit_of(school))  # the audit before adoption
    assert dates.plan_timeline(school, later).term(0) == ("spring", 2027)  # 20 November leaves too little autumn


def test_a_plan_made_after_adoption_counts_from_the_day_it_is_made_so_governors_can_approve_it_first(tmp_path):
    """Read on 8 December 2026, a plan adopted in September had actions due 'by the end of the autumn term 2026'."""
    school = make_profile(tmp_path, {"document": {"date_adopted": "2026-09-01"}, "pupils": {"fsm_percent": 30}})
    made = date(2026, 12, 8)
    plan = plans.build_plan(school, audit_of(school), made)
    assert plan.timeline == dates.Timeline(made, "made")
    assert not [a.timescale for a in plan.actions if "autumn term 2026" in a.timescale]
    assert plan.priorities[0].timescale == "by the end of the spring term 2027"  # at least half a term after
    early = plans.build_plan(school, audit_of(school), date(2026, 6, 1))  # made before adoption: from adoption
    assert early.timeline == dates.Timeline(date(2026, 9, 1), "adoption")


def test_the_pack_says_plainly_when_its_dates_count_from_the_day_it_was_made(tmp_path, monkeypatch):
    school = make_profile(tmp_path, {"document": {"date_adopted": "2026-09-01"}})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 12, 8, tzinfo=UTC).timestamp())))
    assert (
        "This plan was drawn up on 8 December 2026. So that the governing body can approve it before any of it falls "
        "due, nothing is due within half a term of that day: the first actions are due by the end of the spring term "
        "2027." in pack(school)
    )
    assert "Its dates count from" not in pack(school)


def test_a_schools_own_date_that_has_passed_falls_due_in_the_plans_first_term(tmp_path):
    school = make_profile(tmp_path, {"document": {"date_adopted": "2026-09-01"}})
    audit = audit_of(school, global_links=Entry("not-yet", None, "Write to our twin school.", "2026-11-30"))
    ours = lambda plan: next(a for a in plan.actions if a.text == "Write to our twin school.")  # noqa: E731
    assert ours(plans.build_plan(school, audit, date(2026, 12, 8))).timescale == "by the end of the spring term 2027"
    assert ours(plans.build_plan(school, audit, date(2026, 10, 1))).timescale == "by 30 November 2026"


def test_a_plan_drawn_up_after_adoption_keeps_none_of_its_own_dates_within_half_a_term(tmp_path):
    """The plan tells governors nothing is due within half a term of the day it is drawn up; an own date a week
    away stood under that sentence (cold review). A later own date is kept."""
    school = make_profile(tmp_path, {"document": {"date_adopted": "2026-09-01"}})
    soon = audit_of(school, global_links=Entry("not-yet", None, "Write to our twin school.", "2026-12-15"))
    later = audit_of(school, global_links=Entry("not-yet", None, "Write to our twin school.", "2027-03-20"))
    ours = lambda plan: next(a for a in plan.actions if a.text == "Write to our twin school.")  # noqa: E731
    assert ours(plans.build_plan(school, soon, date(2026, 12, 8))).timescale == "by the end of the spring term 2027"
    assert ours(plans.build_plan(school, later, date(2026, 12, 8))).timescale == "by 20 March 2027"


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_nothing_falls_due_before_the_plan_can_start_it(profile, audit):
    timeline = dates.plan_timeline(profile, audit)
    for action in plans.build_plan(profile, audit).actions:
        found = re.search(r"(autumn|spring|summer) term (\d{4})", action.timescale)
        if found and timeline.start:
            assert dates.term_end((found[1], int(found[2]))) - timeline.start >= timedelta(days=42), action.text


# ---- 3. nothing the profile or the audit already records -----------------------------------------


def test_a_faith_link_only_where_the_families_share_the_schools_faith_and_none_exists(tmp_path):
    church = {"school": {"religious_character": "Church of England", "type": "Voluntary Aided School"}}
    own = make_profile(tmp_path, {**church, "pupils": {"faiths": ["Christian", "No religion"]}}, slug="own")
    assert plans.faith_links(own) is not None
    linked = make_profile(
        tmp_path,
        {
            **church,
            "pupils": {"faiths": ["Christian", "No religion"]},
            "partnerships": [{"name": "Testford Interfaith Forum", "kind": "community", "what": "Visits."}],
        },
        slug="linked",
    )
    mixed = make_profile(tmp_path, {**church, "pupils": {"faiths": ["Muslim", "Christian"]}}, slug="mixed")
    unknown = make_profile(tmp_path, church, slug="unknown")
    for school in (linked, mixed, unknown):
        assert plans.faith_links(school) is None, school.slug
        assert "of another faith, or of none" not in pack(school)


def test_a_link_with_another_school_is_built_on_not_started_again(tmp_path):
    linked = plans.monocultural_partnership(make_profile(tmp_path, {"pupils": MONO}, slug="linked"))
    alone = plans.monocultural_partnership(make_profile(tmp_path, {"pupils": MONO, "partnerships": None}))
    assert linked.text.startswith("Build on our link with Brookside School")
    assert alone.text.startswith("Set up a lasting partnership")


def test_a_unit_whose_partner_finds_groups_near_home_is_not_asked_to_start_that(tmp_path):
    unit = {"school": {"phase": "pru", "type": "Pupil Referral Unit"}}
    youth = {"name": "Testford Youth Service", "kind": "community", "what": "Helps students join groups near home."}
    returns = {"name": "Testford heads' panel", "kind": "school", "what": "Shared return plans."}
    assert plans.reintegration_links(make_profile(tmp_path, {**unit, "partnerships": [returns, youth]})) is None
    only_returns = plans.reintegration_links(make_profile(tmp_path, {**unit, "partnerships": [returns]}, slug="r"))
    assert only_returns.text.startswith("Before each pupil leaves us, link them with a club or group near home")


def test_nothing_repeats_a_practice_the_audit_found_in_place(tmp_path):
    school = make_profile(tmp_path, {"pupils": {"fsm_percent": 40}})
    in_place = audit_of(school, barriers_to_taking_part=Entry("in-place", "Trips paid for"))
    plan = plans.build_plan(school, in_place)
    assert not [a for a in plan.actions if a.topic == "barriers-to-taking-part"]
    reading = plans.figure_readings(school, in_place)[0]
    assert reading.outcome == "our audit found this work in place (Trips paid for)"
    assert [a for a in plans.build_plan(school, audit_of(school)).actions if a.topic == "barriers-to-taking-part"]


# ---- 4. safety first, the curriculum and the school's own steps kept -----------------------------


def test_without_an_audit_checking_how_incidents_are_recorded_is_a_first_year_priority(tmp_path):
    school = make_profile(tmp_path, {"pupils": MONO, "location": {"setting": "rural"}})
    first = plans.build_plan(school, not_assessed(school.slug)).priorities
    assert first[0].rule == "incident_check"
    checked = audit_of(school, prejudice_incidents=Entry("in-place", "Incident log"))
    assert not [a for a in plans.build_plan(school, checked).actions if a.topic == "prejudice-incidents"]


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_no_safety_or_prejudice_action_waits_while_anything_else_is_in_the_first_year(profile, audit):
    plan = plans.build_plan(profile, audit)
    waiting = [a.text for a in plan.later if plans.band(a.topic) == 0]
    waiting += [t for t in plan.deferred if re.search(r"prejudice|hostile|tension", t, re.I)]
    assert not waiting
    ranks = [plans.band(a.topic) for a in plan.priorities]
    assert ranks == sorted(ranks)


def test_a_schools_own_dated_step_is_kept_with_its_date_in_the_first_year(tmp_path):
    school = make_profile(tmp_path, {"document": {"date_adopted": "2026-12-04"}})
    audit = audit_of(
        school,
        citizenship_re_pshe=Entry("partly", "PSHE scheme", "Plan a short RE unit for each intake.", "2027-04-30"),
        **{p.id.replace("-", "_"): Entry("not-yet") for p in practices()[:5] if p.id != "citizenship-re-pshe"},
    )
    plan = plans.build_plan(school, audit)
    ours = next(a for a in plan.actions if a.text == "Plan a short RE unit for each intake.")
    assert ours in plan.priorities and ours.timescale == "by 30 April 2027"


def test_the_schools_own_steps_and_the_curriculum_are_never_all_put_off(tmp_path):
    school = make_profile(tmp_path, {"pupils": {"eal_percent": 40, "fsm_percent": 40, "mobility_percent": 20}})
    audit = audit_of(school, **{p.id.replace("-", "_"): Entry("not-yet") for p in practices()})
    audit.entries["global-links"] = Entry("not-yet", None, "Write to our link school in Accra.")
    plan = plans.build_plan(school, audit)
    assert "Write to our link school in Accra." in [a.text for a in plan.actions]
    assert any(a.topic in plans.CURRICULUM for a in plan.actions)
    assert not any("Accra" in text for text in plan.deferred)


# ---- 5. right for the age and the kind of school -------------------------------------------------


def test_no_survey_of_children_under_seven_or_of_pupils_with_profound_difficulties(tmp_path):
    infant = make_profile(
        tmp_path, {"school": {"phase": "infant", "statutory_low_age": 3, "statutory_high_age": 7}}, slug="infant"
    )
    complex_needs = make_profile(
        tmp_path,
        {"school": {"phase": "special", "type": "Community Special School", "send_needs": ["sld", "pmld"]}},
        slug="complex",
    )
    for school in (infant, complex_needs):
        plan_part = part(pack(school), "Action plan")
        assert "survey" not in plan_part.lower(), school.slug
    assert "Ask families each year how well children" in pack(infant)
    assert "through staff observation, each pupil's own way of communicating" in pack(complex_needs)
    assert "Run a yearly survey of how well students" in pack(
        make_profile(tmp_path, {"school": {"phase": "secondary"}})
    )


@pytest.mark.parametrize(
    "changes, said, refused",
    [
        ({"school": {"phase": "nursery", "type": "LA Nursery School"}}, "stay-and-play sessions", "clubs, trips"),
        (
            {"school": {"phase": "special", "type": "Community Special School"}},
            "cost, transport or the support each pupil needs",
            "gap with their classmates",
        ),
        ({"school": {"phase": "pru", "type": "Pupil Referral Unit"}}, "groups near home", "gap with their classmates"),
        ({}, "clubs, trips and activities pupils eligible", "stay-and-play"),
    ],
)
def test_the_free_school_meals_action_fits_the_kind_of_school(tmp_path, changes, said, refused):
    school = make_profile(tmp_path, {**changes, "pupils": {"fsm_percent": 40}})
    action = plans.high_fsm_barriers(school)
    assert said in action.text + " " + action.success and refused not in action.text + " " + action.success
    assert "data manager" not in action.resources.lower()
    assert plans.high_fsm_barriers(make_profile(tmp_path, {**changes, "pupils": {"fsm_percent": 10}}, "low")) is None


def test_most_pupils_sharing_one_background_is_said_plainly_and_only_from_the_figures(tmp_path):
    mono = pack(make_profile(tmp_path, {"pupils": MONO}, slug="mono"))
    assert "most of our pupils share one ethnic background (White British, 88%)" in mono
    assert "mono-cultural" not in mono.lower()
    assert "share one ethnic background" not in pack(make_profile(tmp_path))


# ---- 6. local tension: unprinted, and acted on specifically --------------------------------------


def test_tension_actions_name_the_partners_and_the_places_the_schools_words_give(tmp_path):
    words = "Graffiti near the school, and families worry about the way home."
    tense = make_profile(
        tmp_path,
        {
            "local_tensions": words,
            "partnerships": [{"name": "Testford Faiths Forum", "kind": "community", "what": "Shared visits."}],
        },
    )
    text = pack(tense)
    assert (
        "Agree a written plan with Testford Faiths Forum, the local police, our local authority and local youth and "
        "community services" in text
    )
    assert "on the way to and from school" in text and "how our pupils get to and from school safely" in text
    assert "Graffiti" not in text and "way home" not in text  # planned from, never printed
    online = pack(make_profile(tmp_path, {"local_tensions": "Arguments online."}, slug="online"))
    assert "on the way to and from school" not in online and "in school or online" in online
    assert "question what they see online" in online
    assert "Agree a written plan" not in pack(make_profile(tmp_path, slug="calm"))


# ---- 7. evidence -------------------------------------------------------------------------------


def test_without_an_audit_the_portfolio_claims_nothing_and_says_what_it_has_not_checked(tmp_path):
    school = make_profile(tmp_path)
    without, with_audit = pack(school), pack(school, audit_of(school))
    assert "We already have evidence for" not in without and "Not yet checked" in without
    assert "We already have evidence for" in with_audit and "Not yet checked" not in with_audit


def test_the_inspection_questions_are_dated_and_todays_inspection_named_from_its_source(tmp_path):
    text = pack(make_profile(tmp_path))
    assert "asked these questions about community cohesion from 2008 until 2011" in text
    assert "Since November 2025, Ofsted's report-card inspections look at this work mainly under personal" in text
    assert "the three questions inspectors asked" not in text


# ---- 8. owners -----------------------------------------------------------------------------------


def test_a_role_still_to_confirm_is_named_with_to_be_confirmed_and_never_left_blank(tmp_path):
    school = dataclasses.replace(make_profile(tmp_path, {"pupils": {"fsm_percent": 30}}), unconfirmed=GIAS_PLACEHOLDERS)
    text = pack(school)
    assert '<td data-label="Owner">Assistant headteacher (to be confirmed)</td>' in text
    assert '<td data-label="Owner">Vice-chair of governors (to be confirmed)</td>' in text
    assert '<td data-label="Owner">to be confirmed</td>' not in text
    assert "(to be confirmed)" not in pack(make_profile(tmp_path, {"pupils": {"fsm_percent": 30}}, slug="known"))


def test_a_unit_without_a_heads_title_is_not_given_an_invented_one(tmp_path):
    unit = make_profile(
        tmp_path,
        {"school": {"phase": "pru", "type": "Pupil Referral Unit"}, "leads": {"staff": "Teacher in charge"}},
    )
    text = pack(unit)
    assert "Head of the unit" not in text and "head of the unit" not in text
    assert plans.head_role(unit) == "Teacher in charge"


def test_a_specialist_owns_only_work_of_their_specialism(tmp_path):
    school = make_profile(
        tmp_path,
        {
            "pupils": {"eal_percent": 40},
            "leads": {"staff": "Deputy headteacher", "others": ["Family liaison officer", "EAL co-ordinator"]},
        },
    )
    plan = plans.build_plan(school, not_assessed(school.slug))
    owners = {a.rule: a.owner for a in plan.actions}
    assert owners["high_eal_language_support"] == "EAL co-ordinator"
    assert all(
        a.owner in ("Deputy headteacher", "Headteacher", "Vice-chair of governors")
        for a in plan.actions
        if a.rule == plans.framework_actions.__name__
    )
    without = make_profile(tmp_path, {"pupils": {"eal_percent": 40}}, slug="without")
    assert plans.high_eal_language_support(without).owner == "Assistant headteacher"  # the staff lead


# ---- 9. needs and success measures ----------------------------------------------------------------


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_every_row_says_why_later_and_routine_rows_included(profile, audit):
    """St Chad's row 8, a faith link [Later], gave no reason (R3)."""
    plan = plans.build_plan(profile, audit)
    assert all(a.reason for a in plan.actions), [a.text for a in plan.actions if not a.reason]
    table = part(words_of(render_self_evaluation(profile, audit, LOCAL)), "Action plan").split("For the next plan")[0]
    assert table.count("Why: ") == len(plan.actions)


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_every_action_has_its_own_needs_and_cites_no_survey_the_school_does_not_run(profile, audit):
    for action in plans.build_plan(profile, audit).actions:
        assert action.resources and action.success, action.text
        assert "data manager" not in action.resources.lower()
        assert "the parent survey shows" not in action.success and "in the yearly survey" not in action.success


# ---- 10. to be confirmed, not known, not given -----------------------------------------------------


def test_a_figure_to_check_is_to_be_confirmed_and_a_figure_not_given_is_not_known(tmp_path):
    school = make_profile(tmp_path)
    checking = dataclasses.replace(school, unconfirmed={"pupils.eal_percent": "the register does not give it"})
    assert "| English as an additional language | to be confirmed |" in pack(checking)
    missing = make_profile(tmp_path, {"pupils": {"eal_percent": None}}, slug="missing")
    assert "| English as an additional language | not known |" in pack(missing)
    assert "Add the share of our pupils with English as an additional language from our school census return" in (
        pack(missing)
    )
    assert "from our school census return" not in pack(school)
    assert "when the school has" not in pack(missing)


def test_a_group_one_side_does_not_give_is_not_given_never_nought(tmp_path):
    school = make_profile(
        tmp_path, {"local_area": {"name": "Testford ward", "ethnicity": {"white_british": 80, "chinese": 20}}}
    )
    text = pack(school)
    assert "| Chinese | not given | 20% |" in text and "| Indian | 10% | not given |" in text
    assert "| 0% |" not in text


def test_the_plan_starts_from_the_audit_only_with_an_audit(tmp_path):
    school = make_profile(tmp_path)
    assert "so the plan starts from our audit" in pack(school, audit_of(school))
    assert "starts from our audit" not in pack(school) and "follows the audit" not in pack(school)


# ---- 11. thresholds and national figures ---------------------------------------------------------


def test_the_thresholds_are_stated_plainly_with_the_national_figures_their_dates_and_sources(tmp_path):
    text = pack(make_profile(tmp_path))
    assert (
        "The plan acts on our figures when 25% or more of our pupils are eligible for free school meals, or 20% or"
        in (text)
    )
    assert "25.7% of pupils in England were eligible for free school meals in January 2025" in text
    assert "from September 2026 every child in a household on Universal Credit" in text
    assert "We count" not in text


# ---- 12. one voice, the school's own words, each action once --------------------------------------


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_no_machine_english_and_each_action_printed_once(profile, audit):
    markdown = render_self_evaluation(profile, audit, LOCAL)
    text = words_of(markdown)
    for refused in (
        "Why: Every school",
        "Why: Profile:",
        "Why: Audit:",
        "Point 2b",
        "A plan the school can carry",
        "not given in the profile",
        "Once it is added",
        "stays within reach",
        "Pupils at the school",
        "include Jewish",
        "include Muslim",
        "completed by:",
        "with pupils' views",
        "Every plan",
    ):
        assert refused not in text, refused
    plan = plans.build_plan(profile, audit)
    outside_the_audit = part(text, "Community profile") + part(text, "Action plan")  # the audit report keeps its steps
    for action in plan.start + plan.priorities:
        assert outside_the_audit.count(flat(action.text)) == 1, action.text
    if plans.phase_words(profile).pupils == "students":
        assert "| Measure | Our students |" in markdown


# ---- 13. structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_later_actions_carry_no_first_year_date_and_the_next_plan_nothing_due_this_year(profile, audit):
    plan = plans.build_plan(profile, audit)
    timeline = plan.timeline
    for action in plan.later:
        found = re.search(r"(autumn|spring|summer) term (\d{4})", action.timescale)
        if found and timeline.start:
            assert dates.term_end((found[1], int(found[2]))) > dates.term_end(timeline.term(2)), action.text
        if action.due:
            assert not timeline.in_first_year(action.due), action.text
    for text in plan.deferred:
        assert "this year" not in text and not re.search(r"\bby the (autumn|spring|summer) term\b", text)
    own = [a.text for a in plans.audit_actions(profile, audit) if a.own]
    assert not set(own) & set(plan.deferred)


# ---- 14. presentation ------------------------------------------------------------------------------


@pytest.mark.parametrize("profile, audit", EVERY_PACK, ids=IDS)
def test_each_chart_is_seen_once_where_no_stylesheet_chooses(profile, audit):
    markdown = render_self_evaluation(profile, audit, LOCAL)
    wide = re.findall(r'<svg [^>]*data-layout="wide"[^>]*>', markdown)
    narrow = re.findall(r'<svg [^>]*data-layout="narrow"[^>]*>', markdown)
    assert len(wide) == len(narrow) == markdown.count('<figure class="cc-chart">')
    assert all('display="none"' in tag for tag in narrow) and not any('display="none"' in tag for tag in wide)


def test_a_figure_not_known_is_said_in_its_chart(tmp_path):
    missing = make_profile(tmp_path, {"pupils": {"eal_percent": None}})
    markdown = render_self_evaluation(missing, not_assessed(missing.slug), LOCAL)
    chart = re.search(r'<figure class="cc-chart">(.*?)</figure>', markdown, re.S).group(1)
    assert ">Our pupils: not known</text>" in chart and ">Our pupils: 10%</text>" in chart


def test_a_pack_without_an_audit_prints_no_empty_audit(tmp_path):
    school = make_profile(tmp_path)
    without = render_self_evaluation(school, not_assessed(school.slug), LOCAL)
    assert "cc-audit" not in without and "Not yet assessed" not in without and "| Strand |" not in without
    assert "We have not yet done our audit." in without
    with_audit = render_self_evaluation(school, audit_of(school), LOCAL)
    assert "| Strand |" in with_audit and "We have not yet done our audit." not in with_audit


def test_the_same_profile_and_audit_always_make_the_same_pack(tmp_path):
    school = make_profile(tmp_path, {"pupils": {"fsm_percent": 40}})
    assert render_self_evaluation(school, audit_of(school), LOCAL) == render_self_evaluation(
        school, audit_of(school), LOCAL
    )
    source = Path(plans.__file__).read_text(encoding="utf-8")
    assert "date.today(" not in source and "now(" not in source  # the one clock is plan_dates.made_on


def test_riversides_own_next_step_builds_on_the_ward_figures_its_profile_already_gives():
    profile = load_profile(ROOT / "schools" / "riverside-primary.yml")
    text = pack(profile, audit_for(profile.slug, ROOT / "audits"))
    assert "Compare our intake with the ward's figures" in text and "ward's census figures" not in text


def test_a_pack_is_remade_when_its_dates_would_change_and_only_then(tmp_path, monkeypatch):
    """A plan made after adoption counts from the day it is made: a cached pack from another day would carry
    another day's dates. A plan that counts from a future adoption keeps its key from day to day (cold review: the
    key changed every day, remaking every pack and its PDF)."""
    from cohesion_guide.documents.self_evaluation import self_evaluation_key

    def keys(school) -> set[str]:
        found = set()
        for day in (datetime(2026, 12, 8, tzinfo=UTC), datetime(2026, 12, 9, tzinfo=UTC)):
            monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(day.timestamp())))
            found.add(self_evaluation_key("policy", school, not_assessed(school.slug)))
        return found

    assert len(keys(make_profile(tmp_path, {"document": {"date_adopted": "2026-09-01"}}))) == 2
    assert len(keys(make_profile(tmp_path, {"document": {"date_adopted": "2027-03-01"}}, slug="later"))) == 1
