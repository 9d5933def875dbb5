"""Read-only commands change nothing: every table, the audit table and its chain head
included, is the same row for row after ``check``, ``copy show``, ``borrower show``,
``search``, ``policy show``, ``audit verify`` and ``audit list`` as before them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from readingroom import audit, borrowers, catalogue, circulation, clock, holds, policy
from tests.core.cli_support import InProcess, dump, run_programs

READ_ONLY = [
    ("check", "B1", "W2"),  # refused: on loan
    ("check", "B3", "W2"),  # allowed
    ("check", "H1", "C1"),  # refused for several reasons
    ("check", "NOPE", "W1"),  # unknown barcode
    ("copy", "show", "B1"),
    ("copy", "show", "H1"),
    ("copy", "show", "NOPE"),
    ("borrower", "show", "W1"),
    ("borrower", "show", "C1"),
    ("borrower", "show", "NOPE"),
    ("search", "Proof"),
    ("search", "'; DELETE FROM loan; --"),
    ("search", ""),
    ("policy", "show"),
    ("audit", "verify"),
    ("audit", "list"),
    ("audit", "list", "--limit", "0", "--action", "lend"),
]


@pytest.fixture
def busy(db, supervisor, librarian, make_copy, make_borrower):
    """A desk in mid-season: loans current, overdue and overridden, holds waiting and ready,
    a damaged copy and a changed policy cell."""
    make_copy("B1")
    make_copy("B2")
    make_copy("B3", "The Last Leaf", author="O. Henry")
    make_copy("H1", "Proof of the Man", author="Seiichi Morimura", volumes=3)
    make_copy("X1", "Decameron", author="Boccaccio")
    for member_no in ("W1", "W2", "W3"):
        make_borrower(member_no)
    make_borrower("C1", "cadre")
    circulation.lend(
        supervisor,
        "B1",
        "W1",
        on=clock.today() - timedelta(days=40),
        backdate_reason="entered late",
    )
    circulation.lend(supervisor, "B2", "C1", override_reason="seminar")
    holds.place_hold(librarian, "B1", "W3")
    holds.place_hold(librarian, "H1", "W2")  # set aside at once
    circulation.lend(librarian, "X1", "W3")
    circulation.return_copy(librarian, "X1", condition="damaged")
    policy.set_rule(supervisor, "cadre", "reading-room", "never")
    return db


@pytest.mark.parametrize(("who", "flags"), [("boss", ((), ("--json",))), ("insp", (("--json",),))])
def test_read_only_commands_change_nothing_in_process(
    busy, inspector, capsys, monkeypatch, who, flags
):
    cli = InProcess(busy, capsys, monkeypatch)
    before = dump(busy)
    for args in READ_ONLY:
        for json_flag in flags:
            result = cli(*args, *json_flag, user=who)
            assert result.code in (0, 1, 3), (args, result)
            assert "Traceback" not in result.err
            assert dump(busy) == before, args


def test_read_only_commands_change_nothing_as_real_programs(busy, inspector):
    before = dump(busy)
    calls = [
        ("check", "H1", "C1", "--json"),
        ("borrower", "show", "W1", "--json"),
        ("audit", "verify", "--json"),
    ]
    results = run_programs(busy, calls, user="insp")
    for args, result in zip(calls, results, strict=True):
        assert result.code in (0, 3), (args, result)
    assert dump(busy) == before


def test_the_read_services_change_nothing(busy):
    before = dump(busy)
    circulation.check("H1", "C1")
    circulation.check("B3", "W1")
    catalogue.copy_info("B1")
    catalogue.search("Proof")
    catalogue.search("")
    borrowers.borrower_info("W1")
    holds.waiting_list(1)
    policy.matrix()
    assert audit.verify().ok
    assert dump(busy) == before


def test_the_dump_sees_a_change(busy, librarian):
    """The comparison itself is sharp enough to notice one loan."""
    before = dump(busy)
    circulation.lend(librarian, "B3", "W2")
    after = dump(busy)
    assert after != before
    assert after["audit_entry"] != before["audit_entry"]
    assert after["audit_head"] != before["audit_head"]
