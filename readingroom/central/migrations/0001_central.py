"""The first central schema: branches, their bundles, holdings, stocktakes, overrides, loan
statistics and refused bundles.

Frozen: its own model definitions (independent of :mod:`readingroom.central.models`, as
migrations must be), created by peewee so the DDL suits SQLite and PostgreSQL alike.
"""

from peewee import (
    CharField,
    Database,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def up(migrator: object, db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Branch(Base):
        name = TextField(unique=True)
        root_fingerprint = CharField(max_length=64)
        secret = CharField(max_length=64)
        first_seen_at = DateTimeField()

    class Bundle(Base):
        branch = ForeignKeyField(Branch, on_delete="RESTRICT")
        manifest_sha256 = CharField(max_length=64, unique=True)
        exported_at = TextField()
        exported_by = TextField()
        as_of = TextField()
        chain_count = IntegerField()
        chain_head = CharField(max_length=64)
        imported_at = DateTimeField()

    class Work(Base):
        branch = ForeignKeyField(Branch, on_delete="CASCADE")
        title = TextField()
        author = TextField()
        translator = TextField()
        access = TextField()
        volumes = IntegerField()

        class Meta:
            indexes = ((("branch", "title", "author", "translator"), True),)

    class Copy(Base):
        branch = ForeignKeyField(Branch, on_delete="CASCADE")
        work = ForeignKeyField(Work, on_delete="CASCADE")
        barcode = TextField()
        volume = IntegerField()
        status = TextField()
        location = TextField()
        condition = TextField()
        borrower = CharField(max_length=32, null=True)
        due = TextField(null=True)

        class Meta:
            indexes = ((("branch", "barcode"), True),)

    class Override(Base):
        branch = ForeignKeyField(Branch, on_delete="CASCADE")
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

    class Stocktake(Base):
        branch = ForeignKeyField(Branch, on_delete="CASCADE")
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

    class LoanStat(Base):
        branch = ForeignKeyField(Branch, on_delete="CASCADE")
        title = TextField()
        author = TextField()
        translator = TextField()
        copies = IntegerField()
        loans = IntegerField()
        borrowers = IntegerField()
        waiting = IntegerField()
        requests = IntegerField()

    class Refusal(Base):
        branch_name = TextField()
        folder = TextField()
        manifest_sha256 = CharField(max_length=64, null=True)
        kind = CharField(max_length=32)
        problem = TextField()
        refused_at = DateTimeField()

    db.create_tables([Branch, Bundle, Work, Copy, Override, Stocktake, LoanStat, Refusal])
