"""Library data as libraries send it: the vernacular script, the librarian's fields, control
numbers, call numbers apart from locations, and a search index that folds romanisation marks.

Frozen DDL. A work gains the vernacular forms of its title, author and translator (MARC
880 fields: the Hangul, Hanja or kana a romanised record carries beside its romanisation)
and the fields a librarian reads a record by (statement of responsibility, edition, series,
subjects, variant titles, call number, physical description, place of publication,
contents, other names with their roles, the record's own control number and source). A
copy gains its call number, kept apart from its shelving location. ``work_identifier``
holds every number a record is known by (001 with 003, 035, ISBN, LCCN), so a record sent
twice is recognised.

The search index is rebuilt over a view, ``work_search``, that takes out the ligature tie
bars (U+0361, U+0360, U+FE20-U+FE23) and the modifier primes and half rings of
romanisation (soft and hard sign U+02B9/U+02BA, ayn and alif U+02BB/U+02BC): SQLite's
tokenizer keeps them inside a word, so ``Presviat͡oĭ`` was not found by ``Presviatoi``.
The triggers feed it the same folded text, and search the vernacular fields, the variant
titles and the subjects too. Every stored work text is normalised to NFC (composed), as
every entrance now stores it.
"""

from __future__ import annotations

import unicodedata

from peewee import Database

#: the work's new text columns
WORK_COLUMNS = (
    "title_vernacular",
    "author_vernacular",
    "translator_vernacular",
    "responsibility",
    "edition",
    "series",
    "subjects",
    "variant_titles",
    "call_number",
    "physical",
    "place",
    "contents",
    "contributors",
    "control_number",
    "control_source",
)
#: the columns the search index reads, in its order
SEARCHED = (
    "title",
    "original_title",
    "author",
    "translator",
    "title_vernacular",
    "author_vernacular",
    "translator_vernacular",
    "variant_titles",
    "subjects",
)
#: characters the search index leaves out (tie bars, romanisation's modifier letters)
FOLDED = (0x0360, 0x0361, 0xFE20, 0xFE21, 0xFE22, 0xFE23, 0x02B9, 0x02BA, 0x02BB, 0x02BC)
#: the work's text columns of earlier migrations, normalised here
OLD_TEXT = (
    "title",
    "subtitle",
    "author",
    "original_title",
    "translator",
    "publisher",
    "isbn",
    "notes",
)


def _fold(column: str) -> str:
    """``column`` without the folded characters. Only text with a character outside
    printable ASCII goes through the replacements (one GLOB scan for the rest): ten nested
    ``replace`` calls on each of nine columns made every insert six times slower."""
    replaced = column
    for code in FOLDED:
        replaced = f"replace({replaced}, '{chr(code)}', '')"
    return f"CASE WHEN {column} GLOB '*[^ -~]*' THEN {replaced} ELSE {column} END"


def _values(row: str) -> str:
    return ", ".join(_fold(f"{row}.{c}") for c in SEARCHED)


_NAMES = ", ".join(SEARCHED)

STATEMENTS = [
    *(f"ALTER TABLE work ADD COLUMN {c} TEXT NOT NULL DEFAULT ''" for c in WORK_COLUMNS),
    "ALTER TABLE copy ADD COLUMN call_number VARCHAR(255) NOT NULL DEFAULT ''",
    """CREATE TABLE work_identifier (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_id INTEGER NOT NULL REFERENCES work (id) ON DELETE RESTRICT,
        kind VARCHAR(16) NOT NULL,
        value TEXT NOT NULL)""",
    "CREATE INDEX work_identifier_value ON work_identifier (value)",
    "CREATE INDEX work_identifier_work ON work_identifier (work_id)",
    "DROP TRIGGER work_fts_insert",
    "DROP TRIGGER work_fts_delete",
    "DROP TRIGGER work_fts_update",
    "DROP TABLE work_fts",
]

SEARCH_STATEMENTS = [
    "CREATE VIEW work_search AS SELECT id, "
    + ", ".join(f"{_fold(c)} AS {c}" for c in SEARCHED)
    + " FROM work",
    f"""CREATE VIRTUAL TABLE work_fts USING fts5(
        {_NAMES},
        content='work_search', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    f"""CREATE TRIGGER work_fts_insert AFTER INSERT ON work BEGIN
        INSERT INTO work_fts (rowid, {_NAMES}) VALUES (new.id, {_values("new")}); END""",
    f"""CREATE TRIGGER work_fts_delete AFTER DELETE ON work BEGIN
        INSERT INTO work_fts (work_fts, rowid, {_NAMES})
        VALUES ('delete', old.id, {_values("old")}); END""",
    f"""CREATE TRIGGER work_fts_update AFTER UPDATE OF {_NAMES} ON work BEGIN
        INSERT INTO work_fts (work_fts, rowid, {_NAMES})
        VALUES ('delete', old.id, {_values("old")});
        INSERT INTO work_fts (rowid, {_NAMES}) VALUES (new.id, {_values("new")}); END""",
    "INSERT INTO work_fts (work_fts) VALUES ('rebuild')",
]


def _normalise_works(db: Database) -> None:
    """Every work's text composed (NFC): decomposed text came in from UTF-8 records."""
    names = ", ".join(OLD_TEXT)
    rows = db.execute_sql(f"SELECT id, {names} FROM work").fetchall()
    for work_id, *texts in rows:
        composed = [unicodedata.normalize("NFC", t) if t else t for t in texts]
        if composed != texts:
            db.execute_sql(
                f"UPDATE work SET {', '.join(f'{c} = ?' for c in OLD_TEXT)} WHERE id = ?",
                (*composed, work_id),
            )


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
    _normalise_works(db)  # with the search triggers gone: the index is rebuilt below
    for statement in SEARCH_STATEMENTS:
        db.execute_sql(statement)
