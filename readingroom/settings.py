"""Settings stored in the database (branch name, inspection date, freeze window...)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from readingroom import audit
from readingroom.staff import DEMO_SETTING, require_supervisor
from readingroom.store.db import write_transaction
from readingroom.store.models import Setting, StaffUser

DEFAULTS = {
    "branch": "Writers' Union, Regional Branch",
    "freeze_days": "7",
    "inspection_date": "",
    "demo": "0",
}


@dataclass(frozen=True)
class SettingChanged:
    """What changing a setting did: ``key``, the ``old`` value (the default when it was
    never set) and the ``new`` one, as in the audit entry."""

    key: str
    old: str
    new: str


def get(key: str) -> str:
    row = Setting._meta.database.execute_sql(_GET_SQL, (key,)).fetchone()
    return row[0] if row else DEFAULTS.get(key, "")


#: :func:`get` written out: the desk reads settings at every lend
_GET_SQL = "SELECT value FROM setting WHERE key = ?"


def put(key: str, value: str) -> None:
    """Store a setting (inside the caller's write transaction, audited by the caller)."""
    Setting.insert(key=key, value=value).on_conflict_replace().execute()


def change(actor: StaffUser, key: str, value: str) -> SettingChanged:
    """Store a setting in its own audited transaction (a supervisor's change)."""
    require_supervisor(actor)
    with write_transaction():
        old = get(key)
        put(key, value)
        audit.record(actor, "setting-change", "setting", key, {"old": old, "new": value})
    return SettingChanged(key, old, value)


def is_demo() -> bool:
    return get(DEMO_SETTING) == "1"


def branch() -> str:
    return get("branch")


def inspection_date() -> date | None:
    text = get("inspection_date")
    return date.fromisoformat(text) if text else None


def freeze_days() -> int:
    return int(get("freeze_days") or 7)
