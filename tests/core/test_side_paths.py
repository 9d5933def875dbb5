"""Side paths that bent a rule: back-dating without a supervisor, and edits that left a
current loan forbidden (issue 9, items 1 and 2).

Each attack is made as an insider would make it (the command line, the service layer and
raw SQL on the file); each must be refused with its exit code and change nothing.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import timedelta

import pytest

from readingroom import borrowers, catalogue, circulation, clock, decision, policy, settings
from readingroom.errors import BadInput, NotPermitted, Refused
from readingroom.store.models import AuditEntry, Borrower, Loan, PolicyRule, Work
from tests.core.cli_support import InProcess, dump

LIB, INSP = "lib", "insp"


def days(n: int) -> str:
    return (clock.today() + timedelta(days=n)).isoformat()


@pytest.fixture
def desk(db, supervisor, librarian, inspector, make_copy, make_borrower):
    """B1 and B2 (one work), L1 (The Last Leaf), R1 (reading room); writers W1-W3, cadre
    C1, civilian V1. B2 went out to W2 40 days ago and came back 30 days ago; L1 is out
    to W1 now."""
    make_copy("B1")
    make_copy("B2")
    make_copy("L1", "The Last Leaf", author="O. Henry")
    make_copy("R1", "Dictionary of Synonyms", author="Editors", access="reading-room")
    for member_no in ("W1", "W2", "W3"):
        make_borrower(member_no)
    make_borrower("C1", "cadre")
    make_borrower("V1", "civilian")
    circulation.lend(
        supervisor,
        "B2",
        "W2",
        on=clock.today() - timedelta(days=40),
        backdate_reason="entered from the paper register",
    )
    circulation.return_copy(
        supervisor,
        "B2",
        on=clock.today() - timedelta(days=30),
        backdate_reason="entered from the paper register",
    )
    circulation.lend(librarian, "L1", "W1")
    return db


@pytest.fixture
def cli(desk, capsys, monkeypatch) -> InProcess:
    return InProcess(desk, capsys, monkeypatch)


def refused_unchanged(cli: InProcess, *args: str, code: int, user: str = "boss") -> str:
    """Run a command that must fail with ``code`` and change nothing; its message."""
    before = dump(cli.db)
    result = cli(*args, user=user)
    assert result.code == code, str(result)
    assert "Traceback" not in result.err and result.err.strip()
    assert dump(cli.db) == before, f"{args} changed the database"
    return result.err


def last_entry() -> AuditEntry:
    return AuditEntry.select().order_by(AuditEntry.id.desc()).get()


# -- item 1: back-dating is a supervisor's act with a reason -------------------------------


@pytest.mark.parametrize("command", ["lend", "return"])
def test_a_librarian_or_inspector_may_not_back_date(cli, command):
    args = ("lend", "B1", "W3") if command == "lend" else ("return", "L1")
    for user in (LIB, INSP):
        err = refused_unchanged(
            cli, *args, "--date", days(-1), "--reason", "late", code=5, user=user
        )
        assert "supervisor" in err or "may not" in err


@pytest.mark.parametrize("command", ["lend", "return"])
def test_a_back_date_needs_a_reason(cli, supervisor, command):
    args = ("lend", "B1", "W3") if command == "lend" else ("return", "L1")
    assert "--reason" in refused_unchanged(cli, *args, "--date", days(-1), code=1)
    refused_unchanged(cli, *args, "--date", days(-1), "--reason", "   ", code=1)
    refused_unchanged(cli, *args, "--reason", "no date given", code=1)
    before = dump(cli.db)
    with pytest.raises(BadInput):  # the service layer holds it too
        if command == "lend":
            circulation.lend(supervisor, "B1", "W3", on=clock.today() - timedelta(days=1))
        else:
            circulation.return_copy(supervisor, "L1", on=clock.today() - timedelta(days=1))
    assert dump(cli.db) == before


@pytest.mark.parametrize("day", ["366-back", "future", "0001-01-01"])
@pytest.mark.parametrize("command", ["lend", "return"])
def test_a_back_date_is_at_most_a_year_back_and_never_ahead(cli, command, day):
    date_text = {"366-back": days(-366), "future": days(1), "0001-01-01": "0001-01-01"}[day]
    args = ("lend", "B1", "W3") if command == "lend" else ("return", "L1")
    err = refused_unchanged(cli, *args, "--date", date_text, "--reason", "entered late", code=1)
    assert date_text in err


def test_a_back_dated_lend_may_not_overlap_the_copy_s_history(cli):
    # B2 was out from 40 to 30 days ago: any day from 40 days ago on meets that loan
    for back in (40, 35, 30):
        err = refused_unchanged(
            cli, "lend", "B2", "W3", "--date", days(-back), "--reason", "entered late", code=1
        )
        assert "overlap" in err and "B2" in err
    # L1 is out now: a loan of it from any earlier day would overlap the open one
    refused_unchanged(cli, "lend", "L1", "W3", "--date", days(-100), "--reason", "late", code=1)
    assert cli("lend", "B2", "W3", "--date", days(-29), "--reason", "entered late").code == 0


def test_a_back_date_does_not_dodge_today_s_rules(cli, supervisor):
    """Back-dating to before a freeze or an expiry is decided as of today as well."""
    settings.change(supervisor, "inspection_date", days(3))
    err = refused_unchanged(
        cli, "lend", "B1", "W3", "--date", days(-20), "--reason", "late", code=3
    )
    assert "INSPECTION_FREEZE" in err
    settings.change(supervisor, "inspection_date", "")
    borrowers.edit_borrower(supervisor, "W3", expires=clock.today() - timedelta(days=1))
    err = refused_unchanged(
        cli, "lend", "B1", "W3", "--date", days(-20), "--reason", "late", code=3
    )
    assert "BORROWER_EXPIRED" in err
    # an overridable reason of today is the supervisor's to override, as at the desk
    lent = cli(
        "lend",
        "B1",
        "W3",
        "--date",
        days(-20),
        "--reason",
        "late",
        "--override",
        "expired yesterday; renewal is on its way",
    )
    assert lent.code == 0, str(lent)


def test_an_allowed_back_dated_lend_and_return_are_recorded_and_reported(cli, tmp_path):
    lent = cli(
        "lend", "B1", "W3", "--date", days(-12), "--reason", "power cut at the desk", "--json"
    )
    assert lent.code == 0 and lent.json()["due"] == days(-12 + 21)
    loan = Loan.get(
        Loan.returned_at.is_null() & (Loan.borrower == Borrower.get(Borrower.member_no == "W3"))
    )
    assert loan.backdated and loan.lent_on.isoformat() == days(-12)
    assert loan.override_by.username == "boss"
    assert loan.override_reason == "back-dated: power cut at the desk"
    details = json.loads(last_entry().details)
    assert (details["backdated_to"], details["approved_by"], details["reason"]) == (
        days(-12),
        "boss",
        "power cut at the desk",
    )
    assert cli("return", "B1", "--date", days(-13), "--reason", "x").code == 1  # before lend
    returned = cli(
        "return", "B1", "--date", days(-2), "--reason", "found in the night box", "--json"
    )
    assert returned.code == 0 and returned.json()["returned"] == days(-2)
    details = json.loads(last_entry().details)
    assert (last_entry().action, details["approved_by"], details["reason"]) == (
        "return",
        "boss",
        "found in the night box",
    )
    out = tmp_path / "overrides.csv"
    assert cli("report", "overrides", "--out", str(out)).code == 0
    with out.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["barcode"] == "B1"]
    assert [(r["at"], r["action"], r["approved_by"], r["codes"], r["reason"]) for r in rows] == [
        (
            days(-12),
            "lend",
            "boss",
            f"back-dated to {days(-12)}",
            "back-dated: power cut at the desk",
        ),
        (
            days(-2),
            "return",
            "boss",
            f"back-dated to {days(-2)}",
            "back-dated: found in the night box",
        ),
    ]


def test_a_lend_or_return_of_today_is_unchanged(cli):
    assert cli("lend", "B1", "W3", user=LIB).code == 0
    assert cli("return", "B1", user=LIB).code == 0
    assert cli("lend", "B1", "W3", "--date", days(0), "--reason", "typed", user=LIB).code == 0
    assert not Loan.select().where(Loan.backdated & (Loan.lent_on == clock.today())).exists()


# -- item 2: an edit never turns a current loan into a forbidden one -----------------------


def assert_has_active_loans(err: str, *loans: tuple[str, str]) -> None:
    assert "HAS_ACTIVE_LOANS" in err
    for barcode, member_no in loans:
        assert f"{barcode} lent to {member_no}" in err


def test_a_borrower_with_a_loan_cannot_become_a_civilian(cli):
    err = refused_unchanged(cli, "borrower", "edit", "W1", "--role", "civilian", code=3)
    assert_has_active_loans(err, ("L1", "W1"))
    refused = cli("borrower", "edit", "W1", "--role", "civilian", "--json")
    reason = refused.json()["reasons"][0]
    assert (reason["code"], reason["overridable"]) == ("HAS_ACTIVE_LOANS", False)
    assert cli("borrower", "edit", "W2", "--role", "civilian").code == 0  # nothing out


def test_a_work_with_a_copy_out_cannot_become_staff_only(cli, supervisor):
    err = refused_unchanged(cli, "work", "edit", "L1", "--access", "staff-only", code=3)
    assert_has_active_loans(err, ("L1", "W1"))
    # the policy makes reading-room works `never` for writers: the same refusal
    policy.set_rule(supervisor, "writer", "reading-room", "never")
    err = refused_unchanged(cli, "work", "edit", "L1", "--access", "reading-room", code=3)
    assert_has_active_loans(err, ("L1", "W1"))
    assert cli("work", "edit", "B1", "--access", "staff-only").code == 0  # nothing out


def test_a_policy_cell_with_loans_out_cannot_become_never(cli):
    err = refused_unchanged(cli, "policy", "set", "writer", "lendable", "never", code=3)
    assert_has_active_loans(err, ("L1", "W1"))
    assert cli("policy", "set", "writer", "lendable", "loan", "--days", "14").code == 0
    assert cli("policy", "set", "cadre", "lendable", "never").code == 0  # no cadre loan


def test_a_forbidding_edit_is_refused_in_the_service_layer(desk, supervisor):
    work_id = catalogue.get_copy("L1").work_id
    attempts = [
        lambda: borrowers.edit_borrower(supervisor, "W1", role="civilian"),
        lambda: catalogue.edit_work(supervisor, work_id, access="staff-only"),
        lambda: policy.set_rule(supervisor, "writer", "lendable", "never"),
    ]
    for attempt in attempts:
        before = dump(desk)
        with pytest.raises(Refused) as refused:
            attempt()
        assert refused.value.decision.codes == ["HAS_ACTIVE_LOANS"]
        assert not refused.value.decision.overridable
        assert "L1 lent to W1" in refused.value.decision.reasons[0].message
        assert dump(desk) == before


def raw(db, sql: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE borrower SET role = 'civilian' WHERE member_no = 'W1'",
        "UPDATE work SET access = 'staff-only' WHERE id = (SELECT work_id FROM copy "
        "WHERE barcode = 'L1')",
        "UPDATE policy_rule SET rule = 'never' WHERE role = 'writer' AND access = 'lendable'",
        "UPDATE policy_rule SET role = 'cadre' WHERE role = 'writer' AND access = 'lendable'",
        "DELETE FROM policy_rule WHERE role = 'writer' AND access = 'lendable'",
        "UPDATE work SET access = 'reading-room' WHERE id = (SELECT work_id FROM copy "
        "WHERE barcode = 'L1')",
    ],
    ids=["role", "access", "policy", "policy-move", "policy-delete", "access-via-policy"],
)
def test_the_database_refuses_a_forbidding_edit_made_with_raw_sql(desk, supervisor, sql):
    if "reading-room" in sql:
        policy.set_rule(supervisor, "writer", "reading-room", "never")
    before = dump(desk)
    with pytest.raises(sqlite3.IntegrityError, match="HAS_ACTIVE_LOANS"):
        raw(desk, sql)
    assert dump(desk) == before


def test_the_triggers_let_harmless_edits_through(desk):
    raw(desk, "UPDATE borrower SET role = 'cadre', name = 'Renamed' WHERE member_no = 'W1'")
    raw(desk, "UPDATE borrower SET role = 'civilian' WHERE member_no = 'W2'")
    raw(
        desk,
        "UPDATE work SET access = 'reading-room' WHERE id = (SELECT work_id FROM copy "
        "WHERE barcode = 'L1')",
    )
    raw(desk, "UPDATE policy_rule SET rule = 'never' WHERE role = 'cadre' AND access = 'lendable'")


def test_an_edit_that_races_a_lend_is_refused_by_the_trigger_as_the_service_would(
    desk, supervisor, monkeypatch
):
    """The service's own check is skipped (as if the loan were written a moment after it
    looked): the trigger refuses, and the service turns that into the same refusal."""
    real = decision.forbidden_loans
    calls = {"n": 0}

    def blind_first(loans, rule_of):
        calls["n"] += 1
        return [] if calls["n"] == 1 else real(loans, rule_of)

    work_id = catalogue.get_copy("L1").work_id
    for attempt in (
        lambda: borrowers.edit_borrower(supervisor, "W1", role="civilian"),
        lambda: catalogue.edit_work(supervisor, work_id, access="staff-only"),
        lambda: policy.set_rule(supervisor, "writer", "lendable", "never"),
    ):
        calls["n"] = 0
        monkeypatch.setattr(decision, "forbidden_loans", blind_first)
        before = dump(desk)
        with pytest.raises(Refused) as refused:
            attempt()
        assert refused.value.decision.codes == ["HAS_ACTIVE_LOANS"]
        assert "L1 lent to W1" in refused.value.decision.reasons[0].message
        assert dump(desk) == before
    assert Borrower.get(Borrower.member_no == "W1").role == "writer"
    assert Work.get_by_id(work_id).access == "lendable"
    assert (
        PolicyRule.get((PolicyRule.role == "writer") & (PolicyRule.access == "lendable")).rule
        == "loan"
    )


def test_changing_a_role_or_an_access_class_is_a_supervisor_s(cli):
    refused_unchanged(cli, "borrower", "edit", "W2", "--role", "cadre", code=5, user=LIB)
    refused_unchanged(cli, "work", "edit", "B1", "--access", "reading-room", code=5, user=LIB)
    assert cli("borrower", "edit", "W2", "--organisation", "Poets", user=LIB).code == 0
    assert cli("work", "edit", "B1", "--notes", "rebound", user=LIB).code == 0


# -- the new commands ----------------------------------------------------------------------


def test_borrower_add_edit_suspend_reinstate(cli):
    added = cli(
        "borrower",
        "add",
        "W-77",
        "--name",
        "Kang Sun-ok",
        "--role",
        "writer",
        "--organisation",
        "Poets' Section",
        "--expires",
        days(365),
        "--json",
        user=LIB,
    )
    assert added.code == 0, str(added)
    assert added.json() == {
        "member_no": "W-77",
        "name": "Kang Sun-ok",
        "role": "writer",
        "organisation": "Poets' Section",
        "status": "active",
        "expires": days(365),
    }
    edited = cli(
        "borrower",
        "edit",
        "W-77",
        "--name",
        "Kang Sun-ok (Mrs)",
        "--expires",
        "none",
        "--json",
        user=LIB,
    )
    assert edited.code == 0 and edited.json()["name"] == "Kang Sun-ok (Mrs)"
    assert edited.json()["expires"] is None
    details = json.loads(last_entry().details)
    assert details["old"]["name"] == "Kang Sun-ok" and details["new"]["expires"] is None
    suspended = cli(
        "borrower", "suspend", "W-77", "--reason", "kept a volume two months", "--json", user=LIB
    )
    assert suspended.code == 0 and suspended.json()["status"] == "suspended"
    assert (last_entry().action, json.loads(last_entry().details)["reason"]) == (
        "borrower-suspend",
        "kept a volume two months",
    )
    assert cli("check", "B1", "W-77").code == 3
    # lifting a suspension is a supervisor's (tests/core/test_insider_attacks.py)
    assert cli("borrower", "reinstate", "W-77", user=LIB).code == 5
    reinstated = cli("borrower", "reinstate", "W-77", "--json")
    assert reinstated.code == 0 and reinstated.json()["status"] == "active"
    assert last_entry().action == "borrower-reinstate"


@pytest.mark.parametrize(
    "args",
    [
        ("borrower", "add", "W1", "--name", "Again", "--role", "writer"),  # number used
        ("borrower", "add", "W-78", "--name", "  ", "--role", "writer"),
        ("borrower", "add", "W-78", "--name", "X", "--role", "painter"),
        ("borrower", "add", "W 78", "--name", "X", "--role", "writer"),
        ("borrower", "add", "W-78", "--name", "X", "--role", "writer", "--expires", "soon"),
        ("borrower", "edit", "NOPE", "--name", "X"),
        ("borrower", "edit", "W2"),  # nothing to change
        ("borrower", "edit", "W2", "--role", "painter"),
        ("borrower", "suspend", "W2", "--reason", "  "),
        ("borrower", "suspend", "NOPE", "--reason", "x"),
        ("borrower", "reinstate", "W2"),  # not suspended
        ("work", "edit", "999"),
        ("work", "edit", "999", "--title", "X"),
        ("work", "edit", "NOPE", "--title", "X"),
        ("work", "edit", "B1", "--title", "  "),
        ("work", "edit", "B1", "--year", "nineteen"),
        ("work", "edit", "B1", "--access", "secret"),
        ("work", "edit", "B1", "--volumes", "0"),
        ("copy", "mark", "B1", "on-loan"),
        ("copy", "mark", "B1", "eaten"),
        ("copy", "mark", "B1", "available"),  # already
        ("copy", "mark", "L1", "missing"),  # on loan
        ("copy", "mark", "NOPE", "missing"),
    ],
    ids=lambda args: "-".join(args[:3]),
)
def test_bad_edits_exit_1_and_change_nothing(cli, args):
    refused_unchanged(cli, *args, code=1)


def test_the_inspector_may_not_edit(cli):
    for args in (
        ("borrower", "add", "W-79", "--name", "X", "--role", "writer"),
        ("borrower", "edit", "W2", "--name", "X"),
        ("borrower", "suspend", "W2", "--reason", "x"),
        ("work", "edit", "B1", "--title", "X"),
        ("copy", "mark", "B1", "missing"),
    ):
        refused_unchanged(cli, *args, code=5, user=INSP)


def test_work_edit_by_id_or_barcode(cli):
    work_id = catalogue.get_copy("B1").work_id
    by_id = cli(
        "work",
        "edit",
        str(work_id),
        "--translator",
        "이정희",
        "--original-title",
        "点と線",
        "--original-language",
        "ja",
        "--publisher",
        "문학예술출판사",
        "--year",
        "1987",
        "--notes",
        "two copies",
        "--json",
        user=LIB,
    )
    assert by_id.code == 0, str(by_id)
    data = by_id.json()
    assert (data["work_id"], data["translator"], data["year"], data["original_language"]) == (
        work_id,
        "이정희",
        1987,
        "ja",
    )
    details = json.loads(last_entry().details)
    assert details["old"]["year"] is None and details["new"]["year"] == 1987
    by_barcode = cli(
        "work",
        "edit",
        "B2",
        "--title",
        "Points and Lines (2nd ed.)",
        "--author",
        "Matsumoto Seichō",
        "--json",
        user=LIB,
    )
    assert by_barcode.code == 0 and by_barcode.json()["work_id"] == work_id
    assert catalogue.get_work(work_id).title == "Points and Lines (2nd ed.)"


def test_copy_mark_with_a_reason(cli):
    marked = cli(
        "copy", "mark", "B1", "missing", "--reason", "not on its shelf", "--json", user=LIB
    )
    assert marked.code == 0 and marked.json()["status"] == "missing"
    entry = last_entry()
    assert entry.action == "copy-edit"
    details = json.loads(entry.details)
    assert json.loads(details.pop("after")["copy"][str(entry_copy_id("B1"))])[4] == "missing"
    assert details == {
        "old": {"status": "available"},
        "new": {"status": "missing"},
        "reason": "not on its shelf",
    }
    assert cli("check", "B1", "W3").code == 3
    assert cli("copy", "mark", "B1", "available", user=LIB).code == 0
    with pytest.raises(NotPermitted):
        catalogue.mark_copy(None, "B1", "lost")


def test_the_migration_applies_to_an_existing_catalogue(tmp_path):
    """A catalogue made before migration 0005 (the demo) gains the triggers on opening."""
    from readingroom import first_run  # noqa: F401  (the demo's loader)
    from readingroom.store.db import close_database, open_database

    path = tmp_path / "old.db"
    open_database(path, create=True)
    from readingroom import demo, staff

    boss = staff.create_first_supervisor("boss", "pass-word-1")
    demo.load_demo(boss)
    close_database()
    conn = sqlite3.connect(path)
    with conn:
        for name in (
            "borrower_role_keeps_loans",
            "work_access_keeps_loans",
            "policy_rule_keeps_loans",
            "policy_rule_delete_keeps_loans",
        ):
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DELETE FROM schema_migration WHERE name LIKE '0005%'")
    conn.close()
    open_database(path)
    close_database()
    with pytest.raises(sqlite3.IntegrityError, match="HAS_ACTIVE_LOANS"):
        raw(
            path,
            "UPDATE borrower SET role = 'civilian' WHERE id IN "
            "(SELECT borrower_id FROM loan WHERE returned_at IS NULL)",
        )


def test_an_edit_never_suspends_or_reinstates(db, supervisor, make_borrower):
    """A suspension needs its reason: an edit of the status (the window's dialog, a script)
    is refused and changes nothing; suspend and reinstate are the ways."""
    make_borrower("W-9")
    with pytest.raises(BadInput, match="suspending"):
        borrowers.edit_borrower(supervisor, "W-9", status="suspended")
    assert borrowers.get_borrower("W-9").status == "active"
    borrowers.suspend_borrower(supervisor, "W-9", "kept a volume past the inspection")
    with pytest.raises(BadInput, match="reinstating"):
        borrowers.edit_borrower(supervisor, "W-9", status="active")
    assert borrowers.get_borrower("W-9").status == "suspended"


def entry_copy_id(barcode: str) -> int:
    """A copy's id, for reading its after-image in an audit entry."""
    from readingroom.store.models import Copy

    return Copy.get(Copy.barcode == barcode).id
