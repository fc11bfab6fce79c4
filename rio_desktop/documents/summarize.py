"""Summarizing a document of any length with page citations, over the engine's Backend interface.

A document that fits the context (instructions and answer budget included) is summarized in one pass.
A longer one is map-reduced: the pages are cut into chunks by tokens (on page boundaries where
possible), each chunk gives short notes citing its pages, and the notes are merged in rounds until one
summary remains. Every prompt is measured with the model's own tokenizer before it is sent, so none
exceeds the context; nothing is truncated. Citations are checked in code against the pages each step
actually saw (citations.py).
"""

from __future__ import annotations

import bisect
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from rio_desktop import APP_NAME, __version__
from rio_desktop.documents.citations import (
    CitationCheck,
    PageIndex,
    PageLabel,
    SummaryPoint,
    check_point,
    content_words,
    merge_repeated,
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
from rio_desktop.documents.echo import EchoFilter, without_reasoning
from rio_desktop.documents.export import Document, Provenance
from rio_desktop.documents.pdf_text import PdfText, format_page_list
from rio_desktop.engine.backend import (
    Backend,
    CancelToken,
    ChatMessage,
    Generation,
    GenerationParams,
    StepProgress,
)
from rio_desktop.engine.errors import GenerationCancelled
from rio_desktop.engine.reasoning import ReasoningPlan, ReasoningPolicy, ReasoningProgress, ReasoningTask
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError
from rio_desktop.units import Count

log = logging.getLogger(__name__)

Style = Literal["executive", "bullets", "detailed"]
Language = Literal["pt-BR", "en"]
Stage = Literal["reading", "summarizing", "merging", "writing"]
# A single-pass summary with no usable point is written again once, sampled differently.
SUMMARY_ATTEMPTS = 2
RETRY_TEMPERATURE = 0.6
STYLES: tuple[Style, ...] = ("bullets", "executive", "detailed")
LANGUAGES: tuple[Language, ...] = ("pt-BR", "en")

SAFETY_TOKENS = 16  # the joined text may tokenize a little differently from its parts
CLOSE_TOKENS = 16  # room for the closing tag the engine writes when the reasoning reaches its budget


class SummaryError(UserFacingError):
    """The document cannot be summarized (no text, model context too small)."""


@dataclass(frozen=True)
class SummaryOptions:
    style: Style = "bullets"
    language: Language = "pt-BR"
    temperature: float = 0.2
    reasoning: ReasoningPolicy = field(default_factory=ReasoningPolicy)
    # Where the model's state after reading a document that fits is kept (documents.document_prompt).
    states_on_disk: StatesOnDisk = "all"


@dataclass
class Chunk:
    index: int
    pieces: list[tuple[int, str]]  # (page number, text): a page, or a part of a long page
    tokens: int

    @property
    def pages(self) -> list[int]:
        return sorted({number for number, _ in self.pieces})


@dataclass
class Note:
    """Points from one step, each citing pages the step saw."""

    points: list[SummaryPoint]

    @property
    def pages(self) -> set[int]:
        return {p for point in self.points for p in point.pages}

    def render(self) -> str:
        return "\n".join(f"- {point.render()}" for point in self.points)


@dataclass
class Progress:
    stage: Stage
    done: int
    total: int
    eta_s: float | None = None
    fraction: float = 0.0  # of the whole summary, by tokens (prompts and answers, the final step included)
    attempt: int = 1  # 2: the summary is written again (what was streamed of the first is void)


@dataclass
class SummaryStats:
    pages: int = 0
    text_pages: int = 0
    document_tokens: int = 0
    prompt_tokens: int = 0  # sent
    prompt_tokens_evaluated: int = 0  # run through the model (a shared prefix is reused from the cache)
    generated_tokens: int = 0
    calls: int = 0
    chunks: int = 0
    merge_rounds: int = 0
    mode: str = "single"
    model_seconds: float = 0.0
    seconds: float = 0.0
    max_prompt_tokens: int = 0
    context_tokens: int = 0
    overhead_per_chunk: int = 0  # instruction tokens around each chunk
    final_overhead: int = 0  # instructions and answer budget of the final step, once
    citations_kept: int = 0
    citations_corrected: int = 0
    citations_dropped: int = 0
    reasoning_tokens: int = 0  # of generated_tokens: the model's reasoning, never in the summary
    reasoning_steps: int = 0  # steps allowed to reason
    retries: int = 0  # summaries written again because the first held no usable point
    notes_reasoning_budget: int = 0  # per map or merge step
    final_reasoning_budget: int = 0
    reasoning_overhead: int = 0  # the reasoning budgets of the steps run: a fixed overhead per step

    @property
    def evaluated_tokens(self) -> int:
        return self.prompt_tokens_evaluated + self.generated_tokens

    @property
    def evaluated_ratio(self) -> float:
        return self.evaluated_tokens / self.document_tokens if self.document_tokens else 0.0

    @property
    def evaluated_budget(self) -> int:
        """The efficiency goal: 1.3 x the document, plus fixed instructions per chunk and the final step,
        plus each step's reasoning budget (a fixed overhead per step, like its instructions)."""
        return int(1.3 * self.document_tokens) + self.chunks * self.overhead_per_chunk + self.final_overhead \
            + self.reasoning_overhead

    @property
    def tokens_per_second(self) -> float:
        return self.evaluated_tokens / self.model_seconds if self.model_seconds else 0.0

    def as_dict(self) -> dict:
        data = dict(self.__dict__)
        data.update(evaluated_tokens=self.evaluated_tokens, evaluated_ratio=round(self.evaluated_ratio, 4),
                    evaluated_budget=self.evaluated_budget,
                    tokens_per_second=round(self.tokens_per_second, 2))
        return data


@dataclass
class SummaryResult:
    points: list[SummaryPoint]
    options: SummaryOptions
    stats: SummaryStats
    warnings: list[Message] = field(default_factory=list)
    partial: bool = False
    uncertain_pages: list[int] = field(default_factory=list)  # read by OCR from a poor scan
    reasoning: list[str] = field(default_factory=list)  # one per step that reasoned; never in `summary`

    def needs_check(self, point: SummaryPoint) -> bool:
        """The point cites a page read from a poor scan: the clerk should check it against the page."""
        return bool(set(point.pages) & set(self.uncertain_pages))

    @property
    def summary(self) -> str:
        return self.render()

    def render(self, label: PageLabel | None = None) -> str:
        """The summary as text, points citing a poor scan marked; `label` names pages as the document
        prints them (PdfText.label)."""
        return render_summary(self.points, self.options.style, self.uncertain_pages,
                              _TEXT[self.options.language]["check"], label)


def _part_sizes(blocks: Sequence[tuple[int, str, int]], parts: Sequence[int]) -> dict[int, int]:
    """The tokens of each document of a process, keyed by its first page with text (a document's first
    page may have none, and only pages with text are blocks)."""
    starts = sorted(parts)
    sizes: dict[int, int] = {}
    first_block: dict[int, int] = {}  # a document's first page -> its first page with text
    for number, _text, tokens in blocks:
        index = bisect.bisect_right(starts, number) - 1
        if index >= 0:
            first = first_block.setdefault(starts[index], number)
            sizes[first] = sizes.get(first, 0) + tokens
    return sizes


def render_summary(points: Sequence[SummaryPoint], style: Style, uncertain_pages: Sequence[int] = (),
                   check_mark: str = "", label: PageLabel | None = None) -> str:
    """The summary as text; points citing a page in `uncertain_pages` end with `check_mark`; `label` names
    the pages as the document prints them (PdfText.label)."""
    uncertain = set(uncertain_pages)

    def render(point: SummaryPoint) -> str:
        marked = check_mark and uncertain.intersection(point.pages)
        return f"{point.render(label)} {check_mark}" if marked else point.render(label)

    if style == "executive":
        return " ".join(render(point) for point in points)
    lines: list[str] = []
    heading: str | None = None
    for point in points:
        if style == "detailed" and point.heading and point.heading != heading:
            heading = point.heading
            lines.extend(["", f"## {heading}"] if lines else [f"## {heading}"])
        lines.append(f"- {render(point)}")
    return "\n".join(lines).strip()


# -- prompts -------------------------------------------------------------------------------------------
_TEXT = {
    "pt-BR": {
        "system": "Você resume documentos da administração pública com fidelidade: só afirma o que está no "
                  "texto, com números e nomes exatos, e indica a página de cada informação no formato (p. N).",
        "answer_in": "Responda em português do Brasil.",
        "map": "Escreva notas curtas, em tópicos iniciados por '- ', com os fatos principais do trecho do "
               "documento abaixo. Termine cada tópico com a página de onde ele vem, no formato (p. N). No "
               "máximo {k} tópicos.\n\nTrecho (páginas {pages}):\n\n{text}",
        "merge": "Notas de partes de um documento, com as páginas de cada uma:\n\n{text}\n\nJunte estas notas "
                 "em no máximo {k} tópicos iniciados por '- ', sem repetir informações. Mantenha em cada "
                 "tópico as páginas citadas, no formato (p. N).",
        "executive": "Escreva um resumo executivo do texto acima em um único parágrafo, com as informações "
                     "mais importantes. Termine cada frase com a página de onde ela vem, no formato (p. N).",
        "bullets": "Escreva um resumo do texto acima em tópicos iniciados por '- '. Termine cada tópico com a "
                   "página de onde ele vem, no formato (p. N).",
        "detailed": "Escreva um resumo detalhado do texto acima, organizado por seções: cada seção começa com "
                    "um título iniciado por '## ' e tem tópicos iniciados por '- '. Termine cada tópico com a "
                    "página de onde ele vem, no formato (p. N).",
        "notes": "Notas do documento, com as páginas de cada uma:\n\n{text}\n\n{instruction}",
        "title": "Resumo — {name}",
        "check": "[confira: página digitalizada de baixa qualidade]",
        "footer": "Resumo gerado por {app} {version} com o modelo {model} em {date}. Confira cada informação "
                  "nas páginas citadas do documento original.",
        "numbering_labels": "Os números de página citados são os impressos no documento.",
    },
    "en": {
        "system": "You summarize public-administration documents faithfully: you state only what the text "
                  "says, with exact numbers and names, and you give the page of every piece of information "
                  "in the form (p. N).",
        "answer_in": "Answer in English.",
        "map": "Write short notes, as bullet points starting with '- ', with the main facts of the part of the "
               "document below. End each point with the page it comes from, in the form (p. N). At most {k} "
               "points.\n\nPart (pages {pages}):\n\n{text}",
        "merge": "Notes from parts of a document, with the pages of each:\n\n{text}\n\nMerge these notes into "
                 "at most {k} bullet points starting with '- ', without repeating information. Keep the cited "
                 "pages in each point, in the form (p. N).",
        "executive": "Write an executive summary of the text above in a single paragraph with the most "
                     "important information. End each sentence with the page it comes from, in the form (p. N).",
        "bullets": "Write a summary of the text above as bullet points starting with '- '. End each point with "
                   "the page it comes from, in the form (p. N).",
        "detailed": "Write a detailed summary of the text above, organised by sections: each section starts "
                    "with a title beginning with '## ' and has bullet points starting with '- '. End each point "
                    "with the page it comes from, in the form (p. N).",
        "notes": "Notes on the document, with the pages of each:\n\n{text}\n\n{instruction}",
        "title": "Summary — {name}",
        "check": "[check: page read from a poor scan]",
        "footer": "Summary written by {app} {version} with the model {model} on {date}. Check each statement "
                  "against the cited pages of the original document.",
        "numbering_labels": "Cited page numbers are the ones printed in the document.",
    },
}


class Summarizer:
    """One summary. `run()` does the work on the calling thread (the engine's worker in the app)."""

    def __init__(self, backend: Backend, options: SummaryOptions = SummaryOptions(),
                 cancel: CancelToken | None = None, on_progress: Callable[[Progress], None] | None = None,
                 on_text: Callable[[str], None] | None = None,
                 on_reasoning: Callable[[ReasoningProgress], None] | None = None) -> None:
        self.backend = backend
        self.on_reasoning = on_reasoning
        self.reasoning: list[str] = []
        self.options = options
        self.cancel = cancel or CancelToken()
        self.on_progress = on_progress
        self.on_text = on_text
        self.text = _TEXT[options.language]
        self._instruction_words = content_words(" ".join(
            [*(v for k, v in self.text.items() if k not in ("title", "footer", "check", "numbering_labels")),
             *our_texts(options.language)]))
        self.stats = SummaryStats()
        self.check = CitationCheck()
        self.n_ctx = backend.context_size()
        self.final_budget = max(128, min(1024, self.n_ctx // 4))  # narrowed to the document in plan()
        info = backend.info
        self.reasoning_mode = info.reasoning_mode if info is not None else "never"
        self._header_tokens_by_digits: dict[int, int] = {}
        self.trace: list[tuple[list[int], list[SummaryPoint]]] = []  # (pages seen, points) per map step
        self._done_tokens = 0
        self._total_tokens = 0
        self._name = ""  # the document's file name, in its shared start (run())
        self._states_on_disk = True
        # Within a model call: tokens read and written so far, and when it began (progress between stages).
        self._call_tokens = 0
        self._call_started: float | None = None
        self._stage: tuple[Stage, int, int] = ("reading", 0, 1)
        self._attempt = 1

    # -- checks before any work ----------------------------------------------------------------------
    @staticmethod
    def prepare(document: PdfText) -> Message | None:
        """Why this document cannot be summarized, or None when it can."""
        if document.page_count == 0:
            return Message(QT_TRANSLATE_NOOP("Core", "{name} has no pages."), name=document.path.name)
        if not document.text_pages and document.ocr_mode == "never" and document.page_count == 1:
            return Message(QT_TRANSLATE_NOOP(
                "Core", "{name} has no text to summarize: its only page is an image (a scanned document) or "
                        "unreadable. Turn on reading scanned pages (OCR) in Settings and open it again."),
                name=document.path.name)
        if not document.text_pages and document.page_count == 1:
            return Message(QT_TRANSLATE_NOOP(
                "Core", "{name} has no text to summarize: its only page has no text, not even read from its "
                        "image (a blank page, a picture, or a scan too poor to read)."), name=document.path.name)
        if not document.text_pages and document.ocr_mode == "never":
            return Message(QT_TRANSLATE_NOOP(
                "Core", "{name} has no text to summarize: all its {count} pages are images (a scanned "
                        "document) or unreadable. Turn on reading scanned pages (OCR) in Settings and open "
                        "it again."), name=document.path.name, count=document.page_count)
        if not document.text_pages:
            return Message(QT_TRANSLATE_NOOP(
                "Core", "{name} has no text to summarize: none of its {count} pages has text, not even read "
                        "from its image (blank pages, pictures, or scans too poor to read)."),
                name=document.path.name, count=document.page_count)
        return None

    # -- planning ------------------------------------------------------------------------------------
    def _messages(self, user: str, system: str = "") -> list[ChatMessage]:
        """A step's messages; `system`: the document's shared start (a document that fits), which a question
        about the same document begins with too."""
        return [ChatMessage("system", system or self.text["system"]),
                ChatMessage("user", f"{user}\n{self.text['answer_in']}")]

    def _page_block(self, number: int, text: str) -> str:
        return page_block(self.options.language, number, text)

    def _overhead(self, template: str, task: ReasoningTask = "notes", **fields: object) -> int:
        return self.backend.count_chat_tokens(self._messages(template.format(text="", **fields)),
                                              self._plan(task).enabled)

    def _plan(self, task: ReasoningTask) -> ReasoningPlan:
        """The reasoning a step may do: the policy's, within a quarter of the context."""
        plan = self.options.reasoning.plan(task, self.reasoning_mode)
        return ReasoningPlan(plan.enabled, min(plan.budget, self.n_ctx // 4))

    def _reserve(self, task: ReasoningTask) -> int:
        """Context a step keeps for its reasoning: the budget and the closing tag."""
        budget = self._plan(task).budget
        return budget + CLOSE_TOKENS if budget else 0

    def _final_instruction(self) -> str:
        return self.text[self.options.style]

    def plan(self, pages: Sequence[tuple[int, str]], parts: Sequence[int] = ()) -> tuple[str, list[Chunk]]:
        """("single", [one chunk]) when the document fits one prompt, else ("map", chunks). `parts`: the
        first pages of a process's documents; a document that fits one chunk is never cut between two."""
        # Each page's text is counted once (with a server, every count is a request).
        counted = [(n, t, self.backend.count_tokens(t)) for n, t in pages]
        self.stats.document_tokens = sum(tokens for _, _, tokens in counted)
        blocks = [(n, t, tokens + self._header_tokens(n)) for n, t, tokens in counted]
        # A summary is shorter than its document: at most a third of it, within the context's quarter.
        self.final_budget = max(128, min(1024, self.n_ctx // 4, self.stats.document_tokens // 3))
        total = sum(tokens for _, _, tokens in blocks)
        final_reserve = self._reserve("summary")
        self.stats.final_reasoning_budget = self._plan("summary").budget
        self.stats.notes_reasoning_budget = self._plan("notes").budget
        single_overhead = self.backend.count_chat_tokens(
            self._messages(self._final_instruction(), document_system(self.options.language, self._name, "")),
            self._plan("summary").enabled)
        self.stats.final_overhead = single_overhead + self.final_budget
        if single_overhead + total + self.final_budget + final_reserve + SAFETY_TOKENS <= self.n_ctx:
            return "single", [Chunk(0, [(n, t) for n, t, _ in blocks], total)]
        map_overhead = self._overhead(self.text["map"], pages="0000–0000", k=99)
        capacity = self.n_ctx - map_overhead - SAFETY_TOKENS
        # Notes take at most a sixteenth of the chunk: enough for its facts, small enough that writing and
        # re-reading them (merging rounds included) keeps the evaluated tokens within 1.3 x the document.
        notes_budget = max(48, min(512, capacity // 16))
        self.stats.overhead_per_chunk = map_overhead
        capacity -= notes_budget + self._reserve("notes")
        if capacity < 128:
            raise SummaryError(Message(QT_TRANSLATE_NOOP(
                "Core", "The model's context ({n_ctx} tokens) is too small to summarize with. Load the model "
                        "with a longer context."), n_ctx=self.n_ctx))
        self.notes_budget = notes_budget
        chunks: list[Chunk] = []
        current: list[tuple[int, str]] = []
        current_tokens = 0
        part_tokens = _part_sizes(blocks, parts)
        for number, text, tokens in blocks:
            if current and number in part_tokens and current_tokens + part_tokens[number] > capacity:
                chunks.append(Chunk(len(chunks), current, current_tokens))  # the next document starts afresh
                current, current_tokens = [], 0
            for piece, piece_tokens in self._fit(number, text, tokens, capacity):
                if current and current_tokens + piece_tokens > capacity:
                    chunks.append(Chunk(len(chunks), current, current_tokens))
                    current, current_tokens = [], 0
                current.append((number, piece))
                current_tokens += piece_tokens
        if current:
            chunks.append(Chunk(len(chunks), current, current_tokens))
        return "map", chunks

    def _block_tokens(self, number: int, text: str) -> int:
        return self.backend.count_tokens(text) + self._header_tokens(number)

    def _header_tokens(self, number: int) -> int:
        """Tokens of a page's header line, with a margin of 2. Counted apart from the page's text, the sum
        is at least what the joined block takes (a merge across the join only shortens it); headers whose
        numbers have as many digits take as many tokens, within the margin."""
        digits = len(str(number))
        if digits not in self._header_tokens_by_digits:
            self._header_tokens_by_digits[digits] = self.backend.count_tokens(
                self._page_block(number, "")) + 2
        return self._header_tokens_by_digits[digits]

    def _fit(self, number: int, text: str, tokens: int, capacity: int) -> list[tuple[str, int]]:
        """A page as one piece, or halved at the paragraph, sentence or word nearest its middle until
        every piece fits `capacity`."""
        if tokens <= capacity:
            return [(text, tokens)]
        middle = len(text) // 2
        cut = -1
        for separator in ("\n\n", "\n", ". ", " "):
            before, after = text.rfind(separator, 0, middle), text.find(separator, middle)
            candidates = [i + len(separator) for i in (before, after) if i > 0]
            if candidates:
                cut = min(candidates, key=lambda i: abs(i - middle))
                break
        if cut <= 0 or cut >= len(text):
            cut = middle
        pieces: list[tuple[str, int]] = []
        for part in (text[:cut].strip(), text[cut:].strip()):
            if part:
                pieces += self._fit(number, part, self._block_tokens(number, part), capacity)
        return pieces

    # -- running -------------------------------------------------------------------------------------
    def _progress(self, stage: Stage, done: int, total: int) -> None:
        self._stage = (stage, done, total)
        if self.on_progress is None:
            return
        eta = None
        # The time left from the speed measured so far, the call under way included: its prompt is read in
        # batches (minutes for a long document on a CPU) and its tokens written one by one.
        elapsed = self.stats.model_seconds
        done_tokens = self._done_tokens
        if self._call_started is not None:
            elapsed += time.perf_counter() - self._call_started
            done_tokens += self._call_tokens
        if done_tokens and elapsed > 0 and self._total_tokens > done_tokens:
            eta = (self._total_tokens - done_tokens) / (done_tokens / elapsed)
        fraction = min(done_tokens / self._total_tokens, 1.0) if self._total_tokens else 0.0
        if stage == "writing" and done >= total:
            fraction = 1.0
        self.on_progress(Progress(stage, done, total, eta, fraction, self._attempt))

    def _generate(self, user: str, max_tokens: int, task: ReasoningTask, stream: bool = False,
                  attempt: int = 1, system: str = "") -> Generation:
        messages = self._messages(user, system)
        plan = self._plan(task)
        prompt_tokens = self.backend.count_chat_tokens(messages, plan.enabled)
        needed = prompt_tokens + max_tokens + self._reserve(task)
        if needed > self.n_ctx:  # planning keeps this from happening; never send it
            raise SummaryError(Message(QT_TRANSLATE_NOOP(
                "Core", "A part of the document does not fit the model's context ({tokens} of {n_ctx} "
                        "tokens)."), tokens=Count(needed), n_ctx=Count(self.n_ctx)))
        # A second attempt samples differently (another seed, some temperature): the first gave nothing usable.
        temperature = self.options.temperature if attempt == 1 else max(self.options.temperature, RETRY_TEMPERATURE)
        params = GenerationParams(max_tokens=max_tokens, temperature=temperature,
                                  repeat_penalty=1.1, seed=attempt, reasoning=plan.enabled,
                                  reasoning_budget=plan.budget, prefix_end=system,
                                  keep_state_on_disk=self._states_on_disk)
        if plan.budget:
            self.stats.reasoning_steps += 1
            self.stats.reasoning_overhead += self._reserve(task)
        started = time.perf_counter()
        self._call_started, self._call_tokens = started, 0
        try:
            result = self.backend.chat(messages, params, self.on_text if stream else None, self.cancel,
                                       on_reasoning=self.on_reasoning, on_step=self._step)
        finally:
            self.stats.model_seconds += time.perf_counter() - started
            self._call_started, self._call_tokens = None, 0
        self.stats.reasoning_tokens += result.stats.reasoning_tokens
        if result.reasoning:
            self.reasoning.append(result.reasoning)
        self.stats.calls += 1
        self.stats.prompt_tokens += result.stats.prompt_tokens
        self.stats.prompt_tokens_evaluated += result.stats.prompt_tokens_evaluated
        self.stats.generated_tokens += result.stats.generated_tokens
        self.stats.max_prompt_tokens = max(self.stats.max_prompt_tokens, result.stats.prompt_tokens)
        self._done_tokens += result.stats.prompt_tokens_evaluated + result.stats.generated_tokens
        return result

    def _step(self, step: StepProgress) -> None:
        """A batch of the prompt read or a few tokens written: the progress moves within the stage."""
        self._call_tokens = step.prompt_done + step.generated
        self._progress(*self._stage)

    def _points(self, text: str, allowed: set[int], index: PageIndex) -> list[SummaryPoint]:
        sentences = self.options.style == "executive"
        # Our own instructions are never a point, nor a reasoning tag the model wrote itself ("</thought>").
        text = prompt_echo(self.options.language).clean(without_reasoning(text, ""))
        points = []
        for heading, raw in split_points(text, paragraph_as_sentences=sentences):
            point = check_point(raw, allowed, index, self.check, heading)
            if point is not None and not self._echoes_instructions(point.text, index, allowed):
                points.append(point)
        return merge_repeated(points)

    def _echoes_instructions(self, text: str, index: PageIndex, allowed: set[int]) -> bool:
        """A small model sometimes repeats its instructions back: such a point says nothing of the
        document (most of its words are the instructions', fewer are the document's)."""
        words = content_words(text)
        if not words:
            return True
        from_instructions = len(words & self._instruction_words) / len(words)
        from_document = max((len(words & index.words.get(n, set())) for n in allowed), default=0) / len(words)
        return from_instructions >= 0.6 and from_document < from_instructions

    def run(self, document: PdfText) -> SummaryResult:
        started = time.perf_counter()
        problem = self.prepare(document)
        if problem is not None:
            raise SummaryError(problem)
        pages = [(p.number, p.text) for p in document.text_pages]
        index = PageIndex(pages)
        self._name = document.path.name
        self._states_on_disk = states_may_go_to_disk(self.options.states_on_disk, document)
        self.stats.pages = document.page_count
        self.stats.text_pages = len(pages)
        self.stats.context_tokens = self.n_ctx
        warnings = document.warnings()
        mode, chunks = self.plan(pages, document.parts)
        self.stats.mode, self.stats.chunks = mode, len(chunks)
        # The work ahead in tokens: every chunk with its instructions and notes, then the final step (its
        # notes and its answer), so that the bar moves at the pace of the model and never goes back.
        self._total_tokens = sum(c.tokens for c in chunks) + len(chunks) * 200 + self.final_budget
        if mode != "single":
            self._total_tokens += len(chunks) * self.notes_budget // 2
        notes: list[Note] = []
        points: list[SummaryPoint] = []
        partial = False
        try:
            if mode == "single":
                chunk = chunks[0]
                self._progress("writing", 0, 1)
                body = "\n\n".join(self._page_block(n, t) for n, t in chunk.pieces)
                system = document_system(self.options.language, self._name, body)
                for attempt in range(1, SUMMARY_ATTEMPTS + 1):  # the prompt stays cached: a retry only writes
                    if attempt > 1:
                        self.stats.retries += 1
                        self._attempt = attempt
                        self._total_tokens += self.final_budget
                        self._progress("writing", 0, 1)
                    result = self._generate(self._final_instruction(), self.final_budget, "summary", stream=True,
                                            attempt=attempt, system=system)
                    points = self._points(result.text, set(chunk.pages), index)
                    if points:
                        break
                self._progress("writing", 1, 1)
            else:
                for chunk in chunks:
                    self._progress("summarizing", chunk.index, len(chunks))
                    body = "\n\n".join(self._page_block(n, t) for n, t in chunk.pieces)
                    pages_label = format_page_list(chunk.pages)
                    k = max(3, self.notes_budget // 40)
                    result = self._generate(self.text["map"].format(pages=pages_label, text=body, k=k),
                                            self.notes_budget, "notes")
                    note_points = self._points(result.text, set(chunk.pages), index)
                    self.trace.append((chunk.pages, note_points))
                    notes.append(Note(note_points or [SummaryPoint(_first_sentence(body), chunk.pages)]))
                self._progress("summarizing", len(chunks), len(chunks))
                points = self._reduce(notes, index)
        except GenerationCancelled:
            partial = True
            points = [p for note in notes for p in note.points] or points
            log.info("summary cancelled after %d calls", self.stats.calls)
        if not points:
            points = [p for note in notes for p in note.points]
        points = merge_repeated(points)
        if not points and not partial:
            # Never an empty summary delivered as if it were one (a small model may write bare numbers or
            # only citations: nothing of it can be checked against the document).
            raise SummaryError(Message(QT_TRANSLATE_NOOP(
                "Core", "The model wrote nothing that could be checked against the document, twice. Try "
                        "again with another summary style or a larger model.")))
        self.stats.seconds = time.perf_counter() - started
        self.stats.citations_kept = self.check.kept
        self.stats.citations_corrected = self.check.corrected
        self.stats.citations_dropped = self.check.dropped_citations
        if partial:
            warnings.append(Message(QT_TRANSLATE_NOOP(
                "Core", "The summary was stopped before the end: what is shown covers only the parts done.")))
        return SummaryResult(points=points, options=self.options, stats=self.stats, warnings=warnings,
                             partial=partial, uncertain_pages=document.low_confidence_pages,
                             reasoning=list(self.reasoning))

    def _reduce(self, notes: list[Note], index: PageIndex) -> list[SummaryPoint]:
        """Merge notes in rounds until they fit one final prompt; the final one is streamed."""
        final_overhead = self._overhead(self.text["notes"], "summary", instruction=self._final_instruction())
        self.stats.final_overhead = final_overhead + self.final_budget
        final_reserve = self._reserve("summary")
        merge_overhead = self._overhead(self.text["merge"], k=99)
        merge_budget = self.notes_budget
        while True:
            rendered = [(note, self.backend.count_tokens(note.render()) + 1) for note in notes]
            total = sum(tokens for _, tokens in rendered)
            if final_overhead + total + self.final_budget + final_reserve + SAFETY_TOKENS <= self.n_ctx \
                    or len(notes) == 1:
                break
            self.stats.merge_rounds += 1
            capacity = self.n_ctx - merge_overhead - merge_budget - self._reserve("notes") - SAFETY_TOKENS
            groups: list[list[tuple[Note, int]]] = [[]]
            for note, tokens in rendered:
                if groups[-1] and sum(t for _, t in groups[-1]) + tokens > capacity:
                    groups.append([])
                groups[-1].append((note, tokens))
            if len(groups) == len(notes):  # every note alone: merging pairs is impossible, stop here
                break
            merged: list[Note] = []
            for number, group in enumerate(groups):
                self._progress("merging", number, len(groups))
                if len(group) == 1:
                    merged.append(group[0][0])
                    continue
                group_notes = [note for note, _ in group]
                allowed = set().union(*(note.pages for note in group_notes))
                text = "\n".join(note.render() for note in group_notes)
                k = max(3, merge_budget // 40)
                result = self._generate(self.text["merge"].format(text=text, k=k), merge_budget, "notes")
                merged.append(Note(self._points(result.text, allowed, index)
                                   or [p for note in group_notes for p in note.points]))
            notes = merged
        allowed = set().union(*(note.pages for note in notes))
        text = "\n".join(note.render() for note in notes)
        self._progress("writing", 0, 1)
        # Every way out of the loop above leaves `total` counting exactly these notes.
        budget = min(self.final_budget, self.n_ctx - final_overhead - total - final_reserve - SAFETY_TOKENS)
        if budget < 64:  # the notes alone fill the context: they are the summary
            return [p for note in notes for p in note.points]
        result = self._generate(self.text["notes"].format(text=text, instruction=self._final_instruction()),
                                budget, "summary", stream=True)
        self._progress("writing", 1, 1)
        return self._points(result.text, allowed, index) or [p for note in notes for p in note.points]


@cache
def prompt_echo(language: Language) -> EchoFilter:
    """Every text of our prompts in `language` (not the title and footer, which the model never sees)."""
    return EchoFilter.of([*(text for key, text in _TEXT[language].items() if key not in ("title", "footer")),
                          *our_texts(language), PAGE[language]])


def _first_sentence(text: str) -> str:
    body = text.split("\n", 1)[-1].strip()
    return body.split(". ")[0][:300]


def summary_document(result: SummaryResult, source: PdfText, model_name: str, model_sha256: str,
                     translate: Callable[[str, str], str] | None = None) -> Document:
    """The exportable form of a summary, with its provenance."""
    text = _TEXT[result.options.language]
    provenance = Provenance(source_name=source.path.name, source_sha256=source.sha256, model_name=model_name,
                            model_sha256=model_sha256, created=Provenance.now(), style=result.options.style,
                            language=result.options.language,
                            page_numbering="printed labels" if source.labels else "position in file")
    footer = text["footer"].format(app=APP_NAME, version=__version__, model=model_name,
                                   date=local_long_date(provenance.created, result.options.language))
    if source.labels:  # the printed numbers differ from the positions: say which ones the citations use
        footer += " " + text["numbering_labels"]
    body = result.render(source.label)
    return Document(title=text["title"].format(name=source.path.name), body=body,
                    warnings=[w.render(translate) for w in result.warnings], provenance=provenance,
                    footer=footer)
