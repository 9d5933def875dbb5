"""The peewee models of the reading room and the custody ledger (schema: ``migrations/0018``)."""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from readingroom.store.db import BaseModel
from readingroom.store.models import Borrower, Copy

#: the copies at a table now (a sub-select for "not on its shelf")
OPEN_ISSUE_COPIES_SQL = "SELECT copy_id FROM room_issue WHERE returned_at IS NULL"


class RoomIssue(BaseModel):
    """A copy with a reader at a table in the reading room, until it comes back."""

    id = AutoField()
    copy = ForeignKeyField(Copy, backref="room_issues", on_delete="RESTRICT")
    borrower = ForeignKeyField(Borrower, backref="room_issues", on_delete="RESTRICT")
    seat = IntegerField()
    issued_at = DateTimeField()
    issued_by = CharField()
    returned_at = DateTimeField(null=True)
    returned_by = CharField(null=True)
    return_condition = CharField(null=True)
    #: None while out; ``returned``, or ``not-returned`` (still out when the room closed)
    outcome = CharField(null=True)
    override_by = CharField(null=True)
    override_reason = TextField(null=True)
    overridden_codes = TextField(default="")

    copy_id: int
    borrower_id: int

    class Meta:
        table_name = "room_issue"


class CustodyMove(BaseModel):
    """One move of a copy (readingroom.custody): from where to where, who, when, which entry."""

    id = AutoField()
    copy = ForeignKeyField(Copy, backref="moves", on_delete="RESTRICT")
    at = DateTimeField()
    staff = CharField()
    kind = CharField()
    from_place = CharField()
    to_place = CharField()
    borrower = ForeignKeyField(Borrower, null=True, on_delete="RESTRICT")
    seat = IntegerField(null=True)
    confirmed_by = CharField(null=True)
    audit_seq = IntegerField()
    note = TextField(default="")

    copy_id: int
    borrower_id: int | None

    class Meta:
        table_name = "custody_move"
