"""Read a document's text, page by page, scanned pages by OCR: the one use case behind opening a PDF in the
window and `rio-desktop text`, `summarize` and `ask`; and a process (a folder, a ZIP, a file of any supported
format) as its documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rio_desktop.documents.ocr import OcrOptions, ocr_options
from rio_desktop.documents.pdf_text import PdfText, ReadProgress, read_pdf
from rio_desktop.engine.backend import CancelToken

if TYPE_CHECKING:
    from rio_desktop.documents.process import Process, ProcessProgress


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


def is_single_pdf(path: Path) -> bool:
    """A PDF file is read as one document (today's output); anything else as a process."""
    return path.is_file() and path.suffix.lower() == ".pdf"


@dataclass(frozen=True)
class ReadProcessTask:
    """A process to read: a folder, a ZIP or one file of any supported format, with the settings' OCR."""

    paths: tuple[Path, ...]  # a folder, a ZIP, or files chosen together
    ocr: OcrOptions
    work_dir: Path  # the private folder where a ZIP's PDF or image is handed to the page reader

    @classmethod
    def prepare(cls, path: Path | Sequence[Path], settings: Any, cache_dir: Path,
                ocr_mode: str | None = None) -> ReadProcessTask:
        ocr = ocr_options(ocr_mode or settings.get("ocr_mode"), settings.get("ocr_language"), cache_dir / "ocr")
        return cls((path,) if isinstance(path, Path) else tuple(path), ocr, cache_dir / "process")

    def run(self, cancel: CancelToken | None = None,
            report: Callable[[ProcessProgress], None] | None = None) -> Process:
        """Every document; a broken one is named in the warnings. Raises ProcessError for a ZIP that cannot be
        opened or is refused."""
        from rio_desktop.documents.process import read_process

        return read_process(self.paths, self.ocr, cancel, report, self.work_dir)
