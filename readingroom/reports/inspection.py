"""The inspection report: the stocktake's outcome per copy, its sign-off and the audit chain.

The discrepancies come first (missing, misplaced, unexpected, found while on loan), a
missing copy with what the records say happened to it last; then every other line.

The CSV repeats the stocktake's sign-off and the audit chain head recorded at signing on
every row (so the file alone carries them, and the next inspection can check that the audit
trail still extends that head); the PDF prints them once, under the table, with signature
lines for the inspector and the supervisor.
"""

from __future__ import annotations

from collections.abc import Iterator

from readingroom import settings, staff, stocktake
from readingroom.errors import NotFound
from readingroom.inspection import signed_head
from readingroom.reports.base import Column, Options, Report, Row
from readingroom.seals import format_fingerprint
from readingroom.store.inspection_models import (
    MISPLACED,
    MISSING,
    OUTCOMES,
    PRESENT_ON_LOAN,
    UNEXPECTED,
    Stocktake,
)

#: the outcomes an inspector asks about first
DISCREPANCIES = (MISSING, MISPLACED, UNEXPECTED, PRESENT_ON_LOAN)

COLUMNS = (
    Column("barcode", "Barcode", 1.25),
    Column("title", "Title", 3.0),
    Column("volume", "Vol.", 0.6),
    Column("outcome", "Outcome", 1.2),
    Column("borrower", "Borrower", 1.1),
    Column("due", "Due", 1.3),
    Column("location", "Location", 1.2),
    Column("condition", "Condition", 1.2),
    Column("found_location", "Found at", 1.2),
    Column("scans", "Scans", 0.8, pdf=False),
    Column("note", "Note", 2.4),
    Column("stocktake", "Stocktake", 1.0, pdf=False),
    Column("stocktake_status", "Status", 1.0, pdf=False),
    Column("signed_by", "Signed by", 1.0, pdf=False),
    Column("signed_on", "Signed on", 1.0, pdf=False),
    Column("supervisor", "Supervisor", 1.0, pdf=False),
    Column("audit_verified", "Audit verified", 1.0, pdf=False),
    Column("audit_count", "Audit entries", 1.0, pdf=False),
    Column("audit_hash", "Audit hash", 1.0, pdf=False),
)


def _sign_off(st: Stocktake) -> tuple[object, ...]:
    verified = "" if st.audit_ok is None else ("ok" if st.audit_ok else "broken")
    return (
        st.id,
        st.status,
        st.signed_by,
        st.signed_on,
        st.closed_by,
        verified,
        st.audit_count,
        st.audit_hash,
    )


def supervisor_name(st: Stocktake) -> str:
    """The supervisor who closed the stocktake, as "Full Name (username)"."""
    name, username = st.closed_by_name or "", st.closed_by or ""
    if not name or name == username:
        return username
    return name if username.casefold() in name.casefold() else f"{name} ({username})"


def reconciliation(expected: int, counts: dict[str, int]) -> str:
    """The totals an inspector checks: every expected copy has exactly one outcome, and the
    unexpected barcodes come on top."""
    accounted = [outcome for outcome in OUTCOMES if outcome != UNEXPECTED]
    total = sum(counts[outcome] for outcome in accounted)
    sum_text = " + ".join(f"{outcome} {counts[outcome]}" for outcome in accounted)
    verdict = "" if total == expected else f" — DOES NOT ADD UP: {total} accounted for"
    return (
        f"Expected {expected} = {sum_text}{verdict}; "
        f"unexpected barcodes scanned besides: {counts[UNEXPECTED]}."
    )


def _named(username: str) -> str:
    """A staff member as "Full Name (username)", or the user name alone when that is all
    there is (an account since removed, or one without a full name)."""
    try:
        name = staff.get_staff(username).display_name
    except NotFound:
        return username
    return username if name == username else f"{name} ({username})"


def summary_lines(st: Stocktake) -> list[str]:
    counts = stocktake.outcome_counts(st)
    repeated = stocktake.repeated_barcodes(st)
    lines = [
        f"Stocktake {st.id}: opened {st.opened_at:%Y-%m-%d %H:%M} by {_named(st.opened_by)}; "
        f"{st.expected_count} copies expected.",
        "Outcomes: " + ", ".join(f"{outcome} {counts[outcome]}" for outcome in OUTCOMES) + ".",
        reconciliation(st.expected_count, counts),
    ]
    lines += [
        f"Scanned by {_named(who.staff)}: {who.scans} scan{'s' if who.scans != 1 else ''}, "
        f"first {who.first}, last {who.last}."
        for who in stocktake.scanners(st)
    ]
    if repeated:
        lines.append(f"Scanned more than once: {', '.join(repeated)}.")
    if not st.is_signed:
        lines.append("NOT SIGNED: the stocktake is still open; these outcomes are provisional.")
        return lines
    head = signed_head(st)
    lines.append(
        f"Signed off on {head.signed_on.isoformat()} by {st.signed_by} and the "
        f"supervisor {supervisor_name(st)}."
    )
    state = "intact" if st.audit_ok else f"BROKEN ({st.audit_problem})"
    lines.append(
        f"Audit trail at signing: {state}; {head.count} entries, latest hash {head.last_hash}."
    )
    if st.root_fingerprint:
        lines.append(f"Root key fingerprint at signing: {format_fingerprint(st.root_fingerprint)}.")
    check = head.check()
    lines.append(
        "Audit trail now: "
        + (
            f"intact, {check.current_count} entries, and it extends the head recorded at signing."
            if check.ok
            else f"NOT VERIFIED: {check.problem}."
        )
    )
    return lines


def build(options: Options) -> Report:
    st = stocktake.get_stocktake(options.stocktake_id)
    sign_off = _sign_off(st)

    def line(o: stocktake.Outcome, note: str) -> Row:
        return (
            o.barcode,
            o.title,
            o.volume,
            o.outcome,
            o.borrower,
            o.due,
            o.location,
            o.condition,
            o.found_location,
            o.scans,
            note,
            *sign_off,
        )

    def rows() -> Iterator[Row]:
        """The discrepancies first (a missing copy with what the records say happened to
        it last), then every other line, each part by barcode."""
        found = [o for o in stocktake.outcomes(st) if o.outcome in DISCREPANCIES]
        missing = [o.copy_id for o in found if o.outcome == MISSING and o.copy_id is not None]
        last = stocktake.last_known(missing, st.id)
        for o in found:
            said = last.get(o.copy_id) if o.outcome == MISSING and o.copy_id else None
            yield line(o, "; ".join(part for part in (o.note, said) if part))
        for o in stocktake.outcomes(st):
            if o.outcome not in DISCREPANCIES:
                yield line(o, o.note)

    period = f"Stocktake {st.id} · opened {st.opened_at:%Y-%m-%d}"
    period += (
        f" · signed {signed_head(st).signed_on.isoformat()}" if st.is_signed else " · not signed"
    )
    return Report(
        "inspection",
        f"Inspection report — stocktake {st.id}",
        period,
        COLUMNS,
        rows,
        lambda: summary_lines(st),
        ("Inspector", "Supervisor"),
        settings.branch(),
    )
