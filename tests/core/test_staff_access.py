"""Staff access: lockout after failed sign-ins, unlocking, passwords, disabled accounts,
read-only commands that write nothing, and no secret in any log."""

from __future__ import annotations

import ast
import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from reliability_support import dump, run_cli

from readingroom import circulation, clock, staff
from readingroom.errors import NotPermitted
from readingroom.store.models import AuditEntry, StaffUser

PASSWORD = "pass-word-1"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def frozen_clock(monkeypatch):
    """``clock.now`` under the test's control: ``frozen_clock.advance(seconds=...)``."""

    class Clock:
        now = datetime(2026, 3, 2, 9, 0, 0)

        def advance(self, **delta) -> None:
            self.now += timedelta(**delta)

    frozen = Clock()
    monkeypatch.setattr(clock, "now", lambda: frozen.now)
    return frozen


def _fail(username: str, times: int = 1, password: str = "wrong-guess") -> str:
    message = ""
    for _ in range(times):
        with pytest.raises(NotPermitted) as refused:
            staff.authenticate(username, password)
        message = refused.value.message
    return message


def _locked_until(username: str) -> datetime | None:
    return StaffUser.get(StaffUser.username == username).locked_until


def test_five_failures_lock_for_a_minute_then_each_further_failure_doubles(librarian, frozen_clock):
    start = frozen_clock.now
    _fail("lib", 4)
    assert _locked_until("lib") is None
    assert staff.authenticate("lib", PASSWORD).username == "lib"  # resets the count
    _fail("lib", 5)
    assert _locked_until("lib") == start + timedelta(minutes=1)
    # even the right password meets the one answer: no guessing through the lock
    assert _fail("lib", password=PASSWORD) == staff.WRONG_NAME_OR_PASSWORD
    for minutes in (2, 4, 8):
        frozen_clock.advance(minutes=minutes // 2, seconds=1)  # the lock has run out
        assert "Wrong name or password" in _fail("lib")
        assert _locked_until("lib") == frozen_clock.now + timedelta(minutes=minutes)
    frozen_clock.advance(minutes=8, seconds=1)
    assert staff.authenticate("lib", PASSWORD).failed_attempts == 0


def test_a_locked_account_leaves_the_others_alone(supervisor, librarian, inspector, frozen_clock):
    _fail("lib", 5)
    assert staff.authenticate("boss", PASSWORD).username == "boss"
    assert staff.authenticate("insp", PASSWORD).username == "insp"
    assert _locked_until("boss") is None and _locked_until("insp") is None


def test_a_supervisor_unlocks_and_no_one_else_may(supervisor, librarian, inspector, frozen_clock):
    _fail("lib", 5)
    for other in (inspector, librarian):
        with pytest.raises(NotPermitted):
            staff.unlock(other, "lib")
    assert _locked_until("lib") is not None
    staff.unlock(supervisor, "lib")
    assert staff.authenticate("lib", PASSWORD).username == "lib"


def test_every_failed_sign_in_is_audited_with_its_reason(supervisor, librarian, frozen_clock):
    staff.set_active(supervisor, "lib", False)
    _fail("nobody")
    _fail("lib", password=PASSWORD)
    staff.set_active(supervisor, "lib", True)
    _fail("lib", 5)
    _fail("lib", password=PASSWORD)
    rows = [
        (e.entity_id, e.details)
        for e in AuditEntry.select()
        .where(AuditEntry.action == "sign-in-failed")
        .order_by(AuditEntry.id)
    ]
    reasons = [details for _, details in rows]
    assert [who for who, _ in rows] == ["nobody", "lib", "lib", "lib", "lib", "lib", "lib", "lib"]
    assert "unknown user" in reasons[0] and "account disabled" in reasons[1]
    assert all("wrong password" in r for r in reasons[2:7])
    assert "locked_until" in reasons[6] and "account locked" in reasons[7]


# -- the command line -----------------------------------------------------------------------


def test_the_command_line_says_the_lock_may_be_why_and_exits_5(
    db, supervisor, librarian, monkeypatch, capsys
):
    def as_lib(password: str):
        return run_cli(
            monkeypatch, capsys, "--db", str(db), "search", "Points", user="lib", password=password
        )

    for _ in range(5):
        result = as_lib("wrong-guess")
        assert result.code == 5 and "Wrong name or password." in result.err
    result = as_lib(PASSWORD)
    assert result.code == 5  # the lock answers as a wrong password does (no oracle)
    assert "Repeated failures lock an account" in result.err
    assert "ask a supervisor to unlock it" in result.err
    assert (
        run_cli(
            monkeypatch,
            capsys,
            "--db",
            str(db),
            "staff",
            "unlock",
            "lib",
            user="lib",
            password=PASSWORD,
        ).code
        == 5
    )
    assert (
        run_cli(
            monkeypatch,
            capsys,
            "--db",
            str(db),
            "staff",
            "unlock",
            "lib",
            user="boss",
            password=PASSWORD,
        ).code
        == 0
    )
    assert as_lib(PASSWORD).code == 0


def _desk(supervisor, make_copy, make_borrower) -> None:
    make_copy("B1")
    make_copy("B2")
    make_borrower("W1")
    circulation.lend(supervisor, "B2", "W1")


READ_ONLY_COMMANDS = (
    ("search", "Points"),
    ("search", ""),
    ("copy", "show", "B1"),
    ("borrower", "show", "W1"),
    ("check", "B1", "W1"),
    ("policy", "show"),
    ("staff", "list"),
    ("audit", "verify"),
    ("audit", "list"),
    ("doctor",),
)


def test_read_only_commands_write_nothing(
    db, supervisor, librarian, inspector, make_copy, make_borrower, monkeypatch, capsys
):
    _desk(supervisor, make_copy, make_borrower)
    before = dump(db)
    for user in ("lib", "insp"):
        for command in READ_ONLY_COMMANDS:
            result = run_cli(
                monkeypatch, capsys, "--db", str(db), *command, user=user, password=PASSWORD
            )
            assert result.code == 0, (command, result.text)
    assert dump(db) == before


def test_passwords_change_from_standard_input(
    db, supervisor, librarian, inspector, monkeypatch, capsys
):
    def passwd(name: str, user: str, password: str, stdin: str):
        return run_cli(
            monkeypatch,
            capsys,
            "--db",
            str(db),
            "staff",
            "passwd",
            name,
            user=user,
            password=password,
            stdin=stdin,
        )

    assert passwd("lib", "lib", PASSWORD, "own-new-pw-1\nown-new-pw-1\n").code == 0
    assert staff.authenticate("lib", "own-new-pw-1").username == "lib"
    mismatch = passwd("lib", "lib", "own-new-pw-1", "first-try\nsecond-try\n")
    assert mismatch.code == 1 and "do not match" in mismatch.err
    refused = passwd("boss", "lib", "own-new-pw-1", "takeover\ntakeover\n")
    assert refused.code == 5 and "supervisor" in refused.err
    assert passwd("insp", "boss", PASSWORD, "reset-by-boss\nreset-by-boss\n").code == 0
    assert staff.authenticate("insp", "reset-by-boss").username == "insp"
    signed_in_by_stdin = run_cli(
        monkeypatch,
        capsys,
        "--db",
        str(db),
        "--user",
        "lib",
        "staff",
        "passwd",
        "lib",
        stdin="own-new-pw-1\nown-new-pw-2\nown-new-pw-2\n",
    )
    assert signed_in_by_stdin.code == 0, signed_in_by_stdin.text
    assert staff.authenticate("lib", "own-new-pw-2").username == "lib"
    with pytest.raises(NotPermitted):
        staff.authenticate("boss", "takeover")


def test_a_disabled_account_cannot_sign_in_until_enabled(
    db, supervisor, librarian, monkeypatch, capsys
):
    def cli(*args, user="boss", password=PASSWORD):
        return run_cli(monkeypatch, capsys, "--db", str(db), *args, user=user, password=password)

    assert cli("staff", "disable", "boss", user="lib").code == 5
    assert cli("staff", "disable", "lib").code == 0
    refused = cli("search", "x", user="lib")
    assert refused.code == 5 and "disabled" in refused.err
    assert cli("staff", "enable", "lib").code == 0
    assert cli("search", "x", user="lib").code == 0


# -- secrets never logged -------------------------------------------------------------------


def test_no_password_or_hash_reaches_a_log_file(db, supervisor, monkeypatch, capsys, tmp_path):
    log_file = tmp_path / "everything.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        staff.add_staff(supervisor, "clerk", "librarian", "clerk-secret-1")
        _fail("clerk", password="clerk-guess-2")
        staff.authenticate("clerk", "clerk-secret-1")
        staff.set_password(supervisor, "clerk", "clerk-secret-3")
        run_cli(
            monkeypatch,
            capsys,
            "--db",
            str(db),
            "staff",
            "passwd",
            "clerk",
            user="clerk",
            password="clerk-secret-3",
            stdin="clerk-secret-4\n" * 2,
        )
        run_cli(
            monkeypatch,
            capsys,
            "--db",
            str(db),
            "search",
            "x",
            user="clerk",
            password="clerk-guess-5",
        )
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    logged = log_file.read_text(encoding="utf-8")
    assert "staff_user" in logged  # the queries were logged: the check below means something
    hashes = [u.password_hash for u in StaffUser.select()]
    secrets = [
        f"clerk-{word}-{n}"
        for word, n in (("secret", 1), ("guess", 2), ("secret", 3), ("secret", 4), ("guess", 5))
    ]
    for secret in secrets + hashes + [h.rsplit("$", 1)[-1] for h in hashes]:
        assert secret not in logged


SECRET_NAMES = ("password", "passphrase", "secret", "password_hash")
LOG_METHODS = ("debug", "info", "warning", "error", "exception", "critical", "log")


def _logged_names(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in LOG_METHODS
        ):
            continue
        owner = ast.unparse(node.func.value).lower()
        if "log" not in owner:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            for name in ast.walk(arg):
                text = (
                    name.id
                    if isinstance(name, ast.Name)
                    else name.attr
                    if isinstance(name, ast.Attribute)
                    else ""
                )
                if any(s in text.lower() for s in SECRET_NAMES):
                    found.append((node.lineno, text))
    return found


def test_no_logging_call_is_handed_a_password():
    offenders = []
    for folder in ("readingroom", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            offenders += [
                f"{path.relative_to(ROOT)}:{line} {name}" for line, name in _logged_names(tree)
            ]
    assert not offenders
