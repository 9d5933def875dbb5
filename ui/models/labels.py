"""The words the window shows for the domain's stable values (roles, statuses, rules...)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from readingroom.borrowers import BORROWER_STATUSES
from readingroom.catalogue import CONDITIONS
from readingroom.messages import Code
from readingroom.policy import ACCESS_CLASSES, ROLES, RULES


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def role(value: str) -> str:
    return {"writer": _t("Writer"), "cadre": _t("Cadre"), "civilian": _t("Civilian")}.get(
        value, value
    )


def staff_role(value: str) -> str:
    """A member of staff's role, lower case as the header shows it ("Kim · librarian")."""
    return {
        "librarian": _t("librarian"),
        "supervisor": _t("supervisor"),
        "inspector": _t("inspector"),
    }.get(value, value)


def roles_plural(value: str) -> str:
    return {"writer": _t("writers"), "cadre": _t("cadres"), "civilian": _t("civilians")}.get(
        value, value
    )


def access(value: str) -> str:
    return {
        "lendable": _t("Lendable"),
        "reading-room": _t("Reading room only"),
        "staff-only": _t("Staff only"),
    }.get(value, value)


def access_short(value: str) -> str:
    return {
        "lendable": _t("Lendable"),
        "reading-room": _t("Reading room"),
        "staff-only": _t("Staff only"),
    }.get(value, value)


def copy_status(value: str) -> str:
    return {
        "available": _t("Available"),
        "on-loan": _t("On loan"),
        "held": _t("Set aside"),
        "missing": _t("Missing"),
        "withdrawn": _t("Withdrawn"),
        "lost": _t("Lost"),
        "damaged": _t("Damaged"),
    }.get(value, value)


def borrower_status(value: str) -> str:
    return {"active": _t("Active"), "suspended": _t("Suspended")}.get(value, value)


def condition(value: str | None) -> str:
    if not value:
        return ""
    return {
        "good": _t("Good"),
        "worn": _t("Worn"),
        "ragged": _t("Ragged"),
        "damaged": _t("Damaged"),
    }.get(value, value)


def rule(value: str) -> str:
    return {
        "loan": _t("Loan"),
        "reading-room": _t("Reading room only"),
        "approval": _t("Loan with approval"),
        "never": _t("Never"),
    }.get(value, value)


def hold_status(value: str) -> str:
    return {
        "waiting": _t("Waiting"),
        "ready": _t("Set aside"),
        "fulfilled": _t("Collected"),
        "cancelled": _t("Cancelled"),
    }.get(value, value)


def reason(code: str) -> str:
    """A short plain phrase for a reason code (the code itself stays stable)."""
    return {
        Code.ROLE_NOT_PERMITTED: _t("role never permitted"),
        Code.APPROVAL_REQUIRED: _t("needs approval"),
        Code.BORROWER_SUSPENDED: _t("suspended"),
        Code.BORROWER_EXPIRED: _t("membership expired"),
        Code.HAS_OVERDUE: _t("has an overdue loan"),
        Code.LOAN_LIMIT: _t("at the item limit"),
        Code.ON_LOAN: _t("already lent"),
        Code.HELD_FOR_OTHER: _t("set aside for another"),
        Code.NOT_FOR_LOAN: _t("not for loan"),
        Code.NOT_AVAILABLE: _t("not available"),
        Code.INSPECTION_FREEZE: _t("inspection freeze"),
        Code.RENEWAL_LIMIT: _t("renewal limit"),
        Code.WAITING_LIST: _t("others waiting"),
        Code.HAS_ACTIVE_LOANS: _t("loans still out"),
    }.get(code, code)


def language(code: str) -> str:
    names = {
        "en": _t("English"),
        "fr": _t("French"),
        "ja": _t("Japanese"),
        "it": _t("Italian"),
        "ru": _t("Russian"),
        "de": _t("German"),
        "ko": _t("Korean"),
        "zh": _t("Chinese"),
        "es": _t("Spanish"),
    }
    return f"{names[code]} ({code})" if code in names else code


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def moment(value: datetime | str | None) -> str:
    """A timestamp to the minute (``2026-11-30 14:05``)."""
    if not value:
        return ""
    text = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
    return text.replace("T", " ")[:16]


CHOICES = {
    "role": ROLES,
    "access": ACCESS_CLASSES,
    "borrower_status": BORROWER_STATUSES,
    "condition": CONDITIONS,
    "rule": RULES,
}


def fill(text: str, *args: object) -> str:
    """``text`` with ``%1``, ``%2``... replaced by ``args`` (Qt's ``arg()`` placeholders)."""
    for number in range(len(args), 0, -1):
        text = text.replace(f"%{number}", str(args[number - 1]))
    return text
