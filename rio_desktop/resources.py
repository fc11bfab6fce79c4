"""Where the resources/ folder (catalogue, templates, translations, icons) is.

In a source checkout it sits beside the package; in a PyInstaller bundle it is unpacked next to the
executable; RIO_DESKTOP_RESOURCES points elsewhere (packagers, tests).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES_ENV = "RIO_DESKTOP_RESOURCES"


def resources_dir() -> Path:
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
