"""The status bar: who is signed in, whether the share can be reached, when
sync last ran and how many changes are waiting to go.

Share reachability comes from a provider callable, run on the I/O lane
because checking a network share can hang for seconds. Until a sync service
is plugged in, the provider says the share is not set up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from asb_desktop.controllers.status import StatusController
from asb_desktop.gui.ops import Lane, OpsRunner
from asb_desktop.gui.widgets import DEMO_BADGE, signed_in_text

#: Returns the words for the share's state, e.g. "Share: reachable". May block.
ShareProvider = Callable[[], str]

REFRESH_MS = 30_000


def share_not_set_up() -> str:
    return "Share: not set up"


class AppStatusBar(QStatusBar):
    def __init__(
        self, ops: OpsRunner, status: StatusController, user: str, role: str, demo: bool,
        share: ShareProvider = share_not_set_up, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._status = status
        self.share_provider = share
        self.demo_label = QLabel(DEMO_BADGE)
        self.demo_label.setObjectName("demoBadge")
        self.demo_label.setVisible(demo)
        self.user_label = QLabel(signed_in_text(user, role))
        self.share_label = QLabel("Share: checking…")
        self.sync_label = QLabel("Last sync: …")
        self.pending_label = QLabel("Waiting to sync: …")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setAccessibleName("Working")
        self.progress.setTextVisible(False)
        self.progress.hide()
        for w in (self.demo_label, self.user_label, self.share_label, self.sync_label,
                  self.pending_label):
            w.setAccessibleName(w.text())
            self.addPermanentWidget(w)
        self.addWidget(self.progress)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        ops.busy_changed.connect(self._busy)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(400)  # only show progress for work that is noticeably long
        self._busy_timer.timeout.connect(lambda: self.progress.setVisible(ops.busy > 0))

    def start(self) -> None:
        self.refresh()
        self._timer.start()

    def _busy(self, count: int) -> None:
        if count:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.progress.hide()

    def refresh(self) -> None:
        status = self._status
        self._ops.run(lambda: (status.pending_changes(), status.last_sync_at()), self._facts,
                      lambda _exc: self._set(self.pending_label, "Waiting to sync: unknown"))
        provider = self.share_provider
        self._ops.run(provider, lambda text: self._set(self.share_label, str(text)),
                      lambda _exc: self._set(self.share_label, "Share: not reachable"),
                      lane=Lane.IO)

    def _facts(self, facts: tuple[int, datetime | None]) -> None:
        pending, last = facts
        self._set(self.sync_label,
                  "Last sync: " + (last.strftime("%d %b %Y %H:%M") if last else "never"))
        self._set(self.pending_label,
                  f"Waiting to sync: {pending} change{'s' if pending != 1 else ''}")

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setAccessibleName(text)
