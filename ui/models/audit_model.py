"""The audit log table: entries newest first, filtered in SQL, details in short words.

What is shown is labelled in the window's language (the action ``lend`` as 대출, the
record ``loan 10`` as 대출 10, the detail key ``barcode`` as 바코드) from the domain's message
catalogue (:mod:`readingroom.language`, contexts ``audit-action``, ``audit-record``,
``audit-key``); the stored entries, and so the hash chain, never change, and the stored word
stays in the cell's tooltip, as ``audit list`` prints it. In English the stored words show.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QObject

from readingroom.browse import audit_log
from readingroom.browse.audit_log import AuditFilter, AuditRow
from ui.i18n import domain_words
from ui.models import labels
from ui.models.columns import RIGHT, Column
from ui.models.lazy_table import IdsQuery, LazyTableModel

#: a details summary longer than this is cut (the whole entry shows below the table)
SUMMARY_CHARS = 160


def _t(text: str) -> str:
    return QCoreApplication.translate("AuditModel", text)


def action_label(action: str) -> str:
    """``lend`` as the window's language says it (대출), unknown actions as stored."""
    return domain_words().value("audit-action", action)


def record_label(entity: str, entity_id: str) -> str:
    """``loan 10`` as 대출 10: the record's kind in the window's language, its id as stored."""
    return f"{domain_words().value('audit-record', entity)} {entity_id}".strip()


def staff_label(staff: str) -> str:
    """Who made the entry: a user name as stored, the program itself (``system``) in the
    window's language."""
    return domain_words().value("audit-staff", staff)


def key_label(key: str) -> str:
    return domain_words().value("audit-key", key)


# the catalogue's contexts of a detail's stored words, by its key (``condition: ragged``
# reads 보존등급: 해짐); a key not here keeps its value as stored (a barcode, a name)
VALUE_CONTEXTS: dict[str, tuple[str, ...]] = {
    "status": ("status", "membership", "hold", "state"),
    "condition": ("condition",),
    "return_condition": ("condition",),
    "grade": ("condition",),
    "role": ("role", "staff-role"),
    "access": ("access",),
    "rule": ("rule",),
    "allows": ("allows",),
    "outcome": ("outcome",),
}


def _value(value: object, key: str = "") -> str:
    """A detail's value as a person reads it: ``a, b`` for a list (never ``['a', 'b']``),
    ``yes``/``no`` for a flag, ``—`` for nothing, a stored word (of ``key``) in the
    window's language."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key_label(k)}: {_value(v, k)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v, key) for v in value) if value else "—"
    if isinstance(value, bool):
        return _t("yes") if value else _t("no")
    if value in (None, ""):
        return "—"
    return domain_words().stored(VALUE_CONTEXTS.get(key, ()), str(value))


def details_summary(details: str) -> str:
    """``status: active → suspended`` for an edit; ``key: value, ...`` otherwise. The rows'
    after-images (``after``, the replay's) are left to the detail pane: a person reads what
    was done, not the rows it wrote."""
    try:
        data = json.loads(details or "{}")
    except ValueError:
        return details
    if not isinstance(data, dict):
        return _value(data)
    data.pop("after", None)
    if set(data) == {"old", "new"} and isinstance(data["new"], dict):
        old = data["old"] if isinstance(data["old"], dict) else {}
        text = ", ".join(
            f"{key_label(key)}: {_value(old.get(key), key)} → {_value(value, key)}"
            for key, value in data["new"].items()
            if old.get(key) != value
        )
    else:
        text = ", ".join(f"{key_label(key)}: {_value(value, key)}" for key, value in data.items())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def audit_columns() -> list[Column]:
    return [
        Column(_t("#"), lambda r: str(r.id), "id", RIGHT, width=5),
        Column(
            _t("When"),
            lambda r: labels.moment(r.at),
            "at",
            width=15,
            tooltip=lambda r: labels.instant(r.at),
        ),
        Column(_t("Staff"), lambda r: staff_label(r.staff), "staff", width=9),
        Column(
            _t("Action"),
            lambda r: action_label(r.action),
            "action",
            width=14,
            tooltip=lambda r: r.action,
        ),
        Column(
            _t("Record"),
            lambda r: record_label(r.entity, r.entity_id),
            "entity",
            width=14,
            tooltip=lambda r: f"{r.entity} {r.entity_id}".strip(),
        ),
        Column(_t("Details"), lambda r: details_summary(r.details), None, width=30, stretch=True),
    ]


class AuditModel(LazyTableModel):
    """Every matching entry; the ids are read in a pool thread (the log grows without end)."""

    def __init__(self, parent: QObject | None = None, *, threaded: bool = True):
        super().__init__(audit_columns(), parent, sort="id", descending=True, threaded=threaded)
        self.filter = AuditFilter()

    def ids_query(self) -> IdsQuery:
        filters, key, descending = self.filter, self.sort_key, self.descending
        return lambda: audit_log.audit_ids(filters, key, descending)

    def fetch_rows(self, ids: list[int]) -> dict[int, AuditRow]:
        return audit_log.audit_rows(ids)
