"""How backend_probe.ensure() is to load llama.cpp's backends (NATIVE.settings): where its choices are
remembered, a CPU variant forced in the settings, the GPU turned off.

Apart from backend_probe so that the window can set it at start-up without importing the probe and what
it brings (ctypes, subprocess, ggml's loader): those are needed only with the first model, and the window
is on screen sooner without them (bench/startup.py, tests/test_desktop.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rio_desktop.engine.native import NATIVE, BackendSettings


def configure(state_dir: Path | None = None, cpu_variant: str = "", use_gpu: bool = True) -> None:
    """The settings the next ensure() uses: where choices are remembered, a forced CPU variant, GPU off."""
    NATIVE.settings = BackendSettings(state_dir, cpu_variant, use_gpu)


def configure_backends(settings: Any, paths: Any) -> None:
    """configure() from the application's Settings and AppPaths."""
    configure(paths.data, settings.get("cpu_variant"), settings.get("use_gpu"))
