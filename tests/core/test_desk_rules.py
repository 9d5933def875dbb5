"""The desk's wrong answers of issue 11, through the service and the command line.

A renewal never moves a due date earlier (refused with ``INSPECTION_FREEZE`` when the cap
before the inspection would, with ``TOO_SOON`` when it would not move it at all); a refusal
says nothing about a due date; and nobody joins the waiting list for a volume they have at
home (``ALREADY_ON_LOAN``, at the desk, on the command line and on the writers' screen).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from readingroom import catalogue, circulation, codes, holds, inspection, kiosk, stocktake
from readingroom import writers_catalogue as wc
from readingroom.errors import BadInput, NotFound, NotPermitted, Refused
from readingroom.store.models import AuditEntry, Hold, Loan
from tests.core.cli_support import InProcess
from tests.core.inspection_support import Calendar

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

#: the issue's dates: lent for 21 days on 12-03 (due 12-24), the inspection on 12-18
LENT_ON = date(2026, 12, 3)
DUE = date(2026, 12, 24)
INSPECTION = date(2026, 12, 18)
PIN = "4711"


@pytest.fixture
def calendar(monkeypatch) -> Calendar:
    return Calendar(monkeypatch, LENT_ON)


@pytest.fixture
def shelf(calendar, supervisor, librarian, make_copy, make_borrower):
    make_copy("B1")
    make_copy("B2", "Points and Lines")  # a second copy of the same volume
    make_copy("V1", "Proof of the Man", volume=1, volumes=3)
    make_copy("V2", "Proof of the Man", volume=2, volumes=3)
    make_copy("L1", "The Last Leaf", author="O. Henry")
    make_borrower("W1")
    make_borrower("W2")
    make_borrower("C1", "cadre")
    make_borrower("P1", "civilian")
    return calendar


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


def entries() -> int:
    return AuditEntry.select().count()


def loan_of(barcode: str) -> Loan:
    return circulation.current_loan(catalogue.get_copy(barcode))


# -- 1. a renewal never shortens a loan -----------------------------------------------------


def test_the_cap_before_the_inspection_never_shortens_a_renewal(shelf, librarian, supervisor):
    loan = circulation.lend(librarian, "B1", "W1").loan
    assert loan.due == DUE
    inspection.schedule(supervisor, INSPECTION)  # scheduled after the lend
    shelf.set(date(2026, 12, 8))  # before the freeze (7 days): 21 days would pass 12-18
    before = entries()
    with pytest.raises(Refused) as refused:
        circulation.renew(librarian, "B1")
    decision = refused.value.decision
    assert decision.codes == ["INSPECTION_FREEZE"] and decision.overridable
    assert decision.due is None and decision.notes == ()
    assert "must come back before the inspection on 2026-12-18" in decision.reasons[0].message
    kept = Loan.get_by_id(loan.id)
    assert (kept.due, kept.renewals, entries()) == (DUE, 0, before)  # nothing written
    with pytest.raises(NotPermitted):
        circulation.renew(librarian, "B1", override_reason="the reader is abroad")
    renewal = circulation.renew(supervisor, "B1", override_reason="the reader is abroad")
    assert renewal.decision.overridden and renewal.decision.codes == ["INSPECTION_FREEZE"]
    assert renewal.loan.due == date(2026, 12, 29) > DUE and renewal.loan.renewals == 1
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.action == "renew-override"
    assert json.loads(entry.details)["overridden"] == ["INSPECTION_FREEZE"]


def test_a_renewal_in_the_freeze_is_never_shortened_either(shelf, librarian, supervisor):
    circulation.lend(librarian, "B1", "W1")
    inspection.schedule(supervisor, INSPECTION)
    shelf.set(date(2026, 12, 14))  # frozen
    with pytest.raises(Refused) as refused:
        circulation.renew(librarian, "B1")
    assert refused.value.decision.codes == ["INSPECTION_FREEZE"]
    renewal = circulation.renew(supervisor, "B1", override_reason="finishing a translation")
    assert renewal.loan.due >= DUE


@pytest.mark.parametrize("renew_after", [0, 4, 8, 12, 15, 20])
@pytest.mark.parametrize("inspection_after", [None, 10, 19, 22, 30])
def test_no_renewal_moves_a_due_date_earlier(
    shelf, librarian, supervisor, renew_after, inspection_after
):
    """Whatever the day of the renewal and of the inspection: refused, or later than before,
    also when a supervisor overrides."""
    circulation.lend(librarian, "B1", "W1")
    if inspection_after is not None:
        inspection.schedule(supervisor, LENT_ON + timedelta(days=inspection_after))
    shelf.set(LENT_ON + timedelta(days=renew_after))
    try:
        renewal = circulation.renew(librarian, "B1")
    except Refused as refusal:
        assert refusal.decision.overridable and refusal.decision.notes == ()
        renewal = circulation.renew(supervisor, "B1", override_reason="the seminar runs on")
        assert renewal.loan.due >= DUE
    else:
        assert renewal.loan.due > DUE


def test_a_renewal_that_would_not_move_the_date_is_too_soon(shelf, librarian, supervisor):
    circulation.lend(librarian, "B1", "W1")  # due in 21 days: renewing today gives the same
    before = entries()
    with pytest.raises(Refused) as refused:
        circulation.renew(librarian, "B1")
    (reason,) = refused.value.decision.reasons
    assert reason.code == "TOO_SOON" and reason.overridable
    assert reason.message == f"The renewal would not extend the loan (due {DUE.isoformat()})."
    loan = loan_of("B1")
    assert (loan.renewals, loan.due, entries()) == (0, DUE, before)
    with pytest.raises(NotPermitted):
        circulation.renew(librarian, "B1", override_reason="asked twice")
    renewal = circulation.renew(supervisor, "B1", override_reason="asked twice")
    assert renewal.loan.due == DUE and renewal.decision.codes == ["TOO_SOON"]
    assert "TOO_SOON" in renewal.loan.overridden_codes
    shelf.shift(3)  # three days on, it extends the loan again
    assert circulation.renew(supervisor, "B1", override_reason="limit").loan.due > DUE


def test_renewal_refusals_on_the_command_line(shelf, librarian, supervisor, cli):
    circulation.lend(librarian, "B1", "W1")
    too_soon = cli("renew", "B1", "--json", user="lib")
    assert too_soon.code == 3, too_soon
    (reason,) = too_soon.json()["reasons"]
    assert reason["code"] == "TOO_SOON" and reason["overridable"] is True
    assert "renewal would not extend the loan" in reason["message"]
    text = cli("renew", "B1", user="lib")
    assert text.code == 3 and "TOO_SOON" in text.err
    assert cli("renew", "B1", "--override", "asked", user="lib").code == 5
    inspection.schedule(supervisor, INSPECTION)
    shelf.set(date(2026, 12, 8))
    capped = cli("renew", "B1", "--json", user="lib")
    assert capped.code == 3
    assert [r["code"] for r in capped.json()["reasons"]] == ["INSPECTION_FREEZE"]
    assert capped.json()["notes"] == [] and capped.json()["due"] is None
    assert loan_of("B1").due == DUE
    done = cli("renew", "B1", "--override", "the reader is abroad", "--json")
    assert done.code == 0, done
    assert done.json()["due"] == "2026-12-29" and done.json()["overridden"] is True


# -- 2. a refusal says nothing about a due date --------------------------------------------


def test_a_refusal_shows_no_due_date_note(shelf, librarian, supervisor):
    inspection.schedule(supervisor, LENT_ON + timedelta(days=15))  # 21 days would pass it
    civilian = circulation.check("B1", "P1")
    assert civilian.codes == ["ROLE_NOT_PERMITTED"]
    assert civilian.notes == () and civilian.as_dict()["notes"] == []
    cadre = circulation.check("B1", "C1")
    assert cadre.codes == ["APPROVAL_REQUIRED"] and cadre.notes == ()
    lent = circulation.lend(supervisor, "B1", "C1", override_reason="seminar")
    assert lent.decision.notes and "brought forward" in lent.decision.notes[0].message
    assert lent.loan.due == LENT_ON + timedelta(days=14)
    allowed = circulation.check("B2", "W1")
    assert allowed.allowed and allowed.notes  # the note stays where a due date is given


def test_a_refusal_shows_no_due_date_note_on_the_command_line(shelf, supervisor, cli):
    inspection.schedule(supervisor, LENT_ON + timedelta(days=15))
    for command in ("check", "lend"):
        refused = cli(command, "B1", "P1", "--json", user="lib")
        assert refused.code == 3, refused
        assert refused.json()["notes"] == [] and refused.json()["due"] is None
        text = cli(command, "B1", "P1", user="lib")
        assert text.code == 3 and "brought forward" not in text.out + text.err
    allowed = cli("check", "B1", "W1")
    assert allowed.code == 0 and "brought forward" in allowed.out


# -- 3. no hold on a volume the borrower has at home ---------------------------------------


def test_no_hold_on_a_volume_the_borrower_has_on_loan(shelf, librarian, supervisor):
    circulation.lend(librarian, "B1", "W1")
    circulation.lend(librarian, "V1", "W1")
    circulation.lend(librarian, "B2", "W2")  # no copy of Points and Lines on the shelf now
    before = (Hold.select().count(), entries())
    for place in (
        lambda: holds.place_hold(librarian, "B1", "W1"),
        lambda: holds.place_hold(librarian, "B2", "W1"),  # another copy of the same volume
        lambda: holds.place_hold_on_work(librarian, loan_of("B1").copy.work_id, 1, "W1"),
        lambda: holds.place_hold(supervisor, "V1", "W1"),
    ):
        with pytest.raises(Refused) as refused:
            place()
        (reason,) = refused.value.decision.reasons
        assert reason.code == "ALREADY_ON_LOAN" and not reason.overridable
        assert reason.message == (
            f"The borrower already has this volume on loan (due {DUE.isoformat()})."
        )
    assert (Hold.select().count(), entries()) == before
    assert holds.place_hold(librarian, "V2", "W1").set_aside is not None  # another volume
    assert holds.place_hold(librarian, "B1", "C1").position == 1  # someone else
    circulation.return_copy(librarian, "V1")
    assert holds.place_hold(librarian, "V1", "W1").set_aside is not None  # back: may wait


def test_no_hold_on_a_volume_on_loan_from_the_command_line(shelf, librarian, cli):
    circulation.lend(librarian, "B1", "W1")
    refused = cli("hold", "B1", "W1", "--json", user="lib")
    assert refused.code == 3, refused
    (reason,) = refused.json()["reasons"]
    assert reason == {
        "code": "ALREADY_ON_LOAN",
        "overridable": False,
        "message": f"The borrower already has this volume on loan (due {DUE.isoformat()}).",
    }
    text = cli("hold", "B2", "W1", user="lib")
    assert text.code == 3 and "ALREADY_ON_LOAN" in text.err
    assert Hold.select().count() == 0
    assert cli("hold", "B1", "W2", user="lib").code == 0


def test_the_writers_screen_says_only_not_possible_here(shelf, librarian, supervisor):
    kiosk.set_pin(supervisor, "W1", PIN)
    circulation.lend(librarian, "B1", "W1")
    work_id = loan_of("B1").copy.work_id
    with pytest.raises(wc.NotPossibleHere) as refused:
        wc.join_waiting_list(librarian, work_id, 1, "W1", PIN)
    assert refused.value.message == kiosk.NOT_HERE
    assert "W1" not in refused.value.message and "loan" not in refused.value.message
    assert Hold.select().count() == 0
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.action == "kiosk-refused" and "already has this volume" in entry.details


# -- 4. codes as a hand types them or a scanner sends them ---------------------------------


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        (" k0020 ", "K0020"),
        ("w-1002", "W-1002"),
        ("\x02RR00005\r\n", "RR00005"),  # a scanner's STX and CR LF
        ("Ｋ００２０", "K0020"),  # full width (NFKC)
        ("\u200bW-1002\ufeff", "W-1002"),  # zero-width space, byte-order mark
        ("\u3000k0020\t", "K0020"),  # an ideographic space, a tab
    ],
)
def test_a_code_is_compared_in_one_form(typed, normal):
    assert codes.normalise(typed) == normal


def test_lend_return_renew_and_hold_find_a_code_typed_in_another_form(shelf, librarian, supervisor):
    lent = circulation.lend(librarian, " b1 ", "w1")
    assert (lent.loan.copy.barcode, lent.loan.borrower.member_no) == ("B1", "W1")
    assert holds.place_hold(librarian, "b1", "\x02w2\r").hold.borrower.member_no == "W2"
    shelf.shift(3)
    renewal = circulation.renew(supervisor, "ｂ１", override_reason="W2 is waiting, approved")
    assert renewal.loan.copy.barcode == "B1"
    assert circulation.return_copy(librarian, "b1\t").loan.copy.barcode == "B1"
    entry = AuditEntry.select().where(AuditEntry.action == "lend").get()
    assert '"barcode":"B1"' in entry.details and '"member_no":"W1"' in entry.details


def test_the_desk_commands_find_a_code_typed_in_another_form(shelf, cli):
    lent = cli("lend", " b1 ", "w1", "--json", user="lib")
    assert lent.code == 0, lent
    assert cli("hold", "b1", " w2", user="lib").code == 0
    assert cli("return", "b1", user="lib").code == 0
    assert cli("lend", "l1", "w1", user="lib").code == 0
    shelf.shift(3)
    renewed = cli("renew", "l1 ", "--json", user="lib")
    assert renewed.code == 0, renewed
    assert cli("check", "b2", "c1").code == 3  # still the rules: a cadre needs approval


def test_a_code_as_given_first_then_in_upper_then_in_lower_case(
    shelf, make_copy, legacy_code, librarian
):
    legacy_code(make_copy("X1"), "ab1")  # stored as typed before codes were normalised
    assert catalogue.get_copy(" AB1 ").barcode == "ab1"  # the only one, in another case
    with pytest.raises(BadInput, match=r"AB1 is already used .*stored as 'ab1'"):
        make_copy("AB1")  # added by hand today: it would be a second copy of that code
    legacy_code(make_copy("X2"), "AB1")  # both, as an old catalogue may hold them
    assert codes.copy_barcode("ab1") == "ab1"  # as given
    assert codes.copy_barcode("Ab1") == codes.copy_barcode("ＡＢ１") == "AB1"  # the one form
    assert circulation.lend(librarian, "ab1 ", "W1").loan.copy.barcode == "ab1"
    with pytest.raises(NotFound):
        catalogue.get_copy("ab-1")


def test_a_stocktake_scan_in_another_form_finds_the_copy(shelf, librarian, supervisor, cli):
    stocktake.start(librarian)
    found = stocktake.scan(librarian, " b1 ", "Safe A/1")
    assert found.barcode == "B1" and "unknown" not in found.flags
    shown = cli(
        "inspection", "scan", "--location", "Safe A/1", "ｂ２", "v1", "V2", "l1", user="lib"
    )
    assert shown.code == 0, shown
    assert "unknown" not in shown.out and "B2" in shown.out
    unknown = stocktake.scan(librarian, " zz9 ", "Safe A/1")
    assert unknown.barcode == "ZZ9" and "unknown" in unknown.flags
    closed = stocktake.close(supervisor, "Lee Min-jae")
    assert closed.marked_missing == []  # every copy was scanned, whatever its case
    assert closed.by_outcome["unexpected"] == ["ZZ9"]
