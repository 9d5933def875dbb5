"""Every use case that changes data answers with a frozen result dataclass.

Which functions: every public function of a module in :data:`WRITE_SERVICES` that opens a
write transaction itself (a ``with write_transaction():`` in its body). That is the one
place where a write begins, so a write added later is found by the same rule, with no list
to update. Each one's return annotation must be a frozen dataclass: never a peewee model, a
tuple or None, unless it is in :data:`EXEMPT` with its reason. Model rows inside a result
are allowed (``ReturnResult.loan``). A module outside :data:`WRITE_SERVICES` that opens a
write transaction must be in :data:`OTHER_WRITERS` with its reason, so a new module of
writes is not missed either.

The behavioural tests below check what the results now carry that the front doors used to
read again: a hold's place in line and the copy set aside, what cancelling freed and for
whom, a renewal's previous due date, the old values of an edit.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pkgutil
import textwrap
import typing
from collections.abc import Callable
from datetime import timedelta
from types import ModuleType, NoneType, UnionType

import pytest
from peewee import Model

import readingroom
from readingroom import (
    borrowers,
    catalogue,
    circulation,
    clock,
    holds,
    kiosk,
    policy,
    reminders,
    settings,
    staff,
)
from readingroom.errors import ReadingRoomError
from readingroom.store.models import AuditEntry, Copy, Hold, Loan
from readingroom.vocabulary import CopyStatus, HoldStatus
from tests.core.cli_support import InProcess

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

#: the domain's write services: each public function opening a write answers with a result
WRITE_SERVICES = (
    "readingroom.circulation",
    "readingroom.holds",
    "readingroom.borrowers",
    "readingroom.catalogue",
    "readingroom.policy",
    "readingroom.staff",
    "readingroom.kiosk",
    "readingroom.reminders",
    "readingroom.settings",
    "readingroom.seals",
    "readingroom.inspection",
    "readingroom.stocktake",
    "readingroom.writers_catalogue",
    "readingroom.borrower_notes",
    "readingroom.room",
    "readingroom.restrictions",
    "readingroom.conservation",
    "readingroom.condition_policy",
    "readingroom.central.importing",
)

#: write services whose answer is not (yet) a frozen result, and why
EXEMPT = {
    "readingroom.staff.create_first_supervisor": (
        "creating a catalogue's first account is also its sign-in: it answers with the "
        "signed-in supervisor (their seal key unlocked on it) whom catalogue creation, the "
        "tests and the benchmarks go on to act as, as authenticate does"
    ),
    "readingroom.staff.record_sign_in": (
        "a user recording their own sign-in (and their seal): nothing for a front door to show"
    ),
    "readingroom.kiosk.record_refusal": (
        "the writers' screen's audit of a refusal; the screen answers NotPossibleHere and "
        "shows nothing of it"
    ),
    "readingroom.seals.enrol": (
        "a step inside add_staff, create_first_supervisor and set_password (their results "
        "say whether a seal key was made)"
    ),
    "readingroom.seals.password_changed": "a step inside set_password",
    "readingroom.seals.settle": (
        "a step of a supervisor's sign-in and commands: stores and certifies seal keys"
    ),
    "readingroom.seals.seal_if_possible": (
        "a step of a sign-in and of a stocktake's close: the seal made (Sealed), or None "
        "when there was nothing to seal"
    ),
}

#: modules outside WRITE_SERVICES that open write transactions, and why
OTHER_WRITERS = {
    "readingroom.refusals": "a refused lend's attempt, kept in the trail after the refusal "
    "(it answers with the decision, or with nothing)",
    "readingroom.backup": "a backup's result is the file it wrote (restore replaces the file)",
    "readingroom.imports": "bulk loads, each answering with a report of every line",
    "readingroom.marc.importing": "a bulk load, answering with a report of every record",
    "readingroom.marc.exporting": "an export (its audit entry is its only write)",
    "readingroom.generate": "the synthetic library for benchmarks and tests",
    "readingroom.reports": "an export (its audit entry is its only write)",
    "readingroom.pseudonyms": "part of a union bundle's export: the branch's secret, made "
    "once, answered with itself (never shown)",
}


def _opens_a_write(fn: Callable[..., object]) -> bool:
    """Whether ``fn``'s own body has a ``with write_transaction():``."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    for node in ast.walk(tree):
        if isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if isinstance(call, ast.Call):
                    name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
                    if name == "write_transaction":
                        return True
    return False


def _public_functions(module: ModuleType) -> dict[str, Callable[..., object]]:
    return {
        f"{module.__name__}.{name}": obj
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and inspect.isfunction(obj)
        and obj.__module__ == module.__name__
    }


def write_services() -> dict[str, Callable[..., object]]:
    """The public functions of WRITE_SERVICES that open a write transaction themselves."""
    found = {}
    for module_name in WRITE_SERVICES:
        for name, fn in _public_functions(importlib.import_module(module_name)).items():
            if _opens_a_write(fn):
                found[name] = fn
    return found


def _why_not_a_result(answer: object) -> str | None:
    """None when ``answer`` (a return annotation) is a frozen dataclass, else why not."""
    if answer is None or answer is NoneType:
        return "returns None"
    if isinstance(answer, UnionType) or typing.get_origin(answer) is typing.Union:
        return f"returns a union ({answer})"
    if typing.get_origin(answer) is tuple or answer is tuple:
        return f"returns a bare tuple ({answer})"
    if isinstance(answer, type) and issubclass(answer, Model):
        return f"returns a peewee model ({answer.__name__})"
    if not (isinstance(answer, type) and dataclasses.is_dataclass(answer)):
        return f"returns {answer!r}, not a dataclass"
    if not answer.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return f"returns {answer.__name__}, a dataclass that is not frozen"
    return None


# -- the contract ---------------------------------------------------------------------------


def test_the_rule_finds_the_write_services():
    found = write_services()
    for name in (
        "readingroom.circulation.lend",
        "readingroom.circulation.return_copy",
        "readingroom.circulation.renew",
        "readingroom.holds.place_hold",
        "readingroom.holds.cancel_hold_by_id",
        "readingroom.borrowers.edit_borrower",
        "readingroom.catalogue.mark_copy",
        "readingroom.policy.set_rule",
        "readingroom.staff.set_password",
        "readingroom.kiosk.set_pin",
        "readingroom.seals.seal_head",
        "readingroom.stocktake.scan",
    ):
        assert name in found, name
    for read in ("readingroom.catalogue.get_copy", "readingroom.circulation.check"):
        assert read not in found  # reads open no write
    assert {name.rsplit(".", 1)[0] for name in found} == set(WRITE_SERVICES)


@pytest.mark.parametrize("name", sorted(write_services()))
def test_a_write_service_answers_with_a_frozen_result(name):
    fn = write_services()[name]
    answer = typing.get_type_hints(fn).get("return")
    why = _why_not_a_result(answer)
    if name in EXEMPT:
        assert why is not None, f"{name} answers with a frozen result now: drop its exemption"
        return
    assert why is None, f"{name} {why}: answer with a frozen dataclass (or list it in EXEMPT)"


def test_the_check_refuses_models_tuples_none_and_unfrozen_dataclasses():
    @dataclasses.dataclass
    class Unfrozen:
        loan: Loan

    for answer in (Loan, tuple[Loan, int], None, Loan | None, Unfrozen, dict[str, int]):
        assert _why_not_a_result(answer) is not None, answer
    assert _why_not_a_result(circulation.ReturnResult) is None


def test_every_exemption_names_a_write_service():
    assert set(EXEMPT) <= set(write_services())


def test_every_module_that_writes_is_a_write_service_or_says_why_not():
    writers = set()
    for info in pkgutil.walk_packages(readingroom.__path__, "readingroom."):
        if info.name.startswith(("readingroom.cli", "readingroom.store.migrations")):
            continue
        module = importlib.import_module(info.name)
        if any(_opens_a_write(fn) for fn in _public_functions(module).values()):
            writers.add(info.name)
    unexplained = writers - set(WRITE_SERVICES) - set(OTHER_WRITERS)
    assert not unexplained, (
        f"modules that open write transactions: {sorted(unexplained)}; add them to "
        "WRITE_SERVICES (their writes answer with results) or OTHER_WRITERS with a reason"
    )
    assert set(OTHER_WRITERS) <= writers, sorted(set(OTHER_WRITERS) - writers)


# -- what the results carry -----------------------------------------------------------------


def _entries() -> int:
    return AuditEntry.select().count()


@pytest.fixture
def shelf(make_copy, make_borrower):
    """Two copies of a one-volume work and three writers."""
    make_copy("S1", "Points and Lines")
    make_copy("S2", "Points and Lines")
    for member_no in ("W1", "W2", "W3"):
        make_borrower(member_no)


def test_a_hold_placed_says_its_place_and_the_copy_set_aside(shelf, librarian):
    circulation.lend(librarian, "S1", "W1")
    first = holds.place_hold(librarian, "S1", "W2")  # S2 is on the shelf: set aside at once
    assert first.position == 0 and first.set_aside is not None
    assert first.set_aside.barcode == "S2" and first.set_aside.status == CopyStatus.HELD
    assert first.hold.status == HoldStatus.READY and first.hold.borrower.member_no == "W2"
    second = holds.place_hold(librarian, "S1", "W3")  # nothing on the shelf: waits
    assert (second.position, second.set_aside) == (1, None)
    assert second.hold.status == HoldStatus.WAITING
    # as stored
    assert Copy.get(Copy.barcode == "S2").status == CopyStatus.HELD
    assert Hold.get_by_id(first.hold.id).copy_id == first.set_aside.id


def test_cancelling_a_hold_says_what_it_freed_and_for_whom(shelf, librarian):
    circulation.lend(librarian, "S1", "W1")
    holds.place_hold(librarian, "S1", "W2")  # S2 set aside for W2
    holds.place_hold(librarian, "S1", "W3")  # W3 waits
    cancelled = holds.cancel_hold(librarian, "S2", "W2")
    assert cancelled.hold.status == HoldStatus.CANCELLED and cancelled.hold.copy_id is None
    assert cancelled.freed is not None and cancelled.freed.barcode == "S2"
    assert cancelled.passed_to is not None and cancelled.passed_to.borrower.member_no == "W3"
    assert cancelled.freed.status == CopyStatus.HELD
    # the last in line leaves: the copy goes back to the shelf
    last = holds.cancel_hold_by_id(librarian, cancelled.passed_to.id)
    assert last.passed_to is None and last.freed is not None
    assert last.freed.status == CopyStatus.AVAILABLE == Copy.get(Copy.barcode == "S2").status
    # a waiting hold freed nothing
    holds.place_hold(librarian, "S1", "W3")  # S2 set aside for W3 again
    holds.place_hold(librarian, "S1", "W2")  # W2 waits
    assert holds.cancel_hold(librarian, "S1", "W2").freed is None


def test_a_lend_and_a_renewal_say_what_they_did(shelf, supervisor, librarian):
    ten_days_ago = clock.today() - timedelta(days=10)
    lent = circulation.lend(
        supervisor, "S1", "W1", on=ten_days_ago, backdate_reason="entered from the register"
    )
    assert lent.decision.allowed and lent.loan.due == lent.decision.due
    assert (lent.loan.copy.barcode, lent.loan.borrower.member_no) == ("S1", "W1")
    assert lent.loan.copy.status == CopyStatus.ON_LOAN
    renewed = circulation.renew(librarian, "S1")
    assert renewed.old_due == lent.loan.due
    assert renewed.loan.due == renewed.decision.due and renewed.loan.due > renewed.old_due
    assert renewed.loan.renewals == 1 and renewed.loan.borrower.name == "Member W1"
    stored = Loan.get_by_id(lent.loan.id)
    assert (stored.due, stored.renewals) == (renewed.loan.due, renewed.loan.renewals)


def test_an_edit_says_what_it_changed(shelf, supervisor, librarian):
    saved = borrowers.edit_borrower(librarian, "W1", organisation="Prose Section")
    assert saved.old == {"organisation": ""} and saved.new == {"organisation": "Prose Section"}
    assert saved.borrower.organisation == "Prose Section"
    suspended = borrowers.suspend_borrower(librarian, "W1", "overdue twice")
    assert suspended.borrower.status == "suspended" and suspended.old == {"status": "active"}

    work_id = catalogue.get_copy("S1").work_id
    edited = catalogue.edit_work(librarian, work_id, publisher="Foreign Languages House")
    assert edited.old == {"publisher": ""} and edited.work.publisher == "Foreign Languages House"
    entries = _entries()
    unchanged = catalogue.edit_work(librarian, work_id)  # nothing to change: nothing written
    assert (unchanged.old, unchanged.new, _entries()) == ({}, {}, entries)
    assert unchanged.work.title == "Points and Lines"

    ruled = policy.set_rule(supervisor, "writer", "lendable", "loan", days=14)
    assert (ruled.previous.days, ruled.rule.days) == (21, 14)
    changed = settings.change(supervisor, "branch", "Northern Branch")
    assert (changed.old, changed.new) == ("Writers' Union, Regional Branch", "Northern Branch")
    delays = reminders.set_delays(supervisor, "3,10,20")
    assert delays.delays == (3, 10, 20) and delays.previous == reminders.DEFAULT_DELAYS


def test_marking_a_copy_available_says_it_was_set_aside(shelf, librarian):
    catalogue.mark_copy(librarian, "S2", "missing")
    circulation.lend(librarian, "S1", "W1")
    holds.place_hold(librarian, "S1", "W2")  # nothing on the shelf: W2 waits
    found = catalogue.mark_copy(librarian, "S2", "available", "found behind the shelf")
    assert found.previous_status == CopyStatus.MISSING
    assert found.status == CopyStatus.HELD == Copy.get(Copy.barcode == "S2").status
    assert found.set_aside_for is not None and found.set_aside_for.borrower.member_no == "W2"
    assert found.old == {"status": "missing"} and found.new == {"status": "available"}
    moved = catalogue.edit_copy(librarian, "S1", location="Safe C/1")
    assert moved.previous_status == CopyStatus.ON_LOAN and moved.set_aside_for is None
    assert moved.copy.location == "Safe C/1" and moved.copy.work.title == "Points and Lines"


def test_staff_changes_say_how_the_account_is_now(supervisor, librarian):
    disabled = staff.set_active(supervisor, "lib", False)
    assert disabled.action == "staff-disable" and disabled.user.active is False
    with pytest.raises(ReadingRoomError):
        staff.authenticate("lib", "not-the-password")  # a failure counted (and refused)
    unlocked = staff.unlock(supervisor, "lib")
    assert unlocked.user.failed_attempts == 0 and unlocked.user.locked_until is None
    added = staff.add_staff(supervisor, "deputy", "supervisor", "pass-word-2")
    assert added.user.username == "deputy" and added.seal_key  # a supervisor's key, made
    assert not staff.add_staff(supervisor, "desk2", "librarian", "pass-word-2").seal_key


def test_a_pin_change_says_whether_there_is_a_pin(shelf, librarian):
    set_ = kiosk.set_pin(librarian, "W1", "4321")
    assert set_.has_pin and set_.set_at is not None and kiosk.has_pin("W1")
    cleared = kiosk.clear_pin(librarian, "W1")
    assert (cleared.has_pin, cleared.set_at) == (False, None) and not kiosk.has_pin("W1")


# -- the command line shows the result as it showed what it read again -----------------------


def test_copy_mark_prints_what_copy_show_reads(db, shelf, librarian, capsys, monkeypatch):
    """``copy mark`` prints the result (no second read) exactly as ``copy show`` prints the
    copy read afresh, including a copy set aside at once for the next in line."""
    cli = InProcess(db, capsys, monkeypatch)
    circulation.lend(librarian, "S1", "W1")
    assert cli("copy", "mark", "S2", "missing", "--json").code == 0
    holds.place_hold(librarian, "S1", "W2")  # nothing on the shelf: W2 waits
    for status in ("available", "withdrawn"):
        if status == "withdrawn":
            holds.cancel_hold(librarian, "S2", "W2")  # S2 back on the shelf
        second = ("--confirmed-by", "lib") if status == "withdrawn" else ()
        marked = cli("copy", "mark", "S2", status, "--json", *second, stdin="pass-word-1\n")
        shown = cli("copy", "show", "S2", "--json")
        assert marked.code == shown.code == 0
        assert marked.json() == shown.json()
        assert marked.json()["status"] == ("held" if status == "available" else status)
    lost = cli("copy", "mark", "S2", "lost", "--confirmed-by", "lib", stdin="pass-word-1\n")
    assert lost.out == "S2 is now lost.\n"


def test_the_desk_shows_the_copy_as_the_result_holds_it(shelf, supervisor, librarian):
    """After a lend, a return and a renewal the desk shows the copy from the result; it is
    the copy as read afresh (``copy_info``), also when a return sets it aside."""
    from readingroom import desk
    from readingroom.catalogue import copy_info

    def act(action: str, barcode: str, member_no: str, **options) -> dict:
        done = desk.act(desk.Pending(action, barcode, member_no), librarian, **options)
        assert done.copy == copy_info(barcode), (action, barcode)
        return done.copy

    assert act(desk.LEND, "S1", "W1")["status"] == "on-loan"
    lent_on = clock.today() - timedelta(days=10)
    circulation.lend(supervisor, "S2", "W2", on=lent_on, backdate_reason="from the register")
    renewed = act(desk.RENEW, "S2", "W2")
    assert (renewed["borrower"], renewed["due"]) == (
        "W2",
        (clock.today() + timedelta(21)).isoformat(),
    )
    holds.place_hold(librarian, "S1", "W3")  # W3 waits for the work
    returned = act(desk.RETURN, "S1", "W1", condition="worn")
    assert (returned["status"], returned["held_for"], returned["condition"]) == (
        "held",
        "W3",
        "worn",
    )
    assert act(desk.RETURN, "S2", "W2", condition="damaged")["status"] == "damaged"
