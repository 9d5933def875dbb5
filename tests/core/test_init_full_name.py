"""``init --full-name TEXT``: the first supervisor's full name, which letters and reports
sign with; bad names are refused before any file is made."""

from __future__ import annotations

import pytest

from readingroom import inspection, staff
from readingroom.store.db import close_database, open_database
from tests.core.cli_support import BOSS, InProcess


@pytest.fixture
def fresh(tmp_path, capsys, monkeypatch) -> InProcess:
    return InProcess(tmp_path / "new.db", capsys, monkeypatch)


def test_init_keeps_the_full_name_and_letters_sign_with_it(fresh):
    result = fresh("init", "--full-name", "  Ri Su-yon  ", "--json")
    assert result.code == 0, result
    assert result.json()["full_name"] == "Ri Su-yon"
    listed = fresh("staff", "list", "--json")
    assert [(u["name"], u["full_name"]) for u in listed.json()["staff"]] == [(BOSS, "Ri Su-yon")]
    open_database(fresh.db)
    try:
        signature = inspection.staff_signature(staff.get_staff(BOSS))
    finally:
        close_database()
    assert signature.splitlines()[0] == "Ri Su-yon"  # not the bare user name


def test_init_says_who_the_supervisor_is_in_words(fresh):
    result = fresh("init", "--full-name", "리수연")
    assert result.code == 0, result
    assert f"{BOSS} (리수연) is its first supervisor" in result.out


def test_init_without_a_full_name_signs_with_the_user_name(fresh):
    assert fresh("init").code == 0
    listed = fresh("staff", "list", "--json")
    assert listed.json()["staff"][0]["full_name"] == ""


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("", "full name is empty"),
        ("   ", "full name is empty"),
        ("Ri\tSu-yon", "control character"),
        ("Ri\nSu-yon", "control character"),
        ("Ri\x1b[31mSu-yon", "control character"),
        ("Ri\u2028Su-yon", "control character"),
        ("x" * 101, "at most 100"),
    ],
)
def test_a_bad_full_name_is_refused_and_no_file_is_made(fresh, name, says):
    result = fresh("init", "--full-name", name)
    assert result.code == 1, result
    assert says in result.err
    assert not fresh.db.exists()
    assert list(fresh.db.parent.iterdir()) == []


def test_a_full_name_of_exactly_the_longest_length_is_kept(fresh):
    assert fresh("init", "--full-name", "가" * 100).code == 0


def test_staff_add_refuses_a_full_name_with_a_control_character(fresh):
    assert fresh("init").code == 0
    password = "another-pass-1"
    result = fresh(
        "staff",
        "add",
        "lib",
        "--role",
        "librarian",
        "--full-name",
        "Kim\nEun-ha",
        stdin=f"{password}\n{password}\n",
    )
    assert result.code == 1 and "control character" in result.err
    assert [u["name"] for u in fresh("staff", "list", "--json").json()["staff"]] == [BOSS]
