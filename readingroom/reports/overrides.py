"""Every approved exception: who approved it, for whom, which rules it set aside and why.

The audit trail is the source (each override is recorded there with its approver and
reason, and a later override of the same loan does not overwrite an earlier one).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

from readingroom import settings
from readingroom.db import database
from readingroom.reports.base import Column, Options, Report, Row, between

COLUMNS = (
    Column("at", "When", 1.5),
    Column("action", "Action", 1.4),
    Column("barcode", "Barcode", 1.2),
    Column("title", "Title", 2.2),
    Column("member_no", "Member", 1.0),
    Column("borrower", "Borrower", 1.4),
    Column("role", "Role", 0.8),
    Column("approved_by", "Approved by", 1.2),
    Column("codes", "Rules set aside", 2.6),
    Column("reason", "Reason", 2.8),
)

_ROWS = """
    SELECT replace(substr(a.at, 1, 16), 'T', ' '), a.action,
           json_extract(a.details, '$.barcode'), w.title,
           json_extract(a.details, '$.member_no'), b.name, b.role,
           COALESCE(json_extract(a.details, '$.override_by'), a.staff),
           json_extract(a.details, '$.overridden'), json_extract(a.details, '$.override_reason')
    FROM audit_entry a
    LEFT JOIN copy c ON c.barcode = json_extract(a.details, '$.barcode')
    LEFT JOIN work w ON w.id = c.work_id
    LEFT JOIN borrower b ON b.member_no = json_extract(a.details, '$.member_no')
    WHERE a.action LIKE '%-override' AND (?1 IS NULL OR substr(a.at, 1, 10) >= ?1)
      AND (?2 IS NULL OR substr(a.at, 1, 10) <= ?2)
    ORDER BY a.id"""


def _codes(value: object) -> str:
    if not value:
        return ""
    try:
        codes = json.loads(str(value))
    except ValueError:
        return str(value)
    return ", ".join(codes) if isinstance(codes, list) else str(codes)


def build(options: Options) -> Report:
    params = (options.start.isoformat() if options.start else None,
              options.end.isoformat() if options.end else None)

    def rows() -> Iterator[Row]:
        for row in database.execute_sql(_ROWS, params):
            yield (*row[:8], _codes(row[8]), row[9])

    def summary() -> list[str]:
        approvers = Counter(row[7] for row in database.execute_sql(_ROWS, params))
        total = sum(approvers.values())
        if not total:
            return ["No exceptions were approved."]
        who = ", ".join(f"{name} {count}" for name, count in approvers.most_common())
        return [f"Exceptions approved: {total} (by {who})."]

    return Report("overrides", "Approved exceptions (overrides)",
                  between(options.start, options.end), COLUMNS, rows, summary,
                  ("Supervisor",), settings.branch())
