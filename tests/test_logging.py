"""The log file: rotated at its size limit, so a long-running office PC never fills its disk with it."""

from __future__ import annotations

import logging
from pathlib import Path

from rio_desktop.logging_setup import RotatingFile


def test_the_log_rotates_and_keeps_a_fixed_number_of_old_files(tmp_path: Path) -> None:
    path = tmp_path / "rio-desktop.log"
    handler = RotatingFile(path, max_bytes=1000, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("test_rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for index in range(100):
            logger.warning("line %03d %s", index, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["rio-desktop.log", "rio-desktop.log.1", "rio-desktop.log.2"]
    assert all(p.stat().st_size <= 1000 + 60 for p in tmp_path.iterdir())
    assert "line 099" in path.read_text()  # the newest line is in the current file
    assert "line 000" not in "".join(p.read_text() for p in tmp_path.iterdir())  # the oldest are gone
