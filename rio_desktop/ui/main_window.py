"""The main window: navigation between pages, the menu, and the status bar."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from rio_desktop import APP_NAME, __version__
from rio_desktop.engine.backend import LoadParams, ModelInfo
from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.engine.model_file import inspect_model_file
from rio_desktop.engine.server_backend import OpenAIServerBackend, ServerConfig
from rio_desktop.i18n import Message
from rio_desktop.models.hardware import detect
from rio_desktop.models.planner import load_params
from rio_desktop.paths import AppPaths
from rio_desktop.secrets import SERVER_KEY, get_secret
from rio_desktop.settings import Settings
from rio_desktop.ui.draft_page import DraftPage
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.formatting import translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.models_page import ModelsPage
from rio_desktop.ui.settings_dialog import SettingsDialog
from rio_desktop.ui.summarize_page import SummarizePage
from rio_desktop.ui.welcome import WelcomeDialog

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, worker: EngineWorker, jobs: Jobs, settings: Settings, paths: AppPaths) -> None:
        super().__init__()
        self.worker = worker
        self.jobs = jobs
        self.settings = settings
        self.paths = paths
        self.load_request: int | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 720)

        self.summarize_page = SummarizePage(worker, jobs, settings, paths)
        self.draft_page = DraftPage(worker, jobs, settings, paths)
        self.models_page = ModelsPage(worker, jobs, settings, paths)
        self.models_page.load_requested.connect(self.load_model_action)
        self.models_page.load_path_requested.connect(self.load_path_action)

        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Pages"))
        self.navigation.setFixedWidth(170)
        self.navigation.setSpacing(2)
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.navigation.setFont(font)
        self.stack = QStackedWidget()
        for title, page in ((self.tr("Summarize"), self.summarize_page), (self.tr("Draft"), self.draft_page),
                            (self.tr("Models"), self.models_page)):
            self.navigation.addItem(title)
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
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
        worker.progress.connect(self.progress_event_response)
        worker.failed.connect(self.failed_event_response)
        worker.cancelled.connect(self.cancelled_event_response)
        worker.finished.connect(self.finished_event_response)
        # Models first while no model is loaded: that is what the clerk must do first.
        self.navigation.setCurrentRow(2)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.load_action = QAction(self.tr("&Load model…"), self)
        self.load_action.setShortcut(QKeySequence("Ctrl+L"))
        self.load_action.triggered.connect(self.load_model_action)
        file_menu.addAction(self.load_action)
        settings_action = QAction(self.tr("&Settings…"), self)
        settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        settings_action.triggered.connect(self.settings_action)
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        logs_action = QAction(self.tr("Open the &log folder"), self)
        logs_action.triggered.connect(self.open_logs_action)
        help_menu.addAction(logs_action)
        about_action = QAction(self.tr("&About Rio Desktop"), self)
        about_action.triggered.connect(self.about_action)
        help_menu.addAction(about_action)

    # -- actions -------------------------------------------------------------------------------------
    @Slot()
    def load_model_action(self) -> None:
        start = self.settings.get("last_model") or str(self.paths.models)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load a model"), start,
                                              self.tr("GGUF models (*.gguf);;All files (*)"))
        if path:
            self.load_model(Path(path))

    @Slot(object)
    def load_path_action(self, path: Path) -> None:
        self.models_page.tabs.setCurrentIndex(0)
        self.load_model(path)

    def load_model(self, path: Path) -> int | None:
        """Load on the worker; in automatic mode the memory plan chooses context, GPU layers and split."""
        if self.settings.get("backend") == "server":
            QMessageBox.information(self, self.tr("The organisation's server is in use"), self.tr(
                "Rio Desktop is set to use the organisation's server. To run a model file on this computer, "
                "choose \"This computer\" in Settings first."))
            return None
        settings, models_dir = self.settings, self.paths.models
        n_ctx, n_threads = settings.get("n_ctx"), settings.get("n_threads") or None
        fixed_layers = settings.get("n_gpu_layers")

        def task(ctx):
            if fixed_layers >= 0:  # the clerk chose the number of GPU layers: no plan
                params = LoadParams(model_path=path, n_ctx=n_ctx, n_gpu_layers=fixed_layers, n_threads=n_threads)
            else:
                hardware = detect(models_dir)
                params, _plan = load_params(inspect_model_file(path), hardware.gpu_free_bytes,
                                            hardware.ram["available_bytes"], n_ctx, n_threads)
            return ctx.backend.load(params, ctx.cancel, ctx.progress)

        self.load_request = self.worker.submit(task, kind="load")
        self.models_page.show_load_progress(0.0)
        self.statusBar().showMessage(self.tr("Loading {name}…").format(name=path.name))
        return self.load_request

    @Slot()
    def settings_action(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            threads = self.settings.get("n_threads") or None
            self.worker.submit(lambda ctx: ctx.backend.set_threads(threads), kind="settings")
            self.apply_backend()

    def apply_backend(self) -> int | None:
        """Use the backend Settings name: the organisation's server (connected and checked on the worker),
        or this computer's llama.cpp."""
        settings = self.settings
        current = self.worker.service.backend
        if settings.get("backend") == "server":
            config = ServerConfig(base_url=settings.get("server_url"), model=settings.get("server_model"),
                                  api_key=get_secret(SERVER_KEY), verify_tls=settings.get("server_verify_tls"),
                                  ca_bundle=settings.get("server_ca_bundle"),
                                  read_timeout=float(settings.get("server_timeout")),
                                  n_ctx=settings.get("server_context"))
            if isinstance(current, OpenAIServerBackend) and current.config == config and current.info is not None:
                return None
            self.worker.service.replace_backend(OpenAIServerBackend(config))
            self.load_request = self.worker.submit(lambda ctx: ctx.backend.load(None, ctx.cancel, ctx.progress),
                                                   kind="load")
            self.statusBar().showMessage(self.tr("Connecting to {url}…").format(url=config.base_url))
            return self.load_request
        if not isinstance(current, LlamaCppBackend):
            self.worker.service.replace_backend(LlamaCppBackend(n_threads=settings.get("n_threads") or None))
            self.show_model(None)
        return None

    def show_welcome(self) -> WelcomeDialog:
        """The first-run screen (once): what this computer can run and how to get a model."""
        self.settings.set("welcome_done", True)
        dialog = WelcomeDialog(detect(self.paths.models, with_llama=False), self)
        dialog.download_requested.connect(self.welcome_download_action)
        dialog.import_requested.connect(self.models_page.installed_tab.import_file_action)
        dialog.server_requested.connect(self.settings_action)
        self.navigation.setCurrentRow(2)
        dialog.open()
        return dialog

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

    @Slot()
    def open_logs_action(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.logs)))

    @Slot()
    def about_action(self) -> None:
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
        self.model_label.setText(info.name)
        self.backend_label.setText(info.backend)

    @Slot(int, object)
    def loaded_event_response(self, request_id: int, info: ModelInfo) -> None:
        if request_id == self.load_request:
            self.load_request = None
            self.models_page.show_load_progress(None)
            self.statusBar().clearMessage()
        self.settings.remember_model(str(info.path))
        self.show_model(info)

    @Slot(int, float)
    def progress_event_response(self, request_id: int, fraction: float) -> None:
        if request_id == self.load_request:
            self.models_page.show_load_progress(fraction)

    @Slot(int, object)
    def finished_event_response(self, _request_id: int, result: object) -> None:
        stats = getattr(result, "stats", None)
        if stats is not None and stats.generated_tokens:
            self.speed_label.setText(self.tr("{speed:.1f} tokens/s").format(speed=stats.tokens_per_second))

    @Slot(int, object)
    def failed_event_response(self, request_id: int, message: Message) -> None:
        if request_id == self.load_request:
            self.load_request = None
            self.models_page.show_load_progress(None)
            self.statusBar().clearMessage()
            self.show_model(self.worker.model_info)
            QMessageBox.warning(self, self.tr("The model could not be loaded"), translate_message(message))

    @Slot(int, object)
    def cancelled_event_response(self, request_id: int, _partial: object) -> None:
        if request_id == self.load_request:
            self.load_request = None
            self.models_page.show_load_progress(None)
            self.statusBar().clearMessage()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        # Stop generation at once; the application shuts the worker down after the event loop ends.
        self.worker.cancel_all()
        self.draft_page.flush()
        super().closeEvent(event)
