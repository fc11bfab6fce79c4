"""The Draft page: fill the form, generate, rewrite a selection, undo, export; autosave survives a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import docx
import pytest
from conftest import paths_under
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from rio_desktop.documents.letter import rewrite_request
from rio_desktop.ui.app import Gui


@pytest.fixture
def gui(qtbot, tmp_path: Path, model_path: Path):
    gui = Gui(paths_under(tmp_path / "home"))
    gui.settings.update(n_ctx=2048)
    qtbot.addWidget(gui.window)
    gui.window.show()
    gui.window.navigation.setCurrentRow(1)
    with qtbot.waitSignal(gui.worker.loaded, timeout=60_000):
        gui.window.load_model(model_path)
    yield gui
    assert gui.shutdown(5)


def test_fill_generate_rewrite_undo_export(gui, qtbot, tmp_path: Path) -> None:
    page = gui.window.draft_page
    assert page.template.currentData() == "oficio"
    # QTest types ASCII only: accented text goes in as a paste would.
    form = page.form
    qtbot.keyClicks(form["number"], "652")
    qtbot.keyClicks(form["sectors"], "CGP/SMF")
    form["department"].insert("Coordenadoria-Geral de Gestão de Pessoas")
    form["addressee.name"].insert("João da Silva")
    form["addressee.office"].insert("Secretário Municipal de Saúde")
    assert form["addressee.treatment"].currentData() == "excelencia"  # suggested by the table of forms of address
    form["subject"].insert("aquisição de computadores")
    form["relation"].setCurrentIndex(form["relation"].findData("higher"))
    qtbot.keyClicks(form["signatory.name"], "Maria Souza")
    form["signatory.office"].insert("coordenadora-geral de gestão de pessoas")
    page.notes.insertPlainText("Pedir 20 computadores novos; os atuais têm dez anos.")
    preview = page.preview.text()
    assert "OFÍCIO Nº 652/" in preview and "Senhor Secretário," in preview and "Respeitosamente," in preview

    with qtbot.waitSignal(gui.worker.generated, timeout=120_000):
        qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.request is None, timeout=5_000)
    body = page.body.toPlainText()
    assert body.strip() and "O que a carta deve dizer" not in body
    assert "MARIA SOUZA" in page.preview.text()
    assert "Coordenadoria-Geral de Gestão de Pessoas" in page.preview.text()

    original = "Solicito a compra de vinte computadores porque os que temos estão muito velhos."
    page.body.setPlainText(original + "\n\nSegundo parágrafo, que a reescrita não toca.")
    cursor = page.body.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len(original), QTextCursor.MoveMode.KeepAnchor)
    page.body.setTextCursor(cursor)
    before = page.body.toPlainText()
    with qtbot.waitSignal(gui.worker.generated, timeout=120_000) as finished:
        qtbot.mouseClick(page.rewrite_buttons["formal"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.request is None, timeout=5_000)
    # The model's answer (sampled at a temperature: it differs from run to run), cleaned of any echoed
    # prompt label and made one paragraph, as the rewrite request defines.
    answer = rewrite_request("formal", original).clean(finished.args[0].text)
    rewritten = page.body.toPlainText().split("\n\n")
    assert len(rewritten) == 2 and rewritten[1] == "Segundo parágrafo, que a reescrita não toca."
    assert rewritten[0] and rewritten[0] == answer and "\n" not in rewritten[0]
    page.body.undo()  # one step brings the clerk's words back
    assert page.body.toPlainText() == before

    target = tmp_path / "oficio.docx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.export_job is None, timeout=30_000)
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert "OFÍCIO Nº 652/2026/CGP/SMF" in texts and "Respeitosamente," in texts and "MARIA SOUZA" in texts
    assert "SmolLM2" in document.core_properties.keywords or "Smollm2" in document.core_properties.keywords


TYPE_AND_WAIT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QObject, Slot
    from PySide6.QtTest import QTest
    from rio_desktop.ui.app import Gui, create_application

    app = create_application([])
    gui = Gui()
    gui.window.show()
    page = gui.window.draft_page
    QTest.keyClicks(page.form["subject"], "Pedido de vagas em creche")
    QTest.keyClicks(page.notes, "Responder que ha vagas na unidade de Madureira.")
    QTest.keyClicks(page.body, "Informo que existem vagas disponiveis.")

    class Announce(QObject):
        @Slot(str)
        def saved(self, draft_id):
            print("SAVED", draft_id, flush=True)

    announce = Announce()
    page.saved.connect(announce.saved)
    app.exec()
""")

READ_BACK = textwrap.dedent("""
    import json
    from rio_desktop.ui.app import Gui, create_application

    app = create_application([])
    gui = Gui()
    page = gui.window.draft_page
    print(json.dumps({"subject": page.form["subject"].text(), "notes": page.notes.toPlainText(),
                      "body": page.body.toPlainText(), "drafts": page.drafts.count()}))
    gui.shutdown()
""")


def test_a_killed_application_gets_its_draft_back(tmp_path: Path) -> None:
    env = {**os.environ, "RIO_DESKTOP_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "-c", TYPE_AND_WAIT], stdout=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    line = ""
    while time.monotonic() < deadline and not line.startswith("SAVED"):
        line = process.stdout.readline()
    os.kill(process.pid, signal.SIGKILL)  # no chance to save anything on the way out
    process.wait(10)
    assert line.startswith("SAVED"), "the draft was never autosaved"
    result = subprocess.run([sys.executable, "-c", READ_BACK], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    restored = json.loads(result.stdout.strip().splitlines()[-1])
    assert restored == {"subject": "Pedido de vagas em creche",
                        "notes": "Responder que ha vagas na unidade de Madureira.",
                        "body": "Informo que existem vagas disponiveis.", "drafts": 1}


def test_organisation_templates_and_a_broken_one(qtbot, tmp_path: Path) -> None:
    from rio_desktop.settings import Settings

    folder = tmp_path / "modelos"
    folder.mkdir()
    (folder / "oficio_smf.json").write_text(json.dumps({
        "id": "oficio_smf", "name": {"pt-BR": "Ofício da SMF"}, "kind": "Ofício",
        "instructions": "Escreva o corpo.", "letterhead": ["PREFEITURA DO RIO", "SMF — GABINETE"]}),
        encoding="utf-8")
    (folder / "ruim.json").write_text("[1, 2", encoding="utf-8")
    paths = paths_under(tmp_path / "home")
    paths.ensure()
    Settings(paths.config).update(templates_folder=str(folder))
    gui = Gui(paths)
    qtbot.addWidget(gui.window)
    page = gui.window.draft_page
    index = page.template.findData("oficio_smf")
    assert index >= 0 and page.template.findData("oficio") >= 0
    assert "ruim.json" in page.problems_label.text() and not page.problems_label.isHidden()
    page.template.setCurrentIndex(index)
    assert "SMF — GABINETE" in page.preview.text()
    assert gui.shutdown(5)


def test_tab_leaves_the_address_field(gui, qtbot) -> None:
    page = gui.window.draft_page
    gui.window.navigation.setCurrentRow(1)
    address = page.form["addressee.address"]
    address.setFocus()
    qtbot.waitUntil(address.hasFocus)
    qtbot.keyClick(address, Qt.Key.Key_Tab)
    assert not address.hasFocus() and "\t" not in address.toPlainText()
    assert page.form["subject"].hasFocus()  # the next field
    qtbot.keyClicks(page.form["subject"], "Vagas")
    assert address.toPlainText() == "" and page.form["subject"].text() == "Vagas"


def test_the_sender_is_remembered_for_the_next_letter(qtbot, tmp_path: Path) -> None:
    """Department line, sectors and signatory: saved with the draft, offered in every new one, also after a
    restart; the addressee and the subject are not carried over."""
    paths = paths_under(tmp_path / "home")
    gui = Gui(paths)
    qtbot.addWidget(gui.window)
    page = gui.window.draft_page
    form = page.form
    form["department"].setText("Coordenadoria-Geral de Tecnologia da Informação")
    form["sectors"].setText("CGTI/SMF")
    form["signatory.name"].setText("Rita Alves")
    form["signatory.office"].setText("Coordenadora-Geral de Tecnologia da Informação")
    form["addressee.name"].setText("João da Silva")
    form["subject"].setText("Rede sem fio")
    page.autosave_action()
    page.new_action()
    values = form.values()
    assert values["department"] == "Coordenadoria-Geral de Tecnologia da Informação"
    assert values["sectors"] == ["CGTI", "SMF"] and values["signatory"]["name"] == "Rita Alves"
    assert values["addressee"]["name"] == "" and values["subject"] == ""
    assert "OFÍCIO Nº ___/" in page.preview.text() and "/CGTI/SMF" in page.preview.text()
    assert gui.shutdown(5)

    gui = Gui(paths)  # a restart: the last draft comes back as it was, with its own sender
    qtbot.addWidget(gui.window)
    page = gui.window.draft_page
    assert page.form.values()["signatory"]["office"] == "Coordenadora-Geral de Tecnologia da Informação"
    page.new_action()
    assert "Coordenadoria-Geral de Tecnologia da Informação" in page.preview.text()
    assert gui.shutdown(5)
