"""Running controller calls off the UI thread: the window's one work lane.

The window never waits on the database, the share or a PDF build: every call
goes to a worker lane and its result comes back by a queued Qt signal to a
callback on the UI thread (the shape of Anki's ``aqt.operations``). There are
three lanes, each one worker:

* ``DB`` for the officer's own work: writes reach SQLite in the order the
  officer made them and never fight each other for the write lock; PDF
  previews and documents run here too, since they read the profile and audit;
* ``READ`` for background reads (list pages, policy-flag checks, status
  counts): SQLite in WAL mode lets them run beside a write, so Save never
  waits for a broad caseload page that happened to be running;
* ``IO`` for the share, whose slow I/O never queues in front of either.

Three promises every view relies on instead of arranging them itself:

* **What the officer asked for goes first.** A job is ``Priority.ASKED`` unless
  its view marks it ``BACKGROUND`` (list reloads, flag checks, draft saves), and
  the lane takes asked-for jobs before queued background ones, so Save is not
  stuck behind reads nobody is waiting for.
* **A stale read is dropped, not queued.** A job given ``latest="key"`` replaces
  a queued job with the same key, and a running one's result is ignored.
* **One failure route.** Given ``form`` (where the job's input came from), a
  ``ValidationError`` is shown on that form; anything else goes to
  :func:`~asb_desktop.gui.common.errors.show_error`, the one place exceptions
  become dialogs (``not_found`` names the field a ``NotFound`` is about).
  ``after_failure`` only tidies up (re-enables a button).
  ``on_failure`` is for the few callers that word a failure themselves.

After each job the runner asks what was written (``changes``, the app's
``take_changed``) and announces it on ``did_change``; each view decides
whether to redraw (Anki's ``operation_did_execute``).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import Any, TypeVar, cast

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget

from asb_desktop.controllers.errors import NotFound, ValidationError
from asb_desktop.domain.changes import NOTHING, Changed
from asb_desktop.gui.common.errors import show_error

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Where a job's validation messages go: a form's ``show(errors)``.
ShowOnForm = Callable[[dict[str, str]], None]


class Lane(Enum):
    DB = "db"
    READ = "read"
    IO = "io"


class Priority(IntEnum):
    BACKGROUND = 0
    ASKED = 10


@dataclass
class _Pending:
    success: Callable[[Any], None]
    failure: Callable[[BaseException], None]
    lane: Lane
    latest: str | None
    #: Set when a newer job of the same kind replaced this one before it started.
    stale: threading.Event


class _Job(QRunnable):
    def __init__(self, runner: OpsRunner, token: int, fn: Callable[[], Any],
                 stale: threading.Event) -> None:
        super().__init__()
        self._runner = runner
        self._token = token
        self._fn = fn
        self._stale = stale

    def run(self) -> None:
        if self._stale.is_set():
            return  # replaced while queued: nobody is waiting for it
        try:
            result = self._fn()
        except BaseException as exc:  # everything reaches the UI thread to be shown
            self._runner._failed.emit(self._token, exc, self._runner._take_changes())
        else:
            self._runner._succeeded.emit(self._token, result, self._runner._take_changes())


class OpsRunner(QObject):
    """Two single-worker lanes; callbacks always run on the thread that owns this object."""

    _succeeded = Signal(int, object, object)
    _failed = Signal(int, object, object)
    #: The number of operations queued or running changed (for progress and tests).
    busy_changed = Signal(int)
    #: Rows were written (by a job, or by a sync that pulled): a ``Changed``.
    did_change = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {}
        for lane in Lane:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
            pool.setExpiryTimeout(-1)
            self._pools[lane] = pool
        self._tokens = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}
        self.error_parent: QWidget | None = None
        #: What was written since last asked; set by the window to the app's ``take_changed``.
        self.changes: Callable[[], Changed] = lambda: NOTHING
        self._succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        lane: Lane = Lane.DB,
        *,
        form: ShowOnForm | None = None,
        parent: QWidget | None = None,
        after_failure: Callable[[BaseException], None] | None = None,
        not_found: str = "",
        priority: Priority = Priority.ASKED,
        latest: str | None = None,
    ) -> None:
        token = next(self._tokens)
        if latest is not None:
            self._drop(self._latest.get(latest))
            self._latest[latest] = token

        def routed(exc: BaseException) -> None:
            if after_failure is not None:
                after_failure(exc)
            if form is not None and isinstance(exc, ValidationError):
                form(exc.errors)
            elif form is not None and not_found and isinstance(exc, NotFound):
                form({not_found: str(exc)})  # e.g. no case with the reference typed
            else:
                show_error(parent or self.error_parent, exc)

        stale = threading.Event()
        job = _Job(self, token, fn, stale)
        success = cast(Callable[[Any], None], on_success or (lambda _result: None))
        self._pending[token] = _Pending(success, on_failure or routed, lane, latest, stale)
        self.busy_changed.emit(len(self._pending))
        self._pools[lane].start(job, int(priority))

    def _drop(self, token: int | None) -> None:
        """Forget a job made stale: taken off the queue if it has not started,
        its result ignored if it has."""
        if token is None:
            return
        pending = self._pending.pop(token, None)
        if pending is None:
            return
        pending.stale.set()
        self.busy_changed.emit(len(self._pending))

    def _take_changes(self) -> Changed:
        """Called on the worker, right after the job, so its writes are its own."""
        try:
            return self.changes()
        except Exception:  # never let bookkeeping hide the job's own result
            log.exception("Could not read what the last job changed")
            return NOTHING

    @property
    def busy(self) -> int:
        """Operations queued or running whose callbacks have not yet run."""
        return len(self._pending)

    def idle(self) -> bool:
        return not self._pending

    def wait_all(self, msecs: int = 30000) -> bool:
        """Block until the lanes are empty: only for shutdown, never while the window runs."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())

    def _finish(self, token: int) -> _Pending | None:
        pending = self._pending.pop(token, None)
        if pending is not None:
            if pending.latest is not None and self._latest.get(pending.latest) == token:
                del self._latest[pending.latest]
            self.busy_changed.emit(len(self._pending))
        return pending

    def _announce(self, changed: object) -> None:
        if isinstance(changed, Changed) and changed:
            self.did_change.emit(changed)

    @Slot(int, object, object)
    def _on_succeeded(self, token: int, result: object, changed: object) -> None:
        pending = self._finish(token)
        if pending is not None:
            try:
                pending.success(result)
            except Exception as exc:  # a bug in a callback must not vanish silently
                show_error(self.error_parent, exc)
        self._announce(changed)  # even for a dropped job: its writes were made

    @Slot(int, object, object)
    def _on_failed(self, token: int, exc: object, changed: object) -> None:
        pending = self._finish(token)
        if pending is not None:
            assert isinstance(exc, BaseException)
            try:
                pending.failure(exc)
            except Exception as bug:
                show_error(self.error_parent, bug)
        self._announce(changed)
