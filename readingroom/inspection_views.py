"""Read-only views the inspection pages need besides the domain's own (no Qt, no writes).

:func:`stocktakes` lists every stocktake, newest first, for choosing which one an
inspection report is about; :func:`recent_scan_lines` gives a stocktake's newest scans with
the title of the copy each named, in one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from readingroom.store.db import database
from readingroom.store.inspection_models import STOCKTAKE_SIGNED, Stocktake


@dataclass(frozen=True)
class StocktakeLine:
    """One stocktake as a chooser shows it."""

    id: int
    status: str
    opened_at: datetime
    expected: int
    found: int
    signed_on: date | None
    signed_by: str | None

    @property
    def is_signed(self) -> bool:
        return self.status == STOCKTAKE_SIGNED


def stocktakes(limit: int = 100) -> list[StocktakeLine]:
    """The newest ``limit`` stocktakes, newest first."""
    query = Stocktake.select().order_by(Stocktake.id.desc()).limit(limit)
    return [
        StocktakeLine(
            st.id,
            st.status,
            st.opened_at,
            st.expected_count,
            st.found_count,
            st.signed_on,
            st.signed_by,
        )
        for st in query
    ]


@dataclass(frozen=True)
class ScanLine:
    """One recorded scan with the copy it named (title and volume), for the scans list."""

    id: int
    barcode: str
    location: str
    flags: tuple[str, ...]
    scanned_at: datetime
    staff: str
    title: str
    volume: int | None
    volumes: int


_RECENT_SCANS = """
    SELECT s.id, s.barcode, s.location, s.flags, s.scanned_at, s.staff,
           COALESCE(w.title, ''), c.volume, COALESCE(w.volumes, 1)
    FROM stocktake_scan s LEFT JOIN copy c ON c.id = s.copy_id
    LEFT JOIN work w ON w.id = c.work_id
    WHERE s.stocktake_id = ? ORDER BY s.id DESC LIMIT ?"""


def recent_scan_lines(stocktake_id: int, limit: int = 100) -> list[ScanLine]:
    """The newest ``limit`` scans of a stocktake, newest first, with their copies' titles."""
    rows = database.execute_sql(_RECENT_SCANS, (stocktake_id, limit)).fetchall()
    return [
        ScanLine(
            row_id,
            barcode,
            location,
            tuple(filter(None, flags.split(","))),
            _moment(scanned_at),
            staff,
            title,
            volume,
            volumes,
        )
        for row_id, barcode, location, flags, scanned_at, staff, title, volume, volumes in rows
    ]


def _moment(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
