"""Read a document's text, page by page, scanned pages by OCR: the one use case behind opening a PDF in the
window and `rio-desktop text`, `summarize` and `ask`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rio_desktop.documents.ocr import OcrOptions, ocr_options
from rio_desktop.documents.pdf_text import PdfText, ReadProgress, read_pdf
from rio_desktop.engine.backend import CancelToken


@dataclass(frozen=True)
class ReadTask:
    """A PDF to read, with the OCR the settings (or the command) choose and where its results are kept."""

    path: Path
    ocr: OcrOptions
    password: str | None = None

    @classmethod
    def prepare(cls, path: Path, settings: Any, cache_dir: Path, ocr_mode: str | None = None,
                password: str | None = None) -> ReadTask:
        """`settings`: anything with Settings.get (ocr_mode, ocr_language); `ocr_mode` overrides the setting."""
        ocr = ocr_options(ocr_mode or settings.get("ocr_mode"), settings.get("ocr_language"), cache_dir / "ocr")
        return cls(path, ocr, password)

    def with_password(self, password: str | None) -> ReadTask:
        return replace(self, password=password)

    def run(self, cancel: CancelToken | None = None,
            report: Callable[[ReadProgress], None] | None = None) -> PdfText:
        """The pages (in a child process: a broken PDF cannot take the application down). Raises PdfError,
        PdfPasswordRequired or ReadCancelled with what to do."""
        return read_pdf(self.path, self.password, cancel, report, ocr=self.ocr)
