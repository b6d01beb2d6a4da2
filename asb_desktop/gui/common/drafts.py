"""Saving a half-filled form as the officer types, so nothing typed is lost.

Each change restarts a short timer; when typing pauses the form's fields are
collected and saved on the database lane (never on the UI thread). A form
with nothing in it removes its draft. A successful save of the real record
discards the draft, and the next start offers back whatever is left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from asb_desktop.controllers.drafts import DraftsController
from asb_desktop.gui.common.ops import OpsRunner, Priority

DEBOUNCE_MS = 700


class DraftKeeper(QObject):
    #: A draft reached the database (for tests and the status line).
    saved = Signal()

    def __init__(
        self,
        ops: OpsRunner,
        drafts: DraftsController,
        form: str,
        collect: Callable[[], dict[str, Any]],
        is_empty: Callable[[dict[str, Any]], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._drafts = drafts
        self.form = form
        self._collect = collect
        self._is_empty = is_empty
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.save_now)
        self._paused = 0

    def touch(self, *_args: object) -> None:
        """Connected to every field's change signal."""
        if not self._paused:
            self._timer.start()

    def pause(self) -> None:
        """While a form is filled in by code (a restore, a reset), it is not 'typing'."""
        self._paused += 1

    def resume(self) -> None:
        self._paused = max(0, self._paused - 1)

    def save_now(self) -> None:
        self._timer.stop()
        payload = self._collect()
        drafts, form = self._drafts, self.form
        if self._is_empty(payload):
            self._ops.run(lambda: drafts.discard(form), lambda _r: self.saved.emit(),
                          priority=Priority.BACKGROUND, latest=f"draft:{form}")
        else:
            # A newer draft of the same form replaces a queued one: only the latest matters.
            self._ops.run(lambda: drafts.save(form, payload), lambda _r: self.saved.emit(),
                          priority=Priority.BACKGROUND, latest=f"draft:{form}")

    def flush(self) -> None:
        """Save at once if a save is pending (the window is closing)."""
        if self._timer.isActive():
            self.save_now()

    def discard(self) -> None:
        self._timer.stop()
        drafts, form = self._drafts, self.form
        # Replaces any draft save still queued, so a saved form's draft never comes back.
        self._ops.run(lambda: drafts.discard(form), latest=f"draft:{form}")

    def offer(self, on_found: Callable[[dict[str, Any], object], None]) -> None:
        """Look for a draft left from last time; ``on_found(payload, saved_at)`` if any."""
        drafts, form = self._drafts, self.form

        def found(result: tuple[dict[str, Any], object] | None) -> None:
            if result is not None:
                on_found(result[0], result[1])

        self._ops.run(lambda: drafts.load(form), found)
