"""The GOV.UK error pattern for desktop forms.

When a controller answers with ``ValidationError``, the form shows an error
summary at the top ("There is a problem", one line per problem, each a link
to its field), writes the message beside the field itself, and moves focus
to the first field in error, scrolling a form in a scroll pane so that row
(its message and its control) is in view: Qt does not scroll to a control
that is given focus by code, so a long form would otherwise put the cursor
in a field the officer cannot see. The keys of ``ValidationError.errors`` are the
input's field names ("description", "reporter.phone"), so a form registers
each control under the key the controller uses; a key with no control of its
own still appears in the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from asb_desktop.gui.common.widgets import html_text


class ErrorSummary(QFrame):
    """The box at the top of a form listing every problem; hidden while there are none."""

    def __init__(self, on_link: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorSummary")
        self.setAccessibleName("There is a problem")
        layout = QVBoxLayout(self)
        title = QLabel("There is a problem")
        title.setObjectName("errorSummaryTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.list = QLabel()
        self.list.setObjectName("errorSummaryList")
        self.list.setWordWrap(True)
        self.list.setTextFormat(Qt.TextFormat.RichText)
        self.list.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.list.linkActivated.connect(on_link)
        layout.addWidget(title)
        layout.addWidget(self.list)
        self.messages: list[str] = []
        self.hide()

    def show_messages(self, items: list[tuple[str, str]]) -> None:
        self.messages = [m for _k, m in items]
        self.list.setText(
            "<ul style='margin:0'>"
            + "".join(f"<li><a href='{k}'>{html_text(m)}</a></li>" for k, m in items)
            + "</ul>"
        )
        self.list.setAccessibleName("; ".join(self.messages))
        self.setVisible(bool(items))


@dataclass
class _Field:
    key: str
    focus: QWidget
    error: QLabel
    container: QWidget


class FormErrors:
    """Remembers which control shows which field, in form order."""

    def __init__(self, parent: QWidget) -> None:
        self.summary = ErrorSummary(self.focus_field, parent)
        self._fields: dict[str, _Field] = {}
        #: Fields showing an error as their description, with the one they had before.
        self._described: dict[str, str] = {}

    def row(
        self, form: QFormLayout, key: str, label: str, widget: QWidget,
        focus: QWidget | None = None, hint: str = "",
    ) -> QWidget:
        """Add a labelled row whose error message sits above the control, as GOV.UK does."""
        container = QWidget()
        container.setObjectName(f"field_{key}")
        box = QVBoxLayout(container)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setProperty("hint", True)
            hint_label.setWordWrap(True)
            box.addWidget(hint_label)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setProperty("fieldError", True)
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        box.addWidget(widget)
        caption = QLabel(label)
        caption.setBuddy(focus or widget)
        caption.setWordWrap(True)
        form.addRow(caption, container)
        target = focus or widget
        if not target.accessibleName():
            target.setAccessibleName(label.replace("&", ""))
        self._fields[key] = _Field(key, target, error, container)
        return container

    def adopt(self, form: QWidget, key: str, focus: QWidget) -> None:
        """Register a row laid out in a Designer form: a ``field_<key>`` widget
        holding an ``error_<key>`` label, as ``row`` would have built it (dots
        in the key are underscores in the names). A row
        missing from the form fails here, as the form is made, not later when
        an error has nowhere to go."""
        name = key.replace(".", "_")  # "reporter.phone" is the row field_reporter_phone
        container = form.findChild(QWidget, f"field_{name}")
        error = form.findChild(QLabel, f"error_{name}")
        if container is None or error is None:
            raise LookupError(f"{form.objectName()} has no field_{name} with an error_{name} label")
        error.hide()
        self._fields[key] = _Field(key, focus, error, container)

    def register(self, key: str, focus: QWidget, error: QLabel, container: QWidget) -> None:
        self._fields[key] = _Field(key, focus, error, container)

    @property
    def keys(self) -> list[str]:
        """The controller field names this form shows errors for, in form order."""
        return list(self._fields)

    def clear(self) -> None:
        self.summary.show_messages([])
        for f in self._fields.values():
            f.error.hide()
            f.error.clear()
            _mark(f.container, False)
            if f.key in self._described:  # the field's own description, not the old error
                f.focus.setAccessibleDescription(self._described.pop(f.key))

    def show(self, errors: dict[str, str]) -> None:
        """Summary in form order, messages beside fields, focus on the first field in error."""
        self.clear()
        order = list(self._fields)
        known = sorted((k for k in errors if k in self._fields), key=order.index)
        items = [(k, errors[k]) for k in known]
        items += [(k, m) for k, m in errors.items() if k not in self._fields]
        self.summary.show_messages(items)
        for k in known:
            f = self._fields[k]
            f.error.setText(errors[k])
            f.error.show()
            _mark(f.container, True)
            self._described.setdefault(k, f.focus.accessibleDescription())
            f.focus.setAccessibleDescription(invalid_description(errors[k]))
        announce(self.summary, "There is a problem. " + " ".join(
            m if m.endswith(".") else m + "." for _k, m in items))
        if known:
            self.focus_field(known[0])
        else:
            self.summary.setFocus()

    def focus_field(self, key: str) -> None:
        """Focus the field and scroll its row into view (from ``show`` and from
        the summary's links)."""
        f = self._fields.get(key)
        if f is None:
            return
        f.focus.setFocus(Qt.FocusReason.OtherFocusReason)
        reveal(f.container)

    def message(self, key: str) -> str:
        f = self._fields.get(key)
        return f.error.text() if f and f.error.isVisible() else ""


#: Said before a field's error message, as GOV.UK's hidden "Error:" prefix does.
ERROR_PREFIX = "Error: "


def invalid_description(message: str) -> str:
    """What a screen reader hears after the name of a field in error.

    Qt's AT-SPI bridge maps none of its accessible states to AT-SPI's
    invalid-entry state (Qt 6.11: checked flag by flag through pyatspi), so
    Orca cannot say "invalid entry" for a Qt field. The description is what it
    does read after the name, so the field's description becomes its message
    after the word "Error", and the description the field had comes back when
    the next save finds the field fine (``FormErrors.clear``)."""
    return ERROR_PREFIX + message


def announce(widget: QWidget, text: str) -> None:
    """Said by the screen reader at once, over whatever it was saying: focus moving
    to the first field reads only that field, so the whole summary is announced."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def reveal(widget: QWidget) -> None:
    """Scroll the nearest scroll pane holding ``widget`` so all of it shows.

    The error messages just shown push the rows down, and Qt only lays them
    out when the event loop next turns, so pending layouts are done first; and
    it is done again on that next turn, in case a layout was still waiting on
    another (a message wrapping onto two lines). Nothing happens outside a
    scroll pane."""
    area = _scroll_area_of(widget)
    if area is None:
        return

    def scroll() -> None:
        if area.isVisible():
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            across = area.horizontalScrollBar().value()
            area.ensureWidgetVisible(widget, 8, 24)
            # Up or down only: a form wider than its pane would otherwise slide
            # sideways and hide the field labels on the left.
            area.horizontalScrollBar().setValue(across)

    scroll()
    QTimer.singleShot(0, widget, scroll)  # dropped if the row is gone by then


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _mark(container: QWidget, invalid: bool) -> None:
    """The red bar beside a field in error; the margin keeps it clear of the text."""
    container.setProperty("invalid", invalid)
    layout = container.layout()
    if layout is not None:
        layout.setContentsMargins(10 if invalid else 0, 0, 0, 0)
    _repolish(container)


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
