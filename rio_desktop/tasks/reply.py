"""Answer a received document: the use case behind "Responder" and `rio-desktop draft --reply-to`.

The received file (a PDF, scans read by OCR; a DOCX, ODT, RTF, text or HTML file; an e-mail) is read as the
other readers read it (ReadProcessTask), its parts are read in code (documents.received_letter), and the
reply's fields are filled from them (documents.reply): no model is needed to get the form filled. The body
is then drafted as every letter (DraftTask) from the clerk's notes and the requests ticked, and the
reference to the received letter opens it (ReplyDraft.body).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rio_desktop.documents.received_letter import ReceivedLetter, read_received
from rio_desktop.documents.reply import (
    SubjectChoice,
    reference_sentence,
    reply_fields,
    reply_notes,
    with_reference,
)
from rio_desktop.documents.reply_guess import Guess, apply_guess, guess_messages, needs_guess, read_guess
from rio_desktop.engine.backend import GenerationParams, task_params
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError
from rio_desktop.tasks.read import ReadProcessTask

if TYPE_CHECKING:
    from rio_desktop.documents.letter_rules import LetterFields
    from rio_desktop.documents.pdf_text import PdfText
    from rio_desktop.documents.process import ProcessProgress
    from rio_desktop.engine.backend import CancelToken, ModelInfo
    from rio_desktop.engine.reasoning import ReasoningPolicy
    from rio_desktop.engine.service import TaskContext

# Four short lines, copied from the document: greedy, no repetition penalty to push it off the document's words.
GUESS_PARAMS = GenerationParams(max_tokens=120, temperature=0.0, repeat_penalty=1.0)


@dataclass
class ReplyDraft:
    """What "Responder" fills the Draft page with: the reply's fields, the received letter read (its requests
    and deadlines beside the form), and what the clerk must know (OCR confidence, what could not be read)."""

    file: str
    received: ReceivedLetter
    fields: LetterFields
    ocr_confidence: float | None = None  # the mean OCR confidence of scanned pages, 0-100; None: text
    warnings: list[Message] = field(default_factory=list)  # reading problems, then the letter's problems
    pages: list[tuple[int, str]] = field(default_factory=list)  # the received text, for the model's guess
    guessed: list[str] = field(default_factory=list)  # "name", "office", "organization", "subject": the model's
    ours: LetterFields | None = None  # our side, as given (the fields are filled again after a guess)
    subject_choice: SubjectChoice = "reference"
    forms_folder: Path | None = None

    @property
    def needs_guess(self) -> bool:
        """No letter structure gave the sender or the subject: the model may guess them (marked)."""
        return needs_guess(self.received)

    def with_guess(self, guess: Guess) -> ReplyDraft:
        """The reply with what the model guessed where the reading found nothing, marked as guessed."""
        received = apply_guess(self.received, guess)
        ours = self.ours if self.ours is not None else self.fields
        return replace(self, received=received, guessed=guess.fields,
                       fields=reply_fields(received, ours, self.subject_choice, self.forms_folder))

    def reference(self) -> str:
        return reference_sentence(self.received)

    def notes(self, clerk_notes: str, chosen: Sequence[int] | None = None) -> str:
        """The notes for the model: the clerk's, and the requests ticked (indexes in received.requests)."""
        return reply_notes(self.received, clerk_notes, chosen)

    def body(self, model_text: str) -> str:
        """The model's body with the reference to the received letter opening its first paragraph."""
        return with_reference(model_text, self.received)

    def as_dict(self) -> dict:
        """The "reply_to" object of `draft --json`."""
        data = self.received.as_dict()
        return {"file": self.file, "number": data["number"], "date": data["date"], "subject": data["subject"],
                "kind": data["kind"], "identification": data["identification"], "sender": data["sender"],
                "requests": data["requests"], "deadlines": data["deadlines"],
                "placeholders": data["placeholders"], "reference": self.reference(),
                "ocr_confidence": None if self.ocr_confidence is None else round(self.ocr_confidence, 1),
                "guessed": self.guessed,
                "problems": [str(w) for w in self.warnings]}


@dataclass(frozen=True)
class ReplyTask:
    """A received file to answer, read with the settings' OCR."""

    path: Path
    read: ReadProcessTask

    @classmethod
    def prepare(cls, path: Path, settings: Any, cache_dir: Path, ocr_mode: str | None = None) -> ReplyTask:
        """`settings`: anything with Settings.get (ocr_mode, ocr_language). Raises UserFacingError when the
        file is not there."""
        if not path.is_file():
            raise UserFacingError(Message(QT_TRANSLATE_NOOP(
                "Core", "{name} was not found: choose the received letter's file again."), name=str(path)))
        return cls(path, ReadProcessTask.prepare(path, settings, cache_dir, ocr_mode))

    def run(self, ours: LetterFields, subject: SubjectChoice = "reference", forms_folder: Path | None = None,
            cancel: CancelToken | None = None,
            report: Callable[[ProcessProgress], None] | None = None) -> ReplyDraft:
        """The file read and the reply's fields filled: `ours` gives our side (number, sectors, city, date,
        signatory; anything else it holds wins over what was read). Raises UserFacingError with what to do
        when nothing of the file can be read (a damaged file, an unsupported format)."""
        process = self.read.run(cancel, report)
        if not process.documents:
            problems = process.warnings or [Message(QT_TRANSLATE_NOOP("Core", "it holds no text"))]
            raise UserFacingError(Message(QT_TRANSLATE_NOOP(
                "Core", "{name} could not be read as a letter to answer: {problems}"),
                name=self.path.name, problems=problems))
        document = process.documents[0]  # an e-mail's attachments come after it
        return reply_to_pages(self.path.name, document.text, document.kind, ours, subject, forms_folder,
                              process.warnings)


def reply_to_pages(file: str, text: PdfText, kind: str, ours: LetterFields, subject: SubjectChoice = "reference",
                   forms_folder: Path | None = None, warnings: Sequence[Message] = ()) -> ReplyDraft:
    """The reply to a document already read (the Summarize page's PDF, a document of an open process): its
    pages are not read again."""
    pages = [(p.number, p.text) for p in text.pages]
    received = read_received(pages, "e-mail" if kind == "e-mail" else "")
    confidences = [p.confidence for p in text.pages if p.source == "ocr" and p.confidence is not None]
    return ReplyDraft(file=file, received=received, fields=reply_fields(received, ours, subject, forms_folder),
                      ocr_confidence=sum(confidences) / len(confidences) if confidences else None,
                      warnings=[*warnings, *text.warnings(), *received.problems], pages=pages, ours=ours,
                      subject_choice=subject, forms_folder=forms_folder)


@dataclass(frozen=True)
class GuessTask:
    """The model asked who wrote a document without letter structure, and what about (documents.reply_guess):
    run on the engine's worker; only values written in the document are kept."""

    pages: list[tuple[int, str]]
    params: GenerationParams

    @classmethod
    def prepare(cls, reply: ReplyDraft, policy: ReasoningPolicy, info: ModelInfo | None) -> GuessTask | None:
        """None when the reading found the sender and the subject (nothing to guess)."""
        if not reply.needs_guess or not reply.pages:
            return None
        return cls(reply.pages, task_params("notes", policy, info, GUESS_PARAMS))

    def run(self, ctx: TaskContext) -> Guess:
        generation = ctx.backend.chat(guess_messages(self.pages), self.params, None, ctx.cancel,
                                      on_reasoning=ctx.reasoning)
        return read_guess(generation.text, self.pages)
