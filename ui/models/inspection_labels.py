"""The words the inspection pages show for the domain's stable values.

Readiness reasons, stocktake scan flags and outcomes, reminder levels and report kinds keep
their codes in the domain (and in CSV and JSON); the window shows these translated phrases
and a tone (see :mod:`ui.models.columns`) so a row's urgency is never colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from readingroom import inspection, stocktake
from readingroom.stocktake import MISPLACED, MISSING, ON_LOAN, PRESENT, UNEXPECTED


def _t(text: str) -> str:
    return QCoreApplication.translate("InspectionLabels", text)


# -- readiness ----------------------------------------------------------------------------


def readiness_reason(code: str) -> str:
    return {
        inspection.OVERDUE: _t("Overdue"),
        inspection.DUE_AFTER: _t("Due after the inspection"),
        inspection.ON_LOAN: _t("On loan"),
        inspection.HELD: _t("Set aside for a hold"),
        inspection.MISSING: _t("Missing"),
        inspection.LOST: _t("Lost"),
        inspection.DAMAGED: _t("Damaged"),
        inspection.INCOMPLETE_SET: _t("Incomplete set"),
    }.get(code, code)


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
    }
    one, many = words.get(code, ("%1 " + code, "%1 " + code))
    return (one if count == 1 else many).replace("%1", str(count))


def readiness_tone(code: str) -> str | None:
    """Must come back or be found before the day: refused; to watch: notice."""
    if code in (inspection.OVERDUE, inspection.MISSING, inspection.LOST, inspection.INCOMPLETE_SET):
        return "refused"
    if code in (inspection.DUE_AFTER, inspection.HELD, inspection.DAMAGED):
        return "notice"
    return None


# -- stocktake ----------------------------------------------------------------------------


def scan_flag(code: str) -> str:
    return {
        stocktake.UNKNOWN: _t("unknown barcode"),
        stocktake.REPEAT: _t("scanned before"),
        stocktake.WRONG_LOCATION: _t("wrong location"),
        stocktake.RECORDED_ON_LOAN: _t("records say on loan"),
        stocktake.NOT_EXPECTED: _t("not on the expected list"),
    }.get(code, code)


def scan_flags(codes: list[str] | tuple[str, ...]) -> str:
    return ", ".join(scan_flag(code) for code in codes)


def scan_tone(codes: list[str] | tuple[str, ...]) -> str:
    if stocktake.UNKNOWN in codes or stocktake.NOT_EXPECTED in codes:
        return "refused"
    return "notice" if codes else "allowed"


def outcome(code: str) -> str:
    return {
        PRESENT: _t("Present"),
        ON_LOAN: _t("On loan"),
        MISSING: _t("Missing"),
        MISPLACED: _t("Misplaced"),
        UNEXPECTED: _t("Unexpected"),
    }.get(code, code)


def outcome_tone(code: str) -> str | None:
    return {
        PRESENT: "allowed",
        ON_LOAN: None,
        MISSING: "refused",
        MISPLACED: "notice",
        UNEXPECTED: "refused",
    }.get(code)


# -- reminders ----------------------------------------------------------------------------


def reminder_level(level: int) -> str:
    return {1: _t("1 · Reminder"), 2: _t("2 · Second notice"), 3: _t("3 · Final demand")}.get(
        level, str(level)
    )


def reminder_tone(level: int) -> str | None:
    return {2: "notice", 3: "refused"}.get(level)


# -- reports ------------------------------------------------------------------------------


def report_kind(kind: str) -> str:
    return {
        "inventory": _t("Inventory"),
        "loans": _t("Loans"),
        "overdue": _t("Overdue loans"),
        "inspection": _t("Inspection (stocktake)"),
        "overrides": _t("Approved exceptions"),
        "condition": _t("Condition"),
        "circulation": _t("Circulation and demand"),
    }.get(kind, kind)


def report_description(kind: str) -> str:
    return {
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
    }.get(kind, "")
