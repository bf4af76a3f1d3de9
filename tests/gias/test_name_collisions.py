"""Two schools that map to one file name: each gets its own file, named with its URN, and the
import says so; a file already in the folder is never overwritten (issue 15)."""

from __future__ import annotations

from cohesion_guide.gias.importer import import_extract
from tests.gias.test_import import MIXED, TODAY, profiles_in, rows_of, write_csv


def test_schools_sharing_a_file_name_each_get_their_own_file_and_are_reported(tmp_path):
    header, rows = rows_of(MIXED)
    name, urn = header.index("EstablishmentName"), header.index("URN")
    rows[0][name] = "St Mary's Primary School"
    rows[1][name] = "St Marys Primary School"  # the same file name once the apostrophe goes
    rows[2][name] = "Oak Primary School"
    out = tmp_path / "out"
    out.mkdir()
    taken = f"oak-primary-school-{rows[2][urn]}.yml"
    (out / "oak-primary-school.yml").write_text("# a hand-written note, not a profile\n")
    (out / taken).write_text("# another file a person put here\n")
    summary = import_extract(write_csv(tmp_path / "extract.csv", header, rows), out, today=TODAY)
    first, second = rows[0][urn], rows[1][urn]
    assert (out / f"st-marys-primary-school-{first}.yml").is_file()
    assert (out / f"st-marys-primary-school-{second}.yml").is_file()
    assert (out / "oak-primary-school.yml").read_text() == "# a hand-written note, not a profile\n"
    assert (out / taken).read_text() == "# another file a person put here\n"
    assert (out / f"oak-primary-school-{rows[2][urn]}-2.yml").is_file()
    profiles = profiles_in_profiles(out)
    assert {first, second, rows[2][urn]} <= set(profiles)
    reported = "\n".join(summary.messages)
    assert f"st-marys-primary-school-{first}.yml" in reported and f"({second})" in reported
    assert f"oak-primary-school-{rows[2][urn]}-2.yml" in reported


def profiles_in_profiles(folder):
    """Profiles by URN, leaving out the files a person put there that are not profiles."""
    keep = folder.parent / "profiles"
    keep.mkdir()
    for path in folder.glob("*.yml"):
        if not path.read_text().startswith("# a"):
            (keep / path.name).write_text(path.read_text())
    return profiles_in(keep)
