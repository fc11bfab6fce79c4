"""Logging to a rotating file in the log folder (and to stderr for the command line)."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

LOG_FILE_NAME = "rio-desktop.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


class RotatingFile(logging.FileHandler):
    """A log file that moves to .1 … .BACKUPS when it grows past `max_bytes`.

    logging.handlers has one, but importing that module (sockets, pickle, queues) is a noticeable part
    of the window's start-up time, and this is all the application needs of it.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:
                self.stream = self._open()
            if self.stream.tell() >= self.max_bytes:
                self._rotate()
        except OSError:
            self.handleError(record)
            return
        super().emit(record)

    def _rotate(self) -> None:
        self.stream.close()
        base = self.baseFilename
        # Windows renames no file another process holds open (a second instance, the command line, an
        # editor showing the log): then this one is written on and the move tried again at the next record,
        # rather than a closed stream left behind that fails every record after it.
        with contextlib.suppress(OSError):
            for index in range(self.backups - 1, 0, -1):
                if os.path.exists(f"{base}.{index}"):
                    os.replace(f"{base}.{index}", f"{base}.{index + 1}")
            os.replace(base, f"{base}.1")
        self.stream = self._open()


def setup_logging(log_dir: Path, level: int = logging.INFO, stderr_level: int | None = None) -> Path:
    """Send the application's log to a rotating file; returns the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_rio_desktop", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = RotatingFile(path)
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler._rio_desktop = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if stderr_level is not None:
        stream = logging.StreamHandler()
        stream.setLevel(stderr_level)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream._rio_desktop = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    root.setLevel(level)
    # llama.cpp's debug output is one line per tensor: keep its information level (buffer sizes).
    logging.getLogger("llama.cpp").setLevel(max(level, logging.INFO))
    return path
