"""Restrictions, the condition rows of the policy, conservation and sets issued together.

Frozen DDL.

``restriction``: a work (``copy_id`` NULL: every copy and volume of it) or one copy withheld,
with the reason and the authority that ordered it, the first day it holds (``starts``) and
the day it lifts by itself (``ends``, NULL: until lifted by hand). Placing and lifting are
each an audited write; a restriction is never deleted, so a lifted one stays in the history
(``lifted_at``, ``lifted_by``, ``lift_reason``; a lift by schedule is lifted by the staff
member whose start or command found it due, with the reason ``lifted by schedule``).

``condition_rule``: what a copy's condition grade allows (``loan``, ``reading-room``,
``none``), one row per grade once a supervisor has set it; a grade with no row has its
default (see :mod:`readingroom.condition_rules`).

``conservation``: a copy sent to conservation (from a return at a worse grade than it went
out with), out of circulation until released with the grade it came back in and a note of
what was done. One open row per copy at most.

``work.set_issue``: a work with volumes issued as a set (every volume goes out together).
``incomplete_set``: a volume of a set that did not come back with the rest: one row per
missing copy, against the loan it went out on (the set is the copies of the work lent to
the same borrower on the same day), resolved by a trigger when that loan is returned.

Like the tables of migration 0009, every inserted, updated or deleted row of the four new
tables writes its after-image (a JSON array of the columns below, in this order) into
``audit_pending``, so the audit entry of the change carries it (``readingroom.replay``
tracks them).
"""

from peewee import Database

#: each new table's columns in the order of its after-images (readingroom.replay.TRACKED)
COLUMNS = {
    "restriction": (
        "work_id",
        "copy_id",
        "reason",
        "authority",
        "starts",
        "ends",
        "placed_by",
        "placed_at",
        "lifted_at",
        "lifted_by",
        "lift_reason",
    ),
    "condition_rule": ("grade", "allows"),
    "conservation": (
        "copy_id",
        "sent_condition",
        "loan_id",
        "sent_at",
        "sent_by",
        "released_at",
        "released_by",
        "released_condition",
        "note",
    ),
    "incomplete_set": (
        "work_id",
        "borrower_id",
        "copy_id",
        "loan_id",
        "recorded_at",
        "recorded_by",
        "resolved_at",
    ),
}

GRADES = "('good','worn','ragged','damaged')"


def _image(table: str, row: str) -> str:
    return "json_array(" + ", ".join(f"{row}.{c}" for c in COLUMNS[table]) + ")"


def _triggers(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_image_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN INSERT OR REPLACE INTO audit_pending (tbl, row_id, image) VALUES "
        f"('{table}', {row}.id, {image}); END"
        for event, row, image in (
            ("INSERT", "NEW", _image(table, "NEW")),
            ("UPDATE", "NEW", _image(table, "NEW")),
            ("DELETE", "OLD", "NULL"),
        )
    ]


STATEMENTS = [
    """CREATE TABLE restriction (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_id INTEGER NOT NULL REFERENCES work (id) ON DELETE RESTRICT,
        copy_id INTEGER REFERENCES copy (id) ON DELETE RESTRICT,
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        authority TEXT NOT NULL CHECK (length(trim(authority)) > 0),
        starts DATE NOT NULL,
        ends DATE CHECK (ends IS NULL OR ends > starts),
        placed_by VARCHAR(255) NOT NULL,
        placed_at DATETIME NOT NULL,
        lifted_at DATETIME,
        lifted_by VARCHAR(255),
        lift_reason TEXT,
        CHECK (lifted_at IS NULL OR length(trim(lift_reason)) > 0))""",
    "CREATE INDEX restriction_work ON restriction (work_id, lifted_at)",
    f"""CREATE TABLE condition_rule (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        grade VARCHAR(32) NOT NULL UNIQUE CHECK (grade IN {GRADES}),
        allows VARCHAR(32) NOT NULL CHECK (allows IN ('loan','reading-room','none')))""",
    f"""CREATE TABLE conservation (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        copy_id INTEGER NOT NULL REFERENCES copy (id) ON DELETE RESTRICT,
        sent_condition VARCHAR(32) NOT NULL CHECK (sent_condition IN {GRADES}),
        loan_id INTEGER REFERENCES loan (id) ON DELETE RESTRICT,
        sent_at DATETIME NOT NULL,
        sent_by VARCHAR(255) NOT NULL,
        released_at DATETIME,
        released_by VARCHAR(255),
        released_condition VARCHAR(32) CHECK (released_condition IN {GRADES}),
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE UNIQUE INDEX conservation_open ON conservation (copy_id) WHERE released_at IS NULL",
    "ALTER TABLE work ADD COLUMN set_issue INTEGER NOT NULL DEFAULT 0 CHECK (set_issue IN (0, 1))",
    """CREATE TABLE incomplete_set (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_id INTEGER NOT NULL REFERENCES work (id) ON DELETE RESTRICT,
        borrower_id INTEGER NOT NULL REFERENCES borrower (id) ON DELETE RESTRICT,
        copy_id INTEGER NOT NULL REFERENCES copy (id) ON DELETE RESTRICT,
        loan_id INTEGER NOT NULL REFERENCES loan (id) ON DELETE RESTRICT,
        recorded_at DATETIME NOT NULL,
        recorded_by VARCHAR(255) NOT NULL,
        resolved_at DATETIME)""",
    "CREATE INDEX incomplete_set_open ON incomplete_set (work_id, resolved_at)",
    "CREATE INDEX incomplete_set_loan ON incomplete_set (loan_id)",
    # the missing volume's return makes the set whole (whichever door took it back)
    """CREATE TRIGGER loan_return_resolves_incomplete_set AFTER UPDATE OF returned_at ON loan
        WHEN NEW.returned_at IS NOT NULL AND OLD.returned_at IS NULL
        BEGIN UPDATE incomplete_set SET resolved_at = NEW.returned_at
              WHERE loan_id = NEW.id AND resolved_at IS NULL; END""",
    *(trigger for table in COLUMNS for trigger in _triggers(table)),
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
