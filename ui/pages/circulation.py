"""The Circulation page: charts of loans per month, the most requested works and copies by
condition (Qt Charts), and the waiting-list lengths, for a chosen period.

The figures come from ``readingroom.reports.charts`` (the same queries the circulation
report prints) and ``readingroom.browse.waiting``; the page only draws them. The charts
follow the palette: a dark chart theme on a dark palette, a light one otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from readingroom import clock
from readingroom.browse.waiting import WaitingWork, works_with_waiting_lists
from readingroom.reports import charts
from readingroom.reports.charts import WorkDemand
from ui import theme
from ui.models import labels
from ui.models.inspection_tables import waiting_lists_model
from ui.operations import Changes, QueryOp
from ui.pages.base import Page
from ui.session import Session
from ui.widgets.dates import from_qdate, to_qdate
from ui.widgets.heading import caption
from ui.widgets.steady_table import SteadyTable

#: the default period: this many days up to today (as the circulation report's default)
DEFAULT_DAYS = 365
#: how many works the "most requested" chart shows
TOP_WORKS = 8
#: a longer title is cut on the chart's axis (the table and the report give it whole)
TITLE_CHARS = 30
#: condition grades, best first, in colours that read on light and dark backgrounds
CONDITION_COLOURS = {
    "good": "#2e8b57",
    "worn": "#d4a017",
    "ragged": "#e07b28",
    "damaged": "#c0392b",
}
LOANS_COLOUR, WAITING_COLOUR, SET_ASIDE_COLOUR = "#3d7cc9", "#e07b28", "#8e6bbf"
#: pixels Qt Charts keeps on each side of an axis label
LABEL_PADDING = 4
#: pixels around the text inside each label (a QGraphicsTextItem's document margin)
DOCUMENT_MARGIN = 4


@dataclass(frozen=True)
class Figures:
    """Everything the page shows for a period, read in one go off the GUI thread."""

    start: date
    end: date
    monthly: list[tuple[str, int]]
    demand: list[WorkDemand]
    conditions: dict[str, int]
    waiting: list[WaitingWork]


def read_figures(start: date, end: date) -> Figures:
    """The period's charts and the waiting lists now (a job: the calls thread)."""
    return Figures(
        start,
        end,
        charts.loans_per_month(start, end),
        charts.most_requested(start, end, TOP_WORKS),
        charts.copies_by_condition(),
        works_with_waiting_lists(),
    )


def month_labels(months: list[str], *, upright: bool = False) -> list[str]:
    """``"2026-11"``... as the locale's short month names, with the year (as the locale
    writes it) after the first month and every January: under the name (``"Jan<br>2026"``),
    or beside it for labels standing upright (``"Jan 2026"``)."""
    result = []
    for position, month in enumerate(months):
        year, number = (int(part) for part in month.split("-"))
        name = QLocale().standaloneMonthName(number, QLocale.FormatType.ShortFormat)
        if position == 0 or number == 1:
            name += (" " if upright else "<br>") + QLocale().toString(
                QDate(year, number, 1), "yyyy"
            )
        result.append(name)
    return result


def labels_fit(labels_: list[str], metrics: QFontMetrics, width: float) -> bool:
    """Whether each line of the labels fits across ``width`` pixels (a category's share of
    the axis, less the padding Qt Charts keeps around a label and the margin of the label's
    text document); else Qt Charts would cut it to "M..." ("12..." for 12월)."""
    return all(
        metrics.horizontalAdvance(line) + 2 * (LABEL_PADDING + DOCUMENT_MARGIN) <= width
        for label in labels_
        for line in label.split("<br>")
    )


def short_title(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


class ChartCard(QChartView):
    """One chart, antialiased, in the palette's colours, named for screen readers."""

    def __init__(self, title: str, parent: QWidget | None = None):
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(title)
        self.setMinimumSize(320, 220)
        self.bottom_labels: tuple[QBarCategoryAxis, list[str], list[str]] | None = None
        self.follow_palette()

    def follow_palette(self) -> None:
        dark = theme.is_dark()
        chart = self.chart()
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        palette = self.palette()
        chart.setBackgroundBrush(palette.color(palette.ColorRole.Base))
        chart.setTitleBrush(palette.color(palette.ColorRole.Text))
        font = self.font()
        font.setBold(True)
        chart.setTitleFont(font)

    def clear(self) -> None:
        self.bottom_labels = None
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def set_bottom_labels(
        self, axis: QBarCategoryAxis, side_by_side: list[str], upright: list[str]
    ) -> None:
        """The category axis across the bottom, with its labels side by side or, where
        those would be cut, ``upright`` (each on one line, turned a quarter)."""
        self.bottom_labels = (axis, side_by_side, upright)
        axis.append(side_by_side)
        self.fit_labels()

    def fit_labels(self) -> None:
        """Category labels across the bottom stand upright when side by side they would be
        cut ("M…" for May): a narrow window, long month names, or a long period."""
        if self.bottom_labels is None:
            return
        axis, side_by_side, upright = self.bottom_labels
        chart = self.chart()
        if axis not in chart.axes() or not side_by_side:
            return
        chart.layout().activate()
        width = chart.plotArea().width() / len(side_by_side)
        fits = labels_fit(side_by_side, QFontMetrics(axis.labelsFont()), width)
        wanted, angle = (side_by_side, 0) if fits else (upright, -90)
        if axis.categories() != wanted:
            axis.clear()
            axis.append(wanted)
        if axis.labelsAngle() != angle:
            axis.setLabelsAngle(angle)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_labels()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self.follow_palette()


def count_axis(maximum: int) -> QValueAxis:
    """A value axis of whole numbers from 0, with a little headroom."""
    axis = QValueAxis()
    top = max(1, maximum)
    axis.setRange(0, top + max(1, top // 5))
    axis.setLabelFormat("%d")
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(max(1, round(top / 5)))
    return axis


class CirculationPage(Page):
    page_id = "circulation"
    #: loans per month, the works waited for, the copies by condition
    watches = Changes(loans=True, holds=True, catalogue=True)
    icon_name = "circulation"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("CirculationPage", "Circulation")

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.monthly: list[tuple[str, int]] = []
        self.demand: list[WorkDemand] = []
        self.conditions: dict[str, int] = {}
        self.asked = 0  # refreshes asked for; an older answer is dropped
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_period_bar())
        grid = QGridLayout()
        self.loans_chart = ChartCard(self.tr("Loans per month"), self)
        self.demand_chart = ChartCard(self.tr("Most requested works"), self)
        self.condition_chart = ChartCard(self.tr("Copies by condition"), self)
        grid.addWidget(self.loans_chart, 0, 0)
        grid.addWidget(self.demand_chart, 0, 1)
        grid.addWidget(self.condition_chart, 1, 0)
        grid.addWidget(self._build_waiting(), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid, 1)

    def _build_period_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        today = clock.today()
        self.start_edit = QDateEdit(to_qdate(today - timedelta(days=DEFAULT_DAYS - 1)), self)
        self.end_edit = QDateEdit(to_qdate(today), self)
        for edit, name in (
            (self.start_edit, self.tr("Period starts")),
            (self.end_edit, self.tr("Period ends")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.dateChanged.connect(lambda _day: self.refresh())
        start_label = QLabel(self.tr("&From:"), self)
        start_label.setBuddy(self.start_edit)
        end_label = QLabel(self.tr("&to:"), self)
        end_label.setBuddy(self.end_edit)
        self.year_button = QPushButton(self.tr("Last &12 months"), self)
        self.year_button.setAccessibleName(self.tr("Show the last twelve months"))
        self.year_button.clicked.connect(self.last_year)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(self.tr("Circulation in the period"))
        for widget in (start_label, self.start_edit, end_label, self.end_edit, self.year_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        return bar

    def _build_waiting(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.waiting_caption = caption("", box)
        self.waiting_caption.setWordWrap(True)  # a long line never widens its half
        self.waiting = waiting_lists_model(self)
        self.waiting_table = SteadyTable(self.tr("Waiting lists"), box)
        self.waiting_table.setModel(self.waiting)
        layout.addWidget(self.waiting_caption)
        layout.addWidget(self.waiting_table, 1)
        return box

    # -- showing --------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        start, end = from_qdate(self.start_edit.date()), from_qdate(self.end_edit.date())
        return (start, end) if start <= end else (end, start)

    def last_year(self) -> None:
        today = clock.today()
        self.end_edit.setDate(to_qdate(today))
        self.start_edit.setDate(to_qdate(today - timedelta(days=DEFAULT_DAYS - 1)))

    def refresh(self) -> None:
        self.asked += 1
        asked, (start, end) = self.asked, self.period()
        QueryOp(self, lambda: read_figures(start, end)).success(
            lambda figures: self._show(asked, figures)
        ).run()

    def _show(self, asked: int, figures: Figures) -> None:
        if asked != self.asked:
            return  # the page asked again meanwhile (another period, a change)
        start, end = figures.start, figures.end
        self.monthly, self.demand = figures.monthly, figures.demand
        self.conditions = figures.conditions
        self._draw_loans()
        self._draw_demand()
        self._draw_conditions()
        self.waiting.set_rows(figures.waiting)
        self.waiting_caption.setText(self.waiting_text(figures.waiting))
        total = sum(count for _, count in self.monthly)
        self.summary.setText(
            labels.fill(
                self.tr("%n loan(s) from %1 to %2", "", total),
                labels.day(start),
                labels.day(end),
            )
        )

    def waiting_text(self, works: list[WaitingWork]) -> str:
        """What the waiting-list table below says, in a line: the readers waiting (the
        table's Waiting column), the works they wait for, the copies set aside to collect
        (its Set aside column: those readers are served, not waiting)."""
        readers = sum(work.waiting for work in works)
        waited_for = sum(1 for work in works if work.waiting)
        set_aside = sum(work.ready for work in works)
        parts = [
            labels.fill(
                self.tr("%1 waiting for %2"),
                self.tr("%n reader(s)", "", readers),
                self.tr("%n work(s)", "", waited_for),
            )
            if readers
            else self.tr("nobody is waiting")
        ]
        if set_aside:
            parts.append(self.tr("%n copy(ies) set aside to collect", "", set_aside))
        return labels.fill(self.tr("Waiting lists now: %1"), "; ".join(parts))

    def _draw_loans(self) -> None:
        self.loans_chart.clear()
        chart = self.loans_chart.chart()
        self.loans_set = QBarSet(self.tr("Loans"))
        self.loans_set.setColor(QColor(LOANS_COLOUR))
        self.loans_set.append([count for _, count in self.monthly])
        series = QBarSeries()
        series.append(self.loans_set)
        chart.addSeries(series)
        months = QBarCategoryAxis()
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        counts = count_axis(max((count for _, count in self.monthly), default=0))
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(months)
        series.attachAxis(counts)
        chart.legend().hide()
        named = [month for month, _ in self.monthly]
        self.loans_chart.set_bottom_labels(
            months, month_labels(named), month_labels(named, upright=True)
        )

    def _draw_demand(self) -> None:
        self.demand_chart.clear()
        chart = self.demand_chart.chart()
        shown = list(reversed(self.demand))  # the most requested on top
        self.demand_loans = QBarSet(self.tr("Loans in the period"))
        self.demand_waiting = QBarSet(self.tr("Waiting now"))
        self.demand_set_aside = QBarSet(self.tr("Set aside to collect"))
        self.demand_loans.setColor(QColor(LOANS_COLOUR))
        self.demand_waiting.setColor(QColor(WAITING_COLOUR))
        self.demand_set_aside.setColor(QColor(SET_ASIDE_COLOUR))
        self.demand_loans.append([work.loans for work in shown])
        self.demand_waiting.append([work.waiting for work in shown])
        self.demand_set_aside.append([work.set_aside for work in shown])
        series = QHorizontalStackedBarSeries()
        series.append(self.demand_loans)
        series.append(self.demand_waiting)
        if any(work.set_aside for work in shown):
            series.append(self.demand_set_aside)
        chart.addSeries(series)
        titles = QBarCategoryAxis()
        titles.append(self._unique_titles(shown))
        chart.addAxis(titles, Qt.AlignmentFlag.AlignLeft)
        counts = count_axis(max((work.requests for work in shown), default=0))
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(titles)
        series.attachAxis(counts)
        chart.legend().setVisible(bool(shown))

    @staticmethod
    def _unique_titles(works: list[WorkDemand]) -> list[str]:
        """Axis categories must differ: two works of one title get their authors."""
        titles = [short_title(work.title) for work in works]
        return [
            f"{title} ({work.author})" if titles.count(title) > 1 else title
            for title, work in zip(titles, works, strict=True)
        ]

    def _draw_conditions(self) -> None:
        self.condition_chart.clear()
        chart = self.condition_chart.chart()
        self.condition_series = QPieSeries()
        for grade, count in self.conditions.items():
            if not count:
                continue
            piece = self.condition_series.append(f"{labels.condition(grade)}: {count}", count)
            piece.setColor(QColor(CONDITION_COLOURS.get(grade, "#888888")))
            piece.setLabelVisible(True)
            piece.setLabelColor(self.palette().color(self.palette().ColorRole.Text))
        self.condition_series.setPieSize(0.62)
        chart.addSeries(self.condition_series)
        chart.legend().setVisible(True)
