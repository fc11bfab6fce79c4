"""A searchable copy of a scanned PDF: the original pages, untouched, with the words OCR read laid over
them as invisible text (PDF text render mode 3), so any PDF viewer can search, select and copy them.

The words and their boxes come from the reading (PdfText.ocr_words): no page is read twice.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from rio_desktop.documents import fonts
from rio_desktop.documents.export import ExportError, write_document
from rio_desktop.documents.pdf_text import PdfText
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message

log = logging.getLogger(__name__)
BASELINE = 0.78  # of a word box's height, from its top: where the font's baseline sits in the box


def _overlay(width: float, height: float, boxes: tuple) -> object:
    """One page of invisible words, as big as the original page (points)."""
    from fpdf import FPDF
    from fpdf.enums import TextMode
    from pypdf import PdfReader

    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_page()
    pdf.text_mode = TextMode.INVISIBLE
    # Carlito, embedded as in every PDF we write: the words keep their accents and dashes when copied.
    pdf.add_font(fonts.FAMILY, "", str(fonts.font_file("")))
    for left, top, right, bottom, word in boxes:
        text = word
        size = max(1.0, bottom - top)
        pdf.set_font(fonts.FAMILY, size=size)
        pdf.set_stretching(100.0)
        natural = pdf.get_string_width(text)
        if natural > 0:  # the word as wide as on the image, so a selection covers it
            pdf.set_stretching(100.0 * (right - left) / natural)
        pdf.text(left, top + BASELINE * size, text)
    return PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0]


def save_searchable_copy(document: PdfText, target: Path, password: str | None = None) -> Path:
    """Write `document`'s file with its OCR text under each scanned page to `target` (a password-protected
    original gets the same password)."""
    from pypdf import PdfReader, PdfWriter, Transformation

    if not document.ocr_words:
        raise ExportError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} has no pages read by OCR: it is already searchable, or it has no text at all."),
            name=document.path.name))
    try:
        reader = PdfReader(document.path, strict=False)
        encrypted = reader.is_encrypted
        if encrypted:
            reader.decrypt(password or "")
        writer = PdfWriter(clone_from=reader)
        for number, boxes in sorted(document.ocr_words.items()):
            page = writer.pages[number - 1]
            if page.rotation % 360:  # the words' boxes were measured on the page as shown: not mapped
                log.info("page %d is rotated; left without a text layer", number)
                continue
            box = page.cropbox
            overlay = _overlay(float(box.width), float(box.height), boxes)
            page.merge_transformed_page(overlay, Transformation().translate(float(box.left), float(box.bottom)))
        if encrypted and password:
            writer.encrypt(password)
        buffer = io.BytesIO()
        writer.write(buffer)
    except ExportError:
        raise
    except Exception as exc:  # pypdf's many kinds of errors on unusual files
        log.exception("searchable copy of %s failed", document.path)
        raise ExportError(Message(QT_TRANSLATE_NOOP(
            "Core", "A searchable copy of {name} could not be made ({detail})."), name=document.path.name,
            detail=type(exc).__name__)) from exc
    return write_document(target, buffer.getvalue())
