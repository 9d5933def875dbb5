"""The words the inspection pages show for the domain's stable values.

Readiness reasons, stocktake scan flags and outcomes, reminder levels and report kinds keep
their codes in the domain (and in CSV and JSON); the window shows these translated phrases
and a tone (see :mod:`ui.models.columns`) so a row's urgency is never colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from readingroom import inspection
from readingroom.vocabulary import ScanFlag, StocktakeOutcome


def _t(text: str) -> str:
    return QCoreApplication.translate("InspectionLabels", text)


# -- readiness ----------------------------------------------------------------------------


def readiness_reason(code: str) -> str:
    words: dict[str, str] = {
        inspection.OVERDUE: _t("Overdue"),
        inspection.DUE_AFTER: _t("Due after the inspection"),
        inspection.ON_LOAN: _t("On loan"),
        inspection.HELD: _t("Set aside for a hold"),
        inspection.MISSING: _t("Missing"),
        inspection.LOST: _t("Lost"),
        inspection.DAMAGED: _t("Damaged"),
        inspection.INCOMPLETE_SET: _t("Incomplete set"),
        inspection.IN_ROOM: _t("In the reading room"),
        inspection.NOT_RETURNED: _t("Not returned at the room's closing"),
    }
    return words.get(code, code)


def readiness_reason_plural(code: str, count: int) -> str:
    """``"2 overdue"``, ``"1 incomplete set"``: a count in the summary line."""
    words = {
        inspection.OVERDUE: (_t("%1 overdue"), _t("%1 overdue")),
        inspection.DUE_AFTER: (
            _t("%1 due after the inspection"),
            _t("%1 due after the inspection"),
        ),
        inspection.ON_LOAN: (_t("%1 on loan"), _t("%1 on loan")),
        inspection.HELD: (_t("%1 set aside"), _t("%1 set aside")),
        inspection.MISSING: (_t("%1 missing"), _t("%1 missing")),
        inspection.LOST: (_t("%1 lost"), _t("%1 lost")),
        inspection.DAMAGED: (_t("%1 damaged"), _t("%1 damaged")),
        inspection.INCOMPLETE_SET: (
            _t("%1 volume lacking from a set"),
            _t("%1 volumes lacking from sets"),
        ),
        inspection.IN_ROOM: (_t("%1 in the reading room"), _t("%1 in the reading room")),
        inspection.NOT_RETURNED: (
            _t("%1 not returned at the room's closing"),
            _t("%1 not returned at the room's closing"),
        ),
    }
    one, many = words.get(code, ("%1 " + code, "%1 " + code))
    return (one if count == 1 else many).replace("%1", str(count))


def readiness_tone(code: str) -> str | None:
    """Must come back or be found before the day: refused; to watch: notice."""
    if code in (
        inspection.OVERDUE,
        inspection.MISSING,
        inspection.LOST,
        inspection.INCOMPLETE_SET,
        inspection.NOT_RETURNED,
    ):
        return "refused"
    if code in (inspection.DUE_AFTER, inspection.HELD, inspection.DAMAGED, inspection.IN_ROOM):
        return "notice"
    return None


# -- stocktake ----------------------------------------------------------------------------


def scan_flag(code: str) -> str:
    words: dict[str, str] = {
        ScanFlag.UNKNOWN: _t("unknown barcode"),
        ScanFlag.REPEAT: _t("scanned before"),
        ScanFlag.WRONG_LOCATION: _t("wrong location"),
        ScanFlag.ON_LOAN: _t("records say on loan"),
        ScanFlag.NOT_EXPECTED: _t("not on the expected list"),
    }
    return words.get(code, code)


def scan_flags(codes: list[str] | tuple[str, ...]) -> str:
    return ", ".join(scan_flag(code) for code in codes)


def scan_tone(codes: list[str] | tuple[str, ...]) -> str:
    if ScanFlag.UNKNOWN in codes or ScanFlag.NOT_EXPECTED in codes:
        return "refused"
    return "notice" if codes else "allowed"


def outcome(code: str) -> str:
    words: dict[str, str] = {
        StocktakeOutcome.PRESENT: _t("Present"),
        StocktakeOutcome.ON_LOAN: _t("On loan"),
        StocktakeOutcome.MISSING: _t("Missing"),
        StocktakeOutcome.MISPLACED: _t("Misplaced"),
        StocktakeOutcome.UNEXPECTED: _t("Unexpected"),
        StocktakeOutcome.PRESENT_ON_LOAN: _t("Found, but on loan"),
    }
    return words.get(code, code)


def outcome_tone(code: str) -> str | None:
    words: dict[str, str | None] = {
        StocktakeOutcome.PRESENT: "allowed",
        StocktakeOutcome.ON_LOAN: None,
        StocktakeOutcome.MISSING: "refused",
        StocktakeOutcome.MISPLACED: "notice",
        StocktakeOutcome.UNEXPECTED: "refused",
        StocktakeOutcome.PRESENT_ON_LOAN: "refused",
    }
    return words.get(code)


# -- reminders ----------------------------------------------------------------------------


def reminder_level(level: int) -> str:
    words: dict[int, str] = {
        1: _t("1 · Reminder"),
        2: _t("2 · Second notice"),
        3: _t("3 · Final demand"),
    }
    return words.get(level, str(level))


def reminder_tone(level: int) -> str | None:
    words: dict[int, str | None] = {2: "notice", 3: "refused"}
    return words.get(level)


# -- reports ------------------------------------------------------------------------------


def report_kind(kind: str) -> str:
    words: dict[str, str] = {
        "inventory": _t("Inventory"),
        "loans": _t("Loans"),
        "overdue": _t("Overdue loans"),
        "inspection": _t("Inspection (stocktake)"),
        "overrides": _t("Approved exceptions"),
        "condition": _t("Condition"),
        "circulation": _t("Circulation and demand"),
        "exceptions": _t("Register of exceptions"),
        "custody": _t("Custody ledger"),
    }
    return words.get(kind, kind)


def report_description(kind: str) -> str:
    words: dict[str, str] = {
        "inventory": _t("Every copy with its status, location and condition."),
        "loans": _t("Every active loan with its due date."),
        "overdue": _t("Active loans past their due date, with days overdue."),
        "inspection": _t(
            "A stocktake's outcome for every copy, the sign-off names and "
            "dates, and the audit chain's verification and latest hash."
        ),
        "overrides": _t("Every approved exception: who approved it, for whom, and why."),
        "condition": _t("The condition of every copy, worst first."),
        "circulation": _t(
            "Loans per work over the period and waiting-list lengths: the most requested titles."
        ),
        "exceptions": _t(
            "Every exception in one place, by date: overrides, back-dated loans and returns, "
            "refused attempts, copies missing, lost, withdrawn or found again, restores and "
            "policy changes."
        ),
        "custody": _t(
            "Every move of every copy in the period: shelf, desk, reader, reading room, "
            "conservation, stocktake and write-off, with who moved it and the audit entry."
        ),
    }
    return words.get(kind, "")
