"""Profiles and audits as an earlier build checked them, kept by their bytes, so an unchanged file is not read again.

Parsing and checking a profile takes about 10 ms (audits 13 ms): 600 schools cost 9 s on every
build, which `make serve` would pay on every save. A file is looked up by its name and bytes, and
the whole cache is dropped when the rules change (the schemas, the practice list or the engine's code).
Files with problems are never stored: they are checked, and reported, on every build.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path

from cohesion_guide import MODEL_POLICIES
from cohesion_guide.documents.policy import engine_fingerprint
from cohesion_guide.errors import InvalidFile, Problem
from cohesion_guide.files import atomic_path
from cohesion_guide.inputs.audit import Audit, Entry, load_audits, not_assessed
from cohesion_guide.inputs.profiles import Profile, load_profile, profile_paths

CACHE_FILE = Path(".cache") / "checked-files.json"
# What a file is checked against, besides the engine's code (all in the package's model_policies/).
RULES = ("profile.schema.json", "audit.schema.json", "audit_practices.yml")

# Loads profiles that are not in the cache: in this process, or spread over processes by the caller.
# Each result is the Profile, or the problems found in that file.
LoadMany = Callable[[list[Path]], Iterable["Profile | list[Problem]"]]


def load_one(path: Path) -> Profile | list[Problem]:
    """load_profile, with its problems returned rather than raised (an InvalidFile does not survive
    being sent back from another process: it is rebuilt from its message alone)."""
    try:
        return load_profile(path)
    except InvalidFile as err:
        return err.problems


def load_here(paths: list[Path]) -> list[Profile | list[Problem]]:
    return [load_one(path) for path in paths]


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def rules_digest() -> str:
    return _digest(engine_fingerprint().encode(), *((MODEL_POLICIES / name).read_bytes() for name in RULES))


class CheckedFiles:
    """One build's use of the cache: read once, looked up per file, written back by save()."""

    def __init__(self, project_dir: Path):
        self.file = Path(project_dir) / CACHE_FILE
        self.rules = rules_digest()
        stored = {}
        if self.file.is_file():
            try:
                stored = json.loads(self.file.read_text(encoding="utf-8"))
            except ValueError:  # a damaged cache is only a slower build
                stored = {}
        if stored.get("rules") != self.rules:
            stored = {}
        self._old_profiles: dict = stored.get("profiles", {})
        self._old_audits: dict = stored.get("audits", {})
        self._profiles: dict = {}
        self._audits: dict = {}
        self.reused = self.checked = 0  # how many profiles came from the cache, and how many were checked

    def profiles(self, schools_dir: Path, load_many: LoadMany = load_here) -> list[Profile]:
        """profiles.load_profiles, reusing every file whose bytes were checked before."""
        found: list[Profile] = []
        missing: list[Path] = []
        for path in profile_paths(schools_dir):
            if not path.is_file():  # a folder or a broken link named *.yml: the loader says so plainly
                missing.append(path)
                self._profiles[path.name] = {"key": ""}
                continue
            key = _digest(path.name.encode(), path.read_bytes())
            old = self._old_profiles.get(path.name)
            if old and old["key"] == key:
                found.append(
                    Profile(slug=path.stem, path=path, data=old["data"], unconfirmed=old.get("unconfirmed", {}))
                )
                self._profiles[path.name] = old
                self.reused += 1
            else:
                missing.append(path)
                self._profiles[path.name] = {"key": key}
        problems: list[Problem] = []
        for path, result in zip(missing, load_many(missing), strict=True):
            if isinstance(result, Profile):
                found.append(result)
                self._profiles[path.name]["data"] = result.data
                self._profiles[path.name]["unconfirmed"] = result.unconfirmed  # placeholders are never facts
            else:
                problems += result
                del self._profiles[path.name]
        self.checked += len(missing)
        if problems:
            raise InvalidFile(problems)
        return sorted(found, key=lambda p: (p.name.casefold(), p.slug))

    def audits(self, audits_dir: Path, slugs: list[str]) -> dict[str, Audit]:
        """audit.load_audits, reused as a whole while no audit file and no school has changed (the
        folder's own checks, such as an audit that matches no school, need every name at once)."""
        audits_dir = Path(audits_dir)
        files = sorted([*audits_dir.glob("*.yml"), *audits_dir.glob("*.yaml")]) if audits_dir.is_dir() else []
        key = _digest(
            json.dumps(sorted(slugs)).encode(),
            *(p.name.encode() + b"\0" + (p.read_bytes() if p.is_file() else b"\0not a file") for p in files),
        )
        if self._old_audits.get("key") == key:
            self._audits = self._old_audits
            kept = self._old_audits["audits"]
            return {
                slug: _audit_from(kept[slug], audits_dir / f"{slug}.yml") if slug in kept else not_assessed(slug)
                for slug in slugs
            }
        audits = load_audits(audits_dir, slugs)
        self._audits = {"key": key, "audits": {slug: _audit_data(a) for slug, a in audits.items() if a.exists}}
        return audits

    def save(self) -> None:
        """Write back what this build used, when it differs from what was read."""
        new = {"rules": self.rules, "profiles": self._profiles, "audits": self._audits}
        if self._profiles == self._old_profiles and self._audits == self._old_audits and self.file.is_file():
            return
        with atomic_path(self.file) as tmp:
            tmp.write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")


def _audit_data(audit: Audit) -> dict:
    """The audit without its path, which is always audits/<slug>.yml of the project being built
    (a copy of the project may bring the cache with it)."""
    data = asdict(audit)
    del data["path"]
    return data


def _audit_from(data: dict, path: Path) -> Audit:
    return Audit(
        slug=data["slug"],
        path=path,
        completed_on=data["completed_on"],
        completed_by=data["completed_by"],
        entries={k: Entry(**v) for k, v in data["entries"].items()},
    )
