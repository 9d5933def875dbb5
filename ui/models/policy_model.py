"""The policy page's models: the role × access class matrix, and a preview in words."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QGuiApplication

from readingroom.messages import Code
from readingroom.policy import Rule, is_fixed
from readingroom.policy_preview import ALLOWED, APPROVAL, REFUSED, BorrowerOutcome, PolicyPreview
from readingroom.vocabulary import ACCESS_CLASSES, ROLES, Role
from ui import icons
from ui.models import labels
from ui.models.columns import NO_PARENT, Column
from ui.models.row_list import Index, RowListModel

APPROVAL_REQUIRED, LOAN_LIMIT = Code.APPROVAL_REQUIRED, Code.LOAN_LIMIT


def _t(text: str) -> str:
    return QCoreApplication.translate("PolicyModel", text)


def rule_summary(rule: Rule) -> str:
    """``Loan: 21 days, 3 items, 1 renewal`` (numbers only where they apply)."""
    name = labels.rule(rule.rule)
    if rule.rule not in ("loan", "approval"):
        return name
    items = _t("1 item") if rule.max_items == 1 else labels.fill(_t("%1 items"), rule.max_items)
    renewals = (
        _t("1 renewal") if rule.renewals == 1 else labels.fill(_t("%1 renewals"), rule.renewals)
    )
    return labels.fill(_t("%1: %2 days, %3, %4"), name, rule.days, items, renewals)


def fixed_reason(role: str, access: str) -> str:
    if role == Role.CIVILIAN:
        return _t("Fixed: a civilian is never lent anything, and no override exists.")
    return _t("Fixed: staff-only works are never lent.") if access == "staff-only" else ""


class PolicyMatrixModel(QAbstractTableModel):
    """Roles down, access classes across; each cell the rule in force."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rules: dict[tuple[str, str], Rule] = {}

    def set_rules(self, rules: list[Rule]) -> None:
        self.beginResetModel()
        self.rules = {(rule.role, rule.access): rule for rule in rules}
        self.endResetModel()

    def cell(self, index: QModelIndex) -> tuple[str, str] | None:
        if not index.isValid():
            return None
        return ROLES[index.row()], ACCESS_CLASSES[index.column()]

    def index_of(self, role: str, access: str) -> QModelIndex:
        return self.index(ROLES.index(role), ACCESS_CLASSES.index(access))

    def rowCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() or not self.rules else len(ROLES)

    def columnCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() or not self.rules else len(ACCESS_CLASSES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.rules:
            return None
        key = ROLES[index.row()], ACCESS_CLASSES[index.column()]
        rule = self.rules.get(key)
        if rule is None:
            return None
        fixed = is_fixed(*key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return rule_summary(rule)
        if role == Qt.ItemDataRole.ToolTipRole:
            return fixed_reason(*key) if fixed else _t("Select to change this rule.")
        if role == Qt.ItemDataRole.DecorationRole and fixed:
            return icons.icon("lock")
        if role == Qt.ItemDataRole.ForegroundRole and fixed:
            return QGuiApplication.palette().placeholderText()
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802 - Qt API
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(ACCESS_CLASSES):
            return labels.access(ACCESS_CLASSES[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(ROLES):
            return labels.roles_plural(ROLES[section]).capitalize()
        return None


# -- the preview in words -------------------------------------------------------------------


def outcome_label(outcome: str) -> str:
    return {
        ALLOWED: _t("may borrow"),
        APPROVAL: _t("needs a supervisor"),
        REFUSED: _t("refused"),
    }.get(outcome, outcome)


def _outcome_tone(outcome: str) -> str:
    return {ALLOWED: "allowed", APPROVAL: "notice", REFUSED: "refused"}[outcome]


def _sentence(outcome: BorrowerOutcome) -> str:
    """What changes for one borrower, as the end of a sentence about ``%1`` works."""
    before, after = outcome.before, outcome.after
    lost = set(outcome.before_codes) - set(outcome.after_codes)
    gained = set(outcome.after_codes) - set(outcome.before_codes)
    if after == ALLOWED and before != ALLOWED:
        if APPROVAL_REQUIRED in lost:
            return _t("would now be allowed %1 without a supervisor's approval")
        return _t("would now be allowed %1")
    if before != REFUSED and after == REFUSED:
        return _t("would now be refused %1")
    if before == REFUSED and after == APPROVAL:
        return _t("could now borrow %1 with a supervisor's approval")
    if APPROVAL_REQUIRED in gained:
        return _t("would now need a supervisor's approval for %1")
    if APPROVAL_REQUIRED in lost:
        return _t("would no longer need approval for %1 (other reasons still stand)")
    if LOAN_LIMIT in gained:
        return _t("would now be at the item limit for %1")
    if LOAN_LIMIT in lost:
        return _t("would no longer be at the item limit for %1")
    return _t("would be refused %1 for other reasons")


def _sentences_in_order() -> list[str]:
    """The sentences of :func:`_sentence`, most consequential first."""
    return [
        _t("would now be allowed %1 without a supervisor's approval"),
        _t("would now be allowed %1"),
        _t("would now be refused %1"),
        _t("could now borrow %1 with a supervisor's approval"),
        _t("would now need a supervisor's approval for %1"),
        _t("would no longer need approval for %1 (other reasons still stand)"),
        _t("would now be at the item limit for %1"),
        _t("would no longer be at the item limit for %1"),
    ]


def count_of(role: str, count: int) -> str:
    """``1 cadre``, ``3 cadres``."""
    return (
        labels.fill(_t("1 %1"), labels.role(role).lower())
        if count == 1
        else labels.fill(_t("%1 %2"), count, labels.roles_plural(role))
    )


def preview_lines(preview: PolicyPreview) -> list[str]:
    """The preview as sentences, e.g. ``3 cadres would now be allowed lendable works without
    a supervisor's approval.``"""
    current, proposed = preview.current, preview.proposed
    if not preview.is_change:
        return [_t("This is the rule in force: nothing would change.")]
    works = labels.fill(_t("%1 works"), labels.access(proposed.access).lower())
    sentences = Counter(_sentence(outcome) for outcome in preview.changed)
    order = {text: i for i, text in enumerate(_sentences_in_order())}
    lines = [
        labels.fill(
            _t("%1 %2."), count_of(proposed.role, sentences[text]), labels.fill(text, works)
        )
        for text in sorted(sentences, key=lambda text: order.get(text, len(order)))
    ]
    if not lines:
        lines.append(
            labels.fill(
                _t("No current %1's answer for %2 would change."),
                labels.role(proposed.role).lower(),
                works,
            )
        )
    lending = proposed.rule in ("loan", "approval")
    if lending and current.rule in ("loan", "approval") and proposed.days != current.days:
        lines.append(
            labels.fill(
                _t("New loans would be due after %1 days instead of %2."),
                proposed.days,
                current.days,
            )
        )
    if preview.renewals_used_up:
        lines.append(
            _t("1 active loan could no longer be renewed.")
            if preview.renewals_used_up == 1
            else labels.fill(
                _t("%1 active loans could no longer be renewed."), preview.renewals_used_up
            )
        )
    return lines


def outcomes_model(parent: QObject | None = None) -> RowListModel:
    return RowListModel(
        [
            Column(_t("Member no."), lambda o: o.member_no, width=8),
            Column(_t("Name"), lambda o: o.name, width=12, stretch=True),
            Column(_t("Now"), lambda o: outcome_label(o.before), width=12),
            Column(
                _t("After the change"),
                lambda o: outcome_label(o.after),
                width=14,
                tone=lambda o: _outcome_tone(o.after),
            ),
            Column(
                _t("Reasons after"),
                lambda o: ", ".join(labels.reason(c) for c in o.after_codes),
                width=18,
            ),
        ],
        parent,
    )
