"""The guards the database itself keeps, and the invariants they protect: one list each.

``doctor`` (and the check of every backup) looks for each guard by name in
``sqlite_master``: a guard dropped with sqlite3 (to slip in a loan the rules forbid, say) is
reported, and so is any row that breaks an invariant, even if the guard is back in place.

To add a guard (a trigger or unique index made by a new migration), append one line to
:data:`EXPECTED_GUARDS` with the migration number that creates it; files of an older schema
are not asked for it. A guard a later migration drops names that migration as ``until``.
To add an invariant, append to :data:`INVARIANTS` an :class:`Invariant`: its name, a query
that returns the offending rows (at most a few are shown) and the words of a row, a template
whose ``{name}`` placeholders are the query's columns (each in the domain's catalogue, context
:data:`ROW_CONTEXT`, so ``doctor`` names the rows in the user's language).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from readingroom.vocabulary import BorrowerStatus, LendingRule, Role, WorkAccess, sql_word


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


def _letters_in_the_trail(table: str, action: str) -> str:
    """Letters of ``table`` (loan, level, day) against the ``action`` entries recording them
    (form ``untrailed``: not in the trail, or ``gone`` from the table), and letters recorded
    as sent before the day they were written (form ``dated``)."""
    return (
        "SELECT min(rid) AS id, loan, level, day, CASE WHEN sum(r) > sum(e) THEN 'untrailed' "
        "ELSE 'gone' END AS form, NULL AS written, NULL AS entry FROM ("
        f"SELECT id AS rid, CAST(loan_id AS TEXT) AS loan, level, sent_on AS day, 1 AS r, "
        f"0 AS e FROM {table} UNION ALL SELECT NULL, entity_id, "
        "CAST(json_extract(details, '$.level') AS INTEGER), "
        "json_extract(details, '$.sent_on'), 0, 1 "
        f"FROM audit_entry WHERE action = '{action}') "
        "GROUP BY loan, level, day HAVING sum(r) <> sum(e) "
        "UNION ALL SELECT id, entity_id, CAST(json_extract(details, '$.level') AS INTEGER), "
        "json_extract(details, '$.sent_on'), 'dated', substr(at, 1, 10), id "
        f"FROM audit_entry WHERE action = '{action}' "
        "AND json_extract(details, '$.sent_on') < substr(at, 1, 10)"
    )


#: every lend against the borrower's role and status as the trail last set them before it
#: (``borrower-add``, a role in ``borrower-edit``, ``borrower-suspend``/``-reinstate``, the
#: images of an ``import-borrowers`` or a ``baseline``; a borrower made by ``generate`` is
#: not judged): the last value set is found per member with a running count of the entries
#: that set one
_CIVILIAN, _STAFF_ONLY = sql_word(Role.CIVILIAN), sql_word(WorkAccess.STAFF_ONLY)
_SUSPENDED, _ACTIVE = sql_word(BorrowerStatus.SUSPENDED), sql_word(BorrowerStatus.ACTIVE)

_LENT_AGAINST_THE_TRAIL = f"""
WITH events AS (
    SELECT id, action, entity_id AS member,
        CASE action WHEN 'borrower-add' THEN json_extract(details, '$.role')
             WHEN 'borrower-edit' THEN json_extract(details, '$.new.role') END AS role_set,
        CASE action WHEN 'borrower-add'
             THEN coalesce(json_extract(details, '$.status'), {_ACTIVE})
             WHEN 'borrower-suspend' THEN {_SUSPENDED} WHEN 'borrower-reinstate' THEN {_ACTIVE}
             END AS status_set
    FROM audit_entry
    WHERE action IN ('borrower-add', 'borrower-edit', 'borrower-suspend', 'borrower-reinstate')
    UNION ALL
    SELECT e.id, 'import', json_extract(b.value, '$[0]'), json_extract(b.value, '$[2]'),
        json_extract(b.value, '$[4]')
    FROM audit_entry e, json_each(e.details, '$.after.borrower') b
    WHERE e.action = 'import-borrowers' OR (e.action = 'after-images' AND e.entity = 'import')
        OR (e.action = 'baseline' AND e.entity = 'borrower')),
suspects AS (
    SELECT DISTINCT member FROM events
    WHERE role_set = {_CIVILIAN} OR status_set = {_SUSPENDED}),
lends AS (
    -- each lend's borrower read from its loan (the loans are replayed against the trail),
    -- only for the few members the trail ever made a civilian or suspended
    SELECT a.id, a.action, b.member_no AS member, NULL AS role_set, NULL AS status_set
    FROM audit_entry a JOIN loan l ON l.id = CAST(a.entity_id AS INTEGER)
    JOIN borrower b ON b.id = l.borrower_id
    WHERE a.action IN ('lend', 'lend-override')
        AND b.member_no IN (SELECT member FROM suspects)),
counted AS (
    SELECT *, count(role_set) OVER (PARTITION BY member ORDER BY id) AS role_run,
        count(status_set) OVER (PARTITION BY member ORDER BY id) AS status_run
    FROM (SELECT * FROM events WHERE member IN (SELECT member FROM suspects)
          UNION ALL SELECT * FROM lends) AS timeline),
judged AS (
    SELECT *, max(role_set) OVER (PARTITION BY member, role_run) AS role,
        max(status_set) OVER (PARTITION BY member, status_run) AS status
    FROM counted)
SELECT id, id AS entry, action, member,
    CASE WHEN role = {_CIVILIAN} THEN 'to-civilian' ELSE 'to-suspended' END AS form
FROM judged
WHERE action IN ('lend', 'lend-override') AND (role = {_CIVILIAN} OR status = {_SUSPENDED})
ORDER BY id"""

#: every lend against the work's access class as the trail last set it before it
#: (``work-add`` with an access class, an access class in ``work-edit``; a work imported in
#: bulk is judged from its first edit on): a staff-only work is never lent
_LENT_STAFF_ONLY = f"""
WITH events AS (
    SELECT id, action, CAST(entity_id AS INTEGER) AS work,
        CASE action WHEN 'work-add' THEN json_extract(details, '$.access')
             ELSE json_extract(details, '$.new.access') END AS access_set, NULL AS barcode
    FROM audit_entry WHERE action IN ('work-add', 'work-edit')),
suspects AS (SELECT DISTINCT work FROM events WHERE access_set = {_STAFF_ONLY}),
lends AS (
    -- each lend's copy read from its loan (the loans are replayed against the trail), only
    -- for the works the trail ever made staff-only
    SELECT a.id, a.action, c.work_id AS work, NULL AS access_set, c.barcode
    FROM audit_entry a JOIN loan l ON l.id = CAST(a.entity_id AS INTEGER)
    JOIN copy c ON c.id = l.copy_id
    WHERE a.action IN ('lend', 'lend-override') AND c.work_id IN (SELECT work FROM suspects)),
counted AS (
    SELECT *, count(access_set) OVER (PARTITION BY work ORDER BY id) AS run
    FROM (SELECT * FROM events WHERE work IN (SELECT work FROM suspects)
          UNION ALL SELECT * FROM lends) AS timeline),
judged AS (
    SELECT *, max(access_set) OVER (PARTITION BY work, run) AS access FROM counted)
SELECT id, id AS entry, action, barcode, work
FROM judged WHERE action IN ('lend', 'lend-override') AND access = {_STAFF_ONLY}
ORDER BY id"""

#: the context of an offending row's words in the domain's catalogue
ROW_CONTEXT = "doctor-row"


@dataclass(frozen=True)
class Invariant:
    """A rule every row keeps, with a query returning the rows that break it: their id
    first, then the params of :attr:`rows`, by the columns' names (and a column ``form``
    choosing among several wordings)."""

    name: str
    query: str
    #: the English words of an offending row: one template, or one per ``form``
    rows: str | Mapping[str, str]

    def templates(self) -> tuple[str, ...]:
        """Every wording of a row (each a key of the catalogue, context :data:`ROW_CONTEXT`)."""
        return (self.rows,) if isinstance(self.rows, str) else tuple(self.rows.values())

    def template(self, form: object = None) -> str:
        """The wording of a row of ``form`` (the query's ``form`` column, when it has one)."""
        return self.rows if isinstance(self.rows, str) else self.rows[str(form)]


#: the invariants ``doctor`` checks (the query's first column is the loan, copy or entry id)
INVARIANTS: tuple[Invariant, ...] = (
    Invariant(
        "no active loan to a civilian",
        "SELECT l.id, l.id AS loan, c.barcode, b.member_no AS member "
        f"{ACTIVE_LOANS} AND b.role = {sql_word(Role.CIVILIAN)}",
        "loan {loan} of {barcode} to civilian {member}",
    ),
    Invariant(
        "no active loan of a staff-only work",
        "SELECT l.id, l.id AS loan, c.barcode, b.member_no AS member "
        f"{ACTIVE_LOANS} AND w.access = {sql_word(WorkAccess.STAFF_ONLY)}",
        "loan {loan} of staff-only {barcode} to {member}",
    ),
    Invariant(
        "no active loan the lending policy says never to",
        "SELECT l.id, l.id AS loan, c.barcode, b.member_no AS member, b.role, w.access "
        f"{ACTIVE_LOANS} "
        f"AND coalesce((SELECT p.rule FROM policy_rule p WHERE p.role = b.role "
        f"AND p.access = w.access), {sql_word(LendingRule.NEVER)}) = {sql_word(LendingRule.NEVER)} "
        f"AND b.role <> {sql_word(Role.CIVILIAN)} "
        f"AND w.access <> {sql_word(WorkAccess.STAFF_ONLY)}",
        "loan {loan} of {barcode} to {member} ({role}, {access}: the policy says never)",
    ),
    Invariant(
        "staff accounts hold the role the trail gave them",
        "SELECT s.id, s.username AS staff, s.role, CASE WHEN a.id IS NULL THEN 'never-added' "
        "ELSE 'added-as' END AS form, coalesce(json_extract(a.details, '$.role'), '?') AS old_role "
        f"FROM staff_user s LEFT JOIN audit_entry a ON a.id = ({_LAST_STAFF_ENTRY} "
        "AND e.action = 'staff-add') "
        "WHERE a.id IS NULL OR json_extract(a.details, '$.role') IS NOT s.role",
        {
            "never-added": "staff {staff} is {role} but the trail never added it",
            "added-as": "staff {staff} is {role} but was added as {old_role}",
        },
    ),
    Invariant(
        "staff accounts are enabled or disabled as the trail says",
        "SELECT s.id, s.username AS staff, "
        "CASE WHEN s.active <> 0 THEN 'enabled' ELSE 'disabled' END AS form "
        f"FROM staff_user s JOIN audit_entry a ON a.id = ({_LAST_STAFF_ENTRY} "
        "AND e.action IN ('staff-add', 'staff-enable', 'staff-disable')) "
        "WHERE (a.action = 'staff-disable') = (s.active <> 0)",
        {
            "enabled": "staff {staff} is enabled but the trail disabled it",
            "disabled": "staff {staff} is disabled but the trail enabled it",
        },
    ),
    Invariant(
        "audit entries dated in their order (no clock set back)",
        "SELECT a.id, a.id AS entry, a.at, p.id AS previous, p.at AS previous_at "
        "FROM audit_entry a JOIN audit_entry p ON p.id = a.id - 1 "
        f"WHERE julianday(a.at) < julianday(p.at) - {CLOCK_SLACK_HOURS} / 24.0",
        "entry {entry} ({at}) is dated before entry {previous} ({previous_at}): the "
        "computer's clock was set back",
    ),
    Invariant(
        # migration 0009 records the rows as they stand once, before any entry carries
        # images; a baseline after that (its migration made to run again) records rows edited
        # with sqlite3 as the trail's own
        "no baseline after the trail began carrying after-images",
        'SELECT b.id, b.id AS entry, b.entity AS "table", f.id AS first '
        "FROM audit_entry b, (SELECT id FROM audit_entry "
        "WHERE action <> 'baseline' AND details LIKE '{\"after\":%' ORDER BY id LIMIT 1) f "
        "WHERE b.action = 'baseline' AND b.id > f.id",
        "entry {entry} records the {table} rows as they stood (a baseline), after entry "
        "{first} had carried after-images: migration 9 was made to run again",
    ),
    Invariant(
        # rows changed by another program with the image triggers in place: swept into an
        # entry of their own at the next write, never replayed; changed back the same way,
        # the tables agree with the trail again, and only this entry tells
        "no rows changed outside Reading Room",
        "SELECT id, id AS entry, substr(at, 1, 16) AS at, "
        "coalesce((SELECT group_concat(t.key || ' ' || r.key, ', ') "
        "FROM json_each(details, '$.after') t, json_each(t.value) r), '?') AS changed "
        "FROM audit_entry WHERE action = 'outside-change'",
        "entry {entry} ({at}) records rows changed outside Reading Room: {changed}",
    ),
    Invariant(
        # the schedule is a setting, not replayed: emptied with sqlite3 for one lend and put
        # back, it left the tables as they were; the trail's own schedule says the lend fell
        # in the freeze, which only a supervisor's override lifts
        "no lend in a lending freeze without an override",
        "SELECT l.id, l.id AS entry, substr(l.at, 1, 10) AS day, l.action, "
        "coalesce(json_extract(l.details, '$.barcode'), '?') AS barcode, "
        "json_extract(s.details, '$.new.date') AS inspection "
        "FROM audit_entry l JOIN audit_entry s ON s.id = "
        "(SELECT max(x.id) FROM audit_entry x WHERE x.action = 'inspection-schedule' "
        "AND x.id < l.id) WHERE l.action IN ('lend', 'lend-override') "
        "AND julianday(json_extract(s.details, '$.new.date')) - julianday(substr(l.at, 1, 10)) "
        "BETWEEN 0 AND CAST(json_extract(s.details, '$.new.freeze_days') AS INTEGER) "
        "AND coalesce(json_extract(l.details, '$.overridden'), '') "
        "NOT LIKE '%INSPECTION_FREEZE%'",
        "entry {entry} ({day}): {action} of {barcode} in the freeze before the inspection of "
        "{inspection}, with no override of INSPECTION_FREEZE",
    ),
    Invariant(
        # a civilian made a writer with sqlite3 (its image trigger dropped) for one loan and a
        # civilian again leaves the tables as the trail says; the trail's own record of the
        # borrower (added, edited, suspended, reinstated) says whom the lend was to
        "no lend to a borrower the trail had as a civilian or suspended",
        _LENT_AGAINST_THE_TRAIL,
        {
            "to-civilian": "entry {entry}: {action} to {member}, whom the trail had as a civilian",
            "to-suspended": "entry {entry}: {action} to {member}, whom the trail had as suspended",
        },
    ),
    Invariant(
        # the work table is not replayed: a staff-only work made lendable with sqlite3 (no
        # trigger stands in the way while no copy is out), lent, and made staff-only again
        "no lend of a work the trail had as staff-only",
        _LENT_STAFF_ONLY,
        "entry {entry}: {action} of {barcode}, a copy of work {work}, which the trail had as "
        "staff-only",
    ),
    Invariant(
        # a clock set forward (past the inspection day, to lend after the freeze) and set
        # right before the next entry shows above; set right with no entry since, only the
        # newest entry's date ahead of the clock tells
        "no audit entry dated ahead of the computer's clock",
        "SELECT id, id AS entry, at, datetime('now', 'localtime') AS now "
        "FROM audit_entry WHERE id = (SELECT max(id) FROM audit_entry) "
        f"AND julianday(at) > julianday('now', 'localtime') + {CLOCK_SLACK_HOURS} / 24.0",
        "entry {entry} is dated {at}, ahead of the computer's clock ({now}): the clock was "
        "set forward",
    ),
    Invariant(
        "one active loan per copy",
        "SELECT copy_id, copy_id AS copy_no, count(*) AS loans "
        "FROM loan NOT INDEXED WHERE returned_at IS NULL GROUP BY copy_id HAVING count(*) > 1",
        "copy {copy_no} has {loans} active loans",
    ),
)


#: (invariant, migration that made its tables): records of the desk that the replay does
#: not cover (they are not tracked tables), each written with an entry of its own; a row
#: slipped in with sqlite3 (no trigger stands in the way) or taken out is named
RECORDED: tuple[tuple[Invariant, int], ...] = (
    (
        # a scan slipped into an open stocktake makes a missing copy present at its close,
        # and names who counted it on the inspection report
        Invariant(
            "stocktake scans are in the trail",
            "SELECT st, st AS stocktake, sum(s) AS scans, barcode, staff, sum(e) AS entries, "
            "CASE WHEN sum(s) = 1 THEN 'one' ELSE 'more' END AS form "
            "FROM (SELECT stocktake_id AS st, barcode, staff, 1 AS s, 0 AS e "
            "FROM stocktake_scan UNION ALL SELECT CAST(entity_id AS INTEGER), "
            "json_extract(details, '$.barcode'), staff, 0, 1 FROM audit_entry "
            "WHERE action = 'stocktake-scan') "
            "GROUP BY st, barcode, staff HAVING sum(s) <> sum(e)",
            {
                "one": "stocktake {stocktake}: {scans} scan of {barcode} by {staff}, {entries} in "
                "the trail",
                "more": "stocktake {stocktake}: {scans} scans of {barcode} by {staff}, {entries} "
                "in the trail",
            },
        ),
        2,
    ),
    (
        # a copy taken off the expected list (its guard dropped and put back) is never missed
        Invariant(
            "a stocktake's expected list is as long as when it was opened",
            "SELECT id, id AS stocktake, expected_count AS expected, held FROM (SELECT s.id, "
            "s.expected_count, (SELECT count(*) FROM stocktake_expected e "
            "WHERE e.stocktake_id = s.id) AS held FROM stocktake s) WHERE held <> expected_count",
            "stocktake {stocktake} expected {expected} copies when it was opened, its list now "
            "holds {held}",
        ),
        2,
    ),
    (
        # reminders the librarian never sent, written in to look diligent before the
        # inspection (the overdue report shows their level and day)
        Invariant(
            "reminders are in the trail, dated the day they were written",
            _letters_in_the_trail("reminder", "reminder-send"),
            {
                "untrailed": "reminder of loan {loan}, level {level}, sent on {day}: not in the "
                "trail",
                "gone": "reminder of loan {loan}, level {level}, sent on {day}: in the trail, "
                "but gone",
                "dated": "reminder of loan {loan}, level {level}: dated {day} but written on "
                "{written} (entry {entry})",
            },
        ),
        1,
    ),
    (
        Invariant(
            "recall letters are in the trail, dated the day they were written",
            _letters_in_the_trail("recall_letter", "recall-send"),
            {
                "untrailed": "recall letter of loan {loan}, level {level}, sent on {day}: not in "
                "the trail",
                "gone": "recall letter of loan {loan}, level {level}, sent on {day}: in the "
                "trail, but gone",
                "dated": "recall letter of loan {loan}, level {level}: dated {day} but written "
                "on {written} (entry {entry})",
            },
        ),
        17,
    ),
)


def invariants(applied: set[int]) -> tuple[Invariant, ...]:
    """The invariants ``doctor`` checks on a file whose applied migrations are ``applied``
    (a backup of an older schema is not asked about tables it does not have)."""
    return INVARIANTS + tuple(invariant for invariant, since in RECORDED if since in applied)


def expected_guards(applied: set[int]) -> tuple[Guard, ...]:
    """The guards a file must hold whose applied migrations are numbered ``applied``."""
    return tuple(
        g
        for g in EXPECTED_GUARDS
        if g.since in applied and (g.until is None or g.until not in applied)
    )
