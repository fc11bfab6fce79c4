"""The Questions tab with the real model, offscreen: open, ask, stream, cite, follow up, export, cancel."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from conftest import open_in_window
from pdf_factory import labelled_pdf, text_pdf
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from rio_desktop.documents.citations import SummaryPoint
from rio_desktop.documents.pdf_text import PdfText
from rio_desktop.documents.search_index import PageSearch


@pytest.fixture
def gui(gui_with_model):
    return gui_with_model


def _open(gui, qtbot, path: Path) -> PdfText:
    return open_in_window(gui, qtbot, path, indexed=True)


def _ask(gui, qtbot, question: str, timeout: int = 300_000):
    panel = gui.window.summarize_page.questions
    before = len(panel.answers)
    panel.question.setText(question)  # typed: QTest.keyClicks takes only ASCII (Qt asserts on "ô")
    qtbot.keyClick(panel.question, Qt.Key.Key_Return)
    assert panel.busy and not panel.ask_button.isEnabled()
    qtbot.waitUntil(lambda: not panel.busy, timeout=timeout)
    assert len(panel.answers) == before + 1, panel.status.text()
    return panel.answers[-1]


def test_ask_stream_cite_follow_up_copy_and_export(gui, qtbot, tmp_path: Path) -> None:
    page = gui.window.summarize_page
    panel = page.questions
    gui.window.navigation.setCurrentRow(0)
    page.side_tabs.setCurrentWidget(panel)
    # Five pages: with the longest first answer the conversation still fits the test context (2048), so the
    # follow-up keeps it whatever the model wrote.
    _open(gui, qtbot, text_pdf(tmp_path / "relatorio.pdf", 5, sentences=4))
    assert isinstance(panel.search, PageSearch)
    assert not panel.ask_button.isEnabled()  # nothing typed yet

    streamed: list[str] = []
    show_text = panel.text_event_response
    panel.text_event_response = lambda text: (streamed.append(text), show_text(text))
    first = _ask(gui, qtbot, "Quantos ônibus elétricos o BRT Transcarioca recebeu?")
    assert streamed  # the answer streamed in as it was written
    assert first.covered and first.sources == [1, 2, 3, 4, 5]
    html = panel.view.toHtml()
    assert "Quantos ônibus elétricos" in html
    cited = sorted({n for point in first.points for n in point.pages})
    if cited:  # the small model may cite nothing; the link check runs on a planted answer below
        assert f'href="page:{cited[0]}"' in html

    panel.citation_action(QUrl("page:3"))
    qtbot.waitUntil(lambda: page.pdf_view.pageNavigator().currentPage() == 2, timeout=5_000)

    second = _ask(gui, qtbot, "E quantas mudas foram plantadas?")
    assert second.stats.history_turns == 1
    # Only what is new is read: the first answer and the follow-up question, never the document again (a
    # share of the first prompt depended on how long the sampled answer was: 0.22 with one thread).
    assert second.stats.prompt_tokens_evaluated <= second.stats.prompt_tokens - first.stats.prompt_tokens + 16
    assert len(panel.answers) == 2 and panel.conversation is not None and len(panel.conversation.answers) == 2

    QApplication.clipboard().clear()
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith("Quantos ônibus elétricos") and "E quantas mudas" in copied

    target = tmp_path / "perguntas.docx"
    panel.export_to(target)
    qtbot.waitUntil(lambda: panel.export_job is None, timeout=30_000)
    exported = docx.Document(str(target))
    assert exported.core_properties.subject.startswith("source: relatorio.pdf")
    assert "page_numbering: position in file" in exported.core_properties.comments
    assert any("Quantos ônibus elétricos" in p.text for p in exported.paragraphs)

    not_covered = _ask(gui, qtbot, "Quem ganhou a Copa do Mundo de futebol?")
    assert not not_covered.covered and "não parece tratar disso" in panel.view.toPlainText()


def test_escape_cancels_an_answer(gui, qtbot, tmp_path: Path) -> None:
    page = gui.window.summarize_page
    panel = page.questions
    gui.window.navigation.setCurrentRow(0)
    page.side_tabs.setCurrentWidget(panel)
    _open(gui, qtbot, text_pdf(tmp_path / "memo.pdf", 3, sentences=4))
    # Page 2 speaks of the BRT's buses: the model is asked (a question the document does not cover is
    # answered at once, with nothing to cancel).
    panel.question.setText("Quantos ônibus elétricos o BRT Transcarioca recebeu?")
    qtbot.keyClick(panel.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.cancel_button.isEnabled(), timeout=5_000)
    gui.window.cancel_action.trigger()  # Esc
    qtbot.waitUntil(lambda: not panel.busy, timeout=60_000)
    # Stopped before the model began (nothing kept) or while it wrote (the partial answer, marked).
    assert "Stopped" in panel.status.text()
    assert not panel.answers or (len(panel.answers) == 1 and panel.answers[0].partial)
    assert page.summarize_button.isEnabled() and not page.cancel_button.isEnabled()


def test_reading_progress_and_a_stop_button_of_its_own(gui, qtbot, tmp_path: Path) -> None:
    """The pages given are read before the first word (about 50 s on a CPU with a real model): the panel says
    how much is read, and has its own Stop button (issue 23)."""
    page = gui.window.summarize_page
    panel = page.questions
    page.side_tabs.setCurrentWidget(panel)
    _open(gui, qtbot, text_pdf(tmp_path / "memo.pdf", 3, sentences=4))
    read: list[float] = []
    shown: list[str] = []
    original = panel.reading_event_response

    def reading(fraction: float) -> None:
        read.append(fraction)
        original(fraction)
        shown.append(panel.status.text())

    panel.reading_event_response = reading
    panel.request = None
    panel.question.setText("Quantos ônibus elétricos o BRT Transcarioca recebeu?")
    panel.ask_action()
    assert panel.stop_button.isVisibleTo(panel) and not panel.ask_button.isVisibleTo(panel)
    qtbot.waitUntil(lambda: bool(read), timeout=60_000)
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy, timeout=60_000)
    assert "Stopped" in panel.status.text()
    assert read[0] == 0.0 and all(0.0 <= f <= 1.0 for f in read)
    assert shown[0].startswith("Reading the pages for the answer") and "0 %" in shown[0]
    assert panel.ask_button.isVisibleTo(panel) and not panel.stop_button.isVisibleTo(panel)


def test_another_document_during_an_answer_closes_the_index_after_its_last_use(gui, qtbot, tmp_path: Path,
                                                                              monkeypatch) -> None:
    """Opening another document cancels the answer being written; its search index is closed by the inference
    worker once that answer has stopped (closing it at once, on the GUI thread, pulled the database from under
    the answer still reading it)."""
    import threading

    page = gui.window.summarize_page
    panel = page.questions
    gui.window.navigation.setCurrentRow(0)
    page.side_tabs.setCurrentWidget(panel)
    _open(gui, qtbot, text_pdf(tmp_path / "memo.pdf", 3, sentences=4))
    first = panel.search
    closed: list[str] = []
    original_close = PageSearch.close
    monkeypatch.setattr(PageSearch, "close", lambda self: (closed.append(threading.current_thread().name)
                                                           if self is first else None, original_close(self)))
    failures: list[object] = []
    gui.worker.unhandled.connect(failures.append)
    panel.question.setText("Quantos ônibus elétricos o BRT Transcarioca recebeu?")
    qtbot.keyClick(panel.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.cancel_button.isEnabled(), timeout=5_000)
    _open(gui, qtbot, text_pdf(tmp_path / "outro.pdf", 2, sentences=3))
    qtbot.waitUntil(lambda: bool(closed), timeout=60_000)
    assert closed != [threading.main_thread().name] and not failures
    assert panel.search is not None and panel.search is not first and not panel.busy


def test_labels_show_in_citations_and_links_go_to_the_physical_page(gui, qtbot, tmp_path: Path) -> None:
    page = gui.window.summarize_page
    panel = page.questions
    gui.window.navigation.setCurrentRow(0)
    page.side_tabs.setCurrentWidget(panel)
    document = _open(gui, qtbot, labelled_pdf(tmp_path / "processo.pdf", front=3, body=4))
    assert document.labels == ["i", "ii", "iii", "1", "2", "3", "4"]
    answer = _ask(gui, qtbot, "Quantas turmas de educação infantil foram abertas?")
    answer.points = [SummaryPoint("A rede abriu novas turmas", [5]), SummaryPoint("Apresentação", [2])]
    panel._render()
    html = panel.view.toHtml()
    assert 'href="page:5"' in html and 'href="page:2"' in html
    shown = panel.view.toPlainText()
    assert "A rede abriu novas turmas (p. 2)" in shown and "Apresentação (p. ii)" in shown
    assert _tooltip_of(panel.view, "2") == "page 5 of the file"  # the position in the file, on hover
    assert "(p. 2)" in panel.conversation_text() and "(p. ii)" in panel.conversation_text()
    panel.citation_action(QUrl("page:5"))  # printed "2": the fifth page of the file
    qtbot.waitUntil(lambda: page.pdf_view.pageNavigator().currentPage() == 4, timeout=5_000)


def _tooltip_of(view, text: str) -> str | None:
    """The hover text of the link that shows `text`."""
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.text() == text and fragment.charFormat().isAnchor():
                return fragment.charFormat().toolTip()
            iterator += 1
        block = block.next()
    return None


def test_the_panel_looks_right(gui, qtbot, tmp_path: Path) -> None:
    """Renders the window with the tab to a PNG, to be looked at (RIO_SCREENSHOTS=folder keeps it)."""
    page = gui.window.summarize_page
    panel = page.questions
    gui.window.resize(1280, 800)
    gui.window.navigation.setCurrentRow(0)
    page.side_tabs.setCurrentWidget(panel)
    _open(gui, qtbot, labelled_pdf(tmp_path / "processo.pdf", front=3, body=4))
    answer = _ask(gui, qtbot, "Quantas turmas de educação infantil foram abertas?")
    answer.points = [SummaryPoint("A rede municipal abriu 12 novas turmas de educação infantil", [4]),
                     SummaryPoint("Os professores foram contratados por concurso", [])]
    panel._render()
    panel.question.setText("E quantos professores foram contratados?")
    output = Path(os.environ.get("RIO_SCREENSHOTS", tmp_path))
    output.mkdir(parents=True, exist_ok=True)
    assert gui.window.grab().save(str(output / "questions-panel.png"))


def test_summary_citations_show_printed_labels() -> None:
    from rio_desktop.documents.summarize import SummaryOptions, SummaryResult, SummaryStats
    from rio_desktop.ui.summarize_page import summary_html

    labels = ["i", "ii", "1", "2"]
    result = SummaryResult(points=[SummaryPoint("Apresentação", [1, 2]), SummaryPoint("Orçamento", [4])],
                           options=SummaryOptions(), stats=SummaryStats())
    html = summary_html(result, "gray", "", lambda n: labels[n - 1], "page {n} of the file")
    assert '<a href="page:2" title="page 2 of the file">ii</a>' in html
    assert '(p. <a href="page:4" title="page 4 of the file">2</a>)' in html
    assert '(p. <a href="page:4">4</a>)' in summary_html(result)  # no labels: the positions


def test_menu_commands_follow_the_tab_in_view(gui) -> None:
    """Ctrl+Enter asks and Ctrl+E exports the conversation while the Questions tab is in view."""
    page = gui.window.summarize_page
    assert page.primary_button is page.summarize_button and page.export_target is page.export_button
    page.side_tabs.setCurrentWidget(page.questions)
    assert page.primary_button is page.questions.ask_button
    assert page.export_target is page.questions.export_button
