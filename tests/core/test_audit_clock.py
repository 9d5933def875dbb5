"""The audit trail's timestamps come from :mod:`readingroom.clock`, like every other time
the program records, so a frozen clock is what the trail records."""

from __future__ import annotations

from datetime import datetime

from readingroom import audit, catalogue, clock
from readingroom.store.models import AuditEntry

FROZEN = datetime(2026, 11, 30, 9, 15, 42, 123456)


def test_a_frozen_clock_is_what_the_trail_records(db, librarian, monkeypatch):
    monkeypatch.setattr(clock, "instant", lambda: FROZEN)
    catalogue.add_work(librarian, title="The Necklace", author="Guy de Maupassant")
    newest = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert newest.action == "work-add" and newest.at == "2026-11-30T09:15:42.123456"
    assert audit.verify().ok


def test_now_is_the_instant_to_the_second(monkeypatch):
    monkeypatch.setattr(clock, "instant", lambda: FROZEN)
    assert clock.now() == FROZEN.replace(microsecond=0)
