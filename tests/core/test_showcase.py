"""What the screenshots pick from a catalogue, and a clear refusal when it has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from readingroom import circulation, showcase
from readingroom.errors import NotFound


def test_an_empty_catalogue_has_nothing_to_show(db: Path) -> None:
    """Each pick says what the catalogue lacks (it used to fail on None.barcode)."""
    with pytest.raises(NotFound, match="no available copy of a lendable work"):
        showcase.lendable_copy()
    with pytest.raises(NotFound, match="no active writer borrower"):
        showcase.borrower_of("writer")
    with pytest.raises(NotFound, match="no copy on loan"):
        showcase.copy_on_loan()


def test_the_picks_name_real_records(db: Path, make_copy, make_borrower, librarian) -> None:
    make_copy("B1")
    make_copy("B2", "Wuthering Heights", author="Emily Brontë")
    make_borrower("W1")
    assert showcase.lendable_copy() == "B1"
    circulation.lend(librarian, "B1", "W1")
    assert showcase.copy_on_loan() == "B1"
    assert showcase.borrower_of("writer", with_loans=True) == "W1"
    assert showcase.lendable_copy() == "B2"
