"""The clerk's first hour in Portuguese: the first-run screen, importing and loading, numbers and plurals
as Portuguese writes them, the page the window opens on."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import gui_in_language, paths_under
from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message
from rio_desktop.units import Bytes


def test_numbers_sizes_and_plurals_read_as_portuguese(qtbot, tmp_path: Path) -> None:
    from rio_desktop.ui.formatting import format_bytes, localized, translate_message

    with gui_in_language(qtbot, tmp_path, "pt_BR") as gui:
        assert format_bytes(int(23.5 * 2**30)) == "23,5 GB"
        assert localized("{seconds:.1f} s, {ratio:.2f}×", seconds=0.4, ratio=1.25) == "0,4 s, 1,25×"
        message = Message(QT_TRANSLATE_NOOP("Core", "Not enough disk space in {folder}: {needed} needed, {free} "
                                                    "free."), folder="/dados", needed=Bytes(3 << 30),
                          free=Bytes(int(1.5 * 2**30)))
        text = translate_message(message)
        assert "3,0 GB" in text and "1,5 GB" in text and "espaço" in text
        page = gui.window.summarize_page
        assert page.tr("%n page(s)", "", 1) == "1 página"
        assert page.tr("%n page(s)", "", 0) == "0 página"
        assert page.tr("%n page(s)", "", 7) == "7 páginas"
        # Qt's own dialogs speak Portuguese too (qtbase translations).
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        assert QCoreApplication.translate("QFileDialog", "Files of type:") != "Files of type:"


def test_english_plurals_are_english(gui) -> None:
    page = gui.window.summarize_page
    assert page.tr("%n page(s)", "", 1) == "1 page" and page.tr("%n page(s)", "", 3) == "3 pages"


def test_the_window_opens_on_summarize_once_a_model_is_there(qtbot, tmp_path: Path, model_path: Path) -> None:
    from rio_desktop.ui.app import Gui

    home = paths_under(tmp_path / "home").ensure()
    first = Gui(home)
    qtbot.addWidget(first.window)
    assert first.window.navigation.currentRow() == 2  # nothing to use yet: the Models page
    assert first.shutdown(5)
    (home.config / "settings.json").write_text(json.dumps({"last_model": str(model_path)}), encoding="utf-8")
    second = Gui(home)
    qtbot.addWidget(second.window)
    assert second.window.navigation.currentRow() == 0
    assert second.shutdown(5)


def test_welcome_import_cancelled_keeps_the_screen_then_an_import_is_loaded(gui, qtbot, model_path: Path,
                                                                           monkeypatch) -> None:
    window = gui.window
    choices = iter([("", ""), (str(model_path), "GGUF models (*.gguf)")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: next(choices))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)  # in place
    dialog = window.show_welcome()
    dialog.import_button.click()  # the clerk cancels the file dialog: the welcome stays
    assert dialog.isVisible()
    dialog.import_button.click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: gui.worker.model_info is not None, timeout=60_000)
    qtbot.waitUntil(lambda: window.load_request is None, timeout=10_000)
    assert window.model_label.text() == gui.worker.model_info.display_name
    assert "loaded" in window.statusBar().currentMessage()
    # Help brings the first-run screen back.
    help_menu = [a for a in window.menuBar().actions() if a.text() == "&Help"][0].menu()
    [again] = [a for a in help_menu.actions() if a.text().startswith("&Getting started")]
    again.trigger()
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(type(dialog))), timeout=2_000)


def test_a_model_dropped_on_the_window_is_offered_for_import(gui, qtbot, model_path: Path, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *_a: asked.append(text)
                        or QMessageBox.StandardButton.Cancel)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(model_path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    gui.window.dropEvent(event)
    assert asked and model_path.name in asked[0]
    assert gui.window.navigation.currentRow() == 2


def test_installed_models_show_where_they_would_run_before_loading(gui, qtbot, model_path: Path) -> None:
    tab = gui.window.models_page.installed_tab
    tab.import_file(model_path, copy=False)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1 and tab.scan_job is None, timeout=30_000)
    headers = [tab.table.horizontalHeaderItem(i).text() for i in range(tab.table.columnCount())]
    where = tab.table.item(0, headers.index("On this computer")).text()
    assert where.startswith(("CPU, ", "GPU")) and "MB" in where


def test_test_connection_with_no_address_says_what_to_do(gui) -> None:
    from rio_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(gui.settings, gui.jobs, gui.window)
    dialog.server.server_url.setText("")
    dialog.server.test_action()
    assert "address" in dialog.server.test_result.text() and dialog.server.test_button.isEnabled()
    dialog.close()
