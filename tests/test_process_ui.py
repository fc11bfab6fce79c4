"""The Process page with the real model, offscreen: open a folder of every format, see the documents (attachments
under their e-mail), summarize, follow a chronology citation to its document and page."""

from __future__ import annotations

from pathlib import Path

from process_factory import write_process
from PySide6.QtCore import QUrl


def test_open_a_process_summarize_and_follow_a_citation(gui_with_model, qtbot, tmp_path: Path) -> None:
    gui = gui_with_model
    window = gui.window
    window.navigation.setCurrentRow(3)
    page = window.process_page
    assert window.stack.currentWidget() is page
    folder = write_process(tmp_path / "processo", tmp_path / "work")
    page.open_paths([folder])
    qtbot.waitUntil(lambda: page.read_job is None, timeout=120_000)
    titles = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert titles[0] == "OFÍCIO Nº 312/2026/SME/GAB" and len(titles) == 8
    email = page.tree.topLevelItem(7)
    assert email.text(1) == "e-mail" and email.childCount() == 2  # the attachments under their e-mail
    assert page.tree.topLevelItem(6).text(4) == "OCR"  # the TIFF
    warnings = page.warnings_view.toPlainText()
    assert "09-quebrado.docx" in warnings and "11-mensagem.msg" in warnings and page.warnings_view.isVisible()
    assert "10 documents" in page.stage_label.text()
    page.tree.setCurrentItem(email.child(1))
    assert "infiltrações" in page.document_view.toPlainText()

    assert page.summarize_button.isEnabled()
    window.primary_action.trigger()  # Ctrl+Enter on this page
    qtbot.waitUntil(lambda: page.request is None, timeout=300_000)
    if page.result is None:  # the tiny model may write nothing checkable twice: said, nothing shown
        assert "nothing that could be checked" in page.stage_label.text()
        assert not page.summary_view.toPlainText().strip()
        return
    text = page.summary_view.toPlainText()
    assert "Chronology" in text and "Pending" in text
    first = page.chronology[0]
    assert (first.date.isoformat(), first.citations[0].file) == ("2026-08-03", "03-parecer.rtf")
    page.citation_action(QUrl(f"doc:{first.citations[0].file}:{first.citations[0].page}"))
    assert page.shown == (2, first.citations[0].page)
    assert page.tabs.currentWidget() is page.document_view and "PARECER" in page.document_view.toPlainText()
    page.grab().save(str(tmp_path / "process-page.png"))

    import docx

    page.export_to(tmp_path / "processo.docx")
    qtbot.waitUntil(lambda: page.export_job is None, timeout=60_000)
    exported = docx.Document(str(tmp_path / "processo.docx"))
    chronology, pending, documents = exported.tables
    assert [c.text for c in chronology.rows[0].cells] == ["Data", "Ato", "Fonte"]  # the summary's language
    assert chronology.rows[1].cells[2].text == f"{first.citations[0].file}, p. {first.citations[0].page}"
    assert len(documents.rows) == 11 and len(documents.rows[1].cells[5].text) == 64  # each document's sha256


def test_questions_across_the_process_cite_document_and_page_and_open_it(gui_with_model, qtbot,
                                                                          tmp_path: Path) -> None:
    """The Questions tab of the Process page: an answer drawn from the whole process, each citation naming its
    document and page, a citation opening that document at that page; copy and export cite the same way."""
    from rio_desktop.documents.ask import Answer, AnswerStats
    from rio_desktop.documents.citations import SummaryPoint

    gui = gui_with_model
    window = gui.window
    window.navigation.setCurrentRow(3)
    page = window.process_page
    folder = write_process(tmp_path / "processo", tmp_path / "work")
    page.open_paths([folder])
    qtbot.waitUntil(lambda: page.read_job is None, timeout=120_000)
    questions = page.questions
    page.tabs.setCurrentWidget(questions)
    qtbot.waitUntil(lambda: questions.search is not None, timeout=60_000)
    questions.question.setText("Onde o laudo encontrou rachaduras?")
    assert questions.ask_button.isEnabled()
    questions.ask_action()
    qtbot.waitUntil(lambda: questions.request is None, timeout=180_000)
    assert len(questions.answers) == 1, questions.status.text()
    answer = questions.answers[0]
    combined = page.combined
    assert ("07-laudo.tif", 1) in [combined.place(n) for n in answer.sources]  # the image's page, by OCR

    # Each citation names a document and its page, as a link to the page of the combined process.
    answer = Answer("Onde?", [SummaryPoint("Rachaduras no segundo andar.", [answer.sources[0]])],
                    answer.sources, AnswerStats(), [])
    questions.answers = [answer]
    questions._render()
    file, number = combined.place(answer.sources[0])
    shown = questions.view.toHtml()
    assert f"{file}, p." in questions.view.toPlainText() and f'href="page:{answer.sources[0]}"' in shown
    assert questions.conversation_text().endswith(f"Rachaduras no segundo andar. ({file}, p. {number})")
    questions.citation_action(QUrl(f"page:{answer.sources[0]}"))
    index = next(i for i, d in enumerate(page.process.documents) if d.file == file)
    assert page.shown == (index, number) and page.tabs.currentWidget() is page.document_view

    questions.export_to(tmp_path / "perguntas.md")
    qtbot.waitUntil(lambda: questions.export_job is None, timeout=60_000)
    markdown = (tmp_path / "perguntas.md").read_text(encoding="utf-8")
    assert f"({file}, p. {number})" in markdown and folder.name in markdown
