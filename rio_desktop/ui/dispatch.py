"""Delivery of callbacks to the GUI thread.

Background work (the jobs pool, the inference worker) hands each result to the callback its caller gave,
on the GUI thread. The call travels as a queued signal of a QObject that lives in the GUI thread and is
run by that object's own slot: PySide6 runs a lambda or a plain function connected to a worker-thread
signal on the worker thread, even with a queued connection (seen with PySide6 6.12), so callables are
never connected directly. Queued calls from one thread arrive in the order they were posted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class GuiDispatcher(QObject):
    """Runs callables on the thread this object lives in (the GUI thread). `post` may be called anywhere."""

    _deliver = Signal(object)
    # A callback raised: the message is for the user, the details are in the log.
    callback_failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, callback: Callable[..., Any], *args: Any) -> None:
        self._deliver.emit((callback, args))

    @Slot(object)
    def _run(self, call: tuple[Callable[..., Any], tuple[Any, ...]]) -> None:
        callback, args = call
        try:
            callback(*args)
        except Exception as exc:  # a bug in a page: log it and say so, keep the application running
            log.exception("a callback on the GUI thread failed")
            self.callback_failed.emit(exc)
