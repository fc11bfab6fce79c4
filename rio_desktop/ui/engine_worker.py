"""Qt face of the engine service: each request's events go to the callbacks its caller gave.

`worker.run(task, on_done=..., on_failed=..., on_cancelled=..., on_text=..., on_status=..., on_progress=...)`
queues `task(ctx)` on the inference worker and returns a TaskHandle (ui.task_handle), as the job pool does.
The service calls the event methods below on its worker thread; each looks up the request's callbacks and
posts them to the GUI thread (ui.dispatch), so a page hears only about its own requests. A failure without an
`on_failed` is not lost: it goes to `unhandled`, which the main window shows. Two events are for everyone:
`loaded` (the model in use changed) and `generated` (statistics of any finished generation, for the status
bar).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from rio_desktop.engine.backend import Backend, ChatMessage, GenerationParams, ModelInfo
from rio_desktop.engine.service import EngineService, TaskContext
from rio_desktop.i18n import Message, UserFacingError
from rio_desktop.ui.dispatch import GuiDispatcher
from rio_desktop.ui.task_handle import TaskHandle

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class _Callbacks:
    on_done: Callable[[Any], None] | None = None
    on_failed: Callable[[UserFacingError], None] | None = None
    on_cancelled: Callable[[Any], None] | None = None
    on_text: Callable[[str], None] | None = None
    on_status: Callable[[Any], None] | None = None
    on_progress: Callable[[float], None] | None = None
    handle: TaskHandle | None = None


class EngineWorker(QObject):
    loaded = Signal(object)  # ModelInfo: a model was loaded (by anyone)
    generated = Signal(object)  # the result of any finished request that carries `stats`
    unhandled = Signal(object)  # a UserFacingError no caller handles

    def __init__(self, backend: Backend | Callable[[], Backend], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dispatcher = GuiDispatcher(self)
        self.dispatcher.callback_failed.connect(self.unhandled)
        self._callbacks: dict[int, _Callbacks] = {}
        self._lock = threading.Lock()
        self.service = EngineService(backend, _Events(self))

    def run(self, task: Callable[[TaskContext], T], kind: str = "task", *,
            on_done: Callable[[T], None] | None = None,
            on_failed: Callable[[UserFacingError], None] | None = None,
            on_cancelled: Callable[[Any], None] | None = None, on_text: Callable[[str], None] | None = None,
            on_status: Callable[[Any], None] | None = None,
            on_progress: Callable[[float], None] | None = None) -> TaskHandle:
        """Queue `task(ctx)` on the inference worker; the callbacks are called on the GUI thread."""
        callbacks = _Callbacks(on_done, on_failed, on_cancelled, on_text, on_status, on_progress)
        # Registered under the lock the events take: the worker's first event waits for the registration.
        with self._lock:
            request_id = self.service.submit(task, kind)
            handle = TaskHandle(request_id, lambda: self.service.cancel(request_id))
            callbacks.handle = handle
            self._callbacks[request_id] = callbacks
        return handle

    def chat(self, messages: Sequence[ChatMessage], params: GenerationParams, **callbacks: Any) -> TaskHandle:
        messages = list(messages)
        return self.run(lambda ctx: ctx.backend.chat(messages, params, ctx.text, ctx.cancel,
                                                     on_reasoning=ctx.reasoning), "chat", **callbacks)

    def cancel_all(self) -> None:
        self.service.cancel_all()

    @property
    def model_info(self) -> ModelInfo | None:
        return self.service.model_info

    def shutdown(self, timeout: float = 2.0) -> bool:
        stopped = self.service.shutdown(timeout)
        if not stopped:
            log.warning("the engine did not stop within %.1f s", timeout)
        return stopped

    # -- called on the worker thread -----------------------------------------------------------------
    def _callbacks_of(self, request_id: int, final: bool = False) -> _Callbacks:
        with self._lock:
            if final:
                callbacks = self._callbacks.pop(request_id, _Callbacks())
                if callbacks.handle is not None:
                    callbacks.handle._finish()
                return callbacks
            return self._callbacks.get(request_id, _Callbacks())

    def _post(self, callback: Callable[..., Any] | None, *args: Any) -> None:
        if callback is not None:
            self.dispatcher.post(callback, *args)


class _Events:
    """The service's EngineEvents, called on the worker thread."""

    def __init__(self, worker: EngineWorker) -> None:
        self.worker = worker

    def loaded(self, request_id: int, info: ModelInfo) -> None:
        self.worker.loaded.emit(info)

    def progress(self, request_id: int, fraction: float) -> None:
        self.worker._post(self.worker._callbacks_of(request_id).on_progress, fraction)

    def status(self, request_id: int, payload: Any) -> None:
        self.worker._post(self.worker._callbacks_of(request_id).on_status, payload)

    def tokens(self, request_id: int, text: str) -> None:
        self.worker._post(self.worker._callbacks_of(request_id).on_text, text)

    def finished(self, request_id: int, result: Any) -> None:
        if getattr(result, "stats", None) is not None:
            self.worker.generated.emit(result)
        self.worker._post(self.worker._callbacks_of(request_id, final=True).on_done, result)

    def failed(self, request_id: int, message: Message) -> None:
        callbacks = self.worker._callbacks_of(request_id, final=True)
        error = UserFacingError(message)
        if callbacks.on_failed is not None:
            self.worker._post(callbacks.on_failed, error)
        else:
            self.worker.unhandled.emit(error)

    def cancelled(self, request_id: int, partial: Any) -> None:
        self.worker._post(self.worker._callbacks_of(request_id, final=True).on_cancelled, partial)
