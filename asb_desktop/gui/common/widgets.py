"""Small building blocks every tab uses: risk and due dates as words, groups
of tick boxes for enum values, and accessible names set in one call.

Risk and lateness are always written out ("High", "Overdue"); colour is only
a second cue, for officers who cannot tell red from green and for screen
readers, which never see colour at all.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import TypeVar

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.domain.enums import Adjustment, Labelled, RiskLevel
from asb_desktop.domain.views import PersonView

W = TypeVar("W", bound=QWidget)

#: How long a filter box waits after the last key before it asks again.
FILTER_DEBOUNCE_MS = 150
#: A pause in typing this long means the officer has settled on a search (audited once).
SETTLE_MS = 1500

RISK_COLOURS = {
    "high": (QColor("#fbe3e4"), QColor("#8a1c24")),
    "medium": (QColor("#fff2d6"), QColor("#6b4a00")),
    "low": (QColor("#e3f1e6"), QColor("#1d5a2c")),
}


def named(widget: W, name: str, description: str = "") -> W:
    """Give a control the name a screen reader announces (and an object name for tests)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


def label_of(value: str | None, enum: type[Labelled] | None = None) -> str:
    if not value:
        return ""
    if enum is not None:
        try:
            return enum(value).label
        except ValueError:
            return value
    return value.replace("_", " ").capitalize()


def risk_text(level: str) -> str:
    return label_of(level, RiskLevel) or "Not set"


def due_text(due: date | None, overdue: bool) -> str:
    if due is None:
        return "None due"
    text = due.strftime("%d %b %Y")
    return f"{text} · Overdue" if overdue else text


def when_text(at: datetime | date | None) -> str:
    if at is None:
        return ""
    if isinstance(at, datetime):
        if at.hour == at.minute == 0 and at.second == 0:  # a date-only event (an action due)
            return at.strftime("%d %b %Y")
        return at.strftime("%d %b %Y %H:%M")
    return at.strftime("%d %b %Y")


def to_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def to_datetime(dt: QDateTime) -> datetime:
    d, t = dt.date(), dt.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


DEMO_BADGE = "DEMO DATA — invented people and places"


def window_title(user: str, demo: bool) -> str:
    """The same title on the first-page window and the full one, so the swap is seamless."""
    title = f"ASB Desktop — {user}"
    return f"{title} — DEMO DATA" if demo else title


def signed_in_text(user: str, role: str) -> str:
    return f"Signed in: {user} ({role})"


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def qdatetime(dt: datetime) -> QDateTime:
    return QDateTime(qdate(dt.date()), QTime(dt.hour, dt.minute, dt.second))


def fill_combo(
    combo: QComboBox, items: Iterable[tuple[str, object]], first: str | None = None
) -> QComboBox:
    """Items are (shown text, value); ``first`` adds a leading choice whose value is None."""
    combo.clear()
    if first is not None:
        combo.addItem(first, None)
    for text, value in items:
        combo.addItem(text, value)
    return combo


def shrinkable(combo: QComboBox, chars: int = 9) -> QComboBox:
    """A filter box that may narrow to ``chars`` characters (its list still shows
    every choice in full), so a row of filters never widens the window past a
    laptop's screen at large text."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo


def enum_items(enum: type[Labelled]) -> list[tuple[str, object]]:
    return [(m.label, m.value) for m in enum]


def risk_badge(level: str) -> QLabel:
    """A text badge: the word first, the colour second."""
    badge = QLabel(f"{risk_text(level)} risk")
    badge.setObjectName(f"riskBadge_{level}")
    badge.setProperty("risk", level)
    badge.setAccessibleName(f"Risk: {risk_text(level)}")
    return badge


def heading(text: str, level: int = 2) -> QLabel:
    return as_heading(QLabel(text), level)


def as_heading(label: QLabel, level: int = 2) -> QLabel:
    """Sized relative to the system font, which a Designer form cannot say, so
    headings grow with the officer's own text size. No accessible name is set: a
    label is heard by its text, and a name fixed here kept "Choose a case from the
    caseload" after the heading had become the case's reference."""
    label.setProperty("heading", str(level))
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * (1.45 if level == 1 else 1.15))
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def hline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class CheckGroup(QWidget):
    """Tick boxes for a set of values, laid out in columns: one Tab stop for the
    group, the arrow keys to move between its boxes and Space to tick, as a
    keyboard or screen-reader user expects of a group (22 Tab stops were not).
    Each box is named by its words on screen; the group by its heading."""

    _NEXT = (Qt.Key.Key_Down, Qt.Key.Key_Right)
    _BACK = (Qt.Key.Key_Up, Qt.Key.Key_Left)

    def __init__(
        self, items: Sequence[tuple[str, str]], group_name: str, columns: int = 2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(group_name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        self.boxes: dict[str, QCheckBox] = {}
        rows = (len(items) + columns - 1) // columns
        for i, (text, value) in enumerate(items):
            box = QCheckBox(text)
            box.setAccessibleName(text.replace("&", ""))
            box.setAccessibleDescription(group_name)
            box.setObjectName(f"check_{value}")
            box.installEventFilter(self)
            self.boxes[value] = box
            grid.addWidget(box, i % rows, i // rows)
        self._rove(self.first())

    def _rove(self, current: QWidget) -> None:
        """Only the box last used is a Tab stop, so Tab leaves the group in one press.
        The group hands focus on to it, so a heading's Alt key (its buddy is the
        group) moves to the box instead of ticking it, as a button buddy would be."""
        for box in self.boxes.values():
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus if box is current
                               else Qt.FocusPolicy.ClickFocus)
        self.setFocusProxy(current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QCheckBox) and watched in self.boxes.values():
            if event.type() == QEvent.Type.FocusIn:
                self._rove(watched)
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                    and event.modifiers() == Qt.KeyboardModifier.NoModifier \
                    and event.key() in (*self._NEXT, *self._BACK):
                boxes = list(self.boxes.values())
                step = 1 if event.key() in self._NEXT else -1
                target = boxes[(boxes.index(watched) + step) % len(boxes)]
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def values(self) -> list[str]:
        return [value for value, box in self.boxes.items() if box.isChecked()]

    def set_values(self, values: Iterable[str]) -> None:
        wanted = set(values)
        for value, box in self.boxes.items():
            box.setChecked(value in wanted)

    def first(self) -> QWidget:
        return next(iter(self.boxes.values()))


def follow_in_tab_order(anchor: QWidget, widgets: Iterable[QWidget]) -> None:
    """Put controls made after a Designer form's ``setupUi`` where they sit on
    screen in the Tab order, right after ``anchor``: Qt puts a control made
    later at the end of the window's focus chain, after the Save button."""
    previous = anchor
    for widget in widgets:
        QWidget.setTabOrder(previous, widget)
        previous = widget


def tab_stops(container: QWidget) -> list[QWidget]:
    """The controls inside ``container`` that Tab stops on, in the order they were made."""
    return [w for w in container.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def save_cancel_buttons(dialog: QDialog, save_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Save first and marked primary, Cancel closing the dialog; the caller wires Save
    so it can validate before accepting."""
    box = QDialogButtonBox()
    save = box.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
    save.setAccessibleName(save_text.replace("&", ""))
    save.setProperty("primary", True)
    cancel = box.addButton(QDialogButtonBox.StandardButton.Cancel)
    cancel.setAccessibleName("Cancel")
    cancel.clicked.connect(dialog.reject)
    return box, save


def person_line(p: PersonView) -> str:
    """A person as shown wherever they appear: name, then what the officer must adjust."""
    parts = [p.name]
    if p.address or p.postcode:
        parts.append(", ".join(x for x in (p.address, p.postcode) if x))
    if p.adjustments:
        parts.append("Adjustments: " + ", ".join(label_of(a, Adjustment) for a in p.adjustments))
    if p.vulnerabilities:
        parts.append("Vulnerabilities: " + p.vulnerabilities)
    return " — ".join(parts)


def hint(text: str) -> QLabel:
    """Grey explanatory text that wraps, as the stylesheet draws hints."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("hint", True)
    return label


def html_text(text: str) -> str:
    """Plain text made safe inside a rich-text label (a name with "<" or "&" shows as
    typed), keeping the officer's line breaks."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def labelled(text: str, widget: W, above: bool = False) -> QWidget:
    """A control with its words on screen beside it, the label its buddy.

    On Linux a screen reader hears a combo box by its current value and its
    label through the labelled-by relation, which Qt builds from a sibling
    label's buddy; and voice control reaches a control by the words shown. So
    a filter is labelled where it can be seen, and named with the same words.
    ``above`` puts the words over the control, where a row has no width to spare."""
    box = QWidget()
    row = QVBoxLayout(box) if above else QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(2 if above else 4)
    label = QLabel(text)
    label.setBuddy(widget)
    row.addWidget(label)
    row.addWidget(widget, 1)
    widget.setAccessibleName(text)
    return box


def after_typing(box: QLineEdit, ms: int, then: Callable[[], object], parent: QObject) -> QTimer:
    """Call ``then`` once the officer has stopped typing in ``box`` for ``ms``: each
    key restarts the wait, so a search runs for the word, not for every letter."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(then)
    box.textChanged.connect(lambda _text: timer.start())
    return timer


def count_words(total: int, noun: str, loaded: int, at_least: bool = False) -> str:
    """'12 cases', or '250 reports (first 100 shown; scroll for more)'; ``at_least``
    when the total was counted only up to a cap ('1,000 or more cases')."""
    words = (f"{total:,} or more {noun}s" if at_least
             else f"{total} {noun}{'s' if total != 1 else ''}")
    return words + (f" (first {loaded} shown; scroll for more)" if loaded < total else "")
