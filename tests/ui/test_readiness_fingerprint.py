"""The Readiness page shows the catalogue's root seal key fingerprint, selectable, so an
inspector can copy it onto paper (readingroom.seals)."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt

from readingroom.store.models import SealKey
from tests.ui.inspection_support import (  # noqa: F401 - fixtures
    boss_fixture,
    open_page_fixture,
    session_as_fixture,
)
from ui.pages.readiness import ReadinessPage


def test_readiness_shows_the_root_fingerprint_in_groups_of_four(open_page):
    root = SealKey.select().order_by(SealKey.id).first()
    expected = hashlib.sha256(bytes.fromhex(root.public_key)).hexdigest()
    page = open_page(ReadinessPage, "inspector")
    shown = page.fingerprint.text()
    assert shown.replace(" ", "") == expected
    assert all(len(group) == 4 for group in shown.split(" ")) and len(shown.split()) == 16
    assert page.fingerprint.textFormat() == Qt.TextFormat.PlainText
    assert page.fingerprint.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
