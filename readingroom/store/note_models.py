"""The peewee model of borrower notes (the schema itself is ``migrations/0016``)."""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, TextField

from readingroom.store.db import BaseModel
from readingroom.store.models import Borrower


class BorrowerNote(BaseModel):
    """A note staff see at every scan of the borrower's card, until it is resolved."""

    id = AutoField()
    borrower = ForeignKeyField(Borrower, backref="notes", on_delete="RESTRICT")
    text = TextField()
    author = CharField()
    written_at = DateTimeField()
    resolved_at = DateTimeField(null=True)
    resolved_by = CharField(null=True)

    borrower_id: int

    class Meta:
        table_name = "borrower_note"
