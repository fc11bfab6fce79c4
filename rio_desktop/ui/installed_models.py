"""The Installed tab of the Models page: the models in the library, import, export, delete, move.

Part of the first screen: dialog classes, the planner (and through it the download code: hashlib's OpenSSL,
sockets) are imported where used, to keep start-up short (bench/startup.py; tests/test_desktop.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.engine.backend import file_display_name
from rio_desktop.i18n import UserFacingError
from rio_desktop.models.library import InstalledModel, user_library
from rio_desktop.paths import AppPaths
from rio_desktop.settings import Settings
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.formatting import format_bytes, localized, translate_message
from rio_desktop.ui.jobs import Jobs, Report
from rio_desktop.ui.task_handle import TaskHandle

if TYPE_CHECKING:
    from rio_desktop.models.planner import Plan

log = logging.getLogger(__name__)


class InstalledTab(QWidget):
    load_requested = Signal(object)  # Path
    imported = Signal(object)  # Path of a model just imported
    scanned = Signal()  # the table shows the library as it is now

    def __init__(self, jobs: Jobs, settings: Settings, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs, self.settings, self.paths = jobs, settings, paths
        self.library = user_library(settings, paths)
        self.models: list[InstalledModel] = []
        self.job: TaskHandle | None = None
        self.scan_job: TaskHandle | None = None
        self.plans: dict[Path, Plan] = {}
        self.scan_again = False
        self.table = QTableWidget(0, 7)
        self.table.setAccessibleName(self.tr("Installed models"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Quantization"), self.tr("Architecture"),
                                              self.tr("Size"), self.tr("Context"), self.tr("On this computer"),
                                              self.tr("Location")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):  # short values: each column as wide as its heading or values (pt-BR is longer)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.problems = QLabel("")
        self.problems.setWordWrap(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label in (("load", self.tr("&Load")), ("default", self.tr("Set as &default")),
                           ("delete", self.tr("&Delete…")), ("export", self.tr("E&xport for USB…")),
                           ("import_file", self.tr("Import &file…")), ("import_folder", self.tr("Import f&older…")),
                           ("move", self.tr("&Move models folder…"))):
            button = QPushButton(label)
            self.buttons[key] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        describe((
            (self.table, self.tr("The models on this computer; double-click one to load it")),
            (self.buttons["load"], self.tr("Load the chosen model to use it")),
            (self.buttons["default"], self.tr("Load this model every time Rio Desktop starts")),
            (self.buttons["delete"], self.tr("Remove the chosen model from this computer")),
            (self.buttons["export"], self.tr("Copy the chosen model to a folder, with a checksum file, to install "
                                             "it on a computer without internet")),
            (self.buttons["import_file"], self.tr("Add a GGUF model file from this computer or a USB drive")),
            (self.buttons["import_folder"], self.tr("Add a model folder exported by Rio Desktop; every file is "
                                                    "checked first")),
            (self.buttons["move"], self.tr("Move every model to another folder or disk")),
        ))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.problems)
        self.buttons["load"].clicked.connect(self.load_action)
        self.buttons["default"].clicked.connect(self.default_action)
        self.buttons["delete"].clicked.connect(self.delete_action)
        self.buttons["export"].clicked.connect(self.export_action)
        self.buttons["import_file"].clicked.connect(self.import_file_action)
        self.buttons["import_folder"].clicked.connect(self.import_folder_action)
        self.buttons["move"].clicked.connect(self.move_action)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.load_action())
        # From the event loop: the scan thread then does not compete with building the window.
        QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        """Scan the library off the GUI thread: every model's header is read and checked, which takes
        a noticeable time per model (0.15 s for a 49k-token vocabulary). The table fills when it ends."""
        if self.scan_job is not None:
            self.scan_again = True  # something changed during the scan: one more when it ends
            return
        self.scan_again = False
        library, n_ctx, models_dir = self.library, self.settings.get("n_ctx"), self.paths.models

        def scan(_report: Report) -> tuple[list[InstalledModel], list, dict[Path, Plan]]:
            from rio_desktop.models.loading import plan_installed  # on the scan's thread, after the window

            models, problems = library.scan()
            return models, problems, plan_installed([m.model for m in models], n_ctx, models_dir=models_dir)

        self.scan_job = self.jobs.run(scan, on_done=self.scan_done_event_response,
                                      on_failed=self.scan_failed_event_response)

    def plan_text(self, plan: Plan | None) -> str:
        """Where the model would run on this computer and how much memory it takes, before loading."""
        if plan is None:
            return "?"
        memory = format_bytes(plan.total_bytes)
        if plan.mode == "gpu":
            return self.tr("GPU, {memory}").format(memory=memory)
        if plan.mode == "moe_cpu":
            return self.tr("GPU and RAM (experts in RAM), {memory}").format(memory=memory)
        if plan.mode == "partial":
            return self.tr("GPU ({layers} layers) and CPU, {memory}").format(layers=plan.n_gpu_layers, memory=memory)
        if plan.mode == "cpu":
            return self.tr("CPU, {memory}").format(memory=memory)
        return self.tr("Does not fit ({memory} needed)").format(memory=memory)

    def show_scan(self, models: list[InstalledModel], problems: list, plans: dict[Path, Plan] | None = None) -> None:
        self.models = models
        self.plans = plans or {}
        default = self.settings.get("last_model")
        self.table.setRowCount(len(self.models))
        for row, installed in enumerate(self.models):
            model = installed.model
            name = file_display_name(model.path) + (" ★" if str(model.path) == default else "")
            location = self.tr("used in place: {path}").format(path=model.path.parent) if installed.in_place \
                else str(model.path.parent)
            trained = localized("{n}", n=model.context_trained or "?")  # "32.768" in pt-BR
            for column, text in enumerate((name, model.quantization, model.architecture,
                                           format_bytes(installed.size_bytes), trained,
                                           self.plan_text(self.plans.get(model.path)), location)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.problems.setText("\n".join(self.tr("Not a usable model: {name}: {reason}").format(
            name=p.path.name, reason=translate_message(p.message)) for p in problems))
        self._update_buttons()
        self.scanned.emit()

    def selected(self) -> InstalledModel | None:
        rows = self.table.selectionModel().selectedRows()
        return self.models[rows[0].row()] if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.selected() is not None and self.job is None
        for key in ("load", "default", "delete", "export"):
            self.buttons[key].setEnabled(chosen)
        for key in ("import_file", "import_folder", "move"):
            self.buttons[key].setEnabled(self.job is None)

    def _start(self, work: Callable[[Report], Any], text: str, on_done: Callable[[Any], None]) -> TaskHandle:
        """One library operation at a time, with the progress bar; `on_done` says how it ended."""
        self.status.setText(text)
        self.progress.show()
        self.progress.setRange(0, 0)

        def done(result: Any) -> None:
            self.job = None
            self.progress.hide()
            on_done(result)
            self.refresh()

        self.job = self.jobs.run(work, on_done=done, on_failed=self.job_failed_event_response,
                                 on_progress=self.job_progress_event_response)
        self._update_buttons()
        return self.job

    @Slot()
    def load_action(self) -> None:
        model = self.selected()
        if model is not None:
            self.load_requested.emit(model.path)

    @Slot()
    def default_action(self) -> None:
        model = self.selected()
        if model is not None:
            self.settings.remember_model(str(model.path))
            self.refresh()

    @Slot()
    def delete_action(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        model = self.selected()
        if model is None:
            return
        question = self.tr("Delete {name} ({size})? The file is removed from this computer.").format(
            name=model.model.name, size=format_bytes(model.size_bytes)) if not model.in_place else self.tr(
            "Stop listing {name}? The file stays where it is.").format(name=model.model.name)
        if QMessageBox.question(self, self.tr("Delete model"), question) != QMessageBox.StandardButton.Yes:
            return
        freed = self.library.delete(model)
        self.status.setText(self.tr("{freed} freed.").format(freed=format_bytes(freed)))
        self.refresh()

    @Slot()
    def export_action(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        model = self.selected()
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to (for example a USB drive)"))
        if model is not None and folder:
            self._start(lambda report: self.library.export_folder(model, Path(folder), lambda d, t: report((d, t))),
                        self.tr("Exporting {name}…").format(name=model.model.name),
                        lambda result: self.status.setText(self.tr("Exported to {folder}.").format(folder=result)))

    @Slot()
    def import_file_action(self) -> bool:
        """Ask for a file and import it; False when the clerk cancelled the file dialog."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a model"), str(Path.home()),
                                              self.tr("GGUF models (*.gguf)"))
        if not path:
            return False
        self.offer_import(Path(path))
        return True

    def offer_import(self, path: Path) -> TaskHandle | None:
        """Ask whether to copy `path` into the models folder or use it in place, then import it."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, self.tr("Import a model"), self.tr(
            "Copy {name} into the models folder? Choose No to use it where it is.").format(name=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        return self.import_file(path, answer == QMessageBox.StandardButton.Yes)

    def import_file(self, path: Path, copy: bool) -> TaskHandle:
        return self._start(lambda report: self.library.import_file(path, copy, lambda d, t: report((d, t))),
                           self.tr("Importing {name}…").format(name=path.name), self._imported)

    def _imported(self, model: InstalledModel) -> None:
        self.status.setText(self.tr("{name} was imported.").format(name=model.model.name))
        self.imported.emit(model.path)

    @Slot()
    def import_folder_action(self) -> bool:
        """Ask for an exported folder and import it; False when the clerk cancelled the dialog."""
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("Import an exported model folder"))
        if not folder:
            return False
        self.import_folder(Path(folder))
        return True

    def import_folder(self, folder: Path) -> TaskHandle:
        return self._start(lambda report: self.library.import_folder(folder, lambda d, t: report((d, t))),
                           self.tr("Checking and importing {name}…").format(name=folder.name), self._imported)

    @Slot()
    def move_action(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("Move the models to"))
        if folder:
            target = Path(folder)

            def work(report):  # type: ignore[no-untyped-def]
                self.library.move_to(target, lambda d, t: report((d, t)))
                return target

            def moved(result: Path) -> None:
                self.settings.set("models_folder", str(result))
                self.status.setText(self.tr("The models are now in {folder}.").format(folder=result))

            self._start(work, self.tr("Moving the models to {folder}…").format(folder=folder), moved)

    def job_progress_event_response(self, payload: tuple[int, int]) -> None:
        done, total = payload
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * done / total) if total else 0)

    def scan_done_event_response(self, result: tuple[list[InstalledModel], list, dict[Path, Plan]]) -> None:
        self.scan_job = None
        self.show_scan(*result)
        if self.scan_again:
            self.refresh()

    def scan_failed_event_response(self, error: UserFacingError) -> None:
        # An unreadable folder, say: say so, keep what is shown.
        self.scan_job = None
        log.warning("scanning the models folder failed: %s", error)
        self.problems.setText(self.tr("The models folder could not be read: {error}").format(
            error=translate_message(error.message)))

    def job_failed_event_response(self, error: UserFacingError) -> None:
        self.job = None
        self.progress.hide()
        self.status.setText(translate_message(error.message))
        self.refresh()
