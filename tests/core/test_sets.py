"""Sets that travel together: a work issued as a set goes out whole (SET_TOGETHER), a
return that brings back fewer pieces than went out records an incomplete set against the
member, and the set cannot go out again until it is whole (SET_INCOMPLETE); both
overridable by a supervisor."""

from __future__ import annotations

import json

import pytest

from readingroom import audit, catalogue, circulation
from readingroom.errors import NotPermitted, Refused
from readingroom.store.models import AuditEntry
from readingroom.store.restriction_models import IncompleteSet
from tests.core.cli_support import InProcess

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

SET = ("P1", "P2", "P3")


@pytest.fixture
def proof(db, supervisor, librarian, make_copy, make_borrower) -> int:
    for volume, barcode in enumerate(SET, start=1):
        work_id = make_copy(
            barcode, "Proof of the Man", author="Seiichi Morimura", volume=volume, volumes=3
        ).work_id
    make_borrower("W-1001")
    make_borrower("W-1002")
    catalogue.edit_work(librarian, work_id, set_issue=True)
    return work_id


def test_one_volume_alone_is_refused_the_whole_set_goes_out(proof, librarian, supervisor):
    decision = circulation.check("P1", "W-1001")
    assert decision.codes == ["SET_TOGETHER"] and decision.overridable
    assert "volumes 2, 3" in decision.reasons[0].message
    with pytest.raises(Refused):
        circulation.lend(librarian, "P1", "W-1001", also=["P2"])  # volume 3 is missing
    together = circulation.lend_together(librarian, list(SET), "W-1001")
    assert [lent.loan.copy.barcode for lent in together.lent] == list(SET)
    assert all(not lent.decision.overridden for lent in together.lent)


def test_a_supervisor_may_lend_one_volume_with_a_reason(proof, supervisor):
    lent = circulation.lend(supervisor, "P2", "W-1001", override_reason="reads vol. 2 only")
    assert lent.decision.overridden and lent.decision.codes == ["SET_TOGETHER"]


def test_a_set_back_short_is_recorded_and_cannot_go_out_until_whole(proof, librarian, supervisor):
    circulation.lend_together(librarian, list(SET), "W-1001")
    back = circulation.return_together(librarian, ["P1", "P2"])
    assert len(back.returned) == 2
    (missing,) = IncompleteSet.select()
    assert (missing.copy.barcode, missing.borrower.member_no, missing.resolved_at) == (
        "P3",
        "W-1001",
        None,
    )
    entry = AuditEntry.get(AuditEntry.action == "incomplete-set")
    assert json.loads(entry.details)["missing"] == ["P3"]
    decision = circulation.check("P1", "W-1002")
    assert "SET_INCOMPLETE" in decision.codes
    reason = next(r for r in decision.reasons if r.code == "SET_INCOMPLETE")
    assert "P3" in reason.message and "W-1001" in reason.message
    with pytest.raises(Refused):
        circulation.lend_together(librarian, ["P1", "P2"], "W-1002")
    with pytest.raises(NotPermitted):
        circulation.lend_together(librarian, ["P1", "P2"], "W-1002", override_reason="x")
    # the missing volume comes back: the set is whole again
    circulation.return_copy(librarian, "P3")
    assert IncompleteSet.get_by_id(missing.id).resolved_at is not None
    assert circulation.check("P1", "W-1002").codes == ["SET_TOGETHER"]
    assert audit.verify().ok


def test_a_set_brought_back_whole_records_nothing(proof, librarian):
    circulation.lend_together(librarian, list(SET), "W-1001")
    circulation.return_together(librarian, list(SET), condition="worn")
    assert IncompleteSet.select().count() == 0
    assert circulation.check("P1", "W-1002").codes == ["SET_TOGETHER"]


def test_the_command_line(proof, db, capsys, monkeypatch):
    cli = InProcess(db, capsys, monkeypatch)
    refused = cli("lend", "P1", "W-1001")
    assert refused.code == 3 and "SET_TOGETHER" in refused.err
    run = cli("lend", "P1", "W-1001", "--also", "P2", "--also", "P3", "--json")
    assert run.code == 0, run
    assert [row["barcode"] for row in run.json()["lent"]] == list(SET)
    run = cli("return", "P1", "--also", "P2", "--json")
    assert run.code == 0 and [r["barcode"] for r in run.json()["returned"]] == ["P1", "P2"]
    again = cli("lend", "P1", "W-1002", "--also", "P2", "--also", "P3")
    assert again.code == 3 and "SET_INCOMPLETE" in again.err  # P3 is still out: ON_LOAN too
    assert cli("work", "edit", "P1", "--no-set-issue", "--json").json()["set_issue"] is False
    assert cli("lend", "P2", "W-1002").code == 3  # still incomplete: the volume is out
    assert cli("work", "edit", "P1", "--set-issue", "--no-set-issue").code == 2


def test_readiness_names_the_volume_kept_back(proof, librarian):
    from readingroom import inspection

    circulation.lend_together(librarian, list(SET), "W-1001")
    circulation.return_together(librarian, ["P1", "P2"])
    items = [i for i in inspection.readiness().items if i.reason == inspection.INCOMPLETE_SET]
    # the volume kept back, named with its member (and, as before, the volume not in the safe)
    assert [(i.barcode, i.volume, i.borrower) for i in items if i.barcode] == [("P3", 3, "W-1001")]
    circulation.return_copy(librarian, "P3")
    assert not [i for i in inspection.readiness().items if i.barcode == "P3"]


def test_the_reminder_of_a_volume_kept_back_names_the_set(proof, supervisor, librarian):
    from datetime import timedelta

    from readingroom import clock, reminders

    day = clock.today() - timedelta(days=40)
    for barcode in SET:
        circulation.lend(
            supervisor,
            barcode,
            "W-1001",
            on=day,
            backdate_reason="paper register",
            also=[other for other in SET if other != barcode],
            override_reason="the set went out whole",  # the first volume is overdue now
        )
    circulation.return_together(librarian, ["P1", "P2"])
    (due,) = reminders.due_reminders()
    assert (due.barcode, due.kept_from_set) == ("P3", True)
    assert due.as_dict()["kept_from_set"] is True
    letter = reminders.reminder_letter(supervisor, due, clock.today())
    assert any("came back without" in p and "volume 3" in p for p in letter.paragraphs), letter


def test_the_exceptions_register_lists_a_set_back_short(proof, librarian):
    from readingroom import reports
    from readingroom.reports.base import Options

    circulation.lend_together(librarian, list(SET), "W-1001")
    circulation.return_together(librarian, ["P1"])
    rows = [
        row for row in reports.build("exceptions", Options()).rows() if row[1] == "incomplete-set"
    ]
    assert [(row[2], row[4], row[12]) for row in rows] == [
        ("P1", "W-1001", "set back without P2, P3")
    ]


# -- a set at a reading-room table -------------------------------------------------------


def test_a_set_goes_to_a_table_whole(proof, librarian, supervisor):
    """Issuing one volume of a set in the room needs every volume with it (SET_TOGETHER,
    overridable); the set goes to one table in one write; a set back short from the table
    keeps the rest at the table (the room cannot close until they are back)."""
    from readingroom import room

    decision = room.check("P1", "W-1001")
    assert decision.codes == ["SET_TOGETHER"] and decision.overridable
    with pytest.raises(Refused):
        room.issue(librarian, "P1", "W-1001", also=["P2"])  # volume 3 is missing
    with pytest.raises(Refused):
        room.issue_together(librarian, ["P1", "P2"], "W-1001")
    assert room.in_room() == []  # all or none
    issued = room.issue_together(librarian, list(SET), "W-1001", seat=2)
    assert [(i.item.barcode, i.item.seat) for i in issued.issued] == [(b, 2) for b in SET]
    assert not any(i.decision.overridden for i in issued.issued)
    back = room.return_together(librarian, ["P1", "P2"])
    assert [b.item.barcode for b in back.returned] == ["P1", "P2"]
    assert [i.barcode for i in room.in_room()] == ["P3"]
    with pytest.raises(Refused) as closing:
        room.close(librarian)
    assert closing.value.decision is not None and closing.value.decision.codes == ["ITEMS_IN_ROOM"]
    one = room.issue(supervisor, "P2", "W-1002", override_reason="reads vol. 2 only")
    assert one.decision.overridden and one.decision.codes == ["SET_TOGETHER"]
    assert audit.verify().ok


def test_a_set_at_a_table_on_the_command_line(proof, db, capsys, monkeypatch):
    cli = InProcess(db, capsys, monkeypatch)
    refused = cli("room", "issue", "P1", "W-1001")
    assert refused.code == 3 and "SET_TOGETHER" in refused.err
    run = cli("room", "issue", "P1", "W-1001", "--also", "P2", "--also", "P3", "--json")
    assert run.code == 0, run
    assert [(row["barcode"], row["seat"]) for row in run.json()["issued"]] == [
        (barcode, 1) for barcode in SET
    ]
    text = cli("room", "return", "P1", "--also", "P2", "--also", "P3")
    assert text.code == 0 and text.out.count("is back from seat 1") == 3, text
    twice = cli("room", "issue", "P1", "W-1001", "--also", "P1")
    assert twice.code == 1 and "twice" in twice.err
