"""The question pages come from the schema: every field asked, in the schema's own words."""

from __future__ import annotations

import copy

from cohesion_guide.builder.questions import question_pages
from cohesion_guide.inputs.schemas import schema


def asked(pages: list[dict]) -> set[tuple]:
    out = set()
    for page in pages:
        for field in page.get("fields", []):
            out.add(tuple(field["path"]))
        for field in page.get("item_fields", []):
            out.add((*page["path"], "[]", *field["path"]))
    return out


def leaves(part: dict, root: dict, path: tuple = ()) -> set[tuple]:
    part = root["$defs"][part["$ref"].rsplit("/", 1)[1]] if "$ref" in part else part
    if part.get("type") == "object":
        return set().union(*(leaves(sub, root, path + (key,)) for key, sub in part["properties"].items()))
    if part.get("type") == "array" and part["items"].get("type") == "object":
        return leaves(part["items"], root, path + ("[]",))
    return {path}


def test_every_field_of_the_profile_is_asked_once():
    root = schema("profile")
    assert asked(question_pages(root)) == leaves(root, root)


def test_a_field_added_to_the_schema_appears_in_the_questions_with_its_words():
    root = copy.deepcopy(schema("profile"))
    root["properties"]["location"]["properties"]["county"] = {
        "title": "County",
        "description": "The county the school is in.",
        "enum": ["Kent", "Essex"],
    }
    location = next(p for p in question_pages(root) if p["id"] == "location")
    county = next(f for f in location["fields"] if f["path"] == ["location", "county"])
    assert county == {
        "path": ["location", "county"],
        "label": "County",
        "hint": "The county the school is in.",
        "required": False,
        "widget": "radios",
        "options": ["Kent", "Essex"],
    }


def test_long_lists_of_choices_are_drop_downs_and_figures_are_short_fields():
    pages = {p["id"]: p for p in question_pages(schema("profile"))}
    fields = {tuple(f["path"]): f for p in pages.values() for f in p.get("fields", [])}
    assert fields[("school", "type")]["widget"] == "select"
    assert fields[("location", "setting")]["widget"] == "radios"
    assert fields[("pupils", "eal_percent")]["suffix"] == "%"
    assert fields[("pupils", "number_on_roll")]["inputmode"] == "numeric"
    assert fields[("context",)]["widget"] == "textarea"
    assert fields[("pupils", "home_languages")]["widget"] == "lines"
    assert pages["pupils.ethnicity"]["total"] and not pages["pupils"]["total"]
    assert pages["pupils.ethnicity"]["optional"] and not pages["school"]["optional"]
    assert fields[("pupils", "ethnicity", "white_british")]["hint"] == ""  # it would only repeat the label
