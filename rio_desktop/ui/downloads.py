"""The application's downloads: they belong to it, not to a widget. The catalogue shows them (a catalogue
made again finds the live ones here), and closing the window pauses them, resumable at the next start
(their partial files and notes stay in the models folder)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from rio_desktop.i18n import UserFacingError
from rio_desktop.ui.jobs import Jobs

if TYPE_CHECKING:  # made with the application: the download code is imported when a download starts
    from rio_desktop.models.download import Progress
    from rio_desktop.tasks.download import DownloadTask, Outcome

log = logging.getLogger(__name__)


class Downloads(QObject):
    started = Signal(int, object)  # id, DownloadTask
    progress = Signal(int, object)  # id, models.download.Progress
    ended = Signal(int, str)  # id, "done" | "paused" | "cancelled"
    failed = Signal(int, object)  # id, UserFacingError

    def __init__(self, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.live: dict[int, DownloadTask] = {}

    def start(self, task: DownloadTask) -> int:
        """Run `task` on the jobs pool; its events come as this object's signals, with the id returned."""
        handle = self.jobs.run(task.run, on_progress=lambda p: self._progress(handle.id, p),
                               on_done=lambda outcome: self._ended(handle.id, outcome),
                               on_failed=lambda error: self._failed(handle.id, error), cancel=task.cancel)
        self.live[handle.id] = task
        self.started.emit(handle.id, task)
        return handle.id

    def pause_all(self) -> int:
        """Pause every live download (the application is closing): what arrived is kept for a resume."""
        for task in self.live.values():
            task.pause.cancel()
        if self.live:
            log.info("%d download(s) paused on closing", len(self.live))
        return len(self.live)

    # -- on the GUI thread -------------------------------------------------------------------------------
    def _progress(self, download: int, progress: Progress) -> None:
        if download in self.live:
            self.progress.emit(download, progress)

    def _ended(self, download: int, outcome: Outcome) -> None:
        self.live.pop(download, None)
        self.ended.emit(download, outcome)

    def _failed(self, download: int, error: UserFacingError) -> None:
        self.live.pop(download, None)
        self.failed.emit(download, error)
