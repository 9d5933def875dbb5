"""Helpers for the inspection tests: a settable clock and a small collection to inspect."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from readingroom import catalogue, clock

#: full counts for the long fault runs (CI uses the reduced ones)
FULL = os.environ.get("READINGROOM_FULL") == "1"
TODAY = date(2026, 11, 2)


class Calendar:
    """Sets what :mod:`readingroom.clock` says today is (and the time now, at noon)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, day: date = TODAY):
        self._monkeypatch = monkeypatch
        self.day = day
        monkeypatch.setattr(clock, "today", lambda: self.day)
        monkeypatch.setattr(clock, "now", lambda: datetime.combine(self.day, time(12, 0)))

    def set(self, day: date) -> date:
        self.day = day
        return day

    def shift(self, days: int) -> date:
        return self.set(self.day + timedelta(days=days))


@pytest.fixture(name="calendar")
def calendar_fixture(monkeypatch: pytest.MonkeyPatch) -> Calendar:
    return Calendar(monkeypatch)


def pdf_text(path: Path) -> str:
    """The PDF's text with every run of white space (line breaks too) as one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


@dataclass
class Shelf:
    """Barcodes of a small collection, by what the tests do with them."""

    on_shelf: list[str]
    set_volumes: list[str]  # volumes 1..3 of a three-volume work, one copy each


def small_collection(actor) -> Shelf:
    """Six single-volume copies on Safe A/1 and a three-volume set on Safe B/3."""
    on_shelf = []
    for n in range(1, 7):
        work = catalogue.add_work(actor, title=f"Work {n}", author="Seichō Matsumoto")
        on_shelf.append(catalogue.add_copy(actor, work.id, f"A{n:03d}",
                                           location="Safe A/1").barcode)
    work = catalogue.add_work(actor, title="인간의 증명 (Proof of the Man)",
                              author="Seiichi Morimura", volumes=3)
    set_volumes = [catalogue.add_copy(actor, work.id, f"P{v}", volume=v,
                                      location="Safe B/3").barcode for v in (1, 2, 3)]
    return Shelf(on_shelf, set_volumes)
