"""One way to run background work: each call's callbacks, on the GUI thread, for that caller only.

A failure always arrives as a message (a UserFacingError) at the caller's own handler; a failure nobody
handles is shown (the `unhandled` signals), never lost. The engine worker runs a scripted backend here:
what is tested is the delivery, not the model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from rio_desktop.engine.backend import (
    Backend,
    CancelToken,
    ChatMessage,
    Generation,
    GenerationParams,
    GenerationStats,
    LoadParams,
    ModelInfo,
)
from rio_desktop.engine.errors import GenerationCancelled, ModelFileError
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.jobs import Jobs


class Scripted(Backend):
    """Answers a chat with its prompt's last message reversed, a word at a time; fails on "fail"."""

    def __init__(self) -> None:
        self._info: ModelInfo | None = None

    @property
    def info(self) -> ModelInfo | None:
        return self._info

    def load(self, params: LoadParams, cancel: CancelToken | None = None,
             progress: Callable[[float], None] | None = None) -> ModelInfo:
        if params.model_path.name == "bad.gguf":
            raise ModelFileError(Message(QT_TRANSLATE_NOOP("Core", "The file {name} is not a GGUF model."),
                                         name=params.model_path.name))
        if progress:
            progress(0.5)
        self._info = ModelInfo(path=params.model_path, name="scripted", architecture="test", parameters=1,
                               quantization="F16", context_trained=2048, context_used=2048, backend="CPU",
                               n_gpu_layers=0, file_bytes=1, load_seconds=0.0)
        return self._info

    def unload(self) -> None:
        self._info = None

    def context_size(self) -> int:
        return 2048

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def count_chat_tokens(self, messages: Sequence[ChatMessage], reasoning: bool | None = None) -> int:
        return sum(self.count_tokens(m.content) for m in messages)

    def chat(self, messages: Sequence[ChatMessage], params: GenerationParams, on_text=None,
             cancel: CancelToken | None = None, on_reasoning=None, on_step=None) -> Generation:
        prompt = messages[-1].content
        if prompt == "fail":
            raise UserFacingError(Message(QT_TRANSLATE_NOOP("Core", "The model stopped with an error: {detail}"),
                                          detail="scripted"))
        if prompt == "bug":
            raise ZeroDivisionError("a bug")
        words = prompt.split()[::-1]
        for i, word in enumerate(words):
            if cancel is not None and cancel.cancelled:
                raise GenerationCancelled(Generation(" ".join(words[:i]), "cancelled"))
            if on_text:
                on_text(word + " ")
        text = " ".join(words)
        return Generation(text, "stop", GenerationStats(prompt_tokens=len(words), generated_tokens=len(words)))


@pytest.fixture
def worker(qapp):
    engine = EngineWorker(Scripted())
    yield engine
    assert engine.shutdown(5)


@pytest.fixture
def jobs(qapp):
    pool = Jobs()
    yield pool
    pool.shutdown()


class Calls:
    """What one caller heard, and on which thread."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []
        self.threads: set[bool] = set()

    def __getattr__(self, kind: str) -> Callable[[Any], None]:
        def record(value: Any = None) -> None:
            self.threads.add(QThread.currentThread() == QApplication.instance().thread())  # the GUI thread?
            self.events.append((kind, value))

        return record

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.events]


def _load(path: Path) -> Callable[[Any], ModelInfo]:
    return lambda ctx: ctx.backend.load(LoadParams(model_path=path), ctx.cancel, ctx.progress)


def _callbacks(calls: Calls, *names: str) -> dict[str, Callable[[Any], None]]:
    return {f"on_{name}": getattr(calls, name) for name in names}


def test_each_job_reaches_only_its_own_caller(jobs: Jobs, qtbot) -> None:
    first, second = Calls(), Calls()
    jobs.run(lambda report: (report(1), "one")[1], **_callbacks(first, "done", "failed", "progress"))
    jobs.run(lambda report: (report(2), "two")[1], **_callbacks(second, "done", "failed", "progress"))
    qtbot.waitUntil(lambda: "done" in first.kinds() and "done" in second.kinds(), timeout=5_000)
    assert first.events == [("progress", 1), ("done", "one")]
    assert second.events == [("progress", 2), ("done", "two")]
    assert first.threads == {True} and second.threads == {True}  # on the GUI thread


@pytest.mark.parametrize("error", [
    ModelFileError(Message(QT_TRANSLATE_NOOP("Core", "The file {name} is not a GGUF model."), name="a.gguf")),
    OSError("disk full"),  # a bug of ours: reported by its kind, never a traceback to the clerk
])
def test_a_failing_job_reaches_its_callers_handler_as_a_message(jobs: Jobs, qtbot, error: Exception) -> None:
    calls, bystander = Calls(), Calls()

    def fail(_report):
        raise error

    jobs.run(fail, **_callbacks(calls, "done", "failed"))
    jobs.run(lambda _report: "fine", **_callbacks(bystander, "done", "failed"))
    qtbot.waitUntil(lambda: bool(calls.events) and bool(bystander.events), timeout=5_000)
    [(kind, value)] = calls.events
    assert kind == "failed" and isinstance(value, UserFacingError)
    if isinstance(error, UserFacingError):
        assert value is error  # the kind survives (e.g. a PDF that needs its password)
    else:
        assert "Something went wrong inside Rio Desktop (OSError)" in str(value.message)
    assert bystander.events == [("done", "fine")]


def test_a_failure_without_a_handler_is_shown_not_lost(jobs: Jobs, qtbot) -> None:
    def fail(_report):
        raise ModelFileError(Message(QT_TRANSLATE_NOOP("Core", "The file {name} is not a GGUF model."),
                                     name="x.gguf"))

    with qtbot.waitSignal(jobs.unhandled, timeout=5_000) as unhandled:
        jobs.run(fail, on_done=lambda _r: None)
    assert "x.gguf" in str(unhandled.args[0].message)


def test_a_callback_that_raises_is_shown(jobs: Jobs, qtbot) -> None:
    def broken(_result):
        raise KeyError("a page's bug")

    with qtbot.waitSignal(jobs.unhandled, timeout=5_000) as unhandled:
        jobs.run(lambda _report: 1, on_done=broken)
    assert isinstance(unhandled.args[0], KeyError)


def test_a_cancelled_job_delivers_only_its_cancellation(jobs: Jobs, qtbot) -> None:
    calls = Calls()
    release, cancel = threading.Event(), CancelToken()
    handle = jobs.run(lambda report: (release.wait(5), report("late"), "result")[2],
                      cancel=cancel, **_callbacks(calls, "done", "failed", "cancelled", "progress"))
    handle.cancel()
    assert cancel.cancelled and handle.cancelled  # the work is told through its own token
    release.set()
    qtbot.waitUntil(lambda: handle.finished and bool(calls.events), timeout=5_000)
    qtbot.wait(50)
    assert calls.kinds() == ["cancelled"]


def test_both_executors_give_one_handle_and_one_set_of_callback_names(jobs: Jobs, worker: EngineWorker,
                                                                      qtbot) -> None:
    """A page does not need to know which executor ran its work (as Anki's TaskManager hides its two)."""
    from rio_desktop.ui.task_handle import TaskHandle

    names = ("done", "failed", "cancelled", "progress")
    from_pool, from_worker = Calls(), Calls()
    pool_handle = jobs.run(lambda report: (report(0.5), "pool")[1], **_callbacks(from_pool, *names))
    worker_handle = worker.run(lambda ctx: (ctx.progress(0.5), "worker")[1], **_callbacks(from_worker, *names))
    assert type(pool_handle) is type(worker_handle) is TaskHandle
    qtbot.waitUntil(lambda: "done" in from_pool.kinds() and "done" in from_worker.kinds(), timeout=5_000)
    assert pool_handle.finished and worker_handle.finished
    assert from_pool.kinds() == from_worker.kinds() == ["progress", "done"]
    assert (from_pool.events[-1][1], from_worker.events[-1][1]) == ("pool", "worker")


def test_each_request_reaches_only_its_own_caller(worker: EngineWorker, qtbot) -> None:
    first, second = Calls(), Calls()
    names = ("done", "failed", "cancelled", "text")
    worker.chat([ChatMessage("user", "um dois três")], GenerationParams(), **_callbacks(first, *names))
    worker.chat([ChatMessage("user", "quatro cinco")], GenerationParams(), **_callbacks(second, *names))
    qtbot.waitUntil(lambda: "done" in first.kinds() and "done" in second.kinds(), timeout=5_000)
    assert "".join(v for k, v in first.events if k == "text").split() == ["três", "dois", "um"]
    assert "".join(v for k, v in second.events if k == "text").split() == ["cinco", "quatro"]
    assert first.events[-1][1].text == "três dois um" and second.events[-1][1].text == "cinco quatro"
    assert first.threads == {True} and second.threads == {True}


@pytest.mark.parametrize("prompt, detail", [("fail", "scripted"), ("bug", "ZeroDivisionError")])
def test_a_failing_request_reaches_its_callers_handler(worker: EngineWorker, qtbot, prompt: str,
                                                       detail: str) -> None:
    calls, bystander = Calls(), Calls()
    worker.chat([ChatMessage("user", prompt)], GenerationParams(), **_callbacks(calls, "done", "failed"))
    worker.chat([ChatMessage("user", "ok")], GenerationParams(), **_callbacks(bystander, "done", "failed"))
    qtbot.waitUntil(lambda: bool(calls.events) and bool(bystander.events), timeout=5_000)
    [(kind, error)] = calls.events
    assert kind == "failed" and detail in str(error.message)
    assert bystander.kinds() == ["done"]


def test_a_failing_load_reaches_its_caller_and_the_others_hear_only_of_models(worker: EngineWorker, qtbot,
                                                                               tmp_path: Path) -> None:
    calls, heard = Calls(), []
    worker.loaded.connect(heard.append)
    worker.run(_load(tmp_path / "bad.gguf"), "load", **_callbacks(calls, "done", "failed",
                                                                                   "progress"))
    qtbot.waitUntil(lambda: bool(calls.events), timeout=5_000)
    assert calls.kinds() == ["failed"] and "bad.gguf" in str(calls.events[0][1].message)
    worker.run(_load(tmp_path / "good.gguf"), "load", **_callbacks(calls, "done", "progress"))
    qtbot.waitUntil(lambda: "done" in calls.kinds(), timeout=5_000)
    assert calls.kinds()[1:] == ["progress", "done"] and [i.name for i in heard] == ["scripted"]


def test_an_unhandled_request_failure_is_shown(worker: EngineWorker, qtbot) -> None:
    with qtbot.waitSignal(worker.unhandled, timeout=5_000) as unhandled:
        worker.chat([ChatMessage("user", "fail")], GenerationParams())
    assert "scripted" in str(unhandled.args[0].message)


def test_pages_do_not_see_each_others_results(gui, qtbot, tmp_path: Path) -> None:
    """The real window: a summary page's read and a draft's export run at once; each page hears only its
    own, and a failure of one is shown on that page."""
    from pdf_factory import text_pdf

    window = gui.window
    summarize, draft = window.summarize_page, window.draft_page
    bad = tmp_path / "quebrado.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00" * 64)
    draft_status_before = draft.status.text()
    summarize.open_document(text_pdf(tmp_path / "bom.pdf", 2))
    qtbot.waitUntil(lambda: summarize.read_job is None, timeout=30_000)
    summarize.open_document(bad)
    draft.export_to(tmp_path / "carta.docx")
    qtbot.waitUntil(lambda: summarize.read_job is None and draft.export_job is None, timeout=30_000)
    assert "quebrado.pdf" in summarize.stage_label.text()
    assert "carta.docx" in draft.status.text() and draft.status.text() != draft_status_before
    assert "quebrado" not in draft.status.text() and "carta" not in summarize.stage_label.text()
