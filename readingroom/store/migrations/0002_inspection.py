"""Inspection: stocktakes (expected copies, scans, outcomes) and overdue reminders.

Frozen DDL (independent of the application models, as migrations must be). The database
itself keeps the stocktake's promises: only one stocktake is open at a time; a signed
stocktake, its scans and its outcomes can no longer change; scans are append-only; and a
loan gets at most one reminder a day and at most one of each level.
"""

from peewee import Database

STATEMENTS = [
    """CREATE TABLE stocktake (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        status VARCHAR(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','signed')),
        opened_at DATETIME NOT NULL,
        opened_by VARCHAR(255) NOT NULL,
        expected_count INTEGER NOT NULL DEFAULT 0,
        found_count INTEGER NOT NULL DEFAULT 0,
        closed_at DATETIME,
        closed_by VARCHAR(255),
        closed_by_name TEXT,
        signed_by TEXT,
        signed_on DATE,
        audit_ok INTEGER,
        audit_problem TEXT NOT NULL DEFAULT '',
        audit_count INTEGER,
        audit_hash VARCHAR(64),
        CHECK (status = 'open' OR (length(trim(signed_by)) > 0 AND closed_at IS NOT NULL
                                   AND audit_hash IS NOT NULL)))""",
    "CREATE UNIQUE INDEX stocktake_one_open ON stocktake (status) WHERE status = 'open'",
    """CREATE TRIGGER stocktake_signed_is_final BEFORE UPDATE ON stocktake
       WHEN OLD.status = 'signed'
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_SIGNED: a signed stocktake is read-only'); END""",
    """CREATE TRIGGER stocktake_never_deleted BEFORE DELETE ON stocktake
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_SIGNED: a stocktake is never deleted'); END""",
    """CREATE TABLE stocktake_expected (
        stocktake_id INTEGER NOT NULL REFERENCES stocktake (id) ON DELETE RESTRICT,
        copy_id INTEGER NOT NULL REFERENCES copy (id) ON DELETE RESTRICT,
        barcode VARCHAR(255) NOT NULL,
        location VARCHAR(255) NOT NULL DEFAULT '',
        status VARCHAR(32) NOT NULL,
        PRIMARY KEY (stocktake_id, copy_id))""",
    """CREATE UNIQUE INDEX stocktake_expected_barcode
       ON stocktake_expected (stocktake_id, barcode)""",
    """CREATE TRIGGER stocktake_expected_frozen BEFORE UPDATE ON stocktake_expected
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_FROZEN: the expected copies are frozen'); END""",
    """CREATE TRIGGER stocktake_expected_kept BEFORE DELETE ON stocktake_expected
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_FROZEN: the expected copies are frozen'); END""",
    """CREATE TABLE stocktake_scan (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        stocktake_id INTEGER NOT NULL REFERENCES stocktake (id) ON DELETE RESTRICT,
        barcode VARCHAR(255) NOT NULL,
        copy_id INTEGER REFERENCES copy (id) ON DELETE SET NULL,
        location VARCHAR(255) NOT NULL DEFAULT '',
        flags VARCHAR(255) NOT NULL DEFAULT '',
        scanned_at DATETIME NOT NULL,
        staff VARCHAR(255) NOT NULL)""",
    "CREATE INDEX stocktake_scan_barcode ON stocktake_scan (stocktake_id, barcode, id)",
    """CREATE TRIGGER stocktake_scan_only_when_open BEFORE INSERT ON stocktake_scan
       WHEN (SELECT status FROM stocktake WHERE id = NEW.stocktake_id) IS NOT 'open'
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_SIGNED: a signed stocktake takes no scans'); END""",
    """CREATE TRIGGER stocktake_scan_append_only BEFORE UPDATE ON stocktake_scan
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_SCAN: scans are never changed'); END""",
    """CREATE TRIGGER stocktake_scan_never_deleted BEFORE DELETE ON stocktake_scan
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_SCAN: scans are never deleted'); END""",
    """CREATE TABLE stocktake_outcome (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        stocktake_id INTEGER NOT NULL REFERENCES stocktake (id) ON DELETE RESTRICT,
        barcode VARCHAR(255) NOT NULL,
        copy_id INTEGER REFERENCES copy (id) ON DELETE SET NULL,
        title TEXT NOT NULL DEFAULT '',
        volume INTEGER,
        outcome VARCHAR(16) NOT NULL
            CHECK (outcome IN ('present','on-loan','missing','misplaced','unexpected')),
        borrower VARCHAR(255),
        due DATE,
        location VARCHAR(255) NOT NULL DEFAULT '',
        found_location VARCHAR(255) NOT NULL DEFAULT '',
        condition VARCHAR(32) NOT NULL DEFAULT '',
        scans INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (stocktake_id, barcode))""",
    """CREATE TRIGGER stocktake_outcome_only_when_open BEFORE INSERT ON stocktake_outcome
       WHEN (SELECT status FROM stocktake WHERE id = NEW.stocktake_id) IS NOT 'open'
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_SIGNED: a signed stocktake is read-only'); END""",
    """CREATE TRIGGER stocktake_outcome_final BEFORE UPDATE ON stocktake_outcome
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_SIGNED: outcomes are never changed'); END""",
    """CREATE TRIGGER stocktake_outcome_kept BEFORE DELETE ON stocktake_outcome
       BEGIN SELECT RAISE(ABORT, 'STOCKTAKE_SIGNED: outcomes are never deleted'); END""",
    """CREATE TABLE reminder (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        loan_id INTEGER NOT NULL REFERENCES loan (id) ON DELETE RESTRICT,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
        sent_on DATE NOT NULL,
        sent_at DATETIME NOT NULL,
        staff VARCHAR(255) NOT NULL,
        days_overdue INTEGER NOT NULL CHECK (days_overdue >= 1),
        supervisor_told INTEGER NOT NULL DEFAULT 0 CHECK (supervisor_told = (level = 3)),
        UNIQUE (loan_id, sent_on),
        UNIQUE (loan_id, level))""",
    "CREATE INDEX reminder_sent_on ON reminder (sent_on)",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
