"""The Catalogue tab of the Models page: catalogue entries, live availability, what fits, downloads.

Built when the tab is first opened: it brings the hub client, the planner and the downloader."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.i18n import CORE_CONTEXT, UserFacingError
from rio_desktop.models.catalog import (
    FAMILY_TITLES,
    CatalogEntry,
    assess,
    check,
    kv_bytes_per_token,
    load_catalog,
    repo_from_text,
)
from rio_desktop.models.download import (
    Progress,
    pending_downloads,
)
from rio_desktop.models.hardware import Hardware, detect
from rio_desktop.models.hub import HubCatalog, Quantization, RepoState, installed_quantizations, is_installed
from rio_desktop.models.library import models_folder
from rio_desktop.paths import AppPaths
from rio_desktop.resources import resource_path
from rio_desktop.secrets import HUB_TOKEN, get_secret
from rio_desktop.settings import Settings
from rio_desktop.tasks.download import DownloadRefused, DownloadTask
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.downloads import Downloads
from rio_desktop.ui.formatting import format_bytes, translate_message
from rio_desktop.ui.jobs import JobHandle, Jobs

log = logging.getLogger(__name__)
LIGHTS = {"gpu": "🟢", "offload": "🟡", "cpu": "🟡", "too_big": "🔴"}


class DownloadRow(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(title)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName(title)
        self.detail = QLabel("")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.resume_button = QPushButton(self.tr("Resume"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.resume_button.hide()
        self.connected = False  # whether the buttons drive a transfer
        top = QHBoxLayout()
        top.addWidget(self.label, 1)
        for button in (self.pause_button, self.resume_button, self.cancel_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)


class CatalogTab(QWidget):
    """Catalogue entries, their live availability, quantizations with a traffic light, and downloads."""

    installed = Signal()
    activity_progress = Signal(str, object)  # ("download:<job>", fraction or None), see desktop_integration
    activity_done = Signal(str, str)  # title, text

    def __init__(self, jobs: Jobs, settings: Settings, paths: AppPaths, downloads: Downloads,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs, self.settings, self.paths = jobs, settings, paths
        self.manager = downloads  # the application's: a download outlives this tab
        self.entries = load_catalog(resource_path("catalogue", "models.json"), settings.get("extra_repos"))
        self.states: dict[str, RepoState] = {}
        self.quantizations: list[tuple[str, Quantization]] = []
        self.check_jobs: dict[str, JobHandle] = {}  # by repository
        self.search_job: JobHandle | None = None
        self.downloads: dict[int, tuple[DownloadRow, DownloadTask]] = {}  # the rows of live downloads, by id
        self.hardware: Hardware | None = None

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Model catalogue"))
        self.repo_edit = QLineEdit()
        self.repo_edit.setPlaceholderText(self.tr("owner/name or a hub address"))
        self.repo_edit.setAccessibleName(self.tr("Repository to add"))
        self.add_button = QPushButton(self.tr("&Add"))
        self.search_button = QPushButton(self.tr("&Search the hub"))
        self.check_button = QPushButton(self.tr("&Check availability"))
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Quantizations"))
        self.table.setHorizontalHeaderLabels([self.tr("Quantization"), self.tr("Size"), self.tr("Fits?"),
                                              self.tr("Repository")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.download_button = QPushButton(self.tr("&Download"))
        self.download_button.setEnabled(False)
        self.state_label = QLabel("")
        self.state_label.setWordWrap(True)
        self.downloads_box = QVBoxLayout()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.list, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.repo_edit, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.search_button)
        left_layout.addLayout(add_row)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.state_label)
        right_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.download_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        right_layout.addLayout(self.downloads_box)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        describe((
            (self.list, self.tr("Models known to work with Rio Desktop; choose one to see its versions")),
            (self.table, self.tr("The versions (quantizations) of the chosen model, their size and whether they "
                                 "fit this computer")),
            (self.check_button, self.tr("Ask Hugging Face whether the chosen model is still available")),
            (self.download_button, self.tr("Download the chosen version; it can be paused and resumed")),
            (self.add_button, self.tr("Add the repository written beside it to the catalogue")),
            (self.search_button, self.tr("Search Hugging Face for GGUF models with these words")),
        ))
        self.list.currentRowChanged.connect(self.show_entry)
        self.table.itemSelectionChanged.connect(
            lambda: self.download_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        self.add_button.clicked.connect(self.add_action)
        self.search_button.clicked.connect(self.search_action)
        self.check_button.clicked.connect(self.check_action)
        self.download_button.clicked.connect(self.download_action)
        # Hardware detection (NVML on GPU machines) takes a while: done off the GUI thread, started only
        # now that its answer has a listener; until it is in, the "Fits?" column says so.
        folder = models_folder(settings, paths)
        self.jobs.run(lambda _report: detect(folder, with_llama=False), on_done=self.hardware_detected,
                      on_failed=self.hardware_failed)
        self.fill_list()
        downloads.progress.connect(self.download_progress)
        downloads.ended.connect(self.download_ended)
        downloads.failed.connect(self.download_failed)
        for download, task in downloads.live.items():  # begun before this tab was made: shown, still live
            row = self._row(task.repo, task.quantization, task.size, approximate=False)
            self._attach(download, row, task)
        self.restore_pending()

    def catalog(self, with_token: bool = False) -> HubCatalog:
        """The hub; the token is read from the keyring only for a request that goes out."""
        return HubCatalog(self.paths.cache, offline=self.settings.get("offline"),
                          token=get_secret(HUB_TOKEN) if with_token else None)

    def fill_list(self) -> None:
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
        self.mark_installed()
        if self.entries:
            self.list.setCurrentRow(0)

    def installed_marks(self) -> set[tuple[str, str]]:
        return installed_quantizations(models_folder(self.settings, self.paths))

    def mark_installed(self) -> None:
        """The catalogue's names, with the models downloaded into the models folder marked."""
        repos = {repo for repo, _quant in self.installed_marks()}
        for row, entry in enumerate(self.entries):
            family = QCoreApplication.translate(CORE_CONTEXT, FAMILY_TITLES.get(entry.family, entry.family))
            text = f"{entry.name}  ·  {family}"
            if repos.intersection(entry.repos):
                text += "  ·  ✓ " + self.tr("installed")
            self.list.item(row).setText(text)

    def entry(self) -> CatalogEntry | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    @Slot(int)
    def show_entry(self, _row: int = 0) -> None:
        entry = self.entry()
        self.table.setRowCount(0)
        self.quantizations = []
        if entry is None:
            return
        lines = []
        installed = self.installed_marks()
        for repo in entry.repos:
            state = self.states.get(repo) or self.catalog().cached(repo)
            lines.append(self._state_text(repo, state))
            if state.status == "available":
                quantizations = state.quantizations
            elif state.status != "withdrawn":  # not known from the hub (yet): what the catalogue expects
                quantizations = entry.expected_quantizations(repo)
            else:
                quantizations = []
            if not quantizations:
                continue
            if self.hardware is None:
                for quantization in quantizations:
                    self._add_row(repo, quantization, self.tr("checking this computer…"), installed)
                continue
            fits = assess(quantizations, self.hardware.gpu_free_bytes, self.hardware.ram["available_bytes"],
                          kv_bytes_per_token(entry, state))
            for fit in fits.fits:
                mark = " ✓ " + self.tr("recommended") if fit.quantization.name == fits.recommended else ""
                self._add_row(repo, fit.quantization, f"{LIGHTS[fit.fit]} {self._fit_text(fit.fit)}{mark}",
                              installed)
        if any(q.approximate for _repo, q in self.quantizations):
            lines.append(self.tr("Sizes marked ≈ are the catalogue's estimates; Check availability reads the "
                                 "exact files from the hub."))
        if entry.alternatives and all((self.states.get(r) or self.catalog().cached(r)).status == "withdrawn"
                                      for r in entry.repos):
            names = [e.name for e in self.entries if e.id in entry.alternatives]
            lines.append(self.tr("Alternatives: {names}").format(names=", ".join(names)))
        self.state_label.setText("\n".join(lines))

    def _add_row(self, repo: str, quantization: Quantization, fit: str, installed: set[tuple[str, str]]) -> None:
        name = quantization.name
        if (repo, name) in installed or is_installed(quantization, models_folder(self.settings, self.paths)):
            name += "  ✓ " + self.tr("installed")
        size = format_bytes(quantization.size)
        texts = (name, f"≈ {size}" if quantization.approximate else size, fit, repo)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.quantizations.append((repo, quantization))

    def _fit_text(self, fit: str) -> str:
        return {"gpu": self.tr("fits on the GPU"), "offload": self.tr("fits with part on the CPU"),
                "cpu": self.tr("fits in memory (CPU)"), "too_big": self.tr("too big")}[fit]

    def _state_text(self, repo: str, state: RepoState) -> str:
        text = {"available": self.tr("{repo}: available"), "gated": self.tr("{repo}: needs a token (gated)"),
                "withdrawn": self.tr("{repo}: unavailable (withdrawn or renamed)"),
                "unknown": self.tr("{repo}: not checked yet; press Check availability") if not self.settings.get(
                    "offline") else self.tr("{repo}: never checked, and Rio Desktop works offline"),
                "error": self.tr("{repo}: could not be checked.")}[state.status]
        text = text.format(repo=repo)
        if state.known_from_cache:
            text += " " + self.tr("(last known state)")
        if state.problem is not None:
            text += " " + translate_message(state.problem)
        return text

    @Slot()
    def check_action(self) -> None:
        entry = self.entry()
        if entry is None:
            return
        catalog = self.catalog(with_token=True)
        if catalog.offline:
            self.show_entry()
            return
        for repo in entry.repos:
            self.check_jobs[repo] = self.jobs.run(
                lambda _report, r=repo: check(catalog, r),
                on_done=lambda state, r=repo: self.checked(r, state),
                on_failed=lambda error, r=repo: self.check_failed(r, error))
        self.state_label.setText(self.tr("Checking…"))

    @Slot()
    def add_action(self) -> None:
        repo = repo_from_text(self.repo_edit.text())
        if repo is None:
            self.state_label.setText(self.tr("Write a repository as owner/name or paste its hub address."))
            return
        extra = [r for r in self.settings.get("extra_repos") if r != repo] + [repo]
        self.settings.set("extra_repos", extra)
        self.entries = load_catalog(resource_path("catalogue", "models.json"), extra)
        self.fill_list()
        self.list.setCurrentRow(len(self.entries) - 1)
        self.check_action()

    @Slot()
    def search_action(self) -> None:
        text = self.repo_edit.text().strip()
        if not text:
            return
        catalog = self.catalog(with_token=True)
        if catalog.offline:
            self.state_label.setText(self.tr("Rio Desktop is set to work offline: turn that off in Settings "
                                             "to search the hub."))
            return
        self.search_job = self.jobs.run(lambda _report: catalog.search(text), on_done=self.searched,
                                        on_failed=self.search_failed)
        self.state_label.setText(self.tr("Searching the hub…"))

    @Slot()
    def download_action(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            repo, quant = self.quantizations[rows[0].row()]
            self.start_download(repo, quant)

    def _row(self, repo: str, quantization: str, size: int, approximate: bool) -> DownloadRow:
        row = DownloadRow(f"{repo} · {quantization} · {'≈ ' if approximate else ''}{format_bytes(size)}")
        self.downloads_box.addWidget(row)
        return row

    def start_download(self, repo: str, quant: Quantization) -> int | None:
        folder = models_folder(self.settings, self.paths)
        try:
            task = self._task(repo, quant, folder)
        except DownloadRefused as refused:
            self.state_label.setText(translate_message(refused.message))
            return None
        return self._start(self._row(repo, quant.name, quant.size, quant.approximate), task)

    def _task(self, repo: str, quant: Quantization, folder: Path) -> DownloadTask:
        catalog = self.catalog(with_token=True)
        return DownloadTask.prepare(repo, quant.name, quant.files, folder, offline=self.settings.get("offline"),
                                    token=get_secret(HUB_TOKEN), list_files=lambda: catalog.files(repo, quant.name))

    def _start(self, row: DownloadRow, task: DownloadTask) -> int:
        download = self.manager.start(task)
        self._attach(download, row, task)
        return download

    def _attach(self, download: int, row: DownloadRow, task: DownloadTask) -> None:
        self.downloads[download] = (row, task)
        if row.connected:  # the previous transfer's buttons; a row restored after a restart had none
            row.pause_button.clicked.disconnect()
            row.cancel_button.clicked.disconnect()
            row.resume_button.clicked.disconnect()
        row.connected = True
        row.pause_button.clicked.connect(task.pause.cancel)
        row.cancel_button.clicked.connect(task.cancel.cancel)
        row.resume_button.clicked.connect(lambda: self._resume(row, task))
        row.pause_button.show()
        row.resume_button.hide()

    def restore_pending(self) -> None:
        """Downloads unfinished when the application last closed (or crashed) come back, ready to resume."""
        folder = models_folder(self.settings, self.paths)
        live = {(t.repo, t.quantization) for t in self.manager.live.values()}
        for pending in pending_downloads(folder):
            if (pending.repo, pending.quantization) in live:
                continue
            quant = Quantization(pending.quantization, list(pending.files))
            row = self._row(pending.repo, quant.name, quant.size, quant.approximate)
            row.detail.setText(self.tr("Interrupted. What arrived is kept: press Resume."))
            row.pause_button.hide()
            row.resume_button.show()
            row.resume_button.clicked.connect(
                lambda _c=False, r=row, q=quant, repo=pending.repo: self._resume_pending(r, repo, q, folder))
            row.connected = False

    def _resume_pending(self, row: DownloadRow, repo: str, quant: Quantization, folder: Path) -> None:
        row.resume_button.clicked.disconnect()
        try:
            self._start(row, self._task(repo, quant, folder))
        except DownloadRefused as refused:
            row.detail.setText(translate_message(refused.message))
            row.resume_button.clicked.connect(lambda: self._resume_pending(row, repo, quant, folder))

    def _resume(self, row: DownloadRow, task: DownloadTask) -> None:
        try:
            again = DownloadTask.prepare(task.repo, task.quantization, task.files, task.folder,
                                         offline=self.settings.get("offline"), token=task.token,
                                         list_files=task.list_files)
        except DownloadRefused as refused:
            row.detail.setText(translate_message(refused.message))
            return
        self._start(row, again)

    # -- what the background jobs answer (on the GUI thread, each to its own call) ---------------------
    def hardware_detected(self, hardware: Hardware) -> None:
        self.hardware = hardware
        self.show_entry()

    def hardware_failed(self, error: UserFacingError) -> None:
        log.warning("hardware detection failed: %s", error)
        self.state_label.setText(self.tr("This computer's hardware could not be read ({detail}); "
                                         "what fits is not known.").format(detail=translate_message(error.message)))

    def checked(self, repo: str, state: RepoState) -> None:
        self.check_jobs.pop(repo, None)
        self.states[repo] = state
        self.show_entry()

    def check_failed(self, repo: str, error: UserFacingError) -> None:
        self.check_jobs.pop(repo, None)
        self.state_label.setText(translate_message(error.message))

    def searched(self, found: list[str]) -> None:
        self.search_job = None
        self.state_label.setText(self.tr("Found: {repos}").format(repos=", ".join(found) or "—"))

    def search_failed(self, error: UserFacingError) -> None:
        self.search_job = None
        self.state_label.setText(translate_message(error.message))

    def download_progress(self, job: int, p: Progress) -> None:
        if job not in self.downloads:
            return
        row, _task = self.downloads[job]
        row.bar.setValue(int(1000 * p.done / p.total) if p.total else 0)
        self.activity_progress.emit(f"download:{job}", p.done / p.total if p.total else 0.0)
        if p.state == "retrying":
            row.detail.setText(self.tr("Connection lost; retrying in {s:.0f} s (attempt {n})…").format(
                s=p.retry_in_s, n=p.attempt))
        elif p.state == "verifying":
            row.detail.setText(self.tr("Verifying {name}…").format(name=p.file))
        else:
            eta = p.eta_s
            row.detail.setText(self.tr("{done} of {total} · {speed}/s · {eta}").format(
                done=format_bytes(p.done), total=format_bytes(p.total), speed=format_bytes(int(p.speed_bps)),
                eta=self.tr("about {m} min left").format(m=int(eta // 60) + 1) if eta else ""))

    def download_ended(self, job: int, result: str) -> None:
        if job not in self.downloads:
            return
        row, _task = self.downloads.pop(job)
        self.activity_progress.emit(f"download:{job}", None)
        if result == "paused":
            row.detail.setText(self.tr("Paused. What arrived is kept."))
            row.pause_button.hide()
            row.resume_button.show()
        elif result == "cancelled":
            row.detail.setText(self.tr("Cancelled."))
            row.setEnabled(False)
        else:
            row.bar.setValue(1000)
            row.detail.setText(self.tr("Installed and verified."))
            row.pause_button.hide()
            row.cancel_button.hide()
            self.installed.emit()
            self.mark_installed()
            self.show_entry()
            self.activity_done.emit(self.tr("Download finished"), self.tr(
                "{name} is installed and verified.").format(name=row.label.text()))

    def download_failed(self, job: int, error: UserFacingError) -> None:
        if job not in self.downloads:
            return
        row, _task = self.downloads.pop(job)
        message = translate_message(error.message)
        self.activity_progress.emit(f"download:{job}", None)
        self.activity_done.emit(self.tr("Download stopped"), message)
        row.detail.setText(message)
        row.pause_button.hide()
        row.resume_button.show()
