"""Overdue reminders escalating over simulated dates: levels by days overdue, never lower than
one already sent, at most one letter a day, recorded on the loan, letters written."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from readingroom import audit, circulation, reminders
from readingroom.errors import BadInput, EnvironmentProblem, NotPermitted
from readingroom.store.inspection_models import Reminder
from readingroom.store.models import AuditEntry
from tests.core.cli_support import INTEGRITY_ERRORS, InProcess, outside_connection
from tests.core.inspection_support import (  # noqa: F401 - fixture
    TODAY,
    calendar_fixture,
    pdf_text,
    small_collection,
)

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

DUE = TODAY + timedelta(days=21)
REMINDER_KEYS = {"barcode", "title", "member_no", "level", "days_overdue", "kept_from_set"}


@pytest.fixture
def cli(db, capsys, monkeypatch) -> InProcess:
    return InProcess(db, capsys, monkeypatch)


@pytest.fixture
def lent(calendar, librarian, supervisor, make_borrower):
    """A001 lent to a writer (due in 21 days), A002 to a cadre with approval."""
    small_collection(supervisor)
    make_borrower("W1", name="리명희")
    circulation.lend(librarian, "A001", "W1")
    return calendar


@pytest.fixture
def letters_as_text(monkeypatch):
    """Letters as plain text files of their subjects: the escalation tests need no PDF (the
    PDF writer takes about half a second a file; the letters are checked as PDFs below)."""

    def write(path, letters):
        Path(path).write_text("\n".join(letter.subject for letter in letters), "utf-8")

    monkeypatch.setattr("readingroom.pdf.write_letter", write)


def levels_due(day) -> dict[str, int]:
    return {r.barcode: r.level for r in reminders.due_reminders(day)}


def after(days: int):
    return DUE + timedelta(days=days)


def test_levels_follow_the_days_overdue(lent, librarian, tmp_path, letters_as_text):
    assert levels_due(DUE) == {}
    schedule = [(1, 1), (2, None), (13, None), (14, 2), (20, None), (28, 3), (60, None)]
    for days, level in schedule:
        lent.set(after(days))
        assert levels_due(lent.day) == ({"A001": level} if level else {}), days
        sent = reminders.send(librarian, tmp_path / "out", lent.day)
        assert [r.level for r in sent.reminders] == ([level] if level else [])
        if level:
            subject = (tmp_path / "out" / f"reminders-{lent.day}-W1.pdf").read_text("utf-8")
            assert subject.startswith(reminders.LEVEL_NAMES[level])
    loan_id = Reminder.select().first().loan_id
    history = reminders.loan_reminders(loan_id)
    assert [(r.level, r.sent_on, r.days_overdue) for r in history] == [
        (1, after(1), 1),
        (2, after(14), 14),
        (3, after(28), 28),
    ]
    assert [r.supervisor_told for r in history] == [False, False, True]


def test_at_most_one_letter_a_day(lent, librarian, tmp_path, letters_as_text):
    lent.set(after(3))
    assert len(reminders.send(librarian, tmp_path, lent.day).reminders) == 1
    assert reminders.send(librarian, tmp_path, lent.day).reminders == []
    lent.set(after(14))
    assert levels_due(lent.day) == {"A001": 2}


def test_a_first_reminder_late_goes_straight_to_the_level_due(
    lent, librarian, tmp_path, letters_as_text
):
    lent.set(after(30))
    sent = reminders.send(librarian, tmp_path, lent.day)
    assert [(r.level, r.previous_level) for r in sent.reminders] == [(3, 0)]
    assert Reminder.select().count() == 1  # one letter, not three


def test_the_level_never_drops_below_one_already_sent(
    lent, librarian, supervisor, tmp_path, letters_as_text
):
    lent.set(after(14))
    reminders.send(librarian, tmp_path, lent.day)
    reminders.set_delays(supervisor, (1, 40, 60))  # level 2 now needs 40 days
    for days in (20, 39, 45):
        lent.set(after(days))
        assert levels_due(lent.day) == {}, days  # never a level 1 after a level 2
    lent.set(after(60))
    assert levels_due(lent.day) == {"A001": 3}


def test_the_delays_are_configurable_by_a_supervisor(lent, librarian, supervisor):
    assert reminders.delays() == (1, 14, 28)
    with pytest.raises(NotPermitted):
        reminders.set_delays(librarian, (2, 5, 9))
    for bad in ("1,2", "3,2,9", "0,5,9", "a,b,c", "1,5,99999"):
        with pytest.raises(BadInput):
            reminders.set_delays(supervisor, bad)
    assert reminders.set_delays(supervisor, "2, 5, 9").delays == (2, 5, 9)
    assert levels_due(after(1)) == {}
    assert levels_due(after(5)) == {"A001": 2}
    entry = AuditEntry.select().where(AuditEntry.entity_id == "reminder_days").get()
    assert entry.staff == "boss"


def test_a_returned_loan_gets_no_reminder(lent, librarian):
    lent.set(after(5))
    circulation.return_copy(librarian, "A001")
    assert levels_due(after(20)) == {}


def test_sending_is_recorded_audited_and_writes_the_letters(lent, librarian, tmp_path):
    lent.set(after(28))
    sent = reminders.send(librarian, tmp_path, lent.day)
    names = sorted(path.name for path in sent.files)
    day = lent.day.isoformat()
    assert names == [f"reminders-{day}-W1.pdf", f"reminders-{day}-supervisor.pdf"]
    letter = pdf_text(tmp_path / names[0])
    assert "Final demand" in letter and "리명희" in letter and "28 days overdue" in letter
    copy = pdf_text(tmp_path / names[1])
    assert "The Supervisor" in copy and "Chief Supervisor" in copy and "리명희" in copy
    entry = AuditEntry.get(AuditEntry.action == "reminder-send")
    assert '"level":3' in entry.details and '"supervisor_told":true' in entry.details
    assert audit.verify().ok


def test_letters_that_cannot_be_written_record_nothing(lent, librarian, tmp_path, monkeypatch):
    def fail(path, letters):
        raise EnvironmentProblem("disk full")

    monkeypatch.setattr("readingroom.pdf.write_letter", fail)
    lent.set(after(3))
    entries = AuditEntry.select().count()
    with pytest.raises(EnvironmentProblem):
        reminders.send(librarian, tmp_path, lent.day)
    assert Reminder.select().count() == 0 and AuditEntry.select().count() == entries
    assert levels_due(lent.day) == {"A001": 1}


def test_the_database_allows_one_reminder_per_loan_per_day(
    lent, librarian, db, tmp_path, letters_as_text
):
    lent.set(after(3))
    reminders.send(librarian, tmp_path, lent.day)
    conn = outside_connection(db)
    with pytest.raises(INTEGRITY_ERRORS):
        conn.execute(
            "INSERT INTO reminder (loan_id, level, sent_on, sent_at, staff, "
            "days_overdue, supervisor_told) SELECT loan_id, 2, sent_on, sent_at, "
            "staff, 3, 0 FROM reminder"
        )
    conn.close()


def test_reminders_from_the_command_line_over_simulated_dates(
    lent, cli, tmp_path, inspector, letters_as_text
):
    for days, level in ((0, None), (1, 1), (14, 2), (28, 3)):
        day = after(days).isoformat()
        due = cli("reminders", "due", "--date", day, "--json")
        assert due.code == 0, due
        items = due.json()["reminders"]
        assert set(due.json()) == {"reminders", "not_returned"}  # and the room's copies
        assert all(set(item) == REMINDER_KEYS for item in items)
        assert [(i["barcode"], i["member_no"], i["level"], i["days_overdue"]) for i in items] == (
            [("A001", "W1", level, days)] if level else []
        )
        sent = cli("reminders", "send", "--date", day, "--out", str(tmp_path / day), "--json")
        assert sent.code == 0, sent
        assert [r["level"] for r in sent.json()["reminders"]] == ([level] if level else [])
        assert cli("reminders", "due", "--date", day, "--json").json()["reminders"] == []
    assert sent.json()["supervisor_told"] == ["A001"]
    history = cli("reminders", "history", "A001", "--json").json()
    assert [r["level"] for r in history["reminders"]] == [1, 2, 3]
    assert cli("reminders", "send", "--out", str(tmp_path / "x"), user="insp").code == 5
    assert cli("reminders", "due", "--date", "someday").code == 1


def test_borrower_show_gives_each_loans_reminders(lent, cli, tmp_path, letters_as_text):
    def shown_loan() -> dict:
        shown = cli("borrower", "show", "W1", "--json")
        assert shown.code == 0, shown
        assert {"member_no", "name", "role", "status", "loans", "holds"} <= set(shown.json())
        (loan,) = shown.json()["loans"]
        assert {"barcode", "title", "due", "overdue"} <= set(loan)
        return loan

    assert (shown_loan()["reminders"], shown_loan()["reminder_level"]) == (0, 0)
    for days in (1, 14):
        lent.set(after(days))
        assert cli("reminders", "send", "--out", str(tmp_path / str(days))).code == 0
    loan = shown_loan()
    assert (loan["barcode"], loan["overdue"], loan["reminders"], loan["reminder_level"]) == (
        "A001",
        True,
        2,
        2,
    )
    assert "reminders sent: 2 (latest level 2)" in cli("borrower", "show", "W1").out
