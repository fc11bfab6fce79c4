"""Text of a PDF, page by page (pypdf, and OCR for scanned pages), read in a child process.

pypdf is pure Python and cannot be interrupted: a pathological page can keep it busy for minutes, and
so can tesseract on a strange image. The reading therefore happens in a child process that sends each
page's text as soon as it has it; the parent gives every page a time limit, and when one is exceeded it
ends the child, records that page as unreadable and starts a new child at the next page. Cancelling ends
the child at once.

Pages whose text layer is missing or garbage are read from their image (ocr.py) unless OCR is off; what
OCR read is cached per document and page (ocr_cache.py). Each page keeps where its text came from and
the OCR's confidence: other features (summaries, questions) read them from `PdfText.pages`.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rio_desktop.documents.ocr import LOW_CONFIDENCE, OcrMode, OcrOptions, OcrResult, WordBox, tessdata_dir
from rio_desktop.documents.ocr_cache import OcrCache
from rio_desktop.documents.pdf_child import CHILD_ARGUMENT
from rio_desktop.documents.text_layer import MIN_TEXT_CHARS, clean_page_text, usable
from rio_desktop.engine.backend import CancelToken
from rio_desktop.hashing import file_sha256
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError

log = logging.getLogger(__name__)

PAGE_TIMEOUT_S = 30.0
# Reading a page's image takes 1-3 s on two cores (twice that when a poor scan is read again filtered).
OCR_TIMEOUT_S = 60.0
PageStatus = Literal["ok", "no_text", "failed", "timeout"]
PageSource = Literal["text", "ocr", "none"]
__all__ = ["MIN_TEXT_CHARS", "clean_page_text"]  # kept importable from here


class PdfError(UserFacingError):
    """The PDF cannot be read."""


class PdfPasswordRequired(PdfError):
    """The PDF is encrypted and needs a password (`wrong` when one was given and did not open it)."""

    def __init__(self, message: Message, wrong: bool) -> None:
        super().__init__(message)
        self.wrong = wrong


class ReadCancelled(UserFacingError):
    """The user cancelled reading (a UserFacingError, so the window shows it as such, not as a fault)."""

    def __init__(self) -> None:
        super().__init__(Message(QT_TRANSLATE_NOOP("Core", "Reading the document was stopped.")))


@dataclass
class PageText:
    number: int  # 1-based, as printed in citations
    text: str
    status: PageStatus = "ok"
    source: PageSource = "text"  # where `text` came from: the PDF's text layer, OCR of its image, nowhere
    confidence: float | None = None  # OCR's mean word confidence, 0-100 (None for a text layer)

    @property
    def low_confidence(self) -> bool:
        """Read by OCR from a poor scan: the clerk should check it against the page."""
        return self.source == "ocr" and self.confidence is not None and self.confidence < LOW_CONFIDENCE


@dataclass
class ReadProgress:
    done: int  # pages finished
    total: int
    ocr: bool = False  # page done + 1 is being read from its image now
    eta_s: float | None = None


@dataclass
class PdfText:
    path: Path
    sha256: str
    pages: list[PageText] = field(default_factory=list)
    ocr_mode: OcrMode = "never"
    ocr_runs: int = 0  # pages read by OCR in this reading (not taken from the cache)
    ocr_cached: int = 0  # pages whose OCR came from the cache
    ocr_seconds: float = 0.0  # wall time of the OCR in this reading
    ocr_problem: str | None = None  # why OCR failed, when it did (for the log and a warning)
    # Where OCR found each word on a page (page number -> boxes), for a searchable copy of the file.
    ocr_words: dict[int, tuple[WordBox, ...]] = field(default_factory=dict, repr=False)
    # The numbers printed on the pages (the PDF's page labels: "i", "ii", "1", ... or a process whose sheets
    # start at 154), one per page, or None when the PDF has none. Everything inside Rio Desktop counts
    # pages by their position in the file; labels are only for showing citations.
    labels: list[str] | None = None
    # A process's pages combined (documents.process): the first page of each of its documents. A summary's
    # chunks then keep each document that fits one chunk whole (per document first, then the process).
    parts: list[int] = field(default_factory=list)

    def label(self, number: int) -> str:
        """What page `number` (1-based position) is called in citations."""
        if self.labels is not None and 0 < number <= len(self.labels) and self.labels[number - 1]:
            return self.labels[number - 1]
        return str(number)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text_pages(self) -> list[PageText]:
        return [p for p in self.pages if p.status == "ok"]

    def pages_with(self, status: PageStatus) -> list[int]:
        return [p.number for p in self.pages if p.status == status]

    @property
    def low_confidence_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.status == "ok" and p.low_confidence]

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.source == "ocr"]

    def warnings(self) -> list[Message]:
        """What the clerk must know: pages left out of the summary, pages to check against the original."""
        notes = []
        no_text = (QT_TRANSLATE_NOOP("Core", "Pages without text (probably scanned images), not covered by the "
                                             "summary: {pages}. Reading scanned pages (OCR) is off in Settings.")
                   if self.ocr_mode == "never" else
                   QT_TRANSLATE_NOOP("Core", "Pages where no text was found, not even in their image (blank "
                                             "pages or pictures), not covered by the summary: {pages}."))
        for status, template in (
            ("no_text", no_text),
            ("failed", QT_TRANSLATE_NOOP("Core", "Pages that could not be read, not covered by the summary: "
                                                 "{pages}.")),
            ("timeout", QT_TRANSLATE_NOOP("Core", "Pages that took too long to read, not covered by the "
                                                  "summary: {pages}.")),
        ):
            numbers = self.pages_with(status)  # type: ignore[arg-type]
            if numbers:
                notes.append(Message(template, pages=format_page_list(numbers)))
        if self.low_confidence_pages:
            notes.append(Message(QT_TRANSLATE_NOOP(
                "Core", "Pages read from a poor scan; check what the summary says of them against the original: "
                        "{pages}."), pages=format_page_list(self.low_confidence_pages)))
        if self.ocr_problem:
            notes.append(Message(QT_TRANSLATE_NOOP(
                "Core", "Scanned pages could not be read: the text recognition (OCR) failed ({detail}). If this "
                        "happens with every document, reinstall Rio Desktop."), detail=self.ocr_problem))
        return notes


def format_page_list(numbers: list[int]) -> str:
    """[1, 2, 3, 7, 9, 10] -> "1–3, 7, 9–10"."""
    spans: list[str] = []
    start = previous = None
    for number in sorted(set(numbers)):
        if start is None:
            start = previous = number
        elif number == previous + 1:  # type: ignore[operator]
            previous = number
        else:
            spans.append(f"{start}" if start == previous else f"{start}–{previous}")
            start = previous = number
    if start is not None:
        spans.append(f"{start}" if start == previous else f"{start}–{previous}")
    return ", ".join(spans)


# -- the child process ---------------------------------------------------------------------------------
def child_command() -> list[str]:
    """How to start the reader process (a frozen bundle has no `-m`; its entry point dispatches)."""
    if getattr(sys, "frozen", False):
        # On Windows the window executable has no console streams; the console one beside it reads.
        console = Path(sys.executable).with_name("rio-desktop-cli.exe")
        return [str(console if console.exists() else sys.executable), CHILD_ARGUMENT]
    return [sys.executable, "-m", "rio_desktop.documents.pdf_child"]


class _Child:
    """One reader process. The request (with the password) goes through stdin, never the command line."""

    def __init__(self, path: Path, password: str | None, start: int, ocr: OcrOptions | None = None,
                 cached: set[int] | None = None) -> None:
        # One thread for tesseract: the model needs the other cores, and OpenMP threads spin (DESIGN.md).
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        # CREATE_NO_WINDOW: on Windows the console reader must not flash a console window over the app.
        self.process = subprocess.Popen(child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
                                        env=env, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {"path": str(path), "password": password, "start": start}
        if ocr is not None and ocr.mode != "never":
            request.update(ocr=ocr.mode, language=ocr.language, tessdata=str(tessdata_dir()),
                           cached=sorted(n - 1 for n in (cached or ())))
        self.process.stdin.write(json.dumps(request))
        self.process.stdin.close()
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self.reader.start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)

    def receive(self, timeout: float, cancel: CancelToken | None) -> list | None:
        """The next message, or None when `timeout` passed first. Wakes often, to notice a cancel."""
        deadline = time.monotonic() + timeout
        while True:
            if cancel is not None and cancel.cancelled:
                raise ReadCancelled
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                line = self.lines.get(timeout=min(0.1, remaining))
            except queue.Empty:
                continue
            if line is None:
                return ["crashed"]
            return json.loads(line)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)


class _Pace:
    """Time left: the seconds per page so far, by kind (text layer or OCR), times the pages left. While a
    page is read by OCR the pages left are taken to be scans too: a document's scans tend to come
    together, and guessing low would promise the clerk an end that does not come."""

    OCR_PRIOR_S = 2.0  # before the first page read by OCR is done (1.1-1.4 s measured on 2 cores)

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.seconds: dict[bool, list[float]] = {False: [], True: []}

    def page(self, ocr: bool) -> None:
        now = time.monotonic()
        self.seconds[ocr].append(now - self.started)
        self.started = now

    def eta(self, left: int, ocr: bool) -> float | None:
        if left <= 0:
            return None
        if ocr:
            done = self.seconds[True]
            return (sum(done) / len(done) if done else self.OCR_PRIOR_S) * left
        done = self.seconds[False] + self.seconds[True]
        return sum(done) / len(done) * left if done else None


def read_pdf(path: str | Path, password: str | None = None, cancel: CancelToken | None = None,
             progress: Callable[[ReadProgress], None] | None = None,
             page_timeout: float = PAGE_TIMEOUT_S, open_timeout: float = 60.0,
             ocr: OcrOptions | None = None, ocr_timeout: float = OCR_TIMEOUT_S) -> PdfText:
    """Every page's text. Raises PdfError (or PdfPasswordRequired) with a message a clerk can act on.

    `ocr` None reads text layers only; OcrOptions() reads scanned pages too (see OcrOptions)."""
    path = Path(path).expanduser()
    name = path.name
    if not path.is_file():
        raise PdfError(Message(QT_TRANSLATE_NOOP("Core", "The file {name} does not exist."), name=name))
    with path.open("rb") as handle:
        head = handle.read(1024)
    if not head:
        raise PdfError(Message(QT_TRANSLATE_NOOP("Core", "The file {name} is empty."), name=name))
    if b"%PDF" not in head:
        raise PdfError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} is not a PDF file. Choose a PDF document."), name=name))
    result = PdfText(path=path, sha256=file_sha256(path), ocr_mode=ocr.mode if ocr else "never")
    cache = OcrCache(ocr.cache_dir) if ocr is not None and ocr.cache_dir is not None else None
    language = ocr.language if ocr is not None else ""
    pace = _Pace()
    total: int | None = None
    next_page = 0

    def report(reading_ocr: bool = False) -> None:
        if progress and total:
            progress(ReadProgress(next_page, total, reading_ocr, pace.eta(total - next_page, reading_ocr)))

    def add(page: PageText, by_ocr: bool) -> None:
        nonlocal next_page
        result.pages.append(page)
        next_page = page.number
        pace.page(by_ocr)
        report()

    def from_ocr(number: int, ocr_result: OcrResult) -> PageText:
        text = clean_page_text(ocr_result.text)
        if not usable(text):
            # Print that gave no text is a page too poor to read; otherwise a blank page or a picture.
            unread = ocr_result.confidence is not None and ocr_result.confidence < LOW_CONFIDENCE
            return PageText(number, "", "failed" if unread else "no_text", "none", ocr_result.confidence)
        if ocr_result.boxes:
            result.ocr_words[number] = ocr_result.boxes
        return PageText(number, text, "ok", "ocr", ocr_result.confidence)

    while total is None or next_page < total:
        cached = cache.pages(result.sha256, language) if cache is not None else set()
        child = _Child(path, password, next_page, ocr, cached)
        ocr_started = 0.0
        try:
            # The first message of every reader includes starting Python and opening the file.
            message = child.receive(open_timeout, cancel)
            while message is not None and message[0] not in ("done", "crashed"):
                kind = message[0]
                timeout = page_timeout
                if kind == "password":
                    wrong = bool(message[1])
                    raise PdfPasswordRequired(Message(
                        QT_TRANSLATE_NOOP("Core", "The password does not open {name}. Try again.") if wrong
                        else QT_TRANSLATE_NOOP("Core", "{name} is protected by a password. Enter it to read "
                                                       "the document."), name=name), wrong=wrong)
                if kind == "error":
                    log.warning("pypdf could not open %s: %s", path, message[1])
                    raise PdfError(Message(QT_TRANSLATE_NOOP(
                        "Core", "{name} is damaged or is not a valid PDF, and cannot be read. If it opens in "
                                "a PDF viewer, print it to a new PDF and try that file."), name=name))
                if kind == "labels":
                    result.labels = [str(label) for label in message[1]]
                elif kind == "count":
                    total = message[1]
                    report()
                elif kind == "page":
                    text = clean_page_text(message[2])
                    # With OCR off, a missing or garbage layer leaves the page without text; a page of a few
                    # words and no image (a chapter divider) is read as it is.
                    ok = usable(text) or (len(message) > 3 and bool(message[3]))
                    add(PageText(message[1] + 1, text if ok else "", "ok" if ok else "no_text",
                                 "text" if ok else "none"), False)
                elif kind == "page_error":
                    log.warning("page %d of %s unreadable: %s", message[1] + 1, path, message[2])
                    add(PageText(message[1] + 1, "", "failed", "none"), False)
                elif kind == "cached":
                    number = message[1] + 1
                    hit = cache.get(result.sha256, language, number) if cache is not None else None
                    if hit is None:  # removed since the listing: read it again with a new reader
                        break
                    result.ocr_cached += 1
                    add(from_ocr(number, hit), False)
                elif kind == "ocr_start":
                    ocr_started = time.monotonic()
                    timeout = ocr_timeout
                    report(reading_ocr=True)
                elif kind in ("ocr", "ocr_error"):
                    number = message[1] + 1
                    result.ocr_seconds += time.monotonic() - ocr_started
                    ocr_started = 0.0
                    if kind == "ocr_error":
                        log.warning("OCR of page %d of %s failed: %s", number, path, message[2])
                        result.ocr_problem = result.ocr_problem or str(message[2])
                        add(PageText(number, "", "failed", "none"), True)
                    else:
                        result.ocr_runs += 1
                        boxes = tuple((a, b, c, d, w) for a, b, c, d, w in message[5])
                        ocr_result = OcrResult(message[2], message[3], message[4], boxes)
                        if cache is not None:
                            cache.put(result.sha256, language, number, ocr_result)
                        add(from_ocr(number, ocr_result), True)
                message = child.receive(timeout, cancel)
            if total is None:  # the child died or hung before it could open the file
                raise PdfError(Message(QT_TRANSLATE_NOOP(
                    "Core", "{name} could not be opened: reading it took too long or failed. The file may "
                            "be damaged."), name=name))
            if (message is None or message[0] == "crashed") and next_page < total:
                log.warning("page %d of %s: %s", next_page + 1, path,
                            "timed out" if message is None else "reader crashed")
                add(PageText(number=next_page + 1, text="", status="timeout" if message is None else "failed",
                             source="none"), bool(ocr_started))
        finally:
            child.stop()
    return result
