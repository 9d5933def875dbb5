"""The central database keeps no pseudonym secret.

Until now the central database made each branch's pseudonyms itself, from member numbers
in the bundle, with a secret it kept in ``branch.secret``: whoever could read the database
could hash a member number and find the borrower. Branches now send pseudonyms made with a
secret only they hold (``export-bundle --union``); the column is dropped with its secrets,
so the pseudonyms already stored can no longer be traced back to a member number by anyone
(the branch's next bundle replaces its holdings and overrides with its own pseudonyms).
"""

from peewee import Database


def up(migrator: object, db: Database) -> None:
    db.execute_sql("ALTER TABLE branch DROP COLUMN secret")
