"""The words the window shows for the domain's stable values (roles, statuses, rules...)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from readingroom.messages import Code
from readingroom.vocabulary import (
    ACCESS_CLASSES,
    BORROWER_STATUSES,
    CONDITIONS,
    ROLES,
    RULES,
    BorrowerStatus,
    Condition,
    CopyStatus,
    HoldStatus,
    LendingRule,
    Role,
    StaffRole,
    WorkAccess,
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def role(value: str) -> str:
    words: dict[str, str] = {
        Role.WRITER: _t("Writer"),
        Role.CADRE: _t("Cadre"),
        Role.CIVILIAN: _t("Civilian"),
    }
    return words.get(value, value)


def staff_role(value: str) -> str:
    """A member of staff's role, lower case as the header shows it ("Kim · librarian")."""
    words: dict[str, str] = {
        StaffRole.LIBRARIAN: _t("librarian"),
        StaffRole.SUPERVISOR: _t("supervisor"),
        StaffRole.INSPECTOR: _t("inspector"),
    }
    return words.get(value, value)


def roles_plural(value: str) -> str:
    words: dict[str, str] = {
        Role.WRITER: _t("writers"),
        Role.CADRE: _t("cadres"),
        Role.CIVILIAN: _t("civilians"),
    }
    return words.get(value, value)


def access(value: str) -> str:
    words: dict[str, str] = {
        WorkAccess.LENDABLE: _t("Lendable"),
        WorkAccess.READING_ROOM: _t("Reading room only"),
        WorkAccess.STAFF_ONLY: _t("Staff only"),
    }
    return words.get(value, value)


def access_short(value: str) -> str:
    words: dict[str, str] = {
        WorkAccess.LENDABLE: _t("Lendable"),
        WorkAccess.READING_ROOM: _t("Reading room"),
        WorkAccess.STAFF_ONLY: _t("Staff only"),
    }
    return words.get(value, value)


def copy_status(value: str) -> str:
    words: dict[str, str] = {
        CopyStatus.AVAILABLE: _t("Available"),
        CopyStatus.ON_LOAN: _t("On loan"),
        CopyStatus.HELD: _t("Set aside"),
        CopyStatus.MISSING: _t("Missing"),
        CopyStatus.WITHDRAWN: _t("Withdrawn"),
        CopyStatus.LOST: _t("Lost"),
        CopyStatus.DAMAGED: _t("Damaged"),
    }
    return words.get(value, value)


def borrower_status(value: str) -> str:
    words: dict[str, str] = {
        BorrowerStatus.ACTIVE: _t("Active"),
        BorrowerStatus.SUSPENDED: _t("Suspended"),
    }
    return words.get(value, value)


def condition(value: str | None) -> str:
    if not value:
        return ""
    words: dict[str, str] = {
        Condition.GOOD: _t("Good"),
        Condition.WORN: _t("Worn"),
        Condition.RAGGED: _t("Ragged"),
        Condition.DAMAGED: _t("Damaged"),
    }
    return words.get(value, value)


def rule(value: str) -> str:
    words: dict[str, str] = {
        LendingRule.LOAN: _t("Loan"),
        LendingRule.READING_ROOM: _t("Reading room only"),
        LendingRule.APPROVAL: _t("Loan with approval"),
        LendingRule.NEVER: _t("Never"),
    }
    return words.get(value, value)


def hold_status(value: str) -> str:
    words: dict[str, str] = {
        HoldStatus.WAITING: _t("Waiting"),
        HoldStatus.READY: _t("Set aside"),
        HoldStatus.FULFILLED: _t("Collected"),
        HoldStatus.CANCELLED: _t("Cancelled"),
        HoldStatus.EXPIRED: _t("Expired, not collected"),
    }
    return words.get(value, value)


def reason(code: str) -> str:
    """A short plain phrase for a reason code (the code itself stays stable)."""
    words: dict[str, str] = {
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
        Code.TOO_SOON: _t("renewal too soon"),
        Code.ALREADY_ON_LOAN: _t("already has it"),
        Code.HAS_ACTIVE_LOANS: _t("loans still out"),
        Code.RESTRICTED: _t("restricted"),
        Code.CONDITION_RESTRICTED: _t("condition allows less"),
        Code.SET_TOGETHER: _t("set goes out whole"),
        Code.SET_INCOMPLETE: _t("set incomplete"),
    }
    return words.get(code, code)


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


def instant(value: datetime | str | None) -> str:
    """A timestamp to the second (``2026-11-30 14:05:09``): no ``T``, no microseconds."""
    if not value:
        return ""
    text = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
    return text.replace("T", " ")[:19]


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
