"""What this machine has: CPU, memory, disk, GPUs, and what the installed llama.cpp build can use.

NVIDIA GPUs are read through NVML (nvidia-ml-py) when the driver is there; Apple Silicon through the
platform (Metal, unified memory); anything else llama.cpp itself lists is reported as found. A machine
without any GPU library is not an error.
"""

from __future__ import annotations

import contextlib
import logging
import os
import platform
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rio_desktop.engine.cpu import cpu_model_and_flags

log = logging.getLogger(__name__)
CUDA_INSTALL = ('CMAKE_ARGS="-DGGML_CUDA=on" pip install --force-reinstall --no-cache-dir '
                '"llama-cpp-python==0.3.36"   (from a source checkout: LLAMA_BACKEND=cuda python3 dev.py run)')


@dataclass
class Gpu:
    name: str
    total_bytes: int
    free_bytes: int
    vendor: str = ""
    driver: str = ""
    cuda: str = ""
    unified: bool = False  # memory shared with the CPU (Apple Silicon)
    device: str = ""  # llama.cpp's name for it ("Vulkan0", "CUDA1"), when llama.cpp listed it


@dataclass
class Hardware:
    os: str
    cpu: dict[str, Any]
    ram: dict[str, int]
    disk: dict[str, Any]
    gpus: list[Gpu] = field(default_factory=list)
    llama_backends: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def gpu_free_bytes(self) -> list[int]:
        return [g.free_bytes for g in self.gpus if not g.unified]

    @property
    def gpu_names(self) -> list[str]:
        """The names the plan gives the GPUs of gpu_free_bytes: llama.cpp's where known."""
        return [g.device or f"GPU{i}" for i, g in enumerate(g for g in self.gpus if not g.unified)]


def nvidia_gpus(nvml: Any = None) -> list[Gpu]:
    """Every NVIDIA GPU through NVML; empty when the library or the driver is missing."""
    try:
        if nvml is None:
            import pynvml as nvml  # nvidia-ml-py
        nvml.nvmlInit()
    except Exception as exc:  # no library, no driver, no GPU: all ordinary
        log.debug("NVML not available: %s", exc)
        return []
    try:
        driver = nvml.nvmlSystemGetDriverVersion()
        cuda_raw = nvml.nvmlSystemGetCudaDriverVersion()
        cuda = f"{cuda_raw // 1000}.{cuda_raw % 1000 // 10}" if cuda_raw else ""
        gpus = []
        for index in range(nvml.nvmlDeviceGetCount()):
            handle = nvml.nvmlDeviceGetHandleByIndex(index)
            memory = nvml.nvmlDeviceGetMemoryInfo(handle)
            name = nvml.nvmlDeviceGetName(handle)
            gpus.append(Gpu(name=name.decode() if isinstance(name, bytes) else str(name),
                            total_bytes=int(memory.total), free_bytes=int(memory.free), vendor="NVIDIA",
                            driver=driver.decode() if isinstance(driver, bytes) else str(driver), cuda=cuda))
        return gpus
    except Exception as exc:
        log.warning("NVML answered with an error: %s", exc)
        return []
    finally:
        with contextlib.suppress(Exception):
            nvml.nvmlShutdown()


def detect(models_dir: Path | None = None, nvml: Any = None, with_llama: bool = True) -> Hardware:
    model, flags = cpu_model_and_flags()
    import psutil  # here, not at the top: the GUI imports this module at start

    memory = psutil.virtual_memory()
    disk_path = models_dir if models_dir and models_dir.exists() else Path.home()
    usage = shutil.disk_usage(disk_path)
    gpus = nvidia_gpus(nvml)
    if platform.system() == "Darwin" and platform.machine() == "arm64":
        gpus.append(Gpu(name="Apple Silicon GPU (Metal)", total_bytes=memory.total, free_bytes=memory.available,
                        vendor="Apple", unified=True))
    backends: list[str] = []
    if with_llama:
        from rio_desktop.engine import devices

        backends = devices.backend_names()
        known = {g.name for g in gpus}
        for device in devices.backend_devices():
            if device.kind in ("GPU", "iGPU") and device.description not in known and not any(
                    g.vendor == "NVIDIA" for g in gpus):
                gpus.append(Gpu(name=device.description or device.name, total_bytes=device.total_bytes,
                                free_bytes=device.free_bytes, vendor=device.name, device=device.name))
    advice = []
    if any(g.vendor == "NVIDIA" for g in gpus) and with_llama and "CUDA" not in backends:
        advice.append("An NVIDIA GPU is present but the installed llama.cpp is CPU-only. Install the CUDA build: "
                      + CUDA_INSTALL)
    return Hardware(
        os=f"{platform.system()} {platform.release()}",
        cpu={"model": model, "physical_cores": psutil.cpu_count(logical=False) or os.cpu_count() or 1,
             "logical_cores": psutil.cpu_count() or 1, "flags": flags, "machine": platform.machine()},
        ram={"total_bytes": int(memory.total), "available_bytes": int(memory.available)},
        disk={"path": str(disk_path), "free_bytes": int(usage.free), "total_bytes": int(usage.total)},
        gpus=gpus, llama_backends=backends, advice=advice,
    )
