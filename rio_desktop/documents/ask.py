"""Questions about one document, answered from its pages with citations checked in code.

Which pages the model reads: the whole document when it fits the context with the conversation and the
answer budget; otherwise the pages ranked for the question (search_index: FTS5, BM25, Portuguese stems),
as many as fit, each with its neighbour where a passage runs across the page break, in page order.

Prompt layout, chosen for llama.cpp's prefix cache: the system message holds the instructions and the
pages, then the earlier questions with the model's own answers (its words, unchanged), then the new
question. On a document that fits, everything before the new question is identical to the previous
prompt plus the previous answer, which llama.cpp still holds in its KV cache: a follow-up evaluates only
its own tokens (`prompt_tokens_evaluated`). A server's prefix cache sees the same layout.

Citations are checked like a summary's (citations.py): a page the model was not given is removed, a
sentence without a valid citation is attributed to the given pages whose wording it shares, or shown as
uncited. When the document holds too few of the question's words, the model is not asked at all: the
answer says the document does not seem to cover it, and which words were searched.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from rio_desktop import APP_NAME, __version__
from rio_desktop.documents.citations import (
    CitationCheck,
    PageIndex,
    PageLabel,
    SummaryPoint,
    check_point,
    content_words,
    split_points,
)
from rio_desktop.documents.dates import local_long_date
from rio_desktop.documents.document_prompt import (
    PAGE,
    StatesOnDisk,
    document_system,
    our_texts,
    page_block,
    states_may_go_to_disk,
)
from rio_desktop.documents.echo import without_reasoning
from rio_desktop.documents.export import Document, Provenance
from rio_desktop.documents.pdf_text import PageText, PdfText, format_page_list
from rio_desktop.documents.search_index import PageSearch, Query
from rio_desktop.engine.backend import (
    Backend,
    CancelToken,
    ChatMessage,
    Generation,
    GenerationParams,
    StepCallback,
    task_params,
)
from rio_desktop.engine.errors import GenerationCancelled
from rio_desktop.engine.reasoning import ReasoningPolicy, ReasoningProgress
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError
from rio_desktop.units import Count

log = logging.getLogger(__name__)

Language = Literal["pt-BR", "en"]
Mode = Literal["whole", "ranked", "not_covered"]
REASONING_CLOSE_TOKENS = 16  # the engine's forced "</think>" and what follows it
MIN_USEFUL_REASONING = 64  # fewer reasoning tokens than this help no answer
SAFETY_TOKENS = 16  # the joined prompt may tokenize a little differently from its counted parts
DEFAULT_ANSWER_TOKENS = 384
HISTORY_SHARE = 4  # earlier turns take at most a quarter of the context when pages must be chosen
CHARACTERS_PER_TOKEN_MAX = 12
_SENTENCE_ENDS = (".", "!", "?", ":", ";", "…", "»", '"', "”")


class AskError(UserFacingError):
    """The question cannot be asked (no text, context too small)."""


@dataclass(frozen=True)
class AskOptions:
    language: Language = "pt-BR"
    max_tokens: int = DEFAULT_ANSWER_TOKENS  # the answer budget
    temperature: float = 0.2
    # Answers reason within a budget where the model and the user's choice allow (engine.reasoning);
    # the reasoning is shown apart and never enters an answer or an export.
    reasoning: ReasoningPolicy = field(default_factory=ReasoningPolicy)
    # The model's state after reading the whole document is kept for the next question, today or after a
    # restart (engine.state_cache): on disk for "all" documents, for those with "no_personal" data (LGPD),
    # or "never" (memory only).
    states_on_disk: StatesOnDisk = "all"


@dataclass
class AnswerStats:
    mode: str = "whole"
    prompt_tokens: int = 0
    prompt_tokens_evaluated: int = 0
    generated_tokens: int = 0  # reasoning included
    reasoning_tokens: int = 0
    reasoning_budget: int = 0
    time_to_first_token_s: float = 0.0
    seconds: float = 0.0
    rank_seconds: float = 0.0
    context_tokens: int = 0
    answer_budget: int = 0
    pages_given: int = 0
    history_turns: int = 0
    citations_kept: int = 0
    citations_corrected: int = 0
    citations_dropped: int = 0

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        for key in ("time_to_first_token_s", "seconds", "rank_seconds"):
            data[key] = round(data[key], 4)
        return data


@dataclass
class Answer:
    question: str
    points: list[SummaryPoint]
    sources: list[int]  # the pages the model was given (positions in the file)
    stats: AnswerStats
    searched: list[str]  # the question's words as searched
    language: Language = "pt-BR"
    covered: bool = True
    partial: bool = False
    raw: str = ""  # the model's own words: they return unchanged in the next prompt (prefix cache)
    low_confidence_pages: list[int] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    reasoning: str = ""  # the model's reasoning, apart; never in the answer, a copy or an export

    def render(self, label: PageLabel | None = None, cite: Callable[[list[int]], str] | None = None) -> str:
        """The answer as text, each sentence with its citation; uncited ones marked. `cite` names pages
        another way (a process: "(01-oficio.pdf, p. 2)")."""
        if not self.covered:
            return _TEXT[self.language]["not_covered"].format(words=", ".join(self.searched) or "—")
        if not self.points:
            return _TEXT[self.language]["no_answer"]
        uncited = _TEXT[self.language]["uncited"]
        return " ".join((f"{point.text} {cite(point.pages)}" if cite else point.render(label)) if point.pages
                        else f"{point.text} {uncited}" for point in self.points)

    @property
    def text(self) -> str:
        return self.render()


_TEXT = {
    "pt-BR": {
        "instructions": "Responda à pergunta abaixo sobre o documento acima usando apenas o que está escrito "
                        "nele. Responda de forma curta e direta, com números, datas e nomes exatos. Termine cada "
                        "frase com a página de onde a informação vem, no formato (p. N). Se o documento não "
                        "responder à pergunta, diga que não encontrou a informação.",
        "ask": "{question}\n\nResponda em português do Brasil, citando as páginas no formato (p. N).",
        "not_covered": "O documento não parece tratar disso (palavras buscadas: {words}).",
        "no_answer": "O modelo não deu uma resposta baseada no documento.",
        "uncited": "[sem página citada]",
        "title": "Perguntas sobre {name}",
        "question": "Pergunta: {question}",
        "numbering_labels": "Os números de página citados são os impressos no documento.",
        "numbering_position": "Os números de página citados são a posição da página no arquivo.",
        "footer": "Respostas geradas por {app} {version} com o modelo {model} em {date}. Confira cada informação "
                  "nas páginas citadas do documento original.",
    },
    "en": {
        "instructions": "Answer the question below about the document above using only what it says. Answer "
                        "briefly and directly, with exact numbers, dates and names. End each sentence with the "
                        "page the information comes from, in the form (p. N). If the document does not answer "
                        "the question, say that you did not find the information.",
        "ask": "{question}\n\nAnswer in English, citing the pages in the form (p. N).",
        "not_covered": "The document does not seem to cover this (words searched: {words}).",
        "no_answer": "The model gave no answer based on the document.",
        "uncited": "[no page cited]",
        "title": "Questions about {name}",
        "question": "Question: {question}",
        "numbering_labels": "Cited page numbers are the ones printed in the document.",
        "numbering_position": "Cited page numbers are the pages' positions in the file.",
        "footer": "Answers written by {app} {version} with the model {model} on {date}. Check each statement "
                  "against the cited pages of the original document.",
    },
}


def low_confidence(page: PageText) -> bool:
    """A page read by OCR with low confidence (documents.ocr decides what low is)."""
    return page.low_confidence


def runs_on(text: str) -> bool:
    """The page's last sentence continues on the next page (no sentence end at its bottom)."""
    tail = text.rstrip()
    return bool(tail) and not tail.endswith(_SENTENCE_ENDS)


def continues(text: str) -> bool:
    """The page starts in the middle of a sentence from the previous page."""
    head = text.lstrip()
    return bool(head) and head[0].islower()


class Conversation:
    """Questions about one document, in order. `ask()` runs on the calling thread (the engine's worker
    in the app); the conversation keeps the earlier turns for follow-ups."""

    def __init__(self, backend: Backend, document: PdfText, search: PageSearch,
                 options: AskOptions = AskOptions()) -> None:
        problem = self.prepare(document)
        if problem is not None:
            raise AskError(problem)
        self.backend = backend
        self.document = document
        self.search = search
        self.options = options
        self.text = _TEXT[options.language]
        self.pages = {p.number: p for p in document.text_pages}
        self.index = PageIndex([(p.number, p.text) for p in document.text_pages])
        self.answers: list[Answer] = []
        self._block_tokens: dict[int, int] = {}
        # A turn's prompts counted once each (planning and generating ask about the same ones; with a
        # server every count is a request). Emptied at each question.
        self._counts: dict[tuple[tuple[tuple[str, str], ...], bool | None], int] = {}
        self._instruction_words = content_words(" ".join(
            [*(v for k, v in self.text.items() if k in ("instructions", "ask")), *our_texts(options.language)]))

    @staticmethod
    def prepare(document: PdfText) -> Message | None:
        """Why questions cannot be asked about this document, or None when they can."""
        if not document.text_pages:
            return Message(QT_TRANSLATE_NOOP(
                "Core", "{name} has no text to search: its pages are images (a scanned document) or "
                        "unreadable. Use a PDF with a text layer (for instance, one passed through OCR)."),
                name=document.path.name)
        return None

    # -- the prompt ----------------------------------------------------------------------------------
    def _page_block(self, number: int) -> str:
        return page_block(self.options.language, number, self.pages[number].text)

    def _system(self, pages: Sequence[int]) -> str:
        """The document's shared start (documents.document_prompt): a summary of it begins the same way."""
        blocks = "\n\n".join(self._page_block(n) for n in pages)
        return document_system(self.options.language, self.document.path.name, blocks)

    def _user(self, question: str, first: bool = True) -> str:
        """A question's turn; the first turn after the document carries the instructions for answering (once:
        every later turn would read them again)."""
        asked = self.text["ask"].format(question=question.strip())
        return f"{self.text['instructions']}\n\n{asked}" if first else asked

    def messages(self, pages: Sequence[int], history: Sequence[Answer], question: str) -> list[ChatMessage]:
        messages = [ChatMessage("system", self._system(pages))]
        for turn in history:
            messages += [ChatMessage("user", self._user(turn.question, first=len(messages) == 1)),
                         ChatMessage("assistant", turn.raw)]
        messages.append(ChatMessage("user", self._user(question, first=len(messages) == 1)))
        return messages

    def _tokens_of(self, number: int) -> int:
        if number not in self._block_tokens:
            self._block_tokens[number] = self.backend.count_tokens(self._page_block(number)) + 2
        return self._block_tokens[number]

    # -- choosing pages ------------------------------------------------------------------------------
    def _history(self) -> list[Answer]:
        return [a for a in self.answers if a.raw.strip()]

    def _query(self, question: str) -> tuple[Query, Query]:
        """(the question's own terms, the terms to rank with). A follow-up ("e para o Presidente?") ranks
        with the previous question's terms too, after its own."""
        own = Query.of(question)
        previous = next((a for a in reversed(self.answers) if a.covered), None)
        if previous is None:
            return own, own
        before = Query.of(previous.question)
        stems = own.stems + tuple(s for s in before.stems if s not in own.stems)
        words = own.words + tuple(w for s, w in zip(before.stems, before.words, strict=True) if s not in own.stems)
        return own, Query(words, stems)

    def covers(self, query: Query, follow_up: bool = False) -> bool:
        """At least half of the question's terms occur somewhere in the document; for a follow-up, which
        leans on the questions before it ("e a obra fica em que bairro?"), at least one."""
        if not query.stems:
            return False
        found = self.search.found(query.stems)
        return len(found) >= (1 if follow_up else math.ceil(len(query.stems) / 2))

    def plan(self, question: str) -> tuple[Mode, list[int], list[Answer], Query]:
        """Which pages and which earlier turns go into the prompt for `question`."""
        own, ranking = self._query(question)
        searched = own if own.stems else ranking
        if not self.covers(searched, follow_up=ranking is not own):
            return "not_covered", [], [], searched
        n_ctx = self.backend.context_size()
        budget = self._answer_budget(n_ctx)
        all_pages = sorted(self.pages)
        history = self._history()
        # No token takes more than a dozen characters of prose: a document that long cannot fit, and its
        # pages need not be counted (with a server, every count is a request).
        surely_too_long = sum(len(self.pages[n].text) for n in all_pages) // CHARACTERS_PER_TOKEN_MAX > n_ctx
        if not surely_too_long and sum(self._tokens_of(n) for n in all_pages) < n_ctx:
            # The whole document, dropping the oldest turns while the conversation does not fit.
            while True:
                tokens = self._count(self.messages(all_pages, history, question))
                if tokens + budget + SAFETY_TOKENS <= n_ctx:
                    return "whole", all_pages, history, searched
                if not history:
                    break
                history = history[1:]
        history = self._history()
        bare = self._count(self.messages([], [], question))
        overhead = self._count(self.messages([], history, question))
        while history and overhead - bare > n_ctx // HISTORY_SHARE:  # the oldest turns go first
            history = history[1:]
            overhead = self._count(self.messages([], history, question))
        capacity = n_ctx - overhead - budget - SAFETY_TOKENS
        if capacity < 64:
            raise AskError(Message(QT_TRANSLATE_NOOP(
                "Core", "The model's context ({n_ctx} tokens) is too small to answer questions with. Load the "
                        "model with a longer context."), n_ctx=Count(n_ctx)))
        chosen = self._choose(ranking, capacity)
        return "ranked", chosen, history, searched

    def _count(self, messages: Sequence[ChatMessage], reasoning: bool | None = None) -> int:
        key = (tuple((m.role, m.content) for m in messages), reasoning)
        if key not in self._counts:
            self._counts[key] = self.backend.count_chat_tokens(messages, reasoning)
        return self._counts[key]

    def _answer_budget(self, n_ctx: int) -> int:
        return max(64, min(self.options.max_tokens, n_ctx // 4))

    def _choose(self, query: Query, capacity: int) -> list[int]:
        """The ranked pages, best first, each with the neighbour its passage runs into, while they fit."""
        chosen: set[int] = set()
        used = 0
        for hit in self.search.rank(query.stems):
            if hit.page not in self.pages:
                continue
            group = [hit.page]
            text = self.pages[hit.page].text
            if runs_on(text) and hit.page + 1 in self.pages:
                group.append(hit.page + 1)
            if continues(text) and hit.page - 1 in self.pages:
                group.append(hit.page - 1)
            for number in group:
                if number in chosen:
                    continue
                tokens = self._tokens_of(number)
                if used + tokens <= capacity:
                    chosen.add(number)
                    used += tokens
            if capacity - used < 32:
                break
        return sorted(chosen)

    # -- asking --------------------------------------------------------------------------------------
    def _params(self, messages: list[ChatMessage], max_tokens: int) -> GenerationParams:
        """The answer's parameters with the reasoning the policy gives answers on this model, its budget
        cut to the room the context leaves after the prompt and the answer (the answer comes first)."""
        params = task_params("answer", self.options.reasoning, self.backend.info, max_tokens=max_tokens,
                             temperature=self.options.temperature, repeat_penalty=1.1, seed=1)
        if not params.reasoning_budget or params.reasoning is False:
            return params
        prompt = self._count(messages, params.reasoning)
        room = self.backend.context_size() - prompt - max_tokens - SAFETY_TOKENS - REASONING_CLOSE_TOKENS
        if room >= MIN_USEFUL_REASONING:
            return replace(params, reasoning_budget=min(params.reasoning_budget, room))
        # No room to think: answer at once (a model that always reasons is closed by the engine at once).
        return replace(params, reasoning=False if params.reasoning else None, reasoning_budget=0)

    def _generate(self, messages: list[ChatMessage], params: GenerationParams, cancel: CancelToken,
                  on_text: Callable[[str], None] | None,
                  on_reasoning: Callable[[ReasoningProgress], None] | None,
                  on_step: StepCallback | None = None) -> Generation:
        """The one place an answer is generated."""
        return self.backend.chat(messages, params, on_text, cancel, on_reasoning=on_reasoning, on_step=on_step)

    def ask(self, question: str, cancel: CancelToken | None = None,
            on_text: Callable[[str], None] | None = None,
            on_reasoning: Callable[[ReasoningProgress], None] | None = None,
            on_step: StepCallback | None = None) -> Answer:
        """Answer `question` (a follow-up of the earlier ones); the answer is kept for the next. `on_step`
        hears how much of the prompt (the pages given) is read: most of the wait on a CPU."""
        question = question.strip()
        if not question:
            raise AskError(Message(QT_TRANSLATE_NOOP("Core", "Type a question first.")))
        started = time.perf_counter()
        cancel = cancel or CancelToken()
        self._counts.clear()
        stats = AnswerStats(context_tokens=self.backend.context_size())
        mode, pages, history, query = self.plan(question)
        stats.rank_seconds = time.perf_counter() - started
        stats.mode, stats.pages_given, stats.history_turns = mode, len(pages), len(history)
        answer = Answer(question=question, points=[], sources=pages, stats=stats, searched=list(query.words),
                        language=self.options.language)
        if mode == "not_covered":
            answer.covered = False
            if on_text is not None:
                on_text(answer.render())
            stats.seconds = time.perf_counter() - started
            self.answers.append(answer)
            return answer
        messages = self.messages(pages, history, question)
        prompt_tokens = self._count(messages)
        budget = min(self._answer_budget(stats.context_tokens), stats.context_tokens - prompt_tokens - SAFETY_TOKENS)
        if budget < 32:  # planning keeps this from happening; never send it
            raise AskError(Message(QT_TRANSLATE_NOOP(
                "Core", "The question does not fit the model's context ({tokens} of {n_ctx} tokens)."),
                tokens=Count(prompt_tokens), n_ctx=Count(stats.context_tokens)))
        stats.answer_budget = budget
        params = self._params(messages, budget)
        if mode == "whole":  # every question about this document starts with it: read once, kept
            params = replace(params, prefix_end=messages[0].content,
                             keep_state_on_disk=states_may_go_to_disk(self.options.states_on_disk,
                                                                      self.document))
        stats.reasoning_budget = params.reasoning_budget
        try:
            result = self._generate(messages, params, cancel, on_text, on_reasoning, on_step)
        except GenerationCancelled as exc:
            result = exc.partial if isinstance(exc.partial, Generation) else Generation("", "cancelled")
            answer.partial = True
            answer.warnings.append(Message(QT_TRANSLATE_NOOP(
                "Core", "The answer was stopped before the end: what is shown is what the model had written.")))
        stats.prompt_tokens = result.stats.prompt_tokens
        stats.prompt_tokens_evaluated = result.stats.prompt_tokens_evaluated
        stats.generated_tokens = result.stats.generated_tokens
        stats.reasoning_tokens = result.stats.reasoning_tokens
        answer.reasoning = result.reasoning
        stats.time_to_first_token_s = result.stats.time_to_first_token_s
        answer.raw = result.text
        answer.points = self._points(without_reasoning(result.text, ""), set(pages), stats)  # stray "</think>"
        if result.finish_reason == "length" and answer.points and not answer.partial:
            last = answer.points[-1]
            if not last.text.rstrip().endswith((".", "!", "?", "…", ":")):  # cut mid-sentence: say so
                last.text = last.text.rstrip(" ,;") + "…"
                answer.warnings.append(Message(QT_TRANSLATE_NOOP(
                    "Core", "The answer reached its length limit and its last sentence is cut off. Ask again "
                            "for a shorter answer, or about one point at a time.")))
        cited = sorted({n for point in answer.points for n in point.pages})
        answer.low_confidence_pages = [n for n in cited if low_confidence(self.pages[n])]
        if answer.low_confidence_pages:
            answer.warnings.append(Message(QT_TRANSLATE_NOOP(
                "Core", "Cited pages read from images with low confidence: {pages}. Check them against the "
                        "page itself."), pages=format_page_list(answer.low_confidence_pages)))
        stats.seconds = time.perf_counter() - started
        self.answers.append(answer)
        return answer

    def _points(self, text: str, allowed: set[int], stats: AnswerStats) -> list[SummaryPoint]:
        check = CitationCheck()
        points = []
        for heading, raw in split_points(text, paragraph_as_sentences=True):
            point = check_point(raw, allowed, self.index, check, heading, cite_all_when_unsupported=False)
            if point is not None and not self._echoes(point.text, allowed):
                points.append(point)
        stats.citations_kept, stats.citations_corrected = check.kept, check.corrected
        stats.citations_dropped = check.dropped_citations
        return points

    def _echoes(self, text: str, allowed: set[int]) -> bool:
        """A sentence that repeats our instructions or page headers instead of the document's words."""
        if PAGE[self.options.language].split("{")[0].strip("[ ") in text and "]" in text:
            return True
        words = content_words(text)
        if not words:
            return True
        from_instructions = len(words & self._instruction_words) / len(words)
        from_document = max((len(words & self.index.words.get(n, set())) for n in allowed), default=0) / len(words)
        return from_instructions >= 0.6 and from_document < from_instructions


def conversation_document(answers: Sequence[Answer], source: PdfText, model_name: str, model_sha256: str,
                          language: Language, translate: Callable[[str, str], str] | None = None,
                          cite: Callable[[list[int]], str] | None = None, source_name: str = "") -> Document:
    """The exportable conversation, with the provenance of a summary and the page numbering it uses (a
    process: `cite` names each document and its page, `source_name` the process)."""
    text = _TEXT[language]
    numbering = "printed labels" if source.labels else "position in file"
    name = source_name or source.path.name
    provenance = Provenance(source_name=name, source_sha256=source.sha256, model_name=model_name,
                            model_sha256=model_sha256, created=Provenance.now(), style="questions",
                            language=language, page_numbering=numbering)
    lines: list[str] = []
    for answer in answers:
        lines += [f"## {text['question'].format(question=answer.question)}", "",
                  answer.render(source.label, cite), ""]
    warnings = [w.render(translate) for a in answers for w in a.warnings]
    warnings += [w.render(translate) for w in source.warnings()]
    footer = text["footer"].format(app=APP_NAME, version=__version__, model=model_name,
                                   date=local_long_date(provenance.created, language))
    if cite is None:  # a process's citations name each document's own pages: no numbering to explain
        footer += " " + text["numbering_labels" if source.labels else "numbering_position"]
    return Document(title=text["title"].format(name=name), body="\n".join(lines).strip(),
                    warnings=list(dict.fromkeys(warnings)), provenance=provenance, footer=footer)


def answer_json(answer: Answer, label: PageLabel | None = None) -> dict:
    """One answer as the command line's --json prints it."""
    data: dict = {
        "question": answer.question,
        "answer": answer.render(label),
        "points": [{"text": p.text, "pages": p.pages} for p in answer.points],
        "sources": answer.sources,
        "stats": answer.stats.as_dict(),
        "covered": answer.covered,
        "searched": answer.searched,
        "partial": answer.partial,
        "low_confidence_pages": answer.low_confidence_pages,
        "warnings": [str(w) for w in answer.warnings],
    }
    if label is not None:
        data["source_labels"] = [label(n) for n in answer.sources]
        for point, item in zip(answer.points, data["points"], strict=True):
            item["labels"] = [label(n) for n in point.pages]
    return data


__all__ = ["Answer", "AnswerStats", "AskError", "AskOptions", "Conversation", "conversation_document",
           "answer_json"]
