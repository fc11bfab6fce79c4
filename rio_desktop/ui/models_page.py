"""The Models page: the loaded model and a box to try it, the installed models, the catalogue with
downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.engine.backend import ChatMessage, Generation, ModelInfo, task_params
from rio_desktop.i18n import UserFacingError
from rio_desktop.paths import AppPaths
from rio_desktop.settings import Settings
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.formatting import format_bytes, localized, translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.thinking import ThinkingIndicator, reasoning_mode_text

if TYPE_CHECKING:
    from rio_desktop.ui.downloads import Downloads
    from rio_desktop.ui.model_catalog import CatalogTab
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.installed_models import InstalledTab
from rio_desktop.ui.labels import message_label
from rio_desktop.ui.task_handle import TaskHandle


class ModelsPage(QWidget):
    CATALOG_TAB = 2
    load_requested = Signal()
    load_path_requested = Signal(object)  # Path
    activity_progress = Signal(str, object)  # the catalogue's downloads, for the taskbar
    activity_done = Signal(str, str)

    def __init__(self, worker: EngineWorker, jobs: Jobs, settings: Settings, paths: AppPaths,
                 downloads: Downloads, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.request: TaskHandle | None = None
        self.setAccessibleName(self.tr("Models page"))

        model_box = QGroupBox(self.tr("Loaded model"))
        form = QFormLayout(model_box)
        self.name_label = QLabel(self.tr("No model loaded"))
        self.details_label = QLabel("")
        self.details_label.setWordWrap(True)
        form.addRow(self.tr("Model:"), self.name_label)
        form.addRow(self.tr("Details:"), self.details_label)
        self.reasoning_label = QLabel("")
        self.reasoning_label.setWordWrap(True)
        form.addRow(self.tr("Reasoning:"), self.reasoning_label)
        self.load_button = QPushButton(self.tr("&Load model from file…"))
        self.load_button.setAccessibleDescription(self.tr("Choose a GGUF model file on this computer"))
        self.load_button.clicked.connect(self.load_requested)
        self.load_progress = QProgressBar()
        self.load_progress.setAccessibleName(self.tr("Model loading progress"))
        self.load_progress.setRange(0, 100)
        self.load_progress.hide()
        form.addRow(self.load_button, self.load_progress)

        try_box = QGroupBox(self.tr("Try the model"))
        try_layout = QVBoxLayout(try_box)
        self.prompt_edit = QPlainTextEdit()
        self.prompt_edit.setAccessibleName(self.tr("Question for the model"))
        self.prompt_edit.setPlaceholderText(self.tr("Write a question or an instruction…"))
        self.prompt_edit.setMaximumHeight(self.prompt_edit.fontMetrics().lineSpacing() * 4 + 12)  # four lines
        buttons = QHBoxLayout()
        self.generate_button = QPushButton(self.tr("&Generate"))
        self.generate_button.setAccessibleDescription(self.tr("Send the question to the loaded model"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setAccessibleDescription(self.tr("Stop the answer being written"))
        self.cancel_button.setEnabled(False)
        self.generate_button.clicked.connect(self.generate_action)
        self.cancel_button.clicked.connect(self.cancel_action)
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.answer_edit = QPlainTextEdit()
        self.answer_edit.setReadOnly(True)
        self.answer_edit.setAccessibleName(self.tr("The model's answer"))
        self.status_label = message_label()  # a failed generation's message can be long
        try_layout.addWidget(self.prompt_edit)
        try_layout.addLayout(buttons)
        self.thinking = ThinkingIndicator()
        try_layout.addWidget(self.thinking)
        try_layout.addWidget(self.answer_edit, 1)
        try_layout.addWidget(self.status_label)

        describe((
            (self.prompt_edit, self.tr("Write a question to check that the model answers well")),
            (self.answer_edit, self.tr("The model's answer appears here as it is written")),
        ))
        loaded = QWidget()
        loaded_layout = QVBoxLayout(loaded)
        loaded_layout.addWidget(model_box)
        loaded_layout.addWidget(try_box, 1)
        self.jobs, self.settings, self.paths, self.downloads = jobs, settings, paths, downloads
        self.installed_tab = InstalledTab(jobs, settings, paths)
        self.installed_tab.load_requested.connect(self.load_path_requested)
        self._catalog_tab: CatalogTab | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(loaded, self.tr("Loaded model"))
        self.tabs.addTab(self.installed_tab, self.tr("Installed"))
        # The catalogue is built when first opened (see model_catalog); a placeholder holds its place.
        self.tabs.addTab(QWidget(), self.tr("Catalogue and downloads"))
        self.tabs.currentChanged.connect(self.tab_changed_event_response)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.show_model(None)

    @property
    def catalog_tab(self) -> CatalogTab:
        if self._catalog_tab is None:
            from rio_desktop.ui.model_catalog import CatalogTab

            tab = CatalogTab(self.jobs, self.settings, self.paths, self.downloads)
            tab.installed.connect(self.installed_tab.refresh)
            tab.activity_progress.connect(self.activity_progress)
            tab.activity_done.connect(self.activity_done)
            index, current = self.CATALOG_TAB, self.tabs.currentIndex()
            placeholder = self.tabs.widget(index)
            self.tabs.blockSignals(True)  # the swap is not the clerk changing tabs
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, self.tr("Catalogue and downloads"))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            placeholder.deleteLater()
            self._catalog_tab = tab
        return self._catalog_tab

    @Slot(int)
    def tab_changed_event_response(self, index: int) -> None:
        if index == self.CATALOG_TAB:
            self.catalog_tab  # noqa: B018 - builds it

    # -- the loaded model ----------------------------------------------------------------------------
    def show_model(self, info: ModelInfo | None) -> None:
        self.generate_button.setEnabled(info is not None and self.request is None)
        if info is None:
            self.name_label.setText(self.tr("No model loaded"))
            self.details_label.setText(self.tr("Load a GGUF model file to start."))
            self.reasoning_label.setText("")
            return
        self.reasoning_label.setText(reasoning_mode_text(info.reasoning_mode))
        self.name_label.setText(info.display_name)
        trained = info.context_trained or "?"
        self.details_label.setText(localized(self.tr(
            "{arch}, {params} parameters, {quant}, {size} on disk. Context: {used} tokens used of {trained} "
            "trained. Runs on: {backend}. Loaded in {seconds:.1f} s."),
            arch=info.architecture, params=info.parameters_label, quant=info.quantization,
            size=format_bytes(info.file_bytes), used=info.context_used, trained=trained,
            backend=info.backend, seconds=info.load_seconds))

    def show_load_progress(self, fraction: float | None) -> None:
        if fraction is None:
            self.load_progress.hide()
            self.load_button.setEnabled(True)
            return
        self.load_button.setEnabled(False)
        self.load_progress.show()
        self.load_progress.setValue(int(fraction * 100))

    # -- trying the model ----------------------------------------------------------------------------
    @Slot()
    def generate_action(self) -> None:
        prompt = self.prompt_edit.toPlainText().strip()
        if not prompt or self.request is not None:
            return
        self.answer_edit.clear()
        self.thinking.reset()
        self.status_label.setText(self.tr("Writing…"))
        self.generate_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.request = self.worker.chat(
            [ChatMessage("user", prompt)], task_params("chat", self.settings.reasoning_policy(),
                                                       self.worker.model_info, max_tokens=512),
            on_text=self.text_event_response, on_status=self.thinking.offer, on_done=self.finished_event_response,
            on_failed=self.failed_event_response, on_cancelled=self.cancelled_event_response)

    @Slot()
    def cancel_action(self) -> None:
        if self.request is not None:
            self.request.cancel()
            self.status_label.setText(self.tr("Stopping…"))

    def _end(self, status: str) -> None:
        self.request = None
        self.thinking.finish()
        self.status_label.setText(status)
        self.cancel_button.setEnabled(False)
        self.generate_button.setEnabled(self.worker.model_info is not None)

    def text_event_response(self, text: str) -> None:
        cursor = self.answer_edit.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        self.answer_edit.setTextCursor(cursor)

    def finished_event_response(self, result: Generation) -> None:
        stats = result.stats
        self._end(localized(self.tr("{tokens} tokens in {seconds:.1f} s ({speed:.1f} tokens/s)."),
                            tokens=stats.generated_tokens, seconds=stats.total_s, speed=stats.tokens_per_second))

    def failed_event_response(self, error: UserFacingError) -> None:
        self._end(translate_message(error.message))

    def cancelled_event_response(self, _partial: object) -> None:
        self._end(self.tr("Stopped. The text so far is kept above."))
