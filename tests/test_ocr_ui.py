"""The Summarize page with a scanned document, offscreen: OCR progress, the text-of-the-page toggle."""

from __future__ import annotations

from pathlib import Path

from pdf_factory import OFICIO, scanned_pdf
from PySide6.QtCore import Qt

from rio_desktop.documents.pdf_text import PdfText


def test_a_scan_is_read_with_ocr_progress_and_its_text_shown(gui, qtbot, tmp_path: Path) -> None:
    page = gui.window.summarize_page
    gui.window.navigation.setCurrentRow(0)
    path = scanned_pdf(tmp_path / "oficio.pdf", [("text", ""), ("scan", OFICIO), ("blank", "")])
    assert not page.text_toggle.isEnabled()
    page.open_document(path)
    qtbot.waitUntil(lambda: "(OCR)" in page.stage_label.text(), timeout=60_000)
    assert page.stage_label.text().startswith("Reading page 2 of 3 (OCR)")
    assert page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: page.read_job is None, timeout=120_000)
    document: PdfText = page.document
    assert [p.source for p in document.pages] == ["text", "ocr", "none"]
    assert "3" in page.notes_label.text() and "blank" in page.notes_label.text()
    assert page.page_text.document is document  # without a model the label asks for one instead

    assert page.text_toggle.isEnabled() and page.viewer.currentWidget() is page.pdf_view
    qtbot.mouseClick(page.text_toggle, Qt.MouseButton.LeftButton)
    assert page.viewer.currentWidget() is page.page_text
    page.show_page(2)
    assert "read from the image by OCR" in page.page_text.header.text()
    assert "Conceição" in page.page_text.text.toPlainText()
    qtbot.mouseClick(page.page_text.next_button, Qt.MouseButton.LeftButton)
    assert "no text was found" in page.page_text.header.text() and not page.page_text.next_button.isEnabled()
    qtbot.mouseClick(page.text_toggle, Qt.MouseButton.LeftButton)
    assert page.viewer.currentWidget() is page.pdf_view


def test_cancel_while_a_scan_is_read(gui, qtbot, tmp_path: Path) -> None:
    page = gui.window.summarize_page
    path = scanned_pdf(tmp_path / "longo.pdf", [("scan", OFICIO)] * 3)
    job = page.open_document(path)
    qtbot.waitUntil(lambda: "(OCR)" in page.stage_label.text(), timeout=60_000)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert page.open_button.isEnabled() and page.document is None and page.read_job is None
    assert page.stage_label.text() == "Stopped reading longo.pdf."
    qtbot.waitUntil(lambda: job.finished, timeout=1_000)  # the reader process stops within a second
