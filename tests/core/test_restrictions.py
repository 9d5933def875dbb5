"""Restrictions with a reason, an authority and dates: placed and lifted by a supervisor,
holding for every copy of a work, refusing every lend and renewal with RESTRICTED (no
override), kept as refused attempts, and lifting by themselves on their end day."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from readingroom import audit, circulation, clock, restrictions
from readingroom.errors import BadInput, NotFound, NotPermitted, Refused
from readingroom.paths import database_target
from readingroom.reports.base import Options
from readingroom.store.db import current_path
from readingroom.store.models import AuditEntry
from tests.core.cli_support import InProcess

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


@pytest.fixture
def shelf(db, supervisor, librarian, make_copy, make_borrower):
    one = make_copy("RR00044", "Proof of the Man", author="Seiichi Morimura", volume=1, volumes=3)
    make_copy("RR00045", "Proof of the Man", author="Seiichi Morimura", volume=2, volumes=3)
    make_copy("RR00001")
    make_borrower("W-1001")
    return one.work_id


def _codes(excinfo: pytest.ExceptionInfo[Refused]) -> list[str]:
    return excinfo.value.decision.codes


def test_a_work_restriction_holds_for_every_copy_and_names_its_authority(
    shelf, supervisor, librarian
):
    saved = restrictions.restrict(
        supervisor, str(shelf), reason="Under review", authority="Provincial Committee"
    )
    found = saved.restriction
    assert (found.barcode, found.title, found.state(clock.today())) == (
        None,
        "Proof of the Man",
        "in force",
    )
    entry = AuditEntry.get_by_id(saved.audit_seq)
    assert entry.action == "restrict" and "restriction" in json.loads(entry.details)["after"]
    for barcode in ("RR00044", "RR00045"):
        decision = circulation.check(barcode, "W-1001")
        assert decision.codes == ["RESTRICTED"] and not decision.overridable
        assert "Provincial Committee" in decision.reasons[0].message
        assert f"Restriction {found.id}" in decision.reasons[0].message
        with pytest.raises(Refused) as refused:
            circulation.lend(supervisor, barcode, "W-1001", override_reason="the chief says so")
        assert _codes(refused) == ["RESTRICTED"]
    assert circulation.check("RR00001", "W-1001").allowed  # another work is not withheld
    # the refused attempts are kept in the trail, and the exceptions register lists them
    refused_entries = AuditEntry.select().where(AuditEntry.action == "lend-refused")
    assert [json.loads(e.details)["refused"] for e in refused_entries] == [["RESTRICTED"]] * 2
    assert audit.verify().ok


def test_a_copy_restriction_holds_for_that_copy_only_and_back_dated_lends_too(shelf, supervisor):
    restrictions.restrict(
        supervisor, "RR00044", reason="Pages loose", authority="Librarian's report"
    )
    assert circulation.check("RR00044", "W-1001").codes == ["RESTRICTED"]
    assert circulation.check("RR00045", "W-1001").allowed
    with pytest.raises(Refused) as refused:
        circulation.lend(
            supervisor,
            "RR00044",
            "W-1001",
            on=clock.today() - timedelta(days=3),
            backdate_reason="paper register",
        )
    assert "RESTRICTED" in _codes(refused)


def test_dates_a_restriction_to_come_and_its_end_day(shelf, supervisor, monkeypatch):
    today = clock.today()
    saved = restrictions.restrict(
        supervisor,
        str(shelf),
        reason="Inspection copy",
        authority="Inspector's letter 12-01",
        starts=today + timedelta(days=2),
        ends=today + timedelta(days=5),
    )
    assert circulation.check("RR00044", "W-1001").allowed  # not yet
    assert saved.restriction.state(today) == "scheduled"
    monkeypatch.setattr(clock, "today", lambda: today + timedelta(days=2))
    decision = circulation.check("RR00044", "W-1001")
    assert decision.codes == ["RESTRICTED"]
    assert str(today + timedelta(days=5)) in decision.reasons[0].message
    monkeypatch.setattr(clock, "today", lambda: today + timedelta(days=5))
    assert circulation.check("RR00044", "W-1001").allowed  # its end day: lifted by itself
    assert restrictions.list_restrictions() == []


def test_what_is_refused(shelf, supervisor, librarian, inspector):
    with pytest.raises(NotPermitted):
        restrictions.restrict(librarian, str(shelf), reason="x", authority="y")
    with pytest.raises(NotPermitted):
        restrictions.restrict(inspector, str(shelf), reason="x", authority="y")
    for reason, authority in (("", "y"), ("x", "  "), ("bell\x07", "y")):
        with pytest.raises(BadInput):
            restrictions.restrict(supervisor, str(shelf), reason=reason, authority=authority)
    with pytest.raises(NotFound):
        restrictions.restrict(supervisor, "RR99999", reason="x", authority="y")
    today = clock.today()
    with pytest.raises(BadInput, match="after the first day"):
        restrictions.restrict(
            supervisor, str(shelf), reason="x", authority="y", starts=today, ends=today
        )
    assert restrictions.list_restrictions(lifted=True) == []


def test_unrestrict_is_a_supervisors_act_with_a_reason(shelf, supervisor, librarian):
    found = restrictions.restrict(supervisor, str(shelf), reason="x", authority="y").restriction
    with pytest.raises(NotPermitted):
        restrictions.unrestrict(librarian, found.id, "done")
    with pytest.raises(BadInput):
        restrictions.unrestrict(supervisor, found.id, " ")
    lifted = restrictions.unrestrict(supervisor, found.id, "Committee withdrew its letter")
    assert lifted.restriction.lift_reason == "Committee withdrew its letter"
    assert circulation.check("RR00044", "W-1001").allowed
    with pytest.raises(BadInput, match="lifted already"):
        restrictions.unrestrict(supervisor, found.id, "again")
    with pytest.raises(NotFound):
        restrictions.unrestrict(supervisor, 999, "none such")
    assert audit.verify().ok


def test_a_renewal_of_a_loan_out_when_restricted_is_refused(shelf, supervisor, librarian):
    circulation.lend(
        supervisor,
        "RR00044",
        "W-1001",
        on=clock.today() - timedelta(days=10),
        backdate_reason="paper register",
    )
    restrictions.restrict(supervisor, str(shelf), reason="x", authority="Committee")
    with pytest.raises(Refused) as refused:
        circulation.renew(supervisor, "RR00044", override_reason="please")
    assert _codes(refused) == ["RESTRICTED"]
    circulation.return_copy(librarian, "RR00044")  # a return is never refused


def test_the_end_day_is_recorded_by_the_first_command(shelf, supervisor, capsys, monkeypatch):
    today = clock.today()
    found = restrictions.restrict(
        supervisor, str(shelf), reason="x", authority="y", ends=today + timedelta(days=3)
    ).restriction
    cli = InProcess(shelf_db(), capsys, monkeypatch)
    run = cli("restrictions", "list", "--expiring-within", "5", "--json")
    assert run.code == 0, run
    assert [r["id"] for r in run.json()["restrictions"]] == [found.id]
    assert cli("restrictions", "list", "--expiring-within", "2", "--json").json() == {
        "restrictions": []
    }
    monkeypatch.setattr(clock, "today", lambda: today + timedelta(days=3))
    run = cli("restrictions", "list", "--all", "--json", user="lib")
    assert run.code == 0, run
    assert "lifted by schedule" in run.err
    (listed,) = run.json()["restrictions"]
    assert (listed["state"], listed["lift_reason"], listed["lifted_by"]) == (
        "lifted",
        "lifted by schedule",
        "lib",
    )
    entries = AuditEntry.select().where(AuditEntry.action == "restriction-lifted")
    assert [json.loads(e.details)["reason"] for e in entries] == ["lifted by schedule"]
    again = cli("restrictions", "list")
    assert "lifted by schedule" not in again.err  # recorded once
    assert audit.verify().ok


def shelf_db() -> Path:
    path = current_path()
    assert path is not None
    return database_target(path)  # type: ignore[return-value]  # a file, or a server's address


def test_the_command_line(shelf, capsys, monkeypatch):
    cli = InProcess(shelf_db(), capsys, monkeypatch)
    run = cli("restrict", str(shelf), "--reason", "x", "--authority", "y", user="lib")
    assert run.code == 5, run
    run = cli(
        "restrict", "RR00044", "--reason", "Loose pages", "--authority", "Conservator",
        "--until", str(clock.today() + timedelta(days=30)), "--json",
    )  # fmt: skip
    assert run.code == 0, run
    rid = run.json()["id"]
    assert run.json()["barcode"] == "RR00044"
    refused = cli("lend", "RR00044", "W-1001")
    assert refused.code == 3 and "RESTRICTED" in refused.err
    listed = cli("restrictions", "list")
    assert "copy RR00044" in listed.out and "Conservator" in listed.out
    assert cli("unrestrict", str(rid), user="boss").code == 2  # --reason is required
    run = cli("unrestrict", str(rid), "--reason", "mended")
    assert run.code == 0 and "lifted" in run.out
    assert cli("lend", "RR00044", "W-1001").code == 0
    assert cli("restrictions", "list").out.strip() == "No restrictions."
    bad = cli("restrict", str(shelf), "--reason", "x", "--authority", "y", "--until", "soon")
    assert bad.code == 1 and "YYYY-MM-DD" in bad.err


def test_the_exceptions_register_lists_the_refused_attempt(shelf, supervisor):
    from readingroom import reports

    restrictions.restrict(supervisor, str(shelf), reason="x", authority="Committee")
    with pytest.raises(Refused):
        circulation.lend(supervisor, "RR00044", "W-1001")
    rows = list(reports.build("exceptions", Options()).rows())
    assert any(row[1] == "refused" and "RESTRICTED" in str(row[9]) for row in rows)


def test_the_writers_screen_shows_a_restricted_work_as_not_available(shelf, supervisor):
    from readingroom import writers_catalogue

    (before,) = writers_catalogue.describe([shelf])
    assert before.on_shelf == 2
    restrictions.restrict(supervisor, str(shelf), reason="sensitive", authority="Committee")
    (after,) = writers_catalogue.describe([shelf])
    assert (after.on_shelf, after.in_circulation) == (0, 0)  # and never the reason
    assert "sensitive" not in repr(after)
