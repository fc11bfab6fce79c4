"""The window as part of the desktop: keyboard commands, taskbar progress, notifications, restart for a
new language, and what start-up leaves for later."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from rio_desktop import APP_NAME


def test_keyboard_commands_follow_the_page_in_view(gui, qtbot, monkeypatch) -> None:
    window = gui.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 0 and window.stack.currentWidget() is window.summarize_page
    calls = []
    monkeypatch.setattr(window.summarize_page, "open_action", lambda: calls.append("open"))
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert calls == ["open"]
    # Summarize needs a document and a model: the command does what the disabled button would (nothing).
    assert not window.summarize_page.summarize_button.isEnabled()
    assert window._page_command("primary") is False
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.draft_page
    assert window.print_action.isEnabled() and window.export_action.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.models_page
    assert not window.export_action.isEnabled() and not window.print_action.isEnabled()


def test_escape_stops_a_generation_on_the_models_page(gui, qtbot, model_path: Path) -> None:
    window = gui.window
    with qtbot.waitSignal(gui.worker.loaded, timeout=60_000):
        window.load_model(model_path)
    window.navigation.setCurrentRow(2)
    page = window.models_page
    page.prompt_edit.setPlainText("Write a long story about the city.")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    QTest.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.request is not None
    qtbot.waitUntil(lambda: page.answer_edit.toPlainText() != "", timeout=30_000)
    QTest.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.request is None, timeout=10_000)
    assert "Stopped" in page.status_label.text() and page.answer_edit.toPlainText()  # what was written stays


def test_progress_goes_to_the_title_and_a_background_end_is_notified(gui) -> None:
    window = gui.window
    desktop = window.desktop
    desktop.set_progress("summary", 0.42)
    desktop.set_progress("download:7", 0.9)
    assert window.windowTitle() == f"42% · {APP_NAME}"  # the least advanced of the two
    desktop.set_progress("summary", None)
    assert window.windowTitle() == f"90% · {APP_NAME}"
    desktop.set_progress("download:7", None)
    assert window.windowTitle() == APP_NAME
    window.activateWindow()
    if window.isActiveWindow():
        assert desktop.notify("Summary ready", "x") is False  # the clerk is looking: nothing to say
    window.hide()  # the clerk works in another program
    assert desktop.notify("Summary ready", "The summary of a.pdf is ready.") is True
    assert desktop.last_notification == ("Summary ready", "The summary of a.pdf is ready.")


def test_a_summary_that_ends_in_the_background_is_notified(gui, qtbot, model_path: Path, tmp_path: Path) -> None:
    from pdf_factory import text_pdf

    window = gui.window
    with qtbot.waitSignal(gui.worker.loaded, timeout=60_000):
        window.load_model(model_path)
    page = window.summarize_page
    page.open_document(text_pdf(tmp_path / "relatorio.pdf", pages=2))
    qtbot.waitUntil(lambda: page.document is not None, timeout=30_000)
    titles = []
    window.windowTitleChanged.connect(titles.append)
    window.hide()
    page.summarize_action()
    qtbot.waitUntil(lambda: page.request is None, timeout=120_000)
    assert any(t.endswith(f"% · {APP_NAME}") for t in titles)  # progress was shown while it ran
    assert window.windowTitle() == APP_NAME
    assert window.desktop.last_notification == ("Summary ready", "The summary of relatorio.pdf is ready.")


def test_changing_the_language_offers_a_restart(gui, monkeypatch) -> None:
    from rio_desktop.ui.app import relaunch_command

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    assert gui.window.offer_restart() is False and gui.window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    assert gui.window.offer_restart() is True
    assert gui.window.restart_requested and not gui.window.isVisible()
    assert relaunch_command() == [sys.executable, "-m", "rio_desktop"]


# What the first window does without (bench/startup.py measures it against a bare PySide6 window). Each
# of these came into the start once and cost milliseconds or megabytes: third-party packages (numpy alone
# ~100 ms here), hashlib's OpenSSL (~3.5 MB), ctypes and llama.cpp's loader, the planner and the download code,
# and the pages, panels and dialogs that are built when first opened.
LATER_PACKAGES = (
    "llama_cpp", "jinja2", "psutil", "pynvml", "http", "huggingface_hub", "keyring", "gguf", "numpy", "pypdf",
    "pypdfium2", "tesserocr", "PIL", "fpdf", "docx", "fontTools", "snowballstemmer", "cryptography", "sqlite3",
    "ssl", "hashlib", "_hashlib", "urllib", "rio_desktop.documents")
LATER_MODULES = (
    "rio_desktop.engine.llama_backend", "rio_desktop.engine.server_backend",
    "rio_desktop.engine.backend_probe", "rio_desktop.engine.ggml_backends", "rio_desktop.engine.llama_build",
    "rio_desktop.engine.probe_model", "rio_desktop.engine.chat_template", "rio_desktop.models.planner",
    "rio_desktop.models.download", "rio_desktop.models.hardware", "rio_desktop.models.catalog",
    "rio_desktop.network", "rio_desktop.hashing", "rio_desktop.ui.draft_page", "rio_desktop.ui.summarize_page",
    "rio_desktop.ui.questions_panel", "rio_desktop.ui.model_catalog", "rio_desktop.ui.settings_dialog",
    "rio_desktop.ui.computer_panel", "rio_desktop.ui.welcome", "PySide6.QtDBus", "PySide6.QtCore.Qt")


def test_start_up_leaves_heavy_parts_for_later(tmp_path: Path) -> None:
    """What bench/startup.py measures depends on this: none of these is needed to show the window."""
    code = """
import json, sys
from rio_desktop.ui.app import Gui, create_application
app = create_application([])
gui = Gui()
gui.window.show()
app.processEvents()
import PySide6.QtCore
# PySide6 makes a type when it is first used: the Qt namespace's enums take ~15 ms to build.
built = ["PySide6.QtCore.Qt"] if "Qt" in vars(PySide6.QtCore) else []
print(json.dumps(sorted(sys.modules) + built))
gui.shutdown()
"""
    env = {"RIO_DESKTOP_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    later = [m for m in loaded if m in LATER_MODULES or m in LATER_PACKAGES
             or m.startswith(tuple(f"{p}." for p in LATER_PACKAGES))]
    later = [m for m in later if m not in ("urllib", "urllib.parse")]  # pathlib's own
    if sys.platform != "win32":  # platformdirs asks Windows for its folders through ctypes
        later += [m for m in loaded if m == "ctypes" or m.startswith("ctypes.")]
    assert later == [], f"imported before the window was shown: {later}"


def test_taskbar_progress_reaches_the_dock_over_dbus(tmp_path: Path) -> None:
    """On a real (private) session bus, progress goes out as the Unity LauncherEntry signal that KDE,
    Ubuntu's dock and GNOME's Dash to Dock read, for the application's menu entry."""
    daemon, monitor = shutil.which("dbus-daemon"), shutil.which("dbus-monitor")
    if not sys.platform.startswith("linux") or not daemon or not monitor:
        pytest.skip("needs Linux with dbus-daemon")
    bus = subprocess.Popen([daemon, "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE,
                           text=True)
    try:
        address = bus.stdout.readline().strip()
        watcher = subprocess.Popen([monitor, "--address", address, "interface='com.canonical.Unity.LauncherEntry'"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        time.sleep(0.5)  # the monitor registers its match rule
        code = """
from PySide6.QtWidgets import QApplication, QMainWindow
from rio_desktop.ui.desktop_integration import DesktopIntegration
app = QApplication([])
window = QMainWindow()
desktop = DesktopIntegration(window)
desktop.set_progress("summary", 0.25)
desktop.set_progress("summary", None)
app.processEvents()
"""
        env = {"DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
               "PATH": "/usr/bin:/bin"}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        time.sleep(0.5)
        watcher.terminate()
        seen = watcher.communicate(timeout=10)[0]
    finally:
        bus.terminate()
        bus.wait(10)
    assert seen.count("member=Update") == 2
    assert 'string "application://rio-desktop.desktop"' in seen
    assert "double 0.25" in seen and 'string "progress-visible"' in seen and "boolean false" in seen


def test_the_window_closes_cleanly_when_the_session_ends(tmp_path: Path) -> None:
    """SIGTERM at logout: the window closes the normal way (draft saved, engine stopped) at once, with no
    timer polling for it."""
    import signal

    env = {"RIO_DESKTOP_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "rio_desktop"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    log = tmp_path / "logs" / "rio-desktop.log"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (log.exists() and "started" in log.read_text()):
            time.sleep(0.1)
        time.sleep(0.5)
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
        assert time.monotonic() - sent < 1  # 0.07 s here; without the wake-up, 1.8 s (the next timer)
    finally:
        if process.poll() is None:
            process.kill()
    assert "closed" in log.read_text()
