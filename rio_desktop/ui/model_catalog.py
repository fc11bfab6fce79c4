"""The Catalogue tab of the Models page: catalogue entries, live availability, what fits, downloads.

Built when the tab is first opened: it brings the hub client, the planner and the downloader."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
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
    QuantFit,
    assess,
    check,
    kv_bytes_per_token,
    load_catalog,
    quantizations_of,
    repo_from_text,
    sorted_by_fit,
)
from rio_desktop.models.download import (
    SPACE_MARGIN,
    Progress,
    part_path,
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
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.labels import message_label
from rio_desktop.ui.task_handle import TaskHandle

log = logging.getLogger(__name__)
# A traffic light per fit, drawn (the emoji drew as boxes where the font lacks them: Windows 10's, Xvfb's).
LIGHTS = {"gpu": "#2e7d32", "offload": "#f9a825", "cpu": "#f9a825", "too_big": "#c62828"}


def light_icon(fit: str) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(LIGHTS[fit]))
    painter.drawEllipse(2, 2, 12, 12)
    painter.end()
    return QIcon(pixmap)


def free_disk_space(folder: Path) -> int | None:
    """Free bytes on the disk of `folder` (of the nearest folder that exists: the models folder is made at
    the first download); None when it cannot be read."""
    path = folder
    while not path.exists() and path.parent != path:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def bytes_to_write(quant: Quantization, folder: Path) -> int:
    """What downloading `quant` into `folder` still writes: files already there, and the parts a paused
    download kept, are not written again (models.download.Downloader counts the same way)."""
    have = 0
    for file in quant.files:
        target = folder / Path(file.name).name
        if target.exists() and target.stat().st_size == file.size:
            have += file.size
        elif part_path(target).exists():
            have += min(part_path(target).stat().st_size, file.size)
    return max(quant.size - have, 0)


class DownloadRow(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = message_label(title)  # wraps: a repository's name can be long
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName(title)
        self.detail = message_label()
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
        # The catalogue's entries in its own order, and as the list shows them (sort_entries).
        self.catalogue = load_catalog(resource_path("catalogue", "models.json"), settings.get("extra_repos"))
        self.entries = list(self.catalogue)
        self.states: dict[str, RepoState] = {}
        self.quantizations: list[tuple[str, Quantization]] = []
        self.fits: list[QuantFit | None] = []  # each row's fit on this computer (None: not known yet)
        self.check_jobs: dict[str, TaskHandle] = {}  # by repository
        self.search_job: TaskHandle | None = None
        self.downloads: dict[int, tuple[DownloadRow, DownloadTask]] = {}  # the rows of live downloads, by id
        self.hardware: Hardware | None = None
        self.chosen: str | None = None  # the entry the clerk chose (or the welcome's advice): kept across sorts
        self._filling = False

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Model catalogue"))
        # An entry's line ("SmolLM2 135M Instruct · Inicial, para computadores muito simples") wraps rather than
        # hiding behind a sideways scroll bar.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.state_label = message_label()
        self.downloads_box = QVBoxLayout()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.repo_edit)  # its own line: the placeholder reads in full
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.search_button)
        add_row.addStretch(1)
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
        self.list.currentRowChanged.connect(self._row_chosen)
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

    def fill_list(self, select: str | None = None) -> None:
        """The list of entries with the one of id `select` chosen; by default the one chosen before, or else
        the first (after a sort, the first is what fits best)."""
        if select is not None:
            self.chosen = select
        self._filling = True  # the rows set here are not the clerk's choice
        try:
            self.list.clear()
            for entry in self.entries:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                self.list.addItem(item)
            self.mark_installed()
            if self.entries:
                ids = [e.id for e in self.entries]
                self.list.setCurrentRow(len(ids) - 1 - ids[::-1].index(self.chosen) if self.chosen in ids else 0)
        finally:
            self._filling = False

    @Slot(int)
    def _row_chosen(self, row: int) -> None:
        if not self._filling and 0 <= row < len(self.entries):
            self.chosen = self.entries[row].id

    def sort_entries(self) -> None:
        """What fits this computer first, then what fits with part on the CPU, then what is not known, then
        what is too big (models.catalog.sorted_by_fit); unsorted until the hardware is known."""
        if self.hardware is None:
            return
        catalog = self.catalog()
        states = {repo: self.states.get(repo) or catalog.cached(repo) for e in self.catalogue for repo in e.repos}
        self.entries = sorted_by_fit(self.catalogue, states, self.hardware.gpu_free_bytes,
                                     self.hardware.ram["available_bytes"], self.hardware.cpu.get("physical_cores"))

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
        self.quantizations, self.fits = [], []
        if entry is None:
            return
        lines = []
        installed = self.installed_marks()
        for repo in entry.repos:
            state = self.states.get(repo) or self.catalog().cached(repo)
            lines.append(self._state_text(repo, state))
            quantizations = quantizations_of(entry, repo, state)  # not known from the hub (yet): expected ones
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
                self._add_row(repo, fit.quantization, f"{self._fit_text(fit.fit)}{mark}", installed, fit)
        if any(q.approximate for _repo, q in self.quantizations):
            lines.append(self.tr("Sizes marked ≈ are the catalogue's estimates; Check availability reads the "
                                 "exact files from the hub."))
        if entry.alternatives and all((self.states.get(r) or self.catalog().cached(r)).status == "withdrawn"
                                      for r in entry.repos):
            names = [e.name for e in self.entries if e.id in entry.alternatives]
            lines.append(self.tr("Alternatives: {names}").format(names=", ".join(names)))
        self.state_label.setText("\n".join(lines))

    def _add_row(self, repo: str, quantization: Quantization, fit: str, installed: set[tuple[str, str]],
                 assessed: QuantFit | None = None) -> None:
        name = quantization.name
        if (repo, name) in installed or is_installed(quantization, models_folder(self.settings, self.paths)):
            name += "  ✓ " + self.tr("installed")
        size = format_bytes(quantization.size)
        texts = (name, f"≈ {size}" if quantization.approximate else size, fit, repo)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))
        if assessed is not None:
            self.table.item(row, 2).setIcon(light_icon(assessed.fit))
        self.table.resizeColumnToContents(2)  # "cabe na memória (CPU)" in full
        self.quantizations.append((repo, quantization))
        self.fits.append(assessed)

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
        self.catalogue = load_catalog(resource_path("catalogue", "models.json"), extra)
        self.entries = list(self.catalogue)
        self.sort_entries()
        self.fill_list(select=repo)  # the repository just added (its entry's id)
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
            self.start_download(repo, quant, self.fits[rows[0].row()])

    def _row(self, repo: str, quantization: str, size: int, approximate: bool) -> DownloadRow:
        row = DownloadRow(f"{repo} · {quantization} · {'≈ ' if approximate else ''}{format_bytes(size)}")
        self.downloads_box.addWidget(row)
        return row

    def start_download(self, repo: str, quant: Quantization, fit: QuantFit | None = None) -> int | None:
        """Start downloading `quant`, unless the disk has no room for it (refused, with a message) or, when
        `fit` says it is too big for this computer's memory, the clerk would rather not. Returns the
        download's id, or None when it was not started."""
        folder = models_folder(self.settings, self.paths)
        try:
            task = self._task(repo, quant, folder)
        except DownloadRefused as refused:
            self.state_label.setText(translate_message(refused.message))
            return None
        if not self._room_on_disk(repo, quant, folder):
            return None
        if fit is not None and fit.fit == "too_big" and not self._download_too_big(repo, quant, fit):
            return None
        return self._start(self._row(repo, quant.name, quant.size, quant.approximate), task)

    def _room_on_disk(self, repo: str, quant: Quantization, folder: Path) -> bool:
        """Whether the models folder's disk can hold the download; if not, the clerk is told why (it could
        not complete: it is not started)."""
        free = free_disk_space(folder)
        needed = bytes_to_write(quant, folder) + SPACE_MARGIN
        if free is None or needed <= free:
            return True
        if quant.approximate:
            text = self.tr("{model} needs about {needed} of disk space, and the disk of the models folder "
                           "({folder}) has {free} free. The download cannot complete, so it is not started.\n\n"
                           "Free some space, or choose a models folder on another disk in Settings, then try "
                           "again.")
        else:
            text = self.tr("{model} needs {needed} of disk space, and the disk of the models folder ({folder}) "
                           "has {free} free. The download cannot complete, so it is not started.\n\n"
                           "Free some space, or choose a models folder on another disk in Settings, then try "
                           "again.")
        QMessageBox.warning(self, self.tr("Not enough disk space"), text.format(
            model=f"{repo} · {quant.name}", needed=format_bytes(needed), folder=str(folder),
            free=format_bytes(free)))
        return False

    def _download_too_big(self, repo: str, quant: Quantization, fit: QuantFit) -> bool:
        """Whether the clerk still wants a model this computer's memory cannot run (No is the default)."""
        assert self.hardware is not None  # a fit is known only with the hardware
        ram = self.hardware.ram["available_bytes"]
        gpu = sum(self.hardware.gpu_free_bytes)
        if gpu:
            text = self.tr("{model} is too big for this computer: to run, it needs about {needed} of memory, and "
                           "this computer has {ram} of memory and {gpu} on its graphics card available.\n\n"
                           "It can be downloaded ({size}), but it will not run here. Download it anyway?")
        else:
            text = self.tr("{model} is too big for this computer: to run, it needs about {needed} of memory, and "
                           "this computer has {ram} of memory available.\n\n"
                           "It can be downloaded ({size}), but it will not run here. Download it anyway?")
        answer = QMessageBox.question(
            self, self.tr("Too big for this computer"),
            text.format(model=f"{repo} · {quant.name}", needed=format_bytes(fit.needed_bytes),
                        ram=format_bytes(ram), gpu=format_bytes(gpu), size=format_bytes(quant.size)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

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
        row.detail.setToolTip("")  # a previous failure's message
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
        self.sort_entries()
        self.fill_list()  # the entry chosen stays chosen; shown again, with what fits

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
        row.detail.setToolTip(message)  # whole, should a long word not fit the row
        row.pause_button.hide()
        row.resume_button.show()
