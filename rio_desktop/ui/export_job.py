"""Saving a page's work to a file, the same way on every page: the file is written on the jobs pool, the page
says "Saving NAME…" and then "Saved NAME.", or a dialog says why it could not be saved; the page's buttons
follow (`changed`). The pages give the work (what to write) and the dialog's title only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from rio_desktop.i18n import UserFacingError
from rio_desktop.ui.formatting import translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.task_handle import TaskHandle


class ExportJob(QObject):
    changed = Signal()  # started or ended

    def __init__(self, page: QWidget, jobs: Jobs, show: Callable[[str], None]) -> None:
        super().__init__(page)
        self.page, self.jobs, self.show = page, jobs, show
        self.job: TaskHandle | None = None

    def start(self, path: Path, write: Callable[[], object], failure_title: str) -> TaskHandle:
        """Run `write()` (it writes `path`) on the jobs pool; `failure_title` heads the dialog if it fails."""
        self.job = self.jobs.run(lambda _report: write(), on_done=lambda _result: self._done(path),
                                 on_failed=lambda error: self._failed(error, failure_title))
        self.show(self.tr("Saving {name}…").format(name=path.name))
        self.changed.emit()
        return self.job

    def _done(self, path: Path) -> None:
        self.job = None
        self.show(self.tr("Saved {name}.").format(name=path.name))
        self.changed.emit()

    def _failed(self, error: UserFacingError, title: str) -> None:
        self.job = None
        self.show("")
        self.changed.emit()
        QMessageBox.warning(self.page, title, translate_message(error.message))
