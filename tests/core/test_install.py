"""A wheel carries every bundled file, and the code finds them through one place.

``pip install .`` ships only the package data that pyproject.toml declares; a resource left
out works in a checkout and fails once installed. These checks need no wheel: every file
under ``readingroom/resources/`` must match one of the package-data globs, matched the way
setuptools matches them (``glob`` relative to the package folder). CI's ``.ci/run`` then
installs a real wheel in a fresh environment and runs the demo and the screenshots from it.
"""

from __future__ import annotations

import glob
import re
import tomllib
from pathlib import Path

from readingroom import paths, pdf

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "readingroom"


def package_data_globs() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs: list[str] = config["tool"]["setuptools"]["package-data"]["readingroom"]
    return globs


def shipped() -> set[Path]:
    """The files of the package folder that the package-data globs put in a wheel."""
    found: set[Path] = set()
    for pattern in package_data_globs():
        found.update(PACKAGE / f for f in glob.glob(pattern, root_dir=PACKAGE, recursive=True))
    return {f for f in found if f.is_file()}


def test_every_bundled_file_is_declared_as_package_data() -> None:
    bundled = {
        f
        for f in (PACKAGE / "resources").rglob("*")
        if f.is_file() and "__pycache__" not in f.parts
    }
    assert bundled, "no bundled files found"
    left_out = sorted(str(f.relative_to(PACKAGE)) for f in bundled - shipped())
    assert not left_out, f"not matched by [tool.setuptools.package-data] readingroom: {left_out}"


def test_the_resources_are_the_package_folder() -> None:
    assert paths.resources_dir() == PACKAGE / "resources"
    assert not (ROOT / "resources").exists(), (
        "a resources/ folder outside the package is not shipped"
    )


def test_resource_finds_each_kind_of_bundled_file() -> None:
    for parts in (
        ("demo", "catalogue.csv"),
        ("demo", "borrowers.csv"),
        ("fonts", "NanumGothic.ttf"),
        ("fonts", "NanumGothicBold.ttf"),
        ("fonts", "OFL.txt"),
        ("icons", "app.svg"),
        ("translations", "readingroom_ko.qm"),
    ):
        path = paths.resource(*parts)
        assert isinstance(path, Path)
        assert path.is_file(), path
        assert path in shipped(), f"{path} would not be in the wheel"
    assert pdf.FONT_DIR == paths.resource("fonts")


def test_no_module_builds_its_own_path_to_the_resources() -> None:
    """Resources are read through ``readingroom.paths.resource`` only, which a wheel honours."""
    own_path = re.compile(r"""["']resources["']|/\s*["']resources\b""")
    offenders = [
        str(f.relative_to(ROOT))
        for folder in ("readingroom", "ui")
        for f in (ROOT / folder).rglob("*.py")
        if f != PACKAGE / "paths.py" and own_path.search(f.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"use readingroom.paths.resource(...) instead: {offenders}"
