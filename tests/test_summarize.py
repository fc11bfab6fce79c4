"""The summarization pipeline with the real test model over generated PDFs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pdf_factory import page_text, text_pdf
from wrapping_backend import WrappingBackend

from rio_desktop.documents.pdf_text import PageText, PdfText, read_pdf
from rio_desktop.documents.summarize import Summarizer, SummaryError, SummaryOptions
from rio_desktop.engine.backend import (
    CancelToken,
    Generation,
    GenerationParams,
    LoadParams,
)
from rio_desktop.engine.llama_backend import LlamaCppBackend


class RecordingBackend(WrappingBackend):
    """The real backend, with every prompt measured against the context before it runs."""

    def __init__(self, inner: LlamaCppBackend) -> None:
        super().__init__(inner)
        self.calls: list[tuple[int, int, str]] = []  # (prompt tokens, max tokens, user message)
        self.reasoning_budgets: list[int] = []

    def chat(self, messages, params: GenerationParams, on_text=None, cancel=None, on_reasoning=None) -> Generation:
        prompt = self.inner.count_chat_tokens(messages, params.reasoning)
        self.calls.append((prompt, params.max_tokens, messages[-1].content))
        self.reasoning_budgets.append(params.reasoning_budget)
        reserve = params.reasoning_budget + 16 if params.reasoning_budget else 0  # reasoning and its closing
        assert prompt + params.max_tokens + reserve <= self.inner.context_size(), "a prompt would exceed the context"
        return self.inner.chat(messages, params, on_text, cancel, on_reasoning=on_reasoning)


@pytest.fixture(scope="module")
def small_context(model_path: Path):
    backend = LlamaCppBackend()
    backend.load(LoadParams(model_path=model_path, n_ctx=1024))
    yield backend
    backend.unload()


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> PdfText:
    folder = tmp_path_factory.mktemp("pdf")
    return read_pdf(text_pdf(folder / "relatorio-anual.pdf", 14, scanned=(6,)))


def test_short_document_in_one_pass(loaded_backend: LlamaCppBackend, tmp_path: Path) -> None:
    document = read_pdf(text_pdf(tmp_path / "memo.pdf", 2, sentences=3))
    recorder = RecordingBackend(loaded_backend)
    streamed: list[str] = []
    result = Summarizer(recorder, SummaryOptions(style="bullets"), on_text=streamed.append).run(document)
    assert result.stats.mode == "single" and len(recorder.calls) == 1
    assert streamed  # the summary streamed as it was written
    assert result.points and all(set(p.pages) <= {1, 2} and p.pages for p in result.points)
    assert "Responda em português do Brasil." in recorder.calls[0][2]
    assert result.summary.startswith("- ")


def test_plan_puts_every_page_in_a_chunk_within_capacity(small_context: LlamaCppBackend, long_pdf: PdfText) -> None:
    summarizer = Summarizer(small_context)
    pages = [(p.number, p.text) for p in long_pdf.text_pages]
    mode, chunks = summarizer.plan(pages)
    assert mode == "map" and len(chunks) >= 3
    covered = {number: "".join(t for n, t in c.pieces if n == number) for c in chunks for number in c.pages}
    for number, text in pages:
        words = text.split()
        assert all(word in covered[number] for word in words), f"page {number} lost text"
    assert [n for c in chunks for n in c.pages] == sorted(n for c in chunks for n in c.pages)


def test_an_oversized_page_is_cut_keeping_its_number(small_context: LlamaCppBackend) -> None:
    long_page = " ".join(page_text(7, sentences=60).split(". "))
    summarizer = Summarizer(small_context)
    mode, chunks = summarizer.plan([(7, long_page)])
    assert mode == "map" and len(chunks) >= 2
    assert all(c.pages == [7] for c in chunks)
    joined = " ".join(t for c in chunks for _, t in c.pieces)
    assert joined.split() == long_page.split()


def test_map_reduce_never_exceeds_the_context_and_cites_only_seen_pages(
        small_context: LlamaCppBackend, long_pdf: PdfText) -> None:
    recorder = RecordingBackend(small_context)
    stages: list[str] = []
    summarizer = Summarizer(recorder, SummaryOptions(style="detailed", language="en"),
                            on_progress=lambda p: stages.append(p.stage))
    result = summarizer.run(long_pdf)
    stats = result.stats
    assert stats.mode == "map" and stats.chunks >= 3 and stats.calls == len(recorder.calls)
    assert stats.max_prompt_tokens <= small_context.context_size()
    assert all("Answer in English." in call[2] for call in recorder.calls)
    text_pages = {p.number for p in long_pdf.text_pages}
    for chunk_pages, points in summarizer.trace:  # each map step cites only the pages it was given
        assert all(set(point.pages) <= set(chunk_pages) for point in points)
    assert result.points and all(p.pages and set(p.pages) <= text_pages for p in result.points)
    assert 6 not in {n for p in result.points for n in p.pages}  # the scanned page is never cited
    assert "summarizing" in stages and "writing" in stages
    assert any("6" in str(w) for w in result.warnings)
    # Efficiency: at most 1.3 x the document plus fixed instructions per chunk and the final step.
    assert stats.evaluated_tokens <= stats.evaluated_budget, stats.as_dict()
    assert stats.prompt_tokens_evaluated <= stats.prompt_tokens


def test_cancel_keeps_what_is_done(small_context: LlamaCppBackend, long_pdf: PdfText) -> None:
    cancel = CancelToken()
    cancelled_at: list[float] = []

    def on_progress(progress) -> None:
        if progress.stage == "summarizing" and progress.done == 2 and not cancel.cancelled:
            threading.Thread(target=cancel.cancel).start()
            cancelled_at.append(time.monotonic())

    result = Summarizer(small_context, cancel=cancel, on_progress=on_progress).run(long_pdf)
    assert time.monotonic() - cancelled_at[0] < 1.0
    assert result.partial and result.stats.calls in (2, 3)
    assert result.points and all(max(p.pages) < 10 for p in result.points)  # only the first chunks' pages
    assert any("stopped" in str(w) for w in result.warnings)


def test_a_document_of_scans_only_says_so(small_context: LlamaCppBackend, tmp_path: Path) -> None:
    document = read_pdf(text_pdf(tmp_path / "digitalizado.pdf", 3, scanned=(1, 2, 3)))
    message = Summarizer.prepare(document)
    assert message is not None and "scanned" in str(message) and "3 pages" in str(message)
    with pytest.raises(SummaryError):
        Summarizer(small_context).run(document)


def test_empty_document(small_context: LlamaCppBackend) -> None:
    document = PdfText(path=Path("vazio.pdf"), sha256="0" * 64, pages=[])
    assert "no pages" in str(Summarizer.prepare(document))
    document.pages.append(PageText(1, "", "no_text"))
    assert "no text" in str(Summarizer.prepare(document))
