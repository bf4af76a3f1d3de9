"""local.yml: every key checked with a clear error, and every key used."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cohesion_guide.errors import InvalidFile
from cohesion_guide.inputs.local_config import contrast, load_local
from tests.conftest import ROOT, copy_project


def write_local(tmp_path: Path, text: str) -> Path:
    (tmp_path / "local.yml").write_text(text, encoding="utf-8")
    return tmp_path


MINIMAL = """\
authority:
  name: Testshire Council
contacts:
  - name: Testshire Schools Team
    role: Help for schools
"""


def test_the_shipped_local_yml_is_valid_and_fictional():
    local = load_local(ROOT)
    assert "fictional" in local["authority"]["name"]
    for contact in local["contacts"]:
        assert contact["email"].endswith("@example.org")
        assert contact["phone"].startswith("01632 960")  # Ofcom's drama range


def test_a_minimal_local_yml_is_enough(tmp_path):
    assert load_local(write_local(tmp_path, MINIMAL))["authority"]["name"] == "Testshire Council"


def test_unknown_key_names_line_and_suggests(tmp_path):
    with pytest.raises(InvalidFile) as err:
        load_local(write_local(tmp_path, MINIMAL + "  - name: X\n    role: Y\n    emial: x@example.org\n"))
    report = err.value.report()
    assert "local.yml, line 8, contacts[2].emial: is not a field here. Did you mean 'email'?" in report


def test_every_problem_is_reported_at_once(tmp_path):
    text = (
        MINIMAL.replace("Testshire Council", "")
        + "  - name: X\n    role: Y\n    email: not-an-address\n    url: http://insecure\n"
    )
    with pytest.raises(InvalidFile) as err:
        load_local(write_local(tmp_path, text))
    fields = [p.field for p in err.value.problems]
    assert fields == ["authority.name", "contacts[2].email", "contacts[2].url"]
    assert "allowed: an e-mail address" in err.value.report()


@pytest.mark.parametrize("colour, ok", [("#1d4f91", True), ("#000000", True), ("#ffcc00", False), ("#777777", False)])
def test_brand_colour_must_contrast_with_white_header_text(tmp_path, colour, ok):
    text = MINIMAL.replace("  name: Testshire Council\n", f"  name: Testshire Council\n  brand_colour: '{colour}'\n")
    if ok:
        assert load_local(write_local(tmp_path, text))["authority"]["brand_colour"] == colour
    else:
        with pytest.raises(InvalidFile) as err:
            load_local(write_local(tmp_path, text))
        problem = err.value.problems[0]
        assert (problem.line, problem.field) == (3, "authority.brand_colour")
        assert "4.5:1" in problem.message


def test_contrast_matches_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_site_uses_every_local_setting(mkdocs_build, tmp_path):
    project = copy_project(tmp_path / "fork")
    local = yaml.safe_load((project / "local.yml").read_text(encoding="utf-8"))
    local["authority"].update(
        name="Testshire Borough Council",
        brand_colour="#5a1d7a",
        website="https://testshire.example.net/",
        logo="images/testshire.svg",
    )
    (project / "docs" / "images").mkdir()
    (project / "docs" / "images" / "testshire.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    local["contacts"][0]["hours"] = "Tuesdays only, 10am to 2pm"
    local["links"] = [{"title": "Testshire school linking scheme", "url": "https://testshire.example.net/linking"}]
    local.update(
        site_url="https://cohesion.testshire.example.net/", repo_url="https://github.com/testshire/cohesion-guide"
    )
    (project / "local.yml").write_text(yaml.safe_dump(local, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Published by Testshire Borough Council." in home
    assert 'href="https://testshire.example.net/"' in home
    assert '<link rel="canonical" href="https://cohesion.testshire.example.net/"' in home
    assert "https://github.com/testshire/cohesion-guide/edit/main/docs/index.md" in home
    assert (site / "stylesheets" / "brand.css").read_text(encoding="utf-8").count("#5a1d7a") == 1
    assert "stylesheets/brand.css" in home
    assert (site / "sitemap.xml").read_text(encoding="utf-8").count("https://cohesion.testshire.example.net/") > 5
    assert 'src="images/testshire.svg"' in home
    support = (site / "support" / "index.html").read_text(encoding="utf-8")
    assert "Opening hours: Tuesdays only, 10am to 2pm" in support
    assert '<a href="https://testshire.example.net/linking">Testshire school linking scheme</a>' in support


def test_a_repeated_key_is_reported_with_the_other_problems(tmp_path):
    text = (
        MINIMAL.replace("  name: Testshire Council\n", "  name: Testshire Council\n  name: Again\n") + "colour: red\n"
    )
    with pytest.raises(InvalidFile) as err:
        load_local(write_local(tmp_path, text))
    assert [(p.line, p.field) for p in err.value.problems] == [(3, "authority.name"), (7, "colour")]
