"""Reply to a received letter in the window, in pt-BR: a received PDF opened on the Summarize page, "Responder",
the Draft page filled from it (addressee, subject, the reference opening the body), its request ticked into the
notes, the body written by the real model, the letter exported; an e-mail of a process answered to its From."""

from __future__ import annotations

import time
from pathlib import Path

import docx
from conftest import gui_in_language
from PySide6.QtCore import Qt
from received_factory import SAMPLES, write_received


def _sample(name: str):
    return next(s for s in SAMPLES if s.name == name)


def test_reply_to_a_received_letter_in_portuguese(qtbot, tmp_path: Path, model_path: Path) -> None:
    received = write_received(tmp_path / "recebidos", _sample("01-saj.pdf"))
    with gui_in_language(qtbot, tmp_path / "home", "pt_BR") as gui:
        window = gui.window
        gui.settings.update(n_ctx=2048)
        window.show()
        with qtbot.waitSignal(gui.worker.loaded, timeout=60_000):
            window.load_model(model_path)
        summarize = window.summarize_page
        summarize.open_document(received)
        qtbot.waitUntil(lambda: summarize.read_job is None, timeout=30_000)
        button = summarize.reply_button
        assert button.isEnabled() and button.text().replace("&", "") == "Responder a esta carta"

        started = time.monotonic()
        qtbot.mouseClick(summarize.reply_button, Qt.MouseButton.LeftButton)
        page = window.draft_page
        assert window.stack.currentWidget() is page
        qtbot.waitUntil(lambda: page.reply_job is None, timeout=10_000)
        filled = time.monotonic() - started
        form = page.form
        assert form["addressee.name"].text() == "José da Silva dos Santos"  # not the signature's capitals
        assert form["addressee.office"].text() == "Subchefe para Assuntos Jurídicos"
        assert form["subject"].text() == "Resposta ao Ofício nº 197/2018/SAJ/CC"
        reference = "Em atenção ao Ofício nº 197/2018/SAJ/CC, de 5 de outubro de 2026,"
        assert page.body.toPlainText().startswith(reference)
        panel = page.received
        assert panel.isVisible() and "José da Silva dos Santos" in panel.summary.text()
        assert panel.requests.count() == 1 and panel.requests.item(0).text().endswith("(p. 1)")
        assert "4 de novembro de 2026" in panel.deadlines.item(0).text()
        assert "dias corridos" in panel.deadlines.item(0).text()  # how the period was counted, in Portuguese

        panel.requests.item(0).setCheckState(Qt.CheckState.Checked)  # the request goes into the notes
        request = "Solicito a Vossa Excelência o envio do relatório de execução do convênio no prazo de trinta dias."
        assert f"- {request}" in page.notes.toPlainText()
        panel.requests.item(0).setCheckState(Qt.CheckState.Unchecked)
        assert request not in page.notes.toPlainText()
        panel.requests.item(0).setCheckState(Qt.CheckState.Checked)
        page.notes.setPlainText(page.notes.toPlainText() + "\nO relatório será enviado em novembro.")

        page.generate_action()
        qtbot.waitUntil(lambda: page.request is None, timeout=180_000)
        body = page.body.toPlainText()
        assert body.startswith(reference) and body.count("Em atenção") == 1, body
        page.grab().save(str(tmp_path / "reply.png"))

        page.export_to(tmp_path / "resposta.docx")
        qtbot.waitUntil(lambda: page.export_job is None, timeout=30_000)
        text = "\n".join(p.text for p in docx.Document(str(tmp_path / "resposta.docx")).paragraphs)
        assert reference in text and "José da Silva dos Santos" in text and "Senhor Subchefe," in text
        assert filled < 5.0  # the goal (< 1 s without the model) is measured in the closing note, not here


def test_reply_to_an_e_mail_of_a_process(gui, qtbot, tmp_path: Path) -> None:
    """The Process page's "Reply to this document" on an e-mail: addressed to its From, citing its date and
    subject; another draft reopened hides the received letter."""
    folder = tmp_path / "processo"
    write_received(folder, _sample("10-mensagem.eml"))
    write_received(folder, _sample("02-sme.pdf"))
    window = gui.window
    window.navigation.setCurrentRow(3)
    process = window.process_page
    process.open_paths([folder])
    qtbot.waitUntil(lambda: process.read_job is None, timeout=60_000)
    assert not process.reply_button.isEnabled()  # nothing chosen yet
    email = next(i for i in range(process.tree.topLevelItemCount()) if process.tree.topLevelItem(i).text(1) == "e-mail")
    process.tree.setCurrentItem(process.tree.topLevelItem(email))
    assert process.reply_button.isEnabled()
    qtbot.mouseClick(process.reply_button, Qt.MouseButton.LeftButton)
    page = window.draft_page
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.reply_job is None, timeout=10_000)
    assert page.form["addressee.name"].text() == "Ana Lima"
    assert page.body.toPlainText().startswith("Em atenção à mensagem eletrônica de 5 de outubro de 2026, que trata "
                                              "de frequência dos estagiários,")
    assert page.received.isVisible() and page.received.requests.count() == 1
    page.new_action()  # another draft: the received letter beside the form was the other one's
    assert page.reply is None and not page.received.isVisible()
    page.request = object()  # while the model writes into a draft, a reply does not take its place
    assert page.reply_to_document(process.chosen_document()) is None
    assert "still writing" in page.status.text() and page.reply_job is None
    page.request = None
