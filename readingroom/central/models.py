"""The central database's tables: branches, the bundles imported from each, their holdings,
stocktake results, overrides and loan statistics, and the refused bundles.

No borrower's name or member number is ever stored: a borrower appears only as the pseudonym
their branch made (:mod:`readingroom.pseudonyms`, keyed by a secret only the branch holds).
"""

from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from readingroom.central.db import CentralModel


class Branch(CentralModel):
    """A branch, known from its first accepted bundle."""

    id = AutoField()
    name = TextField(unique=True)
    #: the root key's fingerprint recorded the first time: every later bundle must match it
    root_fingerprint = CharField(max_length=64)
    first_seen_at = DateTimeField()


class Bundle(CentralModel):
    """One accepted bundle; the branch's newest is its chain head."""

    id = AutoField()
    branch = ForeignKeyField(Branch, backref="bundles", on_delete="RESTRICT")
    branch_id: int
    manifest_sha256 = CharField(max_length=64, unique=True)
    exported_at = TextField()
    exported_by = TextField()
    as_of = TextField()
    chain_count = IntegerField()
    chain_head = CharField(max_length=64)
    imported_at = DateTimeField()


class Work(CentralModel):
    """A work as one branch holds it (title, author, translator)."""

    id = AutoField()
    branch = ForeignKeyField(Branch, backref="works", on_delete="CASCADE")
    title = TextField()
    author = TextField()
    translator = TextField()
    access = TextField()
    volumes = IntegerField()

    class Meta:
        indexes = ((("branch", "title", "author", "translator"), True),)


class Copy(CentralModel):
    id = AutoField()
    branch = ForeignKeyField(Branch, backref="copies", on_delete="CASCADE")
    work = ForeignKeyField(Work, backref="copies", on_delete="CASCADE")
    barcode = TextField()
    volume = IntegerField()
    status = TextField()
    location = TextField()
    condition = TextField()
    #: the pseudonym of the member who has it (None when it is not lent)
    borrower = CharField(max_length=32, null=True)
    due = TextField(null=True)

    class Meta:
        indexes = ((("branch", "barcode"), True),)


class Override(CentralModel):
    """An approved exception at a branch (the overrides report's row, without names)."""

    id = AutoField()
    branch = ForeignKeyField(Branch, backref="overrides", on_delete="CASCADE")
    at = TextField()
    action = TextField()
    barcode = TextField(null=True)
    title = TextField(null=True)
    member = CharField(max_length=32, null=True)
    role = TextField(null=True)
    approved_by = TextField(null=True)
    codes = TextField()
    reason = TextField()
    recorded_at = TextField()


class Stocktake(CentralModel):
    """A branch's stocktake, its outcomes counted."""

    id = AutoField()
    branch = ForeignKeyField(Branch, backref="stocktakes", on_delete="CASCADE")
    number = IntegerField()
    status = TextField()
    signed_on = TextField(null=True)
    expected = IntegerField()
    present = IntegerField()
    on_loan = IntegerField()
    missing = IntegerField()
    misplaced = IntegerField()
    present_on_loan = IntegerField()
    unexpected = IntegerField()

    class Meta:
        indexes = ((("branch", "number"), True),)


class LoanStat(CentralModel):
    """A work's loans at a branch (the circulation report's row)."""

    id = AutoField()
    branch = ForeignKeyField(Branch, backref="loan_stats", on_delete="CASCADE")
    title = TextField()
    author = TextField()
    translator = TextField()
    copies = IntegerField()
    loans = IntegerField()
    borrowers = IntegerField()
    waiting = IntegerField()
    requests = IntegerField()


class Refusal(CentralModel):
    """A bundle refused, for the inspectorate (kept whatever the branch claims to be)."""

    id = AutoField()
    branch_name = TextField()
    folder = TextField()
    manifest_sha256 = CharField(max_length=64, null=True)
    kind = CharField(max_length=32)
    problem = TextField()
    refused_at = DateTimeField()


TABLES = (Branch, Bundle, Work, Copy, Override, Stocktake, LoanStat, Refusal)
