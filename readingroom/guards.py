"""The guards the database itself keeps, and the invariants they protect: one list each.

``doctor`` (and the check of every backup) looks for each guard by name in
``sqlite_master``: a guard dropped with sqlite3 (to slip in a loan the rules forbid, say) is
reported, and so is any row that breaks an invariant, even if the guard is back in place.

To add a guard (a trigger or unique index made by a new migration), append one line to
:data:`EXPECTED_GUARDS` with the migration number that creates it; files of an older schema
are not asked for it. A guard a later migration drops names that migration as ``until``.
To add an invariant, append to :data:`INVARIANTS` a name and a query
that returns the offending rows (at most a few are shown).
"""

from __future__ import annotations

from dataclasses import dataclass

from readingroom.vocabulary import LendingRule, Role, WorkAccess, sql_word


@dataclass(frozen=True)
class Guard:
    """A trigger or index the schema must hold from migration ``since`` on (until the
    migration ``until`` that replaced it, when one did)."""

    kind: str  # "trigger", "index" or "table"
    name: str
    since: int
    protects: str
    until: int | None = None


EXPECTED_GUARDS: tuple[Guard, ...] = (
    Guard("index", "loan_one_active_per_copy", 1, "one active loan per copy (rule 2)"),
    Guard("trigger", "loan_never_to_civilian", 1, "no loan to a civilian (rule 1)"),
    Guard("index", "hold_one_per_copy", 1, "a copy set aside for one hold at most"),
    Guard("trigger", "stocktake_signed_is_final", 2, "a signed stocktake stays as signed"),
    Guard("trigger", "stocktake_never_deleted", 2, "stocktakes are never deleted"),
    Guard("trigger", "stocktake_expected_frozen", 2, "a stocktake's expected list is fixed"),
    Guard("trigger", "stocktake_expected_kept", 2, "a stocktake's expected list is kept"),
    Guard("trigger", "stocktake_scan_only_when_open", 2, "scans only into an open stocktake"),
    Guard("trigger", "stocktake_scan_append_only", 2, "scans are never edited"),
    Guard("trigger", "stocktake_scan_never_deleted", 2, "scans are never deleted"),
    Guard("trigger", "stocktake_outcome_only_when_open", 2, "outcomes only while open"),
    Guard("trigger", "stocktake_outcome_final", 2, "outcomes are never edited"),
    Guard("trigger", "stocktake_outcome_kept", 2, "outcomes are never deleted"),
    Guard("trigger", "borrower_role_keeps_loans", 5, "no role change that forbids a current loan"),
    Guard("trigger", "work_access_keeps_loans", 5, "no access change that forbids a current loan"),
    Guard("trigger", "policy_rule_keeps_loans", 5, "no policy change that forbids a current loan"),
    Guard("trigger", "policy_rule_delete_keeps_loans", 5, "no policy cell removed under a loan"),
    Guard("trigger", "catalogue_id_fixed", 7, "the catalogue's identity is fixed"),
    Guard("trigger", "catalogue_id_kept", 7, "the catalogue's identity is kept"),
    Guard("trigger", "catalogue_id_once", 7, "the catalogue's identity is set once"),
    *(
        Guard(
            "trigger",
            f"{table}_image_{event}",
            9,
            f"every change to {table} reaches the trail",
            # the close renders its outcomes' images itself (migration 0012)
            12 if (table, event) == ("stocktake_outcome", "insert") else None,
        )
        for table in (
            "copy",
            "borrower",
            "policy_rule",
            "loan",
            "hold",
            "stocktake",
            "stocktake_outcome",
        )
        for event in ("insert", "update", "delete")
    ),
    # the table the image triggers write into: dropped, every change would be refused, but
    # the check of the tables against the trail must not be switched off by its absence
    Guard("table", "audit_pending", 9, "the after-images' waiting table"),
    Guard("trigger", "loan_update_keeps_rules", 10, "no loan edited into a forbidden one"),
    Guard("trigger", "copy_work_keeps_loans", 10, "no lent copy moved to a forbidding work"),
)

ACTIVE_LOANS = """FROM loan l NOT INDEXED JOIN borrower b ON b.id = l.borrower_id
    JOIN copy c ON c.id = l.copy_id JOIN work w ON w.id = c.work_id
    WHERE l.returned_at IS NULL"""

#: how far an entry may be dated before the one it follows (local time goes back an hour
#: when summer time ends); a clock set back further is named by ``doctor``
CLOCK_SLACK_HOURS = 2

#: the newest trail entry about staff account ``s`` (completed with its action)
_LAST_STAFF_ENTRY = (
    "SELECT max(e.id) FROM audit_entry e WHERE e.entity = 'staff' AND e.entity_id = s.username"
)

#: (name, query returning offending rows as (loan or copy id, what)) checked by ``doctor``
INVARIANTS: tuple[tuple[str, str], ...] = (
    (
        "no active loan to a civilian",
        f"SELECT l.id, 'loan ' || l.id || ' of ' || c.barcode || ' to civilian ' || b.member_no "
        f"{ACTIVE_LOANS} AND b.role = {sql_word(Role.CIVILIAN)}",
    ),
    (
        "no active loan of a staff-only work",
        f"SELECT l.id, 'loan ' || l.id || ' of staff-only ' || c.barcode || ' to ' || b.member_no "
        f"{ACTIVE_LOANS} AND w.access = {sql_word(WorkAccess.STAFF_ONLY)}",
    ),
    (
        "no active loan the lending policy says never to",
        f"SELECT l.id, 'loan ' || l.id || ' of ' || c.barcode || ' to ' || b.member_no || "
        f"' (' || b.role || ', ' || w.access || ': the policy says never)' {ACTIVE_LOANS} "
        f"AND coalesce((SELECT p.rule FROM policy_rule p WHERE p.role = b.role "
        f"AND p.access = w.access), {sql_word(LendingRule.NEVER)}) = {sql_word(LendingRule.NEVER)} "
        f"AND b.role <> {sql_word(Role.CIVILIAN)} "
        f"AND w.access <> {sql_word(WorkAccess.STAFF_ONLY)}",
    ),
    (
        "staff accounts hold the role the trail gave them",
        "SELECT s.id, 'staff ' || s.username || ' is ' || s.role || CASE WHEN a.id IS NULL "
        "THEN ' but the trail never added it' ELSE ' but was added as ' "
        "|| coalesce(json_extract(a.details, '$.role'), '?') END "
        f"FROM staff_user s LEFT JOIN audit_entry a ON a.id = ({_LAST_STAFF_ENTRY} "
        "AND e.action = 'staff-add') "
        "WHERE a.id IS NULL OR json_extract(a.details, '$.role') IS NOT s.role",
    ),
    (
        "staff accounts are enabled or disabled as the trail says",
        "SELECT s.id, 'staff ' || s.username || ' is ' || CASE WHEN s.active "
        "THEN 'enabled but the trail disabled it' ELSE 'disabled but the trail enabled it' END "
        f"FROM staff_user s JOIN audit_entry a ON a.id = ({_LAST_STAFF_ENTRY} "
        "AND e.action IN ('staff-add', 'staff-enable', 'staff-disable')) "
        "WHERE (a.action = 'staff-disable') = (s.active <> 0)",
    ),
    (
        "audit entries dated in their order (no clock set back)",
        "SELECT a.id, 'entry ' || a.id || ' (' || a.at || ') is dated before entry ' || p.id "
        "|| ' (' || p.at || '): the computer''s clock was set back' "
        "FROM audit_entry a JOIN audit_entry p ON p.id = a.id - 1 "
        f"WHERE julianday(a.at) < julianday(p.at) - {CLOCK_SLACK_HOURS} / 24.0",
    ),
    (
        # migration 0009 records the rows as they stand once, before any entry carries
        # images; a baseline after that (its migration made to run again) records rows edited
        # with sqlite3 as the trail's own
        "no baseline after the trail began carrying after-images",
        "SELECT b.id, 'entry ' || b.id || ' records the ' || b.entity || ' rows as they stood "
        "(a baseline), after entry ' || f.id || ' had carried after-images: migration 9 was "
        "made to run again' FROM audit_entry b, (SELECT id FROM audit_entry "
        "WHERE action <> 'baseline' AND details LIKE '{\"after\":%' ORDER BY id LIMIT 1) f "
        "WHERE b.action = 'baseline' AND b.id > f.id",
    ),
    (
        "one active loan per copy",
        "SELECT copy_id, 'copy ' || copy_id || ' has ' || count(*) || ' active loans' "
        "FROM loan NOT INDEXED WHERE returned_at IS NULL GROUP BY copy_id HAVING count(*) > 1",
    ),
)


def expected_guards(applied: set[int]) -> tuple[Guard, ...]:
    """The guards a file must hold whose applied migrations are numbered ``applied``."""
    return tuple(
        g
        for g in EXPECTED_GUARDS
        if g.since in applied and (g.until is None or g.until not in applied)
    )
