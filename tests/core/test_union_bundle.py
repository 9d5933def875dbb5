"""The union bundle (``export-bundle --union``): borrowers named by pseudonyms the branch
makes with a secret it never exports, so no member number or name leaves the branch for
the union catalogue; the same borrower keeps one pseudonym across a branch's bundles, two
branches' pseudonyms are unrelated; the trail's entries are withheld but for the seal keys
and seals, which only a union bundle may do."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from readingroom import pseudonyms
from readingroom import verify_bundle as verifier
from readingroom.bundle import check_bundle
from readingroom.central import content
from readingroom.errors import BadInput
from tests.core.central_support import MEMBERS, Bundles, make_bundles
from tests.core.inspection_support import pdf_text

NAMES = ("리명희", "Kim Chol-su", "오광철")


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> Bundles:
    return make_bundles(tmp_path_factory.mktemp("branches"))


def branch_db(bundle: Path, name: str) -> Path:
    return bundle.parent / name


def secret_of(db: Path) -> str:
    with sqlite3.connect(db) as file:
        row = file.execute(
            "SELECT value FROM setting WHERE key = ?", (pseudonyms.SECRET_SETTING,)
        ).fetchone()
    return str(row[0])


def everything_in(folder: Path) -> str:
    """Every file of the bundle as text (the PDFs' text extracted)."""
    return "\n".join(
        pdf_text(path) if path.suffix == ".pdf" else path.read_text("utf-8")
        for path in sorted(folder.iterdir())
        if path.name != verifier.VERIFIER and path.name != verifier.SIGNATURE
    )


def found_members(text: str) -> list[str]:
    return [
        member
        for member in MEMBERS
        if re.search(rf"(?<![0-9A-Za-z]){re.escape(member)}(?![0-9A-Za-z])", text)
    ]


def members_in(bundle: Path, kind: str, column: str) -> list[str]:
    with (bundle / f"{kind}.csv").open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle) if row[column]]


def test_no_member_number_name_or_secret_anywhere_in_a_union_bundle(bundles):
    for folder in (bundles.north, bundles.north_later, bundles.south):
        text = everything_in(folder)
        assert found_members(text) == [], folder.name
        assert [name for name in NAMES if name in text] == [], folder.name
        assert secret_of(branch_db(folder, "north.db")) not in text
        assert secret_of(branch_db(folder, "south.db")) not in text
        assert {path.suffix for path in folder.glob("*.csv")} == {".csv"}
        assert not [p for p in folder.glob("*.pdf") if p.name != verifier.SIGNOFF]
    # the inspector's bundle of the same branch names them all, and its trail is whole
    inspectors = everything_in(bundles.south_for_the_inspector)
    assert found_members(inspectors) == list(MEMBERS)


def test_a_union_bundle_verifies_with_its_entries_withheld(bundles):
    check = verifier.verify(bundles.north)
    assert check.ok, check.failures
    assert 0 < check.withheld < check.entries and check.seals >= 1
    assert any("union bundle" in note for note in check.notes)
    assert check_bundle(bundles.north).ok
    whole = verifier.verify(bundles.south_for_the_inspector)
    assert whole.ok and whole.withheld == 0


def test_the_same_borrower_keeps_one_pseudonym_across_a_branchs_bundles(bundles):
    secret = secret_of(branch_db(bundles.north, "north.db"))
    first = members_in(bundles.north, "overrides", "member_no")
    later = members_in(bundles.north_later, "overrides", "member_no")
    seminar = pseudonyms.pseudonym(secret, "C1")  # the cadre lent with an override
    assert seminar in first and seminar in later
    assert all(pseudonyms.is_pseudonym(member) for member in first + later)
    borrowers = members_in(bundles.north, "inventory", "borrower")
    assert pseudonyms.pseudonym(secret, "W2") in borrowers


def test_two_branches_pseudonyms_are_unrelated(bundles):
    north = secret_of(branch_db(bundles.north, "north.db"))
    south = secret_of(branch_db(bundles.south, "south.db"))
    assert north != south
    assert set(members_in(bundles.north, "overrides", "member_no")).isdisjoint(
        members_in(bundles.south, "overrides", "member_no")
    )  # the same cadre C1 lent with an override at both


def test_the_secret_is_made_once_and_audited_without_it(bundles):
    db = branch_db(bundles.north, "north.db")
    with sqlite3.connect(db) as file:
        made = file.execute(
            "SELECT details FROM audit_entry WHERE action = 'pseudonym-secret'"
        ).fetchall()
    assert len(made) == 1  # three union bundles, one secret
    assert secret_of(db) not in made[0][0]


def test_only_a_union_bundle_may_withhold_an_entry(bundles, tmp_path):
    """An insider cannot hide an entry from the inspector by withholding it."""
    forged = tmp_path / "forged"
    shutil.copytree(bundles.south_for_the_inspector, forged)
    trail = forged / verifier.TRAIL
    lines = trail.read_text("utf-8").splitlines(keepends=True)
    entry = json.loads(lines[3])
    lines[3] = (
        json.dumps(
            {
                "id": entry["id"],
                "prev_hash": entry["prev_hash"],
                "hash": entry["hash"],
                "withheld": True,
            }
        )
        + "\n"
    )
    trail.write_text("".join(lines), "utf-8")
    report = verifier.Report(forged)
    verifier.check_trail(forged, report)
    assert any("only a union bundle withholds entries" in p for p in report.problems)


def test_the_central_refuses_a_member_number_where_a_pseudonym_belongs():
    assert content.member("m-0123456789abcdef", "borrower") == "m-0123456789abcdef"
    assert content.member("", "borrower") is None
    with pytest.raises(BadInput, match="a member number is never imported"):
        content.member("W1", "borrower")
