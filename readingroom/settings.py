"""Settings stored in the database (branch name, inspection date, freeze window...)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from readingroom import audit, language
from readingroom.errors import BadInput
from readingroom.messages import Text, said
from readingroom.staff import DEMO_SETTING, require_supervisor
from readingroom.store.db import on_server, write_transaction
from readingroom.store.models import Setting, StaffUser

DEFAULTS = {
    "branch": "Writers' Union, Regional Branch",
    "freeze_days": "7",
    "inspection_date": "",
    "demo": "0",
    "slip": "ask",
    "pickup_days": "7",
    "print_language": "en",
    "scanner_prefix": "",
    "scanner_suffix": "",
}
#: a copy set aside for a hold waits at most this many days (a setting in that range)
PICKUP_DAYS_RANGE = (1, 90)


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


def values(*keys: str) -> list[str]:
    """:func:`get` of each of ``keys``, in one statement (each is a round trip on a server)."""
    sql = f"SELECT key, value FROM setting WHERE key IN ({', '.join('?' * len(keys))})"
    stored = dict(Setting._meta.database.execute_sql(sql, keys).fetchall())
    return [stored.get(key, DEFAULTS.get(key, "")) for key in keys]


def put(key: str, value: str) -> None:
    """Store a setting (inside the caller's write transaction, audited by the caller)."""
    query = Setting.insert(key=key, value=value)
    if on_server():  # PostgreSQL has no INSERT OR REPLACE: the same row, updated in place
        query.on_conflict(conflict_target=[Setting.key], update={Setting.value: value}).execute()
    else:
        query.on_conflict_replace().execute()


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


#: the longest branch name: it heads every report and letter on one line
BRANCH_MAX = 120


def check_branch(name: str) -> str:
    """The branch name as stored (spaces at either end trimmed), or BadInput saying why not:
    empty, with a control character (a line break, a tab, an escape), or too long."""
    text = name.strip()
    if not text:
        raise BadInput(
            said(
                "The branch name is empty: give the name printed at the top of every report "
                "and letter."
            )
        )
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        raise BadInput(
            said(
                "The branch name has a control character (a line break, a tab or an invisible "
                "mark): give it on one line of plain text."
            )
        )
    if len(text) > BRANCH_MAX:
        raise BadInput(
            said(
                "The branch name is {length} characters long: at most {most} fit "
                "at the top of a page.",
                length=len(text),
                most=BRANCH_MAX,
            )
        )
    return text


def set_branch(actor: StaffUser | None, name: str) -> SettingChanged:
    """Change the branch name every report and letter carries (a supervisor's change,
    audited as ``setting-change``); bad input changes nothing. The result's ``new`` is the
    name stored."""
    supervisor = require_supervisor(actor)
    return change(supervisor, "branch", check_branch(name))


#: the slip setting (``settings slip``): print a slip after every desk step, ask, or never
SLIP_ALWAYS, SLIP_ASK, SLIP_NEVER = "always", "ask", "never"
SLIP_MODES = (SLIP_ALWAYS, SLIP_ASK, SLIP_NEVER)


def slip_mode() -> str:
    """Whether the desk prints a slip after a lend or return: ``always``, ``ask`` (the
    default) or ``never``."""
    value = get("slip")
    return value if value in SLIP_MODES else SLIP_ASK


def set_slip_mode(actor: StaffUser | None, mode: str) -> SettingChanged:
    """Change the slip setting (a supervisor's change, audited as ``setting-change``); a
    value that is not one of :data:`SLIP_MODES` is refused and changes nothing."""
    supervisor = require_supervisor(actor)
    chosen = (mode or "").strip().lower()
    if chosen not in SLIP_MODES:
        raise BadInput(
            said(
                "The slip setting is one of {choices}, not {value}.",
                choices=", ".join(SLIP_MODES),
                value=repr(mode),
            )
        )
    return change(supervisor, "slip", chosen)


def print_language() -> str:
    """The language reports, letters, slips and the sign-off sheet print in: ``ko_KP``
    (조선어), ``ko`` (한국어) or ``en`` (English, the default)."""
    value = get("print_language")
    return value if value in language.LANGUAGES else language.ENGLISH


def set_print_language(actor: StaffUser | None, code: str) -> SettingChanged:
    """Change the printing language (a supervisor's change, audited as ``setting-change``);
    BadInput for a language Reading Room does not print in."""
    supervisor = require_supervisor(actor)
    return change(supervisor, "print_language", language.check(code))


def inspection_date() -> date | None:
    return _day(get("inspection_date"))


def freeze_days() -> int:
    return _days(get("freeze_days"))


def inspection_and_freeze() -> tuple[date | None, int]:
    """:func:`inspection_date` and :func:`freeze_days` in one read (a lend asks both)."""
    day, freeze = values("inspection_date", "freeze_days")
    return _day(day), _days(freeze)


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _days(text: str) -> int:
    """The lending freeze's days as stored (7 when unset)."""
    return int(text or 7)


def pickup_days() -> int:
    """How many days a copy set aside for a hold waits to be collected (then the hold
    expires and the copy passes on)."""
    text = get("pickup_days")
    return int(text) if text.isdigit() else int(DEFAULTS["pickup_days"])


def set_pickup_days(actor: StaffUser | None, days: int) -> SettingChanged:
    """Change how many days a set-aside copy waits (a supervisor's change, audited as
    ``setting-change``); a number outside :data:`PICKUP_DAYS_RANGE` changes nothing."""
    supervisor = require_supervisor(actor)
    low, high = PICKUP_DAYS_RANGE
    if not low <= days <= high:
        raise BadInput(
            said(
                "A set-aside copy waits {low} to {high} days; {days} was given. "
                "Nothing was changed.",
                low=low,
                high=high,
                days=days,
            )
        )
    return change(supervisor, "pickup_days", str(days))


#: the scanner's characters before and after each code (``settings scanner-prefix`` and
#: ``scanner-suffix``): the keys, and the longest each may be
SCANNER_PREFIX, SCANNER_SUFFIX = "scanner_prefix", "scanner_suffix"
SCANNER_AFFIX_MAX = 8


def scanner_affixes() -> tuple[str, str]:
    """The characters a barcode scanner sends before and after each code (``""``: none),
    taken off a scan at the desk and in a stocktake (:func:`readingroom.codes.strip_affixes`).
    Read in one statement: the catalogue's search reads them at every keystroke."""
    prefix, suffix = values(SCANNER_PREFIX, SCANNER_SUFFIX)
    return prefix, suffix


def check_scanner_affix(text: str, what: str = "prefix") -> str:
    """The prefix or suffix as stored (NFKC, surrounding spaces trimmed; ``""`` for none), or
    BadInput saying why not: a space or a control character inside, or too long."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    if any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in value):
        raise BadInput(_unprintable(what, repr(value)))
    if len(value) > SCANNER_AFFIX_MAX:
        raise BadInput(_too_long(what, len(value)))
    return value


def _unprintable(what: str, value: str) -> Text:
    if what == "prefix":
        return said(
            "The scanner prefix {value} has a space or a control character: give the "
            "printable characters the scanner sends (control characters such as STX and a "
            "line end are taken off every scan anyway). Nothing was changed.",
            value=value,
        )
    return said(
        "The scanner suffix {value} has a space or a control character: give the "
        "printable characters the scanner sends (control characters such as STX and a "
        "line end are taken off every scan anyway). Nothing was changed.",
        value=value,
    )


def _too_long(what: str, length: int) -> Text:
    if what == "prefix":
        return said(
            "The scanner prefix is {length} characters long: at most {most}. Nothing was changed.",
            length=length,
            most=SCANNER_AFFIX_MAX,
        )
    return said(
        "The scanner suffix is {length} characters long: at most {most}. Nothing was changed.",
        length=length,
        most=SCANNER_AFFIX_MAX,
    )


def set_scanner_affix(actor: StaffUser | None, which: str, text: str) -> SettingChanged:
    """Change the scanner's prefix (``which`` :data:`SCANNER_PREFIX`) or suffix
    (:data:`SCANNER_SUFFIX`); ``""`` clears it. A supervisor's change, audited as
    ``setting-change``; bad input changes nothing."""
    supervisor = require_supervisor(actor)
    if which not in (SCANNER_PREFIX, SCANNER_SUFFIX):
        raise BadInput(said("Unknown scanner setting {value}.", value=repr(which)))
    what = "prefix" if which == SCANNER_PREFIX else "suffix"
    return change(supervisor, which, check_scanner_affix(text, what))
