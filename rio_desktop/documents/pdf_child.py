"""The PDF reader process (see pdf_text): reads one request from stdin, writes JSON lines to stdout.

Messages: ["count", n], ["labels", [label, ...]] when the PDF numbers its pages itself, then per page one of
  ["page", index, text]              the text layer (usable, or OCR is off)
  ["cached", index, text]            the page needs OCR and the parent holds it in its cache
  ["page", index, text, short]        short: a page of little text and no image, whose text is all it says
  ["ocr_start", index]               then ["ocr", index, text, confidence, words, boxes] or
                                     ["ocr_error", index, detail]
  ["page_error", index, detail]
then ["done"]; or ["password", wrong_given] / ["error", detail] when the file cannot be opened.
The parent time-limits every message, so a page that keeps pypdf or tesseract busy too long is killed with
the process and named.
"""

from __future__ import annotations

import json
import logging
import sys
import warnings

# A frozen bundle has no `python -m`: there the reader is the application's own executable started with
# this first argument (rio_desktop.__main__ dispatches it). Not a documented command.
CHILD_ARGUMENT = "_pdf-child"


def _send(*message: object) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _page_labels(reader: object) -> list[str] | None:
    """The printed page numbers (the catalogue's /PageLabels: "i", "ii", "1", "154", "A-3"), or None when
    the PDF has none (pypdf would then invent "1", "2", ...) or they cannot be read."""
    try:
        if "/PageLabels" not in reader.trailer["/Root"]:  # type: ignore[attr-defined]
            return None
        labels = [str(label) for label in reader.page_labels]  # type: ignore[attr-defined]
    except Exception:  # a damaged label tree costs the labels, never the text
        return None
    if labels == [str(n) for n in range(1, len(labels) + 1)]:
        return None
    return labels


def needs_ocr(text: str, mode: str, short_text_page: bool = False) -> bool:
    """Only pages that need it go to OCR (issue 23: a born-digital chapter divider was read as a poor scan)."""
    from rio_desktop.documents.text_layer import clean_page_text, usable

    if mode == "never":
        return False
    return mode == "always" or not (usable(clean_page_text(text)) or short_text_page)


def is_short_text_page(page: object, text: str) -> bool:
    """A page whose text layer holds a few real words (short_but_real) and that shows no image: its text is
    all there is to read. A page with an image (a scan with a scanner's stamp as its only text) is not."""
    from rio_desktop.documents.text_layer import clean_page_text, short_but_real, usable

    cleaned = clean_page_text(text)
    if usable(cleaned) or not short_but_real(cleaned):
        return False
    try:
        return not _shows_image(page.get("/Resources"), depth=0)  # type: ignore[attr-defined]
    except Exception:  # a damaged resource dictionary: read its image to be sure
        return False


def _shows_image(resources: object, depth: int) -> bool:
    """Whether the page's resources hold an image XObject (directly or inside a form, a few levels down)."""
    if resources is None or depth > 3:
        return False
    resources = resources.get_object()  # type: ignore[attr-defined]
    objects = resources.get("/XObject")
    if objects is None:
        return False
    objects = objects.get_object()
    for name in objects:
        xobject = objects[name].get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return True
        if subtype == "/Form" and _shows_image(xobject.get("/Resources"), depth + 1):
            return True
    return False


class _Ocr:
    """Page images and their OCR, made on the first page that needs them (a text PDF never loads them)."""

    def __init__(self, path: str, password: str | None, language: str, tessdata: str | None) -> None:
        self.path, self.password, self.language, self.tessdata = path, password, language, tessdata
        self._document = None
        self._reader = None

    def read(self, index: int) -> tuple[str, float | None, int, list]:
        from pathlib import Path

        from rio_desktop.documents.ocr import PageOcr, render_page

        if self._document is None:
            import pypdfium2

            self._document = pypdfium2.PdfDocument(self.path, password=self.password or None)
            self._reader = PageOcr(self.language, Path(self.tessdata) if self.tessdata else None)
        assert self._reader is not None
        page = self._document[index]
        try:
            image = render_page(page)
            scale = image.width / page.get_width()
        finally:
            page.close()
        result = self._reader.read(image, scale)
        return result.text, result.confidence, result.words, [list(box) for box in result.boxes]


def main() -> int:
    # The parent speaks UTF-8 on both pipes (pdf_text._Child). Left alone, Python on Windows would use the
    # ANSI code page (cp1252) for a pipe: every accent would reach the parent garbled, and a character that
    # cp1252 lacks ("→", "≥", Greek) would end the reader. "replace" also covers a lone surrogate that
    # pypdf can extract from a broken font, which UTF-8 cannot encode anywhere.
    sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    request = json.loads(sys.stdin.read())
    path, password, start = request["path"], request.get("password"), int(request.get("start", 0))
    mode = request.get("ocr", "never")
    cached = set(request.get("cached", []))
    warnings.simplefilter("ignore")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(password or ""):
            # Many PDFs are encrypted with an empty user password (only editing is restricted).
            _send("password", password is not None)
            return 0
        count = len(reader.pages)
    except FileNotDecryptedError:
        _send("password", password is not None)
        return 0
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        _send("error", f"{type(exc).__name__}: {exc}")
        return 0
    _send("count", count)
    labels = _page_labels(reader)
    if labels is not None:
        _send("labels", labels)
    ocr = _Ocr(path, password, request.get("language", "por"), request.get("tessdata"))
    for index in range(start, count):
        try:
            text = reader.pages[index].extract_text() or ""
        except Exception as exc:
            if mode == "never":
                _send("page_error", index, f"{type(exc).__name__}: {exc}")
                continue
            text = ""  # a page pypdf cannot take apart may still render: its image is read instead
        try:
            short = bool(text) and is_short_text_page(reader.pages[index], text)
        except Exception:  # a page pypdf cannot take apart: its image decides
            short = False
        if not needs_ocr(text, mode, short):
            _send("page", index, text, short)
            continue
        if index in cached:
            _send("cached", index, text)
            continue
        _send("ocr_start", index)
        try:
            _send("ocr", index, *ocr.read(index))
        except Exception as exc:  # a page PDFium cannot render, missing language data
            _send("ocr_error", index, f"{type(exc).__name__}: {exc}")
    _send("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
