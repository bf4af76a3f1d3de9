"""School profiles: the examples, every kind of problem with its file, line and field, and the derived facts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.inputs import profiles
from cohesion_guide.inputs.profiles import Profile, load_profile, load_profiles, slug_for
from cohesion_guide.inputs.schemas import schema
from cohesion_guide.site.profile_reference import reference_markdown
from tests.conftest import ROOT

SCHOOLS = ROOT / "schools"
GIAS_TYPES = Path("/work/shared/data/gias/gias_app_establishmenttypes.json")

# A valid profile whose line numbers the tests below rely on (line 1 is "school:").
BASE = """\
school:
  name: Test Primary School
  urn: "123456"
  phase: primary
  type: Community School
  religious_character: None
  local_authority: Exampleshire
location:
  town: Exampleton
  setting: urban
pupils:
  number_on_roll: 200
  eal_percent: 12.5
  fsm_percent: 18
  ethnicity:
    white_british: 70
    pakistani: 20
    unclassified: 10
local_area:
  name: Exampleton
  ethnicity:
    white_british: 80
    any_other_white: 20
leads:
  governor: Chair of governors
  staff: Headteacher
document:
  approved_by: Full governing body
  date_adopted: 2026-09-01
"""


def write(tmp_path: Path, text: str, name: str = "test-school.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, name: str = "test-school.yml") -> list[Problem]:
    with pytest.raises(InvalidFile) as caught:
        load_profile(write(tmp_path, text, name), display="schools/" + name)
    return caught.value.problems


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"the test's base profile has no single {old!r}"
    return text.replace(old, new)


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


# The examples -----------------------------------------------------------------------------------


def test_base_profile_is_valid(tmp_path):
    profile = load_profile(write(tmp_path, BASE))
    assert profile.slug == "test-school"
    assert "review_cycle_years" not in profile.data["document"]  # local.yml's usual cycle applies (test_render)


def test_every_example_profile_is_valid_and_labelled_fictional():
    found = load_profiles(SCHOOLS)
    assert len(found) >= 5
    assert [p.name.casefold() for p in found] == sorted(p.name.casefold() for p in found)
    for profile in found:
        text = profile.path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../model_policies/profile.schema.json\n"), profile.path
        assert "(fictional example)" in profile.name
        assert "# FICTIONAL EXAMPLE" in text


def test_the_examples_cover_the_kinds_of_school_the_issue_asks_for():
    found = load_profiles(SCHOOLS)
    assert any(p.phase == "primary" and not p.is_rural and p.high_eal and p.is_highly_diverse for p in found)
    assert any(
        p.phase == "primary"
        and p.is_rural
        and p.is_monocultural
        and p.data["school"]["religious_character"] == "Church of England"
        and p.largest_ethnic_group[0] == "white_british"
        for p in found
    )
    assert any(
        p.phase == "primary"
        and p.data["school"]["religious_character"] == "Roman Catholic"
        and p.data["school"]["type"] == "Voluntary Aided School"
        for p in found
    )
    assert any(p.phase_group == "secondary" and p.data["school"]["type"].startswith("Academy") for p in found)
    assert any(p.phase == "special" for p in found)


# The schema itself ------------------------------------------------------------------------------


def _objects(part: dict, where: str = "(root)"):
    yield where, part
    for key, sub in part.get("properties", {}).items():
        yield from _objects(sub, f"{where}.{key}")
    if isinstance(part.get("items"), dict):
        yield from _objects(part["items"], f"{where}[]")
    for key, sub in part.get("$defs", {}).items():
        yield from _objects(sub, f"$defs.{key}")


def test_schema_is_valid_2020_12_with_ids_and_closed_objects():
    profile_schema = schema("profile")
    jsonschema.Draft202012Validator.check_schema(profile_schema)
    assert profile_schema["$id"] == "profile.schema.json"
    assert profile_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for where, part in _objects(profile_schema):
        if part.get("type") == "object":
            assert part.get("additionalProperties") is False, where


def test_every_field_has_a_description():
    profile_schema = schema("profile")
    for where, part in _objects(profile_schema):
        if where != "(root)" and not where.endswith("[]") and "$ref" not in part:
            assert part.get("description"), f"{where} has no description"


@pytest.mark.skipif(not GIAS_TYPES.exists(), reason="the GIAS lookup list is not on this machine")
def test_establishment_types_are_gias_labels():
    labels = {row["label"] for row in json.loads(GIAS_TYPES.read_text(encoding="utf-8"))}
    assert set(schema("profile")["properties"]["school"]["properties"]["type"]["enum"]) == labels


# Each kind of problem: file, line, field and message ---------------------------------------------


def test_unknown_key_suggests_the_field_meant(tmp_path):
    # eal_percent may be left out (issue 24: unknown is not zero), so the misspelt key is the only problem
    unknown = only(problems(tmp_path, edit("  eal_percent: 12.5", "  eal_percentage: 12.5")))
    assert (unknown.file, unknown.line, unknown.field) == ("schools/test-school.yml", 13, "pupils.eal_percentage")
    assert "is not a field here. Did you mean 'eal_percent'?" in unknown.message


def test_unknown_key_with_nothing_close_lists_what_is_allowed(tmp_path):
    p = only(problems(tmp_path, edit("  setting: urban", "  setting: urban\n  colour: blue")))
    assert (p.line, p.field) == (11, "location.colour")
    assert "Did you mean" not in p.message and "Allowed here: town, locality, ward, setting" in p.message


@pytest.mark.parametrize(
    "old, new, line, field, suggestion",
    [
        ("phase: primary", "phase: primry", 4, "school.phase", "Did you mean 'primary'?"),
        ("type: Community School", "type: community school", 5, "school.type", "Did you mean 'Community School'?"),
        (
            "religious_character: None",
            "religious_character: none",
            6,
            "school.religious_character",
            "Did you mean 'None'?",
        ),
        ("setting: urban", "setting: urbane", 10, "location.setting", "Did you mean 'urban'?"),
    ],
)
def test_a_value_not_in_the_list_says_what_is_allowed_and_suggests(tmp_path, old, new, line, field, suggestion):
    p = only(problems(tmp_path, edit(old, new)))
    assert (p.line, p.field) == (line, field)
    assert p.message.startswith(f"found '{new.split(': ')[1]}'; allowed: ")
    assert p.message.endswith(suggestion)


def test_wrong_type(tmp_path):
    p = only(problems(tmp_path, edit("number_on_roll: 200", "number_on_roll: lots")))
    assert (p.line, p.field, p.message) == (
        12,
        "pupils.number_on_roll",
        "found 'lots'; allowed: a whole number of at least 1, or not known",
    )


@pytest.mark.parametrize(
    "old, new, line, field, found",
    [
        ("eal_percent: 12.5", "eal_percent: 140", 13, "pupils.eal_percent", "140"),
        ("fsm_percent: 18", "fsm_percent: -1", 14, "pupils.fsm_percent", "-1"),
        ("fsm_percent: 18", "fsm_percent: 100.5", 14, "pupils.fsm_percent", "100.5"),
    ],
)
def test_a_percentage_outside_0_to_100_is_an_error(tmp_path, old, new, line, field, found):
    p = only(problems(tmp_path, edit(old, new)))
    assert (
        str(p)
        == f"schools/test-school.yml, line {line}, {field}: found {found}; allowed: a number from 0 to 100, or not known"
    )


@pytest.mark.parametrize("value", ["0", "100", "0.0", "99.9"])
def test_percentages_at_the_ends_of_the_range_are_allowed(tmp_path, value):
    load_profile(write(tmp_path, edit("eal_percent: 12.5", f"eal_percent: {value}")))


def test_missing_required_field_names_it_at_its_section(tmp_path):
    p = only(problems(tmp_path, edit("  town: Exampleton\n", "")))
    assert (p.line, p.field) == (8, "location.town")
    assert p.message == "is missing; add it (text)"


def test_missing_section(tmp_path):
    text = BASE[: BASE.index("leads:")] + BASE[BASE.index("document:") :]
    p = only(problems(tmp_path, text))
    assert (p.line, p.field) == (1, "leads")
    assert p.message.startswith("is missing")


def test_duplicate_key(tmp_path):
    p = only(problems(tmp_path, edit("  town: Exampleton\n", "  town: Exampleton\n  town: Otherton\n")))
    assert (p.line, p.field, p.message) == (10, "location.town", "appears twice; keep one of them")


def test_text_that_is_not_yaml_gives_its_line(tmp_path):
    p = only(problems(tmp_path, edit("  town: Exampleton", "  town: Exampleton: Centre")))
    assert (p.line, p.field) == (9, "(the whole file)")
    assert p.message.startswith("this is not valid YAML")


@pytest.mark.parametrize(
    "where, old, new, line, total",
    [
        ("pupils.ethnicity", "    white_british: 70", "    white_british: 72.5", 15, "102.5"),
        ("local_area.ethnicity", "    white_british: 80", "    white_british: 95", 21, "115"),
    ],
)
def test_an_ethnic_make_up_above_100_names_the_total(tmp_path, where, old, new, line, total):
    p = only(problems(tmp_path, edit(old, new)))
    assert (p.line, p.field) == (line, where)
    assert p.message.startswith(
        f"the percentages add up to {total}; allowed: a total of at most 100 (102 for rounding)"
    )
    assert "unclassified" not in p.message


@pytest.mark.parametrize("white_british", ["68", "72", "71.5"])
def test_an_ethnic_make_up_within_2_of_100_is_allowed(tmp_path, white_british):
    load_profile(write(tmp_path, edit("    white_british: 70", f"    white_british: {white_british}")))


@pytest.mark.parametrize(
    "old, new",
    [
        ("    white_british: 70\n    pakistani: 20\n    unclassified: 10\n", "    pakistani: 40\n"),
        ("    unclassified: 10\n", ""),
        ("    white_british: 80\n", ""),
    ],
    ids=["one group of 40", "90 without the unknown", "an area's one group of 20"],
)
def test_a_school_gives_only_the_ethnic_groups_it_knows_and_the_rest_is_not_given(tmp_path, old, new):
    profile = load_profile(write(tmp_path, edit(old, new)))
    assert sum(profile.data["pupils"]["ethnicity"].values()) <= 100


def test_the_schema_no_longer_asks_for_a_total_of_100_or_for_unclassified():
    about = schema("profile")["$defs"]["ethnicity"]["description"]
    assert "add up to 100" not in about and "unclassified" not in about


def test_a_figure_that_is_not_a_number_is_reported_once_not_as_a_total(tmp_path):
    p = only(problems(tmp_path, edit("    pakistani: 20", "    pakistani: twenty")))
    assert (p.line, p.field) == (17, "pupils.ethnicity.pakistani")
    assert "allowed: a number from 0 to 100" in p.message


def test_an_unknown_ethnic_group_suggests_the_census_name(tmp_path):
    p = only(problems(tmp_path, edit("    pakistani: 20", "    pakistan: 20")))
    assert p.field == "pupils.ethnicity.pakistan" and "Did you mean 'pakistani'?" in p.message


@pytest.mark.parametrize("value", ["2026-02-30", "1/9/2026", "'2026-9-1'", "20260901"])
def test_a_bad_date(tmp_path, value):
    p = only(problems(tmp_path, edit("date_adopted: 2026-09-01", f"date_adopted: {value}")))
    assert (p.line, p.field) == (29, "document.date_adopted")
    assert "allowed: a date written as YYYY-MM-DD, for example 2026-09-01" in p.message


@pytest.mark.parametrize("value", ['"12345"', "12345", '"1234567"', '"12345a"', "1234567"])
def test_a_bad_urn(tmp_path, value):
    p = only(problems(tmp_path, edit('urn: "123456"', f"urn: {value}")))
    assert (p.line, p.field) == (3, "school.urn")
    assert "allowed: exactly 6 digits" in p.message


def test_an_unquoted_urn_is_kept_as_text(tmp_path):
    profile = load_profile(write(tmp_path, edit('urn: "123456"', "urn: 123456")))
    assert profile.data["school"]["urn"] == "123456"


def test_review_cycle_out_of_range(tmp_path):
    p = only(problems(tmp_path, BASE + "  review_cycle_years: 5\n"))
    assert (p.line, p.field, p.message) == (
        30,
        "document.review_cycle_years",
        "found 5; allowed: a whole number from 1 to 3",
    )


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "is empty"),
        ("# only a comment\n", "is empty"),
        ("- school\n- pupils\n", "holds a list"),
        ("just some words\n", "holds a single value"),
    ],
)
def test_a_file_that_is_not_a_profile_says_so_plainly(tmp_path, text, words):
    p = only(problems(tmp_path, text))
    assert (p.line, p.field) == (1, "(the whole file)") and words in p.message


@pytest.mark.parametrize(
    "name, better",
    [
        ("My School.yml", "my-school.yml"),
        ("riverside_primary.yml", "riverside-primary.yml"),
        ("Riverside.yml", "riverside.yml"),
        ("riverside.yaml", "riverside.yml"),
        ("-riverside.yml", "riverside.yml"),
    ],
)
def test_file_name_rules(tmp_path, name, better):
    p = only(problems(tmp_path, BASE, name))
    assert p.field == "(the file name)"
    assert f"for example to {better}" in p.message


@pytest.mark.parametrize("name", ["a.yml", "st-annes-2.yml", "900001.yml"])
def test_good_file_names(tmp_path, name):
    assert load_profile(write(tmp_path, BASE, name)).slug == name[:-4]


def test_a_missing_file(tmp_path):
    p = only(problems_of(tmp_path / "absent.yml"))
    assert "does not exist" in p.message


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InvalidFile) as caught:
        load_profile(path)
    return caught.value.problems


def test_every_problem_in_a_file_is_reported_at_once_in_line_order(tmp_path):
    text = BASE
    for old, new in [
        ("phase: primary", "phase: primry"),
        ("setting: urban", "setting: urbane"),
        ("eal_percent: 12.5", "eal_percent: 140"),
        ("    unclassified: 10\n", "    unclassified: 20\n"),  # a total above 100
        ("  staff: Headteacher\n", ""),
        ("date_adopted: 2026-09-01", "date_adopted: soon"),
    ]:
        text = edit(old, new, text)
    found = problems(tmp_path, text, "Bad Name.yml")
    fields = [p.field for p in found]
    assert fields == [
        "(the file name)",
        "school.phase",
        "location.setting",
        "pupils.eal_percent",
        "pupils.ethnicity",
        "leads.staff",
        "document.date_adopted",
    ]
    assert [p.line for p in found] == sorted(p.line for p in found)


def test_load_profiles_collects_the_problems_of_every_file(tmp_path):
    write(tmp_path, BASE, "good.yml")
    write(tmp_path, edit("phase: primary", "phase: primry"), "bad-one.yml")
    write(tmp_path, edit("fsm_percent: 18", "fsm_percent: 180"), "bad-two.yml")
    with pytest.raises(InvalidFile) as caught:
        load_profiles(tmp_path)
    files = {Path(p.file).name for p in caught.value.problems}
    assert files == {"bad-one.yml", "bad-two.yml"}
    assert "2 problems found; nothing was written." in caught.value.report()


def test_load_profiles_sorts_by_school_name(tmp_path):
    write(tmp_path, edit("name: Test Primary School", "name: Zebra School"), "a.yml")
    write(tmp_path, edit("name: Test Primary School", "name: apple School"), "b.yml")
    assert [p.slug for p in load_profiles(tmp_path)] == ["b", "a"]


# Derived facts, at their boundaries ---------------------------------------------------------------


def make(ethnicity=None, religious_character="None", setting="urban", eal=10, fsm=10, phase="primary") -> Profile:
    pupils = {"number_on_roll": 100, "eal_percent": eal, "fsm_percent": fsm}
    if ethnicity is not None:
        pupils["ethnicity"] = ethnicity
    data = {
        "school": {"phase": phase, "religious_character": religious_character},
        "location": {"setting": setting},
        "pupils": pupils,
    }
    return Profile(slug="x", path=Path("x.yml"), data=data)


@pytest.mark.parametrize("largest, expected", [(80, True), (79.9, False), (100, True), (50, False)])
def test_monocultural_from_80_percent(largest, expected):
    assert make({"white_british": largest, "indian": 100 - largest}).is_monocultural is expected


def test_unclassified_pupils_are_not_an_ethnic_group():
    profile = make({"unclassified": 85, "white_british": 15})
    assert profile.largest_ethnic_group == ("white_british", 15)
    assert not profile.is_monocultural


def test_without_ethnicity_neither_monocultural_nor_diverse():
    profile = make()
    assert profile.largest_ethnic_group is None
    assert not profile.is_monocultural and not profile.is_highly_diverse


@pytest.mark.parametrize(
    "ethnicity, expected",
    [
        ({"white_british": 49.9, "indian": 20, "pakistani": 15.1, "black_african": 10, "chinese": 5}, True),
        ({"white_british": 50, "indian": 20, "pakistani": 15, "black_african": 10, "chinese": 5}, False),
        ({"white_british": 45, "indian": 40, "pakistani": 10, "black_african": 4.9, "chinese": 0.1}, False),
        ({"white_british": 30, "indian": 30, "pakistani": 30, "unclassified": 10}, False),
        ({"white_british": 25, "indian": 25, "pakistani": 25, "chinese": 25}, True),
    ],
)
def test_highly_diverse_at_its_boundaries(ethnicity, expected):
    assert make(ethnicity).is_highly_diverse is expected


@pytest.mark.parametrize(
    "character, expected",
    [
        ("None", False),
        ("Does not apply", False),
        ("Church of England", True),
        ("Roman Catholic", True),
        ("Multi-faith", True),
    ],
)
def test_religious_character(character, expected):
    assert make(religious_character=character).has_religious_character is expected


def test_rural():
    assert make(setting="rural").is_rural and not make(setting="urban").is_rural


@pytest.mark.parametrize("eal, expected", [(20, True), (19.9, False), (0, False), (100, True)])
def test_high_eal_from_20(eal, expected):
    assert make(eal=eal).high_eal is expected


@pytest.mark.parametrize("fsm, expected", [(25, True), (24.9, False)])
def test_high_fsm_from_25(fsm, expected):
    assert make(fsm=fsm).high_fsm is expected


@pytest.mark.parametrize(
    "phase, group",
    [
        ("nursery", "primary"),
        ("primary", "primary"),
        ("middle", "primary"),
        ("secondary", "secondary"),
        ("all-through", "secondary"),
        ("16-plus", "secondary"),
        ("special", "special"),
        ("pru", "pru"),
    ],
)
def test_phase_group(phase, group):
    assert make(phase=phase).phase_group == group


def test_every_phase_in_the_schema_has_a_group():
    assert set(schema("profile")["properties"]["school"]["properties"]["phase"]["enum"]) == set(profiles.PHASE_GROUPS)


@pytest.mark.parametrize(
    "name, slug",
    [
        ("St Anne's Catholic Primary School", "st-annes-catholic-primary-school"),
        ("Ysgol Gymraeg Aberpennar", "ysgol-gymraeg-aberpennar"),
        ("École (fictional) — 2", "ecole-fictional-2"),
        ("Szkoła Łódź", "szkola-lodz"),
    ],
)
def test_slug_for(name, slug):
    assert slug_for(name) == slug
    assert profiles.SLUG.match(slug)


# The reference page -----------------------------------------------------------------------------


def test_reference_page_names_every_field_and_is_never_rendered_as_a_template():
    page = reference_markdown()
    assert "\nrender_macros: false\n" in page.split("---")[1] + "\n"
    root = schema("profile")
    for section, part in root["properties"].items():
        part = root["$defs"]["ethnicity"] if "$ref" in part else part
        fields = part.get("properties") or part.get("items", {}).get("properties") or {}
        for field in fields:
            assert f"{section}.{field}`" in page or f"{section}[].{field}`" in page, f"{section}.{field}"
    for group in root["$defs"]["ethnicity"]["properties"]:
        assert f"| `{group}` |" in page
    for value in root["properties"]["school"]["properties"]["religious_character"]["enum"]:
        assert f"- {value}\n" in page.replace("&amp;", "&")


def test_reference_page_states_the_thresholds_the_code_uses(monkeypatch):
    monkeypatch.setattr(profiles, "HIGH_EAL_FROM", 17)
    assert "`pupils.eal_percent` is 17 or more" in reference_markdown()
    page = reference_markdown()
    assert f"{profiles.MONOCULTURAL_FROM}% of pupils or more" in page
    assert f"`pupils.fsm_percent` is {profiles.HIGH_FSM_FROM} or more" in page


def test_the_site_publishes_the_schema_exactly_as_shipped_and_the_reference_page(built_site):
    published = built_site / "schemas" / "profile.schema.json"
    assert published.read_bytes() == (ROOT / "model_policies" / "profile.schema.json").read_bytes()
    page = (built_site / "policies" / "profile-reference" / "index.html").read_text(encoding="utf-8")
    assert "<code>school.religious_character</code>" in page
    assert 'href="../../schemas/profile.schema.json"' in page
    assert "Last reviewed" not in page  # generated from the schema, so it carries no review dates
