"""An edit never turns a current loan into one the rules forbid (HAS_ACTIVE_LOANS).

Frozen DDL on tables of the first migration. Rule 1 of the design is held by the database
at the moment a loan is written (the trigger ``loan_never_to_civilian``); these triggers
hold it afterwards, whatever writes the file: a borrower's role, a work's access class or a
policy cell cannot change while a copy is out on a loan the change would forbid. A loan is
forbidden to a civilian, of a staff-only work, and wherever the policy cell for the
borrower's role and the work's access class is ``never`` (or missing, which the rules read
as ``never``). The service layer checks the same first and names the loans; these are the
last word when an edit races a lend or goes round the program.
"""

from peewee import Database

#: the policy's rule for a role and an access class, ``never`` when the cell is missing
_RULE = (
    "COALESCE((SELECT p.rule FROM policy_rule p WHERE p.role = {role} "
    "AND p.access = {access}), 'never')"
)


def _forbidden(role: str, access: str) -> str:
    return (
        f"({role} = 'civilian' OR {access} = 'staff-only' "
        f"OR {_RULE.format(role=role, access=access)} = 'never')"
    )


def _loans_of_cell(role: str, access: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM loan l JOIN copy c ON c.id = l.copy_id "
        "JOIN work w ON w.id = c.work_id JOIN borrower b ON b.id = l.borrower_id "
        f"WHERE l.returned_at IS NULL AND b.role = {role} AND w.access = {access})"
    )


STATEMENTS = [
    f"""CREATE TRIGGER borrower_role_keeps_loans BEFORE UPDATE OF role ON borrower
       WHEN NEW.role IS NOT OLD.role AND EXISTS (
           SELECT 1 FROM loan l JOIN copy c ON c.id = l.copy_id JOIN work w ON w.id = c.work_id
           WHERE l.borrower_id = NEW.id AND l.returned_at IS NULL
             AND {_forbidden("NEW.role", "w.access")})
       BEGIN SELECT RAISE(ABORT,
           'HAS_ACTIVE_LOANS: a new role would leave a forbidden loan'); END""",
    f"""CREATE TRIGGER work_access_keeps_loans BEFORE UPDATE OF access ON work
       WHEN NEW.access IS NOT OLD.access AND EXISTS (
           SELECT 1 FROM loan l JOIN copy c ON c.id = l.copy_id
           JOIN borrower b ON b.id = l.borrower_id
           WHERE c.work_id = NEW.id AND l.returned_at IS NULL
             AND {_forbidden("b.role", "NEW.access")})
       BEGIN SELECT RAISE(ABORT,
           'HAS_ACTIVE_LOANS: a new access class would leave a forbidden loan'); END""",
    f"""CREATE TRIGGER policy_rule_keeps_loans BEFORE UPDATE ON policy_rule
       WHEN (NEW.rule = 'never'
             AND (OLD.rule <> 'never' OR NEW.role IS NOT OLD.role
                  OR NEW.access IS NOT OLD.access)
             AND {_loans_of_cell("NEW.role", "NEW.access")})
         OR (OLD.rule <> 'never' AND (NEW.role IS NOT OLD.role OR NEW.access IS NOT OLD.access)
             AND {_loans_of_cell("OLD.role", "OLD.access")})
       BEGIN SELECT RAISE(ABORT,
           'HAS_ACTIVE_LOANS: a policy change would leave a forbidden loan'); END""",
    f"""CREATE TRIGGER policy_rule_delete_keeps_loans BEFORE DELETE ON policy_rule
       WHEN OLD.rule <> 'never' AND {_loans_of_cell("OLD.role", "OLD.access")}
       BEGIN SELECT RAISE(ABORT,
           'HAS_ACTIVE_LOANS: removing the cell would leave a forbidden loan'); END""",
]


def up(migrator: object, db: Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
