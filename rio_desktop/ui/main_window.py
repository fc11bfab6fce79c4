"""The main window: navigation between pages, the menu, and the status bar.

Pages are built when first shown (or accessed), and the rest right after the window appears, one per
event-loop turn: the window is on screen in about the time a bare Qt window takes (bench/startup.py).
Heavy modules (the server client, hardware detection, the planner, dialogs) are imported where used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from rio_desktop import APP_NAME, __version__
from rio_desktop.engine.backend import ModelInfo
from rio_desktop.i18n import UserFacingError
from rio_desktop.paths import AppPaths
from rio_desktop.settings import Settings
from rio_desktop.tasks.load import LoadTask
from rio_desktop.tasks.states import document_states
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.formatting import localized, translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.task_handle import TaskHandle

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from rio_desktop.ui.desktop_integration import DesktopIntegration
    from rio_desktop.ui.downloads import Downloads
    from rio_desktop.ui.draft_page import DraftPage
    from rio_desktop.ui.models_page import ModelsPage
    from rio_desktop.ui.process_page import ProcessPage
    from rio_desktop.ui.summarize_page import SummarizePage
    from rio_desktop.ui.welcome import WelcomeDialog

log = logging.getLogger(__name__)


def _dropped_model(mime: QMimeData) -> Path | None:
    urls = mime.urls()
    if len(urls) == 1 and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(".gguf"):
        return Path(urls[0].toLocalFile())
    return None


class MainWindow(QMainWindow):
    def __init__(self, worker: EngineWorker, jobs: Jobs, settings: Settings, paths: AppPaths,
                 downloads: Downloads) -> None:
        super().__init__()
        self.worker = worker
        self.jobs = jobs
        self.downloads = downloads
        self.settings = settings
        self.paths = paths
        self.load_request: TaskHandle | None = None
        self.restart_requested = False  # run_gui starts the application again after the window closed
        self._desktop: DesktopIntegration | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 720)
        self.setAcceptDrops(True)

        self._pages: dict[int, QWidget] = {}
        self._page_factories: list[Callable[[], QWidget]] = [
            self._make_summarize_page, self._make_draft_page, self._make_models_page, self._make_process_page]

        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Pages"))
        self.navigation.setSpacing(2)
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.navigation.setFont(font)
        self.stack = QStackedWidget()
        titles = (self.tr("Summarize"), self.tr("Draft"), self.tr("Models"), self.tr("Process"))
        for title in titles:
            self.navigation.addItem(title)
            self.stack.addWidget(QWidget())  # replaced by the page when it is first needed
        # Wide enough for the longest title in the system's font size and the language in use.
        longest = max(self.navigation.fontMetrics().horizontalAdvance(t) for t in titles)
        self.navigation.setFixedWidth(max(170, longest + 60))
        self.navigation.currentRowChanged.connect(self.show_page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menu()
        self.model_label = QLabel()
        self.model_label.setAccessibleName(self.tr("Loaded model"))
        self.backend_label = QLabel()
        self.backend_label.setAccessibleName(self.tr("Where the model runs"))
        self.speed_label = QLabel()
        self.speed_label.setAccessibleName(self.tr("Last speed"))
        for label in (self.model_label, self.backend_label, self.speed_label):
            self.statusBar().addPermanentWidget(label)
        self.show_model(None)

        worker.loaded.connect(self.loaded_event_response)
        worker.generated.connect(self.generated_event_response)
        worker.unhandled.connect(self.unhandled_event_response)
        jobs.unhandled.connect(self.unhandled_event_response)
        # The Models page first only while there is no model to use: that is what the clerk must do first.
        self.navigation.setCurrentRow(0 if self._has_model() else 2)

    # -- pages ---------------------------------------------------------------------------------------
    def _make_summarize_page(self) -> QWidget:
        from rio_desktop.ui.summarize_page import SummarizePage

        page = SummarizePage(self.worker, self.jobs, self.settings, self.paths)
        page.reply_requested.connect(self.reply_event_response)
        page.activity_progress.connect(self.activity_progress_event_response)
        page.activity_done.connect(self.activity_done_event_response)
        return page

    def _make_draft_page(self) -> QWidget:
        from rio_desktop.ui.draft_page import DraftPage

        return DraftPage(self.worker, self.jobs, self.settings, self.paths)

    def _make_models_page(self) -> QWidget:
        from rio_desktop.ui.models_page import ModelsPage

        page = ModelsPage(self.worker, self.jobs, self.settings, self.paths, self.downloads)
        page.load_requested.connect(self.load_model_action)
        page.load_path_requested.connect(self.load_path_action)
        page.installed_tab.imported.connect(self.imported_event_response)
        page.activity_progress.connect(self.activity_progress_event_response)
        page.activity_done.connect(self.activity_done_event_response)
        page.show_model(self.worker.model_info)
        return page

    def _make_process_page(self) -> QWidget:
        from rio_desktop.ui.process_page import ProcessPage

        page = ProcessPage(self.worker, self.jobs, self.settings, self.paths)
        page.reply_requested.connect(self.reply_event_response)
        return page

    def page(self, row: int) -> QWidget:
        """The page in navigation row `row`, built now if it was not yet."""
        page = self._pages.get(row)
        if page is None:
            page = self._page_factories[row]()
            self._pages[row] = page
            placeholder = self.stack.widget(row)
            current = self.stack.currentIndex()
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
        return page

    @property
    def summarize_page(self) -> SummarizePage:
        return self.page(0)  # type: ignore[return-value]

    @property
    def draft_page(self) -> DraftPage:
        return self.page(1)  # type: ignore[return-value]

    @property
    def models_page(self) -> ModelsPage:
        return self.page(2)  # type: ignore[return-value]

    @property
    def process_page(self) -> ProcessPage:
        return self.page(3)  # type: ignore[return-value]

    @Slot(object)
    def reply_event_response(self, document: object) -> None:
        """"Reply" on a document of the Summarize or Process page: the Draft page, filled from it."""
        self.navigation.setCurrentRow(1)
        self.draft_page.reply_to_document(document)  # type: ignore[arg-type]

    @Slot(int)
    def show_page(self, row: int) -> None:
        self.page(row)
        self.stack.setCurrentIndex(row)

    def build_remaining_pages(self) -> None:
        """Build the pages not shown yet, one per event-loop turn, so the first visit is instant."""
        missing = [row for row in range(len(self._page_factories)) if row not in self._pages]
        if missing:
            self.page(missing[0])
            QTimer.singleShot(0, self.build_remaining_pages)

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object], key: str | QKeySequence | None = None,
                description: str = "") -> QAction:
        action = QAction(text, self)
        if key is not None:
            # Through the property system: QAction.setShortcut's overload resolution makes PySide build
            # Python enums for the whole Qt namespace (~15 ms) before the window can be shown.
            action.setProperty("shortcut", QKeySequence(key))
        if description:
            action.setStatusTip(description)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menu(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.open_action = self._action(file_menu, self.tr("&Open PDF…"), self.open_pdf_action,
                                        QKeySequence.StandardKey.Open, self.tr("Open a PDF to summarize"))
        self.export_action = self._action(file_menu, self.tr("&Export…"), lambda: self._page_command("export"),
                                          "Ctrl+E", self.tr("Save the summary or the letter as a file"))
        self.print_action = self._action(file_menu, self.tr("&Print…"), lambda: self._page_command("print"),
                                         QKeySequence.StandardKey.Print, self.tr("Print the letter"))
        file_menu.addSeparator()
        self.load_action = self._action(file_menu, self.tr("&Load model…"), self.load_model_action, "Ctrl+L")
        self._action(file_menu, self.tr("&Settings…"), self.settings_action, "Ctrl+,")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        run_menu = bar.addMenu(self.tr("&Run"))
        self.primary_action = self._action(run_menu, self.tr("&Summarize or write"),
                                           lambda: self._page_command("primary"), "Ctrl+Return",
                                           self.tr("Summarize the open PDF, or write the letter's body"))
        self.cancel_action = self._action(run_menu, self.tr("&Cancel"), lambda: self._page_command("cancel"),
                                          "Esc", self.tr("Stop what the model is doing"))

        view_menu = bar.addMenu(self.tr("&View"))
        for row, title in enumerate((self.tr("&Summarize"), self.tr("&Draft"), self.tr("&Models"),
                                     self.tr("&Process"))):
            # `checked` first: QAction.triggered passes it, and it would land in `row`.
            self._action(view_menu, title, lambda _checked=False, row=row: self.navigation.setCurrentRow(row),
                         f"Ctrl+{row + 1}")

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Getting started…"), self.show_welcome,
                     description=self.tr("What this computer can run and how to get a model"))
        self._action(help_menu, self.tr("Open the &log folder"), self.open_logs_action)
        self._action(help_menu, self.tr("&About Rio Desktop"), self.about_action)
        self.stack.currentChanged.connect(self._update_page_actions)

    # The button each menu command presses on each page: pressing it (not calling its handler) does
    # exactly what the screen offers, nothing when the button is disabled.
    PAGE_COMMANDS = {
        # On the Summarize page the tab in view decides: the summary's buttons or the questions'.
        0: {"primary": "primary_button", "cancel": "cancel_button", "export": "export_target"},
        1: {"primary": "generate_button", "cancel": "cancel_button", "export": "export_button",
            "print": "print_button"},
        2: {"primary": "generate_button", "cancel": "cancel_button"},
        3: {"primary": "summarize_button", "cancel": "cancel_button", "export": "export_button"},
    }

    def _page_command(self, command: str) -> bool:
        """Run `command` on the page in view; False when that page has no such command or cannot now."""
        row = self.stack.currentIndex()
        name = self.PAGE_COMMANDS.get(row, {}).get(command)
        if name is None:
            return False
        button = getattr(self.page(row), name)
        if not button.isEnabled():
            return False
        button.click()
        return True

    @Slot()
    def _update_page_actions(self) -> None:
        commands = self.PAGE_COMMANDS.get(self.stack.currentIndex(), {})
        for command, action in (("primary", self.primary_action), ("cancel", self.cancel_action),
                                ("export", self.export_action), ("print", self.print_action)):
            action.setEnabled(command in commands)

    @Slot()
    def open_pdf_action(self) -> None:
        self.navigation.setCurrentRow(0)
        self.summarize_page.open_action()

    # -- actions -------------------------------------------------------------------------------------
    @Slot()
    def load_model_action(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = self.settings.get("last_model") or str(self.paths.models)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load a model"), start,
                                              self.tr("GGUF models (*.gguf);;All files (*)"))
        if path:
            self.load_model(Path(path))

    @Slot(object)
    def load_path_action(self, path: Path) -> None:
        self.models_page.tabs.setCurrentIndex(0)
        self.load_model(path)

    def load_model(self, path: Path) -> TaskHandle | None:
        """Load on the worker, with the parameters models.loading decides (tasks.load: the command line's too)."""
        from PySide6.QtWidgets import QMessageBox

        from rio_desktop.models.loading import choice_from_settings

        if self.settings.get("backend") == "server":
            QMessageBox.information(self, self.tr("The organisation's server is in use"), self.tr(
                "Rio Desktop is set to use the organisation's server. To run a model file on this computer, "
                "choose \"This computer\" in Settings first."))
            return None
        choice = choice_from_settings({name: self.settings.get(name) for name in ("n_ctx", "gpu_layers",
                                                                                   "n_threads")})
        task = LoadTask.local(path, choice, self.paths.models)  # the file is inspected on the worker
        self.load_request = self.worker.run(
            task.run, "load", on_done=self.load_done_event_response, on_failed=self.load_failed_event_response,
            on_cancelled=self.load_cancelled_event_response, on_progress=self.load_progress_event_response)
        self.models_page.show_load_progress(0.0)
        self.statusBar().showMessage(self.tr("Loading {name}…").format(name=path.name))
        return self.load_request

    @Slot()
    def settings_action(self) -> None:
        from rio_desktop.ui.settings_dialog import SettingsDialog

        language = self.settings.get("language")
        dialog = SettingsDialog(self.settings, self.jobs, self, document_states(self.settings, self.paths.cache))
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            threads = self.settings.get("n_threads") or None
            self.worker.run(lambda ctx: ctx.backend.set_threads(threads), "settings")
            self.apply_backend()
            if self.settings.get("language") != language:
                self.offer_restart()

    def offer_restart(self) -> bool:
        """A new language takes effect in a new process; offer to restart now. True if it will."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, self.tr("Restart Rio Desktop?"), self.tr(
            "The new language is used from the next start. Restart Rio Desktop now? Your draft is kept; a "
            "summary being written is stopped."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.restart_requested = True
        self.close()
        return True

    def apply_backend(self) -> TaskHandle | None:
        """Use the backend Settings name: the organisation's server (connected and checked on the worker),
        or this computer's llama.cpp."""
        from rio_desktop.engine.llama_backend import LlamaCppBackend
        from rio_desktop.engine.server_backend import OpenAIServerBackend
        from rio_desktop.tasks.backend_choice import server_config, server_key, server_values

        settings = self.settings
        current = self.worker.service.current_backend
        if settings.get("backend") == "server":
            config = server_config(server_values(settings), server_key())
            if isinstance(current, OpenAIServerBackend) and current.config == config and current.info is not None:
                return None
            self.worker.service.replace_backend(OpenAIServerBackend(config))
            self.load_request = self.worker.run(
                LoadTask.remote(config).run, "load",
                on_done=self.load_done_event_response, on_failed=self.load_failed_event_response,
                on_cancelled=self.load_cancelled_event_response, on_progress=self.load_progress_event_response)
            self.statusBar().showMessage(self.tr("Connecting to {url}…").format(url=config.base_url))
            return self.load_request
        if current is not None and not isinstance(current, LlamaCppBackend):
            states = document_states(settings, self.paths.cache)
            self.worker.service.replace_backend(LlamaCppBackend(n_threads=settings.get("n_threads") or None,
                                                                states=states))
            self.show_model(None)
        return None

    def show_welcome(self) -> WelcomeDialog:
        """The first-run screen (Help → Getting started brings it back): what this computer can run and
        how to get a model. Choosing a file or folder that the clerk then cancels leaves it open."""
        from rio_desktop.models.hardware import detect
        from rio_desktop.ui.welcome import WelcomeDialog

        self.settings.set("welcome_done", True)
        dialog = WelcomeDialog(detect(self.paths.models, with_llama=False), self)
        installed = self.models_page.installed_tab
        dialog.download_requested.connect(self.welcome_download_action)
        dialog.import_requested.connect(lambda: installed.import_file_action() and dialog.accept())
        dialog.import_folder_requested.connect(lambda: installed.import_folder_action() and dialog.accept())
        dialog.server_requested.connect(self.settings_action)
        self.navigation.setCurrentRow(2)
        dialog.open()
        return dialog

    def _has_model(self) -> bool:
        """A model to use: the one loaded last (if its file is still there) or the organisation's server."""
        last = self.settings.get("last_model")
        return self.settings.get("backend") == "server" or bool(last and Path(last).is_file())

    @Slot(object)
    def imported_event_response(self, path: Path) -> None:
        """A model was imported: with none loaded yet, load it at once (and say so), ready to use."""
        if self.worker.model_info is None and self.load_request is None and \
                self.settings.get("backend") != "server":
            self.load_model(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if _dropped_model(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        """A .gguf dropped anywhere on the window: offer to import it (a PDF goes to the Summarize page)."""
        path = _dropped_model(event.mimeData())
        if path is None:
            return
        event.acceptProposedAction()
        self.navigation.setCurrentRow(2)
        self.models_page.tabs.setCurrentWidget(self.models_page.installed_tab)
        self.models_page.installed_tab.offer_import(path)

    @Slot(str)
    def welcome_download_action(self, entry_id: str) -> None:
        """Show the recommended model in the catalogue and check what its repository holds now."""
        catalog = self.models_page.catalog_tab
        self.navigation.setCurrentRow(2)
        self.models_page.tabs.setCurrentWidget(catalog)
        rows = [i for i, e in enumerate(catalog.entries) if e.id == entry_id]
        if rows:
            catalog.list.setCurrentRow(rows[0])
            catalog.check_action()

    # -- taskbar and notifications -------------------------------------------------------------------
    @property
    def desktop(self) -> DesktopIntegration:
        """Made at the first long operation (it brings D-Bus or COM), not at start-up."""
        if self._desktop is None:
            from rio_desktop.ui.desktop_integration import DesktopIntegration

            self._desktop = DesktopIntegration(self)
        return self._desktop

    @Slot(str, object)
    def activity_progress_event_response(self, key: str, fraction: float | None) -> None:
        if fraction is not None or self._desktop is not None:
            self.desktop.set_progress(key, fraction)

    @Slot(str, str)
    def activity_done_event_response(self, title: str, text: str) -> None:
        self.desktop.notify(title, text)

    @Slot()
    def open_logs_action(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.logs)))

    @Slot()
    def about_action(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About Rio Desktop"), self.tr(
            "<b>{name} {version}</b><p>Offline AI help for public administration: documents stay on this "
            "computer.</p>").format(name=APP_NAME, version=__version__))

    # -- engine events -------------------------------------------------------------------------------
    def show_model(self, info: ModelInfo | None) -> None:
        self.models_page.show_model(info)
        if info is None:
            self.model_label.setText(self.tr("No model loaded"))
            self.backend_label.setText("")
            return
        self.model_label.setText(info.display_name)
        self.model_label.setToolTip(self.tr("{name} ({file})").format(name=info.name, file=info.path.name))
        self.backend_label.setText(info.backend)

    @Slot(object)
    def loaded_event_response(self, info: ModelInfo) -> None:
        """A model was loaded, by this window or by another part of the application."""
        self.settings.remember_model(str(info.path))
        self.show_model(info)

    def _load_ended(self) -> None:
        self.load_request = None
        self.models_page.show_load_progress(None)
        self.statusBar().clearMessage()

    def load_done_event_response(self, info: ModelInfo) -> None:
        self._load_ended()
        self.statusBar().showMessage(self.tr("{name} is loaded and ready.").format(name=info.display_name), 8000)

    def load_progress_event_response(self, fraction: float) -> None:
        self.models_page.show_load_progress(fraction)

    def load_failed_event_response(self, error: UserFacingError) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._load_ended()
        self.show_model(self.worker.model_info)
        QMessageBox.warning(self, self.tr("The model could not be loaded"), translate_message(error.message))

    def load_cancelled_event_response(self, _partial: object) -> None:
        self._load_ended()

    @Slot(object)
    def generated_event_response(self, result: object) -> None:
        stats = getattr(result, "stats", None)
        if stats is not None and getattr(stats, "generated_tokens", 0) and hasattr(stats, "tokens_per_second"):
            self.speed_label.setText(localized(self.tr("{speed:.1f} tokens/s"), speed=stats.tokens_per_second))

    @Slot(object)
    def unhandled_event_response(self, error: object) -> None:
        """A failure no page handled (or a page's own bug): never lost, always shown."""
        from PySide6.QtWidgets import QMessageBox

        from rio_desktop.ui.jobs import as_user_facing

        message = translate_message(as_user_facing(error).message) if isinstance(error, BaseException) \
            else str(error)
        log.warning("unhandled failure shown to the user: %s", message)
        QMessageBox.warning(self, self.tr("Something could not be done"), message)

    def save_work(self) -> None:
        """Save what the clerk typed now: when the window closes, and when the application quits without
        closing it (Windows ending the session at logoff or shutdown: Qt quits, no close event)."""
        if 1 in self._pages:
            self.draft_page.flush()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # Stop generation at once; the application shuts the worker down after the event loop ends.
        # Downloads pause: what arrived is kept, and they wait in the catalogue for Resume at the next start.
        self.worker.cancel_all()
        self.downloads.pause_all()
        self.save_work()
        super().closeEvent(event)
