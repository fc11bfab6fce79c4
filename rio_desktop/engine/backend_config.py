"""How backend_probe.ensure() is to load llama.cpp's backends: where its choices are remembered, a CPU
variant forced in the settings, the GPU turned off.

Apart from backend_probe so that the window can set it at start-up without importing the probe and what
it brings (ctypes, subprocess, ggml's loader): those are needed only with the first model, and the window
is on screen sooner without them (bench/startup.py, tests/test_desktop.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Set once at start from the settings (configure); read by backend_probe.ensure(), which the engine calls
# before llama.cpp.
config: dict[str, Any] = {"state_dir": None, "cpu_variant": "", "use_gpu": True}


def configure(state_dir: Path | None = None, cpu_variant: str = "", use_gpu: bool = True) -> None:
    """The settings the next ensure() uses: where choices are remembered, a forced CPU variant, GPU off."""
    config.update(state_dir=state_dir, cpu_variant=cpu_variant, use_gpu=use_gpu)


def configure_backends(settings: Any, paths: Any) -> None:
    """configure() from the application's Settings and AppPaths."""
    configure(paths.data, settings.get("cpu_variant"), settings.get("use_gpu"))
