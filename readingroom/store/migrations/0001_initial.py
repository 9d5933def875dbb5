"""The first schema: catalogue, borrowers, policy, circulation, audit trail and search index.

Frozen DDL (independent of the application models, as migrations must be). Rule 2 of the
design, "a copy is never on two active loans", is the partial unique index
``loan_one_active_per_copy``; a trigger refuses any loan row for a civilian.
"""

from peewee import Database

STATEMENTS = [
    """CREATE TABLE setting (key VARCHAR(255) PRIMARY KEY NOT NULL, value TEXT NOT NULL)""",
    """CREATE TABLE staff_user (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username VARCHAR(255) NOT NULL UNIQUE,
        full_name VARCHAR(255) NOT NULL DEFAULT '',
        role VARCHAR(32) NOT NULL CHECK (role IN ('librarian','supervisor','inspector')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until DATETIME,
        created_at DATETIME NOT NULL)""",
    """CREATE TABLE work (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        subtitle TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        original_title TEXT NOT NULL DEFAULT '',
        original_language VARCHAR(64) NOT NULL DEFAULT '',
        translator TEXT NOT NULL DEFAULT '',
        publisher TEXT NOT NULL DEFAULT '',
        year INTEGER,
        isbn VARCHAR(32) NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        access VARCHAR(32) NOT NULL DEFAULT 'lendable'
            CHECK (access IN ('lendable','reading-room','staff-only')),
        volumes INTEGER NOT NULL DEFAULT 1 CHECK (volumes >= 1),
        created_at DATETIME NOT NULL)""",
    "CREATE INDEX work_title ON work (title COLLATE NOCASE)",
    "CREATE INDEX work_author ON work (author COLLATE NOCASE)",
    """CREATE TABLE copy (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        barcode VARCHAR(255) NOT NULL UNIQUE,
        work_id INTEGER NOT NULL REFERENCES work (id) ON DELETE RESTRICT,
        volume INTEGER NOT NULL DEFAULT 1 CHECK (volume >= 1),
        location VARCHAR(255) NOT NULL DEFAULT '',
        status VARCHAR(32) NOT NULL DEFAULT 'available' CHECK (status IN
            ('available','on-loan','held','missing','withdrawn','lost','damaged')),
        condition VARCHAR(32) NOT NULL DEFAULT 'good'
            CHECK (condition IN ('good','worn','ragged','damaged')),
        created_at DATETIME NOT NULL)""",
    "CREATE INDEX copy_work ON copy (work_id, volume)",
    "CREATE INDEX copy_status ON copy (status)",
    """CREATE TABLE borrower (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        member_no VARCHAR(255) NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role VARCHAR(32) NOT NULL CHECK (role IN ('writer','cadre','civilian')),
        organisation TEXT NOT NULL DEFAULT '',
        status VARCHAR(32) NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended')),
        expires DATE,
        created_at DATETIME NOT NULL)""",
    "CREATE INDEX borrower_name ON borrower (name COLLATE NOCASE)",
    """CREATE TABLE policy_rule (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        role VARCHAR(32) NOT NULL,
        access VARCHAR(32) NOT NULL,
        rule VARCHAR(32) NOT NULL CHECK (rule IN ('loan','reading-room','approval','never')),
        days INTEGER NOT NULL DEFAULT 21 CHECK (days >= 1),
        max_items INTEGER NOT NULL DEFAULT 3 CHECK (max_items >= 0),
        renewals INTEGER NOT NULL DEFAULT 1 CHECK (renewals >= 0),
        UNIQUE (role, access),
        CHECK (role <> 'civilian' OR rule = 'never'),
        CHECK (access <> 'staff-only' OR rule = 'never'))""",
    """CREATE TABLE loan (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        copy_id INTEGER NOT NULL REFERENCES copy (id) ON DELETE RESTRICT,
        borrower_id INTEGER NOT NULL REFERENCES borrower (id) ON DELETE RESTRICT,
        staff_id INTEGER REFERENCES staff_user (id) ON DELETE SET NULL,
        lent_on DATE NOT NULL,
        lent_at DATETIME NOT NULL,
        due DATE NOT NULL,
        renewals INTEGER NOT NULL DEFAULT 0,
        returned_on DATE,
        returned_at DATETIME,
        return_condition VARCHAR(32),
        override_by_id INTEGER REFERENCES staff_user (id) ON DELETE SET NULL,
        override_reason TEXT,
        overridden_codes TEXT NOT NULL DEFAULT '',
        backdated INTEGER NOT NULL DEFAULT 0,
        CHECK (override_by_id IS NULL OR length(trim(override_reason)) > 0))""",
    # Rule 2: one active loan per copy, whatever process or window writes it.
    "CREATE UNIQUE INDEX loan_one_active_per_copy ON loan (copy_id) WHERE returned_at IS NULL",
    "CREATE INDEX loan_borrower ON loan (borrower_id, returned_at)",
    "CREATE INDEX loan_active_due ON loan (due) WHERE returned_at IS NULL",
    # Rule 1: a civilian is never lent anything.
    """CREATE TRIGGER loan_never_to_civilian BEFORE INSERT ON loan
       WHEN (SELECT role FROM borrower WHERE id = NEW.borrower_id) = 'civilian'
       BEGIN SELECT RAISE(ABORT, 'ROLE_NOT_PERMITTED: a civilian is never lent anything'); END""",
    """CREATE TABLE hold (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_id INTEGER NOT NULL REFERENCES work (id) ON DELETE RESTRICT,
        volume INTEGER NOT NULL DEFAULT 1,
        borrower_id INTEGER NOT NULL REFERENCES borrower (id) ON DELETE RESTRICT,
        placed_at DATETIME NOT NULL,
        status VARCHAR(32) NOT NULL DEFAULT 'waiting'
            CHECK (status IN ('waiting','ready','fulfilled','cancelled')),
        copy_id INTEGER REFERENCES copy (id) ON DELETE SET NULL,
        ready_on DATE,
        closed_at DATETIME)""",
    """CREATE UNIQUE INDEX hold_one_active_per_borrower ON hold (work_id, volume, borrower_id)
       WHERE status IN ('waiting','ready')""",
    "CREATE UNIQUE INDEX hold_one_per_copy ON hold (copy_id) WHERE status = 'ready'",
    "CREATE INDEX hold_queue ON hold (work_id, volume, status, id)",
    """CREATE TABLE condition_entry (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        copy_id INTEGER NOT NULL REFERENCES copy (id) ON DELETE RESTRICT,
        grade VARCHAR(32) NOT NULL CHECK (grade IN ('good','worn','ragged','damaged')),
        recorded_at DATETIME NOT NULL,
        staff_id INTEGER REFERENCES staff_user (id) ON DELETE SET NULL,
        loan_id INTEGER REFERENCES loan (id) ON DELETE SET NULL,
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX condition_entry_copy ON condition_entry (copy_id)",
    """CREATE TABLE audit_entry (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at VARCHAR(64) NOT NULL,
        staff VARCHAR(255) NOT NULL,
        action VARCHAR(64) NOT NULL,
        entity VARCHAR(64) NOT NULL,
        entity_id VARCHAR(255) NOT NULL DEFAULT '',
        details TEXT NOT NULL DEFAULT '{}',
        prev_hash VARCHAR(64) NOT NULL,
        hash VARCHAR(64) NOT NULL)""",
    "CREATE INDEX audit_entry_action ON audit_entry (action)",
    """CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        count INTEGER NOT NULL,
        last_hash VARCHAR(64) NOT NULL)""",
    # Full-text search over the fields a reader names a book by.
    """CREATE VIRTUAL TABLE work_fts USING fts5(
        title, original_title, author, translator,
        content='work', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER work_fts_insert AFTER INSERT ON work BEGIN
        INSERT INTO work_fts (rowid, title, original_title, author, translator)
        VALUES (new.id, new.title, new.original_title, new.author, new.translator); END""",
    """CREATE TRIGGER work_fts_delete AFTER DELETE ON work BEGIN
        INSERT INTO work_fts (work_fts, rowid, title, original_title, author, translator)
        VALUES ('delete', old.id, old.title, old.original_title, old.author, old.translator);
        END""",
    """CREATE TRIGGER work_fts_update AFTER UPDATE ON work BEGIN
        INSERT INTO work_fts (work_fts, rowid, title, original_title, author, translator)
        VALUES ('delete', old.id, old.title, old.original_title, old.author, old.translator);
        INSERT INTO work_fts (rowid, title, original_title, author, translator)
        VALUES (new.id, new.title, new.original_title, new.author, new.translator); END""",
]

DEFAULT_POLICY = [
    # role, access, rule, days, max_items, renewals
    ("writer", "lendable", "loan", 21, 3, 1),
    ("writer", "reading-room", "reading-room", 21, 3, 1),
    ("writer", "staff-only", "never", 21, 3, 1),
    ("cadre", "lendable", "approval", 21, 3, 1),
    ("cadre", "reading-room", "reading-room", 21, 3, 1),
    ("cadre", "staff-only", "never", 21, 3, 1),
    ("civilian", "lendable", "never", 21, 0, 0),
    ("civilian", "reading-room", "never", 21, 0, 0),
    ("civilian", "staff-only", "never", 21, 0, 0),
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
    for row in DEFAULT_POLICY:
        db.execute_sql(
            "INSERT INTO policy_rule (role, access, rule, days, max_items, renewals) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            row,
        )
    db.execute_sql("INSERT INTO audit_head (id, count, last_hash) VALUES (1, 0, ?)", ("0" * 64,))
