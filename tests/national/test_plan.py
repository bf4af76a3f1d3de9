"""Planning the national edition: one reading of the register, the register import's own profiles for
every open state-funded school in England, an honest local.yml per authority, and digests that change
only where the register changed."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml

from cohesion_guide.errors import InvalidFile
from cohesion_guide.gias import read
from cohesion_guide.gias.importer import import_extract
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import load_profile
from cohesion_guide.national import layout
from cohesion_guide.national.plan import RESERVED, load_plan, read_websites
from cohesion_guide.national.register import district_of
from cohesion_guide.national.run import plan
from tests.conftest import ROOT
from tests.synthetic_national import write_national_extract

SHARED = ROOT.parent / "shared" / "data"
DAY, LATER = "2026-12-01", "2027-01-05"


@pytest.fixture
def extract(tmp_path) -> Path:
    return write_national_extract(tmp_path / "extract.csv", 30, 4, seed=11)


def rows_of(path: Path) -> list[list[str]]:
    with open(path, encoding="cp1252", newline="") as handle:
        return list(csv.reader(handle))


def test_the_synthetic_extract_has_the_quirks_of_a_real_one(extract):
    raw = extract.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # Windows-1252: the curly apostrophe is one byte, 0x92
    rows = rows_of(extract)
    head = rows[0]
    statuses = {r[head.index("EstablishmentStatus (name)")] for r in rows[1:]}
    kinds = {r[head.index("TypeOfEstablishment (name)")] for r in rows[1:]}
    assert {"Open", "Closed", "Open, but proposed to close", "Proposed to open"} <= statuses
    assert {"Welsh establishment", "British schools overseas", "Other independent school"} <= kinds
    assert any(len(r) > len(head) for r in rows[1:])


def test_only_open_state_funded_schools_in_england_are_planned_and_the_rest_are_counted(extract, tmp_path):
    made = plan(extract, tmp_path / "out", ROOT, today=DAY)
    assert made.total_schools() == 30 and len(made.authorities) == 4
    assert {"closed", "outside-england", "independent", "not-a-school", "not-open-yet"} <= set(made.skipped)
    assert made.warnings, "a school proposed to close is named"
    names = [entry["n"] for entry in made.schools.values()]
    assert any("\u2019" in name for name in names), "Windows-1252 read as such: the apostrophe is kept"
    assert not any(name.startswith(("Ysgol", "British School")) for name in names)
    assert any("more fields than the header" in m for m in made.messages)


def test_the_extract_is_read_once_however_many_authorities(extract, tmp_path, monkeypatch):
    reads = []
    original = read.Table.rows

    def counted(self):
        reads.append(self.file)
        return original(self)

    monkeypatch.setattr(read.Table, "rows", counted)
    plan(extract, tmp_path / "out", ROOT, today=DAY)
    assert reads == [extract.name]


def test_each_authority_gets_the_profiles_import_gias_makes(extract, tmp_path):
    out = tmp_path / "out"
    made = plan(extract, out, ROOT, today=DAY)
    for authority in made.authorities:
        alone = tmp_path / "alone" / authority.slug
        import_extract(extract, alone, la=authority.name, today=DAY)
        theirs = {p.name: p.read_bytes() for p in alone.glob("*.yml")}
        ours = {p.name: p.read_bytes() for p in (layout.inputs(out, authority.slug) / "schools").glob("*.yml")}
        assert ours == theirs, authority.name
        assert authority.schools == len(ours)


def test_an_authoritys_local_yml_names_it_as_the_register_does_with_no_invented_contacts(extract, tmp_path):
    out = tmp_path / "out"
    made = plan(extract, out, ROOT, today=DAY, publisher="National Host (test)", site_url="https://host.example.org/")
    for authority in made.authorities:
        local = load_local(layout.inputs(out, authority.slug))  # valid as a build checks it
        assert local["authority"] == {"name": authority.name}, "no website: the register gives none"
        assert local["contacts"] == [] and "services" not in local and "strategy" not in local
        assert local["publisher"] == {"name": "National Host (test)"}
        assert local["site_url"] == f"https://host.example.org/{authority.slug}/"
    home = load_local(layout.inputs(out, layout.HOME))
    assert home["contacts"] == [] and home["site_url"] == "https://host.example.org/"


def test_an_authoritys_website_is_linked_only_when_a_source_gives_it(extract, tmp_path):
    made = plan(extract, tmp_path / "first", ROOT, today=DAY)
    code = made.authorities[0].code
    websites = tmp_path / "websites.csv"
    websites.write_text(f"LA (code),website\n{code},https://www.example.org/council\n", encoding="utf-8")
    out = tmp_path / "out"
    again = plan(extract, out, ROOT, today=DAY, websites=websites)
    linked = {a.slug: load_local(layout.inputs(out, a.slug))["authority"].get("website") for a in again.authorities}
    assert linked.pop(made.authorities[0].slug) == "https://www.example.org/council"
    assert set(linked.values()) == {None}


def test_a_website_that_is_not_https_is_refused_with_its_line(tmp_path):
    websites = tmp_path / "websites.csv"
    websites.write_text("LA (code),website\n201,https://ok.example.org/\n202,http://plain.example.org/\n")
    with pytest.raises(InvalidFile) as err:
        read_websites(websites)
    assert "websites.csv, line 3, website" in str(err.value)


def test_the_same_register_on_a_later_day_plans_the_same_profiles_and_digests(extract, tmp_path):
    out = tmp_path / "out"
    first = plan(extract, out, ROOT, today=DAY)
    files = {p: p.read_bytes() for p in (out / layout.INPUTS).rglob("*.yml")}
    second = plan(extract, out, ROOT, today=LATER)
    assert {p: p.read_bytes() for p in (out / layout.INPUTS).rglob("*.yml")} == files
    assert [a.digest for a in second.authorities] == [a.digest for a in first.authorities]
    assert second.matrix(2) == first.matrix(2)
    assert {entry["on"] for entry in second.schools.values()} == {DAY}


def test_a_changed_school_changes_only_its_authority_and_its_shard(extract, tmp_path):
    out = tmp_path / "out"
    first = plan(extract, out, ROOT, today=DAY)
    urn = next(iter(first.schools))
    rows = rows_of(extract)
    head = rows[0]
    for row in rows[1:]:
        if row[head.index("URN")] == urn:
            row[head.index("NumberOfPupils")] = "321"
    with open(extract, "w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    second = plan(extract, out, ROOT, today=LATER)
    changed = {a.slug for a, b in zip(first.authorities, second.authorities, strict=True) if a.digest != b.digest}
    assert changed == {first.schools[urn]["a"]}
    shards = [
        (a["digest"], b["digest"]) for a, b in zip(first.matrix(2)["include"], second.matrix(2)["include"], strict=True)
    ]
    assert sum(a != b for a, b in shards[:-1]) == 1, "one authority's shard, and no other"
    assert second.schools[urn]["on"] == LATER and first.schools[urn]["on"] == DAY
    profile = load_profile(layout.inputs(out, first.schools[urn]["a"]) / "schools" / f"{first.schools[urn]['s']}.yml")
    assert profile.data["pupils"]["number_on_roll"] == 321


def test_shards_balance_the_schools_and_name_every_authority_once(tmp_path):
    extract = write_national_extract(tmp_path / "extract.csv", 400, 20, seed=3, quirks=False)
    made = plan(extract, tmp_path / "out", ROOT, today=DAY, shard_count=4)
    matrix = json.loads((tmp_path / "out" / layout.MATRIX).read_text())["include"]
    assert [m["shard"] for m in matrix] == ["1/4", "2/4", "3/4", "4/4", "home"]
    assert sum(m["authorities"] for m in matrix) == 20 and sum(m["schools"] for m in matrix) == 400
    sizes = [m["schools"] for m in matrix[:-1]]
    assert max(sizes) - min(sizes) <= max(a.schools for a in made.authorities)


def test_authorities_gone_from_the_register_leave_with_their_sites(extract, tmp_path):
    out = tmp_path / "out"
    made = plan(extract, out, ROOT, today=DAY)
    gone = made.authorities[0]
    (layout.site(out, gone.slug)).mkdir(parents=True)
    rows = [r for r in rows_of(extract) if r[2] != gone.name]
    with open(extract, "w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    again = plan(extract, out, ROOT, today=DAY)
    assert gone.slug not in {a.slug for a in again.authorities}
    assert not layout.inputs(out, gone.slug).exists() and not layout.site(out, gone.slug).exists()


def test_find_your_school_data_holds_every_school_with_its_authority_and_page(extract, tmp_path):
    made = plan(extract, tmp_path / "out", ROOT, today=DAY)
    data = json.loads(made.finder())
    slugs = [slug for slug, _ in data["authorities"]]
    assert len(data["schools"]) == made.total_schools()
    for name, urn, _place, district, authority, slug in data["schools"]:
        entry = made.schools[urn]
        assert (name, slugs[authority], slug, district) == (entry["n"], entry["a"], entry["s"], entry["d"])
        assert (tmp_path / "out" / layout.INPUTS / entry["a"] / "schools" / f"{slug}.yml").is_file()


@pytest.mark.parametrize(
    ("postcode", "district"),
    [("SW1A 1AA", "SW1A"), ("b15 2tt", "B15"), ("M1 1AE", "M1"), ("NG8 3AF", "NG8"), ("not known", ""), ("EX1", "")],
)
def test_a_postcode_district_is_the_outward_part_of_a_whole_postcode(postcode, district):
    assert district_of(postcode) == district


def test_an_authority_named_like_a_part_of_the_site_gets_its_number_added(tmp_path):
    extract = write_national_extract(tmp_path / "extract.csv", 6, 2, seed=2, quirks=False)
    rows = rows_of(extract)
    head = rows[0]
    for row in rows[1:]:
        if row[head.index("LA (code)")] == "201":
            row[head.index("LA (name)")] = "Support"
    with open(extract, "w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    made = plan(extract, tmp_path / "out", ROOT, today=DAY)
    assert "support" in RESERVED and "support-201" in {a.slug for a in made.authorities}


def test_the_real_anonymised_extract_and_census_plan_with_the_census_figures(tmp_path):
    extract, census = SHARED / "gias" / "edubench_scenario1_gias_anonymised.csv", SHARED / "census"
    census = census / "edubench_scenario1_census_pupils.csv"
    out = tmp_path / "out"
    made = plan(extract, out, ROOT, census=census, today=DAY)
    assert made.total_schools() == 60 and [a.name for a in made.authorities] == ["Test LA Name"]
    profiles = [yaml.safe_load(p.read_text()) for p in (out / layout.INPUTS).rglob("schools/*.yml")]
    assert any("ethnicity" in p["pupils"] for p in profiles)


def test_the_real_extract_with_rows_longer_than_its_header_plans(tmp_path):
    made = plan(SHARED / "gias" / "teaching-vacancies_example_schools_data.csv", tmp_path / "out", ROOT, today=DAY)
    assert {a.name for a in made.authorities} >= {"Camden", "City of London"}
    assert any("more fields than the header" in m for m in made.messages)


def test_a_file_that_is_not_an_extract_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(InvalidFile):
        plan(ROOT / "tests" / "fixtures" / "gias" / "not_gias.csv", out, ROOT, today=DAY)
    assert not out.exists()


def test_a_plan_from_another_version_is_not_read(extract, tmp_path):
    out = tmp_path / "out"
    plan(extract, out, ROOT, today=DAY)
    data = json.loads((out / layout.PLAN).read_text())
    data["version"] = 0
    (out / layout.PLAN).write_text(json.dumps(data))
    assert load_plan(out) is None
    shutil.rmtree(out)
    assert load_plan(out) is None
