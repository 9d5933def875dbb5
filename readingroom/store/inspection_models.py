"""Peewee models of the inspection tables (the schema itself is ``migrations/0002``)."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from readingroom.store.db import BaseModel
from readingroom.store.models import Copy, Loan
from readingroom.vocabulary import StocktakeOutcome as Outcome
from readingroom.vocabulary import StocktakeStatus

# the names the stocktake code has always used for readingroom.vocabulary's members
STOCKTAKE_OPEN, STOCKTAKE_SIGNED = StocktakeStatus.OPEN, StocktakeStatus.SIGNED
#: the outcome of each expected copy, then of each barcode nobody expected
OUTCOMES = tuple(Outcome)
PRESENT, ON_LOAN, MISSING, MISPLACED, UNEXPECTED, PRESENT_ON_LOAN = OUTCOMES


class Stocktake(BaseModel):
    id = AutoField()
    status = CharField(default=STOCKTAKE_OPEN)
    opened_at = DateTimeField()
    opened_by = CharField()
    expected_count = IntegerField(default=0)
    found_count = IntegerField(default=0)
    closed_at = DateTimeField(null=True)
    closed_by = CharField(null=True)
    closed_by_name = TextField(null=True)
    signed_by = TextField(null=True)
    signed_on = DateField(null=True)
    audit_ok = BooleanField(null=True)
    audit_problem = TextField(default="")
    audit_count = IntegerField(null=True)
    audit_hash = CharField(null=True)
    root_fingerprint = CharField(null=True)  # the root seal key at sign-off (migration 0008)
    inspector = TextField(null=True)  # the external inspector's name at sign-off (0017)
    inspection_date = DateField(null=True)  # the inspection day scheduled at sign-off (0017)

    @property
    def is_signed(self) -> bool:
        return self.status == STOCKTAKE_SIGNED


class StocktakeExpected(BaseModel):
    stocktake = ForeignKeyField(Stocktake, on_delete="RESTRICT")
    copy = ForeignKeyField(Copy, on_delete="RESTRICT")
    barcode = CharField()
    location = CharField(default="")
    status = CharField()

    class Meta:
        primary_key = CompositeKey("stocktake", "copy")


class StocktakeScan(BaseModel):
    id = AutoField()
    stocktake = ForeignKeyField(Stocktake, backref="scans", on_delete="RESTRICT")
    barcode = CharField()
    copy = ForeignKeyField(Copy, null=True, on_delete="SET NULL")
    location = CharField(default="")
    flags = CharField(default="")
    scanned_at = DateTimeField()
    staff = CharField()

    @property
    def flag_list(self) -> list[str]:
        return [flag for flag in self.flags.split(",") if flag]


class StocktakeOutcome(BaseModel):
    id = AutoField()
    stocktake = ForeignKeyField(Stocktake, backref="outcomes", on_delete="RESTRICT")
    barcode = CharField()
    copy = ForeignKeyField(Copy, null=True, on_delete="SET NULL")
    title = TextField(default="")
    volume = IntegerField(null=True)
    outcome = CharField()
    borrower = CharField(null=True)
    due = DateField(null=True)
    location = CharField(default="")
    found_location = CharField(default="")
    condition = CharField(default="")
    scans = IntegerField(default=0)
    note = TextField(default="")
    copy_status = CharField(null=True)


class Reminder(BaseModel):
    id = AutoField()
    loan = ForeignKeyField(Loan, backref="reminders", on_delete="RESTRICT")
    level = IntegerField()
    sent_on = DateField()
    sent_at = DateTimeField()
    staff = CharField()
    days_overdue = IntegerField()
    supervisor_told = BooleanField(default=False)


class RecallLetter(BaseModel):
    """A loan called back by a recall letter (migration 0017), recorded like a reminder."""

    id = AutoField()
    loan = ForeignKeyField(Loan, backref="recalls", on_delete="RESTRICT")
    level = IntegerField()
    sent_on = DateField()
    sent_at = DateTimeField()
    staff = CharField()
    reason = CharField()
    days_overdue = IntegerField(default=0)
    inspection_date = DateField(null=True)
    letter = TextField(default="")


INSPECTION_MODELS = (
    Stocktake,
    StocktakeExpected,
    StocktakeScan,
    StocktakeOutcome,
    Reminder,
    RecallLetter,
)
