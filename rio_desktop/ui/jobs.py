"""A small pool for background work that is not inference (reading PDFs, exporting, hashing, the hub).

One way to run it: `jobs.run(fn, on_done=..., on_failed=..., on_cancelled=..., on_progress=...)`, the same
callback names and the same TaskHandle as the inference worker's (ui.engine_worker). `fn(report)` runs on the
pool; each callback is called on the GUI thread, for this call only (no page filters shared signals by
id, so one page never sees another's results). A failure is always a Message; a failure whose caller gave
no `on_failed` is not lost: it goes to `unhandled`, which the main window shows.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from rio_desktop.engine.backend import CancelToken
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError
from rio_desktop.ui.dispatch import GuiDispatcher
from rio_desktop.ui.task_handle import TaskHandle

log = logging.getLogger(__name__)

T = TypeVar("T")
Report = Callable[[Any], None]
OnFailed = Callable[[UserFacingError], None]
OnProgress = Callable[[Any], None]

INTERNAL_ERROR = QT_TRANSLATE_NOOP(
    "Core", "Something went wrong inside Rio Desktop ({detail}). The details are in the log.")


def as_user_facing(exc: BaseException) -> UserFacingError:
    """The error as a clerk reads it: a UserFacingError as it is, anything else (a bug) named by its kind."""
    if isinstance(exc, UserFacingError):
        return exc
    return UserFacingError(Message(INTERNAL_ERROR, detail=type(exc).__name__))


class Jobs(QObject):
    # A failure no caller handles, as a UserFacingError: shown by the main window.
    unhandled = Signal(object)

    def __init__(self, workers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rio-jobs")
        self._ids = itertools.count(1)
        self._closed = False
        self.dispatcher = GuiDispatcher(self)
        self.dispatcher.callback_failed.connect(self.unhandled)

    def run(self, fn: Callable[[Report], T], *, on_done: Callable[[T], None] | None = None,
            on_failed: OnFailed | None = None, on_cancelled: Callable[[Any], None] | None = None,
            on_progress: OnProgress | None = None, cancel: CancelToken | None = None) -> TaskHandle:
        """Run `fn(report)` on the pool. handle.cancel() sets `cancel`, the token the work watches (as the
        inference worker's requests have theirs); once the work has ended, `on_cancelled(None)` is called
        instead of on_done/on_failed."""
        handle = TaskHandle(next(self._ids), cancel.cancel if cancel is not None else None)
        if self._closed:  # the application is closing: a late timer's job is not started (no answer comes)
            log.debug("job %d not started: shutting down", handle.id)
            return handle
        self._pool.submit(self._run, handle, fn, on_done, on_failed, on_cancelled, on_progress)
        return handle

    def _run(self, handle: TaskHandle, fn: Callable[[Report], Any], on_done: Callable[[Any], None] | None,
             on_failed: OnFailed | None, on_cancelled: Callable[[Any], None] | None,
             on_progress: OnProgress | None) -> None:
        post = self.dispatcher.post

        def report(payload: Any) -> None:
            if on_progress is not None and not handle.cancelled:
                post(on_progress, payload)

        try:
            result = fn(report)
        except Exception as exc:
            if not isinstance(exc, UserFacingError):
                log.exception("background job %d failed", handle.id)
            error = as_user_facing(exc)
            handle._finish()
            if handle.cancelled:
                if on_cancelled is not None:
                    post(on_cancelled, None)
                return
            post(on_failed, error) if on_failed is not None else self.unhandled.emit(error)
            return
        handle._finish()
        if handle.cancelled:
            if on_cancelled is not None:
                post(on_cancelled, None)
        elif on_done is not None:
            post(on_done, result)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)
