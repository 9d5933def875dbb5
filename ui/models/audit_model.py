"""The audit log table: entries newest first, filtered in SQL, details in short words."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QObject

from readingroom.browse import audit_log
from readingroom.browse.audit_log import AuditFilter, AuditRow
from ui.models import labels
from ui.models.columns import RIGHT, Column
from ui.models.lazy_table import IdsQuery, LazyTableModel

#: a details summary longer than this is cut (the whole entry shows below the table)
SUMMARY_CHARS = 160


def _t(text: str) -> str:
    return QCoreApplication.translate("AuditModel", text)


def _value(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    return "—" if value in (None, "") else str(value)


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
            f"{key}: {_value(old.get(key))} → {_value(value)}"
            for key, value in data["new"].items()
            if old.get(key) != value
        )
    else:
        text = ", ".join(f"{key}: {_value(value)}" for key, value in data.items())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def audit_columns() -> list[Column]:
    return [
        Column(_t("#"), lambda r: str(r.id), "id", RIGHT, width=5),
        Column(_t("When"), lambda r: labels.moment(r.at), "at", width=15, tooltip=lambda r: r.at),
        Column(_t("Staff"), lambda r: r.staff, "staff", width=9),
        Column(_t("Action"), lambda r: r.action, "action", width=14),
        Column(_t("Record"), lambda r: f"{r.entity} {r.entity_id}".strip(), "entity", width=14),
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
