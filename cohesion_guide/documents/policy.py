"""One school's policy in each published format, written whole or not at all, and cached for the site build."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import cohesion_guide
from cohesion_guide import MODEL_POLICIES
from cohesion_guide.documents.render import render_policy
from cohesion_guide.errors import UnknownFormat
from cohesion_guide.export.document_set import Document, write_formats
from cohesion_guide.export.metadata import Letterhead
from cohesion_guide.inputs.case_studies import suggestions
from cohesion_guide.inputs.local_config import load_local
from cohesion_guide.inputs.profiles import Profile, load_profile

FORMATS = ("md", "html", "docx", "pdf")
# How a download link names each format, as GOV.UK does: "Word document, 38 KB".
FORMAT_NAMES = {"md": "Markdown text", "html": "web page", "docx": "Word document", "pdf": "PDF"}
CACHE = Path(".cache") / "documents"  # under the project folder; .gitignore leaves it out


def checked_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The formats asked for, in FORMATS order; UnknownFormat names any that is not one of them."""
    wanted = {f.strip().lower() for f in formats if f.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown:
        raise UnknownFormat(f"{', '.join(unknown)} is not a format this can write; allowed: {', '.join(FORMATS)}")
    if not wanted:
        raise UnknownFormat(f"no format was given; allowed: {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in wanted)


def stem(profile: Profile) -> str:
    """riverside-primary-policy: the name of every format of the school's policy, before the extension."""
    return f"{profile.slug}-policy"


def document_name(profile: Profile, fmt: str) -> str:
    """riverside-primary-policy.docx"""
    return f"{stem(profile)}.{fmt}"


def size_text(size: int) -> str:
    """A file size as GOV.UK writes it: '38 KB', '1.2 MB'."""
    if size < 1000 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def file_size(path: Path) -> str:
    """A file's size as a download link shows it (size_text)."""
    return size_text(Path(path).stat().st_size)


def document_title(profile: Profile) -> str:
    return f"Community cohesion policy: {profile.name}"


def templates_for(project_dir: Path) -> Path:
    """A fork's own model_policies/ when it has one, else the templates shipped with the package."""
    own = Path(project_dir) / "model_policies"
    return own if (own / "policy.md.j2").is_file() else MODEL_POLICIES


def write_school_documents(
    profile: Profile,
    local: dict[str, Any],
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    *,
    templates_dir: Path = MODEL_POLICIES,
    case_studies: list[dict] = (),
) -> dict[str, Path]:
    """Write the school's policy into `out_dir` as <slug>-policy.<format> for each format asked for,
    all or nothing (documents.write_formats)."""
    return write_formats(
        policy_document(profile, local, templates_dir, case_studies), out_dir, checked_formats(formats)
    )


def write_policy(
    profile_path: Path, project_dir: Path, out_dir: Path, formats: Iterable[str] = FORMATS, display: str | None = None
) -> dict[str, Path]:
    """Everything `cohesion policy` does, and the builder in the browser too: read the project's
    local.yml, check the profile, suggest case studies, and write the policy with the project's
    templates. Raises InvalidFile, having written nothing, when a file has a problem."""
    formats = checked_formats(formats)
    local = load_local(project_dir, required=False)
    profile = load_profile(profile_path, display)
    studies = suggestions(profile, project_dir, local)
    return write_school_documents(
        profile, local, out_dir, formats, templates_dir=templates_for(project_dir), case_studies=studies
    )


def policy_document(
    profile: Profile, local: dict[str, Any], templates_dir: Path = MODEL_POLICIES, case_studies: list[dict] = ()
) -> Document:
    """The school's policy, written from its profile, ready to write in any format."""
    return Document(
        render_policy(profile, local, templates_dir, case_studies),
        stem(profile),
        title=document_title(profile),
        author=profile.name,
        letterhead=letterhead(profile, local),
    )


def letterhead(profile: Profile, local: dict[str, Any]) -> Letterhead:
    """The head of each page of a school's documents: the authority's logo (local.yml authority.logo),
    when it has one, and the school's name."""
    authority = local.get("authority") or {}
    logo_file = authority.get("logo_file")
    logo = Path(logo_file).read_bytes() if logo_file else b""
    return Letterhead(profile.name, logo, f"{authority.get('name', '')} logo".strip() if logo else "")


def _package_version() -> str:
    try:
        return version("community-cohesion-guide")
    except PackageNotFoundError:
        return "not installed"


def _part(digest, label: str, data: bytes) -> None:
    digest.update(label.encode() + b"\0" + len(data).to_bytes(8, "big") + data)


def inputs_digest(local: dict[str, Any], templates_dir: Path) -> bytes:
    """A digest of what every school's documents share: every template file, the authority's
    settings, and the engine (its version, and its code, because the version number is not raised
    for every change made while developing). A site build works it out once, not once per school."""
    digest = hashlib.sha256()
    templates_dir = Path(templates_dir)
    for file in sorted(p for p in templates_dir.rglob("*") if p.is_file()):
        _part(digest, f"template {file.relative_to(templates_dir).as_posix()}", file.read_bytes())
    _part(digest, "local", json.dumps(local, sort_keys=True, ensure_ascii=False).encode())
    logo_file = (local.get("authority") or {}).get("logo_file")
    _part(digest, "logo", Path(logo_file).read_bytes() if logo_file else b"")  # a new logo, new documents
    _part(digest, "engine", engine_fingerprint().encode())
    return digest.digest()


def school_key(inputs: bytes, profile: Profile, case_studies: list[dict] = ()) -> str:
    """The key of one school's policy: its profile file and suggested case studies, with `inputs`
    (inputs_digest) for everything the schools share."""
    digest = hashlib.sha256(inputs)
    _part(digest, "profile", Path(profile.path).read_bytes())
    _part(digest, "case studies", json.dumps(list(case_studies), sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:32]


def engine_fingerprint() -> str:
    """The package version and a digest of its code: documents made by other code are not reused."""
    code = hashlib.sha256()
    package = Path(cohesion_guide.__file__).parent
    for file in sorted(package.rglob("*.py")):  # every layer: an edit anywhere in the engine counts
        code.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return f"{_package_version()} {code.hexdigest()}"


def policy_folder(project_dir: Path, profile: Profile) -> Path:
    """.cache/documents/<slug>: the school's policies, one folder per key."""
    return Path(project_dir) / CACHE / profile.slug
