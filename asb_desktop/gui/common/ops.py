"""Running controller calls off the UI thread.

The window never waits on the database or the share: every call goes to a
worker lane and its result comes back by a queued Qt signal to a callback on
the UI thread (the shape of Anki's ``aqt.operations``). There are two lanes so
that slow share I/O or PDF building never queues behind (or in front of) a
quick caseload page:

* ``DB`` has exactly one worker, so writes reach SQLite in the order the
  officer made them and never fight each other for the write lock;
* ``IO`` has one worker of its own for the share and for documents.

Failures go to the caller's ``on_failure`` if given, else to
:func:`asb_desktop.gui.common.errors.show_error`, the one place exceptions become
dialogs.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar, cast

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from asb_desktop.gui.common.errors import show_error

log = logging.getLogger(__name__)

T = TypeVar("T")


class Lane(Enum):
    DB = "db"
    IO = "io"


class _Job(QRunnable):
    def __init__(self, runner: OpsRunner, token: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._runner = runner
        self._token = token
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # everything reaches the UI thread to be shown
            self._runner._failed.emit(self._token, exc)
        else:
            self._runner._succeeded.emit(self._token, result)


class OpsRunner(QObject):
    """Two single-worker lanes; callbacks always run on the thread that owns this object."""

    _succeeded = Signal(int, object)
    _failed = Signal(int, object)
    #: The number of operations queued or running changed (for progress and tests).
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {}
        for lane in Lane:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
            pool.setExpiryTimeout(-1)
            self._pools[lane] = pool
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]] = {}
        self.error_parent: QWidget | None = None
        self._succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        lane: Lane = Lane.DB,
    ) -> None:
        token = next(self._tokens)
        def fail(exc: BaseException) -> None:
            show_error(self.error_parent, exc)

        success = cast(Callable[[Any], None], on_success or (lambda _result: None))
        self._pending[token] = (success, on_failure or fail)
        self.busy_changed.emit(len(self._pending))
        self._pools[lane].start(_Job(self, token, fn))

    @property
    def busy(self) -> int:
        """Operations queued or running whose callbacks have not yet run."""
        return len(self._pending)

    def idle(self) -> bool:
        return not self._pending

    def wait_all(self, msecs: int = 30000) -> bool:
        """Block until the lanes are empty: only for shutdown, never while the window runs."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())

    @Slot(int, object)
    def _on_succeeded(self, token: int, result: object) -> None:
        callbacks = self._pending.pop(token, None)
        self.busy_changed.emit(len(self._pending))
        if callbacks is None:
            return
        try:
            callbacks[0](result)
        except Exception as exc:  # a bug in a callback must not vanish silently
            show_error(self.error_parent, exc)

    @Slot(int, object)
    def _on_failed(self, token: int, exc: object) -> None:
        callbacks = self._pending.pop(token, None)
        self.busy_changed.emit(len(self._pending))
        if callbacks is None:
            return
        assert isinstance(exc, BaseException)
        try:
            callbacks[1](exc)
        except Exception as bug:
            show_error(self.error_parent, bug)
