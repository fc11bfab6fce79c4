"""The Catalogue tab of the Models page: catalogue entries, live availability, what fits, downloads.

Built when the tab is first opened: it brings the hub client, the planner and the downloader."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
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

from rio_desktop.engine.backend import CancelToken
from rio_desktop.i18n import UserFacingError
from rio_desktop.models.catalog import CatalogEntry, assess, load_catalog, repo_from_text
from rio_desktop.models.download import (
    DownloadCancelled,
    Downloader,
    DownloadPaused,
    RemoteFile,
    manifest,
)
from rio_desktop.models.hardware import Hardware, detect
from rio_desktop.models.hub import HubCatalog, Quantization, RepoState
from rio_desktop.models.library import models_folder
from rio_desktop.paths import AppPaths
from rio_desktop.resources import resource_path
from rio_desktop.secrets import HUB_TOKEN, get_secret
from rio_desktop.settings import Settings
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.formatting import format_bytes, translate_message
from rio_desktop.ui.jobs import Jobs, Report

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

    def __init__(self, jobs: Jobs, settings: Settings, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs, self.settings, self.paths = jobs, settings, paths
        self.entries = load_catalog(resource_path("catalogue", "models.json"), settings.get("extra_repos"))
        self.states: dict[str, RepoState] = {}
        self.quantizations: list[tuple[str, Quantization]] = []
        self.check_jobs: dict[int, str] = {}
        self.downloads: dict[int, tuple[DownloadRow, list, CancelToken, CancelToken, str]] = {}
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
        self.hardware_job = self._start(lambda _report: detect(folder, with_llama=False))
        self.fill_list()
        self.restore_pending()

    def _start(self, work: Callable[[Report], object]) -> int:
        """Run `work` on the pool; its progress, result and failure come to this tab's handlers by job id."""
        handle = self.jobs.run(work, on_done=lambda result: self.job_done_event_response(handle.id, result),
                               on_failed=lambda error: self.job_failed_event_response(handle.id, error),
                               on_progress=lambda payload: self.job_progress_event_response(handle.id, payload))
        return handle.id

    def catalog(self, with_token: bool = False) -> HubCatalog:
        """The hub; the token is read from the keyring only for a request that goes out."""
        return HubCatalog(self.paths.cache, offline=self.settings.get("offline"),
                          token=get_secret(HUB_TOKEN) if with_token else None)

    def fill_list(self) -> None:
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem(f"{entry.name}  ·  {entry.family}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.list.addItem(item)
        if self.entries:
            self.list.setCurrentRow(0)

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
        for repo in entry.repos:
            state = self.states.get(repo) or self.catalog().cached(repo)
            lines.append(self._state_text(repo, state))
            if state.status == "available" and self.hardware is None:
                for quantization in state.quantizations:
                    self._add_row((quantization.name, format_bytes(quantization.size),
                                   self.tr("checking this computer…"), repo))
                    self.quantizations.append((repo, quantization))
            elif state.status == "available":
                fits = assess(state.quantizations, self.hardware.gpu_free_bytes,
                              self.hardware.ram["available_bytes"], entry.kv_bytes_per_token)
                for fit in fits.fits:
                    mark = " ✓ " + self.tr("recommended") if fit.quantization.name == fits.recommended else ""
                    self._add_row((fit.quantization.name, format_bytes(fit.quantization.size),
                                   f"{LIGHTS[fit.fit]} {self._fit_text(fit.fit)}{mark}", repo))
                    self.quantizations.append((repo, fit.quantization))
        if entry.alternatives and all((self.states.get(r) or self.catalog().cached(r)).status == "withdrawn"
                                      for r in entry.repos):
            names = [e.name for e in self.entries if e.id in entry.alternatives]
            lines.append(self.tr("Alternatives: {names}").format(names=", ".join(names)))
        self.state_label.setText("\n".join(lines))

    def _add_row(self, texts: tuple[str, ...]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def _fit_text(self, fit: str) -> str:
        return {"gpu": self.tr("fits on the GPU"), "offload": self.tr("fits with part on the CPU"),
                "cpu": self.tr("fits in memory (CPU)"), "too_big": self.tr("too big")}[fit]

    def _state_text(self, repo: str, state: RepoState) -> str:
        text = {"available": self.tr("{repo}: available"), "gated": self.tr("{repo}: needs a token (gated)"),
                "withdrawn": self.tr("{repo}: unavailable (withdrawn or renamed)"),
                "unknown": self.tr("{repo}: not checked yet; press Check availability") if not self.settings.get(
                    "offline") else self.tr("{repo}: never checked, and Rio Desktop works offline"),
                "error": self.tr("{repo}: could not be checked ({detail})")}[state.status]
        text = text.format(repo=repo, detail=state.detail)
        if state.known_from_cache:
            text += " " + self.tr("(last known state)")
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
            self.check_jobs[self._start(lambda _report, r=repo: catalog.state(r))] = repo
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
        self.search_job = self._start(lambda _report: catalog.search(text))
        self.state_label.setText(self.tr("Searching the hub…"))

    @Slot()
    def download_action(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            repo, quant = self.quantizations[rows[0].row()]
            self.start_download(repo, quant)

    def _pending_file(self, folder: Path, quant: Quantization) -> Path:
        return folder / f".{Path(quant.files[0].name).name}.rio-pending.json"

    def restore_pending(self) -> None:
        """Downloads unfinished when the application last closed (or crashed) come back, ready to resume."""
        folder = models_folder(self.settings, self.paths)
        for pending in sorted(folder.glob(".*.rio-pending.json")) if folder.is_dir() else []:
            try:
                data = json.loads(pending.read_text(encoding="utf-8"))
                quant = Quantization(data["quantization"], [RemoteFile(**f) for f in data["files"]])
            except (OSError, ValueError, KeyError, TypeError):
                pending.unlink(missing_ok=True)
                continue
            row = DownloadRow(f"{data['repo']} · {quant.name} · {format_bytes(quant.size)}")
            row.detail.setText(self.tr("Interrupted. What arrived is kept: press Resume."))
            row.pause_button.hide()
            row.resume_button.show()
            row.resume_button.clicked.connect(
                lambda _c=False, r=row, q=quant, repo=data["repo"]: self._resume(r, repo, q, folder))
            self.downloads_box.addWidget(row)

    def start_download(self, repo: str, quant: Quantization) -> int | None:
        if self.settings.get("offline"):
            self.state_label.setText(self.tr("Rio Desktop is set to work offline: turn that off in Settings "
                                             "to download."))
            return None
        folder = models_folder(self.settings, self.paths)
        row = DownloadRow(f"{repo} · {quant.name} · {format_bytes(quant.size)}")
        self.downloads_box.addWidget(row)
        return self._run_download(row, repo, quant, folder)

    def _run_download(self, row: DownloadRow, repo: str, quant: Quantization, folder: Path) -> int:
        cancel, pause = CancelToken(), CancelToken()
        token = get_secret(HUB_TOKEN)
        files = quant.files

        pending = self._pending_file(folder, quant)
        folder.mkdir(parents=True, exist_ok=True)
        pending.write_text(json.dumps({"repo": repo, "quantization": quant.name,
                                       "files": [f.__dict__ for f in files]}), encoding="utf-8")

        def work(report):  # type: ignore[no-untyped-def]
            downloader = Downloader(token=token, cancel=cancel, pause=pause, on_progress=report)
            try:
                paths = downloader.download(files, folder)
            except DownloadPaused:
                return "paused"
            except DownloadCancelled:
                pending.unlink(missing_ok=True)
                return "cancelled"
            (folder / f"{paths[0].name}.rio.json").write_text(manifest(files), encoding="utf-8")
            pending.unlink(missing_ok=True)
            return "done"

        job = self._start(work)
        self.downloads[job] = (row, files, cancel, pause, repo)
        row.connected = True
        row.pause_button.clicked.connect(pause.cancel)
        row.cancel_button.clicked.connect(cancel.cancel)
        row.resume_button.clicked.connect(lambda: self._resume(row, repo, quant, folder))
        row.pause_button.show()
        row.resume_button.hide()
        return job

    def _resume(self, row: DownloadRow, repo: str, quant: Quantization, folder: Path) -> None:
        row.resume_button.clicked.disconnect()  # always connected (to this resume)
        if row.connected:  # the previous transfer's buttons; a row restored after a restart had none
            row.pause_button.clicked.disconnect()
            row.cancel_button.clicked.disconnect()
        self._run_download(row, repo, quant, folder)

    @Slot(int, object)
    def job_progress_event_response(self, job_id: int, progress: object) -> None:
        if job_id not in self.downloads:
            return
        row = self.downloads[job_id][0]
        p = progress
        row.bar.setValue(int(1000 * p.done / p.total) if p.total else 0)  # type: ignore[attr-defined]
        self.activity_progress.emit(f"download:{job_id}", p.done / p.total if p.total else 0.0)  # type: ignore[attr-defined]
        if p.state == "retrying":  # type: ignore[attr-defined]
            row.detail.setText(self.tr("Connection lost; retrying in {s:.0f} s (attempt {n})…").format(
                s=p.retry_in_s, n=p.attempt))  # type: ignore[attr-defined]
        elif p.state == "verifying":  # type: ignore[attr-defined]
            row.detail.setText(self.tr("Verifying {name}…").format(name=p.file))  # type: ignore[attr-defined]
        else:
            eta = p.eta_s  # type: ignore[attr-defined]
            row.detail.setText(self.tr("{done} of {total} · {speed}/s · {eta}").format(
                done=format_bytes(p.done), total=format_bytes(p.total),  # type: ignore[attr-defined]
                speed=format_bytes(int(p.speed_bps)),  # type: ignore[attr-defined]
                eta=self.tr("about {m} min left").format(m=int(eta // 60) + 1) if eta else ""))

    @Slot(int, object)
    def job_done_event_response(self, job_id: int, result: object) -> None:
        if job_id == self.hardware_job:
            self.hardware = result  # type: ignore[assignment]
            self.show_entry()
        elif job_id in self.check_jobs:
            repo = self.check_jobs.pop(job_id)
            self.states[repo] = result  # type: ignore[assignment]
            self.show_entry()
        elif job_id == getattr(self, "search_job", None):
            self.search_job = None
            found = list(result)  # type: ignore[call-overload]
            self.state_label.setText(self.tr("Found: {repos}").format(repos=", ".join(found) or "—"))
        elif job_id in self.downloads:
            row = self.downloads.pop(job_id)[0]
            self.activity_progress.emit(f"download:{job_id}", None)
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
                self.activity_done.emit(self.tr("Download finished"), self.tr(
                    "{name} is installed and verified.").format(name=row.label.text()))

    @Slot(int, object)
    def job_failed_event_response(self, job_id: int, error: object) -> None:
        message = translate_message(error.message) if isinstance(error, UserFacingError) else str(error)
        if job_id == self.hardware_job:
            log.warning("hardware detection failed: %s", error)
            self.state_label.setText(self.tr("This computer's hardware could not be read ({detail}); "
                                             "what fits is not known.").format(detail=message))
        elif job_id in self.check_jobs:
            self.check_jobs.pop(job_id)
            self.state_label.setText(message)
        elif job_id == getattr(self, "search_job", None):
            self.search_job = None
            self.state_label.setText(message)
        elif job_id in self.downloads:
            row = self.downloads.pop(job_id)[0]
            self.activity_progress.emit(f"download:{job_id}", None)
            self.activity_done.emit(self.tr("Download stopped"), message)
            row.detail.setText(message)
            row.pause_button.hide()
            row.resume_button.show()
