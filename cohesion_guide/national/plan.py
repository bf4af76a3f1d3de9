"""Plan the national edition from one reading of the register: each authority's local.yml and school
profiles (the register import's own, into inputs/), a digest of everything each site is made from,
and the shards for CI. Nothing is built here.

A profile says the date it was imported. So that an unchanged school's profile (and so its documents
and pages, whose keys include its bytes) stays the same from one extract to the next, each school
keeps the date of its first import for as long as the register's fields for it are unchanged: the
plan records, for each URN, a digest of those fields and that date, and the next plan reads them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path

import yaml

from cohesion_guide.documents.policy import engine_fingerprint
from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.files import atomic_path
from cohesion_guide.generated_record import generated_files
from cohesion_guide.gias.importer import REASONS, plan_mapped
from cohesion_guide.gias.map import Mapped
from cohesion_guide.gias.write import read_marker
from cohesion_guide.inputs.local_config import WEB_ADDRESS, load_local
from cohesion_guide.inputs.profiles import slug_for
from cohesion_guide.national import layout, shards
from cohesion_guide.national.finder import finder_data
from cohesion_guide.national.register import Register

VERSION = 1
# What a copy of the guide is made of (a fork's folder, without its schools): copied for each site.
GUIDE_PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "case_studies", "model_policies")
# Also in the guide's digest: what the sites serve from npm (Pyodide, the autocomplete).
SERVED = ("package-lock.json",)
DEFAULT_PUBLISHER = "Community Cohesion Guide national edition"
# Top-level names of a built site (the guide's sections, the theme's folders, the home's own page):
# an authority's folder sits beside them under the national root, so its slug must differ.
RESERVED = {
    "assets", "search", "stylesheets", "javascripts", "find-your-school", "schools", "make-a-policy",
    "duty", "planning", "policies", "case-studies", "local-authorities", "about", "accessibility",
    "support", "glossary", "sitemap", "404",
}  # fmt: skip


@dataclass
class PlannedAuthority:
    slug: str
    code: str
    name: str
    schools: int
    digest: str
    website: str | None = None


@dataclass
class Plan:
    """The plan as plan.json keeps it."""

    extract: dict  # {"file", "digest", "rows"}
    made_on: str
    publisher: str
    site_url: str | None
    guide: str  # digest of the guide and engine every site is built from
    authorities: list[PlannedAuthority]
    home: str  # the national home's digest
    schools: dict[str, dict]  # URN -> {"a": authority slug, "s": school slug, "n": name, "p": place,
    #                                   "d": postcode district, "f": register fields' digest, "on": its date}
    skipped: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    version: int = VERSION

    def authority(self, slug: str) -> PlannedAuthority:
        return next(a for a in self.authorities if a.slug == slug)

    def shards(self, count: int) -> list[list[str]]:
        return shards.balance([shards.Sized(a.slug, a.schools) for a in self.authorities], count)

    def shard_digest(self, slugs: list[str]) -> str:
        return _digest(*(f"{slug} {self.authority(slug).digest}" for slug in slugs))

    def matrix(self, count: int) -> dict:
        """CI's matrix: each shard (K/N) with the digest of what it builds, and the national home."""
        found = self.shards(count)
        include = [
            {
                "shard": f"{k}/{len(found)}",
                "digest": self.shard_digest(slugs),
                "authorities": len(slugs),
                "schools": sum(self.authority(s).schools for s in slugs),
            }
            for k, slugs in enumerate(found, 1)
        ]
        include.append({"shard": shards.HOME, "digest": self.home, "authorities": 0, "schools": 0})
        return {"include": include}

    def total_schools(self) -> int:
        return sum(a.schools for a in self.authorities)

    def finder(self) -> bytes:
        return finder_data([(a.slug, a.name) for a in self.authorities], self.schools)

    def digests(self) -> dict[str, str]:
        """Each site's digest, the national home's under its folder name (layout.HOME)."""
        return {layout.HOME: self.home, **{a.slug: a.digest for a in self.authorities}}

    def record(self) -> bytes:
        """The national site's record (layout.RECORD): the digest each of its sites was built from."""
        return (json.dumps({"version": VERSION, "sites": self.digests()}, indent=1, sort_keys=True) + "\n").encode()


def _digest(*parts: str | bytes) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def guide_digest(guide: Path) -> str:
    """A digest of everything every site is made from besides its own local.yml and schools: the
    guide's pages and settings, the engine's code, the installed packages and what npm serves."""
    guide = Path(guide)
    made = {guide / "docs" / uri for uri in generated_files(guide)}
    parts: list[str | bytes] = [engine_fingerprint()]
    for name in (*GUIDE_PARTS, *SERVED):
        root = guide / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in files:
            if "__pycache__" in path.parts or path in made or path.name == ".gitignore":
                continue
            parts += [path.relative_to(guide).as_posix(), path.read_bytes()]
    parts += sorted(f"{d.metadata['Name']} {d.version}" for d in metadata.distributions())
    return _digest(*parts)


def read_websites(path: Path) -> dict[str, str]:
    """Authorities' own websites from a CSV file (columns 'LA (code)' and 'website'), by authority number.
    InvalidFile naming the line of any address that is not https with a host."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found, problems = {}, []
    for line, row in enumerate(rows, 2):
        code = (row.get("LA (code)") or row.get("code") or "").strip().lstrip("0")
        website = (row.get("website") or "").strip()
        if not code or not website:
            continue
        if not WEB_ADDRESS.fullmatch(website):
            problems.append(
                Problem(path.name, line, "website", f"found '{website}'; allowed: a web address starting with https://")
            )
        found[code] = website
    if not rows or (not found and not problems):
        problems.append(
            Problem(path.name, 1, "(the whole file)", "has no rows with an 'LA (code)' and a 'website' column")
        )
    if problems:
        raise InvalidFile(problems)
    return found


def authority_local(name: str, publisher: str, website: str | None, site_url: str | None) -> str:
    """An authority's local.yml: its name as the register writes it, its website only where a source
    gives it, who publishes this copy, and no contacts (its policies then say the school will ask its
    authority what support it offers: the guide's own wording when it has no contacts)."""
    data: dict = {"authority": {"name": name, **({"website": website} if website else {})}}
    data["publisher"] = {"name": publisher}
    data["contacts"] = []
    if site_url:
        data["site_url"] = site_url
    return (
        f"# {name}: made by `cohesion national` from the national register of schools (GIAS).\n"
        "# The register gives the authority's name only: no contacts, services or strategy, so none are\n"
        "# listed, and each school's policy says it will ask its authority what support it offers.\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    )


# The national home speaks to a reader in any authority: its support page is "Support from your local
# authority", its footer "Contact your local authority", and it lists no authority's contacts.
HOME_AUTHORITY = "your local authority"


def home_local(publisher: str, site_url: str | None) -> str:
    """The national home's local.yml: the guide, published by the national host, with no authority's contacts."""
    data: dict = {"authority": {"name": HOME_AUTHORITY}, "publisher": {"name": publisher}, "contacts": []}
    if site_url:
        data["site_url"] = site_url
    return (
        "# The national home: the guide itself, with no authority's contacts, made by `cohesion national`.\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    )


def _fields_digest(mapped: Mapped) -> str:
    """What the register says of a school, as the import maps it: its profile's bytes follow from this and a date."""
    items = [[list(k), v] for k, v in sorted(mapped.fields.items())] + [
        ["note", *k, v] for k, v in sorted(mapped.notes.items())
    ]
    return _digest(json.dumps(items, ensure_ascii=False, sort_keys=True, default=str))[:16]


def _place(mapped: Mapped) -> str:
    """Where a school is, as Find your school shows it: its locality and town, from the register (not a placeholder)."""
    town = "" if ("location", "town") in mapped.notes else mapped.fields.get(("location", "town")) or ""
    locality = mapped.fields.get(("location", "locality")) or ""
    return ", ".join(part for part in (locality, town) if part)


def _slugs(register: Register) -> dict[str, str]:
    """Each authority's folder name: its name as a slug, with its number added where that is taken."""
    out, taken = {}, set()
    for name, authority in sorted(register.authorities.items(), key=lambda kv: (kv[1].code, kv[0])):
        slug = slug_for(name) or "authority"
        if slug in taken or slug in RESERVED:
            slug = f"{slug}-{authority.code or len(taken)}"
        taken.add(slug)
        out[name] = slug
    return out


def make_plan(
    register: Register,
    out: Path,
    guide: Path,
    *,
    previous: Plan | None = None,
    publisher: str = DEFAULT_PUBLISHER,
    site_url: str | None = None,
    websites: dict[str, str] | None = None,
    today: str | None = None,
) -> tuple[Plan, dict[str, dict[str, str]]]:
    """The plan, and each folder's files to write (inputs/<slug>/: local.yml and schools/<name>.yml).
    Writes nothing."""
    today = today or date.today().isoformat()
    websites = websites or {}
    kept = previous.schools if previous else {}
    base = site_url.rstrip("/") + "/" if site_url else None
    guide_key = guide_digest(guide)
    plan = Plan(
        extract={"file": register.file, "digest": register.digest, "rows": register.rows},
        made_on=today,
        publisher=publisher,
        site_url=base,
        guide=guide_key,
        authorities=[],
        home="",
        schools={},
        skipped=dict(sorted(register.skipped.items())),
        messages=list(register.messages),
    )
    files: dict[str, dict[str, str]] = {}
    slugs = _slugs(register)
    with tempfile.TemporaryDirectory(prefix="cohesion-national-") as empty:
        for name, authority in sorted(register.authorities.items(), key=lambda kv: slugs[kv[0]]):
            slug = slugs[name]
            fields = {s.mapped.urn: _fields_digest(s.mapped) for s in authority.schools}

            def dated(m: Mapped, fields=fields) -> str:
                before = kept.get(m.urn)
                return before["on"] if before and before.get("f") == fields[m.urn] else today

            # planned as a first import into an empty folder: a profile is the same bytes for the same register entry and date
            summary = plan_mapped([s.mapped for s in authority.schools], Path(empty), dated)
            for reason, count in summary.skipped.items():
                plan.skipped[reason] = plan.skipped.get(reason, 0) + count
            plan.messages += [f"{name}: {m}" for m in summary.messages]
            plan.warnings += summary.warnings
            by_urn = {s.mapped.urn: s for s in authority.schools}
            local = authority_local(name, publisher, websites.get(authority.code), f"{base}{slug}/" if base else None)
            folder = {"local.yml": local}
            for path, text in sorted(summary.writes.items()):
                school = by_urn[read_marker(text).urn]
                folder[f"schools/{path.name}"] = text
                plan.schools[school.mapped.urn] = {
                    "a": slug,
                    "s": path.stem,
                    "n": school.mapped.name,
                    "p": _place(school.mapped),
                    "d": school.district,
                    "f": fields[school.mapped.urn],
                    "on": dated(school.mapped),
                }
            files[slug] = folder
            digest = _digest(guide_key, *(part for item in sorted(folder.items()) for part in item))
            plan.authorities.append(
                PlannedAuthority(slug, authority.code, name, len(folder) - 1, digest, websites.get(authority.code))
            )
    home = home_local(publisher, base)
    files[layout.HOME] = {"local.yml": home}
    plan.home = _digest(guide_key, home, plan.finder())
    return plan, files


def write_plan(out: Path, plan: Plan, files: dict[str, dict[str, str]], shard_count: int) -> None:
    """Write each folder's inputs (only the files that changed; gone ones removed), check every
    local.yml as a build will, then write plan.json and matrix.json. A folder of an authority no
    longer in the register goes, with its built site."""
    out = Path(out)
    for slug, folder in files.items():
        root = layout.inputs(out, slug)
        for name, text in folder.items():
            path = root / name
            if not (path.is_file() and path.read_text(encoding="utf-8") == text):
                with atomic_path(path) as tmp:
                    tmp.write_text(text, encoding="utf-8", newline="\n")
        schools = root / "schools"
        for path in schools.glob("*.yml") if schools.is_dir() else []:
            if f"schools/{path.name}" not in folder:
                path.unlink()
        load_local(root)  # the checks a build makes: a bad website from --websites stops here
    for old in (out / layout.INPUTS).iterdir():
        if old.is_dir() and old.name not in files:
            shutil.rmtree(old)
            shutil.rmtree(layout.site(out, old.name), ignore_errors=True)
            layout.built_marker(out, old.name).unlink(missing_ok=True)
    with atomic_path(out / layout.MATRIX) as tmp:
        tmp.write_text(json.dumps(plan.matrix(shard_count), separators=(",", ":")) + "\n", encoding="utf-8")
    with atomic_path(out / layout.PLAN) as tmp:
        tmp.write_text(json.dumps(asdict(plan), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def load_plan(out: Path) -> Plan | None:
    """The plan in `out`, or None when there is none (or it was written by another version)."""
    try:
        data = json.loads((Path(out) / layout.PLAN).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    data["authorities"] = [PlannedAuthority(**a) for a in data["authorities"]]
    return Plan(**data)


def skipped_lines(plan: Plan) -> list[str]:
    """Why rows were not imported, in words, most first."""
    return [
        f"  {REASONS.get(key, key)}: {count}"
        for key, count in sorted(plan.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
