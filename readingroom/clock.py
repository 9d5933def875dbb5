"""Today's date and the time now, in one place so tests and back-dated work can set them."""

from __future__ import annotations

from datetime import date, datetime

from readingroom.errors import BadInput
from readingroom.messages import said


def today() -> date:
    return date.today()


def instant() -> datetime:
    """The time now to the microsecond (the audit trail's timestamps)."""
    return datetime.now()


def now() -> datetime:
    return instant().replace(microsecond=0)


def parse_date(text: str, what: str = "date") -> date:
    """A ``YYYY-MM-DD`` date, or a clear error naming what was wrong."""
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise BadInput(
            said("Bad {what} {value}: write it as YYYY-MM-DD.", what=what, value=repr(text))
        ) from None
