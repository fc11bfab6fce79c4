"""Summarize a document: the one use case behind the Summarize page and `rio-desktop summarize`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop.documents.lgpd import Redaction, redact_document
from rio_desktop.documents.summarize import Summarizer, SummaryError, SummaryOptions, SummaryResult, summary_document

if TYPE_CHECKING:
    from rio_desktop.documents.pdf_text import PdfText
    from rio_desktop.engine.backend import ModelInfo
    from rio_desktop.engine.service import TaskContext


@dataclass(frozen=True)
class SummarizeTask:
    """A summary settled before it runs: the document as it is sent (with placeholders for personal data
    when the clerk chose so: the Redaction puts the originals back into the result) and the options."""

    document: PdfText  # as read, for the export's provenance and the page labels
    sent: PdfText  # as the model gets it
    options: SummaryOptions
    redaction: Redaction | None = None

    @classmethod
    def prepare(cls, document: PdfText, options: SummaryOptions, redact: bool = False) -> SummarizeTask:
        """Raises SummaryError with what to do when the document cannot be summarized (no pages, no text)."""
        problem = Summarizer.prepare(document)
        if problem is not None:
            raise SummaryError(problem)
        if not redact:
            return cls(document, document, options)
        sent, redaction = redact_document(document)
        return cls(document, sent, options, redaction)

    def run(self, ctx: TaskContext) -> SummaryResult:
        """The summary (on the engine's worker in the window, on the command's own thread in the CLI)."""
        result = Summarizer(ctx.backend, self.options, ctx.cancel, ctx.status, ctx.text, ctx.reasoning).run(self.sent)
        if self.redaction is not None:  # the placeholders sent to the server become the originals again
            self.redaction.restore_points(result.points)
        return result


def export_summary(result: SummaryResult, document: PdfText, info: ModelInfo | None, path: Path,
                   cache_dir: Path, translate: Callable[[str, str], str] | None = None) -> Path:
    """The summary as Markdown, DOCX or PDF (by the file's extension) with its provenance: the source's and
    the model's sha256."""
    from rio_desktop.documents.export import export, loaded_model_sha256

    sha = loaded_model_sha256(info, cache_dir)
    return export(summary_document(result, document, info.name if info else "", sha, translate), path)
