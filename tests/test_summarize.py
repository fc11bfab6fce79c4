"""The summarization pipeline with the real test model over generated PDFs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pdf_factory import page_text, text_pdf
from recording_backend import RecordingBackend
from wrapping_backend import WrappingBackend

from rio_desktop.documents.pdf_text import PageText, PdfText, read_pdf
from rio_desktop.documents.summarize import Summarizer, SummaryError, SummaryOptions
from rio_desktop.engine.backend import (
    Backend,
    CancelToken,
    Generation,
    GenerationParams,
    GenerationStats,
    LoadParams,
)
from rio_desktop.engine.llama_backend import LlamaCppBackend


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


def test_a_process_is_chunked_per_document_first(small_context: LlamaCppBackend) -> None:
    """A process's documents each fit a chunk: none is cut between two chunks (its map notes are about it),
    while small ones still share a chunk; without document starts the same pages run across documents."""
    summarizer = Summarizer(small_context)
    pages = [(n, page_text(n, sentences=3)) for n in range(1, 13)]
    parts = [1, 4, 7, 10]  # four documents of three pages
    _mode, plain = summarizer.plan(pages)
    _mode, chunks = summarizer.plan(pages, parts)
    documents = [set(range(start, start + 3)) for start in parts]
    assert any(len({i for i, d in enumerate(documents) if d & set(c.pages)}) > 1 and
               any(d & set(c.pages) and not d <= set(c.pages) for d in documents) for c in plain)  # cut across
    for document in documents:
        assert sum(1 for c in chunks if document & set(c.pages)) == 1, (document, [c.pages for c in chunks])
    assert [n for c in chunks for n in c.pages] == list(range(1, 13))
    assert len(chunks) <= len(plain) + len(parts)


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


def test_progress_moves_while_a_prompt_is_read(model_path: Path, tmp_path: Path) -> None:
    """The prompt is read in batches (minutes on a CPU for a long document): progress and the time left
    move with each batch and every few written tokens, not only between stages (issue 23: "0 %" for minutes)."""
    backend = LlamaCppBackend()
    backend.load(LoadParams(model_path=model_path, n_ctx=2048, n_batch=32))
    try:
        document = read_pdf(text_pdf(tmp_path / "parecer.pdf", 3, sentences=6))
        reports = []
        result = Summarizer(backend, SummaryOptions(style="bullets"), on_progress=reports.append).run(document)
    finally:
        backend.unload()
    assert result.stats.mode == "single" and result.stats.prompt_tokens > 200
    writing = [r for r in reports if r.stage == "writing" and r.done == 0]
    # One report per batch of 32 prompt tokens at least, then more while the summary is written.
    assert len(writing) >= result.stats.prompt_tokens // 32, len(writing)
    fractions = [r.fraction for r in writing]
    assert fractions == sorted(fractions) and fractions[-1] > fractions[0] + 0.2
    estimates = [r.eta_s for r in writing if r.eta_s is not None]
    assert len(set(estimates)) > len(writing) // 2  # the time left is re-estimated, not frozen
    assert reports[-1].fraction == 1.0


class _Scripted(WrappingBackend):
    """Writes `answers` in turn (by the call's seed), with the real model's token counts."""

    def __init__(self, inner: Backend, answers: dict[int, str]) -> None:
        super().__init__(inner)
        self.answers = answers
        self.seeds: list[int | None] = []

    def chat(self, messages, params: GenerationParams, on_text=None, cancel=None, on_reasoning=None,
             on_step=None) -> Generation:
        self.seeds.append(params.seed)
        text = self.answers.get(params.seed or 1, self.answers[1])
        if on_text is not None:
            on_text(text)
        return Generation(text=text, finish_reason="stop", stats=GenerationStats(
            prompt_tokens=self.count_chat_tokens(messages), generated_tokens=self.count_tokens(text)))


BARE_NUMBERS = "1 28 30 45 (p. 1) (pp. 1, 2)"


def test_a_summary_with_nothing_checkable_is_written_again_then_refused(loaded_backend: LlamaCppBackend,
                                                                        tmp_path: Path) -> None:
    """A scan's summary streamed bare numbers and ended empty, with Copy and Export on nothing (issue 23):
    it is written again once, sampled differently; if that is empty too, the clerk is told, not given nothing."""
    document = read_pdf(text_pdf(tmp_path / "memo.pdf", 2, sentences=3))
    sentence = page_text(1, 3).split(". ")[0]
    retried = _Scripted(loaded_backend, {1: BARE_NUMBERS, 2: f"- {sentence} (p. 1)"})
    reports = []
    result = Summarizer(retried, SummaryOptions(style="bullets"), on_progress=reports.append).run(document)
    assert retried.seeds == [1, 2] and result.stats.retries == 1
    assert result.points and result.points[0].pages == [1]
    assert any(r.attempt == 2 for r in reports)  # the window clears what was streamed of the first
    hopeless = _Scripted(loaded_backend, {1: BARE_NUMBERS})
    with pytest.raises(SummaryError) as raised:
        Summarizer(hopeless, SummaryOptions(style="bullets")).run(document)
    assert "nothing that could be checked" in str(raised.value.message) and hopeless.seeds == [1, 2]
