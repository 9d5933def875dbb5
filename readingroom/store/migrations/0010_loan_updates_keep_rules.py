"""Rule 1 held on UPDATE too: no edit of a loan or a copy makes a current loan forbidden.

Frozen DDL. The trigger ``loan_never_to_civilian`` (migration 0001) refuses a loan row for a
civilian when it is inserted, and the triggers of migration 0005 refuse an edit of a
borrower, a work or a policy cell that would leave a forbidden loan. A loan row itself could
still be changed afterwards with sqlite3, guards in place: handed to a civilian, or an old
loan of a borrower made civilian since brought back (``returned_at`` set to NULL); and a
lent copy could be moved to a staff-only work. These refuse that: a current loan must stay
one the rules allow, whichever row changes. No program path makes such a change; these are
the last word against a hand on the file, and ``doctor`` names them when dropped.
"""

from peewee import Database

#: the policy's rule for a role and an access class, ``never`` when the cell is missing
_RULE = (
    "COALESCE((SELECT p.rule FROM policy_rule p WHERE p.role = b.role "
    "AND p.access = w.access), 'never')"
)
_FORBIDDEN = f"(b.role = 'civilian' OR w.access = 'staff-only' OR {_RULE} = 'never')"

STATEMENTS = [
    f"""CREATE TRIGGER loan_update_keeps_rules BEFORE UPDATE OF borrower_id, copy_id,
           returned_at ON loan
       WHEN NEW.returned_at IS NULL AND EXISTS (
           SELECT 1 FROM borrower b, copy c JOIN work w ON w.id = c.work_id
           WHERE b.id = NEW.borrower_id AND c.id = NEW.copy_id AND {_FORBIDDEN})
       BEGIN SELECT RAISE(ABORT,
           'ROLE_NOT_PERMITTED: a loan may not become one the rules forbid'); END""",
    f"""CREATE TRIGGER copy_work_keeps_loans BEFORE UPDATE OF work_id ON copy
       WHEN NEW.work_id IS NOT OLD.work_id AND EXISTS (
           SELECT 1 FROM loan l JOIN borrower b ON b.id = l.borrower_id,
                work w
           WHERE l.copy_id = NEW.id AND l.returned_at IS NULL AND w.id = NEW.work_id
             AND {_FORBIDDEN})
       BEGIN SELECT RAISE(ABORT,
           'HAS_ACTIVE_LOANS: moving a lent copy would leave a forbidden loan'); END""",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
