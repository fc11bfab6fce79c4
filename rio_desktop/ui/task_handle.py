"""The one handle the UI holds for background work, whichever executor runs it.

`Jobs.run(...)` (the pool for reading, exporting, hashing, the hub) and `EngineWorker.run(...)` (the one
inference worker) both return a TaskHandle and take the same callback names: on_done, on_failed,
on_cancelled, on_progress (and, for inference, on_text and on_status). A page never needs to know which
executor ran its work to cancel it or to ask whether it is over.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class TaskHandle:
    """One background call. `cancel()` tells the work to stop (through its CancelToken) and stops delivering
    its callbacks, except `on_cancelled`."""

    def __init__(self, task_id: int, stop: Callable[[], None] | None = None) -> None:
        self.id = task_id
        self._stop = stop
        self._cancelled = threading.Event()
        self._finished = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()
        if self._stop is not None:
            self._stop()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def finished(self) -> bool:
        """The work has ended (done, failed or cancelled); its last callback may still be on its way."""
        return self._finished.is_set()

    def _finish(self) -> None:
        self._finished.set()
