"""Seal keys: each supervisor's Ed25519 key pair, and the root fingerprint a stocktake signs.

Frozen DDL. ``seal_key`` holds one row per key a supervisor ever had: the public key (hex
of its 32 raw bytes), the private key encrypted under a key derived from that supervisor's
password (argon2id, AES-256-GCM; the JSON format is in docs/RELIABILITY.md), who certified
it and the certificate (an Ed25519 signature, hex; both empty while the key waits for a
supervisor holding a certified key), and whether it was retired (replaced after another
supervisor reset the password). At most one key per supervisor is current. Keys are never
deleted: a retired key's past seals still verify from the audit trail's ``seal-key``
entries. ``stocktake.root_fingerprint`` records the catalogue's root key at sign-off, next
to the chain head the sign-off already records. Works on an existing catalogue: the table
starts empty and each supervisor gets a key at a later sign-in (see readingroom/seals.py).
"""

from peewee import Database

STATEMENTS = [
    """CREATE TABLE seal_key (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username VARCHAR(255) NOT NULL,
        public_key VARCHAR(64) NOT NULL UNIQUE,
        encrypted_private TEXT NOT NULL,
        certified_by VARCHAR(255),
        certificate VARCHAR(128),
        created_at DATETIME NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)))""",
    "CREATE UNIQUE INDEX seal_key_one_current ON seal_key (username) WHERE retired = 0",
    """CREATE TRIGGER seal_key_never_deleted BEFORE DELETE ON seal_key
       BEGIN SELECT RAISE(ABORT, 'SEAL_KEY: a seal key is never deleted'); END""",
    "ALTER TABLE stocktake ADD COLUMN root_fingerprint VARCHAR(64)",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
