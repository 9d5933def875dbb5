"""The pages of the librarian's window, in navigation order, as ``"module:Class"`` strings.

Each page module is imported only when the window builds its navigation, so adding a
page is one line here. Ctrl+1..Ctrl+9 follow this order.
"""

from __future__ import annotations

import importlib

from ui.pages.base import Page

PAGES: tuple[str, ...] = (
    "ui.pages.desk:DeskPage",
    "ui.pages.catalogue:CataloguePage",
    "ui.pages.borrowers:BorrowersPage",
    "ui.pages.loans:LoansPage",
    "ui.pages.holds:HoldsPage",
    "ui.pages.policy:PolicyPage",
    "ui.pages.audit_log:AuditPage",
    "ui.pages.readiness:ReadinessPage",
    "ui.pages.stocktake:StocktakePage",
    "ui.pages.reminders:RemindersPage",
    "ui.pages.circulation:CirculationPage",
    "ui.pages.reports:ReportsPage",
    "ui.pages.room:RoomPage",
    "ui.pages.restrictions:RestrictionsPage",
)


def load(spec: str) -> type[Page]:
    """The page class named by ``"module:Class"``."""
    module_name, _, class_name = spec.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def page_classes(specs: tuple[str, ...] = PAGES) -> list[type[Page]]:
    """The page classes, in order (every page is written: a missing one is an error)."""
    return [load(spec) for spec in specs]
