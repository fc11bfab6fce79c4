"""Draft a letter's body and rewrite a passage: the use cases behind the Draft page and `rio-desktop draft`.

The formal parts of a letter are composed by code (documents.letter); the model writes only the body. A
DraftTask settles the request before it runs: the notes as they are sent (placeholders for personal data
when the clerk chose so), the messages, and the reasoning the user's policy gives letters on this model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop.documents.letter import ModelRequest, body_request, rewrite_request
from rio_desktop.documents.lgpd import Redaction, redact
from rio_desktop.engine.backend import Generation, GenerationParams, task_params

if TYPE_CHECKING:
    from rio_desktop.documents.letter import Letter, Template
    from rio_desktop.documents.letter_rules import LetterFields
    from rio_desktop.engine.backend import ModelInfo
    from rio_desktop.engine.reasoning import ReasoningPolicy
    from rio_desktop.engine.service import TaskContext


@dataclass(frozen=True)
class DraftTask:
    """One request to the model for a letter: a body from the clerk's notes, or one paragraph rewritten."""

    request: ModelRequest
    params: GenerationParams
    redaction: Redaction | None = None

    @classmethod
    def body(cls, template: Template, fields: LetterFields, notes: str, policy: ReasoningPolicy,
             info: ModelInfo | None, redact_notes: bool = False, seed: int | None = None) -> DraftTask:
        redaction = redact(notes) if redact_notes else None
        request = body_request(template, fields, redaction.text if redaction else notes)
        return cls(request, task_params("letter", policy, info, request.params, seed=seed), redaction)

    @classmethod
    def rewrite(cls, kind: str, paragraph: str, policy: ReasoningPolicy, info: ModelInfo | None) -> DraftTask:
        request = rewrite_request(kind, paragraph)
        return cls(request, task_params("rewrite", policy, info, request.params))

    def run(self, ctx: TaskContext) -> Generation:
        """The model's raw text, streamed through ctx.text; finish() makes it the letter's."""
        return ctx.backend.chat(list(self.request.messages), self.params, ctx.text, ctx.cancel,
                                on_reasoning=ctx.reasoning)

    def finish(self, text: str, reasoning: str = "") -> str:
        """The model's text without any words of our prompts or of its reasoning, with the personal data
        put back."""
        cleaned = self.request.clean(text, reasoning)
        return self.redaction.restore(cleaned) if self.redaction is not None else cleaned


def export_letter_file(letter: Letter, template: Template, info: ModelInfo | None, path: Path,
                       cache_dir: Path) -> Path:
    """The letter as DOCX or PDF (by the file's extension), with the template and model in its properties."""
    from rio_desktop.documents.export import Provenance, loaded_model_sha256
    from rio_desktop.documents.letter_export import LetterProvenance, export_letter

    provenance = LetterProvenance(template=template.id, model_name=info.name if info else "",
                                  model_sha256=loaded_model_sha256(info, cache_dir), created=Provenance.now())
    return export_letter(letter, path, provenance)
