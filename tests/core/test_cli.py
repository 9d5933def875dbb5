"""The command line as a contract: every command of issue 2 with its exact arguments, exit
codes 0-5, JSON keys, and the same behaviour from ``python main.py``.

Most calls run ``main([...])`` in this process (fast); the ones that matter as a real program
(``init``, passwords on stdin, tracebacks, ``main.py``) run in a fresh process.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from readingroom import clock, staff
from readingroom.cli import main
from readingroom.store.models import Loan
from tests.core.cli_support import (
    BOSS,
    PASSWORD,
    REPO,
    InProcess,
    dump,
    run_program,
)

CATALOGUE = """barcode,title,author,original_title,translator,volume,volumes,access,location
B1,Points and Lines,Seichō Matsumoto,点と線,이정희,,,lendable,Safe A/1
B2,Points and Lines,Seichō Matsumoto,点と線,이정희,,,lendable,Safe A/1
B3,The Last Leaf,O. Henry,,Choe Hyon,,,lendable,Safe A/2
P1,Proof of the Man,Seiichi Morimura,人間の証明,김수영,1,3,lendable,Safe B/3
P2,Proof of the Man,Seiichi Morimura,人間の証明,김수영,2,3,lendable,Safe B/3
P3,Proof of the Man,Seiichi Morimura,人間の証明,김수영,3,3,lendable,Safe B/3
D1,Dictionary of Synonyms,Editors,,,,,reading-room,Shelf 2
S1,Register of Restricted Foreign Literature,Union,,,,,staff-only,Safe C/3
"""
BORROWERS = """member_no,name,role,organisation,status,expires
W1,리명희,writer,Writers' Union,active,2099-12-31
W2,Kim Chol-su,writer,Writers' Union,active,
W3,Han Song-il,writer,Writers' Union,active,
W9,Jang Myong-chol,writer,Writers' Union,suspended,
C1,오광철,cadre,Culture Department,active,
V1,정순자,civilian,Textile Mill,active,
"""
DECISION_KEYS = {"allowed", "due", "reasons"}
REASON_KEYS = {"code", "overridable", "message"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A catalogue built once through the command line itself: init, staff, two imports."""
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "template.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
        patch.setenv("READINGROOM_USER", BOSS)
        patch.setenv("READINGROOM_PASSWORD", PASSWORD)

        def run(*args: str, stdin: str = "") -> int:
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            with contextlib.redirect_stdout(io.StringIO()):
                return main(["--db", str(path), *args])

        assert run("init") == 0
        for name, role in (("lib", "librarian"), ("insp", "inspector")):
            assert run("staff", "add", name, "--role", role, stdin=f"{PASSWORD}\n{PASSWORD}\n") == 0
        for kind, text in (("catalogue", CATALOGUE), ("borrowers", BORROWERS)):
            csv_path = folder / f"{kind}.csv"
            csv_path.write_text(text, encoding="utf-8")
            assert run("import", kind, str(csv_path)) == 0
    return path


@pytest.fixture
def cli(template, tmp_path, capsys, monkeypatch) -> InProcess:
    """A fresh copy of the template catalogue for each test."""
    path = tmp_path / "desk.db"
    shutil.copyfile(template, path)
    return InProcess(path, capsys, monkeypatch)


def days(n: int) -> str:
    return (clock.today() + timedelta(days=n)).isoformat()


def assert_decision(data: dict, allowed: bool, codes: list[str]) -> None:
    assert DECISION_KEYS <= set(data)
    assert data["allowed"] is allowed
    assert [r["code"] for r in data["reasons"]] == codes
    for reason in data["reasons"]:
        assert set(reason) == REASON_KEYS
        assert isinstance(reason["overridable"], bool) and reason["message"]


# -- check, lend, return, renew -----------------------------------------------------------


def test_check_is_0_when_allowed_and_3_when_refused(cli):
    allowed = cli("check", "B1", "W1", "--json")
    assert allowed.code == 0
    assert_decision(allowed.json(), True, [])
    assert allowed.json()["due"] == days(21)
    refused = cli("check", "B1", "V1", "--json")
    assert refused.code == 3
    assert_decision(refused.json(), False, ["ROLE_NOT_PERMITTED"])
    assert refused.json()["due"] is None
    assert refused.json()["reasons"][0]["overridable"] is False
    text = cli("check", "B1", "C1")
    assert text.code == 3 and "APPROVAL_REQUIRED" in text.out


def test_lend_is_0_and_prints_the_decision(cli):
    result = cli("lend", "B1", "W1", "--json")
    assert result.code == 0, result
    assert_decision(result.json(), True, [])
    assert result.json()["due"] == days(21)
    text = cli("lend", "B2", "W2")
    assert text.code == 0 and days(21) in text.out


def changed_only_by_refusals(before: dict, after: dict, kept: int) -> None:
    """Nothing changed but ``kept`` refused attempts appended to the trail (lend-refused)."""
    added = after["audit_entry"][len(before["audit_entry"]) :]
    assert after["audit_entry"][: len(before["audit_entry"])] == before["audit_entry"]
    assert [row[3] for row in added] == ["lend-refused"] * kept
    trail = ("audit_entry", "audit_head")
    assert {k: v for k, v in after.items() if k not in trail} == {
        k: v for k, v in before.items() if k not in trail
    }


def test_a_refused_lend_is_3_with_every_reason_and_changes_nothing(cli):
    before = dump(cli.db)
    result = cli("lend", "D1", "W9", "--json")
    assert result.code == 3
    assert_decision(result.json(), False, ["NOT_FOR_LOAN", "BORROWER_SUSPENDED"])
    assert result.json()["due"] is None
    assert "NOT_FOR_LOAN" in result.err and "Traceback" not in result.err
    changed_only_by_refusals(before, dump(cli.db), 1)  # the attempt is kept, nothing else


def test_override_needs_a_supervisor_a_reason_and_an_overridable_code(cli):
    before = dump(cli.db)
    assert cli("lend", "B1", "C1", "--override", "seminar", user="lib").code == 5
    assert cli("lend", "B1", "C1", "--override", " ").code == 1
    assert cli("lend", "B1", "V1", "--override", "the minister asked").code == 3
    assert cli("lend", "S1", "W1", "--override", "for the inspection").code == 3
    changed_only_by_refusals(before, dump(cli.db), 2)  # the two refused attempts
    result = cli("lend", "B1", "C1", "--override", "Approved for the union's seminar", "--json")
    assert result.code == 0, result
    assert_decision(result.json(), True, ["APPROVAL_REQUIRED"])
    assert result.json()["due"] == days(21)
    loan = Loan.get_by_id(1)
    assert loan.override_by.username == BOSS
    assert loan.override_reason == "Approved for the union's seminar"
    entry = cli("audit", "list", "--json", "--limit", "1").json()["entries"][0]
    assert entry["action"] == "lend-override" and entry["staff"] == BOSS
    assert "Approved for the union's seminar" in entry["details"]


def test_lend_with_a_date_is_back_dated_and_audited_as_such(cli):
    result = cli("lend", "B3", "W2", "--date", days(-30), "--reason", "entered late", "--json")
    assert result.code == 0 and result.json()["due"] == days(-9)
    loan = Loan.get_by_id(1)
    assert loan.backdated and loan.lent_on.isoformat() == days(-30)
    entry = cli("audit", "list", "--json", "--limit", "1").json()["entries"][0]
    assert entry["action"] == "lend"
    assert f'"backdated_to":"{days(-30)}"' in entry["details"]
    shown = cli("borrower", "show", "W2", "--json").json()
    assert shown["loans"][0]["overdue"] is True
    assert cli("check", "B1", "W2", "--json").json()["reasons"][0]["code"] == "HAS_OVERDUE"
    for bad in ("2024-13-01", "yesterday", days(1)):
        before = dump(cli.db)
        result = cli("lend", "B1", "W3", "--date", bad, "--reason", "entered late")
        assert result.code == 1 and "Traceback" not in result.err
        assert dump(cli.db) == before


@pytest.mark.parametrize("grade", ["good", "worn", "ragged", "damaged"])
def test_return_with_a_condition_grade(cli, grade):
    assert cli("lend", "B1", "W1").code == 0
    result = cli("return", "B1", "--condition", grade, "--json")
    assert result.code == 0
    expected = "damaged" if grade == "damaged" else "available"
    assert result.json()["status"] == expected and result.json()["condition"] == grade
    shown = cli("copy", "show", "B1", "--json").json()
    assert (shown["status"], shown["borrower"], shown["due"]) == (expected, None, None)
    later = cli("check", "B1", "W2", "--json")
    if grade == "damaged":
        assert later.code == 3 and later.json()["reasons"][0]["code"] == "NOT_AVAILABLE"
    elif grade == "ragged":  # the policy's condition row: read in the reading room only
        assert later.code == 3
        assert [r["code"] for r in later.json()["reasons"]] == ["CONDITION_RESTRICTED"]
    else:
        assert later.code == 0


def test_return_errors(cli):
    assert cli("return", "B1").code == 1  # not on loan
    assert cli("return", "NOPE").code == 1
    cli("lend", "B1", "W1")
    assert cli("return", "B1", "--condition", "soggy").code == 2
    late = ("--reason", "entered late")
    assert cli("return", "B1", "--date", days(-1), *late).code == 1  # before the loan began
    returned = cli("return", "B1", "--date", days(0), *late, "--json")
    assert returned.code == 0 and returned.json()["returned"] == days(0)


def test_renew_refused_with_renewal_limit_then_overridden(cli):
    # lent ten days ago, renewed today, asked again three days on (each renewal extends it)
    assert cli("lend", "B1", "W1", "--date", days(-10), "--reason", "paper register").code == 0
    first = cli("renew", "B1", "--json")
    assert first.code == 0 and first.json()["due"] == days(21)
    later = clock.today() + timedelta(days=3)
    cli.monkeypatch.setattr(clock, "today", lambda: later)
    again = cli("renew", "B1", "--json")
    assert again.code == 3
    assert_decision(again.json(), False, ["RENEWAL_LIMIT"])
    assert again.json()["reasons"][0]["overridable"] is True
    assert cli("renew", "B1", "--override", "thesis", user="lib").code == 5
    overridden = cli("renew", "B1", "--override", "Finishing a translation", "--json")
    assert overridden.code == 0
    assert_decision(overridden.json(), True, ["RENEWAL_LIMIT"])


def test_renew_refused_with_waiting_list(cli):
    cli("lend", "B3", "W1", "--date", days(-5), "--reason", "paper register")
    held = cli("hold", "B3", "W2", "--json")
    assert held.code == 0 and held.json()["status"] == "waiting"
    assert held.json()["position"] == 1
    result = cli("renew", "B3", "--json")
    assert result.code == 3
    assert_decision(result.json(), False, ["WAITING_LIST"])
    assert "WAITING_LIST" in result.err


# -- holds --------------------------------------------------------------------------------


def test_hold_sets_aside_at_once_and_cancel_passes_it_on(cli):
    held = cli("hold", "P2", "W1", "--json")
    assert held.code == 0
    assert held.json()["status"] == "ready" and held.json()["set_aside"] == "P2"
    assert cli("copy", "show", "P2", "--json").json()["status"] == "held"
    assert cli("hold", "P2", "W2").code == 0  # W2 waits behind
    other = cli("check", "P2", "W3", "--json")
    assert other.code == 3 and other.json()["reasons"][0]["code"] == "HELD_FOR_OTHER"
    cancelled = cli("hold", "--cancel", "P2", "W1", "--json")
    assert cancelled.code == 0 and cancelled.json()["status"] == "cancelled"
    assert cli("check", "P2", "W2").code == 0 and cli("check", "P2", "W3").code == 3
    assert cli("hold", "--cancel", "P2", "W1").code == 1  # no longer waiting
    assert cli("hold", "P2", "V1").code == 3  # a civilian may not even wait


# -- copy show, borrower show, search -------------------------------------------------------


def test_copy_show_json_keys_and_states(cli):
    shown = cli("copy", "show", "P1", "--json")
    assert shown.code == 0
    data = shown.json()
    assert {"barcode", "title", "volume", "status", "borrower", "due"} <= set(data)
    assert (data["barcode"], data["title"], data["volume"], data["status"]) == (
        "P1",
        "Proof of the Man",
        1,
        "available",
    )
    assert data["borrower"] is None and data["due"] is None
    cli("lend", "P1", "W1")
    data = cli("copy", "show", "P1", "--json").json()
    assert (data["status"], data["borrower"], data["due"]) == ("on-loan", "W1", days(21))
    text = cli("copy", "show", "P1")
    assert text.code == 0 and "Proof of the Man" in text.out and "W1" in text.out


def test_borrower_show_json_keys(cli):
    cli("lend", "P1", "W1")
    cli("lend", "B3", "W1", "--date", days(-25), "--reason", "entered late")
    cli("hold", "B1", "W1")
    result = cli("borrower", "show", "W1", "--json")
    assert result.code == 0
    data = result.json()
    assert {"member_no", "name", "role", "status", "loans", "holds"} <= set(data)
    assert (data["member_no"], data["name"], data["role"], data["status"]) == (
        "W1",
        "리명희",
        "writer",
        "active",
    )
    loans = {loan["barcode"]: loan for loan in data["loans"]}
    for loan in loans.values():
        assert {"barcode", "title", "due", "overdue"} <= set(loan)
    assert loans["P1"]["overdue"] is False and loans["P1"]["title"] == "Proof of the Man"
    assert loans["B3"]["overdue"] is True and loans["B3"]["due"] == days(-4)
    assert len(data["holds"]) == 1
    text = cli("borrower", "show", "W1")
    assert text.code == 0 and "OVERDUE" in text.out


@pytest.mark.parametrize(
    "text", ["points", "Matsumoto", "点と線", "김수영", "proof man", "Morimura"]
)
def test_search_title_original_title_author_translator(cli, text):
    result = cli("search", text, "--json")
    assert result.code == 0
    titles = {r["title"] for r in result.json()["results"]}
    assert titles and titles <= {"Points and Lines", "Proof of the Man"}


def test_search_with_no_match(cli):
    result = cli("search", "Dostoevsky", "--json")
    assert result.code == 0 and result.json()["results"] == []
    assert cli("search", "Dostoevsky").out.strip()


# -- policy -------------------------------------------------------------------------------


def test_policy_show_and_set(cli):
    shown = cli("policy", "show", "--json", user="insp")
    assert shown.code == 0
    cells = {(c["role"], c["access"]): c for c in shown.json()["policy"]}
    assert len(cells) == 9
    assert (cells[("writer", "lendable")]["rule"], cells[("writer", "lendable")]["days"]) == (
        "loan",
        21,
    )
    before = dump(cli.db)
    assert cli("policy", "set", "writer", "lendable", "never", user="lib").code == 5
    assert cli("policy", "set", "writer", "lendable", "never", user="insp").code == 5
    assert cli("policy", "set", "civilian", "lendable", "loan").code == 1
    assert cli("policy", "set", "cadre", "staff-only", "approval").code == 1
    assert cli("policy", "set", "writer", "lendable", "sometimes").code == 2
    assert cli("policy", "set", "writer", "lendable", "loan", "--days", "many").code == 2
    assert cli("policy", "set", "writer", "lendable", "loan", "--days", "0").code == 1
    assert dump(cli.db) == before
    changed = cli(
        "policy",
        "set",
        "writer",
        "lendable",
        "loan",
        "--days",
        "7",
        "--max",
        "1",
        "--renewals",
        "0",
        "--json",
    )
    assert changed.code == 0
    assert (changed.json()["days"], changed.json()["max_items"]) == (7, 1)
    assert cli("check", "B1", "W1", "--json").json()["due"] == days(7)
    assert cli("policy", "set", "writer", "lendable", "never").code == 0
    assert cli("check", "B1", "W1", "--json").json()["reasons"][0]["code"] == "ROLE_NOT_PERMITTED"
    assert cli("policy", "set", "writer", "lendable", "reading-room").code == 0
    assert cli("check", "B1", "W1", "--json").json()["reasons"][0]["code"] == "NOT_FOR_LOAN"


# -- exit codes: sign-in, permission, not found, usage --------------------------------------


def test_wrong_password_unknown_user_or_no_identity_is_5(cli):
    assert cli("search", "x", password="wrong").code == 5
    assert cli("search", "x", user="nobody").code == 5
    result = cli("search", "x", user=None, password=None)
    assert result.code == 5 and "READINGROOM_USER" in result.err


def test_repeated_failures_lock_the_account(cli):
    for _ in range(5):
        assert cli("check", "B1", "W1", user="lib", password="guess").code == 5
    locked = cli("check", "B1", "W1", user="lib")
    assert locked.code == 5 and "lock an account" in locked.err


def test_a_disabled_account_is_5_until_enabled(cli):
    assert cli("staff", "disable", "lib").code == 0
    disabled = cli("check", "B1", "W1", user="lib")
    assert disabled.code == 5 and "disabled" in disabled.err
    assert cli("staff", "enable", "lib").code == 0
    assert cli("check", "B1", "W1", user="lib").code == 0


def test_the_inspector_reads_but_never_changes(cli):
    before = dump(cli.db)
    for args in (
        ("lend", "B1", "W1"),
        ("return", "B1"),
        ("renew", "B1"),
        ("hold", "B1", "W1"),
        ("policy", "set", "writer", "lendable", "never"),
        ("settings", "branch", "Northern Branch"),
        ("staff", "add", "eve", "--role", "librarian"),
    ):
        result = cli(*args, user="insp", stdin="pw-pw\n")
        assert result.code == 5, (args, result)
    assert dump(cli.db) == before
    for args in (
        ("check", "B1", "W1"),
        ("copy", "show", "B1"),
        ("borrower", "show", "W1"),
        ("search", "Proof"),
        ("policy", "show"),
        ("audit", "verify"),
        ("audit", "list"),
    ):
        assert cli(*args, user="insp").code == 0, args


@pytest.mark.parametrize(
    "args",
    [
        ("copy", "show", "NOPE"),
        ("borrower", "show", "NOPE"),
        ("check", "NOPE", "W1"),
        ("check", "B1", "NOPE"),
        ("lend", "NOPE", "W1"),
        ("lend", "B1", "NOPE"),
        ("return", "NOPE"),
        ("renew", "NOPE"),
        ("hold", "NOPE", "W1"),
        ("hold", "B1", "NOPE"),
    ],
)
def test_unknown_barcode_or_member_is_1_with_a_message(cli, args):
    before = dump(cli.db)
    result = cli(*args)
    assert result.code == 1
    assert "NOPE" in result.err and "Traceback" not in result.err
    assert dump(cli.db) == before


@pytest.mark.parametrize(
    "args",
    [
        ("frobnicate",),
        ("lend", "B1"),
        ("check",),
        ("return", "B1", "--condition", "wet"),
        ("policy",),
        ("policy", "set", "writer"),
        ("audit", "list", "--limit", "many"),
        ("copy", "show"),
        ("staff", "add", "eve"),
        ("hold", "--cancel", "B1"),
        ("import", "catalogue"),
        ("import", "shelves", "x.csv"),
    ],
)
def test_usage_errors_are_2(cli, args):
    assert cli(*args).code == 2


def test_a_missing_database_is_1_and_says_how_to_init(tmp_path, capsys, monkeypatch):
    missing = InProcess(tmp_path / "nowhere.db", capsys, monkeypatch)
    result = missing("search", "x")
    assert result.code == 1 and "init" in result.err
    assert not (tmp_path / "nowhere.db").exists()


def test_readingroom_db_names_the_database(cli, monkeypatch, capsys):
    monkeypatch.setenv("READINGROOM_DB", str(cli.db))
    monkeypatch.setenv("READINGROOM_USER", BOSS)
    monkeypatch.setenv("READINGROOM_PASSWORD", PASSWORD)
    capsys.readouterr()
    assert main(["copy", "show", "B1", "--json"]) == 0
    assert '"barcode": "B1"' in capsys.readouterr().out


def test_user_option_reads_the_password_from_stdin(cli):
    result = cli(
        "--user", "lib", "search", "Proof", user=None, password=None, stdin=f"{PASSWORD}\n"
    )
    assert result.code == 0 and "Proof of the Man" in result.out
    wrong = cli("search", "Proof", "--user", "lib", user=None, password=None, stdin="not-it\n")
    assert wrong.code == 5


def test_json_may_come_before_or_after_the_command(cli):
    after = cli("copy", "show", "B1", "--json")
    before = cli("--json", "copy", "show", "B1")
    assert after.code == before.code == 0 and after.json() == before.json()


# -- staff add ----------------------------------------------------------------------------


def test_staff_add_reads_the_password_from_stdin(cli):
    added = cli("staff", "add", "kim", "--role", "librarian", "--json", stdin="s3cret-pass\n")
    assert added.code == 0 and added.json() == {"name": "kim", "role": "librarian"}
    assert cli("search", "x", user="kim", password="s3cret-pass").code == 0
    assert cli("search", "x", user="kim", password=PASSWORD).code == 5
    confirmed = cli(
        "staff", "add", "ri", "--role", "supervisor", stdin="tw0-lines-pw\ntw0-lines-pw\n"
    )
    assert confirmed.code == 0
    assert (
        cli("policy", "set", "writer", "lendable", "never", user="ri", password="tw0-lines-pw").code
        == 0
    )


def test_staff_add_refuses_a_second_line_that_differs(cli):
    before = dump(cli.db)
    result = cli("staff", "add", "eve", "--role", "librarian", stdin="one-pw\nother-pw\n")
    assert result.code == 1 and "match" in result.err
    assert dump(cli.db) == before
    assert (
        cli("staff", "add", "eve", "--role", "librarian", user="lib", stdin="one-pw\none-pw\n").code
        == 5
    )
    assert cli("staff", "add", "eve", "--role", "janitor", stdin="one-pw\n").code == 2
    assert cli("staff", "add", "lib", "--role", "librarian", stdin="one-password\n").code == 1
    assert dump(cli.db) == before


def test_staff_add_with_user_prompt_reads_both_passwords_from_stdin(cli):
    result = cli(
        "--user",
        BOSS,
        "staff",
        "add",
        "ann",
        "--role",
        "librarian",
        user=None,
        password=None,
        stdin=f"{PASSWORD}\nann-password\nann-password\n",
    )
    assert result.code == 0, result
    assert cli("search", "x", user="ann", password="ann-password").code == 0
    mismatch = cli(
        "--user",
        BOSS,
        "staff",
        "add",
        "bo",
        "--role",
        "librarian",
        user=None,
        password=None,
        stdin=f"{PASSWORD}\nbo-password\nbo-typo\n",
    )
    assert mismatch.code == 1


# -- init, in a real process --------------------------------------------------------------


def test_init_creates_a_supervisor_refuses_to_overwrite_and_needs_an_identity(
    tmp_path, capsys, monkeypatch
):
    path = tmp_path / "new.db"
    result = run_program(path, "init", "--json")
    assert result.code == 0, result
    assert result.json()["supervisor"] == BOSS and result.json()["demo"] is False
    before, size = dump(path), path.stat().st_size
    again = run_program(path, "init", "--demo", user="mallory", password="x")
    assert again.code == 1 and "already exists" in again.err
    assert dump(path) == before and path.stat().st_size == size
    cli = InProcess(path, capsys, monkeypatch)
    assert cli("policy", "set", "cadre", "lendable", "loan").code == 0  # a supervisor
    nobody = InProcess(tmp_path / "other.db", capsys, monkeypatch)
    assert nobody("init", user=None, password=None).code == 5
    assert not (tmp_path / "other.db").exists()


def test_init_demo_loads_the_demo_collection(tmp_path, capsys, monkeypatch):
    cli = InProcess(tmp_path / "demo.db", capsys, monkeypatch)
    result = cli("init", "--demo", "--json")
    assert result.code == 0, result
    assert result.json()["demo"] is True
    copies = dump(cli.db)["copy"]
    assert 60 <= len(copies) <= 80
    proof = cli("search", "Proof of the Man", "--json").json()["results"]
    assert proof[0]["volumes"] == 3 and proof[0]["copies"] >= 6 and proof[0]["translator"]
    as_librarian = cli(
        "borrower", "show", "C-2001", "--json", user="librarian", password="librarian"
    )
    assert as_librarian.code == 0 and as_librarian.json()["role"] == "cadre"
    assert cli("audit", "verify").code == 0


# -- as a real program --------------------------------------------------------------------


def test_a_real_process_gives_the_same_exit_codes_and_no_traceback(cli):
    cli("lend", "B1", "W1")
    refused = run_program(cli.db, "lend", "B1", "W2", "--json")
    assert refused.code == 3 and refused.json()["reasons"][0]["code"] == "ON_LOAN"
    unknown = run_program(cli.db, "copy", "show", "NOPE")
    assert unknown.code == 1 and "NOPE" in unknown.err and "Traceback" not in unknown.err
    usage = run_program(cli.db, "lend", "B1")
    assert usage.code == 2 and "usage" in usage.err
    stdin_user = run_program(
        cli.db,
        "--user",
        "lib",
        "check",
        "B2",
        "W2",
        user=None,
        password=None,
        stdin=f"{PASSWORD}\n",
    )
    assert stdin_user.code == 0, stdin_user


def test_python_main_py_works_like_readingroom(cli):
    cli("lend", "B1", "W1")
    via_main_py = [sys.executable, str(REPO / "main.py")]
    args = ("check", "B1", "W2", "--json")
    ours, theirs = run_program(cli.db, *args, argv0=via_main_py), run_program(cli.db, *args)
    assert (ours.code, ours.out, ours.err) == (theirs.code, theirs.out, theirs.err)
    assert ours.code == 3 and ours.json()["reasons"][0]["code"] == "ON_LOAN"
