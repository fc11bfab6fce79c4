"""A process (processo administrativo): the documents of a folder, a ZIP or one file, each read into pages of
text with the same per-page source, confidence and status as a PDF, and named by title, kind and date.

Formats: PDF (OCR included), DOCX, ODT, RTF, plain text and Markdown, HTML, e-mail (.eml: a header block and
the body as one document, each attachment a document of its own with the e-mail as its parent, recursively)
and images (JPG, PNG, TIFF: a page per frame, read by the same OCR as scans). Anything else is named in the
warnings, never skipped silently; a broken file is named and the rest of the process is read.

A ZIP is read in place: its members never go to a shared temporary folder (a PDF or an image is handed to
the page reader through a private folder of the application's cache, removed after). Absolute names, ".."
names, encrypted members and archives that unpack to far more than they weigh (zip bombs) are refused.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import email.utils
import hashlib
import io
import logging
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from rio_desktop.documents import text_formats
from rio_desktop.documents.identity import document_date, title_and_kind
from rio_desktop.documents.ocr import OcrOptions
from rio_desktop.documents.pdf_text import PageText, PdfText, read_pdf
from rio_desktop.engine.backend import CancelToken
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError

log = logging.getLogger(__name__)

PDF = {".pdf"}
IMAGES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
TEXTS = {".txt", ".md", ".markdown", ".text", ".csv"}
READERS = {".docx": text_formats.docx_paragraphs, ".odt": text_formats.odt_paragraphs,
           ".rtf": text_formats.rtf_paragraphs}
HTML = {".html", ".htm", ".xhtml"}
EMAIL = {".eml"}
SUPPORTED = PDF | IMAGES | TEXTS | set(READERS) | HTML | EMAIL | {".zip"}
# A file of the process bigger than this is not read (a 2 GB TIFF): named, the rest read.
MAX_FILE_BYTES = 512 * 1024 * 1024
# A ZIP whose members unpack to more than this many times its own size, or to more than MAX_UNPACKED, is
# a zip bomb: refused whole.
MAX_RATIO = 200
MAX_UNPACKED = 4 * 1024 * 1024 * 1024
MAX_DEPTH = 4  # attachments of attachments

KIND_OF_FORMAT = {".pdf": "PDF", ".docx": "DOCX", ".odt": "ODT", ".rtf": "RTF", ".txt": "texto", ".md": "texto",
                  ".html": "HTML", ".htm": "HTML", ".eml": "e-mail", ".jpg": "imagem", ".jpeg": "imagem",
                  ".png": "imagem", ".tif": "imagem", ".tiff": "imagem"}


@dataclass
class ProcessDocument:
    file: str  # its path inside the folder or ZIP; an attachment's is "04-email.eml/anexo.pdf"
    kind: str  # ofício, despacho, parecer, e-mail… when recognisable, else its format
    title: str
    date: datetime.date | None
    text: PdfText  # the pages (for every format, with PDF's per-page source, confidence and status)
    parent: str | None = None  # the e-mail an attachment came with

    @property
    def pages(self) -> list[PageText]:
        return self.text.pages


@dataclass
class Process:
    source: Path
    documents: list[ProcessDocument] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return sum(d.text.page_count for d in self.documents)

    def combined(self) -> CombinedProcess:
        """Every document's pages one after another, as one document the summary and the questions read
        (their page numbers map back to document and page: CombinedProcess.place)."""
        pages: list[PageText] = []
        places: list[tuple[str, int]] = []
        parts: list[int] = []
        for document in self.documents:
            if document.pages:
                parts.append(len(pages) + 1)
            for page in document.pages:
                pages.append(replace(page, number=len(pages) + 1))
                places.append((document.file, page.number))
        digest = hashlib.sha256("\n".join(d.text.sha256 for d in self.documents).encode()).hexdigest()
        modes = {d.text.ocr_mode for d in self.documents if d.text.ocr_mode != "never"}
        text = PdfText(path=Path(self.source.name), sha256=digest, pages=pages,
                       ocr_mode=next(iter(modes)) if modes else "never", parts=parts)  # type: ignore[arg-type]
        return CombinedProcess(text, places, self)


@dataclass
class CombinedProcess:
    document: PdfText  # the pages of every document, numbered 1..N in the process's order
    places: list[tuple[str, int]]  # (file, its page) of each combined page
    process: Process

    def place(self, number: int) -> tuple[str, int]:
        return self.places[number - 1]

    def citations(self, pages: list[int]) -> list[dict[str, str | int]]:
        """{"file", "page"} for each cited combined page, in the process's order."""
        return [{"file": file, "page": page} for file, page in (self.place(n) for n in sorted(set(pages)))]

    def cite(self, pages: list[int]) -> str:
        """"(01-oficio.docx, p. 2; 03-parecer.rtf, pp. 1–3)": each document with its pages."""
        from rio_desktop.documents.citations import format_citation

        by_file: dict[str, list[int]] = {}
        for number in sorted(set(pages)):
            file, page = self.place(number)
            by_file.setdefault(file, []).append(page)
        return "(" + "; ".join(f"{file}, {format_citation(numbers)[1:-1]}" for file, numbers in by_file.items()) + \
            ")" if by_file else ""


@dataclass(frozen=True)
class ProcessProgress:
    file: str
    done: int  # files read
    total: int


class ProcessError(UserFacingError):
    """The process as a whole cannot be read (a ZIP that is not one, a zip bomb, a password-protected ZIP)."""


def read_process(path: Path | Sequence[Path], ocr: OcrOptions | None = None, cancel: CancelToken | None = None,
                 progress: Callable[[ProcessProgress], None] | None = None,
                 work_dir: Path | None = None) -> Process:
    """Every document of the folder, ZIP or file at `path` (or of several, in the order given: files the
    clerk chose together), in name order (folders recursively). Raises ProcessError for a ZIP that cannot
    be opened; every other problem is a warning and the rest is read."""
    ocr = ocr or OcrOptions()
    cancel = cancel or CancelToken()
    paths = [path] if isinstance(path, Path) else list(path)
    process = Process(paths[0] if len(paths) == 1 else paths[0].parent)
    with tempfile.TemporaryDirectory(prefix="process-", dir=_private(work_dir)) as private:
        reader = _Reader(process, ocr, cancel, Path(private))
        entries = [entry for one in paths for entry in _entries(one, process)]
        for index, (name, load) in enumerate(entries):
            if cancel.cancelled:
                break
            if progress is not None:
                progress(ProcessProgress(name, index, len(entries)))
            reader.read(name, load, parent=None, depth=0)
        if progress is not None:
            progress(ProcessProgress("", len(entries), len(entries)))
    return process


def _private(work_dir: Path | None) -> str | None:
    if work_dir is None:
        return None
    work_dir.mkdir(parents=True, exist_ok=True)
    return str(work_dir)


Loader = Callable[[], bytes]


def _entries(path: Path, process: Process) -> Iterator[tuple[str, Loader]]:
    if path.is_dir():
        for file in sorted((p for p in path.rglob("*") if p.is_file()), key=lambda p: p.relative_to(path).as_posix()):
            name = file.relative_to(path).as_posix()
            if any(part.startswith(".") for part in PurePosixPath(name).parts):
                continue  # hidden files and folders (.DS_Store, .git) are not documents
            yield name, _file_loader(file)
    elif path.suffix.lower() == ".zip":
        yield from _zip_entries(path, path.stat().st_size, path.name, process)
    else:
        yield path.name, _file_loader(path)


def _file_loader(file: Path) -> Loader:
    def load() -> bytes:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise _too_big(file.name, file.stat().st_size)
        return file.read_bytes()

    return load


def _too_big(name: str, size: int) -> UserFacingError:
    from rio_desktop.units import Bytes

    return UserFacingError(Message(QT_TRANSLATE_NOOP(
        "Core", "{name} was not read: it takes {size}, more than a document of a process can ({limit})."),
        name=name, size=Bytes(size), limit=Bytes(MAX_FILE_BYTES)))


def _zip_entries(source: Path | bytes, size: int, name: str, process: Process,
                 prefix: str = "") -> Iterator[tuple[str, Loader]]:
    """The members of a ZIP (a file, read in place, or one inside another), each loaded when it is read."""
    try:
        archive = zipfile.ZipFile(source if isinstance(source, Path) else io.BytesIO(source))
        members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise ProcessError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} is damaged or is not a ZIP file, and cannot be read."), name=name)) from exc
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(size, 1):
        raise ProcessError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} was refused: it would unpack to far more than it weighs (a \"zip bomb\")."), name=name))
    for member in sorted(members, key=lambda m: m.filename):
        if member.is_dir():
            continue
        inner = member_name(member).replace("\\", "/")
        parts = PurePosixPath(inner).parts
        if inner.startswith("/") or re.match(r"^[A-Za-z]:", inner) or ".." in parts:
            process.warnings.append(Message(QT_TRANSLATE_NOOP(
                "Core", "{name}: the entry \"{entry}\" was refused (a name outside the archive)."),
                name=name, entry=inner))
            continue
        if any(part.startswith(".") or part == "__MACOSX" for part in parts):
            continue
        if member.flag_bits & 0x1:
            process.warnings.append(Message(QT_TRANSLATE_NOOP(
                "Core", "{name}: {entry} is protected by a password and was not read. Extract it with its "
                        "password and add the file."), name=name, entry=inner))
            continue
        yield prefix + inner, (lambda m=member: archive.read(m))


def member_name(member: zipfile.ZipInfo) -> str:
    """A ZIP member's name as its author saw it. Without the UTF-8 flag, zipfile decodes names as cp437, but
    Windows' own "Send to compressed folder" writes the OEM code page, cp850 on a Brazilian PC ("Of¡cio" for
    "Ofício"), and some tools write UTF-8 without saying so."""
    if member.flag_bits & 0x800:
        return member.filename
    try:
        raw = member.filename.encode("cp437")
    except UnicodeEncodeError:
        return member.filename
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp850")


def staged_name(count: int, base: str) -> str:
    """A file name every system accepts for a private copy: names from a ZIP or an e-mail may hold what
    Windows refuses (: ? * " < > |, control characters) or be longer than a path allows."""
    safe = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", base).strip(" .") or "documento"
    stem, suffix = os.path.splitext(safe)
    return f"{count:04d}-{stem[:80]}{suffix[:16]}"


class _Reader:
    def __init__(self, process: Process, ocr: OcrOptions, cancel: CancelToken, private: Path) -> None:
        self.process, self.ocr, self.cancel, self.private = process, ocr, cancel, private
        self._count = 0

    def warn(self, message: Message) -> None:
        self.process.warnings.append(message)

    def read(self, name: str, load: Loader, parent: str | None, depth: int) -> None:
        suffix = PurePosixPath(name).suffix.lower()
        base = PurePosixPath(name).name
        if suffix not in SUPPORTED and suffix != ".msg":
            self.warn(Message(QT_TRANSLATE_NOOP(
                "Core", "{name} was not read: Rio Desktop does not read {kind} files (it reads PDF, Word, "
                        "OpenDocument, RTF, text, HTML, e-mail and images)."), name=name,
                kind=suffix.lstrip(".").upper() or "?"))
            return
        if suffix == ".msg":
            self.warn(Message(QT_TRANSLATE_NOOP(
                "Core", "{name} is an Outlook message (.msg), which Rio Desktop cannot read yet. In Outlook, "
                        "save it as an .eml file (File → Save As) and add that file."), name=name))
            return
        try:
            data = load()
            if len(data) > MAX_FILE_BYTES:
                raise _too_big(base, len(data))
            if suffix == ".zip":
                if depth >= MAX_DEPTH:
                    raise ProcessError(Message(QT_TRANSLATE_NOOP(
                        "Core", "{name}: archives inside archives are not read this deep."), name=name))
                for inner, inner_load in _zip_entries(data, len(data), base, self.process, prefix=name + "/"):
                    self.read(inner, inner_load, parent, depth + 1)
                return
            if suffix in EMAIL:
                self._email(name, data, parent, depth)
                return
            pages = self._pages(name, base, suffix, data)
        except UserFacingError as exc:
            self.warn(exc.message)
            return
        except Exception as exc:  # a reader's bug must not end the process: named, the rest read
            log.exception("reading %s failed", name)
            self.warn(Message(QT_TRANSLATE_NOOP("Core", "{name} could not be read ({detail})."), name=name,
                              detail=type(exc).__name__))
            return
        self.add(name, pages, KIND_OF_FORMAT.get(suffix, suffix.lstrip(".").upper()), parent)

    def add(self, name: str, pages: PdfText, fallback_kind: str, parent: str | None, title: str | None = None,
            date: datetime.date | None = None) -> None:
        text = "\n".join(p.text for p in pages.pages[:2])
        found_title, kind = title_and_kind(text, fallback_kind)
        pages.path = Path(PurePosixPath(name).name)
        self.process.documents.append(ProcessDocument(
            file=name, kind=kind, title=title or found_title or PurePosixPath(name).name,
            date=date or document_date(text), text=pages, parent=parent))

    def _pages(self, name: str, base: str, suffix: str, data: bytes) -> PdfText:
        if suffix in PDF:
            return self._pdf(base, data, self.ocr)
        if suffix in IMAGES:
            return self._image(name, base, data)
        if suffix in TEXTS:
            paragraphs = text_formats.text_paragraphs(text_formats.decode_text(data))
        elif suffix in HTML:
            paragraphs = text_formats.html_paragraphs(text_formats.decode_text(data))
        else:
            paragraphs = READERS[suffix](data, base)
        return text_document(base, data, paragraphs)

    def _staged(self, base: str, data: bytes) -> Path:
        """A private copy the page reader (a child process) can open; removed with the process's folder."""
        self._count += 1
        staged = self.private / staged_name(self._count, base)
        staged.write_bytes(data)
        return staged

    def _pdf(self, base: str, data: bytes, ocr: OcrOptions) -> PdfText:
        staged = self._staged(base, data)
        try:
            document = read_pdf(staged, None, self.cancel, ocr=ocr)
        finally:
            staged.unlink(missing_ok=True)
        return document

    def _image(self, name: str, base: str, data: bytes) -> PdfText:
        """An image (a TIFF's every frame) as a PDF of scanned pages, read by the PDF reader's OCR, with its
        time limits and cache."""
        from PIL import Image, ImageSequence

        if self.ocr.mode == "never":
            raise UserFacingError(Message(QT_TRANSLATE_NOOP(
                "Core", "{name} is an image: reading scanned pages (OCR) is off in Settings, so it was not read."),
                name=name))
        try:
            with Image.open(io.BytesIO(data)) as image:
                frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
        except (OSError, Image.DecompressionBombError, ValueError, SyntaxError) as exc:
            raise text_formats.damaged(name, "image") from exc
        buffer = io.BytesIO()
        frames[0].save(buffer, "PDF", save_all=True, append_images=frames[1:], resolution=200.0)
        document = self._pdf(base + ".pdf", buffer.getvalue(), replace(self.ocr, mode="always"))
        document.sha256 = hashlib.sha256(data).hexdigest()
        return document

    def _email(self, name: str, data: bytes, parent: str | None, depth: int) -> None:
        message = email.message_from_bytes(data, policy=email.policy.default)
        header = [f"{label}: {message[key]}" for key, label in (("From", "From"), ("To", "To"), ("Cc", "Cc"),
                                                                 ("Date", "Date"), ("Subject", "Subject"))
                  if message[key]]
        body = message.get_body(preferencelist=("plain", "html"))  # type: ignore[attr-defined]
        paragraphs = ["\n".join(header)]
        if body is not None:
            content = body.get_content()
            paragraphs += (text_formats.html_paragraphs(content) if body.get_content_type() == "text/html"
                           else text_formats.text_paragraphs(content))
        sent = None
        if message["Date"]:
            try:
                sent = email.utils.parsedate_to_datetime(str(message["Date"])).date()
            except (TypeError, ValueError):
                sent = None
        subject = str(message["Subject"] or "").strip()
        self.add(name, text_document(PurePosixPath(name).name, data, paragraphs), "e-mail", parent,
                 title=subject or None, date=sent)
        self.process.documents[-1].kind = "e-mail"
        for number, attachment in enumerate(message.iter_attachments(), start=1):  # type: ignore[attr-defined]
            filename = attachment.get_filename() or f"anexo-{number}"
            payload = attachment.get_payload(decode=True) or b""
            self.read(f"{name}/{filename}", lambda p=payload: p, parent=name, depth=depth + 1)


def text_document(name: str, data: bytes, paragraphs: list[str]) -> PdfText:
    """Paragraphs of a format without pages as a PdfText of A4-sized pages (text_formats.pages_of)."""
    pages = [PageText(number, text, "ok", "text") for number, text in
             enumerate(text_formats.pages_of(paragraphs), start=1)]
    if not pages:
        pages = [PageText(1, "", "no_text", "none")]
    return PdfText(path=Path(name), sha256=hashlib.sha256(data).hexdigest(), pages=pages, ocr_mode="never")
