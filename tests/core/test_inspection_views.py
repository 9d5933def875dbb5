"""The read-only views the inspection pages use: stocktakes to choose from, recent scans."""

from __future__ import annotations

from readingroom import stocktake
from readingroom.inspection_views import recent_scan_lines, stocktakes


def test_stocktakes_newest_first_with_their_sign_off(supervisor, make_copy):
    make_copy("C1")
    first = stocktake.start(supervisor).stocktake
    stocktake.scan(supervisor, "C1")
    stocktake.close(supervisor, "Lee Min-jae")
    second = stocktake.start(supervisor).stocktake
    lines = stocktakes()
    assert [line.id for line in lines] == [second.id, first.id]
    assert lines[0].status == "open" and not lines[0].is_signed
    assert lines[1].is_signed and lines[1].signed_by == "Lee Min-jae"
    assert (lines[1].expected, lines[1].found) == (1, 1)
    assert lines[1].signed_on is not None


def test_recent_scans_name_their_copies_newest_first(supervisor, make_copy):
    make_copy("V1", "Proof of the Man", volume=1, volumes=3)
    make_copy("P1", "Points and Lines")
    st = stocktake.start(supervisor).stocktake
    stocktake.scan(supervisor, "V1", "Desk")
    stocktake.scan(supervisor, "NOPE")
    stocktake.scan(supervisor, "P1")
    stocktake.scan(supervisor, "P1")
    lines = recent_scan_lines(st.id)
    assert [line.barcode for line in lines] == ["P1", "P1", "NOPE", "V1"]
    assert lines[0].flags == ("repeat",) and lines[1].flags == ()
    assert (lines[0].title, lines[0].volumes) == ("Points and Lines", 1)
    assert lines[2].title == "" and lines[2].flags == ("unknown",)
    assert (lines[3].title, lines[3].volume, lines[3].volumes) == ("Proof of the Man", 1, 3)
    assert lines[3].location == "Desk" and lines[3].flags == ("wrong-location",)
    assert [line.barcode for line in recent_scan_lines(st.id, limit=1)] == ["P1"]


def test_no_stocktake_no_lines(db):
    assert stocktakes() == []
