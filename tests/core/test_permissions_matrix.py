"""Every service function that changes data, called with every staff role.

The functions are found by introspection: any public function of ``readingroom`` that
opens a write transaction, directly or through the functions it calls. One added later
without a line in :data:`SPECS` fails :func:`test_every_changing_function_has_a_spec` until
its roles are written down here, so no door is left unchecked.

For each function the inspector is refused and changes nothing (the whole database dumped
before and after is identical, and no file is written); a supervisor-only function refuses
the librarian the same way; then an allowed role makes the same call and it does change
the database, which proves the refusals were about the role and not a bad call.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

import readingroom
from readingroom import catalogue, circulation, clock, desk, holds, staff
from readingroom.errors import BadInput, NotPermitted
from readingroom.store.db import database
from readingroom.store.models import Hold
from readingroom.vocabulary import HOLD_ACTIVE
from tests.core.cli_support import snapshot as snapshot_of

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases

DESK = ("librarian", "supervisor")
SUPERVISOR = ("supervisor",)

#: changing functions that are not a staff role's to call, and why
NOT_ROLE_GATED = {
    "readingroom.staff.create_first_supervisor": (
        "the first account of an empty catalogue (refuses once any account exists)"
    ),
    "readingroom.staff.authenticate": "signing in (failures are counted and audited)",
    "readingroom.staff.record_sign_in": "a user recording their own sign-in",
    "readingroom.catalogue_file.create_catalogue": "creates a new file and its first supervisor",
    "readingroom.first_run.open_or_create_demo": "the demo collection's own file",
    "readingroom.backup.restore": "a supervisor's name and password, checked against the "
    "catalogue being replaced, else its newest readable backup "
    "(unverified only with a reason; see test_backup)",
    "readingroom.seals.after_sign_in": "part of record_sign_in: a supervisor's own key and "
    "seal, nothing for other roles (see test_seals)",
    "readingroom.seals.after_command": "the command line's step after a command: a "
    "supervisor's own seal key, nothing for other roles",
    "readingroom.refusals.recorded": "part of circulation.lend (which checks the actor): the "
    "attempt of a lend already refused, kept in the trail",
    "readingroom.refusals.noted": "part of circulation.lend: the attempt of a refused lend",
    "readingroom.refusals.write_noted": "the attempts noted by circulation.lend, written after "
    "the write they were refused in has ended",
    "readingroom.confirm.second_person": "a second staff member signing in to confirm another's "
    "act (failures counted and audited as at any sign-in; see test_room)",
    "readingroom.central.importing.import_bundle": "writes the central database, which has no "
    "staff accounts: who may import is who may write that file or database (see test_central)",
    "readingroom.central.db.write_transaction": "the central database's own write transaction",
    "readingroom.pseudonyms.branch_secret": "part of bundle.export_bundle --union, after its "
    "check of the supervisor signed in with their password: the branch's pseudonym secret, "
    "made once",
}


# -- discovery ------------------------------------------------------------------------------


def _functions() -> dict[str, tuple[ModuleType, Callable]]:
    found = {}
    for info in pkgutil.walk_packages(readingroom.__path__, "readingroom."):
        if info.name.startswith(("readingroom.cli", "readingroom.store.migrations")):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = (module, obj)
    return found


def _callees(module: ModuleType, fn: Callable) -> set[str]:
    """Qualified names of the readingroom functions ``fn`` calls."""
    names = set()
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        target = None
        if isinstance(node.func, ast.Name):
            target = vars(module).get(node.func.id)
        elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            owner = vars(module).get(node.func.value.id)
            if isinstance(owner, ModuleType):
                target = getattr(owner, node.func.attr, None)
        if inspect.isfunction(target) and target.__module__.startswith("readingroom."):
            names.add(f"{target.__module__}.{target.__name__}")
    return names


@functools.cache
def changing_functions() -> list[str]:
    """Public functions that open a write transaction themselves or through a callee."""
    functions = _functions()
    source = {name: inspect.getsource(fn) for name, (_, fn) in functions.items()}
    calls = {name: _callees(module, fn) for name, (module, fn) in functions.items()}
    writes = {
        name
        for name, text in source.items()
        if "write_transaction(" in text and name != "readingroom.store.db.write_transaction"
    }
    grew = True
    while grew:
        more = {name for name, callees in calls.items() if callees & writes} - writes
        writes |= more
        grew = bool(more)
    return sorted(n for n in writes if not n.rsplit(".", 1)[1].startswith("_"))


# -- the world each call is made in ---------------------------------------------------------


@pytest.fixture
def staffed(db, supervisor, librarian, inspector, tmp_path):
    """Staff of each role, a spare librarian account and an output folder; no collection."""
    staff.add_staff(supervisor, "spare", "librarian", "pass-word-1")
    out = tmp_path / "out"
    out.mkdir()
    return SimpleNamespace(
        supervisor=supervisor,
        librarian=librarian,
        inspector=inspector,
        work_id=None,
        tmp=tmp_path,
        out=out,
    )


@pytest.fixture
def world(staffed, make_copy, make_borrower):
    """Also copies C1 (on the shelf), C2 (lent to W1) and C3, writers W1 and W2, a cadre K1."""
    make_copy("C1")
    staffed.work_id = make_copy("C2").work_id
    make_copy("C3", "Proof of the Man", author="Seiichi Morimura")
    for member_no in ("W1", "W2"):
        make_borrower(member_no)
    make_borrower("K1", "cadre")
    # lent some days ago: a renewal today extends it (on the day of the lend it is TOO_SOON)
    day = clock.today() - timedelta(days=5)
    circulation.lend(staffed.supervisor, "C2", "W1", on=day, backdate_reason="paper register")
    return staffed


@dataclass(frozen=True)
class Spec:
    roles: tuple[str, ...]
    call: Callable[[Any, SimpleNamespace], object]
    setup: Callable[[SimpleNamespace], None] = lambda w: None
    #: the call needs an empty catalogue (staff only)
    empty: bool = False


def _csv(w: SimpleNamespace, name: str, text: str) -> Path:
    path = w.tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def _marc(w: SimpleNamespace) -> Path:
    from pymarc import Field, Record, Subfield

    record = Record()
    record.add_field(
        Field(tag="245", indicators=["0", "0"], subfields=[Subfield("a", "The Crab Cannery Ship")])
    )
    record.add_field(
        Field(tag="100", indicators=["1", " "], subfields=[Subfield("a", "Kobayashi, Takiji")])
    )
    path = w.tmp / "one.mrc"
    path.write_bytes(record.as_marc())
    return path


def _hold_w2_on_c2(w: SimpleNamespace) -> None:
    holds.place_hold(w.supervisor, "C2", "W2")


def _mark_demo(w: SimpleNamespace) -> None:
    """The demo's accounts (public passwords) are made on the demo catalogue only."""
    _module("settings").change(w.supervisor, "demo", "1")


def _demo_loaded(w: SimpleNamespace) -> None:
    """The demo collection, its morning in the reading room over (the room empty)."""
    _module("demo").load_demo(w.supervisor)


def _civilian_v1(w: SimpleNamespace) -> None:
    _module("borrowers").add_borrower(w.supervisor, "V1", name="Ri Civilian", role="civilian")


def _suspend_w2(w: SimpleNamespace) -> None:
    _module("borrowers").suspend_borrower(w.supervisor, "W2", "overdue twice")


def _pin_for_w2(w: SimpleNamespace) -> None:
    _module("kiosk").set_pin(w.supervisor, "W2", "2468")


def _wrong_pin_for_w2(w: SimpleNamespace) -> None:
    _pin_for_w2(w)
    kiosk = _module("kiosk")
    kiosk.record_refusal(w.supervisor, "W2", kiosk.check("W2", "0000"), "wrong PIN")


def _hold_id() -> int:
    return Hold.select().where(Hold.status.in_(HOLD_ACTIVE)).get().id


def _start_stocktake(w: SimpleNamespace) -> None:
    from readingroom import stocktake

    stocktake.start(w.supervisor)


def _unlock_seal_key(w: SimpleNamespace) -> None:
    from readingroom import seals

    seals.unlock(w.supervisor, "pass-word-1")


def _waiting_seal_key(w: SimpleNamespace) -> None:
    """A supervisor added by one whose key is not unlocked: their key waits for a certifier."""
    staff.add_staff(staff.get_staff(w.supervisor.username), "deputy", "supervisor", "pass-word-2")
    _unlock_seal_key(w)


def _overdue_loan(w: SimpleNamespace) -> None:
    circulation.lend(
        w.supervisor,
        "C1",
        "W2",
        on=date.today() - timedelta(days=60),
        backdate_reason="entered from the paper register",
    )


def _note_on_w2(w: SimpleNamespace) -> None:
    _module("borrower_notes").add_note(w.supervisor, "W2", "asked to return vol. 2")


def _note_id() -> int:
    notes: list[Any] = _module("borrower_notes").notes_of("W2")
    return int(notes[0].id)


def _restriction_on_c1(w: SimpleNamespace) -> None:
    _module("restrictions").restrict(
        w.supervisor,
        "C1",
        reason="review",
        authority="Board",
        ends=date.today() + timedelta(days=3),
    )


def _restriction_id() -> int:
    found: list[Any] = _module("restrictions").list_restrictions()
    return int(found[0].id)


def _module(name: str) -> Any:
    return importlib.import_module(f"readingroom.{name}")


def _c1_in_room(w: SimpleNamespace) -> None:
    _module("room").issue(w.supervisor, "C1", "W2")


SPECS: dict[str, Spec] = {
    "readingroom.room.issue": Spec(DESK, lambda a, w: _module("room").issue(a, "C1", "W2")),
    "readingroom.room.return_from_room": Spec(
        DESK, lambda a, w: _module("room").return_from_room(a, "C1"), _c1_in_room
    ),
    "readingroom.room.issue_together": Spec(
        DESK, lambda a, w: _module("room").issue_together(a, ["C1", "C3"], "W2")
    ),
    "readingroom.room.return_together": Spec(
        DESK, lambda a, w: _module("room").return_together(a, ["C1"]), _c1_in_room
    ),
    "readingroom.room.close": Spec(DESK, lambda a, w: _module("room").close(a)),
    "readingroom.room.record_desk_refusal": Spec(
        DESK, lambda a, w: _module("room").record_desk_refusal(a, "C1", "V1"), _civilian_v1
    ),
    "readingroom.room.set_seats": Spec(SUPERVISOR, lambda a, w: _module("room").set_seats(a, 8)),
    "readingroom.catalogue.add_work": Spec(
        DESK, lambda a, w: catalogue.add_work(a, title="Decameron", author="Giovanni Boccaccio")
    ),
    "readingroom.catalogue.edit_work": Spec(
        DESK, lambda a, w: catalogue.edit_work(a, w.work_id, notes="rebound")
    ),
    "readingroom.catalogue.add_copy": Spec(
        DESK, lambda a, w: catalogue.add_copy(a, w.work_id, "NEW-1")
    ),
    "readingroom.catalogue.edit_copy": Spec(
        DESK, lambda a, w: catalogue.edit_copy(a, "C1", location="Safe B/2")
    ),
    "readingroom.borrowers.add_borrower": Spec(
        DESK,
        lambda a, w: _module("borrowers").add_borrower(a, "W9", name="New Writer", role="writer"),
    ),
    "readingroom.borrowers.edit_borrower": Spec(
        DESK,
        lambda a, w: _module("borrowers").edit_borrower(a, "W2", organisation="Poets' section"),
    ),
    "readingroom.borrowers.suspend_borrower": Spec(
        DESK,
        lambda a, w: _module("borrowers").suspend_borrower(a, "W2", "kept a volume for two months"),
    ),
    "readingroom.borrowers.reinstate_borrower": Spec(
        SUPERVISOR, lambda a, w: _module("borrowers").reinstate_borrower(a, "W2"), _suspend_w2
    ),
    "readingroom.catalogue.mark_copy": Spec(
        DESK, lambda a, w: catalogue.mark_copy(a, "C1", "missing", "not on its shelf")
    ),
    "readingroom.imports.import_catalogue": Spec(
        DESK,
        lambda a, w: _module("imports").import_catalogue(
            a, _csv(w, "cat.csv", "barcode,title,author\nIMP-1,Boule de Suif,Maupassant\n")
        ),
    ),
    "readingroom.imports.import_borrowers": Spec(
        DESK,
        lambda a, w: _module("imports").import_borrowers(
            a, _csv(w, "bor.csv", "member_no,name,role\nW-77,Imported Writer,writer\n")
        ),
    ),
    "readingroom.marc.importing.import_marc": Spec(
        DESK, lambda a, w: _module("marc").import_marc(a, _marc(w))
    ),
    "readingroom.circulation.lend": Spec(DESK, lambda a, w: circulation.lend(a, "C1", "W2")),
    "readingroom.refusals.record_desk_refusal": Spec(
        DESK, lambda a, w: _module("refusals").record_desk_refusal(a, "C1", "V1"), _civilian_v1
    ),
    "readingroom.circulation.return_copy": Spec(
        DESK, lambda a, w: circulation.return_copy(a, "C2")
    ),
    "readingroom.circulation.renew": Spec(DESK, lambda a, w: circulation.renew(a, "C2")),
    "readingroom.desk.act": Spec(
        DESK, lambda a, w: desk.act(desk.Pending(desk.LEND, "C1", "W2"), a)
    ),
    "readingroom.desk.place_hold": Spec(
        DESK,
        lambda a, w: desk.place_hold(
            a, desk.BasketItem(desk.Pending(desk.LEND, "C2", "W2"), "A work", 1)
        ),
    ),
    "readingroom.holds.place_hold": Spec(DESK, lambda a, w: holds.place_hold(a, "C2", "W2")),
    "readingroom.holds.place_hold_on_work": Spec(
        DESK, lambda a, w: holds.place_hold_on_work(a, w.work_id, 1, "W2")
    ),
    "readingroom.holds.expire_set_aside": Spec(
        DESK,
        lambda a, w: holds.expire_set_aside(a, today=clock.today() + timedelta(days=30)),
        lambda w: holds.place_hold(w.supervisor, "C1", "W2"),  # set aside at once
    ),
    "readingroom.writers_catalogue.ready_for_me": Spec(
        DESK,
        lambda a, w: _module("writers_catalogue").ready_for_me(a, "W2", "2468"),
        _wrong_pin_for_w2,  # the right PIN clears the wrong try: a change
    ),
    "readingroom.holds.cancel_hold": Spec(
        DESK, lambda a, w: holds.cancel_hold(a, "C2", "W2"), _hold_w2_on_c2
    ),
    "readingroom.holds.cancel_hold_by_id": Spec(
        DESK, lambda a, w: holds.cancel_hold_by_id(a, _hold_id()), _hold_w2_on_c2
    ),
    "readingroom.writers_catalogue.join_waiting_list": Spec(
        DESK,
        lambda a, w: _module("writers_catalogue").join_waiting_list(a, w.work_id, 1, "W2", "2468"),
        _pin_for_w2,
    ),
    "readingroom.kiosk.set_pin": Spec(DESK, lambda a, w: _module("kiosk").set_pin(a, "W2", "2468")),
    "readingroom.kiosk.clear_pin": Spec(
        DESK, lambda a, w: _module("kiosk").clear_pin(a, "W2"), _pin_for_w2
    ),
    "readingroom.kiosk.record_refusal": Spec(
        DESK,
        lambda a, w: _module("kiosk").record_refusal(
            a, "W2", _module("kiosk").check("W2", "0000"), "wrong PIN"
        ),
        _pin_for_w2,
    ),
    "readingroom.policy.set_rule": Spec(
        SUPERVISOR,
        lambda a, w: _module("policy").set_rule(a, "writer", "lendable", "loan", days=14),
    ),
    "readingroom.settings.change": Spec(
        SUPERVISOR, lambda a, w: _module("settings").change(a, "branch", "Northern Branch")
    ),
    "readingroom.settings.set_pickup_days": Spec(
        SUPERVISOR, lambda a, w: _module("settings").set_pickup_days(a, 3)
    ),
    "readingroom.settings.set_slip_mode": Spec(
        SUPERVISOR, lambda a, w: _module("settings").set_slip_mode(a, "never")
    ),
    "readingroom.settings.set_print_language": Spec(
        SUPERVISOR, lambda a, w: _module("settings").set_print_language(a, "ko_KP")
    ),
    "readingroom.settings.set_scanner_affix": Spec(
        SUPERVISOR, lambda a, w: _module("settings").set_scanner_affix(a, "scanner_prefix", "*")
    ),
    "readingroom.borrower_notes.add_note": Spec(
        DESK, lambda a, w: _module("borrower_notes").add_note(a, "W2", "phoned about vol. 2")
    ),
    "readingroom.borrower_notes.resolve_note": Spec(
        DESK, lambda a, w: _module("borrower_notes").resolve_note(a, _note_id()), _note_on_w2
    ),
    "readingroom.settings.set_branch": Spec(
        SUPERVISOR, lambda a, w: _module("settings").set_branch(a, "Northern Branch")
    ),
    "readingroom.staff.add_staff": Spec(
        SUPERVISOR, lambda a, w: staff.add_staff(a, "newcomer", "librarian", "pass-word-1")
    ),
    "readingroom.staff.set_password": Spec(
        SUPERVISOR, lambda a, w: staff.set_password(a, "spare", "another-pass")
    ),
    "readingroom.staff.set_active": Spec(
        SUPERVISOR, lambda a, w: staff.set_active(a, "spare", False)
    ),
    "readingroom.staff.unlock": Spec(SUPERVISOR, lambda a, w: staff.unlock(a, "spare")),
    "readingroom.staff.set_full_name": Spec(
        SUPERVISOR, lambda a, w: staff.set_full_name(a, "spare", "Spare Librarian")
    ),
    "readingroom.demo.load_demo": Spec(SUPERVISOR, lambda a, w: _module("demo").load_demo(a)),
    "readingroom.demo.reading_room_morning": Spec(
        DESK, lambda a, w: _module("demo").reading_room_morning(a), _demo_loaded
    ),
    "readingroom.demo.add_demo_accounts": Spec(
        SUPERVISOR, lambda a, w: _module("demo").add_demo_accounts(a), _mark_demo
    ),
    "readingroom.inspection.schedule": Spec(
        SUPERVISOR,
        lambda a, w: _module("inspection").schedule(a, date.today() + timedelta(days=40)),
    ),
    "readingroom.reminders.set_delays": Spec(
        SUPERVISOR, lambda a, w: _module("reminders").set_delays(a, "3,10,20")
    ),
    "readingroom.reminders.send": Spec(
        DESK, lambda a, w: _module("reminders").send(a, w.out), _overdue_loan
    ),
    "readingroom.inspection.write_recall_letters": Spec(
        DESK,
        lambda a, w: _module("inspection").write_recall_letters(a, w.out / f"recall-{a.username}"),
        _overdue_loan,
    ),
    "readingroom.stocktake.start": Spec(DESK, lambda a, w: _module("stocktake").start(a)),
    "readingroom.stocktake.scan": Spec(
        DESK, lambda a, w: _module("stocktake").scan(a, "C1"), _start_stocktake
    ),
    "readingroom.stocktake.scan_many": Spec(
        DESK, lambda a, w: list(_module("stocktake").scan_many(a, ["C1", "C3"])), _start_stocktake
    ),
    "readingroom.stocktake.close": Spec(
        SUPERVISOR, lambda a, w: _module("stocktake").close(a, "Lee Min-jae"), _start_stocktake
    ),
    "readingroom.reports.export": Spec(
        ("inspector", *DESK),
        lambda a, w: _module("reports").export(
            a, "inventory", "csv", w.out / f"inventory-{a.username}.csv"
        ),
    ),
    "readingroom.marc.exporting.export_marc": Spec(
        ("inspector", *DESK),
        lambda a, w: _module("marc").export_marc(a, w.out / f"catalogue-{a.username}.xml"),
    ),
    "readingroom.backup.make_backup": Spec(
        DESK, lambda a, w: _module("backup").make_backup(a, w.out / "backup.db")
    ),
    "readingroom.bundle.export_bundle": Spec(
        SUPERVISOR,
        lambda a, w: _module("bundle").export_bundle(a, w.out / "bundle", ["loans"]),
        _unlock_seal_key,
    ),
    "readingroom.seals.seal_head": Spec(
        SUPERVISOR, lambda a, w: _module("seals").seal_head(a), _unlock_seal_key
    ),
    "readingroom.checkpoint.make": Spec(
        SUPERVISOR, lambda a, w: _module("checkpoint").make(a), _unlock_seal_key
    ),
    "readingroom.seals.seal_if_possible": Spec(
        SUPERVISOR, lambda a, w: _module("seals").seal_if_possible(a), _unlock_seal_key
    ),
    "readingroom.seals.settle": Spec(
        SUPERVISOR, lambda a, w: _module("seals").settle(a), _waiting_seal_key
    ),
    "readingroom.seals.enrol": Spec(
        SUPERVISOR, lambda a, w: _module("seals").enrol(a, "boss", "supervisor", "pass-word-3")
    ),
    "readingroom.seals.password_changed": Spec(
        SUPERVISOR, lambda a, w: _module("seals").password_changed(a, "boss", "pass-word-3")
    ),
    "readingroom.generate.generate_library": Spec(
        SUPERVISOR,
        lambda a, w: _module("generate").generate_library(
            a, _module("generate").LibrarySpec(works=3, copies=4, borrowers=2, loans=2)
        ),
        empty=True,
    ),
    "readingroom.circulation.lend_together": Spec(
        DESK, lambda a, w: circulation.lend_together(a, ["C1", "C3"], "W2")
    ),
    "readingroom.circulation.return_together": Spec(
        DESK, lambda a, w: circulation.return_together(a, ["C2"])
    ),
    # restrictions, the condition rows and conservation (issue 14)
    "readingroom.restrictions.restrict": Spec(
        SUPERVISOR,
        lambda a, w: _module("restrictions").restrict(a, "C1", reason="review", authority="Board"),
    ),
    "readingroom.restrictions.unrestrict": Spec(
        SUPERVISOR,
        lambda a, w: _module("restrictions").unrestrict(a, _restriction_id(), "done"),
        _restriction_on_c1,
    ),
    "readingroom.restrictions.lift_due": Spec(
        DESK,
        lambda a, w: _module("restrictions").lift_due(a, date.today() + timedelta(days=10)),
        _restriction_on_c1,
    ),
    "readingroom.condition_policy.set_condition_rule": Spec(
        SUPERVISOR,
        lambda a, w: _module("condition_policy").set_condition_rule(a, "ragged", "none"),
    ),
    "readingroom.conservation.send": Spec(
        DESK, lambda a, w: _module("conservation").send(a, "C1", note="spine")
    ),
    "readingroom.conservation.release": Spec(
        DESK,
        lambda a, w: _module("conservation").release(a, "C3", condition="worn"),
        lambda w: _module("conservation").send(w.supervisor, "C3"),
    ),
}


def snapshot() -> str:
    """The whole database as text: any change anywhere shows."""
    return snapshot_of(database)


def _folder(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


# -- the tests ------------------------------------------------------------------------------


def test_every_changing_function_has_a_spec():
    found = set(changing_functions())
    unknown = sorted(found - set(SPECS) - set(NOT_ROLE_GATED))
    assert not unknown, (
        "service functions that change data but have no line in SPECS "
        f"(which roles may call them?): {unknown}"
    )
    assert len(found) >= 25, sorted(found)  # discovery itself works


def test_discovery_follows_calls_into_other_modules():
    found = changing_functions()
    assert "readingroom.writers_catalogue.join_waiting_list" in found  # through holds
    assert "readingroom.catalogue.get_copy" not in found


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_role_gets_exactly_its_rights(name, request):
    if name not in changing_functions():
        pytest.skip(f"{name} does not exist (yet) or no longer changes data")
    spec = SPECS[name]
    world = request.getfixturevalue("staffed" if spec.empty else "world")
    spec.setup(world)
    refused = [role for role in ("inspector", "librarian", "supervisor") if role not in spec.roles]
    for role in refused:
        before, files = snapshot(), _folder(world.out)
        with pytest.raises(NotPermitted):
            spec.call(getattr(world, role), world)
        assert snapshot() == before, f"{role} changed the database through {name}"
        assert _folder(world.out) == files, f"{role} wrote files through {name}"
    allowed = spec.roles[0]
    before = snapshot()
    spec.call(getattr(world, allowed), world)
    assert snapshot() != before, f"the {allowed}'s call of {name} changed nothing"


def test_only_a_supervisor_overrides_a_lend_or_a_renewal(world):
    circulation.renew(world.supervisor, "C2")  # the one renewal the policy allows
    attempts = {
        "lend": lambda a: circulation.lend(a, "C1", "K1", override_reason="seminar"),
        "renew": lambda a: circulation.renew(a, "C2", override_reason="needs it longer"),
    }
    for what, call in attempts.items():
        before = snapshot()
        for role in ("librarian", "inspector"):
            with pytest.raises(NotPermitted):
                call(getattr(world, role))
            assert snapshot() == before, f"the {role}'s {what} override changed something"
        decision = call(world.supervisor).decision
        assert decision.overridden, what


def test_first_supervisor_cannot_be_created_once_staff_exist(world):
    before = snapshot()
    with pytest.raises(BadInput):
        staff.create_first_supervisor("intruder", "pass-word-1")
    assert snapshot() == before
