"""Delivery of callbacks to the GUI thread.

Background work (the jobs pool, the inference worker) hands each result to the callback its caller gave,
on the GUI thread. Each call is kept in the dispatcher's queue and an event is posted to the dispatcher,
a QObject that lives in the GUI thread; its event handler runs the oldest call. PySide6 runs a lambda or
a plain function connected to a worker-thread signal on the worker thread, even with a queued connection
(seen with PySide6 6.12), so callables are never connected directly. A posted event is always queued,
from the GUI thread too, and calls run in the order they were posted.

An event rather than a queued signal: a queued connection needs Qt.ConnectionType, and PySide6 builds
Python enums for the whole Qt namespace (~15 ms) at the first use of `Qt`, before the window can be shown
(bench/startup.py, tests/test_desktop.py).
"""

from __future__ import annotations

import collections
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal

log = logging.getLogger(__name__)
_CALL = QEvent.Type(QEvent.registerEventType())


class GuiDispatcher(QObject):
    """Runs callables on the thread this object lives in (the GUI thread). `post` may be called anywhere."""

    # A callback raised: the message is for the user, the details are in the log.
    callback_failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # One event per call, posted after the call is queued: each event runs the oldest call. deque's
        # append and popleft are atomic, so posting needs no lock.
        self._calls: collections.deque[tuple[Callable[..., Any], tuple[Any, ...]]] = collections.deque()

    def post(self, callback: Callable[..., Any], *args: Any) -> None:
        self._calls.append((callback, args))
        QCoreApplication.postEvent(self, QEvent(_CALL))

    def customEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() != _CALL:
            return
        callback, args = self._calls.popleft()
        try:
            callback(*args)
        except Exception as exc:  # a bug in a page: log it and say so, keep the application running
            log.exception("a callback on the GUI thread failed")
            self.callback_failed.emit(exc)
