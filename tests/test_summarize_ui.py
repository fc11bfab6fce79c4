"""The Summarize page with the real model, offscreen: open, summarize, stream, cite, export."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import open_in_window
from pdf_factory import text_pdf
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QInputDialog

from rio_desktop.documents.pdf_text import PdfText
from rio_desktop.documents.summarize import SummaryResult


@pytest.fixture
def gui(gui_with_model):
    return gui_with_model


def _open(gui, qtbot, path: Path) -> PdfText:
    return open_in_window(gui, qtbot, path, indexed=False)


def test_open_summarize_cite_and_export(gui, qtbot, tmp_path: Path) -> None:
    page = gui.window.summarize_page
    gui.window.navigation.setCurrentRow(0)
    document = _open(gui, qtbot, text_pdf(tmp_path / "relatorio.pdf", 9, scanned=(4,)))
    assert document.page_count == 9
    qtbot.waitUntil(lambda: page.pdf.pageCount() == 9, timeout=5_000)  # the PDF is shown
    assert "4" in page.notes_label.text()  # the scanned page is named
    assert page.summarize_button.isEnabled()
    assert page.recent.itemData(1) == str(tmp_path / "relatorio.pdf")

    fractions: list[float] = []
    show_status = page.status_event_response
    page.status_event_response = lambda progress: (fractions.append(page.progress.value()), show_status(progress))
    qtbot.mouseClick(page.summarize_button, Qt.MouseButton.LeftButton)
    assert page.cancel_button.isEnabled() and not page.open_button.isEnabled()
    qtbot.waitUntil(lambda: page.request is None, timeout=300_000)
    assert page.result is not None
    result: SummaryResult = page.result
    assert fractions == sorted(fractions)  # one bar for the whole summary, never going back
    assert page.streamed  # the final summary streamed into the view as it was written
    assert result.points
    html = page.summary_view.toHtml()
    cited = sorted({n for point in result.points for n in point.pages})
    assert f'href="page:{cited[0]}"' in html
    assert "tokens" in page.stage_label.text() and "×" in page.stage_label.text()

    page.citation_action(QUrl(f"page:{cited[-1]}"))
    qtbot.waitUntil(lambda: page.pdf_view.pageNavigator().currentPage() == cited[-1] - 1, timeout=5_000)

    QApplication.clipboard().clear()
    page.copy_action()
    assert QApplication.clipboard().text() == result.summary

    target = tmp_path / "resumo.docx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.export_job is None, timeout=30_000)
    exported = docx.Document(str(target))
    assert exported.core_properties.subject.startswith("source: relatorio.pdf")
    assert any(result.points[0].text in p.text for p in exported.paragraphs)


def test_password_is_asked_for(gui, qtbot, tmp_path: Path, monkeypatch) -> None:
    answers = iter([("errada", True), ("rio2026", True)])
    asked: list[str] = []

    def ask(_parent, _title, label, _mode):
        asked.append(label)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", ask)
    page = gui.window.summarize_page
    path = text_pdf(tmp_path / "sigiloso.pdf", 2, password="rio2026")
    page.open_document(path)
    qtbot.waitUntil(lambda: page.document is not None, timeout=30_000)
    assert len(asked) == 2 and "protected by a password" in asked[0] and "does not open" in asked[1]
    assert page.document.page_count == 2


def test_a_broken_file_is_reported_and_the_page_stays_usable(gui, qtbot, tmp_path: Path) -> None:
    page = gui.window.summarize_page
    bad = tmp_path / "quebrado.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    good = _open(gui, qtbot, text_pdf(tmp_path / "bom.pdf", 2))
    page.open_document(bad)
    qtbot.waitUntil(lambda: page.read_job is None, timeout=30_000)
    assert "quebrado.pdf" in page.stage_label.text()
    # The document in view stays, and the message says which one it is.
    assert page.document is good and "Still showing bom.pdf" in page.stage_label.text()
    assert page.open_button.isEnabled() and page.summarize_button.isEnabled()


def test_reading_a_long_pdf_keeps_the_window_responsive(gui, qtbot, tmp_path: Path) -> None:
    import time

    from PySide6.QtCore import QObject, QTimer, Slot

    class Ticks(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.times: list[float] = []

        @Slot()
        def tick(self) -> None:
            self.times.append(time.perf_counter())

    path = text_pdf(tmp_path / "longo.pdf", 300, sentences=4)
    ticks = Ticks()
    timer = QTimer()
    timer.timeout.connect(ticks.tick)
    timer.start(5)
    document = _open(gui, qtbot, path)
    timer.stop()
    assert document.page_count == 300
    gap = max(b - a for a, b in zip(ticks.times, ticks.times[1:], strict=False)) * 1000
    assert gap < 100, f"the window froze for {gap:.0f} ms while reading"


def test_drop_a_pdf_on_the_page(gui, qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF
    from PySide6.QtGui import QDropEvent

    page = gui.window.summarize_page
    path = text_pdf(tmp_path / "arrastado.pdf", 2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)
    qtbot.waitUntil(lambda: page.read_job is None, timeout=30_000)
    assert page.document is not None and page.document.path == path
