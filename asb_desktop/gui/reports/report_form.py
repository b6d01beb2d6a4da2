"""The quick report form, built for a doorstep: who reported it (someone
already known, found as you type; a new person; or anonymous), when and
where, what kind of behaviour, the hate-incident strands, and what happened.

The layout is the Designer form ``ui/report_form.ui``; this class fills it
from the domain's lists, registers each row with the error summary under the
controller's field name, and wires it to the draft keeper.

Two times are easy to get wrong on a doorstep. The *received* time follows the
clock while the form is blank, and is fixed at the moment the officer starts
on the report (or sets it themselves), so a form opened at nine and used at
eleven does not say nine. The *incident* date starts empty and must be
entered: a report of last week is never dated today just because nobody
changed the box. It is typed as day/month/year (or set with Today, Yesterday
or a calendar) and read back in words, so 03/02 cannot pass for 2 March.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QPoint, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QListWidgetItem,
    QWidget,
)

from asb_desktop.controllers.drafts import DraftsController
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.reports import ReportsController
from asb_desktop.domain.enums import Category, Channel, HateStrand
from asb_desktop.domain.inputs import PersonInput, ReportInput
from asb_desktop.domain.views import PersonView, ReportView
from asb_desktop.gui.common.drafts import DraftKeeper
from asb_desktop.gui.common.form_fields import (
    BLOCK,
    CHOICE,
    ERROR_ROW,
    LINE,
    TICKS,
    Field,
    Fields,
    anything_typed,
)
from asb_desktop.gui.common.form_support import FormErrors
from asb_desktop.gui.common.ops import OpsRunner
from asb_desktop.gui.common.policy_flags import ReportFlagsPanel
from asb_desktop.gui.common.widgets import (
    CheckGroup,
    as_heading,
    enum_items,
    fill_combo,
    follow_in_tab_order,
    person_line,
    qdate,
    qdatetime,
    tab_stops,
    to_date,
    to_datetime,
)
from asb_desktop.gui.forms.ui_report_form import Ui_ReportForm

FORM = "report"
#: Every field of the form, in its order on screen: the draft payload, reading,
#: restoring, clearing, error rows and "edited" all come from this one list.
FIELDS = (
    Field("reporter_choice", "mode_existing", ERROR_ROW, "reporter"),
    Field("search", "person_search", LINE),
    Field("given_name", "given_name", LINE, "reporter.given_name"),
    Field("family_name", "family_name", LINE, "reporter.family_name"),
    Field("phone", "phone", LINE, "reporter.phone"),
    Field("address", "address", LINE, "reporter.address"),
    Field("postcode", "postcode", LINE, "reporter.postcode"),
    Field("received_at", "received_at", ERROR_ROW, "received_at"),
    Field("channel", "channel", CHOICE, "channel"),
    Field("incident_date_text", "incident_date", LINE, "incident_date"),
    Field("incident_time", "incident_time", LINE, "incident_time"),
    Field("location", "location", LINE, "location"),
    Field("categories", "categories", TICKS, "categories"),
    Field("hate_strands", "strands", TICKS, "hate_strands"),
    Field("description", "description", BLOCK, "description"),
)
#: The fields the policy warnings (case review threshold, earlier advice) depend on.
FLAG_FIELDS = ("location", "given_name", "family_name", "incident_date_text", "categories",
               "hate_strands")
#: How the incident date is written back into the box (and kept in a draft).
DAY_FORMAT = "%d/%m/%Y"
#: Shown instead of the controller's "Enter the date…" when something was typed
#: that is not a whole, real date (the controller only ever sees "no date").
NOT_A_REAL_DATE = "Date of the incident must be a real date, like 27/02/2026"

_SEP = r"\s*[/.\- ]\s*"
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})$")
_RUN_OF_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{4}|\d{2})$")  # 25022026, 250226


def parse_day(text: str) -> date | None:
    """A UK day-month-year date as officers type it (25/02/2026, 25.2.26,
    25-02-2026, 25 2 2026, 25022026), or None if it is not one whole real date.
    A two-figure year is this century. Month-first is never guessed."""
    text = text.strip()
    found = _DAY_MONTH_YEAR.match(text) or _RUN_OF_DIGITS.match(text)
    if found is None:
        return None
    day, month, year = (int(g) for g in found.groups())
    if len(found.group(3)) == 2:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:  # 31/02, 00/13...
        return None


def day_in_words(d: date) -> str:
    """``Wednesday 25 February 2026``: the read-back that shows a day/month mix-up."""
    return f"{d:%A} {d.day} {d:%B %Y}"


class _CalendarPopup(QCalendarWidget):
    """A month to click or arrow through (Enter chooses); Escape closes it
    without changing anything, as a keyboard user expects of a pop-up."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class ReportForm(QWidget, Ui_ReportForm):
    logged = Signal(object)  # ReportView
    #: An unsaved report from an earlier session is being offered back.
    draft_offered = Signal()

    def __init__(
        self,
        ops: OpsRunner,
        reports: ReportsController,
        people: PeopleController,
        drafts: DraftsController,
        now: Any,
        parent: QWidget | None = None,
        policy: PolicyController | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportForm")  # before setupUi, which keeps a name already given
        self._policy = policy
        self._ops = ops
        self._reports = reports
        self._people = people
        self._now = now
        self.visit_id: str | None = None
        self.reporter: PersonView | None = None
        # True from a reset until the officer changes anything: while fresh, the
        # received time keeps up with the clock and Ctrl+N may start afresh.
        self._fresh = True
        self._filling = 0  # >0 while code (not the officer) fills the fields
        self.calendar: _CalendarPopup | None = None
        self.errors = FormErrors(self)
        self.keeper = DraftKeeper(ops, drafts, FORM, self.payload, _empty, self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._search_people)
        self._build()
        self.reset()

    # -- layout ------------------------------------------------------------------

    def _build(self) -> None:
        self.setupUi(self)  # type: ignore[no-untyped-call]  # the layout: ui/report_form.ui
        as_heading(self.title, 1)
        self.draft_bar.hide()
        self.visit_banner.hide()
        self.outer.insertWidget(self.outer.indexOf(self.draft_bar), self.errors.summary)
        self.flags: ReportFlagsPanel | None = None
        if self._policy is not None:
            self.flags = ReportFlagsPanel(self._ops, self._policy, self.to_input)
            self.flags.hide()
            self.outer.insertWidget(self.outer.indexOf(self.visit_banner) + 1, self.flags)
            follow_in_tab_order(self.discard_button, tab_stops(self.flags))
        fill_combo(self.channel, enum_items(Channel))
        self.incident_date.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9/.\- ]{0,10}"), self.incident_date))
        # Room for a whole date at any text size, even when the pane is narrow.
        self.incident_date.setMinimumWidth(
            self.incident_date.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        # The categories and strands come from the domain's lists, so their
        # boxes are made here, in the rows the form leaves for them.
        self.categories = CheckGroup(enum_items_str(Category), "Category", columns=3)
        self.field_categories_box.addWidget(self.categories)
        self.categories_label.setBuddy(self.categories)
        self.strands = CheckGroup(enum_items_str(HateStrand), "Hate-incident strand", columns=3)
        self.field_hate_strands_box.addWidget(self.strands)
        self.hate_strands_label.setBuddy(self.strands)
        follow_in_tab_order(self.location, [*self.categories.boxes.values(),
                                            *self.strands.boxes.values()])
        self.fields = Fields(self, FIELDS)
        self.fields.adopt_errors(self.errors)

        self.modes.buttonToggled.connect(self._mode_changed)
        self.person_search.textEdited.connect(lambda _t: self._search_timer.start())
        self.person_results.itemActivated.connect(self._choose)
        self.person_results.itemClicked.connect(self._choose)
        self.incident_today.clicked.connect(lambda: self.set_incident_day(self._now().date()))
        self.incident_yesterday.clicked.connect(
            lambda: self.set_incident_day(self._now().date() - timedelta(days=1)))
        self.incident_calendar.clicked.connect(self.pick_incident_day)
        self.incident_date.textChanged.connect(self._read_back_incident_day)
        self.save_button.clicked.connect(self.submit)
        self.clear_button.clicked.connect(self.clear)
        self.restore_button.clicked.connect(self._restore_offered)
        self.discard_button.clicked.connect(self._discard_offered)
        self.fields.on_edit(self.keeper.touch)
        self.fields.on_edit(self._edited)
        self.received_at.dateTimeChanged.connect(self.keeper.touch)
        self.received_at.dateTimeChanged.connect(self._received_edited)
        self.modes.buttonToggled.connect(self.keeper.touch)
        self.modes.buttonToggled.connect(self._edited)
        self._offered: dict[str, Any] | None = None
        if self.flags is not None:
            self.fields.on_edit(self.flags.touch, only=FLAG_FIELDS)
            self.received_at.dateTimeChanged.connect(self.flags.touch)
            self.modes.buttonToggled.connect(self.flags.touch)

    # -- reporter ------------------------------------------------------------------

    def _mode_changed(self, *_args: object) -> None:
        self.existing_panel.setVisible(self.mode_existing.isChecked())
        self.new_panel.setVisible(self.mode_new.isChecked())

    def _search_people(self) -> None:
        text = self.person_search.text()
        people = self._people

        def show(found: list[PersonView]) -> None:
            if self.person_search.text() != text:
                return  # the officer has typed on; a newer search is coming
            self.person_results.clear()
            for p in found:
                item = QListWidgetItem(person_line(p))
                item.setData(256, p)
                self.person_results.addItem(item)

        self._ops.run(lambda: people.find_people(text), show)

    def _choose(self, item: QListWidgetItem) -> None:
        person = item.data(256)
        if isinstance(person, PersonView):
            self.set_reporter(person)

    def set_reporter(self, person: PersonView | None) -> None:
        self.reporter = person
        self.chosen_label.setText(
            "Chosen: " + person_line(person) if person else "No one chosen yet"
        )
        self.keeper.touch()
        self._edited()
        if self.flags is not None:
            self.flags.touch()

    # -- the two times ---------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        """The officer changed something: the report is under way, so the time it
        was received is now, and stays put from here on."""
        if self._filling or not self._fresh:
            return
        self._fresh = False
        self._stamp_received()

    def _received_edited(self, *_args: object) -> None:
        """The officer set the received time themselves: never overwrite it."""
        if not self._filling:
            self._fresh = False

    def _stamp_received(self) -> None:
        self._filling += 1
        self.keeper.pause()
        try:
            now = self._now().replace(second=0, microsecond=0)
            self.received_at.setDateTime(qdatetime(now))
        finally:
            self.keeper.resume()
            self._filling -= 1

    def showEvent(self, event: QShowEvent) -> None:
        """A blank form shown after a while (the tab left open since the morning)
        shows the time now, not the time it was made."""
        super().showEvent(event)
        if self._fresh:
            self._stamp_received()

    def start_new(self) -> None:
        """Ctrl+N / New report. A form with nothing entered starts afresh, received
        now; one the officer has begun is kept as it is, because Ctrl+N must
        never throw away what was typed (Clear the form does that, on purpose)."""
        if self._fresh:
            self.reset()

    def incident_day(self) -> date | None:
        return parse_day(self.incident_date.text())

    def set_incident_day(self, day: date) -> None:
        """Today, Yesterday or the calendar: as if the officer had typed it."""
        self.incident_date.setText(day.strftime(DAY_FORMAT))
        self.keeper.touch()
        self._edited()
        if self.flags is not None:
            self.flags.touch()
        self.incident_date.setFocus()

    def pick_incident_day(self) -> None:
        """A calendar under the box, on the date typed so far or this month, for
        officers who think in weekdays ("last Tuesday"). Nothing after today."""
        cal = _CalendarPopup(self)
        cal.setWindowFlags(Qt.WindowType.Popup)
        cal.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        cal.setObjectName("incidentCalendar")
        cal.setAccessibleName("Date of the incident")
        cal.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        cal.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        today = self._now().date()
        cal.setMaximumDate(qdate(today))
        cal.setSelectedDate(qdate(min(self.incident_day() or today, today)))

        def chosen(day: QDate) -> None:
            cal.close()
            self.set_incident_day(to_date(day))

        cal.activated.connect(chosen)
        cal.clicked.connect(chosen)
        # A pop-up keeps its own too-small hint (it ignores the stylesheet's padding and
        # cut the last week off): seven roomy columns, a title, day names and six weeks,
        # all from the font so it grows with the officer's text size.
        fm = cal.fontMetrics()
        cal.resize(max(cal.sizeHint().width(), 7 * (fm.horizontalAdvance("Wed") + 20)),
                   max(cal.sizeHint().height(), 9 * (fm.height() + 10)))
        at = self.incident_date.mapToGlobal(QPoint(0, self.incident_date.height()))
        screen = self.screen().availableGeometry()
        cal.move(max(screen.left(), min(at.x(), screen.right() - cal.width())),
                 max(screen.top(), min(at.y(), screen.bottom() - cal.height())))
        cal.show()
        cal.setFocus()
        self.calendar = cal

    def _read_back_incident_day(self, text: str) -> None:
        day = parse_day(text)
        if day is not None:
            self.incident_date_read.setText(day_in_words(day))
        elif text.strip():
            self.incident_date_read.setText("Not a whole date yet: day, month and year")
        else:
            self.incident_date_read.setText("Not entered yet")
        self.incident_date_read.setProperty("hint", day is None)
        _repolish(self.incident_date_read)

    # -- values ----------------------------------------------------------------------

    def to_input(self) -> ReportInput:
        mode, v = self.mode(), self.fields.read()
        new = None
        if mode == "new":
            new = PersonInput(
                given_name=v["given_name"], family_name=v["family_name"], phone=v["phone"],
                address=v["address"], postcode=v["postcode"],
            )
        return ReportInput(
            received_at=to_datetime(self.received_at.dateTime()),
            channel=str(v["channel"]),
            reporter_id=self.reporter.id if mode == "existing" and self.reporter else None,
            new_reporter=new,
            anonymous=mode == "anonymous",
            incident_date=self.incident_day(),
            incident_date_required=True,
            incident_time=v["incident_time"],
            location=v["location"],
            categories=v["categories"],
            hate_strands=v["hate_strands"],
            description=v["description"],
            visit_id=self.visit_id,
        )

    def mode(self) -> str:
        if self.mode_existing.isChecked():
            return "existing"
        if self.mode_new.isChecked():
            return "new"
        if self.mode_anonymous.isChecked():
            return "anonymous"
        return ""

    def payload(self) -> dict[str, Any]:
        """The draft: every declared field, and what the form keeps beside them."""
        return {
            **self.fields.read(),
            "mode": self.mode(),
            "reporter": _person_dict(self.reporter) if self.reporter else None,
            "received_at": to_datetime(self.received_at.dateTime()).isoformat(),
            "incident_date": day.isoformat() if (day := self.incident_day()) else "",
            "visit_id": self.visit_id,
            "visit_banner": self.visit_banner.text() if self.visit_id else "",
        }

    def load_payload(self, p: dict[str, Any]) -> None:
        self.keeper.pause()
        self._filling += 1
        try:
            {"existing": self.mode_existing, "new": self.mode_new,
             "anonymous": self.mode_anonymous}.get(p.get("mode", ""), self.mode_existing
                                                   ).setChecked(True)
            rep = p.get("reporter")
            self.set_reporter(
                PersonView(**{**rep, "adjustments": tuple(rep.get("adjustments", ()))})
                if isinstance(rep, dict) else None
            )
            typed = p.get("incident_date_text")
            if typed is None and p.get("incident_date"):  # a draft kept before it was typed
                typed = date.fromisoformat(p["incident_date"]).strftime(DAY_FORMAT)
            self.fields.write({**p, "incident_date_text": typed or ""})
            if p.get("received_at"):
                self.received_at.setDateTime(qdatetime(datetime.fromisoformat(p["received_at"])))
            self.set_visit(p.get("visit_id"), p.get("visit_banner", ""))
            self._fresh = False  # a restored report keeps the time it was received
        finally:
            self._filling -= 1
            self.keeper.resume()

    def set_visit(self, visit_id: str | None, banner: str = "", location: str = "",
                  tenants: tuple[PersonView, ...] = ()) -> None:
        """A report taken during a tenancy visit is linked to that visit and its tenancy.
        The tenants are offered as the reporter (most reports on a visit are
        theirs), not chosen: a neighbour or a relative may be the one reporting."""
        self.visit_id = visit_id
        self.visit_banner.setText(banner)
        self.visit_banner.setVisible(bool(visit_id))
        if visit_id and location and not self.location.text():
            self.location.setText(location)
        if visit_id and tenants and self.reporter is None:
            self.person_results.clear()
            for person in tenants:
                item = QListWidgetItem(f"Tenant here: {person_line(person)}")
                item.setData(256, person)
                self.person_results.addItem(item)
        if visit_id:
            i = self.channel.findData(Channel.HOME_VISIT.value)
            self.channel.setCurrentIndex(i)
            self._fresh = False  # linked to a visit: Ctrl+N must not undo that

    # -- actions ---------------------------------------------------------------------

    def reset(self) -> None:
        self.keeper.pause()
        self._filling += 1
        try:
            self.modes.setExclusive(False)
            for b in self.modes.buttons():
                b.setChecked(False)
            self.modes.setExclusive(True)
            self.mode_existing.setChecked(True)
            self.set_reporter(None)
            self.person_results.clear()
            self.fields.clear()
            self._stamp_received()
            self.set_visit(None)
            self.errors.clear()
            self._mode_changed()
            if self.flags is not None:
                self.flags.show_flags(None)
            self._fresh = True
        finally:
            self._filling -= 1
            self.keeper.resume()

    def clear(self) -> None:
        self.reset()
        self.keeper.discard()

    def submit(self) -> None:
        if not self.save_button.isEnabled():
            return
        data = self.to_input()
        reports = self._reports
        self.save_button.setEnabled(False)
        self.saving_label.setText("Saving…")
        self._ops.run(lambda: reports.log_report(data), self._saved, form=self.show_errors,
                      parent=self, after_failure=self._not_saved)

    def _saved(self, view: ReportView) -> None:
        self.save_button.setEnabled(True)
        self.saving_label.setText("Report saved.")
        self.reset()
        self.keeper.discard()
        self.logged.emit(view)

    def _not_saved(self, _exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.saving_label.setText("")

    def show_errors(self, errors: dict[str, str]) -> None:
        errors = dict(errors)
        if "incident_date" in errors and self.incident_date.text().strip() \
                and self.incident_day() is None:
            errors["incident_date"] = NOT_A_REAL_DATE  # typed, but not a date
        self.errors.show(errors)

    # -- drafts ----------------------------------------------------------------------

    def offer_draft(self) -> None:
        self.keeper.offer(self._show_offer)

    def _show_offer(self, payload: dict[str, Any], saved_at: object) -> None:
        self._offered = payload
        when = saved_at.strftime("%d %b %Y at %H:%M") if isinstance(saved_at, datetime) else ""
        self.draft_label.setText(
            f"A report you were writing was not saved (last typed {when}). "
            "Restore it to carry on, or discard it."
        )
        self.draft_bar.show()
        self.draft_offered.emit()

    def _restore_offered(self) -> None:
        if self._offered is not None:
            self.load_payload(self._offered)
        self._offered = None
        self.draft_bar.hide()
        self.description.setFocus()

    def _discard_offered(self) -> None:
        self._offered = None
        self.draft_bar.hide()
        self.keeper.discard()


def _repolish(widget: QWidget) -> None:
    """Apply a changed style property (the read-back is a grey hint until it is a date)."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def enum_items_str(enum: Any) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in enum]


def _person_dict(p: PersonView) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "address": p.address, "postcode": p.postcode,
            "adjustments": list(p.adjustments), "vulnerabilities": p.vulnerabilities}


def _empty(p: dict[str, Any]) -> bool:
    return not (anything_typed(FIELDS, p) or p.get("reporter"))
