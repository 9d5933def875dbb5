"""The catalogue's tables as peewee models (the schema itself lives in ``migrations/``)."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from readingroom.store.db import BaseModel

# every value of each vocabulary, re-exported under the names these tuples always had here
from readingroom.vocabulary import ACCESS_CLASSES as ACCESS_CLASSES
from readingroom.vocabulary import BORROWER_STATUSES as BORROWER_STATUSES
from readingroom.vocabulary import CONDITIONS as CONDITIONS
from readingroom.vocabulary import COPY_STATUSES as COPY_STATUSES
from readingroom.vocabulary import ROLES as ROLES
from readingroom.vocabulary import RULES as RULES
from readingroom.vocabulary import STAFF_ROLES as STAFF_ROLES
from readingroom.vocabulary import BorrowerStatus, Condition, CopyStatus, HoldStatus, WorkAccess


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()


class StaffUser(BaseModel):
    id = AutoField()
    username = CharField(unique=True)
    full_name = CharField(default="")
    role = CharField()
    password_hash = TextField()
    active = BooleanField(default=True)
    failed_attempts = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField()

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Work(BaseModel):
    id = AutoField()
    title = TextField()
    subtitle = TextField(default="")
    author = TextField()
    original_title = TextField(default="")
    original_language = CharField(default="")
    translator = TextField(default="")
    publisher = TextField(default="")
    year = IntegerField(null=True)
    isbn = CharField(default="")
    notes = TextField(default="")
    access = CharField(default=WorkAccess.LENDABLE)
    volumes = IntegerField(default=1)
    created_at = DateTimeField()
    # the librarian's fields and the vernacular script (migration 0020)
    title_vernacular = TextField(default="")
    author_vernacular = TextField(default="")
    translator_vernacular = TextField(default="")
    responsibility = TextField(default="")
    edition = TextField(default="")
    series = TextField(default="")
    subjects = TextField(default="")
    variant_titles = TextField(default="")
    call_number = TextField(default="")
    physical = TextField(default="")
    place = TextField(default="")
    contents = TextField(default="")
    contributors = TextField(default="")
    control_number = TextField(default="")
    control_source = TextField(default="")


class WorkIdentifier(BaseModel):
    """A number a work's record is known by (migration 0020): ``kind`` is ``record``
    (001, as ``(003)001``), ``system`` (035), ``isbn`` (digits only) or ``lccn`` (010)."""

    id = AutoField()
    work = ForeignKeyField(Work, backref="identifiers", on_delete="RESTRICT")
    kind = CharField()
    value = TextField()

    work_id: int
    # ``work.set_issue`` (migration 0019) is read and written by readingroom.restriction_rules
    # and readingroom.catalogue, not through this model: code that reads works keeps working
    # on a catalogue opened before its migration has run


class Copy(BaseModel):
    id = AutoField()
    barcode = CharField(unique=True)
    work = ForeignKeyField(Work, backref="copies", on_delete="RESTRICT")
    volume = IntegerField(default=1)
    location = CharField(default="")
    status = CharField(default=CopyStatus.AVAILABLE)
    condition = CharField(default=Condition.GOOD)
    created_at = DateTimeField()
    call_number = CharField(default="")  # migration 0020

    # the key columns peewee adds beside each foreign key (declared for the type checker only)
    work_id: int


class Borrower(BaseModel):
    id = AutoField()
    member_no = CharField(unique=True)
    name = TextField()
    role = CharField()
    organisation = TextField(default="")
    status = CharField(default=BorrowerStatus.ACTIVE)
    expires = DateField(null=True)
    created_at = DateTimeField()


class PolicyRule(BaseModel):
    id = AutoField()
    role = CharField()
    access = CharField()
    rule = CharField()
    days = IntegerField(default=21)
    max_items = IntegerField(default=3)
    renewals = IntegerField(default=1)


class Loan(BaseModel):
    id = AutoField()
    copy = ForeignKeyField(Copy, backref="loans", on_delete="RESTRICT")
    borrower = ForeignKeyField(Borrower, backref="loans", on_delete="RESTRICT")
    staff = ForeignKeyField(StaffUser, null=True, on_delete="SET NULL")
    lent_on = DateField()
    lent_at = DateTimeField()
    due = DateField()
    renewals = IntegerField(default=0)
    returned_on = DateField(null=True)
    returned_at = DateTimeField(null=True)
    return_condition = CharField(null=True)
    override_by = ForeignKeyField(
        StaffUser, null=True, on_delete="SET NULL", column_name="override_by_id"
    )
    override_by_id: int | None  # its key column (declared for the type checker only)
    override_reason = TextField(null=True)
    overridden_codes = TextField(default="")
    backdated = BooleanField(default=False)

    copy_id: int
    borrower_id: int
    staff_id: int | None

    @property
    def is_active(self) -> bool:
        return self.returned_at is None


class Hold(BaseModel):
    id = AutoField()
    work = ForeignKeyField(Work, backref="holds", on_delete="RESTRICT")
    volume = IntegerField(default=1)
    borrower = ForeignKeyField(Borrower, backref="holds", on_delete="RESTRICT")
    placed_at = DateTimeField()
    status = CharField(default=HoldStatus.WAITING)
    copy = ForeignKeyField(Copy, null=True, on_delete="SET NULL")
    ready_on = DateField(null=True)
    closed_at = DateTimeField(null=True)

    work_id: int
    borrower_id: int
    copy_id: int | None


class ConditionEntry(BaseModel):
    id = AutoField()
    copy = ForeignKeyField(Copy, backref="condition_entries", on_delete="RESTRICT")
    grade = CharField()
    recorded_at = DateTimeField()
    staff = ForeignKeyField(StaffUser, null=True, on_delete="SET NULL")
    loan = ForeignKeyField(Loan, null=True, on_delete="SET NULL")
    note = TextField(default="")

    staff_id: int | None  # the key column beside ``staff`` (for the type checker only)


class AuditEntry(BaseModel):
    id = AutoField()
    at = CharField()
    staff = CharField()
    action = CharField()
    entity = CharField()
    entity_id = CharField(default="")
    details = TextField(default="{}")
    prev_hash = CharField()
    hash = CharField()


class AuditHead(BaseModel):
    """The chain head kept apart from the audit table: a truncated tail is detected."""

    id = IntegerField(primary_key=True)
    count = IntegerField()
    last_hash = CharField()


class SealKey(BaseModel):
    """A supervisor's Ed25519 key (``migrations/0008``; formats in readingroom/seals.py)."""

    id = AutoField()
    username = CharField()
    public_key = CharField(unique=True)
    encrypted_private = TextField()
    certified_by = CharField(null=True)
    certificate = CharField(null=True)
    created_at = DateTimeField()
    retired = BooleanField(default=False)


ALL_MODELS = (
    Setting,
    StaffUser,
    Work,
    WorkIdentifier,
    Copy,
    Borrower,
    PolicyRule,
    Loan,
    Hold,
    ConditionEntry,
    AuditEntry,
    AuditHead,
)
