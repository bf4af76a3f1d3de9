"""The question pages come from the schema: every field asked once, in plain words, with plain choices."""

from __future__ import annotations

import copy
import re

from cohesion_guide.builder.questions import question_pages, with_local_settings
from cohesion_guide.inputs.schemas import schema


def asked(pages: list[dict]) -> list[tuple]:
    out = []
    for page in pages:
        for field in page.get("fields", []):
            out.append(tuple(field["path"]))
        for field in page.get("item_fields", []):
            out.append((*page["path"], "[]", *field["path"]))
    return out


def leaves(part: dict, root: dict, path: tuple = ()) -> set[tuple]:
    part = root["$defs"][part["$ref"].rsplit("/", 1)[1]] if "$ref" in part else part
    if part.get("type") == "object":
        return set().union(*(leaves(sub, root, path + (key,)) for key, sub in part["properties"].items()))
    if part.get("type") == "array" and part["items"].get("type") == "object":
        return leaves(part["items"], root, path + ("[]",))
    return {path}


def fields() -> dict[tuple, dict]:
    return {tuple(f["path"]): f for p in question_pages(schema("profile")) for f in p.get("fields", [])}


def test_every_field_of_the_profile_is_asked_once():
    root = schema("profile")
    found = asked(question_pages(root))
    assert len(found) == len(set(found)) and set(found) == leaves(root, root)


def test_a_field_added_to_the_schema_appears_in_the_questions_with_its_words():
    root = copy.deepcopy(schema("profile"))
    root["properties"]["location"]["properties"]["county"] = {
        "title": "County",
        "description": "The county the school is in.",
        "enum": ["Kent", "Essex"],
        "x-labels": {"Kent": "Kent County Council"},
    }
    location = next(p for p in question_pages(root) if p["id"] == "location")
    county = next(f for f in location["fields"] if f["path"] == ["location", "county"])
    assert county == {
        "id": "f-location-county",
        "path": ["location", "county"],
        "label": "County",
        "hint": "The county the school is in.",
        "required": False,
        "widget": "radios",
        "options": [{"value": "Kent", "label": "Kent County Council"}, {"value": "Essex", "label": "Essex"}],
    }


def test_a_topic_is_split_into_the_pages_its_schema_names_in_their_order():
    pages = question_pages(schema("profile"))
    school = [p for p in pages if p["path"] == ["school"]]
    assert [p["title"] for p in school] == [
        "About the school",
        "Type of school",
        "Religious character",
        "Special educational needs",
    ]
    assert [f["path"][-1] for f in school[0]["fields"]][:4] == ["name", "urn", "local_authority", "phase"]


def test_every_choice_has_plain_words_and_the_page_shows_no_schema_value():
    for path, field in fields().items():
        for option in field.get("options", []):
            assert option["label"], (path, option)
            if option["value"] != option["label"]:
                continue
            # a label may be the value only where the value is already plain words
            assert not re.fullmatch(r"[a-z0-9-]+", option["value"]) and "_" not in option["value"], (path, option)


def test_type_of_school_and_religious_character_are_short_grouped_questions_of_state_schools():
    found = fields()
    kind = found[("school", "type")]
    assert kind["widget"] == "grouped"
    offered = {v for g in kind["groups"] for v in g["values"]}
    assert (
        "Welsh Establishment" not in offered
        and "Offshore Schools" not in offered
        and "Other Independent School" not in offered
    )
    assert {"Community School", "Academy Converter", "Free Schools", "Pupil Referral Unit"} <= offered
    assert len(kind["groups"]) <= 5 and all(len(g["values"]) <= 8 for g in kind["groups"])
    faith = found[("school", "religious_character")]
    assert faith["groups"][0] == {"label": "No religious character", "question": "", "values": ["None"]}
    assert sum(len(g["values"]) for g in faith["groups"]) < 25


def test_needs_and_ways_of_communicating_are_boxes_with_their_full_names():
    found = fields()
    needs = found[("school", "send_needs")]
    assert needs["widget"] == "checkboxes"
    assert {"value": "pmld", "label": "Profound and multiple learning difficulty"} in needs["options"]
    assert found[("school", "communication")]["widget"] == "checkboxes"


def test_no_hint_or_label_names_a_field_a_file_or_yaml():
    for page in question_pages(schema("profile")):
        for text in [page["title"], page["hint"]] + [
            f[key] for f in page.get("fields", []) + page.get("item_fields", []) for key in ("label", "hint")
        ]:
            assert not re.search(
                r"\b[a-z]+_[a-z_]+\b|\.yml|YYYY|context: \||\([A-Z][a-z]+[A-Z]\w*\)|\bGIAS\b|unclassified", text
            ), text


def test_long_lists_of_choices_are_drop_downs_and_figures_are_short_fields():
    pages = {p["id"]: p for p in question_pages(schema("profile"))}
    found = fields()
    assert found[("school", "phase")]["widget"] == "radios"
    assert found[("location", "setting")]["widget"] == "radios"
    assert found[("document", "date_adopted")]["widget"] == "date"
    assert found[("pupils", "eal_percent")]["suffix"] == "%"
    assert found[("pupils", "number_on_roll")]["inputmode"] == "numeric"
    assert found[("context",)]["widget"] == "textarea"
    assert found[("pupils", "home_languages")]["widget"] == "lines"
    assert pages["ethnic-make-up"]["total"] and not pages["pupils"]["total"]
    assert pages["ethnic-make-up"]["optional"] and not pages["school"]["optional"]
    assert found[("pupils", "ethnicity", "white_british")]["hint"] == ""  # it would only repeat the label
    assert not found[("pupils", "eal_percent")]["required"]


def test_each_page_is_named_in_the_address_by_plain_words_and_its_old_name_still_read():
    pages = question_pages(schema("profile"))
    for page in pages:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", page["id"]), page["id"]
    aliases = {alias: page["id"] for page in pages for alias in page["aliases"]}
    assert aliases == {
        "pupils.ethnicity": "ethnic-make-up",
        "local_area": "local-area",
        "local_area.ethnicity": "local-area-ethnic-make-up",
        "local_tensions": "tension",
        "related_policies": "related-policies",
    }


def test_a_page_that_may_be_left_blank_says_so_and_its_needed_question_waits_for_another_answer():
    pages = {p["id"]: p for p in question_pages(schema("profile"))}
    area = pages["local-area"]
    assert area["optional"] and area["hint"].startswith("Answer this page only if you know figures for the area")
    name = next(f for f in area["fields"] if f["path"] == ["local_area", "name"])
    assert not name["required"] and name["needed_with_topic"]
    # a page that must be answered keeps its questions required
    town = next(f for f in pages["location"]["fields"] if f["path"] == ["location", "town"])
    assert town["required"] and "needed_with_topic" not in town


def test_the_local_areas_ethnic_make_up_speaks_of_children_in_the_area_not_pupils():
    pages = {p["id"]: p for p in question_pages(schema("profile"))}
    area = pages["local-area-ethnic-make-up"]
    assert area["who"] == "children in the area" and "children in the area" in area["hint"]
    assert "pupil" not in (area["hint"] + " ".join(f["hint"] for f in area["fields"])).lower()
    assert "who" not in pages["ethnic-make-up"]  # the pupils' own page: its percentages are of pupils


def test_the_review_cycles_hint_says_what_a_blank_gives_in_this_copy_of_the_guide():
    def hint(local):
        pages = with_local_settings(question_pages(schema("profile")), local)
        return next(
            f["hint"] for p in pages for f in p.get("fields", []) if f["path"] == ["document", "review_cycle_years"]
        )

    assert hint({"policies": {"review_cycle_years": 1}}).endswith(
        "If you leave this blank, the policy suggests a review every year, for the governors to confirm."
    )
    assert hint({"policies": {"review_cycle_years": 3}}).endswith(
        "a review every 3 years, for the governors to confirm."
    )
    assert hint({"authority": {"name": ""}}).endswith(
        "a review every year, for the governors to confirm."
    )  # no setting: the policy's own default
    assert "usual cycle" not in hint({})
