"""Text of a PDF, page by page (pypdf), read in a child process.

pypdf is pure Python and cannot be interrupted: a pathological page can keep it busy for minutes. The
reading therefore happens in a child process that sends each page's text as soon as it has it; the
parent gives every page a time limit, and when one is exceeded it ends the child, records that page as
unreadable and starts a new child at the next page. Cancelling ends the child at once.
"""

from __future__ import annotations

import json
import logging
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rio_desktop.documents.pdf_child import CHILD_ARGUMENT
from rio_desktop.engine.backend import CancelToken
from rio_desktop.hashing import file_sha256
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError

log = logging.getLogger(__name__)

PAGE_TIMEOUT_S = 30.0
# A page with fewer visible characters than this has no usable text layer (a scan, a photo).
MIN_TEXT_CHARS = 20
PageStatus = Literal["ok", "no_text", "failed", "timeout"]


class PdfError(UserFacingError):
    """The PDF cannot be read."""


class PdfPasswordRequired(PdfError):
    """The PDF is encrypted and needs a password (`wrong` when one was given and did not open it)."""

    def __init__(self, message: Message, wrong: bool) -> None:
        super().__init__(message)
        self.wrong = wrong


class ReadCancelled(Exception):
    """The user cancelled reading."""


@dataclass
class PageText:
    number: int  # 1-based, as printed in citations
    text: str
    status: PageStatus = "ok"


@dataclass
class PdfText:
    path: Path
    sha256: str
    pages: list[PageText] = field(default_factory=list)
    # The numbers printed on the pages (the PDF's page labels: "i", "ii", "1", ... or a process whose sheets
    # start at 154), one per page, or None when the PDF has none. Everything inside Rio Desktop counts
    # pages by their position in the file; labels are only for showing citations.
    labels: list[str] | None = None

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

    def warnings(self) -> list[Message]:
        """What the clerk must know about pages left out of the summary."""
        notes = []
        for status, template in (
            ("no_text", QT_TRANSLATE_NOOP("Core", "Pages without text (probably scanned images), not covered "
                                                  "by the summary: {pages}.")),
            ("failed", QT_TRANSLATE_NOOP("Core", "Pages that could not be read, not covered by the summary: "
                                                 "{pages}.")),
            ("timeout", QT_TRANSLATE_NOOP("Core", "Pages that took too long to read, not covered by the "
                                                  "summary: {pages}.")),
        ):
            numbers = self.pages_with(status)  # type: ignore[arg-type]
            if numbers:
                notes.append(Message(template, pages=format_page_list(numbers)))
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


_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")


def clean_page_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HYPHEN_BREAK.sub(r"\1\2", text)  # words hyphenated across lines
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


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

    def __init__(self, path: Path, password: str | None, start: int) -> None:
        # CREATE_NO_WINDOW: on Windows the console reader must not flash a console window over the app.
        self.process = subprocess.Popen(child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                                        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"path": str(path), "password": password, "start": start}))
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


def read_pdf(path: str | Path, password: str | None = None, cancel: CancelToken | None = None,
             progress: Callable[[int, int], None] | None = None,
             page_timeout: float = PAGE_TIMEOUT_S, open_timeout: float = 60.0) -> PdfText:
    """Every page's text. Raises PdfError (or PdfPasswordRequired) with a message a clerk can act on."""
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
    result = PdfText(path=path, sha256=file_sha256(path))
    total: int | None = None
    next_page = 0
    while total is None or next_page < total:
        child = _Child(path, password, next_page)
        try:
            message = child.receive(open_timeout if total is None else page_timeout, cancel)
            while message is not None and message[0] not in ("done", "crashed"):
                kind = message[0]
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
                    if progress:
                        progress(next_page, total)
                elif kind in ("page", "page_error"):
                    index = message[1]
                    if kind == "page":
                        text = clean_page_text(message[2])
                        status: PageStatus = "ok" if len(text.replace(" ", "")) >= MIN_TEXT_CHARS else "no_text"
                    else:
                        log.warning("page %d of %s unreadable: %s", index + 1, path, message[2])
                        text, status = "", "failed"
                    result.pages.append(PageText(number=index + 1, text=text, status=status))
                    next_page = index + 1
                    if progress and total:
                        progress(next_page, total)
                message = child.receive(page_timeout, cancel)
            if total is None:  # the child died or hung before it could open the file
                raise PdfError(Message(QT_TRANSLATE_NOOP(
                    "Core", "{name} could not be opened: reading it took too long or failed. The file may "
                            "be damaged."), name=name))
            if (message is None or message[0] == "crashed") and next_page < total:
                log.warning("page %d of %s: %s", next_page + 1, path,
                            "timed out" if message is None else "reader crashed")
                result.pages.append(PageText(number=next_page + 1, text="",
                                             status="timeout" if message is None else "failed"))
                next_page += 1
                if progress:
                    progress(next_page, total)
        finally:
            child.stop()
    return result
