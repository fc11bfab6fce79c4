"""llama.cpp's native side in this process, held by one object: how its backends are to be loaded, what was
loaded, the llama_cpp module once imported, and its log.

ggml loads a backend library once per process and cannot swap it for another (a change of settings takes a
restart), so there is one NativeLlama, NATIVE. The modules that do the work keep no state of their own:
ggml_backends.load() fills `backends`, backend_probe.ensure() `preparation`, llama_backend.load_llama_cpp()
`module`; `log` routes ggml's messages. Light to import (the window sets `settings` at start-up): nothing
native is loaded here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rio_desktop.engine.llama_log import LlamaLog
from rio_desktop.i18n import Message


@dataclass
class BackendSettings:
    """Set once at start from the settings (backend_config.configure); read by backend_probe.ensure()."""

    state_dir: Path | None = None  # where the probe's choices are remembered (default: the data folder)
    cpu_variant: str = ""  # forced in the settings; "" for the probe's choice
    use_gpu: bool = True


@dataclass
class LoadedBackends:
    """What ggml_backends.load() loaded."""

    dynamic: bool  # False: a build with the CPU backend linked in
    cpu_variant: str  # the variant's name, or "built-in"
    cpu_path: Path | None
    cpu_features: list[str] = field(default_factory=list)
    gpu_modules: list[str] = field(default_factory=list)  # e.g. ["vulkan"]
    gpu_failed: dict[str, str] = field(default_factory=dict)  # module -> why it is not used


@dataclass
class Preparation:
    """What backend_probe.ensure() settled: the backends, the probe's remembered entry, what to tell the clerk."""

    backends: LoadedBackends
    remembered: dict[str, Any]
    notices: list[Message] = field(default_factory=list)


class NativeLlama:
    def __init__(self) -> None:
        self.settings = BackendSettings()
        self.log = LlamaLog()
        self.backends: LoadedBackends | None = None
        self.preparation: Preparation | None = None
        self.module: Any = None  # llama_cpp, imported on first use
        self.probe_log_callback: Any = None  # the probe child's silent log callback, alive until exit
        self.load_lock = threading.Lock()  # one thread loads ggml's backends
        self.ensure_lock = threading.Lock()  # one thread probes; the others wait for its answer


NATIVE = NativeLlama()
