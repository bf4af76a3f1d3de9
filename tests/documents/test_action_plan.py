"""The action plan: each priority rule adds its action when its condition holds and only then; the
audit's gaps become actions; every point of the framework has an action with an owner, a
timescale and a success measure; the evidence portfolio marks what the school already has."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cohesion_guide.documents import action_plan as plans
from cohesion_guide.documents.action_plan import POINT_IDS, build_plan, priorities
from cohesion_guide.documents.evidence import portfolio
from cohesion_guide.documents.plan_dates import term_of, timescale
from cohesion_guide.inputs.audit import Audit, Entry, audit_for, load_audits, not_assessed, practice, practices
from cohesion_guide.inputs.profiles import load_profiles
from tests.conftest import ROOT
from tests.documents.test_tailoring import make_profile

MONO = {"pupils": {"ethnicity": {"white_british": 85, "irish": 5, "any_other_white": 5, "unclassified": 5}}}
DIVERSE = {
    "pupils": {"ethnicity": {"white_british": 30, "pakistani": 25, "indian": 20, "black_african": 15, "chinese": 10}}
}

# (rule, its point, profile changes that switch it on, changes that leave it off): the boundaries
# come from the profile's own thresholds, which the rules must use rather than repeat.
RULES = [
    (plans.monocultural_partnership, "4a", MONO, {"pupils": {"ethnicity": {"white_british": 79, "indian": 21}}}),
    (plans.high_eal_language_support, "5", {"pupils": {"eal_percent": 20}}, {"pupils": {"eal_percent": 19.9}}),
    (plans.rural_isolation, "4a", {"location": {"setting": "rural"}}, {"location": {"setting": "urban"}}),
    (plans.high_fsm_barriers, "5", {"pupils": {"fsm_percent": 25}}, {"pupils": {"fsm_percent": 24.9}}),
    (plans.diverse_relationships, "1b", DIVERSE, MONO),
    (
        plans.faith_links,
        "4a",
        {"school": {"religious_character": "Church of England"}, "pupils": {"faiths": ["Christian", "No religion"]}},
        {"school": {"religious_character": "Does not apply"}, "pupils": {"faiths": ["Christian", "No religion"]}},
    ),
]


def rules_in(plan) -> set[str]:
    return {a.rule for a in plan.actions}


@pytest.mark.parametrize("rule, point, on, off", RULES, ids=[r[0].__name__ for r in RULES])
def test_each_profile_rule_adds_its_action_only_when_its_condition_holds(tmp_path, rule, point, on, off):
    yes = make_profile(tmp_path, on, slug="on-school")
    no = make_profile(tmp_path, off, slug="off-school")
    action = rule(yes)
    assert action is not None and action.point == point
    assert action.reason and not action.reason.startswith(("Profile", "Every school"))  # a reason, in our voice
    assert rule(no) is None
    assert rule.__name__ in rules_in(build_plan(yes, not_assessed(yes.slug)))
    assert rule.__name__ not in rules_in(build_plan(no, not_assessed(no.slug)))


def test_a_school_that_triggers_no_rule_has_no_profile_priorities(tmp_path):
    neutral = make_profile(tmp_path)
    assert all(rule(neutral) is None for rule in plans.PROFILE_RULES)
    rules = {rule.__name__ for rule in plans.PROFILE_RULES}
    assert not any(a.rule in rules for a in priorities(neutral, not_assessed(neutral.slug)))


def test_the_monocultural_action_names_the_largest_group_and_its_share(tmp_path):
    action = plans.monocultural_partnership(make_profile(tmp_path, MONO))
    assert action.reason == "most of our pupils share one ethnic background (White British, 85%)"
    assert "mono-cultural" not in action.reason + action.text


def _audit(**statuses: Entry) -> Audit:
    return Audit(
        "test-school",
        Path("audits/test-school.yml"),
        "2026-10-05",
        "Deputy headteacher",
        {pid.replace("_", "-"): entry for pid, entry in statuses.items()},
    )


def test_practices_not_yet_in_place_become_actions_at_their_point(tmp_path):
    profile = make_profile(tmp_path)
    audit = _audit(
        global_links=Entry("not-yet"),
        admissions=Entry("partly", "Policy", "Our own next step."),
        pupil_voice=Entry("in-place", "Council minutes"),
    )
    found = {a.text: a for a in plans.audit_actions(profile, audit)}
    assert set(found) == {practice("global-links").action, "Our own next step."}
    links, admissions = found[practice("global-links").action], found["Our own next step."]
    assert links.point == practice("global-links").point and links.success == practice("global-links").success
    assert links.timescale == "by the end of the spring term 2027"  # not yet: by the end of next term
    assert admissions.timescale == "by the end of the summer term 2027"  # partly: within the year
    assert admissions.point == practice("admissions").point


def test_the_schools_own_due_date_is_kept(tmp_path):
    profile = make_profile(tmp_path, {"document": {"date_adopted": "2026-12-04"}})
    audit = _audit(global_links=Entry("not-yet", None, "Write to our twin school.", "2027-01-08"))
    plan = build_plan(profile, audit)
    ours = [a for a in plan.actions if a.text == "Write to our twin school."]
    assert ours and ours[0].timescale == "by 8 January 2027"
    without = build_plan(profile, _audit(global_links=Entry("not-yet", None, "Write to our twin school.")))
    assert [a.timescale for a in without.actions if a.text == "Write to our twin school."] != ["by 8 January 2027"]


def test_practices_in_place_or_not_assessed_add_no_action(tmp_path):
    profile = make_profile(tmp_path)
    everything = _audit(**{p.id.replace("-", "_"): Entry("in-place", "Somewhere") for p in practices()})
    assert plans.audit_actions(profile, everything) == []
    assert plans.audit_actions(profile, not_assessed("test-school")) == []


def test_without_an_audit_the_plan_asks_for_one_and_with_one_asks_to_update_it(tmp_path):
    profile = make_profile(tmp_path)
    plan = build_plan(profile, not_assessed(profile.slug))
    without = plan.actions[0]  # the first row of the plan, before the first-year priorities
    with_one = [a for a in build_plan(profile, _audit()).steps if a.point == "2b"][0]
    assert plan.start == (without,) and "Complete the self-evaluation audit" in without.text
    assert without.timescale == "by the end of the autumn term 2026"
    assert "Update the self-evaluation audit" in with_one.text
    assert not build_plan(profile, _audit()).start


def test_every_action_has_an_owner_a_timescale_a_success_measure_and_resources():
    schools = load_profiles(ROOT / "schools")
    audits = load_audits(ROOT / "audits", [p.slug for p in schools])
    for profile in schools:
        for audit in (audits[profile.slug], not_assessed(profile.slug)):
            for action in build_plan(profile, audit).actions:
                assert action.point in POINT_IDS
                assert action.owner and action.timescale and action.success and action.text and action.resources


def test_owners_are_the_roles_the_profile_names(tmp_path):
    profile = make_profile(
        tmp_path,
        {
            "leads": {"governor": "Chair of governors", "staff": "SENCo"},
            "document": {"approved_by": "Standards committee"},
        },
    )
    assert plans.owner_name(profile, "governor") == "Chair of governors"
    assert plans.owner_name(profile, "staff") == "SENCo"
    assert plans.owner_name(profile, "headteacher") == "Headteacher"
    assert plans.owner_name(profile, "governing-body") == "Standards committee"
    owners = {a.owner for a in build_plan(profile, not_assessed(profile.slug)).actions}
    assert {"Chair of governors", "SENCo", "Headteacher"} <= owners


def test_the_heads_title_follows_the_profile(tmp_path):
    profile = make_profile(tmp_path, {"school": {"type": "Academy Converter", "head_title": "principal"}})
    assert plans.owner_name(profile, "headteacher") == "Principal"


@pytest.mark.parametrize(
    "day, term",
    [
        ("2026-09-01", ("autumn", 2026)),
        ("2026-12-31", ("autumn", 2026)),
        ("2027-01-01", ("spring", 2027)),
        ("2027-03-31", ("spring", 2027)),
        ("2027-04-01", ("summer", 2027)),
        ("2027-08-31", ("summer", 2027)),
    ],
)
def test_terms(day, term):
    assert term_of(date.fromisoformat(day)) == term


@pytest.mark.parametrize(
    "start, when, expected",
    [
        ("2026-09-01", "now", "by the end of the autumn term 2026"),
        ("2026-09-01", "next", "by the end of the spring term 2027"),
        ("2026-09-01", "year", "by the end of the summer term 2027"),
        ("2027-01-20", "now", "by the end of the spring term 2027"),
        ("2027-01-20", "year", "by the end of the autumn term 2027"),
        ("2027-05-01", "next", "by the end of the autumn term 2027"),
    ],
)
def test_timescales_count_terms_from_the_date_adopted(start, when, expected):
    assert timescale(start, when) == expected


# ---- the evidence portfolio ---------------------------------------------------------------------


def items_of(profile, audit) -> dict:
    return {item.id: item for question in portfolio(profile, audit) for item in question.items}


def test_evidence_is_held_where_a_linked_practice_is_in_place_with_its_where(tmp_path):
    profile = make_profile(tmp_path, {"pupils": {"ethnicity": None}, "partnerships": None})
    audit = _audit(
        prejudice_incidents=Entry("in-place", "Incident log, termly report"),
        exclusions_by_group=Entry("partly", "Yearly figures"),
    )
    items = items_of(profile, audit)
    assert items["incident-records"].held
    assert items["incident-records"].sources[0].text == "Incident log, termly report"
    assert items["exclusions-data"].state == "partly" and not items["exclusions-data"].held
    assert items["exclusions-data"].sources[0].text == "Yearly figures"
    assert items["partnership-records"].state == "to-gather"  # an audit, and nothing it found in place


def test_an_item_is_in_one_state_only(tmp_path):
    """Held, partly held, still to gather or not yet checked: never 'still to gather' and 'partly' at once."""
    profile = make_profile(tmp_path)
    audit = _audit(progress_by_group=Entry("partly", "Termly progress report"))
    for item in items_of(profile, audit).values():
        assert item.state in ("held", "partly", "to-gather", "not-checked")
        assert (item.state in ("held", "partly")) == bool(item.sources), item.id


def test_a_record_of_one_kind_never_stands_for_another(tmp_path):
    """School council minutes are not survey results, nor pupils' views on how groups get on; a survey of
    students is both."""
    profile = make_profile(tmp_path)
    council = items_of(profile, _audit(pupil_voice=Entry("in-place", "School council minutes")))
    assert not council["pupil-survey-trend"].held and not council["pupils-views"].held
    survey = items_of(profile, _audit(stakeholder_views=Entry("in-place", "Yearly parent and student surveys")))
    assert survey["pupil-survey-trend"].held and survey["pupils-views"].held
    admissions = items_of(profile, _audit(admissions=Entry("in-place", "Admissions policy; open mornings")))
    assert admissions["area-figures"].state == "to-gather"  # an admissions policy is not the ward's figures


def test_evidence_from_the_profile_counts_as_held(tmp_path):
    profile = make_profile(
        tmp_path,
        {
            "local_area": {"name": "Testford ward", "eal_percent": 5},
            "pupils": {"home_languages": ["English", "Urdu"], "faiths": ["Christian", "Muslim"]},
        },
    )
    items = items_of(profile, not_assessed(profile.slug))
    assert items["pupil-figures"].held and "Testford ward" in items["area-figures"].sources[0].text
    # a ward's share learning English alone is part of the comparison, not all of it
    assert items["area-figures"].state == "partly" and "still to add: ethnic make-up and free school meals" in (
        items["area-figures"].sources[0].text
    )
    # a partner named in the profile is a partnership, not yet a record of what was done with it
    assert items["partnership-records"].state == "partly"
    assert "Brookside School" in items["partnership-records"].sources[0].text


def test_without_an_audit_the_portfolio_claims_nothing_about_what_the_school_keeps(tmp_path):
    profile = make_profile(tmp_path, {"pupils": {"ethnicity": None}, "partnerships": None})
    questions = portfolio(profile, not_assessed(profile.slug))
    assert [q.id for q in questions] == ["knowledge", "action", "impact"]
    assert sum(q.held for q in questions) == 0
    states = {item.id: item.state for q in questions for item in q.items}
    assert states["incident-records"] == states["curriculum-map"] == "not-checked"
    assert states["pupil-figures"] == "partly"  # the profile gives free school meals: a fact, audit or none


# ---- first things first (issue 25) ---------------------------------------------------------------


def test_governors_own_only_oversight_and_staff_deliver(tmp_path):
    """Every action a governor role owns is the governing body's own business; the rest go to staff, however
    the load is spread (a governor never owns the survey or a visit)."""
    school = make_profile(
        tmp_path,
        {
            "school": {"religious_character": "Church of England", "type": "Voluntary Aided School"},
            "pupils": {**MONO["pupils"], "faiths": ["Christian", "No religion"]},
        },
    )
    everything = _audit(**{p.id.replace("-", "_"): Entry("not-yet") for p in practices()})
    governors = {school.data["leads"]["governor"], school.data["document"]["approved_by"]}
    for plan in (build_plan(school, everything), build_plan(school, not_assessed(school.slug))):
        for action in plan.actions:
            if action.owner in governors:
                assert action.point in ("3a", "5") or "governing body" in action.text.lower(), action.text
                assert not any(word in action.text for word in ("survey", "visit", "Ask parents")), action.text
    assert plans.faith_links(school).owner != school.data["leads"]["governor"]


def test_prejudice_related_incidents_come_before_a_link_abroad(tmp_path):
    school = make_profile(tmp_path)
    audit = _audit(
        global_links=Entry("not-yet", None, "Link with a school in Ghana."),  # the school's own step, even so
        prejudice_incidents=Entry("not-yet"),
        pupil_voice=Entry("partly"),
        exclusions_by_group=Entry("not-yet"),
    )
    plan = build_plan(school, audit)
    topics = [a.topic for a in plan.priorities]
    assert topics[0] == "prejudice-incidents"
    assert "global-links" not in topics
    assert plans.band("prejudice-incidents") < plans.band("pupil-voice") < plans.band("global-links")


def test_local_tension_puts_incidents_and_a_response_plan_among_the_first_priorities(tmp_path):
    quiet = make_profile(tmp_path, slug="quiet")
    tense = make_profile(tmp_path, {"local_tensions": "Graffiti aimed at one community near the school."}, slug="tense")
    first = {a.rule for a in build_plan(tense, not_assessed(tense.slug)).priorities}
    assert {"tension_incidents", "tension_response"} <= first
    calm = {a.rule for a in build_plan(quiet, not_assessed(quiet.slug)).priorities}
    assert not {"tension_incidents", "tension_response"} & calm
    assert "incident_check" in calm  # without an audit, every school checks how incidents are recorded
    response = plans.tension_response(tense)
    # a pen-friend school is no partner for a night of trouble: the police, the authority and youth services
    assert response.text.startswith(
        "Agree a written plan with the local police, our local authority and local youth and community services"
    )
    # the school's own words are planned from, never printed
    assert all("Graffiti" not in a.text + a.reason for a in build_plan(tense, not_assessed(tense.slug)).actions)


def test_many_pupils_joining_mid_year_get_a_welcome_in_the_plan(tmp_path):
    many = make_profile(tmp_path, {"pupils": {"mobility_percent": 25}}, slug="many")
    few = make_profile(tmp_path, {"pupils": {"mobility_percent": 4}}, slug="few")
    assert "mid-year-arrivals" in {a.topic for a in build_plan(many, not_assessed(many.slug)).actions}
    assert plans.mid_year_welcome(few) is None


def test_every_figure_above_its_threshold_has_an_action_or_a_stated_reason(tmp_path):
    """The heaviest profile: each figure at its level says where the plan acts on it, or that it waits."""
    school = make_profile(
        tmp_path,
        {
            "pupils": {"eal_percent": 50, "fsm_percent": 40, "mobility_percent": 30, **MONO["pupils"]},
            "local_tensions": "Protests in the town centre last summer.",
        },
    )
    everything = _audit(
        **{p.id.replace("-", "_"): Entry("not-yet", None, f"Our step for {p.id}.") for p in practices()}
    )
    readings = plans.figure_readings(school, everything)
    said = " ".join(r.figure for r in readings)
    for figure in ("50% of our pupils", "40% of our pupils", "(White British, 85%)", "30% of our pupils", "tension"):
        assert figure in said, figure
    assert all(
        r.outcome.startswith(("a first-year priority, action ", "in the plan", "this waits for the next plan"))
        for r in readings
    )


def test_no_shell_command_in_a_governors_document(tmp_path):
    from cohesion_guide.documents.self_evaluation import render_self_evaluation
    from cohesion_guide.inputs.local_config import load_local

    school = make_profile(tmp_path)
    pack = render_self_evaluation(school, not_assessed(school.slug), load_local(ROOT))
    assert "cohesion audit" not in pack and "`" not in pack.split("## Community profile")[1]


def test_support_comes_from_the_schools_own_authority_never_the_sites(tmp_path):
    from cohesion_guide.documents.self_evaluation import render_self_evaluation
    from cohesion_guide.inputs.local_config import load_local

    local = load_local(ROOT)
    away = make_profile(tmp_path, {"school": {"local_authority": "Barnsley"}}, slug="away")
    home = make_profile(tmp_path, {"school": {"local_authority": local["authority"]["name"]}}, slug="home")
    contact = local["contacts"][0]["name"]
    assert contact not in render_self_evaluation(away, not_assessed(away.slug), local)
    assert contact in render_self_evaluation(home, not_assessed(home.slug), local)


def test_suggested_actions_speak_of_the_body_and_the_pupils_the_school_has(tmp_path):
    """audit_practices.yml is written for a maintained primary; a unit's plan speaks of its management committee
    and its students."""
    unit = make_profile(
        tmp_path,
        {
            "school": {"phase": "pru", "type": "Pupil Referral Unit"},
            "leads": {"governor": "Chair of the management committee", "staff": "Deputy head of centre"},
            "document": {"approved_by": "Management committee"},
            "context": "Students join us from schools across the county. Students stay a term.",
        },
    )
    audit = _audit(governing_body_reflects_community=Entry("not-yet"), pupil_voice=Entry("not-yet"))
    said = " ".join(a.text + " " + a.success for a in build_plan(unit, audit).actions)
    assert "the management committee's make-up" in said and "what students say each year" in said
    assert "governing body" not in said and "governors" not in said and " pupils" not in said


# ---- first things first, fourth cold read (R7, R9, R10, R11) --------------------------------------

ONLINE = {"local_tensions": "Arguments that start online carry on into school.", "school": {"phase": "secondary"}}


def test_every_topic_a_plan_can_act_on_has_its_place_in_the_order():
    """A new practice or rule is placed on purpose: none falls to the end of the plan unnoticed."""
    topics = {p.id for p in practices()} | {"tension-response", "online-hostility", "mid-year-arrivals", "faith-links"}
    for topic in topics:
        plans.band(topic)
    with pytest.raises(ValueError, match="no place for the topic"):
        plans.band("something-new")


def test_prejudice_work_ranks_before_fairness_voices_links_and_enrichment():
    from cohesion_guide.documents.plan_order import BANDS

    first = BANDS[0][1]
    assert {"prejudice-incidents", "tension-response", "online-hostility", "shared-values-lessons"} <= first
    for topic in ("barriers-to-taking-part", "extended-services", "visits-other-communities", "global-links"):
        assert plans.band(topic) > plans.band("online-hostility") == plans.band("shared-values-lessons") == 0


def test_training_for_prejudice_met_online_is_a_first_year_priority_before_clubs_and_trips(tmp_path):
    """Harbour, Al-Noor and Ridgeway had it [Later], behind the first year's clubs and activities."""
    school = make_profile(tmp_path, {**ONLINE, "pupils": {"fsm_percent": 60, "eal_percent": 40}})
    plan = build_plan(school, not_assessed(school.slug))
    first = [a.topic for a in plan.priorities]
    assert "online-hostility" in first
    assert first.index("online-hostility") < len(first)
    assert "barriers-to-taking-part" not in first and "eal-support" not in first


def test_every_safety_and_prejudice_action_is_in_the_first_year_whatever_else_the_audit_finds(tmp_path):
    """Northgate's tutor-time programme, lessons that challenge prejudice, waited for spring 2028."""
    school = make_profile(tmp_path, {**ONLINE, "pupils": {"fsm_percent": 40}})
    audit = _audit(
        **{p.id.replace("-", "_"): Entry("not-yet") for p in practices()},
    )
    audit.entries["shared-values-lessons"] = Entry(
        "partly", None, "Extend the tutor-time programme to years 10 and 11."
    )
    audit.entries["visits-other-communities"] = Entry("not-yet", None, "A visit for year 8.", "2027-02-01")
    plan = build_plan(school, audit)
    safety = [a for a in plan.actions if a.rule != "framework_actions" and plans.band(a.topic) == 0]
    assert {a.topic for a in safety} == {
        "prejudice-incidents",
        "tension-response",
        "online-hostility",
        "shared-values-lessons",
    }
    assert all(a in plan.priorities for a in safety)
    ranks = [plans.band(a.topic) for a in plan.priorities]
    assert ranks == sorted(ranks)  # safety and prejudice come first in the table too
    assert not [text for text in plan.deferred if "tutor-time" in text]


def test_a_unit_plans_to_look_at_which_groups_are_placed_with_it_as_its_policy_says(tmp_path):
    """Ridgeway's policy says it will tell the authority and schools where some groups are placed more often."""
    unit = make_profile(tmp_path, {"school": {"phase": "pru", "type": "Pupil Referral Unit"}}, slug="unit")
    action = plans.placements_by_group(unit)
    assert action.topic == "admissions" and action.text.startswith("Compare who is placed with us, by group")
    assert "placed more often" in action.reason
    assert action in build_plan(unit, not_assessed(unit.slug)).actions
    # the policy says "each year": the first look is in the plan's first year, not after it (fifth cold read)
    tense = make_profile(
        tmp_path,
        {"school": {"phase": "pru", "type": "Pupil Referral Unit"}, "local_tensions": "Fights that start online."},
        slug="tense-unit",
    )
    assert action.text in [a.text for a in build_plan(tense, not_assessed(tense.slug)).priorities]
    assert plans.placements_by_group(make_profile(tmp_path, slug="school")) is None
    checked = _audit(admissions=Entry("in-place", "Yearly placement figures"))
    assert not [a for a in build_plan(unit, checked).actions if a.rule == "placements_by_group"]


def test_the_tension_reason_says_where_governors_read_it_and_never_what_it_is(tmp_path):
    tense = make_profile(tmp_path, {"local_tensions": "Graffiti aimed at one community near the school."})
    for action in (plans.tension_incidents(tense), plans.tension_response(tense)):
        assert action.reason == (
            "we know of tension in our area, which the headteacher sets out for the governing body in a confidential "
            "note rather than in this public pack"
        )
    assert "in a confidential note" in plans.tension_incidents(tense).text


@pytest.mark.parametrize(
    "partner, named",
    [
        ({"name": "Grimsby Fishing Heritage Centre", "kind": "community", "what": "A history of the docks."}, False),
        (
            {"name": "Sparkhill CofE Primary School", "kind": "school", "what": "Year 10 students read with pupils."},
            False,
        ),
        ({"name": "Testford Youth Service", "kind": "community", "what": "An evening club."}, True),
        ({"name": "Bury Interfaith Forum", "kind": "community", "what": "Visitors from different faiths."}, True),
        ({"name": "West heads' inclusion panel", "kind": "school", "what": "Shared return plans."}, True),
        ({"name": "Lycée Exemple", "kind": "international", "what": "A youth exchange."}, False),
    ],
)
def test_the_tension_plan_names_only_partners_whose_work_suits_a_response_to_tension(tmp_path, partner, named):
    tense = make_profile(tmp_path, {"local_tensions": "Fights in the town centre.", "partnerships": [partner]})
    text = plans.tension_response(tense).text
    assert (partner["name"] in text) == named
    assert "the local police" in text and "our local authority" in text
    assert ("local youth and community services" in text) == (partner["name"] != "Testford Youth Service")


def test_partners_are_named_as_a_sentence_names_them(tmp_path):
    link = {"name": "Sheffield city-centre secondary school link (fictional)", "kind": "school", "what": "Visits."}
    school = make_profile(tmp_path, {**MONO, "partnerships": [link]})
    assert plans.monocultural_partnership(school).text.startswith(
        "Build on our link with Sheffield city-centre secondary school (fictional):"
    )


# ---- the school's own steps: plain measures, needs that fit (R5, R12) ------------------------------


@pytest.mark.parametrize(
    "step, needs, measure",
    [
        ("Train all nursery staff in early English language support.", "A training session", "have had the training"),
        (
            "Share placement figures by group with the heads' forum each term.",
            "gather the figures each term",
            "Take-up of clubs and trips",
        ),
        ("Ask families whether an after-school club would help.", "ask families", "Families' answers are recorded"),
        ("Translate the parent survey into Urdu and Polish.", "Translation", "translated version is in use"),
        ("Extend the exchange to years 2 and 6.", "transport", "visit, visitor or exchange"),
    ],
)
def test_a_schools_own_step_needs_and_is_measured_by_what_its_words_name(tmp_path, step, needs, measure):
    """Oakfield's training needed 'interpreting for meetings with families'; Hollins Brook's termly sharing needed
    'staff time to analyse the figures once a year'."""
    profile = make_profile(tmp_path)
    audit = _audit(barriers_to_taking_part=Entry("partly", None, step))
    action = next(a for a in plans.audit_actions(profile, audit) if a.own)
    assert needs in action.resources and measure in action.success
    assert "The step is done" not in action.success and "what difference it made to" not in action.success


def test_a_step_of_no_known_kind_keeps_the_measure_and_needs_of_its_practice(tmp_path):
    profile = make_profile(tmp_path)
    audit = _audit(shared_values_lessons=Entry("partly", None, "Extend the tutor-time programme to years 5 and 6."))
    action = next(a for a in plans.audit_actions(profile, audit) if a.own)
    assert action.success == practice("shared-values-lessons").success
    assert action.resources == practice("shared-values-lessons").resources


# ---- building on what the school has (R13) ----------------------------------------------------------


def test_a_link_abroad_the_profile_records_is_built_on_not_started_again(tmp_path):
    lycee = {"name": "Lycée Exemple", "kind": "international", "what": "A year 9 exchange."}
    school = make_profile(tmp_path, {"partnerships": [lycee]})
    action = next(
        a for a in plans.audit_actions(school, _audit(global_links=Entry("partly"))) if a.topic == "global-links"
    )
    assert action.text.startswith("Build on our link with Lycée Exemple: bring more year groups into it")
    alone = make_profile(tmp_path, {"partnerships": None}, slug="alone")
    assert [a.text for a in plans.audit_actions(alone, _audit(global_links=Entry("partly")))] == [
        practice("global-links").action
    ]


def test_a_faith_school_with_a_school_link_adds_faith_to_it(tmp_path):
    church = {"school": {"religious_character": "Church of England", "type": "Voluntary Aided School"}}
    linked = make_profile(tmp_path, {**church, "pupils": {"faiths": ["Christian", "No religion"]}})
    assert plans.faith_links(linked).text.startswith("Build on our link with Brookside School: add a visit to a place")


def test_a_part_of_a_practice_the_audit_found_in_place_is_not_asked_for_again(tmp_path):
    """Oakfield was asked to record children's choices in learning journals, beside its audit saying it does."""
    infant = make_profile(tmp_path, {"school": {"phase": "nursery", "statutory_low_age": 3, "statutory_high_age": 5}})
    audit = _audit(pupil_voice=Entry("partly", "Children's choices recorded in learning journals"))
    action = next(a for a in plans.audit_actions(infant, audit) if a.topic == "pupil-voice")
    assert "learning journals" not in action.text and action.text.startswith("Ask families each year")
    assert (
        action.reason == "our audit found this only partly in place (children's choices recorded in learning journals)"
    )
    elsewhere = _audit(pupil_voice=Entry("partly", "A school council"))
    assert (
        "learning journals" in next(a for a in plans.audit_actions(infant, elsewhere) if a.topic == "pupil-voice").text
    )


def test_a_part_that_leans_on_the_first_for_its_verb_and_subject_keeps_the_action_whole():
    """Little Brookfield's plan read "1. That their home languages are valued in class." (fifth cold read), then
    "Check that their home languages ...", whose "their" was no one (sixth)."""
    from cohesion_guide.documents.building_on import what_is_not_there

    action = (
        "Check that pupils new to English are assessed when they arrive and have planned support, and that their "
        "home languages are valued in class."
    )
    assert what_is_not_there(action, "Support plan for the two pupils learning English") == action
    assert what_is_not_there(action, None) == action


def test_incidents_outside_school_go_to_the_police_only_when_they_may_be_a_crime(tmp_path):
    school = make_profile(tmp_path, {"local_tensions": "Hostile posts about families, shared online."})
    action = plans.tension_incidents(school)
    assert action.text.endswith("and to the local police when an incident outside school may be a crime.")


def test_a_fact_whose_work_waits_names_the_item_of_the_next_plan_it_waits_in():
    """Riverside's "this waits for the next plan (listed below the plan)" pointed at no item (fifth cold read)."""
    riverside = next(p for p in load_profiles(ROOT / "schools") if p.slug == "riverside-primary")
    audit = audit_for(riverside.slug, ROOT / "audits")
    plan = build_plan(riverside, audit)
    outcomes = [r.outcome for r in plans.figure_readings(riverside, audit)]
    waiting = [o for o in outcomes if "waits for the next plan, in" in o]
    assert waiting  # Riverside's mixed intake: its families' work waits in the audit's item on parents
    for outcome in waiting:
        assert outcome.split("“")[1].split("”")[0] + "." in plan.deferred
    assert not [o for o in outcomes if "(listed below the plan)" in o]
