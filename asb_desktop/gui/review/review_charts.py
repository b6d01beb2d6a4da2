"""The supervisor's figures as charts, each with its numbers beside it.

A chart is a quick picture; the table beside it is the record. Nothing is
told by colour alone: every bar's value is in the table (and on the bar
where it fits), bar sets differ by pattern as well as by colour, and the
palette is Okabe and Ito's, which stays distinct for the common kinds of
colour blindness. Each card has its own "Export CSV…" button because a
supervisor looking at one chart should not have to hunt for the export;
every button exports the same audited figures file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.domain.enums import CaseStatus, Category, HateStrand, RiskLevel
from asb_desktop.domain.review import Figures
from asb_desktop.gui.common.widgets import label_of, named

#: Okabe-Ito: distinguishable with deuteranopia, protanopia and tritanopia.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
#: A second cue beside colour for neighbouring segments of a stacked bar.
PATTERNS = [Qt.BrushStyle.SolidPattern, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.SolidPattern,
            Qt.BrushStyle.FDiagPattern, Qt.BrushStyle.SolidPattern, Qt.BrushStyle.DiagCrossPattern,
            Qt.BrushStyle.SolidPattern, Qt.BrushStyle.CrossPattern]
#: More categories than this in the month chart are summed as "Other categories".
MAX_CATEGORIES = 6
NO_DATA = "No data"


def number(value: float | int | None, suffix: str = "") -> str:
    """Figures as a supervisor reads them: thousands separated, gaps said in words."""
    if value is None:
        return NO_DATA
    if isinstance(value, int):
        return f"{value:,}{suffix}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") + suffix


def month_label(month: str, short: bool = False) -> str:
    year, mon = month.split("-")
    return date(int(year), int(mon), 1).strftime("%b" if short else "%b %Y")


def months_between(start: date, end: date) -> list[str]:
    """Every month in the period, so a quiet month shows as a zero, not a gap."""
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def numbers_table(name: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
                  table: QTableWidget | None = None,
                  heads: Sequence[str] | None = None) -> QTableWidget:
    """A read-only table of a chart's numbers; numbers sort as numbers. ``heads``
    are what a screen reader calls each row, where the first column alone
    would be a bare number (a score)."""
    table = table or QTableWidget()
    table.setAccessibleName(name)
    table.setObjectName(name.replace(" ", "_").lower())
    table.setSortingEnabled(False)
    table.clear()
    table.setColumnCount(len(headers))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem()
            if isinstance(value, int | float) and not isinstance(value, bool):
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            else:
                item.setText(str(value))
            table.setItem(r, c, item)
    # Hidden on screen, heard by a screen reader: each row by what it is about
    # (a month, an officer, a strand), not "1", "2", "3".
    table.setVerticalHeaderLabels(list(heads) if heads is not None
                                  else [str(row[0]) if row else "" for row in rows])
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    table.resizeColumnsToContents()
    frame = 2 * table.frameWidth()
    table.setMinimumWidth(header.length() + frame + table.verticalScrollBar().sizeHint().width())
    return table


def fit_rows(table: QTableWidget, most: int) -> None:
    """As tall as its rows (up to ``most``), so short lists leave no empty box."""
    rows = max(1, min(most, table.rowCount()))
    header = table.horizontalHeader().sizeHint().height()
    row = table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(header + rows * row + 2 * table.frameWidth() + 2)


def table_text(table: QTableWidget) -> list[list[str]]:
    """What the table shows, row by row (for tests and screen-reader summaries)."""
    def text(r: int, c: int) -> str:
        item = table.item(r, c)
        return item.text() if item is not None else ""

    return [[text(r, c) for c in range(table.columnCount())] for r in range(table.rowCount())]


def nice_step(top: int, most_ticks: int = 6) -> int:
    """A step of 1, 2, 2.5 or 5 times a power of ten, so the axis reads 0, 10, 20..."""
    power = 1
    while True:
        for m in (1, 2, 5):
            step = m * power
            if top <= step * most_ticks:
                return step
        power *= 10


def _bar_set(label: str, values: Sequence[int], i: int, pattern: bool) -> QBarSet:
    bars = QBarSet(label)
    bars.append([float(v) for v in values])
    colour = QColor(PALETTE[i % len(PALETTE)])
    bars.setColor(colour)
    bars.setBorderColor(QColor("#0b0c0c"))
    if pattern:
        brush = QBrush(colour, PATTERNS[i % len(PATTERNS)])
        bars.setBrush(brush)
    bars.setLabelColor(QColor("#0b0c0c"))
    return bars


def _chart(title: str, series: QBarSeries | QStackedBarSeries | QHorizontalBarSeries,
           categories: Sequence[str], top: int, legend: bool | str = True) -> QChart:
    """A bar chart with whole-number value axis; ``title`` only where the card's own
    title does not already say it, since the space is better spent on bars."""
    chart = QChart()
    if title:
        chart.setTitle(title)
    horizontal = isinstance(series, QHorizontalBarSeries)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append(list(categories))
    chart.addAxis(x, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x)
    y = QValueAxis()
    step = nice_step(top)
    ticks = max(1, -(-max(1, top) // step))
    y.setRange(0, step * ticks)
    y.setLabelFormat("%d")
    y.setTickCount(ticks + 1)
    chart.addAxis(y, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y)
    chart.legend().setVisible(bool(legend))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight if legend == "right"
                                else Qt.AlignmentFlag.AlignBottom)
    return chart


class ChartCard(QGroupBox):
    """One chart, its numbers beside it and its export button."""

    export_requested = Signal()

    def __init__(self, title: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(f"card_{key}")
        self.setAccessibleName(title)
        self.view = QChartView()
        self.view.setObjectName(f"chart_{key}")
        self.view.setAccessibleName(f"{title} chart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(360, 260)
        # No Tab stop: the table beside it is the record. The drawing surface inside
        # the view would otherwise be a focusable node with no name of its own; the
        # view keeps the name and, as its description, a summary of every bar.
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table = numbers_table(f"{title} figures", [], [])
        self.table.setMinimumWidth(230)
        self.export = named(QPushButton("Export CSV…"), f"Export CSV ({title})",
                            "Save all the figures for this period as a CSV file (Ctrl+E)")
        self.export.setObjectName(f"export_{key}")
        self.export.clicked.connect(self.export_requested)
        self.note = QLabel()
        self.note.setProperty("hint", True)
        self.note.setWordWrap(True)
        self.body = QHBoxLayout()
        self.body.addWidget(self.view, 3)
        self.body.addWidget(self.table, 2)
        self.foot = QHBoxLayout()
        self.foot.addWidget(self.note, 1)
        self.foot.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addLayout(self.foot)

    def set_chart(self, chart: QChart, summary: str) -> None:
        old = self.view.chart()
        self.view.setChart(chart)
        self.view.setAccessibleDescription(summary)
        if old is not None and old is not chart:
            old.deleteLater()


class FiguresPanel(QWidget):
    """Every figure for the period: key numbers and five charts."""

    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresPanel")
        self.figures: Figures | None = None
        self.key_box = QGroupBox("NM01, response and closure")
        self.key_box.setObjectName("card_key")
        self.key_box.setAccessibleName("NM01, response and closure")
        form = QGridLayout(self.key_box)
        form.setHorizontalSpacing(16)
        form.setColumnStretch(0, 1)
        self.values: dict[str, QLabel] = {}
        for i, (key, text) in enumerate(KEY_FIGURES):
            value = QLabel(NO_DATA)
            value.setObjectName(f"value_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
            font = value.font()
            font.setBold(True)
            value.setFont(font)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            caption = QLabel(text)
            value.setAccessibleName(text)
            self.values[key] = value
            form.addWidget(caption, i, 0)
            form.addWidget(value, i, 1)
        self.key_note = QLabel()
        self.key_note.setProperty("hint", True)
        self.key_note.setWordWrap(True)
        form.addWidget(self.key_note, len(KEY_FIGURES), 0, 1, 2)
        form.setRowStretch(len(KEY_FIGURES) + 1, 1)
        key_export = named(QPushButton("Export CSV…"), "Export CSV (NM01, response and closure)",
                           "Save all the figures for this period as a CSV file (Ctrl+E)")
        key_export.setObjectName("export_key")
        key_export.clicked.connect(self.export_requested)
        form.addWidget(key_export, len(KEY_FIGURES) + 2, 1)

        self.months = ChartCard("Reports and cases opened per month", "months")
        self.measure = named(QComboBox(), "Month chart shows",
                             "Show cases opened or reports received in the month chart")
        self.measure.addItem("Cases opened", 3)
        self.measure.addItem("Reports received", 2)
        self.measure.currentIndexChanged.connect(lambda _i: self._show_months())
        self.months.foot.insertWidget(0, self.measure)
        self.months.body.setStretch(0, 4)
        self.months.body.setStretch(1, 1)
        self.months.view.setMinimumHeight(420)
        self.risk = ChartCard("Cases by risk and status", "risk")
        self.satisfaction = ChartCard("Satisfaction at closure", "satisfaction")
        self.strands = ChartCard("Hate incidents by strand", "strands")
        self.cards = [self.months, self.risk, self.satisfaction, self.strands]
        for card in self.cards:
            card.export_requested.connect(self.export_requested)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.months, 0, 0, 1, 2)
        grid.addWidget(self.key_box, 1, 0)
        grid.addWidget(self.risk, 1, 1)
        grid.addWidget(self.satisfaction, 2, 0)
        grid.addWidget(self.strands, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def exports(self) -> list[QPushButton]:
        return [b for b in self.findChildren(QPushButton) if b.objectName().startswith("export_")]

    def show_figures(self, f: Figures) -> None:
        self.figures = f
        homes = f"{f.homes:,} homes"
        for key, text in (
            ("cases_opened", number(f.cases_opened)),
            ("hate_cases_opened", number(f.hate_cases_opened)),
            ("nm01_asb", number(f.nm01_asb_per_1000)),
            ("nm01_hate", number(f.nm01_hate_per_1000)),
            ("first_contact_days", number(f.avg_working_days_to_first_contact)),
            ("first_contact_target", number(f.first_contact_within_target_percent, "%")),
            ("days_to_close", number(f.avg_days_to_close)),
            ("satisfied", number(f.satisfied_percent, "%")),
        ):
            self.values[key].setText(text)
            self.values[key].setAccessibleDescription(text)
        self.key_note.setText(
            f"Cases opened {f.start:%d %b %Y} to {f.end:%d %b %Y}, per 1,000 of {homes}. "
            "Working days leave out weekends and bank holidays.")
        self._show_months()
        self._show_risk(f)
        self._show_satisfaction(f)
        self._show_strands(f)

    def _show_months(self) -> None:
        f = self.figures
        if f is None:
            return
        field = int(self.measure.currentData())
        what = "Cases opened" if field == 3 else "Reports received"
        months = months_between(f.start, f.end)
        totals: dict[str, int] = defaultdict(int)
        per: dict[tuple[str, str], int] = defaultdict(int)
        reports: dict[str, int] = defaultdict(int)
        cases: dict[str, int] = defaultdict(int)
        for month, category, n_reports, n_cases in f.opened_by_month:
            n = n_reports if field == 2 else n_cases
            totals[category] += n
            per[(month, category)] += n
            reports[month] += n_reports
            cases[month] += n_cases
        ranked = sorted((c for c in totals if totals[c]), key=lambda c: (-totals[c], c))
        shown, rest = ranked[:MAX_CATEGORIES], ranked[MAX_CATEGORIES:]
        series = QStackedBarSeries()
        top = 0
        stacks = [0] * len(months)
        groups: list[tuple[str, list[str]]] = [(label_of(c, Category), [c]) for c in shown]
        if rest:
            groups.append(("Other categories", rest))
        for i, (label, members) in enumerate(groups):
            values = [sum(per[(m, c)] for c in members) for m in months]
            stacks = [a + b for a, b in zip(stacks, values, strict=True)]
            series.append(_bar_set(label, values, i, pattern=True))
        top = max(stacks, default=0)
        labels = [month_label(m, short=True) for m in months]
        chart = _chart(f"{what} per month, by category, {month_label(months[0])} to "
                       f"{month_label(months[-1])}" if months else what, series, labels, top,
                       legend="right")
        note = ("Each stack is one month; the legend names each category (bars also differ "
                "by pattern). A report or case with several categories counts once in each.")
        self.months.note.setText(note + (f" Other categories: "
                                         f"{', '.join(label_of(c, Category) for c in rest)}."
                                         if rest else ""))
        rows = [[month_label(m), reports[m], cases[m]] for m in months]
        numbers_table("Reports and cases opened per month figures",
                      ["Month", "Reports", "Cases"], rows, self.months.table)
        summary = "; ".join(f"{r[0]}: {r[1]} reports, {r[2]} cases" for r in rows)
        self.months.set_chart(chart, summary)

    def _show_risk(self, f: Figures) -> None:
        risks = [r.value for r in sorted(RiskLevel, key=lambda r: -r.rank)]
        statuses = [s.value for s in CaseStatus]
        counts = {(r, s): n for r, s, n in f.by_risk_status}
        series = QBarSeries()
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        for i, status in enumerate(statuses):
            series.append(_bar_set(label_of(status, CaseStatus),
                                   [counts.get((r, status), 0) for r in risks], i, pattern=True))
        top = max(counts.values(), default=0)
        chart = _chart("", series,
                       [label_of(r, RiskLevel) for r in risks], top + max(1, top // 6))
        rows: list[list[object]] = [
            [label_of(r, RiskLevel)] + [counts.get((r, s), 0) for s in statuses] for r in risks]
        numbers_table("Cases by risk and status figures",
                      ["Risk", *(label_of(s, CaseStatus) for s in statuses)], rows,
                      self.risk.table)
        self.risk.note.setText("Status today of the cases opened in the period.")
        self.risk.set_chart(chart, "; ".join(
            f"{r[0]} risk: " + ", ".join(f"{n} {label_of(s, CaseStatus).lower()}"
                                         for s, n in zip(statuses, r[1:], strict=True))
            for r in rows))

    def _show_satisfaction(self, f: Figures) -> None:
        scores = [1, 2, 3, 4, 5]
        values = [f.satisfaction.get(s, 0) for s in scores]
        series = QBarSeries()
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.append(_bar_set("Responses", values, 0, pattern=False))
        top = max(values, default=0)
        chart = _chart("", series, [str(s) for s in scores], top + max(1, top // 6),
                       legend=False)
        answered = sum(values)
        numbers_table("Satisfaction at closure figures", ["Score", "Responses"],
                      [[str(s), n] for s, n in zip(scores, values, strict=True)]
                      + [["Satisfied (4 or 5)", number(f.satisfied_percent, "%")]],
                      self.satisfaction.table,
                      heads=[f"Score {s}" for s in scores] + ["Satisfied (4 or 5)"])
        self.satisfaction.note.setText(
            "1 = very dissatisfied, 5 = very satisfied. "
            f"{answered:,} response{'s' if answered != 1 else ''} from cases closed in the period; "
            f"satisfied means 4 or 5: {number(f.satisfied_percent, '%')}.")
        self.satisfaction.set_chart(chart, ", ".join(
            f"score {s}: {n}" for s, n in zip(scores, values, strict=True)))

    def _show_strands(self, f: Figures) -> None:
        strands = [s.value for s in HateStrand]
        extra = sorted(k for k in f.hate_by_strand if k not in strands)
        keys = strands + extra
        values = [f.hate_by_strand.get(k, 0) for k in keys]
        names = [label_of(k, HateStrand) for k in keys]
        series = QHorizontalBarSeries()
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.append(_bar_set("Cases", list(reversed(values)), 5, pattern=False))
        top = max(values, default=0)
        chart = _chart("", series, list(reversed(names)), top + max(1, top // 6), legend=False)
        numbers_table("Hate incidents by strand figures", ["Strand", "Cases"],
                      [[n, v] for n, v in zip(names, values, strict=True)], self.strands.table)
        self.strands.note.setText("A case with several strands counts once in each.")
        self.strands.set_chart(chart, ", ".join(
            f"{n}: {v}" for n, v in zip(names, values, strict=True)))


KEY_FIGURES: list[tuple[str, str]] = [
    ("cases_opened", "Cases opened"),
    ("hate_cases_opened", "Hate-incident cases opened"),
    ("nm01_asb", "NM01: ASB cases opened per 1,000 homes"),
    ("nm01_hate", "NM01: hate-incident cases opened per 1,000 homes"),
    ("first_contact_days", "Average working days to first contact"),
    ("first_contact_target", "First contact within target"),
    ("days_to_close", "Average days to closure"),
    ("satisfied", "Satisfied at closure (4 or 5)"),
]
