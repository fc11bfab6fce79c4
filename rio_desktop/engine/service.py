"""The worker thread that owns the backend and serves requests one at a time from a queue.

llama.cpp contexts are not thread-safe, so exactly one thread ever calls the backend. It also matters for
speed: libgomp keeps one OpenMP thread team per calling thread, and a second team oversubscribes the CPU
and throttles every OpenMP barrier (measured on 2 cores: decode fell from 100 to 33 tokens/s as soon as
a second thread had run llama.cpp). Results travel
back through an `EngineEvents` listener (the UI adapts it to Qt signals); streamed text is batched so a
fast model produces one event about every 30 ms, not one per token.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from rio_desktop.engine.backend import (
    Backend,
    CancelToken,
    ChatMessage,
    Generation,
    GenerationParams,
    LoadParams,
    ModelInfo,
)
from rio_desktop.engine.errors import GenerationCancelled
from rio_desktop.engine.reasoning import ReasoningProgress
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError
from rio_desktop.long_lived import freeze_long_lived

log = logging.getLogger(__name__)

TOKEN_BATCH_INTERVAL_S = 0.03


class EngineEvents(Protocol):
    """What the service reports. Called on the worker thread."""

    def loaded(self, request_id: int, info: ModelInfo) -> None: ...
    def progress(self, request_id: int, fraction: float) -> None: ...
    def status(self, request_id: int, payload: Any) -> None: ...
    def tokens(self, request_id: int, text: str) -> None: ...
    def finished(self, request_id: int, result: Any) -> None: ...
    def failed(self, request_id: int, message: Message) -> None: ...
    def cancelled(self, request_id: int, partial: Any) -> None: ...


class TokenBatcher:
    """Collects streamed text and passes it on at most once per interval (and at the end)."""

    def __init__(self, sink: Callable[[str], None], interval: float = TOKEN_BATCH_INTERVAL_S) -> None:
        self.sink = sink
        self.interval = interval
        self._parts: list[str] = []
        self._last = 0.0

    def add(self, text: str) -> None:
        self._parts.append(text)
        now = time.monotonic()
        if now - self._last >= self.interval:
            self.flush(now)

    def flush(self, now: float | None = None) -> None:
        if self._parts:
            text = "".join(self._parts)
            self._parts.clear()
            self.sink(text)
        self._last = time.monotonic() if now is None else now


class ReasoningBatcher:
    """Passes reasoning progress on at most once per interval, its text joined, and always the end:
    a model thinks at full speed and the UI needs a counter, not an event per token."""

    def __init__(self, sink: Callable[[ReasoningProgress], None], interval: float = TOKEN_BATCH_INTERVAL_S) -> None:
        self.sink = sink
        self.interval = interval
        self._parts: list[str] = []
        self._latest: ReasoningProgress | None = None
        self._last = 0.0

    def add(self, progress: ReasoningProgress) -> None:
        self._parts.append(progress.text)
        self._latest = progress
        now = time.monotonic()
        if progress.done or now - self._last >= self.interval:
            self.flush(now)

    def flush(self, now: float | None = None) -> None:
        latest = self._latest
        if latest is not None:
            self._latest = None
            text = "".join(self._parts)
            self._parts.clear()
            self.sink(ReasoningProgress(text, latest.tokens, latest.budget, latest.done))
        self._last = time.monotonic() if now is None else now


def _ignore_reasoning(_progress: ReasoningProgress) -> None:
    pass


@dataclass
class TaskContext:
    """What a task running on the worker thread gets: the backend and the channels back."""

    backend: Backend
    cancel: CancelToken
    text: Callable[[str], None]
    progress: Callable[[float], None]
    status: Callable[[Any], None]  # a task's own progress report (e.g. summary stages)
    # The model's reasoning, batched; reported through `status` as ReasoningProgress, never as text.
    reasoning: Callable[[ReasoningProgress], None] = _ignore_reasoning


Task = Callable[[TaskContext], Any]


def direct_context(backend: Backend, cancel: CancelToken, *, text: Callable[[str], None] | None = None,
                   status: Callable[[Any], None] | None = None,
                   reasoning: Callable[[ReasoningProgress], None] | None = None) -> TaskContext:
    """The context for a task run on the caller's own thread (the command line: no window to keep
    responsive), so that the window and the command line run the same task objects."""
    def ignore(_payload: Any) -> None:
        pass

    return TaskContext(backend, cancel, text or ignore, ignore, status or ignore, reasoning or _ignore_reasoning)


@dataclass
class Request:
    id: int
    task: Task
    kind: str
    cancel: CancelToken = field(default_factory=CancelToken)


_STOP = object()


class EngineService:
    """Owns a backend on one worker thread. Every public method may be called from any thread."""

    def __init__(self, backend: Backend | Callable[[], Backend], events: EngineEvents,
                 batch_interval: float = TOKEN_BATCH_INTERVAL_S) -> None:
        # A factory defers making the backend (and importing llama.cpp's wrapper) to its first use:
        # the window appears sooner, and a session on the organisation's server never needs it.
        self._backend: Backend | None = backend if isinstance(backend, Backend) else None
        self._factory: Callable[[], Backend] | None = None if isinstance(backend, Backend) else backend
        self._backend_lock = threading.Lock()
        self.events = events
        self.batch_interval = batch_interval
        self._queue: queue.Queue[Any] = queue.Queue()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._current: Request | None = None
        self._pending: dict[int, Request] = {}
        self._thread = threading.Thread(target=self._run, name="rio-engine", daemon=True)
        self._started = False

    @property
    def backend(self) -> Backend:
        with self._backend_lock:
            if self._backend is None:
                assert self._factory is not None
                self._backend = self._factory()
            return self._backend

    @backend.setter
    def backend(self, backend: Backend) -> None:
        with self._backend_lock:
            self._backend = backend

    @property
    def current_backend(self) -> Backend | None:
        """The backend if it has been made (without making it)."""
        return self._backend

    @property
    def model_info(self) -> ModelInfo | None:
        """The loaded model; None also while the backend has not been made."""
        backend = self._backend
        return backend.info if backend is not None else None

    def _unload(self) -> None:
        if self._backend is not None:
            self._backend.unload()

    # -- submitting ----------------------------------------------------------------------------------
    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def submit(self, task: Task, kind: str = "task") -> int:
        request = Request(id=next(self._ids), task=task, kind=kind)
        with self._lock:
            self._pending[request.id] = request
        self._queue.put(request)
        self.start()
        return request.id

    def load(self, params: LoadParams) -> int:
        return self.submit(lambda ctx: ctx.backend.load(params, ctx.cancel, ctx.progress), kind="load")

    def chat(self, messages: Sequence[ChatMessage], params: GenerationParams) -> int:
        messages = list(messages)
        return self.submit(lambda ctx: ctx.backend.chat(messages, params, ctx.text, ctx.cancel,
                                                        on_reasoning=ctx.reasoning), kind="chat")

    def replace_backend(self, backend: Backend) -> int:
        """Switch backends on the worker thread, after what is queued; the old one is unloaded."""

        def swap(ctx: TaskContext) -> None:
            old, self.backend = self._backend, backend
            if old is not None:
                old.unload()

        return self.submit(swap, kind="backend")

    def cancel(self, request_id: int) -> None:
        with self._lock:
            request = self._pending.get(request_id)
            if request is not None:
                request.cancel.cancel()

    def cancel_all(self) -> None:
        with self._lock:
            for request in self._pending.values():
                request.cancel.cancel()

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def shutdown(self, timeout: float = 2.0) -> bool:
        """Cancel everything, stop the thread and free the model. False if it did not stop in time."""
        self.cancel_all()
        if not self._started:
            self._unload()
            return True
        self._queue.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # -- the worker thread ---------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            self._serve(item)
        try:
            self._unload()
        except Exception:
            log.exception("unloading the model failed")

    def _serve(self, request: Request) -> None:
        events = self.events
        if request.cancel.cancelled:
            self._done(request)
            events.cancelled(request.id, None)
            return
        batcher = TokenBatcher(lambda text: events.tokens(request.id, text), self.batch_interval)
        thinking = ReasoningBatcher(lambda progress: events.status(request.id, progress), self.batch_interval)
        context = TaskContext(backend=self.backend, cancel=request.cancel, text=batcher.add,
                              progress=lambda fraction: events.progress(request.id, fraction),
                              status=lambda payload: (batcher.flush(), events.status(request.id, payload)),
                              reasoning=thinking.add)
        try:
            result = request.task(context)
        except GenerationCancelled as exc:
            thinking.flush()
            batcher.flush()
            self._done(request)
            events.cancelled(request.id, exc.partial)
            return
        except UserFacingError as exc:
            batcher.flush()
            self._done(request)
            log.warning("%s request %d failed: %s", request.kind, request.id, exc.message)
            events.failed(request.id, exc.message)
            return
        except Exception as exc:  # a bug: keep the worker alive, log it, tell the user
            batcher.flush()
            self._done(request)
            log.exception("%s request %d failed unexpectedly", request.kind, request.id)
            events.failed(request.id, Message(QT_TRANSLATE_NOOP(
                "Core", "Something went wrong inside Rio Desktop ({detail}). The details are in the log."),
                detail=type(exc).__name__))
            return
        thinking.flush()
        batcher.flush()
        self._done(request)
        if isinstance(result, ModelInfo):
            freeze_long_lived()  # the model's wrappers and what loading imported stay for the session
            events.loaded(request.id, result)
        events.finished(request.id, result)

    def _done(self, request: Request) -> None:
        with self._lock:
            self._pending.pop(request.id, None)


__all__ = ["EngineService", "EngineEvents", "TaskContext", "TokenBatcher", "ReasoningBatcher", "Generation"]
