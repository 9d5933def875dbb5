"""The union catalogue: two branches' signed bundles checked and loaded into a central
database; the same bundle twice changes nothing; an altered bundle, another catalogue
calling itself a known branch, and a branch's record rolled back or rewritten are refused
(exit 4) and listed for the inspectorate; the reports' rows; and no member number or
borrower's name of a branch anywhere in the central database."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from readingroom.central import importing, views
from readingroom.central import reports as central_reports
from readingroom.central.db import close_central, create_on, open_central, use_database
from readingroom.central.importing import (
    ALTERED,
    NOT_EXTENDED,
    ROOT_CHANGED,
    ROOT_REUSED,
    BundleRefused,
    import_bundle,
)
from readingroom.central.models import Branch, Copy
from readingroom.errors import BadInput
from tests.core.central_support import (
    MEMBERS,
    NORTH,
    SOUTH,
    Bundles,
    make_bundles,
    new_central,
)
from tests.core.cli_support import InProcess, dump
from tests.core.inspection_support import pdf_text

NAMES = ("리명희", "Kim Chol-su", "오광철")


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> Bundles:
    return make_bundles(tmp_path_factory.mktemp("branches"))


@pytest.fixture
def central(tmp_path):
    path = new_central(tmp_path / "central.db")
    yield path
    close_central()


@pytest.fixture
def cli(central, capsys, monkeypatch) -> InProcess:
    return InProcess(central, capsys, monkeypatch)


def _holdings(path: Path) -> dict[str, list[tuple]]:
    """Every table but the refusals."""
    return {name: rows for name, rows in dump(path).items() if name != "refusal"}


def test_init_refuses_a_branch_catalogue_and_a_file_with_something_in_it(
    bundles, tmp_path, capsys, monkeypatch
):
    branch = tmp_path / "north.db"
    shutil.copyfile(bundles.north.parent / "north.db", branch)
    before = branch.read_bytes()
    run = InProcess(branch, capsys, monkeypatch)("central", "init")
    assert run.code == 1 and "is a branch catalogue, not a central database" in run.err
    assert branch.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("not a database", "utf-8")
    run = InProcess(other, capsys, monkeypatch)("central", "init")
    assert run.code == 1 and "not empty" in run.err
    assert other.read_text("utf-8") == "not a database"
    # and a branch catalogue is not opened as a central one
    run = InProcess(branch, capsys, monkeypatch)("central", "import-bundle", str(bundles.north))
    assert run.code == 1 and "is a branch catalogue" in run.err


def test_two_branches_are_imported_and_shown(bundles, central, cli):
    north = cli("central", "import-bundle", str(bundles.north), "--json")
    assert north.code == 0, north.err
    south = cli("central", "import-bundle", str(bundles.south))
    assert south.code == 0 and "Imported South Branch (a new branch" in south.out
    open_central(central, readonly=True)
    standing = {b.name: b for b in views.branches()}
    assert set(standing) == {NORTH, SOUTH}
    assert standing[NORTH].copies == standing[SOUTH].copies == 9
    head = (bundles.north / "bundle.json").read_text("utf-8")
    assert f'"last_hash": "{standing[NORTH].chain_head}"' in head
    # the stocktake found A005 nowhere: missing at both branches
    assert standing[NORTH].missing == standing[SOUTH].missing == 1
    assert standing[NORTH].overrides >= 1  # the cadre's loan approved for the seminar
    assert views.refused_bundles() == []


def test_importing_the_same_bundle_twice_changes_nothing(bundles, central, cli):
    assert cli("central", "import-bundle", str(bundles.north)).code == 0
    before = dump(central)
    again = cli("central", "import-bundle", str(bundles.north))
    assert again.code == 0
    assert "was imported before" in again.out and "nothing was changed" in again.out
    assert dump(central) == before


def test_an_inspectors_bundle_loads_from_the_pseudonymised_csvs_it_carries(bundles, central, cli):
    """The bundle ``export-bundle`` makes for the inspector carries the union catalogue's
    CSVs beside its reports (``union-KIND.csv``, borrowers as the branch's pseudonyms): the
    central database loads those, and no member number or name reaches it."""
    run = cli("central", "import-bundle", str(bundles.south_for_the_inspector))
    assert run.code == 0, run.err
    south = Copy.select().join(Branch).where(Branch.name == SOUTH)
    assert south.count() > 0
    cells = [str(v) for rows in dump(central).values() for row in rows for v in row if v]
    for member in MEMBERS:
        token = re.compile(rf"(?<![0-9A-Za-z]){re.escape(member)}(?![0-9A-Za-z])")
        assert not [cell for cell in cells if token.search(cell)], member
    lent = [c.borrower for c in south if c.borrower]
    assert lent and all(borrower.startswith("m-") for borrower in lent)


def test_a_bundle_without_the_unions_csvs_is_bad_input():
    """A bundle made before bundles carried the union's CSVs names borrowers only by member
    number: refused as bad input, saying how to export one the union reads."""
    with pytest.raises(BadInput, match="not a union bundle") as refused:
        importing._union_files(Path("south-2025"), {"bundle_format": 1})
    assert "export-bundle --union" in refused.value.message


def test_an_altered_bundle_is_refused_and_listed(bundles, central, cli, tmp_path):
    altered = tmp_path / "altered"
    shutil.copytree(bundles.south, altered)
    inventory = altered / "inventory.csv"
    inventory.write_text(inventory.read_text("utf-8").replace("missing", "available"), "utf-8")
    run = cli("central", "import-bundle", str(altered))
    assert run.code == 4
    assert "inventory.csv: changed since the manifest was written" in run.err
    assert dump(central)["branch"] == []  # nothing of the branch was loaded
    again = cli("central", "import-bundle", str(altered))
    assert again.code == 4
    listed = cli("central", "report", "exceptions", "--format", "csv")
    rows = list(csv.DictReader(listed.out.splitlines()))
    assert len(rows) == 1  # refused twice, listed once
    assert rows[0]["branch"] == SOUTH and rows[0]["kind"] == ALTERED
    assert "inventory.csv" in rows[0]["problem"]


def test_another_catalogue_calling_itself_a_known_branch_is_refused(bundles, central, cli):
    assert cli("central", "import-bundle", str(bundles.north)).code == 0
    before = _holdings(central)
    run = cli("central", "import-bundle", str(bundles.north_impostor))
    assert run.code == 4 and "root key fingerprint" in run.err
    assert _holdings(central) == before
    open_central(central, readonly=True)
    (refused,) = views.refused_bundles()
    assert (refused.branch, refused.kind) == (NORTH, ROOT_CHANGED)


def test_a_branch_calling_itself_by_a_new_name_is_refused(bundles, central):
    """A new name would start the branch's chain afresh, past the check that it extends."""
    import_bundle(bundles.north)
    before = _holdings(central)
    with pytest.raises(BundleRefused, match="its root key is North Branch's") as refused:
        import_bundle(bundles.north_renamed)
    assert refused.value.kind == ROOT_REUSED
    assert _holdings(central) == before
    (listed,) = views.refused_bundles()
    assert (listed.branch, listed.kind) == (f"{NORTH} (new)", ROOT_REUSED)


def test_a_later_bundle_extending_the_chain_replaces_the_holdings(bundles, central):
    first = import_bundle(bundles.north)
    later = import_bundle(bundles.north_later)
    assert later.chain_count > first.chain_count and not later.already
    a001 = Copy.get(Copy.barcode == "A001")  # North's only: South is not imported
    assert a001.status == "available" and a001.borrower is None  # taken back since


@pytest.mark.parametrize(
    ("first", "second"),
    [("north", "north_fork"), ("north_later", "north")],
    ids=["rewritten", "rolled-back"],
)
def test_a_bundle_not_extending_the_previous_one_is_refused(bundles, central, first, second):
    import_bundle(getattr(bundles, first))
    before = _holdings(central)
    with pytest.raises(BundleRefused) as refused:
        import_bundle(getattr(bundles, second))
    assert refused.value.exit_code == 4 and refused.value.kind == NOT_EXTENDED
    assert "does not extend North Branch's previous bundle" in refused.value.message
    assert _holdings(central) == before
    assert [r.kind for r in views.refused_bundles()] == [NOT_EXTENDED]


def _imported_both(bundles: Bundles, central: Path) -> None:
    for folder in (bundles.north, bundles.north_later, bundles.south):
        import_bundle(folder)


def test_the_reports_rows(bundles, central, cli, tmp_path):
    _imported_both(bundles, central)

    def rows(kind: str) -> list[dict[str, str]]:
        out = tmp_path / f"{kind}.csv"
        run = cli("central", "report", kind, "--format", "csv", "--output", str(out))
        assert run.code == 0, run.err
        with out.open(encoding="utf-8", newline="") as stream:
            return list(csv.DictReader(stream))

    union = rows("union-catalogue")
    proof = [r for r in union if r["title"].startswith("인간의 증명")]
    assert [(r["branch"], r["volumes"], r["copies"]) for r in proof] == [
        (NORTH, "3", "3"),
        (SOUTH, "3", "3"),
    ]
    assert list(union[0]) == [c.key for c in central_reports.UNION_COLUMNS]
    missing = rows("missing-damaged")
    assert [(r["branch"], r["barcode"], r["status"]) for r in missing] == [
        (NORTH, "A005", "missing"),
        (NORTH, "A006", "missing"),  # not found at North's second stocktake
        (SOUTH, "A005", "missing"),
    ]
    overrides = rows("overrides")
    seminar = [r for r in overrides if r["reason"] == "Approved for the seminar"]
    assert {r["branch"] for r in seminar} == {NORTH, SOUTH}
    assert all(r["member"].startswith("m-") and r["role"] == "cadre" for r in seminar)
    assert seminar[0]["member"] != seminar[1]["member"]  # one member number, two branches
    stocktakes = rows("stocktakes")
    assert [
        (r["branch"], r["year"], r["stocktake"], r["missing"], r["missing_change"])
        for r in stocktakes
    ] == [
        (NORTH, "2026", "1", "1", ""),
        (NORTH, "2027", "2", "2", "1"),  # year over year: one more missing
        (SOUTH, "2026", "1", "1", ""),
    ]
    first = stocktakes[0]
    assert (first["expected"], first["present"], first["misplaced"], first["unexpected"]) == (
        "9",
        "4",
        "1",
        "1",
    )
    pdf = tmp_path / "union.pdf"
    run = cli("central", "report", "union-catalogue", "--format", "pdf", "--output", str(pdf))
    assert run.code == 0
    text = pdf_text(pdf)
    assert "Union catalogue: holdings by branch" in text and SOUTH in text


def test_no_member_number_or_name_reaches_the_central_database(bundles, central):
    _imported_both(bundles, central)
    cells = [
        str(value)
        for rows in dump(central).values()
        for row in rows
        for value in row
        if value is not None
    ]
    for member in MEMBERS:
        token = re.compile(rf"(?<![0-9A-Za-z]){re.escape(member)}(?![0-9A-Za-z])")
        assert not [cell for cell in cells if token.search(cell)], member
    for name in NAMES:
        assert not [cell for cell in cells if name in cell], name
    # a member keeps one pseudonym within a branch: W2 has A003 and (since) A004 at North
    north = Copy.select().join(Branch).where(Branch.name == NORTH)
    a003, a004 = (north.where(Copy.barcode == code).get() for code in ("A003", "A004"))
    assert a003.borrower == a004.borrower and a003.borrower.startswith("m-")


def test_central_branches_and_the_report_files(bundles, central, cli, tmp_path):
    _imported_both(bundles, central)
    listed = cli("central", "branches", "--json")
    assert listed.code == 0
    data = json.loads(listed.out)
    north = next(b for b in data["branches"] if b["name"] == NORTH)
    assert (north["copies"], north["missing"], data["refused"]) == (9, 2, [])
    assert north["chain_count"] > 0 and len(north["last_bundle"]) == 64
    run = cli("central", "report", "stocktakes", "--format", "pdf")
    assert run.code == 1 and "A PDF needs --output FILE" in run.err
    out = tmp_path / "overrides.csv"
    out.write_text("kept", "utf-8")
    run = cli("central", "report", "overrides", "--format", "csv", "--output", str(out))
    assert run.code == 1 and "already exists" in run.err and out.read_text("utf-8") == "kept"
    run = cli("central", "report", "overrides", "--format", "csv", "--output", str(out), "--force")
    assert run.code == 0 and out.read_text("utf-8").startswith("branch,at,action,")


def test_the_schema_is_made_on_an_empty_database_of_any_kind_and_only_there(tmp_path):
    """``create_on`` takes any peewee database (the PostgreSQL server's, later): an empty
    one gets the schema, one holding a table is refused untouched."""
    empty = SqliteDatabase(str(tmp_path / "empty.db"))
    assert create_on(empty) == ["0001_central", "0002_no_pseudonym_secret"]
    assert {"branch", "bundle", "copy", "refusal", "central_migration"} <= set(empty.get_tables())
    assert "secret" not in {column.name for column in empty.get_columns("branch")}
    used = SqliteDatabase(str(tmp_path / "used.db"))
    used.execute_sql("CREATE TABLE notes (text TEXT)")
    with pytest.raises(BadInput, match="not empty"):
        create_on(used)
    assert used.get_tables() == ["notes"]
    with pytest.raises(BadInput, match="not a central database"):
        use_database(used)


@pytest.mark.parametrize("name", ["inventory.csv", "audit-trail.jsonl", "MANIFEST.sha256"])
def test_a_file_swapped_after_the_check_is_never_loaded(
    bundles, central, tmp_path, monkeypatch, name
):
    """An insider at head office who swaps a file between the check and the read: every
    file is hashed again as it is read, so the bundle is refused and nothing is loaded."""
    import_bundle(bundles.north)
    before = _holdings(central)
    folder = tmp_path / "north-2"
    shutil.copytree(bundles.north_later, folder)
    checked = importing.check_bundle

    def check_then_swap(path):
        result = checked(path)
        with (Path(path) / name).open("a", encoding="utf-8") as stream:
            stream.write("\n")
        return result

    monkeypatch.setattr(importing, "check_bundle", check_then_swap)
    with pytest.raises(BundleRefused, match=f"{name} was changed while the bundle was being"):
        import_bundle(folder)
    assert _holdings(central) == before
    assert [r.kind for r in views.refused_bundles()] == [ALTERED]


def test_the_union_catalogue_on_a_postgresql_server(bundles, pg_server, capsys, monkeypatch):
    """``--db postgresql://…`` for the central commands: init on an empty database, the
    two branches imported (the same bundle twice changes nothing), a report and the
    branches, all on the server."""
    from readingroom.paths import ServerUrl
    from tests.pg_server import PASSWORD as SERVER_PASSWORD

    monkeypatch.setenv("PGPASSWORD", SERVER_PASSWORD)
    name = pg_server.create_database("central")
    try:
        url = ServerUrl(pg_server.url(name))
        cli = InProcess(url, capsys, monkeypatch)  # type: ignore[arg-type]
        made = cli("central", "init")
        assert made.code == 0 and SERVER_PASSWORD not in made.out, made
        assert cli("central", "init").code == 1  # never over a database with tables
        for bundle in (bundles.north, bundles.south):
            assert cli("central", "import-bundle", str(bundle)).code == 0
        again = cli("central", "import-bundle", str(bundles.north))
        assert again.code == 0 and "nothing was changed" in again.out
        shown = cli("central", "branches", "--json")
        assert shown.code == 0, shown
        assert {b["name"] for b in shown.json()["branches"]} == {NORTH, SOUTH}
        report = cli("central", "report", "union-catalogue", "--format", "csv")
        lines = report.out.splitlines()
        assert report.code == 0 and lines[0].startswith("title,author,translator,branch"), report
        assert any(line.startswith("Work 1,") and "North Branch" in line for line in lines)
    finally:
        close_central()
        pg_server.drop_database(name)
