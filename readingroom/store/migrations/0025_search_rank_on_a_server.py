"""Search results best match first on a PostgreSQL server too.

On a SQLite file nothing changes: FTS5 ranks its matches itself (``bm25``). A catalogue on
a server made before this migration has no ranking functions, and listed its matches by
title; they are created here (:data:`readingroom.store.server_schema.RANK_SQL`, as a new
server catalogue gets them), written past the SQLite dialect the services' statements are
read through.
"""

from peewee import Database, PostgresqlDatabase


def up(migrator: object, db: Database) -> None:
    if not isinstance(db, PostgresqlDatabase):
        return
    import psycopg

    from readingroom.store.server_schema import RANK_SQL

    cursor = psycopg.Cursor(db.connection())
    for statement in RANK_SQL:
        cursor.execute(statement)
