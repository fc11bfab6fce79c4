"""Starting and stopping the GUI: application object, language, logging, error dialog, engine."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from rio_desktop import APP_ID, APP_NAME, ORGANIZATION, __version__
from rio_desktop.engine.backend import Backend
from rio_desktop.engine.backend_config import configure_backends
from rio_desktop.engine.state_cache import StateCache
from rio_desktop.logging_setup import setup_logging
from rio_desktop.long_lived import freeze_long_lived
from rio_desktop.paths import AppPaths, app_paths
from rio_desktop.resources import resource_path
from rio_desktop.settings import Settings
from rio_desktop.tasks.states import document_states
from rio_desktop.ui.downloads import Downloads
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.main_window import MainWindow
from rio_desktop.ui.translations import install_translator

log = logging.getLogger(__name__)
SHUTDOWN_TIMEOUT_S = 1.5


class ErrorReporter(QObject):
    """Shows unexpected errors in a dialog instead of letting them end the application.

    Errors from other threads are passed through a queued signal to the GUI thread.
    """

    error = Signal(str)

    def __init__(self, log_file: Path) -> None:
        super().__init__()
        self.log_file = log_file
        self.parent_widget: QWidget | None = None
        # Queued across threads by Qt; deferred within the GUI thread by the slot (a modal dialog must
        # not open inside sys.excepthook).
        self.error.connect(self.error_event_response)
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def excepthook(self, kind: type[BaseException], value: BaseException,
                   tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("unhandled exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        self.error.emit(f"{kind.__name__}: {value}")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        self.excepthook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    @Slot(str)
    def error_event_response(self, summary: str) -> None:
        QTimer.singleShot(0, lambda: self.show_error(summary))

    def show_error(self, summary: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self._showing:  # one dialog at a time; the rest is in the log
            return
        self._showing = True
        try:
            QMessageBox.critical(self.parent_widget, self.tr("Unexpected error"), self.tr(
                "Rio Desktop met an unexpected error and carried on. Your work has not been lost.\n\n"
                "{summary}\n\nThe details are in the log: {log}").format(summary=summary, log=self.log_file))
        finally:
            self._showing = False


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    # The desktop file name ties the window to its menu entry (Wayland, taskbar grouping, dock progress).
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource_path("icons", f"{APP_ID}.svg"))))
    return app  # type: ignore[return-value]


def _local_backend(n_threads: int | None, states: StateCache) -> Backend:
    """This computer's llama.cpp; made on first use (see EngineService)."""
    from rio_desktop.engine.llama_backend import LlamaCppBackend

    return LlamaCppBackend(n_threads=n_threads, states=states)


class Gui:
    """Everything the running GUI is made of, so tests can build it the way the application does."""

    def __init__(self, paths: AppPaths | None = None) -> None:
        self.paths = (paths or app_paths()).ensure()
        self.settings = Settings(self.paths.config)
        self.log_file = setup_logging(self.paths.logs)
        configure_backends(self.settings, self.paths)
        self.translators = install_translator(QApplication.instance(), self.settings.get("language"),
                                              self.paths.cache)
        self.reporter = ErrorReporter(self.log_file)
        n_threads = self.settings.get("n_threads") or None
        states = document_states(self.settings, self.paths.cache)
        self.worker = EngineWorker(lambda: _local_backend(n_threads, states))
        self.jobs = Jobs()
        self.downloads = Downloads(self.jobs)  # the application's, not a widget's
        self.window = MainWindow(self.worker, self.jobs, self.settings, self.paths, self.downloads)
        self.reporter.parent_widget = self.window

    def restore_last_model(self) -> None:
        first_run = not self.settings.get("welcome_done") and self.settings.get("backend") == "local"
        if first_run and not self.window.models_page.installed_tab.library.has_models():
            self.window.show_welcome()
            return
        if self.settings.get("backend") == "server":
            self.window.apply_backend()
            return
        last = self.settings.get("last_model")
        if last and Path(last).is_file():
            self.window.load_model(Path(last))

    def shutdown(self, timeout: float = SHUTDOWN_TIMEOUT_S) -> bool:
        """Stop generation and the worker, pause downloads; False if the worker did not stop in time."""
        self.downloads.pause_all()
        self.jobs.shutdown()
        return self.worker.shutdown(timeout)


def end_on_sigterm(window: QWidget) -> None:
    """Close the window (the draft is saved, the engine stopped) when the session ends or a service
    manager asks, instead of dying mid-write. Python runs a signal handler only when it runs bytecode;
    the wake-up socket makes Qt's waiting loop notice the signal at once, without polling."""
    if not hasattr(signal, "SIGTERM") or threading.current_thread() is not threading.main_thread():
        return
    import socket

    from PySide6.QtCore import QSocketNotifier

    receiver, sender = socket.socketpair()
    sender.setblocking(False)
    receiver.setblocking(False)
    signal.set_wakeup_fd(sender.fileno())
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, window.close))
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read, window)
    notifier.activated.connect(lambda: receiver.recv(64))  # Python runs the handler around this call
    window._sigterm_sockets = (receiver, sender)  # type: ignore[attr-defined]  # kept open with the window


def relaunch_command() -> list[str]:
    """How to start this application again: the bundle's executable, or this Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "rio_desktop"]


def save_screenshot(window: QWidget, path: Path) -> None:
    """`rio-desktop gui --screenshot FILE`: the window as drawn (an IT desk's support picture, and the proof
    in the Windows build's tests that the window opens), then the window closes as the clerk would close it."""
    ok = window.grab().save(str(path))
    log.info("window picture %s in %s", "saved" if ok else "NOT saved", path)
    if not ok:
        print(f"{APP_ID}: could not save the picture in {path}", file=sys.stderr)
    window.close()


def run_gui(argv: list[str], *, screenshot: Path | None = None) -> int:
    app = create_application(argv)
    gui = Gui()
    gui.reporter.install()
    log.info("%s %s started", APP_NAME, __version__)
    gui.window.show()
    QTimer.singleShot(0, gui.restore_last_model)
    # The other pages after the first paint, one per event-loop turn: the first visit to each is instant.
    QTimer.singleShot(200, gui.window.build_remaining_pages)
    # Once the pages exist: the window's objects are left out of later full garbage collections.
    QTimer.singleShot(2000, freeze_long_lived)
    end_on_sigterm(gui.window)
    app.aboutToQuit.connect(gui.window.save_work)
    if screenshot is not None:
        QTimer.singleShot(1500, lambda: save_screenshot(gui.window, screenshot))
    code = app.exec()
    stopped = gui.shutdown()
    if gui.window.restart_requested:  # after the shutdown: the model's memory is free for the new one
        import subprocess

        log.info("restarting (%s)", " ".join(relaunch_command()))
        # CREATE_NO_WINDOW: from a source checkout python.exe is a console program (the bundle's is not).
        subprocess.Popen(relaunch_command(), close_fds=True, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    if not stopped:
        # llama.cpp cannot be interrupted in every phase (a model load, say). Leave without waiting:
        # nothing of the user's is in the engine, and the log is flushed first.
        logging.shutdown()
        os._exit(code)
    log.info("%s closed", APP_NAME)
    return code
