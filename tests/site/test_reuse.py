"""Issue 17: the generated pages are plain files in docs/ before the build, and a rebuild reuses
every unchanged page's HTML (macros/reuse.py) yet writes exactly what a full build writes."""

from __future__ import annotations

import filecmp
import re
import subprocess
from pathlib import Path

import pytest

from cohesion_guide.generated_record import generated_files
from tests.conftest import BIN, copy_project

# The same site without macros/reuse.py: what a full build writes.
PLAIN_CONFIG = "INHERIT: mkdocs.yml\nhooks:\n  - macros/hooks.py\n"
COUNTS = re.compile(r"Pages: (\d+) reused, (\d+) converted")
ON_EVERY_CORE = re.compile(r"\((\d+) of them on every core\)")


def counts(result) -> tuple[int, int]:
    found = COUNTS.findall(result.stderr)
    assert found, f"the build did not say what it reused:\n{result.stderr[-2000:]}"
    reused, converted = found[-1]
    return int(reused), int(converted)


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is in one site and not the other, or differs by a byte."""
    found = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"{prefix}{name} (only one side)" for name in cmp.left_only + cmp.right_only)
        for name in cmp.common_files:
            if (Path(cmp.left) / name).read_bytes() != (Path(cmp.right) / name).read_bytes():
                found.append(f"{prefix}{name}")
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(first, second), "")
    return found


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path / "project")
    (project / "mkdocs-plain.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return project


def full_build(mkdocs_build, project: Path, site: Path):
    result = mkdocs_build(project, site, "--config-file", str(project / "mkdocs-plain.yml"))
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_a_rebuild_reuses_every_page_and_writes_the_same_bytes_as_a_full_build(mkdocs_build, project, tmp_path):
    first = mkdocs_build(project, tmp_path / "first")
    assert first.returncode == 0, first.stderr[-3000:]
    assert counts(first)[0] == 0
    # the schools' and case studies' pages were converted by the forked workers, not one by one
    assert int(ON_EVERY_CORE.findall(first.stderr)[-1]) > 40
    again = mkdocs_build(project, tmp_path / "again")
    assert again.returncode == 0, again.stderr[-3000:]
    reused, converted = counts(again)
    assert converted == 0 and reused > 50
    full_build(mkdocs_build, project, tmp_path / "full")
    assert differences(tmp_path / "full", tmp_path / "again") == []
    assert differences(tmp_path / "full", tmp_path / "first") == []


def test_one_profile_changed_converts_only_the_pages_it_touches(mkdocs_build, project, tmp_path):
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    profile = project / "schools" / "riverside-primary.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("Riverside", "Riverbank"), encoding="utf-8")
    changed = mkdocs_build(project, tmp_path / "changed")
    assert changed.returncode == 0, changed.stderr[-3000:]
    reused, converted = counts(changed)
    # the school's two pages and the list of schools; the builder's page lists the schools' names too
    assert 2 <= converted <= 5 and reused > 50, (reused, converted)
    full_build(mkdocs_build, project, tmp_path / "full")
    assert differences(tmp_path / "full", tmp_path / "changed") == []
    assert "Riverbank" in (tmp_path / "changed" / "schools" / "riverside-primary" / "index.html").read_text()


def test_a_kept_page_whose_link_now_leads_nowhere_still_fails_the_strict_build(mkdocs_build, project, tmp_path):
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\nSee [an example school](schools/riverside-primary/index.md).\n",
        encoding="utf-8",
    )
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    for folder in ("schools", "audits"):
        (project / folder / "riverside-primary.yml").unlink()
    broken = mkdocs_build(project, tmp_path / "broken")
    assert broken.returncode != 0
    assert "about.md' contains a link 'schools/riverside-primary/index.md'" in broken.stderr


def test_the_generated_pages_are_plain_files_listed_for_git(mkdocs_build, project, tmp_path):
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    docs = project / "docs"
    made = generated_files(project)
    assert "schools/riverside-primary/index.md" in made and "schools/index.md" in made
    assert "about.md" not in made and "case-studies/adding.md" not in made
    page = (docs / "schools" / "riverside-primary" / "index.md").read_text(encoding="utf-8")
    assert page.startswith("---\n") and "generated_by: cohesion_guide" in page and "%%cohesion-size" not in page
    # a school removed: its files go, the folders left empty go, a page written by hand stays
    stamp = {uri: (docs / uri).stat().st_mtime_ns for uri in made}
    for folder in ("schools", "audits"):
        (project / folder / "riverside-primary.yml").unlink()
    assert mkdocs_build(project, tmp_path / "after").returncode == 0
    assert not (docs / "schools" / "riverside-primary").exists()
    assert (docs / "case-studies" / "adding.md").is_file()
    # nothing else changed, so nothing else was rewritten: a page's time says when it last changed
    still = generated_files(project)
    untouched = [uri for uri in still if uri in stamp and uri.startswith("case-studies/")]
    assert untouched and all((docs / uri).stat().st_mtime_ns == stamp[uri] for uri in untouched)


def test_a_generated_page_never_replaces_one_written_by_hand(project):
    mine = project / "docs" / "schools" / "index.md"
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_text("# My own list of schools\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "python"), "-m", "cohesion_guide.site.generate"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "docs/schools/index.md" in result.stderr and "Move or rename it" in result.stderr
    assert mine.read_text(encoding="utf-8") == "# My own list of schools\n"
    assert not (project / "docs" / "schools" / "riverside-primary" / "index.md").exists()


def test_a_build_without_the_generated_pages_says_what_to_run(project, tmp_path):
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "python -m cohesion_guide.site.generate" in result.stderr


def test_a_quiet_build_keeps_nothing_a_strict_build_would_have_warned_about(mkdocs_build, project, tmp_path):
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [a page](no-such-page.md).\n", encoding="utf-8")
    quiet = mkdocs_build(project, tmp_path / "quiet", "--quiet")  # -q: MkDocs logs no warnings at all
    assert quiet.returncode == 0
    loud = mkdocs_build(project, tmp_path / "loud")
    assert loud.returncode != 0 and "no-such-page.md" in loud.stderr


def test_a_change_to_one_pages_navigation_icon_reaches_every_page(mkdocs_build, project, tmp_path):
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    page = project / "docs" / "duty" / "today.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("---\n", "---\nicon: material/scale-balance\n", 1), encoding="utf-8"
    )
    again = mkdocs_build(project, tmp_path / "again")
    assert again.returncode == 0, again.stderr[-3000:]
    full_build(mkdocs_build, project, tmp_path / "full")
    assert differences(tmp_path / "full", tmp_path / "again") == []


def test_files_of_someone_else_in_docs_are_never_removed(project):
    docs = project / "docs"
    assert generate(project).returncode == 0
    # a line someone adds to docs/.gitignore does not make their file the guide's to remove
    (docs / ".gitignore").write_text((docs / ".gitignore").read_text() + "/my-notes.md\n", encoding="utf-8")
    (docs / "my-notes.md").write_text("My notes\n", encoding="utf-8")
    # a page the guide made, then edited by hand, and no longer made: left in place, and said so
    study = docs / "case-studies" / "new-arrivals-welcome" / "index.md"
    study.write_text(study.read_text(encoding="utf-8") + "\nMy own paragraph.\n", encoding="utf-8")
    (project / "case_studies" / "new-arrivals-welcome.md").unlink()
    result = generate(project)
    assert result.returncode == 0, result.stderr
    assert (docs / "my-notes.md").read_text() == "My notes\n"
    assert "My own paragraph." in study.read_text(encoding="utf-8")
    assert "changed by hand, so it was left in place" in result.stderr


def test_a_run_stopped_half_way_is_finished_by_the_next(project, monkeypatch):
    from cohesion_guide.site import generate as generating

    calls = []

    def stop_after_three(dest, item):
        calls.append(dest)
        if len(calls) > 3:
            raise KeyboardInterrupt
        return put(dest, item)

    put = generating._put
    monkeypatch.chdir(project)
    monkeypatch.setattr(generating, "_put", stop_after_three)
    with pytest.raises(KeyboardInterrupt):
        generating.main()
    monkeypatch.setattr(generating, "_put", put)
    assert generating.main() == 0  # its own half-written pages are not taken for someone else's
    assert (project / "docs" / "schools" / "index.md").is_file()


def generate(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "python"), "-m", "cohesion_guide.site.generate"], cwd=project, capture_output=True, text=True
    )


def test_a_plain_mkdocs_build_after_a_profile_changed_says_its_pages_are_old(mkdocs_build, project, tmp_path):
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    plain = [str(BIN / "mkdocs"), "build", "--site-dir", str(tmp_path / "plain")]
    quiet = subprocess.run(plain, cwd=project, capture_output=True, text=True)
    assert quiet.returncode == 0 and "has changed since the generated pages were written" not in quiet.stderr
    profile = project / "schools" / "riverside-primary.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = subprocess.run(plain, cwd=project, capture_output=True, text=True)
    assert "has changed since the generated pages were written" in stale.stderr
    assert "make site" in stale.stderr


def test_an_edit_to_the_theme_redraws_every_page_without_converting_one(mkdocs_build, project, tmp_path):
    assert mkdocs_build(project, tmp_path / "first").returncode == 0
    theme = project / "overrides" / "main.html"
    theme.write_text(
        theme.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}<!-- theme edited -->", 1),
        encoding="utf-8",
    )
    again = mkdocs_build(project, tmp_path / "again")
    assert again.returncode == 0, again.stderr[-3000:]
    assert counts(again)[1] == 0  # the conversions are kept: the theme shapes only the finished page
    assert "<!-- theme edited -->" in (tmp_path / "again" / "about" / "index.html").read_text(encoding="utf-8")
    full_build(mkdocs_build, project, tmp_path / "full")
    assert differences(tmp_path / "full", tmp_path / "again") == []
