"""A plain install, outside any checkout: the wheel carries the engine and every template, and
`cohesion policy` works in an empty folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

EXAMPLE = ROOT / "schools" / "riverside-primary.yml"
SOURCE_PARTS = ["pyproject.toml", "README.md", "LICENSE", "cohesion_guide", "model_policies"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy: setuptools writes build/ and *.egg-info/ where it builds."""
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for part in SOURCE_PARTS:
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy2
        copy(
            ROOT / part,
            source / part,
            **({"ignore": shutil.ignore_patterns("__pycache__")} if copy is shutil.copytree else {}),
        )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with only the wheel installed in it. Its dependencies come from the
    test's own environment through a .pth line, which adds them to the path but does not run the
    checkout's editable-install hook: only the wheel can supply cohesion_guide."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return env_dir


def test_the_wheel_carries_every_template_and_schema_from_the_one_copy(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {name.split("/", 2)[2] for name in names if name.startswith("cohesion_guide/model_policies/")}
    assert shipped == {p.name for p in (ROOT / "model_policies").iterdir() if p.is_file()}
    assert not any(name.startswith("macros/") for name in names), "the MkDocs glue is not part of the package"


def test_cohesion_policy_works_in_an_empty_folder_after_install(installed, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    profile = folder / "riverside-primary.yml"
    profile.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(installed / "bin" / "cohesion"), "policy", "riverside-primary.yml", "-o", "out", "--format", "md,docx"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    text = (folder / "out" / "riverside-primary-policy.md").read_text(encoding="utf-8")
    assert "Riverside Primary School" in text
    # with no local.yml, no authority's contacts are presented as the school's own
    assert "Governor Services" not in text and "We will ask our local authority" in text
    assert (folder / "out" / "riverside-primary-policy.docx").stat().st_size > 0
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import cohesion_guide as c; print(c.MODEL_POLICIES, c.CHECKOUT)"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(installed) in where and where.strip().endswith("None"), where
