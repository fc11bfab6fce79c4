"""Qt face of the engine service: its events as signals, delivered in the GUI thread.

The service calls these methods on its worker thread; emitting a signal of this object (which lives in
the GUI thread) queues the call to the connected slots. Connect them only to slots of QObjects that live
in the GUI thread: PySide6 runs a lambda or a plain function on the emitting thread, even when queued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from rio_desktop.engine.backend import Backend, ChatMessage, GenerationParams, LoadParams, ModelInfo
from rio_desktop.engine.service import EngineService, Task
from rio_desktop.i18n import Message

log = logging.getLogger(__name__)


class EngineWorker(QObject):
    loaded = Signal(int, object)  # request id, ModelInfo
    progress = Signal(int, float)  # request id, fraction 0..1
    status = Signal(int, object)  # request id, a task's own progress report
    tokens = Signal(int, str)  # request id, a batch of streamed text
    finished = Signal(int, object)  # request id, result (Generation for chat, ModelInfo for load)
    failed = Signal(int, object)  # request id, Message
    cancelled = Signal(int, object)  # request id, partial result or None

    def __init__(self, backend: Backend | Callable[[], Backend], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = EngineService(backend, _Events(self))

    def load_model(self, params: LoadParams) -> int:
        return self.service.load(params)

    def chat(self, messages: Sequence[ChatMessage], params: GenerationParams) -> int:
        return self.service.chat(messages, params)

    def submit(self, task: Task, kind: str = "task") -> int:
        return self.service.submit(task, kind)

    def cancel(self, request_id: int) -> None:
        self.service.cancel(request_id)

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


class _Events:
    """The service's EngineEvents, called on the worker thread: each emits the matching signal."""

    def __init__(self, worker: EngineWorker) -> None:
        self.worker = worker

    def loaded(self, request_id: int, info: ModelInfo) -> None:
        self.worker.loaded.emit(request_id, info)

    def progress(self, request_id: int, fraction: float) -> None:
        self.worker.progress.emit(request_id, fraction)

    def status(self, request_id: int, payload: Any) -> None:
        self.worker.status.emit(request_id, payload)

    def tokens(self, request_id: int, text: str) -> None:
        self.worker.tokens.emit(request_id, text)

    def finished(self, request_id: int, result: Any) -> None:
        self.worker.finished.emit(request_id, result)

    def failed(self, request_id: int, message: Message) -> None:
        self.worker.failed.emit(request_id, message)

    def cancelled(self, request_id: int, partial: Any) -> None:
        self.worker.cancelled.emit(request_id, partial)
