"""The read side the window uses instead of rows: plain forms, a read that stops when
stale, and the open catalogue's passphrase."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from peewee import OperationalError

from readingroom import catalogue, catalogue_file
from readingroom.errors import NotFound
from readingroom.queries import forms
from readingroom.queries.interruptible import run_until_stale
from readingroom.store.db import database

# the same on a SQLite file and on a PostgreSQL server
pytestmark = pytest.mark.both_databases


def test_a_work_form_holds_the_work_s_values_not_a_row(make_copy):
    copy = make_copy("B1", "Tokyo Express", volumes=2, volume=2, translator="Kim")
    form = forms.work_form(copy.work_id)
    assert dataclasses.is_dataclass(form) and not hasattr(form, "save")
    assert (form.id, form.title, form.translator, form.volumes, form.access) == (
        copy.work_id,
        "Tokyo Express",
        "Kim",
        2,
        "lendable",
    )
    assert set(catalogue.WORK_FIELDS) <= {f.name for f in dataclasses.fields(form)}


def test_a_copy_form_carries_its_work(make_copy):
    make_copy("B1", "Tokyo Express", location="Safe B/2")
    form = forms.copy_form(" B1 ")
    assert (form.barcode, form.volume, form.location, form.condition, form.status) == (
        "B1",
        1,
        "Safe B/2",
        "good",
        "available",
    )
    assert form.work.title == "Tokyo Express"


def test_a_borrower_form(make_borrower):
    made = make_borrower("M7", "cadre", expires=date(2030, 1, 2), name="Ri")
    form = forms.borrower_form("M7")
    assert form == forms.BorrowerForm(made.id, "M7", "Ri", "cadre", "", "active", date(2030, 1, 2))


def test_unknown_keys_are_not_found(db):
    with pytest.raises(NotFound):
        forms.work_form(999)
    with pytest.raises(NotFound):
        forms.copy_form("nope")
    with pytest.raises(NotFound):
        forms.borrower_form("nope")


def test_a_form_is_a_snapshot_the_service_changes_nothing_through(make_copy, supervisor):
    copy = make_copy("B1", "Tokyo Express")
    form = forms.work_form(copy.work_id)
    catalogue.edit_work(supervisor, copy.work_id, title="Points and Lines")
    assert form.title == "Tokyo Express"
    assert forms.work_form(copy.work_id).title == "Points and Lines"


SLOW = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
    "SELECT max(i) FROM (SELECT i FROM n LIMIT 50000000)"
)


@pytest.mark.sqlite_only  # SQLite's progress handler; a server's read runs to its end
def test_a_stale_read_is_interrupted_and_the_connection_stays_usable(db):
    checks = []

    def stale() -> bool:
        checks.append(1)
        return len(checks) > 3

    with pytest.raises(OperationalError, match="interrupted"):
        run_until_stale(lambda: database.execute_sql(SLOW).fetchone(), stale, steps=1000)
    assert len(checks) == 4
    # the handler is removed afterwards: the next read runs to the end
    assert database.execute_sql("SELECT 41 + 1").fetchone() == (42,)
    assert run_until_stale(lambda: 7, lambda: False) == 7


def test_the_passphrase_of_the_open_catalogue(db):
    assert catalogue_file.passphrase() is None
