"""What a union bundle (``export-bundle --union``) holds: only what the union catalogue
reads, with no borrower named.

Of each report the central database reads (inventory, overrides, inspection, circulation)
only the columns it keeps are written, as CSV; a member number is written as the branch's
pseudonym (:mod:`readingroom.pseudonyms`) and a borrower's name not at all. The audit trail
keeps every entry's number and hash, so the chain can still be followed from the root and
checked against the branch's earlier bundles, but only the seal keys and seals in full
(they name staff and keys, never a borrower): every other entry is withheld (its content,
which holds member numbers and names, stays at the branch; the inspector's bundle carries
it whole).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from readingroom import pseudonyms
from readingroom import verify_bundle as verifier
from readingroom.reports.base import Report, Row

INVENTORY, OVERRIDES, INSPECTION, CIRCULATION = (
    "inventory",
    "overrides",
    "inspection",
    "circulation",
)
#: each kind the union catalogue reads, and the columns of it a union bundle carries
COLUMNS: dict[str, tuple[str, ...]] = {
    INVENTORY: ("barcode", "title", "author", "translator", "volume", "access", "status",
                "location", "condition", "borrower", "due"),
    OVERRIDES: ("at", "action", "barcode", "title", "member_no", "role", "approved_by",
                "codes", "reason", "recorded_at"),
    INSPECTION: ("outcome", "stocktake", "stocktake_status", "signed_on"),
    CIRCULATION: ("title", "author", "translator", "copies", "loans", "borrowers", "waiting",
                  "requests"),
}  # fmt: skip
#: the column of a kind that names a borrower by member number (a pseudonym in the bundle)
MEMBER_COLUMNS = {INVENTORY: "borrower", OVERRIDES: "member_no"}
#: ``bundle.json``'s mark of a union bundle, and how its borrowers are named
UNION_KEY, PSEUDONYMS = verifier.UNION_KEY, "hmac-sha256-branch-secret"
#: ``bundle.json``'s key naming the CSV of each kind the union catalogue reads (in an
#: inspector's bundle ``union-KIND.csv``, beside the reports; in a union bundle ``KIND.csv``)
FILES = "union_files"


def file_name(kind: str) -> str:
    """The union catalogue's CSV of ``kind`` in an inspector's bundle."""
    return f"union-{kind}.csv"


def kinds(asked: list[str]) -> list[str]:
    """The kinds asked for that a union bundle carries (every one of them by default)."""
    return [kind for kind in asked if kind in COLUMNS]


def union_report(report: Report, secret: str) -> Report:
    """``report`` with only its union columns, each member number as its pseudonym, and
    the CSV's stable English keys and stored words (whatever the PDFs' language)."""
    keys = [column.key for column in report.columns]
    kept = [keys.index(key) for key in COLUMNS[report.kind] if key in keys]
    member = MEMBER_COLUMNS.get(report.kind)
    hidden = keys.index(member) if member in keys else None

    def cell(row: Row, index: int) -> Any:
        value = row[index]
        if index == hidden:
            return pseudonyms.pseudonym(secret, str(value) if value else None)
        return value

    def rows() -> Iterator[Row]:
        for row in report.rows():
            yield tuple(cell(row, index) for index in kept)

    columns = tuple(report.columns[i] for i in kept)
    return replace(report, columns=columns, rows=rows, csv_words=None)  # the English keys


def withheld_line(line: str) -> str:
    """A trail line of the inspector's bundle as a union bundle carries it: a seal key or a
    seal whole, any other entry as its number and hashes only."""
    entry = json.loads(line)
    if entry["action"] in verifier.KEPT_WHOLE:
        return line
    kept = {"id": entry["id"], "prev_hash": entry["prev_hash"], "hash": entry["hash"]}
    return json.dumps({**kept, verifier.WITHHELD: True}, separators=(",", ":")) + "\n"
