"""The custody ledger for a period: every move of every copy (shelf, desk, reader, reading
room seat, conservation, stocktake, write-off), with the staff member, the second person
who confirmed it, and the audit entry it belongs to (``readingroom.custody``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from readingroom import custody, settings
from readingroom.language import Words
from readingroom.reports.base import Column, Options, Report, Row, between

COLUMNS = (
    Column("at", "When", 1.5),
    Column("barcode", "Barcode", 1.2),
    Column("title", "Title", 2.8),
    Column("volume", "Vol.", 0.5),
    Column("from", "From", 1.0, values="place"),
    Column("to", "To", 1.0, values="place"),
    Column("kind", "Move", 1.5, values="move"),
    Column("member_no", "Reader", 1.0),
    Column("seat", "Seat", 0.5),
    Column("staff", "Staff", 1.0),
    Column("confirmed_by", "Confirmed by", 1.0),
    Column("entry", "Entry", 0.7),
)


def build(options: Options) -> Report:
    say = options.words

    def moves() -> list[custody.Move]:
        return custody.moves_between(options.start, options.end)

    def rows() -> Iterator[Row]:
        for m in moves():
            yield (
                m.at.isoformat(sep=" ", timespec="minutes"),
                m.barcode,
                m.title,
                m.volume,
                m.from_place,
                m.to_place,
                m.kind,
                m.member_no or "",
                m.seat or "",
                m.staff,
                m.confirmed_by or "",
                m.audit_seq,
            )

    def summary() -> list[str]:
        return [_summary(moves(), say)]

    return Report(
        "custody",
        "Custody ledger",
        between(options.start, options.end, say),
        COLUMNS,
        rows,
        summary,
        ("Librarian", "Supervisor"),
        settings.branch(),
    )


def _summary(found: list[custody.Move], say: Words) -> str:
    """How many moves of how many copies, by kind (each kind in the report's language)."""
    moves, copies = (
        say.count(len(found), "move"),
        say.count(len({m.barcode for m in found}), "copy"),
    )
    kinds = Counter(m.kind for m in found)
    by_kind = ", ".join(f"{say.value('move', kind)} {n}" for kind, n in sorted(kinds.items()))
    if not by_kind:
        return say("{moves} of {copies}.", moves=moves, copies=copies)
    return say("{moves} of {copies} ({kinds}).", moves=moves, copies=copies, kinds=by_kind)
