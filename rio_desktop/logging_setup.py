"""Logging to a rotating file in the log folder (and to stderr for the command line)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "rio-desktop.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def setup_logging(log_dir: Path, level: int = logging.INFO, stderr_level: int | None = None) -> Path:
    """Send the application's log to a rotating file; returns the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_rio_desktop", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                        encoding="utf-8")
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
