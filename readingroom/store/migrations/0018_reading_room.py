"""The reading room and the custody ledger: who has a copy at a table, and every move of a copy.

Frozen DDL. ``room_issue`` holds one row per copy given to a reader at a table in the
reading room: the copy, the reader, the seat, when and by whom it went out, and, once it is
back (or the room was closed without it), when, by whom, in what condition and how
(``returned``, or ``not-returned``: still out when a supervisor closed the room, the copy
then marked missing). A copy is at one table at most (the partial unique index
``room_issue_one_open_per_copy``), and, like a loan, never to a civilian; a copy in the room
is never lent and a copy on loan never goes to the room (triggers, whatever process writes).

``custody_move`` is the custody ledger: one row per move of a copy (shelf, desk, reader,
room seat, conservation, stocktake, write-off), with the staff member, the time and the
sequence number of the audit entry the move belongs to (see ``readingroom.custody``).

Like the tables of migration 0009, every inserted, updated or deleted row of both tables
writes its after-image (a JSON array of the columns below, in this order) into
``audit_pending``, so the audit entry of the change carries it and the replay
(``readingroom.replay``) compares the tables with the trail.
"""

from peewee import Database

ROOM_COLUMNS = (
    "copy_id",
    "borrower_id",
    "seat",
    "issued_at",
    "issued_by",
    "returned_at",
    "returned_by",
    "return_condition",
    "outcome",
    "override_by",
    "override_reason",
    "overridden_codes",
)
MOVE_COLUMNS = (
    "copy_id",
    "at",
    "staff",
    "kind",
    "from_place",
    "to_place",
    "borrower_id",
    "seat",
    "confirmed_by",
    "audit_seq",
    "note",
)


def _image(row: str, columns: tuple[str, ...]) -> str:
    return "json_array(" + ", ".join(f"{row}.{c}" for c in columns) + ")"


def _image_triggers(table: str, columns: tuple[str, ...]) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_image_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN INSERT OR REPLACE INTO audit_pending (tbl, row_id, image) VALUES "
        f"('{table}', {row}.id, {image}); END"
        for event, row, image in (
            ("INSERT", "NEW", _image("NEW", columns)),
            ("UPDATE", "NEW", _image("NEW", columns)),
            ("DELETE", "OLD", "NULL"),
        )
    ]


STATEMENTS = [
    """CREATE TABLE room_issue (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        copy_id INTEGER NOT NULL REFERENCES copy (id) ON DELETE RESTRICT,
        borrower_id INTEGER NOT NULL REFERENCES borrower (id) ON DELETE RESTRICT,
        seat INTEGER NOT NULL CHECK (seat >= 1),
        issued_at DATETIME NOT NULL,
        issued_by VARCHAR(255) NOT NULL,
        returned_at DATETIME,
        returned_by VARCHAR(255),
        return_condition VARCHAR(32)
            CHECK (return_condition IS NULL
                   OR return_condition IN ('good','worn','ragged','damaged')),
        outcome VARCHAR(32)
            CHECK (outcome IS NULL OR outcome IN ('returned','not-returned')),
        override_by VARCHAR(255),
        override_reason TEXT,
        overridden_codes TEXT NOT NULL DEFAULT '',
        CHECK (override_by IS NULL OR length(trim(override_reason)) > 0),
        CHECK ((returned_at IS NULL) = (outcome IS NULL)))""",
    "CREATE UNIQUE INDEX room_issue_one_open_per_copy ON room_issue (copy_id) "
    "WHERE returned_at IS NULL",
    "CREATE INDEX room_issue_borrower ON room_issue (borrower_id, returned_at)",
    "CREATE INDEX room_issue_open ON room_issue (returned_at, seat)",
    # rule 1 in the room too: a civilian is never given anything
    """CREATE TRIGGER room_issue_never_to_civilian BEFORE INSERT ON room_issue
       WHEN (SELECT role FROM borrower WHERE id = NEW.borrower_id) = 'civilian'
       BEGIN SELECT RAISE(ABORT, 'ROLE_NOT_PERMITTED: a civilian is never given anything');
       END""",
    # a copy is in one place: on loan or at a table, never both
    """CREATE TRIGGER room_issue_not_on_loan BEFORE INSERT ON room_issue
       WHEN EXISTS (SELECT 1 FROM loan WHERE copy_id = NEW.copy_id AND returned_at IS NULL)
       BEGIN SELECT RAISE(ABORT, 'ON_LOAN: the copy is on loan'); END""",
    """CREATE TRIGGER loan_not_in_room BEFORE INSERT ON loan
       WHEN EXISTS (SELECT 1 FROM room_issue WHERE copy_id = NEW.copy_id
                    AND returned_at IS NULL)
       BEGIN SELECT RAISE(ABORT, 'IN_READING_ROOM: the copy is in the reading room'); END""",
    *_image_triggers("room_issue", ROOM_COLUMNS),
    """CREATE TABLE custody_move (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        copy_id INTEGER NOT NULL REFERENCES copy (id) ON DELETE RESTRICT,
        at DATETIME NOT NULL,
        staff VARCHAR(255) NOT NULL,
        kind VARCHAR(32) NOT NULL,
        from_place VARCHAR(32) NOT NULL,
        to_place VARCHAR(32) NOT NULL,
        borrower_id INTEGER REFERENCES borrower (id) ON DELETE RESTRICT,
        seat INTEGER,
        confirmed_by VARCHAR(255),
        audit_seq INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX custody_move_copy ON custody_move (copy_id, id)",
    "CREATE INDEX custody_move_at ON custody_move (at)",
    *_image_triggers("custody_move", MOVE_COLUMNS),
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
