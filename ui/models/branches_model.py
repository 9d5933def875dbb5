"""The union catalogue's item models: each branch's standing, and the refused bundles."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from readingroom.central.importing import ALTERED, NOT_EXTENDED, ROOT_CHANGED, ROOT_REUSED
from readingroom.central.views import BranchStanding, RefusedBundle
from ui.models import labels
from ui.models.columns import RIGHT, Column
from ui.models.row_list import RowListModel


def _t(text: str) -> str:
    return QCoreApplication.translate("BranchesModel", text)


def _head(branch: BranchStanding) -> str:
    if not branch.chain_head:
        return ""
    return labels.fill(_t("entry %1: %2…"), str(branch.chain_count), branch.chain_head[:12])


def branches_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Branch"), lambda b: b.name, width=20, stretch=True),
            Column(_t("Last bundle"), lambda b: b.last_bundle[:12], width=13),
            Column(_t("Exported"), lambda b: b.exported_at[:10], width=10),
            Column(_t("Imported"), lambda b: b.imported_at, width=16),
            Column(_t("Chain head"), _head, width=22),
            Column(_t("Copies"), lambda b: str(b.copies), align=RIGHT, width=6),
            Column(
                _t("Missing"),
                lambda b: str(b.missing),
                align=RIGHT,
                width=6,
                tone=lambda b: "refused" if b.missing else None,
            ),
            Column(_t("Overrides"), lambda b: str(b.overrides), align=RIGHT, width=8),
        ],
        parent,
    )


def refused_model(parent: QObject | None = None) -> RowListModel:
    def problem(refused: RefusedBundle) -> str:
        return refused.problem

    return RowListModel(
        [
            Column(_t("Refused"), lambda r: r.refused_at, width=16),
            Column(_t("Branch"), lambda r: r.branch, width=18),
            Column(_t("Why"), lambda r: _kind(r.kind), width=16),
            Column(_t("Problem"), problem, width=40, stretch=True, tooltip=problem),
        ],
        parent,
    )


def _kind(kind: str) -> str:
    return {
        ALTERED: _t("altered"),
        ROOT_CHANGED: _t("another root key"),
        NOT_EXTENDED: _t("chain not extended"),
        ROOT_REUSED: _t("another branch's root key"),
    }.get(kind, kind)
