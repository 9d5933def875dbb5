"""Helpers for the union catalogue's tests: branch catalogues built from the inspection
tests' small collection (each with its own root key), their signed bundles, and a central
database."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from readingroom import bundle, circulation, seals, settings, staff, stocktake
from readingroom.central.db import create_central, open_central
from readingroom.reports import Options
from readingroom.store.db import close_database, open_database
from tests.core.cli_support import BOSS, PASSWORD
from tests.core.inspection_support import Calendar, build_collection

#: what the central tests read from a bundle (the PDFs of the other kinds take time)
KINDS = "inventory,overrides,inspection,circulation"
#: the member numbers of the small collection (tests/core/inspection_support.py)
MEMBERS = ("W1", "W2", "C1")
NORTH, SOUTH = "North Branch", "South Branch"

Step = Callable[[staff.Actor], object]


def _fast(patch: pytest.MonkeyPatch) -> None:
    patch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    patch.setattr(seals, "KDF", seals.KdfParams(time_cost=1, memory_cost=1024, parallelism=1))


def make_branch(path: Path, name: str) -> date:
    """A branch catalogue at ``path`` named ``name``; returns its "today"."""
    with pytest.MonkeyPatch.context() as patch:
        _fast(patch)
        calendar = Calendar(patch)
        open_database(path, create=True)
        try:
            build_collection(calendar)
            settings.set_branch(staff.authenticate(BOSS, PASSWORD), name)
        finally:
            close_database()
        return calendar.day


def export(
    db: Path,
    folder: Path,
    day: date,
    step: Step | None = None,
    language: str | None = None,
    *,
    inspectors: bool = False,
) -> Path:
    """After ``step`` (done by the supervisor), the branch's signed union bundle into
    ``folder`` (``export-bundle --union``; ``inspectors``: the inspector's bundle instead,
    its CSVs in ``language`` when one is given, as ``export-bundle --lang`` does)."""
    with pytest.MonkeyPatch.context() as patch:
        _fast(patch)
        Calendar(patch, day)
        open_database(db)
        try:
            boss = staff.authenticate(BOSS, PASSWORD)
            if step is not None:
                step(boss)
            options = Options(language=language) if language else None
            bundle.export_bundle(
                boss, folder, bundle.parse_kinds(KINDS), options, union=not inspectors
            )
        finally:
            close_database()
    return folder


def lend(barcode: str, member_no: str) -> Step:
    return lambda boss: circulation.lend(boss, barcode, member_no)


def take_back(barcode: str) -> Step:
    return lambda boss: circulation.return_copy(boss, barcode)


def rename(name: str) -> Step:
    return lambda boss: settings.set_branch(boss, name)


def next_years_stocktake(boss: staff.Actor) -> None:
    """A001 taken back, then a stocktake that finds neither A005 (missing since the first)
    nor A006: two copies missing where the first stocktake had one."""
    circulation.return_copy(boss, "A001")
    stocktake.start(boss)
    for barcode in ("A001", "A002", "A004", "P2", "P3"):
        stocktake.scan(boss, barcode, "Safe A/1" if barcode.startswith("A") else "Safe B/3")
    stocktake.close(boss, "Lee Min-jae")


@dataclass(frozen=True)
class Bundles:
    """Bundles of two branches, and the bundles that must be refused."""

    north: Path  # North's first bundle
    north_later: Path  # North's next bundle a year on, extending the first
    north_fork: Path  # a copy of North's catalogue that went another way before the first
    north_impostor: Path  # another catalogue (its own root) calling itself North
    north_renamed: Path  # North's catalogue, a bundle later, calling itself by a new name
    south: Path
    #: South's bundle for the inspector (member numbers, the whole trail), with --lang ko
    south_for_the_inspector: Path


def make_bundles(work: Path) -> Bundles:
    north_db, south_db, other_db = work / "north.db", work / "south.db", work / "other.db"
    day = make_branch(north_db, NORTH)
    make_branch(south_db, SOUTH)
    make_branch(other_db, NORTH)
    fork_db = work / "north-fork.db"
    shutil.copyfile(north_db, fork_db)
    north = export(north_db, work / "north-1", day, lend("A004", "W2"))
    later = export(north_db, work / "north-2", day + timedelta(days=365), next_years_stocktake)
    fork = export(fork_db, work / "north-fork", day, take_back("A003"))
    return Bundles(
        north=north,
        north_later=later,
        north_fork=fork,
        north_impostor=export(other_db, work / "impostor", day),
        north_renamed=export(
            north_db, work / "renamed", day + timedelta(days=366), rename(f"{NORTH} (new)")
        ),
        south=export(south_db, work / "south-1", day),
        south_for_the_inspector=export(
            south_db, work / "south-inspector", day, language="ko", inspectors=True
        ),
    )


def new_central(path: Path) -> Path:
    create_central(path)
    open_central(path)
    return path
