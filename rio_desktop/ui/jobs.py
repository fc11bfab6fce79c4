"""A small pool for background work that is not inference (reading PDFs, exporting, hashing).

The inference worker serves the model only; the GUI thread only draws. Results come back as signals of
this object, which lives in the GUI thread.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError

log = logging.getLogger(__name__)

Report = Callable[[Any], None]


class Jobs(QObject):
    progress = Signal(int, object)  # job id, what the job reported
    done = Signal(int, object)  # job id, result
    failed = Signal(int, object)  # job id, Message (or the exception for callers that need its kind)

    def __init__(self, workers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rio-jobs")
        self._ids = itertools.count(1)
        self._closed = False

    def start(self, job: Callable[[Report], Any]) -> int:
        job_id = next(self._ids)
        if self._closed:  # the application is closing: a late timer's job is not started (no answer comes)
            log.debug("job %d not started: shutting down", job_id)
            return job_id
        self._pool.submit(self._run, job_id, job)
        return job_id

    def _run(self, job_id: int, job: Callable[[Report], Any]) -> None:
        try:
            result = job(lambda payload: self.progress.emit(job_id, payload))
        except UserFacingError as exc:
            self.failed.emit(job_id, exc)
            return
        except Exception as exc:
            log.exception("background job %d failed", job_id)
            self.failed.emit(job_id, UserFacingError(Message(QT_TRANSLATE_NOOP(
                "Core", "Something went wrong inside Rio Desktop ({detail}). The details are in the log."),
                detail=type(exc).__name__)))
            return
        self.done.emit(job_id, result)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)
