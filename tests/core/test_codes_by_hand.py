"""Codes added by hand are stored in the one form imports store them in, and every command
that looks a code up finds it however it was typed or scanned (issue 11): ``w-1002`` names
W-1002, and a scanner's prefix and suffix (Settings) are taken off on the command line as at
the desk. A code stored in another case before codes were normalised is still found."""

from __future__ import annotations

import pytest

from readingroom import borrowers, catalogue, kiosk, settings
from readingroom.browse import works
from readingroom.browse.works import WorkFilter
from readingroom.errors import BadInput
from readingroom.store.models import AuditEntry, Borrower, Copy
from tests.core.cli_support import InProcess, dump


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


@pytest.fixture
def shelf(db, supervisor, librarian, make_copy, make_borrower):
    make_copy("W-1002", "Decameron", author="Boccaccio")
    make_copy("K0020")
    make_copy("RR9", "The Necklace", author="Maupassant")
    make_borrower("W-1", name="Kim Writer")
    make_borrower("W-2", name="Ri Writer")
    return supervisor


# -- adding by hand ---------------------------------------------------------------------------


def test_a_copy_added_by_hand_is_stored_in_the_one_form(db, supervisor, make_copy):
    copy = make_copy(" ｗ-１００３\u200b\t")
    assert copy.barcode == "W-1003"
    assert [c.barcode for c in Copy.select()] == ["W-1003"]
    entry = AuditEntry.select().where(AuditEntry.action == "copy-add").get()
    assert entry.entity_id == "W-1003"
    assert catalogue.get_copy("w-1003").barcode == "W-1003"


def test_a_copy_whose_barcode_collides_once_normalised_is_refused(shelf, db, supervisor):
    work = catalogue.get_copy("W-1002").work_id
    before = dump(db)
    with pytest.raises(BadInput) as refused:
        catalogue.add_copy(supervisor, work, " w-1002 ")
    assert str(refused.value) == (
        "The barcode 'w-1002' (W-1002 once normalised) is already used by another copy; "
        "nothing was added."
    )
    with pytest.raises(BadInput, match="The barcode K0020 is already used"):
        catalogue.add_copy(supervisor, work, "K0020")
    assert dump(db) == before


def test_a_barcode_stored_in_lower_case_before_is_not_added_again(
    shelf, db, make_copy, legacy_code
):
    legacy_code(make_copy("X1"), "ab1")  # stored as typed before codes were normalised
    before = dump(db)
    with pytest.raises(BadInput, match=r"barcode AB1 is already used .* \(stored as 'ab1'\)"):
        make_copy("AB1")
    assert dump(db) == before
    assert catalogue.get_copy("AB1").barcode == catalogue.get_copy(" Ab1").barcode == "ab1"


def test_a_borrower_added_by_hand_is_stored_in_the_one_form(shelf, db, cli):
    added = cli("borrower", "add", " c-７ ", "--name", "Pak", "--role", "cadre", "--json")
    assert added.code == 0, added
    assert added.json()["member_no"] == "C-7"
    assert Borrower.select().where(Borrower.member_no == "C-7").exists()
    before = dump(db)
    again = cli("borrower", "add", "w-1", "--name", "Again", "--role", "writer")
    assert again.code == 1
    assert "The member number 'w-1' (W-1 once normalised) is already used" in again.err
    assert dump(db) == before


def test_a_member_number_stored_in_lower_case_before_is_not_added_again(
    shelf, db, make_borrower, legacy_code
):
    legacy_code(make_borrower("X9"), "w-9")
    before = dump(db)
    with pytest.raises(BadInput, match=r"W-9 is already used \(stored as 'w-9'\)"):
        make_borrower("W-9")
    assert dump(db) == before
    assert borrowers.get_borrower("W-9").member_no == "w-9"


# -- looking a code up ------------------------------------------------------------------------


def test_every_desk_command_finds_a_code_typed_in_another_form(shelf, cli):
    assert cli("check", "w-1002", "w-1").code == 0
    assert cli("lend", "w-1002", " w-1 ", user="lib").code == 0
    renewed = cli("renew", "ｗ-１００２", "--json")
    assert renewed.code == 3 and "TOO_SOON" in renewed.out  # found, then decided
    assert cli("return", "w-1002\t", user="lib").code == 0
    assert cli("hold", "k0020", "w-2", user="lib").code == 0
    assert cli("borrower", "show", "w-2").code == 0
    notes = cli("borrower", "notes", " w-2", "--json")
    assert notes.code == 0 and notes.json()["member_no"] == "W-2", notes
    noted = cli("borrower", "note", "w-2 ", "asked by phone", user="lib")
    assert noted.code == 0 and "on W-2:" in noted.out, noted
    unpinned = cli("borrower", "pin", "w-2", "--clear", user="lib")
    assert unpinned.code == 1 and "W-2 has no PIN" in unpinned.err  # found, then refused
    assert cli("copy", "show", "rr9").code == 0
    history = cli("copy", "history", "w-1002", "--json")
    assert history.code == 0, history
    assert history.json()["barcode"] == "W-1002"  # as stored
    kinds = [m["kind"] for m in history.json()["moves"]]
    assert "lend" in kinds and kinds[-1] == "return"  # its moves: lent and back
    reminded = cli("reminders", "history", "w-1002", "--json")
    assert reminded.code == 0 and reminded.json()["barcode"] == "W-1002"  # as stored
    issued = cli("room", "issue", "rr9", "w-1", user="lib")
    assert issued.code == 0, issued
    assert cli("room", "return", " rr9 ", user="lib").code == 0
    edited = cli("work", "edit", "w-1002", "--notes", "found by its copy")
    assert edited.code == 0, edited
    assert catalogue.get_copy("W-1002").work.notes == "found by its copy"


def test_a_search_finds_the_work_of_a_barcode_typed_in_another_form(shelf, cli):
    decameron = catalogue.get_copy("W-1002").work_id
    for typed in ("w-1002", " ｗ-１００２ ", "W-1002"):
        assert works.work_ids(WorkFilter(text=typed)) == [decameron], typed
    scanner(cli, "*", "#")
    assert works.work_ids(WorkFilter(text="*w-1002#")) == [decameron]  # scanned


def test_the_writers_screen_finds_a_member_number_typed_in_another_form(shelf, supervisor):
    kiosk.set_pin(supervisor, "W-1", "4826")
    checked = kiosk.check(" w-1", "4826")
    assert checked.reason == "" and checked.borrower is not None
    assert checked.borrower.member_no == "W-1"


# -- the scanner's prefix and suffix on the command line ------------------------------------


def scanner(cli: InProcess, prefix: str, suffix: str) -> None:
    assert cli("settings", "scanner-prefix", prefix).code == 0
    assert cli("settings", "scanner-suffix", suffix).code == 0
    assert settings.scanner_affixes() == (prefix, suffix)


def test_the_desk_commands_take_the_scanners_prefix_and_suffix_off(shelf, cli, supervisor):
    scanner(cli, "*", "#")
    assert cli("check", "*W-1002#", "*W-1#").code == 0
    lent = cli("lend", "*w-1002#", "*W-1#", "--also", "*K0020#", "--json", user="lib")
    assert lent.code == 0, lent
    assert [c["barcode"] for c in lent.json()["lent"]] == ["W-1002", "K0020"]  # as stored
    assert sorted(c.barcode for c in Copy.select().where(Copy.status == "on-loan")) == [
        "K0020",
        "W-1002",
    ]
    renewed = cli("renew", "*W-1002#", "--json", user="lib")
    assert renewed.code == 3 and "TOO_SOON" in renewed.out  # found, then decided
    back = cli("return", "*W-1002#", "--also", "*k0020#", user="lib")
    assert back.code == 0 and "Returned K0020;" in back.out, back
    held = cli("hold", "*rr9#", "*w-2#", "--json", user="lib")
    assert held.code == 0 and (held.json()["barcode"], held.json()["member_no"]) == ("RR9", "W-2")
    single = cli("lend", "*w-1002#", "*w-1#", user="lib")
    assert single.out.startswith("Lent W-1002 to W-1;"), single
    assert cli("borrower", "show", "*W-2#").code == 0
    assert cli("copy", "history", "*W-1002#").code == 0
    assert cli("room", "issue", "*rr9#", "*W-2#", user="lib").code == 0
    assert cli("room", "return", "*RR9#", user="lib").code == 0


def test_a_code_that_is_only_the_prefix_is_still_unknown(shelf, cli):
    scanner(cli, "]C1", "")
    assert cli("check", "]C1W-1002", "]c1w-1").code == 0
    unknown = cli("check", "]C1", "W-1")
    assert unknown.code == 1 and "Unknown barcode ']C1'" in unknown.err, unknown
