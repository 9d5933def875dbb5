"""The peewee models of restrictions, condition rules, conservation and incomplete sets (the
schema itself is ``migrations/0019``)."""

from __future__ import annotations

from peewee import AutoField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from readingroom.store.db import BaseModel
from readingroom.store.models import Borrower, Copy, Loan, Work


class Restriction(BaseModel):
    """A work (``copy`` None: every copy of it) or one copy withheld, with its reason, its
    authority and its dates (``ends``: the day it lifts by itself)."""

    id = AutoField()
    work = ForeignKeyField(Work, on_delete="RESTRICT")
    copy = ForeignKeyField(Copy, null=True, on_delete="RESTRICT")
    reason = TextField()
    authority = TextField()
    starts = DateField()
    ends = DateField(null=True)
    placed_by = CharField()
    placed_at = DateTimeField()
    lifted_at = DateTimeField(null=True)
    lifted_by = CharField(null=True)
    lift_reason = TextField(null=True)

    work_id: int
    copy_id: int | None

    class Meta:
        table_name = "restriction"


class ConditionRule(BaseModel):
    """What a condition grade allows, as a supervisor set it."""

    id = AutoField()
    grade = CharField(unique=True)
    allows = CharField()

    class Meta:
        table_name = "condition_rule"


class Conservation(BaseModel):
    """A copy at conservation (out of circulation until released)."""

    id = AutoField()
    copy = ForeignKeyField(Copy, on_delete="RESTRICT")
    sent_condition = CharField()
    loan = ForeignKeyField(Loan, null=True, on_delete="RESTRICT")
    sent_at = DateTimeField()
    sent_by = CharField()
    released_at = DateTimeField(null=True)
    released_by = CharField(null=True)
    released_condition = CharField(null=True)
    note = TextField(default="")

    copy_id: int
    loan_id: int | None

    class Meta:
        table_name = "conservation"


class IncompleteSet(BaseModel):
    """A volume of a set that did not come back with the rest of it."""

    id = AutoField()
    work = ForeignKeyField(Work, on_delete="RESTRICT")
    borrower = ForeignKeyField(Borrower, on_delete="RESTRICT")
    copy = ForeignKeyField(Copy, on_delete="RESTRICT")
    loan = ForeignKeyField(Loan, on_delete="RESTRICT")
    recorded_at = DateTimeField()
    recorded_by = CharField()
    resolved_at = DateTimeField(null=True)

    work_id: int
    borrower_id: int
    copy_id: int
    loan_id: int

    class Meta:
        table_name = "incomplete_set"
