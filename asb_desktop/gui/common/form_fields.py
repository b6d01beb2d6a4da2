"""A form's fields declared once.

Each field says where it lives on the form, what it is called in the draft
payload and in the controller's error messages, and what kind of control it
is. Reading the form, the draft payload, restoring a draft, clearing the form,
"is anything typed?", error rows and "the officer edited something" all walk
that one list, so a field added to the form cannot be missed by one of them
and silently dropped from a draft or left standing after a reset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.widgets import CheckGroup, qdate, to_date


class Kind(Protocol):
    """How one kind of control is read, written, cleared and watched."""

    #: False for a control whose value the form keeps itself (only its error row is here).
    holds_value: bool

    def read(self, widget: Any) -> Any: ...
    def write(self, widget: Any, value: Any) -> None: ...
    def clear(self, widget: Any) -> None: ...
    def edited(self, widget: Any) -> list[SignalInstance]: ...
    def focus(self, widget: Any) -> QWidget: ...
    #: Whether a value counts as something typed (a default choice does not).
    def typed(self, value: Any) -> bool: ...


class _Line:
    holds_value = True

    def read(self, widget: QLineEdit) -> str:
        return widget.text()

    def write(self, widget: QLineEdit, value: Any) -> None:
        widget.setText("" if value is None else str(value))

    def clear(self, widget: QLineEdit) -> None:
        widget.clear()

    def edited(self, widget: QLineEdit) -> list[SignalInstance]:
        return [widget.textEdited]  # the officer's typing, not code filling it in

    def focus(self, widget: QLineEdit) -> QWidget:
        return widget

    def typed(self, value: Any) -> bool:
        return bool(str(value or "").strip())


class _Block(_Line):
    def read(self, widget: QPlainTextEdit) -> str:  # type: ignore[override]
        return widget.toPlainText()

    def write(self, widget: QPlainTextEdit, value: Any) -> None:  # type: ignore[override]
        widget.setPlainText("" if value is None else str(value))

    def clear(self, widget: QPlainTextEdit) -> None:  # type: ignore[override]
        widget.clear()

    def edited(self, widget: QPlainTextEdit) -> list[SignalInstance]:  # type: ignore[override]
        return [widget.textChanged]


class _Choice:
    holds_value = True

    def read(self, widget: QComboBox) -> Any:
        return widget.currentData()

    def write(self, widget: QComboBox, value: Any) -> None:
        i = widget.findData(value)
        if i >= 0:
            widget.setCurrentIndex(i)

    def clear(self, widget: QComboBox) -> None:
        widget.setCurrentIndex(0)

    def edited(self, widget: QComboBox) -> list[SignalInstance]:
        return [widget.currentIndexChanged]

    def focus(self, widget: QComboBox) -> QWidget:
        return widget

    def typed(self, value: Any) -> bool:
        return False  # the first choice is there before anyone types


class _Ticks:
    holds_value = True

    def read(self, widget: CheckGroup) -> list[str]:
        return widget.values()

    def write(self, widget: CheckGroup, value: Any) -> None:
        widget.set_values(list(value or []))

    def clear(self, widget: CheckGroup) -> None:
        widget.set_values([])

    def edited(self, widget: CheckGroup) -> list[SignalInstance]:
        return [box.toggled for box in widget.boxes.values()]

    def focus(self, widget: CheckGroup) -> QWidget:
        return widget.first()

    def typed(self, value: Any) -> bool:
        return bool(value)


class _Day:
    """A date box; in drafts and reads as an ISO date."""

    holds_value = True

    def read(self, widget: QDateEdit) -> str:
        return to_date(widget.date()).isoformat()

    def write(self, widget: QDateEdit, value: Any) -> None:
        widget.setDate(qdate(date.fromisoformat(str(value))))

    def clear(self, widget: QDateEdit) -> None:
        """Left alone: the form puts the day it means (today, the visit's) when it
        shows a record."""

    def edited(self, widget: QDateEdit) -> list[SignalInstance]:
        return [widget.dateChanged]

    def focus(self, widget: QDateEdit) -> QWidget:
        return widget

    def typed(self, value: Any) -> bool:
        return False  # a date is always there


class _Tick:
    """One tick box standing for yes or no."""

    holds_value = True

    def read(self, widget: QCheckBox) -> bool:
        return widget.isChecked()

    def write(self, widget: QCheckBox, value: Any) -> None:
        widget.setChecked(bool(value))

    def clear(self, widget: QCheckBox) -> None:
        widget.setChecked(False)

    def edited(self, widget: QCheckBox) -> list[SignalInstance]:
        return [widget.toggled]

    def focus(self, widget: QCheckBox) -> QWidget:
        return widget

    def typed(self, value: Any) -> bool:
        return bool(value)


class _ErrorRowOnly:
    """A control the form reads itself (a reporter chosen from a list, a clock
    that keeps up until edited), listed so its error row keeps its place."""

    holds_value = False

    def read(self, widget: QWidget) -> None:
        return None

    def write(self, widget: QWidget, value: Any) -> None:
        """The form fills this control itself."""

    def clear(self, widget: QWidget) -> None:
        """The form clears this control itself."""

    def edited(self, widget: QWidget) -> list[SignalInstance]:
        return []

    def focus(self, widget: QWidget) -> QWidget:
        return widget

    def typed(self, value: Any) -> bool:
        return False


LINE: Kind = _Line()
BLOCK: Kind = _Block()
CHOICE: Kind = _Choice()
TICKS: Kind = _Ticks()
DAY: Kind = _Day()
TICK: Kind = _Tick()
ERROR_ROW: Kind = _ErrorRowOnly()


@dataclass(frozen=True)
class Field:
    #: The key in the draft payload and in what ``read`` returns.
    key: str
    #: The form's attribute holding the control.
    attr: str
    kind: Kind
    #: The controller's name for it in a ``ValidationError``; "" if it has none.
    error: str = ""


def anything_typed(fields: Iterable[Field], values: dict[str, Any]) -> bool:
    """Whether a draft payload holds anything the officer typed or ticked."""
    return any(f.kind.typed(values.get(f.key)) for f in fields)


class Fields:
    """The declared fields of one form instance."""

    def __init__(self, form: QWidget, fields: Sequence[Field]) -> None:
        self._form = form
        self.fields = tuple(fields)

    def widget(self, field: Field) -> Any:
        return getattr(self._form, field.attr)

    def read(self) -> dict[str, Any]:
        return {f.key: f.kind.read(self.widget(f)) for f in self.fields if f.kind.holds_value}

    def write(self, values: dict[str, Any]) -> None:
        """Fill in what ``values`` holds; fields it does not name are cleared, so a
        restored draft never mixes with what was on the form before."""
        for f in self.fields:
            if f.key in values and values[f.key] is not None:
                f.kind.write(self.widget(f), values[f.key])
            else:
                f.kind.clear(self.widget(f))

    def clear(self) -> None:
        for f in self.fields:
            f.kind.clear(self.widget(f))


    def on_edit(self, slot: Callable[..., object], only: Iterable[str] | None = None) -> None:
        """Call ``slot`` when the officer edits any field (or those keys in ``only``)."""
        keys = None if only is None else set(only)
        for f in self.fields:
            if keys is None or f.key in keys:
                for signal in f.kind.edited(self.widget(f)):
                    signal.connect(slot)

    def adopt_errors(self, errors: FormErrors) -> None:
        """Each field with an error key gets its error row, in form order."""
        for f in self.fields:
            if f.error:
                errors.adopt(self._form, f.error, f.kind.focus(self.widget(f)))
