"""The main window: three tabs (Reports, Cases, Tenancy visits), the menus
and toolbar for the common actions, and the status bar.

Everything the window needs arrives from the composition root as an
``App``; the window adds only what is local to a front end (the ops runner,
drafts and status controllers) and never reaches the store itself.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QToolBar, QWidget

from asb_desktop.app import App
from asb_desktop.controllers.drafts import DraftsController
from asb_desktop.controllers.status import StatusController
from asb_desktop.domain.views import CaseDetail, PersonView
from asb_desktop.gui.cases.case_tools import CaseTools
from asb_desktop.gui.cases.cases_tab import CasesTab
from asb_desktop.gui.cases.risk_dialogs import RiskAssessmentDialog, risk_outcome
from asb_desktop.gui.common.errors import words_for
from asb_desktop.gui.common.letters import documents_maker
from asb_desktop.gui.common.ops import Lane, OpsRunner
from asb_desktop.gui.common.placement import place_window, remember_placement
from asb_desktop.gui.common.widgets import window_title
from asb_desktop.gui.lock.lock import AppLock
from asb_desktop.gui.records.records_menu import RecordsMenu
from asb_desktop.gui.reports.reports_tab import ReportsTab
from asb_desktop.gui.status_bar import AppStatusBar, ShareProvider, share_not_set_up
from asb_desktop.gui.sync.sync_ui import offer_new_device, sync_words
from asb_desktop.gui.visits.visits_tab import VisitsTab

if TYPE_CHECKING:
    from asb_desktop.gui.review.review_tab import ReviewTab

PREVIEW_MODULE = "asb_desktop.gui.common.preview"
SYNC_MISSING = "Sync is not set up on this device yet, so there is nothing to sync with."

SHORTCUTS = [
    ("Ctrl+N", "New report"),
    ("Ctrl+S", "Save the form you are in"),
    ("Ctrl+F", "Search the list on this tab"),
    ("Ctrl+P", "Print a summary of the chosen case"),
    ("Ctrl+1 / Ctrl+2 / Ctrl+3", "Reports / Cases / Tenancy visits"),
    ("Ctrl+4", "Caseload review (supervisors)"),
    ("F5", "Refresh the list"),
    ("Alt + underlined letter", "Go to that field or button"),
]


class MainWindow(QMainWindow):
    def __init__(
        self,
        app: App,
        ops: OpsRunner | None = None,
        demo: bool = False,
        share: ShareProvider = share_not_set_up,
        sync_now: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.app_lock: AppLock | None = None  # installed by gui.lock_setup once a PIN exists
        self.ops = ops or OpsRunner(self)
        self.ops.error_parent = self
        if self.ops.parent() is None:
            # Lives and dies with the window: work that lands after the window is
            # gone finds no runner to call back into widgets that no longer exist.
            self.ops.setParent(self)
        self.ops.changes = app.take_changed  # each view redraws from what the runner announces
        self.demo = demo
        self._sync_now = sync_now
        actor = app.unit.actor
        self.drafts = DraftsController(app.unit)
        self.setObjectName("mainWindow")
        self.setWindowTitle(window_title(actor.name, demo))
        self.setAccessibleName("ASB Desktop")

        self.reports_tab = ReportsTab(self.ops, app.reports, app.cases, app.people, self.drafts,
                                      app.unit.now, policy=app.policy,
                                      documents=documents_maker(app))
        self.cases_tab = CasesTab(self.ops, app.cases, app.casework, app.profile, actor.user_id,
                                  app.unit.today, policy=app.policy, audit=app.audit,
                                  tools=CaseTools.of(app))
        self.visits_tab = VisitsTab(self.ops, app.visits, app.unit.today, drafts=self.drafts,
                                    imports=lambda: app.tenancy_import,
                                    exports=lambda: app.exports, people=app.people)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName("Main sections")
        # Heard once, as the tab bar: the container itself is no Tab stop, and the bar
        # keeps its name while the selected tab is heard as selected.
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setAccessibleName("Main sections")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.reports_tab, "&Reports")
        self.tabs.addTab(self.cases_tab, "&Cases")
        self.tabs.addTab(self.visits_tab, "&Tenancy visits")
        self.review_tab: ReviewTab | None = None
        # What loads each tab's lists, run (and dropped) the first time the tab is shown.
        self._tab_starts: dict[QWidget, Callable[[], None]] = {
            tab: tab.start for tab in (self.reports_tab, self.cases_tab, self.visits_tab)}
        if actor.is_supervisor:
            # The caseload review is the supervisor's; officers never see the tab, and
            # never pay for loading its charts at start-up.
            from asb_desktop.gui.review.review_tab import ReviewTab

            self.review_tab = ReviewTab(app, self.ops)
            self.tabs.addTab(self.review_tab, "Caseload revie&w")  # Alt+W: V is the View menu
            self.review_tab.case_requested.connect(self._review_case_requested)
            self._tab_starts[self.review_tab] = self.review_tab.start
        self.setCentralWidget(self.tabs)

        self.status = AppStatusBar(self.ops, StatusController(app.unit), actor.name,
                                   actor.role, demo, share)
        self.setStatusBar(self.status)
        self._build_actions()
        self.status.follow_share(self.sync_action, provided=sync_now is not None)

        self.reports_tab.case_opened.connect(self._case_opened)
        self.reports_tab.panel.risk_asked.connect(self._intake_risk)
        self.intake_risk: RiskAssessmentDialog | None = None
        self.visits_tab.form.report_requested.connect(self._report_during_visit)
        place_window(self, app.folder)  # build_window moves it to the first window's place

    # -- actions -------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None,
                slot: Callable[[], object], tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutVisibleInContextMenu(True)
        action.setToolTip(f"{tip or text.replace('&', '')}"
                          + (f" ({action.shortcut().toString()})" if shortcut else ""))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def lock_now(self) -> None:
        if self.app_lock is not None:
            self.app_lock.lock_now()

    def _build_actions(self) -> None:
        self.new_report_action = self._action("&New report", "Ctrl+N", self.new_report,
                                              "Log a new report")
        self.save_action = self._action("&Save", "Ctrl+S", self.save, "Save the form you are in")
        self.find_action = self._action("&Find", "Ctrl+F", self.focus_search,
                                        "Search this tab's list")
        self.print_action = self._action("&Print case summary…", "Ctrl+P", self.print_summary,
                                         "Print a summary of the chosen case")
        self.refresh_action = self._action("&Refresh", "F5", self.refresh, "Refresh the lists")
        self.quit_action = self._action("&Quit", "Ctrl+Q", self.close)
        self.lock_action = self._action("&Lock now", "Ctrl+L", self.lock_now,
                                        "Hide case details until your PIN is entered")
        self.lock_action.setEnabled(False)  # until the lock is installed with a PIN
        self.sync_action = self._action("Sync &now", "Ctrl+Shift+S", self.sync_now)
        self.share_action = self._action("Set up or &join the team share…", None,
                                         self.set_up_share)
        self.conflicts_action = self._action("Decide sync &conflicts…", None, self.show_conflicts)
        self.set_aside_action = self._action(
            "Changes set &aside…", None, self.show_set_aside,
            "Changes from other laptops that sync could not use here (supervisors)")
        self.team_devices_action = self._action(
            "Team &devices…", None, self.show_team_devices,
            "This laptop's code, and the laptops a supervisor enrols on the team share")
        if not self.app.unit.actor.is_supervisor:
            # Shown, so officers know the list exists, but off: the controller refuses them too.
            from asb_desktop.gui.sync.set_aside_dialog import FOR_SUPERVISORS

            self.set_aside_action.setEnabled(False)
            self.set_aside_action.setToolTip(FOR_SUPERVISORS)
            self.set_aside_action.setStatusTip(FOR_SUPERVISORS)
        self.sync_action.setEnabled(self._sync_now is not None)
        if self._sync_now is None:
            self.sync_action.setToolTip(SYNC_MISSING)
            self.sync_action.setStatusTip(SYNC_MISSING)
        tab_names = ["&Reports", "&Cases", "&Tenancy visits"]
        if self.review_tab is not None:
            tab_names.append("Caseload revie&w")
        self.tab_actions = [
            self._action(name, f"Ctrl+{i + 1}", partial(self.tabs.setCurrentIndex, i))
            for i, name in enumerate(tab_names)
        ]
        self.shortcuts_action = self._action("&Keyboard shortcuts", "F1", self.show_shortcuts)
        self.about_action = self._action("&About ASB Desktop", None, self.about)
        self.records = RecordsMenu(self, self.app, self.ops)  # subject access, retention
        self.team_action = self._action("Team &members…", None, self.show_team,
                                        "Colleagues in this profile, and this laptop's support code")

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_report_action)
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.visits_tab.import_action)
        file_menu.addSeparator()
        self.records.add_to(file_menu)
        file_menu.addAction(self.team_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.save_action)
        edit_menu.addAction(self.find_action)
        view_menu = bar.addMenu("&View")
        for a in self.tab_actions:
            view_menu.addAction(a)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        sync_menu = bar.addMenu("S&ync")
        sync_menu.setToolTipsVisible(True)
        sync_menu.addAction(self.sync_action)
        sync_menu.addSeparator()
        sync_menu.addAction(self.share_action)
        sync_menu.addAction(self.conflicts_action)
        sync_menu.addAction(self.set_aside_action)
        sync_menu.addAction(self.team_devices_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

        tools = QToolBar("Common actions")
        tools.setObjectName("mainToolbar")
        tools.setAccessibleName("Common actions")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.new_report_action, self.save_action, self.find_action,
                  self.print_action, self.refresh_action, self.sync_action):
            tools.addAction(a)
        for a in tools.actions():
            button = tools.widgetForAction(a)
            if button is not None:
                button.setAccessibleName(a.text().replace("&", "").rstrip("…"))
        self.addToolBar(tools)

    # -- starting and stopping -------------------------------------------------------

    def start(self) -> None:
        """Offer back any draft and load the tab on show; nothing here waits on the database.

        Only the tab in view loads at once. The others load the first time they
        are shown, so their queries never queue on the database lane in front of
        the page the officer is looking at.
        """
        self.reports_tab.form.offer_draft()
        self.visits_tab.form.offer_draft()
        self._start_tab(self.tabs.currentIndex())
        self.tabs.currentChanged.connect(self._start_tab)
        self.status.start()

    def open_on_caseload(self) -> None:
        """The officer's day starts from their caseload; but an unsaved report or
        visit record offered back at start-up takes the window to its tab, so
        the offer is seen rather than waiting on a tab nobody opens."""
        self.tabs.setCurrentWidget(self.cases_tab)
        for form, tab in ((self.visits_tab.form, self.visits_tab),
                          (self.reports_tab.form, self.reports_tab)):
            form.draft_offered.connect(partial(self.tabs.setCurrentWidget, tab))

    def _start_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        start = self._tab_starts.pop(tab, None) if tab is not None else None
        if start is not None:  # each tab's first showing only
            start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reports_tab.form.keeper.flush()
        if self.visits_tab.form.keeper is not None:
            self.visits_tab.form.keeper.flush()
        self.ops.wait_all()
        remember_placement(self, self.app.folder)
        super().closeEvent(event)

    # -- commands ----------------------------------------------------------------------

    def new_report(self) -> None:
        self.tabs.setCurrentWidget(self.reports_tab)
        self.reports_tab.new_report()

    def save(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.reports_tab:
            self.reports_tab.save()
        elif current is self.visits_tab:
            self.visits_tab.form.submit()
        elif current is self.cases_tab:
            self.cases_tab.view.add_action()

    def focus_search(self) -> None:
        current = self.tabs.currentWidget()
        for tab in (self.reports_tab, self.cases_tab, self.visits_tab):
            if current is tab:
                tab.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
                tab.search.selectAll()

    def refresh(self) -> None:
        self.reports_tab.model.reload()
        self.cases_tab.model.reload()
        self.visits_tab.model.reload()
        if self.review_tab is not None and self.review_tab not in self._tab_starts:
            self.review_tab.refresh()
        self.status.refresh()

    def _review_case_requested(self, case_id: str) -> None:
        """A supervisor opened a case from the review: show it on the Cases tab."""
        self.tabs.setCurrentWidget(self.cases_tab)
        self.cases_tab.view.load(case_id)

    def selected_case_reference(self) -> str:
        if self.tabs.currentWidget() is self.reports_tab:
            report = self.reports_tab.panel.report
            return report.case_reference or "" if report else ""
        case = self.cases_tab.view.case
        return case.reference if case else ""

    def selected_case_id(self) -> str | None:
        if self.tabs.currentWidget() is self.reports_tab:
            return self.reports_tab.selected_case_id()
        return self.cases_tab.selected_case_id()

    def print_summary(self) -> None:
        case_id = self.selected_case_id()
        if case_id is None:
            self._inform("Print case summary", "Choose a case first, on the Cases tab.")
            return
        opener = _preview_opener()
        if opener is None:
            self._inform("Print case summary",
                         "Printing case summaries is not available in this version yet.")
            return
        self.preview = opener(self, self.app, case_id, self.selected_case_reference(), self.ops)

    def sync_now(self) -> None:
        if self._sync_now is None:
            self._inform("Sync", SYNC_MISSING)
            return
        self.status.showMessage("Syncing with the team share…")
        self.ops.run(self._sync_now, self._synced, self._sync_failed, lane=Lane.IO)

    def _synced(self, report: object) -> None:
        self.status.showMessage(*sync_words(report))

    def _sync_failed(self, exc: BaseException) -> None:
        """A share that vanished mid-sync is a normal day: say so, keep working."""
        self.status.showMessage(f"Sync did not finish: {words_for(exc)}", 30000)
        self.status.refresh()
        offer_new_device(self, self.ops, self.app.device, exc, after=self.sync_now)

    def start_auto_sync(self, check: Callable[[], object], every_ms: int = 120_000) -> None:
        """Sync by itself when the share answers: on a timer and whenever the OS says
        the network changed (a hint only: the probe of the share decides)."""
        self._auto_check = check
        self._auto_timer = QTimer(self)
        self._auto_timer.setInterval(every_ms)
        self._auto_timer.timeout.connect(self.auto_sync)
        self._auto_timer.start()
        if QNetworkInformation.loadDefaultBackend():
            info = QNetworkInformation.instance()
            if info is not None:
                info.reachabilityChanged.connect(lambda *_a: self.auto_sync())

    def auto_sync(self) -> None:
        check = getattr(self, "_auto_check", None)
        if check is None or self.ops.busy:
            return  # never stack syncs behind the officer's own work
        self.ops.run(check, lambda report: self._synced(report) if report else None,
                     self._auto_sync_failed, lane=Lane.IO)

    def _auto_sync_failed(self, exc: BaseException) -> None:
        """Quiet, as the officer did not ask; only a copied profile is worth a dialog, once."""
        self.status.refresh()
        offer_new_device(self, self.ops, self.app.device, exc, after=self.sync_now, once=True)

    def set_up_share(self) -> None:
        from asb_desktop.gui.sync.sync_ui import ShareDialog

        dialog = ShareDialog(self.ops, self.app.sync, self)
        dialog.accepted.connect(self.status.refresh)
        dialog.open()
        self.share_dialog = dialog

    def show_conflicts(self) -> None:
        from asb_desktop.gui.sync.sync_ui import ConflictsDialog

        dialog = ConflictsDialog(self.ops, self.app.sync, self)
        dialog.open()
        self.conflicts_dialog = dialog

    def show_set_aside(self) -> None:
        from asb_desktop.gui.sync.set_aside_dialog import SetAsideDialog

        dialog = SetAsideDialog(self.ops, self.app.sync, self)
        dialog.open()
        self.set_aside_dialog = dialog

    def show_team_devices(self) -> None:
        from asb_desktop.gui.sync.team_devices_dialog import TeamDevicesDialog

        dialog = TeamDevicesDialog(self.ops, self.app.team_devices, self)
        dialog.open()
        self.team_devices_dialog = dialog

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
        self._inform("Keyboard shortcuts", f"<table cellpadding='4'>{rows}</table>")

    def about(self) -> None:
        def shown(code: str) -> None:
            self._inform("About ASB Desktop",
                         "Case management for anti-social behaviour, hate incidents and domestic "
                         "abuse. Works offline; changes wait safely until they can be synced."
                         f"<br><br>Support code for this laptop: <b>{code or 'not set'}</b> (give it when "
                         "you call for support).")

        self.ops.run(self.app.profile.device_code, shown)

    def show_team(self) -> None:
        from asb_desktop.gui.records.team_dialog import TeamDialog

        self.team_dialog = TeamDialog(self.ops, self.app.profile,
                                      self.app.unit.actor.is_supervisor, self)
        self.team_dialog.open()

    def _inform(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("infoDialog")
        box.setAccessibleName(title)
        box.open()
        self._last_box = box
        return box

    # -- between tabs -----------------------------------------------------------------

    def _case_opened(self, case: object) -> None:
        if isinstance(case, CaseDetail):
            self.tabs.setCurrentWidget(self.cases_tab)
            self.cases_tab.show_case(case)

    def _intake_risk(self, case_id: str, person_id: object) -> None:
        """The risk questionnaire over the report it came from: the officer stays at intake."""
        app, panel = self.app, self.reports_tab.panel

        def ask(case: CaseDetail) -> None:
            if self.intake_risk is not None:
                self.intake_risk.deleteLater()
            dialog = RiskAssessmentDialog(
                self.ops, app.casework, case, app.unit.today(), app.policy, app.risk,
                self.reports_tab, person_id=person_id if isinstance(person_id, str) else None)
            dialog.saved.connect(lambda _id: panel.say_risk(
                risk_outcome(dialog.saved_result) if dialog.saved_result else ""))
            self.intake_risk = dialog
            dialog.open()

        self.ops.run(lambda: app.cases.get_case(case_id), ask, parent=self.reports_tab)

    def _report_during_visit(self, visit_id: str, banner: str, location: str,
                             tenants: tuple[PersonView, ...]) -> None:
        self.tabs.setCurrentWidget(self.reports_tab)
        self.reports_tab.log_during_visit(visit_id, banner, location, tenants)


def _preview_opener() -> Callable[[QWidget, App, str, str, OpsRunner], QWidget] | None:
    """The print preview, if that part of the app is installed (it needs Qt PDF)."""
    try:
        if importlib.util.find_spec(PREVIEW_MODULE) is None:
            return None
        module = importlib.import_module(PREVIEW_MODULE)
        from asb_desktop.controllers.documents import DocumentsController
    except ImportError:
        return None
    make_dialog = getattr(module, "case_summary_dialog", None)
    if make_dialog is None:
        return None

    def open_summary(parent: QWidget, app: App, case_id: str, reference: str,
                     ops: OpsRunner) -> QWidget:
        """The preview builds the PDF on the window's lane and audits each print or save."""
        docs = DocumentsController(app.unit, template_dirs=[app.folder / "templates"])
        dialog: QWidget = make_dialog(parent, docs, case_id, reference, ops)
        dialog.open()  # type: ignore[attr-defined]
        return dialog

    return open_summary
