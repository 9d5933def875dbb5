"""The Policy page: the role × access class matrix, one cell edited at a time, with a
preview of what the change would allow or refuse for the current borrowers before it is
saved (supervisors only; everyone else sees the matrix read-only). Civilians' and
staff-only cells are fixed by the rules and say so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from readingroom import condition_policy, policy, settings
from readingroom.errors import ReadingRoomError
from readingroom.policy import Rule, is_fixed
from readingroom.policy_preview import PolicyPreview, preview
from readingroom.restriction_rules import ConditionRow, condition_rows
from readingroom.vocabulary import CONDITIONS, RULES, Role, WorkAccess
from ui.models import labels
from ui.models.policy_model import (
    PolicyMatrixModel,
    fixed_reason,
    outcomes_model,
    preview_lines,
    rule_summary,
)
from ui.operations import Changes, CollectionOp, QueryOp
from ui.pages.base import Page
from ui.session import Session
from ui.widgets.data_table import DataTable
from ui.widgets.heading import caption
from ui.widgets.message_bar import MessageBar
from ui.widgets.scanner_setting import ScannerSettingBox


class PolicyPage(Page):
    page_id = "policy"
    icon_name = "policy"
    watches = Changes(policy=True)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("PolicyPage", "Lending policy")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.cell: tuple[str, str] | None = None
        self.current_preview: PolicyPreview | None = None
        self._asked: Rule | None = None  # the rule whose preview was asked for last
        self._loading = False
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            self.tr(
                "Who may take what home. Select a cell to change it; the preview shows what the "
                "change would do for the current borrowers before you save it."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.message = MessageBar(self)
        layout.addWidget(self.message)
        self.matrix = PolicyMatrixModel(self)
        self.grid = self._build_grid()
        layout.addWidget(self.grid)
        lower = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._build_editor(), 1)
        left.addWidget(self._build_pickup())
        left.addWidget(self._build_conditions())
        self.scanner_box = ScannerSettingBox(self.session, self)  # the desk's and stocktake's
        left.addWidget(self.scanner_box)
        lower.addLayout(left, 1)
        lower.addWidget(self._build_preview(), 2)
        layout.addLayout(lower, 1)
        self.session.actor_changed.connect(self._update_actions)

    # -- building -------------------------------------------------------------------------

    def _build_grid(self) -> QTableView:
        grid = QTableView(self)
        grid.setModel(self.matrix)
        grid.setAccessibleName(self.tr("Lending policy: roles by access class"))
        grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        grid.setWordWrap(True)
        grid.setTabKeyNavigation(False)
        grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        grid.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 2.6))
        grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        grid.selectionModel().currentChanged.connect(self._cell_changed)
        grid.activated.connect(lambda _index: self.rule_combo.setFocus())
        return grid

    def _build_editor(self) -> QGroupBox:
        box = QGroupBox(self.tr("Change the rule"), self)
        form = QFormLayout(box)
        self.cell_label = QLabel(box)
        self.cell_label.setWordWrap(True)
        form.addRow(self.cell_label)
        self.rule_combo = QComboBox(box)
        for rule in RULES:
            self.rule_combo.addItem(labels.rule(rule), rule)
        self.days = QSpinBox(box)
        self.days.setRange(1, 3650)
        self.days.setSuffix(self.tr(" days"))
        self.max_items = QSpinBox(box)
        self.max_items.setRange(0, 1000)
        self.renewals = QSpinBox(box)
        self.renewals.setRange(0, 100)
        for text, widget, name in (
            (self.tr("&Rule:"), self.rule_combo, self.tr("Rule")),
            (self.tr("Loan &days:"), self.days, self.tr("Loan days")),
            (self.tr("&Item limit:"), self.max_items, self.tr("Item limit")),
            (self.tr("Re&newals:"), self.renewals, self.tr("Renewals")),
        ):
            label = QLabel(text, box)
            label.setBuddy(widget)
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        self.rule_combo.currentIndexChanged.connect(self._edited)
        for spin in (self.days, self.max_items, self.renewals):
            spin.valueChanged.connect(self._edited)
        self.fixed_note = QLabel(box)
        self.fixed_note.setWordWrap(True)
        form.addRow(self.fixed_note)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save ch&ange"), box)
        self.save_button.setAccessibleName(self.tr("Save the rule"))
        self.revert_button = QPushButton(self.tr("Re&vert"), box)
        self.revert_button.setAccessibleName(self.tr("Revert to the rule in force"))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._show_cell)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.permission_note = QLabel(box)
        self.permission_note.setWordWrap(True)
        form.addRow(self.permission_note)
        return box

    def _build_pickup(self) -> QGroupBox:
        """How long a copy set aside for a hold waits (a setting; supervisors change it)."""
        box = QGroupBox(self.tr("Holds"), self)
        form = QFormLayout(box)
        self.pickup_days = QSpinBox(box)
        self.pickup_days.setRange(*settings.PICKUP_DAYS_RANGE)
        self.pickup_days.setSuffix(self.tr(" days"))
        self.pickup_days.setAccessibleName(self.tr("Days a set-aside copy waits"))
        self.pickup_days.setToolTip(
            self.tr(
                "A copy set aside for a hold waits this many days; then the hold expires "
                "and the copy passes to the next in line or back to the shelf."
            )
        )
        label = QLabel(self.tr("Set-aside copies &wait:"), box)
        label.setBuddy(self.pickup_days)
        self.pickup_save_button = QPushButton(self.tr("Save pic&kup days"), box)
        self.pickup_save_button.setAccessibleName(self.tr("Save the pickup days"))
        row = QHBoxLayout()
        row.addWidget(self.pickup_days)
        row.addWidget(self.pickup_save_button)
        row.addStretch(1)
        form.addRow(label, row)
        self.pickup_days.valueChanged.connect(lambda _value: self._update_actions())
        self.pickup_save_button.clicked.connect(self.save_pickup_days)
        self.pickup_in_force = int(settings.DEFAULTS["pickup_days"])
        return box

    def _build_conditions(self) -> QGroupBox:
        """The condition rows: what a copy in each grade allows (supervisors change one)."""
        box = QGroupBox(self.tr("Condition of a copy"), self)
        form = QFormLayout(box)
        self.condition_grade = QComboBox(box)
        self.condition_grade.setAccessibleName(self.tr("Condition grade"))
        for grade in CONDITIONS:
            self.condition_grade.addItem(labels.condition(grade), str(grade))
        self.condition_allows = QComboBox(box)
        self.condition_allows.setAccessibleName(self.tr("What the grade allows"))
        for allows, text in (
            ("loan", self.tr("Loan")),
            ("reading-room", self.tr("Reading room only")),
            ("none", self.tr("No use")),
        ):
            self.condition_allows.addItem(text, allows)
        self.condition_save_button = QPushButton(self.tr("Save condi&tion"), box)
        self.condition_save_button.setAccessibleName(self.tr("Save the condition row"))
        label = QLabel(self.tr("C&ondition:"), box)
        label.setBuddy(self.condition_grade)
        row = QHBoxLayout()
        row.addWidget(self.condition_grade)
        row.addWidget(QLabel(self.tr("allows"), box))
        row.addWidget(self.condition_allows, 1)
        row.addWidget(self.condition_save_button)
        form.addRow(label, row)
        self.condition_rows: dict[str, str] = {}
        self.condition_grade.currentIndexChanged.connect(lambda _i: self._show_condition())
        self.condition_allows.currentIndexChanged.connect(lambda _i: self._update_actions())
        self.condition_save_button.clicked.connect(self.save_condition)
        return box

    def _show_conditions(self, rows: list[ConditionRow]) -> None:
        self.condition_rows = {row.grade: row.allows for row in rows}
        self._show_condition()

    def _show_condition(self) -> None:
        allows = self.condition_rows.get(str(self.condition_grade.currentData()), "loan")
        self.condition_allows.setCurrentIndex(self.condition_allows.findData(allows))
        self._update_actions()

    def save_condition(self) -> None:
        """Save what the chosen grade allows (a supervisor's change, audited)."""
        grade, allows = str(self.condition_grade.currentData()), self.condition_allows.currentData()
        actor = self.session.actor
        CollectionOp(
            self,
            lambda: condition_policy.set_condition_rule(actor, grade, allows),
            Changes.named("policy"),
        ).success(self._condition_saved).disabling(self.condition_save_button).run()

    def _condition_saved(self, changed: condition_policy.ConditionSet) -> None:
        self.condition_rows[changed.row.grade] = changed.row.allows
        self._update_actions()
        self.message.show_success(
            labels.fill(
                self.tr("Saved: a copy in %1 condition now allows: %2."),
                labels.condition(changed.row.grade).lower(),
                self.condition_allows.currentText().lower(),
            )
        )

    def _show_pickup_days(self, days: int) -> None:
        self.pickup_in_force = days
        self.pickup_days.setValue(days)
        self._update_actions()

    def save_pickup_days(self) -> None:
        """Save how long a set-aside copy waits (a supervisor's change, audited)."""
        days, actor = self.pickup_days.value(), self.session.actor
        CollectionOp(
            self, lambda: settings.set_pickup_days(actor, days), Changes.named("policy")
        ).success(self._pickup_saved).disabling(self.pickup_save_button).run()

    def _pickup_saved(self, changed: settings.SettingChanged) -> None:
        self._show_pickup_days(int(changed.new))
        self.message.show_success(
            labels.fill(
                self.tr("Saved: a set-aside copy now waits %1 days to be collected."),
                changed.new,
            )
        )

    def _build_preview(self) -> QGroupBox:
        box = QGroupBox(self.tr("What the change would do"), self)
        layout = QVBoxLayout(box)
        self.preview_label = QLabel(box)
        self.preview_label.setWordWrap(True)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setAccessibleName(self.tr("Preview of the change"))
        self.preview_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.preview_label)
        layout.addWidget(caption(self.tr("Borrowers whose answer would change"), box))
        self.outcomes = outcomes_model(self)
        self.outcomes_table = DataTable(self.tr("Borrowers whose answer would change"), box)
        self.outcomes_table.setModel(self.outcomes)
        layout.addWidget(self.outcomes_table, 1)
        return box

    # -- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the rules in the calls thread, then show them."""
        self._reload()

    def _reload(self, then: Callable[[], None] | None = None) -> None:
        QueryOp(self, lambda: policy.matrix()).success(
            lambda rules: self._show_rules(rules, then)
        ).run()
        QueryOp(self, settings.pickup_days).success(self._show_pickup_days).run()
        QueryOp(self, condition_rows).success(self._show_conditions).run()

    def _show_rules(self, rules: list[Rule], then: Callable[[], None] | None) -> None:
        cell = self.cell or (Role.CADRE, WorkAccess.LENDABLE)
        self.matrix.set_rules(rules)
        self.grid.setFixedHeight(
            self.grid.horizontalHeader().sizeHint().height()
            + self.grid.verticalHeader().length()
            + 2 * self.grid.frameWidth()
        )
        self.grid.setCurrentIndex(self.matrix.index_of(*cell))
        self._show_cell()
        if then is not None:
            then()

    def focus_primary(self) -> None:
        self.grid.setFocus()

    def _cell_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cell = self.matrix.cell(current)
        if cell is not None and cell != self.cell:
            self.cell = cell
            self._show_cell()

    def select_cell(self, role: str, access: str) -> None:
        self.grid.setCurrentIndex(self.matrix.index_of(role, access))

    def _show_cell(self) -> None:
        """Load the selected cell's rule in force into the editor."""
        if self.cell is None:
            return
        rule = self.matrix.rules[self.cell]  # read with the matrix
        self._loading = True
        self.rule_combo.setCurrentIndex(self.rule_combo.findData(rule.rule))
        self.days.setValue(rule.days)
        self.max_items.setValue(rule.max_items)
        self.renewals.setValue(rule.renewals)
        self._loading = False
        role, access = self.cell
        self.cell_label.setText(
            labels.fill(
                self.tr("%1 × %2 — in force: %3"),
                labels.roles_plural(role).capitalize(),
                labels.access(access).lower(),
                rule_summary(rule),
            )
        )
        self.fixed_note.setText(fixed_reason(role, access))
        self.message.clear()
        self._edited()

    def proposed(self) -> Rule:
        assert self.cell is not None  # a cell is chosen before anything is proposed
        role, access = self.cell
        return Rule(
            role,
            access,
            self.rule_combo.currentData(),
            self.days.value(),
            self.max_items.value(),
            self.renewals.value(),
        )

    def _edited(self, *_args) -> None:
        if self._loading or self.cell is None:
            return
        rule = self.proposed()
        lending = rule.rule in ("loan", "approval")
        for spin in (self.days, self.max_items, self.renewals):
            spin.setEnabled(lending and self._editable())
        self.current_preview = None  # nothing to save until the preview has been read
        self.message.clear()
        self._update_actions()
        self._asked = rule
        QueryOp(
            self,
            lambda: preview(
                rule.role,
                rule.access,
                rule.rule,
                days=rule.days,
                max_items=rule.max_items,
                renewals=rule.renewals,
            ),
        ).success(lambda result: self._previewed(rule, result)).inline(
            lambda error: self._refused(rule, error)
        ).run()  # the calls thread: the preview asks every borrower's answer

    def _previewed(self, rule: Rule, result: PolicyPreview) -> None:
        if rule != self._asked:
            return  # edited again meanwhile: a newer preview follows
        self.current_preview = result
        self.preview_label.setText("\n".join("• " + line for line in preview_lines(result)))
        self.outcomes.set_rows(result.changed)
        self._update_actions()

    def _refused(self, rule: Rule, error: ReadingRoomError) -> None:
        if rule != self._asked:
            return
        self.message.show_error(error)
        self.preview_label.setText(self.tr("This change cannot be made."))
        self.outcomes.set_rows([])
        self._update_actions()

    def _editable(self) -> bool:
        return self.session.is_supervisor and self.cell is not None and not is_fixed(*self.cell)

    def _update_actions(self) -> None:
        editable = self._editable()
        self.rule_combo.setEnabled(editable)
        changed = self.current_preview is not None and self.current_preview.is_change
        self.save_button.setEnabled(editable and changed)
        self.revert_button.setEnabled(editable and changed)
        supervisor = self.session.is_supervisor
        self.pickup_days.setEnabled(supervisor)
        self.pickup_save_button.setEnabled(
            supervisor and self.pickup_days.value() != self.pickup_in_force
        )
        if hasattr(self, "condition_save_button"):
            grade = str(self.condition_grade.currentData())
            self.condition_grade.setEnabled(True)
            self.condition_allows.setEnabled(supervisor)
            self.condition_save_button.setEnabled(
                supervisor
                and grade in self.condition_rows
                and self.condition_allows.currentData() != self.condition_rows[grade]
            )
        self.permission_note.setText(
            ""
            if self.session.is_supervisor
            else self.tr("Read-only: only a supervisor may change the lending policy.")
        )

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        """Save the edited cell through ``policy.set_rule`` in the calls thread (refused
        inline if not allowed)."""
        if self.cell is None:
            return
        rule, actor = self.proposed(), self.session.actor
        if actor is None:
            return
        CollectionOp(
            self,
            lambda: policy.set_rule(
                actor,
                rule.role,
                rule.access,
                rule.rule,
                days=rule.days,
                max_items=rule.max_items,
                renewals=rule.renewals,
            ),
            Changes.named("policy"),
        ).success(self._saved).disabling(self.save_button, self.revert_button).run()

    def _saved(self, result: policy.RuleSet) -> None:
        saved = result.rule
        said = labels.fill(
            self.tr("Saved: %1 × %2 is now “%3”."),
            labels.roles_plural(saved.role),
            labels.access(saved.access).lower(),
            rule_summary(saved),
        )
        self._reload(then=lambda: self.message.show_success(said))  # once shown again
