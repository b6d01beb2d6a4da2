"""The status bar: who is signed in, whether the share can be reached, when
sync last ran and how many changes are waiting to go.

Share reachability comes from a provider callable, run on the I/O lane
because checking a network share can hang for seconds. Until a sync service
is plugged in, the provider says the share is not set up.

Messages (the sync result, a failure, a menu's status tip) are what the
officer most needs to read, yet Qt draws them only in whatever room the
permanent labels leave, cut off mid-word. Here the message is a label of its
own, and when room is short the permanent labels give way first: each has a
shorter form ("Sam Officer" for "Signed in: Sam Officer (officer)"), and any
label that still cannot show all its words ends in "…" and carries them all in
its tooltip and accessible name.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QStatusBar, QWidget

from asb_desktop.controllers.status import StatusController
from asb_desktop.gui.common.ops import Lane, OpsRunner, Priority
from asb_desktop.gui.common.widgets import DEMO_BADGE, signed_in_text
from asb_desktop.gui.sync.sync_ui import NOT_SET_UP_WORDS, share_tip, sync_now_state

#: Returns the words for the share's state, e.g. "Share: reachable". May block.
ShareProvider = Callable[[], str]

REFRESH_MS = 30_000
DEMO_SHORT = "DEMO DATA"
DEMO_NEVER_SYNCED = "Demo profile — never synced"
#: Qt's "no maximum" for a widget's size.
NO_LIMIT = 16_777_215


def share_not_set_up() -> str:
    return NOT_SET_UP_WORDS


class FitLabel(QLabel):
    """A one-line label that shows a shorter form, then "…", rather than being cut.

    ``text()`` stays the whole text, so tests, screen readers and the
    tooltip always have all of it; only the painting changes with the room.
    """

    def __init__(self, text: str = "", short: str = "", keep_short: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._short = short
        self._compact = False
        self._keep_short = keep_short  # never narrower than the short form (the demo badge)
        self.base_tip = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.set_texts(text, short)

    def set_texts(self, text: str, short: str = "") -> None:
        self._short = short
        self.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()
        self._tip()
        self.update()

    def set_compact(self, compact: bool) -> None:
        if compact != self._compact:
            self._compact = compact
            self.updateGeometry()
            self._tip()
            self.update()

    def preferred(self) -> str:
        """The words wanted at the current level: the short form when compact."""
        return self._short if self._compact and self._short else self.text()

    def shown(self) -> str:
        """The words actually painted: the preferred form, elided to the room."""
        text = self.preferred()
        room = self.contentsRect().width()
        metrics = QFontMetricsF(self.font())
        if metrics.horizontalAdvance(text) <= room:
            return text
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)

    def is_cut(self) -> bool:
        return self.shown() != self.text()

    def _width_for(self, text: str) -> int:
        margins = self.contentsMargins()
        advance = math.ceil(QFontMetricsF(self.font()).horizontalAdvance(text))
        return advance + margins.left() + margins.right() + 2 * self.margin() + 1

    def sizeHint(self) -> QSize:
        return QSize(self._width_for(self.preferred()), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        keep = self._keep_short and self._short
        floor = self._short if keep else self.preferred()[:4] + "…"
        width = min(self._width_for(floor), self.sizeHint().width())
        return QSize(width, super().minimumSizeHint().height())

    def _tip(self) -> None:
        self.setToolTip(self.text() if self.is_cut() else self.base_tip)

    def set_base_tip(self, tip: str) -> None:
        """A tooltip for when the label shows all its words (else it shows them all)."""
        self.base_tip = tip
        self._tip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._tip()

    def paintEvent(self, event: QPaintEvent) -> None:
        QFrame.paintEvent(self, event)  # the frame and stylesheet box, not QLabel's text
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  self.palette(), self.isEnabled(), self.shown(),
                                  self.foregroundRole())


class AppStatusBar(QStatusBar):
    #: The share's words each time they are learned ("Share: reachable", ...).
    share_changed = Signal(str)

    def __init__(
        self, ops: OpsRunner, status: StatusController, user: str, role: str, demo: bool,
        share: ShareProvider = share_not_set_up, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._status = status
        self._demo = demo
        self._sync_action: QAction | None = None
        self._sync_tip = ""
        self.share_provider = share
        self.message_label = FitLabel()
        self.message_label.setObjectName("statusMessage")
        self.message_label.hide()
        self.demo_label = FitLabel(DEMO_BADGE, DEMO_SHORT, keep_short=True)
        self.demo_label.setObjectName("demoBadge")
        self.demo_label.set_base_tip("Everyone and everything in this profile is invented.")
        self.demo_label.setVisible(demo)
        self.user_label = FitLabel(signed_in_text(user, role), user)
        self.share_label = FitLabel("Share: checking…")
        self.sync_label = FitLabel("Last sync: …")
        self.pending_label = FitLabel(DEMO_NEVER_SYNCED if demo else "Waiting to sync: …")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setAccessibleName("Working")
        self.progress.setTextVisible(False)
        self.progress.hide()
        # All permanent: Qt hides ordinary status-bar widgets while a message shows,
        # and the progress bar matters most exactly then ("Syncing…").
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.message_label, 1)
        for w in self._labels():
            self.addPermanentWidget(w)
        self.messageChanged.connect(self._message)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        ops.busy_changed.connect(self._busy)
        ops.did_change.connect(self._changed)  # a bound slot: let go of when the bar is gone
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(400)  # only show progress for work that is noticeably long
        self._busy_timer.timeout.connect(lambda: self._show_progress(ops.busy > 0))

    def _labels(self) -> list[FitLabel]:
        return [self.demo_label, self.user_label, self.share_label, self.sync_label,
                self.pending_label]

    def start(self) -> None:
        self.refresh()
        self._timer.start()

    def _busy(self, count: int) -> None:
        if count:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self._show_progress(False)

    def _show_progress(self, shown: bool) -> None:
        if self.progress.isVisibleTo(self) != shown:
            self.progress.setVisible(shown)
            self.fit()

    def _changed(self, _changed: object) -> None:
        """Something was written: "Waiting to sync" moves."""
        self.refresh()

    def refresh(self) -> None:
        status = self._status
        self._ops.run(lambda: (status.pending_changes(), status.last_sync_at()), self._facts,
                      lambda _exc: self._set(self.pending_label, "Waiting to sync: unknown"),
                      lane=Lane.READ, priority=Priority.BACKGROUND, latest="status:facts")
        provider = self.share_provider
        self._ops.run(provider, lambda text: self._share(str(text)),
                      lambda _exc: self._share("Share: not reachable"), lane=Lane.IO,
                      priority=Priority.BACKGROUND, latest="status:share")

    def _share(self, text: str) -> None:
        self._set(self.share_label, text)
        self.share_label.set_base_tip(share_tip(text))
        self.share_changed.emit(text)

    def _facts(self, facts: tuple[int, datetime | None]) -> None:
        pending, last = facts
        if self._demo and last is None:
            # A demo profile is never meant to sync: a count of changes "waiting"
            # (every invented record) would only worry the officer.
            self.sync_label.hide()
            self._set(self.pending_label, DEMO_NEVER_SYNCED, "Never synced")
            return
        self.sync_label.show()
        if last is None:
            self._set(self.sync_label, "Last sync: never", "Never synced")
        else:
            self._set(self.sync_label, "Last sync: " + last.strftime("%d %b %Y %H:%M"),
                      "Synced " + last.strftime("%d %b %H:%M"))
        self._set(self.pending_label,
                  f"Waiting to sync: {pending:,} change{'s' if pending != 1 else ''}",
                  f"{pending:,} to sync")

    def _set(self, label: FitLabel, text: str, short: str = "") -> None:
        label.set_texts(text, short)
        self.fit()

    # -- room for the message ---------------------------------------------------------

    def _message(self, text: str) -> None:
        self.message_label.set_texts(text)
        self.message_label.setVisible(bool(text))
        self.fit()

    def fit(self) -> None:
        """Shorten permanent labels, least needed first, until the message fits;
        if it still does not, the message itself ends in "…" with all of it in
        its tooltip. Works from size hints, so the result does not depend on
        the order in which Qt gets round to laying things out."""
        labels = [w for w in self._labels() if w.isVisibleTo(self)]
        for w in labels:
            w.set_compact(False)
        message = self.message_label
        message.setMaximumWidth(NO_LIMIT)
        layout = self.layout()
        if layout is None or self.width() <= 0:
            return
        items = labels + [w for w in (message, self.progress) if w.isVisibleTo(self)]
        layout.invalidate()
        layout.activate()  # re-reads every item's size hint, nested layouts too
        overhead = layout.sizeHint().width() - sum(w.sizeHint().width() for w in items)
        room = self.width() - max(overhead, 0)
        others = [w for w in items if w is not message]

        def needed() -> int:
            wanted = sum(w.sizeHint().width() for w in others)
            return wanted + (message.sizeHint().width() if message.isVisibleTo(self) else 0)

        for w in (self.user_label, self.pending_label, self.sync_label, self.demo_label):
            if needed() <= room:
                break
            if w in labels:
                w.set_compact(True)
        if message.isVisibleTo(self):
            left = room - sum(w.sizeHint().width() for w in others)
            message.setMaximumWidth(max(left, message.minimumSizeHint().width()))
        layout.invalidate()
        layout.activate()  # laid out now, not at the next turn of the event loop

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        """A new text size changes every label's width: share the room out again."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()

    # -- Sync now ---------------------------------------------------------------------

    def follow_share(self, action: QAction, provided: bool = True) -> None:
        """Keep ``action`` (Sync now) in step with the share: off, saying how to set
        one up, while there is none; on again as soon as one is set up or joined,
        without a restart. A demo profile never syncs. ``provided=False`` (no sync
        service plugged in) leaves the action as the window made it."""
        if not provided:
            return
        self._sync_action = action
        self._sync_tip = action.toolTip()
        self._apply_sync_state(self.share_label.text())
        self.share_changed.connect(self._apply_sync_state)

    def _apply_sync_state(self, words: str) -> None:
        action = self._sync_action
        if action is None:
            return
        enabled, why = sync_now_state(words, self._demo)
        action.setToolTip(why or self._sync_tip)
        action.setStatusTip(why)
        # Behind the lock every action is off; the lock turns this one on at unlock.
        lock = getattr(self.window(), "app_lock", None)
        if lock is not None and hasattr(lock, "set_action_enabled"):
            lock.set_action_enabled(action, enabled)
        else:
            action.setEnabled(enabled)
