"""Questions about a document with the real test model: page choice, citations, follow-ups, labels."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pdf_factory import labelled_pdf, text_pdf
from recording_backend import RecordingBackend
from test_search_index import PARAPHRASES

from rio_desktop.documents.ask import (
    AskError,
    AskOptions,
    Conversation,
    conversation_document,
    low_confidence,
    runs_on,
)
from rio_desktop.documents.citations import SummaryPoint
from rio_desktop.documents.export import export
from rio_desktop.documents.pdf_text import PageText, PdfText, read_pdf
from rio_desktop.documents.search_index import PageSearch
from rio_desktop.engine.backend import CancelToken, LoadParams
from rio_desktop.engine.llama_backend import LlamaCppBackend

SHORT = AskOptions(max_tokens=24)


@pytest.fixture(scope="module")
def small_context(model_path: Path):
    backend = LlamaCppBackend()
    backend.load(LoadParams(model_path=model_path, n_ctx=768))
    yield backend
    backend.unload()


def _search(document: PdfText, folder: Path) -> PageSearch:
    return PageSearch.open([(p.number, p.text) for p in document.text_pages], folder, document.sha256)


def test_paraphrased_questions_get_the_planted_pages(small_context: LlamaCppBackend, planted_document: PdfText,
                                                     tmp_path: Path) -> None:
    recorder = RecordingBackend(small_context)  # asserts that no prompt exceeds the context
    conversation = Conversation(recorder, planted_document, _search(planted_document, tmp_path), SHORT)
    for page, question in PARAPHRASES.items():
        answer = conversation.ask(question)
        assert answer.stats.mode == "ranked" and answer.covered
        assert page in answer.sources, (question, answer.sources)
        assert len(answer.sources) < planted_document.page_count
        assert answer.sources == sorted(answer.sources)  # in page order
        assert all(set(point.pages) <= set(answer.sources) for point in answer.points)
        prompt, budget, _ = recorder.calls[-1]
        assert prompt + budget <= small_context.context_size()
        assert answer.stats.prompt_tokens == prompt
    assert len(recorder.calls) == len(PARAPHRASES)


def test_each_prompt_of_a_turn_is_counted_once(small_context: LlamaCppBackend, planted_document: PdfText,
                                              loaded_backend: LlamaCppBackend, tmp_path: Path) -> None:
    """Planning a turn and generating it ask about the same prompts: each is counted once (with a server
    every count is a request), for a ranked turn with history and a turn that gives the whole document."""
    from wrapping_backend import WrappingBackend

    class Counting(WrappingBackend):
        def __init__(self, inner: LlamaCppBackend) -> None:
            super().__init__(inner)
            self.counted: list[tuple] = []

        def count_chat_tokens(self, messages, reasoning=None) -> int:
            self.counted.append((tuple(m.content for m in messages), reasoning))
            return super().count_chat_tokens(messages, reasoning)

    short = read_pdf(text_pdf(tmp_path / "curto.pdf", 3, sentences=4))
    bus = "Quantos ônibus elétricos o BRT Transcarioca recebeu?"
    for inner, document, questions, mode in (
            (small_context, planted_document, list(PARAPHRASES.values())[:2], "ranked"),
            (loaded_backend, short, [bus, bus], "whole")):
        counting = Counting(inner)
        conversation = Conversation(counting, document, _search(document, tmp_path), SHORT)
        for question in questions:
            counting.counted.clear()
            answer = conversation.ask(question)
            assert answer.stats.mode == mode and counting.counted
            assert len(counting.counted) == len(set(counting.counted)), mode


def test_a_question_the_document_does_not_cover(small_context: LlamaCppBackend, planted_document: PdfText,
                                                tmp_path: Path) -> None:
    recorder = RecordingBackend(small_context)
    conversation = Conversation(recorder, planted_document, _search(planted_document, tmp_path), SHORT)
    streamed: list[str] = []
    answer = conversation.ask("Quem ganhou a Copa do Mundo de futebol em 1970?", on_text=streamed.append)
    assert not answer.covered and answer.sources == [] and not recorder.calls  # the model was not asked
    text = answer.render()
    assert text.startswith("O documento não parece tratar disso")
    assert "copa, mundo, futebol, 1970" in text and "ganhou" in text
    assert streamed == [text]


def test_a_follow_up_evaluates_only_its_own_tokens(loaded_backend: LlamaCppBackend, tmp_path: Path) -> None:
    document = read_pdf(text_pdf(tmp_path / "encerramentos.pdf", 5, sentences=4))
    conversation = Conversation(loaded_backend, document, _search(document, tmp_path), SHORT)
    first = conversation.ask("Quantos ônibus elétricos o BRT Transcarioca recebeu?")
    assert first.stats.mode == "whole" and first.sources == [1, 2, 3, 4, 5]
    cached = loaded_backend.cached_token_ids()  # the first prompt and the tokens the model generated
    follow_up = "E quantas mudas foram plantadas?"
    second = conversation.ask(follow_up)
    assert second.stats.mode == "whole" and second.stats.history_turns == 1
    sent = loaded_backend.prompt_tokens(conversation.messages(second.sources, [first], follow_up))
    assert len(sent) == second.stats.prompt_tokens
    shared = next((i for i, (a, b) in enumerate(zip(cached, sent, strict=False)) if a != b),
                  min(len(cached), len(sent)))
    # The document is never read again: the whole first prompt is shared. The first answer comes back as
    # text, and its tokens may be written differently than the model generated them (" 1"+"28" against
    # " 128", which CPUs choose differently): only from there on is it evaluated again, with the question.
    assert shared >= first.stats.prompt_tokens
    assert second.stats.prompt_tokens_evaluated <= len(sent) - shared + 1, (second.stats, len(sent), shared)
    own = second.stats.prompt_tokens - first.stats.prompt_tokens - first.stats.generated_tokens
    assert 0 < own < 60
    assert second.stats.prompt_tokens_evaluated < 0.2 * first.stats.prompt_tokens_evaluated
    assert second.stats.prompt_tokens > first.stats.prompt_tokens  # the whole conversation was sent


def test_a_follow_up_on_a_long_document_ranks_with_the_previous_question(
        small_context: LlamaCppBackend, planted_document: PdfText, tmp_path: Path) -> None:
    conversation = Conversation(small_context, planted_document, _search(planted_document, tmp_path), SHORT)
    conversation.ask("Quem é a engenheira fiscal da obra da escola Tia Ciata?")
    answer = conversation.ask("e a obra fica em que bairro?")
    assert 120 in answer.sources and answer.stats.history_turns == 1


def test_citations_outside_the_given_pages_are_removed(small_context: LlamaCppBackend, planted_document: PdfText,
                                                       tmp_path: Path) -> None:
    conversation = Conversation(small_context, planted_document, _search(planted_document, tmp_path), SHORT)
    answer = conversation.ask(PARAPHRASES[88])
    allowed = set(answer.sources)
    points = conversation._points(
        "O valor é de R$ 4.872.310,55 por ano para a limpeza urbana (p. 150). "
        "As parcelas são pagas pela prefeitura e o tempo está bom hoje. "
        "Responda em português do Brasil, citando as páginas no formato (p. N).", allowed, answer.stats)
    assert points[0].pages == [88]  # p. 150 was not given: attributed by the words it shares
    assert len(points) == 2  # the echoed instruction is gone
    assert all(set(p.pages) <= allowed for p in points)
    assert "Responda" not in " ".join(p.text for p in points)


def test_page_labels_in_citations_and_exports(loaded_backend: LlamaCppBackend, tmp_path: Path) -> None:
    document = read_pdf(labelled_pdf(tmp_path / "processo.pdf", front=3, body=4))
    assert document.labels == ["i", "ii", "iii", "1", "2", "3", "4"]
    conversation = Conversation(loaded_backend, document, _search(document, tmp_path), SHORT)
    answer = conversation.ask("Quantas turmas de educação infantil a rede abriu?")
    assert answer.covered and answer.sources == list(range(1, 8))
    answer.points = [SummaryPoint("A rede abriu novas turmas", [7]), SummaryPoint("Apresentação", [2, 3, 4])]
    assert answer.render(document.label) == "A rede abriu novas turmas (p. 4) Apresentação (pp. ii–1)"
    assert answer.render() == "A rede abriu novas turmas (p. 7) Apresentação (pp. 2–4)"
    exported = export(conversation_document([answer], document, "SmolLM2", "ab" * 32, "pt-BR"),
                      tmp_path / "perguntas.md").read_text(encoding="utf-8")
    assert "page_numbering: printed labels" in exported and "(p. 4)" in exported
    assert "impressos no documento" in exported


def test_neighbours_across_a_page_break(small_context: LlamaCppBackend, tmp_path: Path) -> None:
    filler = [f"Página de relatório número {n} sobre transporte, saúde e educação. " * 5 for n in range(1, 31)]
    filler[14] = filler[14] + "O prazo para apresentar o recurso administrativo termina no dia"
    filler[15] = "vinte e dois de março, conforme o edital. " + filler[15]
    document = PdfText(path=tmp_path / "edital.pdf", sha256="e" * 64,
                       pages=[PageText(n, text) for n, text in enumerate(filler, start=1)])
    assert runs_on(filler[14])
    conversation = Conversation(small_context, document, _search(document, tmp_path), SHORT)
    mode, pages, _history, _query = conversation.plan("qual o prazo do recurso administrativo?")
    assert mode == "ranked" and {15, 16} <= set(pages) and len(pages) < 30


def test_cancel_keeps_what_was_written(loaded_backend: LlamaCppBackend, tmp_path: Path) -> None:
    document = read_pdf(text_pdf(tmp_path / "memo.pdf", 2, sentences=3))
    conversation = Conversation(loaded_backend, document, _search(document, tmp_path), AskOptions(max_tokens=200))
    cancel = CancelToken()

    def on_text(_text: str) -> None:
        if not cancel.cancelled:
            threading.Thread(target=cancel.cancel).start()

    answer = conversation.ask("Quantos ônibus elétricos foram recebidos?", cancel, on_text)
    assert answer.partial and answer.stats.generated_tokens < 200
    assert any("stopped" in str(w) for w in answer.warnings)


def test_bad_input_is_a_clear_message(loaded_backend: LlamaCppBackend, tmp_path: Path) -> None:
    scans = read_pdf(text_pdf(tmp_path / "digitalizado.pdf", 2, scanned=(1, 2)))
    assert "scanned" in str(Conversation.prepare(scans))
    with pytest.raises(AskError):
        Conversation(loaded_backend, scans, _search(scans, tmp_path))
    document = read_pdf(text_pdf(tmp_path / "memo.pdf", 1, sentences=3))
    conversation = Conversation(loaded_backend, document, _search(document, tmp_path))
    with pytest.raises(AskError, match="Type a question"):
        conversation.ask("   ")


def test_a_low_confidence_page_is_flagged(loaded_backend: LlamaCppBackend, tmp_path: Path) -> None:
    pages = [PageText(1, "O prazo do recurso é de quinze dias úteis a partir da publicação do edital."),
             PageText(2, "A comissão julgará os recursos em até trinta dias corridos após o prazo.", "ok", "ocr",
                      41.0)]  # read by OCR from a poor scan
    document = PdfText(path=tmp_path / "ocr.pdf", sha256="c" * 64, pages=pages)
    conversation = Conversation(loaded_backend, document, _search(document, tmp_path), SHORT)
    assert low_confidence(pages[1]) and not low_confidence(pages[0])
    answer = conversation.ask("Em quantos dias a comissão julga os recursos?")
    cited = {n for point in answer.points for n in point.pages}
    assert (2 in cited) == (answer.low_confidence_pages == [2])
    assert (2 in cited) == any("low confidence" in str(w) for w in answer.warnings)


def test_summaries_cite_printed_labels_too(tmp_path: Path) -> None:
    from rio_desktop.documents.summarize import SummaryOptions, SummaryResult, SummaryStats, summary_document

    document = read_pdf(labelled_pdf(tmp_path / "processo.pdf", front=2, body=3))
    result = SummaryResult(points=[SummaryPoint("Apresentação do relatório", [1, 2]),
                                   SummaryPoint("O orçamento foi executado", [3])],
                           options=SummaryOptions(), stats=SummaryStats())
    exported = export(summary_document(result, document, "SmolLM2", "ab" * 32), tmp_path / "resumo.md")
    text = exported.read_text(encoding="utf-8")
    assert "- Apresentação do relatório (pp. i, ii)" in text and "- O orçamento foi executado (p. 1)" in text
    assert "page_numbering: printed labels" in text and "impressos no documento" in text
    plain = read_pdf(text_pdf(tmp_path / "memo.pdf", 2, sentences=2))
    assert plain.labels is None
    text = export(summary_document(result, plain, "SmolLM2", "ab" * 32), tmp_path / "r2.md").read_text("utf-8")
    assert "(pp. 1, 2)" in text and "page_numbering: position in file" in text


def test_a_cut_off_answer_says_so(small_context: LlamaCppBackend, planted_document: PdfText,
                                  tmp_path: Path) -> None:
    """An answer that ends at its length limit mid-sentence is marked cut off, not shown as whole (issue 23)."""
    from wrapping_backend import WrappingBackend

    from rio_desktop.engine.backend import Generation, GenerationStats

    class CutOff(WrappingBackend):
        def chat(self, messages, params, on_text=None, cancel=None, on_reasoning=None, on_step=None):
            return Generation("A limpeza urbana custa por ano mais de", "length", GenerationStats(prompt_tokens=9))

    conversation = Conversation(CutOff(small_context), planted_document, _search(planted_document, tmp_path),
                                SHORT)
    answer = conversation.ask(PARAPHRASES[88])
    assert answer.points[-1].text.endswith("mais de…")
    assert any("cut off" in str(w) for w in answer.warnings)
