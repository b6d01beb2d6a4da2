"""The Tenancy visits tab's extras: who has visits overdue or due this week, and
"Visit pack for a day…", which asks for the day and opens the pack in the
same preview as case summaries (printing or saving it is audited)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from asb_desktop.controllers.exports import ExportsController
from asb_desktop.domain.visits import DueVisit
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.preview import PreviewDialog
from asb_desktop.gui.common.widgets import qdate, to_date

PACK_AUDIENCE = (("officer", "The officer making the visits"),)


def due_summary(due: list[DueVisit]) -> str:
    """'Overdue and due this week: Lee Lead 1 overdue, 2 this week · Sam Officer 1 overdue'."""
    if not due:
        return "No visits overdue or due this week."
    parts = []
    for officer in sorted({d.officer for d in due}):
        mine = [d for d in due if d.officer == officer]
        late = sum(1 for d in mine if d.state == "overdue")
        words = [f"{late} overdue"] if late else []
        if len(mine) - late:
            words.append(f"{len(mine) - late} this week")
        parts.append(f"{officer or 'No officer'} {', '.join(words)}")
    return "Overdue and due this week: " + " · ".join(parts)


class DayDialog(QDialog):
    """Which day's visits to put in the pack (today by default)."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Visit pack for a day")
        self.day = QDateEdit(qdate(today))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setAccessibleName("Day of the visits")
        form = QFormLayout(self)
        label = QLabel("&Day:")
        label.setBuddy(self.day)
        form.addRow(label, self.day)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> date:
        chosen = to_date(self.day.date())
        assert chosen is not None
        return chosen


def visit_pack_dialog(parent: QWidget | None, exports: ExportsController, day: date,
                      ops: OpsRunner) -> PreviewDialog:
    """The pack in the document preview; printed or saved, it is audited."""

    def build(_audience: str) -> bytes:
        return exports.visit_pack(day)[0]

    def on_output(how: str, _audience: str, where: str) -> None:
        exports.record_output(day, how, where)

    dialog = PreviewDialog(parent, f"Visit pack {day.strftime('%d/%m/%Y')}", build, on_output,
                           audiences=PACK_AUDIENCE, file_name=f"visit-pack-{day.isoformat()}.pdf",
                           ops=ops)
    dialog.build_preview()
    return dialog


def ask_day_and_preview(parent: QWidget, today: date, exports: Callable[[], ExportsController],
                        ops: OpsRunner) -> PreviewDialog | None:
    ask = DayDialog(today, parent)
    if ask.exec() != QDialog.DialogCode.Accepted:
        return None
    dialog = visit_pack_dialog(parent, exports(), ask.chosen(), ops)
    dialog.show()
    return dialog
