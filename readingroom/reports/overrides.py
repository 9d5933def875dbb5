"""Every approved exception: who approved it, for whom, which rules it set aside and why.

The audit trail is the source (each override is recorded there with its approver and
reason, and a later override of the same loan does not overwrite an earlier one).

The supervisor's other acts that set a rule aside are listed too: a change of a policy
cell's rule (a cell opened for one loan and closed again is no override, but shows here),
a suspension lifted, a lapsed membership revived, a borrower's role changed (a cadre made a
writer for one loan), a work's access class changed and a copy withdrawn.

Back-dated lends and returns are listed too (a supervisor's act with a reason, at most a
year back): "Rules set aside" says "back-dated to DAY" and the reason is the supervisor's
(an entry back-dated before that rule, by anyone, is listed with "no reason recorded").

"When" is the day of the loan, return or renewal that was approved: a loan's ``lent_on`` (a
back-dated loan's real day, not the day it was typed in), a back-dated return's day, a
renewal's day; the period selects on that day. The CSV keeps the audit entry's own time
as ``recorded_at``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from readingroom import settings
from readingroom.language import Words, words
from readingroom.messages import Phrases, phrase
from readingroom.reports.base import Column, Options, Report, Row, between
from readingroom.store.db import database
from readingroom.store.models import StaffUser
from readingroom.vocabulary import CopyStatus, sql_word

COLUMNS = (
    Column("at", "When", 1.5),
    Column("action", "Action", 1.4, values="action"),
    Column("barcode", "Barcode", 1.2),
    Column("title", "Title", 2.2),
    Column("member_no", "Member", 1.0),
    Column("borrower", "Borrower", 1.4),
    Column("role", "Role", 0.8, values="role"),
    Column("approved_by", "Approved by", 1.2, pdf=False),
    Column("codes", "Rules set aside", 2.6, values="phrase"),
    Column("reason", "Reason", 2.8, values="phrase"),
    Column("recorded_at", "Recorded", pdf=False),
    # the approver as a person signs: the full name (the user name when none is set); on
    # paper it stands where "approved_by" (the user name, kept for the CSV) would
    Column("approved_by_name", "Approved by", 1.2),
)
#: the PDF's columns in order: the approver's full name in place of the user name
PDF_ORDER = tuple("approved_by_name" if c.key == "approved_by" else c.key for c in COLUMNS[:-1])

#: the copy and the borrower an entry is about (an edit names them as its entity)
_BARCODE = (
    "COALESCE(json_extract(a.details, '$.barcode'), "
    "CASE WHEN a.entity = 'copy' THEN a.entity_id END)"
)
_MEMBER = (
    "COALESCE(json_extract(a.details, '$.member_no'), "
    "CASE WHEN a.entity = 'borrower' THEN a.entity_id END)"
)

#: a ``borrower-edit`` entry that gave a lapsed membership a running expiry
_REVIVED = """(json_extract(a.details, '$.old.expires') < substr(a.at, 1, 10)
                 AND json_type(a.details, '$.new.expires') IS NOT NULL
                 AND (json_extract(a.details, '$.new.expires') IS NULL
                      OR json_extract(a.details, '$.new.expires') >= substr(a.at, 1, 10)))"""
#: a ``borrower-edit`` entry that changed the borrower's role (a cadre made a writer for one
#: loan, and a cadre again, needs no override otherwise)
_ROLE_CHANGED = """(json_type(a.details, '$.new.role') IS NOT NULL
                 AND json_extract(a.details, '$.old.role')
                     IS NOT json_extract(a.details, '$.new.role'))"""

_ROWS = (
    """
    SELECT day, action, barcode, title, member_no, borrower, role, approved_by, kind, old,
           new, cell, reason, recorded_at, backdated_to, backdate_reason
    FROM (SELECT CASE WHEN a.action IN ('lend-override', 'lend')
                      THEN COALESCE(l.lent_on, json_extract(a.details, '$.backdated_to'),
                                    substr(a.at, 1, 10))
                      WHEN a.action = 'return'
                      THEN COALESCE(json_extract(a.details, '$.backdated_to'),
                                    substr(a.at, 1, 10))
                      ELSE substr(a.at, 1, 10) END AS day,
                 a.action, {barcode} AS barcode, w.title,
                 {member} AS member_no, b.name AS borrower,
                 b.role, COALESCE(json_extract(a.details, '$.override_by'),
                                  json_extract(a.details, '$.approved_by'), a.staff)
                 AS approved_by, CASE a.action
                     WHEN 'policy-set' THEN 'policy'
                     WHEN 'borrower-reinstate' THEN 'reinstated'
                     WHEN 'borrower-edit' THEN CASE WHEN {role_changed}
                         THEN CASE WHEN {revived} THEN 'role-revived' ELSE 'role' END
                         ELSE 'revived' END
                     WHEN 'work-edit' THEN 'access'
                     WHEN 'copy-edit' THEN 'copy-withdrawn'
                     ELSE 'codes' END AS kind,
                 CASE a.action
                     WHEN 'policy-set' THEN json_extract(a.details, '$.old.rule')
                     WHEN 'borrower-edit' THEN json_extract(a.details, '$.old.role')
                     WHEN 'work-edit' THEN json_extract(a.details, '$.old.access')
                     ELSE json_extract(a.details, '$.overridden') END AS old,
                 CASE a.action
                     WHEN 'policy-set' THEN json_extract(a.details, '$.new.rule')
                     WHEN 'borrower-edit' THEN json_extract(a.details, '$.new.role')
                     WHEN 'work-edit' THEN json_extract(a.details, '$.new.access')
                     END AS new, a.entity_id AS cell,
                 COALESCE(json_extract(a.details, '$.override_reason'),
                          CASE WHEN a.action = 'copy-edit'
                               THEN json_extract(a.details, '$.reason') END) AS reason,
                 replace(substr(a.at, 1, 16), 'T', ' ') AS recorded_at,
                 json_extract(a.details, '$.backdated_to') AS backdated_to,
                 json_extract(a.details, '$.reason') AS backdate_reason, a.id
          FROM audit_entry a
          LEFT JOIN loan l ON a.entity = 'loan' AND l.id = CAST(a.entity_id AS INTEGER)
          LEFT JOIN copy c ON c.barcode = {barcode}
          LEFT JOIN work w ON w.id = COALESCE(
              c.work_id, CASE WHEN a.entity = 'work' THEN CAST(a.entity_id AS INTEGER) END)
          LEFT JOIN borrower b ON b.member_no = {member}
          WHERE a.action LIKE '%-override'
             OR (a.action IN ('lend', 'return')
                 AND json_extract(a.details, '$.backdated_to') IS NOT NULL)
             OR (a.action = 'policy-set' AND json_extract(a.details, '$.old.rule')
                 IS NOT json_extract(a.details, '$.new.rule'))
             OR a.action = 'borrower-reinstate'
             OR (a.action = 'copy-edit'
                 AND json_extract(a.details, '$.new.status') = {withdrawn})
             OR (a.action = 'borrower-edit' AND ({revived} OR {role_changed}))
             OR (a.action = 'work-edit'
                 AND json_type(a.details, '$.new.access') IS NOT NULL
                 AND json_extract(a.details, '$.old.access')
                     IS NOT json_extract(a.details, '$.new.access'))) AS entry
    WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)
    ORDER BY day, id""".replace("{revived}", _REVIVED)
    .replace("{role_changed}", _ROLE_CHANGED)
    .replace("{barcode}", _BARCODE)
    .replace("{member}", _MEMBER)
    .replace("{withdrawn}", sql_word(CopyStatus.WITHDRAWN))
)


def _row(raw: tuple[Any, ...]) -> Row:
    """A report row: the rules set aside and the reasons, a back-date's included, each a
    phrase with its key (a Korean PDF prints them by it)."""
    (*head, kind, old, new, cell, reason, recorded_at, backdated_to, backdate_reason) = raw
    set_aside = [part for part in _set_aside(kind, old, new, cell) if part]
    reasons: list[str] = [str(reason)] if reason else []
    if backdated_to:  # recorded as made on an earlier day
        set_aside.append(phrase("back-dated to {day}", day=str(backdated_to)))
        reasons.append(
            phrase("back-dated: {reason}", reason=backdate_reason)
            if backdate_reason
            else phrase("back-dated: {reason}", reason=phrase("no reason recorded"))
        )
    return (*head, Phrases(set_aside, ", "), Phrases(reasons, "; "), recorded_at)


def _set_aside(kind: str, old: object, new: object, cell: object) -> Sequence[str]:
    """What an entry set aside, as phrases: the codes overridden, or what the edit did."""
    if kind == "codes":
        return [_codes(old)]
    changed = {"old": str(old), "new": str(new)}
    return {
        "policy": [phrase("policy {cell}: {old} to {new}", cell=str(cell), **changed)],
        "reinstated": [phrase("suspension lifted")],
        "role": [phrase("role {old_role} to {new_role}", old_role=str(old), new_role=str(new))],
        "role-revived": [
            phrase("role {old_role} to {new_role}", old_role=str(old), new_role=str(new)),
            phrase("lapsed membership revived"),
        ],
        "revived": [phrase("lapsed membership revived")],
        "access": [
            phrase("access {old_access} to {new_access}", old_access=str(old), new_access=str(new))
        ],
        "copy-withdrawn": [phrase("copy withdrawn")],
    }[kind]


def _codes(value: object) -> str:
    """The reason codes an override set aside (stored as a JSON list): ``LOAN_LIMIT, ...``."""
    if not value:
        return ""
    try:
        codes = json.loads(str(value))
    except ValueError:
        return str(value)
    return ", ".join(codes) if isinstance(codes, list) else str(codes)


def approvals_sentence(
    approvers: Counter[str], names: Mapping[str, str] | None = None, say: Words | None = None
) -> str:
    """``3 exceptions were approved, all by Chief Supervisor (boss).`` or ``5 exceptions
    were approved by 2 supervisors: 3 by lee, 2 by boss.`` (``names``: how to call each
    approver's user name)."""
    say = say or words()
    total = sum(approvers.values())
    if not total:
        return say("No exceptions were approved.")
    names = names or {}
    exceptions = say.count(total, "exception")
    if len(approvers) == 1:
        (username,) = approvers
        name = names.get(username, username)
        if total == 1:
            return say("{exceptions} was approved, by {name}.", exceptions=exceptions, name=name)
        return say("{exceptions} were approved, all by {name}.", exceptions=exceptions, name=name)
    who = ", ".join(
        say("{count} by {name}", count=count, name=names.get(username, username))
        for username, count in approvers.most_common()
    )
    return say(
        "{exceptions} were approved by {supervisors}: {who}.",
        exceptions=exceptions,
        supervisors=say.count(len(approvers), "supervisor"),
        who=who,
    )


def approver_names(usernames: Iterable[str]) -> dict[str, str]:
    """Each staff user name as "Full Name (username)" (the user name alone without one)."""
    users = StaffUser.select().where(StaffUser.username.in_(list(usernames)))
    return {
        user.username: user.username
        if user.display_name == user.username
        else f"{user.display_name} ({user.username})"
        for user in users
    }


def full_names(usernames: Iterable[str]) -> dict[str, str]:
    """Each staff user name as the person signs: the full name, or the user name when the
    account has none (an account since removed keeps its user name)."""
    users = StaffUser.select().where(StaffUser.username.in_(list(usernames)))
    return {user.username: user.display_name for user in users}


def build(options: Options) -> Report:
    say = options.words
    params = (
        options.start.isoformat() if options.start else None,
        options.end.isoformat() if options.end else None,
    )

    def rows() -> Iterator[Row]:
        names = full_names(
            str(user)
            for (user,) in database.execute_sql(
                "SELECT DISTINCT approved_by FROM (" + _ROWS + ") AS overrides", params
            )
            if user
        )
        for raw in database.execute_sql(_ROWS, params):
            row = _row(raw)
            approver = row[7]
            yield (*row, names.get(str(approver), approver) if approver else approver)

    def summary() -> list[str]:
        approvers = Counter(row[7] for row in database.execute_sql(_ROWS, params))
        return [approvals_sentence(approvers, approver_names(approvers), say)]

    return Report(
        "overrides",
        "Approved exceptions (overrides)",
        between(options.start, options.end, say),
        COLUMNS,
        rows,
        summary,
        ("Supervisor",),
        settings.branch(),
        pdf_order=PDF_ORDER,
    )
