"""The quick report form, built for a doorstep: who reported it (someone
already known, found as you type; a new person; or anonymous), when and
where, what kind of behaviour, the hate-incident strands, and what happened.

The layout is the Designer form ``ui/report_form.ui``; this class fills it
from the domain's lists, registers each row with the error summary under the
controller's field name, and wires it to the draft keeper.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QListWidgetItem,
    QWidget,
)

from asb_desktop.controllers.drafts import DraftsController
from asb_desktop.controllers.errors import ValidationError
from asb_desktop.controllers.people import PeopleController
from asb_desktop.controllers.policy import PolicyController
from asb_desktop.controllers.reports import ReportsController
from asb_desktop.domain.enums import Adjustment, Category, Channel, HateStrand
from asb_desktop.domain.inputs import PersonInput, ReportInput
from asb_desktop.domain.views import PersonView, ReportView
from asb_desktop.gui.drafts import DraftKeeper
from asb_desktop.gui.errors import show_error
from asb_desktop.gui.form_support import FormErrors
from asb_desktop.gui.forms.ui_report_form import Ui_ReportForm
from asb_desktop.gui.ops import OpsRunner
from asb_desktop.gui.policy_flags import ReportFlagsPanel
from asb_desktop.gui.widgets import (
    CheckGroup,
    as_heading,
    enum_items,
    fill_combo,
    follow_in_tab_order,
    label_of,
    qdate,
    qdatetime,
    tab_stops,
    to_date,
    to_datetime,
)

FORM = "report"


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
        # The categories and strands come from the domain's lists, so their
        # boxes are made here, in the rows the form leaves for them.
        self.categories = CheckGroup(enum_items_str(Category), "Category", columns=3)
        self.field_categories_box.addWidget(self.categories)
        self.categories_label.setBuddy(self.categories.first())
        self.strands = CheckGroup(enum_items_str(HateStrand), "Hate-incident strand", columns=3)
        self.field_hate_strands_box.addWidget(self.strands)
        self.hate_strands_label.setBuddy(self.strands.first())
        follow_in_tab_order(self.location, [*self.categories.boxes.values(),
                                            *self.strands.boxes.values()])
        for key, focus in (
            ("reporter", self.mode_existing), ("reporter.given_name", self.given_name),
            ("reporter.family_name", self.family_name), ("reporter.phone", self.phone),
            ("reporter.address", self.address), ("reporter.postcode", self.postcode),
            ("received_at", self.received_at), ("channel", self.channel),
            ("incident_date", self.incident_date), ("incident_time", self.incident_time),
            ("location", self.location), ("categories", self.categories.first()),
            ("hate_strands", self.strands.first()), ("description", self.description),
        ):
            self.errors.adopt(self, key, focus)

        self.modes.buttonToggled.connect(self._mode_changed)
        self.person_search.textEdited.connect(lambda _t: self._search_timer.start())
        self.person_results.itemActivated.connect(self._choose)
        self.person_results.itemClicked.connect(self._choose)
        self.save_button.clicked.connect(self.submit)
        self.clear_button.clicked.connect(self.clear)
        self.restore_button.clicked.connect(self._restore_offered)
        self.discard_button.clicked.connect(self._discard_offered)
        for line in (self.given_name, self.family_name, self.phone, self.address, self.postcode,
                     self.incident_time, self.location, self.person_search):
            line.textEdited.connect(self.keeper.touch)
        self.description.textChanged.connect(self.keeper.touch)
        self.channel.currentIndexChanged.connect(self.keeper.touch)
        self.received_at.dateTimeChanged.connect(self.keeper.touch)
        self.incident_date.dateChanged.connect(self.keeper.touch)
        self.modes.buttonToggled.connect(self.keeper.touch)
        for group in (self.categories, self.strands):
            for box in group.boxes.values():
                box.toggled.connect(self.keeper.touch)
        self._offered: dict[str, Any] | None = None
        if self.flags is not None:
            flags = self.flags
            for line in (self.location, self.given_name, self.family_name):
                line.textEdited.connect(flags.touch)
            self.incident_date.dateChanged.connect(flags.touch)
            self.received_at.dateTimeChanged.connect(flags.touch)
            self.modes.buttonToggled.connect(flags.touch)
            for group in (self.categories, self.strands):
                for box in group.boxes.values():
                    box.toggled.connect(flags.touch)

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
        if self.flags is not None:
            self.flags.touch()

    # -- values ----------------------------------------------------------------------

    def to_input(self) -> ReportInput:
        mode = self.mode()
        new = None
        if mode == "new":
            new = PersonInput(
                given_name=self.given_name.text(), family_name=self.family_name.text(),
                phone=self.phone.text(), address=self.address.text(),
                postcode=self.postcode.text(),
            )
        return ReportInput(
            received_at=to_datetime(self.received_at.dateTime()),
            channel=str(self.channel.currentData()),
            reporter_id=self.reporter.id if mode == "existing" and self.reporter else None,
            new_reporter=new,
            anonymous=mode == "anonymous",
            incident_date=to_date(self.incident_date.date()),
            incident_time=self.incident_time.text(),
            location=self.location.text(),
            categories=self.categories.values(),
            hate_strands=self.strands.values(),
            description=self.description.toPlainText(),
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
        return {
            "mode": self.mode(),
            "reporter": _person_dict(self.reporter) if self.reporter else None,
            "search": self.person_search.text(),
            "given_name": self.given_name.text(),
            "family_name": self.family_name.text(),
            "phone": self.phone.text(),
            "address": self.address.text(),
            "postcode": self.postcode.text(),
            "received_at": to_datetime(self.received_at.dateTime()).isoformat(),
            "channel": self.channel.currentData(),
            "incident_date": to_date(self.incident_date.date()).isoformat(),
            "incident_time": self.incident_time.text(),
            "location": self.location.text(),
            "categories": self.categories.values(),
            "hate_strands": self.strands.values(),
            "description": self.description.toPlainText(),
            "visit_id": self.visit_id,
            "visit_banner": self.visit_banner.text() if self.visit_id else "",
        }

    def load_payload(self, p: dict[str, Any]) -> None:
        self.keeper.pause()
        try:
            {"existing": self.mode_existing, "new": self.mode_new,
             "anonymous": self.mode_anonymous}.get(p.get("mode", ""), self.mode_existing
                                                   ).setChecked(True)
            rep = p.get("reporter")
            self.set_reporter(
                PersonView(**{**rep, "adjustments": tuple(rep.get("adjustments", ()))})
                if isinstance(rep, dict) else None
            )
            self.person_search.setText(p.get("search", ""))
            for key in ("given_name", "family_name", "phone", "address", "postcode",
                        "incident_time", "location"):
                getattr(self, key).setText(str(p.get(key, "")))
            if p.get("received_at"):
                self.received_at.setDateTime(qdatetime(datetime.fromisoformat(p["received_at"])))
            i = self.channel.findData(p.get("channel"))
            if i >= 0:
                self.channel.setCurrentIndex(i)
            if p.get("incident_date"):
                self.incident_date.setDate(qdate(date.fromisoformat(p["incident_date"])))
            self.categories.set_values(p.get("categories", []))
            self.strands.set_values(p.get("hate_strands", []))
            self.description.setPlainText(p.get("description", ""))
            self.set_visit(p.get("visit_id"), p.get("visit_banner", ""))
        finally:
            self.keeper.resume()

    def set_visit(self, visit_id: str | None, banner: str = "", location: str = "") -> None:
        """A report taken during a tenancy visit is linked to that visit and its tenancy."""
        self.visit_id = visit_id
        self.visit_banner.setText(banner)
        self.visit_banner.setVisible(bool(visit_id))
        if visit_id and location and not self.location.text():
            self.location.setText(location)
        if visit_id:
            i = self.channel.findData(Channel.HOME_VISIT.value)
            self.channel.setCurrentIndex(i)

    # -- actions ---------------------------------------------------------------------

    def reset(self) -> None:
        self.keeper.pause()
        try:
            now = self._now()
            self.modes.setExclusive(False)
            for b in self.modes.buttons():
                b.setChecked(False)
            self.modes.setExclusive(True)
            self.mode_existing.setChecked(True)
            self.set_reporter(None)
            self.person_search.clear()
            self.person_results.clear()
            for w in (self.given_name, self.family_name, self.phone, self.address,
                      self.postcode, self.incident_time, self.location):
                w.clear()
            self.received_at.setDateTime(qdatetime(now.replace(second=0, microsecond=0)))
            self.channel.setCurrentIndex(0)
            self.incident_date.setDate(qdate(now.date()))
            self.categories.set_values([])
            self.strands.set_values([])
            self.description.clear()
            self.set_visit(None)
            self.errors.clear()
            self._mode_changed()
            if self.flags is not None:
                self.flags.show_flags(None)
        finally:
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
        self._ops.run(lambda: reports.log_report(data), self._saved, self._failed)

    def _saved(self, view: ReportView) -> None:
        self.save_button.setEnabled(True)
        self.saving_label.setText("Report saved.")
        self.reset()
        self.keeper.discard()
        self.logged.emit(view)

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.saving_label.setText("")
        if isinstance(exc, ValidationError):
            self.errors.show(exc.errors)
        else:
            show_error(self, exc)

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


def enum_items_str(enum: Any) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in enum]


def _person_dict(p: PersonView) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "address": p.address, "postcode": p.postcode,
            "adjustments": list(p.adjustments), "vulnerabilities": p.vulnerabilities}


def _empty(p: dict[str, Any]) -> bool:
    typed = ("search", "given_name", "family_name", "phone", "address", "postcode",
             "incident_time", "location", "description")
    return not (any(str(p.get(k, "")).strip() for k in typed) or p.get("categories")
                or p.get("hate_strands") or p.get("reporter"))
