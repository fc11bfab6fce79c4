"""Questions about a document: the one use case behind the Questions tab and `rio-desktop ask`.

An AskSession is one conversation about one document. Its search index (an SQLite connection) and its
Conversation are made, used and closed on the thread that runs the questions (the engine's worker in the
window, the command's own thread in the CLI), never handed between threads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop.documents.ask import Answer, AskError, AskOptions, Conversation, conversation_document
from rio_desktop.documents.lgpd import Redaction, redact_document
from rio_desktop.documents.search_index import PageSearch

if TYPE_CHECKING:
    from rio_desktop.documents.pdf_text import PdfText
    from rio_desktop.documents.process import CombinedProcess
    from rio_desktop.engine.backend import Backend, ModelInfo, StepProgress
    from rio_desktop.engine.service import TaskContext


class AskSession:
    """A conversation about `document` and where its search index is kept. Each question says whether the
    document goes with placeholders for its personal data (the clerk's choice when it leaves the computer);
    the answers get the originals back."""

    def __init__(self, document: PdfText, cache_dir: Path | None) -> None:
        self.document = document
        self.cache_dir = cache_dir
        self.search: PageSearch | None = None
        self.redaction: Redaction | None = None
        self._redacted: PdfText | None = None
        self._conversation: Conversation | None = None
        self._made_for: tuple[AskOptions, int, int, bool] | None = None
        self.answers: list[Answer] = []

    @classmethod
    def prepare(cls, document: PdfText, cache_dir: Path | None) -> AskSession:
        """Raises AskError with what to do when the document has no text to ask about."""
        problem = Conversation.prepare(document)
        if problem is not None:
            raise AskError(problem)
        return cls(document, cache_dir)

    def _sent(self, redact: bool) -> PdfText:
        if not redact:
            return self.document
        if self._redacted is None:
            self._redacted, self.redaction = redact_document(self.document)
        return self._redacted

    # -- on the thread that asks -----------------------------------------------------------------------
    def open_search(self) -> PageSearch:
        """The document's page index (kept in the cache folder by the document's sha256)."""
        if self.search is None:
            # The clerk's own text, on this computer: placeholders only ever go to the server.
            self.search = PageSearch.open([(p.number, p.text) for p in self.document.text_pages], self.cache_dir,
                                          self.document.sha256)
        return self.search

    def conversation(self, backend: Backend, options: AskOptions, redact: bool = False) -> Conversation:
        """The conversation for this backend, model and options: a new model or language goes on with the
        answers so far (a Conversation counts tokens with its model, so it is not reused across models)."""
        key = (options, id(backend), id(backend.info), redact)
        if self._conversation is None or self._made_for != key:
            self._conversation = Conversation(backend, self._sent(redact), self.open_search(), options)
            self._conversation.answers = list(self.answers)
            self._made_for = key
        return self._conversation

    @property
    def current(self) -> Conversation | None:
        """The conversation the last question went on."""
        return self._conversation

    def ask(self, ctx: TaskContext, question: str, options: AskOptions, redact: bool = False) -> Answer:
        """One question, answered from the document with its pages cited; kept for the follow-ups."""
        conversation = self.conversation(ctx.backend, options, redact)
        answer = conversation.ask(question, ctx.cancel, ctx.text, ctx.reasoning, on_step=reading(ctx))
        if redact and self.redaction is not None:  # shown with the originals; the model's own words stay as sent
            self.redaction.restore_points(answer.points)
        self.answers.append(answer)
        return answer

    def close(self) -> None:
        """Close the search index (on the thread that used it)."""
        if self.search is not None:
            self.search.close()
            self.search = None
        self._conversation = None


def reading(ctx: TaskContext) -> Callable[[StepProgress], None]:
    """Report the share of the prompt read as the task's progress (0..1), while nothing is written yet."""
    def step(progress: StepProgress) -> None:
        if progress.generated == 0 and progress.prompt_total:
            ctx.progress(progress.prompt_done / progress.prompt_total)

    return step


def export_conversation(answers: Sequence[Answer], document: PdfText, info: ModelInfo | None, path: Path,
                        cache_dir: Path, language: str,
                        translate: Callable[[str, str], str] | None = None,
                        process: CombinedProcess | None = None) -> Path:
    """The questions and answers as Markdown, DOCX or PDF with their provenance; about a `process`, each
    citation names its document and page."""
    from rio_desktop.documents.export import export, loaded_model_sha256

    sha = loaded_model_sha256(info, cache_dir)
    cite, name = (process.cite, process.process.source.name) if process is not None else (None, "")
    return export(conversation_document(answers, document, info.name if info else "", sha, language,  # type: ignore[arg-type]
                                        translate, cite, name), path)
