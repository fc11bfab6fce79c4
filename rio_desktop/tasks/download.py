"""Download a model: the one use case behind the catalogue's Download button and `rio-desktop models download`.

A download is paused (what arrived is kept, resumable) or cancelled (removed) through its two tokens; the
window's downloads manager pauses every live one when the application closes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rio_desktop.engine.backend import CancelToken
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError
from rio_desktop.models.download import (
    DownloadCancelled,
    Downloader,
    DownloadError,
    DownloadPaused,
    Progress,
    RemoteFile,
    install,
)

Outcome = Literal["done", "paused", "cancelled"]


class DownloadRefused(UserFacingError):
    """A download that is not started (the application is set to work offline)."""


@dataclass
class DownloadTask:
    """One quantization of a repository into the models folder. `files` may be empty when only the
    catalogue's expectation is known (offline it knows no file names): `list_files` asks the hub then."""

    repo: str
    quantization: str
    files: Sequence[RemoteFile]
    folder: Path
    token: str | None = None
    list_files: Callable[[], Sequence[RemoteFile]] | None = None
    cancel: CancelToken = field(default_factory=CancelToken)
    pause: CancelToken = field(default_factory=CancelToken)
    installed: list[Path] = field(default_factory=list)

    @classmethod
    def prepare(cls, repo: str, quantization: str, files: Sequence[RemoteFile], folder: Path, *, offline: bool,
                token: str | None = None,
                list_files: Callable[[], Sequence[RemoteFile]] | None = None) -> DownloadTask:
        """Raises DownloadRefused when the settings say the application works offline."""
        if offline:
            raise DownloadRefused(Message(QT_TRANSLATE_NOOP(
                "Core", "Rio Desktop is set to work offline: turn that off in Settings to download.")))
        return cls(repo, quantization, list(files), folder, token, list_files)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    def run(self, report: Callable[[Progress], None] | None = None) -> Outcome:
        """Download, verify and install (on a background thread). Raises DownloadError with the reason."""
        files = self.files
        if not files and self.list_files is not None:
            try:
                files = list(self.list_files())
            except DownloadError:
                raise
            except UserFacingError as exc:  # the hub could not list the files: the download did not start
                raise DownloadError(Message(QT_TRANSLATE_NOOP(
                    "Core", "The download of {name} could not start. {problem}"),
                    name=f"{self.repo} {self.quantization}", problem=exc.message)) from exc
        downloader = Downloader(token=self.token, cancel=self.cancel, pause=self.pause, on_progress=report)
        try:
            self.installed = install(self.repo, self.quantization, files, self.folder, downloader)
        except DownloadPaused:
            return "paused"
        except DownloadCancelled:
            return "cancelled"
        return "done"
